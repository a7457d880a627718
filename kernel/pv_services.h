/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The kernel's services to pv/ drivers (pv/common/pv_sys.h), installed by kmain. */
#ifndef KERNEL_PV_SERVICES_H
#define KERNEL_PV_SERVICES_H

/* Install them; call after sched_init and before pv_probe. */
void	pv_services_install(void);

#endif /* KERNEL_PV_SERVICES_H */
