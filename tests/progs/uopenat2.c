/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * openat2(2), checked the way Linux answers: struct open_how's size
 * rules (below the first version -EINVAL, a larger struct whose tail is
 * not zeros -E2BIG, past a page -E2BIG, a tail that faults -EFAULT),
 * its flags (unknown bits, bits above 32, a mode without O_CREAT or
 * O_TMPFILE, a mode past 07777, O_PATH with other flags: -EINVAL, where
 * openat(2) would let them pass), the order of those checks against the
 * descriptor and the path, and each RESOLVE_* flag on a tree of its own:
 * RESOLVE_NO_SYMLINKS (any link followed, in the middle or at the end:
 * -ELOOP; O_PATH|O_NOFOLLOW still opens the link), RESOLVE_NO_MAGICLINKS
 * (/proc/self/exe and /proc/self/fd/N: -ELOOP; plain links pass),
 * RESOLVE_NO_XDEV (onto a mount, up from one, an absolute link:
 * -EXDEV; an absolute path to begin with is allowed), RESOLVE_BENEATH
 * (absolute paths and links, ".." above the descriptor's directory,
 * magic links: -EXDEV; ".." that stays below passes, and so do mounts
 * below), RESOLVE_IN_ROOT ("/" and ".." stop at the descriptor's
 * directory, for links too; O_CREAT makes the file there), the two
 * scoping flags together (-EINVAL), and RESOLVE_CACHED (-EAGAIN with
 * O_CREAT, O_TRUNC or O_TMPFILE, for a name tmpfs does not have and for
 * a magic link; a file just made opens).
 * It works in a tmpfs it mounts on /tmp/uopenat2 (a second one below),
 * so it runs the same on Linux (as root) and in Jiny.  Static, with the
 * C library; prints one line per check and exits 0 if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SYS_OPENAT2		437

#define RESOLVE_NO_XDEV		0x01
#define RESOLVE_NO_MAGICLINKS	0x02
#define RESOLVE_NO_SYMLINKS	0x04
#define RESOLVE_BENEATH		0x08
#define RESOLVE_IN_ROOT		0x10
#define RESOLVE_CACHED		0x20

#ifndef O_TMPFILE
#define O_TMPFILE		(020000000 | O_DIRECTORY)
#endif

struct how {			/* struct open_how, version 0 (24 bytes) */
	uint64_t	flags;
	uint64_t	mode;
	uint64_t	resolve;
};

#define TOP	"/tmp/uopenat2"
#define D	TOP "/d"

static int failed;

static void
check(const char *what, int ok)
{
	printf("uopenat2: %s %s\n", ok ? "ok" : "FAILED", what);
	fflush(stdout);
	if (!ok)
		failed = 1;
}

static long
openat2(int dfd, const char *path, const void *how, size_t size)
{
	return syscall(SYS_OPENAT2, dfd, path, how, size);
}

/* openat2 with a version-0 struct made of these. */
static long
o2(int dfd, const char *path, uint64_t flags, uint64_t mode,
    uint64_t resolve)
{
	struct how h = { flags, mode, resolve };

	return openat2(dfd, path, &h, sizeof(h));
}

/* Did r fail with errno e? */
static int
err(long r, int e)
{
	return r == -1 && errno == e;
}

/* Did r open a descriptor?  It is closed. */
static int
opened(long r)
{
	if (r < 0)
		return 0;
	close((int)r);
	return 1;
}

/* Did r open the file holding "hello"?  It is closed. */
static int
opened_f(long r)
{
	char buf[8] = { 0 };
	int ok;

	if (r < 0)
		return 0;
	ok = read((int)r, buf, sizeof(buf)) == 5 &&
	    memcmp(buf, "hello", 5) == 0;
	close((int)r);
	return ok;
}

