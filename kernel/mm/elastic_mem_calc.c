/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The elastic memory policy's arithmetic (elastic_mem.h), host-testable. */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/mm/elastic_mem.h>

#define ELASTIC_MEM_MARGIN_MIN	2048	/* pages: 8 MiB */

uint64_t
elastic_mem_margin(uint64_t total)
{
	uint64_t m = total / 8;

	return m > ELASTIC_MEM_MARGIN_MIN ? m : ELASTIC_MEM_MARGIN_MIN;
}

uint64_t
elastic_mem_goal(uint64_t target, uint64_t total, uint64_t free,
    uint64_t lent, uint64_t margin, uint64_t *floor, bool *refused)
{
	uint64_t in_use, f;

	/* Free and lent pages are part of total; past it, trust neither. */
	if (lent > total)
		lent = total;
	if (free > total - lent)
		free = total - lent;
	in_use = total - free - lent;
	f = margin > total - in_use ? total : in_use + margin;
	*floor = f;
	*refused = target > total - f;
	return *refused ? total - f : target;
}
