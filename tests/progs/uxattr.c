/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * tmpfs's extended attributes, O_TMPFILE and holes, against what Linux
 * does: set/get/list/remove in the path, l* and f* forms; XATTR_CREATE
 * and XATTR_REPLACE; -ERANGE for a short buffer and the length for size
 * 0; -E2BIG, -ERANGE and -EOPNOTSUPP for bad values and names; user.*
 * only on files and directories, by the mode bits; trusted.* and
 * security.* for the privileged only, security.capability checked;
 * -EOPNOTSUPP on ramfs; -ENOSPC at
 * the mount's room, given back with the file.  O_TMPFILE: its errors, a
 * file with no name and link count 0, named by linkat through
 * AT_EMPTY_PATH and /proc/self/fd/N (not with O_EXCL, nor after its
 * name went).  SEEK_DATA and SEEK_HOLE over a sparse file, and
 * fallocate's PUNCH_HOLE making a hole they find.  Runs as root, mounts
 * its own tmpfs and ramfs under /tmp.  Static, with the C library, so
 * it runs on the host as the reference.  Prints one line per check and
 * exits 0 if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef O_TMPFILE
#define O_TMPFILE (020000000 | O_DIRECTORY)
#endif
#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE	0x01
#endif
#ifndef FALLOC_FL_PUNCH_HOLE
#define FALLOC_FL_PUNCH_HOLE	0x02
#endif

#define DIR_T	"/tmp/uxattr.t"		/* a tmpfs */
#define DIR_R	"/tmp/uxattr.r"		/* a ramfs */
#define PG	4096

static int failed;

static void
check(const char *what, int ok)
{
	printf("uxattr: %s %s\n", ok ? "ok" : "FAILED", what);
	fflush(stdout);
	if (!ok)
		failed = 1;
}

/* Did call r fail with errno e? */
static int
err(long r, int e)
{
	return r == -1 && errno == e;
}

static int
mkfile(const char *path, mode_t mode)
{
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, mode);

	if (fd >= 0)
		fchmod(fd, mode);
	return fd;
}

