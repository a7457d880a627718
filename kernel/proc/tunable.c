/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The run-time limits of /proc/sys (tunable.h), with Linux's defaults. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/ipc_limits.h>
#include <kernel/proc/tunable.h>

struct tunable tun_shmmax = { SHMMAX, 0, UINT64_MAX };
struct tunable tun_shmall = { SHMALL, 0, UINT64_MAX };
struct tunable tun_shmmni = { IPC_MNI, 0, IPC_MNI };
struct tunable tun_msgmax = { MSGMAX, 0, INT32_MAX };
struct tunable tun_msgmnb = { MSGMNB, 0, INT32_MAX };
struct tunable tun_msgmni = { IPC_MNI, 0, IPC_MNI };
struct tunable tun_pipe_max = { 1048576, 4096, 1U << 31 };
struct tunable tun_dmesg_restrict = { 0, 0, 1 };
struct tunable tun_lease_break = { 45, 0, INT32_MAX };
struct tunable tun_leases_on = { 1, 0, 1 };
struct tunable tun_dnotify_on = { 1, 0, 1 };
struct tunable tun_keys_maxkeys = { 200, 1, INT32_MAX };
struct tunable tun_keys_maxbytes = { 20000, 1, INT32_MAX };
struct tunable tun_keys_root_maxkeys = { 1000000, 1, INT32_MAX };
struct tunable tun_keys_root_maxbytes = { 25000000, 1, INT32_MAX };
struct tunable tun_keys_gc_delay = { 300, 0, INT32_MAX };

static bool
tunable_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int
tunable_store(struct tunable *t, const char *text, size_t len)
{
	uint64_t v = 0;
	size_t i = 0;
	bool digits = false;

	while (i < len && tunable_space(text[i]))
		i++;
	for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
		uint64_t d = (uint64_t)(text[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -EINVAL;		/* does not fit */
		v = v * 10 + d;
		digits = true;
	}
	while (i < len && tunable_space(text[i]))
		i++;
	if (!digits || i != len || v < t->tu_min || v > t->tu_max)
		return -EINVAL;
	t->tu_val = v;
	return 0;
}
