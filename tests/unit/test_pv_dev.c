/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the device model: the PCI capability walk and MSI-X
 * checks fed hostile configuration spaces, the xenstore answer parsers
 * fed hostile answers, and the probe offering devices to drivers.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <pv/common/pv_bus.h>
#include <pv/common/pv_dev.h>
#include <pv/common/pv_driver.h>
#include <pv/common/pv_pci.h>
#include <pv/xen/xen_store_parse.h>

#include "ut.h"

/* ---- PCI ---- */

struct ut_cfg {
	uint8_t		b[4096];
	unsigned int	reads;		/* bound: a walk must end */
};

static uint32_t
ut_cfg_rd(void *ctx, unsigned int off, unsigned int width)
{
	struct ut_cfg *c = ctx;
	uint32_t v = 0;

	c->reads++;
	for (unsigned int i = 0; i < width; i++)
		v |= (uint32_t)c->b[(off + i) % sizeof(c->b)] << (8 * i);
	return v;
}

/* A function with the capability list bit and the first pointer. */
static void
ut_cfg_init(struct ut_cfg *c, uint8_t first)
{
	memset(c, 0, sizeof(*c));
	c->b[0x06] = 0x10;
	c->b[0x34] = first;
}

static void
ut_cap(struct ut_cfg *c, unsigned int at, uint8_t id, uint8_t next)
{
	c->b[at] = id;
	c->b[at + 1] = next;
}

static void
ut_msix(struct ut_cfg *c, unsigned int at, uint16_t entries, uint32_t table,
    uint32_t pba)
{
	uint16_t ctl = (uint16_t)(entries - 1);

	memcpy(&c->b[at + 2], &ctl, 2);
	memcpy(&c->b[at + 4], &table, 4);
	memcpy(&c->b[at + 8], &pba, 4);
}

UT_TEST(pci_caps_well_formed)
{
	static struct ut_cfg c;
	struct pv_pci_info pi = { 0 };
	unsigned int from = 0;

	ut_cfg_init(&c, 0x40);
	ut_cap(&c, 0x40, PCI_CAP_VENDOR, 0x50);
	ut_cap(&c, 0x50, PCI_CAP_VENDOR, 0x60);
	ut_cap(&c, 0x60, PCI_CAP_MSIX, 0x00);
	ut_msix(&c, 0x60, 4, 0x0000 | 1, 0x0800 | 1);	/* both in BAR 1 */
	pi.pi_bars[1] = (struct pv_pci_bar){ 0xfebd1000, 0x1000, 0 };
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), 3);
	UT_ASSERT(!pi.pi_caps_broken);
	UT_ASSERT_EQ(pi.pi_ncaps, 3);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 4);
	UT_ASSERT_EQ(pi.pi_msix.pm_table_bar, 1);
	UT_ASSERT_EQ(pi.pi_msix.pm_pba_off, 0x800);
	UT_ASSERT_EQ(pv_pci_cap_find(&pi, PCI_CAP_VENDOR, &from), 0x40);
	UT_ASSERT_EQ(pv_pci_cap_find(&pi, PCI_CAP_VENDOR, &from), 0x50);
	UT_ASSERT_EQ(pv_pci_cap_find(&pi, PCI_CAP_VENDOR, &from), 0);
	from = 0;
	UT_ASSERT_EQ(pv_pci_cap_find(&pi, PCI_CAP_MSI, &from), 0);
	/* No capability bit: no list, whatever the pointer says. */
	c.b[0x06] = 0;
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), 0);
	UT_ASSERT_EQ(pi.pi_ncaps, 0);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
}

