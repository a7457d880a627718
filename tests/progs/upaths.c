/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The corners of the path walk and of the calls that take paths, no
 * libc, one line per check: trailing slashes on files and directories,
 * "." and ".." as the last name, "/.." staying at "/", empty paths and
 * AT_EMPTY_PATH, name and path lengths, symbolic link loops and the
 * 40-link budget of one walk, O_CREAT through a dangling link, O_NOFOLLOW,
 * O_DIRECTORY, O_PATH, the *at calls with absolute paths (the descriptor
 * is then not looked at) and with a descriptor that is no directory,
 * rename's rules (ancestors, types, RENAME_NOREPLACE, RENAME_EXCHANGE,
 * RENAME_WHITEOUT on ramfs), link of a symlink and of a directory, and,
 * as uid 1000 in a child, which error wins when a permission is missing
 * too.  It works in a tmpfs it mounts on /tmp/upaths (and a ramfs below
 * it), so it runs the same on Linux (as root) and in Jiny; the
 * expectations are what Linux answers.  Exits 0 if every check held.
 */
#include "usys.h"

#define SYS_close	3
#define SYS_stat	4
#define SYS_fstat	5
#define SYS_lstat	6
#define SYS_open	2
#define SYS_access	21
#define SYS_fork	57
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_truncate	76
#define SYS_getcwd	79
#define SYS_chdir	80
#define SYS_rename	82
#define SYS_mkdir	83
#define SYS_rmdir	84
#define SYS_link	86
#define SYS_unlink	87
#define SYS_symlink	88
#define SYS_readlink	89
#define SYS_chmod	90
#define SYS_setuid	105
#define SYS_setgid	106
#define SYS_mknod	133
#define SYS_mount	165
#define SYS_umount2	166
#define SYS_openat	257
#define SYS_mkdirat	258
#define SYS_mknodat	259
#define SYS_fchownat	260
#define SYS_newfstatat	262
#define SYS_unlinkat	263
#define SYS_renameat	264
#define SYS_linkat	265
#define SYS_symlinkat	266
#define SYS_readlinkat	267
#define SYS_fchmodat	268
#define SYS_faccessat	269
#define SYS_utimensat	280
#define SYS_renameat2	316
#define SYS_faccessat2	439

#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_CREAT		0100
#define O_EXCL		0200
#define O_TRUNC		01000
#define O_DIRECTORY	0200000
#define O_NOFOLLOW	0400000
#define O_PATH		010000000
#define O_TMPFILE	(020000000 | O_DIRECTORY)

#define AT_FDCWD	-100
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR	0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_EMPTY_PATH	0x1000

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE	2
#define RENAME_WHITEOUT	4

#define S_IFMT		0170000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_IFREG		0100000
#define S_IFLNK		0120000

#define W		"/tmp/upaths"	/* the tmpfs the checks work in */
#define BADFD		999		/* a descriptor that is not open */

struct ustat {			/* struct stat, x86-64 */
	unsigned long	st_dev, st_ino, st_nlink;
	unsigned int	st_mode, st_uid, st_gid, pad0;
	unsigned long	st_rdev;
	long		st_size, st_blksize, st_blocks;
	long		st_times[6];
	long		unused[3];
};

static int failed;
static int checks;

/* ---- output ---- */

static const char *const errnames[] = {
	[1] = "EPERM", [2] = "ENOENT", [9] = "EBADF", [12] = "ENOMEM",
	[13] = "EACCES", [14] = "EFAULT", [16] = "EBUSY", [17] = "EEXIST",
	[18] = "EXDEV", [20] = "ENOTDIR", [21] = "EISDIR", [22] = "EINVAL",
	[30] = "EROFS", [36] = "ENAMETOOLONG", [38] = "ENOSYS",
	[39] = "ENOTEMPTY", [40] = "ELOOP", [95] = "EOPNOTSUPP",
};

static void
say_ret(long v)
{
	if (v < 0 && -v < (long)(sizeof(errnames) / sizeof(errnames[0])) &&
	    errnames[-v] != 0) {
		usys_say("-");
		usys_say(errnames[-v]);
	} else {
		usys_say_num(v);
	}
}

/* One check: got must be want (a return value, 0 or -errno). */
static void
eq(const char *name, long got, long want)
{
	checks++;
	if (got == want) {
		usys_say("upaths: ok ");
		usys_say(name);
		usys_say("\n");
		return;
	}
	failed = 1;
	usys_say("upaths: FAIL ");
	usys_say(name);
	usys_say(": got ");
	say_ret(got);
	usys_say(" want ");
	say_ret(want);
	usys_say("\n");
}

/* A check that got is a descriptor (closed here); "fd" when it was. */
static void
okfd(const char *name, long got)
{
	if (got >= 0)
		usys(SYS_close, got, 0, 0, 0);
	checks++;
	if (got >= 0) {
		usys_say("upaths: ok ");
		usys_say(name);
		usys_say("\n");
		return;
	}
	failed = 1;
	usys_say("upaths: FAIL ");
	usys_say(name);
	usys_say(": got ");
	say_ret(got);
	usys_say(" want a descriptor\n");
}

/* A check of a condition: want 1. */
static void
yes(const char *name, int cond)
{
	eq(name, cond, 1);
}

/* ---- helpers ---- */

static long
sys_open(const char *p, long flags, long mode)
{
	return usys(SYS_open, (long)p, flags, mode, 0);
}

static long
mkfile(const char *p)
{
	long fd = sys_open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return fd;
	usys(1, fd, (long)"data", 4, 0);
	return usys(SYS_close, fd, 0, 0, 0);
}

static long
ino_of(const char *p, int follow)
{
	struct ustat st;
	long e = usys(follow ? SYS_stat : SYS_lstat, (long)p, (long)&st, 0, 0);

	return e < 0 ? e : (long)st.st_ino;
}

static long
type_of(const char *p, int follow)
{
	struct ustat st;
	long e = usys(follow ? SYS_stat : SYS_lstat, (long)p, (long)&st, 0, 0);

	return e < 0 ? e : (long)(st.st_mode & S_IFMT);
}

static int
streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

static char *
cat(char *dst, const char *a, const char *b)
{
	char *d = dst;

	while (*a != '\0')
		*d++ = *a++;
	while (*b != '\0')
		*d++ = *b++;
	*d = '\0';
	return dst;
}

static char longname[300];	/* 256 'n's: one byte too long */
static char maxname[300];	/* 255 'm's */
static char longpath[4200];

/* ---- the checks ---- */