static void
xattr_basics(void)
{
	char buf[256], big[300];
	static char val[65537];
	int fd = mkfile(DIR_T "/f", 0644);
	long n;

	check("a file on the tmpfs", fd >= 0);
	check("setxattr user.a", setxattr(DIR_T "/f", "user.a", "v1", 2, 0) == 0);
	check("getxattr size 0 is the length",
	    getxattr(DIR_T "/f", "user.a", NULL, 0) == 2);
	n = getxattr(DIR_T "/f", "user.a", buf, sizeof(buf));
	check("getxattr the value", n == 2 && memcmp(buf, "v1", 2) == 0);
	check("getxattr short buffer: ERANGE",
	    err(getxattr(DIR_T "/f", "user.a", buf, 1), ERANGE));
	check("XATTR_CREATE on an existing one: EEXIST",
	    err(setxattr(DIR_T "/f", "user.a", "x", 1, XATTR_CREATE), EEXIST));
	check("XATTR_REPLACE on a missing one: ENODATA",
	    err(setxattr(DIR_T "/f", "user.b", "x", 1, XATTR_REPLACE), ENODATA));
	check("unknown flags: EINVAL",
	    err(setxattr(DIR_T "/f", "user.b", "x", 1, 4), EINVAL));
	check("XATTR_REPLACE replaces",
	    setxattr(DIR_T "/f", "user.a", "value2", 6, XATTR_REPLACE) == 0 &&
	    getxattr(DIR_T "/f", "user.a", buf, sizeof(buf)) == 6 &&
	    memcmp(buf, "value2", 6) == 0);
	check("XATTR_CREATE creates, an empty value",
	    setxattr(DIR_T "/f", "user.b", "", 0, XATTR_CREATE) == 0 &&
	    getxattr(DIR_T "/f", "user.b", buf, sizeof(buf)) == 0);
	check("listxattr size 0 is the length",
	    listxattr(DIR_T "/f", NULL, 0) == 14);
	n = listxattr(DIR_T "/f", buf, sizeof(buf));
	/* In an order of the filesystem's (Linux's tmpfs: by name, down). */
	check("listxattr the names", n == 14 &&
	    (memcmp(buf, "user.a\0user.b\0", 14) == 0 ||
	    memcmp(buf, "user.b\0user.a\0", 14) == 0));
	check("listxattr short buffer: ERANGE",
	    err(listxattr(DIR_T "/f", buf, 13), ERANGE));
	check("flistxattr the names", fd >= 0 &&
	    flistxattr(fd, buf, sizeof(buf)) == 14);
	check("fgetxattr the value", fd >= 0 &&
	    fgetxattr(fd, "user.a", buf, sizeof(buf)) == 6);
	check("removexattr", removexattr(DIR_T "/f", "user.a") == 0);
	check("removexattr again: ENODATA",
	    err(removexattr(DIR_T "/f", "user.a"), ENODATA));
	check("getxattr of a removed one: ENODATA",
	    err(getxattr(DIR_T "/f", "user.a", buf, sizeof(buf)), ENODATA));
	check("fremovexattr", fd >= 0 && fremovexattr(fd, "user.b") == 0 &&
	    listxattr(DIR_T "/f", buf, sizeof(buf)) == 0);
	check("fsetxattr", fd >= 0 &&
	    fsetxattr(fd, "user.c", "c", 1, 0) == 0 &&
	    getxattr(DIR_T "/f", "user.c", buf, sizeof(buf)) == 1);

	/* Names and values. */
	check("an empty name: ERANGE",
	    err(setxattr(DIR_T "/f", "", "x", 1, 0), ERANGE));
	memset(big, 'n', sizeof(big));
	memcpy(big, "user.", 5);
	big[256] = '\0';
	check("a 256-byte name: ERANGE",
	    err(setxattr(DIR_T "/f", big, "x", 1, 0), ERANGE));
	big[255] = '\0';
	check("a 255-byte name works",
	    setxattr(DIR_T "/f", big, "x", 1, 0) == 0 &&
	    removexattr(DIR_T "/f", big) == 0);
	check("an unknown prefix: EOPNOTSUPP",
	    err(setxattr(DIR_T "/f", "foo.bar", "x", 1, 0), EOPNOTSUPP) &&
	    err(getxattr(DIR_T "/f", "foo.bar", buf, 1), EOPNOTSUPP));
	check("the prefix alone: EINVAL",
	    err(setxattr(DIR_T "/f", "user.", "x", 1, 0), EINVAL));
	check("a value past 64 KiB: E2BIG",
	    err(setxattr(DIR_T "/f", "user.big", val, 65537, 0), E2BIG));
	memset(val, 'v', 65536);
	check("a 64 KiB value works",
	    setxattr(DIR_T "/f", "user.big", val, 65536, 0) == 0 &&
	    getxattr(DIR_T "/f", "user.big", NULL, 0) == 65536 &&
	    getxattr(DIR_T "/f", "user.big", val, 65536) == 65536 &&
	    removexattr(DIR_T "/f", "user.big") == 0);
	check("a bad value pointer: EFAULT",
	    err(setxattr(DIR_T "/f", "user.d", (void *)8, 4, 0), EFAULT));
	check("a missing file: ENOENT",
	    err(setxattr(DIR_T "/none", "user.d", "x", 1, 0), ENOENT) &&
	    err(getxattr(DIR_T "/none", "user.d", buf, 1), ENOENT));
	if (fd >= 0)
		close(fd);
}

