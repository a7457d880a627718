/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The rules of file leases (see lease_rules.h). */
#include <stdbool.h>

#include <lib/errno.h>
#include <kernel/ipc/lease_rules.h>

bool
lease_conflicts(int held, bool write)
{
	if (held == LEASE_UN)
		return false;
	return write || held == LEASE_WR;
}

int
lease_break_target(bool write)
{
	return write ? LEASE_UN : LEASE_RD;
}

int
lease_may_take(int type, unsigned int writers, bool self_writes,
    unsigned int opens, unsigned int others, unsigned int others_busy)
{
	switch (type) {
	case LEASE_RD:
		/* Nobody may have it open for writing, the file included. */
		if (writers > 0 || others_busy > 0)
			return -EAGAIN;
		return 0;
	case LEASE_WR:
		/* The file must be its only open, holding no other lease. */
		if (writers > (self_writes ? 1U : 0U) || opens > 1 ||
		    others > 0)
			return -EAGAIN;
		return 0;
	default:
		return -EINVAL;
	}
}

bool
lease_break_done(int type, int target)
{
	return type == LEASE_UN || (target == LEASE_RD && type == LEASE_RD);
}
