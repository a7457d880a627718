/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* timerfd (see timerfd.h).  One CPU: interrupts off guard the timers. */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/timerfd.h>
#include <kernel/ipc/timerfd_calc.h>

#define TIMERFD_REALTIME	0
#define TIMERFD_MONOTONIC	1
#define TIMERFD_BOOTTIME	7
#define TIMERFD_REALTIME_ALARM	8
#define TIMERFD_BOOTTIME_ALARM	9

struct timerfd {
	int		 tfd_clock;	/* set at creation */
	uint64_t	 tfd_next;	/* next expiration (pv_clock_ns);
					 * 0: disarmed */
	uint64_t	 tfd_interval;	/* ns; 0: once */
	uint64_t	 tfd_ticks;	/* expirations not read yet */
	struct waitq	 tfd_wait;	/* readers */
	struct poll_head tfd_poll;
	struct timerfd	*tfd_link;	/* timerfd_all */
};

static struct timerfd *timerfd_all;	/* every timer, armed or not */
static struct thread *timerfd_thread;
static const struct file_ops timerfd_ops;

static struct timerfd *
timerfd_of(struct file *f)
{
	return f->f_node->v_priv;
}

bool
timerfd_is(const struct file *f)
{
	return f->f_ops == &timerfd_ops;
}

bool
timerfd_clock_ok(int clock)
{
	return clock == TIMERFD_REALTIME || clock == TIMERFD_MONOTONIC ||
	    clock == TIMERFD_BOOTTIME || clock == TIMERFD_REALTIME_ALARM ||
	    clock == TIMERFD_BOOTTIME_ALARM;
}

/*
 * Count the expirations up to now; interrupts off.  Returns true if
 * there were new ones.
 */
static bool
timerfd_advance(struct timerfd *t, uint64_t now)
{
	uint64_t k = timerfd_calc_advance(&t->tfd_next, t->tfd_interval, now);

	t->tfd_ticks += k;
	return k != 0;
}

/* The timer thread: announce expirations, sleep until the next. */
static void
timerfd_run(void *arg)
{
	(void)arg;
	for (;;) {
		/*
		 * Interrupts stay off from the scan to the sleep, so that a
		 * timerfd_settime in between (which interrupts our sleep)
		 * is never lost.
		 */
		bool on = intr_save();
		uint64_t now = pv_clock_ns(), next = UINT64_MAX;

		for (struct timerfd *t = timerfd_all; t != NULL;
		    t = t->tfd_link) {
			bool unread = t->tfd_ticks != 0;

			/*
			 * As Linux: one announcement until a read, however
			 * many periods pass (they are counted all the same).
			 */
			if (timerfd_advance(t, now) && !unread) {
				waitq_wake_all(&t->tfd_wait);
				poll_wake(&t->tfd_poll, FILE_POLLIN);
			}
			if (t->tfd_next != 0 && t->tfd_next < next)
				next = t->tfd_next;
		}
		thread_sleep_ns(next == UINT64_MAX ? UINT64_MAX : next - now);
		intr_restore(on);
	}
}

static long
timerfd_read(struct file *f, void *buf, size_t len)
{
	struct timerfd *t = timerfd_of(f);
	uint64_t v;
	long error;
	bool on;

	if (len < sizeof(v))
		return -EINVAL;
	on = intr_save();
	for (;;) {
		(void)timerfd_advance(t, pv_clock_ns());
		if (t->tfd_ticks != 0)
			break;
		if ((error = signal_wait_error(f->f_flags & O_NONBLOCK)) != 0) {
			intr_restore(on);
			return error;
		}
		waitq_wait_until_locked(&t->tfd_wait, t->tfd_next == 0 ?
		    UINT64_MAX : t->tfd_next);
	}
	v = t->tfd_ticks;
	t->tfd_ticks = 0;
	intr_restore(on);
	memcpy(buf, &v, sizeof(v));
	return sizeof(v);
}

static long
timerfd_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EINVAL;
}

