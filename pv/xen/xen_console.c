/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The PV console ring (xen/io/console.h): what `xl console` shows and
 * xenconsoled logs, and what `xl console` types (polled by the tty).  The ring page and event channel
 * come from HVM parameters.  Indices written by the backend are checked:
 * a consumer index that runs ahead of ours or lags by more than the ring
 * means a broken backend, and output to it stops instead of overrunning.
 * A ring that stays full (xenconsoled not draining it for a while) costs
 * the rest of the one write, counted in xen_console_dropped, and nothing
 * after it; the next write says how much went.
 */
#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/hvm/params.h>
#include <xen/io/console.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <arch/x86_64/include/cpu.h>

#include "xen_console.h"
#include "xen_hv.h"

#define XEN_CONSOLE_SPIN 10000000	/* pause loops before giving up */

static volatile struct xencons_interface *xen_console_ring;
static uint32_t xen_console_port;
static bool xen_console_broken;
static uint64_t xen_console_dropped;	/* bytes a full ring refused */

int
xen_console_init(void)
{
	volatile void *ring;
	int error;

	if ((error = xen_hv_map_ring(HVM_PARAM_CONSOLE_PFN,
	    HVM_PARAM_CONSOLE_EVTCHN, &ring, &xen_console_port)) != 0)
		return error;
	xen_console_ring = ring;
	return 0;
}

size_t
xen_console_read(char *buf, size_t len)
{
	XENCONS_RING_IDX cons, prod;
	size_t n = 0;

	if (xen_console_ring == NULL || xen_console_broken)
		return 0;
	cons = xen_console_ring->in_cons;
	prod = xen_console_ring->in_prod;
	/* Read the data only after the index that covers it. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (prod - cons > sizeof(xen_console_ring->in)) {
		xen_console_broken = true;	/* a backend we cannot trust */
		return 0;
	}
	while (cons != prod && n < len)
		buf[n++] = xen_console_ring->in[MASK_XENCONS_IDX(cons++,
		    xen_console_ring->in)];
	__atomic_thread_fence(__ATOMIC_RELEASE);
	xen_console_ring->in_cons = cons;
	if (n > 0)
		xen_hv_evtchn_send(xen_console_port);
	return n;
}

/* Room in the output ring, or -1 if the indices make no sense. */
static int
xen_console_room(XENCONS_RING_IDX prod)
{
	XENCONS_RING_IDX cons = xen_console_ring->out_cons;
	XENCONS_RING_IDX used = prod - cons;

	if (used > sizeof(xen_console_ring->out))
		return -1;
	return (int)(sizeof(xen_console_ring->out) - used);
}

static void xen_console_put(const char *buf, size_t len);

void
xen_console_write(const char *buf, size_t len)
{
	if (xen_console_dropped != 0 && xen_console_ring != NULL &&
	    !xen_console_broken) {
		char note[64];
		int n = fmt_snprintf(note, sizeof(note),
		    "[xen console: %lu bytes lost to a full ring]\n",
		    xen_console_dropped);

		xen_console_dropped = 0;
		xen_console_put(note, (size_t)n);
	}
	xen_console_put(buf, len);
}

static void
xen_console_put(const char *buf, size_t len)
{
	XENCONS_RING_IDX prod;
	size_t i = 0;
	bool cr = false;	/* '\r' of a "\r\n" already queued */

	if (xen_console_ring == NULL || xen_console_broken)
		return;
	prod = xen_console_ring->out_prod;
	while (i < len) {
		int room = xen_console_room(prod), spin = 0;

		if (room == 0) {
			/* Full: publish what is there, kick once, then poll. */
			__atomic_thread_fence(__ATOMIC_RELEASE);
			xen_console_ring->out_prod = prod;
			xen_hv_evtchn_send(xen_console_port);
		}
		while (room == 0 && spin++ < XEN_CONSOLE_SPIN) {
			cpu_relax();
			room = xen_console_room(prod);
		}
		if (room < 0) {
			xen_console_broken = true;
			return;
		}
		if (room == 0) {
			/* A slow backend (a busy dom0) is not a broken one:
			 * the rest of this write is dropped, and counted. */
			xen_console_dropped += len - i;
			return;
		}
		for (; room > 0 && i < len; room--) {
			char c = buf[i];

			/* Terminals attached by xl want "\r\n". */
			if (c == '\n' && !cr) {
				c = '\r';
				cr = true;
			} else {
				cr = false;
				i++;
			}
			xen_console_ring->out[MASK_XENCONS_IDX(prod,
			    xen_console_ring->out)] = c;
			prod++;
		}
	}
	/* The data must be visible before the index that publishes it. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	xen_console_ring->out_prod = prod;
	xen_hv_evtchn_send(xen_console_port);
}

void
xen_console_flush(void)
{
	unsigned long spin = 0;

	if (xen_console_ring == NULL || xen_console_broken)
		return;
	xen_hv_evtchn_send(xen_console_port);
	while (xen_console_ring->out_cons != xen_console_ring->out_prod &&
	    spin++ < XEN_CONSOLE_SPIN)
		cpu_relax();
}
