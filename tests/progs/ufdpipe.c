/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Descriptor tables and pipes as Linux has them, with a libc (static
 * musl; it builds and passes with glibc on Linux too): RLIMIT_NOFILE
 * raised to 20000 and descriptors opened up to it (EMFILE at the limit,
 * EBADF for dup2 past it, EINVAL for F_DUPFD past it), the limit lowered
 * under open descriptors, poll and select at the limits, /proc/self/fd,
 * fork with many descriptors, threads sharing a table while it grows;
 * pipes of 64 KiB filled with O_NONBLOCK writes, F_GETPIPE_SZ and
 * F_SETPIPE_SZ and their errors, PIPE_BUF atomicity with two writers,
 * FIONREAD on pipes, FIFOs, files and the terminal; lseek's whence,
 * pread on the memory devices.  Prints one line per check and a summary;
 * exits 0 if every check held.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define LIMIT		20000
#define PIPE_CAP	65536

static int failed;

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

	snprintf(line, sizeof(line), "ufdpipe: %s %s\n", ok ? "ok" : "FAILED",
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

static int
set_nofile(rlim_t cur, rlim_t max)
{
	struct rlimit rl = { cur, max };

	return setrlimit(RLIMIT_NOFILE, &rl);
}

/*
 * CAP_SYS_RESOURCE, which root has (on Jiny: euid 0), as seen by raising
 * the hard NOFILE limit by one (then put back).
 */
static int
may_raise_limits(void)
{
	struct rlimit rl, up;
	int ok;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 0;
	up = (struct rlimit){ rl.rlim_cur, rl.rlim_max + 1 };
	ok = setrlimit(RLIMIT_NOFILE, &up) == 0;
	setrlimit(RLIMIT_NOFILE, &rl);
	return ok;
}

/* Entries of /proc/self/fd (its own descriptor among them). */
static int
count_proc_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* ---- the descriptor table ---- */

static void
test_limits(void)
{
	struct rlimit rl;

	check("setrlimit NOFILE hard above nr_open: EPERM",
	    fails(set_nofile(1024, 1048577), EPERM));
	check("setrlimit NOFILE unlimited: EPERM",
	    fails(set_nofile(RLIM_INFINITY, RLIM_INFINITY), EPERM));
	check("setrlimit NOFILE soft above hard: EINVAL",
	    fails(set_nofile(5000, 4000), EINVAL));
	/* Raising the hard limit takes root; the host may start above. */
	check("setrlimit NOFILE to 20000",
	    set_nofile(LIMIT, LIMIT) == 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur == LIMIT && rl.rlim_max == LIMIT);
}

/* Fill the table to the limit with dups of fd; returns the highest. */
static int
fill_table(int fd)
{
	int last = -1, d;

	while ((d = dup(fd)) >= 0)
		last = d;
	return errno == EMFILE ? last : -1;
}

static void
test_table(void)
{
	int p[2], base, last, fd, ok;
	char buf[64], link[64], c;
	struct pollfd *pfd;
	fd_set rs;
	struct timeval tv = { 0, 0 };

	if (pipe(p) != 0) {
		check("pipe", 0);
		return;
	}
	base = open("/dev/null", O_RDWR);
	last = fill_table(base);
	check("dup up to the limit: the last is 19999, then EMFILE",
	    last == LIMIT - 1 && fails(dup(base), EMFILE));
	check("open at the limit: EMFILE",
	    fails(open("/dev/null", O_RDONLY), EMFILE));
	check("pipe at the limit: EMFILE", fails(pipe(p), EMFILE));
	check("F_DUPFD at the limit: EINVAL",
	    fails(fcntl(base, F_DUPFD, LIMIT), EINVAL) &&
	    fails(fcntl(base, F_DUPFD_CLOEXEC, LIMIT + 5), EINVAL));
	check("F_DUPFD below the limit, none free: EMFILE",
	    fails(fcntl(base, F_DUPFD, 19000), EMFILE));
	check("dup2 to the limit: EBADF", fails(dup2(base, LIMIT), EBADF) &&
	    fails(dup3(base, LIMIT + 100, 0), EBADF));
	check("dup2 onto an open descriptor below the limit",
	    dup2(p[1], LIMIT - 1) == LIMIT - 1 &&
	    write(LIMIT - 1, "z", 1) == 1 && read(p[0], &c, 1) == 1 && c == 'z');
	/* Holes are found lowest first, wherever they are. */
	close(12345);
	close(5000);
	close(15000);
	ok = dup(base) == 5000 && dup(base) == 12345 && dup(base) == 15000;
	close(17000);
	ok = ok && fcntl(base, F_DUPFD, 16000) == 17000;
	close(100);
	close(200);
	ok = ok && fcntl(base, F_DUPFD, 150) == 200 && dup(base) == 100;
	check("the lowest free descriptor, from 0 and from F_DUPFD's", ok);
	ok = fcntl(19998, F_SETFD, FD_CLOEXEC) == 0 &&
	    fcntl(19998, F_GETFD) == FD_CLOEXEC && fcntl(19997, F_GETFD) == 0;
	check("FD_CLOEXEC on high descriptors", ok);

	/* /proc/self/fd follows: 20000 open, less 10, and its own. */
	for (fd = 1000; fd < 1010; fd++)
		close(fd);
	snprintf(buf, sizeof(buf), "/proc/self/fd/%d", LIMIT - 2);
	check("/proc/self/fd/19998 is there",
	    readlink(buf, link, sizeof(link)) == 9 &&
	    memcmp(link, "/dev/null", 9) == 0);
	check("/proc/self/fd lists every descriptor",
	    count_proc_fds() == LIMIT - 10 + 1);

	/* poll: nfds up to the limit, EINVAL past it. */
	pfd = calloc(LIMIT + 1, sizeof(*pfd));
	for (int i = 0; i <= LIMIT; i++)
		pfd[i].fd = -1;
	pfd[LIMIT - 1].fd = LIMIT - 1;
	pfd[LIMIT - 1].events = POLLOUT;
	check("poll of 20000 entries", poll(pfd, LIMIT, 0) == 1 &&
	    pfd[LIMIT - 1].revents == POLLOUT);
	check("poll of more entries than RLIMIT_NOFILE: EINVAL",
	    fails(poll(pfd, LIMIT + 1, 0), EINVAL));
	free(pfd);
	/* select up to FD_SETSIZE: fd 1005 is the pipe's read end. */
	dup2(p[0], 1005);
	write(p[1], "s", 1);
	FD_ZERO(&rs);
	FD_SET(1005, &rs);
	FD_SET(1006, &rs);
	check("select: a closed descriptor in the set: EBADF",
	    fails(select(FD_SETSIZE, &rs, NULL, NULL, &tv), EBADF));
	FD_CLR(1006, &rs);
	check("select with nfds FD_SETSIZE finds fd 1005",
	    select(FD_SETSIZE, &rs, NULL, NULL, &tv) == 1 &&
	    FD_ISSET(1005, &rs) && read(1005, &c, 1) == 1 && c == 's');

	/* A lower limit leaves open descriptors working. */
	check("NOFILE lowered to 100 under 20000 open",
	    set_nofile(100, LIMIT) == 0);
	check("descriptors past the limit still work",
	    write(LIMIT - 1, "y", 1) == 1 && read(p[0], &c, 1) == 1 &&
	    c == 'y' && fcntl(LIMIT - 1, F_GETFD) == 0);
	check("under the lower limit: dup EMFILE, dup2 past it EBADF",
	    fails(dup(base), EMFILE) && fails(dup2(base, 150), EBADF) &&
	    fails(fcntl(base, F_DUPFD, 100), EINVAL) &&
	    fails(fcntl(base, F_DUPFD, 50), EMFILE));
	close(50);
	check("a hole under the lower limit is found",
	    dup(base) == 50 && close(LIMIT - 3) == 0);
	pfd = calloc(101, sizeof(*pfd));
	check("poll past the lower limit: EINVAL",
	    fails(poll(pfd, 101, 0), EINVAL));
	free(pfd);
	check("NOFILE back to 20000, the table refilled",
	    set_nofile(LIMIT, LIMIT) == 0 && fill_table(base) >= 0);
}

/* fork copies a table of 20000; the copies are apart afterwards. */
static void
test_fork(void)
{
	int p[2], st = -1;
	pid_t pid;
	char c = 0;

	/* The pipe's ends go high: free two slots near the top. */
	close(LIMIT - 5);
	close(LIMIT - 4);
	if (pipe(p) != 0 || p[0] != LIMIT - 5 || p[1] != LIMIT - 4) {
		check("pipe at 19995 and 19996", 0);
		return;
	}
	fcntl(18000, F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid == 0) {
		int ok = fcntl(LIMIT - 1, F_GETFD) == 0 &&
		    fcntl(18000, F_GETFD) == FD_CLOEXEC &&
		    fcntl(LIMIT - 2, F_GETFD) == FD_CLOEXEC &&
		    close(3) == 0 && close(LIMIT - 5) == 0;

		ok = write(LIMIT - 4, ok ? "k" : "x", 1) == 1 && ok;
		_exit(ok ? 0 : 1);
	}
	check("fork with 20000 descriptors", pid > 0 &&
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	check("the child wrote through its copy of fd 19996",
	    read(LIMIT - 5, &c, 1) == 1 && c == 'k');
	check("the child's closes left the parent's descriptors",
	    fcntl(3, F_GETFD) >= 0 && fcntl(LIMIT - 5, F_GETFD) >= 0);
	for (int fd = 3; fd < LIMIT; fd++)
		close(fd);
	check("all closed: /proc/self/fd lists 0-2 and itself",
	    count_proc_fds() == 4);
}

/* ---- threads sharing a growing table ---- */

#define THREADS		4
#define PER_THREAD	3000

static int shared_base;
static int got[THREADS][PER_THREAD];
static volatile int growing;
static int echo_rd, echo_wr;

static void *
dupper(void *arg)
{
	int *mine = arg;

	for (int i = 0; i < PER_THREAD; i++) {
		mine[i] = dup(shared_base);
		if (i % 64 == 0)
			sched_yield();
	}
	return NULL;
}

/* Reads and writes through low descriptors while the table moves. */
static void *
echoer(void *arg)
{
	long rounds = 0, bad = 0;
	char c;

	(void)arg;
	while (growing || rounds < 100) {
		if (write(echo_wr, "e", 1) != 1 || read(echo_rd, &c, 1) != 1 ||
		    c != 'e')
			bad++;
		rounds++;
	}
	return (void *)(bad == 0 ? 1L : 0L);
}

static void
test_threads(void)
{
	pthread_t t[THREADS], e;
	static char seen[THREADS * PER_THREAD + 64];
	int p[2], ok = 1, dupes = 0;
	void *echo_ok = NULL;

	if (pipe(p) != 0)
		return;
	echo_rd = p[0];
	echo_wr = p[1];
	shared_base = open("/dev/null", O_RDWR);
	growing = 1;
	if (pthread_create(&e, NULL, echoer, NULL) != 0)
		ok = 0;
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, dupper, got[i]) != 0)
			ok = 0;
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	growing = 0;
	pthread_join(e, &echo_ok);
	check("threads created", ok);
	for (int i = 0; i < THREADS; i++)
		for (int j = 0; j < PER_THREAD; j++) {
			int fd = got[i][j];

			if (fd < 0 || fd >= (int)sizeof(seen) || seen[fd]++ ||
			    fcntl(fd, F_GETFD) != 0)
				dupes++;
		}
	check("4 threads dup 12000 descriptors, all distinct and open",
	    dupes == 0);
	check("reads and writes while the table grows", echo_ok == (void *)1L);
	for (int fd = 3; fd < THREADS * PER_THREAD + 64; fd++)
		close(fd);
}

