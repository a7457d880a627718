/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * AF_NETLINK (see netlink.h): a family of the socket layer whose only
 * protocol is NETLINK_ROUTE.  A socket has a port id (bound, or given
 * at its first send as Linux does: the process id, else a negative
 * number), a queue of datagrams the kernel sent it, and nothing else:
 * programs talk to the kernel, never to each other.  What a program
 * sends is walked as Linux walks it (nlmsg.h) and each request answered
 * at once into the sender's queue, each answer in datagrams of its own
 * as Linux sends them: the dumps of RTM_GETLINK, RTM_GETADDR and
 * RTM_GETROUTE (net/ifnet.h's interfaces, addresses and routes, in
 * datagrams of at most a page, then NLMSG_DONE), a single link's
 * RTM_GETLINK, NLMSG_ERROR for the rest as Linux answers them.
 * The kernel also queues datagrams of its own (POSIX message queues'
 * SIGEV_THREAD cookies, netlink_deliver).  One CPU: interrupts off
 * guard the queue and the list of ports.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <kernel/proc/proc.h>
#include <net/ifnet.h>
#include <net/netlink.h>
#include <net/nlmsg.h>
#include <net/socket.h>

#define NETLINK_ROUTE		0
#define NETLINK_MAX_LINKS	32
#define SOL_NETLINK		270
/* A dump's datagram: what fits a page beside Linux's buffer overhead,
 * so that a reader with a page-sized buffer takes whole datagrams. */
#define NETLINK_DGRAM_MAX	3776
#define NETLINK_ADDR_LEN	12		/* struct sockaddr_nl */

struct netlink_dgram {
	struct netlink_dgram *nd_next;
	size_t		 nd_len;
	uint8_t		 nd_data[];
};

struct netlink_sock {
	struct socket	*ns_so;
	uint32_t	 ns_portid;	/* 0 until bound */
	uint32_t	 ns_groups;	/* as bound (nothing is multicast) */
	uint32_t	 ns_dst_portid;	/* connect's */
	struct netlink_dgram *ns_head, **ns_tailp;
	size_t		 ns_bytes;	/* queued, bounded by SO_RCVBUF */
	struct netlink_sock *ns_next;	/* netlink_socks */
};

static struct netlink_sock *netlink_socks;	/* the bound ones */
static uint32_t netlink_next_neg = 0xfffff000u;	/* -4096 down */

/* struct sockaddr_nl */
struct netlink_addr {
	uint16_t	 nl_family;
	uint16_t	 nl_pad;
	uint32_t	 nl_pid;
	uint32_t	 nl_groups;
};

static struct netlink_sock *
netlink_of(const struct socket *so)
{
	return so->so_priv;
}

static bool
netlink_port_used(uint32_t portid)
{
	for (struct netlink_sock *n = netlink_socks; n != NULL; n = n->ns_next)
		if (n->ns_portid == portid)
			return true;
	return false;
}

/* Take portid (0: pick one, as Linux: the pid, else -4096 down). */
static int
netlink_bind_port(struct netlink_sock *ns, uint32_t portid)
{
	bool on = intr_save();
	int error = 0;

	if (ns->ns_portid != 0) {
		error = portid == 0 || portid == ns->ns_portid ? 0 : -EINVAL;
	} else if (portid != 0) {
		if (netlink_port_used(portid))
			error = -EADDRINUSE;
	} else {
		portid = (uint32_t)proc_current()->p_pid;
		while (netlink_port_used(portid))
			portid = netlink_next_neg--;
	}
	if (error == 0 && ns->ns_portid == 0) {
		ns->ns_portid = portid;
		ns->ns_next = netlink_socks;
		netlink_socks = ns;
	}
	intr_restore(on);
	return error;
}

static int
netlink_addr_in(const struct sock_addr *a, struct netlink_addr *nl)
{
	if (a->sa_len < NETLINK_ADDR_LEN)
		return -EINVAL;
	memcpy(nl, a->sa_data, sizeof(*nl));
	return nl->nl_family == AF_NETLINK ? 0 : -EINVAL;
}

static int
netlink_bind(struct socket *so, const struct sock_addr *a)
{
	struct netlink_sock *ns = netlink_of(so);
	struct netlink_addr nl;
	int error;

	if ((error = netlink_addr_in(a, &nl)) != 0)
		return error;
	if ((error = netlink_bind_port(ns, nl.nl_pid)) != 0)
		return error;
	ns->ns_groups = nl.nl_groups;
	return 0;
}

