/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Raw Linux system calls and output for the libc-free test programs.
 */
#ifndef TESTS_PROGS_USYS_H
#define TESTS_PROGS_USYS_H

static inline long
usys(long n, long a, long b, long c, long d)
{
	long r;
	register long r10 __asm__("r10") = d;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c),
	    "r"(r10) : "rcx", "r11", "memory");
	return r;
}

static inline unsigned long
usys_len(const char *s)
{
	unsigned long n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

/* write(1, s, strlen(s)) */
static inline void
usys_say(const char *s)
{
	usys(1, 1, (long)s, (long)usys_len(s), 0);
}

/*
 * Print "<prog>: ok <what>" or "<prog>: FAILED <what>"; a failure sets
 * *failed.
 */
static inline void
usys_check(const char *prog, const char *what, int ok, int *failed)
{
	usys_say(prog);
	usys_say(ok ? ": ok " : ": FAILED ");
	usys_say(what);
	usys_say("\n");
	if (!ok)
		*failed = 1;
}

#endif /* TESTS_PROGS_USYS_H */
