/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Linux's native AIO: io_setup, io_destroy, io_submit, io_getevents,
 * io_pgetevents and io_cancel.
 *
 * A context is a ring of completion events in the process's memory, as
 * on Linux: io_setup maps it ("[aio]", anonymous, read-write) and returns
 * its address as the context id; it begins with the header libaio reads
 * (struct aio_ring: id, nr, head, tail, magic, features, header length),
 * then nr struct io_event.  The kernel appends at tail; whoever reaps
 * (io_getevents, or libaio itself in user space) moves head.
 *
 * Every request runs to its end inside io_submit, which Linux also does
 * for buffered files (only O_DIRECT I/O is queued there): reads and
 * writes go through preadv2/pwritev2's path (sys_fs_prw_file), a read of
 * an empty pipe waits as read(2) would unless the iocb says RWF_NOWAIT,
 * and the event is in the ring when io_submit returns.  So there is never
 * a request in flight for io_cancel to find (-EINVAL, as Linux for a
 * request that has completed), and io_getevents waits only for other
 * threads' submissions.  IOCB_CMD_POLL, which only completes later, is
 * not offered (-EINVAL, as before Linux 4.18).
 *
 * A space's contexts hang off its vm_space (vs_aio) and go with it (the
 * release hook); fork does not pass them on (the child's space has none,
 * as on Linux).  One CPU: interrupts off guard the lists and counters.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/ipc_limits.h>
#include <lib/string.h>
#include <lib/timespec.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/user.h>
#include <arch/x86_64/include/layout.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/fdtable.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/eventfd.h>
#include <fs/procfs/procfs.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>
#include <syscall/sys_poll.h>

#define AIO_RING_MAGIC		0xa10a10a1u
#define AIO_RING_COMPAT		1u	/* "the ring may be read in user space" */
#define AIO_IOV_MAX		1024	/* UIO_MAXIOV */

enum {
	IOCB_CMD_PREAD = 0,
	IOCB_CMD_PWRITE = 1,
	IOCB_CMD_FSYNC = 2,
	IOCB_CMD_FDSYNC = 3,
	IOCB_CMD_POLL = 5,
	IOCB_CMD_NOOP = 6,
	IOCB_CMD_PREADV = 7,
	IOCB_CMD_PWRITEV = 8,
};
#define IOCB_FLAG_RESFD		1u
#define IOCB_FLAG_IOPRIO	2u

/* struct aio_ring's header, then nr events: the user-visible layout. */
struct aio_ring_hdr {
	uint32_t	id;
	uint32_t	nr;
	uint32_t	head;
	uint32_t	tail;
	uint32_t	magic;
	uint32_t	compat_features;
	uint32_t	incompat_features;
	uint32_t	header_length;
};

struct aio_event {
	uint64_t	data;
	uint64_t	obj;		/* the user's iocb */
	int64_t		res;
	int64_t		res2;
};

struct aio_iocb {
	uint64_t	aio_data;
	uint32_t	aio_key;	/* set to 0 by io_submit */
	uint32_t	aio_rw_flags;	/* RWF_* */
	uint16_t	aio_lio_opcode;
	int16_t		aio_reqprio;
	uint32_t	aio_fildes;
	uint64_t	aio_buf;
	uint64_t	aio_nbytes;
	int64_t		aio_offset;
	uint64_t	aio_reserved2;
	uint32_t	aio_flags;
	uint32_t	aio_resfd;
};
_Static_assert(sizeof(struct aio_ring_hdr) == 32, "struct aio_ring");
_Static_assert(sizeof(struct aio_event) == 32, "struct io_event");
_Static_assert(sizeof(struct aio_iocb) == 64, "struct iocb");

struct aio_ctx {
	struct aio_ctx	*ac_next;	/* the space's contexts */
	uint64_t	 ac_ring;	/* user address: the context id */
	uint64_t	 ac_len;	/* bytes mapped */
	uint32_t	 ac_nr;		/* events the ring holds */
	uint32_t	 ac_max;	/* io_setup's nr_events: counted in aio-nr */
	uint32_t	 ac_tail;	/* next event goes here */
	uint64_t	 ac_posted;	/* events ever posted */
	uint32_t	 ac_running;	/* requests between check and event */
	unsigned int	 ac_refs;	/* the list's, and each call's */
	bool		 ac_dead;	/* destroyed: off the list */
	struct waitq	 ac_wait;	/* io_getevents */
};

static uint64_t aio_nr;			/* /proc/sys/fs/aio-nr */

