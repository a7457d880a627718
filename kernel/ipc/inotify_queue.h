/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * An inotify instance's event queue (inotify_queue.c): events kept in
 * order, an event equal to the last one still queued dropped, the
 * overflow event once the queue is full, and reads that hand out whole
 * records (Linux's struct inotify_event: wd, mask, cookie, len, then the
 * name, NUL-padded to a multiple of 16 bytes).  Pure: the caller locks;
 * tested on the host.
 */
#ifndef KERNEL_IPC_INOTIFY_QUEUE_H
#define KERNEL_IPC_INOTIFY_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#define INOTIFY_Q_OVERFLOW	0x00004000	/* Linux's IN_Q_OVERFLOW */
#define INOTIFY_RECORD		16		/* a record without name */

struct inotify_qevent;

struct inotify_queue {
	struct inotify_qevent	*iq_head, *iq_tail;
	uint32_t		 iq_count;	/* events, overflow included */
	size_t			 iq_bytes;	/* their records' size */
};

/* What inotify_queue_add did. */
#define INOTIFY_QUEUED		0
#define INOTIFY_MERGED		1	/* equal to the last: dropped */
#define INOTIFY_OVERFLOW	2	/* full: the overflow event instead */

/*
 * Queue an event (name NULL or a NUL-terminated name) unless it equals
 * the last one queued; a queue holding max events takes instead one
 * overflow event (wd -1).  INOTIFY_* or -ENOMEM (nothing queued).
 */
int	inotify_queue_add(struct inotify_queue *q, int32_t wd, uint32_t mask,
	    uint32_t cookie, const char *name, uint32_t max);

/*
 * Move whole records from the front into buf (len bytes) and drop them:
 * the bytes moved, 0 for an empty queue, or -EINVAL when the first does
 * not fit.
 */
long	inotify_queue_read(struct inotify_queue *q, void *buf, size_t len);

/* The size of the first record, 0 if none. */
size_t	inotify_queue_first(const struct inotify_queue *q);

/* Drop every event. */
void	inotify_queue_clear(struct inotify_queue *q);

#endif /* KERNEL_IPC_INOTIFY_QUEUE_H */
