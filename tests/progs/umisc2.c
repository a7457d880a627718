/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * More of the smaller Linux interfaces: /proc/config.gz (read back with
 * busybox zcat, or the host's gzip), Linux AIO (io_setup, io_submit,
 * io_getevents, io_pgetevents, io_cancel, io_destroy: the ring in the
 * process's memory, reads and writes plain and vectored, fsync, an
 * eventfd told of completions, a pipe read with RWF_NOWAIT, the errors
 * and the limit, /proc/sys/fs/aio-nr), sysfs(2) over the filesystem
 * types, ustat, vhangup's privilege, adjtimex and clock_adjtime (reads as
 * anyone, settings as root, the checks of the values), utimes'
 * permission rules for non-owners, getcwd of a directory outside a new
 * root (chroot), select and poll on a FIFO opened O_RDWR, madvise's
 * MADV_WIPEONFORK, KEEPONFORK, DONTFORK, DOFORK and MADV_REMOVE,
 * remap_file_pages, name_to_handle_at and open_by_handle_at, process
 * accounting (acct: its errors, a child's struct acct_v3 record),
 * capabilities (capget and capset by version, dropping and raising, the
 * DAC overrides obeyed, the set*id rules).  Static, with the C library, so it
 * runs on the host as the reference.  Prints one line per check and
 * exits 0 if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/mount.h>
#include <sys/select.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("umisc2: %s %s\n", ok ? "ok" : "FAILED", what);
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

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* ---- /proc/config.gz ---- */

/* Run argv with its output into buf (at most cap - 1 bytes): bytes read. */
static long
run_capture(char *const argv[], char *buf, size_t cap)
{
	int p[2], status;
	long got = 0, n;
	pid_t pid;

	if (pipe(p) != 0)
		return -1;
	if ((pid = fork()) == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while ((size_t)got < cap - 1 &&
	    (n = read(p[0], buf + got, cap - 1 - (size_t)got)) > 0)
		got += n;
	buf[got] = '\0';
	close(p[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return got;
}

/* Is every line blank, a comment, or CONFIG_NAME=value? */
static int
config_lines_ok(const char *s)
{
	while (*s != '\0') {
		const char *e = strchr(s, '\n');

		if (e == NULL)
			return 0;	/* the last line ends too */
		if (*s != '\n' && *s != '#') {
			if (strncmp(s, "CONFIG_", 7) != 0)
				return 0;
			for (s += 7; s < e && *s != '='; s++)
				if (!(*s == '_' || (*s >= 'A' && *s <= 'Z') ||
				    (*s >= '0' && *s <= '9')))
					return 0;
			if (s == e)
				return 0;
		}
		s = e + 1;
	}
	return 1;
}

static void
test_config(void)
{
	static char text[1 << 20];
	char *zcat[] = { "/bin/busybox", "zcat", "/proc/config.gz", NULL };
	char *hostzcat[] = { "/bin/zcat", "/proc/config.gz", NULL };
	unsigned char magic[2] = { 0, 0 };
	struct stat st;
	long n;
	int fd;

	if (access("/proc/config.gz", F_OK) != 0) {
		printf("umisc2: skipped /proc/config.gz: this kernel has none\n");
		return;
	}
	fd = open("/proc/config.gz", O_RDONLY);
	check("/proc/config.gz opens", fd >= 0);
	check("/proc/config.gz starts with gzip's magic",
	    read(fd, magic, 2) == 2 && magic[0] == 0x1f && magic[1] == 0x8b);
	close(fd);
	check("/proc/config.gz is a regular file, not writable",
	    stat("/proc/config.gz", &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & 0222) == 0);
	n = run_capture(access(zcat[0], X_OK) == 0 ? zcat : hostzcat, text,
	    sizeof(text));
	check("zcat /proc/config.gz succeeds", n > 0);
	if (n <= 0)
		return;
	check("its lines are comments or CONFIG_X=value", config_lines_ok(text));
	check("CONFIG_EVENTFD=y (eventfd works)",
	    strstr(text, "\nCONFIG_EVENTFD=y\n") != NULL);
	check("CONFIG_AIO=y (io_setup works)",
	    strstr(text, "\nCONFIG_AIO=y\n") != NULL);
	check("CONFIG_EPOLL=y and CONFIG_TIMERFD=y",
	    strstr(text, "\nCONFIG_EPOLL=y\n") != NULL &&
	    strstr(text, "\nCONFIG_TIMERFD=y\n") != NULL);
	/* An option is there once, set or not. */
	check("CONFIG_MODULES appears once",
	    (strstr(text, "\n# CONFIG_MODULES is not set\n") != NULL) !=
	    (strstr(text, "\nCONFIG_MODULES=y\n") != NULL));
}

/* ---- AIO ---- */

typedef unsigned long aio_ctx_t;

struct aio_ring {
	unsigned int id, nr, head, tail, magic, compat, incompat, hdrlen;
};

struct io_ev {
	uint64_t data, obj;
	int64_t res, res2;
};

struct iocb_ {
	uint64_t aio_data;
	uint32_t aio_key, aio_rw_flags;
	uint16_t aio_lio_opcode;
	int16_t aio_reqprio;
	uint32_t aio_fildes;
	uint64_t aio_buf, aio_nbytes;
	int64_t aio_offset;
	uint64_t aio_reserved2;
	uint32_t aio_flags, aio_resfd;
};

#define CMD_PREAD	0
#define CMD_PWRITE	1
#define CMD_FSYNC	2
#define CMD_FDSYNC	3
#define CMD_PREADV	7
#define CMD_PWRITEV	8
#define FLAG_RESFD	1
#define RWF_NOWAIT_	8

static long
io_setup_(unsigned nr, aio_ctx_t *ctx)
{
	return syscall(SYS_io_setup, nr, ctx);
}

static long
io_destroy_(aio_ctx_t ctx)
{
	return syscall(SYS_io_destroy, ctx);
}

static long
io_submit_(aio_ctx_t ctx, long nr, struct iocb_ **cbs)
{
	return syscall(SYS_io_submit, ctx, nr, cbs);
}

static long
io_getevents_(aio_ctx_t ctx, long min, long nr, struct io_ev *ev,
    struct timespec *ts)
{
	return syscall(SYS_io_getevents, ctx, min, nr, ev, ts);
}

static void
prep(struct iocb_ *cb, int op, int fd, void *buf, size_t n, long off,
    uint64_t data)
{
	memset(cb, 0, sizeof(*cb));
	cb->aio_lio_opcode = (uint16_t)op;
	cb->aio_fildes = (uint32_t)fd;
	cb->aio_buf = (uint64_t)(uintptr_t)buf;
	cb->aio_nbytes = n;
	cb->aio_offset = off;
	cb->aio_data = data;
}

static long
read_num(const char *path)
{
	char buf[64];
	long n = -1;
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		ssize_t r = read(fd, buf, sizeof(buf) - 1);

		if (r > 0) {
			buf[r] = '\0';
			n = strtol(buf, NULL, 10);
		}
		close(fd);
	}
	return n;
}

/* Submit one iocb and reap its event: the event's res, or a sentinel. */
static int64_t
one(aio_ctx_t ctx, struct iocb_ *cb, struct io_ev *ev)
{
	struct iocb_ *cbs[1] = { cb };
	struct timespec ts = { 5, 0 };

	if (io_submit_(ctx, 1, cbs) != 1)
		return -1000 - errno;
	if (io_getevents_(ctx, 1, 1, ev, &ts) != 1)
		return -2000;
	if (ev->obj != (uint64_t)(uintptr_t)cb)
		return -3000;
	return ev->res;
}

static void
test_aio_setup(void)
{
	aio_ctx_t ctx = 0, two = 0;
	struct aio_ring *ring;
	long max = read_num("/proc/sys/fs/aio-max-nr");
	long nr0 = read_num("/proc/sys/fs/aio-nr");

	check("io_setup(1) succeeds", io_setup_(1, &ctx) == 0 && ctx != 0);
	ring = (struct aio_ring *)ctx;
	check("the ring's header at the id (magic, length, nr, empty)",
	    ring->magic == 0xa10a10a1 && ring->hdrlen == 32 && ring->nr >= 2 &&
	    ring->head == 0 && ring->tail == 0 && ring->incompat == 0);
	check("/proc/sys/fs/aio-max-nr is 65536", max == 65536);
	check("/proc/sys/fs/aio-nr counts the context",
	    read_num("/proc/sys/fs/aio-nr") == nr0 + 1);
	check("io_setup with *ctx not 0: EINVAL", err(io_setup_(1, &ctx), EINVAL));
	check("io_setup(0): EINVAL", err(io_setup_(0, &two), EINVAL));
	check("io_setup(-1): EINVAL", err(io_setup_(-1U, &two), EINVAL));
	check("io_setup(NULL): EFAULT", err(io_setup_(1, NULL), EFAULT));
	check("io_setup(aio-max-nr + 1): EAGAIN",
	    err(io_setup_((unsigned)max + 1, &two), EAGAIN) && two == 0);
	check("a second context has its own id",
	    io_setup_(4, &two) == 0 && two != ctx && two != 0);
	check("io_destroy of both", io_destroy_(two) == 0 &&
	    io_destroy_(ctx) == 0);
	check("/proc/sys/fs/aio-nr back where it was",
	    read_num("/proc/sys/fs/aio-nr") == nr0);
	check("io_destroy again: EINVAL", err(io_destroy_(ctx), EINVAL));
	check("io_destroy(-1): EINVAL", err(io_destroy_(~0UL), EINVAL));
	check("io_getevents(0): EINVAL",
	    err(io_getevents_(0, 0, 0, NULL, NULL), EINVAL));
	check("io_cancel(0, NULL): EFAULT",
	    err(syscall(SYS_io_cancel, 0, NULL, NULL), EFAULT));
}

static void
test_aio_io(void)
{
	static char wbuf[8192], rbuf[8192];
	char path[] = "/tmp/umisc2-aio-XXXXXX";
	struct iocb_ cb, cb2, *cbs[2] = { &cb, &cb2 }, *bad[1] = { NULL };
	struct io_ev ev[4];
	struct iovec iov[2];
	struct timespec zero = { 0, 0 }, ts = { 0, 50000000 };
	aio_ctx_t ctx = 0;
	uint64_t count = 0, t0;
	int fd, rdonly, efd, p[2];
	long r;

	for (size_t i = 0; i < sizeof(wbuf); i++)
		wbuf[i] = (char)(i * 7 + 1);
	fd = mkstemp(path);
	rdonly = open(path, O_RDONLY);
	check("io_setup(8)", io_setup_(8, &ctx) == 0);

	prep(&cb, CMD_PWRITE, fd, wbuf, sizeof(wbuf), 0, 0x1234);
	cb.aio_key = 77;
	check("PWRITE of 8 KiB: res 8192, data and obj kept",
	    one(ctx, &cb, &ev[0]) == 8192 && ev[0].data == 0x1234 &&
	    ev[0].res2 == 0);
	check("io_submit sets aio_key to 0", cb.aio_key == 0);
	check("the file has the bytes", pread(fd, rbuf, sizeof(rbuf), 0) ==
	    8192 && memcmp(rbuf, wbuf, 8192) == 0);
	memset(rbuf, 0, sizeof(rbuf));
	prep(&cb, CMD_PREAD, fd, rbuf, 100, 4000, 2);
	check("PREAD at 4000: res 100, the bytes",
	    one(ctx, &cb, &ev[0]) == 100 && memcmp(rbuf, wbuf + 4000, 100) == 0);
	check("the file position did not move", lseek(fd, 0, SEEK_CUR) == 0);
	prep(&cb, CMD_PREAD, fd, rbuf, 100, 8150, 3);
	check("PREAD across the end: short", one(ctx, &cb, &ev[0]) == 42);

	iov[0] = (struct iovec){ rbuf, 10 };
	iov[1] = (struct iovec){ rbuf + 100, 20 };
	memset(rbuf, 0, sizeof(rbuf));
	prep(&cb, CMD_PREADV, fd, iov, 2, 50, 4);
	check("PREADV of two iovecs: 30 bytes where they go",
	    one(ctx, &cb, &ev[0]) == 30 && memcmp(rbuf, wbuf + 50, 10) == 0 &&
	    memcmp(rbuf + 100, wbuf + 60, 20) == 0);
	iov[0] = (struct iovec){ (char *)"hello ", 6 };
	iov[1] = (struct iovec){ (char *)"world", 5 };
	prep(&cb, CMD_PWRITEV, fd, iov, 2, 8192, 5);
	check("PWRITEV appends 11 bytes", one(ctx, &cb, &ev[0]) == 11 &&
	    pread(fd, rbuf, 11, 8192) == 11 && memcmp(rbuf, "hello world", 11) == 0);

	prep(&cb, CMD_FSYNC, fd, NULL, 0, 0, 6);
	check("FSYNC: res 0", one(ctx, &cb, &ev[0]) == 0);
	prep(&cb, CMD_FDSYNC, fd, NULL, 0, 0, 6);
	check("FDSYNC: res 0", one(ctx, &cb, &ev[0]) == 0);
	prep(&cb, CMD_FSYNC, fd, rbuf, 0, 0, 6);
	check("FSYNC with a buffer: EINVAL", err(io_submit_(ctx, 1, cbs), EINVAL));

	/* Two at once, reaped together in order. */
	prep(&cb, CMD_PREAD, fd, rbuf, 10, 0, 10);
	prep(&cb2, CMD_PREAD, fd, rbuf + 10, 10, 10, 11);
	check("io_submit of two: 2", io_submit_(ctx, 2, cbs) == 2);
	check("io_getevents(min 0, timeout 0) reaps both in order",
	    io_getevents_(ctx, 0, 4, ev, &zero) == 2 && ev[0].data == 10 &&
	    ev[1].data == 11 && ev[0].res == 10 && ev[1].res == 10);
	check("the ring's head caught up with its tail",
	    ((struct aio_ring *)ctx)->head == ((struct aio_ring *)ctx)->tail);
	check("io_getevents with nothing and timeout 0: 0",
	    io_getevents_(ctx, 1, 4, ev, &zero) == 0);
	t0 = now_ns();
	r = io_getevents_(ctx, 1, 4, ev, &ts);
	check("io_getevents waits out a 50 ms timeout: 0",
	    r == 0 && now_ns() - t0 >= 40000000ULL);
	check("io_getevents min_nr > nr: EINVAL",
	    err(io_getevents_(ctx, 2, 1, ev, &zero), EINVAL));
	check("io_getevents nr < 0: EINVAL",
	    err(io_getevents_(ctx, 0, -1, ev, &zero), EINVAL));
	check("io_getevents with a bad timeout: EFAULT",
	    err(io_getevents_(ctx, 0, 1, ev, (struct timespec *)1), EFAULT));
	check("io_getevents with nr 0: 0", io_getevents_(ctx, 0, 0, ev, NULL) == 0);

	/* The errors of io_submit. */
	check("io_submit nr < 0: EINVAL", err(io_submit_(ctx, -1, cbs), EINVAL));
	check("io_submit nr 0: 0", io_submit_(ctx, 0, NULL) == 0);
	check("io_submit bad ctx: EINVAL", err(io_submit_(12345, 1, cbs), EINVAL));
	check("io_submit bad array: EFAULT",
	    err(io_submit_(ctx, 1, (struct iocb_ **)-1L), EFAULT));
	check("io_submit NULL iocb: EFAULT", err(io_submit_(ctx, 1, bad), EFAULT));
	prep(&cb, CMD_PREAD, -1, rbuf, 10, 0, 0);
	check("io_submit bad fd: EBADF", err(io_submit_(ctx, 1, cbs), EBADF));
	prep(&cb, CMD_PWRITE, rdonly, wbuf, 10, 0, 0);
	check("PWRITE to a read-only fd: EBADF", err(io_submit_(ctx, 1, cbs), EBADF));
	prep(&cb, 99, fd, rbuf, 10, 0, 0);
	check("an unknown opcode: EINVAL", err(io_submit_(ctx, 1, cbs), EINVAL));
	prep(&cb, CMD_PREAD, fd, rbuf, 10, -1, 0);
	check("PREAD at offset -1: EINVAL", err(io_submit_(ctx, 1, cbs), EINVAL));
	prep(&cb, CMD_PREAD, fd, rbuf, 10, 0, 0);
	cb.aio_reserved2 = 1;
	check("aio_reserved2 set: EINVAL", err(io_submit_(ctx, 1, cbs), EINVAL));
	prep(&cb, CMD_PREAD, fd, (void *)0xffff800000000000UL, 10, 0, 0);
	check("PREAD into kernel memory: EFAULT",
	    err(io_submit_(ctx, 1, cbs), EFAULT));
	prep(&cb, CMD_PREAD, fd, rbuf, 10, 0, 0);
	cb.aio_rw_flags = 0x40000000;
	check("an unknown RWF flag: EOPNOTSUPP",
	    err(io_submit_(ctx, 1, cbs), EOPNOTSUPP));
	prep(&cb, CMD_PREAD, fd, rbuf, 10, 0, 0);
	prep(&cb2, CMD_PREAD, -1, rbuf, 10, 0, 0);
	check("io_submit stops at the first bad iocb: 1",
	    io_submit_(ctx, 2, cbs) == 1 && io_getevents_(ctx, 1, 4, ev, &zero) == 1);
	check("io_cancel of a completed request: EINVAL",
	    err(syscall(SYS_io_cancel, ctx, &cb, &ev[0]), EINVAL));

	/* An eventfd told of each completion. */
	efd = eventfd(0, EFD_NONBLOCK);
	prep(&cb, CMD_PREAD, fd, rbuf, 10, 0, 20);
	cb.aio_flags = FLAG_RESFD;
	cb.aio_resfd = (uint32_t)efd;
	cb2 = cb;
	check("two with IOCB_FLAG_RESFD", io_submit_(ctx, 2, cbs) == 2);
	check("the eventfd counts 2", read(efd, &count, 8) == 8 && count == 2);
	io_getevents_(ctx, 2, 2, ev, &zero);
	cb.aio_resfd = (uint32_t)fd;
	check("IOCB_FLAG_RESFD with a file that is no eventfd: EINVAL",
	    err(io_submit_(ctx, 1, cbs), EINVAL));
	cb.aio_resfd = 999;
	check("IOCB_FLAG_RESFD with a closed fd: EBADF",
	    err(io_submit_(ctx, 1, cbs), EBADF));
	close(efd);

	/* A pipe: RWF_NOWAIT on an empty one completes with -EAGAIN. */
	pipe(p);
	prep(&cb, CMD_PREAD, p[0], rbuf, 100, 0, 30);
	cb.aio_rw_flags = RWF_NOWAIT_;
	check("PREAD RWF_NOWAIT of an empty pipe: res -EAGAIN",
	    one(ctx, &cb, &ev[0]) == -EAGAIN);
	write(p[1], "abc", 3);
	prep(&cb, CMD_PREAD, p[0], rbuf, 100, 0, 31);
	check("PREAD of a pipe with 3 bytes: res 3",
	    one(ctx, &cb, &ev[0]) == 3 && memcmp(rbuf, "abc", 3) == 0);
	close(p[0]);
	close(p[1]);

	/* The ring's room: io_setup(1) takes at least one, then EAGAIN. */
	io_destroy_(ctx);
	ctx = 0;
	io_setup_(1, &ctx);
	prep(&cb, CMD_FSYNC, fd, NULL, 0, 0, 40);
	for (r = 0; r < 100000 && io_submit_(ctx, 1, cbs) == 1; r++)
		;
	check("a full ring: io_submit EAGAIN", r >= 1 && r < 100000 &&
	    errno == EAGAIN);
	/* (Linux may finish an fsync later: wait for it.) */
	ts = (struct timespec){ 5, 0 };
	check("after reaping one, io_submit takes one more",
	    io_getevents_(ctx, 1, 1, ev, &ts) == 1 &&
	    io_submit_(ctx, 1, cbs) == 1);
	check("io_destroy with events not reaped", io_destroy_(ctx) == 0);
	check("io_submit to the destroyed context: EINVAL",
	    err(io_submit_(ctx, 1, cbs), EINVAL));

	/* io_pgetevents' mask argument. */
	{
		struct { const sigset_t *mask; size_t size; } sig;
		sigset_t set;

		ctx = 0;
		io_setup_(2, &ctx);
		sigemptyset(&set);
		sig.mask = &set;
		sig.size = 7;
		check("io_pgetevents with a sigset size of 7: EINVAL",
		    err(syscall(SYS_io_pgetevents, ctx, 0, 1, ev, &zero, &sig),
		    EINVAL));
		sig.size = 8;
		prep(&cb, CMD_PREAD, fd, rbuf, 5, 0, 50);
		io_submit_(ctx, 1, cbs);
		check("io_pgetevents with a mask reaps the event",
		    syscall(SYS_io_pgetevents, ctx, 1, 1, ev, &zero, &sig) == 1 &&
		    ev[0].data == 50 && ev[0].res == 5);
		io_destroy_(ctx);
	}
	close(rdonly);
	close(fd);
	unlink(path);
}

/* The child's context is not the parent's; an exit frees its own. */
static void
test_aio_fork(void)
{
	aio_ctx_t ctx = 0;
	long nr0 = read_num("/proc/sys/fs/aio-nr");
	int status;
	pid_t pid;

	io_setup_(3, &ctx);
	if ((pid = fork()) == 0) {
		aio_ctx_t mine = 0;

		if (!err(io_destroy_(ctx), EINVAL))
			_exit(1);
		if (io_setup_(5, &mine) != 0)
			_exit(2);
		_exit(0);		/* with a context left open */
	}
	check("a child cannot use its parent's context",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	check("the child's context went with it (aio-nr)",
	    read_num("/proc/sys/fs/aio-nr") == nr0 + 3);
	check("the parent's context still works", io_destroy_(ctx) == 0);
}

/* ---- sysfs, ustat, vhangup ---- */

static void
test_sysfs_ustat(void)
{
	struct { int tfree; unsigned long tinode; char fname[6], fpack[6]; } u;
	char name[64];
	long n = syscall(SYS_sysfs, 3), proc;
	struct stat st;
	int status, ok = 1;
	pid_t pid;

	check("sysfs(3): some filesystem types", n > 0);
	proc = syscall(SYS_sysfs, 1, "proc");
	check("sysfs(1, \"proc\"): its index", proc >= 0 && proc < n);
	check("sysfs(2) of that index: \"proc\"",
	    syscall(SYS_sysfs, 2, proc, name) == 0 && strcmp(name, "proc") == 0);
	for (long i = 0; i < n; i++)
		ok &= syscall(SYS_sysfs, 2, i, name) == 0 &&
		    syscall(SYS_sysfs, 1, name) == i;
	check("sysfs(1) and sysfs(2) agree on every index", ok);
	check("sysfs(2) past the last: EINVAL",
	    err(syscall(SYS_sysfs, 2, n, name), EINVAL));
	check("sysfs(1) of an unknown name: EINVAL",
	    err(syscall(SYS_sysfs, 1, "ext0"), EINVAL));
	check("sysfs(1) of a bad pointer: EFAULT",
	    err(syscall(SYS_sysfs, 1, (char *)-1L), EFAULT));
	check("sysfs(2) into a bad buffer: EFAULT",
	    err(syscall(SYS_sysfs, 2, proc, (char *)-1L), EFAULT));
	check("sysfs(4): EINVAL", err(syscall(SYS_sysfs, 4), EINVAL));

	stat("/proc", &st);
	memset(&u, 0x55, sizeof(u));
	check("ustat of /proc's device", syscall(SYS_ustat,
	    (unsigned)st.st_dev, &u) == 0 && u.fname[0] == 0 && u.fpack[0] == 0);
	check("ustat of no device: EINVAL",
	    err(syscall(SYS_ustat, (unsigned)-1, &u), EINVAL));
	check("ustat into a bad buffer: EFAULT",
	    err(syscall(SYS_ustat, (unsigned)st.st_dev, (void *)-1L), EFAULT));

	if ((pid = fork()) == 0) {
		if (setuid(65534) != 0)
			_exit(2);
		_exit(err(syscall(SYS_vhangup), EPERM) ? 0 : 1);
	}
	check("vhangup without CAP_SYS_ADMIN: EPERM",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	if ((pid = fork()) == 0) {
		setsid();		/* no controlling terminal to hang up */
		_exit(syscall(SYS_vhangup) == 0 ? 0 : 1);
	}
	check("vhangup as root in a new session: 0",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
}

/* ---- adjtimex, clock_adjtime ---- */

static void
test_adjtimex(void)
{
	struct timex tx, back;
	struct timeval tv;
	int status, r;
	long saved;
	pid_t pid;

	memset(&tx, 0, sizeof(tx));
	r = (int)syscall(SYS_adjtimex, &tx);
	gettimeofday(&tv, NULL);
	check("adjtimex(modes 0): a clock state", r >= TIME_OK && r <= TIME_ERROR);
	check("adjtimex's time is the wall clock's",
	    tx.time.tv_sec <= tv.tv_sec && tv.tv_sec - tx.time.tv_sec <= 2);
	check("adjtimex's tick: 1 s / USER_HZ", tx.tick == 10000);
	check("adjtimex into a bad buffer: EFAULT",
	    err(syscall(SYS_adjtimex, (void *)-1L), EFAULT));
	memset(&tx, 0, sizeof(tx));
	tx.modes = ADJ_TICK;
	tx.tick = 8999;
	check("ADJ_TICK below 90%: EINVAL", err(syscall(SYS_adjtimex, &tx), EINVAL));
	tx.tick = 11001;
	check("ADJ_TICK above 110%: EINVAL", err(syscall(SYS_adjtimex, &tx), EINVAL));
	memset(&tx, 0, sizeof(tx));
	tx.modes = 0x8000;	/* ADJ_ADJTIME without its single-shot bit */
	check("ADJ_ADJTIME alone: EINVAL", err(syscall(SYS_adjtimex, &tx), EINVAL));

	/* Set the maximum error and read it back (it grows as time passes). */
	memset(&tx, 0, sizeof(tx));
	syscall(SYS_adjtimex, &tx);
	saved = tx.maxerror;
	tx.modes = ADJ_MAXERROR;
	tx.maxerror = 100000;
	r = (int)syscall(SYS_adjtimex, &tx);
	memset(&back, 0, sizeof(back));
	syscall(SYS_adjtimex, &back);
	check("ADJ_MAXERROR as root: kept",
	    r >= 0 && back.maxerror >= 100000 && back.maxerror < 1100000);
	tx.maxerror = saved;
	syscall(SYS_adjtimex, &tx);

	if ((pid = fork()) == 0) {
		struct timex t;

		if (setuid(65534) != 0)
			_exit(2);
		memset(&t, 0, sizeof(t));
		if (syscall(SYS_adjtimex, &t) < 0)
			_exit(3);
		t.modes = ADJ_OFFSET_SS_READ;
		if (syscall(SYS_adjtimex, &t) < 0)
			_exit(4);
		t.modes = ADJ_MAXERROR;
		if (!err(syscall(SYS_adjtimex, &t), EPERM))
			_exit(5);
		t.modes = ADJ_OFFSET_SINGLESHOT;
		if (!err(syscall(SYS_adjtimex, &t), EPERM))
			_exit(6);
		t.modes = 0;
		if (syscall(SYS_clock_adjtime, CLOCK_REALTIME, &t) < 0)
			_exit(7);
		_exit(0);
	}
	check("as a user: reads work, setting is EPERM",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	memset(&tx, 0, sizeof(tx));
	check("clock_adjtime(CLOCK_REALTIME, modes 0)",
	    syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx) >= 0);
	check("clock_adjtime(CLOCK_MONOTONIC): EOPNOTSUPP",
	    err(syscall(SYS_clock_adjtime, CLOCK_MONOTONIC, &tx), EOPNOTSUPP));
	check("clock_adjtime(clock 1000): EINVAL",
	    err(syscall(SYS_clock_adjtime, 1000, &tx), EINVAL));
}

/* ---- utimes' permission rules, getcwd outside the root ---- */

static void
test_utimes_getcwd(void)
{
	struct timeval tv[2] = { { 1000, 0 }, { 2000, 0 } };
	struct timespec now2[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	const char *ro = "/tmp/umisc2-utimes-ro", *rw = "/tmp/umisc2-utimes-rw";
	char buf[256];
	int status, fd;
	pid_t pid;

	fd = open(ro, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	close(fd);
	fd = open(rw, O_CREAT | O_WRONLY | O_TRUNC, 0666);
	fchmod(fd, 0666);
	close(fd);
	if ((pid = fork()) == 0) {
		if (setuid(65534) != 0)
			_exit(2);
		if (!err(utimes(ro, NULL), EACCES))
			_exit(3);	/* now, without write permission */
		if (!err(utimensat(AT_FDCWD, ro, now2, 0), EACCES))
			_exit(4);
		if (!err(utimes(ro, tv), EPERM))
			_exit(5);	/* a given time: the owner's right */
		if (utimes(rw, NULL) != 0)
			_exit(6);	/* now, with write permission */
		if (!err(utimes(rw, tv), EPERM))
			_exit(7);
		_exit(0);
	}
	check("utimes by a non-owner: EACCES for now, EPERM for a time",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	check("utimes by root of another's file", chown(ro, 65534, 65534) == 0 &&
	    utimes(ro, tv) == 0);
	unlink(ro);
	unlink(rw);

	mkdir("/tmp/umisc2-root", 0755);
	if ((pid = fork()) == 0) {
		long n;

		if (chroot("/tmp/umisc2-root") != 0)
			_exit(2);
		/* The working directory stays outside the new root. */
		n = syscall(SYS_getcwd, buf, sizeof(buf));
		if (n <= 0 || strncmp(buf, "(unreachable)/", 14) != 0)
			_exit(3);
		if (realpath(".", NULL) != NULL || errno != ENOENT)
			_exit(4);
		if (chdir("/") != 0 || getcwd(buf, sizeof(buf)) == NULL ||
		    strcmp(buf, "/") != 0)
			_exit(5);
		_exit(0);
	}
	check("getcwd outside the root: (unreachable), realpath ENOENT",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	rmdir("/tmp/umisc2-root");
}

/* ---- a FIFO opened O_RDWR, madvise's fork and hole advice ---- */

static void
test_fifo_madvise(void)
{
	const char *fifo = "/tmp/umisc2-fifo", *file = "/tmp/umisc2-remove";
	struct timeval tv = { 0, 100000 };
	struct pollfd pfd;
	fd_set rd, wr;
	char c = 'x', *a, *m, *priv;
	int fd, status, ok;
	pid_t pid;

	unlink(fifo);
	mkfifo(fifo, 0600);
	fd = open(fifo, O_RDWR);
	write(fd, &c, 1);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fd, &rd);
	FD_SET(fd, &wr);
	check("select on a FIFO opened O_RDWR with a byte in it: 2",
	    select(fd + 1, &rd, &wr, NULL, &tv) == 2 && FD_ISSET(fd, &rd) &&
	    FD_ISSET(fd, &wr));
	pfd = (struct pollfd){ fd, POLLIN | POLLOUT, 0 };
	check("poll on it: POLLIN and POLLOUT",
	    poll(&pfd, 1, 0) == 1 && pfd.revents == (POLLIN | POLLOUT));
	close(fd);
	unlink(fifo);

	/* MADV_WIPEONFORK: the child sees zeros; KEEPONFORK undoes it. */
	a = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(a, 0x5a, 3 * 4096);
	check("MADV_WIPEONFORK on the middle page",
	    madvise(a + 4096, 4096, MADV_WIPEONFORK) == 0);
	if ((pid = fork()) == 0)
		_exit(a[0] == 0x5a && a[4096] == 0 && a[8191] == 0 &&
		    a[8192] == 0x5a ? 0 : 1);
	check("the child has zeros there and the rest as it was",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0 && a[4096] == 0x5a);
	check("MADV_KEEPONFORK", madvise(a, 3 * 4096, MADV_KEEPONFORK) == 0);
	if ((pid = fork()) == 0)
		_exit(a[4096] == 0x5a ? 0 : 1);
	check("then the child has the bytes",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	/* MADV_DONTFORK: the child has no page there at all. */
	check("MADV_DONTFORK", madvise(a + 8192, 4096, MADV_DONTFORK) == 0);
	if ((pid = fork()) == 0)
		_exit(msync(a + 8192, 4096, MS_ASYNC) != 0 && errno == ENOMEM &&
		    a[0] == 0x5a ? 0 : 1);
	check("the child has a hole there",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	check("MADV_DOFORK", madvise(a + 8192, 4096, MADV_DOFORK) == 0);
	munmap(a, 3 * 4096);

	/* MADV_REMOVE: a hole in a shared file mapping reads as zeros. */
	fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	{
		static char buf[3 * 4096];

		memset(buf, 'q', sizeof(buf));
		write(fd, buf, sizeof(buf));
	}
	m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("MADV_REMOVE of a shared file mapping's middle page",
	    madvise(m + 4096, 4096, MADV_REMOVE) == 0);
	ok = m[4095] == 'q' && m[4096] == 0 && m[8191] == 0 && m[8192] == 'q';
	{
		char b2[2] = { 1, 1 };

		ok = ok && pread(fd, b2, 2, 4096) == 2 && b2[0] == 0 && b2[1] == 0;
	}
	check("zeros there in the mapping and the file, the rest kept", ok);
	priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	check("MADV_REMOVE of a private file mapping: EACCES",
	    err(madvise(priv, 4096, MADV_REMOVE), EACCES));
	munmap(priv, 4096);
	priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("MADV_REMOVE of anonymous memory: EINVAL",
	    err(madvise(priv, 4096, MADV_REMOVE), EINVAL));
	check("MADV_WIPEONFORK of a shared mapping: EINVAL",
	    err(madvise(m, 4096, MADV_WIPEONFORK), EINVAL));
	munmap(priv, 4096);
	munmap(m, 3 * 4096);
	close(fd);
	unlink(file);
}

/* ---- remap_file_pages ---- */

static void
test_remap_file_pages(void)
{
	const char *file = "/tmp/umisc2-remap";
	char buf[4096], *m, *priv, c = 0;
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);

	for (int i = 0; i < 4; i++) {
		memset(buf, 'a' + i, sizeof(buf));
		write(fd, buf, sizeof(buf));
	}
	m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("remap_file_pages: page 0 shows file page 3",
	    syscall(SYS_remap_file_pages, m, 4096, 0, 3, 0) == 0 &&
	    m[0] == 'd' && m[4095] == 'd' && m[4096] == 'b' && m[3 * 4096] == 'd');
	m[0] = 'X';
	check("a write there reaches file page 3",
	    pread(fd, &c, 1, 3 * 4096) == 1 && c == 'X');
	check("remap_file_pages with prot: EINVAL",
	    err(syscall(SYS_remap_file_pages, m, 4096, PROT_READ, 1, 0), EINVAL));
	check("remap_file_pages past the mapping: EINVAL",
	    err(syscall(SYS_remap_file_pages, m + 3 * 4096, 2 * 4096, 0, 0, 0),
	    EINVAL));
	priv = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	check("remap_file_pages of a private mapping: EINVAL",
	    err(syscall(SYS_remap_file_pages, priv, 4096, 0, 1, 0), EINVAL));
	munmap(priv, 4096);
	munmap(m, 4 * 4096);
	close(fd);
	unlink(file);
}

/* ---- name_to_handle_at, open_by_handle_at ---- */

static void
test_handles(void)
{
	const char *file = "/tmp/umisc2-handle", *link = "/tmp/umisc2-hlink";
	struct file_handle *fh, *lh, small;
	struct stat st, st2;
	int mnt = -1, mnt2 = -1, fd, status;
	char c = 0;
	pid_t pid;

	unlink(link);
	fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, "handle", 6);
	close(fd);
	symlink(file, link);
	small.handle_bytes = 0;
	check("name_to_handle_at with no room: EOVERFLOW and the size",
	    err(name_to_handle_at(AT_FDCWD, file, &small, &mnt, 0), EOVERFLOW) &&
	    small.handle_bytes > 0 && small.handle_bytes <= MAX_HANDLE_SZ);
	fh = malloc(sizeof(*fh) + small.handle_bytes);
	lh = malloc(sizeof(*lh) + small.handle_bytes);
	fh->handle_bytes = lh->handle_bytes = small.handle_bytes;
	check("name_to_handle_at of a file",
	    name_to_handle_at(AT_FDCWD, file, fh, &mnt, 0) == 0);
	check("the mount id is the same for its directory",
	    name_to_handle_at(AT_FDCWD, "/tmp", lh, &mnt2, 0) == 0 &&
	    mnt2 == mnt);
	lh->handle_bytes = small.handle_bytes;
	fd = open_by_handle_at(AT_FDCWD, fh, O_RDONLY);
	stat(file, &st);
	check("open_by_handle_at opens that very file", fd >= 0 &&
	    fstat(fd, &st2) == 0 && st.st_ino == st2.st_ino &&
	    read(fd, &c, 1) == 1 && c == 'h');
	close(fd);
	check("name_to_handle_at of the link itself, then ELOOP",
	    name_to_handle_at(AT_FDCWD, link, lh, &mnt, 0) == 0 &&
	    err(open_by_handle_at(AT_FDCWD, lh, O_RDONLY), ELOOP));
	lh->handle_bytes = small.handle_bytes;
	check("AT_SYMLINK_FOLLOW: the file's handle",
	    name_to_handle_at(AT_FDCWD, link, lh, &mnt, AT_SYMLINK_FOLLOW) == 0 &&
	    lh->handle_bytes == fh->handle_bytes &&
	    memcmp(lh->f_handle, fh->f_handle, fh->handle_bytes) == 0);
	check("name_to_handle_at with bad flags: EINVAL",
	    err(name_to_handle_at(AT_FDCWD, file, fh, &mnt, -1), EINVAL));
	check("name_to_handle_at of \"\": ENOENT",
	    err(name_to_handle_at(AT_FDCWD, "", fh, &mnt, 0), ENOENT));
	small.handle_bytes = MAX_HANDLE_SZ + 1;
	check("a handle size over MAX_HANDLE_SZ: EINVAL",
	    err(name_to_handle_at(AT_FDCWD, file, &small, &mnt, 0), EINVAL) &&
	    err(open_by_handle_at(AT_FDCWD, &small, O_RDONLY), EINVAL));
	small.handle_bytes = 0;
	check("open_by_handle_at of size 0: EINVAL",
	    err(open_by_handle_at(AT_FDCWD, &small, O_RDONLY), EINVAL));
	check("name_to_handle_at in /proc: EOPNOTSUPP",
	    err(name_to_handle_at(AT_FDCWD, "/proc/self/status", fh, &mnt, 0),
	    EOPNOTSUPP));
	fd = open("/proc/self", O_RDONLY | O_DIRECTORY);
	check("open_by_handle_at on another filesystem: ESTALE",
	    err(open_by_handle_at(fd, fh, O_RDONLY), ESTALE));
	close(fd);
	if ((pid = fork()) == 0) {
		if (setuid(65534) != 0)
			_exit(2);
		_exit(err(open_by_handle_at(AT_FDCWD, fh, O_RDONLY), EPERM) ? 0 : 1);
	}
	check("open_by_handle_at without CAP_DAC_READ_SEARCH: EPERM",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	unlink(file);
	check("open_by_handle_at of a removed file: ESTALE",
	    err(open_by_handle_at(AT_FDCWD, fh, O_RDONLY), ESTALE));
	unlink(link);
	free(fh);
	free(lh);
}

/* ---- acct ---- */

struct acct3 {
	char ac_flag, ac_version;
	uint16_t ac_tty;
	uint32_t ac_exitcode, ac_uid, ac_gid, ac_pid, ac_ppid, ac_btime;
	float ac_etime;
	uint16_t ac_utime, ac_stime, ac_mem, ac_io, ac_rw, ac_minflt,
	    ac_majflt, ac_swaps;
	char ac_comm[16];
};

static void
test_acct(void)
{
	const char *file = "/tmp/umisc2-acct";
	char comm[16] = "";
	struct acct3 rec;
	int fd, status, found = 0;
	time_t t0 = time(NULL);
	pid_t pid;

	if ((pid = fork()) == 0) {
		if (setuid(65534) != 0)
			_exit(2);
		_exit(err(syscall(SYS_acct, NULL), EPERM) &&
		    err(syscall(SYS_acct, file), EPERM) ? 0 : 1);
	}
	check("acct without CAP_SYS_PACCT: EPERM",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	check("acct of /dev/null: EACCES", err(syscall(SYS_acct, "/dev/null"),
	    EACCES));
	check("acct of a directory: EISDIR", err(syscall(SYS_acct, "/tmp"),
	    EISDIR));
	check("acct of a missing file: ENOENT",
	    err(syscall(SYS_acct, "/tmp/umisc2-none/x"), ENOENT));
	check("acct of a bad pointer: EFAULT",
	    err(syscall(SYS_acct, (char *)-1L), EFAULT));
	unlink(file);
	prctl(PR_GET_NAME, comm);
	fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	check("acct of a file: on", syscall(SYS_acct, file) == 0);
	if ((pid = fork()) == 0)
		_exit(3);
	waitpid(pid, &status, 0);
	check("acct(NULL): off", syscall(SYS_acct, NULL) == 0);
	while (read(fd, &rec, sizeof(rec)) == (ssize_t)sizeof(rec)) {
		if (rec.ac_pid != (uint32_t)pid)
			continue;
		found = 1;
		check("the child's record: version 3, AFORK, exit status, ids",
		    rec.ac_version == 3 && rec.ac_flag == 1 &&
		    rec.ac_exitcode == 3 << 8 &&
		    rec.ac_ppid == (uint32_t)getpid() &&
		    rec.ac_uid == getuid() && rec.ac_gid == getgid());
		check("its name and start time",
		    strcmp(rec.ac_comm, comm) == 0 &&
		    rec.ac_btime + 2 >= (uint32_t)t0 &&
		    rec.ac_btime <= (uint32_t)time(NULL) &&
		    rec.ac_etime >= 0 && rec.ac_etime < 100 * 60);
	}
	if (!found || failed)
		printf("umisc2: (record: comm '%s' btime %u etime %f, now %ld, "
		    "comm '%s')\n", rec.ac_comm, rec.ac_btime,
		    (double)rec.ac_etime, (long)time(NULL), comm);
	check("a record for the child that exited", found);
	close(fd);
	unlink(file);
}

/* ---- capabilities ---- */

struct caphdr { uint32_t version; int pid; };
struct capdata { uint32_t eff, prm, inh; };

static long
capget_(struct capdata d[2])
{
	struct caphdr h = { 0x20080522, 0 };

	return syscall(SYS_capget, &h, d);
}

static long
capset_(struct capdata d[2])
{
	struct caphdr h = { 0x20080522, 0 };

	return syscall(SYS_capset, &h, d);
}

/* In a child: each step's number, 0 when all held. */
static int
caps_child(void)
{
	const char *secret = "/tmp/umisc2-secret";
	struct capdata d[2];
	struct caphdr h1 = { 0x19980330, 0 };
	uint32_t v1[3];
	int fd;

	/* Drop CAP_NET_RAW (13) from effective and permitted. */
	if (capget_(d) != 0 || !(d[0].eff & (1u << 13)))
		return 1;
	d[0].eff &= ~(1u << 13);
	d[0].prm &= ~(1u << 13);
	if (capset_(d) != 0)
		return 2;
	memset(d, 0, sizeof(d));
	if (capget_(d) != 0 || (d[0].eff & (1u << 13)) ||
	    (d[0].prm & (1u << 13)) || !(d[0].eff & 1))
		return 3;
	/* Version 1: one word per set. */
	if (syscall(SYS_capget, &h1, v1) != 0 || (v1[0] & (1u << 13)))
		return 4;
	/* Nothing comes back into permitted; effective stays within it. */
	d[0].prm |= 1u << 13;
	if (!err(capset_(d), EPERM))
		return 5;
	d[0].prm &= ~(1u << 13);
	d[0].eff |= 1u << 13;
	if (!err(capset_(d), EPERM))
		return 6;
	/* Without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH root is bound
	 * by a file's mode like anyone. */
	fd = open(secret, O_RDWR | O_CREAT | O_TRUNC, 0000);
	close(fd);
	chown(secret, 1000, 1000);
	if ((fd = open(secret, O_RDONLY)) < 0)
		return 7;
	close(fd);
	capget_(d);
	d[0].eff &= ~(3u << 1);
	if (capset_(d) != 0)
		return 8;
	if (!err(open(secret, O_RDONLY), EACCES))
		return 9;
	/* Back into effective from permitted. */
	d[0].eff |= 3u << 1;
	if (capset_(d) != 0 || (fd = open(secret, O_RDONLY)) < 0)
		return 10;
	close(fd);
	unlink(secret);
	/* The bounding set: CAP_KILL (5) dropped, then not inheritable. */
	if (prctl(PR_CAPBSET_READ, 5) != 1 || prctl(PR_CAPBSET_DROP, 5) != 0 ||
	    prctl(PR_CAPBSET_READ, 5) != 0 ||
	    !err(prctl(PR_CAPBSET_READ, 1000), EINVAL))
		return 15;
	capget_(d);
	d[0].inh |= 1u << 5;
	if (!err(capset_(d), EPERM))
		return 16;
	d[0].inh &= ~(1u << 5);
	/* Leaving uid 0 for the effective uid empties effective; coming
	 * back fills it from permitted. */
	if (seteuid(1000) != 0 || capget_(d) != 0 || d[0].eff != 0 ||
	    d[0].prm == 0)
		return 11;
	if (seteuid(0) != 0 || capget_(d) != 0 || d[0].eff != d[0].prm)
		return 12;
	/* Leaving every root uid empties permitted too. */
	if (setresuid(1000, 1000, 1000) != 0 || capget_(d) != 0 ||
	    d[0].eff != 0 || d[0].prm != 0 || d[1].prm != 0)
		return 13;
	if (!err(setuid(0), EPERM))
		return 14;
	return 0;
}

static void
test_caps(void)
{
	struct capdata d[2];
	struct caphdr h = { 0x20080522, 1 << 30 };
	int status;
	pid_t pid;

	check("capget of a process that does not exist: ESRCH",
	    err(syscall(SYS_capget, &h, d), ESRCH));
	h.pid = -1;
	check("capget of pid -1: EINVAL", err(syscall(SYS_capget, &h, d),
	    EINVAL));
	h.pid = 1 << 30;
	check("capset of another process: EPERM",
	    err(syscall(SYS_capset, &h, d), EPERM));
	if ((pid = fork()) == 0)
		_exit(caps_child());
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		printf("umisc2: (capabilities: step %d)\n", WEXITSTATUS(status));
	check("capset drops, capget reports, the kernel obeys, set*id rules",
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	check("the parent keeps every capability",
	    capget_(d) == 0 && (d[0].eff & (1u << 13)) && d[0].eff == d[0].prm);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* As init of a bare image: /proc is for us to mount. */
	if (access("/proc/self", F_OK) != 0)
		mount("proc", "/proc", "proc", 0, NULL);
	test_config();
	test_aio_setup();
	test_aio_io();
	test_aio_fork();
	test_sysfs_ustat();
	test_adjtimex();
	test_utimes_getcwd();
	test_fifo_madvise();
	test_remap_file_pages();
	test_handles();
	test_acct();
	test_caps();
	if (failed) {
		printf("umisc2: some checks FAILED\n");
		return 1;
	}
	printf("umisc2: done, all checks passed\n");
	return 0;
}
