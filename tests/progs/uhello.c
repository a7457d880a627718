/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * First ring-3 program: no libc, raw system calls.  Prints a greeting,
 * checks that bad pointers and unknown calls fail the Linux way, checks
 * its initial stack (argc, argv, envp, auxv), and exits 0 if all held.
 */
#include "usys.h"

#define SYS_write	1
#define SYS_getpid	39
#define SYS_exit	60


static void
check(const char *what, int ok, int *failed)
{
	usys_check("uhello", what, ok, failed);
}

void
cstart(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	unsigned long *auxv;
	int failed = 0, have_random = 0, have_pagesz = 0;

	usys_say("uhello: hello from ring 3\n");
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
	check("efault-unmapped", usys(SYS_write, 1, 0x10000000, 10, 0) == -14,
	    &failed);
	check("efault-kernel", usys(SYS_write, 1, (long)0xffff800000000000UL,
	    10, 0) == -14, &failed);
	check("efault-wrap", usys(SYS_write, 1, -4096L, 8192, 0) == -14, &failed);
	check("ebadf", usys(SYS_write, 7, (long)"x", 1, 0) == -9, &failed);
	check("enosys", usys(4095, 0, 0, 0, 0) == -38, &failed);
	check("getpid", usys(SYS_getpid, 0, 0, 0, 0) > 0, &failed);
	usys_finish("uhello", failed);
}

USYS_START;
