/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The multiboot2 door and the shared 32-bit start: long mode, then kmain().
 *
 * Doors: GRUB enters mb2_start32 (multiboot2 header below); Xen and QEMU
 * enter the PVH entry in pv/xen/xen_pvh_entry.S.  Both arrive in 32-bit
 * protected mode, flat segments, paging off, interrupts off, and jump to
 * start32 with:
 *	%esi = BOOT_DOOR_*	%edi = physical address of the boot info
 * start32 reads the TSC (for boot-cost figures), builds the early page
 * tables (identity 1 GiB, 4 GiB at DMAP_BASE, 1 GiB at KERNEL_VMA), enables
 * PAE + long mode + NX, and calls kmain(door, info_pa) on the boot stack in
 * the higher half.  kmain never returns.
 */
#include <arch/x86_64/include/layout.h>

#define PA(x)		((x) - KERNEL_VMA)
#define MB2_MAGIC	0xe85250d6	/* multiboot2 header magic */
#define MB2_BOOT_MAGIC	0x36d76289	/* %eax at a multiboot2 entry */
#define PTE_P_W		0x003
#define PTE_PS		0x080

	.section .multiboot2, "a"
	.align 8
mb2_header:
	.long MB2_MAGIC
	.long 0				/* architecture: i386 protected mode */
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + (mb2_header_end - mb2_header))
	.align 8			/* entry-address tag: where GRUB jumps */
	.short 3, 0
	.long 12
	.long PA(mb2_start32)
	.align 8			/* end tag */
	.short 0, 0
	.long 8
mb2_header_end:

	.section .text.boot32, "ax"
	.code32
	.globl mb2_start32
mb2_start32:
	cmpl $MB2_BOOT_MAGIC, %eax
	jne bad_door
	movl $BOOT_DOOR_MULTIBOOT2, %esi
	movl %ebx, %edi
	jmp start32

bad_door:
	movl $PA(msg_bad_door), %esi
	jmp die32

	.globl start32
start32:
	cli
	cld
	/*
	 * The loader zero-filled .bss, but firmware may have used that memory
	 * since (SeaBIOS keeps tables at the top of a small RAM): clear it
	 * again before the first static is read.  %edi (the boot information)
	 * waits in %edx; the stack lives in .bss too.
	 */
	movl %edi, %edx
	movl $PA(_bss_start), %edi
	movl $PA(_bss_end), %ecx
	subl %edi, %ecx
	shrl $2, %ecx
	xorl %eax, %eax
	rep stosl
	movl %edx, %edi
	movl $PA(boot_stack_top), %esp
	rdtsc
	movl %eax, PA(boot_tsc_entry)
	movl %edx, PA(boot_tsc_entry) + 4

	/* Long mode needs CPUID leaf 0x80000001 bit 29. */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_lm
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx
	jnc no_lm
	movl %edx, %ebp			/* keep the NX bit (20) for EFER */

	/* 2048 2 MiB pages covering 4 GiB, in four page directories. */
	movl $PA(boot_pd), %ebx
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $(PTE_P_W | PTE_PS), %eax
	movl %eax, (%ebx, %ecx, 8)
	movl %ecx, %eax
	shrl $11, %eax			/* bits 32+ of the address */
	movl %eax, 4(%ebx, %ecx, 8)
	incl %ecx
	cmpl $2048, %ecx
	jb 1b
	/* DMAP PDPT: four entries, one per page directory. */
	movl $PA(boot_pdpt_dmap), %edx
	xorl %ecx, %ecx
2:	movl %ecx, %eax
	shll $12, %eax
	addl $(PA(boot_pd) + PTE_P_W), %eax
	movl %eax, (%edx, %ecx, 8)
	incl %ecx
	cmpl $4, %ecx
	jb 2b
	/* Identity and kernel PDPTs: the first gigabyte. */
	movl $(PA(boot_pd) + PTE_P_W), PA(boot_pdpt_low)
	movl $(PA(boot_pd) + PTE_P_W), PA(boot_pdpt_kern) + 510 * 8
	movl $(PA(boot_pdpt_low) + PTE_P_W), PA(boot_pml4)
	movl $(PA(boot_pdpt_dmap) + PTE_P_W), PA(boot_pml4) + 256 * 8
	movl $(PA(boot_pdpt_kern) + PTE_P_W), PA(boot_pml4) + 511 * 8

	/* Application processors join here (smp_tramp.S): %esi is
	 * BOOT_DOOR_AP and %ebp the CPUID bits above. */
	.globl start32_long_mode
start32_long_mode:
	movl %cr4, %eax
	orl $0x20, %eax			/* PAE */
	movl %eax, %cr4
	movl $PA(boot_pml4), %eax
	movl %eax, %cr3
	movl $0xc0000080, %ecx		/* EFER */
	rdmsr
	orl $0x100, %eax		/* LME */
	btl $20, %ebp
	jnc 3f
	orl $0x800, %eax		/* NXE, so later page tables may use NX */
3:	wrmsr
	movl %cr0, %eax
	orl $0x80010001, %eax		/* PG | WP | PE */
	movl %eax, %cr0
	lgdt PA(boot_gdtr)
	ljmp $0x08, $PA(start64_low)

no_lm:
	movl $PA(msg_no_lm), %esi
	/* FALLTHROUGH */
die32:					/* print %esi on port 0xe9 and COM1, halt */
	lodsb
	testb %al, %al
	jz 5f
	movw $0xe9, %dx
	outb %al, %dx
	movw $0x3f8, %dx
	outb %al, %dx
	jmp die32
5:	cli
	hlt
	jmp 5b

	.code64
start64_low:
	movabsq $start64, %rax
	jmp *%rax

	.text
start64:
	movl $0x10, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	cmpl $BOOT_DOOR_AP, %esi
	je smp_ap_start64
	leaq boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp			/* ends backtraces */
	movl %esi, %eax
	movl %edi, %esi			/* info_pa */
	movl %eax, %edi			/* door */
	call kmain
6:	cli
	hlt
	jmp 6b

	.section .rodata
msg_bad_door:
	.asciz "jiny: entered without a multiboot2 or PVH handoff\n"
msg_no_lm:
	.asciz "jiny: this CPU has no long mode\n"
	.align 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
boot_gdt_end:
	.globl boot_gdtr
boot_gdtr:
	.short boot_gdt_end - boot_gdt - 1
	.long PA(boot_gdt)

	.data
	.align 8
	.globl boot_tsc_entry
boot_tsc_entry:
	.quad 0

	.bss
	.align 4096
	.globl boot_pml4
boot_pml4:	.skip 4096
boot_pdpt_low:	.skip 4096
boot_pdpt_dmap:	.skip 4096
boot_pdpt_kern:	.skip 4096
boot_pd:	.skip 4096 * 4
	.globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	.skip BOOT_STACK_SIZE
boot_stack_top:
