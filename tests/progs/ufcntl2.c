/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The fcntl commands beyond descriptor flags and record locks: a file's
 * owner and signal (F_SETOWN, F_GETOWN, F_SETOWN_EX, F_GETOWN_EX,
 * F_SETSIG, F_GETSIG) and signal-driven I/O (O_ASYNC) on a pipe and an
 * eventfd; packet-mode pipes (pipe2 O_DIRECT); open-file-description
 * locks beside POSIX locks (no deadlock detection for them); directory
 * notification (F_NOTIFY); leases (F_SETLEASE, F_GETLEASE, their breaks
 * by open and truncate, lease-break-time).  Static, with the C library,
 * so that it runs on the host as the reference.  Prints one line per
 * check and exits 0 if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DIR_	"/tmp/ufcntl2.d"
#define FILE_	"/tmp/ufcntl2.f"

#ifndef F_OFD_SETLK
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#endif

static int failed;

static void
check(const char *what, int ok)
{
	printf("ufcntl2: %s %s\n", ok ? "ok" : "FAILED", what);
	fflush(stdout);
	if (!ok)
		failed = 1;
}

static int
err(long r, int e)
{
	return r == -1 && errno == e;
}

/* Wait up to 5 s for one of sig (blocked), into *si: its number or -1. */
static int
wait_sig(int sig, siginfo_t *si)
{
	struct timespec ts = { 5, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, si, &ts);
}

/* Is sig pending now?  Takes it. */
static int
take_sig(int sig, siginfo_t *si)
{
	struct timespec ts = { 0, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, si, &ts) == sig;
}

static void
block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void
owners(void)
{
	struct f_owner_ex o = { 77, 77 };
	int p[2];

	if (pipe(p) != 0) {
		check("pipe", 0);
		return;
	}
	check("F_GETOWN_EX of a new file: TID 0",
	    fcntl(p[0], F_GETOWN_EX, &o) == 0 && o.type == F_OWNER_TID &&
	    o.pid == 0);
	check("F_GETOWN and F_GETSIG of a new file: 0",
	    fcntl(p[0], F_GETOWN) == 0 && fcntl(p[0], F_GETSIG) == 0);
	check("F_SETSIG 65: EINVAL", err(fcntl(p[0], F_SETSIG, 65), EINVAL));
	check("F_SETSIG -1: EINVAL", err(fcntl(p[0], F_SETSIG, -1), EINVAL));
	check("F_SETSIG 64, F_GETSIG 64", fcntl(p[0], F_SETSIG, 64) == 0 &&
	    fcntl(p[0], F_GETSIG) == 64);
	check("F_SETSIG 0, F_GETSIG 0", fcntl(p[0], F_SETSIG, 0) == 0 &&
	    fcntl(p[0], F_GETSIG) == 0);
	check("F_SETOWN of no process: ESRCH",
	    err(fcntl(p[0], F_SETOWN, 99999), ESRCH));
	check("F_SETOWN of no group: ESRCH",
	    err(fcntl(p[0], F_SETOWN, -99999), ESRCH));
	o.type = 5;
	o.pid = getpid();
	check("F_SETOWN_EX type 5: EINVAL",
	    err(fcntl(p[0], F_SETOWN_EX, &o), EINVAL));
	o.type = F_OWNER_PID;
	o.pid = 99999;
	check("F_SETOWN_EX of no process: ESRCH",
	    err(fcntl(p[0], F_SETOWN_EX, &o), ESRCH));
	o.type = F_OWNER_TID;
	o.pid = getpid();
	check("F_SETOWN_EX TID, F_GETOWN: the tid",
	    fcntl(p[0], F_SETOWN_EX, &o) == 0 &&
	    fcntl(p[0], F_GETOWN) == getpid());
	o.type = F_OWNER_PGRP;
	o.pid = getpgrp();
	check("F_SETOWN_EX PGRP, F_GETOWN: -pgrp",
	    fcntl(p[0], F_SETOWN_EX, &o) == 0 &&
	    fcntl(p[0], F_GETOWN) == -getpgrp());
	check("F_SETOWN 0: F_GETOWN_EX PID 0",
	    fcntl(p[0], F_SETOWN, 0) == 0 &&
	    fcntl(p[0], F_GETOWN_EX, &o) == 0 && o.type == F_OWNER_PID &&
	    o.pid == 0);
	check("F_SETOWN pid: F_GETOWN_EX PID pid",
	    fcntl(p[0], F_SETOWN, getpid()) == 0 &&
	    fcntl(p[0], F_GETOWN_EX, &o) == 0 && o.type == F_OWNER_PID &&
	    o.pid == getpid());
	check("F_SETOWN -pgrp: F_GETOWN_EX PGRP pgrp",
	    fcntl(p[0], F_SETOWN, -getpgrp()) == 0 &&
	    fcntl(p[0], F_GETOWN_EX, &o) == 0 && o.type == F_OWNER_PGRP &&
	    o.pid == getpgrp());
	check("F_GETOWN_EX, F_SETOWN_EX of a bad pointer: EFAULT",
	    err(fcntl(p[0], F_GETOWN_EX, (void *)1), EFAULT) &&
	    err(fcntl(p[0], F_SETOWN_EX, (void *)1), EFAULT));
	close(p[0]);
	close(p[1]);
}

