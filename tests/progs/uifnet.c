/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The network interfaces seen three ways, checked against each other and
 * against what Linux answers (the same program passes on a Linux host as
 * root, changing nothing there): the SIOCGIF* ioctls on a socket of any
 * family (here AF_UNIX and AF_NETLINK; the address ioctls are AF_INET's,
 * ENOTTY elsewhere), rtnetlink's RTM_GETLINK/GETADDR/GETROUTE dumps, and
 * /proc/net/{dev,route,unix}.  Bad input gets Linux's errors: ENODEV,
 * EFAULT, ENOTTY, EOPNOTSUPP; a malformed netlink request its
 * NLMSG_ERROR, a runt message nothing.  One line per check; exits 0
 * when all held.  "uifnet hw NAME" prints NAME's hardware address
 * (SIOCGIFHWADDR) for the shell test to look for in the tools' output.
 * Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>

/*
 * Netlink's ABI (linux/netlink.h, rtnetlink.h), which musl does not
 * carry: what this test uses of it.
 */
#define NETLINK_ROUTE	0
#define NLM_F_REQUEST	0x01
#define NLM_F_MULTI	0x02
#define NLM_F_ACK	0x04
#define NLM_F_DUMP	0x300
#define NLMSG_ERROR	2
#define NLMSG_DONE	3
#define RTM_NEWLINK	16
#define RTM_GETLINK	18
#define RTM_NEWADDR	20
#define RTM_DELADDR	21
#define RTM_GETADDR	22
#define RTM_NEWROUTE	24
#define RTM_GETROUTE	26
#define IFLA_ADDRESS	1
#define IFLA_IFNAME	3
#define IFLA_MTU	4
#define IFA_LOCAL	2
#define IFA_LABEL	3
#define RTA_DST		1
#define RTA_OIF		4
#define RTA_GATEWAY	5
#define RT_TABLE_MAIN	254
#define RTN_UNICAST	1

struct sockaddr_nl {
	unsigned short	 nl_family;
	unsigned short	 nl_pad;
	unsigned	 nl_pid;
	unsigned	 nl_groups;
};
struct nlmsghdr {
	unsigned	 nlmsg_len;
	unsigned short	 nlmsg_type;
	unsigned short	 nlmsg_flags;
	unsigned	 nlmsg_seq;
	unsigned	 nlmsg_pid;
};
struct nlmsgerr {
	int		 error;
	struct nlmsghdr	 msg;
};
struct rtattr {
	unsigned short	 rta_len;
	unsigned short	 rta_type;
};
struct rtgenmsg {
	unsigned char	 rtgen_family;
};
struct ifinfomsg {
	unsigned char	 ifi_family, pad;
	unsigned short	 ifi_type;
	int		 ifi_index;
	unsigned	 ifi_flags, ifi_change;
};
struct ifaddrmsg {
	unsigned char	 ifa_family, ifa_prefixlen, ifa_flags, ifa_scope;
	unsigned	 ifa_index;
};
struct rtmsg {
	unsigned char	 rtm_family, rtm_dst_len, rtm_src_len, rtm_tos;
	unsigned char	 rtm_table, rtm_protocol, rtm_scope, rtm_type;
	unsigned	 rtm_flags;
};

#define NL_ALIGN(n)	(((n) + 3) & ~3u)
#define NLMSG_HDRLEN	((int)NL_ALIGN(sizeof(struct nlmsghdr)))
#define NLMSG_LENGTH(n)	((n) + NLMSG_HDRLEN)
#define NLMSG_DATA(h)	((void *)((char *)(h) + NLMSG_HDRLEN))
#define NLMSG_OK(h, len) ((len) >= (int)sizeof(struct nlmsghdr) && \
	(h)->nlmsg_len >= sizeof(struct nlmsghdr) && (h)->nlmsg_len <= \
	(unsigned)(len))
#define NLMSG_NEXT(h, len) ((len) -= NL_ALIGN((h)->nlmsg_len), \
	(struct nlmsghdr *)((char *)(h) + NL_ALIGN((h)->nlmsg_len)))
#define RTA_OK(a, len)	((len) >= (int)sizeof(struct rtattr) && \
	(a)->rta_len >= sizeof(struct rtattr) && (a)->rta_len <= (len))
#define RTA_NEXT(a, len) ((len) -= NL_ALIGN((a)->rta_len), \
	(struct rtattr *)((char *)(a) + NL_ALIGN((a)->rta_len)))
#define RTA_DATA(a)	((void *)((char *)(a) + 4))
#define RTA_PAYLOAD(a)	((int)(a)->rta_len - 4)
/* The attributes after a message's fixed part of type T. */
#define MSG_RTA(h, T)	((struct rtattr *)((char *)NLMSG_DATA(h) + \
	NL_ALIGN(sizeof(T))))
#define MSG_PAYLOAD(h, T) ((int)(h)->nlmsg_len - NLMSG_HDRLEN - \
	(int)NL_ALIGN(sizeof(T)))

static int failed;

static void
check(const char *what, int ok)
{
	printf("uifnet: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

static void
check_errno(const char *what, int r, int want)
{
	char line[160];

	snprintf(line, sizeof(line), "%s (r=%d errno=%d, want %d)", what, r,
	    r < 0 ? errno : 0, want);
	check(line, r < 0 && errno == want);
}

#define MAXIF	16

struct link {
	int	 index;
	char	 name[IFNAMSIZ];
	unsigned flags;
	unsigned short type;
	unsigned mtu;
	unsigned char hw[6];
	int	 has_hw;
	unsigned addr, mask;	/* host order; 0 none */
};

static struct link links[MAXIF];
static int nlinks;

static struct link *
link_by_index(int index)
{
	for (int i = 0; i < nlinks; i++)
		if (links[i].index == index)
			return &links[i];
	return NULL;
}

static int
ifreq_on(int s, unsigned long req, const char *name, struct ifreq *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->ifr_name, sizeof(r->ifr_name), "%s", name);
	return ioctl(s, req, r);
}

/* ---- netlink ---- */

static unsigned seq = 100;

static int
nl_send(int s, unsigned short type, unsigned short flags, const void *body,
    size_t blen)
{
	char buf[256];
	struct nlmsghdr *h = (void *)buf;
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	memset(buf, 0, sizeof(buf));
	h->nlmsg_len = NLMSG_LENGTH(blen);
	h->nlmsg_type = type;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = ++seq;
	memcpy(NLMSG_DATA(h), body, blen);
	return (int)sendto(s, buf, h->nlmsg_len, 0, (void *)&to, sizeof(to));
}

/*
 * Read a dump's datagrams until NLMSG_DONE, calling fn per message; the
 * count of messages, -1 on a broken answer.
 */
static int
nl_dump(int s, unsigned portid, void (*fn)(struct nlmsghdr *))
{
	static char buf[32768];
	int n = 0;

	for (;;) {
		struct sockaddr_nl from;
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_name = &from,
		    .msg_namelen = sizeof(from), .msg_iov = &iov,
		    .msg_iovlen = 1 };
		ssize_t len = recvmsg(s, &m, 0);
		struct nlmsghdr *h;

		if (len <= 0 || m.msg_namelen != sizeof(from) ||
		    from.nl_family != AF_NETLINK || from.nl_pid != 0 ||
		    (m.msg_flags & MSG_TRUNC))
			return -1;
		for (h = (void *)buf; NLMSG_OK(h, len);
		    h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != seq || h->nlmsg_pid != portid)
				return -1;
			if (h->nlmsg_type == NLMSG_DONE)
				return n;
			if (h->nlmsg_type == NLMSG_ERROR ||
			    !(h->nlmsg_flags & NLM_F_MULTI))
				return -1;
			fn(h);
			n++;
		}
	}
}

static void
on_link(struct nlmsghdr *h)
{
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	int len = MSG_PAYLOAD(h, struct ifinfomsg);
	struct link *l;

	if (h->nlmsg_type != RTM_NEWLINK || nlinks == MAXIF)
		return;
	l = &links[nlinks++];
	memset(l, 0, sizeof(*l));
	l->index = ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	l->type = ifi->ifi_type;
	for (struct rtattr *a = MSG_RTA(h, struct ifinfomsg); RTA_OK(a, len);
	    a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_IFNAME)
			snprintf(l->name, sizeof(l->name), "%s",
			    (char *)RTA_DATA(a));
		else if (a->rta_type == IFLA_MTU)
			memcpy(&l->mtu, RTA_DATA(a), 4);
		else if (a->rta_type == IFLA_ADDRESS &&
		    RTA_PAYLOAD(a) == 6) {
			memcpy(l->hw, RTA_DATA(a), 6);
			l->has_hw = 1;
		}
	}
}

static int addr_bad;

