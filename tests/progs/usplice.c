/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * splice, tee, vmsplice, copy_file_range, sync_file_range and sendfile
 * as Linux has them, with a libc (static musl; it builds and passes on
 * the Linux host too): file to pipe to file, with and without offsets;
 * pipe to pipe; the memory devices; the errors (EBADF for a bad
 * descriptor or mode, ESPIPE for an offset on a pipe, EINVAL for two
 * files, the same pipe twice, O_APPEND, unknown flags); SPLICE_F_NONBLOCK
 * and O_NONBLOCK; a splice blocked on an empty or full pipe woken by the
 * other end's data, its close, or a signal (EINTR); tee keeping its
 * input; vmsplice both ways; copy_file_range's offsets and errors;
 * sync_file_range's checks.  Prints one line per check and a summary;
 * exits 0 if every check held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define PIPE_CAP	65536

static int failed;
static char dir[64];

static void
say(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(1, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void
check(const char *what, int ok)
{
	char line[256];

	snprintf(line, sizeof(line), "usplice: %s %s\n", ok ? "ok" : "FAILED",
	    what);
	say(line);
	failed |= !ok;
}

/* r is -1 with errno e. */
static int
fails(long r, int e)
{
	return r == -1 && errno == e;
}

static const char *
path(const char *name)
{
	static char buf[4][128];
	static int next;
	char *p = buf[next++ % 4];

	snprintf(p, 128, "%s/%s", dir, name);
	return p;
}

/* A file holding n bytes of the pattern i * 7 + seed. */
static int
make_file(const char *name, size_t n, int seed)
{
	char *b = malloc(n + 1);
	int fd, ok;

	for (size_t i = 0; i < n; i++)
		b[i] = (char)(i * 7 + (size_t)seed);
	fd = open(path(name), O_RDWR | O_CREAT | O_TRUNC, 0644);
	ok = fd >= 0 && write(fd, b, n) == (ssize_t)n;
	free(b);
	if (fd >= 0)
		lseek(fd, 0, SEEK_SET);
	return ok ? fd : -1;
}

static int
pattern_ok(const char *b, size_t n, size_t from, int seed)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != (char)((i + from) * 7 + (size_t)seed))
			return 0;
	return 1;
}

