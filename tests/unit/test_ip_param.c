/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the command line's ip= parser (net/lwip/ip_param.c). */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <net/lwip/ip_param.h>

#include "ut.h"

#define Q(a, b, c, d)	((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

UT_TEST(ip_param_modes)
{
	struct ip_param p;

	UT_ASSERT_EQ(ip_param_parse("dhcp", &p), 0);
	UT_ASSERT_EQ(p.ip_mode, IP_PARAM_DHCP);
	UT_ASSERT_EQ(ip_param_parse("off", &p), 0);
	UT_ASSERT_EQ(p.ip_mode, IP_PARAM_OFF);
	UT_ASSERT_EQ(ip_param_parse("none", &p), 0);
	UT_ASSERT_EQ(p.ip_mode, IP_PARAM_OFF);
}

UT_TEST(ip_param_static)
{
	struct ip_param p;

	UT_ASSERT_EQ(ip_param_parse("10.0.2.15/24:10.0.2.2", &p), 0);
	UT_ASSERT_EQ(p.ip_mode, IP_PARAM_STATIC);
	UT_ASSERT_EQ(p.ip_addr, Q(10, 0, 2, 15));
	UT_ASSERT_EQ(p.ip_prefix, 24);
	UT_ASSERT_EQ(p.ip_mask, Q(255, 255, 255, 0));
	UT_ASSERT_EQ(p.ip_gw, Q(10, 0, 2, 2));
	UT_ASSERT_EQ(ip_param_parse("192.168.1.200/16", &p), 0);
	UT_ASSERT_EQ(p.ip_mask, Q(255, 255, 0, 0));
	UT_ASSERT_EQ(p.ip_gw, 0);
	UT_ASSERT_EQ(ip_param_parse("1.2.3.4/32", &p), 0);	/* a host route */
	UT_ASSERT_EQ(p.ip_mask, 0xffffffffu);
	UT_ASSERT_EQ(ip_param_parse("10.0.0.0/31:10.0.0.1", &p), 0);	/* RFC 3021 */
	UT_ASSERT_EQ(ip_param_parse("10.1.2.3/1", &p), 0);
	UT_ASSERT_EQ(p.ip_mask, 0x80000000u);
	UT_ASSERT_EQ(ip_param_parse("223.255.255.254/24", &p), 0);
}

UT_TEST(ip_param_refuses_bad_octets)
{
	struct ip_param p = { .ip_mode = IP_PARAM_OFF, .ip_addr = 7 };
	static const char *const bad[] = {
		"", "dhcp ", "DHCP", "10.0.2.15", "256.0.0.1/24", "10.0.2.1500/24",
		"10.0.2/24", "10.0.2.15.1/24", "10..2.15/24", ".10.0.2.15/24",
		"10.0.2.15./24", "010.0.2.15/24", "10.00.2.15/24", "-1.0.0.1/8",
		"+1.0.0.1/8", " 10.0.2.15/24", "10.0.2.15 /24", "0x0a.0.2.15/24",
		"10.0.2.15/24:", "10.0.2.15/24:10.0.2", "10.0.2.15/24:10.0.2.2:",
		"10.0.2.15/24:10.0.2.256", "10.0.2.15//24", "1e1.0.0.1/8",
		"4294967295/24", "10.0.2.15/24/8", "10.0.2.1\x80/24",
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		UT_ASSERT_STR(ip_param_parse(bad[i], &p) == -EINVAL ?
		    "refused" : bad[i], "refused");
	}
	UT_ASSERT_EQ(p.ip_mode, IP_PARAM_OFF);	/* untouched */
	UT_ASSERT_EQ(p.ip_addr, 7);
	UT_ASSERT_EQ(ip_param_parse(NULL, &p), -EINVAL);
}

UT_TEST(ip_param_refuses_bad_prefixes)
{
	struct ip_param p;
	static const char *const bad[] = {
		"10.0.2.15/", "10.0.2.15/0", "10.0.2.15/33", "10.0.2.15/99",
		"10.0.2.15/100", "10.0.2.15/024", "10.0.2.15/-1", "10.0.2.15/+8",
		"10.0.2.15/2a", "10.0.2.15/ 24", "10.0.2.15/4294967320",
		"10.0.2.15/255.255.255.0",
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		UT_ASSERT_STR(ip_param_parse(bad[i], &p) == -EINVAL ?
		    "refused" : bad[i], "refused");
	}
}

UT_TEST(ip_param_refuses_unusable_addresses)
{
	struct ip_param p;
	static const char *const bad[] = {
		"0.0.0.0/8", "0.0.0.1/8", "127.0.0.1/8", "127.1.2.3/24", "224.0.0.1/24",
		"239.1.1.1/8", "240.0.0.1/8", "255.255.255.255/32",
		"10.0.2.0/24", "10.0.2.255/24",		/* network, broadcast */
		"10.0.2.15/24:10.0.3.1",		/* gateway off-link */
		"10.0.2.15/24:10.0.2.15",		/* gateway is us */
		"10.0.2.15/24:10.0.2.255", "10.0.2.15/24:10.0.2.0",
		"10.0.2.15/24:127.0.0.1", "10.0.2.15/24:0.0.0.0",
		"10.0.2.15/32:10.0.2.1",		/* nothing is on-link */
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		UT_ASSERT_STR(ip_param_parse(bad[i], &p) == -EINVAL ?
		    "refused" : bad[i], "refused");
	}
}

UT_TEST(ip_param_quad_alone)
{
	uint32_t a = 1;
	const char *s = "10.0.2.2:rest";

	UT_ASSERT_EQ(ip_param_quad(s, s + 8, &a), 0);
	UT_ASSERT_EQ(a, Q(10, 0, 2, 2));
	UT_ASSERT_EQ(ip_param_quad(s, NULL, &a), -EINVAL);
	UT_ASSERT_EQ(ip_param_quad("255.255.255.255", NULL, &a), 0);
	UT_ASSERT_EQ(a, 0xffffffffu);
	UT_ASSERT_EQ(ip_param_quad("0.0.0.0", NULL, &a), 0);
	UT_ASSERT_EQ(a, 0);
}
