/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Address spaces (see vm.h).
 *
 * The page tables hold what has been touched; the area list says what
 * may be.  A leaf marked PAGING_OWNED holds one reference on its page
 * (page_ref_*): fork takes another and drops write access on both sides,
 * and the first write after that copies the page unless the writer holds
 * the only reference.  A file's page cache holds a reference too, which is
 * why a written cache page is always copied first.
 *
 * One spinlock per space covers its areas and page tables.  Nothing
 * under it may fault on user memory: copy_*_user is never called with it
 * held, since the fault handler takes it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/paging.h>
#include <kernel/log/panic.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/thread.h>
#include <fs/pagecache.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>

#define VM_MMAP_TOP	0x00007f0000000000UL	/* mmap grows down from here */

static uint64_t
vm_pte_flags(unsigned int flags)
{
	return PAGING_OWNED | ((flags & VM_WRITE) ? PG_W : 0) |
	    ((flags & VM_EXEC) ? 0 : PG_NX);
}

static char *
vm_strdup(const char *s)
{
	char *d;

	if (s == NULL || (d = kmalloc(strlen(s) + 1)) == NULL)
		return NULL;
	memcpy(d, s, strlen(s) + 1);
	return d;
}

static struct vm_area *
vm_area_new(uint64_t start, uint64_t end, unsigned int flags,
    struct vnode *file, uint64_t off, uint64_t off_end, const char *name)
{
	struct vm_area *a = kzalloc(sizeof(*a));

	if (a == NULL)
		return NULL;
	a->va_start = start;
	a->va_end = end;
	a->va_flags = flags;
	a->va_off = off;
	a->va_off_end = off_end;
	if (name != NULL && (a->va_name = vm_strdup(name)) == NULL) {
		kfree(a);
		return NULL;
	}
	if ((a->va_file = file) != NULL) {
		vfs_hold(file);
		__atomic_fetch_add(&file->v_mapped, 1, __ATOMIC_RELEASE);
		if ((flags & (VM_SHARED | VM_MAYWRITE)) ==
		    (VM_SHARED | VM_MAYWRITE))
			__atomic_fetch_add(&file->v_mapped_w, 1,
			    __ATOMIC_RELEASE);
	}
	return a;
}

static void
vm_area_free(struct vm_area *a)
{
	if (a->va_file != NULL) {
		__atomic_fetch_sub(&a->va_file->v_mapped, 1, __ATOMIC_RELEASE);
		if ((a->va_flags & (VM_SHARED | VM_MAYWRITE)) ==
		    (VM_SHARED | VM_MAYWRITE))
			__atomic_fetch_sub(&a->va_file->v_mapped_w, 1,
			    __ATOMIC_RELEASE);
		vfs_release(a->va_file);
	}
	kfree(a->va_name);
	kfree(a);
}

/* Split a at va (inside it): a keeps [start, va), the new one the rest. */
static int
vm_split(struct vm_area *a, uint64_t va)
{
	struct vm_area *b = vm_area_new(va, a->va_end, a->va_flags, a->va_file,
	    a->va_off + (va - a->va_start), a->va_off_end, a->va_name);

	if (b == NULL)
		return -ENOMEM;
	b->va_pages = a->va_pages;
	b->va_npages = a->va_npages;
	a->va_end = va;
	b->va_next = a->va_next;
	a->va_next = b;
	return 0;
}

static void
vm_insert(struct vm_space *vs, struct vm_area *n)
{
	struct vm_area **pp = &vs->vs_areas;

	while (*pp != NULL && (*pp)->va_start < n->va_start)
		pp = &(*pp)->va_next;
	n->va_next = *pp;
	*pp = n;
}

static struct vm_area *
vm_find(struct vm_space *vs, uint64_t va)
{
	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next)
		if (va < a->va_end)
			return va >= a->va_start ? a : NULL;
	return NULL;
}

static bool
vm_range_free(struct vm_space *vs, uint64_t va, uint64_t len)
{
	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next)
		if (a->va_start < va + len && va < a->va_end)
			return false;
	return true;
}

/*
 * Pages whose entries are cleared, held until every CPU has flushed them
 * (paging_user_flush): another CPU running a thread of this space could
 * still write one through a stale TLB entry, and a freed page's first
 * bytes are the allocator's.  Flushed and let go VM_GATHER at a time.
 */
#define VM_GATHER	64
struct vm_gather {
	struct vm_space	*vg_space;
	unsigned int	 vg_n;
	uint64_t	 vg_pa[VM_GATHER];
};

static void
vm_gather_flush(struct vm_gather *g)
{
	paging_user_flush(g->vg_space->vs_root, PAGING_FLUSH_ALL);
	for (unsigned int i = 0; i < g->vg_n; i++)
		page_ref_put(g->vg_pa[i]);
	g->vg_n = 0;
}

static void
vm_drop_leaf(uintptr_t va, uint64_t *pte, void *arg)
{
	struct vm_gather *g = arg;

	(void)va;
	if (*pte & PAGING_OWNED) {
		if (g->vg_n == VM_GATHER)
			vm_gather_flush(g);
		g->vg_pa[g->vg_n++] = *pte & PG_ADDR;
		g->vg_space->vs_pages--;
	}
	*pte = 0;
}

/* Clear [va, end)'s entries, flush every CPU, then free the pages. */
static void
vm_drop_range(struct vm_space *vs, uint64_t va, uint64_t end)
{
	struct vm_gather *g = kmalloc(sizeof(*g));
	struct vm_gather one;

	/* Without memory for a batch: one page at a time, flushed each. */
	if (g == NULL) {
		one.vg_space = vs;
		one.vg_n = 0;
		for (uint64_t p = va; p < end; p += PAGE_SIZE) {
			paging_user_walk(vs->vs_root, p, p + PAGE_SIZE,
			    vm_drop_leaf, &one);
			vm_gather_flush(&one);
		}
		return;
	}
	g->vg_space = vs;
	g->vg_n = 0;
	paging_user_walk(vs->vs_root, va, end, vm_drop_leaf, g);
	vm_gather_flush(g);
	kfree(g);
}

