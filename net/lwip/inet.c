/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * AF_INET sockets (TCP and UDP over IPv4) on lwIP's raw API.
 *
 * Why the raw API and not lwIP's netconn: a netconn call blocks in
 * lwIP's own semaphores, where a signal, SO_RCVTIMEO, MSG_PEEK, or a
 * poll that must not sleep cannot reach it.  Here a socket keeps its
 * own queues; lwIP's callbacks (in the tcpip thread) fill them and wake
 * the socket; the calls take what is queued, and sleep in the socket
 * layer's sock_wait as AF_UNIX does, so that signals, timeouts and
 * non-blocking mode behave the same in both families.
 *
 * Locking: lwIP's core lock (LOCK_TCPIP_CORE) guards every inet_sock
 * and every PCB.  lwIP's callbacks run in the tcpip thread with it
 * held; each call takes it.  A call that must wait gives the lock up
 * with interrupts off and sleeps on the socket's wait queue in one step
 * (inet_sleep), so no wake-up is lost between the look and the sleep.
 * Readiness is computed under the lock after every change and kept in
 * is_events, which po_poll reads without the lock (poll may be asked
 * from a wake-up, where the lock cannot be taken).
 *
 * Ownership: an inet_sock belongs to its socket (is_sock), or, before
 * accept, to its listener's queue (an embryo).  lwIP's PCB points back
 * to it through its callback argument; whoever frees the inet_sock
 * first takes every callback off the PCB, and a PCB lwIP frees (reset,
 * time-out) reports it through the error callback, which clears is_tcp.
 *
 * Bytes received are a list of lwIP's pbuf chains (inet_seg), taken in
 * order; TCP's window opens (tcp_recved) only as the program reads, so
 * what a socket holds is bounded by the window.  UDP datagrams queue
 * whole, up to the socket's receive buffer; past it they are dropped
 * and counted, as Linux drops them.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <net/socket.h>
#include <net/lwip/inet.h>

#include "lwip/opt.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"

#define POLLRDNORM	0x040
#define POLLWRNORM	0x100
#define POLLWRBAND	0x200
#define POLLRDHUP	0x2000

#define MSG_ERRQUEUE	0x2000

#define SIOCINQ		0x541b
#define SIOCOUTQ	0x5411
#define SIOCATMARK	0x8905

#define IPPROTO_IP	0
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17

/* IPPROTO_IP options */
#define IP_TOS		1
#define IP_TTL		2
#define IP_RECVERR	11
#define IP_MTU_DISCOVER	10
#define IP_BIND_ADDRESS_NO_PORT 24

/* IPPROTO_TCP options */
#define TCP_NODELAY	1
#define TCP_MAXSEG	2
#define TCP_CORK	3
#define TCP_KEEPIDLE	4
#define TCP_KEEPINTVL	5
#define TCP_KEEPCNT	6
#define TCP_SYNCNT	7
#define TCP_LINGER2	8
#define TCP_DEFER_ACCEPT 9
#define TCP_WINDOW_CLAMP 10
#define TCP_INFO	11
#define TCP_QUICKACK	12
#define TCP_CONGESTION	13
#define TCP_USER_TIMEOUT 18

/* IPPROTO_UDP options */
#define UDP_CORK	1

#define INET_CHUNK	16384	/* a send copies this much at a time */
#define INET_UDP_MAX	65507	/* the largest UDP payload over IPv4 */
#define INET_UDP_COST	256	/* what a queued datagram costs beyond
				 * its bytes */
#define INET_BACKLOG_MAX 255	/* lwIP counts a listener's queue in u8 */
/*
 * A connection acknowledges its first segments at once rather than
 * after lwIP's delayed-ACK timer, as Linux's quick-ACK mode does: a
 * sender held by Nagle's rule behind its first bytes would otherwise
 * wait a timer tick for each exchange.
 */
#define INET_QUICKACKS	16
#define INET_CORK_MAX	TCP_MSS	/* corked bytes wait for a segment's worth */
#define INET_CORK_MS	200	/* or this long at most, as Linux */

#define INET_SHUT_RD	1
#define INET_SHUT_WR	2

enum inet_state {
	INET_NEW,		/* TCP: neither connected nor listening */
	INET_LISTENING,
	INET_CONNECTING,
	INET_CONNECTED,
	INET_CLOSED,		/* was connected, or a connect failed */
};

/* A chain of bytes received, or (UDP) one datagram and its sender. */
struct inet_seg {
	struct inet_seg	*s_next;
	struct pbuf	*s_p;
	uint32_t	 s_off;		/* TCP: bytes of s_p already read */
	uint32_t	 s_addr;	/* UDP: the sender (network order) */
	uint16_t	 s_port;	/* host order */
};

struct inet_sock {
	struct socket	*is_sock;	/* NULL: an embryo, or closed */
	int		 is_type;	/* SOCK_STREAM or SOCK_DGRAM */
	enum inet_state	 is_state;
	struct tcp_pcb	*is_tcp;
	struct udp_pcb	*is_udp;
	bool		 is_bound;
	bool		 is_udp_connected;
	bool		 is_rx_eof;	/* TCP: the peer's FIN came */
	unsigned int	 is_shut;	/* INET_SHUT_* */
	int		 is_err;	/* the connection's error, for the
					 * next call (ECONNRESET...) */
	int		 is_soerr;	/* pending for SO_ERROR */
	/* The addresses last known (network order; ports host order). */
	uint32_t	 is_laddr, is_raddr;
	uint16_t	 is_lport, is_rport;
	/* Received and not yet read. */
	struct inet_seg	*is_rq, **is_rq_tail;
	size_t		 is_rq_bytes;
	uint64_t	 is_drops;	/* UDP datagrams dropped, no room */
	/* Listening: connections accepted by lwIP, waiting for accept(). */
	struct inet_sock *is_acc, **is_acc_tail, *is_acc_next;
	unsigned int	 is_acc_count;
	int		 is_backlog;
	/* Options lwIP does not keep. */
	bool		 is_nodelay;
	bool		 is_cork;	/* TCP_CORK */
	char		*is_cork_buf;	/* corked bytes (inet_cork_push) */
	size_t		 is_cork_len;
	bool		 is_cork_timer;	/* its time-out is set */
	bool		 is_cork_push;	/* push them as room comes */
	bool		 is_fin_pending; /* SHUT_WR once they are pushed */
	/* UDP: a datagram being gathered (MSG_MORE, UDP_CORK). */
	bool		 is_udp_cork;
	struct pbuf	*is_udp_pend;
	uint32_t	 is_pend_addr;	/* 0: the peer */
	uint16_t	 is_pend_port;
	unsigned int	 is_quickacks;	/* segments still acknowledged at once */
	int		 is_ttl, is_tos;	/* 0: lwIP's default */
	short		 is_events;	/* readiness, for po_poll */
};

static const struct sock_proto_ops inet_tcp_ops, inet_udp_ops;

static struct inet_sock *
inet_of(struct socket *so)
{
	return so->so_priv;
}

/* lwIP's error as Linux's errno (negative). */
static int
inet_errno(err_t e)
{
	switch (e) {
	case ERR_OK:		return 0;
	case ERR_MEM:		return -ENOMEM;
	case ERR_BUF:		return -ENOBUFS;
	case ERR_TIMEOUT:	return -ETIMEDOUT;
	case ERR_RTE:		return -ENETUNREACH;
	case ERR_INPROGRESS:	return -EINPROGRESS;
	case ERR_VAL:		return -EINVAL;
	case ERR_WOULDBLOCK:	return -EAGAIN;
	case ERR_USE:		return -EADDRINUSE;
	case ERR_ALREADY:	return -EALREADY;
	case ERR_ISCONN:	return -EISCONN;
	case ERR_CONN:		return -ENOTCONN;
	case ERR_IF:		return -ENETDOWN;
	case ERR_ABRT:		return -ECONNABORTED;
	case ERR_RST:		return -ECONNRESET;
	case ERR_CLSD:		return -ENOTCONN;
	case ERR_ARG:		return -EINVAL;
	default:		return -EIO;
	}
}

/* ---- readiness and waiting ---- */

