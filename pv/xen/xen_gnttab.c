/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Grant tables v1 (see xen_gnttab.h). */
#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/grant_table.h>
#include <xen/memory.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/spinlock.h>
#include <kernel/log/printk.h>

#include "xen_gnttab.h"
#include "xen_hypercall.h"

#define XEN_GNTTAB_PER_FRAME	(4096 / sizeof(struct grant_entry_v1))
#define XEN_GNTTAB_MAX		(XEN_GNTTAB_FRAMES * XEN_GNTTAB_PER_FRAME)
#define XEN_GNTTAB_NONE		0xffffffffu

/* The RAM behind these pages is traded for the table's frames. */
static struct grant_entry_v1 xen_gnttab[XEN_GNTTAB_MAX] __aligned(4096);
static uint32_t xen_gnttab_next[XEN_GNTTAB_MAX];	/* free or deferred */
static uint32_t xen_gnttab_free_head = XEN_GNTTAB_NONE;
static uint32_t xen_gnttab_deferred_head = XEN_GNTTAB_NONE;
static unsigned int xen_gnttab_nr;	/* entries usable */
static struct xen_gnttab_stats xen_gnttab_st;
static struct spinlock xen_gnttab_lock = SPINLOCK_INIT;
static int xen_gnttab_state;		/* 0 untried, 1 up, <0 error */

static long
xen_gnttab_op(unsigned int cmd, void *arg, unsigned int count)
{
	return xen_hypercall3(__HYPERVISOR_grant_table_op, cmd,
	    (uintptr_t)arg, count);
}

int
xen_gnttab_init(void)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	unsigned int frames;
	bool on;
	long rc;

	if (xen_gnttab_state != 0)
		return xen_gnttab_state > 0 ? 0 : xen_gnttab_state;
	rc = xen_gnttab_op(GNTTABOP_query_size, &q, 1);
	if (rc != 0 || q.status != GNTST_okay || q.max_nr_frames == 0) {
		pr_err("xen: grant table size unknown (%ld, status %d)\n", rc,
		    q.status);
		xen_gnttab_state = -ENODEV;
		return xen_gnttab_state;
	}
	frames = q.max_nr_frames < XEN_GNTTAB_FRAMES ? q.max_nr_frames :
	    XEN_GNTTAB_FRAMES;
	for (unsigned int i = 0; i < frames; i++) {
		struct xen_add_to_physmap xatp = {
			.domid = DOMID_SELF,
			.space = XENMAPSPACE_grant_table,
			.idx = i,
			.gpfn = paging_kimg_pa((char *)xen_gnttab +
			    i * 4096) >> 12,
		};

		rc = xen_hypercall2(__HYPERVISOR_memory_op,
		    XENMEM_add_to_physmap, (uintptr_t)&xatp);
		if (rc != 0) {
			if (i == 0) {
				pr_err("xen: grant table not mapped (%ld)\n",
				    rc);
				xen_gnttab_state = -ENODEV;
				return xen_gnttab_state;
			}
			frames = i;
			break;
		}
	}
	on = spin_lock_irqsave(&xen_gnttab_lock);
	xen_gnttab_nr = frames * XEN_GNTTAB_PER_FRAME;
	for (uint32_t r = xen_gnttab_nr; r-- > GNTTAB_NR_RESERVED_ENTRIES;) {
		xen_gnttab_next[r] = xen_gnttab_free_head;
		xen_gnttab_free_head = r;
	}
	xen_gnttab_st.gs_frames = frames;
	xen_gnttab_st.gs_free = xen_gnttab_nr - GNTTAB_NR_RESERVED_ENTRIES;
	xen_gnttab_state = 1;
	spin_unlock_irqrestore(&xen_gnttab_lock, on);
	pr_info("xen: grant table: %u of %u frames (%u references)\n",
	    frames, q.max_nr_frames, xen_gnttab_nr);
	return 0;
}

/*
 * Clear ref's entry unless the backend maps it: true when cleared.
 * Lock held.
 */
