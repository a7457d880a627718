/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The key retention service's pure rules (see keys_perm.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <kernel/ipc/keys_perm.h>

static bool
keys_in_group(const struct keys_who *who, uint32_t gid)
{
	if (gid == who->kw_fsgid)
		return true;
	for (uint32_t i = 0; i < who->kw_ngroups; i++)
		if (who->kw_groups[i] == gid)
			return true;
	return false;
}

int
keys_perm_check(uint32_t perm, uint32_t uid, uint32_t gid, bool possessed,
    const struct keys_who *who, uint32_t need)
{
	uint32_t mine;

	if (uid == who->kw_fsuid)
		mine = perm >> KEY_USR_SHIFT;
	else if (gid != KEY_GID_NONE && (perm & (KEY_ALL << KEY_GRP_SHIFT)) &&
	    keys_in_group(who, gid))
		mine = perm >> KEY_GRP_SHIFT;
	else
		mine = perm;
	if (possessed)
		mine |= perm >> KEY_POS_SHIFT;
	need &= KEY_ALL;
	return (mine & need) == need ? 0 : -EACCES;
}

int
keys_type_name_check(const char *type, size_t len)
{
	if (len == 0 || len > 31)
		return -EINVAL;
	if (type[0] == '.')
		return -EPERM;
	return 0;
}

int
keys_logon_desc_check(const char *desc)
{
	const char *colon = strchr(desc, ':');

	return colon == NULL || colon == desc ? -EINVAL : 0;
}

void
keys_fmt_timeout(char *buf, int64_t expiry, int64_t now)
{
	static const struct {
		int64_t	 secs;
		char	 unit;
	} units[] = {
		{ 60, 's' }, { 60 * 60, 'm' }, { 60 * 60 * 24, 'h' },
		{ 60 * 60 * 24 * 7, 'd' },
	};
	int64_t left;
	unsigned int i;

	if (expiry == 0) {
		memcpy(buf, "perm", 5);
		return;
	}
	if (now >= expiry) {
		memcpy(buf, "expd", 5);
		return;
	}
	left = expiry - now;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (left < units[i].secs) {
			int64_t div = i == 0 ? 1 : units[i - 1].secs;

			fmt_snprintf(buf, 8, "%ld%c", (long)(left / div),
			    units[i].unit);
			return;
		}
	fmt_snprintf(buf, 8, "%ldw", (long)(left / (60 * 60 * 24 * 7)));
}
