/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * First ring-3 program: no libc, raw system calls.  Prints a greeting,
 * checks that bad pointers and unknown calls fail the Linux way, checks
 * its initial stack (argc, argv, envp, auxv), and exits 0 if all held.
 */
#define SYS_write	1
#define SYS_getpid	39
#define SYS_exit	60

static long
sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
	    : "rcx", "r11", "memory");
	return r;
}

static unsigned long
len(const char *s)
{
	unsigned long n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

static void
say(const char *s)
{
	sys3(SYS_write, 1, (long)s, (long)len(s));
}

static void
check(const char *what, int ok, int *failed)
{
	say(ok ? "uhello: ok " : "uhello: FAILED ");
	say(what);
	say("\n");
	if (!ok)
		*failed = 1;
}

void
cstart(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	unsigned long *auxv;
	int failed = 0, have_random = 0, have_pagesz = 0;

	say("uhello: hello from ring 3\n");
	check("argc", argc == 1 && argv[argc] == 0, &failed);
	while (*envp != 0)
		envp++;
	for (auxv = (unsigned long *)(envp + 1); auxv[0] != 0; auxv += 2) {
		if (auxv[0] == 25)
			have_random = auxv[1] != 0;
		if (auxv[0] == 6)
			have_pagesz = auxv[1] == 4096;
	}
	check("auxv", have_random && have_pagesz, &failed);
	check("stack aligned", ((unsigned long)sp & 15) == 0, &failed);
	check("efault-unmapped", sys3(SYS_write, 1, 0x10000000, 10) == -14,
	    &failed);
	check("efault-kernel", sys3(SYS_write, 1, (long)0xffff800000000000UL,
	    10) == -14, &failed);
	check("efault-wrap", sys3(SYS_write, 1, -4096L, 8192) == -14, &failed);
	check("ebadf", sys3(SYS_write, 7, (long)"x", 1) == -9, &failed);
	check("enosys", sys3(4095, 0, 0, 0) == -38, &failed);
	check("getpid", sys3(SYS_getpid, 0, 0, 0) > 0, &failed);
	say(failed ? "uhello: done, some checks FAILED\n" :
	    "uhello: done, all checks passed\n");
	sys3(SYS_exit, failed, 0, 0);
	for (;;)
		;
}

__asm__(".globl _start\n"
	"_start:\n"
	"	movq %rsp, %rdi\n"
	"	andq $-16, %rsp\n"
	"	call cstart\n"
	"	ud2\n");
