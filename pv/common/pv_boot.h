/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The PVH boot door's information block (struct hvm_start_info, defined by
 * Xen's public headers and also produced by QEMU's -kernel loader).  The
 * parser lives in pv/xen because the ABI is Xen's; it is built into every
 * image, since QEMU uses the same door.
 */
#ifndef PV_COMMON_PV_BOOT_H
#define PV_COMMON_PV_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include <lib/boot_info.h>

/*
 * Returns a pointer through which len bytes at physical address pa can be
 * read, or NULL when that range is not accessible.
 */
typedef const void *(*pv_boot_map_fn)(uint64_t pa, size_t len);

/*
 * Parse the start-info block at physical address pa into bi.  Returns 0,
 * -EINVAL for a bad magic or a structure pointing outside accessible
 * memory, -ENOENT when the block carries no memory map (version 0) and
 * the hypervisor offers none either.
 */
int	pv_boot_pvh_parse(uint64_t pa, pv_boot_map_fn map, struct boot_info *bi);

#endif /* PV_COMMON_PV_BOOT_H */
