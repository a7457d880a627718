/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of ptrace's debug-register and XSAVE-header checks
 * (lib/ptrace_regs.c), each case as Linux x86-64 answers it (the LTP
 * tests ptrace07, ptrace08 and ptrace10 and tests/progs/uptrace.c check
 * the same on a live kernel).
 */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <lib/ptrace_regs.h>

#include "ut.h"

UT_TEST(ptrace_debugreg_addresses)
{
	uint64_t dr[8] = { 0 };

	/* Never in the kernel half, enabled or not (ptrace08). */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 0, 0xffff800000000000UL),
	    -EINVAL);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 0, 0xffffffffffffffffUL),
	    -EINVAL);
	UT_ASSERT_EQ(dr[0], 0);
	/* A second write replaces the first (ptrace10). */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 0, 1), 0);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 0, 2), 0);
	UT_ASSERT_EQ(dr[0], 2);
	/* The last user page is the limit. */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 3, PTRACE_REGS_TASK_TOP - 1), 0);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 3, PTRACE_REGS_TASK_TOP),
	    -EINVAL);
}

UT_TEST(ptrace_debugreg_dr7)
{
	uint64_t dr[8] = { 0 };

	/* L0, execute: any byte address. */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 0, 1), 0);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 7, 1), 0);
	UT_ASSERT_EQ(dr[7], 1);
	/* Enabled: the kernel half still refused, user addresses move. */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 0, 0xffff900000000000UL),
	    -EINVAL);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 0, 0x401000), 0);
	/* L1 as a 2-byte read/write watch (ptrace09's 0x30001 is L0's). */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 1, 0x1001), 0);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 7, 1 | 4 | (0x7UL << 20)),
	    -EINVAL);			/* misaligned for 2 bytes */
	UT_ASSERT_EQ(dr[7], 1);		/* unchanged */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 1, 0x1002), 0);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 7, 1 | 4 | (0x7UL << 20)), 0);
	/* 8 bytes (length bits 10) and 4 bytes (11). */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 1, 0x1004), 0);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 7, 1 | 4 | (0xbUL << 20)),
	    -EINVAL);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 7, 1 | 4 | (0xfUL << 20)), 0);
	/* Now enabled as a 4-byte watch: a misaligned move is refused. */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 1, 0x1006), -EINVAL);
	/* I/O breakpoints never. */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 7, 1 | (0x2UL << 16)), -EINVAL);
	/* Disabled slots are not checked. */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 7, 0x2UL << 16), 0);
	/* DR6 takes anything; DR4, DR5 and past DR7 do not exist. */
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 6, ~0UL), 0);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 4, 0), -EIO);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 5, 0), -EIO);
	UT_ASSERT_EQ(ptrace_debugreg_set(dr, 8, 0), -EIO);
}

UT_TEST(ptrace_xstate_header)
{
	uint8_t x[PTRACE_XSTATE_SIZE];
	uint64_t v;

	memset(x, 0, sizeof(x));
	UT_ASSERT_EQ(ptrace_xstate_check(x, 3), 0);
	v = 3;
	memcpy(x + 512, &v, 8);
	UT_ASSERT_EQ(ptrace_xstate_check(x, 3), 0);
	v = 4;				/* AVX: not kept */
	memcpy(x + 512, &v, 8);
	UT_ASSERT_EQ(ptrace_xstate_check(x, 3), -EINVAL);
	v = 3;
	memcpy(x + 512, &v, 8);
	/* The compacted format (ptrace07 sets every xcomp_bv bit). */
	v = ~0UL;
	memcpy(x + 520, &v, 8);
	UT_ASSERT_EQ(ptrace_xstate_check(x, 3), -EINVAL);
	v = 0;
	memcpy(x + 520, &v, 8);
	x[575] = 1;			/* a reserved byte */
	UT_ASSERT_EQ(ptrace_xstate_check(x, 3), -EINVAL);
	x[575] = 0;
	x[500] = 0xff;			/* software's bytes: free */
	UT_ASSERT_EQ(ptrace_xstate_check(x, 3), 0);
}
