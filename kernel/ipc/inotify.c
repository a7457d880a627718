/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * inotify (see inotify.h).  One CPU: interrupts off guard the queues and
 * the watch lists (events come from system calls of any process).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/notify.h>
#include <fs/vfs.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/inotify.h>
#include <kernel/ipc/inotify_queue.h>

#define INOTIFY_READ_MAX	65536	/* bytes one read hands out */

struct inotify;

struct inotify_watch {
	struct inotify_watch	*iw_node_next;	/* the node's other watches */
	struct inotify_watch	*iw_next;	/* the instance's, by age */
	struct inotify		*iw_in;
	struct vnode		*iw_node;	/* pinned */
	int32_t			 iw_wd;
	uint32_t		 iw_mask;	/* events, ONESHOT, EXCL_UNLINK */
};

struct inotify {
	struct inotify		*in_next;	/* every instance */
	struct inotify_queue	 in_q;
	struct inotify_watch	*in_watches;
	int32_t			 in_last_wd;
	uint32_t		 in_uid;
	struct waitq		 in_wait;
	struct poll_head	 in_poll;
};

static struct inotify *inotify_all;

static struct inotify *
inotify_of(const struct file *f)
{
	return f->f_node->v_priv;
}

/* Queue an event on in and wake its readers. */
static void
inotify_post(struct inotify *in, int32_t wd, uint32_t mask, uint32_t cookie,
    const char *name)
{
	int r = inotify_queue_add(&in->in_q, wd, mask, cookie, name,
	    fsnotify_limits.fl_max_queued_events);

	if (r == INOTIFY_QUEUED || r == INOTIFY_OVERFLOW) {
		waitq_wake_all(&in->in_wait);
		poll_wake(&in->in_poll, FILE_POLLIN);
	}
}

/* Drop watch w (interrupts off), queueing IN_IGNORED; may free its node. */
static void
inotify_drop(struct inotify_watch *w)
{
	struct inotify *in = w->iw_in;
	struct vnode *v = w->iw_node;
	struct inotify_watch **pp;

	for (pp = (struct inotify_watch **)&v->v_notify; *pp != w;
	    pp = &(*pp)->iw_node_next)
		;
	*pp = w->iw_node_next;
	for (pp = &in->in_watches; *pp != w; pp = &(*pp)->iw_next)
		;
	*pp = w->iw_next;
	inotify_post(in, w->iw_wd, IN_IGNORED, 0, NULL);
	kfree(w);
	vfs_unpin(v);
}

static void
inotify_event(struct vnode *v, uint32_t mask, uint32_t cookie,
    const char *name, bool child_gone)
{
	struct inotify_watch *w, *next;
	bool on = intr_save();

	for (w = v->v_notify; w != NULL; w = next) {
		uint32_t ev = mask & w->iw_mask & IN_ALL_EVENTS;

		next = w->iw_node_next;
		if (ev == 0 || (child_gone && (w->iw_mask & IN_EXCL_UNLINK)))
			continue;
		inotify_post(w->iw_in, w->iw_wd, ev | (mask & IN_ISDIR), cookie,
		    name);
		if (w->iw_mask & IN_ONESHOT)
			inotify_drop(w);	/* v stays: the caller holds it */
	}
	intr_restore(on);
}

static void
inotify_gone(struct vnode *v)
{
	struct inotify_watch *w, *next;
	bool on = intr_save();

	for (w = v->v_notify; w != NULL; w = next) {
		next = w->iw_node_next;
		if (w->iw_mask & FSN_DELETE_SELF)
			inotify_post(w->iw_in, w->iw_wd, FSN_DELETE_SELF, 0,
			    NULL);
		inotify_drop(w);	/* the last one frees v */
	}
	intr_restore(on);
}

static void
inotify_unmount(struct mount *m)
{
	bool on = intr_save();

	for (struct inotify *in = inotify_all; in != NULL; in = in->in_next) {
		struct inotify_watch *w, *next;

		for (w = in->in_watches; w != NULL; w = next) {
			next = w->iw_next;
			if (w->iw_node->v_mnt != m)
				continue;
			inotify_post(in, w->iw_wd, IN_UNMOUNT |
			    (S_ISDIR(w->iw_node->v_mode) ? IN_ISDIR : 0), 0,
			    NULL);
			inotify_drop(w);
		}
	}
	intr_restore(on);
}

