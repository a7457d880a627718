/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* A ring-0 app that writes through a null pointer: the kernel must report
 * it (signal, rip, symbol) and end it with a failing status. */
#include <stdio.h>

__attribute__((noinline)) static void
crash_here(volatile int *p)
{
	*p = 42;
}

int
main(void)
{
	printf("r0crash: about to fault\n");
	fflush(stdout);
	crash_here((volatile int *)0);
	printf("r0crash: still alive?\n");
	return 0;
}
