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
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
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

struct futex_key {
	const void	*fk_space;	/* NULL: fk_addr is physical */
	uint64_t	 fk_addr;
};

struct futex_waiter {
	struct futex_waiter	*fw_next;
	struct futex_key	 fw_key;
	uint32_t		 fw_bitset;
	bool			 fw_woken;
	struct waitq		 fw_wq;
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

	if ((uaddr & 3) != 0)
		return -EINVAL;
	if (vs == NULL || uaddr >= PAGING_USER_TOP)
		return -EFAULT;
	if (!private && vm_shared_phys(vs, uaddr, &pa)) {
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
		waitq_wake_all(&w->fw_wq);
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

static long
futex_wait(uint64_t uaddr, uint32_t val, uint64_t deadline, uint32_t mask,
    bool private)
{
	struct futex_waiter w = { .fw_bitset = mask };
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
	thread_current()->t_timed_out = false;
	waitq_wait_until_locked(&w.fw_wq, deadline);
	if (!w.fw_woken) {
		for (struct futex_waiter **pp = &futex_waiters; *pp != NULL;
		    pp = &(*pp)->fw_next)
			if (*pp == &w) {
				*pp = w.fw_next;
				break;
			}
		error = thread_current()->t_timed_out ? -ETIMEDOUT : -EINTR;
	}
	intr_restore(on);
	return error;
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

/* Deadline in pv_clock_ns from a user timespec; UINT64_MAX for none. */
static int
futex_deadline(uint64_t uts, bool absolute, bool wall, uint64_t *deadline)
{
	int64_t ts[2];
	uint64_t ns;

	*deadline = UINT64_MAX;
	if (uts == 0)
		return 0;
	if (copy_from_user(ts, (const void *)uts, sizeof(ts)) != 0)
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
		return -EINVAL;
	if ((uint64_t)ts[0] > UINT64_MAX / 2000000000UL)
		return 0;			/* centuries: no deadline */
	ns = (uint64_t)ts[0] * 1000000000UL + (uint64_t)ts[1];
	/* FUTEX_CLOCK_REALTIME deadlines are wall-clock times. */
	if (absolute && wall)
		ns -= pv_clock_wall_ns() - pv_clock_ns();
	*deadline = absolute ? ns : pv_clock_ns() + ns;
	return 0;
}

long
sys_futex(struct trap_frame *tf)
{
	uint64_t uaddr = tf->rdi, uaddr2 = tf->r8, deadline;
	int op = (int)tf->rsi, cmd = op & FUTEX_CMD_MASK;
	bool private = (op & FUTEX_PRIVATE_FLAG) != 0;
	uint32_t val = (uint32_t)tf->rdx, val3 = (uint32_t)tf->r9;
	struct futex_key k1, k2;
	long n, error, left;
	int cond = 0;
	bool on;

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if ((error = futex_deadline(tf->r10, cmd == FUTEX_WAIT_BITSET,
		    (op & FUTEX_CLOCK_REALTIME) != 0, &deadline)) != 0)
			return error;
		return futex_wait(uaddr, val, deadline,
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