static short
inet_tcp_events(const struct inet_sock *is)
{
	short ev = 0;

	if (is->is_state == INET_LISTENING)
		return is->is_acc != NULL ?
		    (short)(FILE_POLLIN | POLLRDNORM) : 0;
	if (is->is_soerr != 0 || is->is_err != 0)
		ev |= FILE_POLLERR;
	if (is->is_shut == (INET_SHUT_RD | INET_SHUT_WR) ||
	    is->is_state == INET_NEW || is->is_state == INET_CLOSED)
		ev |= FILE_POLLHUP;
	if (is->is_rx_eof || (is->is_shut & INET_SHUT_RD) ||
	    is->is_state == INET_CLOSED)
		ev |= (short)(FILE_POLLIN | POLLRDNORM | POLLRDHUP);
	if (is->is_state == INET_CONNECTING)
		return ev;
	if (is->is_rq_bytes > 0)
		ev |= FILE_POLLIN | POLLRDNORM;
	/*
	 * Writable: as Linux, when sending is shut (a send then fails at
	 * once), or when half of lwIP's send buffer is free.
	 */
	if (is->is_tcp == NULL || (is->is_shut & INET_SHUT_WR) ||
	    (tcp_sndbuf(is->is_tcp) >= TCP_SNDLOWAT &&
	    tcp_sndqueuelen(is->is_tcp) < TCP_SNDQUEUELOWAT))
		ev |= (short)(FILE_POLLOUT | POLLWRNORM | POLLWRBAND);
	return ev;
}

static short
inet_udp_events(const struct inet_sock *is)
{
	short ev = (short)(FILE_POLLOUT | POLLWRNORM | POLLWRBAND);

	if (is->is_soerr != 0)
		ev |= FILE_POLLERR;
	if (is->is_rq != NULL)
		ev |= FILE_POLLIN | POLLRDNORM;
	if (is->is_shut & INET_SHUT_RD)
		ev |= (short)(FILE_POLLIN | POLLRDNORM | POLLRDHUP);
	if (is->is_shut == (INET_SHUT_RD | INET_SHUT_WR))
		ev |= FILE_POLLHUP;
	return ev;
}

/*
 * After a change: readiness again, and a wake-up for the sleepers and
 * pollers (key: what the change was about, plus what became ready).
 * The core lock held.
 */
static void
inet_update(struct inet_sock *is, short key)
{
	short ev = is->is_type == SOCK_STREAM ? inet_tcp_events(is) :
	    inet_udp_events(is);
	short rose = (short)(ev & ~is->is_events);

	is->is_events = ev;
	if (is->is_sock != NULL && (key | rose) != 0)
		sock_wake(is->is_sock, (short)(key | rose));
}

/*
 * Sleep once, as sock_wait does, giving the core lock up while asleep;
 * the lock held on entry and on return.
 */
static long
inet_sleep(struct inet_sock *is, bool nonblock, uint64_t deadline)
{
	long error;
	bool on;

	if (nonblock)
		return -EAGAIN;
	on = intr_save();
	UNLOCK_TCPIP_CORE();
	error = sock_wait(&is->is_sock->so_wait, false, deadline);
	intr_restore(on);
	LOCK_TCPIP_CORE();
	return error;
}

/* ---- addresses ---- */

struct inet_sockaddr {
	uint16_t	 sin_family;
	uint16_t	 sin_port;	/* network order */
	uint32_t	 sin_addr;	/* network order */
	uint8_t		 sin_zero[8];
};

static uint16_t
inet_swap16(uint16_t v)
{
	return (uint16_t)(v << 8 | v >> 8);
}

static void
inet_addr_put(struct sock_addr *a, uint32_t addr, uint16_t port)
{
	struct inet_sockaddr sin = {
		.sin_family = AF_INET,
		.sin_port = inet_swap16(port),
		.sin_addr = addr,
	};

	memcpy(a->sa_data, &sin, sizeof(sin));
	a->sa_len = sizeof(sin);
}

/*
 * A caller's address: 0 and addr (network order), port (host order),
 * or -errno as Linux checks it (length first, then family).
 * unspec_any: AF_UNSPEC with INADDR_ANY is taken as AF_INET (bind).
 */
static int
inet_addr_get(const struct sock_addr *a, bool unspec_any, uint32_t *addr,
    uint16_t *port)
{
	struct inet_sockaddr sin;

	if (a->sa_len < sizeof(sin))
		return -EINVAL;
	memcpy(&sin, a->sa_data, sizeof(sin));
	if (sin.sin_family != AF_INET &&
	    !(unspec_any && sin.sin_family == AF_UNSPEC &&
	    sin.sin_addr == 0))
		return -EAFNOSUPPORT;
	*addr = sin.sin_addr;
	*port = inet_swap16(sin.sin_port);
	return 0;
}

static bool
inet_is_local(uint32_t addr)
{
	struct netif *n;

	if (addr == 0)
		return true;
	NETIF_FOREACH(n) {
		if (ip4_addr_get_u32(netif_ip4_addr(n)) == addr)
			return true;
	}
	return false;
}

/*
 * The checks bind makes in both protocols: the address is this
 * machine's, a port below 1024 needs CAP_NET_BIND_SERVICE.
 */
static int
inet_bind_check(uint32_t addr, uint16_t port, bool dgram)
{
	if (!inet_is_local(addr) &&
	    !(dgram && (addr == 0xffffffffu || ip4_addr_ismulticast(
	    &(ip4_addr_t){ addr }))))
		return -EADDRNOTAVAIL;
	if (port != 0 && port < 1024 && !proc_capable(CAP_NET_BIND_SERVICE))
		return -EACCES;
	return 0;
}

/* The addresses of a TCP PCB into is_laddr... (it may go later). */
static void
inet_tcp_names(struct inet_sock *is)
{
	struct tcp_pcb *pcb = is->is_tcp;

	if (pcb == NULL)
		return;
	is->is_laddr = ip4_addr_get_u32(ip_2_ip4(&pcb->local_ip));
	is->is_lport = pcb->local_port;
	if (pcb->state != LISTEN) {
		is->is_raddr = ip4_addr_get_u32(ip_2_ip4(&pcb->remote_ip));
		is->is_rport = pcb->remote_port;
	}
}

/* ---- the inet_sock ---- */

static struct inet_sock *
inet_new(int type)
{
	struct inet_sock *is = kzalloc(sizeof(*is));

	if (is == NULL)
		return NULL;
	is->is_type = type;
	is->is_state = INET_NEW;
	is->is_rq_tail = &is->is_rq;
	is->is_acc_tail = &is->is_acc;
	is->is_quickacks = INET_QUICKACKS;
	return is;
}

static void
inet_seg_free(struct inet_seg *s)
{
	pbuf_free(s->s_p);
	kfree(s);
}

static void
inet_rq_purge(struct inet_sock *is)
{
	struct inet_seg *s;

	while ((s = is->is_rq) != NULL) {
		is->is_rq = s->s_next;
		inet_seg_free(s);
	}
	is->is_rq_tail = &is->is_rq;
	is->is_rq_bytes = 0;
}

static void
inet_rq_append(struct inet_sock *is, struct inet_seg *s)
{
	s->s_next = NULL;
	*is->is_rq_tail = s;
	is->is_rq_tail = &s->s_next;
}

static void
inet_rq_pop(struct inet_sock *is)
{
	struct inet_seg *s = is->is_rq;

	if ((is->is_rq = s->s_next) == NULL)
		is->is_rq_tail = &is->is_rq;
	inet_seg_free(s);
}

/* ---- TCP: lwIP's callbacks (the tcpip thread, the core lock held) ---- */

static void inet_tcp_hook(struct inet_sock *is, struct tcp_pcb *pcb);
static void inet_cork_push(struct inet_sock *is);
static void inet_cork_drop(struct inet_sock *is);

static err_t
inet_tcp_recv_cb(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct inet_sock *is = arg;
	struct inet_seg *s;

	(void)err;
	if (is == NULL) {
		/* Not ours any more (cannot happen: callbacks go first). */
		if (p != NULL) {
			tcp_recved(pcb, p->tot_len);
			pbuf_free(p);
		}
		return ERR_OK;
	}
	if (p == NULL) {
		is->is_rx_eof = true;
		inet_update(is, FILE_POLLIN | POLLRDHUP);
		return ERR_OK;
	}
	if (is->is_shut & INET_SHUT_RD) {
		/* Read side shut: what comes is taken and thrown away. */
		tcp_recved(pcb, p->tot_len);
		pbuf_free(p);
		return ERR_OK;
	}
	/* No memory: lwIP keeps p and offers it again shortly. */
	if ((s = kzalloc(sizeof(*s))) == NULL)
		return ERR_MEM;
	s->s_p = p;
	inet_rq_append(is, s);
	is->is_rq_bytes += p->tot_len;
	if (is->is_quickacks > 0) {
		is->is_quickacks--;
		tcp_ack_now(pcb);	/* sent as tcp_input finishes */
	}
	inet_update(is, FILE_POLLIN);
	return ERR_OK;
}

static err_t
inet_tcp_sent_cb(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	struct inet_sock *is = arg;

	(void)pcb;
	(void)len;
	if (is == NULL)
		return ERR_OK;
	if (is->is_cork_push)
		inet_cork_push(is);
	if (is->is_fin_pending && is->is_cork_len == 0) {
		is->is_fin_pending = false;
		tcp_shutdown(pcb, 0, 1);
	}
	inet_update(is, 0);
	return ERR_OK;
}

