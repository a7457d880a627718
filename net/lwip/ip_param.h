/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel command line's ip= (ip_param.c; pure, host-tested): how the
 * network device's interface gets its IPv4 address.
 *	ip=dhcp				  ask a DHCP server
 *	ip=ADDR/PREFIX			  static, no gateway
 *	ip=ADDR/PREFIX:GATEWAY		  static, default route by GATEWAY
 *	ip=off (or ip=none)		  no address (the link only)
 * No ip= at all means DHCP when there is a device (net_lwip.c).
 * Addresses are four decimal octets (0 to 255, no leading zeros, which
 * other parsers read as octal); the prefix 1 to 32.  The address may not
 * be in 0/8 ("this network"), loopback, multicast or reserved (240/4),
 * nor its subnet's network or broadcast address; the gateway obeys the
 * same rules, lies in the address's subnet and differs from it.
 */
#ifndef NET_LWIP_IP_PARAM_H
#define NET_LWIP_IP_PARAM_H

#include <stdint.h>

enum ip_param_mode {
	IP_PARAM_DHCP,
	IP_PARAM_STATIC,
	IP_PARAM_OFF,
};

struct ip_param {
	enum ip_param_mode	ip_mode;
	uint32_t		ip_addr;	/* host byte order */
	uint32_t		ip_mask;	/* from the prefix */
	uint32_t		ip_gw;		/* 0: no gateway */
	unsigned int		ip_prefix;
};

/* Parse an ip= value into *out: 0, or -EINVAL (then *out is unchanged). */
int	ip_param_parse(const char *s, struct ip_param *out);

/*
 * Parse a dotted quad ending at end (or at the string's end): 0 and
 * *addr, or -EINVAL.
 */
int	ip_param_quad(const char *s, const char *end, uint32_t *addr);

#endif /* NET_LWIP_IP_PARAM_H */
