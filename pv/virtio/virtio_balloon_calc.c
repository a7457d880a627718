/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * virtio-balloon's wire helpers (virtio_balloon_reg.h): no MMIO and no
 * kernel services, so host unit tests run them.
 */
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <pv/virtio/virtio_balloon_reg.h>

int
vballoon_pack(const uint64_t *pfns, unsigned int n, uint32_t *out)
{
	for (unsigned int i = 0; i < n; i++)
		if (pfns[i] > UINT32_MAX)
			return -ERANGE;
	for (unsigned int i = 0; i < n; i++)
		out[i] = (uint32_t)pfns[i];
	return 0;
}

size_t
vballoon_stats_fill(struct virtio_balloon_stat *out,
    const struct pv_balloon_stats *st)
{
	const struct virtio_balloon_stat s[VBALLOON_NSTATS] = {
		{ VBALLOON_S_SWAP_IN, 0 },
		{ VBALLOON_S_SWAP_OUT, 0 },
		{ VBALLOON_S_MAJFLT, 0 },
		{ VBALLOON_S_MINFLT, 0 },
		{ VBALLOON_S_MEMFREE, st->bs_free },
		{ VBALLOON_S_MEMTOT, st->bs_total },
		{ VBALLOON_S_AVAIL, st->bs_avail },
		{ VBALLOON_S_CACHES, st->bs_caches },
	};

	for (unsigned int i = 0; i < VBALLOON_NSTATS; i++)
		out[i] = s[i];
	return sizeof(s);
}
