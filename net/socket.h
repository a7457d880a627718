/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The socket layer: what every address family plugs into.
 *
 * A socket is an open file of one kind (sock_file_ops, a struct file_ops
 * of fs/file.h) whose anonymous node (S_IFSOCK) carries a struct socket.
 * What the socket does is its family's struct sock_proto_ops, chosen by
 * the family's create function when socket(2), socketpair(2) or accept
 * makes it; the layer never looks at the family or type beyond handing
 * them to that function.
 *
 * A family registers itself at boot (sock_family_register): AF_UNIX
 * from net/unix.c, AF_INET from net/lwip/inet.c when lwIP is up.  The system calls
 * (syscall/sys_socket.c) copy user memory in and out -- addresses,
 * iovecs, control messages -- and call the sock_* entries below, which
 * check the common state, answer the SOL_SOCKET options once for every
 * family, and call the family's operations.
 *
 * Locking: one CPU; interrupts off guard a socket's state and queues.
 * Operations run with interrupts on and may sleep (sock_wait).
 */
#ifndef NET_SOCKET_H
#define NET_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/sched/poll.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>

/* Linux's numbers (the ABI). */
#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_INET		2
#define AF_NETLINK	16
#define AF_MAX		46

#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5
#define SOCK_DCCP	6
#define SOCK_PACKET	10
#define SOCK_TYPE_MASK	0xf
#define SOCK_NONBLOCK	00004000
#define SOCK_CLOEXEC	02000000

#define MSG_OOB		0x1
#define MSG_PEEK	0x2
#define MSG_DONTROUTE	0x4
#define MSG_CTRUNC	0x8
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_EOR		0x80
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_MORE	0x8000
#define MSG_WAITFORONE	0x10000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2

#define SOL_SOCKET	1
#define SO_DEBUG	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_DONTROUTE	5
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_OOBINLINE	10
#define SO_NO_CHECK	11
#define SO_PRIORITY	12
#define SO_LINGER	13
#define SO_BSDCOMPAT	14
#define SO_REUSEPORT	15
#define SO_PASSCRED	16
#define SO_PEERCRED	17
#define SO_RCVLOWAT	18
#define SO_SNDLOWAT	19
#define SO_RCVTIMEO	20
#define SO_SNDTIMEO	21
#define SO_ACCEPTCONN	30
#define SO_PEERSEC	31
#define SO_SNDBUFFORCE	32
#define SO_RCVBUFFORCE	33
#define SO_PROTOCOL	38
#define SO_DOMAIN	39

#define SCM_RIGHTS	1
#define SCM_CREDENTIALS	2
#define SCM_MAX_FD	253		/* descriptors in one message */

/* Buffer sizes: Linux's defaults, bounds, and the doubling it does. */
#define SOCK_BUF_DEFAULT	212992
#define SOCK_BUF_MAX		212992	/* net.core.[rw]mem_max */
#define SOCK_SNDBUF_MIN		4608
#define SOCK_RCVBUF_MIN		2304

#define SOCK_ADDR_MAX	128		/* struct sockaddr_storage */

/* An address in kernel memory, as the family reads and writes it. */
struct sock_addr {
	uint32_t	 sa_len;
	uint8_t		 sa_data[SOCK_ADDR_MAX];
};

/* struct ucred */
struct sock_cred {
	int32_t		 sc_pid;
	uint32_t	 sc_uid;
	uint32_t	 sc_gid;
};

/*
 * What rides beside the bytes of a message (SOL_SOCKET control
 * messages, parsed and checked by the system call): descriptors held
 * while in flight, and credentials.  Whoever holds a sock_scm owns its
 * file references (sock_scm_drop).
 */
struct sock_scm {
	struct file	*ss_files[SCM_MAX_FD];
	unsigned int	 ss_nfiles;
	bool		 ss_has_cred;
	struct sock_cred ss_cred;
};

void	sock_scm_drop(struct sock_scm *scm);

/* One piece of the caller's buffer (user addresses). */
struct sock_iov {
	uint64_t	 si_base;
	size_t		 si_len;
};

/*
 * A message being sent or received, in the kernel: the caller's buffer
 * as iovecs (user memory, walked by sock_msg_copy_in/out, which keep the
 * position), the address, the control data, the flags.
 */
struct sock_msg {
	const struct sock_iov *sm_iov;
	size_t		 sm_iovlen;
	size_t		 sm_len;	/* bytes in all of sm_iov */
	size_t		 sm_idx;	/* position: iovec, */
	size_t		 sm_off;	/* and offset in it */
	bool		 sm_kernel;	/* sm_iov is kernel memory (read(2),
					 * write(2) through their bounce) */
	/*
	 * send: the destination (sm_has_addr), as given;
	 * recv: the family fills the source in (sa_len 0: none).
	 */
	bool		 sm_has_addr;
	struct sock_addr sm_addr;
	/*
	 * send: what the control messages carried (NULL: none);
	 * recv: where the family puts what came with the message
	 * (the system call turns it into control messages).
	 */
	struct sock_scm	*sm_scm;
	int		 sm_flags;	/* MSG_* the caller gave */
	int		 sm_oflags;	/* recv: MSG_TRUNC, MSG_EOR... found */
};

/* Copy n bytes between the message's buffer and kernel memory, moving on. */
int	sock_msg_copy_in(struct sock_msg *m, void *dst, size_t n);
int	sock_msg_copy_out(struct sock_msg *m, const void *src, size_t n);
/* Bytes left in the message's buffer past the position. */
size_t	sock_msg_left(const struct sock_msg *m);

struct socket;

/*
 * A family's operations on its sockets.  Every entry is set (the
 * sock_*_none helpers answer -EOPNOTSUPP and the like), so the layer
 * calls them without testing.  Addresses are kernel copies, bounded by
 * SOCK_ADDR_MAX; the family checks their length and contents.  Each
 * returns 0 (or a count) or -errno.
 */
struct sock_proto_ops {
	int	 (*po_bind)(struct socket *, const struct sock_addr *);
	int	 (*po_connect)(struct socket *, const struct sock_addr *,
		    bool nonblock);
	int	 (*po_listen)(struct socket *, int backlog);
	/*
	 * A new connected socket (*out, a file with one reference made by
	 * sock_file_new) from the queue of a listening one.
	 */
	int	 (*po_accept)(struct socket *, struct socket **out,
		    bool nonblock);
	long	 (*po_sendmsg)(struct socket *, struct sock_msg *);
	long	 (*po_recvmsg)(struct socket *, struct sock_msg *);
	int	 (*po_shutdown)(struct socket *, int how);
	/* The socket's own address, or with peer its peer's. */
	int	 (*po_getname)(struct socket *, struct sock_addr *, bool peer);
	/* Options at the family's levels (level != SOL_SOCKET). */
	int	 (*po_setsockopt)(struct socket *, int level, int name,
		    const void *val, uint32_t len);
	int	 (*po_getsockopt)(struct socket *, int level, int name,
		    void *val, uint32_t *len);
	/*
	 * SOL_SOCKET options the family knows better than the layer
	 * (SO_PEERCRED...): -ENOPROTOOPT lets the layer answer.
	 */
	int	 (*po_getsockopt_sol)(struct socket *, int name, void *val,
		    uint32_t *len);
	/*
	 * A SOL_SOCKET option the layer keeps (so_keepalive...) was set:
	 * a family whose protocol acts on it applies it.
	 */
	void	 (*po_sol_changed)(struct socket *, int name);
	/* Readiness now: FILE_POLL* bits. */
	short	 (*po_poll)(struct socket *);
	/*
	 * Requests the layer did not answer (it answers the interface
	 * ioctls first, net/ifnet.h); -ENOTTY (or -ENOIOCTLCMD) if none.
	 */
	long	 (*po_ioctl)(struct socket *, unsigned long req, uint64_t arg);
	/* The file is closing: disconnect and free so_priv. */
	void	 (*po_release)(struct socket *);
	/*
	 * Passes descriptors and credentials (SCM_RIGHTS, SCM_CREDENTIALS);
	 * else the system call leaves such control messages out, as
	 * Linux's inet sockets ignore them.
	 */
	bool	 po_scm_rights;
};

/* so_state */
enum sock_state {
	SS_UNCONNECTED,
	SS_LISTENING,
	SS_CONNECTED,
	SS_DISCONNECTED,	/* was connected; the peer went */
};

struct socket {
	int		 so_family;
	int		 so_type;	/* SOCK_* */
	int		 so_protocol;
	enum sock_state	 so_state;	/* kept by the family */
	const struct sock_proto_ops *so_ops;
	void		*so_priv;	/* the family's */
	struct file	*so_file;	/* not held: the file holds us */
	struct waitq	 so_wait;	/* sleepers on any change */
	struct poll_head so_poll;	/* poll, select, epoll */
	/* SOL_SOCKET options, as the layer keeps them for every family. */
	uint32_t	 so_sndbuf;	/* as getsockopt reports (doubled) */
	uint32_t	 so_rcvbuf;
	uint64_t	 so_rcvtimeo_ns;	/* 0: none */
	uint64_t	 so_sndtimeo_ns;
	int		 so_error;	/* SO_ERROR: taken once */
	bool		 so_passcred;
	bool		 so_reuseaddr;
	bool		 so_reuseport;
	bool		 so_keepalive;
	bool		 so_broadcast;
	bool		 so_oobinline;
	bool		 so_dontroute;
	int		 so_priority;
	int		 so_rcvlowat;
	int		 so_linger_on, so_linger_secs;
	/* The creator's credentials (SO_PEERCRED of its peer). */
	struct sock_cred so_cred;
};

/*
 * A family: its create function makes a new socket's so_ops and
 * so_priv (type and protocol given; -ESOCKTNOSUPPORT, -EPROTONOSUPPORT,
 * -EPROTOTYPE as Linux).  A family with socketpair (AF_UNIX) sets
 * sf_pair.
 */
struct sock_family {
	int	 sf_family;
	int	(*sf_create)(struct socket *, int type, int protocol);
	int	(*sf_pair)(struct socket *a, struct socket *b);
};

/* At boot: the family answers socket(2) from now on. */
void	sock_family_register(const struct sock_family *fam);

/*
 * A new socket of family, type (SOCK_* without flags) and protocol in a
 * new file (O_RDWR | nonblock's O_NONBLOCK) with one reference: 0 and
 * *out, or -errno (-EAFNOSUPPORT for a family nobody registered).
 */
int	sock_create(int family, int type, int protocol, bool nonblock,
	    struct socket **out);
/* A connected pair (-EOPNOTSUPP for a family without pairs). */
int	sock_create_pair(int family, int type, int protocol, bool nonblock,
	    struct socket **a, struct socket **b);
/*
 * For a family's accept: a new socket like parent (family, type,
 * protocol, options a child inherits) in a new file, with no so_ops
 * set yet (the family sets them).  NULL: no memory.
 */
struct socket *sock_new_child(const struct socket *parent);

/* The socket behind an open file, or NULL for other kinds. */
struct socket *sock_of_file(const struct file *f);

/*
 * The calls; each takes the socket of an open file the caller holds.
 */
int	sock_bind(struct socket *, const struct sock_addr *);
int	sock_connect(struct socket *, const struct sock_addr *);
int	sock_listen(struct socket *, int backlog);
int	sock_accept(struct socket *, uint32_t flags, struct socket **out);
long	sock_sendmsg(struct socket *, struct sock_msg *);
long	sock_recvmsg(struct socket *, struct sock_msg *);
int	sock_shutdown(struct socket *, int how);
int	sock_getname(struct socket *, struct sock_addr *, bool peer);
/* val and *len are kernel memory (len: the caller's buffer size). */
int	sock_setsockopt(struct socket *, int level, int name, const void *val,
	    uint32_t len);
int	sock_getsockopt(struct socket *, int level, int name, void *val,
	    uint32_t *len);

/* Is the file non-blocking, or did the call ask (MSG_DONTWAIT)? */
bool	sock_nonblock(const struct socket *, int msg_flags);

/*
 * Wake the socket's sleepers and pollers (key: the FILE_POLL* bits that
 * changed).  Interrupts off or on.
 */
void	sock_wake(struct socket *, short key);

/*
 * Sleep once on wq with interrupts off, as a blocking call does between
 * looks at the state: 0 to look again, or -EAGAIN (nonblock),
 * -ERESTARTSYS/-EINTR (a signal: -EINTR when a timeout is set, as
 * Linux), -EAGAIN when deadline (pv_clock ns, 0: none) passed.
 */
long	sock_wait(struct waitq *wq, bool nonblock, uint64_t deadline);
/* The deadline of a timeout of ns (0: none) from now. */
uint64_t sock_deadline(uint64_t ns);

/* The caller's credentials, as SO_PEERCRED and SCM_CREDENTIALS give them. */
void	sock_cred_current(struct sock_cred *c);

/* The kind of file every socket is. */
extern const struct file_ops sock_file_ops;

/* Entries for families without the operation. */
int	sock_bind_none(struct socket *, const struct sock_addr *);
int	sock_connect_none(struct socket *, const struct sock_addr *, bool);
int	sock_listen_none(struct socket *, int);
int	sock_accept_none(struct socket *, struct socket **, bool);
int	sock_setsockopt_none(struct socket *, int, int, const void *, uint32_t);
int	sock_getsockopt_none(struct socket *, int, int, void *, uint32_t *);
int	sock_getsockopt_sol_none(struct socket *, int, void *, uint32_t *);
long	sock_ioctl_none(struct socket *, unsigned long, uint64_t);
void	sock_sol_changed_none(struct socket *, int);

/* At boot: the layer, then each family built in. */
void	sock_init(void);

#endif /* NET_SOCKET_H */
