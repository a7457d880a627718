/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * File leases (fcntl F_SETLEASE, F_GETLEASE).  An open file of a regular
 * file may hold a read lease (no writer anywhere) or a write lease (no
 * other open at all); the holder must own the file or have CAP_LEASE.
 * An open of the file that conflicts (for writing: any lease; for
 * reading: a write lease) or a truncate(2) breaks it: the holder's owner
 * gets SIGIO or its F_SETSIG signal (si_code POLL_MSG), and the opener
 * waits until the holder lets go or downgrades (F_SETLEASE) or
 * fs.lease-break-time seconds pass, when the lease is broken by force;
 * with O_NONBLOCK the open fails with EWOULDBLOCK instead.
 */
#ifndef KERNEL_IPC_LEASE_H
#define KERNEL_IPC_LEASE_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct vnode;

#define F_SETLEASE	1024
#define F_GETLEASE	1025

/* fcntl F_SETLEASE (fd: where it came, the si_fd) and F_GETLEASE. */
long	lease_fcntl(struct file *f, int fd, int cmd, uint64_t arg);

/*
 * Break the leases on v that an open for writing (write) or reading
 * conflicts with, waiting for that unless nonblock.  0, -EAGAIN,
 * -ERESTARTSYS.  May sleep.
 */
int	lease_break(struct vnode *v, bool write, bool nonblock);

/* f is going: its lease goes (from fasync's release). */
void	lease_release(struct file *f);

/* Register the open hook with fs/ (at boot). */
void	lease_init(void);

#endif /* KERNEL_IPC_LEASE_H */