static void
on_addr(struct nlmsghdr *h)
{
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	int len = MSG_PAYLOAD(h, struct ifaddrmsg);
	struct link *l = link_by_index((int)ifa->ifa_index);

	if (h->nlmsg_type != RTM_NEWADDR || ifa->ifa_family != AF_INET)
		return;
	if (l == NULL) {
		addr_bad++;
		return;
	}
	for (struct rtattr *a = MSG_RTA(h, struct ifaddrmsg); RTA_OK(a, len);
	    a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFA_LOCAL && l->addr == 0) {
			unsigned v;

			memcpy(&v, RTA_DATA(a), 4);
			l->addr = ntohl(v);
			l->mask = ifa->ifa_prefixlen == 0 ? 0 :
			    0xffffffffu << (32 - ifa->ifa_prefixlen);
		}
		if (a->rta_type == IFA_LABEL &&
		    strcmp(RTA_DATA(a), l->name) != 0)
			addr_bad++;
	}
}

struct route {
	int	 oif;
	unsigned dst, mask, gw;
};
static struct route routes[MAXIF];
static int nroutes;

static void
on_route(struct nlmsghdr *h)
{
	struct rtmsg *rt = NLMSG_DATA(h);
	int len = MSG_PAYLOAD(h, struct rtmsg);
	struct route *r;

	if (h->nlmsg_type != RTM_NEWROUTE || rt->rtm_table != RT_TABLE_MAIN ||
	    rt->rtm_family != AF_INET || rt->rtm_type != RTN_UNICAST ||
	    nroutes == MAXIF)
		return;
	r = &routes[nroutes++];
	memset(r, 0, sizeof(*r));
	r->mask = rt->rtm_dst_len == 0 ? 0 :
	    0xffffffffu << (32 - rt->rtm_dst_len);
	for (struct rtattr *a = MSG_RTA(h, struct rtmsg); RTA_OK(a, len);
	    a = RTA_NEXT(a, len)) {
		unsigned v = 0;

		if (RTA_PAYLOAD(a) >= 4)
			memcpy(&v, RTA_DATA(a), 4);
		if (a->rta_type == RTA_OIF)
			r->oif = (int)v;
		else if (a->rta_type == RTA_DST)
			r->dst = ntohl(v);
		else if (a->rta_type == RTA_GATEWAY)
			r->gw = ntohl(v);
	}
}

/* The one answer to a request that is not a dump, into buf. */
static ssize_t
nl_answer(int s, char *buf, size_t size)
{
	struct pollfd p = { s, POLLIN, 0 };

	if (poll(&p, 1, 10000) != 1)
		return -1;
	return recv(s, buf, size, MSG_DONTWAIT);
}

static int
nl_error_of(const char *buf, ssize_t len)
{
	const struct nlmsghdr *h = (const void *)buf;
	const struct nlmsgerr *e = NLMSG_DATA(h);

	if (len < (ssize_t)NLMSG_LENGTH(sizeof(*e)) ||
	    h->nlmsg_type != NLMSG_ERROR || h->nlmsg_seq != seq)
		return 1;
	return e->error;
}

