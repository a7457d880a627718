/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the capability rules (lib/cap.c) against Linux's. */
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>

#include "ut.h"

UT_TEST(cap_set_never_rises)
{
	struct cap_sets c;
	uint64_t net = CAP_BIT(CAP_NET_RAW);

	cap_init_root(&c);
	UT_ASSERT_EQ(c.cs_eff, CAP_FULL_SET);
	UT_ASSERT_EQ(c.cs_inh, 0);
	/* Dropping one from effective keeps it permitted. */
	UT_ASSERT_EQ(cap_set(&c, CAP_FULL_SET & ~net, CAP_FULL_SET, 0), 0);
	UT_ASSERT_EQ(c.cs_eff & net, 0);
	UT_ASSERT_EQ(cap_set(&c, CAP_FULL_SET, CAP_FULL_SET, 0), 0);
	/* Effective must be within the new permitted. */
	UT_ASSERT_EQ(cap_set(&c, CAP_FULL_SET, CAP_FULL_SET & ~net, 0),
	    -EPERM);
	UT_ASSERT_EQ(c.cs_prm, CAP_FULL_SET);		/* unchanged */
	UT_ASSERT_EQ(cap_set(&c, 0, CAP_FULL_SET & ~net, 0), 0);
	/* Once out of permitted, never back. */
	UT_ASSERT_EQ(cap_set(&c, 0, CAP_FULL_SET, 0), -EPERM);
	/* Bits past CAP_LAST_CAP are ignored, as Linux masks them. */
	UT_ASSERT_EQ(cap_set(&c, ~0ULL & ~net, ~0ULL & ~net, 0), 0);
	UT_ASSERT_EQ(c.cs_eff, CAP_FULL_SET & ~net);
}

UT_TEST(cap_set_inheritable_rules)
{
	struct cap_sets c;
	uint64_t k = CAP_BIT(CAP_KILL);

	cap_init_root(&c);
	c.cs_prm = c.cs_eff = k;			/* no CAP_SETPCAP */
	UT_ASSERT_EQ(cap_set(&c, k, k, k), 0);		/* from permitted */
	UT_ASSERT_EQ(cap_set(&c, k, k, k | CAP_BIT(CAP_CHOWN)), -EPERM);
	/* CAP_SETPCAP: anything in the bounding set ... */
	c.cs_prm = c.cs_eff = k | CAP_BIT(CAP_SETPCAP);
	UT_ASSERT_EQ(cap_set(&c, c.cs_eff, c.cs_prm, CAP_BIT(CAP_CHOWN)), 0);
	/* ... and nothing outside it. */
	c.cs_bnd &= ~CAP_BIT(CAP_MKNOD);
	UT_ASSERT_EQ(cap_set(&c, c.cs_eff, c.cs_prm, CAP_BIT(CAP_MKNOD)),
	    -EPERM);
}

UT_TEST(cap_ambient_needs_permitted_and_inheritable)
{
	struct cap_sets c;

	cap_init_root(&c);
	UT_ASSERT_EQ(cap_ambient_raise(&c, CAP_KILL), -EPERM);
	UT_ASSERT_EQ(cap_set(&c, c.cs_eff, c.cs_prm, CAP_BIT(CAP_KILL)), 0);
	UT_ASSERT_EQ(cap_ambient_raise(&c, CAP_KILL), 0);
	UT_ASSERT_EQ(cap_ambient_raise(&c, CAP_LAST_CAP + 1), -EINVAL);
	UT_ASSERT_EQ(cap_ambient_raise(&c, -1), -EINVAL);
	/* Leaving inheritable takes it out of ambient. */
	UT_ASSERT_EQ(cap_set(&c, c.cs_eff, c.cs_prm, 0), 0);
	UT_ASSERT_EQ(c.cs_amb, 0);
}

UT_TEST(cap_setuid_fixups)
{
	struct cap_sets c;
	uint32_t root[3] = { 0, 0, 0 }, user[3] = { 1000, 1000, 1000 };
	uint32_t euser[3] = { 0, 1000, 0 };

	/* Root to an ordinary user everywhere: nothing is left. */
	cap_init_root(&c);
	cap_fix_setuid(&c, root, user);
	UT_ASSERT_EQ(c.cs_prm | c.cs_eff | c.cs_amb, 0);
	UT_ASSERT_EQ(c.cs_bnd, CAP_FULL_SET);
	/* ... unless keep-caps: permitted stays, effective goes. */
	cap_init_root(&c);
	c.cs_keep = true;
	cap_fix_setuid(&c, root, user);
	UT_ASSERT_EQ(c.cs_prm, CAP_FULL_SET);
	UT_ASSERT_EQ(c.cs_eff, 0);
	/* Only the effective uid leaves 0: effective cleared, and back. */
	cap_init_root(&c);
	cap_fix_setuid(&c, root, euser);
	UT_ASSERT_EQ(c.cs_eff, 0);
	UT_ASSERT_EQ(c.cs_prm, CAP_FULL_SET);
	cap_fix_setuid(&c, euser, root);
	UT_ASSERT_EQ(c.cs_eff, CAP_FULL_SET);
	/* setfsuid: the file-system capabilities follow the fs uid. */
	cap_fix_setfsuid(&c, 0, 1000);
	UT_ASSERT_EQ(c.cs_eff, CAP_FULL_SET & ~CAP_FS_SET);
	UT_ASSERT_EQ(c.cs_eff & CAP_BIT(CAP_KILL), CAP_BIT(CAP_KILL));
	cap_fix_setfsuid(&c, 1000, 0);
	UT_ASSERT_EQ(c.cs_eff, CAP_FULL_SET);
}

UT_TEST(cap_exec_root_and_others)
{
	struct cap_sets c;

	/* Root regains its bounding set at exec, effective with euid 0. */
	cap_init_root(&c);
	UT_ASSERT_EQ(cap_set(&c, 0, CAP_BIT(CAP_KILL), 0), 0);
	cap_exec(&c, 0, 0);
	UT_ASSERT_EQ(c.cs_prm, CAP_FULL_SET);
	UT_ASSERT_EQ(c.cs_eff, CAP_FULL_SET);
	/* A dropped bounding capability is not regained. */
	c.cs_bnd &= ~CAP_BIT(CAP_NET_RAW);
	cap_exec(&c, 0, 0);
	UT_ASSERT_EQ(c.cs_prm, CAP_FULL_SET & ~CAP_BIT(CAP_NET_RAW));
	/* Real uid 0 only: permitted, not effective. */
	cap_exec(&c, 0, 1000);
	UT_ASSERT_EQ(c.cs_eff, 0);
	/* Others keep only the ambient set; keep-caps ends. */
	UT_ASSERT_EQ(cap_set(&c, 0, c.cs_prm, CAP_BIT(CAP_KILL)), 0);
	UT_ASSERT_EQ(cap_ambient_raise(&c, CAP_KILL), 0);
	c.cs_keep = true;
	cap_exec(&c, 1000, 1000);
	UT_ASSERT_EQ(c.cs_prm, CAP_BIT(CAP_KILL));
	UT_ASSERT_EQ(c.cs_eff, CAP_BIT(CAP_KILL));
	UT_ASSERT(!c.cs_keep);
}
