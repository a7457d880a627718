/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * epoll instances, with Linux's semantics: an interest list of
 * registrations keyed by (open file, descriptor number), each watching
 * its file's poll head (fo_poll_head) with the events asked for; a ready
 * list that the watches' callbacks fill, so that a wait looks only at
 * what was announced.  Level-triggered registrations stay on the ready
 * list while their file is ready, EPOLLET ones are reported once per
 * announcement, EPOLLONESHOT ones once until EPOLL_CTL_MOD re-arms them.
 * A registration goes away with EPOLL_CTL_DEL or when its file is
 * released (its last reference: a registration holds none), and all of
 * an instance's with the instance.  An instance is itself pollable
 * (POLLIN when a registration is ready), so instances nest, to
 * EPOLL_MAX_NESTS levels and without cycles (-ELOOP).
 */
#ifndef KERNEL_IPC_EPOLL_H
#define KERNEL_IPC_EPOLL_H

#include <stdbool.h>
#include <stdint.h>

struct file;

#define EPOLLIN		0x001
#define EPOLLPRI	0x002
#define EPOLLOUT	0x004
#define EPOLLERR	0x008
#define EPOLLHUP	0x010
#define EPOLLRDHUP	0x2000
#define EPOLLEXCLUSIVE	(1U << 28)
#define EPOLLWAKEUP	(1U << 29)
#define EPOLLONESHOT	(1U << 30)
#define EPOLLET		(1U << 31)

#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

/* struct epoll_event of the x86-64 ABI: packed, 12 bytes. */
struct epoll_event_abi {
	uint32_t	events;
	uint64_t	data;
} __attribute__((packed));
_Static_assert(sizeof(struct epoll_event_abi) == 12, "epoll_event ABI");

/* Register the file-release hook with fs/; kmain calls it at boot. */
void	epoll_init(void);

/* A new instance: a file with one reference, or NULL (no memory). */
struct file *epoll_create(void);

/* Is f an epoll instance? */
bool	epoll_is(const struct file *f);

/*
 * kcmp's KCMP_EPOLL_TFD: the file registered in ep (an instance) as the
 * off-th registration of descriptor fd, in the instance's order; NULL if
 * none.  Not held: compare it, do not use it.
 */
const struct file *epoll_target(struct file *ep, int fd, unsigned int off);

/*
 * EPOLL_CTL_* op on ep (an instance) for target, open at descriptor fd,
 * with ev (ignored for DEL).  The caller has checked what does not need
 * the instance (descriptors, a pollable target, ep != target).  Returns
 * 0, -EEXIST, -ENOENT, -EINVAL, -ELOOP or -ENOMEM.
 */
int	epoll_ctl(struct file *ep, int op, struct file *target, int fd,
	    const struct epoll_event_abi *ev);

/*
 * Wait on ep until a registration is ready, deadline (pv_clock_ns; 0:
 * do not wait; UINT64_MAX: none) or a signal, and copy up to max events
 * to the user array uevents (in the user half).  Returns how many,
 * -EINTR or -EFAULT (then nothing is lost: what was taken is put back).
 * The caller holds a reference to ep.  May sleep.
 */
long	epoll_wait(struct file *ep, uint64_t uevents, int max,
	    uint64_t deadline);

#endif /* KERNEL_IPC_EPOLL_H */
