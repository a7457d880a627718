/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Pipes (see pipe.h).  One CPU: interrupts off guard the ring and waits. */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/tunable.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/pipe.h>

/*
 * A pipe is a ring of pp_npages page slots (a power of two); the byte at
 * position x (pp_tail <= x < pp_head, counted since the pipe was made)
 * lives in slot x / PAGE_SIZE % pp_npages.  A slot gets its page when a
 * writer first reaches it, and gives it back when the reader leaves it
 * (one page is kept aside for the next writer), so an idle pipe holds at
 * most two pages whatever its capacity.
 */
struct pipe {
	char		**pp_pages;	/* pp_npages slots, NULL: no page */
	unsigned int	 pp_npages;	/* F_SETPIPE_SZ's, PIPE_PAGES at first */
	char		*pp_spare;	/* a page for the next slot to fill */
	uint64_t	 pp_head;	/* bytes ever written */
	uint64_t	 pp_tail;	/* bytes ever read */
	unsigned int	 pp_readers;
	unsigned int	 pp_writers;
	unsigned int	 pp_ropens;	/* named pipes: opens ever, per side, */
	unsigned int	 pp_wopens;	/* so a waiting open sees a peer that
					 * came and went */
	struct waitq	 pp_wait;	/* both sides: state changed */
	struct poll_head pp_poll;	/* both sides, for epoll */
	/*
	 * Packet mode (a writer with O_DIRECT, pipe(7)): where each packet
	 * not yet read ends (a position as pp_head), oldest at pp_mtail.
	 * A packet holds a slot of this ring as Linux's holds a pipe
	 * buffer, so at most pipe_marks_max() are in the pipe.
	 */
	uint64_t	 pp_marks[PIPE_PAGES];
	unsigned int	 pp_mhead;	/* marks ever made */
	unsigned int	 pp_mtail;	/* marks ever passed by the reader */
	char		*pp_first[PIPE_PAGES];	/* pp_pages until resized */
	uint32_t	 pp_uid;	/* the user its pages are counted to */
};

/*
 * Pages of pipe buffers per user (real uid), as Linux counts them for
 * fs.pipe-user-pages-soft and -hard.  A short list: users with pipes.
 */
struct pipe_user {
	struct pipe_user *pu_next;
	uint32_t	 pu_uid;
	uint64_t	 pu_pages;
};
static struct pipe_user *pipe_users;

#define PIPE_MIN_PAGES	2	/* a pipe past the soft limit gets these */

static const struct file_ops pipe_ops;

static unsigned int
pipe_marks_max(const struct pipe *p)
{
	return p->pp_npages < PIPE_PAGES ? p->pp_npages : PIPE_PAGES;
}

/* Forget the packets the reader is past (a read, splice's consume). */
static void
pipe_marks_drop(struct pipe *p)
{
	while (p->pp_mtail != p->pp_mhead &&
	    p->pp_marks[p->pp_mtail % PIPE_PAGES] <= p->pp_tail)
		p->pp_mtail++;
}

static uint64_t
pipe_capacity(const struct pipe *p)
{
	return (uint64_t)p->pp_npages * PAGE_SIZE;
}

static char **
pipe_slot(struct pipe *p, uint64_t pos)
{
	return &p->pp_pages[pos / PAGE_SIZE & (p->pp_npages - 1)];
}

/* A page for the slot of pos, kept there; NULL when memory is out. */
static char *
pipe_page(struct pipe *p, uint64_t pos)
{
	char **slot = pipe_slot(p, pos);

	if (*slot == NULL) {
		if (p->pp_spare != NULL) {
			*slot = p->pp_spare;
			p->pp_spare = NULL;
		} else {
			*slot = page_alloc_va(0);
		}
	}
	return *slot;
}

/*
 * The reader has left the page of position pos behind: free its slot
 * unless the bytes ahead have wrapped into it (a full pipe whose first
 * page is partly read shares that slot with its last).
 */