static void
check_open(void)
{
	struct ustat st;
	long fd;

	eq("open file/ is ENOTDIR", sys_open("f/", O_RDONLY, 0), -20);
	eq("open file/. is ENOTDIR", sys_open("f/.", O_RDONLY, 0), -20);
	eq("open link-to-file/ is ENOTDIR", sys_open("lf/", O_RDONLY, 0), -20);
	okfd("open dir/ works", sys_open("d/", O_RDONLY, 0));
	okfd("open link-to-dir/ with O_NOFOLLOW follows (trailing slash)",
	    sys_open("ld/", O_RDONLY | O_NOFOLLOW, 0));
	eq("open link with O_NOFOLLOW is ELOOP",
	    sys_open("ld", O_RDONLY | O_NOFOLLOW, 0), -40);
	okfd("O_NOFOLLOW only looks at the last name",
	    sys_open("ld/sub", O_RDONLY | O_NOFOLLOW, 0));
	fd = sys_open("lf", O_PATH | O_NOFOLLOW, 0);
	yes("O_PATH|O_NOFOLLOW opens the link itself", fd >= 0 &&
	    usys(SYS_fstat, fd, (long)&st, 0, 0) == 0 &&
	    (st.st_mode & S_IFMT) == S_IFLNK);
	usys(SYS_close, fd, 0, 0, 0);
	eq("O_DIRECTORY on a file is ENOTDIR",
	    sys_open("f", O_RDONLY | O_DIRECTORY, 0), -20);
	eq("O_DIRECTORY on a link to a file is ENOTDIR",
	    sys_open("lf", O_RDONLY | O_DIRECTORY, 0), -20);
	okfd("O_DIRECTORY on a link to a dir works",
	    sys_open("ld", O_RDONLY | O_DIRECTORY, 0));
	eq("O_CREAT newfile/ is EISDIR",
	    sys_open("newfile/", O_WRONLY | O_CREAT, 0644), -21);
	eq("and creates nothing", ino_of("newfile", 0), -2);
	eq("O_CREAT file/ is EISDIR",
	    sys_open("f/", O_WRONLY | O_CREAT, 0644), -21);
	eq("O_CREAT dir/ is EISDIR", sys_open("d/", O_RDONLY | O_CREAT, 0644),
	    -21);
	eq("O_CREAT dir is EISDIR", sys_open("d", O_RDONLY | O_CREAT, 0644),
	    -21);
	eq("O_CREAT . is EISDIR", sys_open(".", O_RDONLY | O_CREAT, 0644), -21);
	eq("O_CREAT|O_EXCL . is EEXIST",
	    sys_open(".", O_RDONLY | O_CREAT | O_EXCL, 0644), -17);
	eq("O_CREAT / is EISDIR", sys_open("/", O_RDONLY | O_CREAT, 0644), -21);
	eq("open dir O_WRONLY is EISDIR", sys_open("d", O_WRONLY, 0), -21);
	eq("open dir O_RDONLY|O_TRUNC is EISDIR",
	    sys_open("d", O_RDONLY | O_TRUNC, 0), -21);
	eq("O_CREAT|O_EXCL on a dangling link is EEXIST",
	    sys_open("dang", O_WRONLY | O_CREAT | O_EXCL, 0644), -17);
	eq("O_CREAT|O_NOFOLLOW on a dangling link is ELOOP",
	    sys_open("dang", O_WRONLY | O_CREAT | O_NOFOLLOW, 0644), -40);
	eq("nothing made so far", ino_of("nowhere", 0), -2);
	okfd("O_CREAT through a dangling link",
	    sys_open("dang", O_WRONLY | O_CREAT, 0644));
	eq("creates the link's target", type_of("nowhere", 0), S_IFREG);
	eq("O_CREAT through a link into a missing dir is ENOENT",
	    sys_open("dang2", O_WRONLY | O_CREAT, 0644), -2);
	eq("O_CREAT through a link ending in / is EISDIR",
	    sys_open("dslash", O_WRONLY | O_CREAT, 0644), -21);
	eq("O_PATH ignores O_CREAT",
	    sys_open("pathnew", O_PATH | O_CREAT, 0644), -2);
	/* Linux 6.4 on, and Debian's 6.1 (the fix went to stable). */
	eq("O_CREAT|O_DIRECTORY is EINVAL",
	    sys_open("cdnew", O_RDONLY | O_CREAT | O_DIRECTORY, 0644), -22);
	eq("and creates nothing", ino_of("cdnew", 0), -2);
	eq("O_CREAT|O_DIRECTORY on a dir is EINVAL",
	    sys_open("d", O_RDONLY | O_CREAT | O_DIRECTORY, 0644), -22);
	eq("O_TMPFILE read-only is EINVAL",
	    sys_open(".", O_RDONLY | O_TMPFILE, 0644), -22);
	yes("O_RDONLY|O_TRUNC truncates a file", mkfile("trunc") == 0 &&
	    usys(SYS_close, sys_open("trunc", O_RDONLY | O_TRUNC, 0), 0, 0,
	    0) == 0 && usys(SYS_stat, (long)"trunc", (long)&st, 0, 0) == 0 &&
	    st.st_size == 0);
	usys(SYS_unlink, (long)"trunc", 0, 0, 0);
	eq("open missing dir/ is ENOENT", sys_open("nope/", O_RDONLY, 0), -2);
	eq("open through a file is ENOTDIR", sys_open("f/x", O_RDONLY, 0), -20);
}

static void
check_links_and_lengths(void)
{
	char name[8];

	eq("a link to itself is ELOOP", sys_open("lself", O_RDONLY, 0), -40);
	eq("two links to each other are ELOOP",
	    sys_open("loop1", O_RDONLY, 0), -40);
	eq("stat of a loop is ELOOP", ino_of("loop1", 1), -40);
	yes("lstat of a loop is the link", type_of("loop1", 0) == S_IFLNK);
	/* c40 -> f, c39 -> c40, ..., c0 -> c1. */
	for (int i = 40; i >= 0; i--) {
		char target[8];

		name[0] = 'c';
		name[1] = (char)('0' + i / 10);
		name[2] = (char)('0' + i % 10);
		name[3] = '\0';
		target[0] = 'c';
		target[1] = (char)('0' + (i + 1) / 10);
		target[2] = (char)('0' + (i + 1) % 10);
		target[3] = '\0';
		usys(SYS_symlink, (long)(i == 40 ? "f" : target), (long)name,
		    0, 0);
	}
	okfd("40 links in a row are followed", sys_open("c01", O_RDONLY, 0));
	eq("41 are ELOOP", sys_open("c00", O_RDONLY, 0), -40);
	/* e00 .. e19 -> d: 20 links a time; one walk counts them all. */
	for (int i = 19; i >= 0; i--) {
		char target[8];

		name[0] = 'e';
		name[1] = (char)('0' + i / 10);
		name[2] = (char)('0' + i % 10);
		name[3] = '\0';
		target[0] = 'e';
		target[1] = (char)('0' + (i + 1) / 10);
		target[2] = (char)('0' + (i + 1) % 10);
		target[3] = '\0';
		usys(SYS_symlink, (long)(i == 19 ? "d" : target), (long)name,
		    0, 0);
	}
	okfd("40 links over two names are followed",
	    sys_open("e00/../e00/sub", O_RDONLY, 0));
	eq("60 over three names are ELOOP",
	    sys_open("e00/../e00/../e00", O_RDONLY, 0), -40);

	for (int i = 0; i < 256; i++)
		longname[i] = 'n';
	for (int i = 0; i < 255; i++)
		maxname[i] = 'm';
	eq("a 256-byte name is ENAMETOOLONG", sys_open(longname, O_RDONLY, 0),
	    -36);
	eq("a 255-byte name is just missing", sys_open(maxname, O_RDONLY, 0),
	    -2);
	okfd("a 255-byte name can be made",
	    sys_open(maxname, O_WRONLY | O_CREAT, 0644));
	eq("and removed", usys(SYS_unlink, (long)maxname, 0, 0, 0), 0);
	eq("mkdir of a 256-byte name is ENAMETOOLONG",
	    usys(SYS_mkdir, (long)longname, 0755, 0, 0), -36);
	eq("O_CREAT of a 256-byte name is ENAMETOOLONG",
	    sys_open(longname, O_WRONLY | O_CREAT, 0644), -36);
	eq("a long name after a file is ENOTDIR",
	    sys_open(cat(longpath, "f/", longname), O_RDONLY, 0), -20);
	eq("a long name after a missing dir is ENOENT",
	    sys_open(cat(longpath, "nope/", longname), O_RDONLY, 0), -2);
	eq("a long name in a dir is ENAMETOOLONG",
	    sys_open(cat(longpath, "d/", longname), O_RDONLY, 0), -36);
	/* "./" * 2047 + "f": 4095 bytes, fits; one more byte does not. */
	for (int i = 0; i < 2047; i++) {
		longpath[2 * i] = '.';
		longpath[2 * i + 1] = '/';
	}
	longpath[4094] = 'f';
	longpath[4095] = '\0';
	okfd("a 4095-byte path works", sys_open(longpath, O_RDONLY, 0));
	longpath[4095] = 'f';
	longpath[4096] = '\0';
	eq("a 4096-byte path is ENAMETOOLONG", sys_open(longpath, O_RDONLY, 0),
	    -36);
	for (int i = 0; i < 3000; i++)
		longpath[i] = '/';
	cat(longpath + 3000, W, "//f");
	okfd("many slashes are one", sys_open(longpath, O_RDONLY, 0));
	eq("an empty path is ENOENT", sys_open("", O_RDONLY, 0), -2);
	eq("stat of an empty path is ENOENT", ino_of("", 1), -2);
}

