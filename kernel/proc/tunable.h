/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Tunables: the kernel's limits an administrator may change at run time
 * through /proc/sys (fs/procfs/procfs_sys.c shows and stores them), read
 * by the code they limit (kernel/ipc's System V objects and pipes).  Each
 * is a value with the bounds Linux accepts for it.
 */
#ifndef KERNEL_PROC_TUNABLE_H
#define KERNEL_PROC_TUNABLE_H

#include <stddef.h>
#include <stdint.h>

struct tunable {
	uint64_t	tu_val;
	uint64_t	tu_min, tu_max;		/* accepted values */
};

extern struct tunable tun_shmmax;	/* kernel.shmmax: bytes per segment */
extern struct tunable tun_shmall;	/* kernel.shmall: pages in all */
extern struct tunable tun_shmmni;	/* kernel.shmmni: segments */
extern struct tunable tun_msgmax;	/* kernel.msgmax: bytes per message */
extern struct tunable tun_msgmnb;	/* kernel.msgmnb: a queue's default */
extern struct tunable tun_msgmni;	/* kernel.msgmni: queues */
extern struct tunable tun_pipe_max;	/* fs.pipe-max-size: bytes */
extern struct tunable tun_dmesg_restrict; /* kernel.dmesg_restrict: 0, 1 */
extern struct tunable tun_lease_break;	/* fs.lease-break-time: seconds */
extern struct tunable tun_leases_on;	/* fs.leases-enable: 0 or 1 */
extern struct tunable tun_dnotify_on;	/* fs.dir-notify-enable: 0 or 1 */
/* kernel.keys: the key retention service's quotas (kernel/ipc/keys.c) */
extern struct tunable tun_keys_maxkeys;	/* keys a user may own */
extern struct tunable tun_keys_maxbytes; /* bytes of them */
extern struct tunable tun_keys_root_maxkeys; /* the same for root */
extern struct tunable tun_keys_root_maxbytes;
extern struct tunable tun_keys_gc_delay; /* seconds a revoked or expired
					 * key stays (kept: nothing reaps) */

/*
 * Set t from text (a decimal number, spaces and a newline around it):
 * 0, or -EINVAL when it is not a number or out of t's bounds (t kept).
 */
int	tunable_store(struct tunable *t, const char *text, size_t len);

#endif /* KERNEL_PROC_TUNABLE_H */
