/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel's virtual memory layout, shared by C and assembly.
 * The kernel is linked in the top 2 GiB so that -mcmodel=kernel works;
 * all physical memory is mapped at DMAP_BASE; kernel stacks live in their
 * own region so that each can have an unmapped guard page below it.
 */
#ifndef ARCH_X86_64_INCLUDE_LAYOUT_H
#define ARCH_X86_64_INCLUDE_LAYOUT_H

#ifdef __ASSEMBLY__
#define LAYOUT_UL(x)	x
#else
#define LAYOUT_UL(x)	x##UL
#endif

#define KERNEL_VMA	0xffffffff80000000
#define KERNEL_PHYS	0x100000
#define DMAP_BASE	0xffff800000000000
#define KSTACK_BASE	0xffffc00000000000
#define MMIO_BASE	0xffffd00000000000
/*
 * Per-CPU areas (smp.h): CPU n's at CPUAREA_BASE + n * CPUAREA_SIZE,
 * each page mapped on its own with unmapped guard pages between stacks.
 * CPUAREA_SIZE is a power of two so that trap.S can tell an entry-IST
 * frame from its address alone, without %gs.
 */
#define CPUAREA_BASE	0xffffc80000000000
#define CPUAREA_SIZE	LAYOUT_UL(0x20000)	/* 128 KiB */
#define CPUAREA_MAX	64			/* CPUs the region holds */
/* Offsets in an area: [guard][stack]... (each stack IST_STACK_SIZE). */
#define CPUAREA_IST_ENTRY	0x01000		/* the ring-0 app's entry */
#define CPUAREA_IST_DF		0x04000
#define CPUAREA_IST_NMI		0x07000
#define CPUAREA_IST_MC		0x0a000
#define CPUAREA_STACK		0x0d000		/* boot/idle, KSTACK_SIZE */
#define CPUAREA_DATA		0x12000		/* struct smp_cpu_data */
#define CPUAREA_DATA_SIZE	0x04000

#define PAGE_SHIFT	12
#define PAGE_SIZE	LAYOUT_UL(4096)
#define LARGE_PAGE_SIZE	LAYOUT_UL(0x200000)

/* Boot-time early map built by entry.S: 4 GiB at DMAP_BASE, 1 GiB elsewhere. */
#define EARLY_DMAP_SIZE	LAYOUT_UL(0x100000000)

#define BOOT_STACK_SIZE	16384
#define KSTACK_SIZE	16384
#define IST_STACK_SIZE	8192

/* Door numbers handed from the 32-bit entries to kmain(). */
#define BOOT_DOOR_MULTIBOOT2	1
#define BOOT_DOOR_PVH		2
#define BOOT_DOOR_AP		3	/* an application processor (smp.h) */

#endif /* ARCH_X86_64_INCLUDE_LAYOUT_H */