static void
pipe_page_done(struct pipe *p, uint64_t pos)
{
	char **slot = pipe_slot(p, pos);

	if (p->pp_head > p->pp_tail && (p->pp_head - 1) / PAGE_SIZE >=
	    pos / PAGE_SIZE + p->pp_npages)
		return;
	if (p->pp_spare == NULL)
		p->pp_spare = *slot;
	else
		page_free_va(*slot, 0);
	*slot = NULL;
}

/* Free every page and the slots (not p). */
static void
pipe_free_pages(struct pipe *p)
{
	for (unsigned int i = 0; i < p->pp_npages; i++)
		if (p->pp_pages[i] != NULL)
			page_free_va(p->pp_pages[i], 0);
	if (p->pp_spare != NULL)
		page_free_va(p->pp_spare, 0);
	if (p->pp_pages != p->pp_first)
		kfree(p->pp_pages);
}

/*
 * Add delta pages to uid's count; its new count.  Interrupts off.  (A
 * user whose entry cannot be made is not counted.)
 */
static uint64_t
pipe_account(uint32_t uid, int64_t delta)
{
	struct pipe_user **pp, *u;
	uint64_t n;

	for (pp = &pipe_users; (u = *pp) != NULL; pp = &u->pu_next)
		if (u->pu_uid == uid)
			break;
	if (u == NULL) {
		if (delta <= 0 || (u = kzalloc(sizeof(*u))) == NULL)
			return delta > 0 ? (uint64_t)delta : 0;
		u->pu_uid = uid;
		u->pu_next = pipe_users;
		pipe_users = u;
		pp = &pipe_users;
	}
	u->pu_pages += (uint64_t)delta;
	if ((n = u->pu_pages) == 0) {
		*pp = u->pu_next;
		kfree(u);
	}
	return n;
}

/* Linux's pipe limits bind users without CAP_SYS_RESOURCE and ADMIN. */
static bool
pipe_limited(void)
{
	return !proc_capable(CAP_SYS_RESOURCE) && !proc_capable(CAP_SYS_ADMIN);
}

static bool
pipe_over(const struct tunable *t, uint64_t pages)
{
	return t->tu_val != 0 && pages > t->tu_val;
}

/* A new pipe counted to the caller's user, or NULL with *error set. */
static struct pipe *
pipe_new(int *error)
{
	struct pipe *p = kzalloc(sizeof(*p));
	uint64_t n;
	bool on;

	*error = -ENOMEM;
	if (p == NULL)
		return NULL;
	p->pp_pages = p->pp_first;
	p->pp_npages = PIPE_PAGES;
	/* Not above fs.pipe-max-size (a power of two of pages) without
	 * CAP_SYS_RESOURCE, as Linux. */
	if ((uint64_t)PIPE_PAGES * PAGE_SIZE > tun_pipe_max.tu_val &&
	    !proc_capable(CAP_SYS_RESOURCE))
		p->pp_npages = (unsigned int)(tun_pipe_max.tu_val / PAGE_SIZE);
	on = intr_save();
	/* The kernel's own pipes (in-kernel tests) count to root. */
	p->pp_uid = proc_current() != NULL ? proc_current()->p_cred.pc_uid : 0;
	n = pipe_account(p->pp_uid, p->pp_npages);
	/* Past the user's soft limit a pipe gets two pages; past the hard
	 * one, none (ENFILE, as Linux). */
	if (pipe_limited() && pipe_over(&tun_pipe_user_soft, n) &&
	    p->pp_npages > PIPE_MIN_PAGES) {
		n = pipe_account(p->pp_uid,
		    (int64_t)PIPE_MIN_PAGES - p->pp_npages);
		p->pp_npages = PIPE_MIN_PAGES;
	}
	if (pipe_limited() && pipe_over(&tun_pipe_user_hard, n)) {
		pipe_account(p->pp_uid, -(int64_t)p->pp_npages);
		intr_restore(on);
		kfree(p);
		*error = -ENFILE;
		return NULL;
	}
	intr_restore(on);
	return p;
}

