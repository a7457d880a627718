/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * void sched_switch(uint64_t *save_rsp, uint64_t new_rsp, uint64_t new_cr3)
 *
 * Save the callee-saved registers on the current stack, store %rsp in
 * *save_rsp, load new_cr3 (if it differs) and new_rsp, and pop the same
 * registers from the new stack.  The page tables change here, between the
 * two stacks, because a thread's stack may exist only in its own address
 * space (the ring-0 app runs the kernel on its own stack).  Called with
 * interrupts off.  A new thread's stack is laid out by thread_create() so
 * that the final ret lands in sched_thread_entry with %r12 = the thread.
 */
	.text
	.globl sched_switch
sched_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %cr3, %rax
	cmpq %rax, %rdx
	je 1f
	movq %rdx, %cr3
1:	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	.globl sched_thread_entry
sched_thread_entry:
	movq %r12, %rdi
	xorl %ebp, %ebp		/* the outermost frame of a backtrace */
	call thread_start
	ud2			/* thread_start does not return */