static void
xattr_kinds(void)
{
	char buf[64];
	int fd;

	check("a directory takes user.*",
	    mkdir(DIR_T "/d", 0755) == 0 &&
	    setxattr(DIR_T "/d", "user.x", "d", 1, 0) == 0 &&
	    getxattr(DIR_T "/d", "user.x", buf, sizeof(buf)) == 1);
	check("a symbolic link",
	    symlink("f", DIR_T "/l") == 0);
	check("lsetxattr user.* on a link: EPERM",
	    err(lsetxattr(DIR_T "/l", "user.x", "l", 1, 0), EPERM));
	check("lgetxattr user.* on a link: ENODATA",
	    err(lgetxattr(DIR_T "/l", "user.x", buf, sizeof(buf)), ENODATA));
	check("setxattr follows the link",
	    setxattr(DIR_T "/l", "user.viaLink", "1", 1, 0) == 0 &&
	    getxattr(DIR_T "/f", "user.viaLink", buf, sizeof(buf)) == 1);
	check("llistxattr of the link is empty",
	    llistxattr(DIR_T "/l", buf, sizeof(buf)) == 0);
	check("lsetxattr trusted.* on a link works (root)",
	    lsetxattr(DIR_T "/l", "trusted.x", "t", 1, 0) == 0 &&
	    llistxattr(DIR_T "/l", buf, sizeof(buf)) == 10);
	check("a FIFO refuses user.*: EPERM",
	    mkfifo(DIR_T "/p", 0644) == 0 &&
	    err(setxattr(DIR_T "/p", "user.x", "p", 1, 0), EPERM));
	fd = open(DIR_T "/f", O_PATH);
	check("f* on an O_PATH descriptor: EBADF", fd >= 0 &&
	    err(fsetxattr(fd, "user.x", "x", 1, 0), EBADF));
	if (fd >= 0)
		close(fd);
	check("f* on a closed descriptor: EBADF",
	    err(fgetxattr(99, "user.x", buf, 1), EBADF) &&
	    err(flistxattr(99, buf, 1), EBADF) &&
	    err(fremovexattr(99, "user.x"), EBADF));
	fd = open(DIR_T "/f", O_RDONLY);
	check("fsetxattr through a read-only descriptor works", fd >= 0 &&
	    fsetxattr(fd, "user.ro", "r", 1, 0) == 0);
	if (fd >= 0)
		close(fd);
	check("trusted.* and security.* as root",
	    setxattr(DIR_T "/f", "trusted.t", "t", 1, 0) == 0 &&
	    setxattr(DIR_T "/f", "security.s", "s", 1, 0) == 0 &&
	    getxattr(DIR_T "/f", "trusted.t", buf, sizeof(buf)) == 1);
	{
		/* struct vfs_cap_data, revision 2: CAP_NET_RAW permitted. */
		unsigned int cap2[5] = { 0x02000000, 1u << 13, 0, 0, 0 };

		check("security.capability: a bad one EINVAL, a revision-2 "
		    "one kept", mkfile(DIR_T "/capf", 0755) >= 0 &&
		    err(setxattr(DIR_T "/capf", "security.capability", "abcde",
		    5, 0), EINVAL) && err(setxattr(DIR_T "/capf",
		    "security.capability", cap2, 12, 0), EINVAL) &&
		    setxattr(DIR_T "/capf", "security.capability", cap2, 20,
		    0) == 0 && getxattr(DIR_T "/capf", "security.capability",
		    buf, sizeof(buf)) == 20 && memcmp(buf, cap2, 20) == 0);
	}
	check("system.* is not kept: EOPNOTSUPP",
	    err(setxattr(DIR_T "/f", "system.foo", "s", 1, 0), EOPNOTSUPP));
	check("a ramfs keeps none: EOPNOTSUPP",
	    mkfile(DIR_R "/f", 0644) >= 0 &&
	    err(setxattr(DIR_R "/f", "user.x", "x", 1, 0), EOPNOTSUPP) &&
	    err(getxattr(DIR_R "/f", "user.x", buf, 1), EOPNOTSUPP) &&
	    listxattr(DIR_R "/f", buf, sizeof(buf)) == 0);
}

