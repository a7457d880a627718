/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * In-kernel tests of the Xen back end's device layers, run under the
 * nested Xen (elsewhere each passes at once, saying it skipped): an
 * event channel looped back to ourselves (alloc_unbound for our own
 * domain, bind_interdomain to it, send, the handler runs; masked, the
 * events wait for the unmask and come as one; a burst of sends comes as
 * at least one event and never more than were sent), xenstore transactions and watches on our
 * own data/ node, a grant given and ended, and with a vif the netfront
 * under net0 (its ARP exchange is net.arp's, in ktest_net.c).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_dev.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>
#include <pv/common/pv_net.h>
#include <pv/xen/xen_evtchn.h>
#include <pv/xen/xen_gnttab.h>
#include <pv/xen/xen_store.h>
#include <kernel/log/printk.h>
#include <kernel/tests/ktest.h>

#define KT_XEN_WAIT_NS	(5ULL * 1000000000ULL)

static bool
kt_xen_skip(const char *name)
{
	if (pv_hv_type() == PV_HV_XEN)
		return false;
	printk(LOG_INFO, "ktest: xen.%s: not on Xen, nothing to test\n", name);
	return true;
}

static struct pv_event kt_ev;
static volatile uint32_t kt_hits;

static void
kt_evtchn_handler(uint32_t port, void *arg)
{
	(void)port;
	(void)arg;
	kt_hits++;
	pv_event_signal(&kt_ev);
}

static int
kt_wait_hits(uint32_t want, uint64_t ns)
{
	uint64_t deadline = pv_clock_ns() + ns;

	for (;;) {
		uint32_t gen = pv_event_gen(&kt_ev);

		if (kt_hits >= want)
			return 0;
		if (pv_event_wait(&kt_ev, gen, deadline) != 0)
			return kt_hits >= want ? 0 : -ETIMEDOUT;
	}
}

KTEST(xen, evtchn)
{
	uint16_t self = XEN_DOMID_SELF;
	uint32_t a, b;
	struct xen_evtchn_stats st;

	if (kt_xen_skip("evtchn"))
		return;
	KT_ASSERT(xen_evtchn_ready());
	(void)xen_store_domid(&self);
	KT_ASSERT_EQ(xen_evtchn_alloc_unbound(self, &a), 0);
	KT_ASSERT_EQ(xen_evtchn_bind_interdomain(self, a, &b), 0);
	KT_ASSERT(a != b);
	kt_hits = 0;
	KT_ASSERT_EQ(xen_evtchn_bind(b, kt_evtchn_handler, NULL), 0);
	KT_ASSERT_EQ(xen_evtchn_bind(b, kt_evtchn_handler, NULL), -EBUSY);
	/* Xen marks a newly bound port pending: that event comes first. */
	(void)kt_wait_hits(1, 1000000000ULL);
	kt_hits = 0;
	xen_evtchn_send(a);
	if (kt_wait_hits(1, KT_XEN_WAIT_NS) != 0)
		xen_evtchn_dump(b);
	KT_ASSERT_EQ(kt_hits, 1);
	KT_ASSERT_EQ(kt_hits, 1);
	/* Masked: the event waits; the unmask delivers it, once. */
	xen_evtchn_mask(b);
	xen_evtchn_send(a);
	xen_evtchn_send(a);
	KT_ASSERT_EQ(kt_wait_hits(2, 200000000ULL), -ETIMEDOUT);
	KT_ASSERT_EQ(kt_hits, 1);
	xen_evtchn_unmask(b);
	KT_ASSERT_EQ(kt_wait_hits(2, KT_XEN_WAIT_NS), 0);
	KT_ASSERT_EQ(kt_hits, 2);
	/* A burst: every event is seen, none twice more than sent. */
	for (int i = 0; i < 100; i++)
		xen_evtchn_send(a);
	KT_ASSERT_EQ(kt_wait_hits(3, KT_XEN_WAIT_NS), 0);
	KT_ASSERT(kt_hits >= 3 && kt_hits <= 102);
	KT_ASSERT_EQ(xen_evtchn_close(b), 0);
	KT_ASSERT_EQ(xen_evtchn_close(a), 0);
	xen_evtchn_stats(&st);
	KT_ASSERT(st.es_upcalls > 0 && st.es_events >= 3);
	printk(LOG_INFO, "ktest: xen.evtchn: ports %u->%u, upcalls %lu, "
	    "events %lu, stray %lu, deferred %lu\n", a, b, st.es_upcalls,
	    st.es_events, st.es_stray, st.es_deferred);
}

KTEST(xen, store)
{
	struct xen_store_watch w;
	struct xen_store_stats st;
	char v[32];
	uint32_t tx;
	int n, error, tries = 0;

	if (kt_xen_skip("store"))
		return;
	xen_store_stats(&st);
	KT_ASSERT(st.ss_events);
	KT_ASSERT_EQ(xen_store_write(0, "data/jiny-test", "0"), 0);
	KT_ASSERT_EQ(xen_store_watch(&w, "data/jiny-test"), 0);
	/* A new watch fires once at once. */
	KT_ASSERT_EQ(xen_store_watch_wait(&w, pv_clock_ns() + KT_XEN_WAIT_NS),
	    0);
	do {
		KT_ASSERT_EQ(xen_store_transaction_start(&tx), 0);
		KT_ASSERT_EQ(xen_store_write(tx, "data/jiny-test", "42"), 0);
		n = xen_store_read_tx(tx, "data/jiny-test", v, sizeof(v));
		KT_ASSERT_EQ(n, 2);
		error = xen_store_transaction_end(tx, true);
	} while (error == -EAGAIN && ++tries < 5);
	KT_ASSERT_EQ(error, 0);
	KT_ASSERT_EQ(xen_store_watch_wait(&w, pv_clock_ns() + KT_XEN_WAIT_NS),
	    0);
	n = xen_store_read("data/jiny-test", v, sizeof(v));
	KT_ASSERT_EQ(n, 2);
	KT_ASSERT(memcmp(v, "42", 2) == 0);
	/* A dropped transaction changes nothing. */
	KT_ASSERT_EQ(xen_store_transaction_start(&tx), 0);
	KT_ASSERT_EQ(xen_store_write(tx, "data/jiny-test", "7"), 0);
	KT_ASSERT_EQ(xen_store_transaction_end(tx, false), 0);
	n = xen_store_read("data/jiny-test", v, sizeof(v));
	KT_ASSERT_EQ(n, 2);
	KT_ASSERT_EQ(xen_store_read("data/jiny-nosuch", v, sizeof(v)),
	    -ENOENT);
	xen_store_unwatch(&w);
	xen_store_stats(&st);
	printk(LOG_INFO, "ktest: xen.store: requests %lu, watch events %lu, "
	    "stray %lu, bad watch %lu\n", st.ss_requests, st.ss_watch_events,
	    st.ss_stray, st.ss_bad_watch);
}

KTEST(xen, grant)
{
	struct xen_gnttab_stats before, after;
	uint32_t ro, rw;
	void *page;

	if (kt_xen_skip("grant"))
		return;
	KT_ASSERT_EQ(xen_gnttab_init(), 0);
	KT_ASSERT((page = pv_page_alloc()) != NULL);
	xen_gnttab_stats(&before);
	KT_ASSERT(before.gs_frames >= 1 && before.gs_free > 0);
	KT_ASSERT_EQ(xen_gnttab_grant(0, xen_gnttab_gfn(page), true, &ro), 0);
	KT_ASSERT_EQ(xen_gnttab_grant(0, xen_gnttab_gfn(page), false, &rw), 0);
	KT_ASSERT(ro != rw && ro >= 8 && rw >= 8);
	xen_gnttab_stats(&after);
	KT_ASSERT_EQ(after.gs_free, before.gs_free - 2);
	KT_ASSERT_EQ(xen_gnttab_end(ro), 0);
	KT_ASSERT_EQ(xen_gnttab_end(ro), -EINVAL);	/* ended already */
	KT_ASSERT_EQ(xen_gnttab_end(3), -EINVAL);	/* the toolstack's */
	xen_gnttab_end_later(rw);
	xen_gnttab_stats(&after);
	KT_ASSERT_EQ(after.gs_free, before.gs_free);
	KT_ASSERT_EQ(after.gs_deferred, 0);
	pv_page_free(page);
	printk(LOG_INFO, "ktest: xen.grant: %u frames, refs %u and %u\n",
	    after.gs_frames, ro, rw);
}

struct kt_vif {
	bool	kv_found;
	char	kv_node[PV_XEN_PATH_MAX];	/* "device/vif/0" */
};

static void
kt_find_vif(const struct pv_dev *d, void *arg)
{
	struct kt_vif *v = arg;

	if (!v->kv_found && pv_dev_bus(d) == PV_BUS_XENBUS &&
	    strcmp(d->dv_xen.xi_type, "vif") == 0) {
		v->kv_found = true;
		memcpy(v->kv_node, d->dv_xen.xi_node, sizeof(v->kv_node));
	}
}

static int
kt_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * What is particular to netfront under net0 (the ARP exchange through
 * the net class is net.arp's, on every hypervisor): the vif the
 * toolstack gave is the class's net0, its link is up once connected,
 * its MTU is netback's 1500, and its address is the one xenstore holds
 * for the vif (the toolstack's mac=).
 */
KTEST(xen, netfront)
{
	static struct kt_vif v;
	char path[PV_XEN_PATH_MAX + 8], mac_s[32];
	uint8_t mac[PV_NET_ADDR_LEN];
	struct pv_net *n;
	int len;

	if (kt_xen_skip("netfront"))
		return;
	memset(&v, 0, sizeof(v));
	pv_dev_foreach(kt_find_vif, &v);
	if (!v.kv_found) {
		printk(LOG_INFO, "ktest: xen.netfront: no vif, nothing to "
		    "test\n");
		return;
	}
	KT_ASSERT((n = pv_net_get(0)) != NULL);
	KT_ASSERT(strcmp(pv_net_name(n), "net0") == 0);
	KT_ASSERT(pv_net_link_up(n));
	KT_ASSERT_EQ(pv_net_mtu(n), 1500);
	pv_net_addr(n, mac);
	KT_ASSERT((mac[0] & 1) == 0);
	len = fmt_snprintf(path, sizeof(path), "%s/mac", v.kv_node);
	KT_ASSERT(len > 0 && (size_t)len < sizeof(path));
	len = xen_store_read(path, mac_s, sizeof(mac_s) - 1);
	KT_ASSERT_EQ(len, 17);			/* "xx:xx:xx:xx:xx:xx" */
	mac_s[len] = '\0';
	for (int i = 0; i < PV_NET_ADDR_LEN; i++) {
		int hi = kt_hexval(mac_s[3 * i]), lo = kt_hexval(mac_s[3 * i + 1]);

		KT_ASSERT(hi >= 0 && lo >= 0);
		KT_ASSERT(i == 5 || mac_s[3 * i + 2] == ':');
		KT_ASSERT_EQ(mac[i], hi << 4 | lo);
	}
	printk(LOG_INFO, "ktest: xen.netfront: %s is %s, mac %s, mtu %u\n",
	    pv_net_name(n), v.kv_node, mac_s, pv_net_mtu(n));
}

#define KT_STORM	80	/* more ports than one upcall handles */

static volatile uint32_t kt_storm_hits[KT_STORM];

static void
kt_storm_handler(uint32_t port, void *arg)
{
	(void)port;
	kt_storm_hits[(uintptr_t)arg]++;
	kt_hits++;
	pv_event_signal(&kt_ev);
}

/*
 * Events on more ports at once than one upcall may handle: the first
 * upcall stops at its budget and leaves the rest for the next, and
 * every port's event still arrives, once.
 */
KTEST(xen, evtchn_budget)
{
	static uint32_t a[KT_STORM], b[KT_STORM];
	struct xen_evtchn_stats before, after;
	uint16_t self = XEN_DOMID_SELF;
	unsigned int made = 0;
	bool on, ok = true;

	if (kt_xen_skip("evtchn_budget"))
		return;
	(void)xen_store_domid(&self);
	for (; made < KT_STORM; made++) {
		if (xen_evtchn_alloc_unbound(self, &a[made]) != 0 ||
		    xen_evtchn_bind_interdomain(self, a[made], &b[made]) != 0 ||
		    xen_evtchn_bind(b[made], kt_storm_handler,
		    (void *)(uintptr_t)made) != 0) {
			ok = false;
			break;
		}
	}
	/* The events of the binds themselves first. */
	(void)kt_wait_hits(made, 2000000000ULL);
	for (unsigned int i = 0; i < made; i++)
		kt_storm_hits[i] = 0;
	kt_hits = 0;
	xen_evtchn_stats(&before);
	if (ok) {
		on = intr_save();	/* all pending before the upcall */
		for (unsigned int i = 0; i < made; i++)
			xen_evtchn_send(a[i]);
		intr_restore(on);
		(void)kt_wait_hits(KT_STORM, KT_XEN_WAIT_NS);
	}
	xen_evtchn_stats(&after);
	for (unsigned int i = 0; i < made; i++) {
		(void)xen_evtchn_close(b[i]);
		(void)xen_evtchn_close(a[i]);
	}
	KT_ASSERT(ok);
	KT_ASSERT_EQ(kt_hits, KT_STORM);
	for (unsigned int i = 0; i < KT_STORM; i++)
		KT_ASSERT_EQ(kt_storm_hits[i], 1);
	KT_ASSERT(after.es_deferred > before.es_deferred);
	KT_ASSERT(after.es_upcalls - before.es_upcalls >= 2);
	printk(LOG_INFO, "ktest: xen.evtchn_budget: %u ports in %lu upcalls, "
	    "%lu deferred\n", KT_STORM, after.es_upcalls - before.es_upcalls,
	    after.es_deferred - before.es_deferred);
}
