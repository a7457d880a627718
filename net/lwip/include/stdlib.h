/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * lwIP's sources include <stdlib.h> for atoi (netif_find's unit number
 * in "en0") and malloc, which lwipopts.h maps to kmalloc.  Only atoi is
 * needed here: a decimal prefix, as the C library's.
 */
#ifndef NET_LWIP_INCLUDE_STDLIB_H
#define NET_LWIP_INCLUDE_STDLIB_H

static inline int
lwip_jiny_atoi(const char *s)
{
	int v = 0;

	while (*s >= '0' && *s <= '9' && v < 100000000)
		v = v * 10 + (*s++ - '0');
	return v;
}
#define atoi(s)	lwip_jiny_atoi(s)

#endif /* NET_LWIP_INCLUDE_STDLIB_H */
