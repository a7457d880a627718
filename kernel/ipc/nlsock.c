/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Netlink sockets (see nlsock.h).  One CPU: interrupts off guard them. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/nlsock.h>

struct nl_dgram {
	struct nl_dgram	*nd_next;
	size_t		 nd_len;
	char		 nd_data[];
};

struct nlsock {
	struct nl_dgram	*ns_head, **ns_tailp;
	struct waitq	 ns_wait;	/* readers */
	struct poll_head ns_poll;
};

static struct nlsock *
nlsock_of(const struct file *f)
{
	return f->f_node->v_priv;
}

long
nlsock_recv(struct file *f, void *buf, size_t len, bool nonblock, bool trunc)
{
	struct nlsock *s = nlsock_of(f);
	struct nl_dgram *d;
	long error, n;
	bool on = intr_save();

	while ((d = s->ns_head) == NULL) {
		if ((error = signal_wait_error(nonblock ||
		    (f->f_flags & O_NONBLOCK))) != 0) {
			intr_restore(on);
			return error;
		}
		waitq_wait_locked(&s->ns_wait);
	}
	if ((s->ns_head = d->nd_next) == NULL)
		s->ns_tailp = &s->ns_head;
	intr_restore(on);
	n = (long)(d->nd_len < len ? d->nd_len : len);
	memcpy(buf, d->nd_data, (size_t)n);
	if (trunc)
		n = (long)d->nd_len;
	kfree(d);
	return n;
}

int
nlsock_deliver(struct file *f, const void *data, size_t len)
{
	struct nlsock *s = nlsock_of(f);
	struct nl_dgram *d = kmalloc(sizeof(*d) + len);
	bool on;

	if (d == NULL)
		return -ENOMEM;
	d->nd_next = NULL;
	d->nd_len = len;
	memcpy(d->nd_data, data, len);
	on = intr_save();
	*s->ns_tailp = d;
	s->ns_tailp = &d->nd_next;
	waitq_wake_all(&s->ns_wait);
	poll_wake(&s->ns_poll, FILE_POLLIN);
	intr_restore(on);
	return 0;
}

/* read(2) of a socket is a receive. */
static long
nlsock_read(struct file *f, void *buf, size_t len)
{
	return nlsock_recv(f, buf, len, false, false);
}

/* Nothing in user space may talk to the kernel here yet. */
static long
nlsock_write(struct file *f, const void *buf, size_t len)
{
	(void)f;
	(void)buf;
	(void)len;
	return -EOPNOTSUPP;
}

static short
nlsock_poll(struct file *f)
{
	struct nlsock *s = nlsock_of(f);

	return (short)((__atomic_load_n(&s->ns_head, __ATOMIC_RELAXED) !=
	    NULL ? FILE_POLLIN : 0) | FILE_POLLOUT);
}

static struct poll_head *
nlsock_poll_head(struct file *f)
{
	return &nlsock_of(f)->ns_poll;
}

static void
nlsock_release(struct file *f)
{
	struct nlsock *s = nlsock_of(f);
	struct nl_dgram *d;

	while ((d = s->ns_head) != NULL) {
		s->ns_head = d->nd_next;
		kfree(d);
	}
	kfree(s);
}

static const struct file_ops nlsock_ops = {
	.fo_io = { nlsock_read, nlsock_write, FILE_WRITE_NOBUF },
	.fo_open = file_open_none,
	.fo_release = nlsock_release,
	.fo_poll = nlsock_poll,
	.fo_poll_head = nlsock_poll_head,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

bool
nlsock_is(const struct file *f)
{
	return f->f_ops == &nlsock_ops;
}

struct file *
nlsock_create(uint32_t flags)
{
	struct nlsock *s = kzalloc(sizeof(*s));
	struct file *f;

	if (s == NULL)
		return NULL;
	s->ns_tailp = &s->ns_head;
	if ((f = file_new_anon(&nlsock_ops, O_RDWR | (flags & O_NONBLOCK),
	    s)) == NULL) {
		kfree(s);
		return NULL;
	}
	f->f_node->v_mode = S_IFSOCK | 0777;
	return f;
}