static void
test_size(int dfd)
{
	char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct how *h = (struct how *)page;
	char *edge;

	check("map two pages", page != MAP_FAILED);
	memset(page, 0, 8192);
	h->flags = O_RDONLY;
	check("size 24 (version 0): opens", opened_f(openat2(dfd, "f", h, 24)));
	check("size 0: EINVAL", err(openat2(dfd, "f", h, 0), EINVAL));
	check("size 23: EINVAL", err(openat2(dfd, "f", h, 23), EINVAL));
	check("size 32, zero tail: opens", opened_f(openat2(dfd, "f", h, 32)));
	check("size 4096, zero tail: opens",
	    opened_f(openat2(dfd, "f", h, 4096)));
	check("size 4097: E2BIG", err(openat2(dfd, "f", h, 4097), E2BIG));
	page[100] = 1;
	check("size 101, byte 100 not zero: E2BIG",
	    err(openat2(dfd, "f", h, 101), E2BIG));
	check("size 100, byte 100 past it: opens",
	    opened_f(openat2(dfd, "f", h, 100)));
	page[100] = 0;
	check("struct at NULL: EFAULT", err(openat2(dfd, "f", NULL, 24),
	    EFAULT));
	munmap(page + 4096, 4096);
	edge = page + 4096 - 24;
	memcpy(edge, h, 24);
	check("24 bytes before an unmapped page: opens",
	    opened_f(openat2(dfd, "f", edge, 24)));
	check("size 25 across into the unmapped page: EFAULT",
	    err(openat2(dfd, "f", edge, 25), EFAULT));
	munmap(page, 4096);
}

static void
test_flags(int dfd)
{
	check("openat2 O_RDONLY: opens",
	    opened_f(o2(dfd, "f", O_RDONLY, 0, 0)));
	check("unknown flag bit 040: EINVAL",
	    err(o2(dfd, "f", 040, 0, 0), EINVAL));
	check("openat with bit 040 ignores it",
	    opened_f(openat(dfd, "f", 040)));
	check("flag bit 32: EINVAL",
	    err(o2(dfd, "f", 1ULL << 32, 0, 0), EINVAL));
	check("flag bit 63: EINVAL",
	    err(o2(dfd, "f", 1ULL << 63, 0, 0), EINVAL));
	check("mode without O_CREAT: EINVAL",
	    err(o2(dfd, "f", O_RDONLY, 0644, 0), EINVAL));
	check("O_CREAT, mode 010000 (past 07777): EINVAL",
	    err(o2(dfd, "new1", O_RDWR | O_CREAT, 010644, 0), EINVAL));
	check("O_CREAT, mode bit 32: EINVAL",
	    err(o2(dfd, "new1", O_RDWR | O_CREAT, (1ULL << 32) | 0644, 0),
	    EINVAL));
	check("O_CREAT, mode 07777: opens",
	    opened(o2(dfd, "new1", O_RDWR | O_CREAT, 07777, 0)));
	check("O_TMPFILE with a mode: opens",
	    opened(o2(dfd, ".", O_TMPFILE | O_RDWR, 0600, 0)));
	check("O_TMPFILE without O_DIRECTORY: EINVAL",
	    err(o2(dfd, ".", 020000000 | O_RDWR, 0600, 0), EINVAL));
	check("O_CREAT|O_DIRECTORY: EINVAL",
	    err(o2(dfd, "new2", O_CREAT | O_DIRECTORY, 0600, 0), EINVAL));
	check("O_PATH|O_RDWR: EINVAL",
	    err(o2(dfd, "f", O_PATH | O_RDWR, 0, 0), EINVAL));
	check("openat O_PATH|O_RDWR drops O_RDWR",
	    opened(openat(dfd, "f", O_PATH | O_RDWR)));
	check("O_PATH|O_LARGEFILE: EINVAL",
	    err(o2(dfd, "f", O_PATH | 0100000, 0, 0), EINVAL));
	check("O_PATH|O_NOFOLLOW|O_CLOEXEC|O_DIRECTORY: opens",
	    opened(o2(dfd, "sub", O_PATH | O_NOFOLLOW | O_CLOEXEC |
	    O_DIRECTORY, 0, 0)));
	check("unknown resolve bit 0x40: EINVAL",
	    err(o2(dfd, "f", O_RDONLY, 0, 0x40), EINVAL));
	check("resolve ~0: EINVAL", err(o2(dfd, "f", O_RDONLY, 0, ~0ULL),
	    EINVAL));
	check("RESOLVE_BENEATH|RESOLVE_IN_ROOT: EINVAL",
	    err(o2(dfd, "f", O_RDONLY, 0, RESOLVE_BENEATH | RESOLVE_IN_ROOT),
	    EINVAL));
	/* The order: the struct, then the path, then the descriptor. */
	check("bad flags and a bad descriptor: EINVAL",
	    err(o2(-1, "f", 040, 0, 0), EINVAL));
	check("bad flags and a NULL path: EINVAL",
	    err(o2(dfd, NULL, 040, 0, 0), EINVAL));
	check("NULL path and a bad descriptor: EFAULT",
	    err(o2(-1, NULL, O_RDONLY, 0, 0), EFAULT));
	check("empty path: ENOENT", err(o2(dfd, "", O_RDONLY, 0, 0), ENOENT));
	check("bad descriptor, relative path: EBADF",
	    err(o2(-1, "f", O_RDONLY, 0, 0), EBADF));
	check("descriptor of a file, relative path: ENOTDIR",
	    err(o2(open(D "/f", O_RDONLY), "f", O_RDONLY, 0, 0), ENOTDIR));
	check("O_CREAT|O_EXCL on an existing file: EEXIST",
	    err(o2(dfd, "f", O_RDWR | O_CREAT | O_EXCL, 0600, 0), EEXIST));
}

