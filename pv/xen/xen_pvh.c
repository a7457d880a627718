/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Parser for struct hvm_start_info, the PVH door's boot information
 * (xen/include/public/arch-x86/hvm/start_info.h).  Xen's toolstack and
 * QEMU's -kernel loader both hand it over in %ebx.  Version 1 carries the
 * memory map; for version 0 on Xen, XENMEM_memory_map supplies it
 * (xen_hv.c).  All pointers inside the block are checked before use.
 */
#include <stdint.h>

#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>

#include <lib/boot_info.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <pv/common/pv_boot.h>

#include "xen_hv.h"

static uint32_t
xen_pvh_mem_type(uint32_t t)
{
	switch (t) {
	case XEN_HVM_MEMMAP_TYPE_RAM: return BOOT_MEM_RAM;
	case XEN_HVM_MEMMAP_TYPE_ACPI: return BOOT_MEM_ACPI;
	case XEN_HVM_MEMMAP_TYPE_NVS: return BOOT_MEM_NVS;
	case XEN_HVM_MEMMAP_TYPE_UNUSABLE: return BOOT_MEM_UNUSABLE;
	default: return BOOT_MEM_RESERVED;
	}
}

/*
 * A string of at most max bytes (NUL excluded) at pa, or NULL when any
 * byte of it is out of reach.  Each byte is checked on its own: the string
 * may end just before a hole in the address space.
 */
static const char *
xen_pvh_string(uint64_t pa, size_t max, pv_boot_map_fn map, size_t *lenp)
{
	const char *c;
	size_t n;

	for (n = 0; n < max; n++) {
		if ((c = map(pa + n, 1)) == NULL)
			return NULL;
		if (*c == '\0')
			break;
	}
	*lenp = n;
	return map(pa, n > 0 ? n : 1);
}

int
pv_boot_pvh_parse(uint64_t pa, pv_boot_map_fn map, struct boot_info *bi)
{
	const struct hvm_start_info *si;
	const struct hvm_memmap_table_entry *mm;
	const struct hvm_modlist_entry *mods;
	const char *s;
	size_t len;

	si = map(pa, offsetof(struct hvm_start_info, memmap_paddr));
	if (si == NULL || si->magic != XEN_HVM_START_MAGIC_VALUE)
		return -EINVAL;
	bi->bi_start_info = pa;
	bi->bi_rsdp = si->rsdp_paddr;

	if (si->cmdline_paddr != 0) {
		s = xen_pvh_string(si->cmdline_paddr, BOOT_CMDLINE_MAX, map,
		    &len);
		if (s == NULL)
			return -EINVAL;
		boot_info_set_cmdline(bi, s, len);
	}

	if (si->nr_modules > BOOT_MOD_MAX)
		return -EINVAL;
	if (si->nr_modules > 0) {
		mods = map(si->modlist_paddr, si->nr_modules * sizeof(*mods));
		if (mods == NULL)
			return -EINVAL;
		for (uint32_t i = 0; i < si->nr_modules; i++) {
			const char *ml = NULL;

			len = 0;
			if (mods[i].cmdline_paddr != 0) {
				ml = xen_pvh_string(mods[i].cmdline_paddr,
				    BOOT_MODLINE_MAX, map, &len);
				if (ml == NULL)
					return -EINVAL;
			}
			if (boot_info_add_module(bi, mods[i].paddr,
			    mods[i].size, ml, len) != 0)
				return -EINVAL;
		}
	}

	if (si->version >= 1) {
		si = map(pa, sizeof(*si));
		if (si == NULL)
			return -EINVAL;
	}
	if (si->version >= 1 && si->memmap_entries > 0) {
		if (si->memmap_entries > BOOT_MEM_MAX)
			return -EINVAL;
		mm = map(si->memmap_paddr, si->memmap_entries * sizeof(*mm));
		if (mm == NULL)
			return -EINVAL;
		for (uint32_t i = 0; i < si->memmap_entries; i++)
			if (boot_info_add_mem(bi, mm[i].addr, mm[i].size,
			    xen_pvh_mem_type(mm[i].type)) != 0)
				return -EINVAL;
		return 0;
	}
	return xen_hv_memory_map(bi);
}
