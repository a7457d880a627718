/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System V semaphores (see sem.h).  A set is its values and their last
 * pids in one block, in the table of ipc.c.  semop applies its whole
 * operation array or nothing (sem_ops.c); a caller that must wait sleeps
 * on the set's wait queue, listed with the semaphore it waits for (what
 * GETNCNT and GETZCNT count), and tries again on every change.  A set
 * removed while threads wait leaves the table at once and is freed by the
 * last waiter, which, like the others, returns EIDRM (as msg.c's queues).
 *
 * SEM_UNDO: a process has one adjustment array per set it used with the
 * flag (struct sem_undo, on its p_semundo list and on the set's list),
 * applied when the process exits.  SETVAL and SETALL clear the arrays of
 * what they set; removing a set orphans its arrays, which their process
 * frees later.  Everything runs with interrupts off, as msg.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/waitq.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/tunable.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/sem.h>

/* A thread waiting in semop: for which semaphore, and for what. */
struct sem_sleeper {
	struct sem_sleeper *sl_next;
	unsigned int	 sl_num;
	bool		 sl_zero;	/* for 0 (GETZCNT), else to decrease */
};

struct sem_set {
	struct ipc_perm_abi ss_perm;	/* first: the table holds this */
	unsigned int	 ss_nsems;
	int64_t		 ss_otime, ss_ctime;
	struct waitq	 ss_wait;
	unsigned int	 ss_waiters;	/* threads asleep in semop */
	struct sem_sleeper *ss_sleepers;
	struct sem_undo	*ss_undos;	/* via su_set_next */
	bool		 ss_removed;
	int32_t		*ss_pid;	/* ss_nsems each, after the struct */
	uint16_t	*ss_val;
};

struct sem_undo {
	struct sem_undo	*su_proc_next;	/* the process's p_semundo list */
	struct sem_undo	*su_set_next;	/* the set's list */
	struct sem_set	*su_set;	/* NULL once the set is removed */
	int16_t		 su_adj[];	/* the set's size */
};

static struct ipc_table sem_ids = { .it_next_id = &tun_sem_next_id };
static uint64_t sem_used;		/* semaphores in all sets */

static struct sem_set *
sem_by_id(int id, int *slot)
{
	return (struct sem_set *)ipc_by_id(&sem_ids, id, slot);
}

static void
sem_set_free(struct sem_set *s)
{
	kfree(s);
}

/* Take u off its set's list.  Interrupts off. */
static void
sem_undo_unlink(struct sem_undo *u)
{
	struct sem_undo **pp;

	if (u->su_set == NULL)
		return;
	for (pp = &u->su_set->ss_undos; *pp != NULL; pp = &(*pp)->su_set_next)
		if (*pp == u) {
			*pp = u->su_set_next;
			break;
		}
	u->su_set = NULL;
}

/*
 * The calling process's adjustments for s, or NULL; it frees those of
 * removed sets on the way.  Interrupts off.
 */
static struct sem_undo *
sem_undo_find(struct sem_set *s)
{
	struct proc *p = proc_current();
	struct sem_undo **pp = &p->p_semundo, *u;

	while ((u = *pp) != NULL) {
		if (u->su_set == s)
			return u;
		if (u->su_set == NULL) {
			*pp = u->su_proc_next;
			kfree(u);
		} else {
			pp = &u->su_proc_next;
		}
	}
	return NULL;
}

/* Clear every process's adjustment of semaphore num (all: -1) of s. */
static void
sem_undo_clear(struct sem_set *s, int num)
{
	for (struct sem_undo *u = s->ss_undos; u != NULL; u = u->su_set_next)
		if (num < 0)
			memset(u->su_adj, 0, s->ss_nsems * sizeof(u->su_adj[0]));
		else
			u->su_adj[num] = 0;
}

/* The exit hook: apply and free the exiting process's adjustments. */
static void
sem_exit(struct proc *p)
{
	struct sem_undo *u;
	bool on = intr_save();

	while ((u = p->p_semundo) != NULL) {
		struct sem_set *s = u->su_set;

		p->p_semundo = u->su_proc_next;
		if (s != NULL) {
			for (unsigned int i = 0; i < s->ss_nsems; i++)
				if (u->su_adj[i] != 0) {
					s->ss_val[i] = sem_ops_undo_value(
					    s->ss_val[i], u->su_adj[i]);
					s->ss_pid[i] = p->p_pid;
				}
			sem_undo_unlink(u);
			waitq_wake_all(&s->ss_wait);
		}
		kfree(u);
	}
	intr_restore(on);
}

void
sem_init(void)
{
	proc_set_exit_hook(sem_exit);
}

/* ipcperms' mask for a get's flags: any of the three classes asked. */
static int
sem_get_mask(int flags)
{
	return ((flags >> 6) | (flags >> 3) | flags) & 07;
}

long
sem_get(int32_t key, int nsems, int flags)
{
	struct sem_set *s;
	int slot, id;
	bool on;

	if (nsems < 0 || nsems > SEMMSL)
		return -EINVAL;
	on = intr_save();
	if ((slot = ipc_find_key(&sem_ids, key)) >= 0) {
		s = (struct sem_set *)ipc_slot(&sem_ids, slot);
		id = (flags & IPC_CREAT) && (flags & IPC_EXCL) ? -EEXIST :
		    !ipc_may(&s->ss_perm, sem_get_mask(flags)) ? -EACCES :
		    (unsigned int)nsems > s->ss_nsems ? -EINVAL :
		    ipc_id(&sem_ids, slot);
		intr_restore(on);
		return id;
	}
	intr_restore(on);
	if (key != IPC_PRIVATE && !(flags & IPC_CREAT))
		return -ENOENT;
	if (nsems == 0)
		return -EINVAL;
	if ((s = kzalloc(sizeof(*s) + (size_t)nsems *
	    (sizeof(s->ss_pid[0]) + sizeof(s->ss_val[0])))) == NULL)
		return -ENOMEM;
	ipc_perm_init(&s->ss_perm, key, flags);
	s->ss_nsems = (unsigned int)nsems;
	s->ss_pid = (int32_t *)(s + 1);
	s->ss_val = (uint16_t *)(s->ss_pid + nsems);
	s->ss_ctime = ipc_now();
	on = intr_save();
	/* Someone may have made the key meanwhile: that one wins. */
	if (key != IPC_PRIVATE && (slot = ipc_find_key(&sem_ids, key)) >= 0)
		id = (flags & IPC_EXCL) ? -EEXIST : ipc_id(&sem_ids, slot);
	else if (sem_used + (uint64_t)nsems > SEMMNS)
		id = -ENOSPC;
	else if ((id = ipc_add(&sem_ids, &s->ss_perm)) >= 0)
		sem_used += (uint64_t)nsems;
	intr_restore(on);
	if (id < 0 || ipc_slot(&sem_ids, id & (IPC_SLOTS - 1)) !=
	    &s->ss_perm)
		kfree(s);
	return id;
}

/*
 * The calling process's adjustments for s, made if need be (kmalloc
 * never sleeps: s stays); NULL if out of memory.  Interrupts off.
 */
static struct sem_undo *
sem_undo_get(struct sem_set *s)
{
	struct proc *p = proc_current();
	struct sem_undo *u;

	if ((u = sem_undo_find(s)) != NULL)
		return u;
	if ((u = kzalloc(sizeof(*u) + s->ss_nsems * sizeof(u->su_adj[0]))) ==
	    NULL)
		return NULL;
	u->su_set = s;
	u->su_set_next = s->ss_undos;
	s->ss_undos = u;
	u->su_proc_next = p->p_semundo;
	p->p_semundo = u;
	return u;
}

/* Sleep on s for op until woken or deadline; false if s was removed
 * meanwhile (then it may be gone).  Interrupts off. */
static bool
sem_wait(struct sem_set *s, const struct sembuf_abi *op, uint64_t deadline)
{
	struct sem_sleeper me = { s->ss_sleepers, op->sem_num,
	    op->sem_op == 0 };
	struct sem_sleeper **pp;

	s->ss_sleepers = &me;
	s->ss_waiters++;
	waitq_wait_until_locked(&s->ss_wait, deadline);
	for (pp = &s->ss_sleepers; *pp != NULL; pp = &(*pp)->sl_next)
		if (*pp == &me) {
			*pp = me.sl_next;
			break;
		}
	s->ss_waiters--;
	if (s->ss_removed) {
		if (s->ss_waiters == 0)
			sem_set_free(s);
		return false;
	}
	return true;
}

static long
sem_op_locked(int id, const struct sembuf_abi *ops, size_t n,
    uint64_t deadline)
{
	struct sem_ops_scan scan;
	struct sem_set *s;
	struct sem_undo *u = NULL;
	size_t blk;
	int r;

	sem_ops_scan(ops, n, &scan);
	if ((s = sem_by_id(id, NULL)) == NULL)
		return -EINVAL;
	if (scan.ss_max >= s->ss_nsems)
		return -EFBIG;
	if (!ipc_may(&s->ss_perm, scan.ss_alter ? 2 : 4))
		return -EACCES;
	if (scan.ss_undo && (u = sem_undo_get(s)) == NULL)
		return -ENOMEM;
	for (;;) {
		r = sem_ops_apply(s->ss_val, u != NULL ? u->su_adj : NULL,
		    ops, n, &blk);
		if (r == 0) {
			for (size_t i = 0; i < n; i++)
				s->ss_pid[ops[i].sem_num] =
				    proc_current()->p_pid;
			s->ss_otime = ipc_now();
			if (scan.ss_alter)
				waitq_wake_all(&s->ss_wait);
			return 0;
		}
		if (r < 0)
			return r;
		if (ops[blk].sem_flg & IPC_NOWAIT)
			return -EAGAIN;
		if (signal_pending())
			return -EINTR;
		if (deadline != UINT64_MAX && pv_clock_ns() >= deadline)
			return -EAGAIN;
		if (!sem_wait(s, &ops[blk], deadline))
			return -EIDRM;
	}
}

long
sem_op(int id, const struct sembuf_abi *ops, size_t n, uint64_t deadline_ns)
{
	bool on = intr_save();
	long r = sem_op_locked(id, ops, n, deadline_ns);

	intr_restore(on);
	return r;
}

/* Threads waiting in s for semaphore num to reach 0 (zero) or to be
 * able to decrease. */
static long
sem_count(const struct sem_set *s, unsigned int num, bool zero)
{
	long n = 0;

	for (const struct sem_sleeper *w = s->ss_sleepers; w != NULL;
	    w = w->sl_next)
		n += w->sl_num == num && w->sl_zero == zero;
	return n;
}

static void
sem_stat(const struct sem_set *s, struct semid_ds_abi *ds)
{
	memset(ds, 0, sizeof(*ds));
	ds->sem_perm = s->ss_perm;
	ds->sem_otime = s->ss_otime;
	ds->sem_ctime = s->ss_ctime;
	ds->sem_nsems = s->ss_nsems;
}

static void
sem_info(int cmd, struct seminfo_abi *in)
{
	memset(in, 0, sizeof(*in));
	in->semmni = IPC_MNI;
	in->semmns = (int32_t)SEMMNS;
	in->semmsl = SEMMSL;
	in->semopm = SEMOPM;
	in->semvmx = SEMVMX;
	in->semmnu = in->semmap = (int32_t)SEMMNS;
	in->semume = SEMOPM;
	if (cmd == SEM_INFO) {
		in->semusz = sem_ids.it_used;
		in->semaem = (int32_t)sem_used;
	} else {
		in->semusz = SEMUSZ;
		in->semaem = SEMAEM;
	}
}

/* IPC_RMID: out of the table now, freed by its last waiter. */
static void
sem_remove(struct sem_set *s, int slot)
{
	struct sem_undo *u;

	ipc_remove(&sem_ids, slot);
	sem_used -= s->ss_nsems;
	s->ss_removed = true;
	while ((u = s->ss_undos) != NULL) {
		s->ss_undos = u->su_set_next;
		u->su_set = NULL;
	}
	if (s->ss_waiters == 0)
		sem_set_free(s);
	else
		waitq_wake_all(&s->ss_wait);
}

static long
sem_ctl_locked(int id, int num, int cmd, void *buf, int val)
{
	struct sem_set *s;
	int slot, hi;

	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		sem_info(cmd, buf);
		hi = ipc_highest(&sem_ids);
		return hi < 0 ? 0 : hi;
	case SEM_STAT:
	case SEM_STAT_ANY:
		/* An index; of a whole id, Linux takes the index part. */
		id &= (1 << IPC_SEQ_SHIFT) - 1;
		if (id >= IPC_SLOTS ||
		    (s = (struct sem_set *)ipc_slot(&sem_ids, id)) == NULL)
			return -EINVAL;
		if (cmd == SEM_STAT && !ipc_may(&s->ss_perm, 4))
			return -EACCES;
		sem_stat(s, buf);
		return ipc_id(&sem_ids, id);
	case SETVAL:
		if (val < 0 || val > SEMVMX)
			return -ERANGE;
		break;
	}
	if ((s = sem_by_id(id, &slot)) == NULL)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT:
		if (!ipc_may(&s->ss_perm, 4))
			return -EACCES;
		sem_stat(s, buf);
		return 0;
	case IPC_SET:
		if (!ipc_owner(&s->ss_perm))
			return -EPERM;
		ipc_perm_set(&s->ss_perm,
		    &((const struct semid_ds_abi *)buf)->sem_perm);
		s->ss_ctime = ipc_now();
		return 0;
	case IPC_RMID:
		if (!ipc_owner(&s->ss_perm))
			return -EPERM;
		sem_remove(s, slot);
		return 0;
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETVAL:
		break;
	default:
		return -EINVAL;
	}
	if (!ipc_may(&s->ss_perm, cmd == SETVAL ? 2 : 4))
		return -EACCES;
	if (num < 0 || (unsigned int)num >= s->ss_nsems)
		return -EINVAL;
	switch (cmd) {
	case GETVAL:
		return s->ss_val[num];
	case GETPID:
		return s->ss_pid[num];
	case GETNCNT:
		return sem_count(s, (unsigned int)num, false);
	case GETZCNT:
		return sem_count(s, (unsigned int)num, true);
	default:			/* SETVAL */
		sem_undo_clear(s, num);
		s->ss_val[num] = (uint16_t)val;
		s->ss_pid[num] = proc_current()->p_pid;
		s->ss_ctime = ipc_now();
		waitq_wake_all(&s->ss_wait);
		return 0;
	}
}