static void
test_symlinks(int dfd)
{
	long r;
	struct stat st;

	check("RESOLVE_NO_SYMLINKS, a file: opens",
	    opened_f(o2(dfd, "f", O_RDONLY, 0, RESOLVE_NO_SYMLINKS)));
	check("RESOLVE_NO_SYMLINKS, sub/../f: opens",
	    opened_f(o2(dfd, "sub/../f", O_RDONLY, 0, RESOLVE_NO_SYMLINKS)));
	check("plain, a link to f: opens", opened_f(o2(dfd, "lnk", O_RDONLY,
	    0, 0)));
	check("RESOLVE_NO_SYMLINKS, a link last: ELOOP",
	    err(o2(dfd, "lnk", O_RDONLY, 0, RESOLVE_NO_SYMLINKS), ELOOP));
	check("RESOLVE_NO_SYMLINKS, a link in the middle: ELOOP",
	    err(o2(dfd, "sublnk/x", O_RDONLY, 0, RESOLVE_NO_SYMLINKS), ELOOP));
	check("RESOLVE_NO_SYMLINKS, O_CREAT through a link: ELOOP",
	    err(o2(dfd, "lnk", O_RDWR | O_CREAT, 0600, RESOLVE_NO_SYMLINKS),
	    ELOOP));
	check("RESOLVE_NO_SYMLINKS, O_CREAT through a dangling link: ELOOP",
	    err(o2(dfd, "dangling", O_RDWR | O_CREAT, 0600,
	    RESOLVE_NO_SYMLINKS), ELOOP) &&
	    fstatat(dfd, "nothere", &st, 0) != 0);
	check("RESOLVE_NO_SYMLINKS, O_NOFOLLOW on a link: ELOOP",
	    err(o2(dfd, "lnk", O_RDONLY | O_NOFOLLOW, 0, RESOLVE_NO_SYMLINKS),
	    ELOOP));
	r = o2(dfd, "lnk", O_PATH | O_NOFOLLOW, 0, RESOLVE_NO_SYMLINKS);
	check("RESOLVE_NO_SYMLINKS, O_PATH|O_NOFOLLOW on a link: the link",
	    r >= 0 && fstat((int)r, &st) == 0 && S_ISLNK(st.st_mode));
	if (r >= 0)
		close((int)r);
	check("RESOLVE_NO_SYMLINKS, /proc/self/exe: ELOOP",
	    err(o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, 0,
	    RESOLVE_NO_SYMLINKS), ELOOP));
}

static void
test_magiclinks(int dfd)
{
	char path[64];
	int fd = open(D "/f", O_RDONLY);
	long r;
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	check("plain, /proc/self/fd/N: the file", opened_f(o2(AT_FDCWD, path,
	    O_RDONLY, 0, 0)));
	check("plain, /proc/self/exe: opens", opened(o2(AT_FDCWD,
	    "/proc/self/exe", O_RDONLY, 0, 0)));
	check("RESOLVE_NO_MAGICLINKS, /proc/self/exe: ELOOP",
	    err(o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, 0,
	    RESOLVE_NO_MAGICLINKS), ELOOP));
	check("RESOLVE_NO_MAGICLINKS, /proc/self/fd/N: ELOOP",
	    err(o2(AT_FDCWD, path, O_RDONLY, 0, RESOLVE_NO_MAGICLINKS),
	    ELOOP));
	check("RESOLVE_NO_MAGICLINKS, O_CREAT on /proc/self/fd/N: ELOOP",
	    err(o2(AT_FDCWD, path, O_RDWR | O_CREAT, 0600,
	    RESOLVE_NO_MAGICLINKS), ELOOP));
	check("RESOLVE_NO_MAGICLINKS, a plain link: opens",
	    opened_f(o2(dfd, "lnk", O_RDONLY, 0, RESOLVE_NO_MAGICLINKS)));
	check("RESOLVE_NO_MAGICLINKS, /proc/self/status (through self): opens",
	    opened(o2(AT_FDCWD, "/proc/self/status", O_RDONLY, 0,
	    RESOLVE_NO_MAGICLINKS)));
	r = o2(AT_FDCWD, "/proc/self/exe", O_PATH | O_NOFOLLOW, 0,
	    RESOLVE_NO_MAGICLINKS);
	check("RESOLVE_NO_MAGICLINKS, O_PATH|O_NOFOLLOW on exe: the link",
	    r >= 0 && fstat((int)r, &st) == 0 && S_ISLNK(st.st_mode));
	if (r >= 0)
		close((int)r);
	close(fd);
}