static uint64_t
aio_nr_now(void)
{
	return __atomic_load_n(&aio_nr, __ATOMIC_RELAXED);
}

static struct vm_space *
aio_space(void)
{
	return thread_current()->t_vm;
}

/* The calling process's context with id, held; NULL if none. */
static struct aio_ctx *
aio_lookup(uint64_t id)
{
	struct vm_space *vs = aio_space();
	struct aio_ctx *c;
	bool on;

	if (vs == NULL)
		return NULL;
	on = intr_save();
	for (c = vs->vs_aio; c != NULL && c->ac_ring != id; c = c->ac_next)
		;
	if (c != NULL)
		c->ac_refs++;
	intr_restore(on);
	return c;
}

static void
aio_put(struct aio_ctx *c)
{
	bool on = intr_save();
	bool last = --c->ac_refs == 0;

	intr_restore(on);
	if (last)
		kfree(c);
}

/* Take c off its space's list (interrupts off); false if already off. */
static bool
aio_unlink(struct vm_space *vs, struct aio_ctx *c)
{
	struct aio_ctx **pp;

	for (pp = &vs->vs_aio; *pp != NULL;
	    pp = &(*pp)->ac_next)
		if (*pp == c) {
			*pp = c->ac_next;
			c->ac_dead = true;
			__atomic_fetch_sub(&aio_nr, c->ac_max,
			    __ATOMIC_RELAXED);
			waitq_wake_all(&c->ac_wait);
			return true;
		}
	return false;
}

/* The space is going: its contexts with it (the ring goes with the areas). */
static void
aio_space_release(struct vm_space *vs)
{
	struct aio_ctx *c;
	bool on = intr_save();

	while ((c = vs->vs_aio) != NULL) {
		aio_unlink(vs, c);
		intr_restore(on);
		aio_put(c);
		on = intr_save();
	}
	intr_restore(on);
}

void
sys_aio_init(void)
{
	vm_set_release_hook(aio_space_release);
	procfs_set_aio_nr(aio_nr_now);
}

/* The ring's head as the reaper left it, within the ring. */
static uint32_t
aio_head(struct aio_ctx *c)
{
	uint32_t head;

	if (copy_from_user(&head, (const void *)(c->ac_ring +
	    offsetof(struct aio_ring_hdr, head)), sizeof(head)) != 0)
		return c->ac_tail;	/* unmapped: nothing to reap */
	return head % c->ac_nr;
}

/* Events completed and not reaped, and room promised to running requests. */
static uint32_t
aio_queued(struct aio_ctx *c)
{
	return (c->ac_tail + c->ac_nr - aio_head(c)) % c->ac_nr + c->ac_running;
}

/* Append an event and wake the reapers. */
static void
aio_post(struct aio_ctx *c, uint64_t data, uint64_t obj, int64_t res)
{
	struct aio_event ev = { data, obj, res, 0 };
	uint64_t at = c->ac_ring + sizeof(struct aio_ring_hdr) +
	    (uint64_t)c->ac_tail * sizeof(ev);
	bool on;

	/* A ring the process unmapped loses the event, as on Linux. */
	(void)copy_to_user((void *)at, &ev, sizeof(ev));
	on = intr_save();
	c->ac_tail = (c->ac_tail + 1) % c->ac_nr;
	c->ac_posted++;
	(void)copy_to_user((void *)(c->ac_ring +
	    offsetof(struct aio_ring_hdr, tail)), &c->ac_tail,
	    sizeof(c->ac_tail));
	waitq_wake_all(&c->ac_wait);
	intr_restore(on);
}

/* ---- io_setup, io_destroy ---- */

