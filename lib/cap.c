/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The rules that change a process's capability sets (lib/cap.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>

static bool
cap_subset(uint64_t a, uint64_t b)
{
	return (a & ~b) == 0;
}

void
cap_init_root(struct cap_sets *c)
{
	c->cs_eff = c->cs_prm = c->cs_bnd = CAP_FULL_SET;
	c->cs_inh = c->cs_amb = 0;
	c->cs_keep = false;
}

int
cap_set(struct cap_sets *c, uint64_t eff, uint64_t prm, uint64_t inh)
{
	uint64_t inh_may = c->cs_inh | c->cs_prm;

	eff &= CAP_FULL_SET;
	prm &= CAP_FULL_SET;
	inh &= CAP_FULL_SET;
	/* CAP_SETPCAP lets a process add to inheritable what it does not
	 * hold, never past the bounding set. */
	if (c->cs_eff & CAP_BIT(CAP_SETPCAP))
		inh_may = c->cs_inh | c->cs_bnd;
	if (!cap_subset(inh, inh_may) ||
	    !cap_subset(inh, c->cs_inh | c->cs_bnd) ||
	    !cap_subset(prm, c->cs_prm) || !cap_subset(eff, prm))
		return -EPERM;
	c->cs_eff = eff;
	c->cs_prm = prm;
	c->cs_inh = inh;
	c->cs_amb &= prm & inh;
	return 0;
}

void
cap_fix_setuid(struct cap_sets *c, const uint32_t old[3],
    const uint32_t new[3])
{
	bool was_root = old[0] == 0 || old[1] == 0 || old[2] == 0;
	bool is_root = new[0] == 0 || new[1] == 0 || new[2] == 0;

	if (was_root && !is_root) {
		if (!c->cs_keep)
			c->cs_prm = c->cs_eff = 0;
		c->cs_amb = 0;
	}
	if (old[1] == 0 && new[1] != 0)
		c->cs_eff = 0;
	if (old[1] != 0 && new[1] == 0)
		c->cs_eff = c->cs_prm;
}

void
cap_fix_setfsuid(struct cap_sets *c, uint32_t old_fsuid, uint32_t new_fsuid)
{
	if (old_fsuid == 0 && new_fsuid != 0)
		c->cs_eff &= ~CAP_FS_SET;
	if (old_fsuid != 0 && new_fsuid == 0)
		c->cs_eff |= c->cs_prm & CAP_FS_SET;
}

void
cap_exec(struct cap_sets *c, uint32_t uid, uint32_t euid)
{
	if (uid == 0 || euid == 0) {
		c->cs_prm = (c->cs_inh | c->cs_bnd) | c->cs_amb;
		c->cs_eff = euid == 0 ? c->cs_prm : c->cs_amb;
	} else {
		c->cs_prm = c->cs_eff = c->cs_amb;
	}
	c->cs_keep = false;
}

int
cap_ambient_raise(struct cap_sets *c, int cap)
{
	if (!cap_valid(cap))
		return -EINVAL;
	if (!(c->cs_prm & CAP_BIT(cap)) || !(c->cs_inh & CAP_BIT(cap)))
		return -EPERM;
	c->cs_amb |= CAP_BIT(cap);
	return 0;
}
