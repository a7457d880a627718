/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * In-kernel tests of open files: the read and write operations chosen
 * when a file is opened (by node kind and access mode), which of them
 * promise never to touch the caller's bytes, every kind's operations
 * table and what its poll, ioctl, lseek and mmap answer, and the ring-0
 * call table.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <fs/dev.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/ipc/pipe.h>
#include <syscall/ring0.h>
#include <syscall/syscall.h>
#include <kernel/tests/ktest.h>

#define KT_BOTH_NOBUF	(FILE_READ_NOBUF | FILE_WRITE_NOBUF)

/* A fresh file on path with flags, or NULL. */
static struct file *
kt_open(const char *path, uint32_t flags)
{
	struct vnode *v;
	struct file *f;

	if (vfs_lookup(vfs_root(), path, VFS_FOLLOW, &v) != 0)
		return NULL;
	f = file_new(v, flags);
	vfs_release(v);
	return f;
}

KTEST(file, null_never_touches_the_buffer)
{
	struct file *f = kt_open("/dev/null", O_RDWR);
	long r, w;

	KT_ASSERT(f != NULL);
	KT_ASSERT_EQ(f->f_io.fi_flags, KT_BOTH_NOBUF);
	/* The promise: a pointer nothing may dereference is fine. */
	r = file_read(f, (void *)0x10, 100);
	w = file_write(f, (const void *)0x10, 100);
	file_put(f);
	KT_ASSERT_EQ(r, 0);
	KT_ASSERT_EQ(w, 100);
}

KTEST(file, access_mode_picks_ebadf)
{
	char buf[4] = "abc";
	struct file *ro = kt_open("/dev/zero", O_RDONLY);
	struct file *wo = kt_open("/dev/zero", O_WRONLY);
	struct file *path = kt_open("/dev/zero", O_PATH);
	long ro_w, ro_r, wo_r, wo_w, p_r, p_w;
	uint32_t ro_flags, wo_flags, p_flags;

	KT_ASSERT(ro != NULL && wo != NULL && path != NULL);
	ro_w = file_write(ro, buf, 3);
	ro_r = file_read(ro, buf, 3);
	wo_r = file_read(wo, buf, 3);
	wo_w = file_write(wo, buf, 3);
	p_r = file_read(path, buf, 3);
	p_w = file_write(path, buf, 3);
	ro_flags = ro->f_io.fi_flags;
	wo_flags = wo->f_io.fi_flags;
	p_flags = path->f_io.fi_flags;
	file_put(ro);
	file_put(wo);
	file_put(path);
	KT_ASSERT_EQ(ro_w, -EBADF);
	KT_ASSERT_EQ(ro_r, 3);
	KT_ASSERT(buf[0] == 0 && buf[2] == 0);	/* zero's read fills */
	KT_ASSERT_EQ(wo_r, -EBADF);
	KT_ASSERT_EQ(wo_w, 3);
	KT_ASSERT_EQ(p_r, -EBADF);
	KT_ASSERT_EQ(p_w, -EBADF);
	/* zero's read writes the buffer; its write and EBADF do not. */
	KT_ASSERT_EQ(ro_flags, FILE_WRITE_NOBUF | FILE_WRITE_DENIED);
	KT_ASSERT_EQ(wo_flags, KT_BOTH_NOBUF | FILE_READ_DENIED);
	KT_ASSERT_EQ(p_flags, KT_BOTH_NOBUF | FILE_READ_DENIED |
	    FILE_WRITE_DENIED);
}

KTEST(file, devices_full_and_unknown)
{
	char buf[4];
	struct vnode *v;
	struct file *full = kt_open("/dev/full", O_RDWR), *none = NULL;
	long full_w, none_r = 0, none_w = 0;
	int error;

	KT_ASSERT(full != NULL);
	full_w = file_write(full, buf, 4);
	file_put(full);
	KT_ASSERT_EQ(full_w, -ENOSPC);
	error = vfs_create(vfs_root(), "ktest-nodev", S_IFCHR | 0600,
	    DEV_MAKE(42, 7), &v);
	KT_ASSERT_EQ(error, 0);
	none = file_new(v, O_RDWR);
	vfs_release(v);
	if (none != NULL) {
		none_r = file_read(none, buf, 4);
		none_w = file_write(none, buf, 4);
		file_put(none);
	}
	KT_ASSERT_EQ(vfs_unlink(vfs_root(), "ktest-nodev", false), 0);
	KT_ASSERT(none != NULL);
	KT_ASSERT_EQ(none_r, -ENXIO);
	KT_ASSERT_EQ(none_w, -ENXIO);
}

