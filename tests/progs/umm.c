/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Address spaces from ring 3, no libc: demand-zero and file-backed mmap,
 * copy-on-write fork, MAP_SHARED across fork, mprotect and PROT_NONE,
 * mremap, brk, stack growth, a large lazy reservation, the kernel writing
 * into untouched pages, and the errors of each call.  Faults are observed
 * in forked children through their wait status.  Exits 0 if all held.
 */
#include "usys.h"

#define SYS_read	0
#define SYS_open	2
#define SYS_close	3
#define SYS_pread64	17
#define SYS_mmap	9
#define SYS_mprotect	10
#define SYS_munmap	11
#define SYS_brk		12
#define SYS_pipe	22
#define SYS_mremap	25
#define SYS_madvise	28
#define SYS_fork	57
#define SYS_exit	60
#define SYS_wait4	61

#define PROT_NONE	0
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define MREMAP_MAYMOVE	1
#define PAGE		4096UL

#define EBADF		9
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EEXIST		17
#define EINVAL		22

static int failed;

static char *
map(unsigned long len, int prot, int flags, int fd, long off)
{
	return (char *)usys6(SYS_mmap, 0, (long)len, prot, flags, fd, off);
}

static void
check(const char *what, int ok)
{
	usys_check("umm", what, ok, &failed);
}

static int
is_err(const void *p, long e)
{
	return (long)p == -e;
}

/* Run fn in a child; its wait status. */
static int
in_child(void (*fn)(void *), void *arg)
{
	int st = -1;
	long pid = usys(SYS_fork, 0, 0, 0, 0);

	if (pid == 0) {
		fn(arg);
		usys(SYS_exit, 0, 0, 0, 0);
	}
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	return st;
}

static int
killed_by_segv(int st)
{
	return (st & 0x7f) == 11;
}

static void
touch_write(void *p)
{
	*(volatile char *)p = 1;
}

static void
touch_read(void *p)
{
	(void)*(volatile char *)p;
}

/* About 4 KB of stack per level; returns depth if every frame held. */
static int
recurse(int depth)
{
	volatile int buf[1000];

	buf[0] = depth;
	buf[999] = depth;
	if (depth == 0)
		return 0;
	return recurse(depth - 1) + (buf[999] == depth && buf[0] == depth);
}

static void
stack_overflow(void *arg)
{
	(void)arg;
	(void)recurse(4000);	/* 16 MB: past the 8 MiB limit */
}

/* Map and touch len bytes, then unmap; 1 if that worked. */
static int
lazy_touch(unsigned long len)
{
	char *m = map(len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);

	if ((long)m < 0)
		return 0;
	for (unsigned long off = 0; off < len; off += PAGE)
		m[off] = 1;
	usys(SYS_munmap, (long)m, (long)len, 0, 0);
	return 1;
}

