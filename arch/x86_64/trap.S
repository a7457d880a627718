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
	FRAME_PUSH_REGS
	cld
	movq %rsp, %rdi
	call trap_dispatch
	FRAME_POP_REGS
	testb $3, 24(%rsp)
	jz 2f
	swapgs
2:	addq $16, %rsp			/* vector and error code */
	iretq
