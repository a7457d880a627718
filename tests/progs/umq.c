/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * POSIX message queues (mq_open, mq_unlink, mq_timedsend,
 * mq_timedreceive, mq_notify, mq_getsetattr), checked against what Linux
 * does (the same program passes on a Linux host, as root): priority
 * order, the limits and errors, O_NONBLOCK, absolute deadlines already
 * past or elapsing, signals (EINTR, SA_RESTART), notification with its
 * siginfo, the descriptor as a file (poll, epoll, read's status line),
 * /proc/sys/fs/mqueue and the mqueue filesystem.  Nothing asserts how
 * long anything took.  One line per check; exits 0 when all held.
 * Built with musl, static.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("umq: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

/* The raw call, so the C library's name handling stays out. */
static long
raw_open(const char *name, int flags, int mode, struct mq_attr *a)
{
	long r = syscall(SYS_mq_open, name, flags, mode, a);

	return r < 0 ? -errno : r;
}

static struct timespec
in_ns(long ns)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += ns;
	while (ts.tv_nsec >= 1000000000L) {
		ts.tv_nsec -= 1000000000L;
		ts.tv_sec++;
	}
	return ts;
}

/*
 * Does the caller hold CAP_SYS_RESOURCE (which lifts the queue limits)?
 * By CapEff where /proc shows it (a container's root may lack it),
 * else root.
 */
static int
privileged(void)
{
	char line[256];
	unsigned long long caps;
	int has = geteuid() == 0;
	FILE *f = fopen("/proc/self/status", "r");

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			has = (caps >> 24) & 1;
	if (f != NULL)
		fclose(f);
	return has;
}

static volatile sig_atomic_t got_sig, got_code, got_pid, got_uid, got_val;

static void
on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_uid = si->si_uid;
	got_val = si->si_value.sival_int;
}

