/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The PCI bus: a depth-first walk from bus 0 through PCI-to-PCI bridges
 * (each bus visited once, whatever the bridges claim), every function's
 * identity, BARs (sized with decoding off) and capabilities.  It serves
 * every hypervisor that gives the guest a PCI host: QEMU with TCG or
 * KVM (virtio-pci, ivshmem) and Xen HVM; a Xen PVH guest has none and
 * the bus reports -ENODEV.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <pv/common/pv_pci.h>
#ifndef JINY_HOST
#include <arch/x86_64/include/pci_cfg.h>
#include <pv/common/pv_bus.h>
#include <kernel/log/printk.h>
#endif

#define PCI_STATUS		0x06
#define PCI_STATUS_CAPS		0x10
#define PCI_CAP_PTR		0x34
#define PCI_CAP_FIRST		0x40	/* capabilities live after the header */

/* Does [off, off + len) lie inside implemented memory BAR bar? */
static bool
pv_pci_bar_holds(const struct pv_pci_info *pi, unsigned int bar,
    uint64_t off, uint64_t len)
{
	const struct pv_pci_bar *b;

	if (bar >= PV_PCI_BARS)
		return false;
	b = &pi->pi_bars[bar];
	return b->pb_size != 0 && !(b->pb_flags & PV_BAR_IO) &&
	    off <= b->pb_size && len <= b->pb_size - off;
}

static void
pv_pci_msix_take(pv_pci_read_fn rd, void *ctx, unsigned int at,
    struct pv_pci_info *pi)
{
	uint16_t ctl = (uint16_t)rd(ctx, at + 2, 2);
	uint32_t table = rd(ctx, at + 4, 4), pba = rd(ctx, at + 8, 4);
	struct pv_pci_msix m = {
		.pm_size = (uint16_t)((ctl & 0x7ff) + 1),
		.pm_cap = (uint8_t)at,
		.pm_table_bar = (uint8_t)(table & 7),
		.pm_pba_bar = (uint8_t)(pba & 7),
		.pm_table_off = table & ~7u,
		.pm_pba_off = pba & ~7u,
	};

	/* 16 bytes an entry; one pending bit an entry, in 64-bit words. */
	if (pi->pi_msix.pm_size != 0 ||
	    !pv_pci_bar_holds(pi, m.pm_table_bar, m.pm_table_off,
	    (uint64_t)m.pm_size * 16) ||
	    !pv_pci_bar_holds(pi, m.pm_pba_bar, m.pm_pba_off,
	    ((uint64_t)m.pm_size + 63) / 64 * 8))
		return;
	pi->pi_msix = m;
}

int
pv_pci_caps_walk(pv_pci_read_fn rd, void *ctx, unsigned int cfg_size,
    struct pv_pci_info *pi)
{
	uint8_t seen[256 / 32] = { 0 };	/* a bit per 4-byte slot */
	unsigned int at, n = 0;

	pi->pi_ncaps = 0;
	pi->pi_caps_broken = false;
	memset(&pi->pi_msix, 0, sizeof(pi->pi_msix));
	if (cfg_size > 256)
		cfg_size = 256;	/* the list lives in the first 256 bytes */
	if (!(rd(ctx, PCI_STATUS, 2) & PCI_STATUS_CAPS))
		return 0;
	at = rd(ctx, PCI_CAP_PTR, 1) & 0xfc;
	while (at != 0) {
		uint8_t id;

		if (at < PCI_CAP_FIRST || at + 2 > cfg_size) {
			pi->pi_caps_broken = true;
			return -EINVAL;
		}
		if (seen[at / 32] & (1u << (at / 4 % 8))) {
			pi->pi_caps_broken = true;
			return -ELOOP;
		}
		seen[at / 32] |= (uint8_t)(1u << (at / 4 % 8));
		id = (uint8_t)rd(ctx, at, 1);
		if (id == PCI_CAP_MSIX) {
			if (at + 12 > cfg_size) {
				pi->pi_caps_broken = true;
				return -EINVAL;
			}
			pv_pci_msix_take(rd, ctx, at, pi);
		}
		if (pi->pi_ncaps < PV_PCI_CAPS)
			pi->pi_caps[pi->pi_ncaps++] = (struct pv_pci_cap){
				.pc_id = id, .pc_off = (uint8_t)at };
		n++;
		at = rd(ctx, at + 1, 1) & 0xfc;
	}
	return (int)n;
}

