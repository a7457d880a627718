/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The event-driven descriptor calls, as a server uses them: epoll
 * (create, create1, ctl with its errors, wait, pwait, pwait2; level and
 * edge triggering, one-shot, exclusive, nesting and cycles, pipes,
 * eventfd, timerfd, signalfd and the terminal, descriptors closed while
 * registered, an instance shared across fork, timeouts, signals),
 * eventfd, timerfd, signalfd, and preadv/pwritev/preadv2/pwritev2.
 * Static, with the C library (musl here; glibc builds it too, so it runs
 * on the host as the reference).  Prints one line per check and exits 0
 * if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NR_preadv2	327
#define NR_pwritev2	328
#define NR_epoll_pwait2	441
#define RWF_HIPRI_	0x01
#define RWF_DSYNC_	0x02
#define RWF_SYNC_	0x04
#define RWF_NOWAIT_	0x08
#define RWF_APPEND_	0x10
#define KADDR		((void *)0xffff800000000000UL)
#define DATA		0x1122334455667788ULL

static int failed;

static void
check(const char *what, int ok)
{
	printf("uepoll: %s %s\n", ok ? "ok" : "FAILED", what);
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

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int
ep_add(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* epoll_wait for one event; returns the count and fills *ev. */
static int
ep_wait1(int ep, struct epoll_event *ev, int timeout)
{
	memset(ev, 0, sizeof(*ev));
	return epoll_wait(ep, ev, 1, timeout);
}

static void
reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
}

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	(void)sig;
	got_signal++;
}

static void
test_create(void)
{
	int ep;

	check("epoll_create(0) is EINVAL",
	    err(syscall(SYS_epoll_create, 0), EINVAL));
	check("epoll_create(-1) is EINVAL",
	    err(syscall(SYS_epoll_create, -1), EINVAL));
	check("epoll_create1(bad flag) is EINVAL", err(epoll_create1(1), EINVAL));
	check("epoll_create1(O_NONBLOCK) is EINVAL",
	    err(epoll_create1(O_NONBLOCK), EINVAL));
	ep = (int)syscall(SYS_epoll_create, 1);
	check("epoll_create(1) works, no FD_CLOEXEC",
	    ep >= 0 && fcntl(ep, F_GETFD) == 0);
	close(ep);
	ep = epoll_create1(EPOLL_CLOEXEC);
	check("epoll_create1(EPOLL_CLOEXEC) sets FD_CLOEXEC",
	    ep >= 0 && fcntl(ep, F_GETFD) == FD_CLOEXEC);
	check("read of an epoll fd is EINVAL",
	    err(read(ep, &(char[8]){ 0 }, 8), EINVAL));
	close(ep);
}

