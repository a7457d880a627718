/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * I/O ports from ring 3, as Linux (5.5+) gives them: ioperm opens and
 * closes ports in the calling thread's bitmap (its errors: past port
 * 0xffff or no ports -EINVAL, opening without CAP_SYS_RAWIO -EPERM,
 * closing always allowed); the bitmap is the thread's own (a sibling
 * thread's ioperm opens nothing here), kept by fork (a copy: the child's
 * change leaves the parent alone) and by execve; iopl(3) opens every
 * port without setting EFLAGS.IOPL (cli still faults), iopl past 3 is
 * -EINVAL, raising it needs the capability.  A port in use faults with
 * SIGSEGV, seen from a child.  Ports 0x80 and 0x84 (POST diagnostics,
 * unused) are read.  Static, with the C library.  Prints one line per
 * check and exits 0 if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("uio: %s %s\n", ok ? "ok" : "FAILED", what);
	fflush(stdout);
	if (!ok)
		failed = 1;
}

static int
err(long r, int e)
{
	return r == -1 && errno == e;
}

static long
ioperm(unsigned long from, unsigned long num, int on)
{
	return syscall(SYS_ioperm, from, num, on);
}

static long
iopl(int level)
{
	return syscall(SYS_iopl, level);
}

static uint8_t
inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* Can this thread read port in a child?  1 yes, 0 SIGSEGV, -1 other. */
static int
probe(uint16_t port)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		(void)inb(port);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 1;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV ? 0 : -1;
}

static void *
opener(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)ioperm(0x84, 1, 1);
}

int
main(int argc, char **argv)
{
	uint64_t flags;
	int status;
	pid_t pid;

	if (argc > 1) {		/* after execve: 0x80 open, 0x84 not */
		printf("uio-exec: %d %d\n", probe(0x80), probe(0x84));
		return probe(0x80) == 1 && probe(0x84) == 0 ? 0 : 1;
	}
	check("no ioperm: inb 0x80 faults (SIGSEGV)", probe(0x80) == 0);
	check("ioperm past 0xffff: EINVAL", err(ioperm(0xfffe, 3, 1), EINVAL));
	check("ioperm of no ports: EINVAL", err(ioperm(0x80, 0, 1), EINVAL));
	check("ioperm from 0x10000: EINVAL", err(ioperm(0x10000, 1, 0), EINVAL));
	check("ioperm last port: 0", ioperm(0xffff, 1, 1) == 0);
	check("ioperm 0x80: 0", ioperm(0x80, 1, 1) == 0);
	(void)inb(0x80);
	check("inb 0x80 here after ioperm", 1);
	check("inb 0x80 in a forked child", probe(0x80) == 1);
	check("inb 0x84 still faults", probe(0x84) == 0);

	/* The child's change is its own. */
	pid = fork();
	if (pid == 0)
		_exit(ioperm(0x80, 1, 0) == 0 && probe(0x80) == 0 ? 0 : 1);
	waitpid(pid, &status, 0);
	check("child closes 0x80 for itself",
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	check("parent keeps 0x80", probe(0x80) == 1);

	/* execve keeps the bitmap. */
	pid = fork();
	if (pid == 0) {
		/* /proc may not be mounted: the path we were run by first. */
		if (strchr(argv[0], '/') != NULL)
			execl(argv[0], argv[0], "exec", (char *)NULL);
		execl("/proc/self/exe", argv[0], "exec", (char *)NULL);
		_exit(9);
	}
	waitpid(pid, &status, 0);
	check("execve keeps ioperm's ports",
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Another thread's ioperm is its own. */
	pid = fork();
	if (pid == 0) {
		pthread_t th;
		void *r;

		pthread_create(&th, NULL, opener, NULL);
		pthread_join(th, &r);
		_exit(r == NULL && probe(0x84) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check("a thread's ioperm leaves its siblings' ports closed",
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);

	check("ioperm 0x80 off: 0", ioperm(0x80, 1, 0) == 0);
	check("inb 0x80 faults again", probe(0x80) == 0);

	/* iopl. */
	check("iopl 4: EINVAL", err(iopl(4), EINVAL));
	check("iopl -1: EINVAL", err(iopl(-1), EINVAL));
	check("iopl 3: 0", iopl(3) == 0);
	check("iopl 3: inb 0x84", probe(0x84) == 1);
	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	check("iopl 3: EFLAGS.IOPL stays 0", (flags & 0x3000) == 0);
	pid = fork();
	if (pid == 0) {
		__asm__ volatile("cli; sti");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check("iopl 3: cli still faults",
	    WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	check("iopl 1: 0", iopl(1) == 0);
	check("iopl 1: inb 0x84 faults", probe(0x84) == 0);
	check("iopl 0: 0", iopl(0) == 0);

	/* Without CAP_SYS_RAWIO: closing only. */
	pid = fork();
	if (pid == 0) {
		int ok = setuid(65534) == 0 &&
		    err(ioperm(0x80, 1, 1), EPERM) &&
		    ioperm(0x80, 1, 0) == 0 &&
		    err(ioperm(0x10000, 1, 1), EINVAL) &&
		    err(iopl(1), EPERM) && iopl(0) == 0;

		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check("as nobody: opening EPERM, closing 0",
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	if (failed) {
		printf("uio: some checks FAILED\n");
		return 1;
	}
	printf("uio: done, all checks passed\n");
	return 0;
}
