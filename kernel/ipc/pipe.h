/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Pipes: a ring of pages between a read end and a write end, 64 KiB at
 * first as on Linux, resized by F_SETPIPE_SZ; pages are taken as data
 * comes and given back as it goes.  Reads block while the pipe is empty
 * and a writer remains (then return end of file); writes block while it
 * is full and a reader remains, and fail with -EPIPE once no reader is
 * left.  A write of at most PIPE_BUF bytes goes in whole (it waits for
 * the room, or with O_NONBLOCK fails with -EAGAIN), so writers never
 * interleave inside one.  FIONREAD tells the bytes held.  May sleep.
 */
#ifndef KERNEL_IPC_PIPE_H
#define KERNEL_IPC_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;
struct pipe;

#define PIPE_BUF	4096		/* writes up to this are atomic */
#define PIPE_PAGES	16		/* a new pipe's pages: 64 KiB */

/* fcntl commands (Linux's numbers). */
#define PIPE_F_SETPIPE_SZ 1031
#define PIPE_F_GETPIPE_SZ 1032

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

/*
 * F_GETPIPE_SZ (the capacity) and F_SETPIPE_SZ (arg rounded up to a
 * power-of-two number of pages, at least one: the new capacity; -EBUSY
 * below the bytes held, -EPERM above fs.pipe-max-size (tun_pipe_max)
 * without CAP_SYS_RESOURCE, -EINVAL
 * above 2 GiB) on an end of a pipe or FIFO; -EBADF for any other file.
 */
long	pipe_fcntl(struct file *f, unsigned int cmd, uint64_t arg);

/*
 * splice, tee and vmsplice move bytes through a pipe (a pipe end's or
 * FIFO's fo_pipe) in steps, each taking the pipe's guard on its own, so
 * that the other side (a file, user memory, another pipe) may sleep in
 * between: wait for bytes or room, peek at the bytes, consume what the
 * other side took, put bytes in.  Two such movers on one pipe at once
 * may each see the same bytes; plain reads and writes keep their
 * guarantees.
 *
 * pipe_wait_bytes waits as a read does: the bytes held (> 0), 0 when the
 * pipe is empty and no writer is left; -EAGAIN (nonblock) or
 * -ERESTARTSYS for a pending signal instead of waiting.  pipe_wait_room
 * waits as a write does: the room (> 0); -EPIPE, after SIGPIPE to the
 * caller, when no reader is left; -EAGAIN or -ERESTARTSYS.  Both wake on
 * the other end's progress or close and on signals.
 */
long	pipe_wait_bytes(struct pipe *p, bool nonblock);
long	pipe_wait_room(struct pipe *p, bool nonblock);
/* Now, without waiting: bytes held; room (0 when no reader is left). */
size_t	pipe_bytes(struct pipe *p);
size_t	pipe_room(struct pipe *p);
/*
 * Copy up to len held bytes, from skip bytes past the oldest, into
 * kernel buf without consuming them: the count copied.
 */
size_t	pipe_peek(struct pipe *p, size_t skip, void *buf, size_t len);
/* Drop the n oldest bytes (at most those held) and wake writers. */
void	pipe_consume(struct pipe *p, size_t n);
/*
 * Append up to len bytes of kernel buf as the room allows, without
 * waiting, and wake readers: the count (0 when full), or -ENOMEM with
 * nothing appended.
 */
long	pipe_put(struct pipe *p, const void *buf, size_t len);

#endif /* KERNEL_IPC_PIPE_H */
