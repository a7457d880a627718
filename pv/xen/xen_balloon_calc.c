/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Xen's balloon target (xen_balloon_calc.h). */
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>

#include "xen_balloon_calc.h"
#include "xen_store_parse.h"

int
xen_balloon_pages(const char *s, size_t len, uint64_t base_kb,
    uint64_t *pages)
{
	uint32_t kb;
	int error;

	if ((error = xs_parse_uint(s, len, UINT32_MAX, &kb)) != 0)
		return error;
	*pages = kb >= base_kb ? 0 : (base_kb - kb) / 4;
	return 0;
}
