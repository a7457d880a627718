/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signal-driven I/O and a file's owner: fcntl's F_SETOWN, F_GETOWN,
 * F_SETOWN_EX, F_GETOWN_EX, F_SETSIG and F_GETSIG, and O_ASYNC set by
 * F_SETFL.  A file with O_ASYNC watches its own poll head (fo_poll_head,
 * as epoll does), so every kind that announces readiness changes there
 * and has FILE_OPS_ASYNC (pipes, FIFOs, the tty, inotify: Linux's kinds
 * with fasync) signals its owner without code of its own: SIGIO, or the F_SETSIG signal with si_code POLL_IN,
 * POLL_OUT... and si_band, si_fd.  Leases and directory notification
 * signal the owner through fasync_send.
 */
#ifndef KERNEL_IPC_FASYNC_H
#define KERNEL_IPC_FASYNC_H

#include <stdbool.h>
#include <stdint.h>

struct file;

#define F_SETOWN	8
#define F_GETOWN	9
#define F_SETSIG	10
#define F_GETSIG	11
#define F_SETOWN_EX	15
#define F_GETOWN_EX	16

#define F_OWNER_TID	0
#define F_OWNER_PID	1
#define F_OWNER_PGRP	2

/* si_code of a signal-driven I/O signal (Linux's POLL_*). */
#define FASYNC_POLL_IN	1
#define FASYNC_POLL_OUT	2
#define FASYNC_POLL_MSG	3
#define FASYNC_POLL_ERR	4
#define FASYNC_POLL_PRI	5
#define FASYNC_POLL_HUP	6

/* fcntl's owner and signal commands above on f (arg: the user's). */
long	fasync_fcntl(struct file *f, int cmd, uint64_t arg);

/*
 * F_SETFL turns O_ASYNC on (fd: the descriptor it came through, the
 * si_fd of the signals) or off; f_flags is the caller's to change.
 * false: the kind has no readiness to watch, O_ASYNC stays off (as
 * Linux for a kind without fasync).  May fail only for memory: -ENOMEM.
 */
int	fasync_set(struct file *f, int fd, bool on);

/*
 * Owner of f: the calling process (F_SETLEASE and F_NOTIFY do that).
 * 0 or -ENOMEM.
 */
int	fasync_own(struct file *f);

/*
 * Signal f's owner, if any: its F_SETSIG signal with si_code reason
 * (FASYNC_POLL_*), the matching si_band and si_fd fd, or SIGIO.
 * IRQ-safe.
 */
void	fasync_send(struct file *f, int fd, int reason);

/* Register the release hook with fs/ (at boot). */
void	fasync_init(void);

#endif /* KERNEL_IPC_FASYNC_H */
