/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * lwIP's operating-system layer (arch/sys_arch.h): semaphores, mutexes
 * and mailboxes on kernel wait queues, the tcpip thread and any other
 * lwIP thread on kernel threads, time from the pvclock.
 *
 * Locking follows the kernel's wait queues: state changes with
 * interrupts off (one CPU runs threads), and a waiter sleeps with
 * waitq_wait_until_locked, which switches away with interrupts still
 * off.  Wake-ups wake every waiter, which then re-checks; a sleep cut
 * short by a signal (thread_interrupt) re-checks too, since lwIP's
 * waits are not interruptible.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/spinlock.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/random.h>

#include "lwip/opt.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "lwip/priv/tcpip_priv.h"

#define NS_PER_MS	1000000ull

void
sys_init(void)
{
}

u32_t
sys_now(void)
{
	return (u32_t)(pv_clock_ns() / NS_PER_MS);
}

uint32_t
lwip_jiny_rand(void)
{
	uint32_t r;

	random_bytes(&r, sizeof(r));
	return r;
}

void
lwip_jiny_assert(const char *msg, const char *file, int line)
{
	panic("lwip: assertion \"%s\" failed at %s:%d", msg, file, line);
}

void
lwip_jiny_diag(const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(LOG_INFO, "lwip: %s%s", buf,
	    buf[0] != '\0' && buf[strlen(buf) - 1] == '\n' ? "" : "\n");
}

/*
 * SYS_ARCH_PROTECT: interrupts off and a lock that the CPU holding it may
 * take again (lwIP nests protect sections: pbuf_free inside memp, ...).
 */
static struct spinlock sys_prot_lock = SPINLOCK_INIT;
static struct sched_cpu *sys_prot_owner;
static unsigned int sys_prot_depth;

sys_prot_t
sys_arch_protect(void)
{
	bool on = intr_save();

	if (sys_prot_owner != sched_this_cpu()) {
		(void)spin_lock_irqsave(&sys_prot_lock);	/* already off */
		sys_prot_owner = sched_this_cpu();
	}
	sys_prot_depth++;
	return on;
}

void
sys_arch_unprotect(sys_prot_t on)
{
	if (--sys_prot_depth == 0) {
		sys_prot_owner = NULL;
		spin_unlock_irqrestore(&sys_prot_lock, false);
	}
	intr_restore(on != 0);
}

/* The pvclock deadline timeout_ms from now; 0 ms: none. */
static uint64_t
sys_deadline(uint64_t start, u32_t timeout_ms)
{
	return timeout_ms == 0 ? UINT64_MAX : start + timeout_ms * NS_PER_MS;
}

/* Milliseconds waited since start, kept below SYS_ARCH_TIMEOUT. */
static u32_t
sys_waited(uint64_t start)
{
	uint64_t ms = (pv_clock_ns() - start) / NS_PER_MS;

	return ms >= SYS_ARCH_TIMEOUT ? SYS_ARCH_TIMEOUT - 1 : (u32_t)ms;
}

/*
 * Sleep on wq until woken or deadline (interrupts off).  false once the
 * deadline has passed.
 */
static bool
sys_sleep_locked(struct waitq *wq, uint64_t deadline)
{
	if (deadline != UINT64_MAX && pv_clock_ns() >= deadline)
		return false;
	waitq_wait_until_locked(wq, deadline);
	return true;
}

err_t
sys_sem_new(sys_sem_t *s, u8_t count)
{
	s->ss_count = count;
	s->ss_wait.wq_head = NULL;
	s->ss_valid = true;
	return ERR_OK;
}

void
sys_sem_free(sys_sem_t *s)
{
	LWIP_ASSERT("sys_sem_free: waiters", s->ss_wait.wq_head == NULL);
	s->ss_valid = false;
}

void
sys_sem_signal(sys_sem_t *s)
{
	bool on = intr_save();

	s->ss_count++;
	waitq_wake_all(&s->ss_wait);
	intr_restore(on);
}

u32_t
sys_arch_sem_wait(sys_sem_t *s, u32_t timeout_ms)
{
	uint64_t start = pv_clock_ns();
	uint64_t deadline = sys_deadline(start, timeout_ms);
	bool on = intr_save();

	while (s->ss_count == 0)
		if (!sys_sleep_locked(&s->ss_wait, deadline)) {
			intr_restore(on);
			return SYS_ARCH_TIMEOUT;
		}
	s->ss_count--;
	intr_restore(on);
	return sys_waited(start);
}

err_t
sys_mutex_new(sys_mutex_t *m)
{
	m->sm_owner = NULL;
	return sys_sem_new(&m->sm_sem, 1);
}

void
sys_mutex_free(sys_mutex_t *m)
{
	sys_sem_free(&m->sm_sem);
}

void
sys_mutex_lock(sys_mutex_t *m)
{
	LWIP_ASSERT("sys_mutex_lock: already held by this thread",
	    m->sm_owner != thread_current());
	(void)sys_arch_sem_wait(&m->sm_sem, 0);
	m->sm_owner = thread_current();
}

