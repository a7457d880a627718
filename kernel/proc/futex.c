/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * futex(2): wait while a user word holds a value, wake waiters on it.
 *
 * A waiter is keyed by its address space and user address, or, for a
 * word in shared memory that other processes map too, by the physical
 * address, which is the same for all of them.  Waiters sit on one list
 * (a handful of threads at a time in our programs) under one lock; each
 * sleeps on a wait queue of its own so that a wake picks exactly whom it
 * means.  The value check and the enqueue happen with interrupts off on
 * this CPU, so a wake cannot slip in between them.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/timespec.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/futex.h>
#include <kernel/proc/signal.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_ANY	0xffffffffU
/* The lock word of a robust mutex: owner tid and two flags. */
#define FUTEX_WAITERS		0x80000000U
#define FUTEX_OWNER_DIED	0x40000000U
#define FUTEX_TID_MASK		0x3fffffffU
/* At most this many entries are walked at exit, as Linux does. */
#define FUTEX_ROBUST_LIMIT	2048

struct futex_key {
	const void	*fk_space;	/* NULL: fk_addr is physical */
	uint64_t	 fk_addr;
};

/*
 * One word a thread waits on.  futex_waitv's waiter waits on several at
 * once: one record per word, all pointing at the same wait queue.
 */
struct futex_waiter {
	struct futex_waiter	*fw_next;
	struct futex_key	 fw_key;
	uint32_t		 fw_bitset;
	bool			 fw_woken;
	struct waitq		*fw_wq;		/* the sleeping thread's */
};

static struct futex_waiter *futex_waiters;

static bool
futex_key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->fk_space == b->fk_space && a->fk_addr == b->fk_addr;
}

static int
futex_key_of(uint64_t uaddr, bool private, struct futex_key *k)
{
	struct vm_space *vs = thread_current()->t_vm;
	uint64_t pa;
	int shared = 0;

	if ((uaddr & 3) != 0)
		return -EINVAL;
	if (vs == NULL || uaddr >= PAGING_USER_TOP)
		return -EFAULT;
	/*
	 * A shared key needs the page itself (Linux pins it): an unmapped
	 * or unreadable word, or a file's page past its end, is -EFAULT.
	 * A private key is only a number.
	 */
	if (!private && (shared = vm_shared_phys(vs, uaddr, &pa)) < 0)
		return shared;
	if (shared > 0) {
		k->fk_space = NULL;
		k->fk_addr = pa;
	} else {
		k->fk_space = vs;
		k->fk_addr = uaddr;
	}
	return 0;
}

/* Wake up to n waiters on k whose bitset meets mask; interrupts off. */
static int
futex_wake_key(const struct futex_key *k, int n, uint32_t mask)
{
	int woken = 0;

	for (struct futex_waiter **pp = &futex_waiters; *pp != NULL &&
	    woken < n;) {
		struct futex_waiter *w = *pp;

		if (!futex_key_eq(&w->fw_key, k) || !(w->fw_bitset & mask)) {
			pp = &w->fw_next;
			continue;
		}
		*pp = w->fw_next;
		w->fw_woken = true;
		waitq_wake_all(w->fw_wq);
		woken++;
	}
	return woken;
}

int
futex_wake(uint64_t uaddr, int n, bool private)
{
	struct futex_key k;
	bool on;
	int woken, error;

	if ((error = futex_key_of(uaddr, private, &k)) != 0)
		return error;
	on = intr_save();
	woken = futex_wake_key(&k, n, FUTEX_BITSET_ANY);
	intr_restore(on);
	return woken;
}

/*
 * A wall-clock deadline is looked at again this often, so that a wait
 * ends soon after clock_settime moves the clock past it (Linux: at once).
 */
#define FUTEX_WALL_RECHECK_NS	50000000ULL

/* Take w off the waiters' list if a wake has not already; intr off. */
static void
futex_unqueue(struct futex_waiter *w)
{
	if (w->fw_woken)
		return;
	for (struct futex_waiter **pp = &futex_waiters; *pp != NULL;
	    pp = &(*pp)->fw_next)
		if (*pp == w) {
			*pp = w->fw_next;
			break;
		}
}