static void
handle(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static void
open_errors(void)
{
	struct mq_attr a;
	char longname[300];
	mqd_t q;

	mq_unlink("/umq-a");
	check("mq_open of a missing queue: ENOENT",
	    mq_open("/umq-a", O_RDWR) == (mqd_t)-1 && errno == ENOENT);
	check("raw mq_open of \"\": ENOENT",
	    raw_open("", O_CREAT | O_RDWR, 0600, NULL) == -ENOENT);
	check("a name with '/': EACCES",
	    raw_open("a/b", O_CREAT | O_RDWR, 0600, NULL) == -EACCES);
	check("the name \"..\": EACCES",
	    raw_open("..", O_CREAT | O_RDWR, 0600, NULL) == -EACCES);
	memset(longname, 'n', sizeof(longname));
	longname[256] = '\0';
	check("a 256-byte name: ENAMETOOLONG",
	    raw_open(longname, O_CREAT | O_RDWR, 0600, NULL) == -ENAMETOOLONG);
	longname[255] = '\0';
	q = raw_open(longname, O_CREAT | O_EXCL | O_RDWR, 0600, NULL);
	check("a 255-byte name is made", q >= 0);
	if (q >= 0) {
		close(q);
		check("and unlinked", syscall(SYS_mq_unlink, longname) == 0);
	}
	memset(&a, 0, sizeof(a));
	a.mq_maxmsg = 0;
	a.mq_msgsize = 16;
	check("mq_maxmsg 0: EINVAL",
	    raw_open("umq-a", O_CREAT | O_RDWR, 0600, &a) == -EINVAL);
	a.mq_maxmsg = 4;
	a.mq_msgsize = -1;
	check("mq_msgsize -1: EINVAL",
	    raw_open("umq-a", O_CREAT | O_RDWR, 0600, &a) == -EINVAL);
	a.mq_msgsize = 16;
	a.mq_maxmsg = 65537;
	check("mq_maxmsg past the hard limit: EINVAL",
	    raw_open("umq-a", O_CREAT | O_RDWR, 0600, &a) == -EINVAL);
	check("attr at a bad address: EFAULT",
	    raw_open("umq-a", O_CREAT | O_RDWR, 0600, (void *)8) == -EFAULT);
	check("name at a bad address: EFAULT",
	    raw_open((void *)8, O_CREAT | O_RDWR, 0600, NULL) == -EFAULT);
	a.mq_maxmsg = 20;
	a.mq_msgsize = 16384;
	q = mq_open("/umq-a", O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	if (privileged()) {
		check("CAP_SYS_RESOURCE passes msg_max and msgsize_max",
		    q != (mqd_t)-1);
	} else {
		check("past msg_max without CAP_SYS_RESOURCE: EINVAL",
		    q == (mqd_t)-1 && errno == EINVAL);
		a.mq_maxmsg = 10;
		a.mq_msgsize = 8192;
		q = mq_open("/umq-a", O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	}
	check("O_CREAT | O_EXCL of an existing queue: EEXIST",
	    mq_open("/umq-a", O_CREAT | O_EXCL | O_RDWR, 0600, &a) ==
	    (mqd_t)-1 && errno == EEXIST);
	a.mq_maxmsg = 0;
	check("an existing queue ignores bad attributes",
	    raw_open("umq-a", O_CREAT | O_RDWR, 0600, &a) >= 0);
	check("access mode 3 of an existing queue: EINVAL",
	    raw_open("umq-a", 3, 0, NULL) == -EINVAL);
	check("the descriptor is close-on-exec",
	    (fcntl(q, F_GETFD) & FD_CLOEXEC) != 0);
	mq_unlink("/umq-a");
}

static void
order_and_limits(void)
{
	static const char *const texts[] = { "a", "b", "c", "d", "e" };
	static const unsigned prios[] = { 1, 5, 1, 5, 0 };
	static const char order[] = "bdace";
	struct mq_attr a = { 0 }, got;
	struct timespec ts;
	char buf[64], line[128];
	unsigned prio;
	int ok = 1, rd;
	ssize_t n;
	mqd_t q, ro, wo;

	a.mq_maxmsg = 5;
	a.mq_msgsize = 64;
	mq_unlink("/umq-b");
	q = mq_open("/umq-b", O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	check("mq_open with maxmsg 5, msgsize 64", q != (mqd_t)-1);
	check("mq_getattr gives them back", mq_getattr(q, &got) == 0 &&
	    got.mq_maxmsg == 5 && got.mq_msgsize == 64 &&
	    got.mq_curmsgs == 0 && got.mq_flags == 0);
	for (int i = 0; i < 5; i++)
		ok &= mq_send(q, texts[i], 1, prios[i]) == 0;
	check("five messages sent", ok);
	mq_getattr(q, &got);
	check("mq_curmsgs is 5", got.mq_curmsgs == 5);
	rd = (int)read(q, line, sizeof(line) - 1);
	line[rd > 0 ? rd : 0] = '\0';
	check("read gives Linux's status line",
	    strcmp(line, "QSIZE:5          NOTIFY:0     SIGNO:0     "
	    "NOTIFY_PID:0     \n") == 0);
	check("a second read is at the end", read(q, line, 10) == 0);
	check("write to the descriptor: EINVAL",
	    write(q, "x", 1) == -1 && errno == EINVAL);
	ts = in_ns(0);
	ts.tv_sec -= 1;
	check("a full queue and a past deadline: ETIMEDOUT",
	    mq_timedsend(q, "x", 1, 0, &ts) == -1 && errno == ETIMEDOUT);
	ts = in_ns(30000000);
	check("a deadline that elapses: ETIMEDOUT",
	    mq_timedsend(q, "x", 1, 0, &ts) == -1 && errno == ETIMEDOUT);
	check("a receive buffer under msgsize: EMSGSIZE",
	    mq_receive(q, buf, 63, NULL) == -1 && errno == EMSGSIZE);
	ok = 1;
	for (int i = 0; i < 5; i++) {
		n = mq_receive(q, buf, sizeof(buf), &prio);
		ok &= n == 1 && buf[0] == order[i];
	}
	check("highest priority first, FIFO within one", ok);
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	check("empty, deadline at time 0: ETIMEDOUT",
	    mq_timedreceive(q, buf, sizeof(buf), NULL, &ts) == -1 &&
	    errno == ETIMEDOUT);
	ts.tv_nsec = 1000000000L;
	check("a bad timespec: EINVAL though there is room",
	    mq_timedsend(q, "x", 1, 0, &ts) == -1 && errno == EINVAL);
	check("a message over msgsize: EMSGSIZE",
	    mq_send(q, buf, 65, 0) == -1 && errno == EMSGSIZE);
	check("priority 32768: EINVAL",
	    mq_send(q, "x", 1, 32768) == -1 && errno == EINVAL);
	check("priority 32767 goes", mq_send(q, "x", 1, 32767) == 0 &&
	    mq_receive(q, buf, 64, &prio) == 1 && prio == 32767);
	check("a bad message address: EFAULT",
	    mq_send(q, (void *)8, 4, 0) == -1 && errno == EFAULT);
	a.mq_flags = O_NONBLOCK;
	check("mq_setattr O_NONBLOCK", mq_setattr(q, &a, &got) == 0 &&
	    got.mq_flags == 0);
	mq_getattr(q, &got);
	check("mq_getattr shows it", got.mq_flags == O_NONBLOCK);
	check("empty under O_NONBLOCK: EAGAIN",
	    mq_receive(q, buf, 64, NULL) == -1 && errno == EAGAIN);
	for (int i = 0; i < 5; i++)
		mq_send(q, "y", 1, 0);
	check("full under O_NONBLOCK: EAGAIN",
	    mq_send(q, "y", 1, 0) == -1 && errno == EAGAIN);
	a.mq_flags = 1;
	check("mq_setattr with another flag: EINVAL",
	    mq_setattr(q, &a, NULL) == -1 && errno == EINVAL);
	ro = mq_open("/umq-b", O_RDONLY);
	wo = mq_open("/umq-b", O_WRONLY);
	check("mq_send on a read-only descriptor: EBADF",
	    mq_send(ro, "x", 1, 0) == -1 && errno == EBADF);
	check("mq_receive on a write-only descriptor: EBADF",
	    mq_receive(wo, buf, 64, NULL) == -1 && errno == EBADF);
	check("mq_send on a descriptor that is no queue: EBADF",
	    mq_send(1, "x", 1, 0) == -1 && errno == EBADF);
	check("mq_getattr on a closed descriptor: EBADF",
	    mq_getattr(999, &got) == -1 && errno == EBADF);
	check("a second descriptor shares the messages",
	    mq_receive(ro, buf, 64, NULL) == 1);
	close(ro);
	close(wo);
	check("mq_unlink", mq_unlink("/umq-b") == 0);
	check("mq_unlink again: ENOENT",
	    mq_unlink("/umq-b") == -1 && errno == ENOENT);
	check("an unlinked queue still works by its descriptor",
	    mq_receive(q, buf, 64, NULL) == 1);
	mqd_t q2 = mq_open("/umq-b", O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	check("the name makes a new, empty queue", q2 != (mqd_t)-1 &&
	    mq_getattr(q2, &got) == 0 && got.mq_curmsgs == 0);
	close(q);
	close(q2);
	mq_unlink("/umq-b");
}

static void
waiting(void)
{
	struct mq_attr a = { 0 };
	struct itimerval it;
	char buf[16];
	int status;
	pid_t pid;
	mqd_t q;

	a.mq_maxmsg = 1;
	a.mq_msgsize = 16;
	mq_unlink("/umq-c");
	q = mq_open("/umq-c", O_CREAT | O_RDWR, 0600, &a);
	pid = fork();
	if (pid == 0) {
		ssize_t n = mq_receive(q, buf, sizeof(buf), NULL);

		_exit(n == 5 && memcmp(buf, "hello", 5) == 0 ? 0 : 1);
	}
	usleep(20000);
	check("a waiting receiver gets the message",
	    mq_send(q, "hello", 5, 0) == 0 &&
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	mq_send(q, "one", 3, 0);
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		_exit(mq_receive(q, buf, sizeof(buf), NULL) == 3 ? 0 : 1);
	}
	check("a sender waits for room",
	    mq_send(q, "two", 3, 0) == 0 &&
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	mq_receive(q, buf, sizeof(buf), NULL);
	/* A signal without SA_RESTART: EINTR. */
	handle(SIGALRM, 0);
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 20000;
	got_sig = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	check("a signal interrupts a waiting receiver: EINTR",
	    mq_receive(q, buf, sizeof(buf), NULL) == -1 && errno == EINTR &&
	    got_sig == SIGALRM);
	/* With SA_RESTART the call goes on and gets the message. */
	handle(SIGUSR1, SA_RESTART);
	got_sig = 0;
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		kill(getppid(), SIGUSR1);
		usleep(20000);
		_exit(mq_send(q, "late", 4, 0) == 0 ? 0 : 1);
	}
	check("SA_RESTART restarts a waiting receiver",
	    mq_receive(q, buf, sizeof(buf), NULL) == 4 &&
	    got_sig == SIGUSR1);
	waitpid(pid, &status, 0);
	close(q);
	mq_unlink("/umq-c");
}

static volatile int thread_val;

static void
on_thread(union sigval v)
{
	thread_val = v.sival_int;
}

static void
notify(void)
{
	struct sigevent ev;
	char buf[16], line[128], want[128];
	struct mq_attr a = { 0 };
	int status, rd, fd;
	pid_t pid;
	mqd_t q;

	a.mq_maxmsg = 2;
	a.mq_msgsize = 16;
	mq_unlink("/umq-d");
	q = mq_open("/umq-d", O_CREAT | O_RDWR, 0600, &a);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = 77;
	check("mq_notify with an unknown sigev_notify: EINVAL",
	    mq_notify(q, &ev) == -1 && errno == EINVAL);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 65;
	check("mq_notify with signal 65: EINVAL",
	    mq_notify(q, &ev) == -1 && errno == EINVAL);
	ev.sigev_signo = SIGUSR2;
	ev.sigev_value.sival_int = 0x1234;
	check("mq_notify on a descriptor that is no queue: EBADF",
	    mq_notify(1, &ev) == -1 && errno == EBADF);
	/* SIGEV_THREAD as the kernel sees it: a cookie and a netlink socket. */
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_value.sival_ptr = buf;
	ev.sigev_signo = 999;
	check("raw SIGEV_THREAD with a closed socket descriptor: EBADF",
	    syscall(SYS_mq_notify, q, &ev) == -1 && errno == EBADF);
	fd = open("/", O_RDONLY);
	ev.sigev_signo = fd;
	check("raw SIGEV_THREAD with a descriptor that is no socket: ENOTSOCK",
	    syscall(SYS_mq_notify, q, &ev) == -1 && errno == ENOTSOCK);
	close(fd);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR2;
	ev.sigev_value.sival_int = 0x1234;
	check("mq_notify SIGEV_SIGNAL", mq_notify(q, &ev) == 0);
	check("registering again: EBUSY",
	    mq_notify(q, &ev) == -1 && errno == EBUSY);
	rd = (int)pread(q, line, sizeof(line) - 1, 0);
	line[rd > 0 ? rd : 0] = '\0';
	snprintf(want, sizeof(want), "QSIZE:0          NOTIFY:0     "
	    "SIGNO:%-5d NOTIFY_PID:%-6d\n", SIGUSR2, (int)getpid());
	rd = (int)read(q, line, sizeof(line) - 1);
	line[rd > 0 ? rd : 0] = '\0';
	check("the status line shows the registration",
	    strcmp(line, want) == 0);
	pid = fork();
	if (pid == 0)
		_exit(mq_notify(q, &ev) == -1 && errno == EBUSY &&
		    mq_notify(q, NULL) == 0 ? 0 : 1);
	check("another process: EBUSY, and its removal does nothing",
	    waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	handle(SIGUSR2, 0);
	got_sig = 0;
	check("a message into the empty queue",
	    mq_send(q, "n", 1, 0) == 0);
	check("notifies with SIGUSR2", got_sig == SIGUSR2);
	check("si_code SI_MESGQ", got_code == SI_MESGQ);
	check("si_pid and si_uid of the sender",
	    got_pid == getpid() && got_uid == (int)getuid());
	check("si_value as registered", got_val == 0x1234);
	got_sig = 0;
	mq_receive(q, buf, sizeof(buf), NULL);
	mq_send(q, "n", 1, 0);
	check("once: the registration is gone after it", got_sig == 0);
	check("so registering again works", mq_notify(q, &ev) == 0);
	mq_send(q, "m", 1, 0);
	check("a queue that was not empty does not notify", got_sig == 0);
	check("mq_notify(NULL) removes it", mq_notify(q, NULL) == 0 &&
	    mq_notify(q, &ev) == 0 && mq_notify(q, NULL) == 0);
	ev.sigev_notify = SIGEV_NONE;
	check("mq_notify SIGEV_NONE", mq_notify(q, &ev) == 0);
	snprintf(want, sizeof(want), "QSIZE:2          NOTIFY:1     "
	    "SIGNO:0     NOTIFY_PID:%-6d\n", (int)getpid());
	rd = (int)pread(q, line, sizeof(line) - 1, 0);
	lseek(q, 0, SEEK_SET);
	rd = (int)read(q, line, sizeof(line) - 1);
	line[rd > 0 ? rd : 0] = '\0';
	check("the status line shows SIGEV_NONE", strcmp(line, want) == 0);
	mq_receive(q, buf, sizeof(buf), NULL);
	mq_receive(q, buf, sizeof(buf), NULL);
	mq_send(q, "n", 1, 0);
	check("SIGEV_NONE sends nothing but is used up",
	    got_sig == 0 && mq_notify(q, &ev) == 0);
	mq_notify(q, NULL);
	mq_receive(q, buf, sizeof(buf), NULL);
	/* SIGEV_THREAD: the C library's thread waits on a netlink socket. */
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_notify_function = on_thread;
	ev.sigev_value.sival_int = 77;
	check("mq_notify SIGEV_THREAD", mq_notify(q, &ev) == 0);
	snprintf(want, sizeof(want), "QSIZE:0          NOTIFY:2     "
	    "SIGNO:0     NOTIFY_PID:%-6d\n", (int)getpid());
	rd = (int)pread(q, line, sizeof(line) - 1, 0);
	lseek(q, 0, SEEK_SET);
	rd = (int)read(q, line, sizeof(line) - 1);
	line[rd > 0 ? rd : 0] = '\0';
	check("the status line shows SIGEV_THREAD", strcmp(line, want) == 0);
	check("removing it", mq_notify(q, NULL) == 0);
	check("registering SIGEV_THREAD again", mq_notify(q, &ev) == 0);
	mq_send(q, "t", 1, 0);
	for (int i = 0; i < 500 && thread_val == 0; i++)
		usleep(10000);
	check("the thread runs with the value", thread_val == 77);
	close(q);
	mq_unlink("/umq-d");
}

static void
polling(void)
{
	struct mq_attr a = { 0 };
	struct epoll_event ee, out;
	struct pollfd p;
	fd_set rs;
	struct timeval tv = { 0, 0 };
	char buf[16];
	int ep;
	mqd_t q;

	a.mq_maxmsg = 1;
	a.mq_msgsize = 16;
	mq_unlink("/umq-e");
	q = mq_open("/umq-e", O_CREAT | O_RDWR, 0600, &a);
	p.fd = q;
	p.events = POLLIN | POLLOUT;
	check("poll: empty is writable only",
	    poll(&p, 1, 0) == 1 && p.revents == POLLOUT);
	ep = epoll_create1(0);
	memset(&ee, 0, sizeof(ee));
	ee.events = EPOLLIN;
	check("epoll takes a queue", epoll_ctl(ep, EPOLL_CTL_ADD, q, &ee) == 0);
	check("epoll: nothing yet", epoll_wait(ep, &out, 1, 0) == 0);
	mq_send(q, "z", 1, 0);
	check("epoll: readable after a send",
	    epoll_wait(ep, &out, 1, 1000) == 1 && (out.events & EPOLLIN));
	check("poll: full is readable only",
	    poll(&p, 1, 0) == 1 && p.revents == POLLIN);
	FD_ZERO(&rs);
	FD_SET(q, &rs);
	check("select: readable", select(q + 1, &rs, NULL, NULL, &tv) == 1);
	mq_receive(q, buf, sizeof(buf), NULL);
	check("epoll: nothing after the receive",
	    epoll_wait(ep, &out, 1, 0) == 0);
	close(ep);
	close(q);
	mq_unlink("/umq-e");
}

/* A /proc/sys/fs/mqueue file's number, or -1. */
static long
sysctl_get(const char *name)
{
	char path[96], buf[32];
	long n = -1;
	int fd, rd;

	snprintf(path, sizeof(path), "/proc/sys/fs/mqueue/%s", name);
	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	rd = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (rd > 0) {
		buf[rd] = '\0';
		n = strtol(buf, NULL, 10);
	}
	return n;
}

static int
sysctl_set(const char *name, long v)
{
	char path[96], buf[32];
	int fd, len, ok;

	snprintf(path, sizeof(path), "/proc/sys/fs/mqueue/%s", name);
	if ((fd = open(path, O_WRONLY | O_TRUNC)) < 0)
		return -1;
	len = snprintf(buf, sizeof(buf), "%ld\n", v);
	ok = write(fd, buf, (size_t)len) == len;
	close(fd);
	return ok ? 0 : -1;
}

static void
limits_and_perms(void)
{
	struct rlimit rl, zero;
	long qmax;
	mqd_t q, other;

	check("msg_max is 10", sysctl_get("msg_max") == 10);
	check("msgsize_max is 8192", sysctl_get("msgsize_max") == 8192);
	check("msg_default is 10", sysctl_get("msg_default") == 10);
	check("msgsize_default is 8192", sysctl_get("msgsize_default") == 8192);
	qmax = sysctl_get("queues_max");
	check("queues_max is at least 1", qmax >= 1);
	mq_unlink("/umq-f");
	mq_unlink("/umq-g");
	q = mq_open("/umq-f", O_CREAT | O_RDWR, 0600, NULL);
	check("a queue owned by root, mode 0600", q != (mqd_t)-1);
	check("msg_max 0 cannot be written", sysctl_set("msg_max", 0) != 0);
	check("queues_max 1 is written", sysctl_set("queues_max", 1) == 0 &&
	    sysctl_get("queues_max") == 1);
	other = mq_open("/umq-g", O_CREAT | O_RDWR, 0600, NULL);
	if (privileged())
		check("CAP_SYS_RESOURCE passes queues_max", other != (mqd_t)-1);
	else
		check("past queues_max: ENOSPC",
		    other == (mqd_t)-1 && errno == ENOSPC);
	close(other);
	mq_unlink("/umq-g");
	if (seteuid(65534) == 0) {
		check("another user: mq_open for reading: EACCES",
		    mq_open("/umq-f", O_RDONLY) == (mqd_t)-1 &&
		    errno == EACCES);
		check("another user: mq_unlink: EACCES",
		    mq_unlink("/umq-f") == -1 && errno == EACCES);
		check("another user past queues_max: ENOSPC",
		    mq_open("/umq-g", O_CREAT | O_RDWR, 0600, NULL) ==
		    (mqd_t)-1 && errno == ENOSPC);
		seteuid(0);
	} else {
		check("seteuid(65534)", 0);
	}
	sysctl_set("queues_max", qmax);
	check("queues_max restored", sysctl_get("queues_max") == qmax);
	getrlimit(RLIMIT_NOFILE, &rl);
	zero = rl;
	zero.rlim_cur = 0;
	setrlimit(RLIMIT_NOFILE, &zero);
	check("RLIMIT_NOFILE 0: EMFILE",
	    mq_open("/umq-f", O_RDWR) == (mqd_t)-1 && errno == EMFILE);
	setrlimit(RLIMIT_NOFILE, &rl);
	/*
	 * RLIMIT_MSGQUEUE counts a user's queues until they are freed: a
	 * default one costs 10 * 8192 bytes and 96 per message.  In a child
	 * of another user, who has no queues yet.
	 */
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit ml = { 82880, 82880 };
		mqd_t a, b;
		int code = 0;

		if (setuid(65533) != 0 || setrlimit(RLIMIT_MSGQUEUE, &ml) != 0)
			_exit(2);
		mq_unlink("/umq-u1");
		mq_unlink("/umq-u2");
		a = mq_open("/umq-u1", O_CREAT | O_RDWR, 0600, NULL);
		b = mq_open("/umq-u2", O_CREAT | O_RDWR, 0600, NULL);
		if (a == (mqd_t)-1)
			code = 3;
		else if (b != (mqd_t)-1 || errno != EMFILE)
			code = 4;
		mq_unlink("/umq-u1");
		/* Unlinked but open: still counted. */
		b = mq_open("/umq-u2", O_CREAT | O_RDWR, 0600, NULL);
		if (code == 0 && (b != (mqd_t)-1 || errno != EMFILE))
			code = 5;
		close(a);
		/* Closed too: freed, and the room is back. */
		b = mq_open("/umq-u2", O_CREAT | O_RDWR, 0600, NULL);
		if (code == 0 && b == (mqd_t)-1)
			code = 6;
		mq_unlink("/umq-u2");
		_exit(code);
	}
	int status;

	status = -1;
	waitpid(pid, &status, 0);
	check("RLIMIT_MSGQUEUE: one default queue fits 82880 bytes, a second "
	    "is EMFILE until the first is freed",
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		printf("umq: (child status %#x)\n", status);
	close(q);
	check("mq_unlink by root", mq_unlink("/umq-f") == 0);
}

static void
filesystem(void)
{
	const char *dir = "/dev/mqueue";
	char path[128], line[128];
	struct mq_attr got;
	struct dirent *de;
	struct stat st;
	int seen = 0, fd, rd;
	DIR *d;
	mqd_t q;

	mkdir(dir, 01777);
	check("mount -t mqueue none /dev/mqueue",
	    mount("none", dir, "mqueue", 0, NULL) == 0);
	mq_unlink("/umq-h");
	q = mq_open("/umq-h", O_CREAT | O_RDWR, 0640, NULL);
	mq_send(q, "abc", 3, 0);
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL)
			seen |= strcmp(de->d_name, "umq-h") == 0;
		closedir(d);
	}
	check("ls /dev/mqueue lists the queue", seen);
	snprintf(path, sizeof(path), "%s/umq-h", dir);
	check("stat: a regular file with the queue's mode",
	    stat(path, &st) == 0 && st.st_mode == (S_IFREG | 0640) &&
	    st.st_size == 80 && st.st_uid == getuid());
	fd = open(path, O_RDONLY);
	rd = fd >= 0 ? (int)read(fd, line, sizeof(line) - 1) : -1;
	check("its contents are the status line",
	    rd == 60 && memcmp(line, "QSIZE:3 ", 8) == 0);
	if (fd >= 0)
		close(fd);
	check("unlink there is mq_unlink", unlink(path) == 0 &&
	    mq_open("/umq-h", O_RDWR) == (mqd_t)-1 && errno == ENOENT);
	close(q);
	snprintf(path, sizeof(path), "%s/umq-i", dir);
	fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0600);
	check("open(O_CREAT) there makes a queue", fd >= 0);
	if (fd >= 0)
		close(fd);
	q = mq_open("/umq-i", O_RDWR);
	check("with the default attributes", q != (mqd_t)-1 &&
	    mq_getattr(q, &got) == 0 && got.mq_maxmsg == 10 &&
	    got.mq_msgsize == 8192);
	close(q);
	mq_unlink("/umq-i");
	check("umount", umount(dir) == 0);
}

int
main(void)
{
	struct stat st;
	int own_proc = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	/* As init nothing has mounted /proc yet. */
	if (stat("/proc/self", &st) != 0) {
		mkdir("/proc", 0555);
		own_proc = mount("proc", "/proc", "proc", 0, NULL) == 0;
	}
	open_errors();
	order_and_limits();
	waiting();
	notify();
	polling();
	limits_and_perms();
	filesystem();
	if (own_proc)
		umount("/proc");
	if (failed) {
		printf("umq: %d checks FAILED\n", failed);
		return 1;
	}
	printf("umq: done, all checks passed\n");
	return 0;
}