/* lwIP freed the PCB (reset, time-out, or both sides closed). */
static void
inet_tcp_err_cb(void *arg, err_t err)
{
	struct inet_sock *is = arg;
	int e;

	if (is == NULL)
		return;
	is->is_tcp = NULL;
	if (err == ERR_CLSD) {
		/* Both sides closed in order: no error. */
		is->is_rx_eof = true;
		is->is_state = INET_CLOSED;
		inet_update(is, FILE_POLLIN | FILE_POLLHUP);
		return;
	}
	/* Linux's errors for a reset: by state, as tcp_reset gives them. */
	if (is->is_state == INET_CONNECTING)
		e = err == ERR_RST ? ECONNREFUSED : ETIMEDOUT;
	else if (err == ERR_RST && is->is_rx_eof)
		e = EPIPE;	/* the peer had closed: CLOSE_WAIT */
	else
		e = err == ERR_RST ? ECONNRESET : err == ERR_ABRT ?
		    ETIMEDOUT : -inet_errno(err);
	is->is_err = is->is_soerr = e;
	is->is_state = INET_CLOSED;
	if (is->is_sock != NULL)
		is->is_sock->so_state = SS_DISCONNECTED;
	inet_update(is, FILE_POLLERR | FILE_POLLHUP | FILE_POLLIN |
	    FILE_POLLOUT);
}

static err_t
inet_tcp_connected_cb(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct inet_sock *is = arg;

	(void)pcb;
	(void)err;
	if (is == NULL)
		return ERR_OK;
	is->is_state = INET_CONNECTED;
	inet_tcp_names(is);
	if (is->is_sock != NULL)
		is->is_sock->so_state = SS_CONNECTED;
	inet_update(is, FILE_POLLOUT);
	return ERR_OK;
}

static err_t
inet_tcp_accept_cb(void *arg, struct tcp_pcb *npcb, err_t err)
{
	struct inet_sock *ls = arg, *e;

	if (ls == NULL || npcb == NULL || err != ERR_OK)
		return ERR_VAL;
	if (ls->is_acc_count >= (unsigned int)ls->is_backlog)
		return ERR_MEM;		/* lwIP resets it */
	if ((e = inet_new(SOCK_STREAM)) == NULL)
		return ERR_MEM;
	e->is_state = INET_CONNECTED;
	e->is_bound = true;
	e->is_tcp = npcb;
	e->is_nodelay = ls->is_nodelay;
	inet_tcp_hook(e, npcb);
	if (e->is_nodelay)
		tcp_nagle_disable(npcb);
	inet_tcp_names(e);
	tcp_backlog_delayed(npcb);
	e->is_acc_next = NULL;
	*ls->is_acc_tail = e;
	ls->is_acc_tail = &e->is_acc_next;
	ls->is_acc_count++;
	inet_update(e, 0);
	inet_update(ls, FILE_POLLIN);
	return ERR_OK;
}

static void
inet_tcp_hook(struct inet_sock *is, struct tcp_pcb *pcb)
{
	tcp_arg(pcb, is);
	tcp_recv(pcb, inet_tcp_recv_cb);
	tcp_sent(pcb, inet_tcp_sent_cb);
	tcp_err(pcb, inet_tcp_err_cb);
}

/* Take our callbacks off a PCB we let go of. */
static void
inet_tcp_unhook(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, NULL);
	if (pcb->state == LISTEN) {
		tcp_accept(pcb, NULL);
		return;
	}
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
}

/* Free an inet_sock nobody will use again, its PCB reset. */
static void
inet_tcp_abort_free(struct inet_sock *is)
{
	if (is->is_tcp != NULL) {
		inet_tcp_unhook(is->is_tcp);
		tcp_abort(is->is_tcp);
		is->is_tcp = NULL;
	}
	inet_rq_purge(is);
	kfree(is);
}

/* ---- options and names common to both protocols ---- */

/* The options the socket keeps, onto a new PCB of either protocol. */
static void
inet_pcb_opts(struct inet_sock *is, struct ip_pcb *pcb)
{
	struct socket *so = is->is_sock;

	if (so->so_reuseaddr)
		ip_set_option(pcb, SOF_REUSEADDR);
	if (so->so_keepalive)
		ip_set_option(pcb, SOF_KEEPALIVE);
	if (so->so_broadcast)
		ip_set_option(pcb, SOF_BROADCAST);
	if (is->is_ttl != 0)
		pcb->ttl = (u8_t)is->is_ttl;
	pcb->tos = (u8_t)is->is_tos;
}

/*
 * bind(2) for both protocols: the address checked, the socket's PCB
 * made by new_pcb, then bound by bind_pcb (tcp_bind's or udp_bind's
 * work); the core lock taken here.
 */
static int
inet_bind(struct socket *so, const struct sock_addr *a, bool dgram,
    int (*new_pcb)(struct inet_sock *),
    err_t (*bind_pcb)(struct inet_sock *, const ip_addr_t *, uint16_t))
{
	struct inet_sock *is = inet_of(so);
	uint32_t addr;
	uint16_t port;
	ip_addr_t ip;
	int error;

	if ((error = inet_addr_get(a, true, &addr, &port)) != 0)
		return error;
	LOCK_TCPIP_CORE();
	if (is->is_bound || is->is_state != INET_NEW)
		error = -EINVAL;
	else if ((error = inet_bind_check(addr, port, dgram)) == 0 &&
	    (error = new_pcb(is)) == 0) {
		ip_addr_set_ip4_u32_val(ip, addr);
		if ((error = inet_errno(bind_pcb(is, &ip, port))) == 0)
			is->is_bound = true;
	}
	UNLOCK_TCPIP_CORE();
	return error;
}

/* ---- TCP: the calls ---- */

/* A PCB for a socket that has none yet (it was reset or closed). */
static int
inet_tcp_pcb(struct inet_sock *is)
{
	if (is->is_tcp != NULL)
		return 0;
	if ((is->is_tcp = tcp_new()) == NULL)
		return -ENOMEM;
	inet_tcp_hook(is, is->is_tcp);
	inet_pcb_opts(is, (struct ip_pcb *)(void *)is->is_tcp);
	if (is->is_nodelay)
		tcp_nagle_disable(is->is_tcp);
	return 0;
}

/* SO_REUSEADDR is on the PCB already: inet_pcb_opts at its making,
 * inet_sol_changed since. */
static err_t
inet_tcp_bind_pcb(struct inet_sock *is, const ip_addr_t *ip, uint16_t port)
{
	err_t e;

	if ((e = tcp_bind(is->is_tcp, ip, port)) == ERR_OK)
		inet_tcp_names(is);
	return e;
}

static int
inet_tcp_bind(struct socket *so, const struct sock_addr *a)
{
	return inet_bind(so, a, false, inet_tcp_pcb, inet_tcp_bind_pcb);
}

static int
inet_tcp_listen(struct socket *so, int backlog)
{
	struct inet_sock *is = inet_of(so);
	struct tcp_pcb *l;
	err_t e = ERR_OK;
	int error = 0;

	if (backlog < 1)
		backlog = 1;
	if (backlog > INET_BACKLOG_MAX)
		backlog = INET_BACKLOG_MAX;
	LOCK_TCPIP_CORE();
	if (is->is_state == INET_LISTENING) {
		is->is_backlog = backlog;
		((struct tcp_pcb_listen *)(void *)is->is_tcp)->backlog =
		    (u8_t)backlog;
		goto out;
	}
	if (is->is_state != INET_NEW) {
		error = -EINVAL;
		goto out;
	}
	if ((error = inet_tcp_pcb(is)) != 0)
		goto out;
	if (!is->is_bound) {
		if ((error = inet_errno(tcp_bind(is->is_tcp, IP_ADDR_ANY,
		    0))) != 0)
			goto out;
		is->is_bound = true;
	}
	inet_tcp_unhook(is->is_tcp);
	if ((l = tcp_listen_with_backlog_and_err(is->is_tcp, (u8_t)backlog,
	    &e)) == NULL) {
		inet_tcp_hook(is, is->is_tcp);
		error = e == ERR_USE ? -EADDRINUSE : inet_errno(e);
		goto out;
	}
	/* The old PCB is freed; the listening one takes its place. */
	is->is_tcp = l;
	tcp_arg(l, is);
	tcp_accept(l, inet_tcp_accept_cb);
	is->is_backlog = backlog;
	is->is_state = INET_LISTENING;
	so->so_state = SS_LISTENING;
	inet_tcp_names(is);
	inet_update(is, 0);
out:
	UNLOCK_TCPIP_CORE();
	return error;
}

