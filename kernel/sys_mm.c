/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Memory system calls for ring-3 programs: brk, anonymous private mmap,
 * munmap, mprotect.  Pages are allocated and zeroed eagerly; there are no
 * VMAs yet, so the page tables are the record of what is mapped and
 * file mappings wait for the VFS.
 */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/exec.h>
#include <kernel/mm.h>
#include <kernel/page_alloc.h>
#include <kernel/string.h>
#include <kernel/sys.h>
#include <kernel/thread.h>
#include <arch/x86_64/include/paging.h>

#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define SYS_MM_BRK_MAX	(1UL << 30)	/* heap limit above its start */
#define SYS_MM_LOW	0x10000UL	/* nothing is mapped below 64 KiB */

static uint64_t
sys_mm_flags(unsigned long prot)
{
	/* x86 pages are always readable; PROT_NONE is "not present" later. */
	return PAGING_OWNED | ((prot & PROT_WRITE) ? PG_W : 0) |
	    ((prot & PROT_EXEC) ? 0 : PG_NX);
}

/* Unmap [va, va+len) and free the pages the space owns. */
static void
sys_mm_unmap(uint64_t root, uint64_t va, uint64_t len)
{
	for (uint64_t p = va; p < va + len; p += PAGE_SIZE) {
		uint64_t pte = paging_user_pte(root, p);

		if (pte == 0)
			continue;
		paging_user_clear(root, p);
		if (pte & PAGING_OWNED)
			page_free(pte & PG_ADDR, 0);
	}
}

/* Map zeroed pages over [va, va+len); all or nothing. */
static int
sys_mm_populate(uint64_t root, uint64_t va, uint64_t len, uint64_t flags)
{
	for (uint64_t p = va; p < va + len; p += PAGE_SIZE) {
		uint64_t pa = page_alloc(0);

		if (pa == 0 || paging_map_user(root, p, pa, flags) != 0) {
			if (pa != 0)
				page_free(pa, 0);
			sys_mm_unmap(root, va, p - va);
			return -ENOMEM;
		}
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
	}
	return 0;
}

static bool
sys_mm_range_free(uint64_t root, uint64_t va, uint64_t len)
{
	for (uint64_t p = va; p < va + len; p += PAGE_SIZE)
		if (paging_user_pte(root, p) != 0)
			return false;
	return true;
}

long
sys_brk(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t want = tf->rdi, old = ALIGN_UP(t->t_brk, PAGE_SIZE), new;

	if (want < t->t_brk_base || want > t->t_brk_base + SYS_MM_BRK_MAX)
		return (long)t->t_brk;
	new = ALIGN_UP(want, PAGE_SIZE);
	if (new > old) {
		if (!sys_mm_range_free(t->t_space, old, new - old) ||
		    sys_mm_populate(t->t_space, old, new - old,
		    sys_mm_flags(PROT_READ | PROT_WRITE)) != 0)
			return (long)t->t_brk;	/* Linux: the old break */
	} else if (new < old) {
		sys_mm_unmap(t->t_space, new, old - new);
	}
	t->t_brk = want;
	return (long)want;
}

long
sys_mmap(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t addr = tf->rdi, len = tf->rsi;
	unsigned long prot = tf->rdx, flags = tf->r10;
	uint64_t va;
	int error;

	if (len == 0 || len > EXEC_MMAP_TOP || (addr & (PAGE_SIZE - 1)) != 0)
		return -EINVAL;
	if (((flags & MAP_SHARED) != 0) == ((flags & MAP_PRIVATE) != 0))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -EBADF;		/* no file is open yet */
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr < SYS_MM_LOW || addr + len > EXEC_STACK_TOP -
		    EXEC_STACK_SIZE || addr + len < addr)
			return (flags & MAP_FIXED_NOREPLACE) ? -EEXIST : -ENOMEM;
		if (!sys_mm_range_free(t->t_space, addr, len)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			sys_mm_unmap(t->t_space, addr, len);
		}
		va = addr;
	} else {
		/* Top-down, skipping anything mapped. */
		va = t->t_mmap_next;
		for (;;) {
			if (va < len || va - len < t->t_brk_base + SYS_MM_BRK_MAX)
				return -ENOMEM;
			if (sys_mm_range_free(t->t_space, va - len, len))
				break;
			va -= PAGE_SIZE;
		}
		va -= len;
		t->t_mmap_next = va;
	}
	if ((error = sys_mm_populate(t->t_space, va, len, sys_mm_flags(prot))) != 0)
		return error;
	return (long)va;
}

long
sys_munmap(struct trap_frame *tf)
{
	uint64_t addr = tf->rdi, len = ALIGN_UP(tf->rsi, PAGE_SIZE);

	if ((addr & (PAGE_SIZE - 1)) != 0 || len == 0 || addr + len < addr ||
	    addr + len > PAGING_USER_TOP)
		return -EINVAL;
	sys_mm_unmap(thread_current()->t_space, addr, len);
	return 0;
}

long
sys_mprotect(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t addr = tf->rdi, len = ALIGN_UP(tf->rsi, PAGE_SIZE);
	unsigned long prot = tf->rdx;

	if ((addr & (PAGE_SIZE - 1)) != 0 || addr + len < addr ||
	    addr + len > PAGING_USER_TOP ||
	    (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	for (uint64_t p = addr; p < addr + len; p += PAGE_SIZE) {
		uint64_t pte = paging_user_pte(t->t_space, p);

		if (pte == 0)
			return -ENOMEM;
		(void)paging_map_user(t->t_space, p, pte & PG_ADDR,
		    (pte & PAGING_OWNED) | (sys_mm_flags(prot) & ~PAGING_OWNED));
	}
	return 0;
}
