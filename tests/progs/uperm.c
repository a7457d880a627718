/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * File permissions from ring 3, no libc: root sets up files and a
 * directory, then a child that became uid 1000 is refused (EACCES) what
 * the mode bits forbid and granted what they allow, for open, create,
 * unlink, access and execve, and for search permission on the
 * directories a path passes through (symbolic links' targets and chdir
 * included).  Exits 0 if every check held.
 */
#include "usys.h"

#define SYS_open	2
#define SYS_close	3
#define SYS_access	21
#define SYS_fork	57
#define SYS_execve	59
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_chdir	80
#define SYS_mkdir	83
#define SYS_unlink	87
#define SYS_symlink	88
#define SYS_chmod	90
#define SYS_setgid	106
#define SYS_setuid	105
#define O_RDONLY	0
#define O_WRONLY	1
#define O_CREAT		0100
#define O_DIRECTORY	0200000
#define EACCES		13

static int failed;

static void
check(const char *what, int ok)
{
	usys_check("uperm", what, ok, &failed);
}

static long
make(const char *path, long mode)
{
	long fd = usys(SYS_open, (long)path, O_WRONLY | O_CREAT, mode, 0);

	usys(1, fd, (long)"#!/bin/busybox sh\n", 18, 0);
	usys(SYS_close, fd, 0, 0, 0);
	return usys(SYS_chmod, (long)path, mode, 0, 0);
}

static void
as_user(void)
{
	char *const argv[] = { "/perm/noexec", 0 };
	char *const envp[] = { 0 };
	long fd;

	check("setuid to 1000", usys(SYS_setgid, 1000, 0, 0, 0) == 0 &&
	    usys(SYS_setuid, 1000, 0, 0, 0) == 0);
	check("a 0600 root file cannot be read",
	    usys(SYS_open, (long)"/perm/secret", O_RDONLY, 0, 0) == -EACCES);
	fd = usys(SYS_open, (long)"/perm/public", O_RDONLY, 0, 0);
	check("a 0644 root file can be read", fd >= 0);
	usys(SYS_close, fd, 0, 0, 0);
	check("nor written", usys(SYS_open, (long)"/perm/public", O_WRONLY, 0,
	    0) == -EACCES);
	check("no file can be made in a 0755 root directory",
	    usys(SYS_open, (long)"/perm/new", O_WRONLY | O_CREAT, 0644, 0) ==
	    -EACCES);
	check("nor removed from it",
	    usys(SYS_unlink, (long)"/perm/public", 0, 0, 0) == -EACCES);
	check("access(R_OK) says the same with the real ids",
	    usys(SYS_access, (long)"/perm/secret", 4, 0, 0) == -EACCES &&
	    usys(SYS_access, (long)"/perm/public", 4, 0, 0) == 0);
	check("a 0744 file is not executable by others",
	    usys(SYS_execve, (long)argv[0], (long)argv, (long)envp, 0) ==
	    -EACCES);
	check("nothing is found through a 0700 root directory",
	    usys(SYS_open, (long)"/perm/closed/f", O_RDONLY, 0, 0) ==
	    -EACCES && usys(SYS_access, (long)"/perm/closed/f", 0, 0, 0) ==
	    -EACCES && usys(SYS_open, (long)"/perm/closed/../public",
	    O_RDONLY, 0, 0) == -EACCES);
	check("nor through a symbolic link into it",
	    usys(SYS_open, (long)"/perm/link", O_RDONLY, 0, 0) == -EACCES);
	check("nor can it be the working directory",
	    usys(SYS_chdir, (long)"/perm/closed", 0, 0, 0) == -EACCES);
	fd = usys(SYS_open, (long)"/perm/xonly/f", O_RDONLY, 0, 0);
	check("a 0711 directory lets names be looked up", fd >= 0 &&
	    usys(SYS_chdir, (long)"/perm/xonly", 0, 0, 0) == 0);
	usys(SYS_close, fd, 0, 0, 0);
	check("but not listed", usys(SYS_open, (long)"/perm/xonly",
	    O_RDONLY | O_DIRECTORY, 0, 0) == -EACCES);
	usys(SYS_exit, failed, 0, 0, 0);
}

void
cstart(void)
{
	long pid;
	int st = -1;

	check("root sets up /perm", usys(SYS_mkdir, (long)"/perm", 0755, 0,
	    0) == 0 && make("/perm/secret", 0600) == 0 &&
	    make("/perm/public", 0644) == 0 && make("/perm/noexec", 0744) == 0 &&
	    usys(SYS_mkdir, (long)"/perm/closed", 0700, 0, 0) == 0 &&
	    make("/perm/closed/f", 0644) == 0 &&
	    usys(SYS_mkdir, (long)"/perm/xonly", 0711, 0, 0) == 0 &&
	    make("/perm/xonly/f", 0644) == 0 &&
	    usys(SYS_symlink, (long)"/perm/closed/f", (long)"/perm/link", 0,
	    0) == 0);
	check("root reads a 0600 file",
	    usys(SYS_close, usys(SYS_open, (long)"/perm/secret", O_RDONLY, 0,
	    0), 0, 0, 0) == 0);
	check("root may not run a file with no x bit",
	    make("/perm/nox", 0644) == 0 &&
	    usys(SYS_access, (long)"/perm/nox", 1, 0, 0) == -EACCES);
	pid = usys(SYS_fork, 0, 0, 0, 0);
	if (pid == 0)
		as_user();
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("the unprivileged child's checks held", st == 0);
	usys_finish("uperm", failed);
}

USYS_START;
