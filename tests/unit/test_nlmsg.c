/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of netlink's messages (net/nlmsg.c): building into bounded
 * buffers (nothing past the end, a message that does not fit left out
 * whole), the walk over what a program sent with hostile lengths, and
 * attribute lookup with broken attributes.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lib/errno.h>
#include <net/nlmsg.h>

#include "ut.h"

static struct ifnet_info
eth0(void)
{
	struct ifnet_info ii;

	memset(&ii, 0, sizeof(ii));
	strcpy(ii.ii_name, "eth0");
	ii.ii_index = 2;
	ii.ii_flags = IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST;
	ii.ii_type = ARPHRD_ETHER;
	memcpy(ii.ii_hwaddr, "\x52\x54\x00\x12\x34\x56", 6);
	ii.ii_mtu = 1500;
	ii.ii_txqlen = 1000;
	ii.ii_addr = 0x0a00020f;
	ii.ii_mask = 0xffffff00;
	ii.ii_bcast = 0x0a0002ff;
	return ii;
}

/* A request header with len and the rest zero. */
static void
put_hdr(uint8_t *p, uint32_t len, uint16_t type, uint16_t flags)
{
	struct nlmsg_hdr h = { len, type, flags, 7, 0 };

	memcpy(p, &h, sizeof(h));
}

UT_TEST(nlmsg_link_layout_and_attrs)
{
	uint8_t buf[1024];
	struct nlmsg_buf b = { buf, sizeof(buf), 0 };
	struct ifnet_info ii = eth0();
	struct nlmsg_hdr h;
	struct nlmsg_ifinfo m;
	const void *a;
	long alen;

	UT_ASSERT(nlmsg_link(&b, &ii, NLM_F_MULTI, 9, 1234));
	memcpy(&h, buf, sizeof(h));
	UT_ASSERT_EQ(h.nh_len, b.nb_len);
	UT_ASSERT_EQ(h.nh_type, RTM_NEWLINK);
	UT_ASSERT_EQ(h.nh_flags, NLM_F_MULTI);
	UT_ASSERT_EQ(h.nh_seq, 9);
	UT_ASSERT_EQ(h.nh_pid, 1234);
	UT_ASSERT_EQ(h.nh_len % 4, 0);
	memcpy(&m, buf + NLMSG_HDRLEN, sizeof(m));
	UT_ASSERT_EQ(m.ifi_index, 2);
	UT_ASSERT_EQ(m.ifi_type, ARPHRD_ETHER);
	UT_ASSERT_EQ(m.ifi_flags, ii.ii_flags | IFF_LOWER_UP);
	a = nlmsg_attr_find(buf + NLMSG_HDRLEN + sizeof(m),
	    h.nh_len - NLMSG_HDRLEN - sizeof(m), IFLA_IFNAME, &alen);
	UT_ASSERT(a != NULL);
	UT_ASSERT_EQ(alen, 5);
	UT_ASSERT_STR((const char *)a, "eth0");
	a = nlmsg_attr_find(buf + NLMSG_HDRLEN + sizeof(m),
	    h.nh_len - NLMSG_HDRLEN - sizeof(m), IFLA_ADDRESS, &alen);
	UT_ASSERT(a != NULL && alen == 6 && memcmp(a, ii.ii_hwaddr, 6) == 0);
	a = nlmsg_attr_find(buf + NLMSG_HDRLEN + sizeof(m),
	    h.nh_len - NLMSG_HDRLEN - sizeof(m), IFLA_MTU, &alen);
	UT_ASSERT(a != NULL && alen == 4);
	UT_ASSERT_EQ(*(const uint32_t *)a, 1500);
}

UT_TEST(nlmsg_addr_and_route_in_network_order)
{
	uint8_t buf[512];
	struct nlmsg_buf b = { buf, sizeof(buf), 0 };
	struct ifnet_info ii = eth0();
	struct ifnet_route ro = { 2, 0, 0, 0x0a000202, 0, RTF_UP | RTF_GATEWAY };
	struct nlmsg_ifaddr am;
	struct nlmsg_rt rm;
	const void *a;
	long alen;
	size_t at;

	UT_ASSERT(nlmsg_addr(&b, &ii, NLM_F_MULTI, 1, 5));
	memcpy(&am, buf + NLMSG_HDRLEN, sizeof(am));
	UT_ASSERT_EQ(am.ifa_prefixlen, 24);
	UT_ASSERT_EQ(am.ifa_index, 2);
	a = nlmsg_attr_find(buf + NLMSG_HDRLEN + sizeof(am),
	    b.nb_len - NLMSG_HDRLEN - sizeof(am), IFA_LOCAL, &alen);
	UT_ASSERT(a != NULL && alen == 4 &&
	    memcmp(a, "\x0a\x00\x02\x0f", 4) == 0);
	a = nlmsg_attr_find(buf + NLMSG_HDRLEN + sizeof(am),
	    b.nb_len - NLMSG_HDRLEN - sizeof(am), IFA_BROADCAST, &alen);
	UT_ASSERT(a != NULL && memcmp(a, "\x0a\x00\x02\xff", 4) == 0);
	at = b.nb_len;
	UT_ASSERT(nlmsg_route(&b, &ro, NLM_F_MULTI, 1, 5));
	memcpy(&rm, buf + at + NLMSG_HDRLEN, sizeof(rm));
	UT_ASSERT_EQ(rm.rtm_dst_len, 0);
	UT_ASSERT_EQ(rm.rtm_table, 254);
	a = nlmsg_attr_find(buf + at + NLMSG_HDRLEN + sizeof(rm),
	    b.nb_len - at - NLMSG_HDRLEN - sizeof(rm), RTA_GATEWAY, &alen);
	UT_ASSERT(a != NULL && memcmp(a, "\x0a\x00\x02\x02", 4) == 0);
	UT_ASSERT(nlmsg_attr_find(buf + at + NLMSG_HDRLEN + sizeof(rm),
	    b.nb_len - at - NLMSG_HDRLEN - sizeof(rm), RTA_DST, &alen) ==
	    NULL);
	UT_ASSERT_EQ(nlmsg_prefix(0), 0);
	UT_ASSERT_EQ(nlmsg_prefix(0xffffffff), 32);
	UT_ASSERT_EQ(nlmsg_prefix(0xfffffe00), 23);
}

