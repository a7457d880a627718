/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The key retention service's pure rules (keys_perm.c, host-tested): the
 * permission mask check, what a key type's payload and description must
 * be, and /proc/keys's timeout column.  Numbers are Linux's ABI
 * (<linux/keyctl.h>).
 */
#ifndef KERNEL_IPC_KEYS_PERM_H
#define KERNEL_IPC_KEYS_PERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A key's permission mask: possessor, user, group and other bytes. */
#define KEY_VIEW	0x01
#define KEY_READ	0x02
#define KEY_WRITE	0x04
#define KEY_SEARCH	0x08
#define KEY_LINK	0x10
#define KEY_SETATTR	0x20
#define KEY_ALL		0x3f
#define KEY_POS_SHIFT	24
#define KEY_USR_SHIFT	16
#define KEY_GRP_SHIFT	8
#define KEY_PERM_VALID	0x3f3f3f3fu

#define KEY_GID_NONE	0xffffffffu	/* a user keyring's group */

/* Whose request a permission check judges: fs ids and groups. */
struct keys_who {
	uint32_t	 kw_fsuid, kw_fsgid;
	uint32_t	 kw_ngroups;
	const uint32_t	*kw_groups;
};

/*
 * May who do need (KEY_* bits) to a key with mask perm, owner uid and
 * group gid, possessed or not?  The owner's byte if who owns it, else
 * the group's if the key grants its group anything and who is in it,
 * else other's; a possessor adds the possessor byte.  No capability
 * overrides it (as Linux).  0 or -EACCES.
 */
int	keys_perm_check(uint32_t perm, uint32_t uid, uint32_t gid,
	    bool possessed, const struct keys_who *who, uint32_t need);

/*
 * A key type name from add_key/request_key/keyctl: at most 31 bytes
 * (len is its length), not empty: 0, -EINVAL; one starting with '.'
 * (the kernel's own types) -EPERM.
 */
int	keys_type_name_check(const char *type, size_t len);

/*
 * A "logon" key's description must be "prefix:rest" with a non-empty
 * prefix: 0 or -EINVAL.
 */
int	keys_logon_desc_check(const char *desc);

/*
 * /proc/keys's timeout column for a key expiring at expiry (seconds,
 * 0: never) seen at now: "perm", "expd", or the time left in the
 * largest unit that fits ("59s", "4m", "2h", "6d", "3w").  buf holds at
 * least 8 bytes.
 */
void	keys_fmt_timeout(char *buf, int64_t expiry, int64_t now);

#endif /* KERNEL_IPC_KEYS_PERM_H */