static int
netlink_connect(struct socket *so, const struct sock_addr *a, bool nb)
{
	struct netlink_sock *ns = netlink_of(so);
	struct netlink_addr nl;
	int error;

	(void)nb;
	if (a->sa_len >= sizeof(uint16_t) &&
	    (a->sa_data[0] | a->sa_data[1] << 8) == AF_UNSPEC) {
		ns->ns_dst_portid = 0;
		so->so_state = SS_UNCONNECTED;
		return 0;
	}
	if ((error = netlink_addr_in(a, &nl)) != 0)
		return error;
	if (nl.nl_groups != 0 && !proc_capable(CAP_NET_ADMIN))
		return -EPERM;
	if ((error = netlink_bind_port(ns, 0)) != 0)
		return error;
	ns->ns_dst_portid = nl.nl_pid;
	so->so_state = SS_CONNECTED;
	return 0;
}

static int
netlink_getname(struct socket *so, struct sock_addr *a, bool peer)
{
	struct netlink_sock *ns = netlink_of(so);
	struct netlink_addr nl = { AF_NETLINK, 0, 0, 0 };

	if (peer) {
		nl.nl_pid = ns->ns_dst_portid;
	} else {
		nl.nl_pid = ns->ns_portid;
		nl.nl_groups = ns->ns_groups;
	}
	a->sa_len = sizeof(nl);
	memcpy(a->sa_data, &nl, sizeof(nl));
	return 0;
}

/* ---- the queue ---- */

/*
 * Queue a datagram for the socket's reader.  Past its receive buffer
 * the datagram is dropped and the socket's error set to ENOBUFS, as
 * Linux's netlink overrun: a reader that does not read cannot make the
 * kernel hold more and more.
 */
static int
netlink_queue(struct netlink_sock *ns, const void *data, size_t len)
{
	struct netlink_dgram *d;
	bool on;

	if (ns->ns_so != NULL &&
	    __atomic_load_n(&ns->ns_bytes, __ATOMIC_RELAXED) + len >
	    ns->ns_so->so_rcvbuf) {
		on = intr_save();
		ns->ns_so->so_error = ENOBUFS;
		intr_restore(on);
		sock_wake(ns->ns_so, FILE_POLLERR);
		return -ENOBUFS;
	}
	if ((d = kmalloc(sizeof(*d) + len)) == NULL)
		return -ENOMEM;
	d->nd_next = NULL;
	d->nd_len = len;
	memcpy(d->nd_data, data, len);
	on = intr_save();
	*ns->ns_tailp = d;
	ns->ns_tailp = &d->nd_next;
	ns->ns_bytes += len;
	intr_restore(on);
	if (ns->ns_so != NULL)
		sock_wake(ns->ns_so, FILE_POLLIN | FILE_POLLRDNORM);
	return 0;
}

bool
netlink_is(const struct file *f)
{
	const struct socket *so = sock_of_file(f);

	return so != NULL && so->so_family == AF_NETLINK;
}

int
netlink_deliver(struct file *f, const void *data, size_t len)
{
	struct socket *so = sock_of_file(f);

	if (so == NULL || so->so_family != AF_NETLINK)
		return -EINVAL;
	return netlink_queue(netlink_of(so), data, len);
}

/* ---- rtnetlink ---- */

/* A reply being built: datagrams of NETLINK_DGRAM_MAX into the queue. */
struct netlink_reply {
	struct netlink_sock *nr_ns;
	struct nlmsg_buf nr_b;
	int		 nr_error;
};

static void
netlink_flush(struct netlink_reply *r)
{
	int error;

	if (r->nr_b.nb_len == 0)
		return;
	if ((error = netlink_queue(r->nr_ns, r->nr_b.nb_data,
	    r->nr_b.nb_len)) != 0)
		r->nr_error = error;
	r->nr_b.nb_len = 0;
}

/* Add one message with build; a datagram that is full goes first. */
#define NETLINK_ADD(r, call)						\
	do {								\
		if (!(call)) {						\
			netlink_flush(r);				\
			if (!(call))					\
				(r)->nr_error = -EMSGSIZE;		\
		}							\
	} while (0)

