/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Interrupt and exception entry.  trap_stubs holds 256 stubs of 16 bytes,
 * one per vector; each pushes a zero error code where the CPU pushes none,
 * then the vector number, and jumps to trap_common, which saves the
 * general registers to complete a struct trap_frame (trap.h), calls
 * trap_dispatch(frame) and returns with iretq.  Entries from ring 3 swap
 * to the kernel's %gs on the way in and back on the way out.  The CPU aligns %rsp to 16
 * before pushing its frame; 22 quadwords keep it aligned for the C call.
 */
#include <arch/x86_64/include/frame.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/user.h>

	.text
	.align 16
	.globl trap_stubs
trap_stubs:
	.set vec, 0
	.rept 256
	.align 16
	.if (vec == 8) || (vec >= 10 && vec <= 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
	.else
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
	.set vec, vec + 1
	.endr

trap_common:
	/* From ring 3 (cs at 24(%rsp)): switch to the kernel's %gs. */
	testb $3, 24(%rsp)
	jz 1f
	swapgs
1:	lfence				/* no speculation past a wrong %gs */
	/*
	 * While the ring-0 app's threads run (trap_idt_app), every vector
	 * but #DF, NMI and #MC arrives on the entry IST stack, so the CPU
	 * never pushes onto the interrupted stack: the app's red zone (128
	 * bytes below its %rsp) stays intact.  Move the
	 * frame to where the CPU would have put it without IST, below the
	 * red zone: the thread's kernel stack from ring 3, 128 bytes under
	 * the interrupted %rsp from ring 0.  Interrupts are off until then.
	 */
	pushq %rax
	pushq %rcx
	/*
	 * On some CPU's entry IST frame?  Told from the address alone (the
	 * CPU areas are aligned to their size, layout.h): %gs may still be
	 * the program's when an NMI lands in syscall_entry's first lines.
	 */
	leaq 16(%rsp), %rax
	movabsq $CPUAREA_BASE, %rcx
	subq %rcx, %rax
	cmpq $(CPUAREA_MAX * CPUAREA_SIZE), %rax
	jae 7f
	andl $(CPUAREA_SIZE - 1), %eax
	cmpl $(CPUAREA_IST_ENTRY + IST_STACK_SIZE - 56), %eax
	jne 7f
	pushq %rsi			/* %rax and %rcx are saved already */
	pushq %rdi
	movq 32+40(%rsp), %rax		/* the interrupted %rsp */
	testb $3, 32+24(%rsp)
	jz 2f
	movq %gs:CPU_LOCAL_KSTACK, %rax
	jmp 3f
2:	/*
	 * From ring 0 on the entry stack itself: a fault while moving a
	 * frame, i.e. the interrupted stack was not mapped (a kernel stack
	 * overflow into its guard page), or an event delivered again before
	 * the first one's stub ran (trap.c).  Report it as the double fault
	 * it would have been, here on the entry stack.
	 */
	leaq 32(%rsp), %rcx		/* this CPU's entry stack's bottom */
	andq $-CPUAREA_SIZE, %rcx
	addq $CPUAREA_IST_ENTRY, %rcx
	movq %rax, %rsi
	subq %rcx, %rsi
	cmpq $IST_STACK_SIZE, %rsi
	ja 5f
	popq %rdi
	popq %rsi
	popq %rcx
	popq %rax
	movq $8, (%rsp)			/* vector: #DF */
	jmp 4f
5:	subq $128, %rax			/* skip the red zone */
	andq $-16, %rax
3:	subq $56, %rax			/* vector, error and the CPU's frame */
	leaq 32(%rsp), %rsi
	movq %rax, %rdi
	movl $7, %ecx
	cld
	rep movsq
	popq %rdi
	popq %rsi
	popq %rcx
	xchgq %rax, (%rsp)		/* %rax back; the new frame's address */
	movq (%rsp), %rsp
	jmp 4f
7:	popq %rcx			/* not there: where the CPU put it */
	popq %rax
4:	FRAME_PUSH_REGS
	cld
	movq %rsp, %rdi
	call trap_dispatch
	FRAME_POP_REGS
	testb $3, 24(%rsp)
	jz 6f
	swapgs
6:	addq $16, %rsp			/* vector and error code */
	iretq