static int
inet_tcp_accept(struct socket *so, struct socket **out, bool nonblock)
{
	struct inet_sock *is = inet_of(so), *e;
	uint64_t deadline = sock_deadline(so->so_rcvtimeo_ns);
	struct socket *child;
	long error = 0;

	if ((child = sock_new_child(so)) == NULL)
		return -ENOMEM;
	LOCK_TCPIP_CORE();
	for (;;) {
		if (is->is_state != INET_LISTENING) {
			error = -EINVAL;
			break;
		}
		if (is->is_acc != NULL)
			break;
		if ((error = inet_sleep(is, nonblock, deadline)) != 0)
			break;
	}
	if (error != 0) {
		UNLOCK_TCPIP_CORE();
		file_put(child->so_file);
		return (int)error;
	}
	e = is->is_acc;
	if ((is->is_acc = e->is_acc_next) == NULL)
		is->is_acc_tail = &is->is_acc;
	e->is_acc_next = NULL;
	is->is_acc_count--;
	if (e->is_tcp != NULL)
		tcp_backlog_accepted(e->is_tcp);
	e->is_sock = child;
	child->so_priv = e;
	child->so_ops = so->so_ops;
	child->so_state = e->is_state == INET_CONNECTED ? SS_CONNECTED :
	    SS_DISCONNECTED;
	/* What the connection took from the listener (lwIP copies the
	 * same to the PCB). */
	child->so_keepalive = so->so_keepalive;
	child->so_reuseaddr = so->so_reuseaddr;
	child->so_linger_on = so->so_linger_on;
	child->so_linger_secs = so->so_linger_secs;
	inet_update(e, 0);
	inet_update(is, 0);
	UNLOCK_TCPIP_CORE();
	*out = child;
	return 0;
}

static int
inet_tcp_connect(struct socket *so, const struct sock_addr *a,
    bool nonblock)
{
	struct inet_sock *is = inet_of(so);
	uint64_t deadline = sock_deadline(so->so_sndtimeo_ns);
	uint32_t addr;
	uint16_t port;
	ip_addr_t ip;
	long error;

	if (a->sa_len >= 2 && a->sa_data[0] == AF_UNSPEC &&
	    a->sa_data[1] == 0)
		return -EINVAL;		/* a TCP disconnect: not offered */
	if ((error = inet_addr_get(a, false, &addr, &port)) != 0)
		return (int)error;
	if (addr == 0)
		addr = PP_HTONL(0x7f000001);	/* as Linux: to this host */
	LOCK_TCPIP_CORE();
	switch (is->is_state) {
	case INET_CONNECTING:
		error = -EALREADY;
		goto out;
	case INET_CONNECTED:
	case INET_LISTENING:
		error = -EISCONN;
		goto out;
	case INET_CLOSED:
		/* A failed connect's error is reported once, then again. */
		if (is->is_soerr != 0) {
			error = -is->is_soerr;
			is->is_soerr = 0;
			is->is_err = 0;
			inet_update(is, 0);
			goto out;
		}
		error = is->is_err != 0 ? -ECONNABORTED : -EISCONN;
		goto out;
	case INET_NEW:
		break;
	}
	if (port == 0) {
		error = -ECONNREFUSED;
		goto out;
	}
	if ((error = inet_tcp_pcb(is)) != 0)
		goto out;
	ip_addr_set_ip4_u32_val(ip, addr);
	if ((error = inet_errno(tcp_connect(is->is_tcp, &ip, port,
	    inet_tcp_connected_cb))) != 0)
		goto out;
	is->is_bound = true;
	is->is_state = INET_CONNECTING;
	inet_tcp_names(is);
	inet_update(is, 0);
	if (nonblock) {
		error = -EINPROGRESS;
		goto out;
	}
	while (is->is_state == INET_CONNECTING) {
		if ((error = inet_sleep(is, false, deadline)) != 0) {
			/* Interrupted: it goes on connecting, as Linux. */
			if (error == -EAGAIN)
				error = -EINPROGRESS;
			goto out;
		}
	}
	if (is->is_state == INET_CONNECTED) {
		error = 0;
	} else {
		error = -(is->is_soerr != 0 ? is->is_soerr : ECONNREFUSED);
		is->is_soerr = 0;
		is->is_err = 0;
		inet_update(is, 0);
	}
out:
	UNLOCK_TCPIP_CORE();
	return (int)error;
}

/*
 * A blocking send waits for the connection to be made; then what is
 * wrong with it, if anything (-errno), or 0.
 */
static long
inet_tcp_send_state(struct inet_sock *is)
{
	if (is->is_err != 0) {
		long e = -is->is_err;

		is->is_err = 0;		/* reported once; then EPIPE */
		return e;
	}
	if ((is->is_shut & INET_SHUT_WR) || is->is_tcp == NULL ||
	    is->is_state == INET_NEW || is->is_state == INET_LISTENING ||
	    is->is_state == INET_CLOSED)
		return -EPIPE;
	return 0;
}

/*
 * Hand lwIP up to n bytes: how many it took (0: no room now, wait for
 * acknowledgements), or -errno.  more: further bytes follow at once.
 */
static long
inet_tcp_push(struct inet_sock *is, const char *data, size_t n, bool more)
{
	size_t room = tcp_sndbuf(is->is_tcp);
	err_t e;

	if (room > n)
		room = n;
	if (room == 0 || tcp_sndqueuelen(is->is_tcp) >= TCP_SND_QUEUELEN - 1)
		return 0;
	e = tcp_write(is->is_tcp, data, (u16_t)room, TCP_WRITE_FLAG_COPY |
	    (more || room < n ? TCP_WRITE_FLAG_MORE : 0));
	if (e == ERR_MEM) {
		if (is->is_tcp->unacked == NULL && is->is_tcp->unsent == NULL)
			return -ENOMEM;	/* nothing to wait for */
		return 0;
	}
	return e == ERR_OK ? (long)room : inet_errno(e);
}

/*
 * Corked bytes (TCP_CORK, MSG_MORE) wait in is_cork_buf until a full
 * segment is there, a send comes without MSG_MORE, the cork comes off,
 * or INET_CORK_MS pass (Linux's bound), whichever is first.  Push what
 * lwIP takes now; the rest goes as acknowledgements make room
 * (inet_tcp_sent_cb).  The core lock held.
 */
static void
inet_cork_push(struct inet_sock *is)
{
	long r;

	if (is->is_cork_len == 0 || is->is_tcp == NULL) {
		is->is_cork_push = false;
		return;
	}
	is->is_cork_push = true;
	while (is->is_cork_len > 0 && is->is_tcp != NULL &&
	    (r = inet_tcp_push(is, is->is_cork_buf, is->is_cork_len,
	    false)) > 0) {
		memmove(is->is_cork_buf, is->is_cork_buf + r,
		    is->is_cork_len - (size_t)r);
		is->is_cork_len -= (size_t)r;
	}
	if (is->is_tcp != NULL)
		tcp_output(is->is_tcp);
	if (is->is_cork_len == 0)
		is->is_cork_push = false;
}

static void
inet_cork_timer(void *arg)
{
	struct inet_sock *is = arg;

	is->is_cork_timer = false;
	inet_cork_push(is);
	inet_update(is, 0);
}

/* Keep n bytes in the cork buffer (room checked by the caller). */
static int
inet_cork_add(struct inet_sock *is, const char *data, size_t n)
{
	if (is->is_cork_buf == NULL &&
	    (is->is_cork_buf = kmalloc(INET_CORK_MAX)) == NULL)
		return -ENOMEM;
	memcpy(is->is_cork_buf + is->is_cork_len, data, n);
	is->is_cork_len += n;
	if (!is->is_cork_timer) {
		is->is_cork_timer = true;
		sys_timeout(INET_CORK_MS, inet_cork_timer, is);
	}
	return 0;
}

static void
inet_cork_drop(struct inet_sock *is)
{
	if (is->is_cork_timer)
		sys_untimeout(inet_cork_timer, is);
	is->is_cork_timer = false;
	kfree(is->is_cork_buf);
	is->is_cork_buf = NULL;
	is->is_cork_len = 0;
}