static void
async_io(void)
{
	int p[2], e, sig = SIGRTMIN + 1;
	siginfo_t si;
	char c;

	block(SIGIO);
	block(sig);
	if (pipe(p) != 0) {
		check("pipe", 0);
		return;
	}
	check("F_SETFL O_ASYNC on a pipe: F_GETFL shows it",
	    fcntl(p[0], F_SETFL, O_ASYNC) == 0 &&
	    (fcntl(p[0], F_GETFL) & O_ASYNC));
	check("F_SETOWN self, F_SETSIG SIGRTMIN+1",
	    fcntl(p[0], F_SETOWN, getpid()) == 0 &&
	    fcntl(p[0], F_SETSIG, sig) == 0);
	if (fork() == 0) {
		usleep(100000);
		_exit(write(p[1], "x", 1) == 1 ? 0 : 1);
	}
	memset(&si, 0, sizeof(si));
	check("a write by another process: the F_SETSIG signal",
	    wait_sig(sig, &si) == sig);
	check("its si_code POLL_IN, si_fd the descriptor, si_band POLLIN",
	    si.si_code == POLL_IN && si.si_fd == p[0] &&
	    (si.si_band & POLLIN));
	wait(NULL);
	check("no SIGIO beside it", !take_sig(SIGIO, &si));
	/* A read makes room: the reader's owner hears nothing. */
	check("the read end: nothing for the room a read makes",
	    read(p[0], &c, 1) == 1 && !take_sig(sig, &si));
	check("F_SETSIG 0: a write sends SIGIO (si_code SI_KERNEL)",
	    fcntl(p[0], F_SETSIG, 0) == 0 && write(p[1], "y", 1) == 1 &&
	    take_sig(SIGIO, &si) && si.si_code == SI_KERNEL);
	check("O_ASYNC off: nothing", fcntl(p[0], F_SETFL, 0) == 0 &&
	    !(fcntl(p[0], F_GETFL) & O_ASYNC) && write(p[1], "z", 1) == 1 &&
	    !take_sig(SIGIO, &si));
	/* The write end: a read that makes room signals its owner. */
	check("the write end with O_ASYNC: a read sends POLL_OUT",
	    fcntl(p[1], F_SETOWN, getpid()) == 0 &&
	    fcntl(p[1], F_SETSIG, sig) == 0 &&
	    fcntl(p[1], F_SETFL, O_ASYNC) == 0 && read(p[0], &c, 1) == 1 &&
	    take_sig(sig, &si) && si.si_code == POLL_OUT &&
	    si.si_fd == p[1]);
	close(p[0]);
	close(p[1]);
	(void)take_sig(sig, &si);	/* the close's hang-up, if sent */
	(void)take_sig(SIGIO, &si);
	/* An eventfd has no signal-driven I/O on Linux: the flag stays off. */
	e = eventfd(0, 0);
	check("eventfd: F_SETFL O_ASYNC is 0, the flag stays off, no signal",
	    e >= 0 && fcntl(e, F_SETOWN, getpid()) == 0 &&
	    fcntl(e, F_SETFL, O_ASYNC) == 0 &&
	    !(fcntl(e, F_GETFL) & O_ASYNC) && eventfd_write(e, 1) == 0 &&
	    !take_sig(SIGIO, &si));
	close(e);
}