/* The first of ws[0..n) a wake took, or -1. */
static int
futex_woken_index(const struct futex_waiter *ws, int n)
{
	for (int i = 0; i < n; i++)
		if (ws[i].fw_woken)
			return i;
	return -1;
}

/*
 * Sleep until a wake takes one of ws[0..n) (queued already, their fw_wq
 * wq), until deadline (pv_clock_ns; UINT64_MAX: none), or for a
 * wall-clock wait until the wall clock reads wall_until (0: not such a
 * wait), or a signal.  Interrupts off.  Every record is off the list on
 * return; returns the index of the first woken, -ETIMEDOUT or -EINTR.
 */
static long
futex_sleep(struct futex_waiter *ws, int n, struct waitq *wq,
    uint64_t deadline, uint64_t wall_until)
{
	long woken;

	thread_current()->t_timed_out = false;
	for (;;) {
		uint64_t now = pv_clock_ns(), wall;

		if (wall_until == 0) {
			waitq_wait_until_locked(wq, deadline);
			break;
		}
		/* Still queued between the rounds: no wake is missed. */
		wall = pv_clock_wall_ns();
		waitq_wait_until_locked(wq, wall >= wall_until ? now :
		    now + MIN(wall_until - wall, FUTEX_WALL_RECHECK_NS));
		if (futex_woken_index(ws, n) >= 0 ||
		    !thread_current()->t_timed_out ||
		    pv_clock_wall_ns() >= wall_until)
			break;
		if (signal_pending()) {		/* came between the rounds */
			thread_current()->t_timed_out = false;
			break;
		}
	}
	for (int i = 0; i < n; i++)
		futex_unqueue(&ws[i]);
	if ((woken = futex_woken_index(ws, n)) >= 0)
		return woken;
	return thread_current()->t_timed_out ? -ETIMEDOUT : -EINTR;
}

/*
 * Wait while the word at uaddr is val, until deadline (pv_clock_ns;
 * UINT64_MAX: none), or for a FUTEX_CLOCK_REALTIME wait until the wall
 * clock reads wall_until (0: not such a wait).
 */
static long
futex_wait(uint64_t uaddr, uint32_t val, uint64_t deadline,
    uint64_t wall_until, uint32_t mask, bool private)
{
	struct waitq wq = { 0 };
	struct futex_waiter w = { .fw_bitset = mask, .fw_wq = &wq };
	uint32_t cur;
	bool on;
	long error;

	if (mask == 0)
		return -EINVAL;
	if ((error = futex_key_of(uaddr, private, &w.fw_key)) != 0)
		return error;
	on = intr_save();
	/* A fault here is served with interrupts off, as any fault is. */
	if (copy_from_user(&cur, (const void *)uaddr, sizeof(cur)) != 0) {
		intr_restore(on);
		return -EFAULT;
	}
	if (cur != val) {
		intr_restore(on);
		return -EAGAIN;
	}
	if (signal_pending()) {
		intr_restore(on);
		return -EINTR;
	}
	w.fw_next = futex_waiters;
	futex_waiters = &w;
	error = futex_sleep(&w, 1, &wq, deadline, wall_until);
	intr_restore(on);
	return error < 0 ? error : 0;
}

/* FUTEX_WAKE_OP's operation on the second word; the old value out. */
static int
futex_wake_op_apply(uint64_t uaddr2, uint32_t op, int *cond)
{
	uint32_t kind = (op >> 28) & 7, cmp = (op >> 24) & 15;
	uint32_t oparg = (op >> 12) & 0xfff, cmparg = op & 0xfff, old, new;

	if (op & (8U << 28))
		oparg = 1U << (oparg & 31);
	if (copy_from_user(&old, (const void *)uaddr2, sizeof(old)) != 0)
		return -EFAULT;
	switch (kind) {
	case 0: new = oparg; break;		/* SET */
	case 1: new = old + oparg; break;	/* ADD */
	case 2: new = old | oparg; break;	/* OR */
	case 3: new = old & ~oparg; break;	/* ANDN */
	case 4: new = old ^ oparg; break;	/* XOR */
	default: return -ENOSYS;
	}
	if (copy_to_user((void *)uaddr2, &new, sizeof(new)) != 0)
		return -EFAULT;
	switch (cmp) {
	case 0: *cond = (int32_t)old == (int32_t)cmparg; break;
	case 1: *cond = (int32_t)old != (int32_t)cmparg; break;
	case 2: *cond = (int32_t)old < (int32_t)cmparg; break;
	case 3: *cond = (int32_t)old <= (int32_t)cmparg; break;
	case 4: *cond = (int32_t)old > (int32_t)cmparg; break;
	case 5: *cond = (int32_t)old >= (int32_t)cmparg; break;
	default: return -ENOSYS;
	}
	return 0;
}

