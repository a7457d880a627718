/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * What POSIX message queues decide without touching the kernel
 * (mqueue_calc.c), tested on the host: which names and attributes
 * mq_open accepts, the order messages leave a queue in (highest
 * priority first, in arrival order within a priority), and the status
 * line a read of a queue descriptor returns.
 */
#ifndef KERNEL_IPC_MQUEUE_CALC_H
#define KERNEL_IPC_MQUEUE_CALC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/ipc_limits.h>

#define MQ_PRIO_MAX	32768		/* priorities are 0 .. MQ_PRIO_MAX - 1 */
#define MQ_STATUS_MAX	128		/* room for mqueue_calc_status's line */

/* One message's place in a queue; the message's memory is the caller's. */
struct mq_node {
	struct mq_node	*mn_next;
	uint32_t	 mn_prio;
};

/* Messages by priority, highest first; equal ones in arrival order. */
struct mq_list {
	struct mq_node	*ml_head;
	struct mq_node	*ml_tail;
};

/* Queue n (its mn_prio set) behind every message of its priority or more. */
void	mqueue_calc_insert(struct mq_list *l, struct mq_node *n);
/* Take the first message out, or NULL when none waits. */
struct mq_node *mqueue_calc_pop(struct mq_list *l);

/*
 * A queue's name as the system calls get it (the C library drops one
 * leading "/"), len bytes: 0, or Linux's error: -ENOENT for "", -EACCES
 * for ".", ".." or a name with "/", -ENAMETOOLONG past VFS_NAME_MAX.
 */
int	mqueue_calc_name(const char *name, size_t len);

/*
 * mq_open's attributes for a new queue: 0 or -EINVAL.  Both must be
 * positive and within the limits (privileged: the hard limits rather
 * than lim's), and the queue's bytes must not overflow.
 */
int	mqueue_calc_attr(int64_t maxmsg, int64_t msgsize, bool privileged,
	    const struct mq_limits *lim);

/*
 * What a queue costs against its creator's RLIMIT_MSGQUEUE, as Linux
 * counts it: the messages' bytes and per-message bookkeeping.  The
 * attributes are valid (mqueue_calc_attr).
 */
uint64_t mqueue_calc_cost(int64_t maxmsg, int64_t msgsize);

/*
 * The line a read of a queue descriptor gives (into buf, MQ_STATUS_MAX
 * bytes): bytes queued, the registered notification (its sigev_notify,
 * its signal when SIGEV_SIGNAL, its process; 0s when none).  Its length.
 */
size_t	mqueue_calc_status(char *buf, uint64_t qsize, bool registered,
	    int notify, int signo, int pid);

#endif /* KERNEL_IPC_MQUEUE_CALC_H */
