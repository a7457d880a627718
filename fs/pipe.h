/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Pipes: a 64 KiB ring between a read end and a write end.  Reads block
 * while the pipe is empty and a writer remains (then return end of file);
 * writes block while it is full and a reader remains, and fail with
 * -EPIPE once no reader is left.  May sleep.
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include <stddef.h>
#include <stdint.h>

struct file;

/* Create a pipe: *rd and *wr are new files (one reference each). */
int	pipe_create(struct file **rd, struct file **wr);

/*
 * Open a named pipe (a FIFO node; f is the new file on it): the ring is
 * made at the first open and freed at the last close.  A reader waits for
 * a writer and a writer for a reader, unless f has O_NONBLOCK (then a
 * writer without a reader gets -ENXIO).  Returns 0, -ENXIO, -EINTR,
 * -ENOMEM.  May sleep.
 */
int	pipe_open(struct file *f);

long	pipe_read(struct file *f, void *buf, size_t len);
long	pipe_write(struct file *f, const void *buf, size_t len);

/* POLLIN/POLLOUT/POLLHUP/POLLERR readiness of one end. */
short	pipe_poll(struct file *f);

/* The last reference to one end is going. */
void	pipe_close(struct file *f);

#endif /* FS_PIPE_H */