static void
netlink_dump(struct netlink_reply *r, uint16_t type, uint8_t family,
    const struct nlmsg_hdr *h)
{
	uint32_t seq = h->nh_seq, pid = r->nr_ns->ns_portid;
	struct nlmsg_buf *b = &r->nr_b;
	struct ifnet_route ro;
	struct ifnet_info ii;
	bool inet = family == AF_UNSPEC || family == AF_INET;

	if (type == RTM_GETLINK) {
		for (unsigned int i = 0; ifnet_get(i, &ii) == 0; i++)
			NETLINK_ADD(r, nlmsg_link(b, &ii, NLM_F_MULTI, seq,
			    pid));
	} else if (type == RTM_GETADDR && inet) {
		for (unsigned int i = 0; ifnet_get(i, &ii) == 0; i++)
			if (ii.ii_addr != 0)
				NETLINK_ADD(r, nlmsg_addr(b, &ii, NLM_F_MULTI,
				    seq, pid));
	} else if (type == RTM_GETROUTE && inet) {
		for (unsigned int i = 0; ifnet_route(i, &ro) == 0; i++)
			NETLINK_ADD(r, nlmsg_route(b, &ro, NLM_F_MULTI, seq,
			    pid));
	}
	NETLINK_ADD(r, nlmsg_done(b, seq, pid));
}

/* RTM_GETLINK of one interface: by index, else by IFLA_IFNAME. */
static int
netlink_getlink(struct netlink_reply *r, const uint8_t *msg,
    const struct nlmsg_hdr *h)
{
	struct nlmsg_ifinfo m;
	struct ifnet_info ii;
	char name[IFNET_NAMSIZ];
	const void *a;
	long alen;
	int error;

	if (h->nh_len < NLMSG_HDRLEN + sizeof(m))
		return -EINVAL;
	memcpy(&m, msg + NLMSG_HDRLEN, sizeof(m));
	a = nlmsg_attr_find(msg + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(m)),
	    h->nh_len - NLMSG_HDRLEN - NLMSG_ALIGN(sizeof(m)), IFLA_IFNAME,
	    &alen);
	if (alen < 0)
		return -EINVAL;
	if (m.ifi_index > 0) {
		error = ifnet_by_index(m.ifi_index, &ii);
	} else if (a != NULL) {
		/* A name of IFNAMSIZ bytes at most, its NUL included. */
		if (alen == 0 || alen > IFNET_NAMSIZ)
			return -EINVAL;
		memset(name, 0, sizeof(name));
		memcpy(name, a, (size_t)alen);
		name[IFNET_NAMSIZ - 1] = '\0';
		error = ifnet_by_name(name, &ii);
	} else {
		return -EINVAL;
	}
	if (error != 0)
		return error;
	NETLINK_ADD(r, nlmsg_link(&r->nr_b, &ii, 0, h->nh_seq,
	    r->nr_ns->ns_portid));
	return r->nr_error;
}

/* Where a message's attributes start after its fixed part of flen. */
static void
netlink_attrs(const uint8_t *msg, const struct nlmsg_hdr *h, size_t flen,
    const uint8_t **attrs, size_t *alen)
{
	size_t at = NLMSG_HDRLEN + NLMSG_ALIGN(flen);

	*attrs = msg + at;
	*alen = h->nh_len > at ? h->nh_len - at : 0;
}

/*
 * RTM_NEWADDR, RTM_DELADDR: an interface's IPv4 address.  lwIP keeps
 * one per interface: adding a second is not built (EOPNOTSUPP).
 */
static int
netlink_addr_change(const uint8_t *msg, const struct nlmsg_hdr *h, bool add)
{
	struct nlmsg_ifaddr m;
	struct ifnet_info ii;
	const uint8_t *attrs;
	uint32_t local, mask;
	size_t alen;
	int error;

	if (h->nh_len < NLMSG_HDRLEN + sizeof(m))
		return -EINVAL;
	memcpy(&m, msg + NLMSG_HDRLEN, sizeof(m));
	if (m.ifa_family != AF_INET)
		return -EOPNOTSUPP;
	netlink_attrs(msg, h, sizeof(m), &attrs, &alen);
	if ((error = nlmsg_attr_in4(attrs, alen, IFA_LOCAL, false,
	    &local)) == -ENOENT)
		error = nlmsg_attr_in4(attrs, alen, IFA_ADDRESS, false, &local);
	if (error != 0 || m.ifa_prefixlen > 32)
		return -EINVAL;
	if ((error = ifnet_by_index((int)m.ifa_index, &ii)) != 0)
		return error;
	mask = nlmsg_mask(m.ifa_prefixlen);
	if (!add) {
		if (ii.ii_addr == 0 || ii.ii_addr != local ||
		    (m.ifa_prefixlen != 0 && ii.ii_mask != mask))
			return -EADDRNOTAVAIL;
		return ifnet_set(ii.ii_index, IFNET_SET_ADDR, 0);
	}
	if (ii.ii_addr == local && ii.ii_mask == mask)
		return (h->nh_flags & NLM_F_EXCL) ? -EEXIST : 0;
	if (ii.ii_addr != 0)
		return -EOPNOTSUPP;
	if ((error = ifnet_set(ii.ii_index, IFNET_SET_MASK, mask)) != 0)
		return error;
	return ifnet_set(ii.ii_index, IFNET_SET_ADDR, local);
}