static void
check_dots(void)
{
	char buf[64];

	eq("/.. is /", ino_of("/..", 1), ino_of("/", 1));
	eq("/../../.. is /", ino_of("/../../..", 1), ino_of("/", 1));
	eq("/../tmp is /tmp", ino_of("/../tmp", 1), ino_of("/tmp", 1));
	eq("chdir / then ..", usys(SYS_chdir, (long)"/", 0, 0, 0) |
	    usys(SYS_chdir, (long)"..", 0, 0, 0), 0);
	yes("getcwd is still /", usys(SYS_getcwd, (long)buf, sizeof(buf), 0,
	    0) == 2 && streq(buf, "/"));
	eq("chdir back", usys(SYS_chdir, (long)W, 0, 0, 0), 0);
	eq("d/sub/.. is d", ino_of("d/sub/..", 1), ino_of("d", 1));
	eq("ld/.. is the link's dir's parent, not the link's",
	    ino_of("ld/sub/../..", 1), ino_of(".", 1));
}

static void
check_mkdir_rmdir_unlink(void)
{
	eq("mkdir dir/ works", usys(SYS_mkdir, (long)"nd/", 0755, 0, 0), 0);
	eq("mkdir of a file is EEXIST", usys(SYS_mkdir, (long)"f", 0755, 0, 0),
	    -17);
	eq("mkdir of file/ is EEXIST", usys(SYS_mkdir, (long)"f/", 0755, 0, 0),
	    -17);
	eq("mkdir of a dangling link is EEXIST",
	    usys(SYS_mkdir, (long)"dang2", 0755, 0, 0), -17);
	eq("mkdir . is EEXIST", usys(SYS_mkdir, (long)".", 0755, 0, 0), -17);
	eq("mkdir d/.. is EEXIST", usys(SYS_mkdir, (long)"d/..", 0755, 0, 0),
	    -17);
	eq("mkdir / is EEXIST", usys(SYS_mkdir, (long)"/", 0755, 0, 0), -17);
	eq("mkdir in a missing dir is ENOENT",
	    usys(SYS_mkdir, (long)"nope/x", 0755, 0, 0), -2);
	eq("mkdir below a file is ENOTDIR",
	    usys(SYS_mkdir, (long)"f/x", 0755, 0, 0), -20);
	eq("mkdir through a link to a dir",
	    usys(SYS_mkdir, (long)"ld/viald", 0755, 0, 0), 0);
	eq("mkdir of an empty path is ENOENT",
	    usys(SYS_mkdir, (long)"", 0755, 0, 0), -2);

	eq("rmdir . is EINVAL", usys(SYS_rmdir, (long)".", 0, 0, 0), -22);
	eq("rmdir d/. is EINVAL", usys(SYS_rmdir, (long)"d/.", 0, 0, 0), -22);
	eq("rmdir .. is ENOTEMPTY", usys(SYS_rmdir, (long)"..", 0, 0, 0), -39);
	eq("rmdir d/.. is ENOTEMPTY", usys(SYS_rmdir, (long)"d/..", 0, 0, 0),
	    -39);
	eq("rmdir / is EBUSY", usys(SYS_rmdir, (long)"/", 0, 0, 0), -16);
	eq("rmdir of a file is ENOTDIR", usys(SYS_rmdir, (long)"f", 0, 0, 0),
	    -20);
	eq("rmdir of file/ is ENOTDIR", usys(SYS_rmdir, (long)"f/", 0, 0, 0),
	    -20);
	eq("rmdir of a link to a dir is ENOTDIR",
	    usys(SYS_rmdir, (long)"ld", 0, 0, 0), -20);
	eq("rmdir of link-to-dir/ is ENOTDIR",
	    usys(SYS_rmdir, (long)"ld/", 0, 0, 0), -20);
	eq("rmdir of a full dir is ENOTEMPTY",
	    usys(SYS_rmdir, (long)"d", 0, 0, 0), -39);
	eq("rmdir of a missing name is ENOENT",
	    usys(SYS_rmdir, (long)"nope", 0, 0, 0), -2);
	eq("rmdir of a mount point is EBUSY",
	    usys(SYS_rmdir, (long)W, 0, 0, 0), -16);
	eq("rmdir dir/ works", usys(SYS_rmdir, (long)"nd/", 0, 0, 0), 0);
	eq("rmdir through a link", usys(SYS_rmdir, (long)"ld/viald", 0, 0, 0),
	    0);

	eq("unlink of a dir is EISDIR", usys(SYS_unlink, (long)"d", 0, 0, 0),
	    -21);
	eq("unlink of dir/ is EISDIR", usys(SYS_unlink, (long)"d/", 0, 0, 0),
	    -21);
	eq("unlink of file/ is ENOTDIR",
	    usys(SYS_unlink, (long)"f/", 0, 0, 0), -20);
	eq("unlink of link-to-dir/ is ENOTDIR",
	    usys(SYS_unlink, (long)"ld/", 0, 0, 0), -20);
	eq("unlink of missing/ is ENOENT",
	    usys(SYS_unlink, (long)"nope/", 0, 0, 0), -2);
	eq("unlink . is EISDIR", usys(SYS_unlink, (long)".", 0, 0, 0), -21);
	eq("unlink .. is EISDIR", usys(SYS_unlink, (long)"..", 0, 0, 0), -21);
	eq("unlink / is EISDIR", usys(SYS_unlink, (long)"/", 0, 0, 0), -21);
	eq("unlinkat AT_REMOVEDIR of a file is ENOTDIR",
	    usys(SYS_unlinkat, AT_FDCWD, (long)"f", AT_REMOVEDIR, 0), -20);
	eq("unlinkat with unknown flags is EINVAL",
	    usys(SYS_unlinkat, AT_FDCWD, (long)"f", 1, 0), -22);
	eq("unlink of a link removes the link",
	    usys(SYS_symlink, (long)"d", (long)"ld2", 0, 0) |
	    usys(SYS_unlink, (long)"ld2", 0, 0, 0), 0);
	yes("not its target", type_of("d", 0) == S_IFDIR);
}

