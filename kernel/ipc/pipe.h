/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Pipes: a 64 KiB ring between a read end and a write end.  Reads block
 * while the pipe is empty and a writer remains (then return end of file);
 * writes block while it is full and a reader remains, and fail with
 * -EPIPE once no reader is left.  May sleep.
 */
#ifndef KERNEL_IPC_PIPE_H
#define KERNEL_IPC_PIPE_H

#include <stddef.h>
#include <stdint.h>

struct file;

/*
 * Register the operations of pipe ends and FIFOs with fs/ (file_new
 * chooses them); kmain calls it before the first open.  A FIFO opened by
 * path (fo_open) makes the ring at its first open, which it frees at the
 * last close.  A reader waits for a writer and a writer for a reader,
 * unless the file has O_NONBLOCK (then a writer without a reader gets
 * -ENXIO); open returns 0, -ENXIO, -EINTR or -ENOMEM and may sleep.  Poll
 * answers POLLIN, POLLOUT, POLLHUP or POLLERR for one end; a FIFO opened
 * with O_PATH has no pipe end and answers POLLNVAL.
 */
void	pipe_init(void);

/* Create a pipe: *rd and *wr are new files (one reference each). */
int	pipe_create(struct file **rd, struct file **wr);

#endif /* KERNEL_IPC_PIPE_H */