/*
 * Deadline in pv_clock_ns from a user timespec; UINT64_MAX for none.
 * FUTEX_WAIT's is relative, FUTEX_WAIT_BITSET's absolute on the
 * monotonic clock, or with FUTEX_CLOCK_REALTIME on the wall clock: a
 * wall-clock time already past (1970) is a deadline now, not one that
 * wrapped around into the far future (lib/timespec.h).
 */
static int
futex_deadline(uint64_t uts, bool absolute, bool wall, uint64_t *deadline,
    uint64_t *wall_until)
{
	int64_t ts[2];
	uint64_t ns, now;

	*deadline = UINT64_MAX;
	*wall_until = 0;
	if (uts == 0)
		return 0;
	if (copy_from_user(ts, (const void *)uts, sizeof(ts)) != 0)
		return -EFAULT;
	if (!timespec_valid(ts[0], ts[1]))
		return -EINVAL;
	ns = timespec_to_ns(ts[0], ts[1]);
	now = pv_clock_ns();
	if (!absolute)
		*deadline = timespec_add_sat(now, ns);
	else
		*deadline = timespec_deadline_abs(ns,
		    wall ? pv_clock_wall_ns() : now, now);
	/* A wall-clock wait follows the clock if it is set (futex_wait). */
	if (absolute && wall)
		*wall_until = ns != 0 ? ns : 1;
	return 0;
}

long
sys_futex(struct trap_frame *tf)
{
	uint64_t uaddr = tf->rdi, uaddr2 = tf->r8, deadline, wall_until;
	int op = (int)tf->rsi, cmd = op & FUTEX_CMD_MASK;
	bool private = (op & FUTEX_PRIVATE_FLAG) != 0;
	uint32_t val = (uint32_t)tf->rdx, val3 = (uint32_t)tf->r9;
	struct futex_key k1, k2;
	long n, error, left;
	int cond = 0;
	bool on;

	/* Linux takes the clock flag on FUTEX_WAIT_BITSET only (of ours). */
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if ((error = futex_deadline(tf->r10, cmd == FUTEX_WAIT_BITSET,
		    (op & FUTEX_CLOCK_REALTIME) != 0, &deadline,
		    &wall_until)) != 0)
			return error;
		return futex_wait(uaddr, val, deadline, wall_until,
		    cmd == FUTEX_WAIT ? FUTEX_BITSET_ANY : val3, private);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if ((error = futex_key_of(uaddr, private, &k1)) != 0)
			return error;
		if (cmd == FUTEX_WAKE_BITSET && val3 == 0)
			return -EINVAL;
		on = intr_save();
		n = futex_wake_key(&k1, (int)MIN(val, (uint32_t)INT32_MAX),
		    cmd == FUTEX_WAKE ? FUTEX_BITSET_ANY : val3);
		intr_restore(on);
		return n;
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		if ((error = futex_key_of(uaddr, private, &k1)) != 0 ||
		    (error = futex_key_of(uaddr2, private, &k2)) != 0)
			return error;
		if ((int32_t)val < 0 || (int64_t)tf->r10 < 0)
			return -EINVAL;
		left = (long)tf->r10;
		on = intr_save();
		if (cmd == FUTEX_CMP_REQUEUE) {
			uint32_t cur;

			if (copy_from_user(&cur, (const void *)uaddr,
			    sizeof(cur)) != 0) {
				intr_restore(on);
				return -EFAULT;
			}
			if (cur != val3) {
				intr_restore(on);
				return -EAGAIN;
			}
		}
		n = futex_wake_key(&k1, (int)val, FUTEX_BITSET_ANY);
		/* The rest, up to val2 of them, move to the second word. */
		for (struct futex_waiter *w = futex_waiters; w != NULL &&
		    left > 0; w = w->fw_next)
			if (futex_key_eq(&w->fw_key, &k1)) {
				w->fw_key = k2;
				left--;
				n++;
			}
		intr_restore(on);
		return n;
	case FUTEX_WAKE_OP:
		if ((error = futex_key_of(uaddr, private, &k1)) != 0 ||
		    (error = futex_key_of(uaddr2, private, &k2)) != 0)
			return error;
		on = intr_save();
		if ((error = futex_wake_op_apply(uaddr2, val3, &cond)) != 0) {
			intr_restore(on);
			return error;
		}
		n = futex_wake_key(&k1, (int)val, FUTEX_BITSET_ANY);
		if (cond)
			n += futex_wake_key(&k2, (int)tf->r10, FUTEX_BITSET_ANY);
		intr_restore(on);
		return n;
	default:
		return -ENOSYS;		/* priority inheritance: not here */
	}
}