/*
 * Cut [va, va + len) out of the area list and drop its pages; lock held.
 * Fails only for lack of memory to split an area, before changing anything.
 */
static int
vm_unmap_locked(struct vm_space *vs, uint64_t va, uint64_t len)
{
	uint64_t end = va + len;
	struct vm_area **pp;

	vs->vs_gen++;

	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next) {
		if (a->va_start < va && va < a->va_end) {
			if (vm_split(a, va) != 0)
				return -ENOMEM;
			continue;
		}
		if (a->va_start < end && end < a->va_end &&
		    vm_split(a, end) != 0)
			return -ENOMEM;
	}
	pp = &vs->vs_areas;
	while (*pp != NULL) {
		struct vm_area *a = *pp;

		if (a->va_start >= va && a->va_end <= end) {
			*pp = a->va_next;
			vm_area_free(a);
		} else {
			pp = &a->va_next;
		}
	}
	vm_drop_range(vs, va, end);
	return 0;
}

/* Every space (vm_file_shrunk visits them); taken before any vs_lock. */
static struct vm_space *vm_spaces;
static struct spinlock vm_spaces_lock = SPINLOCK_INIT;

struct vm_space *
vm_space_create(void)
{
	struct vm_space *vs = kzalloc(sizeof(*vs));
	bool on;

	if (vs == NULL)
		return NULL;
	if ((vs->vs_root = paging_space_create()) == 0) {
		kfree(vs);
		return NULL;
	}
	vs->vs_refs = 1;
	vs->vs_lock = (struct spinlock)SPINLOCK_INIT;
	on = spin_lock_irqsave(&vm_spaces_lock);
	vs->vs_prevp = &vm_spaces;
	if ((vs->vs_next = vm_spaces) != NULL)
		vm_spaces->vs_prevp = &vs->vs_next;
	vm_spaces = vs;
	spin_unlock_irqrestore(&vm_spaces_lock, on);
	return vs;
}

void
vm_space_hold(struct vm_space *vs)
{
	__atomic_fetch_add(&vs->vs_refs, 1, __ATOMIC_RELAXED);
}

static void (*vm_release_hook)(struct vm_space *);

void
vm_set_release_hook(void (*fn)(struct vm_space *))
{
	vm_release_hook = fn;
}

void
vm_space_release(struct vm_space *vs)
{
	bool on;

	if (vs == NULL ||
	    __atomic_sub_fetch(&vs->vs_refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (vs->vs_aio != NULL && vm_release_hook != NULL)
		vm_release_hook(vs);
	on = spin_lock_irqsave(&vm_spaces_lock);
	if ((*vs->vs_prevp = vs->vs_next) != NULL)
		vs->vs_next->vs_prevp = vs->vs_prevp;
	spin_unlock_irqrestore(&vm_spaces_lock, on);
	while (vs->vs_areas != NULL) {
		struct vm_area *a = vs->vs_areas;

		vs->vs_areas = a->va_next;
		vm_area_free(a);
	}
	paging_space_destroy(vs->vs_root);	/* drops the page references */
	kfree(vs);
}

struct vm_fork {
	struct vm_space	*vf_child;
	struct vm_area	*vf_area;
	int		 vf_error;
};

static void
vm_fork_leaf(uintptr_t va, uint64_t *pte, void *arg)
{
	struct vm_fork *vf = arg;
	uint64_t e = *pte, *ce;

	if (vf->vf_error != 0)
		return;
	if ((ce = paging_user_entry(vf->vf_child->vs_root, va, true)) == NULL) {
		vf->vf_error = -ENOMEM;
		return;
	}
	if (e & PAGING_OWNED) {
		page_ref_get(e & PG_ADDR);
		if (++vf->vf_child->vs_pages > vf->vf_child->vs_pages_peak)
			vf->vf_child->vs_pages_peak = vf->vf_child->vs_pages;
		/* Private pages become copy-on-write on both sides. */
		if (!(vf->vf_area->va_flags & VM_SHARED))
			*pte = e = e & ~PG_W;
	}
	*ce = e;
}

struct vm_space *
vm_space_fork(struct vm_space *parent)
{
	struct vm_space *vs = vm_space_create();
	struct vm_fork vf = { .vf_child = vs };
	struct vm_area **tail;
	bool on;

	if (vs == NULL)
		return NULL;
	tail = &vs->vs_areas;
	on = spin_lock_irqsave(&parent->vs_lock);
	vs->vs_brk_base = parent->vs_brk_base;
	vs->vs_brk = parent->vs_brk;
	vs->vs_supervisor = parent->vs_supervisor;
	vs->vs_membarrier = parent->vs_membarrier;
	for (struct vm_area *a = parent->vs_areas; a != NULL && vf.vf_error == 0;
	    a = a->va_next) {
		/* Memory locks are not inherited (mlock(2)). */
		struct vm_area *c;

		if (a->va_flags & VM_DONTFORK)
			continue;	/* the child has a hole here */
		c = vm_area_new(a->va_start, a->va_end,
		    a->va_flags & ~VM_LOCKED, a->va_file, a->va_off, a->va_off_end,
		    a->va_name);

		if (c == NULL) {
			vf.vf_error = -ENOMEM;
			break;
		}
		c->va_pages = a->va_pages;
		c->va_npages = a->va_npages;
		*tail = c;
		tail = &c->va_next;
		if (a->va_flags & VM_WIPEONFORK)
			continue;	/* the child's pages start as zeros */
		vf.vf_area = a;
		paging_user_walk(parent->vs_root, a->va_start, a->va_end,
		    vm_fork_leaf, &vf);
	}
	paging_user_flush(parent->vs_root, PAGING_FLUSH_ALL);
	spin_unlock_irqrestore(&parent->vs_lock, on);
	if (vf.vf_error != 0) {
		vm_space_release(vs);
		return NULL;
	}
	return vs;
}

/* Put new area a in place of whatever [start, end) held; a goes on error. */
static int
vm_place(struct vm_space *vs, struct vm_area *a)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);
	int error = vm_unmap_locked(vs, a->va_start, a->va_end - a->va_start);

	if (error == 0) {
		vm_insert(vs, a);
		vs->vs_gen++;
	}
	spin_unlock_irqrestore(&vs->vs_lock, on);
	if (error != 0)
		vm_area_free(a);
	return error;
}

