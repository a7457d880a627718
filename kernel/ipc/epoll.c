/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * epoll instances (see epoll.h).  One CPU: interrupts off guard the
 * lists, which the watches' callbacks change from interrupts too.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/epoll.h>

#define EPOLL_HASH	64	/* interest list buckets, by descriptor */
#define EPOLL_MAX_NESTS	4	/* instances inside instances (Linux's) */
#define EPOLL_BATCH	256	/* events taken per wait at most */
/* Bits that are not events: a fired one-shot keeps only these. */
#define EPOLL_PRIVATE	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)

struct epoll;

/* One registration: (file, fd) in an instance. */
struct epoll_item {
	struct poll_watch ei_watch;	/* on the file's poll head */
	struct epoll	*ei_ep;		/* NULL once removed */
	struct file	*ei_file;	/* not held (see epoll.h) */
	int		 ei_fd;
	uint32_t	 ei_events;	/* asked for, with EPOLLERR and
					 * EPOLLHUP; only EPOLL_PRIVATE bits
					 * once a one-shot fired */
	uint64_t	 ei_data;
	uint32_t	 ei_refs;	/* the instance's, and a wait's
					 * while it copies the item out */
	bool		 ei_ready;	/* on ep_ready */
	struct epoll_item *ei_hnext;	/* ep_hash chain */
	struct epoll_item *ei_fnext;	/* the file's f_epoll list */
	struct epoll_item *ei_rnext;	/* ep_ready, oldest first */
	struct epoll_item **ei_rprev;
};

struct epoll {
	struct epoll_item *ep_hash[EPOLL_HASH];
	struct epoll_item *ep_ready;	/* announced, maybe ready */
	struct epoll_item **ep_ready_tail;
	struct waitq	 ep_wait;	/* epoll_wait sleepers */
	struct poll_head ep_poll;	/* watchers of this instance */
};

static const struct file_ops epoll_ops;

static struct epoll *
epoll_of(const struct file *f)
{
	return f->f_node->v_priv;
}

bool
epoll_is(const struct file *f)
{
	return f->f_ops == &epoll_ops;
}

/* ---- the ready list; interrupts off ---- */

static void
epoll_ready_add(struct epoll *ep, struct epoll_item *it)
{
	it->ei_rnext = NULL;
	it->ei_rprev = ep->ep_ready_tail;
	*ep->ep_ready_tail = it;
	ep->ep_ready_tail = &it->ei_rnext;
	it->ei_ready = true;
}

static void
epoll_ready_del(struct epoll *ep, struct epoll_item *it)
{
	*it->ei_rprev = it->ei_rnext;
	if (it->ei_rnext != NULL)
		it->ei_rnext->ei_rprev = it->ei_rprev;
	else
		ep->ep_ready_tail = it->ei_rprev;
	it->ei_ready = false;
}

/* Is the registration armed and its file ready for it now? */
static uint32_t
epoll_item_events(const struct epoll_item *it)
{
	if (!(it->ei_events & ~EPOLL_PRIVATE))
		return 0;
	return (uint32_t)(uint16_t)file_poll(it->ei_file) & it->ei_events;
}

/* it is ready: queue it and wake the instance's waiters and watchers. */
static void
epoll_item_queue(struct epoll *ep, struct epoll_item *it)
{
	if (!it->ei_ready)
		epoll_ready_add(ep, it);
	waitq_wake_all(&ep->ep_wait);
	poll_wake(&ep->ep_poll, FILE_POLLIN);
}

/*
 * The watch's callback: the file announced a change (see poll.h).  For
 * an EPOLLEXCLUSIVE registration, true when a thread waits on the
 * instance for the bits announced: that one wake-up is enough (Linux
 * then wakes no other exclusive instance).
 */
static bool
epoll_item_wake(struct poll_watch *w, short key)
{
	struct epoll_item *it = container_of(w, struct epoll_item, ei_watch);
	bool waiter;

	if (it->ei_ep == NULL || !(it->ei_events & ~EPOLL_PRIVATE))
		return false;
	/* A change of bits it does not ask for (a read, for a reader). */
	if (key != 0 && !((uint32_t)(uint16_t)key & it->ei_events))
		return false;
	waiter = it->ei_ep->ep_wait.wq_head != NULL;
	epoll_item_queue(it->ei_ep, it);
	return waiter;
}

static void
epoll_item_unref(struct epoll_item *it)
{
	if (--it->ei_refs == 0)
		kfree(it);
}

/* Take it out of its instance and its file's list; interrupts off. */
static void
epoll_item_remove(struct epoll_item *it)
{
	struct epoll *ep = it->ei_ep;
	struct epoll_item **pp;

	poll_watch_del(&it->ei_watch);
	for (pp = &ep->ep_hash[(unsigned int)it->ei_fd % EPOLL_HASH];
	    *pp != it; pp = &(*pp)->ei_hnext)
		;
	*pp = it->ei_hnext;
	for (pp = &it->ei_file->f_epoll; *pp != it;
	    pp = &(*pp)->ei_fnext)
		;
	*pp = it->ei_fnext;
	if (it->ei_ready)
		epoll_ready_del(ep, it);
	it->ei_ep = NULL;
	epoll_item_unref(it);
}