static long
inet_tcp_sendmsg(struct socket *so, struct sock_msg *m)
{
	struct inet_sock *is = inet_of(so);
	bool nonblock = sock_nonblock(so, m->sm_flags);
	uint64_t deadline = sock_deadline(so->so_sndtimeo_ns);
	size_t len = m->sm_len, sent = 0;
	long error = 0, r;
	char *buf;

	if (m->sm_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if ((buf = kmalloc(len < INET_CHUNK ? (len > 0 ? len : 1) :
	    INET_CHUNK)) == NULL)
		return -ENOMEM;
	do {
		size_t n = len - sent, off = 0;

		if (n > INET_CHUNK)
			n = INET_CHUNK;
		if ((error = sock_msg_copy_in(m, buf, n)) != 0)
			break;
		LOCK_TCPIP_CORE();
		while (off < n || n == 0) {
			bool corked = (m->sm_flags & MSG_MORE) || is->is_cork;

			if (is->is_state == INET_CONNECTING) {
				if ((error = inet_sleep(is, nonblock,
				    deadline)) != 0)
					break;
				continue;
			}
			if ((error = inet_tcp_send_state(is)) != 0)
				break;
			/* Corked bytes go first: when uncorked, or full. */
			if (is->is_cork_len > 0 && (!corked ||
			    is->is_cork_len == INET_CORK_MAX)) {
				inet_cork_push(is);
				if (is->is_cork_len > 0 && (error = inet_sleep(
				    is, nonblock, deadline)) != 0)
					break;
				continue;
			}
			if (n == 0)
				break;
			if (corked) {
				size_t c = INET_CORK_MAX - is->is_cork_len;

				if (c > n - off)
					c = n - off;
				if ((error = inet_cork_add(is, buf + off, c)) !=
				    0)
					break;
				off += c;
				continue;
			}
			r = inet_tcp_push(is, buf + off, n - off,
			    sent + n < len);
			if (r < 0) {
				error = r;
				break;
			}
			if (r == 0) {
				tcp_output(is->is_tcp);
				if ((error = inet_sleep(is, nonblock,
				    deadline)) != 0)
					break;
				continue;
			}
			off += (size_t)r;
		}
		if (is->is_tcp != NULL && off > 0 && is->is_cork_len == 0)
			tcp_output(is->is_tcp);
		inet_update(is, 0);
		UNLOCK_TCPIP_CORE();
		sent += off;
	} while (error == 0 && sent < len);
	kfree(buf);
	if (sent > 0)
		return (long)sent;
	if (error == -EPIPE && !(m->sm_flags & MSG_NOSIGNAL))
		signal_send(proc_current(), SIGPIPE);
	return error;
}

/* Give the window back for n bytes read (tcp_recved takes u16). */
static void
inet_tcp_recved(struct inet_sock *is, size_t n)
{
	while (n > 0 && is->is_tcp != NULL) {
		u16_t c = n > 0xffff ? 0xffff : (u16_t)n;

		tcp_recved(is->is_tcp, c);
		n -= c;
	}
}

/*
 * Copy (or with MSG_TRUNC skip) up to want bytes from the queue; with
 * peek nothing is taken.  The core lock held.
 */
static long
inet_tcp_take(struct inet_sock *is, struct sock_msg *m, size_t want,
    bool peek, bool discard)
{
	struct inet_seg *s = is->is_rq;
	size_t done = 0, skip = 0;
	int error = 0;

	while (s != NULL && done < want) {
		struct pbuf *q = s->s_p;
		size_t off = s->s_off + skip, left = q->tot_len - off;
		size_t n = left < want - done ? left : want - done;
		size_t copied = 0;

		for (; q != NULL && off >= q->len; q = q->next)
			off -= q->len;
		while (!discard && q != NULL && copied < n) {
			size_t c = q->len - off;

			if (c > n - copied)
				c = n - copied;
			if ((error = sock_msg_copy_out(m, (char *)q->payload +
			    off, c)) != 0)
				break;
			copied += c;
			off = 0;
			q = q->next;
		}
		if (error != 0)
			break;
		done += n;
		if (peek) {
			skip = 0;
			s = s->s_next;
			continue;
		}
		s->s_off += (uint32_t)n;
		is->is_rq_bytes -= n;
		if (s->s_off == s->s_p->tot_len) {
			inet_rq_pop(is);
			s = is->is_rq;
		}
	}
	if (!peek)
		inet_tcp_recved(is, done);
	return done > 0 ? (long)done : error;
}

static long
inet_tcp_recvmsg(struct socket *so, struct sock_msg *m)
{
	struct inet_sock *is = inet_of(so);
	bool nonblock = sock_nonblock(so, m->sm_flags);
	bool peek = (m->sm_flags & MSG_PEEK) != 0;
	bool waitall = (m->sm_flags & MSG_WAITALL) && !peek;
	uint64_t deadline = sock_deadline(so->so_rcvtimeo_ns);
	size_t want = m->sm_len, got = 0;
	long error = 0, n;

	if (m->sm_flags & MSG_OOB)
		return -EINVAL;		/* no urgent data is kept */
	if (m->sm_flags & MSG_ERRQUEUE)
		return -EAGAIN;		/* no errors are queued */
	m->sm_addr.sa_len = 0;
	LOCK_TCPIP_CORE();
	if (is->is_state == INET_LISTENING || is->is_state == INET_NEW) {
		UNLOCK_TCPIP_CORE();
		return -ENOTCONN;
	}
	for (;;) {
		if (is->is_rq_bytes > 0 && got < want) {
			n = inet_tcp_take(is, m, want - got, peek,
			    (m->sm_flags & MSG_TRUNC) != 0);
			if (n < 0) {
				error = n;
				break;
			}
			got += (size_t)n;
			inet_update(is, 0);
			if (!waitall || got == want)
				break;
			continue;
		}
		if (want == 0 && is->is_state != INET_CONNECTING)
			break;
		if (is->is_err != 0) {
			if (got == 0) {
				error = -is->is_err;
				is->is_err = 0;	/* once; then end of file */
				is->is_rx_eof = true;
				inet_update(is, 0);
			}
			break;
		}
		if (is->is_rx_eof || (is->is_shut & INET_SHUT_RD) ||
		    (is->is_state == INET_CLOSED && is->is_tcp == NULL))
			break;
		if ((error = inet_sleep(is, nonblock, deadline)) != 0)
			break;
	}
	UNLOCK_TCPIP_CORE();
	if (got > 0)
		return (long)got;
	return error;
}

static int
inet_tcp_shutdown(struct socket *so, int how)
{
	struct inet_sock *is = inet_of(so);
	unsigned int bits = how == SHUT_RD ? INET_SHUT_RD :
	    how == SHUT_WR ? INET_SHUT_WR : INET_SHUT_RD | INET_SHUT_WR;
	int error = 0;

	LOCK_TCPIP_CORE();
	if (is->is_state == INET_LISTENING) {
		/* Linux stops listening when reading is shut. */
		if (bits & INET_SHUT_RD) {
			is->is_shut |= bits;
			inet_update(is, FILE_POLLIN | FILE_POLLHUP);
		}
		goto out;
	}
	if (is->is_state != INET_CONNECTED && is->is_state !=
	    INET_CONNECTING && !(is->is_state == INET_CLOSED &&
	    is->is_tcp != NULL)) {
		error = -ENOTCONN;
		goto out;
	}
	if ((bits & INET_SHUT_WR) && !(is->is_shut & INET_SHUT_WR) &&
	    is->is_tcp != NULL) {
		/* Corked bytes go before the FIN. */
		inet_cork_push(is);
		if (is->is_cork_len > 0)
			is->is_fin_pending = true;
		else
			error = inet_errno(tcp_shutdown(is->is_tcp, 0, 1));
	}
	is->is_shut |= bits;
	inet_update(is, FILE_POLLIN | FILE_POLLOUT | FILE_POLLHUP |
	    POLLRDHUP);
out:
	UNLOCK_TCPIP_CORE();
	return error;
}

static int
inet_getname(struct socket *so, struct sock_addr *a, bool peer)
{
	struct inet_sock *is = inet_of(so);
	int error = 0;

	LOCK_TCPIP_CORE();
	if (is->is_type == SOCK_STREAM)
		inet_tcp_names(is);
	else if (is->is_udp != NULL) {
		is->is_laddr = ip4_addr_get_u32(ip_2_ip4(
		    &is->is_udp->local_ip));
		is->is_lport = is->is_udp->local_port;
	}
	if (!peer)
		inet_addr_put(a, is->is_laddr, is->is_lport);
	else if ((is->is_type == SOCK_STREAM && is->is_state !=
	    INET_CONNECTED && !(is->is_state == INET_CLOSED &&
	    is->is_tcp != NULL)) ||
	    (is->is_type == SOCK_DGRAM && !is->is_udp_connected))
		error = -ENOTCONN;
	else
		inet_addr_put(a, is->is_raddr, is->is_rport);
	UNLOCK_TCPIP_CORE();
	return error;
}

static void
inet_tcp_release(struct socket *so)
{
	struct inet_sock *is = inet_of(so), *e;

	LOCK_TCPIP_CORE();
	is->is_sock = NULL;
	/* Connections nobody accepted are reset, as Linux does. */
	while ((e = is->is_acc) != NULL) {
		is->is_acc = e->is_acc_next;
		inet_tcp_abort_free(e);
	}
	if (is->is_tcp != NULL) {
		struct tcp_pcb *pcb = is->is_tcp;
		bool reset = is->is_rq_bytes > 0 ||
		    (so->so_linger_on && so->so_linger_secs == 0);

		/* Corked bytes go before the FIN (what fits now). */
		if (!reset)
			inet_cork_push(is);
		inet_tcp_unhook(pcb);
		is->is_tcp = NULL;
		/*
		 * Unread bytes, or SO_LINGER of 0: a reset, as Linux.
		 * Otherwise lwIP sends what is queued and a FIN, and
		 * frees the PCB when done.
		 */
		if (reset && pcb->state != LISTEN)
			tcp_abort(pcb);
		else if (tcp_close(pcb) != ERR_OK)
			tcp_abort(pcb);
	}
	inet_cork_drop(is);
	inet_rq_purge(is);
	UNLOCK_TCPIP_CORE();
	kfree(is);
}

static int
inet_int_opt(const void *val, uint32_t len, int *v)
{
	if (len < sizeof(int))
		return -EINVAL;
	memcpy(v, val, sizeof(int));
	return 0;
}

static int
inet_int_out(void *val, uint32_t *len, int v)
{
	if (*len > sizeof(int))
		*len = sizeof(int);
	memcpy(val, &v, *len);
	return 0;
}

/* IPPROTO_IP options, both protocols; the core lock held. */
static int
inet_ip_setopt(struct inet_sock *is, int name, int v)
{
	struct ip_pcb *pcb = is->is_tcp != NULL ? (struct ip_pcb *)
	    (void *)is->is_tcp : (struct ip_pcb *)(void *)is->is_udp;

	switch (name) {
	case IP_TOS:
		is->is_tos = v & 0xfc;
		break;
	case IP_TTL:
		if (v == -1)
			v = 0;
		else if (v < 1 || v > 255)
			return -EINVAL;
		is->is_ttl = v;
		break;
	case IP_RECVERR:
	case IP_MTU_DISCOVER:
	case IP_BIND_ADDRESS_NO_PORT:
		return 0;	/* accepted; no ICMP errors are queued */
	default:
		return -ENOPROTOOPT;
	}
	if (pcb != NULL) {
		pcb->tos = (u8_t)is->is_tos;
		pcb->ttl = (u8_t)(is->is_ttl != 0 ? is->is_ttl : IP_DEFAULT_TTL);
	}
	return 0;
}

static int
inet_ip_getopt(struct inet_sock *is, int name, void *val, uint32_t *len)
{
	switch (name) {
	case IP_TOS:
		return inet_int_out(val, len, is->is_tos);
	case IP_TTL:
		return inet_int_out(val, len, is->is_ttl != 0 ? is->is_ttl :
		    IP_DEFAULT_TTL);
	default:
		return -ENOPROTOOPT;
	}
}

/* struct tcp_info's first fields (Linux's layout); the rest zero. */
struct inet_tcp_info {
	uint8_t		 tcpi_state, tcpi_ca_state, tcpi_retransmits,
			 tcpi_probes, tcpi_backoff, tcpi_options,
			 tcpi_wscale, tcpi_flags;
	uint32_t	 tcpi_rto, tcpi_ato, tcpi_snd_mss, tcpi_rcv_mss;
	uint32_t	 tcpi_unacked, tcpi_sacked, tcpi_lost, tcpi_retrans,
			 tcpi_fackets;
	uint32_t	 tcpi_last_data_sent, tcpi_last_ack_sent,
			 tcpi_last_data_recv, tcpi_last_ack_recv;
	uint32_t	 tcpi_pmtu, tcpi_rcv_ssthresh, tcpi_rtt, tcpi_rttvar,
			 tcpi_snd_ssthresh, tcpi_snd_cwnd, tcpi_advmss,
			 tcpi_reordering;
};

/* lwIP's TCP states as Linux numbers them. */
static const uint8_t inet_linux_state[] = {
	[CLOSED] = 7, [LISTEN] = 10, [SYN_SENT] = 2, [SYN_RCVD] = 3,
	[ESTABLISHED] = 1, [FIN_WAIT_1] = 4, [FIN_WAIT_2] = 5,
	[CLOSE_WAIT] = 8, [CLOSING] = 11, [LAST_ACK] = 9, [TIME_WAIT] = 6,
};

static int
inet_tcp_setsockopt(struct socket *so, int level, int name,
    const void *val, uint32_t len)
{
	struct inet_sock *is = inet_of(so);
	struct tcp_pcb *pcb;
	int v, error;

	/* Linux: an unknown level is ENOPROTOOPT to set, EOPNOTSUPP to
	 * get (ip_setsockopt, ip_getsockopt). */
	if (level != IPPROTO_TCP && level != IPPROTO_IP)
		return -ENOPROTOOPT;
	if (level == IPPROTO_TCP && name == TCP_CONGESTION)
		return len == 0 ? -EINVAL : 0;	/* one algorithm */
	if ((error = inet_int_opt(val, len, &v)) != 0)
		return error;
	LOCK_TCPIP_CORE();
	pcb = is->is_tcp != NULL && is->is_tcp->state != LISTEN ?
	    is->is_tcp : NULL;
	if (level == IPPROTO_IP) {
		error = inet_ip_setopt(is, name, v);
		goto out;
	}
	switch (name) {
	case TCP_NODELAY:
		is->is_nodelay = v != 0;
		if (pcb != NULL) {
			if (v)
				tcp_nagle_disable(pcb);
			else
				tcp_nagle_enable(pcb);
		}
		break;
	case TCP_CORK:
		is->is_cork = v != 0;
		if (!is->is_cork && pcb != NULL)
			inet_cork_push(is);
		break;
	case TCP_KEEPIDLE:
	case TCP_KEEPINTVL:
		if (v < 1 || v > 32767) {
			error = -EINVAL;
			break;
		}
		if (pcb == NULL)
			break;
		if (name == TCP_KEEPIDLE)
			pcb->keep_idle = (u32_t)v * 1000;
		else
			pcb->keep_intvl = (u32_t)v * 1000;
		break;
	case TCP_KEEPCNT:
		if (v < 1 || v > 127) {
			error = -EINVAL;
			break;
		}
		if (pcb != NULL)
			pcb->keep_cnt = (u32_t)v;
		break;
	case TCP_MAXSEG:
		if (v != 0 && (v < 88 || v > 32767))
			error = -EINVAL;
		break;	/* lwIP negotiates its own; accepted as a hint */
	case TCP_QUICKACK:
		is->is_quickacks = v ? INET_QUICKACKS : 0;
		break;
	case TCP_DEFER_ACCEPT:
	case TCP_LINGER2:
	case TCP_SYNCNT:
	case TCP_WINDOW_CLAMP:
	case TCP_USER_TIMEOUT:
		break;		/* accepted; lwIP has no such knob */
	default:
		error = -ENOPROTOOPT;
	}
out:
	UNLOCK_TCPIP_CORE();
	return error;
}

static int
inet_tcp_getsockopt(struct socket *so, int level, int name, void *val,
    uint32_t *len)
{
	struct inet_sock *is = inet_of(so);
	struct tcp_pcb *pcb;
	struct inet_tcp_info ti;
	int error = 0;

	if (level != IPPROTO_TCP && level != IPPROTO_IP)
		return -EOPNOTSUPP;
	LOCK_TCPIP_CORE();
	pcb = is->is_tcp != NULL && is->is_tcp->state != LISTEN ?
	    is->is_tcp : NULL;
	if (level == IPPROTO_IP) {
		error = inet_ip_getopt(is, name, val, len);
		goto out;
	}
	switch (name) {
	case TCP_NODELAY:
		error = inet_int_out(val, len, is->is_nodelay);
		break;
	case TCP_CORK:
		error = inet_int_out(val, len, is->is_cork);
		break;
	case TCP_QUICKACK:
		error = inet_int_out(val, len, is->is_quickacks > 0);
		break;
	case TCP_MAXSEG:
		error = inet_int_out(val, len, pcb != NULL ? pcb->mss :
		    TCP_MSS);
		break;
	case TCP_KEEPIDLE:
		error = inet_int_out(val, len, (int)((pcb != NULL ?
		    pcb->keep_idle : TCP_KEEPIDLE_DEFAULT) / 1000));
		break;
	case TCP_KEEPINTVL:
		error = inet_int_out(val, len, (int)((pcb != NULL ?
		    pcb->keep_intvl : TCP_KEEPINTVL_DEFAULT) / 1000));
		break;
	case TCP_KEEPCNT:
		error = inet_int_out(val, len, (int)(pcb != NULL ?
		    pcb->keep_cnt : TCP_KEEPCNT_DEFAULT));
		break;
	case TCP_INFO:
		memset(&ti, 0, sizeof(ti));
		ti.tcpi_state = is->is_tcp != NULL ?
		    inet_linux_state[is->is_tcp->state] : 7;
		if (pcb != NULL) {
			ti.tcpi_snd_mss = ti.tcpi_rcv_mss = pcb->mss;
			ti.tcpi_rto = (uint32_t)pcb->rto * TCP_SLOW_INTERVAL *
			    1000;
			ti.tcpi_snd_cwnd = pcb->cwnd / (pcb->mss ? pcb->mss :
			    1);
			ti.tcpi_snd_ssthresh = pcb->ssthresh;
			ti.tcpi_advmss = pcb->mss;
		}
		if (*len > sizeof(ti))
			*len = sizeof(ti);
		memcpy(val, &ti, *len);
		break;
	case TCP_CONGESTION: {
		static const char name_[16] = "reno";

		if (*len > sizeof(name_))
			*len = sizeof(name_);
		memcpy(val, name_, *len);
		break;
	}
	default:
		error = -ENOPROTOOPT;
	}
out:
	UNLOCK_TCPIP_CORE();
	return error;
}

/* SO_ERROR: the pending error, taken. */
static int
inet_getsockopt_sol(struct socket *so, int name, void *val, uint32_t *len)
{
	struct inet_sock *is = inet_of(so);
	int v;

	if (name != SO_ERROR)
		return -ENOPROTOOPT;
	LOCK_TCPIP_CORE();
	v = is->is_soerr;
	is->is_soerr = 0;
	inet_update(is, 0);
	UNLOCK_TCPIP_CORE();
	return inet_int_out(val, len, v);
}

/* A SOL_SOCKET option the layer keeps changed: tell lwIP. */
static void
inet_sol_changed(struct socket *so, int name)
{
	struct inet_sock *is = inet_of(so);
	struct ip_pcb *pcb;
	u8_t opt;
	bool on;

	switch (name) {
	case SO_KEEPALIVE:
		opt = SOF_KEEPALIVE;
		on = so->so_keepalive;
		break;
	case SO_REUSEADDR:
		opt = SOF_REUSEADDR;
		on = so->so_reuseaddr;
		break;
	case SO_BROADCAST:
		opt = SOF_BROADCAST;
		on = so->so_broadcast;
		break;
	default:
		return;
	}
	LOCK_TCPIP_CORE();
	pcb = is->is_tcp != NULL ? (struct ip_pcb *)(void *)is->is_tcp :
	    (struct ip_pcb *)(void *)is->is_udp;
	if (pcb != NULL) {
		if (on)
			ip_set_option(pcb, opt);
		else
			ip_reset_option(pcb, opt);
	}
	UNLOCK_TCPIP_CORE();
}

static short
inet_poll(struct socket *so)
{
	return inet_of(so)->is_events;
}

static long
inet_ioctl(struct socket *so, unsigned long req, uint64_t arg)
{
	struct inet_sock *is = inet_of(so);
	int v;

	LOCK_TCPIP_CORE();
	switch (req) {
	case SIOCINQ:
		if (is->is_state == INET_LISTENING) {
			UNLOCK_TCPIP_CORE();
			return -EINVAL;
		}
		if (is->is_type == SOCK_DGRAM)
			v = is->is_rq != NULL ? is->is_rq->s_p->tot_len : 0;
		else
			v = (int)is->is_rq_bytes;
		break;
	case SIOCOUTQ:
		if (is->is_type == SOCK_STREAM && is->is_tcp != NULL &&
		    is->is_tcp->state != LISTEN)
			v = TCP_SND_BUF - tcp_sndbuf(is->is_tcp);
		else
			v = 0;
		break;
	case SIOCATMARK:
		/* No urgent data is kept: never at the mark (TCP only). */
		if (is->is_type != SOCK_STREAM) {
			UNLOCK_TCPIP_CORE();
			return -ENOTTY;
		}
		v = 0;
		break;
	default:
		UNLOCK_TCPIP_CORE();
		return -ENOTTY;
	}
	UNLOCK_TCPIP_CORE();
	return copy_to_user((void *)arg, &v, sizeof(v)) != 0 ? -EFAULT : 0;
}

/* ---- UDP ---- */

static void
inet_udp_recv_cb(void *arg, struct udp_pcb *pcb, struct pbuf *p,
    const ip_addr_t *addr, u16_t port)
{
	struct inet_sock *is = arg;
	struct inet_seg *s;

	(void)pcb;
	if (is == NULL || is->is_sock == NULL ||
	    (is->is_shut & INET_SHUT_RD) ||
	    is->is_rq_bytes + p->tot_len + INET_UDP_COST >
	    is->is_sock->so_rcvbuf || (s = kzalloc(sizeof(*s))) == NULL) {
		if (is != NULL)
			is->is_drops++;
		pbuf_free(p);
		return;
	}
	s->s_p = p;
	s->s_addr = ip4_addr_get_u32(ip_2_ip4(addr));
	s->s_port = port;
	inet_rq_append(is, s);
	is->is_rq_bytes += p->tot_len + INET_UDP_COST;
	inet_update(is, FILE_POLLIN);
}

static int
inet_udp_pcb(struct inet_sock *is)
{
	if (is->is_udp != NULL)
		return 0;
	if ((is->is_udp = udp_new()) == NULL)
		return -ENOMEM;
	udp_recv(is->is_udp, inet_udp_recv_cb, is);
	inet_pcb_opts(is, (struct ip_pcb *)(void *)is->is_udp);
	return 0;
}

static err_t
inet_udp_bind_pcb(struct inet_sock *is, const ip_addr_t *ip, uint16_t port)
{
	return udp_bind(is->is_udp, ip, port);
}

static int
inet_udp_bind(struct socket *so, const struct sock_addr *a)
{
	return inet_bind(so, a, true, inet_udp_pcb, inet_udp_bind_pcb);
}

static int
inet_udp_connect(struct socket *so, const struct sock_addr *a,
    bool nonblock)
{
	struct inet_sock *is = inet_of(so);
	uint32_t addr;
	uint16_t port;
	ip_addr_t ip;
	int error;

	(void)nonblock;
	if (a->sa_len >= 2 && a->sa_data[0] == AF_UNSPEC &&
	    a->sa_data[1] == 0) {
		/* AF_UNSPEC: forget the peer. */
		LOCK_TCPIP_CORE();
		if (is->is_udp != NULL && is->is_udp_connected)
			udp_disconnect(is->is_udp);
		is->is_udp_connected = false;
		so->so_state = SS_UNCONNECTED;
		UNLOCK_TCPIP_CORE();
		return 0;
	}
	if ((error = inet_addr_get(a, false, &addr, &port)) != 0)
		return error;
	if (addr == 0)
		addr = PP_HTONL(0x7f000001);
	LOCK_TCPIP_CORE();
	if ((error = inet_udp_pcb(is)) == 0) {
		ip_addr_set_ip4_u32_val(ip, addr);
		if ((error = inet_errno(udp_connect(is->is_udp, &ip,
		    port))) == 0) {
			is->is_udp_connected = true;
			is->is_bound = true;
			is->is_raddr = addr;
			is->is_rport = port;
			so->so_state = SS_CONNECTED;
		}
	}
	UNLOCK_TCPIP_CORE();
	return error;
}

/* Send p (a whole datagram) to addr:port, or the peer (addr 0). */
static long
inet_udp_out(struct inet_sock *is, struct pbuf *p, uint32_t addr,
    uint16_t port)
{
	ip_addr_t ip;
	err_t e;

	if (addr != 0) {
		ip_addr_set_ip4_u32_val(ip, addr);
		e = udp_sendto(is->is_udp, p, &ip, port);
	} else {
		e = udp_send(is->is_udp, p);
	}
	is->is_bound = true;
	return inet_errno(e);
}

/* The corked datagram goes now (UDP_CORK off), if there is one. */
static long
inet_udp_uncork(struct inet_sock *is)
{
	struct pbuf *p = is->is_udp_pend;
	long error;

	if (p == NULL)
		return 0;
	is->is_udp_pend = NULL;
	error = inet_udp_out(is, p, is->is_pend_addr, is->is_pend_port);
	pbuf_free(p);
	return error;
}

/*
 * A datagram, or with MSG_MORE or UDP_CORK a piece of one: the pieces
 * gather (is_udp_pend) and leave as one datagram, to where the first
 * piece was addressed, with the first send without MSG_MORE (as Linux).
 */
static long
inet_udp_sendmsg(struct socket *so, struct sock_msg *m)
{
	struct inet_sock *is = inet_of(so);
	bool more = (m->sm_flags & MSG_MORE) != 0;
	size_t len = m->sm_len;
	uint32_t addr = 0;
	uint16_t port = 0;
	struct pbuf *p;
	long error;

	if (m->sm_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->sm_has_addr) {
		if ((error = inet_addr_get(&m->sm_addr, false, &addr,
		    &port)) != 0)
			return error;
		if (addr == 0)
			addr = PP_HTONL(0x7f000001);
		if (port == 0)
			return -EINVAL;
	}
	if (len > INET_UDP_MAX)
		return -EMSGSIZE;
	if ((p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM)) == NULL)
		return -ENOBUFS;
	if (len > 0 && (error = sock_msg_copy_in(m, p->payload, len)) != 0) {
		pbuf_free(p);
		return error;
	}
	LOCK_TCPIP_CORE();
	more = more || is->is_udp_cork;
	if (is->is_shut & INET_SHUT_WR) {
		error = -EPIPE;
		goto out;
	}
	if (is->is_udp_pend != NULL) {
		/* A piece of the corked datagram: its address stands. */
		if (is->is_udp_pend->tot_len + len > INET_UDP_MAX) {
			error = -EMSGSIZE;
			goto out;
		}
		if (len > 0) {
			pbuf_cat(is->is_udp_pend, p);
			p = NULL;
		}
		error = more ? 0 : inet_udp_uncork(is);
		if (error == 0)
			error = (long)len;
		goto out;
	}
	if (!m->sm_has_addr && !is->is_udp_connected) {
		error = -EDESTADDRREQ;
		goto out;
	}
	if (m->sm_has_addr && addr == 0xffffffffu && !so->so_broadcast) {
		error = -EACCES;
		goto out;
	}
	if ((error = inet_udp_pcb(is)) != 0)
		goto out;
	if (more) {
		is->is_udp_pend = p;
		is->is_pend_addr = m->sm_has_addr ? addr : 0;
		is->is_pend_port = port;
		p = NULL;
		error = (long)len;
		goto out;
	}
	error = inet_udp_out(is, p, m->sm_has_addr ? addr : 0, port);
	if (error == 0)
		error = (long)len;
out:
	UNLOCK_TCPIP_CORE();
	if (p != NULL)
		pbuf_free(p);
	if (error == -EPIPE && !(m->sm_flags & MSG_NOSIGNAL))
		signal_send(proc_current(), SIGPIPE);
	return error;
}