int
vm_map_fixed(struct vm_space *vs, uint64_t va, uint64_t len,
    unsigned int flags, struct vnode *file, uint64_t off, uint64_t off_end,
    const char *name)
{
	struct vm_area *a;

	if ((va | len) & (PAGE_SIZE - 1) || len == 0 || va + len < va ||
	    va + len > PAGING_USER_TOP)
		return -EINVAL;
	if ((a = vm_area_new(va, va + len, flags, file, off, off_end,
	    name)) == NULL)
		return -ENOMEM;
	return vm_place(vs, a);
}

/* The highest free gap of len bytes below VM_MMAP_TOP; 0 if none. */
static uint64_t
vm_find_gap(struct vm_space *vs, uint64_t len)
{
	uint64_t floor = ALIGN_UP(vs->vs_brk_base, PAGE_SIZE) + VM_BRK_MAX;
	uint64_t va = VM_MMAP_TOP - len;

	for (;;) {
		struct vm_area *hit = NULL;

		if (va < floor || va > VM_MMAP_TOP)
			return 0;
		for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next)
			if (a->va_start < va + len && va < a->va_end)
				hit = a;	/* the highest overlap */
		if (hit == NULL)
			return va;
		va = hit->va_start - len;
	}
}

uint64_t
vm_free_place(struct vm_space *vs, uint64_t len)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);
	uint64_t va = vm_find_gap(vs, ALIGN_UP(len, PAGE_SIZE));

	spin_unlock_irqrestore(&vs->vs_lock, on);
	return va;
}

int
vm_map_special(struct vm_space *vs, uint64_t va, const uint64_t *pages,
    uint64_t npages, unsigned int flags, const char *name)
{
	uint64_t len = npages * PAGE_SIZE;
	struct vm_area *a;

	if ((flags & (VM_WRITE | VM_SHARED)) || npages == 0 ||
	    npages > PAGING_USER_TOP / PAGE_SIZE || (va & (PAGE_SIZE - 1)) ||
	    va + len < va || va + len > PAGING_USER_TOP)
		return -EINVAL;
	if ((a = vm_area_new(va, va + len, flags, NULL, 0, 0, name)) == NULL)
		return -ENOMEM;
	a->va_pages = pages;
	a->va_npages = npages;
	return vm_place(vs, a);
}

long
vm_mmap(struct vm_space *vs, uint64_t addr, uint64_t len, unsigned int flags,
    int how, struct vnode *file, uint64_t off, const char *name)
{
	struct vm_area *a;
	uint64_t va;
	bool on;
	long error;

	len = ALIGN_UP(len, PAGE_SIZE);
	if (len == 0 || len > VM_MMAP_TOP)
		return -ENOMEM;
	if ((a = vm_area_new(0, 0, flags, file, off, UINT64_MAX, name)) == NULL)
		return -ENOMEM;
	on = spin_lock_irqsave(&vs->vs_lock);
	if (how != 0) {
		va = addr;
		if (va < VM_LOW || va + len < va || va + len > PAGING_USER_TOP)
			error = (how & VM_MAP_NOREPLACE) ? -EEXIST : -ENOMEM;
		else if (!vm_range_free(vs, va, len) && (how & VM_MAP_NOREPLACE))
			error = -EEXIST;
		else
			error = vm_unmap_locked(vs, va, len);
	} else {
		/* A free hint is taken as it is, as Linux does. */
		va = ALIGN_DOWN(addr, PAGE_SIZE);
		if (va < VM_LOW || va + len < va || va + len > VM_MMAP_TOP ||
		    !vm_range_free(vs, va, len))
			va = vm_find_gap(vs, len);
		error = va == 0 ? -ENOMEM : 0;
	}
	if (error == 0) {
		a->va_start = va;
		a->va_end = va + len;
		if (vs->vs_lock_future)
			a->va_flags |= VM_LOCKED;
		vm_insert(vs, a);
		vs->vs_gen++;
	}
	spin_unlock_irqrestore(&vs->vs_lock, on);
	if (error != 0) {
		vm_area_free(a);
		return error;
	}
	return (long)va;
}

int
vm_unmap(struct vm_space *vs, uint64_t va, uint64_t len)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);
	int error = vm_unmap_locked(vs, va, ALIGN_UP(len, PAGE_SIZE));

	spin_unlock_irqrestore(&vs->vs_lock, on);
	return error;
}

/* Rights a present page of a may have: write only if nobody shares it. */
static uint64_t
vm_leaf_value(const struct vm_space *vs, const struct vm_area *a, uint64_t pa)
{
	unsigned int flags = a->va_flags;
	uint64_t leaf;

	if (!(flags & VM_SHARED) && page_ref_count(pa) > 1)
		flags &= ~VM_WRITE;
	if (!(flags & VM_RIGHTS))	/* PROT_NONE: keep the frame, no access */
		return (pa & PG_ADDR) | PAGING_OWNED;
	leaf = paging_user_make(pa, vm_pte_flags(flags));
	/* The ring-0 app's pages are the kernel's: no user access bit. */
	return vs->vs_supervisor ? leaf & ~PG_U : leaf;
}

/* Are [va, end) all inside areas?  Lock held. */
static bool
vm_covered_locked(struct vm_space *vs, uint64_t va, uint64_t end)
{
	uint64_t at = va;

	for (struct vm_area *a = vs->vs_areas; a != NULL && at < end;
	    a = a->va_next) {
		if (a->va_end <= at)
			continue;
		if (a->va_start > at)
			break;
		at = a->va_end;
	}
	return at >= end;
}

/*
 * Split the areas at va and end (page aligned) and call fn on each area
 * inside [va, end), in order; 0, or -ENOMEM when a split finds no memory
 * (the areas already done keep fn's change).  Lock held.
 */