static void
packets(void)
{
	char buf[64];
	int p[2];

	check("pipe2 O_DIRECT", pipe2(p, O_DIRECT | O_NONBLOCK) == 0);
	check("F_GETFL: the write end shows O_DIRECT, the read end not",
	    (fcntl(p[1], F_GETFL) & O_DIRECT) &&
	    !(fcntl(p[0], F_GETFL) & O_DIRECT));
	check("two writes", write(p[1], "abc", 3) == 3 &&
	    write(p[1], "defgh", 5) == 5);
	check("a read takes one packet", read(p[0], buf, sizeof(buf)) == 3 &&
	    memcmp(buf, "abc", 3) == 0);
	check("a short read takes its part, the rest is dropped",
	    read(p[0], buf, 2) == 2 && memcmp(buf, "de", 2) == 0 &&
	    err(read(p[0], buf, sizeof(buf)), EAGAIN));
	check("F_SETFL without O_DIRECT: bytes again",
	    fcntl(p[1], F_SETFL, O_NONBLOCK) == 0 &&
	    !(fcntl(p[1], F_GETFL) & O_DIRECT) &&
	    write(p[1], "ab", 2) == 2 && write(p[1], "cd", 2) == 2 &&
	    read(p[0], buf, sizeof(buf)) == 4);
	check("F_SETFL O_DIRECT: packets again",
	    fcntl(p[1], F_SETFL, O_DIRECT | O_NONBLOCK) == 0 &&
	    write(p[1], "ab", 2) == 2 && write(p[1], "cd", 2) == 2 &&
	    read(p[0], buf, sizeof(buf)) == 2 &&
	    read(p[0], buf, sizeof(buf)) == 2);
	check("pipe2 with an unknown flag: EINVAL",
	    err(pipe2(p + 0, O_APPEND), EINVAL));
	close(p[0]);
	close(p[1]);
}

static void
on_alarm(int sig)
{
	(void)sig;
}

static int
setlk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET,
	    .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

