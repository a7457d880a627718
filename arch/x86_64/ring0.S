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
 */
#include <arch/x86_64/include/frame.h>

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