static void
test_ctl_errors(void)
{
	int ep = epoll_create1(0), ep2 = epoll_create1(0), p[2], f, d;
	struct epoll_event ev = { .events = EPOLLIN };

	pipe(p);
	f = open("/tmp/uepoll-file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	d = open("/tmp", O_RDONLY | O_DIRECTORY);
	check("ctl: bad epfd is EBADF",
	    err(epoll_ctl(99, EPOLL_CTL_ADD, p[0], &ev), EBADF));
	check("ctl: bad fd is EBADF",
	    err(epoll_ctl(ep, EPOLL_CTL_ADD, 99, &ev), EBADF));
	{
		int op = open("/tmp", O_PATH);

		check("ctl: an O_PATH fd is EBADF, not EPERM",
		    op >= 0 && err(epoll_ctl(ep, EPOLL_CTL_ADD, op, &ev),
		    EBADF));
		check("fsync of a pipe is EINVAL, of an O_PATH fd EBADF",
		    fsync(p[0]) == -1 && errno == EINVAL &&
		    fdatasync(op) == -1 && errno == EBADF &&
		    fsync(d) == 0);
		{
			char c;

			check("pread of a directory is EISDIR, not ESPIPE",
			    pread(d, &c, 1, 0) == -1 && errno == EISDIR);
		}
		close(op);
	}
	check("ctl: epfd == fd is EINVAL",
	    err(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL));
	check("ctl: non-epoll epfd is EINVAL",
	    err(epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &ev), EINVAL));
	check("ctl: regular file is EPERM",
	    f >= 0 && err(epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev), EPERM));
	check("ctl: directory is EPERM",
	    d >= 0 && err(epoll_ctl(ep, EPOLL_CTL_ADD, d, &ev), EPERM));
	check("ctl: NULL event for ADD is EFAULT",
	    err(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], NULL), EFAULT));
	check("ctl: bad op is EINVAL",
	    err(epoll_ctl(ep, 99, p[0], &ev), EINVAL));
	check("ctl: MOD of an unregistered fd is ENOENT",
	    err(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), ENOENT));
	check("ctl: DEL of an unregistered fd is ENOENT",
	    err(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT));
	check("ctl: ADD works", ep_add(ep, p[0], EPOLLIN, 1) == 0);
	check("ctl: second ADD is EEXIST",
	    err(ep_add(ep, p[0], EPOLLIN, 1), EEXIST));
	check("ctl: MOD works", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == 0);
	check("ctl: DEL works (NULL event)",
	    epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0);
	check("ctl: EPOLLEXCLUSIVE with EPOLLONESHOT is EINVAL",
	    err(ep_add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 0),
	    EINVAL));
	check("ctl: EPOLLEXCLUSIVE on an epoll fd is EINVAL",
	    err(ep_add(ep, ep2, EPOLLIN | EPOLLEXCLUSIVE, 0), EINVAL));
	check("ctl: ADD with EPOLLEXCLUSIVE works",
	    ep_add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE, 0) == 0);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	check("ctl: MOD with EPOLLEXCLUSIVE is EINVAL",
	    err(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL));
	ev.events = EPOLLIN;
	check("ctl: MOD of an exclusive registration is EINVAL",
	    err(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL));
	check("ctl: EPOLLRDHUP accepted",
	    ep_add(ep, p[1], EPOLLOUT | EPOLLRDHUP, 0) == 0);
	check("ctl: nesting an epoll fd works", ep_add(ep, ep2, EPOLLIN, 0) == 0);
	check("ctl: a cycle of epoll fds is ELOOP",
	    err(ep_add(ep2, ep, EPOLLIN, 0), ELOOP));
	close(ep);
	close(ep2);
	close(p[0]);
	close(p[1]);
	close(f);
	close(d);
	unlink("/tmp/uepoll-file");
}

static void
test_wait_errors(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event ev[2];

	pipe(p);
	/* Raw calls: the C library's prototype refuses these arguments. */
	check("wait: maxevents 0 is EINVAL",
	    err(syscall(SYS_epoll_pwait, ep, ev, 0, 0, NULL, 8), EINVAL));
	check("wait: maxevents -1 is EINVAL",
	    err(syscall(SYS_epoll_pwait, ep, ev, -1, 0, NULL, 8), EINVAL));
	check("wait: maxevents too large is EINVAL",
	    err(syscall(SYS_epoll_pwait, ep, ev, 0x7fffffff / 12 + 1, 0, NULL,
	    8), EINVAL));
	check("wait: kernel address is EFAULT",
	    err(syscall(SYS_epoll_pwait, ep, KADDR, 1, 0, NULL, 8), EFAULT));
	check("wait: bad epfd is EBADF", err(epoll_wait(99, ev, 1, 0), EBADF));
	check("wait: non-epoll fd is EINVAL",
	    err(epoll_wait(p[0], ev, 1, 0), EINVAL));
	check("wait: nothing ready, timeout 0 gives 0",
	    epoll_wait(ep, ev, 2, 0) == 0);
	ep_add(ep, p[0], EPOLLIN | EPOLLET, 7);
	write(p[1], "x", 1);
	check("wait: NULL events with one ready is EFAULT",
	    err(syscall(SYS_epoll_pwait, ep, NULL, 1, 0, NULL, 8), EFAULT));
	check("wait: ... and the edge-triggered event is not lost",
	    ep_wait1(ep, ev, 0) == 1 && ev[0].data.u64 == 7);
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void
test_triggers(void)
{
	int ep = epoll_create1(0), p[2], n;
	struct epoll_event ev;
	char buf[8];

	pipe(p);
	/* Level-triggered. */
	ep_add(ep, p[0], EPOLLIN, DATA);
	check("level: empty pipe gives nothing", ep_wait1(ep, &ev, 0) == 0);
	write(p[1], "ab", 2);
	n = ep_wait1(ep, &ev, 0);
	check("level: data gives EPOLLIN with the data u64",
	    n == 1 && ev.events == EPOLLIN && ev.data.u64 == DATA);
	check("level: reported again while readable",
	    ep_wait1(ep, &ev, 0) == 1 && ev.events == EPOLLIN);
	read(p[0], buf, 2);
	check("level: nothing once drained", ep_wait1(ep, &ev, 0) == 0);
	/* Edge-triggered. */
	ev.events = EPOLLIN | EPOLLET;
	ev.data.u64 = 2;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	write(p[1], "ab", 2);
	check("edge: a write gives one event", ep_wait1(ep, &ev, 0) == 1 &&
	    ev.data.u64 == 2);
	check("edge: not again without a new write", ep_wait1(ep, &ev, 0) == 0);
	read(p[0], buf, 1);
	check("edge: a partial read gives none", ep_wait1(ep, &ev, 0) == 0);
	write(p[1], "c", 1);
	check("edge: a new write gives one more", ep_wait1(ep, &ev, 0) == 1);
	read(p[0], buf, sizeof(buf));
	/* One-shot. */
	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 3;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	write(p[1], "d", 1);
	check("oneshot: first event", ep_wait1(ep, &ev, 0) == 1 &&
	    ev.data.u64 == 3);
	write(p[1], "e", 1);
	check("oneshot: disabled after it", ep_wait1(ep, &ev, 0) == 0);
	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 4;
	check("oneshot: MOD re-arms", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) ==
	    0 && ep_wait1(ep, &ev, 0) == 1 && ev.data.u64 == 4);
	read(p[0], buf, sizeof(buf));
	epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
	/* Write end, hang-ups and errors. */
	ep_add(ep, p[1], EPOLLOUT, 5);
	check("pipe write end is EPOLLOUT", ep_wait1(ep, &ev, 0) == 1 &&
	    ev.events == EPOLLOUT && ev.data.u64 == 5);
	close(p[0]);
	check("write end without reader is EPOLLOUT|EPOLLERR",
	    ep_wait1(ep, &ev, 0) == 1 && (ev.events & EPOLLERR));
	close(p[1]);
	pipe(p);
	ep_add(ep, p[0], EPOLLIN, 6);
	close(p[1]);
	check("read end without writer is EPOLLHUP, unasked",
	    ep_wait1(ep, &ev, 0) == 1 && ev.events == EPOLLHUP &&
	    ev.data.u64 == 6);
	close(p[0]);
	close(ep);
}

static void
test_many(void)
{
	int ep = epoll_create1(0), p[4][2], n, seen = 0;
	struct epoll_event ev[8];

	for (int i = 0; i < 4; i++) {
		pipe(p[i]);
		ep_add(ep, p[i][0], EPOLLIN, 100 + i);
		if (i != 2)
			write(p[i][1], "x", 1);
	}
	n = epoll_wait(ep, ev, 8, 0);
	for (int i = 0; i < n; i++)
		seen |= 1 << (ev[i].data.u64 - 100);
	check("three of four pipes ready, each once", n == 3 && seen == 0xb);
	n = epoll_wait(ep, ev, 2, 0);
	check("maxevents 2 gives two", n == 2);
	for (int i = 0; i < 4; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	close(ep);
}

static void
test_nested_and_poll(void)
{
	int outer = epoll_create1(0), inner = epoll_create1(0), p[2];
	struct epoll_event ev;
	struct pollfd pfd = { .events = POLLIN };
	fd_set rs;
	struct timeval tv = { 0, 0 };

	pipe(p);
	ep_add(inner, p[0], EPOLLIN, 1);
	ep_add(outer, inner, EPOLLIN, 2);
	pfd.fd = inner;
	check("nested: nothing yet", ep_wait1(outer, &ev, 0) == 0 &&
	    poll(&pfd, 1, 0) == 0);
	write(p[1], "x", 1);
	check("nested: outer sees the inner instance ready",
	    ep_wait1(outer, &ev, 0) == 1 && ev.data.u64 == 2 &&
	    ev.events == EPOLLIN);
	check("poll on an epoll fd is POLLIN",
	    poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN);
	FD_ZERO(&rs);
	FD_SET(inner, &rs);
	check("select on an epoll fd is readable",
	    select(inner + 1, &rs, NULL, NULL, &tv) == 1 && FD_ISSET(inner, &rs));
	check("nested: inner gives the pipe", ep_wait1(inner, &ev, 0) == 1 &&
	    ev.data.u64 == 1);
	read(p[0], &(char){ 0 }, 1);
	check("nested: drained, outer has nothing", ep_wait1(outer, &ev, 0) == 0);
	close(outer);
	close(inner);
	close(p[0]);
	close(p[1]);
}

/* A wait that sleeps is woken by a write from another process. */
static void
test_wakeups(void)
{
	int ep = epoll_create1(0), p[2], e, n;
	struct epoll_event ev;
	uint64_t t0, v;
	pid_t pid;

	pipe(p);
	ep_add(ep, p[0], EPOLLIN, 9);
	if ((pid = fork()) == 0) {
		sleep_ms(100);
		write(p[1], "w", 1);
		_exit(0);
	}
	n = ep_wait1(ep, &ev, 20000);
	check("a sleeping wait is woken by another process's write",
	    n == 1 && ev.data.u64 == 9);
	reap(pid);
	/* fork shares the instance: the child's registration is ours. */
	e = eventfd(0, 0);
	if ((pid = fork()) == 0) {
		ep_add(ep, e, EPOLLIN, 10);
		sleep_ms(50);
		v = 1;
		write(e, &v, 8);
		_exit(0);
	}
	read(p[0], &(char){ 0 }, 1);
	do
		n = ep_wait1(ep, &ev, 20000);
	while (n == 1 && ev.data.u64 != 10);
	check("fork shares the instance (child adds, parent sees)", n == 1 &&
	    ev.data.u64 == 10);
	reap(pid);
	/* A timeout that expires. */
	t0 = now_ns();
	read(e, &v, 8);
	n = epoll_wait(ep, &ev, 1, 50);
	check("a 50 ms timeout expires with 0 after at least 50 ms",
	    n == 0 && now_ns() - t0 >= 49000000ULL);
	close(ep);
	close(e);
	close(p[0]);
	close(p[1]);
}

/* Registrations live as long as the open file, keyed by (file, fd). */
static void
test_close(void)
{
	int ep = epoll_create1(0), p[2], r2;
	struct epoll_event ev;

	pipe(p);
	ep_add(ep, p[0], EPOLLIN, 11);
	r2 = dup(p[0]);
	close(p[0]);
	write(p[1], "x", 1);
	check("closed fd whose file lives on still reports",
	    ep_wait1(ep, &ev, 0) == 1 && ev.data.u64 == 11);
	check("... DEL by the closed fd is EBADF",
	    err(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), EBADF));
	check("... DEL by the duplicate is ENOENT",
	    err(epoll_ctl(ep, EPOLL_CTL_DEL, r2, NULL), ENOENT));
	close(r2);
	check("last close of the file drops the registration",
	    ep_wait1(ep, &ev, 0) == 0);
	close(p[1]);
	close(ep);
}

