/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * lwIP's operating-system layer on Jiny (net/lwip/sys_arch.c): its
 * semaphores, mutexes and mailboxes are counters and rings guarded with
 * interrupts off, whose waiters sleep on kernel wait queues
 * (kernel/sched/waitq.h) with a deadline on the pvclock; its threads are
 * kernel threads; SYS_ARCH_PROTECT is an interrupt-safe lock that nests.
 */
#ifndef NET_LWIP_INCLUDE_ARCH_SYS_ARCH_H
#define NET_LWIP_INCLUDE_ARCH_SYS_ARCH_H

#include <stdbool.h>

#include <kernel/sched/waitq.h>

struct thread;

struct sys_sem {
	unsigned int	ss_count;
	bool		ss_valid;
	struct waitq	ss_wait;
};
typedef struct sys_sem sys_sem_t;

struct sys_mutex {
	struct sys_sem	 sm_sem;	/* one token */
	struct thread	*sm_owner;	/* the holder, for the core-lock check */
};
typedef struct sys_mutex sys_mutex_t;

struct sys_mbox {
	void		**sb_msg;	/* ring of sb_size (kmalloc) */
	unsigned int	 sb_size, sb_head, sb_count;
	bool		 sb_valid;
	struct waitq	 sb_not_empty, sb_not_full;
};
typedef struct sys_mbox sys_mbox_t;

typedef struct thread *sys_thread_t;
typedef unsigned long sys_prot_t;

#define sys_sem_valid(s)	((s) != NULL && (s)->ss_valid)
#define sys_sem_set_invalid(s)	do { (s)->ss_valid = false; } while (0)
#define sys_mutex_valid(m)	((m) != NULL && (m)->sm_sem.ss_valid)
#define sys_mutex_set_invalid(m) do { (m)->sm_sem.ss_valid = false; } while (0)
#define sys_mbox_valid(b)	((b) != NULL && (b)->sb_valid)
#define sys_mbox_set_invalid(b)	do { (b)->sb_valid = false; } while (0)

#endif /* NET_LWIP_INCLUDE_ARCH_SYS_ARCH_H */