long
sem_ctl(int id, int num, int cmd, void *buf, int val)
{
	bool on = intr_save();
	long r = sem_ctl_locked(id, num, cmd, buf, val);

	intr_restore(on);
	return r;
}

long
sem_getall(int id, uint16_t **vals)
{
	struct sem_set *s;
	long r;
	bool on = intr_save();

	if ((s = sem_by_id(id, NULL)) == NULL)
		r = -EINVAL;
	else if (!ipc_may(&s->ss_perm, 4))
		r = -EACCES;
	else if ((*vals = kmalloc(s->ss_nsems * sizeof(**vals))) == NULL)
		r = -ENOMEM;
	else {
		memcpy(*vals, s->ss_val, s->ss_nsems * sizeof(**vals));
		r = s->ss_nsems;
	}
	intr_restore(on);
	return r;
}

long
sem_setall_size(int id)
{
	struct sem_set *s;
	long r;
	bool on = intr_save();

	if ((s = sem_by_id(id, NULL)) == NULL)
		r = -EINVAL;
	else if (!ipc_may(&s->ss_perm, 2))
		r = -EACCES;
	else
		r = s->ss_nsems;
	intr_restore(on);
	return r;
}

long
sem_setall(int id, const uint16_t *vals, size_t n)
{
	struct sem_set *s;
	bool on;

	for (size_t i = 0; i < n; i++)
		if (vals[i] > SEMVMX)
			return -ERANGE;
	on = intr_save();
	/* The set went since sem_setall_size (ids are not reused soon). */
	if ((s = sem_by_id(id, NULL)) == NULL || s->ss_nsems != n) {
		intr_restore(on);
		return -EIDRM;
	}
	if (!ipc_may(&s->ss_perm, 2)) {
		intr_restore(on);
		return -EACCES;
	}
	sem_undo_clear(s, -1);
	for (size_t i = 0; i < n; i++) {
		s->ss_val[i] = vals[i];
		s->ss_pid[i] = proc_current()->p_pid;
	}
	s->ss_ctime = ipc_now();
	waitq_wake_all(&s->ss_wait);
	intr_restore(on);
	return 0;
}

void
sem_foreach(void (*fn)(const struct sem_set_info *, void *), void *arg)
{
	struct sem_set_info info;
	bool on = intr_save();

	for (int i = ipc_next(&sem_ids, 0); i >= 0;
	    i = ipc_next(&sem_ids, i + 1)) {
		struct sem_set *s = (struct sem_set *)ipc_slot(&sem_ids, i);

		if (s == NULL)
			continue;
		info.ssi_perm = s->ss_perm;
		info.ssi_id = ipc_id(&sem_ids, i);
		info.ssi_nsems = s->ss_nsems;
		info.ssi_otime = s->ss_otime;
		info.ssi_ctime = s->ss_ctime;
		fn(&info, arg);
	}
	intr_restore(on);
}