unsigned int
pv_pci_cap_find(const struct pv_pci_info *pi, uint8_t id, unsigned int *from)
{
	for (unsigned int i = *from; i < pi->pi_ncaps && i < PV_PCI_CAPS; i++)
		if (pi->pi_caps[i].pc_id == id) {
			*from = i + 1;
			return pi->pi_caps[i].pc_off;
		}
	*from = pi->pi_ncaps;
	return 0;
}

int
pv_pci_ident(const struct pv_dev *d, char *buf, unsigned int size)
{
	const struct pv_pci_info *pi = &d->dv_pci;

	return fmt_snprintf(buf, size, "%04x:%04x  %06x", pi->pi_vendor,
	    pi->pi_device, pi->pi_class);
}

int
pv_pci_resources(const struct pv_dev *d, char *buf, unsigned int size)
{
	const struct pv_pci_info *pi = &d->dv_pci;
	unsigned int n = 0;

#define PV_PCI_REST	(n < size ? buf + n : NULL), (n < size ? size - n : 0)
	for (unsigned int i = 0; i < PV_PCI_BARS; i++) {
		const struct pv_pci_bar *b = &pi->pi_bars[i];

		if (b->pb_size != 0)
			n += (unsigned int)fmt_snprintf(PV_PCI_REST,
			    " bar%u=%s:0x%lx+0x%lx", i,
			    b->pb_flags & PV_BAR_IO ? "io" :
			    b->pb_flags & PV_BAR_64 ? "mem64" : "mem",
			    b->pb_addr, b->pb_size);
	}
	if (pi->pi_msix.pm_size != 0)
		n += (unsigned int)fmt_snprintf(PV_PCI_REST, " msix=%u@bar%u",
		    pi->pi_msix.pm_size, pi->pi_msix.pm_table_bar);
	if (pi->pi_caps_broken)
		n += (unsigned int)fmt_snprintf(PV_PCI_REST, " caps=broken");
#undef PV_PCI_REST
	return (int)n;
}

#ifndef JINY_HOST
#define PCI_VENDOR		0x00
#define PCI_COMMAND		0x04
#define PCI_COMMAND_DECODE	0x3	/* I/O and memory space */
#define PCI_REVISION		0x08
#define PCI_HEADER		0x0e
#define PCI_BAR0		0x10
#define PCI_SUBVENDOR		0x2c
#define PCI_IRQ_PIN		0x3d
#define PCI_SECONDARY_BUS	0x19

static uint32_t
pv_pci_rd(void *ctx, unsigned int off, unsigned int width)
{
	return pci_cfg_read(*(const struct pci_addr *)ctx, off, width);
}

/*
 * Size every BAR with decoding off (a device must not answer at the
 * all-ones address meanwhile), then restore it.  nbars: 6 for devices,
 * 2 for bridges.
 */
static void
pv_pci_bars(struct pci_addr a, unsigned int nbars, struct pv_pci_info *pi)
{
	uint16_t cmd = (uint16_t)pci_cfg_read(a, PCI_COMMAND, 2);

	pci_cfg_write(a, PCI_COMMAND, 2, cmd & ~PCI_COMMAND_DECODE);
	for (unsigned int i = 0; i < nbars; i++) {
		unsigned int off = PCI_BAR0 + i * 4;
		uint32_t lo = pci_cfg_read(a, off, 4), szlo, hi = 0, szhi = 0;
		struct pv_pci_bar *b = &pi->pi_bars[i];
		uint64_t mask;

		pci_cfg_write(a, off, 4, 0xffffffff);
		szlo = pci_cfg_read(a, off, 4);
		pci_cfg_write(a, off, 4, lo);
		if (lo & 1) {			/* I/O */
			mask = szlo & 0xfffffffc & 0xffff;
			b->pb_flags = PV_BAR_IO;
			b->pb_addr = lo & 0xfffffffc;
			b->pb_size = mask != 0 ? (~mask + 1) & 0xffff : 0;
			continue;
		}
		b->pb_flags = (lo & 0x8) ? PV_BAR_PREFETCH : 0;
		b->pb_addr = lo & 0xfffffff0;
		mask = szlo & 0xfffffff0;
		if (((lo >> 1) & 3) == 2 && i + 1 < nbars) {	/* 64-bit */
			hi = pci_cfg_read(a, off + 4, 4);
			pci_cfg_write(a, off + 4, 4, 0xffffffff);
			szhi = pci_cfg_read(a, off + 4, 4);
			pci_cfg_write(a, off + 4, 4, hi);
			b->pb_flags |= PV_BAR_64;
			b->pb_addr |= (uint64_t)hi << 32;
			mask |= (uint64_t)szhi << 32;
			b->pb_size = mask != 0 ? ~mask + 1 : 0;
			i++;		/* the next slot is the high half */
			continue;
		}
		b->pb_size = mask != 0 ? (uint32_t)(~(uint32_t)mask + 1) : 0;
	}
	pci_cfg_write(a, PCI_COMMAND, 2, cmd);
}