UT_TEST(pci_caps_hostile_lists)
{
	static struct ut_cfg c;
	struct pv_pci_info pi = { 0 };

	/* A loop of two. */
	ut_cfg_init(&c, 0x40);
	ut_cap(&c, 0x40, PCI_CAP_VENDOR, 0x80);
	ut_cap(&c, 0x80, PCI_CAP_VENDOR, 0x40);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), -ELOOP);
	UT_ASSERT(pi.pi_caps_broken);
	UT_ASSERT_EQ(pi.pi_ncaps, 2);
	UT_ASSERT(c.reads < 64);
	/* A capability pointing at itself; low bits are masked, so 0x41 is 0x40. */
	ut_cfg_init(&c, 0x40);
	ut_cap(&c, 0x40, PCI_CAP_VENDOR, 0x41);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), -ELOOP);
	/* Into the standard header. */
	ut_cfg_init(&c, 0x40);
	ut_cap(&c, 0x40, PCI_CAP_VENDOR, 0x10);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), -EINVAL);
	UT_ASSERT_EQ(pi.pi_ncaps, 1);
	ut_cfg_init(&c, 0x3c);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), -EINVAL);
	/* The longest list that fits: every slot from 0x40 to 0xfc, in
	 * order, ending at 0xfc; more than PV_PCI_CAPS are seen, not kept. */
	ut_cfg_init(&c, 0x40);
	for (unsigned int at = 0x40; at < 0xfc; at += 4)
		ut_cap(&c, at, PCI_CAP_VENDOR, (uint8_t)(at + 4));
	ut_cap(&c, 0xfc, PCI_CAP_VENDOR, 0);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), 48);
	UT_ASSERT_EQ(pi.pi_ncaps, PV_PCI_CAPS);
	UT_ASSERT(!pi.pi_caps_broken);
	/* ...and the same list closed into a ring ends as a loop. */
	ut_cap(&c, 0xfc, PCI_CAP_VENDOR, 0x40);
	c.reads = 0;
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), -ELOOP);
	UT_ASSERT(c.reads < 200);
	/* An MSI-X capability at the very end has no room for its body. */
	ut_cfg_init(&c, 0xfc);
	ut_cap(&c, 0xfc, PCI_CAP_MSIX, 0);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), -EINVAL);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
	/* A 4 KiB (ECAM) space: the list still lives in the first 256. */
	ut_cfg_init(&c, 0x40);
	ut_cap(&c, 0x40, PCI_CAP_VENDOR, 0x00);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 4096, &pi), 1);
}

UT_TEST(pci_msix_must_fit_its_bars)
{
	static struct ut_cfg c;
	struct pv_pci_info pi = { 0 };

	pi.pi_bars[1] = (struct pv_pci_bar){ 0xfebd1000, 0x1000, 0 };
	pi.pi_bars[2] = (struct pv_pci_bar){ 0xc000, 0x100, PV_BAR_IO };
	ut_cfg_init(&c, 0x40);
	ut_cap(&c, 0x40, PCI_CAP_MSIX, 0);
	/* BIR 7 names no BAR. */
	ut_msix(&c, 0x40, 4, 7, 1);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), 1);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
	/* An unimplemented BAR. */
	ut_msix(&c, 0x40, 4, 3, 1);
	pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
	/* An I/O BAR. */
	ut_msix(&c, 0x40, 4, 2, 1);
	pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
	/* 2048 entries (32 KiB) in a 4 KiB BAR. */
	ut_msix(&c, 0x40, 2048, 1, 0x800 | 1);
	pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
	/* A table that starts inside and runs past the end. */
	ut_msix(&c, 0x40, 2, 0xff8 | 1, 0x800 | 1);
	pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
	/* An offset near 4 GiB must not wrap into the BAR. */
	ut_msix(&c, 0x40, 1, 0xfffffff8 | 1, 0x800 | 1);
	pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
	/* A PBA past the end. */
	ut_msix(&c, 0x40, 4, 1, 0x1000 | 1);
	pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
	/* Exactly filling the BAR is fine: 254 entries, 4 pending words. */
	ut_msix(&c, 0x40, 254, 1, 0xfe0 | 1);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), 1);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 254);
	ut_msix(&c, 0x40, 254, 1, 0xfe8 | 1);
	pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 0);
	ut_msix(&c, 0x40, 254, 1, 0xfe0 | 1);
	/* A second MSI-X capability does not replace the first. */
	ut_cap(&c, 0x40, PCI_CAP_MSIX, 0x50);
	ut_cap(&c, 0x50, PCI_CAP_MSIX, 0);
	ut_msix(&c, 0x50, 1, 1, 0x800 | 1);
	UT_ASSERT_EQ(pv_pci_caps_walk(ut_cfg_rd, &c, 256, &pi), 2);
	UT_ASSERT_EQ(pi.pi_msix.pm_size, 254);
	UT_ASSERT_EQ(pi.pi_msix.pm_cap, 0x40);
}

/* ---- xenstore answers ---- */

