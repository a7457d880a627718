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
extern struct tunable tun_pipe_user_soft; /* fs.pipe-user-pages-soft */
extern struct tunable tun_pipe_user_hard; /* fs.pipe-user-pages-hard */
extern struct tunable tun_nr_open;	/* fs.nr_open: RLIMIT_NOFILE's cap */
extern struct tunable tun_pid_max;	/* kernel.pid_max: pids are below */
/*
 * kernel.{msg,shm,sem}_next_id: -1, or the id the kind's next new object
 * takes (kernel/ipc/ipc.c sets it back to -1 when it has).
 */
extern int tun_msg_next_id, tun_shm_next_id, tun_sem_next_id;
/* kernel.core_pattern: where a core would go (NUL-terminated). */
#define TUN_CORE_PATTERN_MAX	128
extern char tun_core_pattern[TUN_CORE_PATTERN_MAX];

/*
 * Set t from text (a decimal number, spaces and a newline around it):
 * 0, or -EINVAL when it is not a number or out of t's bounds (t kept).
 */
int	tunable_store(struct tunable *t, const char *text, size_t len);

/*
 * Up to n integers (sign allowed) separated by blanks, each in
 * [min, max], into vals[0..]: those given are set, the others kept, and
 * what follows the n-th is ignored (as Linux's proc_dointvec).  0, or
 * -EINVAL (none, not a number, out of range) with vals untouched.
 */
int	tunable_ints(int *vals, unsigned int n, int min, int max,
	    const char *text, size_t len);

/*
 * A string: text up to its first newline or NUL, cut to size - 1 bytes,
 * into dst (NUL-terminated).  Always 0.
 */
int	tunable_string(char *dst, size_t size, const char *text, size_t len);

#endif /* KERNEL_PROC_TUNABLE_H */