static void
test_xdev(int dfd, int mdfd)
{
	check("RESOLVE_NO_XDEV, a file: opens",
	    opened_f(o2(dfd, "f", O_RDONLY, 0, RESOLVE_NO_XDEV)));
	check("RESOLVE_NO_XDEV, onto a mount (last): EXDEV",
	    err(o2(dfd, "mnt", O_RDONLY, 0, RESOLVE_NO_XDEV), EXDEV));
	check("RESOLVE_NO_XDEV, through a mount: EXDEV",
	    err(o2(dfd, "mnt/g", O_RDONLY, 0, RESOLVE_NO_XDEV), EXDEV));
	check("plain, through a mount: opens",
	    opened(o2(dfd, "mnt/g", O_RDONLY, 0, 0)));
	check("RESOLVE_NO_XDEV, in the mount: opens",
	    opened(o2(mdfd, "g", O_RDONLY, 0, RESOLVE_NO_XDEV)));
	check("RESOLVE_NO_XDEV, .. from a mount's root: EXDEV",
	    err(o2(mdfd, "..", O_RDONLY, 0, RESOLVE_NO_XDEV), EXDEV));
	check("RESOLVE_NO_XDEV, ../f from a mount's root: EXDEV",
	    err(o2(mdfd, "../f", O_RDONLY, 0, RESOLVE_NO_XDEV), EXDEV));
	check("RESOLVE_NO_XDEV, sub/.. stays on the mount: opens",
	    opened(o2(dfd, "sub/..", O_RDONLY, 0, RESOLVE_NO_XDEV)));
	check("RESOLVE_NO_XDEV, an absolute path to begin with: opens",
	    opened(o2(dfd, "/", O_PATH, 0, RESOLVE_NO_XDEV)));
	check("RESOLVE_NO_XDEV, an absolute path onto a mount: EXDEV",
	    err(o2(dfd, D "/f", O_RDONLY, 0, RESOLVE_NO_XDEV), EXDEV));
	check("RESOLVE_NO_XDEV, a link to / from a mount: EXDEV",
	    err(o2(dfd, "rootlnk", O_PATH, 0, RESOLVE_NO_XDEV), EXDEV));
	check("RESOLVE_NO_XDEV, /proc/version: EXDEV",
	    err(o2(AT_FDCWD, "/proc/version", O_RDONLY, 0, RESOLVE_NO_XDEV),
	    EXDEV));
}

