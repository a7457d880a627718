/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* An inotify instance's event queue (see inotify_queue.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/ipc/inotify_queue.h>

struct inotify_qevent {
	struct inotify_qevent	*qe_next;
	int32_t			 qe_wd;
	uint32_t		 qe_mask;
	uint32_t		 qe_cookie;
	uint32_t		 qe_len;	/* name bytes with padding */
	uint32_t		 qe_namelen;	/* without the NUL */
	char			 qe_name[];
};

/* The record's name field: the name, a NUL, padding to 16. */
static uint32_t
inotify_padded(size_t namelen)
{
	return namelen == 0 ? 0 :
	    (uint32_t)((namelen + 1 + INOTIFY_RECORD - 1) &
	    ~(size_t)(INOTIFY_RECORD - 1));
}

static bool
inotify_same(const struct inotify_qevent *e, int32_t wd, uint32_t mask,
    uint32_t cookie, const char *name, size_t namelen)
{
	return e->qe_wd == wd && e->qe_mask == mask &&
	    e->qe_cookie == cookie && e->qe_namelen == namelen &&
	    (namelen == 0 || memcmp(e->qe_name, name, namelen) == 0);
}

int
inotify_queue_add(struct inotify_queue *q, int32_t wd, uint32_t mask,
    uint32_t cookie, const char *name, uint32_t max)
{
	size_t namelen = name != NULL ? strlen(name) : 0;
	struct inotify_qevent *e;
	int ret = INOTIFY_QUEUED;

	if (q->iq_count >= max) {
		/* Full: one overflow event at the end, and nothing else. */
		if (q->iq_tail != NULL &&
		    q->iq_tail->qe_mask == INOTIFY_Q_OVERFLOW)
			return INOTIFY_OVERFLOW;
		wd = -1;
		mask = INOTIFY_Q_OVERFLOW;
		cookie = 0;
		namelen = 0;
		ret = INOTIFY_OVERFLOW;
	} else if (q->iq_tail != NULL &&
	    inotify_same(q->iq_tail, wd, mask, cookie, name, namelen)) {
		return INOTIFY_MERGED;
	}
	if ((e = kmalloc(sizeof(*e) + namelen + 1)) == NULL)
		return -ENOMEM;
	e->qe_next = NULL;
	e->qe_wd = wd;
	e->qe_mask = mask;
	e->qe_cookie = cookie;
	e->qe_namelen = (uint32_t)namelen;
	e->qe_len = inotify_padded(namelen);
	if (namelen > 0)
		memcpy(e->qe_name, name, namelen);
	e->qe_name[namelen] = '\0';
	if (q->iq_tail != NULL)
		q->iq_tail->qe_next = e;
	else
		q->iq_head = e;
	q->iq_tail = e;
	q->iq_count++;
	q->iq_bytes += INOTIFY_RECORD + e->qe_len;
	return ret;
}

size_t
inotify_queue_first(const struct inotify_queue *q)
{
	return q->iq_head == NULL ? 0 : INOTIFY_RECORD + q->iq_head->qe_len;
}

/* Drop the first event. */
static void
inotify_queue_pop(struct inotify_queue *q)
{
	struct inotify_qevent *e = q->iq_head;

	q->iq_head = e->qe_next;
	if (q->iq_head == NULL)
		q->iq_tail = NULL;
	q->iq_count--;
	q->iq_bytes -= INOTIFY_RECORD + e->qe_len;
	kfree(e);
}

long
inotify_queue_read(struct inotify_queue *q, void *buf, size_t len)
{
	unsigned char *out = buf;
	size_t done = 0;

	if (q->iq_head != NULL && inotify_queue_first(q) > len)
		return -EINVAL;
	while (q->iq_head != NULL && done + inotify_queue_first(q) <= len) {
		struct inotify_qevent *e = q->iq_head;
		uint32_t head[4] = { (uint32_t)e->qe_wd, e->qe_mask,
		    e->qe_cookie, e->qe_len };

		memcpy(out + done, head, sizeof(head));
		done += sizeof(head);
		if (e->qe_len > 0) {
			memcpy(out + done, e->qe_name, e->qe_namelen);
			memset(out + done + e->qe_namelen, 0,
			    e->qe_len - e->qe_namelen);
			done += e->qe_len;
		}
		inotify_queue_pop(q);
	}
	return (long)done;
}

void
inotify_queue_clear(struct inotify_queue *q)
{
	while (q->iq_head != NULL)
		inotify_queue_pop(q);
}