KTEST(file, regular_files_move_the_offset)
{
	char buf[8] = { 0 };
	struct vnode *v;
	struct file *f;
	long w, a, r;
	uint64_t off;

	KT_ASSERT_EQ(vfs_create(vfs_root(), "ktest-file", S_IFREG | 0600, 0,
	    &v), 0);
	f = file_new(v, O_RDWR | O_APPEND);
	vfs_release(v);
	KT_ASSERT(f != NULL);
	w = file_write(f, "hello", 5);
	a = file_write(f, "!!", 2);	/* O_APPEND: at the end */
	f->f_off = 0;
	r = file_read(f, buf, sizeof(buf));
	off = f->f_off;
	file_put(f);
	KT_ASSERT_EQ(vfs_unlink(vfs_root(), "ktest-file", false), 0);
	KT_ASSERT_EQ(w, 5);
	KT_ASSERT_EQ(a, 2);
	KT_ASSERT_EQ(r, 7);
	KT_ASSERT_EQ(off, 7);
	KT_ASSERT(memcmp(buf, "hello!!", 7) == 0);
}

/* Is every entry of f's table, and f's own read and write, set? */
static bool
kt_whole(const struct file *f)
{
	const struct file_ops *o = f->f_ops;

	return o != NULL && o->fo_io.fi_read != NULL &&
	    o->fo_io.fi_write != NULL && o->fo_open != NULL &&
	    o->fo_release != NULL && o->fo_poll != NULL &&
	    o->fo_poll_head != NULL &&
	    o->fo_ioctl != NULL && o->fo_lseek != NULL && o->fo_mmap != NULL &&
	    o->fo_pipe != NULL &&
	    o->fo_fdinfo != NULL &&
	    f->f_io.fi_read != NULL && f->f_io.fi_write != NULL;
}

#define KT_TCGETS	0x5401
#define KT_KINDS	16

/*
 * One file of every kind: the devices, an unknown device number, a
 * regular file, a directory, a FIFO opened and opened O_PATH, both ends
 * of a pipe.  Each must have a whole table, and answer as Linux does: a
 * terminal request is the tty's alone (-EFAULT for a kernel buffer),
 * -ENOTTY elsewhere; streams cannot seek, memory devices seek to 0.
 */