static const struct fsnotify_ops inotify_fsnotify_ops = {
	.fn_event = inotify_event,
	.fn_gone = inotify_gone,
	.fn_unmount = inotify_unmount,
};

void
inotify_listen(void)
{
	fsnotify_register(&inotify_fsnotify_ops);
}

/*
 * Reads take whole records; the buffer is the caller's (FILE_READ_NOBUF)
 * so that a large one is filled in one go, never in pieces that could
 * wait between them.
 */
static long
inotify_read(struct file *f, void *ubuf, size_t len)
{
	struct inotify *in = inotify_of(f);
	size_t first;
	long n, error;
	char *kbuf;
	bool on = intr_save();

	while ((first = inotify_queue_first(&in->in_q)) == 0) {
		if ((error = signal_wait_error(f->f_flags & O_NONBLOCK)) != 0) {
			intr_restore(on);
			return error;
		}
		waitq_wait_locked(&in->in_wait);
	}
	if (first > len) {
		intr_restore(on);
		return -EINVAL;
	}
	if (len > in->in_q.iq_bytes)
		len = in->in_q.iq_bytes;
	if (len > INOTIFY_READ_MAX)
		len = first > INOTIFY_READ_MAX ? first : INOTIFY_READ_MAX;
	if ((kbuf = kmalloc(len)) == NULL) {
		intr_restore(on);
		return -ENOMEM;
	}
	n = inotify_queue_read(&in->in_q, kbuf, len);
	intr_restore(on);
	if (n > 0 && copy_to_user(ubuf, kbuf, (size_t)n) != 0)
		n = -EFAULT;
	kfree(kbuf);
	return n;
}

static long
inotify_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EINVAL;		/* never reached: opened for reading only */
}

static short
inotify_poll(struct file *f)
{
	return inotify_queue_first(&inotify_of(f)->in_q) != 0 ? FILE_POLLIN :
	    0;
}

static struct poll_head *
inotify_poll_head(struct file *f)
{
	return &inotify_of(f)->in_poll;
}

static long
inotify_ioctl(struct file *f, unsigned long req, uint64_t arg)
{
	int n;

	if (req != FILE_FIONREAD)
		return -ENOTTY;
	n = (int)inotify_of(f)->in_q.iq_bytes;
	return copy_to_user((void *)arg, &n, sizeof(n));
}

/* Linux's inotify files seek nowhere and say 0. */
static long
inotify_lseek(struct file *f, int64_t off, int whence)
{
	(void)f, (void)off, (void)whence;
	return 0;
}

static void
inotify_release(struct file *f)
{
	struct inotify *in = inotify_of(f), **pp;
	bool on = intr_save();

	while (in->in_watches != NULL)
		inotify_drop(in->in_watches);
	inotify_queue_clear(&in->in_q);
	for (pp = &inotify_all; *pp != in; pp = &(*pp)->in_next)
		;
	*pp = in->in_next;
	intr_restore(on);
	kfree(in);
}

/* One line per watch, as Linux's fdinfo (what LTP's inotify12 reads). */
static void
inotify_fdinfo(struct file *f, char *buf, size_t size)
{
	struct inotify *in = inotify_of(f);
	size_t done = 0;
	bool on = intr_save();

	if (size > 0)
		buf[0] = '\0';
	for (struct inotify_watch *w = in->in_watches; w != NULL &&
	    done + 1 < size; w = w->iw_next) {
		struct vnode *v = w->iw_node;
		int n = fmt_snprintf(buf + done, size - done,
		    "inotify wd:%x ino:%lx sdev:%x mask:%x ignored_mask:0\n",
		    (unsigned int)w->iw_wd, (unsigned long)v->v_ino,
		    v->v_mnt != NULL ? v->v_mnt->mnt_dev : 0, w->iw_mask);

		if (n < 0 || (size_t)n >= size - done)
			break;
		done += (size_t)n;
	}
	intr_restore(on);
}