static void
check_rename(void)
{
	long fi, gi;

	mkfile("g");
	usys(SYS_mkdir, (long)"r1", 0755, 0, 0);
	usys(SYS_mkdir, (long)"r1/in", 0755, 0, 0);
	usys(SYS_mkdir, (long)"r2", 0755, 0, 0);
	usys(SYS_mkdir, (long)"full", 0755, 0, 0);
	mkfile("full/x");
	eq("rename file to x/ is ENOTDIR",
	    usys(SYS_rename, (long)"g", (long)"x/", 0, 0), -20);
	eq("rename file/ is ENOTDIR",
	    usys(SYS_rename, (long)"g/", (long)"x", 0, 0), -20);
	eq("rename link-to-dir/ is ENOTDIR",
	    usys(SYS_rename, (long)"ld/", (long)"x", 0, 0), -20);
	eq("rename . is EBUSY", usys(SYS_rename, (long)".", (long)"x", 0, 0),
	    -16);
	eq("rename .. is EBUSY", usys(SYS_rename, (long)"..", (long)"x", 0, 0),
	    -16);
	eq("rename to . is EBUSY",
	    usys(SYS_rename, (long)"g", (long)".", 0, 0), -16);
	eq("rename to d/.. is EBUSY",
	    usys(SYS_rename, (long)"g", (long)"d/..", 0, 0), -16);
	eq("rename / is EBUSY", usys(SYS_rename, (long)"/", (long)"/upaths-x", 0, 0),
	    -16);
	eq("RENAME_NOREPLACE to . is EEXIST",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"g", AT_FDCWD, (long)".",
	    RENAME_NOREPLACE, 0), -17);
	eq("rename of a missing name is ENOENT",
	    usys(SYS_rename, (long)"nope", (long)"x", 0, 0), -2);
	eq("rename a dir below itself is EINVAL",
	    usys(SYS_rename, (long)"r1", (long)"r1/in/x", 0, 0), -22);
	eq("rename a dir onto itself below is EINVAL",
	    usys(SYS_rename, (long)"r1", (long)"r1/in", 0, 0), -22);
	eq("rename a dir onto its parent is ENOTEMPTY",
	    usys(SYS_rename, (long)"r1/in", (long)"r1", 0, 0), -39);
	eq("rename over a full dir is ENOTEMPTY",
	    usys(SYS_rename, (long)"r2", (long)"full", 0, 0), -39);
	eq("rename a dir over a file is ENOTDIR",
	    usys(SYS_rename, (long)"r2", (long)"g", 0, 0), -20);
	eq("rename a file over a dir is EISDIR",
	    usys(SYS_rename, (long)"g", (long)"r2", 0, 0), -21);
	eq("rename a file onto itself", usys(SYS_rename, (long)"g", (long)"g",
	    0, 0), 0);
	eq("rename dir to dir/ of itself",
	    usys(SYS_rename, (long)"r2", (long)"r2/", 0, 0), 0);
	usys(SYS_link, (long)"g", (long)"g2", 0, 0);
	eq("rename onto another name of the same file does nothing",
	    usys(SYS_rename, (long)"g", (long)"g2", 0, 0), 0);
	yes("both names stay", ino_of("g", 0) == ino_of("g2", 0) &&
	    ino_of("g", 0) > 0);
	usys(SYS_unlink, (long)"g2", 0, 0, 0);
	eq("rename dir/ to new/", usys(SYS_rename, (long)"r2/", (long)"r3/",
	    0, 0), 0);
	usys(SYS_mkdir, (long)"r4", 0755, 0, 0);
	eq("rename a dir over an empty dir",
	    usys(SYS_rename, (long)"r3", (long)"r4", 0, 0), 0);
	eq("rename through a link's dir",
	    usys(SYS_rename, (long)"r4", (long)"ld/r4", 0, 0), 0);
	yes("lands in the target dir", type_of("d/r4", 0) == S_IFDIR);
	usys(SYS_rmdir, (long)"d/r4", 0, 0, 0);

	eq("renameat2 with unknown flags is EINVAL",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"g", AT_FDCWD, (long)"h", 8, 0),
	    -22);
	eq("RENAME_NOREPLACE|RENAME_EXCHANGE is EINVAL",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"g", AT_FDCWD, (long)"f",
	    RENAME_NOREPLACE | RENAME_EXCHANGE, 0), -22);
	eq("RENAME_WHITEOUT|RENAME_EXCHANGE is EINVAL",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"g", AT_FDCWD, (long)"f",
	    RENAME_WHITEOUT | RENAME_EXCHANGE, 0), -22);
	eq("RENAME_NOREPLACE over a file is EEXIST",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"g", AT_FDCWD, (long)"f",
	    RENAME_NOREPLACE, 0), -17);
	eq("RENAME_NOREPLACE to a new name",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"g", AT_FDCWD, (long)"h",
	    RENAME_NOREPLACE, 0), 0);
	fi = ino_of("f", 0);
	gi = ino_of("h", 0);
	eq("RENAME_EXCHANGE of two files",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"f", AT_FDCWD, (long)"h",
	    RENAME_EXCHANGE, 0), 0);
	yes("swaps them", ino_of("f", 0) == gi && ino_of("h", 0) == fi);
	usys6(SYS_renameat2, AT_FDCWD, (long)"f", AT_FDCWD, (long)"h",
	    RENAME_EXCHANGE, 0);
	eq("RENAME_EXCHANGE with a missing name is ENOENT",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"h", AT_FDCWD, (long)"nope",
	    RENAME_EXCHANGE, 0), -2);
	eq("RENAME_EXCHANGE of a file and a dir",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"h", AT_FDCWD, (long)"r1",
	    RENAME_EXCHANGE, 0), 0);
	yes("swaps them too", type_of("h", 0) == S_IFDIR &&
	    type_of("r1", 0) == S_IFREG && type_of("h/in", 0) == S_IFDIR);
	eq("RENAME_EXCHANGE of a dir and its child is EINVAL",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"h", AT_FDCWD, (long)"h/in",
	    RENAME_EXCHANGE, 0), -22);
	eq("RENAME_EXCHANGE of a child and its dir is EINVAL",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"h/in", AT_FDCWD, (long)"h",
	    RENAME_EXCHANGE, 0), -22);
	eq("RENAME_EXCHANGE of file/ is ENOTDIR",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"h", AT_FDCWD, (long)"r1/",
	    RENAME_EXCHANGE, 0), -20);
	eq("RENAME_WHITEOUT on ramfs is EINVAL",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"ram/a", AT_FDCWD,
	    (long)"ram/b", RENAME_WHITEOUT, 0), -22);
	eq("rename of a mount point is EBUSY",
	    usys(SYS_rename, (long)"ram", (long)"ram2", 0, 0), -16);
	eq("rename onto a mount point is EBUSY",
	    usys(SYS_rename, (long)"h", (long)"ram", 0, 0), -16);
	eq("rename across mounts is EXDEV",
	    usys(SYS_rename, (long)"ram/a", (long)"moved", 0, 0), -18);
	usys(SYS_rename, (long)"h/in", (long)"in", 0, 0);
	usys(SYS_rmdir, (long)"in", 0, 0, 0);
	usys(SYS_rmdir, (long)"h", 0, 0, 0);
	usys(SYS_unlink, (long)"r1", 0, 0, 0);
	usys(SYS_unlink, (long)"full/x", 0, 0, 0);
	usys(SYS_rmdir, (long)"full", 0, 0, 0);
}

