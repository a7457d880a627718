/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The elastic memory policy (elastic_mem.h).  State: a bitmap with one
 * bit per frame lent to the host, under em_lock (a spinlock: the
 * allocator's pressure hook takes pages back from any thread).  Pages
 * are lent by the policy's thread alone; they are taken back by it (the
 * target dropped, or the floor rose) or by an allocation about to fail.
 * A page is claimed in the bitmap before the class is called and its
 * bit set again if the host did not take it back, so the two never hand
 * the same frame over twice.
 *
 * Zeroing: freed pages are zeroed by the "memzero" thread a few at a time
 * under the allocator's lock (page_alloc_zero_some); the count and the
 * time of the last pass are in /proc/balloon.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cmdline.h>
#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/spinlock.h>
#include <pv/common/pv_balloon.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/printk.h>
#include <kernel/mm/elastic_mem.h>
#include <kernel/mm/page_alloc.h>

#define EM_IDLE_NS	1000000000ULL	/* a look at the floor when idle */
#define EM_ZERO_IDLE_NS	500000000ULL
#define EM_ZERO_BATCH	256

static struct pv_balloon *em_b;
static unsigned int em_batch = PV_BALLOON_BATCH;	/* balloon.batch= */
static struct spinlock em_lock = SPINLOCK_INIT;
static uint64_t *em_lent_bits;		/* per frame below em_max_pfn */
static uint64_t em_max_pfn;
static uint64_t em_cursor;		/* where the next take looks */
static struct pv_event em_ev;		/* the target changed */
static struct pv_event em_zero_ev;	/* only for its sleeps */
static struct elastic_mem_info em_info;	/* counters; em_lock */
static uint64_t em_refused_target;	/* the target last refused */
static uint64_t em_work_since;		/* when lent left its goal, or 0 */
static uint64_t em_seen_target;		/* the target em_work_since is for */

static void
em_on_target(void *arg, uint64_t target)
{
	(void)arg;
	(void)target;
	pv_event_signal(&em_ev);
}

static void
em_on_stats(void *arg, struct pv_balloon_stats *st)
{
	struct page_stats ps;

	(void)arg;
	page_alloc_stats(&ps);
	st->bs_free = ps.ps_free * PAGE_SIZE;
	st->bs_total = page_stats_owned(&ps) * PAGE_SIZE;
	st->bs_avail = st->bs_free;
	st->bs_caches = 0;
}

static bool
em_test(uint64_t pfn)
{
	return (em_lent_bits[pfn / 64] >> (pfn % 64)) & 1;
}

static void
em_set(uint64_t pfn, bool on)
{
	if (on)
		em_lent_bits[pfn / 64] |= 1UL << (pfn % 64);
	else
		em_lent_bits[pfn / 64] &= ~(1UL << (pfn % 64));
}

/* Lend up to n (<= PV_BALLOON_BATCH) free pages: how many went. */
static unsigned int
em_inflate(unsigned int n)
{
	uint64_t pfns[PV_BALLOON_BATCH];
	unsigned int got = 0;
	int done;
	bool on;

	while (got < n) {
		/* Not page_alloc: lending must not deflate on the way. */
		uint64_t pa = page_alloc_noreclaim(0);

		if (pa == 0)
			break;
		if ((pa >> PAGE_SHIFT) >= em_max_pfn) {
			page_free(pa, 0);	/* cannot be recorded */
			break;
		}
		pfns[got++] = pa >> PAGE_SHIFT;
	}
	if (got == 0)
		return 0;
	done = pv_balloon_give(em_b, pfns, got);
	if (done < 0)
		done = 0;
	on = spin_lock_irqsave(&em_lock);
	for (unsigned int i = 0; i < (unsigned int)done; i++)
		em_set(pfns[i], true);
	em_info.ei_lent += (unsigned int)done;
	em_info.ei_inflated += (unsigned int)done;
	em_info.ei_batches++;
	spin_unlock_irqrestore(&em_lock, on);
	page_alloc_lent_add(done);
	for (unsigned int i = (unsigned int)done; i < got; i++)
		page_free(pfns[i] << PAGE_SHIFT, 0);
	return (unsigned int)done;
}

