/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * In-kernel tests of address spaces: copy-on-write reference counts
 * across a fork, and SMAP keeping the kernel out of user pages except
 * through copy_*_user.
 */
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/vm/vm.h>
#include <kernel/tests/ktest.h>

#define KT_VA	0x400000UL

KTEST(vm, fork_shares_then_copies)
{
	struct page_stats before, after;
	struct vm_space *a, *b;
	uint64_t pa, pb;

	page_alloc_stats(&before);
	a = vm_space_create();
	KT_ASSERT(a != NULL);
	KT_ASSERT_EQ(vm_map_fixed(a, KT_VA, 2 * PAGE_SIZE, VM_READ | VM_WRITE,
	    NULL, 0, 0, NULL), 0);
	KT_ASSERT_EQ(vm_populate(a, KT_VA, PAGE_SIZE, VM_WRITE), 0);
	pa = paging_user_pte(a->vs_root, KT_VA) & PG_ADDR;
	*(char *)phys_to_virt(pa) = 'a';
	b = vm_space_fork(a);
	KT_ASSERT(b != NULL);
	pb = paging_user_pte(b->vs_root, KT_VA);
	KT_ASSERT((pb & PG_ADDR) == pa && !(pb & PG_W));
	KT_ASSERT(!(paging_user_pte(a->vs_root, KT_VA) & PG_W));
	KT_ASSERT_EQ(page_ref_count(pa), 2);
	/* The child writes: it gets a copy, the parent keeps the page. */
	KT_ASSERT_EQ(vm_fault(b, KT_VA, VM_WRITE), 0);
	pb = paging_user_pte(b->vs_root, KT_VA);
	KT_ASSERT((pb & PG_ADDR) != pa && (pb & PG_W));
	KT_ASSERT_EQ(*(char *)phys_to_virt(pb & PG_ADDR), 'a');
	KT_ASSERT_EQ(page_ref_count(pa), 1);
	/* The parent, now sole owner, writes in place. */
	KT_ASSERT_EQ(vm_fault(a, KT_VA, VM_WRITE), 0);
	KT_ASSERT_EQ(paging_user_pte(a->vs_root, KT_VA) & PG_ADDR, pa);
	/* Outside any area, or writing a read-only one: refused. */
	KT_ASSERT_EQ(vm_fault(a, KT_VA + 16 * PAGE_SIZE, VM_READ), -EFAULT);
	KT_ASSERT_EQ(vm_protect(a, KT_VA, PAGE_SIZE, VM_READ), 0);
	KT_ASSERT_EQ(vm_fault(a, KT_VA, VM_WRITE), -EFAULT);
	vm_space_release(b);
	vm_space_release(a);
	page_alloc_stats(&after);
	KT_ASSERT_EQ(after.ps_free, before.ps_free);
}

/*
 * Kernel pages mapped into spaces (the vDSO's): the same frames in a
 * fork, no reference taken or dropped, refilled after a discard, never
 * written, moved but not resized, and nothing freed with the space.
 */
