/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Netlink messages (nlmsg.c): Linux's wire format, built and parsed
 * without any kernel state, so that the host tests drive it with
 * hostile lengths.  Building: a message at a time into a bounded buffer
 * (nothing is written past it; a message that does not fit is left out
 * whole).  Parsing: the walk Linux makes over what a program sent, and
 * the attributes of one message.  The rtnetlink messages describe
 * net/ifnet.h's interfaces, addresses and routes.
 */
#ifndef NET_NLMSG_H
#define NET_NLMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <net/ifnet.h>

/* struct nlmsghdr */
struct nlmsg_hdr {
	uint32_t	 nh_len;	/* header included */
	uint16_t	 nh_type;
	uint16_t	 nh_flags;
	uint32_t	 nh_seq;
	uint32_t	 nh_pid;
};
_Static_assert(sizeof(struct nlmsg_hdr) == 16, "struct nlmsghdr");

#define NLMSG_HDRLEN	16
#define NLMSG_ALIGN(n)	(((n) + 3) & ~(size_t)3)
#define NLA_HDRLEN	4

/* Types and flags (linux/netlink.h, rtnetlink.h). */
#define NLMSG_NOOP	1
#define NLMSG_ERROR	2
#define NLMSG_DONE	3
#define NLMSG_MIN_TYPE	0x10
#define NLM_F_REQUEST	0x01
#define NLM_F_MULTI	0x02
#define NLM_F_ACK	0x04
#define NLM_F_ROOT	0x100
#define NLM_F_MATCH	0x200
#define NLM_F_DUMP	(NLM_F_ROOT | NLM_F_MATCH)
#define NLM_F_EXCL	0x200		/* in a NEW request */
#define NLM_F_CAPPED	0x100		/* in an acknowledgement */

#define RTM_BASE	16
#define RTM_NEWLINK	16
#define RTM_GETLINK	18
#define RTM_NEWADDR	20
#define RTM_DELADDR	21
#define RTM_GETADDR	22
#define RTM_NEWROUTE	24
#define RTM_DELROUTE	25
#define RTM_GETROUTE	26
#define RTM_MAX		(RTM_BASE + 4 * 32 - 1)	/* past: -EOPNOTSUPP */

#define IFLA_ADDRESS	1
#define IFLA_BROADCAST	2
#define IFLA_IFNAME	3
#define IFLA_MTU	4
#define IFLA_QDISC	6
#define IFLA_STATS	7
#define IFLA_TXQLEN	13
#define IFLA_OPERSTATE	16
#define IFLA_LINKMODE	17

#define IFA_ADDRESS	1
#define IFA_LOCAL	2
#define IFA_LABEL	3
#define IFA_BROADCAST	4
#define IFA_CACHEINFO	6
#define IFA_FLAGS	8

#define RTA_DST		1
#define RTA_OIF		4
#define RTA_GATEWAY	5
#define RTA_PREFSRC	7
#define RTA_TABLE	15

/* struct ifinfomsg, ifaddrmsg, rtmsg */
struct nlmsg_ifinfo {
	uint8_t		 ifi_family;
	uint8_t		 ifi_pad;
	uint16_t	 ifi_type;
	int32_t		 ifi_index;
	uint32_t	 ifi_flags;
	uint32_t	 ifi_change;
};
struct nlmsg_ifaddr {
	uint8_t		 ifa_family;
	uint8_t		 ifa_prefixlen;
	uint8_t		 ifa_flags;
	uint8_t		 ifa_scope;
	uint32_t	 ifa_index;
};
struct nlmsg_rt {
	uint8_t		 rtm_family;
	uint8_t		 rtm_dst_len;
	uint8_t		 rtm_src_len;
	uint8_t		 rtm_tos;
	uint8_t		 rtm_table;
	uint8_t		 rtm_protocol;
	uint8_t		 rtm_scope;
	uint8_t		 rtm_type;
	uint32_t	 rtm_flags;
};

/* A buffer messages are built into. */
struct nlmsg_buf {
	uint8_t		*nb_data;
	size_t		 nb_cap;
	size_t		 nb_len;
};

/*
 * Append a message: header, the fixed part (flen bytes) and nothing
 * else yet.  The offset of its header, or -1 (no room: nothing added).
 */
long	nlmsg_begin(struct nlmsg_buf *b, uint16_t type, uint16_t flags,
	    uint32_t seq, uint32_t pid, const void *fixed, size_t flen);
/* Append an attribute to the message being built: false if no room. */
bool	nlmsg_attr(struct nlmsg_buf *b, uint16_t type, const void *data,
	    size_t len);
/* Close the message begun at off (its length); or drop it. */
void	nlmsg_end(struct nlmsg_buf *b, long off);
void	nlmsg_cancel(struct nlmsg_buf *b, long off);

/*
 * The next message of what a program sent (len bytes at buf), as Linux
 * walks them: 1 and the header at *off (its length checked to hold a
 * header and to fit), *off moved past it; 0 at the end, or when the
 * rest cannot be a message (Linux ignores it).
 */
int	nlmsg_next(const void *buf, size_t len, size_t *off,
	    struct nlmsg_hdr *h, size_t *at);

/*
 * The attribute of type in the len bytes at attrs (a message's
 * attributes): its data and length, or NULL when absent; -1 in *dlen
 * when an attribute's length is broken (then NULL).
 */
const void *nlmsg_attr_find(const void *attrs, size_t len, uint16_t type,
	    long *dlen);

/* NLMSG_DONE of a dump. */
bool	nlmsg_done(struct nlmsg_buf *b, uint32_t seq, uint32_t pid);
/*
 * NLMSG_ERROR for the request req (its rlen bytes, header included):
 * with the whole request when error != 0, its header alone (and
 * NLM_F_CAPPED) for an acknowledgement, as Linux without CAP_ACK.
 */
bool	nlmsg_error(struct nlmsg_buf *b, int error, const void *req,
	    size_t rlen, uint32_t pid);

/* RTM_NEWLINK, RTM_NEWADDR, RTM_NEWROUTE of one item. */
bool	nlmsg_link(struct nlmsg_buf *b, const struct ifnet_info *ii,
	    uint16_t flags, uint32_t seq, uint32_t pid);
bool	nlmsg_addr(struct nlmsg_buf *b, const struct ifnet_info *ii,
	    uint16_t flags, uint32_t seq, uint32_t pid);
bool	nlmsg_route(struct nlmsg_buf *b, const struct ifnet_route *ro,
	    uint16_t flags, uint32_t seq, uint32_t pid);

/* The prefix length of a netmask (its leading ones), and back. */
unsigned int nlmsg_prefix(uint32_t mask);
uint32_t nlmsg_mask(unsigned int prefix);

/*
 * An attribute of type holding an IPv4 address (network order on the
 * wire, host order in *out) or a u32 (u32: true, host order): 0, or
 * -ENOENT when absent, -EINVAL when broken or short.
 */
int	nlmsg_attr_in4(const void *attrs, size_t len, uint16_t type,
	    bool u32, uint32_t *out);

#endif /* NET_NLMSG_H */
