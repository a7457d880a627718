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
	.text
	.globl ring0_enter
ring0_enter:
	movq %rsi, %rsp
	pushq %rdi			/* for the ret below */
	xorl %eax, %eax
	xorl %ebx, %ebx
	xorl %ecx, %ecx
	xorl %edx, %edx
	xorl %esi, %esi
	xorl %edi, %edi
	xorl %ebp, %ebp
	xorl %r8d, %r8d
	xorl %r9d, %r9d
	xorl %r10d, %r10d
	xorl %r11d, %r11d
	xorl %r12d, %r12d
	xorl %r13d, %r13d
	xorl %r14d, %r14d
	xorl %r15d, %r15d
	sti
	ret				/* %rsp back at the ABI's entry value */

	.globl ring0_call_on
ring0_call_on:
	movq %rdi, %rsp
	xorl %ebp, %ebp			/* backtraces stop here */
	movq %rdx, %rdi
	call *%rsi
	ud2
