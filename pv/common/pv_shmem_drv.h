/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The shared-memory class, as its drivers see it: embed a struct
 * pv_shmem, map the region, set its base, size and ops, register it.
 */
#ifndef PV_COMMON_PV_SHMEM_DRV_H
#define PV_COMMON_PV_SHMEM_DRV_H

#include <pv/common/pv_class.h>
#include <pv/common/pv_shmem.h>

struct pv_shmem_ops {
	/* Ring the doorbell (optional: NULL when the device has none). */
	int	(*so_notify)(struct pv_shmem *, uint32_t peer, uint32_t value);
};

struct pv_shmem {
	struct pv_class_inst	   s_inst;
	const struct pv_shmem_ops *s_ops;
	volatile void		  *s_base;	/* mapped by the driver */
	size_t			   s_size;
	void			  *s_softc;
};

int	pv_shmem_register(struct pv_shmem *s, struct pv_dev *dev);
void	pv_shmem_unregister(struct pv_shmem *s);

#endif /* PV_COMMON_PV_SHMEM_DRV_H */