/* Touch 1 GiB in a guest of 64 MiB: the kernel must end us, not itself. */
static void
exhaust(void *arg)
{
	char *m = map(1UL << 30, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	for (unsigned long off = 0; off < (1UL << 30); off += PAGE)
		m[off] = 1;
}

static void
cow_and_shared(void)
{
	char *priv = map(PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *shr = map(PAGE, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long pid;
	int st = -1;

	priv[0] = 'p';
	shr[0] = 's';
	pid = usys(SYS_fork, 0, 0, 0, 0);
	if (pid == 0) {
		int ok = priv[0] == 'p' && shr[0] == 's';

		priv[0] = 'c';		/* copy-on-write: the parent keeps 'p' */
		shr[0] = 'C';		/* shared: the parent sees it */
		usys(SYS_exit, ok ? 0 : 1, 0, 0, 0);
	}
	priv[1] = 'q';			/* the parent's write copies too */
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("child saw the parent's memory", st == 0);
	check("private page is copied on write", priv[0] == 'p' &&
	    priv[1] == 'q');
	check("MAP_SHARED page is shared across fork", shr[0] == 'C');
}

static void
file_map(void)
{
	char buf[256], *m;
	long fd = usys(SYS_open, (long)"/bin/files-test.sh", 0, 0, 0), n;
	int same = 1;

	check("open the file to map", fd >= 0);
	n = usys(SYS_read, fd, (long)buf, sizeof(buf), 0);
	m = map(2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, (int)fd, 0);
	check("mmap a file privately", (long)m > 0 && n > 0);
	if ((long)m <= 0)
		return;
	for (long i = 0; i < n; i++)
		same &= m[i] == buf[i];
	check("mapped bytes equal the file's", same);
	m[0] = '!';
	check("a private write stays out of the file",
	    usys6(SYS_pread64, fd, (long)buf, 1, 0, 0, 0) == 1 &&
	    buf[0] != '!' && m[0] == '!');
	check("MAP_SHARED|PROT_WRITE of a read-only descriptor is EACCES",
	    is_err(map(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0),
	    EACCES));
	check("mmap of an unaligned offset is EINVAL",
	    is_err(map(PAGE, PROT_READ, MAP_PRIVATE, (int)fd, 100), EINVAL));
	usys(SYS_munmap, (long)m, 2 * PAGE, 0, 0);
	usys(SYS_close, fd, 0, 0, 0);
}

static void
protections(void)
{
	char *m = map(2 * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	m[0] = 'x';
	m[PAGE] = 'y';
	check("mprotect read-only", usys(SYS_mprotect, (long)m, PAGE,
	    PROT_READ, 0) == 0);
	check("write to a read-only page is SIGSEGV",
	    killed_by_segv(in_child(touch_write, m)));
	check("the neighbour page stays writable",
	    in_child(touch_write, m + PAGE) == 0);
	check("mprotect PROT_NONE", usys(SYS_mprotect, (long)m, PAGE,
	    PROT_NONE, 0) == 0);
	check("reading a PROT_NONE page is SIGSEGV",
	    killed_by_segv(in_child(touch_read, m)));
	check("mprotect back to read-write keeps the data",
	    usys(SYS_mprotect, (long)m, PAGE, PROT_READ | PROT_WRITE, 0) == 0 &&
	    m[0] == 'x' && m[PAGE] == 'y');
	check("mprotect of an unmapped range is ENOMEM",
	    usys(SYS_mprotect, (long)m + 64 * PAGE * 1024, PAGE, PROT_READ,
	    0) == -ENOMEM);
	check("mprotect of an unaligned address is EINVAL",
	    usys(SYS_mprotect, (long)m + 1, PAGE, PROT_READ, 0) == -EINVAL);
	usys(SYS_munmap, (long)m, 2 * PAGE, 0, 0);
	check("touching an unmapped page is SIGSEGV",
	    killed_by_segv(in_child(touch_read, m)));
}

static void
remaps(void)
{
	char *m = map(2 * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *n;
	char *blocker;

	m[0] = 'a';
	m[PAGE + 5] = 'b';
	/* Something right after it, so growing must move. */
	blocker = (char *)usys6(SYS_mmap, (long)(m + 2 * PAGE), PAGE, PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check("MAP_FIXED places at the address", blocker == m + 2 * PAGE);
	check("MAP_FIXED_NOREPLACE over a mapping is EEXIST",
	    usys6(SYS_mmap, (long)m, PAGE, PROT_READ, MAP_PRIVATE |
	    MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == -EEXIST);
	check("mremap cannot grow in place without MAYMOVE",
	    usys6(SYS_mremap, (long)m, 2 * PAGE, 8 * PAGE, 0, 0, 0) == -ENOMEM);
	n = (char *)usys6(SYS_mremap, (long)m, 2 * PAGE, 8 * PAGE,
	    MREMAP_MAYMOVE, 0, 0);
	check("mremap moves and keeps the contents", (long)n > 0 &&
	    n != m && n[0] == 'a' && n[PAGE + 5] == 'b');
	n[7 * PAGE] = 'c';
	check("the grown tail is usable", n[7 * PAGE] == 'c');
	check("the old place is gone", killed_by_segv(in_child(touch_read, m)));
	check("mremap shrinks in place",
	    usys6(SYS_mremap, (long)n, 8 * PAGE, PAGE, 0, 0, 0) == (long)n &&
	    killed_by_segv(in_child(touch_read, n + PAGE)) && n[0] == 'a');
	check("mremap of unmapped memory is EFAULT",
	    usys6(SYS_mremap, (long)m, PAGE, 2 * PAGE, MREMAP_MAYMOVE, 0,
	    0) == -EFAULT);
	usys(SYS_munmap, (long)n, PAGE, 0, 0);
	usys(SYS_munmap, (long)blocker, PAGE, 0, 0);
}

static void
lazy_and_kernel_writes(void)
{
	long big = 1L << 30;
	int p[2];
	char *m = map((unsigned long)big, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *z;
	int zero = 1;

	check("a 1 GiB reservation succeeds (pages come on touch)",
	    (long)m > 0);
	if ((long)m > 0) {
		m[0] = 1;
		m[big / 2] = 2;
		m[big - 1] = 3;
		check("its far pages are usable", m[0] + m[big / 2] +
		    m[big - 1] == 6);
		usys(SYS_munmap, (long)m, big, 0, 0);
	}
	z = map(4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	for (unsigned long i = 0; i < 4 * PAGE; i += 512)
		zero &= z[i] == 0;
	check("anonymous pages read as zero", zero);
	usys(SYS_pipe, (long)p, 0, 0, 0);
	usys(1, p[1], (long)"kernel-write", 12, 0);
	check("read() into an untouched page faults it in",
	    usys(SYS_read, p[0], (long)(z + 2 * PAGE + 100), 12, 0) == 12 &&
	    z[2 * PAGE + 100] == 'k' && z[2 * PAGE + 111] == 'e');
	usys(SYS_close, p[0], 0, 0, 0);
	usys(SYS_close, p[1], 0, 0, 0);
}

static void
brks(void)
{
	long base = usys(SYS_brk, 0, 0, 0, 0), top;
	char *b;

	top = usys(SYS_brk, base + 3 * (long)PAGE, 0, 0, 0);
	check("brk grows", top == base + 3 * (long)PAGE);
	b = (char *)base;
	b[0] = 'h';
	b[2 * PAGE] = 'i';
	check("brk memory is usable", b[0] == 'h' && b[2 * PAGE] == 'i');
	check("brk below its start keeps the break",
	    usys(SYS_brk, base - (long)PAGE, 0, 0, 0) == top);
	check("brk shrinks", usys(SYS_brk, base, 0, 0, 0) == base);
	check("shrunk heap pages are gone",
	    killed_by_segv(in_child(touch_read, b + 2 * PAGE)));
}

static void
errors(void)
{
	check("mmap of length 0 is EINVAL",
	    is_err(map(0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
	    EINVAL));
	check("mmap with neither SHARED nor PRIVATE is EINVAL",
	    is_err(map(PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL));
	check("mmap of a bad descriptor is EBADF",
	    is_err(map(PAGE, PROT_READ, MAP_PRIVATE, 99, 0), EBADF));
	check("munmap of an unaligned address is EINVAL",
	    usys(SYS_munmap, 4097, PAGE, 0, 0) == -EINVAL);
	check("munmap of a kernel address is EINVAL",
	    usys(SYS_munmap, (long)0xffff800000000000UL, PAGE, 0, 0) ==
	    -EINVAL);
	check("MAP_FIXED at a kernel address is ENOMEM",
	    usys6(SYS_mmap, (long)0xffff800000000000UL, PAGE, PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == -ENOMEM);
}

static void
advice(void)
{
	char *m = map(2 * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	m[0] = 'a';
	m[PAGE] = 'b';
	check("MADV_DONTNEED", usys(SYS_madvise, (long)m, PAGE, 4, 0) == 0);
	check("a discarded anonymous page reads zero again",
	    m[0] == 0 && m[PAGE] == 'b');
	check("unknown advice is EINVAL",
	    usys(SYS_madvise, (long)m, PAGE, 99, 0) == -EINVAL);
	check("advice on unmapped memory is ENOMEM",
	    usys(SYS_madvise, (long)m + 64 * PAGE * 1024, PAGE, 4, 0) ==
	    -ENOMEM);
	check("mmap of more than the address space is ENOMEM",
	    is_err(map(~0UL - 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0), ENOMEM));
	usys(SYS_munmap, (long)m, 2 * PAGE, 0, 0);
}

static void
read_into_prot_none(void)
{
	char *m = map(PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long fd = usys(SYS_open, (long)"/bin/files-test.sh", 0, 0, 0);

	check("read() into a PROT_NONE page is EFAULT",
	    usys(SYS_read, fd, (long)m, 16, 0) == -EFAULT);
	check("read() into a read-only page is EFAULT",
	    usys(SYS_mprotect, (long)m, PAGE, PROT_READ, 0) == 0 &&
	    usys(SYS_read, fd, (long)m, 16, 0) == -EFAULT);
	{
		int p[2];
		char c = 0;

		usys(SYS_pipe, (long)p, 0, 0, 0);
		usys(1, p[1], (long)"z", 1, 0);
		check("a pipe read into a bad buffer is EFAULT and keeps the "
		    "byte", usys(SYS_read, p[0], (long)m, 1, 0) == -EFAULT &&
		    usys(SYS_read, p[0], (long)&c, 1, 0) == 1 && c == 'z');
		usys(SYS_close, p[0], 0, 0, 0);
		usys(SYS_close, p[1], 0, 0, 0);
	}
	usys(SYS_close, fd, 0, 0, 0);
	usys(SYS_munmap, (long)m, PAGE, 0, 0);
}

/* Does buf (n bytes) contain s? */
static int
contains(const char *buf, long n, const char *s)
{
	for (long i = 0; i < n; i++) {
		long j = 0;

		while (s[j] != '\0' && i + j < n && buf[i + j] == s[j])
			j++;
		if (s[j] == '\0')
			return 1;
	}
	return 0;
}

static void
proc_maps(void)
{
	static char buf[4096];
	long fd, n;

	/* init=/bin/umm: nobody mounted /proc for us (EBUSY if someone did). */
	usys6(165, (long)"proc", (long)"/proc", (long)"proc", 0, 0, 0);
	fd = usys(SYS_open, (long)"/proc/self/maps", 0, 0, 0);

	n = fd >= 0 ? usys(SYS_read, fd, (long)buf, sizeof(buf), 0) : -1;
	check("/proc/self/maps lists the program, heap and stack",
	    n > 0 && contains(buf, n, "r-xp") && contains(buf, n, "/bin/umm") &&
	    contains(buf, n, "[heap]") && contains(buf, n, "[stack]"));
	usys(SYS_close, fd, 0, 0, 0);
}

void
cstart(void)
{
	cow_and_shared();
	file_map();
	protections();
	remaps();
	lazy_and_kernel_writes();
	brks();
	usys(SYS_brk, usys(SYS_brk, 0, 0, 0, 0) + (long)PAGE, 0, 0, 0);
	proc_maps();
	errors();
	advice();
	read_into_prot_none();
	check("the stack grows on demand (1 MB of frames)",
	    recurse(250) == 250);
	check("running off the 8 MiB stack limit is SIGSEGV",
	    killed_by_segv(in_child(stack_overflow, 0)));
	check("exhausting memory kills the toucher (SIGKILL)",
	    (in_child(exhaust, 0) & 0x7f) == 9);
	check("and its memory comes back (32 MiB can be touched again)",
	    lazy_touch(32UL << 20));
	usys_finish("umm", failed);
}

USYS_START;
