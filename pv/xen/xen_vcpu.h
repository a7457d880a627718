/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Following xl vcpu-set (xen_vcpu.c). */
#ifndef PV_XEN_XEN_VCPU_H
#define PV_XEN_XEN_VCPU_H

/* Start the thread watching cpu/N/availability: 0 or -errno. */
int	xen_vcpu_watch_start(void);

#endif /* PV_XEN_XEN_VCPU_H */
