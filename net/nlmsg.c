/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Netlink messages (see nlmsg.h): no kernel state, host-tested. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <net/nlmsg.h>

#define NLMSG_AF_INET	2
#define IF_OPER_UNKNOWN	0
#define IF_OPER_DOWN	2
#define IF_OPER_UP	6
#define IFA_F_PERMANENT	0x80
#define RT_SCOPE_UNIVERSE 0
#define RT_SCOPE_LINK	253
#define RT_SCOPE_HOST	254
#define RT_TABLE_MAIN	254
#define RTPROT_KERNEL	2
#define RTPROT_BOOT	3
#define RTN_UNICAST	1

/* struct nlattr */
struct nlmsg_nla {
	uint16_t	 nla_len;
	uint16_t	 nla_type;
};

/* Room for n more bytes, aligned? */
static bool
nlmsg_room(const struct nlmsg_buf *b, size_t n)
{
	return b->nb_len <= b->nb_cap && NLMSG_ALIGN(n) <= b->nb_cap -
	    b->nb_len;
}

/* Append n bytes and the padding to 4 (room checked). */
static void
nlmsg_put(struct nlmsg_buf *b, const void *data, size_t n)
{
	if (n > 0)
		memcpy(b->nb_data + b->nb_len, data, n);
	memset(b->nb_data + b->nb_len + n, 0, NLMSG_ALIGN(n) - n);
	b->nb_len += NLMSG_ALIGN(n);
}

long
nlmsg_begin(struct nlmsg_buf *b, uint16_t type, uint16_t flags, uint32_t seq,
    uint32_t pid, const void *fixed, size_t flen)
{
	struct nlmsg_hdr h = { NLMSG_HDRLEN, type, flags, seq, pid };
	long off = (long)b->nb_len;

	if (flen > 0xffff || !nlmsg_room(b, NLMSG_HDRLEN + flen))
		return -1;
	nlmsg_put(b, &h, sizeof(h));
	nlmsg_put(b, fixed, flen);
	return off;
}

bool
nlmsg_attr(struct nlmsg_buf *b, uint16_t type, const void *data, size_t len)
{
	struct nlmsg_nla a;

	if (len > 0xffff - NLA_HDRLEN || !nlmsg_room(b, NLA_HDRLEN + len))
		return false;
	a.nla_len = (uint16_t)(NLA_HDRLEN + len);
	a.nla_type = type;
	nlmsg_put(b, &a, sizeof(a));
	nlmsg_put(b, data, len);
	return true;
}

void
nlmsg_end(struct nlmsg_buf *b, long off)
{
	uint32_t len = (uint32_t)(b->nb_len - (size_t)off);

	memcpy(b->nb_data + off, &len, sizeof(len));
}

void
nlmsg_cancel(struct nlmsg_buf *b, long off)
{
	if (off >= 0)
		b->nb_len = (size_t)off;
}

int
nlmsg_next(const void *buf, size_t len, size_t *off, struct nlmsg_hdr *h,
    size_t *at)
{
	size_t left, step;

	if (*off >= len)
		return 0;
	left = len - *off;
	if (left < NLMSG_HDRLEN)
		return 0;
	memcpy(h, (const uint8_t *)buf + *off, sizeof(*h));
	if (h->nh_len < NLMSG_HDRLEN || h->nh_len > left)
		return 0;
	*at = *off;
	step = NLMSG_ALIGN((size_t)h->nh_len);
	*off += step > left ? left : step;
	return 1;
}

const void *
nlmsg_attr_find(const void *attrs, size_t len, uint16_t type, long *dlen)
{
	const uint8_t *p = attrs;
	size_t off = 0;

	*dlen = 0;
	while (off < len && len - off >= NLA_HDRLEN) {
		struct nlmsg_nla a;

		memcpy(&a, p + off, sizeof(a));
		if (a.nla_len < NLA_HDRLEN || a.nla_len > len - off) {
			*dlen = -1;
			return NULL;
		}
		if ((a.nla_type & 0x3fff) == type) {
			*dlen = a.nla_len - NLA_HDRLEN;
			return p + off + NLA_HDRLEN;
		}
		off += NLMSG_ALIGN((size_t)a.nla_len);
	}
	return NULL;
}