/* Take up to n (<= PV_BALLOON_BATCH) pages back: how many came. */
static unsigned int
em_deflate(unsigned int n)
{
	uint64_t pfns[PV_BALLOON_BATCH];
	unsigned int got = 0;
	int done;
	bool on;

	on = spin_lock_irqsave(&em_lock);
	for (uint64_t seen = 0; seen < em_max_pfn && got < n &&
	    em_info.ei_lent > got; seen++) {
		uint64_t pfn = em_cursor;

		em_cursor = (em_cursor + 1) % em_max_pfn;
		if (em_lent_bits[pfn / 64] == 0) {
			/* A whole empty word: skip to the next. */
			uint64_t next = (pfn / 64 + 1) * 64;

			seen += next - pfn - 1;
			em_cursor = next >= em_max_pfn ? 0 : next;
			continue;
		}
		if (em_test(pfn)) {
			em_set(pfn, false);	/* claimed */
			pfns[got++] = pfn;
		}
	}
	spin_unlock_irqrestore(&em_lock, on);
	if (got == 0)
		return 0;
	done = pv_balloon_take(em_b, pfns, got);
	if (done < 0)
		done = 0;
	on = spin_lock_irqsave(&em_lock);
	for (unsigned int i = (unsigned int)done; i < got; i++)
		em_set(pfns[i], true);	/* still the host's */
	em_info.ei_lent -= (unsigned int)done;
	em_info.ei_deflated += (unsigned int)done;
	em_info.ei_batches++;
	spin_unlock_irqrestore(&em_lock, on);
	page_alloc_lent_add(-(int64_t)done);
	for (unsigned int i = 0; i < (unsigned int)done; i++)
		page_free(pfns[i] << PAGE_SHIFT, 0);
	return (unsigned int)done;
}

/* An allocation of 2^order pages is about to fail: take pages back. */
static int
em_pressure(unsigned int order)
{
	uint64_t want = 1UL << order, got = 0;

	if (want < PV_BALLOON_BATCH)
		want = PV_BALLOON_BATCH;
	while (got < want) {
		unsigned int n = em_deflate((unsigned int)MIN(want - got,
		    (uint64_t)PV_BALLOON_BATCH));

		if (n == 0)
			break;
		got += n;
	}
	if (got != 0) {
		bool on = spin_lock_irqsave(&em_lock);

		em_info.ei_pressure += got;
		spin_unlock_irqrestore(&em_lock, on);
		pv_event_signal(&em_ev);
	}
	return got != 0;
}

/* One step towards the goal: true when there is more to do. */
static bool
em_step(void)
{
	struct page_stats ps;
	uint64_t target = pv_balloon_target(em_b), goal, floor, lent;
	bool refused, on;

	page_alloc_stats(&ps);
	lent = __atomic_load_n(&em_info.ei_lent, __ATOMIC_RELAXED);
	goal = elastic_mem_goal(target, ps.ps_total, ps.ps_free, lent,
	    elastic_mem_margin(ps.ps_total), &floor, &refused);
	on = spin_lock_irqsave(&em_lock);
	em_info.ei_target = target;
	em_info.ei_floor = floor;
	if (refused && target != em_refused_target) {
		em_info.ei_refusals++;
		em_info.ei_refused_pages = target - goal;
	}
	spin_unlock_irqrestore(&em_lock, on);
	if (refused && target != em_refused_target) {
		em_refused_target = target;
		pr_warn("balloon: target %lu pages refused: the guest keeps "
		    "%lu (in use plus margin), lending %lu\n", target, floor,
		    goal);
	} else if (!refused) {
		em_refused_target = 0;
	}
	if (goal == lent) {
		if (em_work_since != 0) {
			uint64_t now = pv_clock_ns();

			on = spin_lock_irqsave(&em_lock);
			em_info.ei_last_change_ns = now;
			em_info.ei_last_change_took_ns = now - em_work_since;
			spin_unlock_irqrestore(&em_lock, on);
			pr_info("balloon: %lu pages lent (target %lu) in %lu us\n",
			    lent, target, (now - em_work_since) / 1000);
			em_work_since = 0;
		}
		return false;
	}
	/* Timed from the target's change (or the floor's move) to its goal. */
	if (em_work_since == 0 || target != em_seen_target)
		em_work_since = pv_clock_ns();
	em_seen_target = target;
	if (goal > lent)
		return em_inflate((unsigned int)MIN(goal - lent,
		    (uint64_t)em_batch)) != 0;
	return em_deflate((unsigned int)MIN(lent - goal,
	    (uint64_t)em_batch)) != 0;
}