/* ---- pipes ---- */

static void
test_capacity(void)
{
	static char big[100000];
	int p[2], n, avail = -1;
	long total = 0;
	struct pollfd pf;

	if (pipe2(p, O_NONBLOCK) != 0) {
		check("pipe2 O_NONBLOCK", 0);
		return;
	}
	check("F_GETPIPE_SZ of a new pipe: 65536",
	    fcntl(p[0], F_GETPIPE_SZ) == PIPE_CAP &&
	    fcntl(p[1], F_GETPIPE_SZ) == PIPE_CAP);
	memset(big, 'b', sizeof(big));
	n = (int)write(p[1], big, sizeof(big));
	check("a 100000-byte O_NONBLOCK write takes 65536", n == PIPE_CAP);
	check("then a 1-byte write: EAGAIN", fails(write(p[1], big, 1), EAGAIN));
	check("FIONREAD: 65536", ioctl(p[0], FIONREAD, &avail) == 0 &&
	    avail == PIPE_CAP);
	pf = (struct pollfd){ p[1], POLLOUT, 0 };
	check("a full pipe does not poll writable", poll(&pf, 1, 0) == 0);
	check("read 4096, write 4096 fits again",
	    read(p[0], big, 4096) == 4096 && write(p[1], big, 4096) == 4096 &&
	    fails(write(p[1], big, 1), EAGAIN));
	/* Empty it, then one byte at a time: 65536 of them fit. */
	while ((n = (int)read(p[0], big, sizeof(big))) > 0)
		;
	check("an empty O_NONBLOCK pipe reads EAGAIN", n == -1 &&
	    errno == EAGAIN);
	while (write(p[1], "x", 1) == 1)
		total++;
	check("65536 one-byte writes fit, then EAGAIN",
	    total == PIPE_CAP && errno == EAGAIN);
	while (read(p[0], big, sizeof(big)) > 0)
		;
	/* At most PIPE_BUF: all or nothing; above it: partial. */
	n = (int)write(p[1], big, PIPE_CAP - 100);
	check("PIPE_BUF-sized writes: all or EAGAIN",
	    n == PIPE_CAP - 100 && fails(write(p[1], big, 200), EAGAIN) &&
	    write(p[1], big, 100) == 100 && fails(write(p[1], big, 1), EAGAIN));
	n = (int)read(p[0], big, 10000);
	total = write(p[1], big, 20000);
	check("a longer O_NONBLOCK write may be partial",
	    n == 10000 && total > 0 && total <= 10000);
	pf = (struct pollfd){ p[0], POLLIN, 0 };
	check("FIONREAD and POLLIN agree", ioctl(p[0], FIONREAD, &avail) == 0 &&
	    avail == PIPE_CAP - 10000 + total && poll(&pf, 1, 0) == 1);
	close(p[0]);
	close(p[1]);
	check("a zero-byte read of an empty pipe returns 0",
	    pipe(p) == 0 && read(p[0], big, 0) == 0);
	close(p[0]);
	close(p[1]);
}

