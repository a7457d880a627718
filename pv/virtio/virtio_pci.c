/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The virtio-pci modern transport (see virtio_pci.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/pci_cfg.h>
#include <arch/x86_64/include/timer_hw.h>
#include <pv/common/pv_env.h>
#include <pv/virtio/virtio_pci.h>
#include <kernel/log/printk.h>

/* struct virtio_pci_common_cfg */
#define VC_DFSELECT	0x00
#define VC_DF		0x04
#define VC_GFSELECT	0x08
#define VC_GF		0x0c
#define VC_MSIX		0x10
#define VC_NUMQ		0x12
#define VC_STATUS	0x14
#define VC_GENERATION	0x15
#define VC_Q_SELECT	0x16
#define VC_Q_SIZE	0x18
#define VC_Q_MSIX	0x1a
#define VC_Q_ENABLE	0x1c
#define VC_Q_NOFF	0x1e
#define VC_Q_DESCLO	0x20
#define VC_Q_DESCHI	0x24
#define VC_Q_AVAILLO	0x28
#define VC_Q_AVAILHI	0x2c
#define VC_Q_USEDLO	0x30
#define VC_Q_USEDHI	0x34

#define PCI_COMMAND		0x04
#define PCI_COMMAND_MEM		0x0002
#define PCI_COMMAND_MASTER	0x0004
#define PCI_COMMAND_INTX_OFF	0x0400
#define MSIX_CTL_ENABLE		0x8000
#define MSIX_CTL_MASKALL	0x4000

static inline uint8_t
vp_rd8(volatile uint8_t *b, unsigned int off)
{
	return *(volatile uint8_t *)(b + off);
}

static inline uint16_t
vp_rd16(volatile uint8_t *b, unsigned int off)
{
	return *(volatile uint16_t *)(void *)(b + off);
}

static inline uint32_t
vp_rd32(volatile uint8_t *b, unsigned int off)
{
	return *(volatile uint32_t *)(void *)(b + off);
}

static inline void
vp_wr8(volatile uint8_t *b, unsigned int off, uint8_t v)
{
	*(volatile uint8_t *)(b + off) = v;
}

static inline void
vp_wr16(volatile uint8_t *b, unsigned int off, uint16_t v)
{
	*(volatile uint16_t *)(void *)(b + off) = v;
}

static inline void
vp_wr32(volatile uint8_t *b, unsigned int off, uint32_t v)
{
	*(volatile uint32_t *)(void *)(b + off) = v;
}

static uint32_t
vp_cfg_rd(void *ctx, unsigned int off, unsigned int width)
{
	return pci_cfg_read(*(const struct pci_addr *)ctx, off, width);
}

/* Map memory BAR bar whole (once); NULL when it cannot be. */
static volatile uint8_t *
vp_map_bar(struct virtio_pci *vp, unsigned int bar)
{
	const struct pv_pci_bar *b = &vp->vp_dev->dv_pci.pi_bars[bar];

	if (vp->vp_bar[bar] != NULL)
		return vp->vp_bar[bar];
	if (b->pb_size == 0 || (b->pb_flags & PV_BAR_IO) || b->pb_addr == 0 ||
	    b->pb_size > VIRTIO_PCI_MAPPED_MAX)
		return NULL;
	vp->vp_bar[bar] = paging_map_mmio(b->pb_addr, (size_t)b->pb_size);
	return vp->vp_bar[bar];
}

static volatile uint8_t *
vp_map_region(struct virtio_pci *vp, const struct virtio_pci_region *r)
{
	volatile uint8_t *b;

	if (r->vr_len == 0 || (b = vp_map_bar(vp, r->vr_bar)) == NULL)
		return NULL;
	return b + r->vr_off;	/* inside the BAR: virtio_pci_caps_parse */
}

static void
vp_set_status(struct virtio_pci *vp, uint8_t bits)
{
	vp_wr8(vp->vp_common, VC_STATUS,
	    (uint8_t)(vp_rd8(vp->vp_common, VC_STATUS) | bits));
}

uint8_t
virtio_pci_status(struct virtio_pci *vp)
{
	return vp_rd8(vp->vp_common, VC_STATUS);
}

void
virtio_pci_fail(struct virtio_pci *vp)
{
	vp_set_status(vp, VIRTIO_S_FAILED);
}

/* Write 0 and wait for the device to read back 0 (bounded). */
static int
vp_reset(struct virtio_pci *vp)
{
	vp_wr8(vp->vp_common, VC_STATUS, 0);
	for (unsigned int i = 0; i < 1000000; i++) {
		if (vp_rd8(vp->vp_common, VC_STATUS) == 0)
			return 0;
		cpu_relax();
	}
	return -EIO;
}

int
virtio_pci_init(struct virtio_pci *vp, struct pv_dev *d)
{
	const struct pv_pci_info *pi = &d->dv_pci;
	uint16_t cmd;
	int error;

	memset(vp, 0, sizeof(*vp));
	for (unsigned int i = 0; i < ARRAY_SIZE(vp->vp_vectors); i++)
		vp->vp_vectors[i] = -1;
	vp->vp_dev = d;
	vp->vp_addr = (struct pci_addr){ pi->pi_bus, pi->pi_dev, pi->pi_fn };
	error = virtio_pci_caps_parse(vp_cfg_rd, &vp->vp_addr, pi,
	    &vp->vp_layout);
	if (error != 0) {
		pr_warn("virtio %s: no usable common, notify and ISR "
		    "structures (%u refused): not a modern device\n",
		    d->dv_name, vp->vp_layout.vl_skipped);
		return -ENODEV;
	}
	vp->vp_common = vp_map_region(vp, &vp->vp_layout.vl_common);
	vp->vp_notify = vp_map_region(vp, &vp->vp_layout.vl_notify);
	vp->vp_isr = vp_map_region(vp, &vp->vp_layout.vl_isr);
	vp->vp_device = vp_map_region(vp, &vp->vp_layout.vl_device);
	if (vp->vp_common == NULL || vp->vp_notify == NULL ||
	    vp->vp_isr == NULL) {
		pr_warn("virtio %s: cannot map its BARs\n", d->dv_name);
		return -ENOMEM;
	}
	cmd = (uint16_t)pci_cfg_read(vp->vp_addr, PCI_COMMAND, 2);
	pci_cfg_write(vp->vp_addr, PCI_COMMAND, 2,
	    cmd | PCI_COMMAND_MEM | PCI_COMMAND_MASTER);
	if (vp_reset(vp) != 0) {
		pr_warn("virtio %s: does not come out of reset\n", d->dv_name);
		return -ENODEV;
	}
	vp_set_status(vp, VIRTIO_S_ACKNOWLEDGE);
	vp_set_status(vp, VIRTIO_S_DRIVER);
	return 0;
}

int
virtio_pci_negotiate(struct virtio_pci *vp, uint64_t wanted)
{
	volatile uint8_t *c = vp->vp_common;
	uint64_t dev, drv;

	vp_wr32(c, VC_DFSELECT, 0);
	dev = vp_rd32(c, VC_DF);
	vp_wr32(c, VC_DFSELECT, 1);
	dev |= (uint64_t)vp_rd32(c, VC_DF) << 32;
	if (!((dev >> VIRTIO_F_VERSION_1) & 1)) {
		pr_warn("virtio %s: device does not offer VIRTIO_F_VERSION_1 "
		    "(features 0x%lx): refused, legacy devices are not "
		    "supported\n", vp->vp_dev->dv_name, dev);
		virtio_pci_fail(vp);
		return -ENODEV;
	}
	drv = (dev & wanted) | (1ULL << VIRTIO_F_VERSION_1);
	vp_wr32(c, VC_GFSELECT, 0);
	vp_wr32(c, VC_GF, (uint32_t)drv);
	vp_wr32(c, VC_GFSELECT, 1);
	vp_wr32(c, VC_GF, (uint32_t)(drv >> 32));
	vp_set_status(vp, VIRTIO_S_FEATURES_OK);
	if (!(virtio_pci_status(vp) & VIRTIO_S_FEATURES_OK)) {
		pr_warn("virtio %s: device refused features 0x%lx\n",
		    vp->vp_dev->dv_name, drv);
		virtio_pci_fail(vp);
		return -ENODEV;
	}
	vp->vp_features = drv;
	return 0;
}

int
virtio_pci_queue_setup(struct virtio_pci *vp, unsigned int index,
    unsigned int max, uint16_t msix, struct virtq *vq)
{
	volatile uint8_t *c = vp->vp_common;
	unsigned int dsize, size;
	uint32_t noff;
	uint64_t pa;
	size_t bytes;
	void *mem;

	if (index >= vp_rd16(c, VC_NUMQ) || index >= ARRAY_SIZE(vp->vp_qmem) ||
	    vp->vp_qmem[index] != NULL)
		return -ENODEV;
	vp_wr16(c, VC_Q_SELECT, (uint16_t)index);
	dsize = vp_rd16(c, VC_Q_SIZE);
	if (dsize == 0 || vp_rd16(c, VC_Q_ENABLE) != 0)
		return -ENODEV;
	size = MIN(MIN(dsize, max), (unsigned int)VIRTQ_SIZE_MAX);
	while (size & (size - 1))
		size &= size - 1;	/* down to a power of two */
	if (!virtio_pci_notify_off(&vp->vp_layout, vp_rd16(c, VC_Q_NOFF),
	    &noff)) {
		pr_warn("virtio %s: queue %u's doorbell lies outside the "
		    "notify structure\n", vp->vp_dev->dv_name, index);
		return -ENODEV;
	}
	bytes = virtq_mem_size(size, NULL, NULL);
	if ((mem = pv_dma_alloc(bytes, &pa)) == NULL)
		return -ENOMEM;
	(void)virtq_init(vq, index, size, mem, pa,
	    virtio_pci_has(vp, VIRTIO_F_RING_EVENT_IDX));
	vq->vq_notify_off = noff;
	vp_wr16(c, VC_Q_SIZE, (uint16_t)size);
	vp_wr32(c, VC_Q_DESCLO, (uint32_t)vq->vq_desc_pa);
	vp_wr32(c, VC_Q_DESCHI, (uint32_t)(vq->vq_desc_pa >> 32));
	vp_wr32(c, VC_Q_AVAILLO, (uint32_t)vq->vq_avail_pa);
	vp_wr32(c, VC_Q_AVAILHI, (uint32_t)(vq->vq_avail_pa >> 32));
	vp_wr32(c, VC_Q_USEDLO, (uint32_t)vq->vq_used_pa);
	vp_wr32(c, VC_Q_USEDHI, (uint32_t)(vq->vq_used_pa >> 32));
	vp_wr16(c, VC_Q_MSIX, msix);
	if (vp_rd16(c, VC_Q_MSIX) != msix) {
		pr_warn("virtio %s: queue %u refused MSI-X entry %u\n",
		    vp->vp_dev->dv_name, index, msix);
		vp_wr16(c, VC_Q_MSIX, VIRTIO_MSI_NO_VECTOR);
		pv_dma_free(mem, bytes);
		return -EIO;
	}
	vp_wr16(c, VC_Q_ENABLE, 1);
	vp->vp_qmem[index] = mem;
	vp->vp_qbytes[index] = bytes;
	return 0;
}

void
virtio_pci_teardown(struct virtio_pci *vp)
{
	const struct pv_pci_msix *m = &vp->vp_dev->dv_pci.pi_msix;

	if (vp->vp_common != NULL)
		(void)vp_reset(vp);	/* the device lets go of our memory */
	if (vp->vp_msix_table != NULL) {
		uint16_t ctl = (uint16_t)pci_cfg_read(vp->vp_addr,
		    m->pm_cap + 2, 2);

		pci_cfg_write(vp->vp_addr, m->pm_cap + 2, 2,
		    ctl & ~MSIX_CTL_ENABLE);
		vp->vp_msix_table = NULL;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(vp->vp_vectors); i++)
		if (vp->vp_vectors[i] >= 0) {
			trap_vector_free((unsigned int)vp->vp_vectors[i]);
			vp->vp_vectors[i] = -1;
		}
	for (unsigned int i = 0; i < ARRAY_SIZE(vp->vp_qmem); i++)
		if (vp->vp_qmem[i] != NULL) {
			pv_dma_free(vp->vp_qmem[i], vp->vp_qbytes[i]);
			vp->vp_qmem[i] = NULL;
		}
}

void
virtio_pci_notify(struct virtio_pci *vp, const struct virtq *vq)
{
	vp_wr16(vp->vp_notify, vq->vq_notify_off, vq->vq_index);
}

void
virtio_pci_driver_ok(struct virtio_pci *vp)
{
	vp_set_status(vp, VIRTIO_S_DRIVER_OK);
}

int
virtio_pci_config(struct virtio_pci *vp, unsigned int off, void *buf,
    unsigned int len)
{
	uint8_t *out = buf;

	if (vp->vp_device == NULL || len > 16 ||
	    (uint64_t)off + len > vp->vp_layout.vl_device.vr_len)
		return -EINVAL;
	for (unsigned int tries = 0; tries < 16; tries++) {
		uint8_t gen = vp_rd8(vp->vp_common, VC_GENERATION);

		if (len == 2 && off % 2 == 0) {
			uint16_t v = vp_rd16(vp->vp_device, off);

			memcpy(out, &v, 2);
		} else if (len == 4 && off % 4 == 0) {
			uint32_t v = vp_rd32(vp->vp_device, off);

			memcpy(out, &v, 4);
		} else {
			for (unsigned int i = 0; i < len; i++)
				out[i] = vp_rd8(vp->vp_device, off + i);
		}
		if (vp_rd8(vp->vp_common, VC_GENERATION) == gen)
			return 0;
	}
	return -EIO;
}

int
virtio_pci_config_write32(struct virtio_pci *vp, unsigned int off,
    uint32_t v)
{
	if (vp->vp_device == NULL || off % 4 != 0 ||
	    (uint64_t)off + 4 > vp->vp_layout.vl_device.vr_len)
		return -EINVAL;
	vp_wr32(vp->vp_device, off, v);
	return 0;
}

uint8_t
virtio_pci_isr(struct virtio_pci *vp)
{
	return vp_rd8(vp->vp_isr, 0);	/* reading clears it */
}

int
virtio_pci_msix_setup(struct virtio_pci *vp, unsigned int n,
    trap_irq_fn const *fn, void *arg, const char *const *names)
{
	const struct pv_pci_msix *m = &vp->vp_dev->dv_pci.pi_msix;
	volatile uint8_t *bar;
	uint16_t ctl, cmd;
	uint32_t apic = lapic_id();

	if (m->pm_size < n || n > ARRAY_SIZE(vp->vp_vectors) || apic > 0xff)
		return -ENODEV;
	if ((bar = vp_map_bar(vp, m->pm_table_bar)) == NULL)
		return -ENODEV;
	vp->vp_msix_table = (volatile uint32_t *)(void *)
	    (bar + m->pm_table_off);	/* inside the BAR: pv_pci.c */
	for (unsigned int i = 0; i < n; i++) {
		int v = trap_vector_alloc(fn[i], arg, names[i]);

		if (v < 0) {
			for (unsigned int j = 0; j < i; j++) {
				trap_vector_free((unsigned int)vp->vp_vectors[j]);
				vp->vp_vectors[j] = -1;
			}
			vp->vp_msix_table = NULL;
			return v;
		}
		vp->vp_vectors[i] = v;
	}
	/* Masked as a whole while the entries are written. */
	ctl = (uint16_t)pci_cfg_read(vp->vp_addr, m->pm_cap + 2, 2);
	pci_cfg_write(vp->vp_addr, m->pm_cap + 2, 2,
	    ctl | MSIX_CTL_ENABLE | MSIX_CTL_MASKALL);
	for (unsigned int i = 0; i < n; i++) {
		volatile uint32_t *e = vp->vp_msix_table + 4 * i;

		e[0] = 0xfee00000u | (apic << 12);	/* fixed, physical */
		e[1] = 0;
		e[2] = (uint32_t)vp->vp_vectors[i];	/* edge */
		e[3] = 0;				/* unmasked */
	}
	pci_cfg_write(vp->vp_addr, m->pm_cap + 2, 2,
	    (ctl | MSIX_CTL_ENABLE) & ~MSIX_CTL_MASKALL);
	cmd = (uint16_t)pci_cfg_read(vp->vp_addr, PCI_COMMAND, 2);
	pci_cfg_write(vp->vp_addr, PCI_COMMAND, 2, cmd | PCI_COMMAND_INTX_OFF);
	vp->vp_msix_n = n;
	/* The configuration-change interrupt: entry 0. */
	vp_wr16(vp->vp_common, VC_MSIX, 0);
	if (vp_rd16(vp->vp_common, VC_MSIX) != 0)
		pr_warn("virtio %s: device refused MSI-X entry 0 for "
		    "configuration changes\n", vp->vp_dev->dv_name);
	return 0;
}
