/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ptrace's checks of what a tracer writes into the x86 debug registers
 * of struct user (u_debugreg) and into an NT_X86_XSTATE image, as Linux
 * x86-64 makes them.  Pure; kernel/proc/ptrace.c keeps the values.
 */
#ifndef LIB_PTRACE_REGS_H
#define LIB_PTRACE_REGS_H

#include <stdint.h>

/* The end of the user half for breakpoints (Linux's TASK_SIZE_MAX). */
#define PTRACE_REGS_TASK_TOP	0x00007ffffffff000UL
#define PTRACE_XSTATE_SIZE	576	/* legacy area and XSAVE header */

/*
 * Write v into debug register n of dr[8]: DR0-DR3 an address (never in
 * the kernel half; aligned and in the user half as DR7 describes it if
 * that breakpoint is enabled), DR6 anything, DR7 only with every enabled
 * breakpoint valid (no I/O breakpoints, a data watch aligned to its
 * length).  Returns 0, -EINVAL (refused, dr unchanged) or -EIO (DR4,
 * DR5, past DR7).
 */
int	ptrace_debugreg_set(uint64_t dr[8], unsigned int n, uint64_t v);

/*
 * An NT_X86_XSTATE image for a CPU state of features xcr0: 0 if its
 * header is one SETREGSET takes (standard format: xcomp_bv 0; no
 * feature outside xcr0; reserved bytes zero), else -EINVAL.
 */
int	ptrace_xstate_check(const uint8_t *x, uint64_t xcr0);

#endif /* LIB_PTRACE_REGS_H */
