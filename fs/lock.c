/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Advisory file locks (see lock.h).  Each vnode keeps a list per kind;
 * one wait queue serves every waiter, each of which looks again after
 * any change.  Waiters are listed with the owner they wait for, so that
 * F_SETLKW can see a cycle before it sleeps into it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/waitq.h>
#include <fs/lock.h>
#include <fs/vfs.h>

struct lock_node {
	struct lock_node *ln_next;
	struct vfs_lock	 ln_lock;
};

struct lock_waiter {
	struct lock_waiter *lw_next;
	const void	*lw_owner;
	const void	*lw_blocker;
};

#define LOCK_CHAIN_MAX	16	/* how far a deadlock search follows */

static struct waitq lock_wq;
static struct lock_waiter *lock_waiters;

static struct lock_node **
lock_list(struct vnode *v, int kind)
{
	return (struct lock_node **)&v->v_locks[kind];
}

static bool
lock_overlap(const struct vfs_lock *a, const struct vfs_lock *b)
{
	return a->lk_start <= b->lk_end && b->lk_start <= a->lk_end;
}

/* The first lock of another owner that l cannot live with; lock held. */
static struct lock_node *
lock_conflict(struct vnode *v, int kind, const struct vfs_lock *l)
{
	for (struct lock_node *n = *lock_list(v, kind); n != NULL;
	    n = n->ln_next)
		if (n->ln_lock.lk_owner != l->lk_owner &&
		    lock_overlap(&n->ln_lock, l) &&
		    (l->lk_type == LOCK_WR || n->ln_lock.lk_type == LOCK_WR))
			return n;
	return NULL;
}

/*
 * F_GETLK's answer: of the locks l cannot live with, the one that starts
 * first, as Linux keeps each owner's locks in order of their start.
 */
void
lock_test(struct vnode *v, int kind, struct vfs_lock *l)
{
	bool on = intr_save();
	struct lock_node *n = lock_conflict(v, kind, l);

	for (struct lock_node *m = n; m != NULL; m = m->ln_next)
		if (m->ln_lock.lk_owner != l->lk_owner &&
		    lock_overlap(&m->ln_lock, l) &&
		    (l->lk_type == LOCK_WR || m->ln_lock.lk_type == LOCK_WR) &&
		    m->ln_lock.lk_start < n->ln_lock.lk_start)
			n = m;
	if (n != NULL)
		*l = n->ln_lock;
	else
		l->lk_type = LOCK_UN;
	intr_restore(on);
}

/* Would owner waiting for blocker close a cycle?  Lock held. */
static bool
lock_deadlock(const void *owner, const void *blocker)
{
	for (int depth = 0; depth < LOCK_CHAIN_MAX; depth++) {
		struct lock_waiter *w;

		if (blocker == owner)
			return true;
		for (w = lock_waiters; w != NULL; w = w->lw_next)
			if (w->lw_owner == blocker)
				break;
		if (w == NULL)
			return false;
		blocker = w->lw_blocker;
	}
	return false;
}

/*
 * Put l in place of what its owner held over its range: the owner's
 * locks there are cut (split when l falls inside one), and a lock of the
 * same type touching l merges into it.  spare holds two nodes, taken as
 * needed.  Lock held.
 */
static void
lock_apply(struct vnode *v, int kind, const struct vfs_lock *l,
    struct lock_node **spare)
{
	struct lock_node **pp = lock_list(v, kind), *n;
	struct vfs_lock add = *l;

