/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Pipes (see pipe.h).  One CPU: interrupts off guard the ring and waits. */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/pipe.h>

#define PIPE_SIZE	65536

struct pipe {
	char		*pp_buf;
	uint64_t	 pp_head;	/* bytes ever written */
	uint64_t	 pp_tail;	/* bytes ever read */
	unsigned int	 pp_readers;
	unsigned int	 pp_writers;
	unsigned int	 pp_ropens;	/* named pipes: opens ever, per side, */
	unsigned int	 pp_wopens;	/* so a waiting open sees a peer that
					 * came and went */
	struct waitq	 pp_wait;	/* both sides: state changed */
	struct poll_head pp_poll;	/* both sides, for epoll */
};

static void
pipe_free(struct vnode *v)
{
	struct pipe *p = v->v_pipe;

	kfree(p->pp_buf);
	kfree(p);
	v->v_pipe = NULL;
}

static struct pipe *
pipe_of(struct file *f)
{
	return f->f_node->v_pipe;
}

/*
 * The pipe's state changed (key: the FILE_POLL* bits concerned): wake its
 * sleepers and any poller.
 */
static void
pipe_wake(struct pipe *p, short key)
{
	waitq_wake_all(&p->pp_wait);
	poll_wake(&p->pp_poll, key);
}

int
pipe_create(struct file **rd, struct file **wr)
{
	struct vnode *v = kzalloc(sizeof(*v));
	struct pipe *p = kzalloc(sizeof(*p));

	if (v == NULL || p == NULL || (p->pp_buf = kmalloc(PIPE_SIZE)) == NULL)
		goto fail;
	v->v_mode = S_IFIFO | 0600;
	v->v_ops = &vfs_anon_ops;
	v->v_pipe = p;
	v->v_refs = 0;			/* the two files hold it */
	p->pp_readers = p->pp_writers = 1;
	if ((*rd = file_new(v, O_RDONLY)) == NULL)
		goto fail;
	if ((*wr = file_new(v, O_WRONLY)) == NULL) {
		p->pp_writers = 0;
		file_put(*rd);		/* frees v and p through pipe_close */
		return -ENOMEM;
	}
	return 0;
fail:
	if (p != NULL)
		kfree(p->pp_buf);
	kfree(p);
	kfree(v);
	return -ENOMEM;
}

static void pipe_close(struct file *f);

/* Does f read, write, or both ends? */
static bool
pipe_reads(const struct file *f)
{
	return (f->f_flags & O_ACCMODE) != O_WRONLY;
}

static bool
pipe_writes(const struct file *f)
{
	return (f->f_flags & O_ACCMODE) != O_RDONLY;
}

static int
pipe_open(struct file *f)
{
	struct vnode *v = f->f_node;
	struct pipe *p, *spare = NULL;
	unsigned int peer_opens;
	bool on;

	/*
	 * The first opener makes the pipe.  Allocation may sleep or be
	 * preempted, so it happens before the check that installs it: two
	 * openers racing (a reader and a writer, as `cat p & echo x > p`
	 * does) must end on the same pipe, or each waits for the other
	 * forever on its own.
	 */
	if (__atomic_load_n(&v->v_pipe, __ATOMIC_RELAXED) == NULL) {
		if ((spare = kzalloc(sizeof(*spare))) == NULL)
			return -ENOMEM;
		if ((spare->pp_buf = kmalloc(PIPE_SIZE)) == NULL) {
			kfree(spare);
			return -ENOMEM;
		}
	}
	on = intr_save();
	if (v->v_pipe == NULL) {
		if (spare == NULL) {	/* freed since we looked */
			intr_restore(on);
			return pipe_open(f);
		}
		v->v_pipe = spare;
		spare = NULL;
	}
	p = v->v_pipe;
	if (spare != NULL) {		/* another opener was first */
		kfree(spare->pp_buf);
		kfree(spare);
	}
	if (pipe_writes(f) && !pipe_reads(f) && p->pp_readers == 0 &&
	    (f->f_flags & O_NONBLOCK)) {
		if (p->pp_writers == 0 && p->pp_readers == 0)
			pipe_free(v);
		intr_restore(on);
		return -ENXIO;
	}
	if (pipe_reads(f)) {
		p->pp_readers++;
		p->pp_ropens++;
	}
	if (pipe_writes(f)) {
		p->pp_writers++;
		p->pp_wopens++;
	}
	peer_opens = pipe_reads(f) ? p->pp_wopens : p->pp_ropens;
	waitq_wake_all(&p->pp_wait);
	/* Each end waits for the other, unless asked not to block. */
	while (!(f->f_flags & O_NONBLOCK) && !(pipe_reads(f) &&
	    pipe_writes(f)) && (pipe_reads(f) ? p->pp_writers == 0 &&
	    p->pp_wopens == peer_opens : p->pp_readers == 0 &&
	    p->pp_ropens == peer_opens)) {
		if (signal_pending()) {
			intr_restore(on);
			pipe_close(f);
			return -EINTR;
		}
		waitq_wait_locked(&p->pp_wait);
	}
	intr_restore(on);
	return 0;
}