static void
test_pipe_size(void)
{
	static char buf[300000], back[300000];
	int p[2], fd, r, st = -1;
	pid_t pid;

	if (pipe2(p, O_NONBLOCK) != 0)
		return;
	check("F_SETPIPE_SZ 0: one page", fcntl(p[1], F_SETPIPE_SZ, 0) == 4096 &&
	    fcntl(p[0], F_GETPIPE_SZ) == 4096);
	check("F_SETPIPE_SZ 5000: rounded up to 8192",
	    fcntl(p[0], F_SETPIPE_SZ, 5000) == 8192);
	check("F_SETPIPE_SZ 65537: 131072",
	    fcntl(p[0], F_SETPIPE_SZ, 65537) == 131072);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7 + i / 251);
	check("131072 bytes fit in it", write(p[1], buf, sizeof(buf)) == 131072);
	check("shrinking under the bytes held: EBUSY",
	    fails(fcntl(p[1], F_SETPIPE_SZ, 65536), EBUSY));
	r = (int)read(p[0], back, 100000);
	check("shrinking to what is held keeps the bytes",
	    r == 100000 && fcntl(p[1], F_SETPIPE_SZ, 32768) == 32768 &&
	    read(p[0], back + r, sizeof(back) - (size_t)r) == 31072 &&
	    memcmp(buf, back, 131072) == 0);
	check("1 MiB (pipe-max-size)",
	    fcntl(p[1], F_SETPIPE_SZ, 1 << 20) == 1 << 20);
	if (may_raise_limits())
		check("2 MiB with CAP_SYS_RESOURCE (past pipe-max-size)",
		    fcntl(p[1], F_SETPIPE_SZ, 2 << 20) == 2 << 20 &&
		    fcntl(p[0], F_GETPIPE_SZ) == 2 << 20);
	else
		check("2 MiB without CAP_SYS_RESOURCE: EPERM",
		    fails(fcntl(p[1], F_SETPIPE_SZ, 2 << 20), EPERM));
	check("F_SETPIPE_SZ past 2 GiB: EINVAL",
	    fails(fcntl(p[1], F_SETPIPE_SZ, (long)(1UL << 31) + 1), EINVAL));
	fcntl(p[1], F_SETPIPE_SZ, 65536);
	pid = fork();
	if (pid == 0) {
		int ok = setuid(65534) == 0 &&
		    fails(fcntl(p[1], F_SETPIPE_SZ, 2 << 20), EPERM) &&
		    fcntl(p[1], F_SETPIPE_SZ, 1 << 20) == 1 << 20 &&
		    fcntl(p[1], F_SETPIPE_SZ, 4096) == 4096;

		_exit(ok ? 0 : 1);
	}
	check("unprivileged: past pipe-max-size EPERM, up to it fine",
	    pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	fd = open("/tmp/ufdpipe.f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	check("F_GETPIPE_SZ and F_SETPIPE_SZ of a file: EBADF",
	    fails(fcntl(fd, F_GETPIPE_SZ), EBADF) &&
	    fails(fcntl(fd, F_SETPIPE_SZ, 4096), EBADF));
	close(fd);
	unlink("/tmp/ufdpipe.f");
	close(p[0]);
	close(p[1]);
}