static short
timerfd_poll(struct file *f)
{
	struct timerfd *t = timerfd_of(f);
	bool on = intr_save();
	short r;

	(void)timerfd_advance(t, pv_clock_ns());
	r = t->tfd_ticks != 0 ? FILE_POLLIN : 0;
	intr_restore(on);
	return r;
}

static struct poll_head *
timerfd_poll_head(struct file *f)
{
	return &timerfd_of(f)->tfd_poll;
}

static void
timerfd_release(struct file *f)
{
	struct timerfd *t = timerfd_of(f);
	bool on = intr_save();

	for (struct timerfd **pp = &timerfd_all; *pp != NULL;
	    pp = &(*pp)->tfd_link)
		if (*pp == t) {
			*pp = t->tfd_link;
			break;
		}
	intr_restore(on);
	kfree(t);
}

static const struct file_ops timerfd_ops = {
	.fo_io = { timerfd_read, timerfd_write, FILE_WRITE_NOBUF },
	.fo_open = file_open_none,
	.fo_release = timerfd_release,
	.fo_poll = timerfd_poll,
	.fo_poll_head = timerfd_poll_head,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

struct file *
timerfd_create(int clock, uint32_t flags)
{
	struct timerfd *t = kzalloc(sizeof(*t));
	struct file *f;
	bool on;

	if (t == NULL)
		return NULL;
	t->tfd_clock = clock;
	if ((f = file_new_anon(&timerfd_ops, O_RDWR | (flags & O_NONBLOCK),
	    t)) == NULL) {
		kfree(t);
		return NULL;
	}
	on = intr_save();
	t->tfd_link = timerfd_all;
	timerfd_all = t;
	intr_restore(on);
	return f;
}

/* The offset of t's clock from pv_clock_ns(). */
static int64_t
timerfd_clock_offset(const struct timerfd *t)
{
	if (t->tfd_clock == TIMERFD_REALTIME ||
	    t->tfd_clock == TIMERFD_REALTIME_ALARM)
		return (int64_t)(pv_clock_wall_ns() - pv_clock_ns());
	return 0;
}

void
timerfd_gettime(struct file *f, uint64_t *value_ns, uint64_t *interval_ns)
{
	struct timerfd *t = timerfd_of(f);
	bool on = intr_save();
	uint64_t now = pv_clock_ns();

	(void)timerfd_advance(t, now);
	*value_ns = t->tfd_next == 0 ? 0 : t->tfd_next - now;
	*interval_ns = t->tfd_interval;
	intr_restore(on);
}

int
timerfd_settime(struct file *f, bool absolute, uint64_t value_ns,
    uint64_t interval_ns, uint64_t *old_value_ns, uint64_t *old_interval_ns)
{
	struct timerfd *t = timerfd_of(f);
	uint64_t now, next;
	int64_t mono;
	bool on;

	if (value_ns != 0 && timerfd_thread == NULL &&
	    (timerfd_thread = thread_create("timerfd", timerfd_run, NULL,
	    true)) == NULL)
		return -ENOMEM;
	timerfd_gettime(f, old_value_ns, old_interval_ns);
	on = intr_save();
	now = pv_clock_ns();
	next = 0;
	t->tfd_ticks = 0;
	t->tfd_interval = value_ns != 0 ? interval_ns : 0;
	if (value_ns != 0 && absolute) {
		/* On our timeline; maybe past, maybe before its 0. */
		mono = (int64_t)value_ns - timerfd_clock_offset(t);
		timerfd_calc_arm(mono, t->tfd_interval, now, &next,
		    &t->tfd_ticks);
	} else if (value_ns != 0) {
		next = now + value_ns < now ? UINT64_MAX : now + value_ns;
	}
	t->tfd_next = next;
	/* Already due: announced here, the thread sees to the rest. */
	if (timerfd_advance(t, now)) {
		waitq_wake_all(&t->tfd_wait);
		poll_wake(&t->tfd_poll, FILE_POLLIN);
	}
	if (timerfd_thread != NULL)
		thread_interrupt(timerfd_thread);
	intr_restore(on);
	return 0;
}
