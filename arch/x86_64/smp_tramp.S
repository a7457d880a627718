/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * How an application processor reaches kmain's world (smp.h).
 *
 * smp_tramp: real-mode code that smp_sipi_start copies to a page below
 * 1 MiB; a SIPI starts the CPU there with %cs = the page's segment and
 * %ip = 0.  It loads a flat GDT of its own (its base patched at the copy),
 * sets CR0.PE and jumps to smp_ap_start32 at its physical address.
 *
 * smp_ap_start32: 32-bit protected mode, paging off, flat segments (from
 * the trampoline, or set by the hypervisor that started the vCPU).  It
 * takes entry.S's way into long mode (start32_long_mode, with the boot
 * page tables, boot_pml4: identity, direct map and kernel, left in place
 * after boot) to start64 in the higher half, which sends it on to
 * smp_ap_start64: that loads the kernel's page tables (smp_ap_cr3) and
 * calls smp_ap_main on the stack smp_ap_stack names.
 */
#include <arch/x86_64/include/layout.h>

#define PA(x)		((x) - KERNEL_VMA)

	.section .rodata
	.code16
	.globl smp_tramp, smp_tramp_end, smp_tramp_gdtr_off
smp_tramp:
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	lgdtl smp_tramp_gdtr - smp_tramp
	movl %cr0, %eax
	orl $1, %eax			/* PE */
	movl %eax, %cr0
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	ljmpl $0x08, $PA(smp_ap_start32)
	.align 8
smp_tramp_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff	/* 0x08: 32-bit code, flat */
	.quad 0x00cf92000000ffff	/* 0x10: data, flat */
smp_tramp_gdtr:
	.short smp_tramp_gdtr - smp_tramp_gdt - 1
	.long 0				/* patched: the copy's gdt */
smp_tramp_end:
	.align 4
smp_tramp_gdtr_off:			/* for the patch */
	.long smp_tramp_gdtr - smp_tramp
	.long smp_tramp_gdt - smp_tramp

	.section .text.boot32, "ax"
	.code32
	.globl smp_ap_start32
smp_ap_start32:
	cli
	cld
	movl $0x80000001, %eax
	cpuid
	movl %edx, %ebp			/* NX: bit 20 */
	movl $BOOT_DOOR_AP, %esi
	jmp start32_long_mode		/* entry.S's way, to start64 */

	.text
	.code64
	.globl smp_ap_start64
smp_ap_start64:				/* from start64, segments loaded */
	movq smp_ap_cr3(%rip), %rax	/* the kernel's tables: the stack */
	movq %rax, %cr3			/* is mapped only there */
	movq smp_ap_stack(%rip), %rsp
	xorl %ebp, %ebp			/* ends backtraces */
	call smp_ap_main
2:	cli
	hlt
	jmp 2b