UT_TEST(xenstore_directory_split)
{
	const char *names[4];

	UT_ASSERT_EQ(xs_dir_split("vif\0vbd\0", 8, names, 4, 15), 2);
	UT_ASSERT_STR(names[0], "vif");
	UT_ASSERT_STR(names[1], "vbd");
	UT_ASSERT_EQ(xs_dir_split("", 0, names, 4, 15), 0);
	UT_ASSERT_EQ(xs_dir_split("\0", 1, names, 4, 15), 0);
	/* The last name has no NUL inside the length given. */
	UT_ASSERT_EQ(xs_dir_split("vif\0vbd", 7, names, 4, 15), -EINVAL);
	UT_ASSERT_EQ(xs_dir_split("vif", 3, names, 4, 15), -EINVAL);
	/* A NUL past the length does not count. */
	UT_ASSERT_EQ(xs_dir_split("vif\0vbd\0", 6, names, 4, 15), -EINVAL);
	/* Empty names, slashes, control bytes, long names. */
	UT_ASSERT_EQ(xs_dir_split("vif\0\0", 5, names, 4, 15), -EINVAL);
	UT_ASSERT_EQ(xs_dir_split("a/b\0", 4, names, 4, 15), -EINVAL);
	UT_ASSERT_EQ(xs_dir_split("a\nb\0", 4, names, 4, 15), -EINVAL);
	UT_ASSERT_EQ(xs_dir_split("\xff\0", 2, names, 4, 15), -EINVAL);
	UT_ASSERT_EQ(xs_dir_split("0123456789abcdef\0", 17, names, 4, 15),
	    -EINVAL);
	UT_ASSERT_EQ(xs_dir_split("0123456789abcde\0", 16, names, 4, 15), 1);
	/* More names than room. */
	UT_ASSERT_EQ(xs_dir_split("0\0" "1\0" "2\0" "3\0" "4\0", 10, names, 4,
	    15), -E2BIG);
}

UT_TEST(xenstore_availability_hostile)
{
	UT_ASSERT_EQ(xs_parse_availability("online", 6), 1);
	UT_ASSERT_EQ(xs_parse_availability("offline\0", 8), 0);
	UT_ASSERT_EQ(xs_parse_availability("", 0), -EINVAL);
	UT_ASSERT_EQ(xs_parse_availability("\0", 1), -EINVAL);
	UT_ASSERT_EQ(xs_parse_availability("onlin", 5), -EINVAL);
	UT_ASSERT_EQ(xs_parse_availability("online ", 7), -EINVAL);
	UT_ASSERT_EQ(xs_parse_availability("Online", 6), -EINVAL);
	UT_ASSERT_EQ(xs_parse_availability("offline\0\0", 9), -EINVAL);
	UT_ASSERT_EQ(xs_parse_availability("online\0x", 8), -EINVAL);
	UT_ASSERT_EQ(xs_parse_availability("1", 1), -EINVAL);
}

UT_TEST(xenstore_values)
{
	uint32_t v = 77;
	char s[8];

	UT_ASSERT_EQ(xs_parse_uint("4", 1, 8, &v), 0);
	UT_ASSERT_EQ(v, 4);
	UT_ASSERT_EQ(xs_parse_uint("0\0", 2, 8, &v), 0);
	UT_ASSERT_EQ(v, 0);
	v = 77;
	UT_ASSERT_EQ(xs_parse_uint("9", 1, 8, &v), -EINVAL);
	UT_ASSERT_EQ(xs_parse_uint("", 0, 8, &v), -EINVAL);
	UT_ASSERT_EQ(xs_parse_uint("\0", 1, 8, &v), -EINVAL);
	UT_ASSERT_EQ(xs_parse_uint("-1", 2, 8, &v), -EINVAL);
	UT_ASSERT_EQ(xs_parse_uint("1 ", 2, 8, &v), -EINVAL);
	UT_ASSERT_EQ(xs_parse_uint("1\0\0", 3, 8, &v), -EINVAL);
	UT_ASSERT_EQ(xs_parse_uint("99999999999", 11, 0xffffffff, &v),
	    -EINVAL);
	UT_ASSERT_EQ(xs_parse_uint("4294967295", 10, 0xffffffff, &v), 0);
	UT_ASSERT_EQ(v, 0xffffffffu);
	UT_ASSERT_EQ(xs_parse_uint("4294967296", 10, 0xffffffff, &v), -EINVAL);
	UT_ASSERT_EQ(xs_take_string("/local", 6, s, sizeof(s)), 0);
	UT_ASSERT_STR(s, "/local");
	UT_ASSERT_EQ(xs_take_string("/local\0", 7, s, sizeof(s)), 0);
	UT_ASSERT_EQ(xs_take_string("/localx", 7, s, sizeof(s)), 0);
	UT_ASSERT_EQ(xs_take_string("/localxy", 8, s, sizeof(s)), -EINVAL);
	UT_ASSERT_EQ(xs_take_string("a\0b", 3, s, sizeof(s)), -EINVAL);
	UT_ASSERT_EQ(xs_take_string("a\tb", 3, s, sizeof(s)), -EINVAL);
	UT_ASSERT_EQ(xs_error_errno("ENOENT", 6), -ENOENT);
	UT_ASSERT_EQ(xs_error_errno("EACCES\0", 7), -EACCES);
	UT_ASSERT_EQ(xs_error_errno("ENOENTX", 7), -EIO);
	UT_ASSERT_EQ(xs_error_errno("ENOE", 4), -EIO);
	UT_ASSERT_EQ(xs_error_errno("", 0), -EIO);
}