/* As an unprivileged user (a child): the namespace rules. */
static void
xattr_unprivileged(void)
{
	int status = -1;
	pid_t pid;

	mkfile(DIR_T "/mine", 0644);
	chown(DIR_T "/mine", 65534, 65534);
	mkfile(DIR_T "/secret", 0600);
	setxattr(DIR_T "/secret", "user.s", "s", 1, 0);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		char buf[256];
		long n;
		int bad = 0;

		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(100);
		if (!err(setxattr(DIR_T "/f", "trusted.u", "u", 1, 0), EPERM))
			bad |= 1;
		if (!err(getxattr(DIR_T "/f", "trusted.t", buf, 8), ENODATA))
			bad |= 2;
		/* The list hides trusted.* (security.s and user.* stay). */
		n = listxattr(DIR_T "/f", buf, sizeof(buf));
		if (n <= 0 || memmem(buf, (size_t)n, "trusted.", 8) != NULL ||
		    memmem(buf, (size_t)n, "security.s", 10) == NULL)
			bad |= 4;
		if (!err(setxattr(DIR_T "/f", "user.u", "u", 1, 0), EACCES))
			bad |= 8;
		if (!err(getxattr(DIR_T "/secret", "user.s", buf, 8), EACCES))
			bad |= 16;
		if (!err(setxattr(DIR_T "/mine", "security.u", "u", 1, 0),
		    EPERM))
			bad |= 32;
		if (setxattr(DIR_T "/mine", "user.u", "u", 1, 0) != 0)
			bad |= 64;
		if (!err(removexattr(DIR_T "/f", "user.c"), EACCES))
			bad |= 128;
		_exit(bad);
	}
	waitpid(pid, &status, 0);
	check("unprivileged: trusted.* EPERM to set, ENODATA to get, hidden "
	    "from lists; user.* by the mode bits (EACCES); security.* EPERM "
	    "to set", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		printf("uxattr: child status %#x\n", status);
}

/* The mount's room: -ENOSPC, and given back with the file. */
static void
xattr_room(void)
{
	static char val[4000];
	char name[32];
	int i, fd;

	fd = mkfile(DIR_T "/full", 0644);
	for (i = 0; i < 100000; i++) {
		snprintf(name, sizeof(name), "user.n%d", i);
		if (setxattr(DIR_T "/full", name, val, sizeof(val), 0) != 0)
			break;
	}
	check("attributes run into ENOSPC", fd >= 0 && errno == ENOSPC &&
	    i > 0 && i < 100000);
	check("and a new file gets none",
	    mkfile(DIR_T "/other", 0644) >= 0 &&
	    err(setxattr(DIR_T "/other", "user.x", val, sizeof(val), 0),
	    ENOSPC));
	close(fd);
	check("until the full file goes", unlink(DIR_T "/full") == 0 &&
	    setxattr(DIR_T "/other", "user.x", val, sizeof(val), 0) == 0);
}

