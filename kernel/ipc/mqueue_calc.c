/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* POSIX message queues' pure logic (see mqueue_calc.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <kernel/ipc/mqueue_calc.h>

#define MQ_NAME_MAX	255		/* VFS_NAME_MAX: a name in the fs */
#define MQ_MSG_COST	48		/* bookkeeping per message and per
					 * priority in use, as Linux counts
					 * them for RLIMIT_MSGQUEUE */
#define MQ_SIGEV_SIGNAL	0

void
mqueue_calc_insert(struct mq_list *l, struct mq_node *n)
{
	struct mq_node **pp;

	n->mn_next = NULL;
	/* Most senders use one priority: the tail is the common place. */
	if (l->ml_head == NULL || l->ml_tail->mn_prio >= n->mn_prio) {
		if (l->ml_head == NULL)
			l->ml_head = n;
		else
			l->ml_tail->mn_next = n;
		l->ml_tail = n;
		return;
	}
	for (pp = &l->ml_head; (*pp)->mn_prio >= n->mn_prio;
	    pp = &(*pp)->mn_next)
		;
	/* The tail's priority is lower, so the walk stopped before it. */
	n->mn_next = *pp;
	*pp = n;
}

struct mq_node *
mqueue_calc_pop(struct mq_list *l)
{
	struct mq_node *n = l->ml_head;

	if (n != NULL) {
		l->ml_head = n->mn_next;
		if (l->ml_head == NULL)
			l->ml_tail = NULL;
		n->mn_next = NULL;
	}
	return n;
}

int
mqueue_calc_name(const char *name, size_t len)
{
	if (len == 0)
		return -ENOENT;
	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return -EACCES;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == '\0')
			return -EACCES;
	return len > MQ_NAME_MAX ? -ENAMETOOLONG : 0;
}

int
mqueue_calc_attr(int64_t maxmsg, int64_t msgsize, bool privileged,
    const struct mq_limits *lim)
{
	uint64_t max_n = privileged ? MQ_HARD_MSG_MAX : lim->ml_msg_max;
	uint64_t max_size = privileged ? MQ_HARD_MSGSIZE_MAX :
	    lim->ml_msgsize_max;
	uint64_t bytes, cost;

	if (maxmsg <= 0 || msgsize <= 0)
		return -EINVAL;
	if ((uint64_t)maxmsg > max_n || (uint64_t)msgsize > max_size)
		return -EINVAL;
	if ((uint64_t)msgsize > UINT64_MAX / (uint64_t)maxmsg)
		return -EINVAL;
	bytes = (uint64_t)maxmsg * (uint64_t)msgsize;
	cost = (uint64_t)maxmsg * 2 * MQ_MSG_COST;
	return bytes + cost < bytes ? -EINVAL : 0;
}

uint64_t
mqueue_calc_cost(int64_t maxmsg, int64_t msgsize)
{
	uint64_t n = (uint64_t)maxmsg;
	uint64_t nodes = n < MQ_PRIO_MAX ? n : MQ_PRIO_MAX;

	return n * (uint64_t)msgsize + n * MQ_MSG_COST + nodes * MQ_MSG_COST;
}

size_t
mqueue_calc_status(char *buf, uint64_t qsize, bool registered, int notify,
    int signo, int pid)
{
	if (!registered)
		notify = signo = pid = 0;
	else if (notify != MQ_SIGEV_SIGNAL)
		signo = 0;
	return (size_t)fmt_snprintf(buf, MQ_STATUS_MAX,
	    "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
	    (unsigned long)qsize, notify, signo, pid);
}
