/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The random devices and getrandom, checked against what Linux does (the
 * same program passes on a Linux host): reads never repeat, the bytes
 * cover every value, writing and RNDADDENTROPY feed the generator (the
 * latter only with CAP_SYS_ADMIN), RNDGETENTCNT says it is seeded, and
 * every program gets its own AT_RANDOM.  One line per check; exits 0
 * when all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* linux/random.h's, which Debian's musl-gcc does not see. */
#define RNDGETENTCNT	_IOR('R', 0x00, int)
#define RNDADDENTROPY	_IOW('R', 0x03, int[2])

static int failed;

static void
check(const char *what, int ok)
{
	printf("urandom: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

int
main(int argc, char **argv __attribute__((unused)))
{
	static unsigned char a[65536], b[65536];
	unsigned int count[256] = { 0 }, lo = ~0u, hi = 0;
	int fd, ent = -1, p[2], st;
	pid_t pid;
	struct { int ec, sz; unsigned char buf[16]; } add = { 0, 16, "0123456789abcdef" };

	if (argc > 1) {		/* print our AT_RANDOM for the parent */
		write(1, (void *)getauxval(AT_RANDOM), 16);
		return 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	if (access("/proc/self/exe", F_OK) != 0) {	/* a bare initramfs */
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	fd = open("/dev/urandom", O_RDWR);
	check("/dev/urandom gives 64 KiB twice, and they differ",
	    fd >= 0 && read(fd, a, sizeof(a)) == sizeof(a) &&
	    read(fd, b, sizeof(b)) == sizeof(b) &&
	    memcmp(a, b, sizeof(a)) != 0);
	for (size_t i = 0; i < sizeof(a); i++)
		count[a[i]]++;
	for (int i = 0; i < 256; i++) {
		lo = count[i] < lo ? count[i] : lo;
		hi = count[i] > hi ? count[i] : hi;
	}
	/* 256 expected per value; these bounds are many deviations out. */
	check("every byte value appears, none far from 1/256", lo > 128 &&
	    hi < 400);
	check("getrandom fills a buffer",
	    getrandom(b, 64, 0) == 64 && memcmp(a, b, 64) != 0);
	check("getrandom with unknown flags is EINVAL",
	    getrandom(b, 8, 0x100) == -1 && errno == EINVAL);
	check("RNDGETENTCNT says the pool is seeded",
	    ioctl(fd, RNDGETENTCNT, &ent) == 0 && ent > 0);
	check("writing /dev/urandom is taken", write(fd, "seed", 4) == 4);
	check("RNDADDENTROPY as root", ioctl(fd, RNDADDENTROPY, &add) == 0);
	check("an unknown ioctl is EINVAL",
	    ioctl(fd, _IO('R', 0x7f)) == -1 && errno == EINVAL);
	pid = fork();
	if (pid == 0) {
		if (setuid(1000) != 0)
			_exit(1);
		_exit(ioctl(fd, RNDADDENTROPY, &add) == -1 && errno == EPERM &&
		    ioctl(fd, RNDGETENTCNT, &ent) == 0 ? 0 : 2);
	}
	check("RNDADDENTROPY without CAP_SYS_ADMIN is EPERM",
	    pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	/* AT_RANDOM: ours, and a child program's, differ. */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		execl("/proc/self/exe", "urandom", "aux", (char *)NULL);
		_exit(3);
	}
	close(p[1]);
	memset(b, 0, 16);
	check("each program gets its own AT_RANDOM",
	    pid > 0 && read(p[0], b, 16) == 16 &&
	    waitpid(pid, &st, 0) == pid &&
	    memcmp(b, (void *)getauxval(AT_RANDOM), 16) != 0);
	if (failed == 0)
		printf("urandom: done, all checks passed\n");
	else
		printf("urandom: done, %d checks FAILED\n", failed);
	return failed != 0;
}