static void
ofd_locks(void)
{
	int fd, fd2, ready[2], r;
	struct sigaction sa;
	pid_t child;
	char c;

	fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0644);
	fd2 = open(FILE_, O_RDWR);
	check("POSIX lock on byte 0", setlk(fd, F_SETLK, F_WRLCK, 0, 1) == 0);
	check("an OFD lock of another open file on it: EAGAIN",
	    err(setlk(fd2, F_OFD_SETLK, F_WRLCK, 0, 1), EAGAIN));
	check("OFD lock on byte 1", setlk(fd2, F_OFD_SETLK, F_WRLCK, 1, 1) == 0);
	check("a POSIX lock of the same process over it: EAGAIN",
	    err(setlk(fd, F_SETLK, F_WRLCK, 1, 1), EAGAIN));
	check("OFD unlock", setlk(fd2, F_OFD_SETLK, F_UNLCK, 1, 1) == 0);
	close(fd2);
	check("the close let the POSIX lock go; take it again",
	    setlk(fd, F_SETLK, F_WRLCK, 0, 1) == 0);
	/*
	 * A child's OFD lock (byte 1) waits for the parent's POSIX lock
	 * (byte 0); the parent's POSIX wait for byte 1 closes the cycle:
	 * EDEADLK (the OFD waiter is in the chain).
	 */
	if (pipe(ready) != 0)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	if ((child = fork()) == 0) {
		int cfd = open(FILE_, O_RDWR);

		setlk(cfd, F_OFD_SETLK, F_WRLCK, 1, 1);
		write(ready[1], "r", 1);
		setlk(cfd, F_OFD_SETLKW, F_WRLCK, 0, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	usleep(200000);			/* the child is waiting by now */
	alarm(2);
	check("a POSIX wait closing a cycle through an OFD waiter: EDEADLK",
	    err(setlk(fd, F_SETLKW, F_WRLCK, 1, 1), EDEADLK));
	alarm(0);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	/*
	 * The other way round: a child's POSIX lock (byte 2) waits for the
	 * parent's OFD lock (byte 3); the parent's OFD wait for byte 2 is
	 * never searched for a cycle: it waits (until an alarm here).
	 */
	fd2 = open(FILE_, O_RDWR);
	check("OFD lock on byte 3", setlk(fd2, F_OFD_SETLK, F_WRLCK, 3, 1) == 0);
	if ((child = fork()) == 0) {
		int cfd = open(FILE_, O_RDWR);

		setlk(cfd, F_SETLK, F_WRLCK, 2, 1);
		write(ready[1], "r", 1);
		setlk(cfd, F_SETLKW, F_WRLCK, 3, 1);
		_exit(0);
	}
	read(ready[0], &c, 1);
	usleep(200000);
	alarm(1);
	r = setlk(fd2, F_OFD_SETLKW, F_WRLCK, 2, 1);
	check("an OFD wait closing such a cycle: no EDEADLK, it waits (EINTR)",
	    err(r, EINTR));
	alarm(0);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(fd2);
	close(ready[0]);
	close(ready[1]);
	close(fd);
	unlink(FILE_);
}

/* Take every pending instance of sig; how many. */
static int
drain(int sig)
{
	siginfo_t si;
	int n = 0;

	while (take_sig(sig, &si))
		n++;
	return n;
}

/* A new descriptor of DIR_ watching mask with signal sig. */
static int
watch(int sig, unsigned long mask)
{
	int d = open(DIR_, O_RDONLY);

	if (d < 0 || fcntl(d, F_SETSIG, sig) != 0 ||
	    fcntl(d, F_NOTIFY, mask) != 0) {
		check("open and F_NOTIFY", 0);
		if (d >= 0)
			close(d);
		return -1;
	}
	return d;
}

static void
dnotify(void)
{
	int d, fd, sig = SIGRTMIN + 2;
	char c;
	siginfo_t si;

	block(sig);
	block(SIGIO);
	mkdir(DIR_, 0755);
	check("F_NOTIFY on a file: ENOTDIR",
	    (fd = open("/tmp/ufcntl2.x", O_RDWR | O_CREAT, 0644)) >= 0 &&
	    err(fcntl(fd, F_NOTIFY, DN_CREATE), ENOTDIR));
	close(fd);
	unlink("/tmp/ufcntl2.x");
	d = watch(sig, DN_CREATE);
	check("a file made in it: the signal, si_fd the directory, POLL_MSG",
	    (fd = open(DIR_ "/a", O_RDWR | O_CREAT, 0644)) >= 0 &&
	    take_sig(sig, &si) && si.si_fd == d && si.si_code == POLL_MSG);
	close(fd);
	check("one shot: nothing for a second",
	    (fd = open(DIR_ "/b", O_RDWR | O_CREAT, 0644)) >= 0 &&
	    drain(sig) == 0);
	close(fd);
	close(d);
	d = watch(sig, DN_DELETE | DN_MULTISHOT);
	check("DN_DELETE|DN_MULTISHOT: each unlink signals",
	    unlink(DIR_ "/a") == 0 && drain(sig) == 1 &&
	    unlink(DIR_ "/b") == 0 && drain(sig) == 1);
	check("a file made: not DN_DELETE's",
	    (fd = open(DIR_ "/c", O_RDWR | O_CREAT, 0644)) >= 0 &&
	    drain(sig) == 0);
	check("a second F_NOTIFY adds to the mask: DN_MODIFY and DN_DELETE",
	    fcntl(d, F_NOTIFY, DN_MODIFY | DN_MULTISHOT) == 0 &&
	    write(fd, "x", 1) == 1 && drain(sig) >= 1 &&
	    unlink(DIR_ "/c") == 0 && drain(sig) == 1);
	close(d);
	d = watch(sig, DN_ACCESS | DN_MULTISHOT);
	check("DN_ACCESS: a read of a file in it",
	    pread(fd, &c, 1, 0) == 1 && drain(sig) >= 1);
	close(d);
	d = watch(sig, DN_ATTRIB | DN_MULTISHOT);
	check("DN_ATTRIB: a chmod of a file in it",
	    fchmod(fd, 0600) == 0 && drain(sig) >= 1);
	close(d);
	close(fd);
	fd = open(DIR_ "/c", O_RDWR | O_CREAT, 0644);
	close(fd);
	d = watch(sig, DN_RENAME | DN_MULTISHOT);
	check("DN_RENAME: a rename inside it",
	    rename(DIR_ "/c", DIR_ "/d") == 0 && drain(sig) >= 1);
	check("DN_RENAME: nothing for a move out of it",
	    rename(DIR_ "/d", "/tmp/ufcntl2.e") == 0 && drain(sig) == 0);
	close(d);
	d = watch(sig, DN_CREATE | DN_MULTISHOT);
	check("DN_CREATE: a move into it",
	    rename("/tmp/ufcntl2.e", DIR_ "/e") == 0 && drain(sig) == 1);
	check("F_NOTIFY 0: no more signals", fcntl(d, F_NOTIFY, 0) == 0 &&
	    (fd = open(DIR_ "/f", O_RDWR | O_CREAT, 0644)) >= 0 &&
	    drain(sig) == 0);
	close(fd);
	check("F_SETSIG 0: SIGIO", fcntl(d, F_SETSIG, 0) == 0 &&
	    fcntl(d, F_NOTIFY, DN_DELETE) == 0 && unlink(DIR_ "/f") == 0 &&
	    take_sig(SIGIO, &si));
	close(d);
	d = watch(sig, DN_DELETE | DN_MULTISHOT);
	close(d);
	check("a closed descriptor's watch is gone",
	    unlink(DIR_ "/e") == 0 && drain(sig) == 0);
	rmdir(DIR_);
}

/* /proc/sys/fs/lease-break-time: the old value, set to secs. */
static int
break_time(int secs)
{
	char buf[32];
	int fd = open("/proc/sys/fs/lease-break-time", O_RDONLY), old = -1;
	ssize_t n;

	if (fd < 0)
		return -1;
	if ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = 0;
		old = atoi(buf);
	}
	close(fd);
	if ((fd = open("/proc/sys/fs/lease-break-time", O_WRONLY)) < 0)
		return -1;
	n = snprintf(buf, sizeof(buf), "%d\n", secs);
	if (write(fd, buf, (size_t)n) != n)
		old = -1;
	close(fd);
	return old;
}