UT_TEST(xenstore_classify_hostile)
{
	/* Oversized first, whatever else the header says. */
	UT_ASSERT_EQ(xs_classify(2, 7, 4097, true, 2, 7), XS_MSG_BAD);
	UT_ASSERT_EQ(xs_classify(XS_P_WATCH_EVENT, 0, 0xffffffffu, false, 0, 0),
	    XS_MSG_BAD);
	UT_ASSERT_EQ(xs_classify(2, 7, 4096, true, 2, 7), XS_MSG_ANSWER);
	/* Watch events whatever their req_id, in flight or not. */
	UT_ASSERT_EQ(xs_classify(XS_P_WATCH_EVENT, 99, 10, true, 2, 7),
	    XS_MSG_WATCH);
	UT_ASSERT_EQ(xs_classify(XS_P_WATCH_EVENT, 0, 10, false, 0, 0),
	    XS_MSG_WATCH);
	/* Unknown req_id, or an answer with nothing in flight. */
	UT_ASSERT_EQ(xs_classify(2, 6, 3, true, 2, 7), XS_MSG_STRAY);
	UT_ASSERT_EQ(xs_classify(2, 7, 3, false, 2, 7), XS_MSG_STRAY);
	UT_ASSERT_EQ(xs_classify(XS_P_ERROR, 8, 3, true, 2, 7), XS_MSG_STRAY);
	UT_ASSERT_EQ(xs_classify(XS_P_ERROR, 7, 7, true, 2, 7), XS_MSG_ERROR);
	UT_ASSERT_EQ(xs_classify(1, 7, 3, true, 2, 7), XS_MSG_WRONG_TYPE);
}

UT_TEST(xenstore_watch_event_split)
{
	const char *path, *token;

	UT_ASSERT_EQ(xs_watch_event_split("data/x\0jw0\0", 11, &path, &token),
	    0);
	UT_ASSERT(strcmp(path, "data/x") == 0 && strcmp(token, "jw0") == 0);
	/* Missing token, unterminated, empty fields, trailing bytes. */
	UT_ASSERT_EQ(xs_watch_event_split("data/x\0", 7, &path, &token),
	    -EINVAL);
	UT_ASSERT_EQ(xs_watch_event_split("data/x\0jw0", 10, &path, &token),
	    -EINVAL);
	UT_ASSERT_EQ(xs_watch_event_split("\0jw0\0", 5, &path, &token),
	    -EINVAL);
	UT_ASSERT_EQ(xs_watch_event_split("a\0\0", 3, &path, &token),
	    -EINVAL);
	UT_ASSERT_EQ(xs_watch_event_split("a\0b\0c", 5, &path, &token),
	    -EINVAL);
	UT_ASSERT_EQ(xs_watch_event_split("a\0b\0\0", 5, &path, &token),
	    -EINVAL);
	UT_ASSERT_EQ(xs_watch_event_split("a\nb\0t\0", 6, &path, &token),
	    -EINVAL);
	UT_ASSERT_EQ(xs_watch_event_split("", 0, &path, &token), -EINVAL);
}