long
sys_io_setup(struct trap_frame *tf)
{
	uint32_t nr_events = (uint32_t)tf->rdi, ring_nr;
	uint64_t uctx = tf->rsi, id, len, events;
	struct vm_space *vs = aio_space();
	struct aio_ring_hdr hdr;
	struct aio_ctx *c;
	long va;
	bool on;

	if (copy_from_user(&id, (const void *)uctx, sizeof(id)) != 0)
		return -EFAULT;
	if (id != 0 || nr_events == 0)
		return -EINVAL;
	/*
	 * Linux's sizing: room for twice max(nr_events, 4 per CPU), plus
	 * two, rounded up to whole pages; an absurd count is -EINVAL, more
	 * than aio-max-nr -EAGAIN.
	 */
	events = (uint64_t)MAX(nr_events, 4u) * 2;
	if (events > 0x10000000u / sizeof(struct aio_event))
		return -EINVAL;
	if (nr_events > AIO_MAX_NR)
		return -EAGAIN;
	len = ALIGN_UP(sizeof(hdr) + (events + 2) * sizeof(struct aio_event),
	    PAGE_SIZE);
	ring_nr = (uint32_t)((len - sizeof(hdr)) / sizeof(struct aio_event));
	if (vs == NULL)
		return -EINVAL;
	if ((c = kzalloc(sizeof(*c))) == NULL)
		return -ENOMEM;
	va = vm_mmap(vs, 0, len, VM_READ | VM_WRITE, 0, NULL, 0, "[aio]");
	if (va < 0) {
		kfree(c);
		return -ENOMEM;
	}
	c->ac_ring = (uint64_t)va;
	c->ac_len = len;
	c->ac_nr = ring_nr;
	c->ac_max = nr_events;
	c->ac_refs = 1;
	hdr = (struct aio_ring_hdr){
		.nr = ring_nr, .magic = AIO_RING_MAGIC,
		.compat_features = AIO_RING_COMPAT,
		.header_length = sizeof(hdr),
	};
	on = intr_save();
	if (aio_nr + nr_events > AIO_MAX_NR) {
		intr_restore(on);
		vm_unmap(vs, (uint64_t)va, len);
		kfree(c);
		return -EAGAIN;
	}
	aio_nr += nr_events;
	for (struct aio_ctx *o = vs->vs_aio; o != NULL; o = o->ac_next)
		hdr.id++;
	c->ac_next = vs->vs_aio;
	vs->vs_aio = c;
	intr_restore(on);
	if (copy_to_user((void *)va, &hdr, sizeof(hdr)) != 0 ||
	    copy_to_user((void *)uctx, &c->ac_ring, sizeof(c->ac_ring)) != 0) {
		on = intr_save();
		aio_unlink(vs, c);
		intr_restore(on);
		vm_unmap(vs, (uint64_t)va, len);
		aio_put(c);
		return -EFAULT;
	}
	return 0;
}

long
sys_io_destroy(struct trap_frame *tf)
{
	struct vm_space *vs = aio_space();
	struct aio_ctx *c = aio_lookup(tf->rdi);
	bool mine;
	bool on;

	if (c == NULL)
		return -EINVAL;
	on = intr_save();
	mine = aio_unlink(vs, c);
	intr_restore(on);
	if (mine) {
		vm_unmap(vs, c->ac_ring, c->ac_len);
		aio_put(c);		/* the list's reference */
	}
	aio_put(c);
	return mine ? 0 : -EINVAL;
}

/* ---- io_submit ---- */