static int
vm_range_areas(struct vm_space *vs, uint64_t va, uint64_t end,
    void (*fn)(struct vm_space *, struct vm_area *, void *), void *arg)
{
	int error = 0;

	for (struct vm_area *a = vs->vs_areas; error == 0 && a != NULL;
	    a = a->va_next) {
		if (a->va_end <= va || a->va_start >= end)
			continue;
		if (a->va_start < va) {
			error = vm_split(a, va);
			continue;	/* the next one is the part inside */
		}
		if (a->va_end > end && (error = vm_split(a, end)) != 0)
			break;
		fn(vs, a, arg);
	}
	return error;
}

struct vm_protect {
	struct vm_space	*vp_space;
	struct vm_area	*vp_area;
	unsigned int	 vp_rights;
};

static void
vm_protect_leaf(uintptr_t va, uint64_t *pte, void *arg)
{
	struct vm_protect *vp = arg;

	(void)va;
	if (*pte & PAGING_OWNED)
		*pte = vm_leaf_value(vp->vp_space, vp->vp_area, *pte & PG_ADDR);
}

static void
vm_protect_area(struct vm_space *vs, struct vm_area *a, void *arg)
{
	struct vm_protect *vp = arg;

	a->va_flags = (a->va_flags & ~VM_RIGHTS) | (vp->vp_rights & VM_RIGHTS);
	vp->vp_area = a;
	paging_user_walk(vs->vs_root, a->va_start, a->va_end, vm_protect_leaf,
	    vp);
}

int
vm_protect(struct vm_space *vs, uint64_t va, uint64_t len,
    unsigned int rights)
{
	uint64_t end = va + ALIGN_UP(len, PAGE_SIZE);
	struct vm_protect vp = { .vp_space = vs, .vp_rights = rights };
	bool on = spin_lock_irqsave(&vs->vs_lock);
	/* Linux: every page of the range must be mapped. */
	int error = vm_covered_locked(vs, va, end) ? 0 : -ENOMEM;

	vs->vs_gen++;
	/* A shared file area is writable only if its file is. */
	for (struct vm_area *a = vs->vs_areas; error == 0 && a != NULL;
	    a = a->va_next)
		if (a->va_end > va && a->va_start < end && a->va_file != NULL &&
		    (a->va_flags & VM_SHARED) && (rights & VM_WRITE) &&
		    !(a->va_flags & VM_MAYWRITE))
			error = -EACCES;
	if (error == 0)
		error = vm_range_areas(vs, va, end, vm_protect_area, &vp);
	paging_user_flush(vs->vs_root, PAGING_FLUSH_ALL);
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return error;
}

struct vm_advise {
	unsigned int	 va_set, va_clear;
};

static void
vm_advise_area(struct vm_space *vs, struct vm_area *a, void *arg)
{
	struct vm_advise *ad = arg;

	(void)vs;
	a->va_flags = (a->va_flags & ~ad->va_clear) | ad->va_set;
}

int
vm_advise_fork(struct vm_space *vs, uint64_t va, uint64_t len,
    unsigned int set, unsigned int clear)
{
	uint64_t end = va + ALIGN_UP(len, PAGE_SIZE);
	struct vm_advise ad = { set, clear };
	bool on = spin_lock_irqsave(&vs->vs_lock);
	bool covered = vm_covered_locked(vs, va, end);
	int error = 0;

	/* Wiping is for private anonymous memory only. */
	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next)
		if (a->va_end > va && a->va_start < end &&
		    (set & VM_WIPEONFORK) &&
		    (a->va_file != NULL || (a->va_flags & VM_SHARED) ||
		    a->va_pages != NULL))
			error = -EINVAL;
	if (error == 0) {
		vs->vs_gen++;
		error = vm_range_areas(vs, va, end, vm_advise_area, &ad);
	}
	spin_unlock_irqrestore(&vs->vs_lock, on);
	if (error == 0 && !covered)
		error = -ENOMEM;
	return error;
}

struct vm_move {
	struct vm_space	*vm_space;
	int64_t		 vm_delta;
	int		 vm_error;
};

static void
vm_move_leaf(uintptr_t va, uint64_t *pte, void *arg)
{
	struct vm_move *m = arg;
	uint64_t *ne;

	if (m->vm_error != 0)
		return;
	ne = paging_user_entry(m->vm_space->vs_root, va + m->vm_delta, true);
	if (ne == NULL) {
		m->vm_error = -ENOMEM;
		return;
	}
	*ne = *pte;
	*pte = 0;
}