static long
inet_udp_recvmsg(struct socket *so, struct sock_msg *m)
{
	struct inet_sock *is = inet_of(so);
	bool nonblock = sock_nonblock(so, m->sm_flags);
	uint64_t deadline = sock_deadline(so->so_rcvtimeo_ns);
	struct inet_seg *s;
	long error = 0;
	size_t n, tot;

	if (m->sm_flags & MSG_OOB)
		return -EINVAL;
	if (m->sm_flags & MSG_ERRQUEUE)
		return -EAGAIN;		/* no errors are queued */
	LOCK_TCPIP_CORE();
	for (;;) {
		if (is->is_rq != NULL)
			break;
		if (is->is_soerr != 0) {
			error = -is->is_soerr;
			is->is_soerr = 0;
			inet_update(is, 0);
			goto out;
		}
		if (is->is_shut & INET_SHUT_RD)
			goto out;	/* 0: nothing more */
		if ((error = inet_sleep(is, nonblock, deadline)) != 0)
			goto out;
	}
	s = is->is_rq;
	tot = s->s_p->tot_len;
	n = tot < m->sm_len ? tot : m->sm_len;
	if (n > 0) {
		struct pbuf *q;
		size_t done = 0;

		for (q = s->s_p; q != NULL && done < n; q = q->next) {
			size_t c = q->len < n - done ? q->len : n - done;

			if ((error = sock_msg_copy_out(m, q->payload, c)) !=
			    0)
				goto out;
			done += c;
		}
	}
	inet_addr_put(&m->sm_addr, s->s_addr, s->s_port);
	if (tot > n)
		m->sm_oflags |= MSG_TRUNC;
	error = (m->sm_flags & MSG_TRUNC) ? (long)tot : (long)n;
	if (!(m->sm_flags & MSG_PEEK)) {
		is->is_rq_bytes -= tot + INET_UDP_COST;
		inet_rq_pop(is);
		inet_update(is, 0);
	}
out:
	UNLOCK_TCPIP_CORE();
	return error;
}

