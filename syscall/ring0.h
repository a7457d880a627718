/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The high-priority app: one program running in ring 0, in an address
 * space of its own whose pages lack the user bit.  Built with jiny-cc
 * (our musl, libc/), its system calls are plain calls through a table
 * whose address the kernel passes in the auxiliary vector; an unmodified
 * binary's syscall instruction enters through LSTAR at CPL0 and returns
 * with a jump.  See docs/ring0.md for what ring 0 gives up.
 */
#ifndef SYSCALL_RING0_H
#define SYSCALL_RING0_H

/*
 * The call table's size and the size of each generic entry of ring0.S.
 * The size is part of the interface with libc/ (its __JINY_CALLS).
 */
#define RING0_CALLS		512
#define RING0_THUNK_SIZE	16

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

struct trap_frame;

/* Start the app at rip with stack rsp, in ring 0 (arch/x86_64/ring0.S). */
__attribute__((noreturn)) void ring0_enter(uint64_t rip, uint64_t rsp);

/*
 * The system calls of a jiny-cc app: entry n of the table, whose address
 * goes in its auxiliary vector (AT_JINY_SYSCALL), is system call n
 * (Linux's number) as a function of its six arguments, returning the
 * result or -errno.  Numbers without a function of their own go to
 * ring0_syscall_slow, number last, through a thunk that pushes it.
 */
typedef long (*ring0_call_fn)(long, long, long, long, long, long);
const ring0_call_fn *ring0_call_table(void);
long	ring0_syscall_slow(long a1, long a2, long a3, long a4, long a5,
	    long a6, long n);

/*
 * An exception in the ring-0 app's own code: report it and end the app
 * (never returns then).  False when the fault is not the app's.
 */
bool	ring0_fault(struct trap_frame *tf);
#endif /* !__ASSEMBLY__ */

#endif /* SYSCALL_RING0_H */
