/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * syscall_entry: the LSTAR target.  The CPU arrives from ring 3 with
 * %rcx = user rip, %r11 = user rflags, interrupts masked (SFMASK) and the
 * user's %rsp and %gs.  We swapgs, switch to cl_kstack_top, build a struct
 * trap_frame like trap.S does (vector USER_SYSCALL_VECTOR), call
 * user_syscall_handler(frame) with interrupts on, and return with sysretq.
 * The handler guarantees a canonical tf->rip (sysretq to a non-canonical
 * rip would fault in ring 0 on the user's stack): it ends the thread
 * instead.
 *
 * The ring-0 app's syscall instructions arrive here too, at CPL0, when
 * cl_ring0 is set (the kernel's %gs is in both base registers then, so
 * swapgs changes nothing).  They call the ring-0 call table, as a
 * jiny-cc app does, from the thread's kernel stack, and return by
 * restoring the flags there and jumping back: nothing is written on the
 * app's stack.
 *
 * user_enter(rip, rsp): build an iret frame for ring 3 on the current
 * stack and leave with interrupts on.
 */
#include <arch/x86_64/include/frame.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/user.h>

	.text
	.globl syscall_entry
syscall_entry:
	swapgs
	movq %rsp, %gs:CPU_LOCAL_USER_RSP
	movq %gs:CPU_LOCAL_KSTACK, %rsp
	cmpq $0, %gs:CPU_LOCAL_RING0
	jne syscall_from_ring0
	pushq $GDT_UDATA		/* ss */
	pushq %gs:CPU_LOCAL_USER_RSP	/* rsp */
	pushq %r11			/* rflags */
	pushq $GDT_UCODE		/* cs */
	pushq %rcx			/* rip */
	pushq $0			/* error */
	pushq $USER_SYSCALL_VECTOR
	FRAME_PUSH_REGS
	xorl %ebp, %ebp			/* backtraces stop at the user */
	movq %rsp, %rdi
	sti
	call *user_syscall_handler(%rip)
	cli
	cmpq $0, %gs:CPU_LOCAL_IRET
	jne 1f
	FRAME_POP_REGS
	addq $16, %rsp			/* vector, error */
	movq (%rsp), %rcx		/* rip */
	movq 16(%rsp), %r11		/* rflags */
	movq 24(%rsp), %rsp		/* user stack */
	swapgs
	sysretq
1:	movq $0, %gs:CPU_LOCAL_IRET	/* user_return_full: all registers */
	FRAME_POP_REGS
	addq $16, %rsp
	swapgs
	iretq

syscall_from_ring0:
	/*
	 * The call table's entry rax, with the arguments where the C
	 * convention wants them (the fourth from %r10), keeping every
	 * register the syscall convention keeps; %rbp is cleared for the
	 * kernel's backtraces.  Ten pushes keep the stack 16-byte aligned.
	 */
	pushq %gs:CPU_LOCAL_USER_RSP	/* the app's stack */
	pushq %r11			/* rflags */
	pushq %rcx			/* rip */
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %rbp
	xorl %ebp, %ebp
	movq %r10, %rcx
	sti
	cmpq user_ring0_ncalls(%rip), %rax
	jae 2f
	movq user_ring0_calls(%rip), %r11
	call *(%r11,%rax,8)
1:	cli
	popq %rbp
	popq %r10
	popq %r9
	popq %r8
	popq %rdx
	popq %rsi
	popq %rdi
	popq %rcx			/* rip, as syscall leaves it */
	movq (%rsp), %r11		/* rflags, likewise */
	popfq				/* on our stack, not the app's */
	movq (%rsp), %rsp		/* the app's stack, untouched */
	swapgs
	jmpq *%rcx
2:	movq $-38, %rax			/* -ENOSYS */
	jmp 1b

	/* user_resume(tf): return to ring 3 with every register from *tf. */
	.globl user_resume
user_resume:
	cli
	pushq %rdi
	call klock_user_leave		/* the kernel lock, if held */
	popq %rdi
	movq %rdi, %rsp
	FRAME_POP_REGS
	addq $16, %rsp			/* vector, error */
	swapgs
	iretq

	.globl user_enter
user_enter:
	cli
	pushq %rdi
	pushq %rsi
	subq $8, %rsp
	call klock_user_leave		/* the kernel lock, if held */
	addq $8, %rsp
	popq %rsi
	popq %rdi
	pushq $GDT_UDATA
	pushq %rsi
	pushq $0x202			/* IF, reserved bit 1 */
	pushq $GDT_UCODE
	pushq %rdi
	FRAME_CLEAR_REGS		/* no kernel values leak to ring 3 */
	swapgs
	iretq