static int
inet_udp_shutdown(struct socket *so, int how)
{
	struct inet_sock *is = inet_of(so);
	int error = 0;

	LOCK_TCPIP_CORE();
	if (!is->is_udp_connected) {
		error = -ENOTCONN;
	} else {
		is->is_shut |= how == SHUT_RD ? INET_SHUT_RD :
		    how == SHUT_WR ? INET_SHUT_WR :
		    INET_SHUT_RD | INET_SHUT_WR;
		inet_update(is, FILE_POLLIN | FILE_POLLHUP);
	}
	UNLOCK_TCPIP_CORE();
	return error;
}

static int
inet_udp_setsockopt(struct socket *so, int level, int name,
    const void *val, uint32_t len)
{
	struct inet_sock *is = inet_of(so);
	int v, error;

	if (level != IPPROTO_IP && level != IPPROTO_UDP)
		return -ENOPROTOOPT;
	if ((error = inet_int_opt(val, len, &v)) != 0)
		return error;
	if (level == IPPROTO_UDP && name != UDP_CORK)
		return -ENOPROTOOPT;
	LOCK_TCPIP_CORE();
	if (level == IPPROTO_UDP) {
		is->is_udp_cork = v != 0;
		error = v ? 0 : (int)inet_udp_uncork(is);
	} else {
		error = inet_ip_setopt(is, name, v);
	}
	UNLOCK_TCPIP_CORE();
	return error;
}

static int
inet_udp_getsockopt(struct socket *so, int level, int name, void *val,
    uint32_t *len)
{
	struct inet_sock *is = inet_of(so);
	int error;

	if (level == IPPROTO_UDP)
		return name == UDP_CORK ? inet_int_out(val, len,
		    is->is_udp_cork) : -ENOPROTOOPT;
	if (level != IPPROTO_IP)
		return -EOPNOTSUPP;
	LOCK_TCPIP_CORE();
	error = inet_ip_getopt(is, name, val, len);
	UNLOCK_TCPIP_CORE();
	return error;
}

static void
inet_udp_release(struct socket *so)
{
	struct inet_sock *is = inet_of(so);

	LOCK_TCPIP_CORE();
	is->is_sock = NULL;
	if (is->is_udp_pend != NULL)
		pbuf_free(is->is_udp_pend);
	is->is_udp_pend = NULL;
	if (is->is_udp != NULL)
		udp_remove(is->is_udp);
	is->is_udp = NULL;
	inet_rq_purge(is);
	UNLOCK_TCPIP_CORE();
	kfree(is);
}

static const struct sock_proto_ops inet_tcp_ops = {
	.po_bind = inet_tcp_bind,
	.po_connect = inet_tcp_connect,
	.po_listen = inet_tcp_listen,
	.po_accept = inet_tcp_accept,
	.po_sendmsg = inet_tcp_sendmsg,
	.po_recvmsg = inet_tcp_recvmsg,
	.po_shutdown = inet_tcp_shutdown,
	.po_getname = inet_getname,
	.po_setsockopt = inet_tcp_setsockopt,
	.po_getsockopt = inet_tcp_getsockopt,
	.po_getsockopt_sol = inet_getsockopt_sol,
	.po_sol_changed = inet_sol_changed,
	.po_poll = inet_poll,
	.po_ioctl = inet_ioctl,
	.po_release = inet_tcp_release,
};

static const struct sock_proto_ops inet_udp_ops = {
	.po_bind = inet_udp_bind,
	.po_connect = inet_udp_connect,
	.po_listen = sock_listen_none,
	.po_accept = sock_accept_none,
	.po_sendmsg = inet_udp_sendmsg,
	.po_recvmsg = inet_udp_recvmsg,
	.po_shutdown = inet_udp_shutdown,
	.po_getname = inet_getname,
	.po_setsockopt = inet_udp_setsockopt,
	.po_getsockopt = inet_udp_getsockopt,
	.po_getsockopt_sol = inet_getsockopt_sol,
	.po_sol_changed = inet_sol_changed,
	.po_poll = inet_poll,
	.po_ioctl = inet_ioctl,
	.po_release = inet_udp_release,
};

static int
inet_create(struct socket *so, int type, int protocol)
{
	struct inet_sock *is;

	switch (type) {
	case SOCK_STREAM:
		if (protocol != 0 && protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		so->so_ops = &inet_tcp_ops;
		so->so_protocol = IPPROTO_TCP;
		break;
	case SOCK_DGRAM:
		if (protocol != 0 && protocol != IPPROTO_UDP)
			return -EPROTONOSUPPORT;
		so->so_ops = &inet_udp_ops;
		so->so_protocol = IPPROTO_UDP;
		break;
	case SOCK_RAW:
		/* Raw IP (ping) needs CAP_NET_RAW; not built. */
		return proc_capable(CAP_NET_RAW) ? -EPROTONOSUPPORT :
		    -EPERM;
	default:
		return -ESOCKTNOSUPPORT;
	}
	if ((is = inet_new(type)) == NULL) {
		so->so_ops = NULL;
		return -ENOMEM;
	}
	is->is_sock = so;
	so->so_priv = is;
	is->is_events = type == SOCK_STREAM ? inet_tcp_events(is) :
	    inet_udp_events(is);
	return 0;
}

static const struct sock_family inet_family = {
	.sf_family = AF_INET,
	.sf_create = inet_create,
};

void
inet_init(void)
{
	sock_family_register(&inet_family);
}