static void
test_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	int ep = epoll_create1(0), p[2];
	struct epoll_event ev;
	sigset_t block, empty, cur;
	struct timespec ts;
	uint64_t t0;

	pipe(p);
	ep_add(ep, p[0], EPOLLIN, 1);
	sa.sa_flags = SA_RESTART;	/* epoll_wait is never restarted */
	sigaction(SIGALRM, &sa, NULL);
	got_signal = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	check("wait interrupted by a signal is EINTR (even SA_RESTART)",
	    err(epoll_wait(ep, &ev, 1, -1), EINTR) && got_signal == 1);
	/* epoll_pwait: the mask is swapped for the wait only. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	sigaction(SIGUSR1, &sa, NULL);
	sigprocmask(SIG_BLOCK, &block, NULL);
	got_signal = 0;
	kill(getpid(), SIGUSR1);
	check("pwait: blocked signal pending, plain wait times out",
	    epoll_wait(ep, &ev, 1, 0) == 0 && got_signal == 0);
	check("pwait: bad sigsetsize is EINVAL",
	    err(syscall(SYS_epoll_pwait, ep, &ev, 1, 0, &empty, 4), EINVAL));
	check("pwait: a mask unblocking it gives EINTR, handler runs",
	    err(epoll_pwait(ep, &ev, 1, -1, &empty), EINTR) && got_signal == 1);
	sigprocmask(SIG_SETMASK, NULL, &cur);
	check("pwait: the old mask is back", sigismember(&cur, SIGUSR1) == 1);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	/* epoll_pwait2: a timespec timeout. */
	ts.tv_sec = 0;
	ts.tv_nsec = 1000000000;
	check("pwait2: bad timespec is EINVAL",
	    err(syscall(NR_epoll_pwait2, ep, &ev, 1, &ts, NULL, 8), EINVAL));
	check("pwait2: bad timespec pointer is EFAULT",
	    err(syscall(NR_epoll_pwait2, ep, &ev, 1, KADDR, NULL, 8), EFAULT));
	ts.tv_nsec = 0;
	check("pwait2: zero timeout gives 0",
	    syscall(NR_epoll_pwait2, ep, &ev, 1, &ts, NULL, 8) == 0);
	ts.tv_nsec = 30000000;
	t0 = now_ns();
	check("pwait2: 30 ms timeout expires",
	    syscall(NR_epoll_pwait2, ep, &ev, 1, &ts, NULL, 8) == 0 &&
	    now_ns() - t0 >= 29000000ULL);
	write(p[1], "x", 1);
	check("pwait2: NULL timeout with one ready gives it",
	    syscall(NR_epoll_pwait2, ep, &ev, 1, NULL, NULL, 8) == 1);
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void
test_tty(void)
{
	int ep = epoll_create1(0), fd = -1;
	struct epoll_event ev;

	if (isatty(1))
		fd = dup(1);
	else if ((fd = open("/dev/console", O_RDWR | O_NOCTTY)) < 0)
		fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	if (fd < 0 || !isatty(fd)) {
		printf("uepoll: skipped the terminal (none here)\n");
		close(ep);
		return;
	}
	check("terminal: ADD works", ep_add(ep, fd, EPOLLOUT, 12) == 0);
	check("terminal: writable", ep_wait1(ep, &ev, 0) == 1 &&
	    ev.events == EPOLLOUT && ev.data.u64 == 12);
	close(fd);
	close(ep);
}

