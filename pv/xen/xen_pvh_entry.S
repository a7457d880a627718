/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The PVH door: the XEN_ELFNOTE_PHYS32_ENTRY note and its 32-bit entry.
 *
 * Xen (xl create, type = "pvh") and QEMU (-kernel with this ELF) both read
 * the note and enter pvh_start32 in 32-bit protected mode, paging off,
 * with %ebx = physical address of struct hvm_start_info.  The magic is
 * checked later in C (xen_pvh.c) where a bad one gets a clear message.
 * Hands off to start32 in arch/x86_64/entry.S with %esi = BOOT_DOOR_PVH,
 * %edi = start-info address.
 */
#include <xen/elfnote.h>

#include <arch/x86_64/include/layout.h>

	/*
	 * QEMU reads the descriptor as a 64-bit value and places it after the
	 * name padded to the segment's alignment: keep the note 4-aligned and
	 * the descriptor a .quad.
	 */
	.section .note.Xen, "a"
	.align 4
	.long 2f - 1f			/* namesz */
	.long 4f - 3f			/* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY
1:	.asciz "Xen"
2:	.align 4
3:	.quad pvh_start32 - KERNEL_VMA
4:	.align 4

	.section .text.boot32, "ax"
	.code32
	.globl pvh_start32
pvh_start32:
	movl $BOOT_DOOR_PVH, %esi
	movl %ebx, %edi
	jmp start32
