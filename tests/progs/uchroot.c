/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * chroot(2), no libc, as root: its errors (ENOENT, ENOTDIR, EFAULT,
 * EACCES before EPERM, EPERM without the capability), then in a child:
 * absolute paths start at the new root, ".." and symbolic links stop at
 * it (path_resolution(7)), getcwd is relative to it, a forked child
 * inherits it and an execve'd program keeps it.  Works in a scratch
 * directory, /tmp/uchroot.d (removed first and after).  Exits 0 if all
 * held.
 *   uchroot            the checks
 *   uchroot inside     (run by execve inside the new root) exit 0 if
 *                      the root is still the scratch directory
 */
#include "usys.h"

#define SYS_open	2
#define SYS_close	3
#define SYS_stat	4
#define SYS_fork	57
#define SYS_getpid	39
#define SYS_readlink	89
#define SYS_mount	165
#define SYS_execve	59
#define SYS_wait4	61
#define SYS_getcwd	79
#define SYS_chdir	80
#define SYS_rename	82
#define SYS_mkdir	83
#define SYS_rmdir	84
#define SYS_link	86
#define SYS_unlink	87
#define SYS_symlink	88
#define SYS_setresuid	117
#define SYS_chroot	161
#define SYS_exit_group	231

#define O_CREAT		0100
#define O_WRONLY	1

#define EPERM		1
#define ENOENT		2
#define EFAULT		14
#define ENOTDIR		20
#define EACCES		13

#define D		"/tmp/uchroot.d"

static int failed;
static char **my_argv;

static void
check_r(const char *what, long r, long want)
{
	usys_check("uchroot", what, r == want, &failed);
	if (r != want) {
		usys_say("  got ");
		usys_say_num(r);
		usys_say(" want ");
		usys_say_num(want);
		usys_say("\n");
	}
}

static long
ino_of(const char *path)
{
	unsigned long st[18];

	if (usys(SYS_stat, (long)path, (long)st, 0, 0) != 0)
		return -1;
	return (long)st[1];
}

static long
exists(const char *path)
{
	return ino_of(path) >= 0;
}

static long
run_child(void (*fn)(void))
{
	long pid = usys(SYS_fork, 0, 0, 0, 0);
	int status = -1;

	if (pid == 0) {
		fn();
		usys(SYS_exit_group, failed, 0, 0, 0);
	}
	usys(SYS_wait4, pid, (long)&status, 0, 0);
	return status;
}

static void
cleanup(void)
{
	usys(SYS_unlink, (long)D "/marker", 0, 0, 0);
	usys(SYS_unlink, (long)D "/abs", 0, 0, 0);
	usys(SYS_unlink, (long)D "/up", 0, 0, 0);
	usys(SYS_unlink, (long)D "/uchroot", 0, 0, 0);
	usys(SYS_rmdir, (long)D "/sub/deeper", 0, 0, 0);
	usys(SYS_rmdir, (long)D "/sub", 0, 0, 0);
	usys(SYS_rmdir, (long)D "/locked/in", 0, 0, 0);
	usys(SYS_rmdir, (long)D "/locked", 0, 0, 0);
	usys(SYS_rmdir, (long)D "/nosearch", 0, 0, 0);
	usys(SYS_rmdir, (long)D, 0, 0, 0);
}

static void
as_nobody(void)
{
	if (usys(SYS_setresuid, 65534, 65534, 65534, 0) != 0)
		usys(SYS_exit_group, 9, 0, 0, 0);
	check_r("as nobody: EPERM", usys(SYS_chroot, (long)D, 0, 0, 0),
	    -EPERM);
	/* Lookup and permission errors come before the capability. */
	check_r("as nobody, through a dir it may not search: EACCES",
	    usys(SYS_chroot, (long)D "/locked/in", 0, 0, 0), -EACCES);
	check_r("as nobody, a dir it may not search: EACCES",
	    usys(SYS_chroot, (long)D "/nosearch", 0, 0, 0), -EACCES);
	check_r("as nobody, no such dir: ENOENT",
	    usys(SYS_chroot, (long)D "/none", 0, 0, 0), -ENOENT);
}

static void
grandchild(void)
{
	check_r("a forked child inherits the root", exists("/marker"), 1);
}