/*
 * futex_waitv(2): wait on up to 128 words at once (futex2's FUTEX_32
 * words only), until a wake takes one of them; returns its index.
 */
#define FUTEX_WAITV_MAX		128
#define FUTEX2_SIZE_U32		2
#define FUTEX2_SIZE_MASK	3
#define FUTEX2_NUMA		4
#define FUTEX2_PRIVATE		FUTEX_PRIVATE_FLAG
#define FUTEX2_VALID		(FUTEX2_SIZE_MASK | FUTEX2_NUMA | FUTEX2_PRIVATE)
#define CLOCK_REALTIME_ID	0
#define CLOCK_MONOTONIC_ID	1

struct futex_waitv_user {	/* struct futex_waitv */
	uint64_t	val;
	uint64_t	uaddr;
	uint32_t	flags;
	uint32_t	reserved;
};

long
sys_futex_waitv(struct trap_frame *tf)
{
	uint64_t uwaiters = tf->rdi, deadline = UINT64_MAX, wall_until = 0;
	uint32_t nr = (uint32_t)tf->rsi, cur;
	int clockid = (int)tf->r8;
	struct futex_waitv_user *uv = NULL;
	struct futex_waiter *ws = NULL;
	struct waitq wq = { 0 };
	long error = 0;
	bool on;

	/* Linux's order: flags, count and array, clock, then each word. */
	if (tf->rdx != 0 || nr == 0 || nr > FUTEX_WAITV_MAX || uwaiters == 0)
		return -EINVAL;
	if (tf->r10 != 0) {
		if (clockid != CLOCK_REALTIME_ID && clockid != CLOCK_MONOTONIC_ID)
			return -EINVAL;
		if ((error = futex_deadline(tf->r10, true,
		    clockid == CLOCK_REALTIME_ID, &deadline, &wall_until)) != 0)
			return error;
	}
	uv = kcalloc(nr, sizeof(*uv));
	ws = kcalloc(nr, sizeof(*ws));
	if (uv == NULL || ws == NULL) {
		error = -ENOMEM;
		goto out;
	}
	if (copy_from_user(uv, (const void *)uwaiters, nr * sizeof(*uv)) != 0) {
		error = -EFAULT;
		goto out;
	}
	for (uint32_t i = 0; i < nr; i++)
		/* Sizes other than 32 bits, NUMA words: not here (as Linux). */
		if ((uv[i].flags & ~(uint32_t)FUTEX2_VALID) || uv[i].reserved ||
		    (uv[i].flags & (FUTEX2_SIZE_MASK | FUTEX2_NUMA)) !=
		    FUTEX2_SIZE_U32 || (uv[i].val >> 32) != 0) {
			error = -EINVAL;
			goto out;
		}
	for (uint32_t i = 0; i < nr; i++) {
		ws[i].fw_bitset = FUTEX_BITSET_ANY;
		ws[i].fw_wq = &wq;
		if ((error = futex_key_of(uv[i].uaddr,
		    (uv[i].flags & FUTEX2_PRIVATE) != 0, &ws[i].fw_key)) != 0)
			goto out;
	}
	on = intr_save();
	/* Every word still holds its value, or nobody sleeps. */
	for (uint32_t i = 0; i < nr && error == 0; i++) {
		if (copy_from_user(&cur, (const void *)uv[i].uaddr,
		    sizeof(cur)) != 0)
			error = -EFAULT;
		else if (cur != (uint32_t)uv[i].val)
			error = -EAGAIN;
	}
	if (error == 0 && signal_pending())
		error = -EINTR;
	if (error == 0) {
		for (uint32_t i = 0; i < nr; i++) {
			ws[i].fw_next = futex_waiters;
			futex_waiters = &ws[i];
		}
		error = futex_sleep(ws, (int)nr, &wq, deadline, wall_until);
	}
	intr_restore(on);
out:
	kfree(ws);
	kfree(uv);
	return error;
}