/*
 * RTM_NEWROUTE, RTM_DELROUTE: the default route through a gateway, the
 * one route lwIP keeps apart from the interfaces' subnets.
 */
static int
netlink_route_change(const uint8_t *msg, const struct nlmsg_hdr *h,
    bool add)
{
	struct ifnet_route ro, def = { 0 };
	struct nlmsg_rt m;
	const uint8_t *attrs;
	uint32_t gw = 0, oif = 0;
	size_t alen;
	int error, gerr, index;

	if (h->nh_len < NLMSG_HDRLEN + sizeof(m))
		return -EINVAL;
	memcpy(&m, msg + NLMSG_HDRLEN, sizeof(m));
	if (m.rtm_family != AF_INET)
		return -EOPNOTSUPP;
	if (m.rtm_dst_len > 32)
		return -EINVAL;
	if (m.rtm_dst_len != 0)
		return -EOPNOTSUPP;
	netlink_attrs(msg, h, sizeof(m), &attrs, &alen);
	gerr = nlmsg_attr_in4(attrs, alen, RTA_GATEWAY, false, &gw);
	error = nlmsg_attr_in4(attrs, alen, RTA_OIF, true, &oif);
	if ((gerr != 0 && gerr != -ENOENT) || (error != 0 && error !=
	    -ENOENT))
		return -EINVAL;
	for (unsigned int i = 0; ifnet_route(i, &ro) == 0; i++)
		if (ro.ir_mask == 0 && (ro.ir_flags & RTF_GATEWAY))
			def = ro;
	if (!add) {
		if (def.ir_index == 0 || (gerr == 0 && gw != def.ir_gw) ||
		    (oif != 0 && (int)oif != def.ir_index))
			return -ESRCH;
		return ifnet_set(def.ir_index, IFNET_SET_GW, 0);
	}
	if (gerr != 0)
		return -EOPNOTSUPP;	/* a route without a gateway */
	if (def.ir_index != 0 && (h->nh_flags & NLM_F_EXCL))
		return -EEXIST;
	if (oif != 0) {
		struct ifnet_info ii;

		if ((error = ifnet_by_index((int)oif, &ii)) != 0)
			return error;
		index = (int)oif;
	} else if ((index = ifnet_onlink(gw)) < 0) {
		return index;
	}
	if (def.ir_index != 0 && def.ir_index != index &&
	    (error = ifnet_set(def.ir_index, IFNET_SET_GW, 0)) != 0)
		return error;
	return ifnet_set(index, IFNET_SET_GW, gw);
}

/*
 * One request: 0 (answered), 1 (a dump, which is never acknowledged:
 * NLMSG_DONE ends it), or the errno for NLMSG_ERROR.
 */
static int
netlink_route_msg(struct netlink_reply *r, const uint8_t *msg,
    const struct nlmsg_hdr *h)
{
	uint16_t type = h->nh_type;
	uint8_t family;

	if (type > RTM_MAX)
		return -EOPNOTSUPP;
	/* Linux ignores a message with less than a family byte. */
	if (h->nh_len < NLMSG_HDRLEN + 1)
		return 0;
	family = msg[NLMSG_HDRLEN];
	/* Anything but a GET changes things: the administrator's. */
	if (((type - RTM_BASE) & 3) != 2 && !proc_capable(CAP_NET_ADMIN))
		return -EPERM;
	if (((type - RTM_BASE) & 3) == 2 && (h->nh_flags & NLM_F_DUMP) ==
	    NLM_F_DUMP) {
		if (type != RTM_GETLINK && type != RTM_GETADDR &&
		    type != RTM_GETROUTE)
			return -EOPNOTSUPP;
		netlink_dump(r, type, family, h);
		return r->nr_error != 0 ? r->nr_error : 1;
	}
	switch (type) {
	case RTM_GETLINK:
		return netlink_getlink(r, msg, h);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return netlink_addr_change(msg, h, type == RTM_NEWADDR);
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		return netlink_route_change(msg, h, type == RTM_NEWROUTE);
	default:
		return -EOPNOTSUPP;
	}
}

