/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Registers the kernel's services for pv/ drivers (pv_env.h). */
#ifndef KERNEL_PV_ENV_KERNEL_H
#define KERNEL_PV_ENV_KERNEL_H

/* Once the scheduler runs, before pv_probe. */
void	kernel_pv_env_init(void);

#endif /* KERNEL_PV_ENV_KERNEL_H */