struct pv_pci_walk {
	uint8_t		pw_seen[256 / 8];	/* buses visited */
	int		pw_error;
};

static void pv_pci_scan_bus(struct pv_pci_walk *w, uint8_t bus);

static const struct pv_bus pv_pci_bus;

static void
pv_pci_take(struct pv_pci_walk *w, struct pci_addr a)
{
	struct pv_dev d = { .dv_from = &pv_pci_bus };
	struct pv_pci_info *pi = &d.dv_pci;
	uint32_t id = pci_cfg_read(a, PCI_VENDOR, 4);
	uint32_t rev = pci_cfg_read(a, PCI_REVISION, 4);
	int error;

	pi->pi_bus = a.pa_bus;
	pi->pi_dev = a.pa_dev;
	pi->pi_fn = a.pa_fn;
	pi->pi_vendor = (uint16_t)id;
	pi->pi_device = (uint16_t)(id >> 16);
	pi->pi_revision = (uint8_t)rev;
	pi->pi_class = rev >> 8;
	pi->pi_header = (uint8_t)(pci_cfg_read(a, PCI_HEADER, 1) & 0x7f);
	fmt_snprintf(d.dv_name, sizeof(d.dv_name), "%02x:%02x.%u",
	    a.pa_bus, a.pa_dev, a.pa_fn);
	if (pi->pi_header == 0) {
		uint32_t sub = pci_cfg_read(a, PCI_SUBVENDOR, 4);

		pi->pi_subvendor = (uint16_t)sub;
		pi->pi_subdevice = (uint16_t)(sub >> 16);
		pi->pi_irq_pin = (uint8_t)pci_cfg_read(a, PCI_IRQ_PIN, 1);
		pv_pci_bars(a, 6, pi);
	} else if (pi->pi_header == 1) {
		pv_pci_bars(a, 2, pi);
	}
	error = pv_pci_caps_walk(pv_pci_rd, &a, pci_cfg_size(), pi);
	if (error < 0)
		pr_warn("pci %s: capability list broken (%d); kept %u\n",
		    d.dv_name, error, pi->pi_ncaps);
	if ((error = pv_dev_add(&d)) != 0 && w->pw_error == 0)
		w->pw_error = error;
	if (pi->pi_header == 1) {
		uint8_t sec = (uint8_t)pci_cfg_read(a, PCI_SECONDARY_BUS, 1);

		if (sec != 0)
			pv_pci_scan_bus(w, sec);
	}
}

static void
pv_pci_scan_bus(struct pv_pci_walk *w, uint8_t bus)
{
	if (w->pw_seen[bus / 8] & (1u << (bus % 8)))
		return;		/* a bridge loop, or two bridges claiming it */
	w->pw_seen[bus / 8] |= (uint8_t)(1u << (bus % 8));
	for (uint8_t dev = 0; dev < 32; dev++) {
		struct pci_addr a = { bus, dev, 0 };
		unsigned int nfn;

		if ((uint16_t)pci_cfg_read(a, PCI_VENDOR, 2) == 0xffff)
			continue;
		nfn = pci_cfg_read(a, PCI_HEADER, 1) & 0x80 ? 8 : 1;
		for (uint8_t fn = 0; fn < nfn; fn++) {
			a.pa_fn = fn;
			if ((uint16_t)pci_cfg_read(a, PCI_VENDOR, 2) != 0xffff)
				pv_pci_take(w, a);
		}
	}
}

static int
pv_pci_enumerate(const struct pv_bus *bus)
{
	struct pv_pci_walk w = { .pw_error = 0 };
	const char *method;

	(void)bus;
	if (!pci_cfg_init(&method))
		return -ENODEV;
	pr_info("pci: configuration access by %s\n", method);
	pv_pci_scan_bus(&w, 0);
	return w.pw_error;
}

static const struct pv_bus pv_pci_bus = {
	.pb_name = "pci",
	.pb_kind = PV_BUS_PCI,
	.pb_enumerate = pv_pci_enumerate,
	.pb_ident = pv_pci_ident,
	.pb_resources = pv_pci_resources,
};
PV_BUS(pv_pci_bus);
#endif /* !JINY_HOST */
