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

#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/ring0.h>

struct trap_frame;

/*
 * The system calls of a jiny-cc app: entry n of the table (RING0_CALLS
 * entries), whose address goes in its auxiliary vector (AT_JINY_SYSCALL),
 * is system call n (Linux's number) as a ring0_call_fn.  Numbers without
 * a function of their own go to ring0_syscall_slow, number last, through
 * a thunk of arch/x86_64/ring0.S that pushes it (kmain hands
 * ring0_syscall_slow to user_init).
 */
const ring0_call_fn *ring0_call_table(void);
/* Several CPUs: the table's fast calls take the kernel lock too. */
void	ring0_call_table_smp(void);
long	ring0_syscall_slow(long a1, long a2, long a3, long a4, long a5,
	    long a6, long n);

/*
 * An exception in the ring-0 app's own code: report it and end the app
 * (never returns then).  False when the fault is not the app's.
 */
bool	ring0_fault(struct trap_frame *tf);

#endif /* SYSCALL_RING0_H */