static struct epoll_item *
epoll_find(struct epoll *ep, struct file *f, int fd)
{
	struct epoll_item *it = ep->ep_hash[(unsigned int)fd % EPOLL_HASH];

	while (it != NULL && (it->ei_file != f || it->ei_fd != fd))
		it = it->ei_hnext;
	return it;
}

const struct file *
epoll_target(struct file *ep, int fd, unsigned int off)
{
	struct epoll *e = epoll_of(ep);
	const struct file *f = NULL;
	bool on = intr_save();

	for (struct epoll_item *it = e->ep_hash[(unsigned int)fd % EPOLL_HASH];
	    it != NULL && f == NULL; it = it->ei_hnext)
		if (it->ei_fd == fd && off-- == 0)
			f = it->ei_file;
	intr_restore(on);
	return f;
}

/*
 * Would watching target (an instance) from ep close a cycle, or nest
 * deeper than EPOLL_MAX_NESTS below ep?
 */
static bool
epoll_loops(const struct epoll *ep, const struct epoll *target, int depth)
{
	if (target == ep || depth > EPOLL_MAX_NESTS)
		return true;
	for (int b = 0; b < EPOLL_HASH; b++)
		for (struct epoll_item *it = target->ep_hash[b]; it != NULL;
		    it = it->ei_hnext)
			if (epoll_is(it->ei_file) && epoll_loops(ep,
			    epoll_of(it->ei_file), depth + 1))
				return true;
	return false;
}

/* ---- the file ---- */

/* fs/'s hook: f's last reference goes; so do its registrations. */
static void
epoll_file_release(struct file *f)
{
	bool on = intr_save();

	while (f->f_epoll != NULL)
		epoll_item_remove(f->f_epoll);
	intr_restore(on);
}

static void
epoll_release(struct file *f)
{
	struct epoll *ep = epoll_of(f);
	bool on = intr_save();

	for (int b = 0; b < EPOLL_HASH; b++)
		while (ep->ep_hash[b] != NULL)
			epoll_item_remove(ep->ep_hash[b]);
	intr_restore(on);
	kfree(ep);
}

static short
epoll_poll(struct file *f)
{
	struct epoll *ep = epoll_of(f);
	bool on = intr_save();
	short r = 0;

	for (struct epoll_item *it = ep->ep_ready; it != NULL;
	    it = it->ei_rnext)
		if (epoll_item_events(it) != 0) {
			r = FILE_POLLIN;
			break;
		}
	intr_restore(on);
	return r;
}

static struct poll_head *
epoll_poll_head(struct file *f)
{
	return &epoll_of(f)->ep_poll;
}

static long
epoll_read(struct file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EINVAL;
}

static long
epoll_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EINVAL;
}

