/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* eventfd (see eventfd.h).  One CPU: interrupts off guard the count. */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/eventfd.h>

#define EVENTFD_MAX	0xfffffffffffffffeUL	/* the largest count */

struct eventfd {
	uint64_t	 efd_count;
	bool		 efd_semaphore;	/* set at creation */
	struct waitq	 efd_wait;	/* readers and writers */
	struct poll_head efd_poll;
};

static struct eventfd *
eventfd_of(struct file *f)
{
	return f->f_node->v_priv;
}

static long
eventfd_read(struct file *f, void *buf, size_t len)
{
	struct eventfd *e = eventfd_of(f);
	uint64_t v;
	long error;
	bool on;

	if (len < sizeof(v))
		return -EINVAL;
	on = intr_save();
	while (e->efd_count == 0) {
		if ((error = signal_wait_error(f->f_flags & O_NONBLOCK)) != 0) {
			intr_restore(on);
			return error;
		}
		waitq_wait_locked(&e->efd_wait);
	}
	v = e->efd_semaphore ? 1 : e->efd_count;
	e->efd_count -= v;
	waitq_wake_all(&e->efd_wait);
	poll_wake(&e->efd_poll, FILE_POLLOUT);
	intr_restore(on);
	memcpy(buf, &v, sizeof(v));
	return sizeof(v);
}

static long
eventfd_write(struct file *f, const void *buf, size_t len)
{
	struct eventfd *e = eventfd_of(f);
	uint64_t v;
	long error;
	bool on;

	if (len < sizeof(v))
		return -EINVAL;
	memcpy(&v, buf, sizeof(v));
	if (v == UINT64_MAX)
		return -EINVAL;
	on = intr_save();
	while (EVENTFD_MAX - e->efd_count < v) {
		if ((error = signal_wait_error(f->f_flags & O_NONBLOCK)) != 0) {
			intr_restore(on);
			return error;
		}
		waitq_wait_locked(&e->efd_wait);
	}
	e->efd_count += v;
	/* Every write announces, a write of 0 too (as Linux). */
	waitq_wake_all(&e->efd_wait);
	poll_wake(&e->efd_poll, FILE_POLLIN);
	intr_restore(on);
	return sizeof(v);
}

static short
eventfd_poll(struct file *f)
{
	struct eventfd *e = eventfd_of(f);
	uint64_t count = __atomic_load_n(&e->efd_count, __ATOMIC_RELAXED);

	return (short)((count > 0 ? FILE_POLLIN : 0) |
	    (count < EVENTFD_MAX ? FILE_POLLOUT : 0));
}

static struct poll_head *
eventfd_poll_head(struct file *f)
{
	return &eventfd_of(f)->efd_poll;
}

static void
eventfd_release(struct file *f)
{
	kfree(eventfd_of(f));
}

static const struct file_ops eventfd_ops = {
	.fo_io = { eventfd_read, eventfd_write, 0 },
	.fo_open = file_open_none,
	.fo_release = eventfd_release,
	.fo_poll = eventfd_poll,
	.fo_poll_head = eventfd_poll_head,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

struct file *
eventfd_create(uint64_t initval, bool semaphore, uint32_t flags)
{
	struct eventfd *e = kzalloc(sizeof(*e));
	struct file *f;

	if (e == NULL)
		return NULL;
	e->efd_count = initval;
	e->efd_semaphore = semaphore;
	if ((f = file_new_anon(&eventfd_ops, O_RDWR | (flags & O_NONBLOCK),
	    e)) == NULL)
		kfree(e);
	return f;
}

bool
eventfd_is(const struct file *f)
{
	return f->f_ops == &eventfd_ops;
}

void
eventfd_signal(struct file *f, uint64_t n)
{
	struct eventfd *e = eventfd_of(f);
	bool on = intr_save();

	e->efd_count = EVENTFD_MAX - e->efd_count < n ? EVENTFD_MAX :
	    e->efd_count + n;
	waitq_wake_all(&e->efd_wait);
	poll_wake(&e->efd_poll, FILE_POLLIN);
	intr_restore(on);
}