static void
test_eventfd(void)
{
	int e, ep = epoll_create1(0), n;
	struct epoll_event ev;
	struct pollfd pfd;
	uint64_t v;
	pid_t pid;

	check("eventfd2: bad flag is EINVAL", err(eventfd(0, 0x4000000), EINVAL));
	e = eventfd(3, EFD_CLOEXEC | EFD_NONBLOCK);
	check("eventfd2: EFD_CLOEXEC, EFD_NONBLOCK", e >= 0 &&
	    fcntl(e, F_GETFD) == FD_CLOEXEC && (fcntl(e, F_GETFL) & O_NONBLOCK));
	check("eventfd: short read is EINVAL", err(read(e, &v, 7), EINVAL));
	check("eventfd: read gives the count", read(e, &v, 8) == 8 && v == 3);
	check("eventfd: empty is EAGAIN", err(read(e, &v, 8), EAGAIN));
	check("eventfd: short write is EINVAL", err(write(e, &v, 4), EINVAL));
	v = UINT64_MAX;
	check("eventfd: writing 2^64-1 is EINVAL", err(write(e, &v, 8), EINVAL));
	v = 0xfffffffffffffffeULL;
	check("eventfd: up to 2^64-2 fits", write(e, &v, 8) == 8);
	v = 1;
	check("eventfd: one more is EAGAIN", err(write(e, &v, 8), EAGAIN));
	pfd = (struct pollfd){ .fd = e, .events = POLLIN | POLLOUT };
	check("eventfd: full is POLLIN only",
	    poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN);
	/* A blocking writer waits for a reader. */
	fcntl(e, F_SETFL, 0);
	if ((pid = fork()) == 0) {
		v = 5;
		_exit(write(e, &v, 8) == 8 ? 0 : 1);
	}
	sleep_ms(50);
	read(e, &v, 8);
	reap(pid);
	check("eventfd: a blocked writer goes on after a read",
	    read(e, &v, 8) == 8 && v == 5);
	close(e);
	/* Semaphore mode. */
	e = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	check("eventfd: semaphore reads 1, twice, then EAGAIN",
	    read(e, &v, 8) == 8 && v == 1 && read(e, &v, 8) == 8 && v == 1 &&
	    err(read(e, &v, 8), EAGAIN));
	/* Edge-triggered epoll: every write is an event. */
	ep_add(ep, e, EPOLLIN | EPOLLET, 13);
	check("eventfd: epoll, nothing yet", ep_wait1(ep, &ev, 0) == 0);
	v = 1;
	write(e, &v, 8);
	n = ep_wait1(ep, &ev, 0);
	write(e, &v, 8);
	check("eventfd: epoll edge, each write is an event",
	    n == 1 && ev.data.u64 == 13 && ep_wait1(ep, &ev, 0) == 1);
	check("eventfd: ... and none without", ep_wait1(ep, &ev, 0) == 0);
	close(e);
	e = eventfd(0, 0);
	check("eventfd(): plain flags", e >= 0 && fcntl(e, F_GETFD) == 0 &&
	    !(fcntl(e, F_GETFL) & O_NONBLOCK));
	close(e);
	close(ep);
}