long
vm_remap(struct vm_space *vs, uint64_t old, uint64_t old_len,
    uint64_t new_len, int how, uint64_t new_addr)
{
	struct vm_area *a, *n;
	struct vm_move m = { .vm_space = vs };
	uint64_t va;
	bool on;
	long error = 0;

	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if ((old & (PAGE_SIZE - 1)) || new_len == 0 ||
	    ((how & VM_REMAP_FIXED) && !(how & VM_REMAP_MAYMOVE)))
		return -EINVAL;
	if ((how & VM_REMAP_FIXED) && ((new_addr & (PAGE_SIZE - 1)) ||
	    new_addr < VM_LOW || new_addr + new_len > PAGING_USER_TOP ||
	    (new_addr < old + old_len && old < new_addr + new_len)))
		return -EINVAL;
	on = spin_lock_irqsave(&vs->vs_lock);
	vs->vs_gen++;
	a = vm_find(vs, old);
	if (a == NULL || old_len == 0 || old + old_len > a->va_end) {
		error = -EFAULT;
		goto out;
	}
	if (a->va_pages != NULL && new_len != old_len) {
		error = -EINVAL;	/* kernel pages: moved, never resized */
		goto out;
	}
	if (!(how & VM_REMAP_FIXED) && new_len <= old_len) {
		if (new_len < old_len)
			error = vm_unmap_locked(vs, old + new_len,
			    old_len - new_len);
		error = error != 0 ? error : (long)old;
		goto out;
	}
	/* Grow in place when the area ends here and the gap is free. */
	if (!(how & VM_REMAP_FIXED) && a->va_end == old + old_len &&
	    old + new_len <= PAGING_USER_TOP && old + new_len > old &&
	    vm_range_free(vs, a->va_end, new_len - old_len)) {
		a->va_end = old + new_len;
		error = (long)old;
		goto out;
	}
	if (!(how & VM_REMAP_MAYMOVE)) {
		error = -ENOMEM;
		goto out;
	}
	if (how & VM_REMAP_FIXED) {
		va = new_addr;
		if ((error = vm_unmap_locked(vs, va, new_len)) != 0)
			goto out;
	} else if ((va = vm_find_gap(vs, new_len)) == 0) {
		error = -ENOMEM;
		goto out;
	}
	/* Carve [old, old + old_len) out as its own area, then move it. */
	if (a->va_start < old) {
		if ((error = vm_split(a, old)) != 0)
			goto out;
		a = a->va_next;
	}
	if (a->va_end > old + old_len &&
	    (error = vm_split(a, old + old_len)) != 0)
		goto out;
	n = vm_area_new(va, va + new_len, a->va_flags, a->va_file, a->va_off,
	    a->va_off_end, a->va_name);
	if (n == NULL) {
		error = -ENOMEM;
		goto out;
	}
	n->va_pages = a->va_pages;
	n->va_npages = a->va_npages;
	m.vm_delta = (int64_t)(va - old);
	paging_user_walk(vs->vs_root, old, old + MIN(old_len, new_len),
	    vm_move_leaf, &m);
	vm_insert(vs, n);
	/* What did not move (on failure, or past new_len) is dropped. */
	(void)vm_unmap_locked(vs, old, old_len);
	error = m.vm_error != 0 ? m.vm_error : (long)va;
	if (m.vm_error != 0)
		(void)vm_unmap_locked(vs, va, new_len);
out:
	paging_user_flush(vs->vs_root, PAGING_FLUSH_ALL);
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return error;
}

uint64_t
vm_brk(struct vm_space *vs, uint64_t want)
{
	uint64_t old_end, new_end;
	struct vm_area *heap = NULL;
	bool on = spin_lock_irqsave(&vs->vs_lock);

	vs->vs_gen++;
	if (want < vs->vs_brk_base || want > vs->vs_brk_base + VM_BRK_MAX)
		goto out;		/* Linux: the break stays */
	old_end = ALIGN_UP(vs->vs_brk, PAGE_SIZE);
	new_end = ALIGN_UP(want, PAGE_SIZE);
	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next)
		if ((a->va_flags & VM_HEAP) && a->va_end == old_end)
			heap = a;
	if (new_end > old_end) {
		if (!vm_range_free(vs, old_end, new_end - old_end))
			goto out;
		if (heap != NULL) {
			heap->va_end = new_end;
		} else {
			heap = vm_area_new(old_end, new_end, VM_READ | VM_WRITE |
			    VM_HEAP, NULL, 0, 0, "[heap]");
			if (heap == NULL)
				goto out;
			vm_insert(vs, heap);
		}
	} else if (new_end < old_end &&
	    vm_unmap_locked(vs, new_end, old_end - new_end) != 0) {
		goto out;
	}
	vs->vs_brk = want;
out:
	want = vs->vs_brk;
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return want;
}

/*
 * The page for a not-present fault at page in a: 0 with *pap, -ENOMEM,
 * or -EIO for a file page wholly past the file's end (SIGBUS).
 */
static int
vm_fill(struct vm_area *a, uint64_t page, unsigned int access, uint64_t *pap)
{
	uint64_t off = a->va_off + (page - a->va_start), pa;
	uint64_t n = 0;
	char *kva;
	int error;

	if (a->va_file != NULL) {
		struct vnode *v = a->va_file;
		uint64_t size = v->v_size;
		bool shared = (a->va_flags & VM_SHARED) != 0;

		if (off < a->va_off_end && off >= ALIGN_UP(size, PAGE_SIZE))
			return -EIO;
		if (a->va_off_end > off)
			n = MIN((uint64_t)PAGE_SIZE, a->va_off_end - off);
		n = off < size ? MIN(n, size - off) : 0;
		/*
		 * The file's own page when its filesystem keeps pages (a
		 * shared mapping is the file); else whole pages not (yet)
		 * written come from the cache.
		 */
		if (n > 0 && (shared || !(access & VM_WRITE))) {
			error = vfs_getpage(v, off / PAGE_SIZE, shared &&
			    (a->va_flags & VM_MAYWRITE), &pa);
			if (error == 0) {
				*pap = pa;
				return 0;
			}
			if (error == -ENXIO)
				return -EIO;	/* shrank meanwhile */
			if (error != -ENOTSUP)
				return -ENOMEM;
			if (n == PAGE_SIZE &&
			    (pa = pagecache_get(v, off)) != 0) {
				*pap = pa;
				return 0;
			}
		}
	}
	/* Short of memory: pages only the page cache holds go first. */
	if ((pa = page_ref_alloc()) == 0 &&
	    (pagecache_reclaim() == 0 || (pa = page_ref_alloc()) == 0))
		return -ENOMEM;
	kva = phys_to_virt(pa);
	if (n > 0 && vfs_read(a->va_file, kva, n, off) != (long)n) {
		page_ref_put(pa);
		return -ENOMEM;
	}
	memset(kva + n, 0, PAGE_SIZE - n);
	*pap = pa;
	return 0;
}

/*
 * Extend a stack area (exec's, or MAP_GROWSDOWN) down to cover va if
 * that is allowed; lock held.  As Linux, it keeps a gap of
 * VM_STACK_GUARD from an accessible area below that is not a stack.
 */
static struct vm_area *
vm_grow_stack(struct vm_space *vs, uint64_t va)
{
	struct vm_area *prev = NULL;

	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next) {
		if (a->va_start > va) {
			uint64_t lo = ALIGN_DOWN(va, PAGE_SIZE);

			if (!(a->va_flags & VM_GROWSDOWN) ||
			    a->va_end - lo > VM_STACK_MAX ||
			    (prev != NULL && (prev->va_end > lo ||
			    ((prev->va_flags & VM_RIGHTS) &&
			    !(prev->va_flags & VM_GROWSDOWN) &&
			    lo - prev->va_end < VM_STACK_GUARD))))
				return NULL;
			a->va_start = lo;
			vs->vs_gen++;
			return a;
		}
		prev = a;
	}
	return NULL;
}