/* Linux's checks of a read or write request before it runs. */
static long
aio_check_rw(struct file *f, const struct aio_iocb *cb, bool write,
    bool vectored)
{
	if ((f->f_flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
		return -EBADF;
	if (cb->aio_rw_flags & ~(uint32_t)0x1f)		/* RWF_SUPPORTED */
		return -EOPNOTSUPP;
	if (vectored) {
		struct { uint64_t base, len; } iov;

		if (cb->aio_nbytes > AIO_IOV_MAX)
			return -EINVAL;
		for (uint64_t i = 0; i < cb->aio_nbytes; i++) {
			if (copy_from_user(&iov, (const void *)(cb->aio_buf +
			    i * sizeof(iov)), sizeof(iov)) != 0)
				return -EFAULT;
			if ((int64_t)iov.len < 0)
				return -EINVAL;
			if (!user_range_ok(iov.base, iov.len))
				return -EFAULT;
		}
	} else if (!user_range_ok(cb->aio_buf, cb->aio_nbytes)) {
		return -EFAULT;
	}
	if (cb->aio_offset < 0 && (f->f_ops->fo_flags & FILE_OPS_PREAD))
		return -EINVAL;
	return 0;
}

static long aio_submit_run(struct aio_ctx *c, uint64_t ucb,
    const struct aio_iocb *cbp);

static long
aio_submit_one(struct aio_ctx *c, uint64_t ucb)
{
	struct aio_iocb cb;
	long error;

	if (copy_from_user(&cb, (const void *)ucb, sizeof(cb)) != 0)
		return -EFAULT;
	if (cb.aio_reserved2 != 0 || (int64_t)cb.aio_nbytes < 0)
		return -EINVAL;
	/*
	 * Its slot is taken first and kept while it runs (a read may wait,
	 * another thread may submit meanwhile); no room: -EAGAIN.
	 */
	__atomic_fetch_add(&c->ac_running, 1, __ATOMIC_RELAXED);
	if (aio_queued(c) > c->ac_nr - 1) {
		__atomic_fetch_sub(&c->ac_running, 1, __ATOMIC_RELAXED);
		return -EAGAIN;
	}
	error = aio_submit_run(c, ucb, &cb);
	__atomic_fetch_sub(&c->ac_running, 1, __ATOMIC_RELAXED);
	return error;
}

static long
aio_submit_run(struct aio_ctx *c, uint64_t ucb, const struct aio_iocb *cbp)
{
	struct aio_iocb cb = *cbp;
	struct file *f, *resfd = NULL;
	bool write, vectored;
	uint32_t zero = 0;
	int64_t res;
	long error;

	if ((f = fd_get(sys_fs_fds(), (int)cb.aio_fildes)) == NULL)
		return -EBADF;
	if (cb.aio_flags & IOCB_FLAG_RESFD) {
		if ((resfd = fd_get(sys_fs_fds(), (int)cb.aio_resfd)) == NULL)
			return -EBADF;
		if (!eventfd_is(resfd))
			return -EINVAL;
	}
	if (copy_to_user((void *)(ucb + offsetof(struct aio_iocb, aio_key)),
	    &zero, sizeof(zero)) != 0)
		return -EFAULT;
	switch (cb.aio_lio_opcode) {
	case IOCB_CMD_PREAD:
	case IOCB_CMD_PWRITE:
	case IOCB_CMD_PREADV:
	case IOCB_CMD_PWRITEV:
		write = cb.aio_lio_opcode == IOCB_CMD_PWRITE ||
		    cb.aio_lio_opcode == IOCB_CMD_PWRITEV;
		vectored = cb.aio_lio_opcode >= IOCB_CMD_PREADV;
		if ((error = aio_check_rw(f, &cb, write, vectored)) != 0)
			return error;
		/* A stream (a pipe) has no position to read at. */
		res = sys_fs_prw_file(f, (f->f_ops->fo_flags & FILE_OPS_PREAD) ?
		    cb.aio_offset : -1, cb.aio_buf, cb.aio_nbytes, vectored,
		    write, cb.aio_rw_flags);
		if (res == -ERESTARTSYS || res == -ERESTARTNOHAND)
			res = -EINTR;
		break;
	case IOCB_CMD_FSYNC:
	case IOCB_CMD_FDSYNC:
		if (cb.aio_buf != 0 || cb.aio_offset != 0 ||
		    cb.aio_nbytes != 0 || cb.aio_rw_flags != 0)
			return -EINVAL;
		/* Files kept in memory: nothing to write back. */
		if (!(f->f_ops->fo_flags & FILE_OPS_PREAD))
			return -EINVAL;		/* no fsync: a pipe's */
		res = 0;
		break;
	default:
		return -EINVAL;
	}
	aio_post(c, cb.aio_data, ucb, res);
	if (resfd != NULL)
		eventfd_signal(resfd, 1);
	return 0;
}

long
sys_io_submit(struct trap_frame *tf)
{
	long nr = (long)tf->rsi, i, error = 0;
	struct aio_ctx *c;
	uint64_t ucb;

	if (nr < 0)
		return -EINVAL;
	if ((c = aio_lookup(tf->rdi)) == NULL)
		return -EINVAL;
	if (nr > (long)c->ac_max)
		nr = c->ac_max;
	for (i = 0; i < nr && !c->ac_dead; i++) {
		if (copy_from_user(&ucb, (const void *)(tf->rdx +
		    (uint64_t)i * sizeof(ucb)), sizeof(ucb)) != 0) {
			error = -EFAULT;
			break;
		}
		if ((error = aio_submit_one(c, ucb)) != 0)
			break;
	}
	aio_put(c);
	return i > 0 ? i : error;
}

/* ---- io_getevents, io_pgetevents, io_cancel ---- */

/* Move up to nr events to user uev: how many, or -EFAULT. */
static long
aio_reap(struct aio_ctx *c, uint64_t uev, long nr)
{
	uint32_t head = aio_head(c);
	long n = 0;

	while (n < nr && head != c->ac_tail) {
		/* The run up to the ring's end or the tail. */
		uint32_t end = c->ac_tail > head ? c->ac_tail : c->ac_nr;
		uint32_t take = (uint32_t)MIN((long)(end - head), nr - n);
		uint64_t from = c->ac_ring + sizeof(struct aio_ring_hdr) +
		    (uint64_t)head * sizeof(struct aio_event);
		struct aio_event ev;

		for (uint32_t k = 0; k < take; k++) {
			if (copy_from_user(&ev, (const void *)(from +
			    k * sizeof(ev)), sizeof(ev)) != 0 ||
			    copy_to_user((void *)(uev + (uint64_t)(n + k) *
			    sizeof(ev)), &ev, sizeof(ev)) != 0)
				return n + k > 0 ? n + k : -EFAULT;
			head = (head + 1) % c->ac_nr;
			(void)copy_to_user((void *)(c->ac_ring +
			    offsetof(struct aio_ring_hdr, head)), &head,
			    sizeof(head));
		}
		n += take;
	}
	return n;
}

/*
 * io_getevents' core: at least min_nr of at most nr events into uev,
 * waiting until deadline (TIMESPEC_NS_MAX: none); -EINTR for a signal
 * with nothing reaped.
 */
static long
aio_getevents(uint64_t id, long min_nr, long nr, uint64_t uev,
    uint64_t deadline)
{
	struct aio_ctx *c = aio_lookup(id);
	long got = 0, n;
	uint64_t seen;
	bool on;

	if (c == NULL)
		return -EINVAL;
	if (min_nr < 0 || nr < 0 || min_nr > nr) {
		aio_put(c);
		return -EINVAL;
	}
	for (;;) {
		seen = c->ac_posted;
		if ((n = aio_reap(c, uev + (uint64_t)got *
		    sizeof(struct aio_event), nr - got)) < 0) {
			if (got == 0)
				got = n;
			break;
		}
		got += n;
		if (got >= min_nr || got == nr || c->ac_dead)
			break;
		if (signal_pending()) {
			if (got == 0)
				got = -EINTR;
			break;
		}
		if (pv_clock_ns() >= deadline)
			break;
		on = intr_save();
		if (c->ac_posted == seen && !c->ac_dead && !signal_pending())
			waitq_wait_until_locked(&c->ac_wait, deadline);
		intr_restore(on);
	}
	aio_put(c);
	return got;
}

/* A timeout at user uts (0: none) as a deadline, or -EFAULT. */
static long
aio_deadline(uint64_t uts, uint64_t *deadline)
{
	int64_t ts[2];

	*deadline = TIMESPEC_NS_MAX;
	if (uts == 0)
		return 0;
	if (copy_from_user(ts, (const void *)uts, sizeof(ts)) != 0)
		return -EFAULT;
	/* Linux does not check the value: a negative one is no wait. */
	if (ts[0] < 0 || ts[1] < 0)
		*deadline = 0;
	else
		*deadline = timespec_add_sat(pv_clock_ns(), timespec_add_sat(
		    timespec_to_ns(ts[0], 0), (uint64_t)ts[1]));
	return 0;
}

long
sys_io_getevents(struct trap_frame *tf)
{
	uint64_t deadline;
	long error;

	if ((error = aio_deadline(tf->r8, &deadline)) != 0)
		return error;
	return aio_getevents(tf->rdi, (long)tf->rsi, (long)tf->rdx, tf->r10,
	    deadline);
}

long
sys_io_pgetevents(struct trap_frame *tf)
{
	struct { uint64_t mask, size; } sig = { 0, 0 };
	uint64_t deadline;
	long ret;

	if ((ret = aio_deadline(tf->r8, &deadline)) != 0)
		return ret;
	if (tf->r9 != 0 &&
	    copy_from_user(&sig, (const void *)tf->r9, sizeof(sig)) != 0)
		return -EFAULT;
	if (sig.mask != 0 && (ret = sys_poll_setmask(sig.mask, sig.size)) != 0)
		return ret;
	ret = aio_getevents(tf->rdi, (long)tf->rsi, (long)tf->rdx, tf->r10,
	    deadline);
	if (ret == -EINTR)
		ret = -ERESTARTNOHAND;
	if (sig.mask != 0)
		sys_poll_endmask(ret);
	return ret;
}

long
sys_io_cancel(struct trap_frame *tf)
{
	struct aio_ctx *c;
	uint32_t key;

	if (copy_from_user(&key, (const void *)(tf->rsi +
	    offsetof(struct aio_iocb, aio_key)), sizeof(key)) != 0)
		return -EFAULT;
	if (key != 0 || (c = aio_lookup(tf->rdi)) == NULL)
		return -EINVAL;
	/* Requests complete inside io_submit: none is left to cancel. */
	aio_put(c);
	return -EINVAL;
}