bool
nlmsg_done(struct nlmsg_buf *b, uint32_t seq, uint32_t pid)
{
	int32_t zero = 0;
	long off = nlmsg_begin(b, NLMSG_DONE, NLM_F_MULTI, seq, pid, &zero,
	    sizeof(zero));

	if (off < 0)
		return false;
	nlmsg_end(b, off);
	return true;
}

bool
nlmsg_error(struct nlmsg_buf *b, int error, const void *req, size_t rlen,
    uint32_t pid)
{
	struct nlmsg_hdr h;
	size_t echo = error != 0 ? rlen : NLMSG_HDRLEN;
	int32_t e = error;
	long off;

	if (rlen < NLMSG_HDRLEN)
		return false;
	memcpy(&h, req, sizeof(h));
	if ((off = nlmsg_begin(b, NLMSG_ERROR, error != 0 ? 0 : NLM_F_CAPPED,
	    h.nh_seq, pid, &e, sizeof(e))) < 0)
		return false;
	if (!nlmsg_room(b, echo)) {
		nlmsg_cancel(b, off);
		return false;
	}
	/* The request, its header as the program sent it. */
	nlmsg_put(b, req, echo);
	nlmsg_end(b, off);
	return true;
}

unsigned int
nlmsg_prefix(uint32_t mask)
{
	unsigned int n = 0;

	while (n < 32 && (mask & (0x80000000u >> n)))
		n++;
	return n;
}

uint32_t
nlmsg_mask(unsigned int prefix)
{
	return prefix == 0 ? 0 : prefix >= 32 ? 0xffffffffu :
	    0xffffffffu << (32 - prefix);
}

int
nlmsg_attr_in4(const void *attrs, size_t len, uint16_t type, bool u32,
    uint32_t *out)
{
	long dlen;
	const uint8_t *a = nlmsg_attr_find(attrs, len, type, &dlen);

	if (dlen < 0)
		return -EINVAL;
	if (a == NULL)
		return -ENOENT;
	if (dlen < 4)
		return -EINVAL;
	if (u32)
		memcpy(out, a, sizeof(*out));
	else
		*out = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 |
		    (uint32_t)a[2] << 8 | a[3];
	return 0;
}

/* An address attribute: the address in network order. */
static bool
nlmsg_attr_in(struct nlmsg_buf *b, uint16_t type, uint32_t a)
{
	uint8_t v[4] = { (uint8_t)(a >> 24), (uint8_t)(a >> 16),
	    (uint8_t)(a >> 8), (uint8_t)a };

	return nlmsg_attr(b, type, v, sizeof(v));
}

static bool
nlmsg_attr_u32(struct nlmsg_buf *b, uint16_t type, uint32_t v)
{
	return nlmsg_attr(b, type, &v, sizeof(v));
}

static bool
nlmsg_attr_str(struct nlmsg_buf *b, uint16_t type, const char *s)
{
	return nlmsg_attr(b, type, s, strlen(s) + 1);
}

bool
nlmsg_link(struct nlmsg_buf *b, const struct ifnet_info *ii, uint16_t flags,
    uint32_t seq, uint32_t pid)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	bool lo = ii->ii_type == ARPHRD_LOOPBACK, running =
	    (ii->ii_flags & IFF_RUNNING) != 0;
	struct nlmsg_ifinfo m = { 0, 0, ii->ii_type, ii->ii_index,
	    ii->ii_flags | (running ? IFF_LOWER_UP : 0), 0 };
	uint32_t st[24] = { 0 };	/* struct rtnl_link_stats */
	uint8_t oper = lo ? IF_OPER_UNKNOWN : running ? IF_OPER_UP :
	    IF_OPER_DOWN, mode = 0;
	long off = nlmsg_begin(b, RTM_NEWLINK, flags, seq, pid, &m, sizeof(m));

	if (off < 0)
		return false;
	st[0] = (uint32_t)ii->ii_st.is_rx_packets;
	st[1] = (uint32_t)ii->ii_st.is_tx_packets;
	st[2] = (uint32_t)ii->ii_st.is_rx_bytes;
	st[3] = (uint32_t)ii->ii_st.is_tx_bytes;
	st[4] = (uint32_t)ii->ii_st.is_rx_errs;
	st[5] = (uint32_t)ii->ii_st.is_tx_errs;
	st[6] = (uint32_t)ii->ii_st.is_rx_drop;
	st[7] = (uint32_t)ii->ii_st.is_tx_drop;
	if (!nlmsg_attr_str(b, IFLA_IFNAME, ii->ii_name) ||
	    !nlmsg_attr_u32(b, IFLA_TXQLEN, ii->ii_txqlen) ||
	    !nlmsg_attr(b, IFLA_OPERSTATE, &oper, 1) ||
	    !nlmsg_attr(b, IFLA_LINKMODE, &mode, 1) ||
	    !nlmsg_attr_u32(b, IFLA_MTU, ii->ii_mtu) ||
	    !nlmsg_attr_str(b, IFLA_QDISC, "noqueue") ||
	    !nlmsg_attr(b, IFLA_ADDRESS, ii->ii_hwaddr, 6) ||
	    !nlmsg_attr(b, IFLA_BROADCAST, lo ? ii->ii_hwaddr : bcast, 6) ||
	    !nlmsg_attr(b, IFLA_STATS, st, sizeof(st))) {
		nlmsg_cancel(b, off);
		return false;
	}
	nlmsg_end(b, off);
	return true;
}