/* Two writers of 4096-byte records: no record is cut by the other. */
#define RECORDS		300

static void
test_atomic(void)
{
	static char rec[4096], buf[6000];
	int p[2], st, counts[2] = { 0, 0 }, bad = 0, ok = 1;
	long pos = 0;
	char run = 0;
	ssize_t n;
	pid_t w[2];

	if (pipe(p) != 0)
		return;
	for (int k = 0; k < 2; k++) {
		if ((w[k] = fork()) == 0) {
			close(p[0]);
			memset(rec, 'A' + k, sizeof(rec));
			for (int i = 0; i < RECORDS; i++)
				if (write(p[1], rec, sizeof(rec)) != sizeof(rec))
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	/* Odd-sized reads: records are checked by position. */
	while ((n = read(p[0], buf, sizeof(buf) - (pos % 7) * 100)) > 0)
		for (ssize_t i = 0; i < n; i++, pos++) {
			if (pos % 4096 == 0) {
				run = buf[i];
				if (run == 'A' || run == 'B')
					counts[run - 'A']++;
				else
					bad++;
			} else if (buf[i] != run) {
				bad++;
			}
		}
	for (int k = 0; k < 2; k++)
		ok = ok && waitpid(w[k], &st, 0) == w[k] && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0;
	check("two writers of PIPE_BUF records never interleave inside one",
	    ok && bad == 0 && counts[0] == RECORDS && counts[1] == RECORDS &&
	    pos == 2L * RECORDS * 4096);
	close(p[0]);
}

/* ---- FIONREAD, lseek, pread ---- */

static void
test_fionread(void)
{
	int p[2], fd, n = -1;
	char buf[200];

	if (pipe(p) != 0)
		return;
	check("FIONREAD of an empty pipe: 0",
	    ioctl(p[0], FIONREAD, &n) == 0 && n == 0);
	write(p[1], buf, 123);
	check("FIONREAD after 123 bytes, on either end",
	    ioctl(p[0], FIONREAD, &n) == 0 && n == 123 &&
	    ioctl(p[1], FIONREAD, &n) == 0 && n == 123);
	read(p[0], buf, 23);
	check("FIONREAD after reading 23: 100",
	    ioctl(p[0], FIONREAD, &n) == 0 && n == 100);
	close(p[0]);
	close(p[1]);
	unlink("/tmp/ufdpipe.fifo");
	if (mkfifo("/tmp/ufdpipe.fifo", 0600) == 0 &&
	    (fd = open("/tmp/ufdpipe.fifo", O_RDWR | O_NONBLOCK)) >= 0) {
		write(fd, buf, 10);
		check("a FIFO: FIONREAD and F_GETPIPE_SZ",
		    ioctl(fd, FIONREAD, &n) == 0 && n == 10 &&
		    fcntl(fd, F_GETPIPE_SZ) == PIPE_CAP);
		close(fd);
	} else {
		check("mkfifo and open", 0);
	}
	unlink("/tmp/ufdpipe.fifo");
	fd = open("/tmp/ufdpipe.f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "hello world", 11);
	lseek(fd, 4, SEEK_SET);
	check("FIONREAD of a file: size - offset",
	    ioctl(fd, FIONREAD, &n) == 0 && n == 7);
	lseek(fd, 20, SEEK_SET);
	check("FIONREAD past the end: negative, as Linux",
	    ioctl(fd, FIONREAD, &n) == 0 && n == -9);
	close(fd);
	unlink("/tmp/ufdpipe.f");
	fd = open("/dev/null", O_RDONLY);
	check("FIONREAD of /dev/null: ENOTTY",
	    fails(ioctl(fd, FIONREAD, &n), ENOTTY));
	close(fd);
}

/*
 * The terminal: FIONREAD counts what a read would get in the current
 * mode (whole lines when canonical).  Input is faked with TIOCSTI.
 */
static void
test_tty(void)
{
	struct termios saved, t;
	char c, buf[16];
	int n = -1, ok;

	if (!isatty(0) || tcgetattr(0, &saved) != 0) {
		check("(no terminal on stdin: terminal checks skipped)", 1);
		return;
	}
	check("FIONREAD of the terminal with nothing typed: 0",
	    ioctl(0, FIONREAD, &n) == 0 && n == 0);
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	t.c_lflag |= ICANON;
	tcsetattr(0, TCSANOW, &t);
	c = 'a';
	if (ioctl(0, TIOCSTI, &c) != 0) {
		tcsetattr(0, TCSANOW, &saved);
		check("(TIOCSTI refused: typed-input checks skipped)", 1);
		return;
	}
	ok = 1;
	for (const char *s = "b\ncd"; *s != '\0'; s++)
		ok = ok && ioctl(0, TIOCSTI, s) == 0;
	check("canonical: FIONREAD counts the whole line only",
	    ok && ioctl(0, FIONREAD, &n) == 0 && n == 3);
	t.c_lflag &= ~(tcflag_t)ICANON;
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	tcsetattr(0, TCSANOW, &t);
	check("raw: FIONREAD counts the unfinished line too",
	    ioctl(0, FIONREAD, &n) == 0 && n == 5);
	check("and a read takes them", read(0, buf, sizeof(buf)) == 5 &&
	    memcmp(buf, "ab\ncd", 5) == 0 && ioctl(0, FIONREAD, &n) == 0 &&
	    n == 0);
	tcsetattr(0, TCSANOW, &saved);
}

static void
test_seek(void)
{
	int p[2], fd;
	char buf[8];

	fd = open("/tmp/ufdpipe.s", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "0123456789", 10);
	check("lseek bad whence on a file: EINVAL",
	    fails(lseek(fd, 0, 5), EINVAL) && fails(lseek(fd, 0, -1), EINVAL));
	check("SEEK_DATA and SEEK_HOLE on a file without holes",
	    lseek(fd, 3, SEEK_DATA) == 3 && lseek(fd, 3, SEEK_HOLE) == 10 &&
	    fails(lseek(fd, 10, SEEK_DATA), ENXIO));
	close(fd);
	unlink("/tmp/ufdpipe.s");
	if (pipe(p) != 0)
		return;
	check("lseek on a pipe: ESPIPE, for SEEK_DATA too",
	    fails(lseek(p[0], 0, SEEK_SET), ESPIPE) &&
	    fails(lseek(p[1], 0, SEEK_CUR), ESPIPE) &&
	    fails(lseek(p[0], 0, SEEK_DATA), ESPIPE));
	check("lseek on a pipe with an unknown whence: EINVAL first",
	    fails(lseek(p[0], 0, 5), EINVAL));
	check("pread on a pipe: ESPIPE", fails(pread(p[0], buf, 1, 0), ESPIPE));
	close(p[0]);
	close(p[1]);
	fd = open("/dev/null", O_RDWR);
	check("pread and pwrite on /dev/null",
	    pread(fd, buf, 4, 100) == 0 && pwrite(fd, buf, 4, 100) == 4 &&
	    lseek(fd, 5, SEEK_END) == 0);
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 7, sizeof(buf));
	check("pread on /dev/zero reads zeros",
	    pread(fd, buf, 4, 12345) == 4 && buf[0] == 0 && buf[3] == 0 &&
	    buf[4] == 7);
	close(fd);
	if (isatty(0))
		check("pread on the terminal: ESPIPE",
		    fails(pread(0, buf, 1, 0), ESPIPE));
}

int
main(void)
{
	struct stat st;

	/* Alone as init, nothing has mounted /proc yet. */
	if (stat("/proc/self", &st) != 0)
		mount("proc", "/proc", "proc", 0, NULL);
	test_seek();
	test_fionread();
	test_tty();
	test_capacity();
	test_pipe_size();
	test_atomic();
	test_limits();
	test_threads();		/* while the table is small */
	test_table();
	test_fork();
	say(failed ? "ufdpipe: done, some checks FAILED\n" :
	    "ufdpipe: done, all checks passed\n");
	return failed;
}