static bool
xen_gnttab_clear(uint32_t ref)
{
	uint16_t flags = __atomic_load_n(&xen_gnttab[ref].flags,
	    __ATOMIC_ACQUIRE);

	do {
		if (flags & (GTF_reading | GTF_writing))
			return false;
	} while (!__atomic_compare_exchange_n(&xen_gnttab[ref].flags, &flags,
	    0, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
	return true;
}

static void
xen_gnttab_put_free(uint32_t ref)
{
	xen_gnttab_next[ref] = xen_gnttab_free_head;
	xen_gnttab_free_head = ref;
	xen_gnttab_st.gs_free++;
}

/* Retry the deferred ends.  Lock held. */
static void
xen_gnttab_retry(void)
{
	uint32_t *pp = &xen_gnttab_deferred_head;

	while (*pp != XEN_GNTTAB_NONE) {
		uint32_t ref = *pp;

		if (xen_gnttab_clear(ref)) {
			*pp = xen_gnttab_next[ref];
			xen_gnttab_st.gs_deferred--;
			xen_gnttab_put_free(ref);
		} else {
			pp = &xen_gnttab_next[ref];
		}
	}
}

int
xen_gnttab_grant(uint16_t domid, uint64_t gfn, bool readonly, uint32_t *ref)
{
	uint32_t r;
	bool on;
	int error;

	if ((error = xen_gnttab_init()) != 0)
		return error;
	if (gfn > UINT32_MAX)
		return -EINVAL;		/* v1 entries hold 32-bit frames */
	on = spin_lock_irqsave(&xen_gnttab_lock);
	if (xen_gnttab_deferred_head != XEN_GNTTAB_NONE)
		xen_gnttab_retry();
	if ((r = xen_gnttab_free_head) == XEN_GNTTAB_NONE) {
		spin_unlock_irqrestore(&xen_gnttab_lock, on);
		return -ENOSPC;
	}
	xen_gnttab_free_head = xen_gnttab_next[r];
	xen_gnttab_next[r] = XEN_GNTTAB_NONE;
	xen_gnttab_st.gs_free--;
	xen_gnttab[r].domid = domid;
	xen_gnttab[r].frame = (uint32_t)gfn;
	/* The frame and domain before the flags that validate them. */
	__atomic_store_n(&xen_gnttab[r].flags, (uint16_t)(GTF_permit_access |
	    (readonly ? GTF_readonly : 0)), __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&xen_gnttab_lock, on);
	*ref = r;
	return 0;
}

static bool
xen_gnttab_valid(uint32_t ref)
{
	return ref >= GNTTAB_NR_RESERVED_ENTRIES && ref < xen_gnttab_nr &&
	    (__atomic_load_n(&xen_gnttab[ref].flags, __ATOMIC_ACQUIRE) &
	    GTF_permit_access);
}

int
xen_gnttab_end(uint32_t ref)
{
	bool on = spin_lock_irqsave(&xen_gnttab_lock);
	int error = 0;

	if (!xen_gnttab_valid(ref))
		error = -EINVAL;
	else if (!xen_gnttab_clear(ref)) {
		xen_gnttab_st.gs_busy++;
		error = -EBUSY;
	} else
		xen_gnttab_put_free(ref);
	spin_unlock_irqrestore(&xen_gnttab_lock, on);
	return error;
}

void
xen_gnttab_end_later(uint32_t ref)
{
	bool on = spin_lock_irqsave(&xen_gnttab_lock);

	if (xen_gnttab_valid(ref)) {
		if (xen_gnttab_clear(ref)) {
			xen_gnttab_put_free(ref);
		} else {
			xen_gnttab_st.gs_busy++;
			xen_gnttab_next[ref] = xen_gnttab_deferred_head;
			xen_gnttab_deferred_head = ref;
			xen_gnttab_st.gs_deferred++;
		}
	}
	spin_unlock_irqrestore(&xen_gnttab_lock, on);
}

void
xen_gnttab_stats(struct xen_gnttab_stats *s)
{
	bool on = spin_lock_irqsave(&xen_gnttab_lock);

	*s = xen_gnttab_st;
	spin_unlock_irqrestore(&xen_gnttab_lock, on);
}

uint64_t
xen_gnttab_gfn(const void *va)
{
	return virt_to_phys(va) >> 12;
}