static void
check_link_symlink_readlink(void)
{
	struct ustat st, st2;
	char buf[16];
	long fd;

	eq("link of a symlink links the symlink",
	    usys(SYS_link, (long)"lf", (long)"hl", 0, 0), 0);
	yes("a symlink", type_of("hl", 0) == S_IFLNK);
	eq("linkat AT_SYMLINK_FOLLOW links the target",
	    usys6(SYS_linkat, AT_FDCWD, (long)"lf", AT_FDCWD, (long)"hl2",
	    AT_SYMLINK_FOLLOW, 0), 0);
	yes("the file itself", ino_of("hl2", 0) == ino_of("f", 0));
	eq("link of a dir is EPERM", usys(SYS_link, (long)"d", (long)"dl", 0,
	    0), -1);
	eq("link to new/ is ENOENT", usys(SYS_link, (long)"f", (long)"x/", 0,
	    0), -2);
	eq("link of file/ is ENOTDIR", usys(SYS_link, (long)"f/", (long)"x", 0,
	    0), -20);
	eq("link onto a name is EEXIST", usys(SYS_link, (long)"f", (long)"d",
	    0, 0), -17);
	eq("link onto . is EEXIST", usys(SYS_link, (long)"f", (long)".", 0, 0),
	    -17);
	eq("link of a missing name is ENOENT",
	    usys(SYS_link, (long)"nope", (long)"x", 0, 0), -2);
	eq("linkat with unknown flags is EINVAL",
	    usys6(SYS_linkat, AT_FDCWD, (long)"f", AT_FDCWD, (long)"x",
	    AT_SYMLINK_NOFOLLOW, 0), -22);
	eq("link across mounts is EXDEV",
	    usys(SYS_link, (long)"ram/a", (long)"x", 0, 0), -18);
	fd = sys_open("f", O_RDONLY, 0);
	eq("linkat AT_EMPTY_PATH links the descriptor's file",
	    usys6(SYS_linkat, fd, (long)"", AT_FDCWD, (long)"hl3",
	    AT_EMPTY_PATH, 0), 0);
	yes("the same file", ino_of("hl3", 0) == ino_of("f", 0));
	eq("linkat of an empty path without AT_EMPTY_PATH is ENOENT",
	    usys6(SYS_linkat, fd, (long)"", AT_FDCWD, (long)"hl4", 0, 0), -2);
	usys(SYS_close, fd, 0, 0, 0);
	usys(SYS_unlink, (long)"hl", 0, 0, 0);
	usys(SYS_unlink, (long)"hl2", 0, 0, 0);
	usys(SYS_unlink, (long)"hl3", 0, 0, 0);

	eq("symlink to an empty target is ENOENT",
	    usys(SYS_symlink, (long)"", (long)"s", 0, 0), -2);
	eq("symlink onto a name is EEXIST",
	    usys(SYS_symlink, (long)"x", (long)"f", 0, 0), -17);
	eq("symlink onto a dangling link is EEXIST",
	    usys(SYS_symlink, (long)"x", (long)"dang2", 0, 0), -17);
	eq("symlink to new/ is ENOENT",
	    usys(SYS_symlink, (long)"x", (long)"s/", 0, 0), -2);
	eq("symlink below a file is ENOTDIR",
	    usys(SYS_symlink, (long)"x", (long)"f/s", 0, 0), -20);
	eq("symlink in a missing dir is ENOENT",
	    usys(SYS_symlink, (long)"x", (long)"nope/s", 0, 0), -2);
	for (int i = 0; i < 4096; i++)
		longpath[i] = 'a';
	longpath[4096] = '\0';
	eq("symlink to a 4096-byte target is ENAMETOOLONG",
	    usys(SYS_symlink, (long)longpath, (long)"s", 0, 0), -36);

	eq("readlink of a file is EINVAL",
	    usys(SYS_readlink, (long)"f", (long)buf, sizeof(buf), 0), -22);
	eq("readlink with size 0 is EINVAL",
	    usys(SYS_readlink, (long)"lf", (long)buf, 0, 0), -22);
	eq("readlink of link-to-dir/ is EINVAL (it follows)",
	    usys(SYS_readlink, (long)"ld/", (long)buf, sizeof(buf), 0), -22);
	eq("readlink of a missing name is ENOENT",
	    usys(SYS_readlink, (long)"nope", (long)buf, sizeof(buf), 0), -2);
	eq("readlink of an empty path is ENOENT",
	    usys(SYS_readlink, (long)"", (long)buf, sizeof(buf), 0), -2);
	eq("readlink of a dangling link",
	    usys(SYS_readlink, (long)"dang", (long)buf, sizeof(buf), 0), 7);
	eq("readlink truncates", usys(SYS_readlink, (long)"dang", (long)buf, 3,
	    0), 3);
	fd = sys_open("lf", O_PATH | O_NOFOLLOW, 0);
	eq("readlinkat of an O_PATH link and an empty path",
	    usys(SYS_readlinkat, fd, (long)"", (long)buf, sizeof(buf)), 1);
	usys(SYS_close, fd, 0, 0, 0);
	fd = sys_open("d", O_RDONLY, 0);
	eq("readlinkat of a dir and an empty path is ENOENT",
	    usys(SYS_readlinkat, fd, (long)"", (long)buf, sizeof(buf)), -2);
	usys(SYS_close, fd, 0, 0, 0);

	eq("stat of file/ is ENOTDIR", ino_of("f/", 1), -20);
	eq("lstat of link-to-file/ is ENOTDIR", ino_of("lf/", 0), -20);
	yes("lstat of link-to-dir/ is the dir", type_of("ld/", 0) == S_IFDIR);
	yes("lstat of the link is the link", type_of("ld", 0) == S_IFLNK);
	eq("stat of a dangling link is ENOENT", ino_of("dang2", 1), -2);
	yes("fstatat AT_SYMLINK_NOFOLLOW", usys(SYS_newfstatat, AT_FDCWD,
	    (long)"ld", (long)&st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    (st.st_mode & S_IFMT) == S_IFLNK);
	eq("fstatat with unknown flags is EINVAL",
	    usys(SYS_newfstatat, AT_FDCWD, (long)"f", (long)&st, 1), -22);
	fd = sys_open("f", O_RDONLY, 0);
	yes("fstatat AT_EMPTY_PATH is the descriptor's file",
	    usys(SYS_newfstatat, fd, (long)"", (long)&st, AT_EMPTY_PATH) == 0 &&
	    usys(SYS_fstat, fd, (long)&st2, 0, 0) == 0 &&
	    st.st_ino == st2.st_ino);
	eq("fstatat of an empty path without AT_EMPTY_PATH is ENOENT",
	    usys(SYS_newfstatat, fd, (long)"", (long)&st, 0), -2);
	usys(SYS_close, fd, 0, 0, 0);
	yes("fstatat AT_FDCWD and AT_EMPTY_PATH is the cwd",
	    usys(SYS_newfstatat, AT_FDCWD, (long)"", (long)&st,
	    AT_EMPTY_PATH) == 0 && (long)st.st_ino == ino_of(".", 1));
	eq("fstatat of a bad fd and AT_EMPTY_PATH is EBADF",
	    usys(SYS_newfstatat, BADFD, (long)"", (long)&st, AT_EMPTY_PATH),
	    -9);
	eq("fstatat of a bad fd and an empty path is ENOENT",
	    usys(SYS_newfstatat, BADFD, (long)"", (long)&st, 0), -2);
}

static void
check_at_calls(void)
{
	struct ustat st;
	char buf[16];
	long fd = sys_open("f", O_RDONLY, 0);

	okfd("openat of an absolute path ignores a bad fd",
	    usys(SYS_openat, BADFD, (long)W "/f", O_RDONLY, 0));
	okfd("and a file's fd", usys(SYS_openat, fd, (long)W "/f", O_RDONLY,
	    0));
	eq("openat of a relative path and a bad fd is EBADF",
	    usys(SYS_openat, BADFD, (long)"f", O_RDONLY, 0), -9);
	eq("openat of a relative path and a file's fd is ENOTDIR",
	    usys(SYS_openat, fd, (long)"f", O_RDONLY, 0), -20);
	eq("openat of an empty path and a bad fd is ENOENT",
	    usys(SYS_openat, BADFD, (long)"", O_RDONLY, 0), -2);
	eq("mkdirat absolute, bad fd",
	    usys(SYS_mkdirat, BADFD, (long)W "/ad", 0755, 0), 0);
	eq("mkdirat relative, file's fd is ENOTDIR",
	    usys(SYS_mkdirat, fd, (long)"ad2", 0755, 0), -20);
	eq("mknodat absolute, bad fd",
	    usys(SYS_mknodat, BADFD, (long)W "/ad/fifo", S_IFIFO | 0644, 0), 0);
	eq("fchmodat absolute, bad fd",
	    usys(SYS_fchmodat, BADFD, (long)W "/ad/fifo", 0600, 0), 0);
	eq("fchownat absolute, bad fd",
	    usys6(SYS_fchownat, BADFD, (long)W "/ad/fifo", 0, 0, 0, 0), 0);
	eq("utimensat absolute, bad fd",
	    usys(SYS_utimensat, BADFD, (long)W "/ad/fifo", 0, 0), 0);
	eq("faccessat absolute, bad fd",
	    usys(SYS_faccessat, BADFD, (long)W "/ad/fifo", 0, 0), 0);
	eq("newfstatat absolute, bad fd",
	    usys(SYS_newfstatat, BADFD, (long)W "/ad/fifo", (long)&st, 0), 0);
	eq("symlinkat absolute, bad fd",
	    usys(SYS_symlinkat, (long)"fifo", BADFD, (long)W "/ad/sl", 0), 0);
	eq("readlinkat absolute, bad fd",
	    usys(SYS_readlinkat, BADFD, (long)W "/ad/sl", (long)buf,
	    sizeof(buf)), 4);
	eq("linkat absolute, bad fds",
	    usys6(SYS_linkat, BADFD, (long)W "/ad/fifo", BADFD,
	    (long)W "/ad/fifo2", 0, 0), 0);
	eq("renameat absolute, bad fds",
	    usys(SYS_renameat, BADFD, (long)W "/ad/fifo2", BADFD,
	    (long)W "/ad/fifo3"), 0);
	eq("unlinkat absolute, bad fd",
	    usys(SYS_unlinkat, BADFD, (long)W "/ad/fifo3", 0, 0), 0);
	eq("unlinkat relative, bad fd is EBADF",
	    usys(SYS_unlinkat, BADFD, (long)"ad/fifo", 0, 0), -9);
	eq("renameat relative, file's fd is ENOTDIR",
	    usys(SYS_renameat, fd, (long)"ad", AT_FDCWD, (long)"ad4"), -20);
	usys(SYS_unlinkat, AT_FDCWD, (long)"ad/fifo", 0, 0);
	usys(SYS_unlinkat, AT_FDCWD, (long)"ad/sl", 0, 0);
	eq("unlinkat AT_REMOVEDIR, dir fd",
	    usys(SYS_unlinkat, usys(SYS_openat, AT_FDCWD, (long)".",
	    O_RDONLY | O_DIRECTORY, 0), (long)"ad", AT_REMOVEDIR, 0), 0);
	usys(SYS_close, fd, 0, 0, 0);
}

static void
check_misc_calls(void)
{
	struct ustat st;
	long fd;

	eq("access with a bad mode is EINVAL",
	    usys(SYS_access, (long)"f", 8, 0, 0), -22);
	eq("access of file/ is ENOTDIR",
	    usys(SYS_access, (long)"f/", 0, 0, 0), -20);
	eq("access of a dangling link is ENOENT",
	    usys(SYS_access, (long)"dang2", 0, 0, 0), -2);
	eq("faccessat2 AT_SYMLINK_NOFOLLOW of a dangling link",
	    usys(SYS_faccessat2, AT_FDCWD, (long)"dang2", 0,
	    AT_SYMLINK_NOFOLLOW), 0);
	eq("faccessat2 with unknown flags is EINVAL",
	    usys(SYS_faccessat2, AT_FDCWD, (long)"f", 0, 1), -22);
	fd = sys_open("f", O_RDONLY, 0);
	eq("faccessat2 AT_EMPTY_PATH",
	    usys(SYS_faccessat2, fd, (long)"", 4, AT_EMPTY_PATH), 0);
	usys(SYS_close, fd, 0, 0, 0);

	eq("rmdir of the cwd", usys(SYS_mkdir, (long)"gone", 0755, 0, 0) |
	    usys(SYS_chdir, (long)"gone", 0, 0, 0) |
	    usys(SYS_rmdir, (long)"../gone", 0, 0, 0), 0);
	eq("nothing can be made in it then",
	    sys_open("f", O_WRONLY | O_CREAT, 0644), -2);
	eq("no dir either", usys(SYS_mkdir, (long)"x", 0755, 0, 0), -2);
	eq("no link either", usys(SYS_symlink, (long)"x", (long)"x", 0, 0),
	    -2);
	eq("getcwd there is ENOENT", usys(SYS_getcwd, (long)longpath, 64, 0,
	    0), -2);
	eq(".. still leads out", usys(SYS_chdir, (long)"..", 0, 0, 0), 0);
	yes("to where it was", ino_of(".", 1) == ino_of(W, 1));
	eq("chdir to a file is ENOTDIR",
	    usys(SYS_chdir, (long)"f", 0, 0, 0), -20);
	eq("chdir to an empty path is ENOENT",
	    usys(SYS_chdir, (long)"", 0, 0, 0), -2);
	eq("chdir to a missing dir is ENOENT",
	    usys(SYS_chdir, (long)"nope", 0, 0, 0), -2);
	eq("chdir through link-to-dir/",
	    usys(SYS_chdir, (long)"ld/", 0, 0, 0), 0);
	yes("getcwd names the dir, not the link",
	    usys(SYS_getcwd, (long)longpath, 64, 0, 0) > 0 &&
	    streq(longpath, W "/d"));
	usys(SYS_chdir, (long)W, 0, 0, 0);

	eq("truncate of a dir is EISDIR",
	    usys(SYS_truncate, (long)"d", 0, 0, 0), -21);
	eq("truncate of file/ is ENOTDIR",
	    usys(SYS_truncate, (long)"f/", 0, 0, 0), -20);
	eq("truncate to a negative size is EINVAL",
	    usys(SYS_truncate, (long)"f", -1, 0, 0), -22);
	eq("truncate of an empty path is ENOENT",
	    usys(SYS_truncate, (long)"", 0, 0, 0), -2);
	usys(SYS_mknod, (long)"fifo", S_IFIFO | 0644, 0, 0);
	eq("truncate of a FIFO is EINVAL",
	    usys(SYS_truncate, (long)"fifo", 0, 0, 0), -22);
	eq("truncate through a link", usys(SYS_truncate, (long)"lf", 2, 0, 0),
	    0);
	yes("sizes the target", usys(SYS_stat, (long)"f", (long)&st, 0,
	    0) == 0 && st.st_size == 2);

	eq("mknod onto a name is EEXIST",
	    usys(SYS_mknod, (long)"fifo", S_IFIFO | 0644, 0, 0), -17);
	eq("mknod of new/ is ENOENT",
	    usys(SYS_mknod, (long)"fifo2/", S_IFIFO | 0644, 0, 0), -2);
	eq("mknod of a dir is EPERM",
	    usys(SYS_mknod, (long)"dir2", S_IFDIR | 0755, 0, 0), -1);
	eq("mknod of an unknown type is EINVAL",
	    usys(SYS_mknod, (long)"what", 0170000 | 0644, 0, 0), -22);
	eq("mknod with type 0 makes a file",
	    usys(SYS_mknod, (long)"plain", 0644, 0, 0), 0);
	yes("a regular file", type_of("plain", 0) == S_IFREG);
	usys(SYS_unlink, (long)"plain", 0, 0, 0);
	usys(SYS_unlink, (long)"fifo", 0, 0, 0);

	eq("utimensat of file/ is ENOTDIR",
	    usys(SYS_utimensat, AT_FDCWD, (long)"f/", 0, 0), -20);
	eq("utimensat of a dangling link is ENOENT",
	    usys(SYS_utimensat, AT_FDCWD, (long)"dang2", 0, 0), -2);
	eq("utimensat AT_SYMLINK_NOFOLLOW of a dangling link",
	    usys(SYS_utimensat, AT_FDCWD, (long)"dang2", 0,
	    AT_SYMLINK_NOFOLLOW), 0);
	eq("utimensat with unknown flags is EINVAL",
	    usys(SYS_utimensat, AT_FDCWD, (long)"f", 0, 1), -22);
	eq("utimensat of a NULL path and AT_FDCWD is EFAULT",
	    usys(SYS_utimensat, AT_FDCWD, 0, 0, 0), -14);
	fd = sys_open("f", O_RDONLY, 0);
	eq("utimensat of a NULL path is the fd's file",
	    usys(SYS_utimensat, fd, 0, 0, 0), 0);
	eq("utimensat of a NULL path with flags is EINVAL",
	    usys(SYS_utimensat, fd, 0, 0, AT_SYMLINK_NOFOLLOW), -22);
	eq("utimensat AT_EMPTY_PATH", usys(SYS_utimensat, fd, (long)"", 0,
	    AT_EMPTY_PATH), 0);
	eq("utimensat of an empty path is ENOENT",
	    usys(SYS_utimensat, fd, (long)"", 0, 0), -2);
	usys(SYS_close, fd, 0, 0, 0);
}

/* As uid 1000: which error comes first when a permission is missing. */
static void
as_user(void)
{
	char buf[8];
	struct ustat st;

	failed = 0;			/* the parent counts its own */
	eq("setgid and setuid to 1000", usys(SYS_setgid, 1000, 0, 0, 0) |
	    usys(SYS_setuid, 1000, 0, 0, 0), 0);
	eq("open in a 0700 dir is EACCES",
	    sys_open("priv/x", O_RDONLY, 0), -13);
	eq("stat in a 0700 dir is EACCES", ino_of("priv/x", 1), -13);
	eq("stat of a missing name there is EACCES too",
	    ino_of("priv/nope", 1), -13);
	eq("a long name there is EACCES", usys(SYS_stat,
	    (long)cat(longpath, "priv/", longname), (long)&st, 0, 0), -13);
	eq("access in a 0700 dir is EACCES",
	    usys(SYS_access, (long)"priv/x", 0, 0, 0), -13);
	eq("readlink in a 0700 dir is EACCES",
	    usys(SYS_readlink, (long)"priv/l", (long)buf, 8, 0), -13);
	eq("chdir to a 0700 dir is EACCES",
	    usys(SYS_chdir, (long)"priv", 0, 0, 0), -13);
	eq("rmdir in a 0700 dir is EACCES",
	    usys(SYS_rmdir, (long)"priv/nope", 0, 0, 0), -13);
	eq("mkdir of an existing name in a 0755 dir is EEXIST",
	    usys(SYS_mkdir, (long)"ro/y", 0755, 0, 0), -17);
	eq("mkdir of a new name there is EACCES",
	    usys(SYS_mkdir, (long)"ro/new", 0755, 0, 0), -13);
	eq("unlink of a missing name there is ENOENT",
	    usys(SYS_unlink, (long)"ro/nope", 0, 0, 0), -2);
	eq("unlink of a file there is EACCES",
	    usys(SYS_unlink, (long)"ro/y", 0, 0, 0), -13);
	eq("unlink of a dir there is EACCES before EISDIR",
	    usys(SYS_unlink, (long)"ro/sub", 0, 0, 0), -13);
	eq("rmdir of a missing name there is ENOENT",
	    usys(SYS_rmdir, (long)"ro/nope", 0, 0, 0), -2);
	eq("rmdir of a file there is EACCES before ENOTDIR",
	    usys(SYS_rmdir, (long)"ro/y", 0, 0, 0), -13);
	eq("open a dir O_WRONLY there is EISDIR before EACCES",
	    sys_open("ro/sub", O_WRONLY, 0), -21);
	eq("O_CREAT|O_EXCL of an existing name there is EEXIST",
	    sys_open("ro/y", O_WRONLY | O_CREAT | O_EXCL, 0644), -17);
	eq("O_CREAT of a new name there is EACCES",
	    sys_open("ro/new", O_WRONLY | O_CREAT, 0644), -13);
	okfd("O_CREAT of a readable file there opens it",
	    sys_open("ro/y", O_RDONLY | O_CREAT, 0644));
	eq("O_CREAT of new/ there is EISDIR",
	    sys_open("ro/new/", O_RDONLY | O_CREAT, 0644), -21);
	eq("rename of a file there is EACCES",
	    usys(SYS_rename, (long)"ro/y", (long)"ro/z", 0, 0), -13);
	eq("rename of a missing name there is ENOENT",
	    usys(SYS_rename, (long)"ro/nope", (long)"ro/z", 0, 0), -2);
	eq("symlink onto an existing name there is EEXIST",
	    usys(SYS_symlink, (long)"x", (long)"ro/y", 0, 0), -17);
	eq("symlink of a new name there is EACCES",
	    usys(SYS_symlink, (long)"x", (long)"ro/new", 0, 0), -13);
	eq("mknod onto an existing name there is EEXIST",
	    usys(SYS_mknod, (long)"ro/y", S_IFIFO | 0644, 0, 0), -17);
	eq("mknod of a new name there is EACCES",
	    usys(SYS_mknod, (long)"ro/new", S_IFIFO | 0644, 0, 0), -13);
	eq("mknod of a device in a writable dir is EPERM",
	    usys(SYS_mknod, (long)"sticky/dev", S_IFCHR | 0644, 0x0103, 0),
	    -1);
	eq("truncate of a root 0644 file is EACCES",
	    usys(SYS_truncate, (long)"ro/y", 0, 0, 0), -13);
	eq("truncate of a dir there is EISDIR before EACCES",
	    usys(SYS_truncate, (long)"ro/sub", 0, 0, 0), -21);
	eq("access W_OK of a root 0644 file is EACCES",
	    usys(SYS_access, (long)"ro/y", 2, 0, 0), -13);
	eq("unlink of root's file in a sticky dir is EPERM",
	    usys(SYS_unlink, (long)"sticky/rootf", 0, 0, 0), -1);
	eq("so is renaming it away",
	    usys(SYS_rename, (long)"sticky/rootf", (long)"sticky/mine", 0, 0),
	    -1);
	eq("or over it", mkfile("sticky/mine") |
	    usys(SYS_rename, (long)"sticky/mine", (long)"sticky/rootf", 0, 0),
	    -1);
	yes("a new file is its maker's", usys(SYS_stat, (long)"sticky/mine",
	    (long)&st, 0, 0) == 0 && st.st_uid == 1000 && st.st_gid == 1000);
	yes("so is a new symlink", usys(SYS_symlink, (long)"x",
	    (long)"sticky/sl", 0, 0) == 0 && usys(SYS_lstat, (long)"sticky/sl",
	    (long)&st, 0, 0) == 0 && st.st_uid == 1000 &&
	    usys(SYS_unlink, (long)"sticky/sl", 0, 0, 0) == 0);
	eq("one's own file there goes",
	    usys(SYS_unlink, (long)"sticky/mine", 0, 0, 0), 0);
	usys(SYS_exit, failed, 0, 0, 0);
}

static void
check_as_user(void)
{
	long pid;
	int st = -1;

	usys(SYS_mkdir, (long)"priv", 0700, 0, 0);
	mkfile("priv/x");
	usys(SYS_symlink, (long)"x", (long)"priv/l", 0, 0);
	usys(SYS_mkdir, (long)"ro", 0755, 0, 0);
	mkfile("ro/y");
	usys(SYS_mkdir, (long)"ro/sub", 0755, 0, 0);
	usys(SYS_mkdir, (long)"sticky", 0755, 0, 0);
	usys(SYS_chmod, (long)"sticky", 01777, 0, 0);
	mkfile("sticky/rootf");
	usys(SYS_chmod, (long)"sticky/rootf", 0666, 0, 0);
	pid = usys(SYS_fork, 0, 0, 0, 0);
	if (pid == 0)
		as_user();
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	yes("the checks as uid 1000 held", st == 0);
}

void
cstart(void)
{
	usys(SYS_mkdir, (long)"/tmp", 0755, 0, 0);
	usys(SYS_mkdir, (long)W, 0755, 0, 0);
	eq("mount a tmpfs to work in",
	    usys6(SYS_mount, (long)"none", (long)W, (long)"tmpfs", 0, 0, 0), 0);
	eq("chdir into it", usys(SYS_chdir, (long)W, 0, 0, 0), 0);
	usys(SYS_chmod, (long)".", 0755, 0, 0);
	mkfile("f");
	usys(SYS_mkdir, (long)"d", 0755, 0, 0);
	usys(SYS_mkdir, (long)"d/sub", 0755, 0, 0);
	usys(SYS_symlink, (long)"d", (long)"ld", 0, 0);
	usys(SYS_symlink, (long)"f", (long)"lf", 0, 0);
	usys(SYS_symlink, (long)"nowhere", (long)"dang", 0, 0);
	usys(SYS_symlink, (long)"nd/x", (long)"dang2", 0, 0);
	usys(SYS_symlink, (long)"slashed/", (long)"dslash", 0, 0);
	usys(SYS_symlink, (long)"loop2", (long)"loop1", 0, 0);
	usys(SYS_symlink, (long)"loop1", (long)"loop2", 0, 0);
	usys(SYS_symlink, (long)"lself", (long)"lself", 0, 0);
	usys(SYS_mkdir, (long)"ram", 0755, 0, 0);
	eq("mount a ramfs below it",
	    usys6(SYS_mount, (long)"none", (long)"ram", (long)"ramfs", 0, 0, 0),
	    0);
	mkfile("ram/a");
	yes("set up", type_of("f", 0) == S_IFREG && type_of("d/sub", 0) ==
	    S_IFDIR && type_of("ld", 0) == S_IFLNK &&
	    type_of("ram/a", 0) == S_IFREG);

	check_open();
	check_links_and_lengths();
	check_dots();
	check_mkdir_rmdir_unlink();
	check_rename();
	check_link_symlink_readlink();
	check_at_calls();
	check_misc_calls();
	check_as_user();

	usys(SYS_chdir, (long)"/", 0, 0, 0);
	usys(SYS_umount2, (long)W "/ram", 2, 0, 0);	/* MNT_DETACH */
	eq("unmount the tmpfs",
	    usys(SYS_umount2, (long)W, 2, 0, 0), 0);
	usys(SYS_rmdir, (long)W, 0, 0, 0);
	usys_say("upaths: ");
	usys_say_num(checks);
	usys_say(" checks\n");
	usys_finish("upaths", failed);
}

USYS_START;