static void
test_netlink(int *portid_out)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK };
	socklen_t alen = sizeof(a);
	struct rtgenmsg g = { AF_UNSPEC };
	char buf[8192];
	unsigned portid;
	ssize_t n = -1;
	int s, s2;

	check_errno("netlink SOCK_STREAM", socket(AF_NETLINK, SOCK_STREAM,
	    NETLINK_ROUTE), ESOCKTNOSUPPORT);
	check_errno("netlink protocol 99", socket(AF_NETLINK, SOCK_RAW, 99),
	    EPROTONOSUPPORT);
	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	check("netlink socket", s >= 0);
	check("getsockname before bind: port 0", getsockname(s, (void *)&a,
	    &alen) == 0 && alen == sizeof(a) && a.nl_family == AF_NETLINK &&
	    a.nl_pid == 0);
	check_errno("bind short address", bind(s, (void *)&a, 4), EINVAL);
	memset(&a, 0, sizeof(a));
	a.nl_family = AF_INET;
	check_errno("bind other family", bind(s, (void *)&a, sizeof(a)),
	    EINVAL);
	a.nl_family = AF_NETLINK;
	check("bind port 0", bind(s, (void *)&a, sizeof(a)) == 0);
	alen = sizeof(a);
	check("getsockname: the pid", getsockname(s, (void *)&a, &alen) == 0 &&
	    a.nl_pid == (unsigned)getpid());
	portid = a.nl_pid;
	*portid_out = (int)portid;
	s2 = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE);
	check_errno("bind a port in use", bind(s2, (void *)&a, sizeof(a)),
	    EADDRINUSE);
	a.nl_pid = 0;
	alen = sizeof(a);
	check("second socket: another port", bind(s2, (void *)&a,
	    sizeof(a)) == 0 && getsockname(s2, (void *)&a, &alen) == 0 &&
	    a.nl_pid != portid && a.nl_pid != 0);
	close(s2);

	/* The dumps. */
	check("RTM_GETLINK dump sent", nl_send(s, RTM_GETLINK,
	    NLM_F_REQUEST | NLM_F_DUMP, &g, sizeof(g)) > 0);
	{
		struct pollfd p = { s, POLLIN, 0 };

		check("readable after the request", poll(&p, 1, 10000) == 1 &&
		    (p.revents & POLLIN));
	}
	check("RTM_GETLINK dump", nl_dump(s, portid, on_link) > 0);
	check("lo is interface 1", nlinks > 0 && links[0].index == 1 &&
	    strcmp(links[0].name, "lo") == 0 &&
	    links[0].type == ARPHRD_LOOPBACK);
	check("RTM_GETADDR dump", nl_send(s, RTM_GETADDR,
	    NLM_F_REQUEST | NLM_F_DUMP, &g, sizeof(g)) > 0 &&
	    nl_dump(s, portid, on_addr) > 0 && addr_bad == 0);
	check("lo has 127.0.0.1/8", links[0].addr == 0x7f000001 &&
	    links[0].mask == 0xff000000);
	g.rtgen_family = AF_INET;
	check("RTM_GETROUTE dump", nl_send(s, RTM_GETROUTE,
	    NLM_F_REQUEST | NLM_F_DUMP, &g, sizeof(g)) > 0 &&
	    nl_dump(s, portid, on_route) >= 0);

	/* Requests that are not dumps, and malformed ones. */
	{
		struct ifinfomsg ifi = { .ifi_index = 1 };
		struct nlmsghdr *h = (void *)buf;

		check("RTM_GETLINK of index 1", nl_send(s, RTM_GETLINK,
		    NLM_F_REQUEST, &ifi, sizeof(ifi)) > 0 &&
		    (n = nl_answer(s, buf, sizeof(buf))) > 0 &&
		    h->nlmsg_type == RTM_NEWLINK && h->nlmsg_seq == seq &&
		    ((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index == 1);
		ifi.ifi_index = 0x7fff0000;
		check("RTM_GETLINK of no such index: ENODEV", nl_send(s,
		    RTM_GETLINK, NLM_F_REQUEST, &ifi, sizeof(ifi)) > 0 &&
		    (n = nl_answer(s, buf, sizeof(buf))) > 0 &&
		    nl_error_of(buf, n) == -ENODEV);
		check("RTM_GETLINK with a short header: EINVAL", nl_send(s,
		    RTM_GETLINK, NLM_F_REQUEST, &ifi, 4) > 0 &&
		    (n = nl_answer(s, buf, sizeof(buf))) > 0 &&
		    nl_error_of(buf, n) == -EINVAL);
		/* The error echoes the request whole. */
		check("error carries the request", n >= (ssize_t)
		    NLMSG_LENGTH(sizeof(struct nlmsgerr)) &&
		    ((struct nlmsgerr *)NLMSG_DATA(h))->msg.nlmsg_len ==
		    NLMSG_LENGTH(4) && h->nlmsg_len == NLMSG_LENGTH(
		    sizeof(struct nlmsgerr) - sizeof(struct nlmsghdr) +
		    NLMSG_LENGTH(4)));
		check("a type past RTM_MAX: EOPNOTSUPP", nl_send(s, 0x7fff,
		    NLM_F_REQUEST, &ifi, sizeof(ifi)) > 0 &&
		    (n = nl_answer(s, buf, sizeof(buf))) > 0 &&
		    nl_error_of(buf, n) == -EOPNOTSUPP);
		ifi.ifi_index = 1;
		n = -1;
		if (nl_send(s, RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, &ifi,
		    sizeof(ifi)) > 0)
			n = nl_answer(s, buf, sizeof(buf));
		/* Each answer a datagram of its own, as Linux. */
		check("NLM_F_ACK: the link, then error 0", n > 0 &&
		    h->nlmsg_type == RTM_NEWLINK && NLMSG_OK(h, (int)n) &&
		    NL_ALIGN(h->nlmsg_len) >= (unsigned)n &&
		    (n = nl_answer(s, buf, sizeof(buf))) > 0 &&
		    nl_error_of(buf, n) == 0);
		check("not a request: no answer", nl_send(s, RTM_GETLINK, 0,
		    &ifi, sizeof(ifi)) > 0 && recv(s, buf, sizeof(buf),
		    MSG_DONTWAIT) < 0 && errno == EAGAIN);
	}
	{
		/* A message shorter than its header: ignored. */
		struct nlmsghdr h = { 8, RTM_GETLINK, NLM_F_REQUEST, 1, 0 };
		struct sockaddr_nl to = { .nl_family = AF_NETLINK };

		check("runt message sent", sendto(s, &h, sizeof(h), 0,
		    (void *)&to, sizeof(to)) == sizeof(h));
		check("runt message: no answer", recv(s, buf, sizeof(buf),
		    MSG_DONTWAIT) < 0 && errno == EAGAIN);
		to.nl_pid = 0x7ffffff0;
		check_errno("send to no such port", (int)sendto(s, &h,
		    sizeof(h), 0, (void *)&to, sizeof(to)), ECONNREFUSED);
		check_errno("send with a short address", (int)sendto(s, &h,
		    sizeof(h), 0, (void *)&to, 4), EINVAL);
	}
	{
		/* A datagram longer than the buffer: cut, MSG_TRUNC. */
		struct iovec iov = { buf, 20 };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

		nl_send(s, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, &g,
		    sizeof(g));
		n = recvmsg(s, &m, 0);
		check("short buffer: 20 bytes and MSG_TRUNC", n == 20 &&
		    (m.msg_flags & MSG_TRUNC));
		while (recv(s, buf, sizeof(buf), MSG_DONTWAIT) > 0)
			;
	}
	close(s);
	/*
	 * Answers past the receive buffer are dropped: the reader is told
	 * ENOBUFS first, once, then gets what was kept.
	 */
	s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	{
		struct ifinfomsg ifi = { .ifi_index = 1 };
		int v = 1024, sent = 0, got = 0;

		setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
		for (int k = 0; k < 100; k++)
			sent += nl_send(s, RTM_GETLINK, NLM_F_REQUEST, &ifi,
			    sizeof(ifi)) > 0;
		check("100 requests sent", sent == 100);
		check_errno("overrun: ENOBUFS first", (int)recv(s, buf,
		    sizeof(buf), MSG_DONTWAIT), ENOBUFS);
		while (recv(s, buf, sizeof(buf), MSG_DONTWAIT) > 0)
			got++;
		check("then what was kept, then EAGAIN", got >= 1 && got < 100 &&
		    errno == EAGAIN);
	}
	close(s);
}

/* ---- ioctls ---- */

static void
test_ioctls(int s, const char *fam)
{
	struct ifreq r;
	char what[96];
	int ok;

#define W(x) (snprintf(what, sizeof(what), "%s: %s", fam, x), what)
	check(W("SIOCGIFINDEX lo = 1"), ifreq_on(s, SIOCGIFINDEX, "lo", &r) ==
	    0 && r.ifr_ifindex == 1);
	memset(&r, 0, sizeof(r));
	r.ifr_ifindex = 1;
	check(W("SIOCGIFNAME 1 = lo"), ioctl(s, SIOCGIFNAME, &r) == 0 &&
	    strcmp(r.ifr_name, "lo") == 0);
	r.ifr_ifindex = 0x7fff0000;
	check_errno(W("SIOCGIFNAME of no index"), ioctl(s, SIOCGIFNAME, &r),
	    ENODEV);
	check(W("SIOCGIFFLAGS lo"), ifreq_on(s, SIOCGIFFLAGS, "lo", &r) == 0 &&
	    (unsigned short)r.ifr_flags == (IFF_UP | IFF_LOOPBACK |
	    IFF_RUNNING));
	check_errno(W("SIOCGIFFLAGS nosuch0"), ifreq_on(s, SIOCGIFFLAGS,
	    "nosuch0", &r), ENODEV);
	memset(&r, 'l', sizeof(r.ifr_name));
	check_errno(W("a name of 16 bytes is cut to 15"),
	    ioctl(s, SIOCGIFFLAGS, &r), ENODEV);
	check_errno(W("SIOCGIFFLAGS bad pointer"), ioctl(s, SIOCGIFFLAGS,
	    (void *)8), EFAULT);
	check_errno(W("SIOCGIFCONF bad pointer"), ioctl(s, SIOCGIFCONF,
	    (void *)8), EFAULT);
	check(W("SIOCGIFHWADDR lo"), ifreq_on(s, SIOCGIFHWADDR, "lo", &r) ==
	    0 && r.ifr_hwaddr.sa_family == ARPHRD_LOOPBACK &&
	    memcmp(r.ifr_hwaddr.sa_data, "\0\0\0\0\0\0", 6) == 0);
	check(W("SIOCGIFMTU lo = 65536"), ifreq_on(s, SIOCGIFMTU, "lo", &r) ==
	    0 && r.ifr_mtu == 65536);
	check(W("SIOCGIFTXQLEN lo = 1000"), ifreq_on(s, SIOCGIFTXQLEN, "lo",
	    &r) == 0 && r.ifr_qlen == 1000);
	check(W("SIOCGIFMETRIC lo = 0"), ifreq_on(s, SIOCGIFMETRIC, "lo",
	    &r) == 0 && r.ifr_metric == 0);
	memset(&r.ifr_map, 0xff, sizeof(r.ifr_map));
	ok = ifreq_on(s, SIOCGIFMAP, "lo", &r) == 0 && r.ifr_map.mem_start ==
	    0 && r.ifr_map.base_addr == 0 && r.ifr_map.irq == 0;
	check(W("SIOCGIFMAP lo: zeros"), ok);
	check_errno(W("SIOCGIFADDR: AF_INET's only"), ifreq_on(s, SIOCGIFADDR,
	    "lo", &r), ENOTTY);
	check_errno(W("SIOCADDRT: AF_INET's only"), ioctl(s, SIOCADDRT, &r),
	    ENOTTY);
	check_errno(W("SIOCGIFCOUNT"), ifreq_on(s, SIOCGIFCOUNT, "lo", &r),
	    ENOTTY);
	check_errno(W("SIOCDEVPRIVATE+15"), ifreq_on(s, SIOCDEVPRIVATE + 15,
	    "lo", &r), EOPNOTSUPP);
	check_errno(W("TCGETS"), ioctl(s, 0x5401, &r), ENOTTY);
	/* Setting what is already set changes nothing, as root. */
	ifreq_on(s, SIOCGIFFLAGS, "lo", &r);
	check(W("SIOCSIFFLAGS lo as they are"), ioctl(s, SIOCSIFFLAGS, &r) ==
	    0);
	ifreq_on(s, SIOCGIFMTU, "lo", &r);
	check(W("SIOCSIFMTU lo as it is"), ioctl(s, SIOCSIFMTU, &r) == 0);
	r.ifr_mtu = -1;
	check_errno(W("SIOCSIFMTU -1"), ioctl(s, SIOCSIFMTU, &r), EINVAL);
#undef W
}

/* Without CAP_NET_ADMIN the setters are EPERM (a child as nobody). */
static void
test_eperm(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct ifreq r;
		int s = socket(AF_UNIX, SOCK_DGRAM, 0), bad = 0;

		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(2);
		ifreq_on(s, SIOCGIFFLAGS, "lo", &r);
		bad += !(ioctl(s, SIOCSIFFLAGS, &r) < 0 && errno == EPERM);
		ifreq_on(s, SIOCGIFMTU, "lo", &r);
		bad += !(ioctl(s, SIOCSIFMTU, &r) < 0 && errno == EPERM);
		/* The capability comes before the device. */
		bad += !(ifreq_on(s, SIOCSIFFLAGS, "nosuch0", &r) < 0 &&
		    errno == EPERM);
		/* Reading stays anyone's. */
		bad += ifreq_on(s, SIOCGIFFLAGS, "lo", &r) != 0;
		/* A netlink change: its NLMSG_ERROR is EPERM. */
		{
			struct {
				struct nlmsghdr h;
				struct ifaddrmsg a;
				struct rtattr ra;
				unsigned addr;
			} rq = { { sizeof(rq), RTM_NEWADDR, NLM_F_REQUEST |
			    NLM_F_ACK, 1, 0 }, { AF_INET, 8, 0, 0, 1 },
			    { 8, IFA_LOCAL }, htonl(0x7f000002) };
			char ans[256];
			int n = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
			ssize_t len;

			seq = 1;
			bad += send(n, &rq, sizeof(rq), 0) != sizeof(rq);
			len = recv(n, ans, sizeof(ans), 0);
			bad += nl_error_of(ans, len) != -EPERM;
		}
		_exit(bad);
	}
	check("setters EPERM without CAP_NET_ADMIN, getters allowed",
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
}

/* The first line of a file, without its newline ("" if none). */
static const char *
first_line(const char *path)
{
	static char line[128];
	FILE *f = fopen(path, "r");

	line[0] = '\0';
	if (f != NULL) {
		if (fgets(line, sizeof(line), f) == NULL)
			line[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\n")] = '\0';
	return line;
}

/* /sys/class/net/<name>: index, MTU, address as netlink gave them. */
static void
test_sysfs(void)
{
	for (int i = 0; i < nlinks; i++) {
		struct link *l = &links[i];
		char path[96], want[32], what[96];

		snprintf(what, sizeof(what), "/sys/class/net/%s = netlink",
		    l->name);
		snprintf(path, sizeof(path), "/sys/class/net/%s/ifindex",
		    l->name);
		snprintf(want, sizeof(want), "%d", l->index);
		if (strcmp(first_line(path), want) != 0) {
			check(what, 0);
			continue;
		}
		snprintf(path, sizeof(path), "/sys/class/net/%s/mtu", l->name);
		snprintf(want, sizeof(want), "%u", l->mtu);
		if (strcmp(first_line(path), want) != 0) {
			check(what, 0);
			continue;
		}
		snprintf(path, sizeof(path), "/sys/class/net/%s/address",
		    l->name);
		snprintf(want, sizeof(want), "%02x:%02x:%02x:%02x:%02x:%02x",
		    l->hw[0], l->hw[1], l->hw[2], l->hw[3], l->hw[4], l->hw[5]);
		check(what, strcmp(first_line(path), want) == 0);
	}
}

/* Every link of the netlink dump, as the ioctls see it. */
static void
test_cross(int s)
{
	struct ifreq r;
	struct ifconf ic;
	char buf[40 * MAXIF];
	int nconf;

	for (int i = 0; i < nlinks; i++) {
		struct link *l = &links[i];
		char what[96];

		snprintf(what, sizeof(what), "ioctl = netlink for %s", l->name);
		check(what, ifreq_on(s, SIOCGIFINDEX, l->name, &r) == 0 &&
		    r.ifr_ifindex == l->index &&
		    ifreq_on(s, SIOCGIFFLAGS, l->name, &r) == 0 &&
		    (unsigned short)r.ifr_flags == (l->flags & 0xffff) &&
		    ifreq_on(s, SIOCGIFMTU, l->name, &r) == 0 &&
		    (unsigned)r.ifr_mtu == l->mtu &&
		    ifreq_on(s, SIOCGIFHWADDR, l->name, &r) == 0 &&
		    r.ifr_hwaddr.sa_family == l->type && l->has_hw &&
		    memcmp(r.ifr_hwaddr.sa_data, l->hw, 6) == 0);
		if (l->type == ARPHRD_ETHER && strncmp(l->name, "eth", 3) ==
		    0) {
			snprintf(what, sizeof(what), "%s is Ethernet: "
			    "broadcast, multicast, a unicast address", l->name);
			check(what, (l->flags & (IFF_BROADCAST |
			    IFF_MULTICAST)) == (IFF_BROADCAST | IFF_MULTICAST)
			    && !(l->hw[0] & 1) && memcmp(l->hw,
			    "\0\0\0\0\0\0", 6) != 0);
		}
	}
	/* SIOCGIFCONF: the interfaces with an address, whole entries. */
	ic.ifc_len = 0;
	ic.ifc_buf = NULL;
	check("SIOCGIFCONF without a buffer: the size", ioctl(s, SIOCGIFCONF,
	    &ic) == 0 && ic.ifc_len > 0 && ic.ifc_len % sizeof(r) == 0);
	nconf = ic.ifc_len / (int)sizeof(r);
	ic.ifc_len = sizeof(buf);
	ic.ifc_buf = buf;
	check("SIOCGIFCONF", ioctl(s, SIOCGIFCONF, &ic) == 0 &&
	    ic.ifc_len == nconf * (int)sizeof(r));
	for (int i = 0; i < nconf; i++) {
		struct ifreq *e = (struct ifreq *)buf + i;
		struct sockaddr_in *sin = (void *)&e->ifr_addr;
		struct link *l = NULL;
		char what[96];

		for (int k = 0; k < nlinks; k++)
			if (strcmp(links[k].name, e->ifr_name) == 0)
				l = &links[k];
		snprintf(what, sizeof(what), "SIOCGIFCONF %.16s = RTM_GETADDR",
		    e->ifr_name);
		check(what, l != NULL && sin->sin_family == AF_INET &&
		    ntohl(sin->sin_addr.s_addr) == l->addr);
	}
	ic.ifc_len = (int)sizeof(r) + 10;
	check("SIOCGIFCONF: only whole entries", ioctl(s, SIOCGIFCONF,
	    &ic) == 0 && ic.ifc_len == (int)sizeof(r));
}

/* /proc/net/dev lists the links in order; route the main table. */
static void
test_proc(int portid)
{
	char line[512];
	FILE *f = fopen("/proc/net/dev", "r");
	int n = 0, ok = 1;
	struct stat a, b;

	check("/proc/net/dev", f != NULL);
	if (f == NULL)
		return;
	ok = fgets(line, sizeof(line), f) != NULL && strcmp(line,
	    "Inter-|   Receive                                                "
	    "|  Transmit\n") == 0 && fgets(line, sizeof(line), f) != NULL &&
	    strcmp(line, " face |bytes    packets errs drop fifo frame "
	    "compressed multicast|bytes    packets errs drop fifo colls "
	    "carrier compressed\n") == 0;
	check("/proc/net/dev header", ok);
	ok = 1;
	while (fgets(line, sizeof(line), f) != NULL) {
		char name[IFNAMSIZ + 1];
		unsigned long long v[16];

		if (sscanf(line, " %16[^:]: %llu %llu %llu %llu %llu %llu %llu "
		    "%llu %llu %llu %llu %llu %llu %llu %llu %llu", name,
		    &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
		    &v[8], &v[9], &v[10], &v[11], &v[12], &v[13], &v[14],
		    &v[15]) != 17)
			ok = 0;
		else if (link_by_index(links[0].index) == NULL ||
		    link_by_index(if_nametoindex(name)) == NULL)
			ok = 0;
		n++;
	}
	fclose(f);
	check("/proc/net/dev: a line per link, 16 counters", ok &&
	    n == nlinks);
	/* The main table's routes, as RTM_GETROUTE gave them. */
	f = fopen("/proc/net/route", "r");
	check("/proc/net/route", f != NULL);
	if (f != NULL) {
		int m = 0, found = 0;

		ok = fgets(line, sizeof(line), f) != NULL &&
		    strncmp(line, "Iface\tDestination\tGateway \tFlags\t", 33)
		    == 0 && strlen(line) == 128;
		while (fgets(line, sizeof(line), f) != NULL) {
			char name[IFNAMSIZ + 1];
			unsigned dst, gw, flags, mask;

			if (sscanf(line, "%16s %X %X %X %*d %*u %*d %X", name,
			    &dst, &gw, &flags, &mask) != 5 ||
			    strlen(line) != 128) {
				ok = 0;
				continue;
			}
			m++;
			for (int i = 0; i < nroutes; i++)
				if (routes[i].dst == ntohl(dst) &&
				    routes[i].gw == ntohl(gw) &&
				    routes[i].mask == ntohl(mask) &&
				    (int)if_nametoindex(name) == routes[i].oif)
					found++;
		}
		fclose(f);
		check("/proc/net/route = RTM_GETROUTE", ok && m == nroutes &&
		    found == nroutes);
	}
	check("/proc/net is self/net", readlink("/proc/net", line,
	    sizeof(line)) == 8 && memcmp(line, "self/net", 8) == 0 &&
	    stat("/proc/self/net/dev", &a) == 0 && stat("/proc/net/dev",
	    &b) == 0);
	/* A bound AF_UNIX socket is listed with its path. */
	{
		struct sockaddr_un un = { .sun_family = AF_UNIX };
		int s = socket(AF_UNIX, SOCK_STREAM, 0), seen = 0;
		struct stat st;

		snprintf(un.sun_path, sizeof(un.sun_path), "/tmp/uifnet.%d",
		    portid);
		unlink(un.sun_path);
		check("bind a unix socket", bind(s, (void *)&un, sizeof(un)) ==
		    0 && listen(s, 1) == 0 && fstat(s, &st) == 0);
		f = fopen("/proc/net/unix", "r");
		while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
			unsigned long ino;
			unsigned flags, type, state;
			char path[128];

			if (sscanf(line, "%*x: %*x %*x %x %x %x %lu %127s",
			    &flags, &type, &state, &ino, path) == 5 &&
			    ino == st.st_ino && strcmp(path, un.sun_path) ==
			    0 && flags == 0x10000 && type == SOCK_STREAM &&
			    state == 1)
				seen++;
		}
		if (f != NULL)
			fclose(f);
		check("/proc/net/unix lists it, listening", seen == 1);
		close(s);
		unlink(un.sun_path);
	}
}

int
main(int argc, char **argv)
{
	int s, portid = 0;

	if (argc == 3 && strcmp(argv[1], "hw") == 0) {
		struct ifreq r;
		unsigned char *h = (unsigned char *)r.ifr_hwaddr.sa_data;

		s = socket(AF_UNIX, SOCK_DGRAM, 0);
		if (ifreq_on(s, SIOCGIFHWADDR, argv[2], &r) != 0)
			return 1;
		printf("%02x:%02x:%02x:%02x:%02x:%02x\n", h[0], h[1], h[2],
		    h[3], h[4], h[5]);
		return 0;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_netlink(&portid);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	test_ioctls(s, "unix");
	test_cross(s);
	close(s);
	s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	test_ioctls(s, "netlink");
	close(s);
	test_eperm();
	test_proc(portid);
	test_sysfs();
	if (failed == 0)
		printf("uifnet: done, all checks passed\n");
	else
		printf("uifnet: %d checks FAILED\n", failed);
	return failed != 0;
}