static void
inside(void)
{
	char buf[64];
	long r, root_ino;
	char *argv[] = { "uchroot", "inside", 0 };

	check_r("chroot: 0", usys(SYS_chroot, (long)D, 0, 0, 0), 0);
	check_r("chdir(\"/\"): 0", usys(SYS_chdir, (long)"/", 0, 0, 0), 0);
	root_ino = ino_of("/");
	check_r("absolute paths start at the new root", exists("/marker"), 1);
	check_r("the old tree is out of reach", exists(D "/marker"), 0);
	check_r("\"/..\" is \"/\"", ino_of("/.."), root_ino);
	check_r("\"..\" at the root is the root", ino_of(".."), root_ino);
	check_r("\"/../../marker\" stays inside", exists("/../../marker"), 1);
	check_r("an absolute symlink resolves inside", exists("/abs"), 1);
	check_r("a symlink climbing up stops at the root",
	    exists("/up/marker"), 1);
	r = usys(SYS_getcwd, (long)buf, sizeof(buf), 0, 0);
	check_r("getcwd is relative to the root", r == 2 && buf[0] == '/' &&
	    buf[1] == '\0', 1);
	check_r("chdir(\"/sub/deeper/../../..\") lands on the root",
	    usys(SYS_chdir, (long)"/sub/deeper/../../..", 0, 0, 0) == 0 &&
	    ino_of(".") == root_ino, 1);
	check_r("...as a forked child sees it", run_child(grandchild), 0);
	/* execve keeps the root: the program is found in it, and sees it. */
	r = usys(SYS_fork, 0, 0, 0, 0);
	if (r == 0) {
		usys(SYS_execve, (long)"/uchroot", (long)argv, 0, 0);
		usys(SYS_exit_group, 8, 0, 0, 0);
	} else {
		int status = -1;

		usys(SYS_wait4, r, (long)&status, 0, 0);
		check_r("execve inside keeps the root", status, 0);
	}
}

void
cstart(long *sp)
{
	long argc = sp[0];

	my_argv = (char **)(sp + 1);
	if (argc == 2 && my_argv[1][0] == 'i')		/* "inside" */
		usys(SYS_exit_group, exists("/marker") && exists("/abs") &&
		    !exists(D) ? 0 : 1, 0, 0, 0);
	cleanup();
	usys(SYS_mkdir, (long)D, 0755, 0, 0);
	usys(SYS_mkdir, (long)D "/sub", 0755, 0, 0);
	usys(SYS_mkdir, (long)D "/sub/deeper", 0755, 0, 0);
	usys(SYS_mkdir, (long)D "/locked", 0700, 0, 0);
	usys(SYS_mkdir, (long)D "/locked/in", 0755, 0, 0);
	usys(SYS_mkdir, (long)D "/nosearch", 0600, 0, 0);
	usys(SYS_close, usys(SYS_open, (long)D "/marker", O_CREAT | O_WRONLY,
	    0644, 0), 0, 0, 0);
	usys(SYS_symlink, (long)"/marker", (long)D "/abs", 0, 0);
	usys(SYS_symlink, (long)"../../../..", (long)D "/up", 0, 0);
	check_r("set-up: the program is linked into the new root",
	    usys(SYS_link, (long)my_argv[0], (long)D "/uchroot", 0, 0), 0);

	check_r("no such directory: ENOENT", usys(SYS_chroot,
	    (long)D "/none", 0, 0, 0), -ENOENT);
	check_r("empty path: ENOENT", usys(SYS_chroot, (long)"", 0, 0, 0),
	    -ENOENT);
	check_r("a file: ENOTDIR", usys(SYS_chroot, (long)D "/marker", 0, 0,
	    0), -ENOTDIR);
	check_r("a file as a directory: ENOTDIR", usys(SYS_chroot,
	    (long)D "/marker/x", 0, 0, 0), -ENOTDIR);
	check_r("a bad pointer: EFAULT", usys(SYS_chroot, 8, 0, 0, 0),
	    -EFAULT);
	check_r("the refusals as nobody", run_child(as_nobody), 0);
	check_r("the checks inside the new root", run_child(inside), 0);
	check_r("the parent keeps its own root", exists(D "/marker"), 1);
	{
		char buf[16] = { 0 };

		/* As init in a guest, /proc may not be mounted yet. */
		if (!exists("/proc/self") && usys(SYS_getpid, 0, 0, 0, 0) == 1)
			usys6(SYS_mount, (long)"proc", (long)"/proc",
			    (long)"proc", 0, 0, 0);
		check_r("readlink /proc/self/root: \"/\"", usys(SYS_readlink,
		    (long)"/proc/self/root", (long)buf, sizeof(buf), 0) == 1 &&
		    buf[0] == '/', 1);
	}
	cleanup();
	usys_finish("uchroot", failed);
}

USYS_START;
