/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Event channels, 2-level ABI (see xen_evtchn.h). */
#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/trap.h>
#include <kernel/log/printk.h>

#include "xen_evtchn.h"
#include "xen_hv.h"
#include "xen_hypercall.h"

#define XEN_EVTCHN_WORD_BITS	(sizeof(xen_ulong_t) * 8)
#define XEN_EVTCHN_WORDS	(sizeof(xen_ulong_t) * 8)
#define XEN_EVTCHN_ALL		(XEN_EVTCHN_WORDS * XEN_EVTCHN_WORD_BITS)

_Static_assert(XEN_EVTCHN_PORTS <= XEN_EVTCHN_ALL, "2-level port space");

struct xen_evtchn_handler {
	xen_evtchn_fn	 eh_fn;
	void		*eh_arg;
};

static struct xen_evtchn_handler xen_evtchn_handlers[XEN_EVTCHN_PORTS];
static struct xen_evtchn_stats xen_evtchn_st;
static unsigned int xen_evtchn_next;	/* word the next scan starts at */
static int xen_evtchn_vector = -1;

static long
xen_evtchn_op(unsigned int cmd, void *arg)
{
	return xen_hypercall2(__HYPERVISOR_event_channel_op, cmd,
	    (uintptr_t)arg);
}

/* One pending word: its unmasked pending ports, up to *budget of them. */
static xen_ulong_t
xen_evtchn_word(struct shared_info *si, unsigned int w, unsigned int *budget)
{
	xen_ulong_t pend = __atomic_load_n(&si->evtchn_pending[w],
	    __ATOMIC_ACQUIRE) & ~__atomic_load_n(&si->evtchn_mask[w],
	    __ATOMIC_RELAXED);

	while (pend != 0 && *budget > 0) {
		unsigned int b = (unsigned int)__builtin_ctzl(pend);
		xen_ulong_t bit = (xen_ulong_t)1 << b;
		uint32_t port = w * XEN_EVTCHN_WORD_BITS + b;

		pend &= ~bit;
		__atomic_fetch_and(&si->evtchn_pending[w], ~bit,
		    __ATOMIC_ACQ_REL);
		(*budget)--;
		if (port < XEN_EVTCHN_PORTS &&
		    xen_evtchn_handlers[port].eh_fn != NULL) {
			xen_evtchn_st.es_events++;
			xen_evtchn_handlers[port].eh_fn(port,
			    xen_evtchn_handlers[port].eh_arg);
		} else {
			xen_evtchn_st.es_stray++;
		}
	}
	return pend;
}

static void
xen_evtchn_upcall(void *arg, struct trap_frame *tf)
{
	struct shared_info *si = xen_hv_shared_info();
	struct vcpu_info *v = &si->vcpu_info[0];
	unsigned int budget = XEN_EVTCHN_BUDGET;
	xen_ulong_t sel, left = 0;
	unsigned int w = xen_evtchn_next;

	(void)arg;
	(void)tf;
	xen_evtchn_st.es_upcalls++;
	/* Xen raises the vector again while this is set. */
	__atomic_store_n(&v->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
	sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_ACQ_REL);
	/* Words in turn from where the last scan stopped, each once. */
	for (unsigned int i = 0; i < XEN_EVTCHN_WORDS && sel != 0; i++,
	    w = (w + 1) % XEN_EVTCHN_WORDS) {
		xen_ulong_t bit = (xen_ulong_t)1 << w;

		if (!(sel & bit))
			continue;
		if (budget == 0)
			break;
		sel &= ~bit;
		if (xen_evtchn_word(si, w, &budget) != 0)
			left |= bit;	/* budget ran out inside it */
	}
	if ((sel | left) != 0) {
		/* The rest on the next upcall, starting with this word. */
		xen_evtchn_next = w % XEN_EVTCHN_WORDS;
		if (left != 0)
			xen_evtchn_next = (unsigned int)__builtin_ctzl(left);
		__atomic_fetch_or(&v->evtchn_pending_sel, sel | left,
		    __ATOMIC_ACQ_REL);
		__atomic_store_n(&v->evtchn_upcall_pending, 1,
		    __ATOMIC_SEQ_CST);
		xen_evtchn_st.es_deferred++;
	} else {
		xen_evtchn_next = w % XEN_EVTCHN_WORDS;
	}
}

int
xen_evtchn_init(void)
{
	struct shared_info *si = xen_hv_shared_info();
	struct xen_hvm_param p = {
		.domid = DOMID_SELF,
		.index = HVM_PARAM_CALLBACK_IRQ,
	};
	long rc;
	int vec;

	if (xen_evtchn_vector >= 0)
		return 0;
	for (unsigned int w = 0; w < XEN_EVTCHN_WORDS; w++)
		__atomic_store_n(&si->evtchn_mask[w], ~(xen_ulong_t)0,
		    __ATOMIC_RELEASE);
	si->vcpu_info[0].evtchn_upcall_mask = 0;
	if ((vec = trap_vector_alloc(xen_evtchn_upcall, NULL,
	    "xen-evtchn")) < 0)
		return vec;
	p.value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) |
	    (uint64_t)vec;
	rc = xen_hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_param,
	    (uintptr_t)&p);
	if (rc != 0) {
		trap_vector_free((unsigned int)vec);
		pr_err("xen: event-channel upcall refused (%ld)\n", rc);
		return (int)rc;
	}
	xen_evtchn_vector = vec;
	return 0;
}

