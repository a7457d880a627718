/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * In-kernel tests of the event files: poll heads and their watches (the
 * key filter is the watcher's, every watch is called, a watch taken off
 * is not), an eventfd's counting through its file operations, and an
 * epoll instance's readiness following a pipe it watches, until the
 * pipe's read end is released and its registration goes with it; an
 * inotify watch pinning its node and letting go of it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <kernel/sched/poll.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/ipc/epoll.h>
#include <kernel/ipc/eventfd.h>
#include <kernel/ipc/inotify.h>
#include <kernel/ipc/pipe.h>
#include <kernel/tests/ktest.h>

struct kt_watch {
	struct poll_watch	kw_watch;
	int			kw_calls;
	short			kw_key;
};

static bool
kt_watch_fn(struct poll_watch *w, short key)
{
	struct kt_watch *kw = container_of(w, struct kt_watch, kw_watch);

	kw->kw_calls++;
	kw->kw_key = key;
	return true;
}

KTEST(event, poll_head_runs_its_watches)
{
	struct poll_head h = { 0 };
	struct kt_watch a = { .kw_watch.pw_fn = kt_watch_fn };
	struct kt_watch b = { .kw_watch.pw_fn = kt_watch_fn };

	poll_watch_add(&h, &a.kw_watch);
	poll_watch_add(&h, &b.kw_watch);
	poll_wake(&h, FILE_POLLIN);
	KT_ASSERT_EQ(a.kw_calls, 1);
	KT_ASSERT_EQ(b.kw_calls, 1);
	KT_ASSERT_EQ(a.kw_key, FILE_POLLIN);
	poll_watch_del(&a.kw_watch);
	poll_watch_del(&a.kw_watch);	/* twice: nothing */
	poll_wake(&h, 0);
	KT_ASSERT_EQ(a.kw_calls, 1);
	KT_ASSERT_EQ(b.kw_calls, 2);
	poll_watch_del(&b.kw_watch);
	KT_ASSERT(h.ph_first == NULL);
}

KTEST(event, eventfd_counts)
{
	struct file *f = eventfd_create(5, false, O_NONBLOCK);
	uint64_t v = 0, big = UINT64_MAX;
	long r1, r2, w1, w2, w3;
	short p1, p2;

	KT_ASSERT(f != NULL);
	p1 = file_poll(f);
	r1 = file_read(f, &v, 8);
	r2 = file_read(f, &v, 8);
	p2 = file_poll(f);
	w1 = file_write(f, &big, 8);
	w2 = file_write(f, &big, 7);
	big = 0xfffffffffffffffeUL;
	w3 = file_write(f, &big, 8);
	p1 |= (short)(file_poll(f) << 8);
	file_put(f);
	KT_ASSERT_EQ(p1 & 0xff, FILE_POLLIN | FILE_POLLOUT);
	KT_ASSERT_EQ(r1, 8);
	KT_ASSERT_EQ(r2, -EAGAIN);
	KT_ASSERT_EQ(p2, FILE_POLLOUT);
	KT_ASSERT_EQ(w1, -EINVAL);
	KT_ASSERT_EQ(w2, -EINVAL);
	KT_ASSERT_EQ(w3, 8);
	KT_ASSERT_EQ((p1 >> 8) & 0xff, FILE_POLLIN);	/* full: not writable */
}

KTEST(event, epoll_follows_a_pipe_until_released)
{
	struct epoll_event_abi ev = { EPOLLIN, 1 };
	struct file *ep = epoll_create(), *rd, *wr;
	short before, ready, after;
	int add, again;

	KT_ASSERT(ep != NULL);
	if (pipe_create(&rd, &wr) != 0) {
		file_put(ep);
		KT_ASSERT(!"pipe_create");
	}
	add = epoll_ctl(ep, EPOLL_CTL_ADD, rd, 3, &ev);
	again = epoll_ctl(ep, EPOLL_CTL_ADD, rd, 3, &ev);
	before = file_poll(ep);
	(void)file_write(wr, "x", 1);
	ready = file_poll(ep);
	file_put(rd);			/* the registration goes with it */
	after = file_poll(ep);
	file_put(wr);
	file_put(ep);
	KT_ASSERT_EQ(add, 0);
	KT_ASSERT_EQ(again, -EEXIST);
	KT_ASSERT_EQ(before, 0);
	KT_ASSERT_EQ(ready, FILE_POLLIN);
	KT_ASSERT_EQ(after, 0);
}

KTEST(event, inotify_watch_pins_its_node_and_lets_go)
{
	struct vnode *v = NULL;
	struct file *f, *g;
	uint32_t refs;
	int error;

	KT_ASSERT_EQ(vfs_create(vfs_root(), "ktest-inotify", S_IFREG | 0600, 0,
	    &v), 0);
	refs = v->v_refs;
	f = inotify_create(0, O_NONBLOCK, &error);
	g = inotify_create(0, O_NONBLOCK, &error);
	KT_ASSERT(f != NULL && g != NULL && inotify_is(f) && inotify_is(g));
	KT_ASSERT_EQ(inotify_add(f, v, 0x2), 1);
	KT_ASSERT_EQ(inotify_add(f, v, 0x4), 1);	/* the same node */
	KT_ASSERT_EQ(inotify_add(f, v, 0x4 | IN_MASK_CREATE), -EEXIST);
	KT_ASSERT_EQ(inotify_add(g, v, 0x4), 1);	/* another instance */
	KT_ASSERT_EQ(v->v_pins, 2);
	KT_ASSERT_EQ(v->v_refs, refs + 2);
	KT_ASSERT_EQ(inotify_rm(f, 1), 0);
	KT_ASSERT_EQ(inotify_rm(f, 1), -EINVAL);
	KT_ASSERT_EQ(v->v_pins, 1);
	file_put(g);				/* its watches go with it */
	KT_ASSERT_EQ(v->v_pins, 0);
	KT_ASSERT_EQ(v->v_refs, refs);
	KT_ASSERT(v->v_notify == NULL);
	/* A watched node unlinked and let go of is freed by its watch. */
	KT_ASSERT_EQ(inotify_add(f, v, 0x400), 2);
	vfs_release(v);
	KT_ASSERT_EQ(vfs_unlink(vfs_root(), "ktest-inotify", false), 0);
	KT_ASSERT_EQ(vfs_lookup(vfs_root(), "ktest-inotify", 0, &v), -ENOENT);
	KT_ASSERT_EQ(inotify_rm(f, 2), -EINVAL);	/* already gone */
	file_put(f);
}
