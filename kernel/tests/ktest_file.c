/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * In-kernel tests of open files: the read and write operations chosen
 * when a file is opened (by node kind and access mode), which of them
 * promise never to touch the caller's bytes, and the ring-0 call table.
 */
#include <stdint.h>

#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/ring0.h>
#include <kernel/string.h>
#include <kernel/syscall.h>
#include <fs/dev.h>
#include <fs/file.h>
#include <fs/vfs.h>

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