static void
em_thread_main(void *arg)
{
	(void)arg;
	for (;;) {
		uint32_t gen = pv_event_gen(&em_ev);

		if (em_step())
			continue;
		(void)pv_event_wait(&em_ev, gen, pv_clock_ns() + EM_IDLE_NS);
	}
}

static void
em_zero_main(void *arg)
{
	(void)arg;
	for (;;) {
		int more;
		uint64_t n = page_alloc_zero_some(EM_ZERO_BATCH, &more);

		if (n != 0) {
			bool on = spin_lock_irqsave(&em_lock);

			em_info.ei_zeroed += n;
			em_info.ei_zero_last_ns = pv_clock_ns();
			spin_unlock_irqrestore(&em_lock, on);
		}
		if (more)
			pv_yield();
		else
			(void)pv_event_wait(&em_zero_ev,
			    pv_event_gen(&em_zero_ev),
			    pv_clock_ns() + EM_ZERO_IDLE_NS);
	}
}

void
elastic_mem_init(void)
{
	struct page_stats ps;
	uint64_t bytes;
	unsigned int order = 0;

	if (pv_thread_start("memzero", em_zero_main, NULL) != 0)
		pr_warn("balloon: no thread to zero freed pages\n");
	if ((em_b = pv_balloon_get()) == NULL)
		return;
	/*
	 * balloon.batch=N (1..PV_BALLOON_BATCH): frames a request, for
	 * measuring what batching buys (bench/balloon.sh); the default is
	 * the class's largest.
	 */
	uint64_t v;

	if (cmdline_get_uint(cmdline_boot(), "balloon.batch", 1,
	    PV_BALLOON_BATCH, PV_BALLOON_BATCH, &v) == -EINVAL)
		pr_warn("balloon: balloon.batch= wants 1 to %u; %u taken\n",
		    PV_BALLOON_BATCH, PV_BALLOON_BATCH);
	else
		em_batch = (unsigned int)v;
	page_alloc_stats(&ps);
	/* Frames up to the top of RAM: the allocator's own bound. */
	em_max_pfn = ps.ps_max_pfn;
	bytes = (em_max_pfn + 63) / 64 * 8;
	while ((PAGE_SIZE << order) < bytes)
		order++;
	if ((em_lent_bits = page_alloc_zeroed(order)) == NULL) {
		pr_err("balloon: no memory for the policy's bitmap\n");
		em_b = NULL;
		return;
	}
	em_info.ei_present = true;
	pv_balloon_on_stats(em_b, em_on_stats, NULL);
	pv_balloon_on_target(em_b, em_on_target, NULL);
	if (pv_thread_start("balloon", em_thread_main, NULL) != 0) {
		pr_err("balloon: no thread for the policy\n");
		pv_balloon_on_target(em_b, NULL, NULL);
		em_info.ei_present = false;
		return;
	}
	__atomic_store_n(&page_alloc_pressure_hook, em_pressure,
	    __ATOMIC_RELEASE);
	pr_info("balloon: policy on %s: margin %lu pages, %u frames a "
	    "request, target %lu\n", pv_balloon_name(em_b),
	    elastic_mem_margin(ps.ps_total), em_batch,
	    pv_balloon_target(em_b));
}

void
elastic_mem_info(struct elastic_mem_info *ei)
{
	bool on = spin_lock_irqsave(&em_lock);

	*ei = em_info;
	spin_unlock_irqrestore(&em_lock, on);
	ei->ei_device = em_b != NULL ? pv_balloon_name(em_b) : NULL;
	if (em_b != NULL)
		ei->ei_target = pv_balloon_target(em_b);
}
