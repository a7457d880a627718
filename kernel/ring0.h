/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The high-priority app: one program running in ring 0, in an address
 * space of its own whose pages lack the user bit.  Built with jiny-cc
 * (our musl, libc/), its system calls are plain calls of ring0_syscall,
 * whose address the kernel passes in the auxiliary vector; an unmodified
 * binary's syscall instruction enters through LSTAR at CPL0 and returns
 * with a jump.  See docs/ring0.md for what ring 0 gives up.
 */
#ifndef KERNEL_RING0_H
#define KERNEL_RING0_H

#include <stdbool.h>
#include <stdint.h>

struct trap_frame;

/* Start the app at rip with stack rsp, in ring 0 (arch/x86_64/ring0.S). */
__attribute__((noreturn)) void ring0_enter(uint64_t rip, uint64_t rsp);

/* The system-call entry of a jiny-cc app: Linux number and arguments. */
long	ring0_syscall(long n, long a1, long a2, long a3, long a4, long a5,
	    long a6);

/* The same for an unmodified binary's syscall instruction at CPL0. */
void	ring0_syscall_trap(struct trap_frame *tf);

/*
 * An exception in the ring-0 app's own code: report it and end the app
 * (never returns then).  False when the fault is not the app's.
 */
bool	ring0_fault(struct trap_frame *tf);

#endif /* KERNEL_RING0_H */