/* The accessed and dirty bits the CPU sets in a leaf entry itself. */
#define VM_PTE_AD	((1UL << 5) | (1UL << 6))

static int
vm_fault_locked(struct vm_space *vs, uint64_t va, unsigned int access)
{
	uint64_t page = ALIGN_DOWN(va, PAGE_SIZE), *pte, pa, e;
	struct vm_area *a = vm_find(vs, va);
	unsigned int rights;
	int error;

	if (a == NULL && (a = vm_grow_stack(vs, va)) == NULL)
		return -EFAULT;
	/* x86 pages that may be written or run may be read: a write-only
	 * mapping reads as on Linux. */
	rights = a->va_flags & VM_RIGHTS;
	if (rights & (VM_WRITE | VM_EXEC))
		rights |= VM_READ;
	/*
	 * A debugger's access (VM_FORCE) passes the rights of any area the
	 * program may use, writing a private copy of a read-only page; a
	 * shared area it writes only where the program could.
	 */
	if ((access & VM_FORCE) && rights != 0 &&
	    (!(access & VM_WRITE) || !(a->va_flags & VM_SHARED)))
		rights |= VM_READ | VM_WRITE;
	access &= ~(unsigned int)VM_FORCE;
	if ((access & ~rights) != 0 || rights == 0)
		return -EFAULT;
	if ((pte = paging_user_entry(vs->vs_root, page, true)) == NULL)
		return -ENOMEM;
	e = *pte;
	if (e & PAGING_OWNED) {
		pa = e & PG_ADDR;
		if ((access & VM_WRITE) && !(a->va_flags & VM_SHARED) &&
		    page_ref_count(pa) > 1) {
			/* Copy-on-write: this space gets its own page. */
			uint64_t copy = page_ref_alloc();

			if (copy == 0)
				return -ENOMEM;
			memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
			page_ref_put(pa);
			pa = copy;
		}
		*pte = vm_leaf_value(vs, a, pa);
	} else if (a->va_pages != NULL) {
		uint64_t i = (a->va_off + (page - a->va_start)) / PAGE_SIZE;
		uint64_t want;

		if (i >= a->va_npages || (access & VM_WRITE))
			return -EFAULT;
		want = vm_leaf_value(vs, a, a->va_pages[i]) & ~PAGING_OWNED;
		/*
		 * Present already as it should be: a thread of this space on
		 * another CPU faulted on it too and mapped it between this
		 * CPU's walk and now.  The access stands; try again.
		 */
		if ((e & PG_P) && (e & ~VM_PTE_AD) != want)
			return -EFAULT;
		*pte = want;
	} else if (e & PG_P) {
		return -EFAULT;		/* a kernel page, or not the manager's */
	} else {
		if ((error = vm_fill(a, page, access, &pa)) != 0)
			return error;
		*pte = vm_leaf_value(vs, a, pa);
		if (++vs->vs_pages > vs->vs_pages_peak)
			vs->vs_pages_peak = vs->vs_pages;
	}
	paging_user_flush(vs->vs_root, page);
	return 0;
}

int
vm_fault(struct vm_space *vs, uint64_t va, unsigned int access)
{
	bool on;
	int error;

	if (vs == NULL || va >= PAGING_USER_TOP)
		return -EFAULT;
	on = spin_lock_irqsave(&vs->vs_lock);
	error = vm_fault_locked(vs, va, access);
	spin_unlock_irqrestore(&vs->vs_lock, on);
	if (error == 0)		/* the page was in memory: a minor fault */
		thread_current()->t_counts.tc_minflt++;
	return error;
}

bool
vm_fault_is_bus(struct vm_space *vs, uint64_t va)
{
	bool on = spin_lock_irqsave(&vs->vs_lock), bus = false;
	struct vm_area *a = vm_find(vs, va);

	if (a != NULL && a->va_file != NULL) {
		uint64_t off = a->va_off + (ALIGN_DOWN(va, PAGE_SIZE) -
		    a->va_start);

		bus = off < a->va_off_end &&
		    off >= ALIGN_UP(a->va_file->v_size, PAGE_SIZE);
	}
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return bus;
}

/* Drop the pages of a that map file offsets from off on; lock held. */
static void
vm_area_cut(struct vm_space *vs, struct vm_area *a, uint64_t off)
{
	uint64_t from = a->va_start;

	if (off > a->va_off)
		from = off - a->va_off >= a->va_end - a->va_start ? a->va_end :
		    a->va_start + (off - a->va_off);
	if (from >= a->va_end)
		return;
	vm_drop_range(vs, from, a->va_end);
}

void
vm_file_shrunk(struct vnode *v, uint64_t size)
{
	uint64_t off = ALIGN_UP(size, PAGE_SIZE);
	bool on = spin_lock_irqsave(&vm_spaces_lock);

	for (struct vm_space *vs = vm_spaces; vs != NULL; vs = vs->vs_next) {
		bool on2 = spin_lock_irqsave(&vs->vs_lock);

		for (struct vm_area *a = vs->vs_areas; a != NULL;
		    a = a->va_next)
			if (a->va_file == v && off < a->va_off_end)
				vm_area_cut(vs, a, off);
		spin_unlock_irqrestore(&vs->vs_lock, on2);
	}
	spin_unlock_irqrestore(&vm_spaces_lock, on);
}

int
vm_sync(struct vm_space *vs, uint64_t va, uint64_t len, bool invalidate)
{
	uint64_t end = va + ALIGN_UP(len, PAGE_SIZE);
	bool on = spin_lock_irqsave(&vs->vs_lock);
	int error = vm_covered_locked(vs, va, end) ? 0 : -ENOMEM;

	/* Locked pages cannot be invalidated: Linux says -EBUSY first. */
	for (struct vm_area *a = vs->vs_areas; invalidate && a != NULL;
	    a = a->va_next)
		if (a->va_end > va && a->va_start < end &&
		    (a->va_flags & VM_LOCKED))
			error = -EBUSY;
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return error;
}

