/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Mounts, procfs and file metadata from ring 3, no libc.  Run as init
 * with the guest's memory size in MiB as its argument (init=/bin/ufs 64):
 * mount/umount2/statfs and their refusals; /proc/mounts, /proc/self,
 * /proc/<pid>/{stat,cmdline,exe,cwd,fd}, /proc/meminfo against the
 * memory size, /proc/uptime moving; a tmpfs on /tmp; link, symlinkat,
 * chown, chmod, utimensat, mknod, renameat2, truncate, statx round trips
 * through stat.  Exits 0 if every check held.
 */
#include "usys.h"

#define SYS_read	0
#define SYS_write	1
#define SYS_open	2
#define SYS_close	3
#define SYS_stat	4
#define SYS_fstat	5
#define SYS_lstat	6
#define SYS_nanosleep	35
#define SYS_getpid	39
#define SYS_fork	57
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_truncate	76
#define SYS_mkdir	83
#define SYS_rmdir	84
#define SYS_link	86
#define SYS_unlink	87
#define SYS_readlink	89
#define SYS_chmod	90
#define SYS_fchmod	91
#define SYS_chown	92
#define SYS_fchown	93
#define SYS_lchown	94
#define SYS_sysinfo	99
#define SYS_utime	132
#define SYS_mknod	133
#define SYS_statfs	137
#define SYS_fstatfs	138
#define SYS_sync	162
#define SYS_mount	165
#define SYS_umount2	166
#define SYS_getdents64	217
#define SYS_utimes	235
#define SYS_mknodat	259
#define SYS_fchownat	260
#define SYS_linkat	265
#define SYS_symlinkat	266
#define SYS_fchmodat	268
#define SYS_utimensat	280
#define SYS_syncfs	306
#define SYS_renameat2	316
#define SYS_statx	332

#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_CREAT		0100
#define O_DIRECTORY	0200000
#define AT_FDCWD	-100
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_SYMLINK_FOLLOW 0x400
#define UTIME_OMIT	((1L << 30) - 2)
#define MNT_DETACH	2

#define EPERM	1
#define ENOENT	2
#define ESRCH	3
#define EBADF	9
#define EACCES	13
#define EFAULT	14
#define EBUSY	16
#define EEXIST	17
#define EXDEV	18
#define ENODEV	19
#define ENOTDIR	20
#define EINVAL	22
#define EIO	5

struct ustat {			/* struct stat, x86-64 */
	unsigned long	st_dev, st_ino, st_nlink;
	unsigned int	st_mode, st_uid, st_gid, pad0;
	unsigned long	st_rdev;
	long		st_size, st_blksize, st_blocks;
	long		st_atime, st_atime_nsec, st_mtime, st_mtime_nsec;
	long		st_ctime, st_ctime_nsec;
	long		unused[3];
};

struct ustatfs {		/* struct statfs, x86-64 */
	long		f_type, f_bsize;
	unsigned long	f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int		f_fsid[2];
	long		f_namelen, f_frsize, f_flags, f_spare[4];
};

static int failed;
static char buf[8192];

static void
check(const char *what, int ok)
{
	usys_check("ufs", what, ok, &failed);
}

static int
eq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Does s hold the text t? */
static int
has(const char *s, const char *t)
{
	for (; *s != '\0'; s++) {
		const char *p = s, *q = t;

		while (*q != '\0' && *p == *q)
			p++, q++;
		if (*q == '\0')
			return 1;
	}
	return 0;
}

static long
num(const char *s)
{
	long n = 0;

	while (*s == ' ')
		s++;
	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return n;
}