void
sys_mutex_unlock(sys_mutex_t *m)
{
	LWIP_ASSERT("sys_mutex_unlock: not the holder",
	    m->sm_owner == thread_current());
	m->sm_owner = NULL;
	sys_sem_signal(&m->sm_sem);
}

err_t
sys_mbox_new(sys_mbox_t *b, int size)
{
	if (size <= 0)
		size = 16;
	b->sb_msg = kcalloc((size_t)size, sizeof(void *));
	if (b->sb_msg == NULL) {
		b->sb_valid = false;
		return ERR_MEM;
	}
	b->sb_size = (unsigned int)size;
	b->sb_head = b->sb_count = 0;
	b->sb_not_empty.wq_head = b->sb_not_full.wq_head = NULL;
	b->sb_valid = true;
	return ERR_OK;
}

void
sys_mbox_free(sys_mbox_t *b)
{
	LWIP_ASSERT("sys_mbox_free: waiters", b->sb_not_empty.wq_head == NULL &&
	    b->sb_not_full.wq_head == NULL);
	kfree(b->sb_msg);
	b->sb_msg = NULL;
	b->sb_valid = false;
}

/* Put msg at the tail (interrupts off, room checked). */
static void
sys_mbox_put_locked(sys_mbox_t *b, void *msg)
{
	b->sb_msg[(b->sb_head + b->sb_count) % b->sb_size] = msg;
	b->sb_count++;
	waitq_wake_all(&b->sb_not_empty);
}

static void *
sys_mbox_get_locked(sys_mbox_t *b)
{
	void *msg = b->sb_msg[b->sb_head];

	b->sb_head = (b->sb_head + 1) % b->sb_size;
	b->sb_count--;
	waitq_wake_all(&b->sb_not_full);
	return msg;
}

void
sys_mbox_post(sys_mbox_t *b, void *msg)
{
	bool on = intr_save();

	while (b->sb_count == b->sb_size)
		(void)sys_sleep_locked(&b->sb_not_full, UINT64_MAX);
	sys_mbox_put_locked(b, msg);
	intr_restore(on);
}

err_t
sys_mbox_trypost(sys_mbox_t *b, void *msg)
{
	bool on = intr_save();
	err_t err = ERR_MEM;

	if (b->sb_count < b->sb_size) {
		sys_mbox_put_locked(b, msg);
		err = ERR_OK;
	}
	intr_restore(on);
	return err;
}

err_t
sys_mbox_trypost_fromisr(sys_mbox_t *b, void *msg)
{
	return sys_mbox_trypost(b, msg);
}

u32_t
sys_arch_mbox_fetch(sys_mbox_t *b, void **msg, u32_t timeout_ms)
{
	uint64_t start = pv_clock_ns();
	uint64_t deadline = sys_deadline(start, timeout_ms);
	bool on = intr_save();
	void *m;

	while (b->sb_count == 0)
		if (!sys_sleep_locked(&b->sb_not_empty, deadline)) {
			intr_restore(on);
			return SYS_ARCH_TIMEOUT;
		}
	m = sys_mbox_get_locked(b);
	intr_restore(on);
	if (msg != NULL)
		*msg = m;
	return sys_waited(start);
}

u32_t
sys_arch_mbox_tryfetch(sys_mbox_t *b, void **msg)
{
	bool on = intr_save();
	void *m;

	if (b->sb_count == 0) {
		intr_restore(on);
		return SYS_MBOX_EMPTY;
	}
	m = sys_mbox_get_locked(b);
	intr_restore(on);
	if (msg != NULL)
		*msg = m;
	return 0;
}

/*
 * lwIP's threads are detached kernel threads: the stack is the kernel's
 * fixed KSTACK_SIZE (lwipopts.h asks for no other), the priority that of
 * kernel threads, which outrank programs.
 */
sys_thread_t
sys_thread_new(const char *name, lwip_thread_fn fn, void *arg, int stacksize,
    int prio)
{
	struct thread *t;

	(void)prio;
	LWIP_ASSERT("sys_thread_new: stack larger than a kernel thread's",
	    stacksize <= KSTACK_SIZE);
	t = thread_create(name, fn, arg, true);
	if (t == NULL)
		panic("lwip: cannot create thread %s", name);
	return t;
}

static struct thread *sys_tcpip_thread;

void
sys_jiny_mark_tcpip_thread(void)
{
	sys_tcpip_thread = thread_current();
}

/*
 * Core functions run holding the core lock (the tcpip thread holds it
 * except while it waits), once the tcpip thread runs; lwIP's own start
 * (lwip_init in tcpip_init) comes before.
 */
void
sys_jiny_check_core_locking(void)
{
	if (sys_tcpip_thread == NULL)
		return;
	LWIP_ASSERT("lwIP core called without the core lock",
	    lock_tcpip_core.sm_owner == thread_current());
}