static void
vm_lock_area(struct vm_space *vs, struct vm_area *a, void *arg)
{
	(void)vs;
	a->va_flags = *(bool *)arg ? a->va_flags | VM_LOCKED :
	    a->va_flags & ~VM_LOCKED;
}

int
vm_lock(struct vm_space *vs, uint64_t va, uint64_t len, bool lock)
{
	uint64_t end = va + len;
	bool on = spin_lock_irqsave(&vs->vs_lock);
	int error = vm_covered_locked(vs, va, end) ?
	    vm_range_areas(vs, va, end, vm_lock_area, &lock) : -ENOMEM;

	vs->vs_gen++;
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return error;
}

void
vm_lock_all(struct vm_space *vs, bool lock, bool future)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);

	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next)
		a->va_flags = lock ? a->va_flags | VM_LOCKED :
		    a->va_flags & ~VM_LOCKED;
	vs->vs_lock_future = future;
	spin_unlock_irqrestore(&vs->vs_lock, on);
}

uint64_t
vm_locked_bytes(struct vm_space *vs)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);
	uint64_t n = 0;

	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next)
		if (a->va_flags & VM_LOCKED)
			n += a->va_end - a->va_start;
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return n;
}

struct vm_core {
	uint64_t	 vc_base;
	uint8_t		*vc_vec;
};

static void
vm_core_leaf(uintptr_t va, uint64_t *pte, void *arg)
{
	struct vm_core *vc = arg;

	/* Any page mapped here is resident: owned anonymous pages and the
	 * shared pages of a file (a shared anonymous mapping's too). */
	if (*pte & PG_P)
		vc->vc_vec[(va - vc->vc_base) / PAGE_SIZE] = 1;
}

int
vm_mincore(struct vm_space *vs, uint64_t va, size_t n, uint8_t *vec)
{
	struct vm_core vc = { .vc_base = va, .vc_vec = vec };
	uint64_t end = va + (uint64_t)n * PAGE_SIZE;
	bool on = spin_lock_irqsave(&vs->vs_lock);
	int error = 0;

	memset(vec, 0, n);
	if (!vm_covered_locked(vs, va, end))
		error = -ENOMEM;
	else
		paging_user_walk(vs->vs_root, va, end, vm_core_leaf, &vc);
	/*
	 * A file's page this space has not touched is resident when the
	 * file holds it in memory (another process faulted or locked it),
	 * as Linux answers from the page cache.
	 */
	for (struct vm_area *a = vs->vs_areas; error == 0 && a != NULL;
	    a = a->va_next) {
		if (a->va_file == NULL || a->va_end <= va || a->va_start >= end)
			continue;
		for (uint64_t p = MAX(va, a->va_start); p < MIN(end, a->va_end);
		    p += PAGE_SIZE)
			if (vec[(p - va) / PAGE_SIZE] == 0 &&
			    vfs_page_resident(a->va_file,
			    (a->va_off + (p - a->va_start)) / PAGE_SIZE))
				vec[(p - va) / PAGE_SIZE] = 1;
	}
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return error;
}

int
vm_populate(struct vm_space *vs, uint64_t va, uint64_t len,
    unsigned int access)
{
	for (uint64_t p = ALIGN_DOWN(va, PAGE_SIZE); p < va + len;
	    p += PAGE_SIZE) {
		uint64_t pte = paging_user_pte(vs->vs_root, p);
		int error;

		if ((pte & PG_P) && (!(access & VM_WRITE) || (pte & PG_W)))
			continue;
		if ((error = vm_fault(vs, p, access)) != 0)
			return error;
	}
	return 0;
}

void
vm_areas_foreach(struct vm_space *vs,
    void (*fn)(const struct vm_area *, void *), void *arg)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);

	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next)
		fn(a, arg);
	spin_unlock_irqrestore(&vs->vs_lock, on);
}

static size_t
vm_access_as(struct vm_space *vs, uint64_t va, void *buf, size_t len,
    bool write, unsigned int force)
{
	size_t done = 0;

	while (done < len) {
		uint64_t at = va + done, n = PAGE_SIZE - (at & (PAGE_SIZE - 1));
		bool on;
		char *k;
		int error;

		if (at < va || at >= PAGING_USER_TOP)
			break;
		if (n > len - done)
			n = len - done;
		on = spin_lock_irqsave(&vs->vs_lock);
		error = vm_fault_locked(vs, at,
		    (write ? VM_WRITE : VM_READ) | force);
		if (error == 0) {
			k = (char *)phys_to_virt(paging_user_pte(vs->vs_root,
			    at) & PG_ADDR) + (at & (PAGE_SIZE - 1));
			if (write)
				memcpy(k, (const char *)buf + done, n);
			else
				memcpy((char *)buf + done, k, n);
		}
		spin_unlock_irqrestore(&vs->vs_lock, on);
		if (error != 0)
			break;
		done += n;
	}
	return done;
}

size_t
vm_access(struct vm_space *vs, uint64_t va, void *buf, size_t len,
    bool write)
{
	return vm_access_as(vs, va, buf, len, write, 0);
}

size_t
vm_access_force(struct vm_space *vs, uint64_t va, void *buf, size_t len,
    bool write)
{
	return vm_access_as(vs, va, buf, len, write, VM_FORCE);
}

int
vm_shared_phys(struct vm_space *vs, uint64_t va, uint64_t *pa)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);
	struct vm_area *a = vm_find(vs, va);
	uint64_t pte;
	int shared = 0;

	if (a == NULL || !(a->va_flags & VM_READ) ||
	    vm_fault_locked(vs, va, VM_READ) != 0) {
		shared = -EFAULT;
	} else if (a->va_flags & VM_SHARED) {
		pte = paging_user_pte(vs->vs_root, va);
		*pa = (pte & PG_ADDR) | (va & (PAGE_SIZE - 1));
		shared = 1;
	}
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return shared;
}

