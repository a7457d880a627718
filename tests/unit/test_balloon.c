/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of elastic memory: the policy's goal against hostile and
 * impossible targets (kernel/mm/elastic_mem_calc.c), virtio-balloon's
 * wire helpers (frames that do not fit, the statistics buffer), and the
 * class's statistics hook.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <kernel/mm/elastic_mem.h>
#include <pv/common/pv_balloon.h>
#include <pv/common/pv_balloon_drv.h>
#include <pv/common/pv_class.h>
#include <pv/virtio/virtio_balloon_reg.h>

#include "ut.h"

UT_TEST(elastic_goal_meets_a_reasonable_target)
{
	uint64_t floor;
	bool refused;

	/* 32768 pages, 30000 free, none lent, margin 4096: half is fine. */
	UT_ASSERT_EQ(elastic_mem_goal(16384, 32768, 30000, 0, 4096, &floor,
	    &refused), 16384);
	UT_ASSERT(!refused);
	UT_ASSERT_EQ(floor, 2768 + 4096);
	/* Lent pages count as the guest's to give: the same floor. */
	UT_ASSERT_EQ(elastic_mem_goal(16384, 32768, 13616, 16384, 4096,
	    &floor, &refused), 16384);
	UT_ASSERT_EQ(floor, 2768 + 4096);
	UT_ASSERT_EQ(elastic_mem_goal(0, 32768, 13616, 16384, 4096, &floor,
	    &refused), 0);
	UT_ASSERT(!refused);
}

UT_TEST(elastic_goal_refuses_below_the_floor)
{
	uint64_t floor;
	bool refused;

	/* 20000 in use + 4096: at most 8672 of 32768 can go. */
	UT_ASSERT_EQ(elastic_mem_goal(30000, 32768, 12768, 0, 4096, &floor,
	    &refused), 8672);
	UT_ASSERT(refused);
	UT_ASSERT_EQ(floor, 24096);
	/* Exactly at the floor is not a refusal. */
	UT_ASSERT_EQ(elastic_mem_goal(8672, 32768, 12768, 0, 4096, &floor,
	    &refused), 8672);
	UT_ASSERT(!refused);
}

UT_TEST(elastic_goal_hostile_targets)
{
	uint64_t floor;
	bool refused;

	/* More than the guest has, the largest number, the device's u32. */
	UT_ASSERT_EQ(elastic_mem_goal(UINT64_MAX, 32768, 30000, 0, 4096,
	    &floor, &refused), 32768 - 2768 - 4096);
	UT_ASSERT(refused);
	UT_ASSERT_EQ(elastic_mem_goal(UINT32_MAX, 32768, 30000, 0, 4096,
	    &floor, &refused), 32768 - 2768 - 4096);
	UT_ASSERT(refused);
	UT_ASSERT_EQ(elastic_mem_goal(32769, 32768, 32768, 0, 0, &floor,
	    &refused), 32768);
	UT_ASSERT(refused);
}

UT_TEST(elastic_goal_inconsistent_counts)
{
	uint64_t floor;
	bool refused;

	/* A margin past all memory: nothing can go. */
	UT_ASSERT_EQ(elastic_mem_goal(100, 32768, 30000, 0, UINT64_MAX,
	    &floor, &refused), 0);
	UT_ASSERT(refused);
	UT_ASSERT_EQ(floor, 32768);
	/* Free past total, lent past total: clamped, never a wrap. */
	UT_ASSERT_EQ(elastic_mem_goal(100, 32768, UINT64_MAX, 0, 4096,
	    &floor, &refused), 100);
	UT_ASSERT_EQ(floor, 4096);
	UT_ASSERT_EQ(elastic_mem_goal(100, 32768, 0, UINT64_MAX, 4096,
	    &floor, &refused), 100);
	UT_ASSERT(!refused);
	UT_ASSERT_EQ(elastic_mem_goal(5, 0, 0, 0, 0, &floor, &refused), 0);
	UT_ASSERT(refused);
}

UT_TEST(elastic_margin)
{
	UT_ASSERT_EQ(elastic_mem_margin(0), 2048);
	UT_ASSERT_EQ(elastic_mem_margin(16384), 2048);
	UT_ASSERT_EQ(elastic_mem_margin(32768), 4096);
}

UT_TEST(vballoon_pack_frames)
{
	uint64_t pfns[3] = { 1, 0xffffffff, 0x12345 };
	uint32_t out[3] = { 7, 7, 7 };

	UT_ASSERT_EQ(vballoon_pack(pfns, 3, out), 0);
	UT_ASSERT_EQ(out[0], 1);
	UT_ASSERT_EQ(out[1], 0xffffffffu);
	UT_ASSERT_EQ(out[2], 0x12345);
	/* Past 16 TiB: refused whole, nothing written. */
	pfns[1] = 0x100000000ULL;
	memset(out, 7, sizeof(out));
	UT_ASSERT_EQ(vballoon_pack(pfns, 3, out), -ERANGE);
	UT_ASSERT_EQ(out[0], 0x07070707u);
}

UT_TEST(vballoon_stats_buffer)
{
	struct virtio_balloon_stat s[VBALLOON_NSTATS];
	struct pv_balloon_stats st = { .bs_free = 1 << 20,
	    .bs_total = 1 << 27, .bs_avail = 1 << 21, .bs_caches = 5 };
	const uint8_t *raw = (const uint8_t *)s;

	UT_ASSERT_EQ(vballoon_stats_fill(s, &st), 10 * VBALLOON_NSTATS);
	/* The wire: le16 tag then le64 value, 10 bytes an entry. */
	UT_ASSERT_EQ(raw[4 * 10], VBALLOON_S_MEMFREE);
	UT_ASSERT_EQ(raw[4 * 10 + 1], 0);
	UT_ASSERT_EQ(raw[4 * 10 + 2 + 2], 0x10);	/* 1 << 20, byte 2 */
	UT_ASSERT_EQ(s[5].tag, VBALLOON_S_MEMTOT);
	UT_ASSERT_EQ(s[5].val, 1 << 27);
	UT_ASSERT_EQ(s[6].val, 1 << 21);
	UT_ASSERT_EQ(s[7].val, 5);
}

static void
ut_stats(void *arg, struct pv_balloon_stats *st)
{
	st->bs_free = *(uint64_t *)arg;
}

static int
ut_bgive(struct pv_balloon *b, const uint64_t *pfns, unsigned int n)
{
	(void)b;
	(void)pfns;
	return (int)n;
}

UT_TEST(class_balloon_stats)
{
	static const struct pv_balloon_ops ops = { ut_bgive, ut_bgive };
	static struct pv_balloon b;
	struct pv_balloon_stats st;
	uint64_t free = 1234;

	pv_class_reset();
	b.b_ops = &ops;
	UT_ASSERT_EQ(pv_balloon_register(&b, NULL), 0);
	UT_ASSERT_STR(pv_balloon_name(&b), "balloon0");
	st.bs_free = 99;
	UT_ASSERT_EQ(pv_balloon_stats(&b, &st), -ENOENT);
	UT_ASSERT_EQ(st.bs_free, 0);
	pv_balloon_on_stats(&b, ut_stats, &free);
	UT_ASSERT_EQ(pv_balloon_stats(&b, &st), 0);
	UT_ASSERT_EQ(st.bs_free, 1234);
	pv_class_reset();
}
