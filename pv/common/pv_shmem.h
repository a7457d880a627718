/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The shared-memory class, as its callers (HFS: host files over shared
 * memory) see it: a named region of memory shared with the host, mapped
 * in the kernel, and a doorbell to ring the peer.  Drivers (ivshmem;
 * grant-mapped pages on Xen) plug in through pv_shmem_drv.h.
 */
#ifndef PV_COMMON_PV_SHMEM_H
#define PV_COMMON_PV_SHMEM_H

#include <stddef.h>
#include <stdint.h>

struct pv_shmem;

/* The unit-th region ("shm<unit>"), or NULL. */
struct pv_shmem *pv_shmem_get(unsigned int unit);
unsigned int pv_shmem_count(void);
const char *pv_shmem_name(const struct pv_shmem *s);

/* Size in bytes of the region. */
size_t	pv_shmem_size(const struct pv_shmem *s);

/*
 * The kernel address of [off, off + len) inside the region, or NULL when
 * that range does not lie inside it.  The host may change the bytes at
 * any time: read each shared field once.
 */
volatile void *pv_shmem_at(struct pv_shmem *s, size_t off, size_t len);

/*
 * Ring peer's doorbell with value: 0, -ENOTSUP (the region has none),
 * or the driver's -errno.
 */
int	pv_shmem_notify(struct pv_shmem *s, uint32_t peer, uint32_t value);

#endif /* PV_COMMON_PV_SHMEM_H */