bool
vm_area_at(struct vm_space *vs, uint64_t va, struct vnode **file,
    uint64_t *start, uint64_t *end, uint64_t *off)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);
	struct vm_area *a = vm_find(vs, va);

	if (a != NULL) {
		*file = a->va_file;
		*start = a->va_start;
		*end = a->va_end;
		*off = a->va_off;
	}
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return a != NULL;
}

unsigned int
vm_flags_at(struct vm_space *vs, uint64_t va)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);
	struct vm_area *a = vm_find(vs, va);
	unsigned int flags = a != NULL ? a->va_flags : 0;

	spin_unlock_irqrestore(&vs->vs_lock, on);
	return flags;
}

struct vnode *
vm_file_at(struct vm_space *vs, uint64_t va)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);
	struct vm_area *a = vm_find(vs, va);
	struct vnode *v = a != NULL ? a->va_file : NULL;

	spin_unlock_irqrestore(&vs->vs_lock, on);
	return v;
}

/* Do areas allowing access cover [va, end)?  Lock held. */
static bool
vm_covered(struct vm_space *vs, uint64_t va, uint64_t end, unsigned int access)
{
	for (struct vm_area *a = vs->vs_areas; a != NULL; a = a->va_next) {
		if (a->va_end <= va)
			continue;
		if (a->va_start > va || (access & ~a->va_flags & VM_RIGHTS))
			return false;	/* a hole, or not allowed */
		if (a->va_end >= end) {
			if (a->va_start <= va) {
				vs->vs_hint = a;
				vs->vs_hint_gen = vs->vs_gen;
			}
			return true;
		}
		va = a->va_end;
	}
	return false;
}

bool
vm_range_ok(struct vm_space *vs, uint64_t va, uint64_t len,
    unsigned int access)
{
	uint64_t end = va + len;
	struct vm_area *h = vs->vs_hint;
	bool on, ok;

	if (end < va || end > PAGING_USER_TOP)
		return false;
	if (len == 0)
		return true;
	/*
	 * The area that answered last time, unless the list changed since:
	 * read without the lock only when no other thread shares the space
	 * (only its own thread, the caller, changes the list then).
	 */
	if (h != NULL && vs->vs_refs == 1 && vs->vs_hint_gen == vs->vs_gen &&
	    h->va_start <= va && end <= h->va_end &&
	    !(access & ~h->va_flags & VM_RIGHTS))
		return true;
	on = spin_lock_irqsave(&vs->vs_lock);
	ok = vm_covered(vs, va, end, access);
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return ok;
}

int
vm_discard(struct vm_space *vs, uint64_t va, uint64_t len)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);
	int error = 0;

	/* Pages go; the areas stay: the next touch reads zeros or the file. */
	if (len == 0 || va + len < va || !vm_covered(vs, va, va + len, 0))
		error = -ENOMEM;
	else
		vm_drop_range(vs, va, va + len);
	spin_unlock_irqrestore(&vs->vs_lock, on);
	return error;
}

#define VM_PTE_ACCESSED	(1UL << 5)
#define VM_PTE_DIRTY	(1UL << 6)

/* The holders of the page at pa (a page outside the counted ones: one). */
static unsigned int
vm_page_holders(uint64_t pa)
{
	unsigned int refs = page_ref_count(pa);

	return refs > 0 ? refs : 1;
}

struct vm_usage_walk {
	struct vm_usage	*uw_u;
	bool		 uw_anon;
};

static void
vm_usage_leaf(uintptr_t va, uint64_t *pte, void *arg)
{
	struct vm_usage_walk *w = arg;
	struct vm_usage *u = w->uw_u;
	unsigned int refs;
	bool dirty;

	(void)va;
	if (!(*pte & PG_P))
		return;
	refs = vm_page_holders(*pte & PG_ADDR);
	dirty = (*pte & VM_PTE_DIRTY) != 0;
	u->vu_rss += PAGE_SIZE;
	u->vu_pss_4k += ((uint64_t)PAGE_SIZE << 12) / refs;
	if (refs > 1)
		*(dirty ? &u->vu_shared_dirty : &u->vu_shared_clean) +=
		    PAGE_SIZE;
	else
		*(dirty ? &u->vu_private_dirty : &u->vu_private_clean) +=
		    PAGE_SIZE;
	if (*pte & VM_PTE_ACCESSED)
		u->vu_referenced += PAGE_SIZE;
	if (w->uw_anon)
		u->vu_anon += PAGE_SIZE;
}

void
vm_area_usage(struct vm_space *vs, const struct vm_area *a,
    struct vm_usage *u)
{
	struct vm_usage_walk w = { u, a->va_file == NULL &&
	    !(a->va_flags & VM_SHARED) };

	memset(u, 0, sizeof(*u));
	paging_user_walk(vs->vs_root, a->va_start, a->va_end, vm_usage_leaf,
	    &w);
}

void
vm_pagemap(struct vm_space *vs, uint64_t va, size_t n, uint64_t *out,
    bool pfn)
{
	bool on = spin_lock_irqsave(&vs->vs_lock);

	for (size_t i = 0; i < n; i++, va += PAGE_SIZE) {
		uint64_t pte = va < PAGING_USER_TOP ?
		    paging_user_pte(vs->vs_root, va) : 0, e;
		struct vm_area *a;

		out[i] = 0;
		if (!(pte & PG_P))
			continue;
		e = VM_PM_PRESENT | VM_PM_SOFT_DIRTY;
		if (pfn)
			e |= (pte & PG_ADDR) >> PAGE_SHIFT;
		if (page_ref_count(pte & PG_ADDR) <= 1)
			e |= VM_PM_EXCLUSIVE;
		a = vm_find(vs, va);
		if (a != NULL && (a->va_file != NULL ||
		    (a->va_flags & VM_SHARED)) &&
		    page_ref_count(pte & PG_ADDR) > 1)
			e |= VM_PM_FILE;	/* the file's page, not a copy */
		out[i] = e;
	}
	spin_unlock_irqrestore(&vs->vs_lock, on);
}