/* An instance: no reads or writes (-EINVAL), pollable. */
static const struct file_ops epoll_ops = {
	.fo_io = { epoll_read, epoll_write,
	    FILE_READ_NOBUF | FILE_WRITE_NOBUF },
	.fo_open = file_open_none,
	.fo_release = epoll_release,
	.fo_poll = epoll_poll,
	.fo_poll_head = epoll_poll_head,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

void
epoll_init(void)
{
	file_set_epoll_release(epoll_file_release);
}

struct file *
epoll_create(void)
{
	struct epoll *ep = kzalloc(sizeof(*ep));
	struct file *f;

	if (ep == NULL)
		return NULL;
	ep->ep_ready_tail = &ep->ep_ready;
	if ((f = file_new_anon(&epoll_ops, O_RDWR, ep)) == NULL)
		kfree(ep);
	return f;
}

/* ---- control ---- */

static int
epoll_add(struct epoll *ep, struct file *target, int fd, uint32_t events,
    uint64_t data)
{
	struct epoll_item *it = kzalloc(sizeof(*it));
	bool on;

	if (it == NULL)
		return -ENOMEM;
	it->ei_watch.pw_fn = epoll_item_wake;
	it->ei_watch.pw_exclusive = (events & EPOLLEXCLUSIVE) != 0;
	it->ei_file = target;
	it->ei_fd = fd;
	it->ei_events = events | EPOLLERR | EPOLLHUP;
	it->ei_data = data;
	it->ei_refs = 1;
	on = intr_save();
	if (epoll_find(ep, target, fd) != NULL) {
		intr_restore(on);
		kfree(it);
		return -EEXIST;
	}
	if (epoll_is(target) && epoll_loops(ep, epoll_of(target), 1)) {
		intr_restore(on);
		kfree(it);
		return -ELOOP;
	}
	it->ei_ep = ep;
	it->ei_hnext = ep->ep_hash[(unsigned int)fd % EPOLL_HASH];
	ep->ep_hash[(unsigned int)fd % EPOLL_HASH] = it;
	it->ei_fnext = target->f_epoll;
	target->f_epoll = it;
	poll_watch_add(target->f_ops->fo_poll_head(target), &it->ei_watch);
	if (epoll_item_events(it) != 0)
		epoll_item_queue(ep, it);
	intr_restore(on);
	return 0;
}

int
epoll_ctl(struct file *epf, int op, struct file *target, int fd,
    const struct epoll_event_abi *ev)
{
	struct epoll *ep = epoll_of(epf);
	struct epoll_item *it;
	int error = 0;
	bool on;

	if (op == EPOLL_CTL_ADD)
		return epoll_add(ep, target, fd, ev->events, ev->data);
	if (op != EPOLL_CTL_DEL && op != EPOLL_CTL_MOD)
		return -EINVAL;
	on = intr_save();
	if ((it = epoll_find(ep, target, fd)) == NULL) {
		error = -ENOENT;
	} else if (op == EPOLL_CTL_DEL) {
		epoll_item_remove(it);
	} else if (it->ei_events & EPOLLEXCLUSIVE) {
		error = -EINVAL;	/* as Linux: exclusive stays as added */
	} else {
		it->ei_events = ev->events | EPOLLERR | EPOLLHUP;
		it->ei_data = ev->data;
		if (epoll_item_events(it) != 0)
			epoll_item_queue(ep, it);
	}
	intr_restore(on);
	return error;
}

/* ---- waiting ---- */

/* What one wait took: the event, its item (held), the item's events. */
struct epoll_taken {
	struct epoll_event_abi	 et_ev;
	struct epoll_item	*et_item;
	uint32_t		 et_events;	/* before a one-shot fired */
};

/*
 * Take up to max ready events off ep's ready list into out; interrupts
 * off.  Level-triggered registrations go back to the end of the list,
 * edge-triggered ones wait for the next announcement, one-shots for
 * EPOLL_CTL_MOD.
 */
static int
epoll_take(struct epoll *ep, struct epoll_taken *out, int max)
{
	struct epoll_item *again = NULL, **again_tail = &again, *it;
	int n = 0;

	while (n < max && (it = ep->ep_ready) != NULL) {
		uint32_t events = epoll_item_events(it);

		epoll_ready_del(ep, it);
		if (events == 0)
			continue;	/* announced, but not (or no longer) */
		out[n].et_ev.events = events;
		out[n].et_ev.data = it->ei_data;
		out[n].et_item = it;
		out[n].et_events = it->ei_events;
		it->ei_refs++;
		n++;
		if (it->ei_events & EPOLLONESHOT) {
			it->ei_events &= EPOLL_PRIVATE;
		} else if (!(it->ei_events & EPOLLET)) {
			it->ei_rnext = NULL;	/* kept apart: not seen twice */
			*again_tail = it;
			again_tail = &it->ei_rnext;
		}
	}
	while ((it = again) != NULL) {
		again = it->ei_rnext;
		epoll_ready_add(ep, it);
	}
	return n;
}

/*
 * The copy to the caller failed at taken[from]: put the rest back as
 * they were, unless removed meanwhile; interrupts off.
 */
static void
epoll_untake(struct epoll *ep, struct epoll_taken *taken, int from, int n)
{
	for (int i = n - 1; i >= from; i--) {
		struct epoll_item *it = taken[i].et_item;

		if (it->ei_ep == NULL)
			continue;
		it->ei_events = taken[i].et_events;
		if (it->ei_ready)
			continue;	/* level-triggered: still queued */
		/* First in line again. */
		it->ei_rprev = &ep->ep_ready;
		it->ei_rnext = ep->ep_ready;
		if (it->ei_rnext != NULL)
			it->ei_rnext->ei_rprev = &it->ei_rnext;
		else
			ep->ep_ready_tail = &it->ei_rnext;
		ep->ep_ready = it;
		it->ei_ready = true;
	}
}

long
epoll_wait(struct file *epf, uint64_t uevents, int max, uint64_t deadline)
{
	struct epoll *ep = epoll_of(epf);
	int batch = MIN(max, EPOLL_BATCH), n, i;
	struct epoll_taken *taken = kmalloc((size_t)batch * sizeof(*taken));
	long r;
	bool on;

	if (taken == NULL)
		return -ENOMEM;
	for (;;) {
		on = intr_save();
		if ((n = epoll_take(ep, taken, batch)) > 0)
			break;
		if (deadline == 0 || pv_clock_ns() >= deadline) {
			intr_restore(on);
			kfree(taken);
			return 0;
		}
		if (signal_pending()) {
			intr_restore(on);
			kfree(taken);
			return -EINTR;
		}
		/* A signal, the deadline or a registration's wake-up. */
		waitq_wait_until_locked(&ep->ep_wait, deadline);
		intr_restore(on);
	}
	intr_restore(on);
	for (i = 0; i < n; i++)
		if (copy_to_user((char *)uevents + (size_t)i *
		    sizeof(taken[i].et_ev), &taken[i].et_ev,
		    sizeof(taken[i].et_ev)) != 0)
			break;
	r = i > 0 ? i : -EFAULT;
	on = intr_save();
	if (i < n)
		epoll_untake(ep, taken, i, n);
	for (i = 0; i < n; i++)
		epoll_item_unref(taken[i].et_item);
	intr_restore(on);
	kfree(taken);
	return r;
}
