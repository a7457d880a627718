/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The balloon class, as its caller (the elastic memory policy) sees it:
 * the target the host asks for, and giving pages to the host or taking
 * them back.  Drivers (virtio-balloon, Xen's balloon) plug in through
 * pv_balloon_drv.h.  Pages are named by frame number (physical address
 * >> 12).
 */
#ifndef PV_COMMON_PV_BALLOON_H
#define PV_COMMON_PV_BALLOON_H

#include <stdint.h>

#define PV_BALLOON_BATCH	256	/* frames in one call, at most */

struct pv_balloon;

/* The balloon (there is at most one), or NULL. */
struct pv_balloon *pv_balloon_get(void);

/* Its class name ("balloon0"). */
const char *pv_balloon_name(const struct pv_balloon *b);

/* Pages the host wants the guest to have given back, in all. */
uint64_t pv_balloon_target(const struct pv_balloon *b);
/* Pages given back now. */
uint64_t pv_balloon_given(const struct pv_balloon *b);

/*
 * Give n frames (free pages the caller owns) to the host, or take n
 * back: the number done (the rest stays with the caller), or -EINVAL
 * for n of 0 or over PV_BALLOON_BATCH, a NULL list, or a frame listed
 * twice; taking back more than was given is -EINVAL too.  Each call is
 * one request to the host, whatever n.  give may sleep (thread
 * context); take never sleeps, so that an allocation about to fail can
 * call it (the frames are the caller's again when it returns).
 */
int	pv_balloon_give(struct pv_balloon *b, const uint64_t *pfns,
	    unsigned int n);
int	pv_balloon_take(struct pv_balloon *b, const uint64_t *pfns,
	    unsigned int n);

/*
 * Be told when the target changes (thread context); NULL to stop.
 */
void	pv_balloon_on_target(struct pv_balloon *b,
	    void (*fn)(void *arg, uint64_t target), void *arg);

/* What the guest tells the host about its memory, in bytes. */
struct pv_balloon_stats {
	uint64_t	bs_free;	/* set by the caller's fn: unused */
	uint64_t	bs_total;	/* the guest's, balloon excluded */
	uint64_t	bs_avail;	/* free plus what could be freed */
	uint64_t	bs_caches;	/* file pages that could be dropped */
};

/*
 * Be asked for the figures when the host wants them (thread context,
 * must not sleep); NULL to stop.
 */
void	pv_balloon_on_stats(struct pv_balloon *b,
	    void (*fn)(void *arg, struct pv_balloon_stats *st), void *arg);

#endif /* PV_COMMON_PV_BALLOON_H */