/*
 * One lock word of the dying thread's robust list (uaddr: the word;
 * pending: it is the list_op_pending one; pi: a priority-inheritance
 * mutex, bit 0 of the entry pointer).  Returns false when the word
 * cannot be read or written: the walk stops there.
 */
static bool
futex_robust_death(uint64_t uaddr, int tid, bool pending, bool pi)
{
	uint32_t word, dead;

	if ((uaddr & 3) != 0 || uaddr >= PAGING_USER_TOP)
		return false;
	if (copy_from_user(&word, (const void *)uaddr, sizeof(word)) != 0)
		return false;
	/*
	 * Released, but the waker died before it woke anyone (the
	 * pending op was an unlock): wake one so the lock is not lost.
	 */
	if (pending && !pi && word == 0) {
		(void)futex_wake(uaddr, 1, false);
		return true;
	}
	if ((word & FUTEX_TID_MASK) != (uint32_t)tid)
		return true;		/* not ours (any more) */
	/*
	 * One CPU and interrupts off (the caller): no user thread runs
	 * between this read and this write, so they are one atomic step.
	 */
	dead = (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (copy_to_user((void *)uaddr, &dead, sizeof(dead)) != 0)
		return false;
	if (!pi && (word & FUTEX_WAITERS))
		(void)futex_wake(uaddr, 1, false);
	return true;
}

/* A robust list pointer: the entry and its PI flag (bit 0). */
static bool
futex_robust_ptr(uint64_t uptr, uint64_t *entry, bool *pi)
{
	uint64_t v;

	if (copy_from_user(&v, (const void *)uptr, sizeof(v)) != 0)
		return false;
	*entry = v & ~1UL;
	*pi = (v & 1) != 0;
	return true;
}

void
futex_robust_exit(void)
{
	struct thread *t = thread_current();
	uint64_t head = t->t_robust_list, entry, next, pending;
	int64_t offset;
	bool pi, next_pi, pending_pi, on;
	int limit = FUTEX_ROBUST_LIMIT;

	t->t_robust_list = 0;
	if (head == 0 || t->t_vm == NULL)
		return;
	/*
	 * struct robust_list_head: the list (a circular list through its
	 * own first word), the lock word's offset from an entry, and the
	 * entry being locked or unlocked right now.  Any bad pointer ends
	 * the walk; nothing here may hurt the kernel.
	 */
	on = intr_save();
	if (!futex_robust_ptr(head, &entry, &pi) ||
	    copy_from_user(&offset, (const void *)(head + 8),
	    sizeof(offset)) != 0 ||
	    !futex_robust_ptr(head + 16, &pending, &pending_pi))
		goto out;
	while (entry != head) {
		/* The next one first: waking may let the entry be freed. */
		bool got_next = futex_robust_ptr(entry, &next, &next_pi);

		/* The pending entry may be listed too: it comes last. */
		if (entry != pending &&
		    !futex_robust_death(entry + (uint64_t)offset, t->t_utid,
		    false, pi))
			goto out;
		if (!got_next)
			goto out;
		entry = next;
		pi = next_pi;
		if (--limit == 0)
			break;		/* too long, or circular */
	}
	if (pending != 0)
		(void)futex_robust_death(pending + (uint64_t)offset, t->t_utid,
		    true, pending_pi);
out:
	intr_restore(on);
}
