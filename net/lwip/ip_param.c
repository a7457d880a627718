/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The kernel command line's ip= (see ip_param.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <net/lwip/ip_param.h>

/*
 * A decimal number of at most maxdig digits, no leading zero (but "0"),
 * from *sp; advances *sp.  false if there is none.
 */
static bool
ip_param_num(const char **sp, const char *end, unsigned int maxdig,
    unsigned int *v)
{
	const char *s = *sp;
	unsigned int n = 0, d = 0;

	while (s < end && *s >= '0' && *s <= '9') {
		if (d == maxdig || (d == 1 && n == 0))
			return false;
		n = n * 10 + (unsigned int)(*s++ - '0');
		d++;
	}
	if (d == 0)
		return false;
	*sp = s;
	*v = n;
	return true;
}

int
ip_param_quad(const char *s, const char *end, uint32_t *addr)
{
	uint32_t a = 0;

	if (end == NULL)
		end = s + strlen(s);
	for (int i = 0; i < 4; i++) {
		unsigned int o;

		if (i > 0 && (s >= end || *s++ != '.'))
			return -EINVAL;
		if (!ip_param_num(&s, end, 3, &o) || o > 255)
			return -EINVAL;
		a = a << 8 | o;
	}
	if (s != end)
		return -EINVAL;
	*addr = a;
	return 0;
}

/* A host address usable in the subnet of mask. */
static bool
ip_param_host_ok(uint32_t a, uint32_t mask)
{
	uint32_t top = a >> 24;

	if (top == 0 || top == 127 || top >= 224)
		return false;	/* this network, loopback, multicast, reserved */
	/* Point-to-point /31 and host /32 have no network or broadcast. */
	if (mask < 0xfffffffe &&
	    ((a & ~mask) == 0 || (a & ~mask) == ~mask))
		return false;
	return true;
}

int
ip_param_parse(const char *s, struct ip_param *out)
{
	struct ip_param p = { .ip_mode = IP_PARAM_STATIC };
	const char *slash, *colon, *end;
	unsigned int prefix;

	if (s == NULL)
		return -EINVAL;
	if (strcmp(s, "dhcp") == 0) {
		*out = (struct ip_param){ .ip_mode = IP_PARAM_DHCP };
		return 0;
	}
	if (strcmp(s, "off") == 0 || strcmp(s, "none") == 0) {
		*out = (struct ip_param){ .ip_mode = IP_PARAM_OFF };
		return 0;
	}
	end = s + strlen(s);
	slash = memchr(s, '/', (size_t)(end - s));
	if (slash == NULL || ip_param_quad(s, slash, &p.ip_addr) != 0)
		return -EINVAL;
	colon = memchr(slash, ':', (size_t)(end - slash));
	const char *pe = colon != NULL ? colon : end, *ps = slash + 1;

	if (!ip_param_num(&ps, pe, 2, &prefix) || ps != pe || prefix < 1 ||
	    prefix > 32)
		return -EINVAL;
	p.ip_prefix = prefix;
	p.ip_mask = (uint32_t)(0xffffffffull << (32 - prefix));
	if (!ip_param_host_ok(p.ip_addr, p.ip_mask))
		return -EINVAL;
	if (colon != NULL) {
		if (ip_param_quad(colon + 1, end, &p.ip_gw) != 0 ||
		    !ip_param_host_ok(p.ip_gw, p.ip_mask) ||
		    p.ip_gw == p.ip_addr ||
		    (p.ip_gw & p.ip_mask) != (p.ip_addr & p.ip_mask))
			return -EINVAL;
	}
	*out = p;
	return 0;
}