bool
nlmsg_addr(struct nlmsg_buf *b, const struct ifnet_info *ii, uint16_t flags,
    uint32_t seq, uint32_t pid)
{
	bool lo = ii->ii_type == ARPHRD_LOOPBACK;
	struct nlmsg_ifaddr m = { NLMSG_AF_INET,
	    (uint8_t)nlmsg_prefix(ii->ii_mask), IFA_F_PERMANENT,
	    lo ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE, (uint32_t)ii->ii_index };
	/* struct ifa_cacheinfo: forever valid. */
	uint32_t ci[4] = { 0xffffffffu, 0xffffffffu, 0, 0 };
	long off = nlmsg_begin(b, RTM_NEWADDR, flags, seq, pid, &m, sizeof(m));

	if (off < 0)
		return false;
	if (!nlmsg_attr_in(b, IFA_ADDRESS, ii->ii_addr) ||
	    !nlmsg_attr_in(b, IFA_LOCAL, ii->ii_addr) ||
	    (!lo && ii->ii_bcast != 0 &&
	    !nlmsg_attr_in(b, IFA_BROADCAST, ii->ii_bcast)) ||
	    !nlmsg_attr_str(b, IFA_LABEL, ii->ii_name) ||
	    !nlmsg_attr_u32(b, IFA_FLAGS, IFA_F_PERMANENT) ||
	    !nlmsg_attr(b, IFA_CACHEINFO, ci, sizeof(ci))) {
		nlmsg_cancel(b, off);
		return false;
	}
	nlmsg_end(b, off);
	return true;
}

bool
nlmsg_route(struct nlmsg_buf *b, const struct ifnet_route *ro,
    uint16_t flags, uint32_t seq, uint32_t pid)
{
	bool gw = (ro->ir_flags & RTF_GATEWAY) != 0;
	struct nlmsg_rt m = { NLMSG_AF_INET, (uint8_t)nlmsg_prefix(ro->ir_mask),
	    0, 0, RT_TABLE_MAIN, gw ? RTPROT_BOOT : RTPROT_KERNEL,
	    gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK, RTN_UNICAST, 0 };
	long off = nlmsg_begin(b, RTM_NEWROUTE, flags, seq, pid, &m, sizeof(m));

	if (off < 0)
		return false;
	if (!nlmsg_attr_u32(b, RTA_TABLE, RT_TABLE_MAIN) ||
	    (m.rtm_dst_len > 0 && !nlmsg_attr_in(b, RTA_DST, ro->ir_dst)) ||
	    (!gw && ro->ir_src != 0 &&
	    !nlmsg_attr_in(b, RTA_PREFSRC, ro->ir_src)) ||
	    (gw && !nlmsg_attr_in(b, RTA_GATEWAY, ro->ir_gw)) ||
	    !nlmsg_attr_u32(b, RTA_OIF, (uint32_t)ro->ir_index)) {
		nlmsg_cancel(b, off);
		return false;
	}
	nlmsg_end(b, off);
	return true;
}
