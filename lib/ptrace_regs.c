/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* ptrace's debug-register and XSAVE-header checks (see ptrace_regs.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/ptrace_regs.h>
#include <lib/string.h>

/* DR7's length and type of breakpoint n: bytes, and 0 exec, 1 write,
 * 2 I/O, 3 read/write. */
static void
ptrace_dr7_decode(uint64_t dr7, unsigned int n, unsigned int *len,
    unsigned int *type)
{
	static const unsigned int lens[4] = { 1, 2, 8, 4 };
	unsigned int f = (unsigned int)(dr7 >> (16 + 4 * n)) & 0xf;

	*type = f & 3;
	*len = lens[f >> 2];
}

static bool
ptrace_dr7_enabled(uint64_t dr7, unsigned int n)
{
	return ((dr7 >> (2 * n)) & 3) != 0;
}

/* Would addr be a valid breakpoint n as dr7 describes it? */
static bool
ptrace_bp_ok(uint64_t dr7, unsigned int n, uint64_t addr)
{
	unsigned int len, type;

	ptrace_dr7_decode(dr7, n, &len, &type);
	if (type == 2)
		return false;
	if (type == 0)
		len = 1;		/* an instruction: any byte */
	if (addr & (len - 1))
		return false;
	return addr < PTRACE_REGS_TASK_TOP &&
	    addr + len - 1 < PTRACE_REGS_TASK_TOP;
}

int
ptrace_debugreg_set(uint64_t dr[8], unsigned int n, uint64_t v)
{
	if (n < 4) {
		if (!ptrace_bp_ok(ptrace_dr7_enabled(dr[7], n) ? dr[7] : 0,
		    n, v))
			return -EINVAL;
		dr[n] = v;
		return 0;
	}
	if (n == 6) {
		dr[6] = v;
		return 0;
	}
	if (n == 7) {
		for (unsigned int i = 0; i < 4; i++)
			if (ptrace_dr7_enabled(v, i) &&
			    !ptrace_bp_ok(v, i, dr[i]))
				return -EINVAL;
		dr[7] = v;
		return 0;
	}
	return -EIO;
}

int
ptrace_xstate_check(const uint8_t *x, uint64_t xcr0)
{
	uint64_t bv, comp;

	memcpy(&bv, x + 512, 8);
	memcpy(&comp, x + 520, 8);
	if ((bv & ~xcr0) || comp != 0)
		return -EINVAL;
	for (unsigned int i = 528; i < PTRACE_XSTATE_SIZE; i++)
		if (x[i] != 0)
			return -EINVAL;
	return 0;
}
