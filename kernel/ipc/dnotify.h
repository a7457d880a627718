/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Directory notification (dnotify: fcntl F_NOTIFY).  An open directory
 * asks for signals when its entries are read (DN_ACCESS), written
 * (DN_MODIFY), made or moved in (DN_CREATE), removed or moved out
 * (DN_DELETE), renamed within it (DN_RENAME) or have their attributes
 * changed (DN_ATTRIB) — the directory's own changes count too.  The
 * owner of the open directory (the caller of F_NOTIFY) gets SIGIO or its
 * F_SETSIG signal with si_fd the descriptor and si_code POLL_MSG, once
 * unless DN_MULTISHOT.  A second F_NOTIFY adds to the mask; a mask of 0
 * ends it, as does the last close of the open directory.  Built over the
 * VFS's change announcements (fs/notify.h), beside inotify.
 */
#ifndef KERNEL_IPC_DNOTIFY_H
#define KERNEL_IPC_DNOTIFY_H

#include <stdint.h>

struct file;

#define F_NOTIFY	1026

/* fcntl F_NOTIFY on f, which came through descriptor fd. */
long	dnotify_fcntl(struct file *f, int fd, uint64_t arg);

/* f is going: its requests go (from fasync's release). */
void	dnotify_release(struct file *f);

/* Register the listener with fs/ (at boot). */
void	dnotify_init(void);

#endif /* KERNEL_IPC_DNOTIFY_H */