KTEST(file, every_kind_has_its_table)
{
	static const char *const devs[] = {
		"/dev/null", "/dev/zero", "/dev/full", "/dev/random",
		"/dev/urandom", "/dev/tty", "/dev/console",
	};
	struct file *f[KT_KINDS] = { 0 }, *fifo_path = NULL;
	long ioctl[KT_KINDS], seek[KT_KINDS];
	struct vnode *v, *dir, *fifo;
	int n = 0, whole = 0, opened, made;
	long fifo_poll = 0;

	for (size_t i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
		f[n++] = kt_open(devs[i], O_RDWR);
	made = vfs_create(vfs_root(), "ktest-kinds", S_IFREG | 0600, 0, &v);
	if (made == 0) {
		f[n++] = file_new(v, O_RDWR);
		vfs_release(v);
	}
	made |= vfs_create(vfs_root(), "ktest-kdev", S_IFCHR | 0600,
	    DEV_MAKE(42, 7), &v);
	if (made == 0) {
		f[n++] = file_new(v, O_RDWR);
		vfs_release(v);
	}
	dir = vfs_root();
	f[n++] = file_new(dir, O_RDONLY);
	made |= vfs_create(vfs_root(), "ktest-kfifo", S_IFIFO | 0600, 0,
	    &fifo);
	opened = -1;
	if (made == 0) {
		/* Read and write: the open does not wait for a peer. */
		if ((f[n] = file_new(fifo, O_RDWR)) != NULL &&
		    (opened = file_open(f[n])) == 0)
			n++;
		else
			f[n] = NULL;
		fifo_path = file_new(fifo, O_PATH);
		vfs_release(fifo);
	}
	if (n <= KT_KINDS - 2 && pipe_create(&f[n], &f[n + 1]) == 0)
		n += 2;
	for (int i = 0; i < n; i++) {
		if (f[i] == NULL)
			continue;
		whole += kt_whole(f[i]);
		ioctl[i] = f[i]->f_ops->fo_ioctl(f[i], KT_TCGETS,
		    (uint64_t)(uintptr_t)&ioctl[i]);
		seek[i] = f[i]->f_ops->fo_lseek(f[i], 0, SEEK_END);
	}
	if (fifo_path != NULL) {
		whole += kt_whole(fifo_path);
		fifo_poll = file_poll(fifo_path);
		file_put(fifo_path);
	}
	for (int i = 0; i < n; i++)
		file_put(f[i]);
	(void)vfs_unlink(vfs_root(), "ktest-kinds", false);
	(void)vfs_unlink(vfs_root(), "ktest-kdev", false);
	(void)vfs_unlink(vfs_root(), "ktest-kfifo", false);
	KT_ASSERT_EQ(made, 0);
	KT_ASSERT_EQ(opened, 0);
	KT_ASSERT(fifo_path != NULL);
	KT_ASSERT_EQ(n, 13);
	KT_ASSERT_EQ(whole, 14);
	/* null, zero, full: no ioctls; random, urandom: their own, which
	 * answer -EINVAL to a tty's (as Linux); all seek to 0. */
	for (int i = 0; i < 5; i++) {
		KT_ASSERT_EQ(ioctl[i], i < 3 ? -ENOTTY : -EINVAL);
		KT_ASSERT_EQ(seek[i], 0);
	}
	for (int i = 5; i < 7; i++) {		/* tty, console */
		KT_ASSERT_EQ(ioctl[i], -EFAULT);
		KT_ASSERT_EQ(seek[i], -ESPIPE);
	}
	KT_ASSERT_EQ(ioctl[7], -ENOTTY);	/* the regular file */
	KT_ASSERT_EQ(seek[7], 0);		/* its size */
	KT_ASSERT_EQ(ioctl[8], -ENOTTY);	/* the unknown device */
	KT_ASSERT_EQ(seek[8], 0);
	KT_ASSERT_EQ(ioctl[9], -ENOTTY);	/* the directory */
	for (int i = 10; i < 13; i++) {		/* the FIFO, the pipe */
		KT_ASSERT_EQ(ioctl[i], -ENOTTY);
		KT_ASSERT_EQ(seek[i], -ESPIPE);
	}
	KT_ASSERT_EQ(fifo_poll, FILE_POLLNVAL);
}

/* A pipe's ends poll as Linux's: empty, writable, readable, hung up. */
KTEST(file, pipe_poll_and_mmap)
{
	struct file *rd, *wr, *null = kt_open("/dev/null", O_RDONLY);
	short empty, out, in, hup;
	struct vnode *v = (struct vnode *)1;
	int map_pipe, map_null;

	KT_ASSERT(null != NULL);
	map_null = null->f_ops->fo_mmap(null, false, &v);
	file_put(null);
	KT_ASSERT_EQ(pipe_create(&rd, &wr), 0);
	empty = file_poll(rd);
	out = file_poll(wr);
	map_pipe = rd->f_ops->fo_mmap(rd, false, &v);
	(void)file_write(wr, "x", 1);
	in = file_poll(rd);
	file_put(wr);
	hup = file_poll(rd);
	file_put(rd);
	KT_ASSERT_EQ(empty, 0);
	KT_ASSERT_EQ(out, FILE_POLLOUT);
	KT_ASSERT_EQ(in, FILE_POLLIN);
	KT_ASSERT_EQ(hup, FILE_POLLIN | FILE_POLLHUP);
	KT_ASSERT_EQ(map_pipe, -ENODEV);
	KT_ASSERT_EQ(map_null, -ENODEV);
	KT_ASSERT_EQ((uintptr_t)v, 1);		/* untouched on failure */
}

/*
 * The steps splice takes through a pipe, across the ring's wrap: the
 * ends share one pipe (other kinds have none), puts stop at the room,
 * peeks at any skip see the bytes in order without taking them,
 * consuming frees room, and the waits answer at once when they need not
 * wait (-EAGAIN when nonblocking would, 0 bytes once no writer is left).
 */
KTEST(file, pipe_splice_steps)
{
	/* From the heap: 80 KiB of bss would be the kernel's in every boot. */
	enum { PAT_LEN = PIPE_PAGES * 4096 + 5000, BUF_LEN = 12000 };
	char *pat = kmalloc(PAT_LEN), *buf = kmalloc(BUF_LEN);
	struct file *rd, *wr, *null = kt_open("/dev/null", O_RDONLY);
	struct pipe *p, *pw, *pn;
	long put = 0, n, full, nb_empty, bytes, room, eof;
	size_t peek_end, peek_mid, held_after, off;
	bool end_ok, mid_ok;

	KT_ASSERT(pat != NULL && buf != NULL && null != NULL);
	pn = null->f_ops->fo_pipe(null);
	file_put(null);
	KT_ASSERT_EQ(pipe_create(&rd, &wr), 0);
	for (size_t i = 0; i < PAT_LEN; i++)
		pat[i] = (char)(i * 31 + 7);
	/* Start 3000 bytes into a page, so the ring wraps mid-page. */
	(void)file_write(wr, pat, 3000);
	(void)file_read(rd, buf, 3000);
	p = rd->f_ops->fo_pipe(rd);
	pw = wr->f_ops->fo_pipe(wr);
	room = (long)pipe_room(p);
	while ((n = pipe_put(p, pat + put, 5000)) > 0)
		put += n;
	full = n;
	peek_end = pipe_peek(p, 60000, buf, BUF_LEN);
	end_ok = memcmp(buf, pat + 60000, peek_end) == 0;
	off = 2 * 4096 + 100;
	pipe_consume(p, off);
	held_after = pipe_bytes(p);
	peek_mid = pipe_peek(p, 0, buf, 9000);
	mid_ok = memcmp(buf, pat + off, 9000) == 0;
	bytes = pipe_wait_bytes(p, true);
	n = pipe_wait_room(p, true);
	pipe_consume(p, held_after);
	nb_empty = pipe_wait_bytes(p, true);
	file_put(wr);
	eof = pipe_wait_bytes(p, false);
	file_put(rd);
	kfree(pat);
	kfree(buf);
	KT_ASSERT(pn == NULL);
	KT_ASSERT(p != NULL && p == pw);
	KT_ASSERT_EQ(room, PIPE_PAGES * 4096);
	KT_ASSERT_EQ(put, PIPE_PAGES * 4096);
	KT_ASSERT_EQ(full, 0);
	KT_ASSERT_EQ(peek_end, PIPE_PAGES * 4096 - 60000);
	KT_ASSERT(end_ok);
	KT_ASSERT_EQ(held_after, PIPE_PAGES * 4096 - off);
	KT_ASSERT_EQ(peek_mid, 9000);
	KT_ASSERT(mid_ok);
	KT_ASSERT_EQ(bytes, (long)held_after);
	KT_ASSERT_EQ(n, (long)off);
	KT_ASSERT_EQ(nb_empty, -EAGAIN);
	KT_ASSERT_EQ(eof, 0);
}

/* Regular files map their own pages; /dev/zero anonymous memory. */
KTEST(file, mmap_by_kind)
{
	struct file *zero = kt_open("/dev/zero", O_RDONLY), *ro, *rw;
	struct vnode *v, *zv = (struct vnode *)1, *rov = NULL, *rwv = NULL;
	int z, r, rs, ws;
	bool own;

	KT_ASSERT(zero != NULL);
	z = zero->f_ops->fo_mmap(zero, true, &zv);
	file_put(zero);
	KT_ASSERT_EQ(vfs_create(vfs_root(), "ktest-map", S_IFREG | 0600, 0,
	    &v), 0);
	ro = file_new(v, O_RDONLY);
	rw = file_new(v, O_RDWR);
	r = rs = ws = 1;
	if (ro != NULL && rw != NULL) {
		r = ro->f_ops->fo_mmap(ro, false, &rov);
		rs = ro->f_ops->fo_mmap(ro, true, &zv);
		ws = rw->f_ops->fo_mmap(rw, true, &rwv);
	}
	file_put(ro);
	file_put(rw);
	own = rov == v && rwv == v;
	vfs_release(v);
	KT_ASSERT_EQ(vfs_unlink(vfs_root(), "ktest-map", false), 0);
	KT_ASSERT_EQ(z, 0);
	KT_ASSERT(zv == NULL);
	KT_ASSERT_EQ(r, 0);
	KT_ASSERT(own);
	KT_ASSERT_EQ(rs, -EACCES);	/* shared writable, read-only open */
	KT_ASSERT_EQ(ws, 0);		/* ramfs files are in pages */
}

KTEST(ring0, call_table_entries)
{
	extern const char ring0_thunks[];
	const ring0_call_fn *t = ring0_call_table();

	/* Generic entries are the thunks, in order; read and write not. */
	KT_ASSERT_EQ((uintptr_t)t[39], (uintptr_t)(ring0_thunks +
	    39 * RING0_THUNK_SIZE));
	KT_ASSERT_EQ((uintptr_t)t[RING0_CALLS - 1], (uintptr_t)(ring0_thunks +
	    (RING0_CALLS - 1) * RING0_THUNK_SIZE));
	/* With trace=syscalls every entry is a thunk, so strace sees all. */
	KT_ASSERT(((uintptr_t)t[0] == (uintptr_t)ring0_thunks) ==
	    syscall_tracing());
	KT_ASSERT(((uintptr_t)t[1] == (uintptr_t)(ring0_thunks +
	    RING0_THUNK_SIZE)) == syscall_tracing());
	KT_ASSERT(t == ring0_call_table());	/* made once */
}
