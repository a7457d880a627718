/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The system-call loop, N times (argv[1], default 1000000), of one kind
 * (argv[2], default "null"):
 *   null  write 40 bytes to /dev/null and read 40 back (0 bytes move)
 *   file  pwrite 4 KiB to a file on a tmpfs (/tmp, mounted here if it
 *         can be) and pread them back, at offset 0
 *   pipe  write 4 KiB into a pipe and read them back, in this thread
 * Prints
 *   bench: sysloop iters=N tsc=T ns=W kind=K
 * T is the TSC difference (guest instructions under -icount shift=0), W
 * the CLOCK_MONOTONIC one.  The same source is built with jiny-cc (ring 0
 * through calls), with Debian's musl-gcc (ring 3, unmodified in ring 0,
 * and the Linux guest).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <time.h>
#include <unistd.h>

#define MOVE 4096

static uint64_t
tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static char buf[MOVE];

/* One iteration of each kind; nonzero if a call did not do what it must. */
static int
one_null(int fd, int unused)
{
	(void)unused;
	return write(fd, buf, 40) != 40 || read(fd, buf, 40) != 0;
}

static int
one_file(int fd, int unused)
{
	(void)unused;
	return pwrite(fd, buf, MOVE, 0) != MOVE || pread(fd, buf, MOVE, 0) != MOVE;
}

static int
one_pipe(int wfd, int rfd)
{
	return write(wfd, buf, MOVE) != MOVE || read(rfd, buf, MOVE) != MOVE;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	const char *kind = argc > 2 ? argv[2] : "null";
	int (*one)(int, int);
	int a = -1, b = -1, p[2];
	struct timespec ts0, ts1;
	uint64_t t0, t1;

	if (strcmp(kind, "null") == 0) {
		one = one_null;
		a = open("/dev/null", O_RDWR);
	} else if (strcmp(kind, "file") == 0) {
		one = one_file;
		mount("tmpfs", "/tmp", "tmpfs", 0, NULL);	/* may be there */
		a = open("/tmp/sysloop-file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	} else if (strcmp(kind, "pipe") == 0) {
		one = one_pipe;
		if (pipe(p) == 0) {
			a = p[1];
			b = p[0];
		}
	} else {
		fprintf(stderr, "sysloop: unknown kind %s (null, file, pipe)\n",
		    kind);
		return 1;
	}
	if (a < 0 || n <= 0) {
		fprintf(stderr, "sysloop: cannot open the %s loop's file or "
		    "bad count\n", kind);
		return 1;
	}
	memset(buf, 'x', sizeof(buf));
	if (clock_gettime(CLOCK_MONOTONIC, &ts0) != 0) {
		perror("sysloop: clock_gettime");
		return 1;
	}
	t0 = tsc();
	for (long i = 0; i < n; i++) {
		if (one(a, b)) {
			fprintf(stderr, "sysloop: unexpected result at %ld\n", i);
			return 1;
		}
	}
	t1 = tsc();
	if (clock_gettime(CLOCK_MONOTONIC, &ts1) != 0) {
		perror("sysloop: clock_gettime");
		return 1;
	}
	/* A monotonic clock that went back, or a day: a kernel bug. */
	if (ts1.tv_sec < ts0.tv_sec || (ts1.tv_sec == ts0.tv_sec &&
	    ts1.tv_nsec < ts0.tv_nsec) || ts1.tv_sec - ts0.tv_sec > 86400 ||
	    (unsigned long)ts0.tv_nsec >= 1000000000ul ||
	    (unsigned long)ts1.tv_nsec >= 1000000000ul) {
		fprintf(stderr, "sysloop: implausible CLOCK_MONOTONIC readings "
		    "%lld.%09ld then %lld.%09ld\n", (long long)ts0.tv_sec,
		    ts0.tv_nsec, (long long)ts1.tv_sec, ts1.tv_nsec);
		return 1;
	}
	if (strcmp(kind, "file") == 0)
		unlink("/tmp/sysloop-file");
	printf("bench: sysloop iters=%ld tsc=%llu ns=%llu kind=%s\n", n,
	    (unsigned long long)(t1 - t0),
	    (unsigned long long)((ts1.tv_sec - ts0.tv_sec) * 1000000000LL +
	    (ts1.tv_nsec - ts0.tv_nsec)), kind);
	return 0;
}