static void
test_beneath(int dfd, int mdfd)
{
	int pfd = open("/proc", O_RDONLY | O_DIRECTORY);

	check("RESOLVE_BENEATH, a file: opens",
	    opened_f(o2(dfd, "f", O_RDONLY, 0, RESOLVE_BENEATH)));
	check("RESOLVE_BENEATH, .: opens",
	    opened(o2(dfd, ".", O_RDONLY, 0, RESOLVE_BENEATH)));
	check("RESOLVE_BENEATH, sub/../f: opens",
	    opened_f(o2(dfd, "sub/../f", O_RDONLY, 0, RESOLVE_BENEATH)));
	check("RESOLVE_BENEATH, a relative link below: opens",
	    opened_f(o2(dfd, "lnk", O_RDONLY, 0, RESOLVE_BENEATH)));
	check("RESOLVE_BENEATH, through a mount below: opens",
	    opened(o2(dfd, "mnt/g", O_RDONLY, 0, RESOLVE_BENEATH)));
	check("RESOLVE_BENEATH, ..: EXDEV",
	    err(o2(dfd, "..", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	check("RESOLVE_BENEATH, ../d/f: EXDEV",
	    err(o2(dfd, "../d/f", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	check("RESOLVE_BENEATH, sub/../../d/f: EXDEV",
	    err(o2(dfd, "sub/../../d/f", O_RDONLY, 0, RESOLVE_BENEATH),
	    EXDEV));
	check("RESOLVE_BENEATH, an absolute path: EXDEV",
	    err(o2(dfd, D "/f", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	check("RESOLVE_BENEATH, an absolute path, bad descriptor: EXDEV",
	    err(o2(-1, D "/f", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	check("RESOLVE_BENEATH, an absolute link: EXDEV",
	    err(o2(dfd, "abs", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	check("RESOLVE_BENEATH, a link to ../d/f: EXDEV",
	    err(o2(dfd, "up", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	check("RESOLVE_BENEATH, a link to ..: EXDEV",
	    err(o2(dfd, "dotdot/d/f", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	check("RESOLVE_BENEATH, O_CREAT ../new: EXDEV",
	    err(o2(dfd, "../new", O_RDWR | O_CREAT, 0600, RESOLVE_BENEATH),
	    EXDEV));
	check("RESOLVE_BENEATH, from a mount's root, ..: EXDEV",
	    err(o2(mdfd, "..", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	check("RESOLVE_BENEATH, from /proc, version: opens",
	    opened(o2(pfd, "version", O_RDONLY, 0, RESOLVE_BENEATH)));
	check("RESOLVE_BENEATH, from /proc, self/exe (magic): EXDEV",
	    err(o2(pfd, "self/exe", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	check("RESOLVE_BENEATH, from AT_FDCWD (d), f: opens",
	    opened_f(o2(AT_FDCWD, "f", O_RDONLY, 0, RESOLVE_BENEATH)));
	check("RESOLVE_BENEATH, from AT_FDCWD (d), ../d/f: EXDEV",
	    err(o2(AT_FDCWD, "../d/f", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV));
	close(pfd);
}

static void
test_in_root(int dfd)
{
	int pfd = open("/proc", O_RDONLY | O_DIRECTORY);
	struct stat st;

	check("RESOLVE_IN_ROOT, /f is d/f: opens",
	    opened_f(o2(dfd, "/f", O_RDONLY, 0, RESOLVE_IN_ROOT)));
	check("RESOLVE_IN_ROOT, ../f stays in d: opens",
	    opened_f(o2(dfd, "../f", O_RDONLY, 0, RESOLVE_IN_ROOT)));
	check("RESOLVE_IN_ROOT, ../../../f: opens",
	    opened_f(o2(dfd, "../../../f", O_RDONLY, 0, RESOLVE_IN_ROOT)));
	check("RESOLVE_IN_ROOT, sub/../../f: opens",
	    opened_f(o2(dfd, "sub/../../f", O_RDONLY, 0, RESOLVE_IN_ROOT)));
	check("RESOLVE_IN_ROOT, the full path: ENOENT",
	    err(o2(dfd, D "/f", O_RDONLY, 0, RESOLVE_IN_ROOT), ENOENT));
	check("RESOLVE_IN_ROOT, an absolute link to the full path: ENOENT",
	    err(o2(dfd, "abs", O_RDONLY, 0, RESOLVE_IN_ROOT), ENOENT));
	check("RESOLVE_IN_ROOT, a link to /f: opens",
	    opened_f(o2(dfd, "rootf", O_RDONLY, 0, RESOLVE_IN_ROOT)));
	check("plain, a link to /f: ENOENT",
	    err(o2(dfd, "rootf", O_RDONLY, 0, 0), ENOENT));
	check("RESOLVE_IN_ROOT, a link to .. then f: opens",
	    opened_f(o2(dfd, "dotdot/f", O_RDONLY, 0, RESOLVE_IN_ROOT)));
	check("RESOLVE_IN_ROOT, an absolute path, bad descriptor: EBADF",
	    err(o2(-1, "/f", O_RDONLY, 0, RESOLVE_IN_ROOT), EBADF));
	check("RESOLVE_IN_ROOT, O_CREAT /made: opens",
	    opened(o2(dfd, "/made", O_RDWR | O_CREAT, 0600,
	    RESOLVE_IN_ROOT)));
	check("RESOLVE_IN_ROOT, /made is d/made",
	    fstatat(dfd, "made", &st, 0) == 0 && S_ISREG(st.st_mode));
	check("RESOLVE_IN_ROOT, O_CREAT through a link to /new: d/new",
	    opened(o2(dfd, "rootnew", O_RDWR | O_CREAT, 0600,
	    RESOLVE_IN_ROOT)) && fstatat(dfd, "new", &st, 0) == 0);
	check("RESOLVE_IN_ROOT, from /proc, self/exe (magic): EXDEV",
	    err(o2(pfd, "self/exe", O_RDONLY, 0, RESOLVE_IN_ROOT), EXDEV));
	check("RESOLVE_IN_ROOT, from /proc, /version: opens",
	    opened(o2(pfd, "/version", O_RDONLY, 0, RESOLVE_IN_ROOT)));
	close(pfd);
}

static void
test_cached(int dfd)
{
	check("RESOLVE_CACHED, O_CREAT: EAGAIN",
	    err(o2(dfd, "c1", O_RDWR | O_CREAT, 0600, RESOLVE_CACHED), EAGAIN));
	check("RESOLVE_CACHED, O_CREAT on an existing file: EAGAIN",
	    err(o2(dfd, "f", O_RDWR | O_CREAT, 0600, RESOLVE_CACHED), EAGAIN));
	check("RESOLVE_CACHED, O_TRUNC: EAGAIN",
	    err(o2(dfd, "f", O_RDWR | O_TRUNC, 0, RESOLVE_CACHED), EAGAIN));
	check("RESOLVE_CACHED, O_TMPFILE: EAGAIN",
	    err(o2(dfd, ".", O_TMPFILE | O_RDWR, 0600, RESOLVE_CACHED),
	    EAGAIN));
	check("RESOLVE_CACHED, a file just made: opens",
	    opened_f(o2(dfd, "f", O_RDONLY, 0, RESOLVE_CACHED)));
	check("RESOLVE_CACHED, a link to it: opens",
	    opened_f(o2(dfd, "lnk", O_RDONLY, 0, RESOLVE_CACHED)));
	/* tmpfs keeps no negative entries: the filesystem would be asked. */
	check("RESOLVE_CACHED, a missing name: EAGAIN",
	    err(o2(dfd, "c1", O_RDONLY, 0, RESOLVE_CACHED), EAGAIN));
	check("plain, a missing name: ENOENT",
	    err(o2(dfd, "c1", O_RDONLY, 0, 0), ENOENT));
	check("RESOLVE_CACHED, /proc/self/exe (magic): EAGAIN",
	    err(o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, 0, RESOLVE_CACHED),
	    EAGAIN));
}

static int
setup(void)
{
	int fd;

	mkdir(TOP, 0755);
	if (mount("none", TOP, "tmpfs", 0, NULL) != 0)
		return -1;
	if (mkdir(D, 0755) != 0 || mkdir(D "/sub", 0755) != 0 ||
	    mkdir(D "/mnt", 0755) != 0 ||
	    mount("none", D "/mnt", "tmpfs", 0, NULL) != 0)
		return -1;
	if ((fd = open(D "/f", O_RDWR | O_CREAT, 0644)) < 0 ||
	    write(fd, "hello", 5) != 5)
		return -1;
	close(fd);
	if ((fd = open(D "/mnt/g", O_RDWR | O_CREAT, 0644)) < 0)
		return -1;
	close(fd);
	if (symlink("f", D "/lnk") || symlink("sub", D "/sublnk") ||
	    symlink(D "/f", D "/abs") || symlink("../d/f", D "/up") ||
	    symlink("..", D "/dotdot") || symlink("/", D "/rootlnk") ||
	    symlink("/f", D "/rootf") || symlink("/new", D "/rootnew") ||
	    symlink("nothere", D "/dangling"))
		return -1;
	return chdir(D);
}

int
main(void)
{
	int dfd, mdfd;

	if (access("/proc/self/stat", R_OK) != 0)	/* init=: not yet */
		mount("proc", "/proc", "proc", 0, NULL);
	if (setup() != 0) {
		printf("uopenat2: setup FAILED (errno %d)\n", errno);
		return 1;
	}
	dfd = open(D, O_RDONLY | O_DIRECTORY);
	mdfd = open(D "/mnt", O_RDONLY | O_DIRECTORY);
	check("open the test directories", dfd >= 0 && mdfd >= 0);
	test_size(dfd);
	test_flags(dfd);
	test_symlinks(dfd);
	test_magiclinks(dfd);
	test_xdev(dfd, mdfd);
	test_beneath(dfd, mdfd);
	test_in_root(dfd);
	test_cached(dfd);
	close(mdfd);
	close(dfd);
	chdir("/");
	umount(D "/mnt");
	umount(TOP);
	rmdir(TOP);
	if (failed) {
		printf("uopenat2: some checks FAILED\n");
		return 1;
	}
	printf("uopenat2: done, all checks passed\n");
	return 0;
}