UT_TEST(xenstore_parse_mac)
{
	uint8_t m[6] = { 0 };
	static const uint8_t want[6] = { 0x00, 0x16, 0x3e, 0x5a, 0xbc, 0xDE };

	UT_ASSERT_EQ(xs_parse_mac("00:16:3e:5a:bc:DE", 17, m), 0);
	UT_ASSERT(memcmp(m, want, 6) == 0);
	UT_ASSERT_EQ(xs_parse_mac("00:16:3e:5a:bc:de\0", 18, m), 0);
	memset(m, 0, sizeof(m));
	UT_ASSERT_EQ(xs_parse_mac("00:16:3e:5a:bc", 14, m), -EINVAL);
	UT_ASSERT_EQ(xs_parse_mac("00:16:3e:5a:bc:de:", 18, m), -EINVAL);
	UT_ASSERT_EQ(xs_parse_mac("00-16-3e-5a-bc-de", 17, m), -EINVAL);
	UT_ASSERT_EQ(xs_parse_mac("0:016:3e:5a:bc:de", 17, m), -EINVAL);
	UT_ASSERT_EQ(xs_parse_mac("00:16:3g:5a:bc:de", 17, m), -EINVAL);
	UT_ASSERT_EQ(xs_parse_mac("00:16:3e:5a:bc:d ", 17, m), -EINVAL);
	UT_ASSERT_EQ(xs_parse_mac("00:16:3e:5a:bc:de\0\0", 19, m), -EINVAL);
	/* A multicast address is no station's. */
	UT_ASSERT_EQ(xs_parse_mac("01:16:3e:5a:bc:de", 17, m), -EINVAL);
	UT_ASSERT_EQ(xs_parse_mac("", 0, m), -EINVAL);
	/* Nothing written on failure. */
	UT_ASSERT_EQ(m[0], 0);
}

/* ---- the probe ---- */

static int ut_attached, ut_refused;

static int
ut_bus_two(const struct pv_bus *b)
{
	struct pv_dev d = { .dv_from = b };

	d.dv_pci.pi_vendor = 0x1af4;
	d.dv_pci.pi_device = 0x1041;
	d.dv_pci.pi_class = 0x020000;
	d.dv_pci.pi_bars[1] = (struct pv_pci_bar){ 0xfebd1000, 0x1000, 0 };
	d.dv_pci.pi_bars[4] = (struct pv_pci_bar){ 0xfe000000, 0x4000,
	    PV_BAR_64 | PV_BAR_PREFETCH };
	d.dv_pci.pi_msix = (struct pv_pci_msix){ .pm_size = 4,
	    .pm_table_bar = 1 };
	strcpy(d.dv_name, "00:03.0");
	if (pv_dev_add(&d) != 0)
		return -ENOMEM;
	memset(&d.dv_pci.pi_bars, 0, sizeof(d.dv_pci.pi_bars));
	d.dv_pci.pi_msix.pm_size = 0;
	d.dv_pci.pi_caps_broken = true;
	d.dv_pci.pi_device = 0x1049;
	strcpy(d.dv_name, "00:04.0");
	return pv_dev_add(&d);
}

static int
ut_bus_absent(const struct pv_bus *b)
{
	(void)b;
	return -ENODEV;
}

static int
ut_xen_ident(const struct pv_dev *d, char *buf, unsigned int size)
{
	return snprintf(buf, size, "%-9s  %-6s", d->dv_xen.xi_type, "-");
}

static int
ut_xen_resources(const struct pv_dev *d, char *buf, unsigned int size)
{
	return snprintf(buf, size, " backend=%s state=%d", d->dv_xen.xi_backend,
	    d->dv_xen.xi_state);
}

static int
ut_bus_xen(const struct pv_bus *b)
{
	struct pv_dev d = { .dv_from = b };

	strcpy(d.dv_name, "vif/0");
	strcpy(d.dv_xen.xi_type, "vif");
	strcpy(d.dv_xen.xi_backend, "/local/domain/0/backend/vif/3/0");
	d.dv_xen.xi_state = 1;
	return pv_dev_add(&d);
}

static bool
ut_match_net(const struct pv_dev *d)
{
	return pv_dev_bus(d) == PV_BUS_PCI && d->dv_pci.pi_vendor == 0x1af4 &&
	    d->dv_pci.pi_device == 0x1041;
}

static bool
ut_match_any_pci(const struct pv_dev *d)
{
	return pv_dev_bus(d) == PV_BUS_PCI;
}

static int
ut_attach_ok(struct pv_dev *d)
{
	ut_attached++;
	d->dv_softc = &ut_attached;
	return 0;
}

static int
ut_attach_refuse(struct pv_dev *d)
{
	(void)d;
	ut_refused++;
	return -EIO;
}