	while ((n = *pp) != NULL) {
		struct vfs_lock *o = &n->ln_lock;
		bool touch = o->lk_type == add.lk_type &&
		    ((add.lk_end != LOCK_EOF && o->lk_start == add.lk_end + 1) ||
		    (o->lk_end != LOCK_EOF && o->lk_end + 1 == add.lk_start));

		if (o->lk_owner != add.lk_owner ||
		    (!lock_overlap(o, &add) && !touch)) {
			pp = &n->ln_next;
			continue;
		}
		if (o->lk_type == add.lk_type && add.lk_type != LOCK_UN) {
			/* Same type: grow add over it and drop it. */
			if (o->lk_start < add.lk_start)
				add.lk_start = o->lk_start;
			if (o->lk_end > add.lk_end)
				add.lk_end = o->lk_end;
			*pp = n->ln_next;
			kfree(n);
			continue;
		}
		if (touch) {
			pp = &n->ln_next;
			continue;
		}
		if (o->lk_start < add.lk_start && o->lk_end > add.lk_end) {
			/* add falls inside: o keeps its head, a spare its tail. */
			struct lock_node *t = *spare;

			*spare = t->ln_next;
			t->ln_lock = *o;
			t->ln_lock.lk_start = add.lk_end + 1;
			o->lk_end = add.lk_start - 1;
			t->ln_next = n->ln_next;
			n->ln_next = t;
			pp = &t->ln_next;
			continue;
		}
		if (o->lk_start < add.lk_start) {
			o->lk_end = add.lk_start - 1;
		} else if (o->lk_end > add.lk_end) {
			o->lk_start = add.lk_end + 1;
		} else {
			*pp = n->ln_next;
			kfree(n);
			continue;
		}
		pp = &n->ln_next;
	}
	if (add.lk_type == LOCK_UN)
		return;
	n = *spare;
	*spare = n->ln_next;
	n->ln_lock = add;
	n->ln_next = *lock_list(v, kind);
	*lock_list(v, kind) = n;
}

int
lock_set(struct vnode *v, int kind, const struct vfs_lock *l, bool wait,
    bool (*interrupted)(void))
{
	struct lock_node *spare = NULL, *n, *c;
	struct lock_waiter me = { .lw_owner = l->lk_owner };
	bool posix = kind == LOCK_POSIX && l->lk_pid >= 0;
	bool on, listed = false;
	int error = 0;

	if (l->lk_start > l->lk_end)
		return -EINVAL;
	for (int i = 0; i < 2; i++) {
		if ((n = kzalloc(sizeof(*n))) == NULL) {
			error = -ENOLCK;
			break;
		}
		n->ln_next = spare;
		spare = n;
	}
	on = intr_save();
	while (error == 0 && l->lk_type != LOCK_UN &&
	    (c = lock_conflict(v, kind, l)) != NULL) {
		if (!wait) {
			error = -EAGAIN;
			break;
		}
		/*
		 * Only a process's own (POSIX) request is searched for a
		 * cycle: an OFD lock's owner is an open file, which
		 * several processes may share, so its wait proves no
		 * deadlock (Linux skips the search for it too, while its
		 * wait still shows in a POSIX caller's chain).
		 */
		if (posix && lock_deadlock(l->lk_owner, c->ln_lock.lk_owner)) {
			error = -EDEADLK;
			break;
		}
		if (interrupted != NULL && interrupted()) {
			error = -EINTR;
			break;
		}
		me.lw_blocker = c->ln_lock.lk_owner;
		if (!listed) {
			me.lw_next = lock_waiters;
			lock_waiters = &me;
			listed = true;
		}
		waitq_wait_locked(&lock_wq);
	}
	if (listed) {
		struct lock_waiter **pp = &lock_waiters;

		while (*pp != &me)
			pp = &(*pp)->lw_next;
		*pp = me.lw_next;
	}
	if (error == 0) {
		lock_apply(v, kind, l, &spare);
		waitq_wake_all(&lock_wq);	/* ranges freed or changed */
	}
	intr_restore(on);
	while ((n = spare) != NULL) {
		spare = n->ln_next;
		kfree(n);
	}
	return error;
}

void
lock_release(struct vnode *v, int kind, const void *owner)
{
	struct lock_node **pp, *n, *gone = NULL;
	bool on;

	if (__atomic_load_n(&v->v_locks[kind], __ATOMIC_RELAXED) == NULL)
		return;			/* the common close: no locks */
	on = intr_save();

	for (pp = lock_list(v, kind); (n = *pp) != NULL; ) {
		if (n->ln_lock.lk_owner == owner) {
			*pp = n->ln_next;
			n->ln_next = gone;
			gone = n;
		} else {
			pp = &n->ln_next;
		}
	}
	if (gone != NULL)
		waitq_wake_all(&lock_wq);
	intr_restore(on);
	while ((n = gone) != NULL) {
		gone = n->ln_next;
		kfree(n);
	}
}