static void
test_timerfd(void)
{
	struct itimerspec its = { { 0, 0 }, { 0, 0 } }, old;
	int t, ep = epoll_create1(0), p[2];
	struct epoll_event ev;
	struct timespec now;
	struct pollfd pfd;
	uint64_t v;

	check("timerfd_create: bad clock is EINVAL",
	    err(timerfd_create(99, 0), EINVAL));
	check("timerfd_create: bad flag is EINVAL",
	    err(timerfd_create(CLOCK_MONOTONIC, 1), EINVAL));
	t = timerfd_create(CLOCK_BOOTTIME, TFD_CLOEXEC);
	check("timerfd_create: CLOCK_BOOTTIME, TFD_CLOEXEC",
	    t >= 0 && fcntl(t, F_GETFD) == FD_CLOEXEC);
	close(t);
	t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	check("timerfd: disarmed read is EAGAIN", err(read(t, &v, 8), EAGAIN));
	check("timerfd: short read is EINVAL", err(read(t, &v, 4), EINVAL));
	its.it_value.tv_nsec = 1000000000;
	check("settime: bad timespec is EINVAL",
	    err(timerfd_settime(t, 0, &its, NULL), EINVAL));
	its.it_value.tv_nsec = 0;
	check("settime: bad flag is EINVAL",
	    err(timerfd_settime(t, 4, &its, NULL), EINVAL));
	check("settime: bad fd is EBADF",
	    err(timerfd_settime(99, 0, &its, NULL), EBADF));
	pipe(p);
	check("settime: not a timerfd is EINVAL",
	    err(timerfd_settime(p[0], 0, &its, NULL), EINVAL));
	check("gettime: not a timerfd is EINVAL",
	    err(timerfd_gettime(p[0], &old), EINVAL));
	close(p[0]);
	close(p[1]);
	/* Relative one-shot, blocking read. */
	its.it_value.tv_sec = 10;
	timerfd_settime(t, 0, &its, NULL);
	timerfd_gettime(t, &old);
	check("gettime: time left, no interval",
	    old.it_value.tv_sec <= 10 && (old.it_value.tv_sec >= 9) &&
	    old.it_interval.tv_sec == 0 && old.it_interval.tv_nsec == 0);
	its.it_value.tv_sec = 0;
	its.it_value.tv_nsec = 20000000;
	check("settime: returns the old setting",
	    timerfd_settime(t, 0, &its, &old) == 0 && old.it_value.tv_sec >= 9);
	fcntl(t, F_SETFL, 0);
	check("timerfd: blocking read gives 1 expiration",
	    read(t, &v, 8) == 8 && v == 1);
	timerfd_gettime(t, &old);
	check("gettime: expired one-shot is disarmed",
	    old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0);
	/* An absolute deadline already past fires at once. */
	close(t);
	t = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	clock_gettime(CLOCK_REALTIME, &now);
	its.it_value.tv_sec = now.tv_sec - 10;
	its.it_value.tv_nsec = 0;
	timerfd_settime(t, TFD_TIMER_ABSTIME, &its, NULL);
	/*
	 * "At once": Linux runs the expired timer from its next timer
	 * interrupt, so the poll waits for it (a generous bound).
	 */
	pfd = (struct pollfd){ .fd = t, .events = POLLIN };
	check("timerfd: past absolute REALTIME deadline is ready at once",
	    poll(&pfd, 1, 10000) == 1 && read(t, &v, 8) == 8 && v == 1);
	close(t);
	/* Missed periods count (the wall clock: far enough from its 0). */
	t = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	clock_gettime(CLOCK_REALTIME, &now);
	its.it_value.tv_sec = now.tv_sec - 35;
	its.it_value.tv_nsec = now.tv_nsec;
	its.it_interval.tv_sec = 10;
	timerfd_settime(t, TFD_TIMER_ABSTIME, &its, NULL);
	pfd = (struct pollfd){ .fd = t, .events = POLLIN };
	check("timerfd: periodic past deadline counts missed periods",
	    poll(&pfd, 1, 10000) == 1 && read(t, &v, 8) == 8 && v == 4);
	timerfd_gettime(t, &old);
	check("gettime: the interval", old.it_interval.tv_sec == 10 &&
	    old.it_value.tv_sec <= 10);
	memset(&its, 0, sizeof(its));
	timerfd_settime(t, 0, &its, NULL);
	timerfd_gettime(t, &old);
	check("settime: zero disarms", old.it_value.tv_sec == 0 &&
	    old.it_value.tv_nsec == 0 && err(read(t, &v, 8), EAGAIN));
	/* epoll: a periodic timer wakes the wait, again and again. */
	its.it_value.tv_nsec = 20000000;
	its.it_interval.tv_nsec = 20000000;
	timerfd_settime(t, 0, &its, NULL);
	ep_add(ep, t, EPOLLIN | EPOLLET, 14);
	check("timerfd: epoll wait woken by expiry",
	    ep_wait1(ep, &ev, 20000) == 1 && ev.data.u64 == 14);
	check("timerfd: ... and after a read, by the next one (edge)",
	    read(t, &v, 8) == 8 && v >= 1 && ep_wait1(ep, &ev, 20000) == 1 &&
	    read(t, &v, 8) == 8 && v >= 1);
	close(t);
	close(ep);
}