static const struct pv_bus ut_b1 = { "pci", PV_BUS_PCI, ut_bus_two,
    pv_pci_ident, pv_pci_resources };
static const struct pv_bus ut_b2 = { "ut-none", PV_BUS_PCI, ut_bus_absent,
    pv_pci_ident, pv_pci_resources };
static const struct pv_bus ut_b3 = { "xenbus", PV_BUS_XENBUS, ut_bus_xen,
    ut_xen_ident, ut_xen_resources };
static const struct pv_driver ut_d1 = { "ut-refuser", ut_match_any_pci,
    ut_attach_refuse };
static const struct pv_driver ut_d2 = { "ut-net", ut_match_net, ut_attach_ok };

struct ut_seen {
	unsigned int	n;
	char		lines[4][256];
};

static void
ut_collect(const struct pv_dev *d, void *arg)
{
	struct ut_seen *s = arg;

	if (s->n < 4)
		pv_dev_describe(d, s->lines[s->n], sizeof(s->lines[0]));
	s->n++;
}

UT_TEST(pv_probe_binds_by_match)
{
	const struct pv_bus *const buses[] = { &ut_b1, &ut_b2, &ut_b3 };
	const struct pv_driver *const drivers[] = { &ut_d1, &ut_d2 };
	struct ut_seen seen = { 0 };
	char small[12];

	pv_dev_reset();
	ut_attached = ut_refused = 0;
	UT_ASSERT_EQ(pv_probe_tables(buses, buses + 3, drivers, drivers + 2), 3);
	UT_ASSERT_EQ(pv_dev_count(), 3);
	/* The refuser is offered both PCI devices and takes neither; the
	 * net driver then gets its own; the xenbus device matches none. */
	UT_ASSERT_EQ(ut_refused, 2);
	UT_ASSERT_EQ(ut_attached, 1);
	pv_dev_foreach(ut_collect, &seen);
	UT_ASSERT_EQ(seen.n, 3);
	UT_ASSERT(strstr(seen.lines[0], "pci") == seen.lines[0]);
	UT_ASSERT(strstr(seen.lines[0], "1af4:1041") != NULL);
	UT_ASSERT(strstr(seen.lines[0], "ut-net") != NULL);
	UT_ASSERT_STR(seen.lines[0], "pci     00:03.0    1af4:1041  020000  ut-net      "
	    " bar1=mem:0xfebd1000+0x1000 bar4=mem64:0xfe000000+0x4000 msix=4@bar1");
	UT_ASSERT(strstr(seen.lines[1], "00:04.0") != NULL);
	UT_ASSERT(strstr(seen.lines[1], " caps=broken") != NULL);
	UT_ASSERT(strstr(seen.lines[1], "  -   ") != NULL);	/* unbound */
	UT_ASSERT(strstr(seen.lines[2], "xenbus") == seen.lines[2]);
	UT_ASSERT(strstr(seen.lines[2], "backend=/local/domain/0/backend/vif/3/0")
	    != NULL);
	UT_ASSERT(seen.lines[1][strlen(seen.lines[1]) - 1] != ' ');
	/* A short buffer is cut, terminated, and says how long it wanted. */
	UT_ASSERT(pv_dev_describe(&(struct pv_dev){
	    .dv_from = &ut_b3, .dv_name = "vif/0" }, small, sizeof(small)) >=
	    (int)sizeof(small));
	UT_ASSERT(strlen(small) == sizeof(small) - 1);
	pv_dev_reset();
}

UT_TEST(pv_dev_table_is_bounded)
{
	struct pv_dev d = { .dv_from = NULL };
	int error = 0;
	unsigned int n = 0;

	pv_dev_reset();
	/* A device must say which bus found it. */
	UT_ASSERT_EQ(pv_dev_add(&d), -EINVAL);
	d.dv_from = &ut_b1;
	/* A name that fills its field is cut, not overrun. */
	memset(d.dv_name, 'x', sizeof(d.dv_name));
	while ((error = pv_dev_add(&d)) == 0)
		n++;
	UT_ASSERT_EQ(error, -ENOSPC);
	UT_ASSERT_EQ(n, PV_DEV_MAX);
	UT_ASSERT_EQ(pv_dev_count(), PV_DEV_MAX);
	pv_dev_reset();
	UT_ASSERT_EQ(pv_dev_count(), 0);
}