/* Give back a pipe_new pipe that was never used. */
static void
pipe_discard(struct pipe *p)
{
	bool on;

	if (p == NULL)
		return;
	on = intr_save();
	pipe_account(p->pp_uid, -(int64_t)p->pp_npages);
	intr_restore(on);
	kfree(p);
}

static void
pipe_free(struct vnode *v)
{
	struct pipe *p = v->v_pipe;

	pipe_free_pages(p);
	pipe_account(p->pp_uid, -(int64_t)p->pp_npages);
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
	int error;
	struct pipe *p = pipe_new(&error);

	if (v == NULL || p == NULL)
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
	pipe_discard(p);
	kfree(v);
	return p == NULL ? error : -ENOMEM;
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
	int error;
	bool on;

	/*
	 * The first opener makes the pipe.  Allocation may sleep or be
	 * preempted, so it happens before the check that installs it: two
	 * openers racing (a reader and a writer, as `cat p & echo x > p`
	 * does) must end on the same pipe, or each waits for the other
	 * forever on its own.
	 */
	if (__atomic_load_n(&v->v_pipe, __ATOMIC_RELAXED) == NULL &&
	    (spare = pipe_new(&error)) == NULL)
		return error;
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
	pipe_discard(spare);		/* another opener was first */
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

/* memcpy, without its call for the few bytes of small messages. */
static inline void
pipe_copy(char *dst, const char *src, size_t len)
{
	if (len > 16) {
		memcpy(dst, src, len);
		return;
	}
	while (len-- > 0)
		*dst++ = *src++;
}

/* Pass n bytes at the tail unread; interrupts off. */
static void
pipe_skip(struct pipe *p, uint64_t n)
{
	n = MIN(n, p->pp_head - p->pp_tail);
	while (n > 0) {
		uint64_t chunk = MIN(n, PAGE_SIZE - p->pp_tail % PAGE_SIZE);

		p->pp_tail += chunk;
		n -= chunk;
		if (p->pp_tail % PAGE_SIZE == 0)
			pipe_page_done(p, p->pp_tail - 1);
	}
}

static long
pipe_read(struct file *f, void *buf, size_t len)
{
	struct pipe *p = pipe_of(f);
	size_t n = 0, chunk;
	uint64_t end = 0;
	long error;
	bool on;

	if (len == 0)
		return 0;
	on = intr_save();
	while (p->pp_head == p->pp_tail && p->pp_writers > 0) {
		if ((error = signal_wait_error(f->f_flags & O_NONBLOCK)) != 0) {
			intr_restore(on);
			return error;
		}
		waitq_wait_locked(&p->pp_wait);
	}
	/* A packet is read alone, and what the buffer cannot take of it
	 * is dropped (pipe(7)). */
	if (p->pp_mtail != p->pp_mhead) {
		end = p->pp_marks[p->pp_mtail % PIPE_PAGES];
		len = (size_t)MIN((uint64_t)len, end - p->pp_tail);
	}
	while (n < len && p->pp_tail < p->pp_head) {
		uint64_t off = p->pp_tail % PAGE_SIZE;

		chunk = MIN(MIN(len - n, PAGE_SIZE - off),
		    p->pp_head - p->pp_tail);
		pipe_copy((char *)buf + n, *pipe_slot(p, p->pp_tail) + off,
		    chunk);
		n += chunk;
		p->pp_tail += chunk;
		if (p->pp_tail % PAGE_SIZE == 0)
			pipe_page_done(p, p->pp_tail - 1);
	}
	if (end != 0)
		pipe_skip(p, end - p->pp_tail);
	pipe_marks_drop(p);
	pipe_wake(p, FILE_POLLOUT);
	intr_restore(on);
	return (long)n;
}

/*
 * Copy len bytes in at the head, which has the room: false, with
 * nothing copied, when memory for the pages is out.
 */
static bool
pipe_copy_in(struct pipe *p, const char *buf, size_t len)
{
	uint64_t off = p->pp_head % PAGE_SIZE;
	size_t n = 0, chunk;
	char *pg;

	/* The common case: the bytes fit on the head's page. */
	if (off + len <= PAGE_SIZE) {
		if ((pg = pipe_page(p, p->pp_head)) == NULL)
			return false;
		pipe_copy(pg + off, buf, len);
		p->pp_head += len;
		return true;
	}
	/* Every page first, so that a write is whole or nothing. */
	for (uint64_t pos = p->pp_head; pos < p->pp_head + len;
	    pos = (pos / PAGE_SIZE + 1) * PAGE_SIZE)
		if (pipe_page(p, pos) == NULL)
			return false;
	while (n < len) {
		off = p->pp_head % PAGE_SIZE;
		chunk = MIN(len - n, PAGE_SIZE - off);
		pipe_copy(*pipe_slot(p, p->pp_head) + off, buf + n, chunk);
		n += chunk;
		p->pp_head += chunk;
	}
	return true;
}

/*
 * Writes of at most PIPE_BUF bytes go in whole, after waiting for the
 * room (O_NONBLOCK: -EAGAIN if there is none); longer ones take what
 * room there is, wait for more, and with O_NONBLOCK stop at a partial
 * count.
 */
static long
pipe_write(struct file *f, const void *buf, size_t len)
{
	struct pipe *p = pipe_of(f);
	bool packets = (f->f_flags & O_DIRECT) != 0;
	bool whole = len <= PIPE_BUF;
	bool on = intr_save();
	size_t n = 0;
	long error;

	while (n < len) {
		uint64_t room, want;

		if (p->pp_readers == 0) {
			intr_restore(on);
			if (n > 0)
				return (long)n;
			/* Nobody will read: SIGPIPE, then EPIPE if it lives. */
			signal_send(proc_current(), SIGPIPE);
			return -EPIPE;
		}
		room = pipe_capacity(p) - (p->pp_head - p->pp_tail);
		/* A packet is at most a page, and goes in whole. */
		want = packets ? MIN((uint64_t)(len - n), PAGE_SIZE) :
		    whole ? len : 1;
		if (room < want || (packets &&
		    p->pp_mhead - p->pp_mtail >= pipe_marks_max(p))) {
			if ((error = signal_wait_error(f->f_flags &
			    O_NONBLOCK)) != 0) {
				intr_restore(on);
				return n > 0 ? (long)n : error;
			}
			pipe_wake(p, FILE_POLLIN);
			waitq_wait_locked(&p->pp_wait);
			continue;
		}
		room = MIN(room, packets ? want : len - n);
		if (!pipe_copy_in(p, (const char *)buf + n, (size_t)room)) {
			intr_restore(on);
			return n > 0 ? (long)n : -ENOMEM;
		}
		if (packets)
			p->pp_marks[p->pp_mhead++ % PIPE_PAGES] = p->pp_head;
		n += (size_t)room;
	}
	pipe_wake(p, FILE_POLLIN);
	intr_restore(on);
	return (long)n;
}

/* ---- splice, tee and vmsplice: the pipe's side, in steps ---- */

static uint64_t
pipe_room_locked(const struct pipe *p)
{
	return p->pp_readers == 0 ? 0 :
	    pipe_capacity(p) - (p->pp_head - p->pp_tail);
}

size_t
pipe_bytes(struct pipe *p)
{
	return (size_t)(__atomic_load_n(&p->pp_head, __ATOMIC_RELAXED) -
	    __atomic_load_n(&p->pp_tail, __ATOMIC_RELAXED));
}

size_t
pipe_room(struct pipe *p)
{
	bool on = intr_save();
	uint64_t room = pipe_room_locked(p);

	intr_restore(on);
	return (size_t)room;
}

/* As a read waits: while empty with a writer (signal_wait_error). */
long
pipe_wait_bytes(struct pipe *p, bool nonblock)
{
	bool on = intr_save();
	long error;

	while (p->pp_head == p->pp_tail && p->pp_writers > 0) {
		if ((error = signal_wait_error(nonblock)) != 0) {
			intr_restore(on);
			return error;
		}
		waitq_wait_locked(&p->pp_wait);
	}
	error = (long)(p->pp_head - p->pp_tail);
	intr_restore(on);
	return error;
}

/* As a write waits: while full with a reader; none left is EPIPE. */
long
pipe_wait_room(struct pipe *p, bool nonblock)
{
	bool on = intr_save();
	long error;

	for (;;) {
		if (p->pp_readers == 0) {
			intr_restore(on);
			signal_send(proc_current(), SIGPIPE);
			return -EPIPE;
		}
		if (pipe_room_locked(p) > 0)
			break;
		if ((error = signal_wait_error(nonblock)) != 0) {
			intr_restore(on);
			return error;
		}
		pipe_wake(p, FILE_POLLIN);
		waitq_wait_locked(&p->pp_wait);
	}
	error = (long)pipe_room_locked(p);
	intr_restore(on);
	return error;
}

size_t
pipe_peek(struct pipe *p, size_t skip, void *buf, size_t len)
{
	bool on = intr_save();
	uint64_t pos = p->pp_tail + skip;
	size_t n = 0, chunk;

	while (n < len && pos < p->pp_head) {
		uint64_t off = pos % PAGE_SIZE;

		chunk = (size_t)MIN(MIN((uint64_t)(len - n), PAGE_SIZE - off),
		    p->pp_head - pos);
		memcpy((char *)buf + n, *pipe_slot(p, pos) + off, chunk);
		n += chunk;
		pos += chunk;
	}
	intr_restore(on);
	return n;
}

void
pipe_consume(struct pipe *p, size_t n)
{
	bool on = intr_save();

	pipe_skip(p, n);
	pipe_marks_drop(p);
	pipe_wake(p, FILE_POLLOUT);
	intr_restore(on);
}

long
pipe_put(struct pipe *p, const void *buf, size_t len)
{
	bool on = intr_save();
	size_t n = (size_t)MIN((uint64_t)len, pipe_room_locked(p));

	if (n > 0 && !pipe_copy_in(p, buf, n)) {
		intr_restore(on);
		return -ENOMEM;
	}
	if (n > 0)
		pipe_wake(p, FILE_POLLIN);
	intr_restore(on);
	return (long)n;
}

static struct pipe *
pipe_file_pipe(struct file *f)
{
	return pipe_of(f);
}

/*
 * Each end it was opened for counts (a FIFO opened O_RDWR is both):
 * readable with bytes in it, hung up with no writer left; writable with
 * room for a PIPE_BUF write, which then goes in whole, an error with no
 * reader left.
 */
static short
pipe_poll(struct file *f)
{
	struct pipe *p = pipe_of(f);
	uint32_t mode = f->f_flags & O_ACCMODE;
	short mask = 0;

	if (mode != O_WRONLY)
		mask |= (short)((p->pp_head != p->pp_tail ? FILE_POLLIN : 0) |
		    (p->pp_writers == 0 ? FILE_POLLHUP : 0));
	if (mode != O_RDONLY) {
		if (p->pp_readers == 0)
			mask |= FILE_POLLERR;
		else if (pipe_capacity(p) - (p->pp_head - p->pp_tail) >=
		    PIPE_BUF && (!(f->f_flags & O_DIRECT) ||
		    p->pp_mhead - p->pp_mtail < pipe_marks_max(p)))
			mask |= FILE_POLLOUT;
	}
	return mask;
}

/* FIONREAD: the bytes in the pipe. */
static long
pipe_ioctl(struct file *f, unsigned long req, uint64_t arg)
{
	struct pipe *p = pipe_of(f);
	int n;

	if (req != FILE_FIONREAD)
		return -ENOTTY;
	n = (int)(p->pp_head - p->pp_tail);
	return copy_to_user((void *)arg, &n, sizeof(n));
}

/*
 * F_SETPIPE_SZ: the bytes move to new pages from the first slot on, so
 * that the ring is laid out for the new size.
 */
static long
pipe_set_size(struct pipe *p, uint64_t arg)
{
	unsigned int npages = 1;
	uint64_t held, size, n;
	char **pages;
	bool on;

	if (arg > 1UL << 31)
		return -EINVAL;
	while ((uint64_t)npages * PAGE_SIZE < arg)
		npages <<= 1;
	size = (uint64_t)npages * PAGE_SIZE;
	/* Past pipe-max-size only with CAP_SYS_RESOURCE. */
	if (npages > p->pp_npages && size > tun_pipe_max.tu_val &&
	    !proc_capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if ((pages = kcalloc(npages, sizeof(*pages))) == NULL)
		return -ENOMEM;
	on = intr_save();
	held = p->pp_head - p->pp_tail;
	if (held > size) {
		intr_restore(on);
		kfree(pages);
		return -EBUSY;
	}
	/* Growing past the user's soft or hard limit: EPERM, as Linux. */
	n = pipe_account(p->pp_uid, (int64_t)npages - p->pp_npages);
	if (npages > p->pp_npages && pipe_limited() &&
	    (pipe_over(&tun_pipe_user_soft, n) ||
	    pipe_over(&tun_pipe_user_hard, n))) {
		pipe_account(p->pp_uid, (int64_t)p->pp_npages - npages);
		intr_restore(on);
		kfree(pages);
		return -EPERM;
	}
	for (uint64_t done = 0; done < held; done += PAGE_SIZE) {
		size_t chunk = (size_t)MIN(held - done, (uint64_t)PAGE_SIZE);
		size_t first = (size_t)MIN((uint64_t)chunk,
		    PAGE_SIZE - p->pp_tail % PAGE_SIZE);
		char *pg = page_alloc_va(0);

		if (pg == NULL) {
			pipe_account(p->pp_uid, (int64_t)p->pp_npages - npages);
			intr_restore(on);
			while (done > 0) {
				done -= PAGE_SIZE;
				page_free_va(pages[done / PAGE_SIZE], 0);
			}
			kfree(pages);
			return -ENOMEM;
		}
		pages[done / PAGE_SIZE] = pg;
		/* Without moving the tail: the old pages stay until done. */
		memcpy(pg, *pipe_slot(p, p->pp_tail + done) +
		    (p->pp_tail + done) % PAGE_SIZE, first);
		if (first < chunk)
			memcpy(pg + first, *pipe_slot(p, p->pp_tail + done +
			    first), chunk - first);
	}
	pipe_free_pages(p);
	p->pp_spare = NULL;
	if (npages <= PIPE_PAGES) {
		memcpy(p->pp_first, pages, npages * sizeof(*pages));
		kfree(pages);
		pages = p->pp_first;
	}
	p->pp_pages = pages;
	p->pp_npages = npages;
	p->pp_tail = 0;
	p->pp_head = held;
	pipe_wake(p, FILE_POLLOUT);	/* writers may have room now */
	intr_restore(on);
	return (long)size;
}

long
pipe_fcntl(struct file *f, unsigned int cmd, uint64_t arg)
{
	if (f->f_ops != &pipe_ops)
		return -EBADF;
	switch (cmd) {
	case PIPE_F_GETPIPE_SZ:
		return (long)pipe_capacity(pipe_of(f));
	case PIPE_F_SETPIPE_SZ:
		return pipe_set_size(pipe_of(f), arg);
	default:
		return -EINVAL;
	}
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

/* Pipes and FIFOs: not seekable, not mappable, FIONREAD. */
static const struct file_ops pipe_ops = {
	.fo_io = { pipe_read, pipe_write, 0 },
	.fo_flags = FILE_OPS_ASYNC,
	.fo_open = pipe_open,
	.fo_release = pipe_close,
	.fo_poll = pipe_poll,
	.fo_poll_head = pipe_poll_head,
	.fo_ioctl = pipe_ioctl,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = pipe_file_pipe,
	.fo_fdinfo = file_fdinfo_none,
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
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

void
pipe_init(void)
{
	file_set_fifo_ops(&pipe_ops, &pipe_path_ops);
}
