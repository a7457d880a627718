/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The system-call loop: write 40 bytes to /dev/null and read 40 back,
 * N times (argv[1], default 1000000).  Prints
 *   bench: sysloop iters=N tsc=T ns=W
 * T is the TSC difference (guest instructions under -icount shift=0), W
 * the CLOCK_MONOTONIC one.  The same source is built with jiny-cc (ring 0
 * through calls), with Debian's musl-gcc (ring 3, unmodified in ring 0,
 * and the Linux guest).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static uint64_t
tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	int fd = open("/dev/null", O_RDWR);
	char buf[40] = { 0 };
	struct timespec a, b;
	uint64_t t0, t1;

	if (fd < 0 || n <= 0) {
		fprintf(stderr, "sysloop: cannot open /dev/null or bad count\n");
		return 1;
	}
	if (clock_gettime(CLOCK_MONOTONIC, &a) != 0) {
		perror("sysloop: clock_gettime");
		return 1;
	}
	t0 = tsc();
	for (long i = 0; i < n; i++) {
		if (write(fd, buf, sizeof(buf)) != sizeof(buf) ||
		    read(fd, buf, sizeof(buf)) != 0) {
			fprintf(stderr, "sysloop: unexpected result at %ld\n", i);
			return 1;
		}
	}
	t1 = tsc();
	if (clock_gettime(CLOCK_MONOTONIC, &b) != 0) {
		perror("sysloop: clock_gettime");
		return 1;
	}
	/* A monotonic clock that went back, or a day: a kernel bug. */
	if (b.tv_sec < a.tv_sec || (b.tv_sec == a.tv_sec &&
	    b.tv_nsec < a.tv_nsec) || b.tv_sec - a.tv_sec > 86400 ||
	    (unsigned long)a.tv_nsec >= 1000000000ul ||
	    (unsigned long)b.tv_nsec >= 1000000000ul) {
		fprintf(stderr, "sysloop: implausible CLOCK_MONOTONIC readings "
		    "%lld.%09ld then %lld.%09ld\n", (long long)a.tv_sec,
		    a.tv_nsec, (long long)b.tv_sec, b.tv_nsec);
		return 1;
	}
	printf("bench: sysloop iters=%ld tsc=%llu ns=%llu\n", n,
	    (unsigned long long)(t1 - t0),
	    (unsigned long long)((b.tv_sec - a.tv_sec) * 1000000000LL +
	    (b.tv_nsec - a.tv_nsec)));
	return 0;
}