static void
tmpfile_checks(void)
{
	char path[64], buf[16];
	struct stat st;
	mode_t old = umask(022);
	int fd, fd2, dfd;

	check("O_TMPFILE without write access: EINVAL",
	    err(open(DIR_T, O_TMPFILE | O_RDONLY, 0600), EINVAL));
	check("O_TMPFILE with O_CREAT: EINVAL",
	    err(open(DIR_T, O_TMPFILE | O_CREAT | O_RDWR, 0600), EINVAL));
	check("O_TMPFILE without O_DIRECTORY: EINVAL",
	    err(open(DIR_T, 020000000 | O_RDWR, 0600), EINVAL));
	check("O_TMPFILE on a file: ENOTDIR",
	    err(open(DIR_T "/f", O_TMPFILE | O_RDWR, 0600), ENOTDIR));
	check("O_TMPFILE on a missing directory: ENOENT",
	    err(open(DIR_T "/none", O_TMPFILE | O_RDWR, 0600), ENOENT));
	check("O_TMPFILE on /proc: EOPNOTSUPP",
	    err(open("/proc", O_TMPFILE | O_RDWR, 0600), EOPNOTSUPP));

	mkdir(DIR_T "/td", 0755);
	fd = open(DIR_T "/td", O_TMPFILE | O_RDWR, 0666);
	check("O_TMPFILE in a tmpfs directory", fd >= 0);
	check("it has no name, link count 0, mode less umask",
	    fd >= 0 && fstat(fd, &st) == 0 && st.st_nlink == 0 &&
	    S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644 &&
	    rmdir(DIR_T "/td") == 0 && mkdir(DIR_T "/td", 0755) == 0);
	check("it is read and written",
	    fd >= 0 && write(fd, "tmpdata", 7) == 7 &&
	    pread(fd, buf, 7, 0) == 7 && memcmp(buf, "tmpdata", 7) == 0);
	check("linkat AT_EMPTY_PATH names it",
	    fd >= 0 && linkat(fd, "", AT_FDCWD, DIR_T "/td/named",
	    AT_EMPTY_PATH) == 0 && stat(DIR_T "/td/named", &st) == 0 &&
	    st.st_nlink == 1 && st.st_size == 7);
	check("named once, removed, it is not named again: ENOENT",
	    unlink(DIR_T "/td/named") == 0 && err(linkat(fd, "", AT_FDCWD,
	    DIR_T "/td/again", AT_EMPTY_PATH), ENOENT));
	if (fd >= 0)
		close(fd);

	fd = open(DIR_T "/td", O_TMPFILE | O_WRONLY, 0600);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	check("linkat through /proc/self/fd/N, AT_SYMLINK_FOLLOW",
	    fd >= 0 && write(fd, "abc", 3) == 3 &&
	    linkat(AT_FDCWD, path, AT_FDCWD, DIR_T "/td/viaproc",
	    AT_SYMLINK_FOLLOW) == 0 && stat(DIR_T "/td/viaproc", &st) == 0 &&
	    st.st_size == 3);
	if (fd >= 0)
		close(fd);

	fd = open(DIR_T "/td", O_TMPFILE | O_RDWR | O_EXCL, 0600);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	check("O_EXCL: never named (ENOENT)", fd >= 0 &&
	    err(linkat(fd, "", AT_FDCWD, DIR_T "/td/x", AT_EMPTY_PATH),
	    ENOENT) && err(linkat(AT_FDCWD, path, AT_FDCWD, DIR_T "/td/x",
	    AT_SYMLINK_FOLLOW), ENOENT));
	dfd = open(path, O_RDONLY);
	check("/proc/self/fd/N of a file with no name opens it",
	    dfd >= 0 && fstat(dfd, &st) == 0 && st.st_nlink == 0);
	if (dfd >= 0)
		close(dfd);
	if (fd >= 0)
		close(fd);

	fd = mkfile(DIR_T "/td/gone", 0644);
	fd2 = -1;
	if (fd >= 0) {
		(void)!write(fd, "gone", 4);
		unlink(DIR_T "/td/gone");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		fd2 = open(path, O_RDONLY);
	}
	check("an unlinked file through /proc/self/fd/N reads, but is not "
	    "named again", fd2 >= 0 && read(fd2, buf, 4) == 4 &&
	    memcmp(buf, "gone", 4) == 0 && err(linkat(AT_FDCWD, path,
	    AT_FDCWD, DIR_T "/td/back", AT_SYMLINK_FOLLOW), ENOENT));
	if (fd2 >= 0)
		close(fd2);
	if (fd >= 0)
		close(fd);
	umask(old);
}