/*
 * NLMSG_ERROR (or the acknowledgement) of the request at req, in a
 * datagram of its own as Linux sends it (a long request, echoed whole,
 * in a buffer of its own).
 */
static void
netlink_ack(struct netlink_reply *r, int error, const uint8_t *req,
    size_t rlen)
{
	uint32_t pid = r->nr_ns->ns_portid;
	size_t elen = NLMSG_HDRLEN + sizeof(int32_t) +
	    NLMSG_ALIGN(error != 0 ? rlen : NLMSG_HDRLEN);
	struct nlmsg_buf eb;

	netlink_flush(r);
	if (nlmsg_error(&r->nr_b, error, req, rlen, pid)) {
		netlink_flush(r);
		return;
	}
	if ((eb.nb_data = kmalloc(elen)) == NULL)
		return;
	eb.nb_cap = elen;
	eb.nb_len = 0;
	if (nlmsg_error(&eb, error, req, rlen, pid))
		(void)netlink_queue(r->nr_ns, eb.nb_data, eb.nb_len);
	kfree(eb.nb_data);
}

/*
 * What a program sent the kernel, message by message, as Linux: a
 * message that is no request, or of a control type, is only
 * acknowledged if asked; a request's error is answered whatever the
 * flags.
 */
static void
netlink_rcv(struct netlink_sock *ns, const uint8_t *buf, size_t len)
{
	uint8_t *dg = kmalloc(NETLINK_DGRAM_MAX);
	struct netlink_reply r = { ns, { dg, NETLINK_DGRAM_MAX, 0 }, 0 };
	struct nlmsg_hdr h;
	size_t off = 0, at;

	if (dg == NULL)
		return;
	while (nlmsg_next(buf, len, &off, &h, &at) == 1) {
		int error = 0;

		r.nr_error = 0;
		if ((h.nh_flags & NLM_F_REQUEST) && h.nh_type >= NLMSG_MIN_TYPE)
			error = netlink_route_msg(&r, buf + at, &h);
		if (error < 0 || (error == 0 && (h.nh_flags & NLM_F_ACK)))
			netlink_ack(&r, error, buf + at, h.nh_len);
		netlink_flush(&r);
	}
	netlink_flush(&r);
	kfree(dg);
}

/* ---- the socket's operations ---- */

static long
netlink_sendmsg(struct socket *so, struct sock_msg *m)
{
	struct netlink_sock *ns = netlink_of(so);
	uint32_t dst = ns->ns_dst_portid;
	struct netlink_addr nl;
	size_t len = sock_msg_left(m);
	uint8_t *buf;
	int error;

	if (m->sm_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->sm_has_addr) {
		if ((error = netlink_addr_in(&m->sm_addr, &nl)) != 0)
			return error;
		dst = nl.nl_pid;
		if (nl.nl_groups != 0 && !proc_capable(CAP_NET_ADMIN))
			return -EPERM;
	}
	if ((error = netlink_bind_port(ns, 0)) != 0)
		return error;
	if (len + 32 > so->so_sndbuf)
		return -EMSGSIZE;
	/* Programs do not talk to each other here: no such port. */
	if (dst != 0)
		return -ECONNREFUSED;
	if ((buf = kmalloc(len > 0 ? len : 1)) == NULL)
		return -ENOBUFS;
	if ((error = sock_msg_copy_in(m, buf, len)) != 0) {
		kfree(buf);
		return error;
	}
	netlink_rcv(ns, buf, len);
	kfree(buf);
	return (long)len;
}

