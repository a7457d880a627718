/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Print the TSC as "bench: tsc=<value>".  Run as the first thing of the
 * Linux comparison guest's /init: under QEMU -icount shift=0 the TSC
 * counts guest instructions since reset, which makes this the Linux
 * figure for "instructions from reset to /init".
 */
#include <stdint.h>
#include <stdio.h>

int
main(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	printf("bench: tsc=%llu\n", ((unsigned long long)hi << 32) | lo);
	return 0;
}
