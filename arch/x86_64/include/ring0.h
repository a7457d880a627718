/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The ring-0 app's CPU side (ring0.S): entering it, leaving its stack,
 * and the generic entries of its call table.  What its system calls do
 * is syscall/ring0.h's; docs/ring0.md tells the whole story.
 */
#ifndef ARCH_X86_64_INCLUDE_RING0_H
#define ARCH_X86_64_INCLUDE_RING0_H

/*
 * The call table's size and the size of each generic entry of ring0.S.
 * The size is part of the interface with libc/ (its __JINY_CALLS).
 */
#define RING0_CALLS		512
#define RING0_THUNK_SIZE	16

#ifndef __ASSEMBLY__
#include <stdint.h>

/* Start the app at rip with stack rsp, in ring 0. */
__attribute__((noreturn)) void ring0_enter(uint64_t rip, uint64_t rsp);

/*
 * Call fn(arg) on the stack ending at stack_top (the thread's kernel
 * stack) and never come back: the app's stack may go away under fn.
 */
__attribute__((noreturn)) void ring0_call_on(uint64_t stack_top,
	    void (*fn)(void *), void *arg);

/*
 * A system call of a jiny-cc app: entry n of its call table is system
 * call n (Linux's number) as a function of its six arguments, returning
 * the result or -errno.
 */
typedef long (*ring0_call_fn)(long, long, long, long, long, long);

/*
 * The generic entries, RING0_CALLS of RING0_THUNK_SIZE bytes: entry n,
 * called as a ring0_call_fn, calls the slow path given to user_init
 * (user.h) with the six arguments and n as the seventh.
 */
extern const char ring0_thunks[], ring0_thunks_end[];
#endif /* !__ASSEMBLY__ */

#endif /* ARCH_X86_64_INCLUDE_RING0_H */
