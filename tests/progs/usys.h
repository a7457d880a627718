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

/* A call with five or six arguments (r8, r9). */
static inline long
usys6(long n, long a, long b, long c, long d, long e, long f)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c),
	    "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
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

/* Print the summary line the boot cases look for and exit with failed. */
static inline void
usys_finish(const char *prog, int failed)
{
	usys_say(prog);
	usys_say(failed ? ": done, some checks FAILED\n" :
	    ": done, all checks passed\n");
	usys(60, failed, 0, 0, 0);			/* exit */
}

/* _start: align the stack and call cstart(initial stack pointer). */
#define USYS_START							\
	__asm__(".globl _start\n"					\
		"_start:\n"						\
		"	movq %rsp, %rdi\n"				\
		"	andq $-16, %rsp\n"				\
		"	call cstart\n"					\
		"	ud2\n")

#endif /* TESTS_PROGS_USYS_H */