/* Every buffer size up to a whole message: all or nothing, no overrun. */
UT_TEST(nlmsg_no_room_leaves_message_out)
{
	struct ifnet_info ii = eth0();
	uint8_t ref[512];
	struct nlmsg_buf rb = { ref, sizeof(ref), 0 };

	UT_ASSERT(nlmsg_link(&rb, &ii, 0, 1, 1));
	for (size_t cap = 0; cap <= rb.nb_len; cap++) {
		uint8_t *p = malloc(cap + 16);
		struct nlmsg_buf b = { p, cap, 0 };
		bool ok;

		memset(p, 0xa5, cap + 16);
		ok = nlmsg_link(&b, &ii, 0, 1, 1);
		UT_ASSERT_EQ(ok, cap == rb.nb_len);
		UT_ASSERT_EQ(b.nb_len, ok ? rb.nb_len : 0);
		for (size_t i = 0; i < 16; i++)
			UT_ASSERT_EQ(p[cap + i], 0xa5);
		free(p);
	}
	/* DONE after a message, exactly filling. */
	{
		uint8_t p[NLMSG_HDRLEN + 4];
		struct nlmsg_buf b = { p, sizeof(p), 0 };

		UT_ASSERT(nlmsg_done(&b, 3, 4));
		UT_ASSERT_EQ(b.nb_len, 20);
		UT_ASSERT(!nlmsg_done(&b, 3, 4));
	}
}

