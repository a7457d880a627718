/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The balloon class (see pv_balloon.h, pv_balloon_drv.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <pv/common/pv_balloon.h>
#include <pv/common/pv_balloon_drv.h>

#define PV_BALLOON_CLASS	"balloon"

int
pv_balloon_register(struct pv_balloon *b, struct pv_dev *dev)
{
	if (b == NULL || b->b_ops == NULL || b->b_ops->bo_give == NULL ||
	    b->b_ops->bo_take == NULL)
		return -EINVAL;
	if (pv_balloon_get() != NULL)
		return -EEXIST;		/* one balloon per guest */
	b->b_given = 0;
	b->b_on_target = NULL;
	b->b_on_stats = NULL;
	return pv_class_add(&b->b_inst, PV_BALLOON_CLASS, dev);
}

void
pv_balloon_unregister(struct pv_balloon *b)
{
	pv_class_remove(&b->b_inst);
}

struct pv_balloon *
pv_balloon_get(void)
{
	struct pv_class_inst *ci = pv_class_next(PV_BALLOON_CLASS, NULL);

	return ci != NULL ? container_of(ci, struct pv_balloon, b_inst) : NULL;
}

const char *
pv_balloon_name(const struct pv_balloon *b)
{
	return b->b_inst.ci_name;
}

uint64_t
pv_balloon_target(const struct pv_balloon *b)
{
	return __atomic_load_n(&b->b_target, __ATOMIC_RELAXED);
}

uint64_t
pv_balloon_given(const struct pv_balloon *b)
{
	return __atomic_load_n(&b->b_given, __ATOMIC_RELAXED);
}

/* A list the host may act on: bounded, and no frame twice. */
static bool
pv_balloon_list_ok(const uint64_t *pfns, unsigned int n)
{
	if (pfns == NULL || n == 0 || n > PV_BALLOON_BATCH)
		return false;
	for (unsigned int i = 0; i < n; i++)
		for (unsigned int j = i + 1; j < n; j++)
			if (pfns[i] == pfns[j])
				return false;
	return true;
}

int
pv_balloon_give(struct pv_balloon *b, const uint64_t *pfns, unsigned int n)
{
	int done;

	if (!pv_balloon_list_ok(pfns, n))
		return -EINVAL;
	done = b->b_ops->bo_give(b, pfns, n);
	if (done > (int)n)
		done = (int)n;		/* a driver never gives more */
	if (done > 0)
		__atomic_add_fetch(&b->b_given, (uint64_t)done,
		    __ATOMIC_RELAXED);
	return done;
}

int
pv_balloon_take(struct pv_balloon *b, const uint64_t *pfns, unsigned int n)
{
	int done;

	if (!pv_balloon_list_ok(pfns, n) || n > pv_balloon_given(b))
		return -EINVAL;
	done = b->b_ops->bo_take(b, pfns, n);
	if (done > (int)n)
		done = (int)n;
	if (done > 0)
		__atomic_sub_fetch(&b->b_given, (uint64_t)done,
		    __ATOMIC_RELAXED);
	return done;
}

void
pv_balloon_on_target(struct pv_balloon *b, void (*fn)(void *, uint64_t),
    void *arg)
{
	b->b_on_target_arg = arg;
	__atomic_store_n(&b->b_on_target, fn, __ATOMIC_RELEASE);
}

void
pv_balloon_set_target(struct pv_balloon *b, uint64_t pages)
{
	void (*fn)(void *, uint64_t);

	__atomic_store_n(&b->b_target, pages, __ATOMIC_RELAXED);
	if ((fn = __atomic_load_n(&b->b_on_target, __ATOMIC_ACQUIRE)) != NULL)
		fn(b->b_on_target_arg, pages);
}

void
pv_balloon_on_stats(struct pv_balloon *b,
    void (*fn)(void *, struct pv_balloon_stats *), void *arg)
{
	b->b_on_stats_arg = arg;
	__atomic_store_n(&b->b_on_stats, fn, __ATOMIC_RELEASE);
}

int
pv_balloon_stats(struct pv_balloon *b, struct pv_balloon_stats *st)
{
	void (*fn)(void *, struct pv_balloon_stats *);

	*st = (struct pv_balloon_stats){ 0 };
	if ((fn = __atomic_load_n(&b->b_on_stats, __ATOMIC_ACQUIRE)) == NULL)
		return -ENOENT;
	fn(b->b_on_stats_arg, st);
	return 0;
}