bool
xen_evtchn_ready(void)
{
	return xen_evtchn_vector >= 0;
}

int
xen_evtchn_alloc_unbound(uint16_t remote, uint32_t *port)
{
	struct evtchn_alloc_unbound a = {
		.dom = DOMID_SELF,
		.remote_dom = remote,
	};
	long rc = xen_evtchn_op(EVTCHNOP_alloc_unbound, &a);

	if (rc != 0)
		return (int)rc;
	*port = a.port;
	return 0;
}

int
xen_evtchn_bind_interdomain(uint16_t remote, uint32_t rport, uint32_t *port)
{
	struct evtchn_bind_interdomain b = {
		.remote_dom = remote,
		.remote_port = rport,
	};
	long rc = xen_evtchn_op(EVTCHNOP_bind_interdomain, &b);

	if (rc != 0)
		return (int)rc;
	*port = b.local_port;
	return 0;
}

void
xen_evtchn_mask(uint32_t port)
{
	struct shared_info *si = xen_hv_shared_info();

	if (port >= XEN_EVTCHN_ALL)
		return;
	__atomic_fetch_or(&si->evtchn_mask[port / XEN_EVTCHN_WORD_BITS],
	    (xen_ulong_t)1 << (port % XEN_EVTCHN_WORD_BITS), __ATOMIC_ACQ_REL);
}

void
xen_evtchn_unmask(uint32_t port)
{
	struct shared_info *si = xen_hv_shared_info();
	unsigned int w = port / XEN_EVTCHN_WORD_BITS;
	xen_ulong_t bit = (xen_ulong_t)1 << (port % XEN_EVTCHN_WORD_BITS);

	if (port >= XEN_EVTCHN_ALL)
		return;
	__atomic_fetch_and(&si->evtchn_mask[w], ~bit, __ATOMIC_ACQ_REL);
	/*
	 * An event that came while masked set only its pending bit, and no
	 * selector bit: mask again and let Xen's unmask clear the mask and
	 * raise the upcall for it (it does so only when it clears the mask
	 * itself).
	 */
	if (__atomic_load_n(&si->evtchn_pending[w], __ATOMIC_ACQUIRE) & bit) {
		struct evtchn_unmask u = { .port = port };

		__atomic_fetch_or(&si->evtchn_mask[w], bit, __ATOMIC_ACQ_REL);
		(void)xen_evtchn_op(EVTCHNOP_unmask, &u);
	}
}

int
xen_evtchn_bind(uint32_t port, xen_evtchn_fn fn, void *arg)
{
	bool on;

	if (port == 0 || port >= XEN_EVTCHN_PORTS || fn == NULL)
		return -EINVAL;
	on = intr_save();
	if (xen_evtchn_handlers[port].eh_fn != NULL) {
		intr_restore(on);
		return -EBUSY;
	}
	xen_evtchn_handlers[port].eh_arg = arg;
	xen_evtchn_handlers[port].eh_fn = fn;
	intr_restore(on);
	xen_evtchn_unmask(port);
	return 0;
}

void
xen_evtchn_unbind(uint32_t port)
{
	bool on;

	if (port >= XEN_EVTCHN_PORTS)
		return;
	xen_evtchn_mask(port);
	on = intr_save();
	xen_evtchn_handlers[port].eh_fn = NULL;
	xen_evtchn_handlers[port].eh_arg = NULL;
	intr_restore(on);
}

void
xen_evtchn_send(uint32_t port)
{
	xen_hv_evtchn_send(port);
}

int
xen_evtchn_close(uint32_t port)
{
	struct evtchn_close c = { .port = port };

	xen_evtchn_unbind(port);
	return (int)xen_evtchn_op(EVTCHNOP_close, &c);
}

void
xen_evtchn_stats(struct xen_evtchn_stats *s)
{
	bool on = intr_save();

	*s = xen_evtchn_st;
	intr_restore(on);
}

void
xen_evtchn_dump(uint32_t port)
{
	struct shared_info *si = xen_hv_shared_info();
	unsigned int w = port / XEN_EVTCHN_WORD_BITS;
	const char *name;
	uint64_t count = 0;

	if (port >= XEN_EVTCHN_ALL)
		return;
	if (xen_evtchn_vector >= 0)
		(void)trap_vector_info((unsigned int)xen_evtchn_vector, &name,
		    &count);
	pr_info("xen: evtchn port %u: pending %d masked %d, selector 0x%lx, "
	    "upcall pending %u, vector %d taken %lu times, upcalls %lu, "
	    "stray %lu\n", port,
	    (int)((si->evtchn_pending[w] >> (port % XEN_EVTCHN_WORD_BITS)) & 1),
	    (int)((si->evtchn_mask[w] >> (port % XEN_EVTCHN_WORD_BITS)) & 1),
	    (uint64_t)si->vcpu_info[0].evtchn_pending_sel,
	    si->vcpu_info[0].evtchn_upcall_pending, xen_evtchn_vector, count,
	    xen_evtchn_st.es_upcalls, xen_evtchn_st.es_stray);
}
