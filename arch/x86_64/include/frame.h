/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Assembly macros that push and pop the general registers in the order of
 * struct trap_frame (trap.h), shared by trap.S and syscall.S so that the
 * two entry paths build the same frame.
 */
#ifndef ARCH_X86_64_INCLUDE_FRAME_H
#define ARCH_X86_64_INCLUDE_FRAME_H

#ifdef __ASSEMBLY__
.macro FRAME_PUSH_REGS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro FRAME_POP_REGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
.endm

/* Zero every general register but %rsp: no kernel value reaches a program. */
.macro FRAME_CLEAR_REGS
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
.endm
#endif /* __ASSEMBLY__ */

#endif /* ARCH_X86_64_INCLUDE_FRAME_H */
