/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The driver registry walk (see pv_driver.h). */
#include <kernel/printk.h>
#include <pv/common/pv_driver.h>
#include <pv/common/pv_hv.h>

extern const struct pv_driver *const __start_pv_drivers[], *const __stop_pv_drivers[];

unsigned int
pv_driver_count(void)
{
	return (unsigned int)(__stop_pv_drivers - __start_pv_drivers);
}

int
pv_probe(void)
{
	int total = 0;

	for (const struct pv_driver *const *d = __start_pv_drivers;
	    d < __stop_pv_drivers; d++) {
		int n;

		if ((*d)->pd_hv != pv_hv_type())
			continue;
		if ((n = (*d)->pd_probe(*d)) < 0) {
			pr_err("%s: probe failed: %d\n", (*d)->pd_name, n);
			continue;
		}
		total += n;
	}
	return total;
}