static long
netlink_recvmsg(struct socket *so, struct sock_msg *m)
{
	struct netlink_sock *ns = netlink_of(so);
	bool nonblock = sock_nonblock(so, m->sm_flags);
	uint64_t deadline = sock_deadline(so->so_rcvtimeo_ns);
	static const struct netlink_addr from = { AF_NETLINK, 0, 0, 0 };
	struct netlink_dgram *d;
	size_t room = sock_msg_left(m), n;
	long error;
	bool on;

	if (m->sm_flags & MSG_OOB)
		return -EOPNOTSUPP;
	on = intr_save();
	for (;;) {
		/* An overrun is told first, once, as Linux. */
		if (so->so_error != 0) {
			error = -so->so_error;
			so->so_error = 0;
			intr_restore(on);
			return error;
		}
		if ((d = ns->ns_head) != NULL)
			break;
		if ((error = sock_wait(&so->so_wait, nonblock, deadline)) !=
		    0) {
			intr_restore(on);
			return error;
		}
	}
	if (m->sm_flags & MSG_PEEK) {
		/* A copy: another reader may take the datagram meanwhile. */
		struct netlink_dgram *c = kmalloc(sizeof(*c) + d->nd_len);

		if (c != NULL) {
			c->nd_len = d->nd_len;
			memcpy(c->nd_data, d->nd_data, d->nd_len);
		}
		d = c;
	} else {
		if ((ns->ns_head = d->nd_next) == NULL)
			ns->ns_tailp = &ns->ns_head;
		ns->ns_bytes -= d->nd_len;
	}
	intr_restore(on);
	if (d == NULL)
		return -ENOMEM;
	n = d->nd_len < room ? d->nd_len : room;
	error = sock_msg_copy_out(m, d->nd_data, n);
	if (d->nd_len > room)
		m->sm_oflags |= MSG_TRUNC;
	m->sm_addr.sa_len = sizeof(from);
	memcpy(m->sm_addr.sa_data, &from, sizeof(from));
	if (error == 0)
		error = (m->sm_flags & MSG_TRUNC) ? (long)d->nd_len : (long)n;
	kfree(d);
	return error;
}

static int
netlink_shutdown(struct socket *so, int how)
{
	(void)so;
	(void)how;
	return -EOPNOTSUPP;
}

/* SOL_NETLINK options: taken (none changes what is sent here). */
static int
netlink_setsockopt(struct socket *so, int level, int name, const void *val,
    uint32_t len)
{
	(void)so;
	(void)name;
	(void)val;
	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	return len < sizeof(int) ? -EINVAL : 0;
}

static short
netlink_poll(struct socket *so)
{
	struct netlink_sock *ns = netlink_of(so);

	return (short)((__atomic_load_n(&ns->ns_head, __ATOMIC_RELAXED) !=
	    NULL ? FILE_POLLIN | FILE_POLLRDNORM : 0) | FILE_POLLOUT |
	    (__atomic_load_n(&so->so_error, __ATOMIC_RELAXED) != 0 ?
	    FILE_POLLERR : 0));
}

static void
netlink_release(struct socket *so)
{
	struct netlink_sock *ns = netlink_of(so), **pp;
	struct netlink_dgram *d;
	bool on = intr_save();

	for (pp = &netlink_socks; *pp != NULL; pp = &(*pp)->ns_next)
		if (*pp == ns) {
			*pp = ns->ns_next;
			break;
		}
	intr_restore(on);
	while ((d = ns->ns_head) != NULL) {
		ns->ns_head = d->nd_next;
		kfree(d);
	}
	kfree(ns);
	so->so_priv = NULL;
}

static const struct sock_proto_ops netlink_ops = {
	.po_bind = netlink_bind,
	.po_connect = netlink_connect,
	.po_listen = sock_listen_none,
	.po_accept = sock_accept_none,
	.po_sendmsg = netlink_sendmsg,
	.po_recvmsg = netlink_recvmsg,
	.po_shutdown = netlink_shutdown,
	.po_getname = netlink_getname,
	.po_setsockopt = netlink_setsockopt,
	.po_getsockopt = sock_getsockopt_none,
	.po_getsockopt_sol = sock_getsockopt_sol_none,
	.po_sol_changed = sock_sol_changed_none,
	.po_poll = netlink_poll,
	.po_ioctl = sock_ioctl_none,
	.po_release = netlink_release,
};

static int
netlink_create(struct socket *so, int type, int protocol)
{
	struct netlink_sock *ns;

	if (type != SOCK_RAW && type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol < 0 || protocol >= NETLINK_MAX_LINKS ||
	    protocol != NETLINK_ROUTE)
		return -EPROTONOSUPPORT;
	if ((ns = kzalloc(sizeof(*ns))) == NULL)
		return -ENOMEM;
	ns->ns_so = so;
	ns->ns_tailp = &ns->ns_head;
	so->so_ops = &netlink_ops;
	so->so_priv = ns;
	return 0;
}

static const struct sock_family netlink_family = {
	.sf_family = AF_NETLINK,
	.sf_create = netlink_create,
};

void
netlink_init(void)
{
	sock_family_register(&netlink_family);
}
