/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The run-time limits of /proc/sys (tunable.h), with Linux's defaults. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/ipc_limits.h>
#include <lib/string.h>
#include <fs/fdtable.h>
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
struct tunable tun_pipe_user_soft = { 16384, 0, UINT64_MAX };
struct tunable tun_pipe_user_hard = { 0, 0, UINT64_MAX };	/* 0: none */
struct tunable tun_nr_open = { FD_NR_OPEN, 64, FD_NR_OPEN };
/* Linux's default for a small machine, up to PID_MAX_LIMIT; from 301. */
struct tunable tun_pid_max = { 32768, 301, 4194304 };
int tun_msg_next_id = -1, tun_shm_next_id = -1, tun_sem_next_id = -1;
char tun_core_pattern[TUN_CORE_PATTERN_MAX] = "core";

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

int
tunable_ints(int *vals, unsigned int n, int min, int max, const char *text,
    size_t len)
{
	int got[8];
	unsigned int k = 0;
	size_t i = 0;

	if (n > 8)
		n = 8;
	for (;;) {
		int64_t v = 0;
		bool neg = false, digits = false;

		while (i < len && tunable_space(text[i]))
			i++;
		if (i == len || text[i] == '\0')
			break;
		if (k == n)
			break;		/* more values than slots: ignored */
		if (text[i] == '-' || text[i] == '+')
			neg = text[i++] == '-';
		for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
			v = v * 10 + (text[i] - '0');
			if (v > (int64_t)INT32_MAX + 1)
				return -EINVAL;
			digits = true;
		}
		if (!digits || (i < len && !tunable_space(text[i]) &&
		    text[i] != '\0'))
			return -EINVAL;
		if (neg)
			v = -v;
		if (v < min || v > max)
			return -EINVAL;
		got[k++] = (int)v;
	}
	if (k == 0)
		return -EINVAL;
	memcpy(vals, got, k * sizeof(got[0]));
	return 0;
}

int
tunable_string(char *dst, size_t size, const char *text, size_t len)
{
	size_t n = 0;

	while (n < len && n + 1 < size && text[n] != '\n' && text[n] != '\0')
		n++;
	memcpy(dst, text, n);
	dst[n] = '\0';
	return 0;
}
