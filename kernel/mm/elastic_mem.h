/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Elastic memory: the one policy above the balloon class (pv_balloon.h)
 * that decides how many pages the guest lends its host.  The host sets a
 * target (QMP "balloon" through virtio-balloon, "xl mem-set" through
 * Xen's memory/target); a thread takes free pages from the page
 * allocator and hands them over in batches of PV_BALLOON_BATCH, and
 * takes them back when the target drops.  A target that would leave the
 * guest less than its floor (the pages in use plus a margin) is refused
 * in part: the guest lends down to the floor, and says so in the log and
 * in /proc/balloon.  An allocation that would fail first takes pages
 * back (page_alloc_pressure_hook).  A second thread zeroes the pages
 * programs free, so that the host can merge them (KSM), counting them.
 */
#ifndef KERNEL_MM_ELASTIC_MEM_H
#define KERNEL_MM_ELASTIC_MEM_H

#include <stdbool.h>
#include <stdint.h>

/* Start the policy if a balloon was found (after pv_probe). */
void	elastic_mem_init(void);

struct elastic_mem_info {
	bool		ei_present;	/* a balloon device is there */
	const char	*ei_device;	/* its class name, "balloon0" */
	uint64_t	ei_target;	/* pages the host asks for */
	uint64_t	ei_lent;	/* pages lent now */
	uint64_t	ei_floor;	/* pages the guest keeps at least */
	uint64_t	ei_refusals;	/* targets refused (in part) */
	uint64_t	ei_refused_pages; /* the last refusal's shortfall */
	uint64_t	ei_inflated, ei_deflated;	/* pages, since boot */
	uint64_t	ei_batches;	/* requests to the host */
	uint64_t	ei_pressure;	/* pages taken back for an allocation */
	uint64_t	ei_zeroed;	/* free pages zeroed, since boot */
	uint64_t	ei_zero_last_ns; /* the last zeroing pass (boot clock) */
	uint64_t	ei_last_change_ns; /* when lent last reached its goal */
	uint64_t	ei_last_change_took_ns;	/* and how long that took */
};
void	elastic_mem_info(struct elastic_mem_info *ei);

/*
 * The pages to have lent, given the host's target and the guest's state
 * (all in pages): the target, or less when it would leave the guest
 * under its floor of in-use pages plus margin (*refused is then set and
 * *floor holds the floor).  Values that do not add up (free + lent past
 * total) are taken at their most careful.  Pure; host unit tests call it.
 */
uint64_t elastic_mem_goal(uint64_t target, uint64_t total, uint64_t free,
	    uint64_t lent, uint64_t margin, uint64_t *floor, bool *refused);

/* The margin kept above what is in use, for a guest of total pages. */
uint64_t elastic_mem_margin(uint64_t total);

#endif /* KERNEL_MM_ELASTIC_MEM_H */
