/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Entering and leaving the ring-0 app.
 *
 * ring0_enter(rip, rsp): start the app at rip on its own stack at CPL0,
 * interrupts on, no kernel values in its registers.
 *
 * ring0_call_on(stack_top, fn, arg): call fn(arg) on another stack (the
 * thread's kernel stack) and never come back: the app's stack and address
 * space may go away under fn.
 *
 * ring0_thunks: the generic entries of a jiny-cc app's call table
 * (ring0.h), RING0_THUNK_SIZE bytes each; entry n calls the slow path
 * user_init was given (user_ring0_slow: the system-call layer's
 * ring0_syscall_slow) as slow(a1, ..., a6, n), with the app's six
 * arguments where they already are and n pushed as the seventh.  The
 * push keeps the stack's 16-byte alignment at the call.
 */
#include <arch/x86_64/include/frame.h>
#include <arch/x86_64/include/ring0.h>

	.text
	.globl ring0_enter
ring0_enter:
	movq %rsi, %rsp
	pushq %rdi			/* for the ret below */
	FRAME_CLEAR_REGS
	sti
	ret				/* %rsp back at the ABI's entry value */

	.globl ring0_call_on
ring0_call_on:
	movq %rdi, %rsp
	xorl %ebp, %ebp			/* backtraces stop here */
	movq %rdx, %rdi
	call *%rsi
	ud2

	.balign RING0_THUNK_SIZE
	.globl ring0_thunks
ring0_thunks:
	.set nr, 0
	.rept RING0_CALLS
	.balign RING0_THUNK_SIZE
	pushq $nr
	call *user_ring0_slow(%rip)
	popq %rcx
	ret
	.set nr, nr + 1
	.endr
	.balign RING0_THUNK_SIZE
	.globl ring0_thunks_end
ring0_thunks_end:
