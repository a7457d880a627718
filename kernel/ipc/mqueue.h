/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * POSIX message queues.  A queue has a name in one system-wide table,
 * fixed limits (messages, bytes per message) set when it is made, an
 * owner and a mode; messages leave it highest priority first, in arrival
 * order within a priority (mqueue_calc.h).  Senders wait while it is
 * full, receivers while it is empty, until a deadline, a signal, or
 * room or a message.  One process may ask to be told (a signal, or
 * nothing but the registration's removal) when a message arrives in an
 * empty queue no receiver waits on.
 *
 * A queue descriptor is a file (mqueue_file_ops): poll, select and
 * epoll see it readable while messages wait and writable while there is
 * room; read() gives Linux's "QSIZE:..." line.  A queue lives while its
 * name or a descriptor or a node of an "mqueue" filesystem holds it.
 * The "mqueue" filesystem type (mount -t mqueue none /dev/mqueue) shows
 * the table: a directory listing every queue as a file whose contents
 * are that line; unlinking a name there is mq_unlink, creating a
 * regular file there makes a queue with the default limits.
 */
#ifndef KERNEL_IPC_MQUEUE_H
#define KERNEL_IPC_MQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;

/* struct mq_attr of the Linux ABI. */
struct mq_attr_abi {
	int64_t		mq_flags;	/* O_NONBLOCK or 0 */
	int64_t		mq_maxmsg;
	int64_t		mq_msgsize;
	int64_t		mq_curmsgs;
	int64_t		mq_reserved[4];
};

#define MQ_SIGEV_SIGNAL	0
#define MQ_SIGEV_NONE	1
#define MQ_SIGEV_THREAD	2

/*
 * mq_open of name (len bytes, checked with mqueue_calc_name), flags
 * O_ACCMODE, O_CREAT, O_EXCL, O_NONBLOCK (others ignored), a new
 * queue's mode (less the caller's umask) and attributes (NULL: the
 * defaults; else checked, with mqueue_calc_attr).  *created says
 * whether the call made the queue (mqueue_undo_create takes it back).
 * A new file with one reference, or NULL with *error set: Linux's
 * ENOENT, EEXIST, EACCES, EINVAL, ENOSPC (queues_max, unprivileged),
 * ENOMEM.
 */
struct file *mqueue_open(const char *name, size_t len, uint32_t flags,
	    uint32_t mode, const struct mq_attr_abi *attr, bool *created,
	    long *error);

/* Remove the name mqueue_open just made (its descriptor could not be
 * installed). */
void	mqueue_undo_create(struct file *f);

/* mq_unlink: 0, -ENOENT, -EACCES (not the owner, not root). */
long	mqueue_unlink(const char *name, size_t len);

/* Is f a queue descriptor? */
bool	mqueue_is(const struct file *f);

/* The most bytes a message of f's queue may have. */
int64_t	mqueue_msgsize(const struct file *f);

/*
 * Send len bytes (len at most the message size) at user address umsg
 * with priority prio, waiting for room until deadline (pv_clock_ns;
 * UINT64_MAX: none; past: do not wait).  0, -EFAULT, -ENOMEM, -EAGAIN
 * (O_NONBLOCK), -ETIMEDOUT, -ERESTARTSYS (a signal).
 */
long	mqueue_send(struct file *f, uint64_t umsg, size_t len, uint32_t prio,
	    uint64_t deadline);

/*
 * Receive the first message into umsg (room for the message size),
 * its priority to uprio unless 0, waiting as mqueue_send does.  Its
 * length, or -EAGAIN, -ETIMEDOUT, -ERESTARTSYS, -EFAULT (the message
 * is gone, as on Linux).
 */
long	mqueue_receive(struct file *f, uint64_t umsg, uint64_t uprio,
	    uint64_t deadline);

#define MQ_COOKIE_LEN	32

/* What mq_notify asks for. */
struct mq_notify_req {
	int		 mn_how;	/* MQ_SIGEV_* */
	int		 mn_signo;	/* MQ_SIGEV_SIGNAL: the signal */
	uint64_t	 mn_value;	/* and its si_value */
	struct file	*mn_sock;	/* MQ_SIGEV_THREAD: a netlink socket
					 * (net/netlink.h), held: the queue
					 * takes this reference */
	char		 mn_cookie[MQ_COOKIE_LEN]; /* and what it gets, the
					 * last byte set to 1 (a message) or
					 * 2 (the registration removed) */
};

/*
 * mq_notify for the caller's process: register req, or with req NULL
 * drop its own registration (a socket's reader is told).  0 or -EBUSY
 * (someone is registered; req's socket is let go).
 */
long	mqueue_notify(struct file *f, const struct mq_notify_req *req);

/* mq_getsetattr: f's attributes into *old; then O_NONBLOCK from *set. */
void	mqueue_getsetattr(struct file *f, const struct mq_attr_abi *set,
	    struct mq_attr_abi *old);

/* Register the "mqueue" filesystem type.  Call once at boot. */
void	mqueue_init(void);

/*
 * How a cookie reaches a registration's netlink socket: net/ (a floor
 * beside this one) installs it at boot.  Interrupts off or on.
 */
void	mqueue_set_sock_deliver(int (*deliver)(struct file *sock,
	    const void *data, size_t len));

#endif /* KERNEL_IPC_MQUEUE_H */