static void
file_pipe_file(void)
{
	int in = make_file("in", 10000, 3), out, p[2];
	char buf[10000];
	loff_t off;
	ssize_t n, total = 0;

	out = open(path("out"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	check("files and a pipe made", in >= 0 && out >= 0 && pipe(p) == 0);
	n = splice(in, NULL, p[1], NULL, 4000, SPLICE_F_MOVE | SPLICE_F_MORE);
	check("file to pipe: 4000 bytes", n == 4000);
	check("file to pipe: the file's position moved",
	    lseek(in, 0, SEEK_CUR) == 4000);
	n = splice(p[0], NULL, out, NULL, 10000, 0);
	check("pipe to file: what the pipe held", n == 4000);
	check("pipe to file: the file's position moved",
	    lseek(out, 0, SEEK_CUR) == 4000);
	/* The rest through offsets: the positions stay. */
	off = 4000;
	while (off < 10000) {
		n = splice(in, &off, p[1], NULL, 10000, 0);
		if (n <= 0)
			break;
		loff_t o2 = off - n;
		if (splice(p[0], NULL, out, &o2, (size_t)n, 0) != n)
			break;
		total += n;
	}
	check("file to pipe at an offset: all of it, offset advanced",
	    total == 6000 && off == 10000);
	check("at an offset: the positions stay",
	    lseek(in, 0, SEEK_CUR) == 4000 && lseek(out, 0, SEEK_CUR) == 4000);
	off = 10000;
	check("file to pipe at the end: 0", splice(in, &off, p[1], NULL, 10,
	    0) == 0 && off == 10000);
	check("the copy reads back the same",
	    pread(out, buf, sizeof(buf), 0) == 10000 &&
	    pattern_ok(buf, 10000, 0, 3));
	off = -1;
	check("a negative offset: EINVAL",
	    fails(splice(in, &off, p[1], NULL, 10, 0), EINVAL));
	check("a bad offset pointer: EFAULT",
	    fails(splice(in, (loff_t *)8, p[1], NULL, 10, 0), EFAULT));
	/* A whole pipe's worth moves by itself. */
	close(in);
	in = make_file("big", 3 * PIPE_CAP, 5);
	total = 0;
	while (total < PIPE_CAP && (n = splice(in, NULL, p[1], NULL,
	    3 * PIPE_CAP, SPLICE_F_NONBLOCK)) > 0)
		total += n;
	check("file to pipe fills the pipe and stops", total == PIPE_CAP);
	check("a full pipe with SPLICE_F_NONBLOCK: EAGAIN",
	    fails(splice(in, NULL, p[1], NULL, 10, SPLICE_F_NONBLOCK), EAGAIN));
	total = 0;
	while (total < PIPE_CAP && (n = read(p[0], buf, sizeof(buf))) > 0) {
		if (!pattern_ok(buf, (size_t)n, (size_t)total, 5))
			break;
		total += n;
	}
	check("what was spliced reads back in order", total == PIPE_CAP);
	close(in);
	close(out);
	close(p[0]);
	close(p[1]);
}

static void
pipe_pipe(void)
{
	int a[2], b[2];
	char buf[200];

	check("two pipes", pipe(a) == 0 && pipe(b) == 0);
	check("100 bytes in", write(a[1], "0123456789", 10) == 10 &&
	    write(a[1], buf, 90) == 90);
	check("pipe to pipe: what there is, up to len",
	    splice(a[0], NULL, b[1], NULL, 30, 0) == 30 &&
	    splice(a[0], NULL, b[1], NULL, 1000, 0) == 70);
	check("pipe to pipe: the bytes in order", read(b[0], buf, 200) == 100 &&
	    memcmp(buf, "0123456789", 10) == 0);
	{
		static char pages[3 * 4096];

		check("a read past a pipe holding two whole pages: the two",
		    write(a[1], pages, 8192) == 8192 &&
		    read(a[0], pages, sizeof(pages)) == 8192);
	}
	check("empty pipe, SPLICE_F_NONBLOCK: EAGAIN",
	    fails(splice(a[0], NULL, b[1], NULL, 10, SPLICE_F_NONBLOCK),
	    EAGAIN));
	fcntl(a[0], F_SETFL, O_NONBLOCK);
	check("empty pipe, O_NONBLOCK read end: EAGAIN",
	    fails(splice(a[0], NULL, b[1], NULL, 10, 0), EAGAIN));
	fcntl(a[0], F_SETFL, 0);
	check("the same pipe twice: EINVAL",
	    fails(splice(a[0], NULL, a[1], NULL, 10, 0), EINVAL));
	check("an offset for a pipe: ESPIPE",
	    fails(splice(a[0], &(loff_t){ 0 }, b[1], NULL, 10, 0), ESPIPE) &&
	    fails(splice(a[0], NULL, b[1], &(loff_t){ 0 }, 10, 0), ESPIPE));
	check("from a write end: EBADF",
	    fails(splice(a[1], NULL, b[1], NULL, 10, 0), EBADF));
	check("to a read end: EBADF",
	    fails(splice(a[0], NULL, b[0], NULL, 10, 0), EBADF));
	check("unknown flags: EINVAL",
	    fails(splice(a[0], NULL, b[1], NULL, 10, 0x10), EINVAL));
	check("length 0: 0, even for a bad descriptor",
	    splice(-1, NULL, -1, NULL, 0, 0) == 0);
	close(a[1]);
	check("an empty pipe without writers: 0 (end of file)",
	    splice(a[0], NULL, b[1], NULL, 10, 0) == 0);
	close(b[0]);
	signal(SIGPIPE, SIG_IGN);
	{
		int c[2];

		pipe(c);
		write(c[1], "x", 1);
		check("pipe to a pipe without readers: EPIPE",
		    fails(splice(c[0], NULL, b[1], NULL, 1, 0), EPIPE));
		close(c[0]);
		close(c[1]);
	}
	signal(SIGPIPE, SIG_DFL);
	close(a[0]);
	close(b[1]);
}

static void
errors(void)
{
	int rd, wr, app, p[2], d;

	make_file("e", 26, 0);
	rd = open(path("e"), O_RDONLY);
	wr = open(path("e2"), O_WRONLY | O_CREAT, 0644);
	app = open(path("e3"), O_RDWR | O_CREAT | O_APPEND, 0644);
	d = open(dir, O_RDONLY | O_DIRECTORY);
	pipe(p);
	write(p[1], "abcdefghijklmnopqrstuvwxyz", 26);
	check("bad in: EBADF", fails(splice(-1, NULL, p[1], NULL, 10, 0),
	    EBADF));
	check("bad out: EBADF", fails(splice(p[0], NULL, 99, NULL, 10, 0),
	    EBADF));
	check("a write-only file in: EBADF",
	    fails(splice(wr, NULL, p[1], NULL, 10, 0), EBADF));
	check("a read-only file out: EBADF",
	    fails(splice(p[0], NULL, rd, NULL, 10, 0), EBADF));
	check("an O_APPEND file out: EINVAL",
	    fails(splice(p[0], NULL, app, NULL, 10, 0), EINVAL));
	check("neither end a pipe: EINVAL",
	    fails(splice(rd, NULL, wr, NULL, 10, 0), EINVAL));
	check("pipe in with an offset: ESPIPE",
	    fails(splice(p[0], &(loff_t){ 0 }, wr, NULL, 10, 0), ESPIPE));
	check("pipe out with an offset: ESPIPE",
	    fails(splice(rd, NULL, p[1], &(loff_t){ 0 }, 10, 0), ESPIPE));
	check("a directory in: EINVAL",
	    fails(splice(d, NULL, p[1], NULL, 10, 0), EINVAL));
	check("nothing consumed by the failures",
	    splice(p[0], NULL, wr, NULL, 100, 0) == 26);
	/* An empty pipe into a kind splice cannot write: no wait. */
	check("empty pipe to a directory: EBADF, not a wait",
	    fails(splice(p[0], NULL, d, NULL, 10, 0), EBADF));
	close(rd);
	close(wr);
	close(app);
	close(d);
	close(p[0]);
	close(p[1]);
}

static void
devices(void)
{
	int z = open("/dev/zero", O_RDONLY), nul = open("/dev/null", O_WRONLY);
	int p[2];
	char buf[5000];
	int zeros = 1;

	pipe(p);
	memset(buf, 0xff, sizeof(buf));
	check("/dev/zero to pipe: 5000 bytes",
	    splice(z, NULL, p[1], NULL, 5000, 0) == 5000);
	check("they are zeros", read(p[0], buf, 5000) == 5000);
	for (int i = 0; i < 5000; i++)
		zeros &= buf[i] == 0;
	check("all of them", zeros);
	write(p[1], buf, 3000);
	check("pipe to /dev/null: all of it",
	    splice(p[0], NULL, nul, NULL, 5000, 0) == 3000);
	close(z);
	close(nul);
	close(p[0]);
	close(p[1]);
}

static void
on_alarm(int sig)
{
	(void)sig;
}

/* A splice blocked on a pipe wakes for data, a close, and a signal. */
static void
blocking(void)
{
	int p[2], out = open(path("blk"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	int st;
	pid_t pid;
	struct sigaction sa;
	char buf[16];

	pipe(p);
	if ((pid = fork()) == 0) {
		usleep(100000);
		write(p[1], "wake", 4);
		_exit(0);
	}
	check("blocked on an empty pipe, wakes for data",
	    splice(p[0], NULL, out, NULL, 100, 0) == 4);
	waitpid(pid, &st, 0);
	if ((pid = fork()) == 0) {
		usleep(100000);
		_exit(0);		/* its copy of the write end goes */
	}
	close(p[1]);
	check("blocked on an empty pipe, the last writer's close: 0",
	    splice(p[0], NULL, out, NULL, 100, 0) == 0);
	waitpid(pid, &st, 0);
	close(p[0]);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	pipe(p);
	alarm(1);
	check("blocked on an empty pipe, a signal: EINTR",
	    fails(splice(p[0], NULL, out, NULL, 100, 0), EINTR));
	check("a one-page pipe", fcntl(p[1], F_SETPIPE_SZ, 4096) == 4096);
	memset(buf, 'f', sizeof(buf));
	write(out, buf, sizeof(buf));
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	fcntl(p[1], F_SETFL, 0);
	alarm(1);
	check("blocked on a full pipe (file in), a signal: EINTR",
	    fails(splice(out, &(loff_t){ 0 }, p[1], NULL, 4, 0), EINTR));
	alarm(1);
	check("blocked on a full pipe (vmsplice), a signal: EINTR",
	    fails(vmsplice(p[1], &(struct iovec){ buf, 4 }, 1, 0), EINTR));
	if ((pid = fork()) == 0) {
		char drain[4096];

		usleep(100000);
		read(p[0], drain, sizeof(drain));
		_exit(0);
	}
	check("blocked on a full pipe, a reader makes room",
	    splice(out, &(loff_t){ 0 }, p[1], NULL, 4, 0) == 4);
	waitpid(pid, &st, 0);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	check("a pipe without readers: EPIPE",
	    fails(splice(out, &(loff_t){ 0 }, p[1], NULL, 4, 0), EPIPE));
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
	close(out);
}

static void
tee_checks(void)
{
	int a[2], b[2], f = open(path("t"), O_RDWR | O_CREAT, 0644);
	char buf[64];

	pipe(a);
	pipe(b);
	write(a[1], "abcdefghij", 10);
	check("tee: what there is, up to len",
	    tee(a[0], b[1], 6, 0) == 6 && tee(a[0], b[1], 100, 0) == 10);
	check("tee: the copy", read(b[0], buf, 64) == 16 &&
	    memcmp(buf, "abcdefabcdefghij", 16) == 0);
	check("tee: the input kept", read(a[0], buf, 64) == 10 &&
	    memcmp(buf, "abcdefghij", 10) == 0);
	check("tee of an empty pipe, SPLICE_F_NONBLOCK: EAGAIN",
	    fails(tee(a[0], b[1], 10, SPLICE_F_NONBLOCK), EAGAIN));
	check("tee from a file: EINVAL", fails(tee(f, b[1], 10, 0), EINVAL));
	check("tee to a file: EINVAL", fails(tee(a[0], f, 10, 0), EINVAL));
	check("tee to the same pipe: EINVAL",
	    fails(tee(a[0], a[1], 10, 0), EINVAL));
	check("tee with a bad descriptor: EBADF",
	    fails(tee(-1, b[1], 10, 0), EBADF));
	check("tee with unknown flags: EINVAL",
	    fails(tee(a[0], b[1], 10, 0x100), EINVAL));
	close(a[1]);
	check("tee of an empty pipe without writers: 0",
	    tee(a[0], b[1], 10, 0) == 0);
	close(a[0]);
	close(b[0]);
	close(b[1]);
	close(f);
}

static void
vmsplice_checks(void)
{
	int p[2], f = open(path("v"), O_WRONLY | O_CREAT, 0644);
	/* Page-aligned: Linux fills a pipe by pages. */
	static char big[PIPE_CAP * 2] __attribute__((aligned(4096)));
	char a[5], b[7];
	struct iovec iov[2];
	ssize_t n;

	pipe(p);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 13);
	iov[0] = (struct iovec){ "hello", 5 };
	iov[1] = (struct iovec){ " world", 6 };
	check("vmsplice into a pipe: two iovecs",
	    vmsplice(p[1], iov, 2, SPLICE_F_GIFT) == 11);
	iov[0] = (struct iovec){ a, 5 };
	iov[1] = (struct iovec){ b, 7 };
	n = vmsplice(p[0], iov, 2, SPLICE_F_NONBLOCK);
	check("vmsplice out of a pipe into user memory",
	    n == 11 && memcmp(a, "hello", 5) == 0 &&
	    memcmp(b, " world", 6) == 0);
	iov[0] = (struct iovec){ big, sizeof(big) };
	check("vmsplice of more than the room: the room",
	    vmsplice(p[1], iov, 1, 0) == PIPE_CAP);
	check("vmsplice into a full pipe, SPLICE_F_NONBLOCK: EAGAIN",
	    fails(vmsplice(p[1], iov, 1, SPLICE_F_NONBLOCK), EAGAIN));
	{
		static char back[PIPE_CAP];
		ssize_t got = 0;

		iov[0] = (struct iovec){ back, sizeof(back) };
		got = vmsplice(p[0], iov, 1, 0);
		check("vmsplice out: the whole pipe, in order",
		    got == PIPE_CAP && memcmp(back, big, PIPE_CAP) == 0);
	}
	check("vmsplice out of an empty pipe, SPLICE_F_NONBLOCK: EAGAIN",
	    fails(vmsplice(p[0], iov, 1, SPLICE_F_NONBLOCK), EAGAIN));
	iov[0] = (struct iovec){ a, 5 };
	check("vmsplice on a file: EBADF", fails(vmsplice(f, iov, 1, 0),
	    EBADF));
	check("vmsplice on a file, nothing to move: 0",
	    vmsplice(f, iov, 0, 0) == 0);
	check("vmsplice with a bad descriptor: EBADF",
	    fails(vmsplice(-1, iov, 1, 0), EBADF));
	check("vmsplice with 1025 iovecs: EINVAL",
	    fails(vmsplice(p[1], iov, 1025, 0), EINVAL));
	check("vmsplice with unknown flags: EINVAL",
	    fails(vmsplice(p[1], iov, 1, 0x20), EINVAL));
	check("vmsplice of an unmapped iovec array: EFAULT",
	    fails(vmsplice(p[1], (struct iovec *)8, 1, 0), EFAULT));
	iov[0] = (struct iovec){ (void *)-4096L, 5 };
	check("vmsplice from a kernel address: EFAULT",
	    fails(vmsplice(p[1], iov, 1, 0), EFAULT));
	close(p[1]);
	iov[0] = (struct iovec){ a, 5 };
	check("vmsplice out of an empty pipe without writers: 0",
	    vmsplice(p[0], iov, 1, 0) == 0);
	close(p[0]);
	close(f);
}

static long
cfr(int in, loff_t *oi, int out, loff_t *oo, size_t len, unsigned fl)
{
	return syscall(SYS_copy_file_range, in, oi, out, oo, len, fl);
}

static void
copy_range(void)
{
	int in = make_file("cin", 9000, 11), out, app, rd, d, p[2];
	char buf[9000];
	loff_t oi, oo;

	out = open(path("cout"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	app = open(path("cout"), O_WRONLY | O_APPEND);
	rd = open(path("cin"), O_RDONLY);
	d = open(dir, O_RDONLY | O_DIRECTORY);
	pipe(p);
	check("copy_file_range: positions", cfr(in, NULL, out, NULL, 5000,
	    0) == 5000 && lseek(in, 0, SEEK_CUR) == 5000 &&
	    lseek(out, 0, SEEK_CUR) == 5000);
	oi = 5000;
	oo = 5000;
	check("copy_file_range: offsets, stopping at the end",
	    cfr(in, &oi, out, &oo, 100000, 0) == 4000 && oi == 9000 &&
	    oo == 9000 && lseek(in, 0, SEEK_CUR) == 5000 &&
	    lseek(out, 0, SEEK_CUR) == 5000);
	check("copy_file_range: the copy", pread(out, buf, 9000, 0) == 9000 &&
	    pattern_ok(buf, 9000, 0, 11));
	oi = 9000;
	check("copy_file_range at the end: 0",
	    cfr(in, &oi, out, NULL, 10, 0) == 0);
	check("copy_file_range: flags: EINVAL",
	    fails(cfr(in, NULL, out, NULL, 10, 1), EINVAL));
	check("copy_file_range: a directory: EISDIR",
	    fails(cfr(in, NULL, d, NULL, 10, 0), EISDIR));
	check("copy_file_range: a pipe: EINVAL",
	    fails(cfr(p[0], NULL, out, NULL, 10, 0), EINVAL) &&
	    fails(cfr(in, NULL, p[1], NULL, 10, 0), EINVAL));
	check("copy_file_range: O_APPEND: EBADF",
	    fails(cfr(in, NULL, app, NULL, 10, 0), EBADF));
	check("copy_file_range: read-only out: EBADF",
	    fails(cfr(in, NULL, rd, NULL, 10, 0), EBADF));
	check("copy_file_range: bad descriptor: EBADF",
	    fails(cfr(-1, NULL, out, NULL, 10, 0), EBADF));
	oi = 0;
	oo = 100;
	check("copy_file_range: overlap in one file: EINVAL",
	    fails(cfr(in, &oi, in, &oo, 1000, 0), EINVAL));
	oo = 8000;
	check("copy_file_range: within one file, no overlap",
	    cfr(in, &oi, in, &oo, 1000, 0) == 1000);
	{
		int pf = open("/proc/self/stat", O_RDONLY);

		if (pf < 0 && mount("proc", "/proc", "proc", 0, NULL) == 0)
			pf = open("/proc/self/stat", O_RDONLY);
		check("copy_file_range: from another filesystem: EXDEV",
		    fails(cfr(pf, NULL, out, NULL, 10, 0), EXDEV));
		close(pf);
	}
	oo = 1L << 62;
	check("copy_file_range: a range that wraps: EOVERFLOW",
	    fails(cfr(in, NULL, out, &oo, (size_t)-1, 0), EOVERFLOW));
	check("copy_file_range: past the largest file: EFBIG",
	    fails(cfr(in, NULL, out, &oo, (size_t)-1 >> 1, 0), EFBIG));
	close(in);
	close(out);
	close(app);
	close(rd);
	close(d);
	close(p[0]);
	close(p[1]);
}

/*
 * copy_file_range01's grid: every length of 11 and a page less, equal
 * and more, from and to no offset or offsets 0, 17 and around a page;
 * the bytes, the offsets and the positions checked each time.
 */
static void
copy_range_grid(void)
{
	static const size_t lens[] = { 11, 4095, 4096, 4097 };
	static const loff_t offs[] = { -1, 0, 17, 4095, 4096, 4097 };
	static char want[8192], got[8192];
	int src = make_file("grid", 16384, 23), bad = 0, jobs = 0;

	for (size_t l = 0; l < 4; l++)
		for (size_t i = 0; i < 6; i++)
			for (size_t o = 0; o < 6; o++) {
				int in = open(path("grid"), O_RDONLY);
				int out = open(path("gridout"), O_RDWR |
				    O_CREAT | O_TRUNC, 0644);
				loff_t oi = offs[i], oo = offs[o];
				loff_t *pi = oi < 0 ? NULL : &oi;
				loff_t *po = oo < 0 ? NULL : &oo;
				loff_t si = pi ? oi : 0, so = po ? oo : 0;
				size_t left = lens[l];
				long n = 1;

				while (left > 0 && (n = cfr(in, pi, out, po,
				    left, 0)) > 0)
					left -= (size_t)n;
				bad += left != 0 ||
				    pread(src, want, lens[l], si) !=
				    (ssize_t)lens[l] ||
				    pread(out, got, lens[l], so) !=
				    (ssize_t)lens[l] ||
				    memcmp(want, got, lens[l]) != 0 ||
				    lseek(in, 0, SEEK_CUR) !=
				    (pi ? 0 : (loff_t)lens[l]) ||
				    lseek(out, 0, SEEK_CUR) !=
				    (po ? 0 : (loff_t)lens[l]) ||
				    (pi && oi != si + (loff_t)lens[l]) ||
				    (po && oo != so + (loff_t)lens[l]);
				jobs++;
				close(in);
				close(out);
			}
	check("copy_file_range: the grid of lengths and offsets",
	    bad == 0 && jobs == 144);
	close(src);
}

static void
sync_range(void)
{
	int f = open(path("s"), O_RDWR | O_CREAT, 0644);
	int nul = open("/dev/null", O_RDWR), p[2];

	pipe(p);
	write(f, "data", 4);
	check("sync_file_range on a file: 0", sync_file_range(f, 0, 4,
	    SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
	    SYNC_FILE_RANGE_WAIT_AFTER) == 0 && sync_file_range(f, 0, 0, 0) == 0);
	check("sync_file_range: bad descriptor: EBADF",
	    fails(sync_file_range(-1, 0, 1, SYNC_FILE_RANGE_WRITE), EBADF));
	check("sync_file_range: a device or pipe: ESPIPE",
	    fails(sync_file_range(nul, 0, 1, SYNC_FILE_RANGE_WAIT_AFTER),
	    ESPIPE) && fails(sync_file_range(p[0], 0, 1, 0), ESPIPE));
	check("sync_file_range: a negative offset or length: EINVAL",
	    fails(sync_file_range(f, -1, 1, 0), EINVAL) &&
	    fails(sync_file_range(f, 0, -1, 0), EINVAL));
	check("sync_file_range: unknown flags: EINVAL",
	    fails(sync_file_range(f, 0, 1, 8), EINVAL));
	check("sync_file_range: the descriptor before the flags",
	    fails(sync_file_range(-1, 0, 1, 8), EBADF));
	close(f);
	close(nul);
	close(p[0]);
	close(p[1]);
}

static void
sendfile_checks(void)
{
	int in = make_file("sf", 3000, 17), p[2];
	int out = open(path("sfout"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	int app = open(path("sfout"), O_WRONLY | O_APPEND);
	int d = open(dir, O_RDONLY | O_DIRECTORY);
	char buf[3000];
	off_t off = 1000;

	pipe(p);
	check("sendfile to a pipe at an offset", sendfile(p[1], in, &off,
	    5000) == 2000 && off == 3000 && lseek(in, 0, SEEK_CUR) == 0);
	check("sendfile: the bytes", read(p[0], buf, sizeof(buf)) == 2000 &&
	    pattern_ok(buf, 2000, 1000, 17));
	check("sendfile from a pipe with an offset: ESPIPE",
	    fails(sendfile(p[1], p[0], &off, 10), ESPIPE));
	write(p[1], "abc", 3);
	check("sendfile from a pipe: EINVAL, the bytes kept",
	    fails(sendfile(out, p[0], NULL, 10), EINVAL) &&
	    read(p[0], buf, 10) == 3);
	check("sendfile from a directory: EINVAL",
	    fails(sendfile(out, d, NULL, 10), EINVAL));
	check("sendfile to an O_APPEND file: EINVAL",
	    fails(sendfile(app, in, NULL, 10), EINVAL));
	check("sendfile: a bad offset pointer before a bad descriptor: EFAULT",
	    fails(sendfile(-1, -1, (off_t *)8, 10), EFAULT));
	check("sendfile: bad descriptors: EBADF",
	    fails(sendfile(out, -1, NULL, 10), EBADF) &&
	    fails(sendfile(-1, in, NULL, 10), EBADF) &&
	    fails(sendfile(p[0], in, NULL, 10), EBADF));
	check("sendfile: a negative offset: EINVAL",
	    fails(sendfile(out, in, &(off_t){ -1 }, 10), EINVAL));
	check("sendfile to a file: from the position, which moves",
	    lseek(in, 500, SEEK_SET) == 500 &&
	    sendfile(out, in, NULL, 100000) == 2500 &&
	    lseek(in, 0, SEEK_CUR) == 3000 &&
	    pread(out, buf, 3000, 0) == 2500 &&
	    pattern_ok(buf, 2500, 500, 17));
	check("sendfile of 0 bytes: 0", sendfile(out, in, NULL, 0) == 0);
	{
		static char big[2 * PIPE_CAP];
		int big_in = make_file("sfbig", sizeof(big), 19);

		check("sendfile into a pipe: what room there is",
		    sendfile(p[1], big_in, NULL, sizeof(big)) == PIPE_CAP &&
		    read(p[0], big, sizeof(big)) == PIPE_CAP &&
		    pattern_ok(big, PIPE_CAP, 0, 19));
		close(big_in);
	}
	close(out);
	close(app);
	close(d);
	close(in);
	close(p[0]);
	close(p[1]);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/usplice.%d", tmp ? tmp : "/tmp",
	    (int)getpid());
	if (mkdir(dir, 0755) != 0) {
		say("usplice: FAILED cannot make a directory\n");
		return 1;
	}
	file_pipe_file();
	pipe_pipe();
	errors();
	devices();
	blocking();
	tee_checks();
	vmsplice_checks();
	copy_range();
	copy_range_grid();
	sync_range();
	sendfile_checks();
	say(failed ? "usplice: FAILED, see above\n" :
	    "usplice: done, all checks passed\n");
	return failed;
}
