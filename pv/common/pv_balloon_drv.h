/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The balloon class, as its drivers see it: embed a struct pv_balloon,
 * set the ops, register it; report the host's target with
 * pv_balloon_set_target from thread context.
 */
#ifndef PV_COMMON_PV_BALLOON_DRV_H
#define PV_COMMON_PV_BALLOON_DRV_H

#include <pv/common/pv_balloon.h>
#include <pv/common/pv_class.h>

struct pv_balloon_ops {
	/*
	 * Hand frames to the host / back, one request each call: how many
	 * were done, or -errno.  bo_give may sleep; bo_take must not (the
	 * class's callers use it when an allocation is about to fail).
	 */
	int	(*bo_give)(struct pv_balloon *, const uint64_t *, unsigned int);
	int	(*bo_take)(struct pv_balloon *, const uint64_t *, unsigned int);
};

struct pv_balloon {
	struct pv_class_inst		 b_inst;
	const struct pv_balloon_ops	*b_ops;	/* set by driver */
	uint64_t			 b_target;	/* pages; set_target */
	uint64_t			 b_given;	/* pages; give/take */
	void				(*b_on_target)(void *, uint64_t);
	void				*b_on_target_arg;
	void				(*b_on_stats)(void *,
					    struct pv_balloon_stats *);
	void				*b_on_stats_arg;
	void				*b_softc;	/* set by driver */
};

int	pv_balloon_register(struct pv_balloon *b, struct pv_dev *dev);
void	pv_balloon_unregister(struct pv_balloon *b);

/* The host set a new target (pages to have given back). */
void	pv_balloon_set_target(struct pv_balloon *b, uint64_t pages);

/* The caller's figures for the host: 0, or -ENOENT when it gave none. */
int	pv_balloon_stats(struct pv_balloon *b, struct pv_balloon_stats *st);

#endif /* PV_COMMON_PV_BALLOON_DRV_H */