KTEST(vm, special_pages_are_shared_not_owned)
{
	static uint64_t pages[2];
	struct page_stats before, after;
	struct vm_space *a, *b;
	uint64_t pte;
	long va;

	pages[0] = page_ref_alloc();
	pages[1] = page_ref_alloc();
	KT_ASSERT(pages[0] != 0 && pages[1] != 0);
	page_alloc_stats(&before);
	a = vm_space_create();
	KT_ASSERT(a != NULL);
	KT_ASSERT_EQ(vm_map_special(a, KT_VA, pages, 2, VM_READ | VM_WRITE,
	    NULL), -EINVAL);
	KT_ASSERT_EQ(vm_map_special(a, KT_VA, pages, 2, VM_READ | VM_EXEC,
	    NULL), 0);
	KT_ASSERT_EQ(vm_fault(a, KT_VA + PAGE_SIZE, VM_READ), 0);
	pte = paging_user_pte(a->vs_root, KT_VA + PAGE_SIZE);
	KT_ASSERT((pte & PG_ADDR) == pages[1] && !(pte & PG_W) &&
	    !(pte & PAGING_OWNED));
	KT_ASSERT_EQ(page_ref_count(pages[1]), 1);
	KT_ASSERT_EQ(vm_fault(a, KT_VA, VM_WRITE), -EFAULT);
	b = vm_space_fork(a);
	KT_ASSERT(b != NULL);
	KT_ASSERT_EQ(paging_user_pte(b->vs_root, KT_VA + PAGE_SIZE) & PG_ADDR,
	    pages[1]);
	KT_ASSERT_EQ(vm_fault(b, KT_VA, VM_READ), 0);
	KT_ASSERT_EQ(paging_user_pte(b->vs_root, KT_VA) & PG_ADDR, pages[0]);
	KT_ASSERT_EQ(page_ref_count(pages[0]), 1);
	KT_ASSERT_EQ(vm_discard(b, KT_VA, 2 * PAGE_SIZE), 0);
	KT_ASSERT_EQ(vm_fault(b, KT_VA, VM_READ), 0);
	KT_ASSERT_EQ(paging_user_pte(b->vs_root, KT_VA) & PG_ADDR, pages[0]);
	KT_ASSERT_EQ(vm_remap(b, KT_VA, 2 * PAGE_SIZE, 3 * PAGE_SIZE,
	    VM_REMAP_MAYMOVE, 0), -EINVAL);
	va = vm_remap(b, KT_VA, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
	    VM_REMAP_MAYMOVE | VM_REMAP_FIXED, 0x800000);
	KT_ASSERT_EQ(va, 0x800000);
	KT_ASSERT_EQ(vm_fault(b, 0x800000 + PAGE_SIZE, VM_READ), 0);
	KT_ASSERT_EQ(paging_user_pte(b->vs_root, 0x800000 + PAGE_SIZE) &
	    PG_ADDR, pages[1]);
	KT_ASSERT_EQ(vm_unmap(a, KT_VA, PAGE_SIZE), 0);
	vm_space_release(b);
	vm_space_release(a);
	KT_ASSERT_EQ(page_ref_count(pages[0]), 1);
	KT_ASSERT_EQ(page_ref_count(pages[1]), 1);
	page_alloc_stats(&after);
	KT_ASSERT_EQ(after.ps_free, before.ps_free);
	page_ref_put(pages[0]);
	page_ref_put(pages[1]);
}

/* Read a byte at va, -EFAULT if that faults. */
static int
kt_probe(uintptr_t va)
{
	int error = -EFAULT;
	char c;

	__asm__ volatile(
	    "1: movb (%2), %1\n\t"
	    "xorl %0, %0\n"
	    "2:\n"
	    EXTABLE_ENTRY(1b, 2b)
	    : "+r"(error), "=q"(c) : "r"(va) : "memory");
	return error;
}

KTEST(vm, smap_keeps_kernel_out_of_user_pages)
{
	struct vm_space *vs = vm_space_create();
	struct cpuid_regs r;
	uint64_t old = read_cr3();
	bool smap;
	char c = 0;

	cpuid(7, 0, &r);
	smap = (r.ebx & (1u << 20)) != 0;
	KT_ASSERT(vs != NULL);
	KT_ASSERT_EQ(vm_map_fixed(vs, KT_VA, PAGE_SIZE, VM_READ | VM_WRITE,
	    NULL, 0, 0, NULL), 0);
	KT_ASSERT_EQ(vm_populate(vs, KT_VA, PAGE_SIZE, VM_WRITE), 0);
	*(char *)phys_to_virt(paging_user_pte(vs->vs_root, KT_VA) & PG_ADDR) =
	    'u';
	/* No preemption while the space is borrowed: CR3 is not ours. */
	bool on = intr_save();
	paging_switch(vs->vs_root);
	/* A plain load faults under SMAP; copy_from_user is allowed. */
	int probe = kt_probe(KT_VA);
	int copy = copy_from_user(&c, (const void *)KT_VA, 1);
	write_cr3(old);
	intr_restore(on);
	vm_space_release(vs);
	KT_ASSERT_EQ(probe, smap ? -EFAULT : 0);
	KT_ASSERT_EQ(copy, 0);
	KT_ASSERT_EQ(c, 'u');
	KT_ASSERT(!smap || (read_cr4() & (1u << 21)));
}
