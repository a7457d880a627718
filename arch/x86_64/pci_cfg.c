/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * PCI configuration space access (see pci_cfg.h).  ECAM windows are
 * mapped a bus (1 MiB) at a time, on first use, uncached.
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/acpi.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/pci_cfg.h>
#include <arch/x86_64/include/spinlock.h>
#include <kernel/log/printk.h>

#define PCI_CFG_ADDR	0xcf8
#define PCI_CFG_DATA	0xcfc

enum pci_cfg_method { PCI_CFG_NONE, PCI_CFG_PORT, PCI_CFG_ECAM };

static enum pci_cfg_method pci_cfg_method;
static uint64_t pci_ecam_base;
static uint8_t pci_ecam_first, pci_ecam_last;
static volatile uint8_t *pci_ecam_bus[256];	/* mapped windows */
/* Ports 0xcf8/0xcfc are a pair: one access at a time. */
static struct spinlock pci_cfg_lock;

/* Mechanism #1 answers if its address register keeps what we write. */
static bool
pci_cfg_port_present(void)
{
	uint32_t saved = inl(PCI_CFG_ADDR);
	bool ok;

	outl(PCI_CFG_ADDR, 0x80000000);
	ok = inl(PCI_CFG_ADDR) == 0x80000000;
	outl(PCI_CFG_ADDR, saved);
	return ok;
}

bool
pci_cfg_init(const char **method)
{
	if (acpi_mcfg_ecam(&pci_ecam_base, &pci_ecam_first,
	    &pci_ecam_last) == 0) {
		pci_cfg_method = PCI_CFG_ECAM;
		*method = "ecam";
		return true;
	}
	if (pci_cfg_port_present()) {
		pci_cfg_method = PCI_CFG_PORT;
		*method = "port";
		return true;
	}
	pci_cfg_method = PCI_CFG_NONE;
	*method = "none";
	return false;
}

unsigned int
pci_cfg_size(void)
{
	return pci_cfg_method == PCI_CFG_ECAM ? 4096 : 256;
}

/* The function's 4 KiB in the ECAM window, or NULL (no such bus). */
static volatile uint8_t *
pci_ecam_fn(struct pci_addr a)
{
	volatile uint8_t *w;

	if (a.pa_bus < pci_ecam_first || a.pa_bus > pci_ecam_last)
		return NULL;
	if ((w = pci_ecam_bus[a.pa_bus]) == NULL) {
		w = paging_map_mmio(pci_ecam_base +
		    ((uint64_t)(a.pa_bus - pci_ecam_first) << 20), 1u << 20);
		if (w == NULL) {
			pr_err("pci: cannot map the ECAM window of bus %u\n",
			    a.pa_bus);
			return NULL;
		}
		pci_ecam_bus[a.pa_bus] = w;
	}
	return w + ((uint32_t)a.pa_dev << 15) + ((uint32_t)a.pa_fn << 12);
}

static bool
pci_cfg_ok(struct pci_addr a, unsigned int off, unsigned int width)
{
	return a.pa_dev < 32 && a.pa_fn < 8 &&
	    (width == 1 || width == 2 || width == 4) && (off & (width - 1)) == 0 &&
	    off + width <= pci_cfg_size() && pci_cfg_method != PCI_CFG_NONE;
}

uint32_t
pci_cfg_read(struct pci_addr a, unsigned int off, unsigned int width)
{
	uint32_t v = 0xffffffff;
	bool on;

	if (!pci_cfg_ok(a, off, width))
		return width == 4 ? v : v & ((1u << (width * 8)) - 1);
	on = spin_lock_irqsave(&pci_cfg_lock);
	if (pci_cfg_method == PCI_CFG_ECAM) {
		volatile uint8_t *f = pci_ecam_fn(a);

		if (f != NULL)
			v = width == 1 ? f[off] : width == 2 ?
			    *(volatile uint16_t *)(f + off) :
			    *(volatile uint32_t *)(f + off);
		else if (width != 4)
			v &= (1u << (width * 8)) - 1;
	} else {
		outl(PCI_CFG_ADDR, 0x80000000 | (uint32_t)a.pa_bus << 16 |
		    (uint32_t)a.pa_dev << 11 | (uint32_t)a.pa_fn << 8 |
		    (off & 0xfc));
		v = width == 1 ? inb(PCI_CFG_DATA + (off & 3)) :
		    width == 2 ? inw(PCI_CFG_DATA + (off & 2)) :
		    inl(PCI_CFG_DATA);
	}
	spin_unlock_irqrestore(&pci_cfg_lock, on);
	return v;
}

void
pci_cfg_write(struct pci_addr a, unsigned int off, unsigned int width,
    uint32_t val)
{
	bool on;

	if (!pci_cfg_ok(a, off, width))
		return;
	on = spin_lock_irqsave(&pci_cfg_lock);
	if (pci_cfg_method == PCI_CFG_ECAM) {
		volatile uint8_t *f = pci_ecam_fn(a);

		if (f != NULL) {
			if (width == 1)
				f[off] = (uint8_t)val;
			else if (width == 2)
				*(volatile uint16_t *)(f + off) = (uint16_t)val;
			else
				*(volatile uint32_t *)(f + off) = val;
		}
	} else {
		outl(PCI_CFG_ADDR, 0x80000000 | (uint32_t)a.pa_bus << 16 |
		    (uint32_t)a.pa_dev << 11 | (uint32_t)a.pa_fn << 8 |
		    (off & 0xfc));
		if (width == 1)
			outb(PCI_CFG_DATA + (off & 3), (uint8_t)val);
		else if (width == 2)
			outw(PCI_CFG_DATA + (off & 2), (uint16_t)val);
		else
			outl(PCI_CFG_DATA, val);
	}
	spin_unlock_irqrestore(&pci_cfg_lock, on);
}