static long
pipe_read(struct file *f, void *buf, size_t len)
{
	struct pipe *p = pipe_of(f);
	bool on = intr_save();
	size_t n = 0;

	while (p->pp_head == p->pp_tail && p->pp_writers > 0) {
		if ((f->f_flags & O_NONBLOCK) || signal_pending()) {
			intr_restore(on);
			return (f->f_flags & O_NONBLOCK) ? -EAGAIN :
			    -ERESTARTSYS;
		}
		waitq_wait_locked(&p->pp_wait);
	}
	while (n < len && p->pp_tail < p->pp_head)
		((char *)buf)[n++] = p->pp_buf[p->pp_tail++ % PIPE_SIZE];
	pipe_wake(p, FILE_POLLOUT);
	intr_restore(on);
	return (long)n;
}

static long
pipe_write(struct file *f, const void *buf, size_t len)
{
	struct pipe *p = pipe_of(f);
	bool on = intr_save();
	size_t n = 0;

	while (n < len) {
		if (p->pp_readers == 0) {
			intr_restore(on);
			if (n > 0)
				return (long)n;
			/* Nobody will read: SIGPIPE, then EPIPE if it lives. */
			signal_send(proc_current(), SIGPIPE);
			return -EPIPE;
		}
		if (p->pp_head - p->pp_tail == PIPE_SIZE) {
			if ((f->f_flags & O_NONBLOCK) || signal_pending()) {
				intr_restore(on);
				return n > 0 ? (long)n :
				    (f->f_flags & O_NONBLOCK) ? -EAGAIN :
				    -ERESTARTSYS;
			}
			pipe_wake(p, FILE_POLLIN);
			waitq_wait_locked(&p->pp_wait);
			continue;
		}
		while (n < len && p->pp_head - p->pp_tail < PIPE_SIZE)
			p->pp_buf[p->pp_head++ % PIPE_SIZE] =
			    ((const char *)buf)[n++];
	}
	pipe_wake(p, FILE_POLLIN);
	intr_restore(on);
	return (long)n;
}

static short
pipe_poll(struct file *f)
{
	struct pipe *p = pipe_of(f);

	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		return (short)((p->pp_head != p->pp_tail ? FILE_POLLIN : 0) |
		    (p->pp_writers == 0 ? FILE_POLLHUP : 0));
	if (p->pp_readers == 0)
		return FILE_POLLERR;
	return p->pp_head - p->pp_tail < PIPE_SIZE ? FILE_POLLOUT : 0;
}

static struct poll_head *
pipe_poll_head(struct file *f)
{
	return &pipe_of(f)->pp_poll;
}

static void
pipe_close(struct file *f)
{
	struct pipe *p = pipe_of(f);
	bool on = intr_save();

	if (pipe_reads(f))
		p->pp_readers--;
	if (pipe_writes(f))
		p->pp_writers--;
	pipe_wake(p, 0);
	if (p->pp_readers == 0 && p->pp_writers == 0)
		pipe_free(f->f_node);
	intr_restore(on);
}

/* Pipes and FIFOs: not seekable, not mappable, no ioctls. */
static const struct file_ops pipe_ops = {
	.fo_io = { pipe_read, pipe_write, 0 },
	.fo_open = pipe_open,
	.fo_release = pipe_close,
	.fo_poll = pipe_poll,
	.fo_poll_head = pipe_poll_head,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
};

static short
pipe_path_poll(struct file *f)
{
	(void)f;
	return FILE_POLLNVAL;
}

/*
 * A FIFO opened with O_PATH: the pipe is never opened, nor closed.  Its
 * reads and writes are -EBADF (file_new), never these.
 */
static const struct file_ops pipe_path_ops = {
	.fo_io = { pipe_read, pipe_write, 0 },
	.fo_open = file_open_none,
	.fo_release = file_release_none,
	.fo_poll = pipe_path_poll,
	.fo_poll_head = file_poll_head_none,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
};

void
pipe_init(void)
{
	file_set_fifo_ops(&pipe_ops, &pipe_path_ops);
}
