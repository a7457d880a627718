/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Xen's balloon, offered as the balloon class's device
 * (pv_balloon_drv.h).  Every domain has one: the toolstack writes the
 * memory it wants the domain to have into memory/target (KiB), which
 * xen_bus.c offers as the device "balloon/0", and "xl mem-set DOM SIZE"
 * changes it.  We watch the key; the target as pages to give back is
 * counted from the value the domain booted with.  Frames go back with
 * XENMEM_decrease_reservation and return with XENMEM_populate_physmap,
 * one hypercall for each batch (never one a page).  Both are synchronous
 * and never sleep, so take is fit for an allocation about to fail; the
 * frames Xen gives back are zeroed by Xen.  A frame Xen did not take or
 * give stays where it was (the hypercalls say how many extents they
 * did).  The target is untrusted: a value that is not a number is logged
 * and ignored, a larger one is cut by the policy above the class.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/spinlock.h>
#include <pv/common/pv_balloon.h>
#include <pv/common/pv_balloon_drv.h>
#include <pv/common/pv_driver.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/printk.h>

#include <xen/xen.h>
#include <xen/memory.h>

#include "xen_balloon_calc.h"
#include "xen_hypercall.h"
#include "xen_store.h"
#include "xen_store_parse.h"

#define XBAL_KEY	"memory/target"

struct xbal {
	struct pv_balloon	 xb_b;
	struct xen_store_watch	 xb_watch;
	uint64_t		 xb_base_kb;	/* memory/target at boot */
	struct spinlock		 xb_lock;	/* xb_frames */
	xen_pfn_t		 xb_frames[PV_BALLOON_BATCH];
	uint64_t		 xb_bad_targets;
	uint64_t		 xb_short;	/* hypercalls that did fewer */
};

static struct xbal xbal_sc;

_Static_assert(sizeof(xen_pfn_t) == sizeof(uint64_t), "frames are 64-bit");

/* One reservation hypercall over n frames: the number done, or -errno. */
static int
xbal_memory_op(struct xbal *sc, unsigned int op, const uint64_t *pfns,
    unsigned int n)
{
	struct xen_memory_reservation r = {
		.nr_extents = n,
		.extent_order = 0,
		.domid = DOMID_SELF,
	};
	bool on = spin_lock_irqsave(&sc->xb_lock);
	long rc;

	/* populate_physmap writes the frames back: our copy, not theirs. */
	memcpy(sc->xb_frames, pfns, n * sizeof(uint64_t));
	set_xen_guest_handle(r.extent_start, sc->xb_frames);
	rc = xen_hypercall2(__HYPERVISOR_memory_op, op, (uintptr_t)&r);
	spin_unlock_irqrestore(&sc->xb_lock, on);
	if (rc < 0)
		return (int)rc;
	if (rc > (long)n)
		rc = (long)n;	/* never more than asked, whatever Xen says */
	if (rc < (long)n)
		sc->xb_short++;
	return (int)rc;
}

static int
xbal_give(struct pv_balloon *b, const uint64_t *pfns, unsigned int n)
{
	return xbal_memory_op(b->b_softc, XENMEM_decrease_reservation, pfns,
	    n);
}

static int
xbal_take(struct pv_balloon *b, const uint64_t *pfns, unsigned int n)
{
	return xbal_memory_op(b->b_softc, XENMEM_populate_physmap, pfns, n);
}

static const struct pv_balloon_ops xbal_ops = {
	.bo_give = xbal_give,
	.bo_take = xbal_take,
};

/* Read the target once and hand it to the class. */
static void
xbal_read_target(struct xbal *sc)
{
	char v[24];
	uint64_t pages;
	int n = xen_store_read(XBAL_KEY, v, sizeof(v));

	if (n < 0 || xen_balloon_pages(v, (size_t)n, sc->xb_base_kb,
	    &pages) != 0) {
		if (sc->xb_bad_targets++ == 0)
			pr_warn("xen-balloon: %s unreadable or not a number "
			    "(%d); ignored\n", XBAL_KEY, n);
		return;
	}
	if (pages != pv_balloon_target(&sc->xb_b))
		pr_info("xen-balloon: the host asks for %lu pages back "
		    "(%lu MiB)\n", pages, pages >> 8);
	pv_balloon_set_target(&sc->xb_b, pages);
}

static void
xbal_changed(void *arg)
{
	xbal_read_target(arg);
}

static void
xbal_thread(void *arg)
{
	struct xbal *sc = arg;

	xen_store_follow(&sc->xb_watch, XBAL_KEY, "xen-balloon", xbal_changed,
	    sc);
}

static bool
xbal_match(const struct pv_dev *d)
{
	return pv_dev_bus(d) == PV_BUS_XENBUS &&
	    strcmp(d->dv_xen.xi_type, "balloon") == 0;
}

static int
xbal_attach(struct pv_dev *d)
{
	struct xbal *sc = &xbal_sc;
	char v[24];
	uint32_t kb;
	int n, error;

	if (sc->xb_b.b_ops != NULL)
		return -EEXIST;		/* one balloon a domain */
	n = xen_store_read(XBAL_KEY, v, sizeof(v));
	if (n < 0)
		return n;
	if (xs_parse_uint(v, (size_t)n, UINT32_MAX, &kb) != 0 || kb == 0) {
		pr_warn("xen-balloon: %s at boot is not a number\n", XBAL_KEY);
		return -EINVAL;
	}
	sc->xb_base_kb = kb;
	sc->xb_lock = (struct spinlock)SPINLOCK_INIT;
	sc->xb_b.b_ops = &xbal_ops;
	sc->xb_b.b_softc = sc;
	if ((error = pv_balloon_register(&sc->xb_b, d)) != 0)
		goto fail;
	if ((error = pv_thread_start("xen-balloon", xbal_thread, sc)) != 0) {
		pv_balloon_unregister(&sc->xb_b);
		goto fail;
	}
	d->dv_softc = sc;
	pr_info("xen-balloon %s: target %lu KiB at boot, watching %s\n",
	    d->dv_name, sc->xb_base_kb, XBAL_KEY);
	return 0;
fail:
	sc->xb_b.b_ops = NULL;
	return error;
}

static const struct pv_driver xbal_driver = {
	.pd_name = "xen-balloon",
	.pd_match = xbal_match,
	.pd_attach = xbal_attach,
};
PV_DRIVER(xbal_driver);