UT_TEST(nlmsg_walk_hostile_lengths)
{
	uint8_t buf[128];
	struct nlmsg_hdr h;
	size_t off, at;

	memset(buf, 0, sizeof(buf));
	/* Two good messages, the first with an unaligned length. */
	put_hdr(buf, 17, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
	put_hdr(buf + 20, 20, RTM_GETADDR, NLM_F_REQUEST);
	off = 0;
	UT_ASSERT_EQ(nlmsg_next(buf, 40, &off, &h, &at), 1);
	UT_ASSERT_EQ(at, 0);
	UT_ASSERT_EQ(off, 20);
	UT_ASSERT_EQ(nlmsg_next(buf, 40, &off, &h, &at), 1);
	UT_ASSERT_EQ(at, 20);
	UT_ASSERT_EQ(h.nh_type, RTM_GETADDR);
	UT_ASSERT_EQ(nlmsg_next(buf, 40, &off, &h, &at), 0);
	/* A last message whose padding is cut: still one. */
	off = 0;
	UT_ASSERT_EQ(nlmsg_next(buf, 17, &off, &h, &at), 1);
	UT_ASSERT_EQ(off, 17);
	UT_ASSERT_EQ(nlmsg_next(buf, 17, &off, &h, &at), 0);
	/* Shorter than a header, longer than what was sent, zero: none. */
	off = 0;
	UT_ASSERT_EQ(nlmsg_next(buf, 15, &off, &h, &at), 0);
	put_hdr(buf, 15, RTM_GETLINK, NLM_F_REQUEST);
	off = 0;
	UT_ASSERT_EQ(nlmsg_next(buf, 40, &off, &h, &at), 0);
	put_hdr(buf, 41, RTM_GETLINK, NLM_F_REQUEST);
	off = 0;
	UT_ASSERT_EQ(nlmsg_next(buf, 40, &off, &h, &at), 0);
	put_hdr(buf, 0, RTM_GETLINK, NLM_F_REQUEST);
	off = 0;
	UT_ASSERT_EQ(nlmsg_next(buf, 40, &off, &h, &at), 0);
	put_hdr(buf, 0xffffffff, RTM_GETLINK, NLM_F_REQUEST);
	off = 0;
	UT_ASSERT_EQ(nlmsg_next(buf, 40, &off, &h, &at), 0);
	/* Nothing at all. */
	off = 0;
	UT_ASSERT_EQ(nlmsg_next(buf, 0, &off, &h, &at), 0);
}

UT_TEST(nlmsg_attr_find_broken)
{
	uint8_t a[32];
	long alen;

	memset(a, 0, sizeof(a));
	/* len 3: below a header. */
	a[0] = 3;
	a[2] = IFLA_IFNAME;
	UT_ASSERT(nlmsg_attr_find(a, 8, IFLA_IFNAME, &alen) == NULL);
	UT_ASSERT_EQ(alen, -1);
	/* Past the end. */
	a[0] = 40;
	UT_ASSERT(nlmsg_attr_find(a, 32, IFLA_IFNAME, &alen) == NULL);
	UT_ASSERT_EQ(alen, -1);
	/* A good one after another, and a short tail ignored. */
	a[0] = 5; a[2] = IFLA_MTU; a[4] = 1;
	a[8] = 8; a[10] = IFLA_IFNAME; memcpy(a + 12, "lo", 3);
	UT_ASSERT(nlmsg_attr_find(a, 16, IFLA_IFNAME, &alen) == a + 12);
	UT_ASSERT_EQ(alen, 4);
	UT_ASSERT(nlmsg_attr_find(a, 18, IFLA_QDISC, &alen) == NULL);
	UT_ASSERT_EQ(alen, 0);
	UT_ASSERT(nlmsg_attr_find(a, 0, IFLA_IFNAME, &alen) == NULL);
}

UT_TEST(nlmsg_error_echo_and_ack)
{
	uint8_t req[40], buf[128];
	struct nlmsg_buf b = { buf, sizeof(buf), 0 };
	struct nlmsg_hdr h;
	int32_t e;

	memset(req, 0x11, sizeof(req));
	put_hdr(req, 40, 99, NLM_F_REQUEST);
	UT_ASSERT(nlmsg_error(&b, -EOPNOTSUPP, req, 40, 77));
	memcpy(&h, buf, sizeof(h));
	UT_ASSERT_EQ(h.nh_type, NLMSG_ERROR);
	UT_ASSERT_EQ(h.nh_len, 16 + 4 + 40);
	UT_ASSERT_EQ(h.nh_seq, 7);
	UT_ASSERT_EQ(h.nh_pid, 77);
	UT_ASSERT_EQ(h.nh_flags, 0);
	memcpy(&e, buf + 16, 4);
	UT_ASSERT_EQ(e, -EOPNOTSUPP);
	UT_ASSERT(memcmp(buf + 20, req, 40) == 0);
	b.nb_len = 0;
	UT_ASSERT(nlmsg_error(&b, 0, req, 40, 77));
	memcpy(&h, buf, sizeof(h));
	UT_ASSERT_EQ(h.nh_len, 16 + 4 + 16);
	UT_ASSERT_EQ(h.nh_flags, NLM_F_CAPPED);
	/* No room for the echo: nothing. */
	b.nb_len = 0;
	b.nb_cap = 50;
	UT_ASSERT(!nlmsg_error(&b, -EINVAL, req, 40, 77));
	UT_ASSERT_EQ(b.nb_len, 0);
	UT_ASSERT(!nlmsg_error(&b, -EINVAL, req, 10, 77));
}

UT_TEST(nlmsg_attr_in4_and_masks)
{
	uint8_t a[24];
	uint32_t v = 0;

	memset(a, 0, sizeof(a));
	a[0] = 8; a[2] = RTA_GATEWAY; memcpy(a + 4, "\x0a\x00\x02\x02", 4);
	a[8] = 8; a[10] = RTA_OIF; a[12] = 2;
	a[16] = 6; a[18] = RTA_DST;		/* two bytes: short */
	UT_ASSERT_EQ(nlmsg_attr_in4(a, 24, RTA_GATEWAY, false, &v), 0);
	UT_ASSERT_EQ(v, 0x0a000202);
	UT_ASSERT_EQ(nlmsg_attr_in4(a, 24, RTA_OIF, true, &v), 0);
	UT_ASSERT_EQ(v, 2);
	UT_ASSERT_EQ(nlmsg_attr_in4(a, 24, RTA_DST, false, &v), -EINVAL);
	UT_ASSERT_EQ(nlmsg_attr_in4(a, 16, RTA_PREFSRC, false, &v), -ENOENT);
	a[8] = 200;				/* past the end */
	UT_ASSERT_EQ(nlmsg_attr_in4(a, 24, RTA_OIF, true, &v), -EINVAL);
	UT_ASSERT_EQ(nlmsg_mask(0), 0);
	UT_ASSERT_EQ(nlmsg_mask(8), 0xff000000u);
	UT_ASSERT_EQ(nlmsg_mask(32), 0xffffffffu);
	UT_ASSERT_EQ(nlmsg_mask(33), 0xffffffffu);
	for (unsigned int p = 0; p <= 32; p++)
		UT_ASSERT_EQ(nlmsg_prefix(nlmsg_mask(p)), p);
}