static void
seek_checks(void)
{
	int fd = mkfile(DIR_T "/sparse", 0644);
	char buf[PG];
	int zero = 1;

	check("a sparse file: 10 pages, data in pages 3 and 7",
	    fd >= 0 && ftruncate(fd, 10 * PG) == 0 &&
	    pwrite(fd, "x", 1, 3 * PG + 5) == 1 &&
	    pwrite(fd, "y", 1, 7 * PG) == 1);
	check("SEEK_DATA from 0: page 3", lseek(fd, 0, SEEK_DATA) == 3 * PG);
	check("SEEK_HOLE from 0: 0", lseek(fd, 0, SEEK_HOLE) == 0);
	check("SEEK_DATA inside data stays",
	    lseek(fd, 3 * PG + 100, SEEK_DATA) == 3 * PG + 100);
	check("SEEK_HOLE from data: its end",
	    lseek(fd, 3 * PG + 100, SEEK_HOLE) == 4 * PG);
	check("SEEK_DATA from a hole: the next data",
	    lseek(fd, 4 * PG + 5, SEEK_DATA) == 7 * PG);
	check("SEEK_DATA past the last data: ENXIO",
	    err(lseek(fd, 8 * PG, SEEK_DATA), ENXIO));
	check("SEEK_HOLE in the last hole stays",
	    lseek(fd, 8 * PG + 1, SEEK_HOLE) == 8 * PG + 1);
	check("SEEK_HOLE and SEEK_DATA at the end: ENXIO",
	    err(lseek(fd, 10 * PG, SEEK_HOLE), ENXIO) &&
	    err(lseek(fd, 10 * PG, SEEK_DATA), ENXIO));
	check("a negative offset: ENXIO",
	    err(lseek(fd, -1, SEEK_DATA), ENXIO));
	check("PUNCH_HOLE|KEEP_SIZE over page 3",
	    fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
	    3 * PG, PG) == 0 && lseek(fd, 0, SEEK_DATA) == 7 * PG &&
	    lseek(fd, 0, SEEK_END) == 10 * PG);
	check("the hole reads as zeros",
	    pread(fd, buf, PG, 3 * PG) == PG);
	for (int i = 0; i < PG; i++)
		if (buf[i] != 0)
			zero = 0;
	check("(all of it)", zero);
	check("a punch inside a page zeros, the page stays data",
	    pwrite(fd, "abcdef", 6, 7 * PG) == 6 &&
	    fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
	    7 * PG + 1, 2) == 0 && pread(fd, buf, 6, 7 * PG) == 6 &&
	    memcmp(buf, "a\0\0def", 6) == 0 &&
	    lseek(fd, 0, SEEK_DATA) == 7 * PG);
	check("PUNCH_HOLE without KEEP_SIZE: EOPNOTSUPP",
	    err(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, PG), EOPNOTSUPP));
	if (fd >= 0)
		close(fd);
}

int
main(void)
{
	mkdir("/tmp", 01777);
	/* As init, /proc is ours to mount (on a host it is there). */
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	mkdir(DIR_T, 0755);
	mkdir(DIR_R, 0755);
	/* Few inodes on Linux: its xattr room follows them (Jiny's is its
	 * own fixed room), so both reach ENOSPC quickly. */
	check("mount a tmpfs", mount("tmpfs", DIR_T, "tmpfs", 0,
	    "nr_inodes=256") == 0);
	check("mount a ramfs", mount("ramfs", DIR_R, "ramfs", 0, NULL) == 0);
	xattr_basics();
	xattr_kinds();
	xattr_unprivileged();
	xattr_room();
	tmpfile_checks();
	seek_checks();
	check("unmount", umount2(DIR_T, MNT_DETACH) == 0 &&
	    umount2(DIR_R, MNT_DETACH) == 0);
	rmdir(DIR_T);
	rmdir(DIR_R);
	if (failed)
		return 1;
	printf("uxattr: done, all checks passed\n");
	return 0;
}