static const struct file_ops inotify_ops = {
	.fo_io = { inotify_read, inotify_write, FILE_READ_NOBUF },
	.fo_flags = FILE_OPS_ASYNC,
	.fo_open = file_open_none,
	.fo_release = inotify_release,
	.fo_poll = inotify_poll,
	.fo_poll_head = inotify_poll_head,
	.fo_ioctl = inotify_ioctl,
	.fo_lseek = inotify_lseek,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = inotify_fdinfo,
};

bool
inotify_is(const struct file *f)
{
	return f->f_ops == &inotify_ops;
}

struct file *
inotify_create(uint32_t uid, uint32_t flags, int *error)
{
	struct inotify *in;
	struct file *f;
	uint32_t count = 0;
	bool on = intr_save();

	for (in = inotify_all; in != NULL; in = in->in_next)
		count += in->in_uid == uid;
	intr_restore(on);
	if (count >= fsnotify_limits.fl_max_user_instances) {
		*error = -EMFILE;
		return NULL;
	}
	*error = -ENOMEM;
	if ((in = kzalloc(sizeof(*in))) == NULL)
		return NULL;
	in->in_uid = uid;
	if ((f = file_new_anon(&inotify_ops, O_RDONLY | (flags & O_NONBLOCK),
	    in)) == NULL) {
		kfree(in);
		return NULL;
	}
	on = intr_save();
	in->in_next = inotify_all;
	inotify_all = in;
	intr_restore(on);
	return f;
}

/* The user's watches, over all instances (interrupts off). */
static uint32_t
inotify_user_watches(uint32_t uid)
{
	uint32_t n = 0;

	for (struct inotify *in = inotify_all; in != NULL; in = in->in_next)
		if (in->in_uid == uid)
			for (struct inotify_watch *w = in->in_watches; w != NULL;
			    w = w->iw_next)
				n++;
	return n;
}

/* A wd not in use by in, after the last one given (as Linux: cyclic). */
static int32_t
inotify_new_wd(struct inotify *in)
{
	for (;;) {
		struct inotify_watch *w;

		if (++in->in_last_wd <= 0)
			in->in_last_wd = 1;
		for (w = in->in_watches; w != NULL && w->iw_wd != in->in_last_wd;
		    w = w->iw_next)
			;
		if (w == NULL)
			return in->in_last_wd;
	}
}

long
inotify_add(struct file *f, struct vnode *v, uint32_t mask)
{
	struct inotify *in = inotify_of(f);
	uint32_t keep = mask & (IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK);
	struct inotify_watch *w, **pp, *nw = kzalloc(sizeof(*nw));
	long ret;
	bool on;

	if (nw == NULL)
		return -ENOMEM;
	on = intr_save();
	for (w = v->v_notify; w != NULL && w->iw_in != in; w = w->iw_node_next)
		;
	if (w != NULL) {
		if (mask & IN_MASK_CREATE) {
			ret = -EEXIST;
		} else {
			w->iw_mask = (mask & IN_MASK_ADD) ? w->iw_mask | keep :
			    keep;
			ret = w->iw_wd;
		}
	} else if (inotify_user_watches(in->in_uid) >=
	    fsnotify_limits.fl_max_user_watches) {
		ret = -ENOSPC;
	} else {
		w = nw;
		nw = NULL;
		w->iw_in = in;
		w->iw_node = v;
		w->iw_mask = keep;
		w->iw_wd = inotify_new_wd(in);
		vfs_pin(v);
		w->iw_node_next = v->v_notify;
		v->v_notify = w;
		for (pp = &in->in_watches; *pp != NULL; pp = &(*pp)->iw_next)
			;
		*pp = w;
		ret = w->iw_wd;
	}
	intr_restore(on);
	kfree(nw);
	return ret;
}

long
inotify_rm(struct file *f, int32_t wd)
{
	struct inotify *in = inotify_of(f);
	struct inotify_watch *w;
	bool on = intr_save();

	for (w = in->in_watches; w != NULL && w->iw_wd != wd; w = w->iw_next)
		;
	if (w != NULL)
		inotify_drop(w);
	intr_restore(on);
	return w != NULL ? 0 : -EINVAL;
}
