/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Advisory locks, checked against what Linux does (the same program
 * passes on a Linux host and guest): fcntl record locks between a parent
 * and its child (conflicts, F_GETLK's report, split and merged ranges,
 * F_SETLKW waiting, a deadlock refused with EDEADLK, a wait cut by a
 * signal, release on any close), open-file-description locks, flock
 * (separate from record locks, shared through fork), and the errors.
 * One line per check; exits 0 when all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef F_OFD_GETLK
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#endif

static int failed;
static char path[256];

static void
check(const char *what, int ok)
{
	printf("ulock: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

static int
lk(int fd, int cmd, int type, off_t start, off_t len)
{
	struct flock fl = { .l_type = (short)type, .l_whence = SEEK_SET,
	    .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

/* F_GETLK for a write lock on [start, start + len): the answer. */
static struct flock
getlk(int fd, int cmd, off_t start, off_t len)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
	    .l_start = start, .l_len = len };

	if (fcntl(fd, cmd, &fl) != 0)
		fl.l_type = -1;
	return fl;
}

static void
nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Run fn in a child with the file open there; its exit status. */
static int
in_child(int (*fn)(int fd, int arg), int arg)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(path, O_RDWR);

		_exit(fd < 0 ? 99 : fn(fd, arg));
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int
child_report(int fd, int arg)
{
	struct flock fl;

	switch (arg) {
	case 0:		/* the parent's write lock on [0, 100) */
		fl = getlk(fd, F_GETLK, 50, 10);
		if (fl.l_type != F_WRLCK || fl.l_start != 0 || fl.l_len != 100 ||
		    fl.l_pid != getppid())
			return 1;
		if (lk(fd, F_SETLK, F_WRLCK, 50, 10) != -1 ||
		    (errno != EAGAIN && errno != EACCES))
			return 2;
		if (lk(fd, F_SETLK, F_RDLCK, 100, 10) != 0)
			return 3;
		return 0;
	case 1:		/* after the parent cut [40, 60) out */
		if (getlk(fd, F_GETLK, 45, 1).l_type != F_UNLCK)
			return 1;
		fl = getlk(fd, F_GETLK, 30, 1);
		if (fl.l_type != F_WRLCK || fl.l_start != 0 || fl.l_len != 40)
			return 2;
		fl = getlk(fd, F_GETLK, 70, 1);
		if (fl.l_type != F_WRLCK || fl.l_start != 60 || fl.l_len != 40)
			return 3;
		return 0;
	case 2:		/* two touching read locks became one */
		fl = getlk(fd, F_GETLK, 205, 10);
		return fl.l_type == F_RDLCK && fl.l_start == 200 &&
		    fl.l_len == 20 ? 0 : 1;
	case 3:		/* a read lock shares with the parent's read lock */
		return lk(fd, F_SETLK, F_RDLCK, 200, 20) == 0 ? 0 : 1;
	case 4:		/* the lock is free again */
		return lk(fd, F_SETLK, F_WRLCK, 0, 0) == 0 ? 0 : 1;
	case 5:		/* the lock is held by someone else */
		return lk(fd, F_SETLK, F_WRLCK, 0, 1) == -1 ? 0 : 1;
	}
	return 50;
}

static void
on_alarm(int sig)
{
	(void)sig;
}

static void
record_locks(void)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644), fd2, p[2], st;
	int r, e;
	char c;
	pid_t pid;

	check("open a file", fd >= 0 && write(fd, "0123456789", 10) == 10);
	check("F_SETLK write lock on [0, 100)", lk(fd, F_SETLK, F_WRLCK, 0, 100) == 0);
	check("the child sees it with F_GETLK and is refused it",
	    in_child(child_report, 0) == 0);
	check("unlock the middle [40, 60)", lk(fd, F_SETLK, F_UNLCK, 40, 20) == 0);
	check("... leaves two locks, as F_GETLK reports",
	    in_child(child_report, 1) == 0);
	check("read locks on [200, 210) and [210, 220)",
	    lk(fd, F_SETLK, F_RDLCK, 200, 10) == 0 &&
	    lk(fd, F_SETLK, F_RDLCK, 210, 10) == 0);
	check("... merge into one", in_child(child_report, 2) == 0);
	check("... and share with another reader", in_child(child_report, 3) == 0);
	check("the owner's own F_GETLK finds no conflict",
	    getlk(fd, F_GETLK, 0, 0).l_type == F_UNLCK);
	check("unlock everything", lk(fd, F_SETLK, F_UNLCK, 0, 0) == 0);
	check("... frees it", in_child(child_report, 4) == 0);

	/* F_SETLKW waits for the holder. */
	if (pipe(p) != 0)
		return;
	check("lock [0, 1)", lk(fd, F_SETLK, F_WRLCK, 0, 1) == 0);
	if ((pid = fork()) == 0) {
		int cfd = open(path, O_RDWR);

		close(p[0]);
		if (write(p[1], "w", 1) != 1)
			_exit(3);
		_exit(lk(cfd, F_SETLKW, F_WRLCK, 0, 1) == 0 ? 0 : 1);
	}
	close(p[1]);
	check("the child starts", read(p[0], &c, 1) == 1);
	close(p[0]);
	nap(50);
	check("unlock for the waiter", lk(fd, F_SETLK, F_UNLCK, 0, 1) == 0);
	check("F_SETLKW got the lock once it was free",
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* Two owners waiting on each other: one of them hears EDEADLK. */
	if (pipe(p) != 0)
		return;
	check("lock [0, 1) again", lk(fd, F_SETLK, F_WRLCK, 0, 1) == 0);
	if ((pid = fork()) == 0) {
		int cfd = open(path, O_RDWR);

		close(p[0]);
		if (lk(cfd, F_SETLK, F_WRLCK, 1, 1) != 0 ||
		    write(p[1], "w", 1) != 1)
			_exit(3);
		r = lk(cfd, F_SETLKW, F_WRLCK, 0, 1);
		_exit(r == 0 ? 0 : errno == EDEADLK ? 1 : 2);
	}
	close(p[1]);
	check("the child holds [1, 2)", read(p[0], &c, 1) == 1);
	close(p[0]);
	nap(50);
	r = lk(fd, F_SETLKW, F_WRLCK, 1, 1), e = errno;
	if (r == -1 && e == EDEADLK)
		lk(fd, F_SETLK, F_UNLCK, 0, 1);	/* let the child have it */
	waitpid(pid, &st, 0);
	check("a wait that would deadlock fails with EDEADLK for one side",
	    WIFEXITED(st) && ((r == -1 && e == EDEADLK &&
	    WEXITSTATUS(st) == 0) || (r == 0 && WEXITSTATUS(st) == 1)));
	lk(fd, F_SETLK, F_UNLCK, 0, 0);

	/* A signal cuts F_SETLKW short with EINTR. */
	check("lock [0, 1) for the signal test", lk(fd, F_SETLK, F_WRLCK, 0, 1) == 0);
	if ((pid = fork()) == 0) {
		struct sigaction sa;
		int cfd = open(path, O_RDWR);

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;	/* no SA_RESTART */
		sigaction(SIGALRM, &sa, NULL);
		alarm(1);
		r = lk(cfd, F_SETLKW, F_WRLCK, 0, 1);
		_exit(r == -1 && errno == EINTR ? 0 : 1);
	}
	check("F_SETLKW interrupted by a signal is EINTR",
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* Any close of the file by the owner lets its locks go. */
	fd2 = open(path, O_RDONLY);
	check("still held", in_child(child_report, 5) == 0);
	check("close another descriptor of the file", close(fd2) == 0);
	check("... and the lock is gone", in_child(child_report, 4) == 0);

	/* Errors. */
	{
		struct flock fl = { .l_type = 7, .l_whence = SEEK_SET };

		check("a bad l_type is EINVAL", fcntl(fd, F_SETLK, &fl) == -1 &&
		    errno == EINVAL);
		fl.l_type = F_WRLCK;
		fl.l_whence = 9;
		check("a bad l_whence is EINVAL", fcntl(fd, F_SETLK, &fl) == -1 &&
		    errno == EINVAL);
		fl.l_whence = SEEK_SET;
		fl.l_start = -5;
		check("a negative start is EINVAL", fcntl(fd, F_SETLK, &fl) == -1 &&
		    errno == EINVAL);
		check("a bad pointer is EFAULT",
		    fcntl(fd, F_SETLK, (struct flock *)8) == -1 && errno == EFAULT);
		fd2 = open(path, O_RDONLY);
		check("a write lock on a read-only fd is EBADF",
		    lk(fd2, F_SETLK, F_WRLCK, 0, 1) == -1 && errno == EBADF);
		close(fd2);
		fl.l_start = 5;
		fl.l_len = -3;
		check("a negative length locks before the start",
		    fcntl(fd, F_SETLK, &fl) == 0);
	}
	close(fd);
}

static void
ofd_locks(void)
{
	int fd1 = open(path, O_RDWR), fd2 = open(path, O_RDWR);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
	    .l_start = 0, .l_len = 10 };

	check("F_OFD_SETLK", fcntl(fd1, F_OFD_SETLK, &fl) == 0);
	check("another open of the file conflicts, in the same process",
	    fcntl(fd2, F_OFD_SETLK, &fl) == -1 && errno == EAGAIN);
	fl.l_pid = 0;
	check("F_OFD_GETLK reports l_pid -1",
	    fcntl(fd2, F_OFD_GETLK, &fl) == 0 && fl.l_type == F_WRLCK &&
	    fl.l_pid == -1);
	fl.l_type = F_WRLCK;
	fl.l_pid = 5;
	check("a non-zero l_pid is EINVAL",
	    fcntl(fd2, F_OFD_SETLK, &fl) == -1 && errno == EINVAL);
	fl.l_pid = 0;
	close(fd1);
	check("closing the description frees its lock",
	    fcntl(fd2, F_OFD_SETLK, &fl) == 0);
	close(fd2);
}

static void
flocks(void)
{
	int fd1 = open(path, O_RDWR), fd2 = open(path, O_RDWR), st;
	pid_t pid;

	check("flock LOCK_EX", flock(fd1, LOCK_EX) == 0);
	check("another open file is refused LOCK_EX|LOCK_NB",
	    flock(fd2, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK);
	check("... and LOCK_SH|LOCK_NB",
	    flock(fd2, LOCK_SH | LOCK_NB) == -1 && errno == EWOULDBLOCK);
	check("flock and record locks do not meet",
	    lk(fd2, F_SETLK, F_WRLCK, 0, 0) == 0);
	lk(fd2, F_SETLK, F_UNLCK, 0, 0);
	check("an unknown operation is EINVAL", flock(fd1, 0x40) == -1 &&
	    errno == EINVAL);
	/* The child shares fd1's open file: its LOCK_UN is the parent's. */
	if ((pid = fork()) == 0)
		_exit(flock(fd1, LOCK_UN) == 0 ? 0 : 1);
	check("a forked child unlocks the shared open file",
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	    flock(fd2, LOCK_EX | LOCK_NB) == 0);
	check("convert to shared", flock(fd2, LOCK_SH) == 0 &&
	    flock(fd1, LOCK_SH | LOCK_NB) == 0);
	check("flock on a bad fd is EBADF", flock(-1, LOCK_SH) == -1 &&
	    errno == EBADF);
	close(fd1);
	close(fd2);
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";

	setvbuf(stdout, NULL, _IONBF, 0);
	mkdir(dir, 01777);
	snprintf(path, sizeof(path), "%s/ulock-file", dir);
	record_locks();
	ofd_locks();
	flocks();
	unlink(path);
	if (failed) {
		printf("ulock: %d checks failed\n", failed);
		return 1;
	}
	printf("ulock: done, all checks passed\n");
	return 0;
}