static void
leases(void)
{
	int fd, fd2, st, old, pp[2];
	siginfo_t si;
	pid_t child;

	block(SIGIO);
	fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0644);
	check("F_SETLEASE F_RDLCK, open for writing: EAGAIN",
	    err(fcntl(fd, F_SETLEASE, F_RDLCK), EAGAIN));
	check("F_GETLEASE without one: F_UNLCK",
	    fcntl(fd, F_GETLEASE) == F_UNLCK);
	check("F_SETLEASE 7: EINVAL", err(fcntl(fd, F_SETLEASE, 7), EINVAL));
	fd2 = open(FILE_, O_RDONLY);
	check("F_SETLEASE F_WRLCK with another open: EAGAIN",
	    err(fcntl(fd, F_SETLEASE, F_WRLCK), EAGAIN));
	check("a read lease with a writer elsewhere: EAGAIN",
	    err(fcntl(fd2, F_SETLEASE, F_RDLCK), EAGAIN));
	close(fd2);
	check("F_SETLEASE F_WRLCK, the only open", fcntl(fd, F_SETLEASE,
	    F_WRLCK) == 0 && fcntl(fd, F_GETLEASE) == F_WRLCK);
	check("F_SETLEASE F_UNLCK", fcntl(fd, F_SETLEASE, F_UNLCK) == 0 &&
	    fcntl(fd, F_GETLEASE) == F_UNLCK);
	close(fd);
	if (pipe(pp) == 0) {
		check("F_SETLEASE on a pipe: EINVAL",
		    err(fcntl(pp[0], F_SETLEASE, F_RDLCK), EINVAL));
		close(pp[0]);
		close(pp[1]);
	}
	/* A read lease, broken by an open for writing elsewhere. */
	fd = open(FILE_, O_RDONLY);
	check("F_SETLEASE F_RDLCK, read-only", fcntl(fd, F_SETLEASE,
	    F_RDLCK) == 0 && fcntl(fd, F_GETLEASE) == F_RDLCK);
	check("a second read lease by another open", (fd2 = open(FILE_,
	    O_RDONLY)) >= 0 && fcntl(fd2, F_SETLEASE, F_RDLCK) == 0);
	check("the read lease's F_UNLCK", fcntl(fd2, F_SETLEASE, F_UNLCK) == 0);
	close(fd2);
	if ((child = fork()) == 0) {
		int r = open(FILE_, O_RDWR | O_NONBLOCK);

		_exit(r == -1 && errno == EWOULDBLOCK ? 0 : 1);
	}
	waitpid(child, &st, 0);
	check("a nonblocking open for writing: EWOULDBLOCK",
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
	check("the holder gets SIGIO, the lease is going to F_UNLCK",
	    take_sig(SIGIO, &si) && fcntl(fd, F_GETLEASE) == F_UNLCK);
	check("F_SETLEASE F_UNLCK, then F_RDLCK again",
	    fcntl(fd, F_SETLEASE, F_UNLCK) == 0 &&
	    fcntl(fd, F_SETLEASE, F_RDLCK) == 0);
	if ((child = fork()) == 0) {
		int r = open(FILE_, O_RDWR);

		_exit(r >= 0 ? 0 : 1);
	}
	check("a blocking open: the holder gets SIGIO",
	    wait_sig(SIGIO, &si) == SIGIO);
	check("F_SETLEASE F_UNLCK lets the opener in",
	    fcntl(fd, F_SETLEASE, F_UNLCK) == 0 &&
	    waitpid(child, &st, 0) == child && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	/* truncate(2) by another process breaks it too. */
	check("a read lease again", fcntl(fd, F_SETLEASE, F_RDLCK) == 0);
	if ((child = fork()) == 0)
		_exit(truncate(FILE_, 0) == 0 ? 0 : 1);
	check("truncate: the holder gets SIGIO", wait_sig(SIGIO, &si) == SIGIO);
	check("after F_UNLCK the truncate ends", fcntl(fd, F_SETLEASE,
	    F_UNLCK) == 0 && waitpid(child, &st, 0) == child &&
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* A holder that does nothing loses it after lease-break-time. */
	old = break_time(1);
	check("lease-break-time set to 1", old > 0);
	check("a read lease once more", fcntl(fd, F_SETLEASE, F_RDLCK) == 0);
	if ((child = fork()) == 0) {
		int r = open(FILE_, O_WRONLY);

		_exit(r >= 0 ? 0 : 1);
	}
	check("the opener gets in when the break time is over",
	    waitpid(child, &st, 0) == child && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	check("the lease is gone", fcntl(fd, F_GETLEASE) == F_UNLCK &&
	    take_sig(SIGIO, &si));
	if (old > 0)
		break_time(old);
	close(fd);
	/* Another user's file: EACCES without CAP_LEASE. */
	if (getuid() == 0 && (child = fork()) == 0) {
		int r;

		if (setgid(1000) != 0 || setuid(1000) != 0)
			_exit(2);
		r = open(FILE_, O_RDONLY);
		_exit(r >= 0 && fcntl(r, F_SETLEASE, F_RDLCK) == -1 &&
		    errno == EACCES ? 0 : 1);
	}
	if (getuid() == 0) {
		waitpid(child, &st, 0);
		check("another user's file: EACCES", WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0);
	}
	unlink(FILE_);
}

int
main(void)
{
	/* As init on Jiny nothing has mounted /proc yet. */
	if (access("/proc/sys/fs", F_OK) != 0)
		mount("proc", "/proc", "proc", 0, NULL);
	owners();
	async_io();
	packets();
	ofd_locks();
	dnotify();
	leases();
	if (failed) {
		printf("ufcntl2: some checks FAILED\n");
		return 1;
	}
	printf("ufcntl2: done, all checks passed\n");
	return 0;
}