static void
test_signalfd(void)
{
	int s, ep = epoll_create1(0), p[2];
	struct signalfd_siginfo si[2];
	struct epoll_event ev;
	struct pollfd pfd;
	sigset_t set;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigdelset(&set, SIGUSR2);
	check("signalfd4: bad flag is EINVAL",
	    err(syscall(SYS_signalfd4, -1, &set, 8, 1), EINVAL));
	check("signalfd4: bad mask size is EINVAL",
	    err(syscall(SYS_signalfd4, -1, &set, 4, 0), EINVAL));
	check("signalfd4: bad mask pointer is EFAULT",
	    err(syscall(SYS_signalfd4, -1, KADDR, 8, 0), EFAULT));
	pipe(p);
	check("signalfd: not a signalfd is EINVAL",
	    err(signalfd(p[0], &set, 0), EINVAL));
	check("signalfd: bad fd is EBADF", err(signalfd(99, &set, 0), EBADF));
	close(p[0]);
	close(p[1]);
	s = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	check("signalfd: SFD_NONBLOCK, SFD_CLOEXEC", s >= 0 &&
	    fcntl(s, F_GETFD) == FD_CLOEXEC && (fcntl(s, F_GETFL) & O_NONBLOCK));
	check("signalfd: none pending is EAGAIN",
	    err(read(s, si, sizeof(si[0])), EAGAIN));
	check("signalfd: short read is EINVAL", err(read(s, si, 127), EINVAL));
	kill(getpid(), SIGUSR1);
	pfd = (struct pollfd){ .fd = s, .events = POLLIN };
	check("signalfd: pending signal is POLLIN", poll(&pfd, 1, 0) == 1);
	check("signalfd: read dequeues it with its siginfo",
	    read(s, si, sizeof(si)) == 128 && si[0].ssi_signo == SIGUSR1 &&
	    si[0].ssi_code == SI_USER && si[0].ssi_pid == (uint32_t)getpid());
	check("signalfd: no longer pending", poll(&pfd, 1, 0) == 0);
	kill(getpid(), SIGUSR2);
	check("signalfd: a signal outside the mask is not read",
	    err(read(s, si, sizeof(si)), EAGAIN));
	sigaddset(&set, SIGUSR2);
	check("signalfd: re-calling updates the mask",
	    signalfd(s, &set, 0) == s);
	kill(getpid(), SIGUSR1);
	check("signalfd: two signals in one read",
	    read(s, si, sizeof(si)) == 256 && si[0].ssi_signo == SIGUSR1 &&
	    si[1].ssi_signo == SIGUSR2);
	sigqueue(getpid(), SIGUSR2, (union sigval){ .sival_int = 42 });
	check("signalfd: sigqueue's value in ssi_int",
	    read(s, si, sizeof(si)) == 128 && si[0].ssi_int == 42 &&
	    si[0].ssi_code == SI_QUEUE);
	/* epoll, woken by a signal another process sends. */
	ep_add(ep, s, EPOLLIN, 15);
	if ((pid = fork()) == 0) {
		sleep_ms(100);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	check("signalfd: epoll wait woken by a signal from another process",
	    ep_wait1(ep, &ev, 20000) == 1 && ev.data.u64 == 15 &&
	    read(s, si, sizeof(si)) == 128 && si[0].ssi_signo == SIGUSR1);
	reap(pid);
	close(s);
	close(ep);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void
test_prwv(void)
{
	char a[4] = "abcd", b[3] = "xyz", r1[4], r2[8];
	struct iovec w[2] = { { a, 4 }, { b, 3 } };
	struct iovec rd[2] = { { r1, 4 }, { r2, 8 } };
	struct iovec many[1025];
	int f, p[2];
	long n;

	f = open("/tmp/uepoll-prw", O_RDWR | O_CREAT | O_TRUNC, 0600);
	check("pwritev at 10 writes both iovecs",
	    f >= 0 && pwritev(f, w, 2, 10) == 7);
	check("... and leaves the position", lseek(f, 0, SEEK_CUR) == 0);
	memset(r1, 0, 4);
	memset(r2, 0, 8);
	check("preadv at 10 reads them back", preadv(f, rd, 2, 10) == 7 &&
	    memcmp(r1, "abcd", 4) == 0 && memcmp(r2, "xyz", 3) == 0);
	check("preadv: negative offset is EINVAL",
	    err(preadv(f, rd, 2, -5), EINVAL));
	for (int i = 0; i < 1025; i++)
		many[i] = (struct iovec){ r1, 1 };
	check("preadv: 1025 iovecs is EINVAL",
	    err(preadv(f, many, 1025, 0), EINVAL));
	check("preadv: -1 iovecs is EINVAL",
	    err(syscall(SYS_preadv, f, rd, -1, 0L, 0L), EINVAL));
	check("preadv: bad iovec pointer is EFAULT",
	    err(preadv(f, KADDR, 1, 0), EFAULT));
	check("preadv: bad fd is EBADF", err(preadv(99, rd, 1, 0), EBADF));
	check("preadv2: offset -1 reads at the position and moves it",
	    lseek(f, 10, SEEK_SET) == 10 &&
	    syscall(NR_preadv2, f, rd, 1, -1L, 0L, 0) == 4 &&
	    lseek(f, 0, SEEK_CUR) == 14);
	check("preadv2: -2 is EINVAL",
	    err(syscall(NR_preadv2, f, rd, 1, -2L, 0L, 0), EINVAL));
	check("preadv2: RWF_HIPRI|RWF_DSYNC|RWF_SYNC accepted",
	    syscall(NR_preadv2, f, rd, 1, 10L, 0L,
	    RWF_HIPRI_ | RWF_DSYNC_ | RWF_SYNC_) == 4);
	check("preadv2: unknown flag is EOPNOTSUPP",
	    err(syscall(NR_preadv2, f, rd, 1, 0L, 0L, 0x40000000), EOPNOTSUPP));
	check("pwritev2: RWF_APPEND writes at the end",
	    syscall(NR_pwritev2, f, w, 1, 0L, 0L, RWF_APPEND_) == 4 &&
	    lseek(f, 0, SEEK_END) == 21 &&
	    pread(f, r1, 4, 17) == 4 && memcmp(r1, "abcd", 4) == 0);
	check("pwritev2: RWF_DSYNC write works",
	    syscall(NR_pwritev2, f, w, 2, 0L, 0L, RWF_DSYNC_) == 7);
	close(f);
	unlink("/tmp/uepoll-prw");
	pipe(p);
	check("preadv on a pipe is ESPIPE", err(preadv(p[0], rd, 1, 0), ESPIPE));
	check("pwritev on a pipe is ESPIPE",
	    err(pwritev(p[1], w, 1, 0), ESPIPE));
	/* Linux before 6.2 refused RWF_NOWAIT on pipes (EOPNOTSUPP). */
	n = syscall(NR_preadv2, p[0], rd, 1, -1L, 0L, RWF_NOWAIT_);
	check("preadv2 -1 with RWF_NOWAIT on an empty pipe does not block",
	    err(n, EAGAIN) || err(n, EOPNOTSUPP));
	check("pwritev2 -1 on a pipe writes",
	    syscall(NR_pwritev2, p[1], w, 2, -1L, 0L, 0) == 7 &&
	    syscall(NR_preadv2, p[0], rd, 2, -1L, 0L, 0) == 7);
	check("... and the pipe stays blocking",
	    !(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	close(p[0]);
	close(p[1]);
}

int
main(void)
{
	test_create();
	test_ctl_errors();
	test_wait_errors();
	test_triggers();
	test_many();
	test_nested_and_poll();
	test_wakeups();
	test_close();
	test_signals();
	test_tty();
	test_eventfd();
	test_timerfd();
	test_signalfd();
	test_prwv();
	if (failed) {
		printf("uepoll: some checks FAILED\n");
		return 1;
	}
	printf("uepoll: done, all checks passed\n");
	return 0;
}