static void
fmt_num(char *out, long v)
{
	char t[24];
	int i = 0;

	do {
		t[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (i > 0)
		*out++ = t[--i];
	*out = '\0';
}

/* Read a whole (small) file into buf; its length or -errno. */
static long
slurp(const char *path)
{
	long fd = usys(SYS_open, (long)path, O_RDONLY, 0, 0), n, got = 0;

	if (fd < 0)
		return fd;
	while ((n = usys(SYS_read, fd, (long)buf + got,
	    (long)sizeof(buf) - 1 - got, 0)) > 0)
		got += n;
	usys(SYS_close, fd, 0, 0, 0);
	buf[got] = '\0';
	return n < 0 ? n : got;
}

static long
put(const char *path, const char *text)
{
	long fd = usys(SYS_open, (long)path, O_WRONLY | O_CREAT, 0644, 0), n;

	if (fd < 0)
		return fd;
	n = usys(SYS_write, fd, (long)text, (long)usys_len(text), 0);
	usys(SYS_close, fd, 0, 0, 0);
	return n;
}

static void
sleep_ms(long ms)
{
	long ts[2] = { 0, ms * 1000000 };

	usys(SYS_nanosleep, (long)ts, 0, 0, 0);
}

static long
mount(const char *src, const char *dst, const char *type, long flags)
{
	return usys6(SYS_mount, (long)src, (long)dst, (long)type, flags, 0, 0);
}

static void
mounts(void)
{
	struct ustatfs sf;
	long fd;

	check("mount of an unknown type is -ENODEV",
	    mount("x", "/tmp", "nosuchfs", 0) == -ENODEV);
	check("mount with a bad target pointer is -EFAULT",
	    mount("x", (const char *)8, "tmpfs", 0) == -EFAULT);
	check("mount with a bad type pointer is -EFAULT",
	    mount("x", "/tmp", (const char *)8, 0) == -EFAULT);
	check("mount on a missing directory is -ENOENT",
	    mount("x", "/nonexistent", "tmpfs", 0) == -ENOENT);
	check("mount on a file is -ENOTDIR",
	    mount("x", "/bin/ufs", "tmpfs", 0) == -ENOTDIR);
	check("umount2 of a plain directory is -EINVAL",
	    usys(SYS_umount2, (long)"/tmp", 0, 0, 0) == -EINVAL);
	check("umount2 with unknown flags is -EINVAL",
	    usys(SYS_umount2, (long)"/tmp", 0x100, 0, 0) == -EINVAL);
	check("umount2 of / is -EBUSY",
	    usys(SYS_umount2, (long)"/", 0, 0, 0) == -EBUSY);
	check("mount -t proc proc /proc",
	    mount("proc", "/proc", "proc", 0) == 0);
	check("mount -t tmpfs tmpfs /tmp",
	    mount("tmpfs", "/tmp", "tmpfs", 0) == 0);
	check("statfs /proc reports PROC_SUPER_MAGIC",
	    usys(SYS_statfs, (long)"/proc", (long)&sf, 0, 0) == 0 &&
	    sf.f_type == 0x9fa0);
	check("statfs /tmp reports TMPFS_MAGIC with room",
	    usys(SYS_statfs, (long)"/tmp", (long)&sf, 0, 0) == 0 &&
	    sf.f_type == 0x01021994 && sf.f_blocks > 0 && sf.f_bfree > 0 &&
	    sf.f_bsize == 4096 && sf.f_namelen == 255);
	check("statfs / reports RAMFS_MAGIC",
	    usys(SYS_statfs, (long)"/", (long)&sf, 0, 0) == 0 &&
	    sf.f_type == 0x858458f6);
	check("statfs with a bad buffer is -EFAULT",
	    usys(SYS_statfs, (long)"/tmp", 8, 0, 0) == -EFAULT);
	check("fstatfs of a bad descriptor is -EBADF",
	    usys(SYS_fstatfs, 99, (long)&sf, 0, 0) == -EBADF);
	fd = usys(SYS_open, (long)"/proc", O_RDONLY | O_DIRECTORY, 0, 0);
	check("fstatfs of an open /proc",
	    usys(SYS_fstatfs, fd, (long)&sf, 0, 0) == 0 && sf.f_type == 0x9fa0);
	usys(SYS_close, fd, 0, 0, 0);
	check("/proc/mounts lists / /proc and /tmp",
	    slurp("/proc/mounts") > 0 && has(buf, "rootfs / rootfs rw") &&
	    has(buf, "proc /proc proc rw") && has(buf, "tmpfs /tmp tmpfs rw"));
}

/* Does the directory path list name? */
static int
lists(const char *path, const char *name)
{
	static char d[4096];
	long fd = usys(SYS_open, (long)path, O_RDONLY | O_DIRECTORY, 0, 0), n;
	int found = 0;

	if (fd < 0)
		return 0;
	while ((n = usys(SYS_getdents64, fd, (long)d, sizeof(d), 0)) > 0)
		for (long off = 0; off < n;
		    off += *(unsigned short *)(d + off + 16))
			if (eq(d + off + 19, name))
				found = 1;
	usys(SYS_close, fd, 0, 0, 0);
	return found;
}

static void
procfs(long argc, char **argv)
{
	char self[16], path[64], link[256];
	long pid = usys(SYS_getpid, 0, 0, 0, 0), n, up1, up2, child, fd;
	long mem_kb = argc > 1 ? num(argv[1]) * 1024 : 0;
	struct ustat st;
	int st_child;
	char *p;

	fmt_num(self, pid);
	n = usys(SYS_readlink, (long)"/proc/self", (long)link, sizeof(link), 0);
	check("/proc/self is a link to our pid",
	    n > 0 && (link[n] = '\0', eq(link, self)));
	check("/proc/self/stat starts with our pid and (comm)",
	    slurp("/proc/self/stat") > 0 && num(buf) == pid &&
	    has(buf, " (ufs) R "));
	check("/proc/self/status names us",
	    slurp("/proc/self/status") > 0 && has(buf, "Name:\tufs\n") &&
	    has(buf, "State:\tR (running)"));
	n = slurp("/proc/self/cmdline");
	p = buf;
	for (long i = 0; i < argc; i++) {
		if (!eq(p, argv[i]))
			n = -1;
		p += usys_len(p) + 1;
	}
	check("/proc/self/cmdline is our argv", n == p - buf);
	check("/proc/self/comm", slurp("/proc/self/comm") > 0 &&
	    eq(buf, "ufs\n"));
	n = usys(SYS_readlink, (long)"/proc/self/exe", (long)link,
	    sizeof(link), 0);
	check("/proc/self/exe is /bin/ufs",
	    n == 8 && (link[n] = '\0', eq(link, "/bin/ufs")));
	n = usys(SYS_readlink, (long)"/proc/self/cwd", (long)link,
	    sizeof(link), 0);
	check("/proc/self/cwd is /", n == 1 && link[0] == '/');
	fd = usys(SYS_open, (long)"/tmp/fdcheck", O_RDWR | O_CREAT, 0644, 0);
	path[0] = '\0';
	{
		char *q = path, fds[8];
		const char *parts[] = { "/proc/self/fd/", fds };

		fmt_num(fds, fd);
		for (int i = 0; i < 2; i++)
			for (const char *s = parts[i]; *s != '\0'; s++)
				*q++ = *s;
		*q = '\0';
	}
	n = usys(SYS_readlink, (long)path, (long)link, sizeof(link), 0);
	check("/proc/self/fd/N names the open file",
	    n == 12 && (link[n] = '\0', eq(link, "/tmp/fdcheck")));
	check("/proc/self/fd lists the descriptor",
	    lists("/proc/self/fd", path + 14));
	usys(SYS_close, fd, 0, 0, 0);
	check("/proc/self/fd/N is gone once closed",
	    usys(SYS_readlink, (long)path, (long)link, sizeof(link), 0) ==
	    -ENOENT);

	n = slurp("/proc/meminfo");
	p = buf;
	while (*p != '\0' && !(p[0] == 'M' && p[3] == 'T'))
		p++;
	n = *p != '\0' ? num(p + 9) : 0;
	check("/proc/meminfo MemTotal is within the memory size",
	    n > mem_kb / 2 && n <= mem_kb);
	{
		unsigned long si[14];

		check("sysinfo totalram matches MemTotal",
		    usys(SYS_sysinfo, (long)si, 0, 0, 0) == 0 &&
		    si[4] * *(unsigned int *)((char *)si + 104) / 1024 ==
		    (unsigned long)n);
	}
	check("/proc/cpuinfo has a vendor, flags and MHz",
	    slurp("/proc/cpuinfo") > 0 && has(buf, "vendor_id\t: ") &&
	    has(buf, "flags\t\t: fpu") && has(buf, "cpu MHz\t\t: "));
	slurp("/proc/uptime");
	for (p = buf; *p != '.' && *p != '\0'; p++)
		;
	up1 = num(buf) * 100 + (*p == '.' ? num(p + 1) : 0);
	sleep_ms(300);
	slurp("/proc/uptime");
	for (p = buf; *p != '.' && *p != '\0'; p++)
		;
	up2 = num(buf) * 100 + (*p == '.' ? num(p + 1) : 0);
	check("/proc/uptime advances with time", up2 >= up1 + 25);
	check("/proc/loadavg has five fields", slurp("/proc/loadavg") > 0 &&
	    has(buf, "/"));
	check("/proc/version", slurp("/proc/version") > 0 &&
	    has(buf, "Linux version"));
	check("/proc/cmdline is the kernel's", slurp("/proc/cmdline") > 0 &&
	    has(buf, "/bin/ufs 64"));
	check("/proc/stat has a cpu line", slurp("/proc/stat") > 0 &&
	    has(buf, "cpu  ") && has(buf, "ctxt "));
	check("/proc lists our pid", lists("/proc", self));

	child = usys(SYS_fork, 0, 0, 0, 0);
	if (child == 0) {
		sleep_ms(300);
		usys(SYS_exit, 0, 0, 0, 0);
	}
	fmt_num(self, child);
	check("/proc lists a forked child", lists("/proc", self));
	{
		char *q = path;

		for (const char *s = "/proc/"; *s != '\0'; s++)
			*q++ = *s;
		for (const char *s = self; *s != '\0'; s++)
			*q++ = *s;
		for (const char *s = "/stat"; *s != '\0'; s++)
			*q++ = *s;
		*q = '\0';
	}
	n = slurp(path);
	for (p = buf; *p != '\0' && *p != ')'; p++)
		;
	check("/proc/<child>/stat: its pid and comm, our pid as parent",
	    n > 0 && num(buf) == child && has(buf, " (ufs) ") &&
	    *p == ')' && (p[2] == 'R' || p[2] == 'S') && num(p + 4) == pid);
	usys(SYS_wait4, child, (long)&st_child, 0, 0);
	check("/proc/<pid> is gone once reaped",
	    usys(SYS_stat, (long)path, (long)&st, 0, 0) == -ENOENT &&
	    !lists("/proc", self));
	fd = usys(SYS_open, (long)"/proc/meminfo", O_WRONLY, 0, 0);
	check("writing /proc/meminfo is -EIO",
	    fd >= 0 && usys(SYS_write, fd, (long)"x", 1, 0) == -EIO);
	usys(SYS_close, fd, 0, 0, 0);
	check("mkdir in /proc is -EPERM",
	    usys(SYS_mkdir, (long)"/proc/new", 0755, 0, 0) == -EPERM);
	check("creating a file in /proc is refused",
	    usys(SYS_open, (long)"/proc/new", O_WRONLY | O_CREAT, 0644, 0) ==
	    -EACCES);
}

static void
files(void)
{
	struct ustat st, st2;
	long ts[4], fd, n;
	unsigned char stx[256];

	check("a file in the tmpfs /tmp", put("/tmp/a", "hello") == 5 &&
	    slurp("/tmp/a") == 5 && eq(buf, "hello"));
	check("a directory in /tmp", usys(SYS_mkdir, (long)"/tmp/d", 0755, 0, 0) == 0 &&
	    put("/tmp/d/f", "x") == 1);
	check("link gives a second name",
	    usys(SYS_link, (long)"/tmp/a", (long)"/tmp/b", 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/b", (long)&st2, 0, 0) == 0 &&
	    st.st_ino == st2.st_ino && st.st_nlink == 2);
	check("link to an existing name is -EEXIST",
	    usys(SYS_link, (long)"/tmp/a", (long)"/tmp/b", 0, 0) == -EEXIST);
	check("link of a directory is -EPERM",
	    usys(SYS_link, (long)"/tmp/d", (long)"/tmp/d2", 0, 0) == -EPERM);
	check("link across mounts is -EXDEV",
	    usys(SYS_link, (long)"/tmp/a", (long)"/a", 0, 0) == -EXDEV);
	check("symlinkat and linkat(AT_SYMLINK_FOLLOW)",
	    usys(SYS_symlinkat, (long)"a", AT_FDCWD, (long)"/tmp/s", 0) == 0 &&
	    usys6(SYS_linkat, AT_FDCWD, (long)"/tmp/s", AT_FDCWD,
	    (long)"/tmp/c", AT_SYMLINK_FOLLOW, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/c", (long)&st2, 0, 0) == 0 &&
	    st2.st_ino == st.st_ino && st2.st_nlink == 3);
	check("unlink drops a name",
	    usys(SYS_unlink, (long)"/tmp/c", 0, 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    st.st_nlink == 2);

	check("chown sets owner and group",
	    usys(SYS_chown, (long)"/tmp/a", 12, 34, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/b", (long)&st, 0, 0) == 0 &&
	    st.st_uid == 12 && st.st_gid == 34);
	check("chown with -1 keeps a field",
	    usys(SYS_chown, (long)"/tmp/a", -1, 56, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    st.st_uid == 12 && st.st_gid == 56);
	check("lchown changes the link, not its target",
	    usys(SYS_lchown, (long)"/tmp/s", 7, 8, 0) == 0 &&
	    usys(SYS_lstat, (long)"/tmp/s", (long)&st2, 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    st2.st_uid == 7 && st.st_uid == 12);
	fd = usys(SYS_open, (long)"/tmp/a", O_RDONLY, 0, 0);
	check("fchown and fchownat",
	    usys(SYS_fchown, fd, 1, 2, 0) == 0 &&
	    usys6(SYS_fchownat, AT_FDCWD, (long)"/tmp/s", 3, 4,
	    AT_SYMLINK_NOFOLLOW, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    usys(SYS_lstat, (long)"/tmp/s", (long)&st2, 0, 0) == 0 &&
	    st.st_uid == 1 && st.st_gid == 2 && st2.st_uid == 3);
	check("chmod, fchmod, fchmodat",
	    usys(SYS_chmod, (long)"/tmp/a", 0600, 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    (st.st_mode & 07777) == 0600 &&
	    usys(SYS_fchmod, fd, 04711, 0, 0) == 0 &&
	    usys(SYS_fstat, fd, (long)&st, 0, 0) == 0 &&
	    st.st_mode == (0100000 | 04711) &&
	    usys(SYS_fchmodat, AT_FDCWD, (long)"/tmp/a", 0640, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/b", (long)&st, 0, 0) == 0 &&
	    (st.st_mode & 07777) == 0640);
	check("chmod of a bad descriptor is -EBADF",
	    usys(SYS_fchmod, 99, 0600, 0, 0) == -EBADF);
	usys(SYS_close, fd, 0, 0, 0);

	ts[0] = 1000; ts[1] = 5; ts[2] = 2000; ts[3] = 7;
	check("utimensat sets both times to the nanosecond",
	    usys(SYS_utimensat, AT_FDCWD, (long)"/tmp/a", (long)ts, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    st.st_atime == 1000 && st.st_atime_nsec == 5 &&
	    st.st_mtime == 2000 && st.st_mtime_nsec == 7 &&
	    st.st_ctime_nsec + st.st_ctime > 0);
	ts[0] = 3000; ts[1] = UTIME_OMIT; ts[2] = 4000; ts[3] = 9;
	check("UTIME_OMIT leaves the access time",
	    usys(SYS_utimensat, AT_FDCWD, (long)"/tmp/a", (long)ts, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    st.st_atime == 1000 && st.st_mtime == 4000 &&
	    st.st_mtime_nsec == 9);
	ts[1] = 1000000000;
	check("utimensat with a bad nanosecond field is -EINVAL",
	    usys(SYS_utimensat, AT_FDCWD, (long)"/tmp/a", (long)ts, 0) ==
	    -EINVAL);
	check("utimensat with a bad pointer is -EFAULT",
	    usys(SYS_utimensat, AT_FDCWD, (long)"/tmp/a", 8, 0) == -EFAULT);
	ts[0] = 5000; ts[1] = 250000; ts[2] = 6000; ts[3] = 1;
	check("utimes takes microseconds",
	    usys(SYS_utimes, (long)"/tmp/a", (long)ts, 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    st.st_atime == 5000 && st.st_atime_nsec == 250000000 &&
	    st.st_mtime == 6000 && st.st_mtime_nsec == 1000);
	ts[0] = 7000; ts[1] = 8000;
	check("utime takes seconds",
	    usys(SYS_utime, (long)"/tmp/a", (long)ts, 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == 0 &&
	    st.st_atime == 7000 && st.st_mtime == 8000 &&
	    st.st_mtime_nsec == 0);
	check("statx reports size, mode and mtime",
	    usys6(SYS_statx, AT_FDCWD, (long)"/tmp/a", 0, 0x7ff, (long)stx,
	    0) == 0 && *(unsigned long *)(stx + 40) == 5 &&
	    (*(unsigned short *)(stx + 28) & 07777) == 0640 &&
	    *(long *)(stx + 112) == 8000);

	check("mknod makes a named pipe",
	    usys(SYS_mknod, (long)"/tmp/p", 0010644, 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/p", (long)&st, 0, 0) == 0 &&
	    (st.st_mode & 0170000) == 0010000);
	check("mknodat makes a device node that works",
	    usys(SYS_mknodat, AT_FDCWD, (long)"/tmp/null", 0020666,
	    (1 << 8) | 3) == 0 &&
	    usys(SYS_stat, (long)"/tmp/null", (long)&st, 0, 0) == 0 &&
	    st.st_rdev == 0x103 && put("/tmp/null", "gone") == 4);
	check("mknod of a directory is -EPERM",
	    usys(SYS_mknod, (long)"/tmp/x", 0040755, 0, 0) == -EPERM);
	{
		long rd;

		if ((rd = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
			long w = usys(SYS_open, (long)"/tmp/p", O_WRONLY, 0, 0);

			usys(SYS_write, w, (long)"through", 7, 0);
			usys(SYS_exit, 0, 0, 0, 0);
		}
		fd = usys(SYS_open, (long)"/tmp/p", O_RDONLY, 0, 0);
		buf[0] = '\0';
		n = 0;
		while (fd >= 0 && (rd = usys(SYS_read, fd, (long)buf + n,
		    20, 0)) > 0)
			n += rd;
		buf[n > 0 ? n : 0] = '\0';
		usys(SYS_close, fd, 0, 0, 0);
		usys(SYS_wait4, -1, 0, 0, 0);
		check("a named pipe carries bytes between processes",
		    eq(buf, "through"));
	}
	check("renameat2(RENAME_NOREPLACE) onto a name is -EEXIST",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"/tmp/a", AT_FDCWD,
	    (long)"/tmp/b", 1, 0) == -EEXIST);
	check("renameat2 with unknown flags is -EINVAL",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"/tmp/a", AT_FDCWD,
	    (long)"/tmp/z", 8, 0) == -EINVAL);
	check("renameat2(RENAME_NOREPLACE) to a new name",
	    usys6(SYS_renameat2, AT_FDCWD, (long)"/tmp/a", AT_FDCWD,
	    (long)"/tmp/z", 1, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/a", (long)&st, 0, 0) == -ENOENT);
	check("truncate by path",
	    usys(SYS_truncate, (long)"/tmp/z", 2, 0, 0) == 0 &&
	    slurp("/tmp/b") == 2 && eq(buf, "he"));
	check("truncate of a directory is -EISDIR",
	    usys(SYS_truncate, (long)"/tmp/d", 0, 0, 0) == -21);
	check("sync and syncfs",
	    usys(SYS_sync, 0, 0, 0, 0) == 0 &&
	    usys(SYS_syncfs, 99, 0, 0, 0) == -EBADF);

	/* Unmounting: busy while a file is open or a directory current. */
	fd = usys(SYS_open, (long)"/tmp/b", O_RDONLY, 0, 0);
	check("umount2 of a tmpfs in use is -EBUSY",
	    usys(SYS_umount2, (long)"/tmp", 0, 0, 0) == -EBUSY);
	check("rmdir of a mount point is -EBUSY",
	    usys(SYS_rmdir, (long)"/tmp", 0, 0, 0) == -EBUSY);
	usys(SYS_close, fd, 0, 0, 0);
	check("umount2 /tmp once idle",
	    usys(SYS_umount2, (long)"/tmp", 0, 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/tmp/b", (long)&st, 0, 0) == -ENOENT);
	check("a second tmpfs starts empty",
	    mount("t2", "/tmp", "tmpfs", 0) == 0 && !lists("/tmp", "b") &&
	    put("/tmp/new", "y") == 1 &&
	    usys(SYS_umount2, (long)"/tmp", MNT_DETACH, 0, 0) == 0);
	check("umount2 /proc",
	    usys(SYS_umount2, (long)"/proc", 0, 0, 0) == 0 &&
	    usys(SYS_stat, (long)"/proc/self", (long)&st, 0, 0) == -ENOENT);
}

/* /sys: the CPUs as glibc's get_nprocs and stress-ng read them. */
static void
sysfs(void)
{
	struct ustatfs sf;

	check("mount -t sysfs sysfs on a directory",
	    usys(SYS_mkdir, (long)"/tmp/sys", 0755, 0, 0) == 0 &&
	    mount("sysfs", "/tmp/sys", "sysfs", 0) == 0);
	check("statfs of /sys reports SYSFS_MAGIC",
	    usys(SYS_statfs, (long)"/tmp/sys", (long)&sf, 0, 0) == 0 &&
	    sf.f_type == 0x62656572);
	check("/sys lists devices, kernel and fs",
	    lists("/tmp/sys", "devices") && lists("/tmp/sys", "kernel") &&
	    lists("/tmp/sys", "fs"));
	check("/sys/devices/system/cpu lists cpu0 and online",
	    lists("/tmp/sys/devices/system/cpu", "cpu0") &&
	    lists("/tmp/sys/devices/system/cpu", "online") &&
	    !lists("/tmp/sys/devices/system/cpu", "cpu1"));
	check("/sys/devices/system/cpu/online is 0 (one CPU)",
	    slurp("/tmp/sys/devices/system/cpu/online") == 2 &&
	    has(buf, "0\n"));
	check("/sys/devices/system/cpu/possible and present agree",
	    slurp("/tmp/sys/devices/system/cpu/possible") == 2 &&
	    has(buf, "0\n") &&
	    slurp("/tmp/sys/devices/system/cpu/present") == 2 &&
	    has(buf, "0\n"));
	check("a missing /sys file is -ENOENT",
	    usys(SYS_open, (long)"/tmp/sys/devices/system/cpu/cpu9",
	    O_RDONLY, 0, 0) == -ENOENT);
	check("/sys files are read-only",
	    usys(SYS_open, (long)"/tmp/sys/devices/system/cpu/online",
	    O_WRONLY, 0, 0) == -EACCES);
	check("/proc/filesystems names sysfs",
	    slurp("/proc/filesystems") > 0 && has(buf, "nodev\tsysfs\n"));
	check("umount2 of /sys and rmdir",
	    usys(SYS_umount2, (long)"/tmp/sys", 0, 0, 0) == 0 &&
	    usys(SYS_rmdir, (long)"/tmp/sys", 0, 0, 0) == 0);
}

void
cstart(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);

	mounts();
	procfs(argc, argv);
	sysfs();
	files();
	usys_finish("ufs", failed);
}

USYS_START;
