/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the file tree (fs/vfs.c) and initramfs unpacking: path
 * walks with ".", "..", symlinks and loops, create/unlink/rename rules,
 * file contents kept in the archive and copied on write, hostile names.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#include <lib/errno.h>
#include <lib/xattr.h>
#include <arch/x86_64/include/dmap.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/poll.h>
#include <fs/file.h>
#include <fs/initramfs.h>
#include <fs/mount.h>
#include <fs/pagecache.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>

#include "ut.h"

/* The file clock on the host: a counter, so times move forward. */
uint64_t pv_clock_wall_ns(void);
uint64_t
pv_clock_wall_ns(void)
{
	static uint64_t ut_vfs_now = 1000000000;

	return ut_vfs_now += 1000;
}

/* The poll heads' wake-ups (kernel/sched/poll.c): counted. */
static unsigned int ut_poll_wakes;
static short ut_poll_key;

void
poll_wake(struct poll_head *h, short key)
{
	(void)h;
	ut_poll_wakes++;
	ut_poll_key = key;
}

static struct vnode *
ut_get(const char *path, int flags)
{
	struct vnode *v = NULL;

	return vfs_lookup(vfs_root(), path, flags, &v) == 0 ? v : NULL;
}

static void
ut_vfs_setup(void)
{
	ut_mm_setup();
	if (vfs_init() != 0)
		abort();
}

UT_TEST(vfs_paths)
{
	struct vnode *d, *v, *f;
	char name[VFS_NAME_MAX + 1], buf[64];

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "a", S_IFDIR | 0755, 0, &d), 0);
	UT_ASSERT_EQ(vfs_create(d, "b", S_IFDIR | 0755, 0, &v), 0);
	UT_ASSERT_EQ(vfs_create(v, "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_write(f, "hello", 5, 0), 5);
	UT_ASSERT(ut_get("/a/b/f", VFS_FOLLOW) == f);
	UT_ASSERT(ut_get("/a/./b/../b//f", VFS_FOLLOW) == f);
	UT_ASSERT(ut_get("/../../a", VFS_FOLLOW) == d);	/* ".." of / is / */
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/a/b/f/x", 0, &v), -ENOTDIR);
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/a/nope", 0, &v), -ENOENT);
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "", 0, &v), -ENOENT);
	{
		char longname[300];

		memset(longname, 'n', sizeof(longname));
		longname[0] = '/';
		longname[299] = '\0';
		UT_ASSERT_EQ(vfs_lookup(vfs_root(), longname, 0, &v),
		    -ENAMETOOLONG);
	}
	UT_ASSERT_EQ(vfs_lookup_parent(vfs_root(), "/a/b/new", &v, name), 0);
	UT_ASSERT_STR(name, "new");
	UT_ASSERT(v == ut_get("/a/b", 0));
	UT_ASSERT_EQ(vfs_lookup_parent(vfs_root(), "/", &v, name), -EEXIST);
	UT_ASSERT_EQ(vfs_path_of(ut_get("/a/b", 0), buf, sizeof(buf)), 5);
	UT_ASSERT_STR(buf, "/a/b");
	UT_ASSERT_EQ(vfs_path_of(ut_get("/a/b", 0), buf, 3), -ERANGE);
}

UT_TEST(vfs_symlinks)
{
	struct vnode *f, *v;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "l1", "f"), 0);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "l2", "/l1"), 0);
	UT_ASSERT(ut_get("/l2", VFS_FOLLOW) == f);
	v = ut_get("/l2", 0);
	UT_ASSERT(v != NULL && S_ISLNK(v->v_mode));
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "loop1", "loop2"), 0);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "loop2", "loop1"), 0);
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/loop1", VFS_FOLLOW, &v), -ELOOP);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "dangling", "/nowhere"), 0);
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/dangling", VFS_FOLLOW, &v),
	    -ENOENT);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "empty", ""), -ENOENT);
}

UT_TEST(vfs_names_and_data)
{
	struct vnode *d, *e, *f;
	char buf[16];

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "d", S_IFDIR | 0755, 0, &d), 0);
	UT_ASSERT_EQ(vfs_create(d, "e", S_IFDIR | 0755, 0, &e), 0);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "d", S_IFREG, 0, &f), -EEXIST);
	UT_ASSERT_EQ(vfs_unlink(vfs_root(), "d", true), -ENOTEMPTY);
	UT_ASSERT_EQ(vfs_unlink(vfs_root(), "d", false), -EISDIR);
	UT_ASSERT_EQ(vfs_rename(vfs_root(), "d", e, "x", 0), -EINVAL);	/* into itself */
	UT_ASSERT_EQ(vfs_create(e, "f", S_IFREG | 0644, 0, &f), 0);
	ramfs_set_data_ro(f, "initramfs", 9);
	UT_ASSERT(!ramfs_data_owned(f));
	UT_ASSERT_EQ(vfs_write(f, "I", 1, 0), 1);	/* copies first */
	UT_ASSERT(ramfs_data_owned(f));
	UT_ASSERT_EQ(vfs_read(f, buf, sizeof(buf), 0), 9);
	UT_ASSERT(memcmp(buf, "Initramfs", 9) == 0);
	UT_ASSERT_EQ(vfs_write(f, "!", 1, 12), 1);	/* a hole reads as 0 */
	UT_ASSERT_EQ(vfs_read(f, buf, sizeof(buf), 9), 4);
	UT_ASSERT(buf[0] == 0 && buf[2] == 0 && buf[3] == '!');
	UT_ASSERT_EQ(vfs_truncate(f, 2), 0);
	UT_ASSERT_EQ(f->v_size, 2);
	UT_ASSERT_EQ(vfs_rename(e, "f", vfs_root(), "g", 0), 0);
	UT_ASSERT(ut_get("/g", 0) == f);
	UT_ASSERT(ut_get("/d/e/f", 0) == NULL);
	/* An open (held) file outlives its last name. */
	vfs_hold(f);
	UT_ASSERT_EQ(vfs_unlink(vfs_root(), "g", false), 0);
	UT_ASSERT_EQ(vfs_read(f, buf, sizeof(buf), 0), 2);
	vfs_release(f);
}

UT_TEST(initramfs_unpack_and_refuse)
{
	static uint8_t arc[2048];
	size_t n = 0;
	struct vnode *v;

#define ADD(name, mode, data) do {					\
	size_t nl_ = strlen(name) + 1, dl_ = strlen(data);		\
	n += (size_t)sprintf((char *)arc + n, "070701%08x%08x%08x%08x%08x"	\
	    "%08x%08zx%08x%08x%08x%08x%08zx%08x", 1u, (unsigned)(mode),	\
	    0u, 0u, 1u, 0u, dl_, 0u, 0u, 0u, 0u, nl_, 0u);		\
	memcpy(arc + n, name, nl_);					\
	n = (n + nl_ + 3) & ~3ul;					\
	memcpy(arc + n, data, dl_);					\
	n = (n + dl_ + 3) & ~3ul;					\
} while (0)
	ut_vfs_setup();
	ADD("./bin/deep/file", 0100755, "data");	/* parents made */
	ADD("bin/sh", 0120777, "busybox");
	ADD("../escape", 0100644, "x");		/* refused name */
	ADD("TRAILER!!!", 0, "");
	UT_ASSERT_EQ(initramfs_unpack(arc, n), 3);
	v = ut_get("/bin/deep/file", VFS_FOLLOW);
	UT_ASSERT(v != NULL && v->v_size == 4 && !ramfs_data_owned(v));
	v = ut_get("/bin/sh", 0);
	UT_ASSERT(v != NULL && S_ISLNK(v->v_mode));
	UT_ASSERT(ut_get("/escape", 0) == NULL);
	UT_ASSERT(ut_get("/../escape", 0) == NULL);
	UT_ASSERT_EQ(initramfs_unpack(arc, n - 20), -EINVAL);	/* truncated */
#undef ADD
}

/* The page cache hands out one shared page per file page and lets go of
 * it (not of the pages programs still map) when the file changes. */
UT_TEST(pagecache_shares_and_drops)
{
	struct page_stats before, after;
	struct vnode *f;
	static char data[3 * 4096 + 100];
	uint64_t a, b, c;

	ut_vfs_setup();
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "bin", S_IFREG | 0755, 0, &f), 0);
	UT_ASSERT_EQ(vfs_write(f, data, sizeof(data), 0), (long)sizeof(data));
	/* Warm the heap's slab for the cache's size: it keeps its page. */
	kfree(kzalloc(64));
	page_alloc_stats(&before);
	a = pagecache_get(f, 4096);
	b = pagecache_get(f, 4096);
	UT_ASSERT(a != 0 && a == b);
	UT_ASSERT_EQ(page_ref_count(a), 3);	/* the cache and two users */
	UT_ASSERT(memcmp(phys_to_virt(a), data + 4096, 4096) == 0);
	UT_ASSERT_EQ(pagecache_get(f, 3 * 4096), 0);	/* not a whole page */
	UT_ASSERT_EQ(pagecache_get(f, 100), 0);		/* not aligned */
	UT_ASSERT_EQ(pagecache_get(f, (uint64_t)-4096), 0);
	/* A write drops the cache; mappers keep the old bytes. */
	UT_ASSERT_EQ(vfs_write(f, "X", 1, 4096), 1);
	UT_ASSERT(f->v_cache == NULL);
	UT_ASSERT_EQ(page_ref_count(a), 2);
	c = pagecache_get(f, 4096);
	UT_ASSERT(c != 0 && c != a && ((char *)phys_to_virt(c))[0] == 'X' &&
	    ((char *)phys_to_virt(a))[0] == data[4096]);
	page_ref_put(a);
	page_ref_put(b);
	page_ref_put(c);
	pagecache_drop(f);
	page_alloc_stats(&after);
	UT_ASSERT_EQ(after.ps_free, before.ps_free);
	UT_EXPECT_PANIC(page_ref_put(a));	/* already freed */
}

/* Reclaim frees the cached pages nobody maps, and only those. */
UT_TEST(pagecache_reclaim_spares_mapped_pages)
{
	struct page_stats before, after;
	struct vnode *f;
	static char data[4 * 4096];
	uint64_t kept, gone;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "lib", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_write(f, data, sizeof(data), 0), (long)sizeof(data));
	kept = pagecache_get(f, 0);		/* "mapped": we hold it */
	gone = pagecache_get(f, 4096);
	UT_ASSERT(kept != 0 && gone != 0);
	page_ref_put(gone);			/* "unmapped": cache only */
	page_alloc_stats(&before);
	UT_ASSERT_EQ(pagecache_reclaim(), 1);
	page_alloc_stats(&after);
	UT_ASSERT_EQ(after.ps_free, before.ps_free + 1);
	UT_ASSERT_EQ(page_ref_count(kept), 2);
	/* The reclaimed page is read again on the next use. */
	gone = pagecache_get(f, 4096);
	UT_ASSERT(gone != 0 && page_ref_count(gone) == 2);
	page_ref_put(gone);
	page_ref_put(kept);
	pagecache_drop(f);
	UT_ASSERT_EQ(pagecache_reclaim(), 0);
}

UT_TEST(vfs_mounts)
{
	struct vnode *mp, *root, *f, *v, *d;
	struct vfs_dirent de;
	char buf[64];
	uint64_t ev;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "mnt", S_IFDIR | 0755, 0, &mp), 0);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "file", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(mount_at(mp, "nosuchfs", "x", 0), -ENODEV);
	UT_ASSERT_EQ(mount_at(f, "tmpfs", "x", 0), -ENOTDIR);
	UT_ASSERT_EQ(mount_at(vfs_root(), "tmpfs", "x", 0), -EBUSY);
	ev = mount_events();
	UT_ASSERT_EQ(mount_at(mp, "tmpfs", "t", 0), 0);
	/* A change of the table is counted and announced. */
	UT_ASSERT_EQ(mount_events(), ev + 1);
	UT_ASSERT_EQ(ut_poll_wakes, 1);
	UT_ASSERT_EQ(ut_poll_key, FILE_POLLPRI | FILE_POLLERR);
	/* The walk steps onto the new root, and ".." steps back off it. */
	root = ut_get("/mnt", VFS_FOLLOW);
	UT_ASSERT(root != NULL && root != mp && (root->v_mode & 07777) == 01777);
	UT_ASSERT(ut_get("/mnt/..", VFS_FOLLOW) == vfs_root());
	UT_ASSERT_EQ(vfs_create(root, "d", S_IFDIR | 0755, 0, &d), 0);
	UT_ASSERT_EQ(vfs_create(d, "g", S_IFREG | 0644, 0, &v), 0);
	UT_ASSERT(ut_get("/mnt/d/../../file", VFS_FOLLOW) == f);
	UT_ASSERT_EQ(vfs_path_of(v, buf, sizeof(buf)), 9);
	UT_ASSERT_STR(buf, "/mnt/d/g");
	UT_ASSERT(vfs_readdir(root, 1, &de) && de.de_ino == vfs_root()->v_ino);
	/* Names and links do not cross; the mount point stays. */
	UT_ASSERT_EQ(vfs_rename(d, "g", vfs_root(), "g", 0), -EXDEV);
	UT_ASSERT_EQ(vfs_link(vfs_root(), "g2", v), -EXDEV);
	UT_ASSERT_EQ(vfs_unlink(vfs_root(), "mnt", true), -EBUSY);
	UT_ASSERT_EQ(vfs_rename(vfs_root(), "mnt", vfs_root(), "m2", 0), -EBUSY);
	UT_ASSERT_EQ(vfs_link(d, "g3", v), 0);
	UT_ASSERT_EQ(v->v_nlink, 2);
	UT_ASSERT_EQ(vfs_rename(d, "g3", d, "g", VFS_RENAME_NOREPLACE), -EEXIST);
	/* Busy while a node inside is held; idle once released. */
	vfs_hold(root);				/* the caller of umount */
	UT_ASSERT_EQ(mount_remove(root, 0), -EBUSY);
	UT_ASSERT_EQ(mount_remove(mp, 0), -EINVAL);
	vfs_release(v);
	vfs_release(d);
	/* ut_get's references: two walks onto root, one each through d. */
	while (root->v_mnt->mnt_refs > 2)
		vfs_release(root);
	UT_ASSERT_EQ(mount_remount(root, MS_RDONLY), 0);
	UT_ASSERT_EQ(mount_events(), ev + 2);
	UT_ASSERT_EQ(mount_remove(root, 0), 0);
	UT_ASSERT_EQ(mount_events(), ev + 3);
	UT_ASSERT_EQ(ut_poll_wakes, 3);
	vfs_release(root);
	UT_ASSERT(ut_get("/mnt", VFS_FOLLOW) == mp);
	UT_ASSERT(ut_get("/mnt/d", VFS_FOLLOW) == NULL);
	UT_ASSERT_EQ(vfs_unlink(vfs_root(), "mnt", true), 0);
}

/* The walk's restrictions (openat2's RESOLVE_*), start directory d. */
static int
ut_res(struct vnode *d, const char *path, int flags)
{
	struct vnode *v;
	int error = vfs_lookup(d, path, flags, &v);

	if (error == 0)
		vfs_release(v);
	return error;
}

UT_TEST(vfs_resolve_flags)
{
	struct vnode *top, *d, *sub, *mp, *f, *root, *dir, *out;
	struct vfs_last last;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "top", S_IFDIR | 0755, 0, &top), 0);
	UT_ASSERT_EQ(vfs_create(top, "d", S_IFDIR | 0755, 0, &d), 0);
	UT_ASSERT_EQ(vfs_create(d, "sub", S_IFDIR | 0755, 0, &sub), 0);
	UT_ASSERT_EQ(vfs_create(d, "mnt", S_IFDIR | 0755, 0, &mp), 0);
	UT_ASSERT_EQ(vfs_create(d, "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_create(top, "g", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_symlink(d, "lnk", "f"), 0);
	UT_ASSERT_EQ(vfs_symlink(d, "abs", "/top/d/f"), 0);
	UT_ASSERT_EQ(vfs_symlink(d, "up", "../g"), 0);
	UT_ASSERT_EQ(vfs_symlink(d, "rootf", "/f"), 0);
	UT_ASSERT_EQ(mount_at(mp, "tmpfs", "t", 0), 0);
	root = ut_get("/top/d/mnt", VFS_FOLLOW);
	UT_ASSERT(root != NULL && root != mp);

	/* No links followed, anywhere; one not followed is fine. */
	UT_ASSERT_EQ(ut_res(d, "lnk", VFS_FOLLOW), 0);
	UT_ASSERT_EQ(ut_res(d, "lnk", VFS_FOLLOW | VFS_NO_SYMLINKS), -ELOOP);
	UT_ASSERT_EQ(ut_res(d, "lnk", VFS_NO_SYMLINKS), 0);
	UT_ASSERT_EQ(ut_res(d, "lnk/", VFS_NO_SYMLINKS), -ELOOP);
	UT_ASSERT_EQ(ut_res(d, "lnk", VFS_FOLLOW | VFS_NO_MAGICLINKS), 0);

	/* No mount crossed, either way; an absolute start is no crossing. */
	UT_ASSERT_EQ(ut_res(d, "mnt", VFS_NO_XDEV), -EXDEV);
	UT_ASSERT_EQ(ut_res(root, "..", VFS_NO_XDEV), -EXDEV);
	UT_ASSERT_EQ(ut_res(root, ".", VFS_NO_XDEV), 0);
	UT_ASSERT_EQ(ut_res(d, "sub/..", VFS_NO_XDEV), 0);
	UT_ASSERT_EQ(ut_res(root, "/top", VFS_NO_XDEV), 0);
	UT_ASSERT_EQ(ut_res(d, "abs", VFS_FOLLOW | VFS_NO_XDEV), 0);
	UT_ASSERT_EQ(ut_res(root, "/top/d/mnt", VFS_NO_XDEV), -EXDEV);

	/* Beneath the start: nothing absolute, no ".." above it. */
	UT_ASSERT_EQ(ut_res(d, "sub/../f", VFS_BENEATH), 0);
	UT_ASSERT_EQ(ut_res(d, "mnt", VFS_BENEATH), 0);
	UT_ASSERT_EQ(ut_res(d, "..", VFS_BENEATH), -EXDEV);
	UT_ASSERT_EQ(ut_res(d, "sub/../../g", VFS_BENEATH), -EXDEV);
	UT_ASSERT_EQ(ut_res(d, "/top/d/f", VFS_BENEATH), -EXDEV);
	UT_ASSERT_EQ(ut_res(d, "abs", VFS_FOLLOW | VFS_BENEATH), -EXDEV);
	UT_ASSERT_EQ(ut_res(d, "up", VFS_FOLLOW | VFS_BENEATH), -EXDEV);
	UT_ASSERT_EQ(ut_res(d, "lnk", VFS_FOLLOW | VFS_BENEATH), 0);

	/* In the start as root: "/" and ".." stop there. */
	UT_ASSERT_EQ(ut_res(d, "/f", VFS_IN_ROOT), 0);
	UT_ASSERT_EQ(ut_res(d, "../../f", VFS_IN_ROOT), 0);
	UT_ASSERT_EQ(ut_res(d, "/top/d/f", VFS_IN_ROOT), -ENOENT);
	UT_ASSERT_EQ(ut_res(d, "rootf", VFS_FOLLOW | VFS_IN_ROOT), 0);
	UT_ASSERT_EQ(ut_res(d, "rootf", VFS_FOLLOW), -ENOENT);
	UT_ASSERT_EQ(ut_res(d, "abs", VFS_FOLLOW | VFS_IN_ROOT), -ENOENT);

	/* In memory: a missing name is the filesystem's to answer. */
	UT_ASSERT_EQ(ut_res(d, "f", VFS_CACHED), 0);
	UT_ASSERT_EQ(ut_res(d, "nope", VFS_CACHED), -EAGAIN);
	UT_ASSERT_EQ(ut_res(d, "nope", 0), -ENOENT);

	/* open(O_CREAT)'s walk takes the same flags. */
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, d, "/new", VFS_FOLLOW |
	    VFS_IN_ROOT, &dir, &last, &out), 0);
	UT_ASSERT(dir == d && out == NULL);
	UT_ASSERT_STR(last.name, "new");
	vfs_release(dir);
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, d, "lnk", VFS_FOLLOW |
	    VFS_NO_SYMLINKS, &dir, &last, &out), -ELOOP);
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, d, "../x", VFS_BENEATH,
	    &dir, &last, &out), -EXDEV);
}

/* A directory moves with its contents (rename is not rmdir). */
UT_TEST(vfs_rename_nonempty_dir)
{
	struct vnode *a, *b, *f, *there;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "a", S_IFDIR | 0755, 0, &a), 0);
	UT_ASSERT_EQ(vfs_create(a, "b", S_IFDIR | 0755, 0, &b), 0);
	UT_ASSERT_EQ(vfs_create(b, "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "there", S_IFDIR | 0755, 0,
	    &there), 0);
	UT_ASSERT_EQ(vfs_rename(a, "b", there, "b", 0), 0);
	UT_ASSERT(ut_get("/there/b/f", VFS_FOLLOW) == f);
	UT_ASSERT(ut_get("/a/b", VFS_FOLLOW) == NULL);
	UT_ASSERT(ut_get("/there/b/..", VFS_FOLLOW) == there);
	/* Into itself: refused, nothing moved. */
	UT_ASSERT_EQ(vfs_rename(vfs_root(), "there", b, "x", 0), -EINVAL);
	UT_ASSERT(ut_get("/there/b/f", VFS_FOLLOW) == f);
}

/* Owner, group and other bits; what the DAC capabilities add. */
#define ROOT_CAPS	(VFS_CAP_DAC_OVERRIDE | VFS_CAP_DAC_READ_SEARCH)
static const struct vnode_ops ut_perm_ops;

UT_TEST(vfs_permission_bits)
{
	struct vnode v = { .v_mode = S_IFREG | 0640, .v_uid = 10, .v_gid = 20,
	    .v_ops = &ut_perm_ops };
	uint32_t groups[] = { 7, 20 };
	const int rw = VFS_MAY_READ | VFS_MAY_WRITE;

	UT_ASSERT_EQ(vfs_permission(&v, rw, 10, 1, NULL, 0, 0), 0);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_EXEC, 10, 1, NULL, 0, 0),
	    -EACCES);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_READ, 11, 20, NULL, 0, 0), 0);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_WRITE, 11, 20, NULL, 0, 0),
	    -EACCES);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_READ, 11, 1, groups, 2, 0), 0);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_READ, 11, 1, groups, 1, 0),
	    -EACCES);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_WRITE, 0, 0, NULL, 0,
	    ROOT_CAPS), 0);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_EXEC, 0, 0, NULL, 0,
	    ROOT_CAPS), -EACCES);
	/* uid 0 without the capabilities is an ordinary "other". */
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_READ, 0, 0, NULL, 0, 0),
	    -EACCES);
	/* Read-search reads any file, writes none. */
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_READ, 30, 30, NULL, 0,
	    VFS_CAP_DAC_READ_SEARCH), 0);
	UT_ASSERT_EQ(vfs_permission(&v, rw, 30, 30, NULL, 0,
	    VFS_CAP_DAC_READ_SEARCH), -EACCES);
	UT_ASSERT_EQ(vfs_permission(&v, rw, 30, 30, NULL, 0,
	    VFS_CAP_DAC_OVERRIDE), 0);
	v.v_mode = S_IFREG | 0641;	/* someone may run it: so may root */
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_EXEC, 30, 30, NULL, 0,
	    VFS_CAP_DAC_OVERRIDE), 0);
	v.v_mode = S_IFDIR | 0700;
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_EXEC, 0, 0, NULL, 0,
	    ROOT_CAPS), 0);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_EXEC, 11, 20, NULL, 0, 0),
	    -EACCES);
	/* Directories: read-search lists and searches, never writes. */
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_READ | VFS_MAY_EXEC, 11, 20,
	    NULL, 0, VFS_CAP_DAC_READ_SEARCH), 0);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_WRITE | VFS_MAY_EXEC, 11, 20,
	    NULL, 0, VFS_CAP_DAC_READ_SEARCH), -EACCES);
	UT_ASSERT_EQ(vfs_permission(&v, VFS_MAY_WRITE | VFS_MAY_EXEC, 11, 20,
	    NULL, 0, VFS_CAP_DAC_OVERRIDE), 0);
}

static struct vnode *ut_shrunk_node;
static uint64_t ut_shrunk_size;

static void
ut_shrunk(struct vnode *v, uint64_t size)
{
	ut_shrunk_node = v;
	ut_shrunk_size = size;
}

/*
 * ramfs keeps a file in pages that vop_getpage hands out: a shared
 * mapping and read/write see one copy; holes are made on demand; bytes
 * past the end stay zero; shrinking tells the memory manager (only for a
 * mapped file) and lets go of the pages; a file still in the initramfs
 * moves into pages for writing, keeping the page cache's pages.
 */
UT_TEST(ramfs_pages_are_the_file)
{
	struct page_stats before, after;
	static char data[2 * 4096 + 100], ro[4096 + 10];
	struct vnode *f, *g;
	uint64_t pa, pb, pc;
	char buf[16];

	ut_vfs_setup();
	vfs_set_shrunk_hook(ut_shrunk);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	/* Warm the heap's slabs for the sizes used: they keep their pages. */
	for (size_t n = 16; n <= 256; n *= 2)
		kfree(kzalloc(n));
	page_alloc_stats(&before);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_write(f, data, sizeof(data), 0), (long)sizeof(data));
	UT_ASSERT_EQ(vfs_getpage(f, 1, true, &pa), 0);
	UT_ASSERT_EQ(page_ref_count(pa), 2);		/* the file and us */
	UT_ASSERT(memcmp(phys_to_virt(pa), data + 4096, 4096) == 0);
	/* A write lands in the page a mapping holds, and a store into
	 * that page is what read returns. */
	UT_ASSERT_EQ(vfs_write(f, "W", 1, 4096 + 5), 1);
	UT_ASSERT_EQ(((char *)phys_to_virt(pa))[5], 'W');
	((char *)phys_to_virt(pa))[6] = 'M';
	UT_ASSERT_EQ(vfs_read(f, buf, 2, 4096 + 5), 2);
	UT_ASSERT(buf[0] == 'W' && buf[1] == 'M');
	UT_ASSERT_EQ(vfs_getpage(f, 2, false, &pb), 0);	/* the short page */
	UT_ASSERT_EQ(((char *)phys_to_virt(pb))[100], 0);
	UT_ASSERT_EQ(vfs_getpage(f, 3, false, &pc), -ENXIO);
	UT_ASSERT_EQ(vfs_getpage(f, (uint64_t)-1, false, &pc), -ENXIO);
	/* A store past the end of the last page is not the file's. */
	((char *)phys_to_virt(pb))[200] = 'Z';
	UT_ASSERT_EQ(vfs_truncate(f, 3 * 4096), 0);
	UT_ASSERT_EQ(vfs_read(f, buf, 1, 2 * 4096 + 200), 1);
	UT_ASSERT_EQ(buf[0], 0);
	/* Shrinking: unmapped files do not call the hook; mapped ones do. */
	ut_shrunk_node = NULL;
	UT_ASSERT_EQ(vfs_truncate(f, 3 * 4096 - 1), 0);
	UT_ASSERT(ut_shrunk_node == NULL);
	f->v_mapped = 1;
	UT_ASSERT_EQ(vfs_truncate(f, 4096 + 6), 0);
	UT_ASSERT(ut_shrunk_node == f && ut_shrunk_size == 4096 + 6);
	f->v_mapped = 0;
	UT_ASSERT_EQ(page_ref_count(pb), 1);	/* only we hold it now */
	UT_ASSERT_EQ(((char *)phys_to_virt(pa))[5], 'W');
	UT_ASSERT_EQ(((char *)phys_to_virt(pa))[6], 0);	/* past the end */
	page_ref_put(pb);
	/* A hole is a zero page made when asked for. */
	UT_ASSERT_EQ(vfs_truncate(f, 8 * 4096), 0);
	UT_ASSERT_EQ(vfs_getpage(f, 7, true, &pc), 0);
	UT_ASSERT_EQ(((char *)phys_to_virt(pc))[4095], 0);
	page_ref_put(pc);
	page_ref_put(pa);

	/* An initramfs file: reads go to the cache, writes move it. */
	memset(ro, 'r', sizeof(ro));
	UT_ASSERT_EQ(vfs_create(vfs_root(), "g", S_IFREG | 0644, 0, &g), 0);
	ramfs_set_data_ro(g, ro, sizeof(ro));
	UT_ASSERT_EQ(vfs_getpage(g, 0, false, &pa), -ENOTSUP);
	pa = pagecache_get(g, 0);
	UT_ASSERT(pa != 0 && !ramfs_data_owned(g));
	UT_ASSERT_EQ(vfs_getpage(g, 0, true, &pb), 0);
	UT_ASSERT(pb == pa && ramfs_data_owned(g) && g->v_cache == NULL);
	UT_ASSERT_EQ(page_ref_count(pa), 3);	/* the file and two users */
	UT_ASSERT_EQ(vfs_write(g, "w", 1, 4096 + 9), 1);
	UT_ASSERT_EQ(vfs_read(g, buf, 2, 4096 + 8), 2);
	UT_ASSERT(buf[0] == 'r' && buf[1] == 'w');
	page_ref_put(pa);
	page_ref_put(pb);
	UT_ASSERT_EQ(vfs_unlink(vfs_root(), "f", false), 0);
	UT_ASSERT_EQ(vfs_unlink(vfs_root(), "g", false), 0);
	vfs_release(f);
	vfs_release(g);
	page_alloc_stats(&after);
	UT_ASSERT_EQ(after.ps_free, before.ps_free);
	vfs_set_shrunk_hook(NULL);
}

/* What the last part of a path is, for the calls that make names. */
UT_TEST(vfs_last_parts)
{
	struct vfs_last last;
	struct vnode *d, *f, *v;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "d", S_IFDIR | 0755, 0, &d), 0);
	UT_ASSERT_EQ(vfs_create(d, "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_lookup_last_by(NULL, vfs_root(), "/d//new//", &v,
	    &last), 0);
	UT_ASSERT(v == d && last.kind == VFS_LAST_NAME && last.slash);
	UT_ASSERT_STR(last.name, "new");
	UT_ASSERT_EQ(vfs_lookup_last_by(NULL, vfs_root(), "d/.", &v, &last), 0);
	UT_ASSERT(v == d && last.kind == VFS_LAST_DOT && !last.slash);
	UT_ASSERT_EQ(vfs_lookup_last_by(NULL, vfs_root(), "d/..", &v, &last),
	    0);
	UT_ASSERT(v == d && last.kind == VFS_LAST_DOTDOT);
	UT_ASSERT_EQ(vfs_lookup_last_by(NULL, d, "///", &v, &last), 0);
	UT_ASSERT(v == vfs_root() && last.kind == VFS_LAST_ROOT);
	UT_ASSERT_EQ(vfs_lookup_last_by(NULL, vfs_root(), "d/f/x", &v, &last),
	    -ENOTDIR);
	UT_ASSERT_EQ(vfs_lookup_last_by(NULL, vfs_root(), "", &v, &last),
	    -ENOENT);
	{
		char p[300] = "d/";

		memset(p + 2, 'n', 256);
		p[258] = '\0';
		UT_ASSERT_EQ(vfs_lookup_last_by(NULL, vfs_root(), p, &v,
		    &last), -ENAMETOOLONG);
		p[257] = '\0';			/* 255 bytes: a name */
		UT_ASSERT_EQ(vfs_lookup_last_by(NULL, vfs_root(), p, &v,
		    &last), 0);
		UT_ASSERT_EQ(strlen(last.name), 255);
	}
	/* The kernel's form: no slashes, no dots. */
	UT_ASSERT_EQ(vfs_lookup_parent(vfs_root(), "/d/x/", &v, last.name), 0);
	UT_ASSERT_STR(last.name, "x");
	UT_ASSERT_EQ(vfs_lookup_parent(vfs_root(), "/d/..", &v, last.name),
	    -EEXIST);
}

/* A slash after the last name asks for a directory (and follows links). */
UT_TEST(vfs_trailing_slash)
{
	struct vnode *d, *f, *v;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "d", S_IFDIR | 0755, 0, &d), 0);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "ld", "d"), 0);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "lf", "f"), 0);
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/f/", 0, &v), -ENOTDIR);
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/f/.", 0, &v), -ENOTDIR);
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/lf/", 0, &v), -ENOTDIR);
	UT_ASSERT(ut_get("/d/", 0) == d);
	UT_ASSERT(ut_get("/ld/", 0) == d);	/* followed without FOLLOW */
	v = ut_get("/ld", 0);
	UT_ASSERT(v != NULL && S_ISLNK(v->v_mode));
	/* ENOTDIR before a name's length, as Linux walks. */
	{
		char p[300] = "/f/";

		memset(p + 3, 'n', 280);
		p[283] = '\0';
		UT_ASSERT_EQ(vfs_lookup(vfs_root(), p, 0, &v), -ENOTDIR);
	}
}

/* One walk follows at most VFS_SYMLOOP_MAX links, however they nest. */
UT_TEST(vfs_link_budget)
{
	struct vnode *d, *v;
	char name[8], target[8];

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "d", S_IFDIR | 0755, 0, &d), 0);
	/* e0 -> e1 -> ... -> e19 -> d: 20 links. */
	for (int i = 19; i >= 0; i--) {
		snprintf(name, sizeof(name), "e%d", i);
		snprintf(target, sizeof(target), "e%d", i + 1);
		UT_ASSERT_EQ(vfs_symlink(vfs_root(), name, i == 19 ? "d" :
		    target), 0);
	}
	UT_ASSERT(ut_get("/e0/../e0", VFS_FOLLOW) == d);	/* 40 */
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/e0/../e0/../e0", VFS_FOLLOW, &v),
	    -ELOOP);					/* 60 */
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "x", "e1"), 0);
	UT_ASSERT(ut_get("/x", VFS_FOLLOW) == d);	/* 20: x, e1..e19 */
}

/* open(O_CREAT)'s walk: through a dangling link to its target's name. */
UT_TEST(vfs_create_walk)
{
	struct vfs_last last;
	struct vnode *d, *f, *dir, *v;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "d", S_IFDIR | 0755, 0, &d), 0);
	UT_ASSERT_EQ(vfs_create(d, "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "dang", "d/new"), 0);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "lf", "/d/f"), 0);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "slash", "d/new/"), 0);
	UT_ASSERT_EQ(vfs_symlink(vfs_root(), "loop", "loop"), 0);
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, vfs_root(), "dang", true, &dir,
	    &last, &v), 0);
	UT_ASSERT(dir == d && v == NULL);
	UT_ASSERT_STR(last.name, "new");
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, vfs_root(), "dang", false,
	    &dir, &last, &v), 0);
	UT_ASSERT(dir == NULL && v != NULL && S_ISLNK(v->v_mode));
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, vfs_root(), "lf", true, &dir,
	    &last, &v), 0);
	UT_ASSERT(dir == NULL && v == f);
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, vfs_root(), "slash", true,
	    &dir, &last, &v), 0);
	UT_ASSERT(dir == d && v == NULL && last.slash);
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, vfs_root(), "d/.", true, &dir,
	    &last, &v), 0);
	UT_ASSERT(dir == NULL && v == d);
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, vfs_root(), "/", true, &dir,
	    &last, &v), 0);
	UT_ASSERT(dir == NULL && v == vfs_root());
	UT_ASSERT_EQ(vfs_lookup_create_by(NULL, vfs_root(), "loop", true, &dir,
	    &last, &v), -ELOOP);
}

/* RENAME_EXCHANGE swaps, and the ancestry rules hold both ways. */
UT_TEST(vfs_rename_exchange)
{
	struct vnode *a, *in, *f;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "a", S_IFDIR | 0755, 0, &a), 0);
	UT_ASSERT_EQ(vfs_create(a, "in", S_IFDIR | 0755, 0, &in), 0);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_rename(vfs_root(), "f", vfs_root(), "a",
	    VFS_RENAME_EXCHANGE), 0);
	UT_ASSERT(ut_get("/a", 0) == f && ut_get("/f", 0) == a);
	UT_ASSERT(ut_get("/f/in/..", 0) == a);
	UT_ASSERT_EQ(vfs_rename(vfs_root(), "f", vfs_root(), "nope",
	    VFS_RENAME_EXCHANGE), -ENOENT);
	/* "/f" is the directory a now: with its own child, refused. */
	UT_ASSERT_EQ(vfs_rename(vfs_root(), "f", a, "in",
	    VFS_RENAME_EXCHANGE), -EINVAL);
	UT_ASSERT_EQ(vfs_rename(vfs_root(), "f", in, "x", 0), -EINVAL);
	UT_ASSERT_EQ(vfs_rename(in->v_parent, "in", vfs_root(), "f", 0),
	    -ENOTEMPTY);
	UT_ASSERT_EQ(vfs_rename(in->v_parent, "in", vfs_root(), "f",
	    VFS_RENAME_EXCHANGE), -EINVAL);
	UT_ASSERT_EQ(vfs_rename(vfs_root(), "a", vfs_root(), "b",
	    VFS_RENAME_WHITEOUT), -EINVAL);	/* ramfs has none */
	UT_ASSERT_EQ(vfs_rename(vfs_root(), "a", vfs_root(), "a", 0), 0);
}

/* RLIMIT_FSIZE through fs's hooks: what fits is written, then EFBIG. */
static uint64_t ut_fsize_limit = UINT64_MAX;
static int ut_fsize_signals;

static uint64_t
ut_fsize_get(void)
{
	return ut_fsize_limit;
}

static void
ut_fsize_over(void)
{
	ut_fsize_signals++;
}

UT_TEST(vfs_fsize_limit)
{
	struct vnode *f, *d;
	char buf[10] = "0123456789";

	ut_vfs_setup();
	vfs_set_fsize_hooks(ut_fsize_get, ut_fsize_over);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "big", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_fsize_fit(1000, 10), 10);	/* no limit */
	ut_fsize_limit = 15;
	UT_ASSERT_EQ(vfs_write(f, buf, 10, 0), 10);
	UT_ASSERT_EQ(vfs_write(f, buf, 10, 10), 5);	/* what fits */
	UT_ASSERT_EQ(ut_fsize_signals, 0);
	UT_ASSERT_EQ(f->v_size, 15);
	UT_ASSERT_EQ(vfs_write(f, buf, 10, 15), -EFBIG);
	UT_ASSERT_EQ(ut_fsize_signals, 1);
	UT_ASSERT_EQ(vfs_write(f, buf, 0, 15), 0);	/* nothing asked */
	UT_ASSERT_EQ(vfs_write(f, buf, 1, 100), -EFBIG);
	UT_ASSERT_EQ(ut_fsize_signals, 2);
	UT_ASSERT_EQ(vfs_fsize_grow(15), 0);		/* up to it is fine */
	UT_ASSERT_EQ(vfs_fsize_grow(16), -EFBIG);
	UT_ASSERT_EQ(ut_fsize_signals, 3);
	/* Only regular files: a directory's write fails as before. */
	UT_ASSERT_EQ(vfs_create(vfs_root(), "dir", S_IFDIR | 0755, 0, &d), 0);
	UT_ASSERT_EQ(vfs_write(d, buf, 1, 100), -EISDIR);
	UT_ASSERT_EQ(ut_fsize_signals, 3);
	ut_fsize_limit = UINT64_MAX;
	vfs_set_fsize_hooks(NULL, NULL);
}

/* Extended attributes on ramfs: kept, bounded per mount, freed. */
UT_TEST(ramfs_xattrs)
{
	static char val[60000];
	struct vnode *mp, *root, *f, *g, *r;
	char buf[32];
	int i, error = 0;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_setxattr(f, "user.a", "1", 1, 0), 0);
	UT_ASSERT_EQ(vfs_setxattr(f, "user.a", "2", 1, XATTR_CREATE), -EEXIST);
	UT_ASSERT_EQ(vfs_setxattr(f, "user.b", "2", 1, XATTR_REPLACE),
	    -ENODATA);
	UT_ASSERT_EQ(vfs_getxattr(f, "user.a", NULL, 0), 1);
	UT_ASSERT_EQ(vfs_getxattr(f, "user.a", buf, sizeof(buf)), 1);
	UT_ASSERT_EQ(buf[0], '1');
	UT_ASSERT_EQ(vfs_listxattr(f, XATTR_NS_ALL, buf, sizeof(buf)), 7);
	UT_ASSERT_EQ(vfs_removexattr(f, "user.a"), 0);
	UT_ASSERT_EQ(vfs_removexattr(f, "user.a"), -ENODATA);
	UT_ASSERT_EQ(f->v_mnt->mnt_xattr_bytes, 0);

	/* A ramfs mount keeps none; a tmpfs has its room. */
	UT_ASSERT_EQ(vfs_create(vfs_root(), "r", S_IFDIR | 0755, 0, &mp), 0);
	UT_ASSERT_EQ(mount_at(mp, "ramfs", "r", 0), 0);
	root = ut_get("/r", VFS_FOLLOW);
	UT_ASSERT_EQ(vfs_create(root, "g", S_IFREG | 0644, 0, &r), 0);
	UT_ASSERT_EQ(vfs_setxattr(r, "user.a", "1", 1, 0), -EOPNOTSUPP);
	UT_ASSERT_EQ(vfs_getxattr(r, "user.a", NULL, 0), -EOPNOTSUPP);
	UT_ASSERT_EQ(vfs_listxattr(r, XATTR_NS_ALL, NULL, 0), 0);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "t", S_IFDIR | 0755, 0, &mp), 0);
	UT_ASSERT_EQ(mount_at(mp, "tmpfs", "t", 0), 0);
	root = ut_get("/t", VFS_FOLLOW);
	UT_ASSERT_EQ(vfs_create(root, "g", S_IFREG | 0644, 0, &g), 0);
	for (i = 0; i < 100; i++) {
		char name[16];

		snprintf(name, sizeof(name), "user.%d", i);
		if ((error = vfs_setxattr(g, name, val, sizeof(val), 0)) != 0)
			break;
	}
	UT_ASSERT_EQ(error, -ENOSPC);
	UT_ASSERT(i > 1 && i < 100);
	UT_ASSERT(g->v_mnt->mnt_xattr_bytes <= (1UL << 20));
	/* The file's unlinking (its last reference) gives the room back. */
	UT_ASSERT_EQ(vfs_unlink(root, "g", false), 0);
	UT_ASSERT(g->v_mnt->mnt_xattr_bytes > 0);
	vfs_release(g);
	UT_ASSERT_EQ(root->v_mnt->mnt_xattr_bytes, 0);
}

/* Holes: SEEK_DATA/SEEK_HOLE from the page table, punched pages. */
UT_TEST(ramfs_holes)
{
	struct vnode *f;
	char buf[8];

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "f", S_IFREG | 0644, 0, &f), 0);
	UT_ASSERT_EQ(vfs_truncate(f, 10 * PAGE_SIZE), 0);
	UT_ASSERT_EQ(vfs_seek_data(f, 0, true), -ENXIO);
	UT_ASSERT_EQ(vfs_seek_data(f, 5, false), 5);
	UT_ASSERT_EQ(vfs_write(f, "x", 1, 3 * PAGE_SIZE + 9), 1);
	UT_ASSERT_EQ(vfs_write(f, "y", 1, 9 * PAGE_SIZE), 1);
	UT_ASSERT_EQ(vfs_seek_data(f, 0, true), 3 * PAGE_SIZE);
	UT_ASSERT_EQ(vfs_seek_data(f, 3 * PAGE_SIZE + 1, true),
	    3 * PAGE_SIZE + 1);
	UT_ASSERT_EQ(vfs_seek_data(f, 3 * PAGE_SIZE, false), 4 * PAGE_SIZE);
	UT_ASSERT_EQ(vfs_seek_data(f, 4 * PAGE_SIZE, true), 9 * PAGE_SIZE);
	UT_ASSERT_EQ(vfs_seek_data(f, 9 * PAGE_SIZE, false), 10 * PAGE_SIZE);
	UT_ASSERT_EQ(vfs_seek_data(f, 10 * PAGE_SIZE, false), -ENXIO);
	/* A punch of page 3 and a bit: page 3 goes, page 4 was a hole. */
	UT_ASSERT_EQ(vfs_punch(f, 3 * PAGE_SIZE, 4 * PAGE_SIZE + 1), 0);
	UT_ASSERT_EQ(vfs_seek_data(f, 0, true), 9 * PAGE_SIZE);
	UT_ASSERT_EQ(vfs_read(f, buf, 1, 3 * PAGE_SIZE + 9), 1);
	UT_ASSERT_EQ(buf[0], 0);
	/* Part of a page: zeros, the page stays. */
	UT_ASSERT_EQ(vfs_write(f, "abcd", 4, 9 * PAGE_SIZE), 4);
	UT_ASSERT_EQ(vfs_punch(f, 9 * PAGE_SIZE + 1, 9 * PAGE_SIZE + 3), 0);
	UT_ASSERT_EQ(vfs_read(f, buf, 4, 9 * PAGE_SIZE), 4);
	UT_ASSERT(memcmp(buf, "a\0\0d", 4) == 0);
	UT_ASSERT_EQ(vfs_seek_data(f, 0, true), 9 * PAGE_SIZE);
	UT_ASSERT_EQ(f->v_size, 10 * PAGE_SIZE);
}

/* O_TMPFILE's file: no name, linkable once unless excl. */
UT_TEST(ramfs_tmpfile_links)
{
	struct vnode *d, *t, *x, *v;

	ut_vfs_setup();
	UT_ASSERT_EQ(vfs_create(vfs_root(), "d", S_IFDIR | 0755, 0, &d), 0);
	UT_ASSERT_EQ(vfs_create(vfs_root(), "f", S_IFREG | 0644, 0, &v), 0);
	UT_ASSERT_EQ(vfs_tmpfile(v, 0600, false, &t), -ENOTDIR);
	UT_ASSERT_EQ(vfs_tmpfile(d, 0600, false, &t), 0);
	UT_ASSERT_EQ(t->v_nlink, 0);
	UT_ASSERT_EQ(t->v_mode, S_IFREG | 0600);
	UT_ASSERT_EQ(vfs_tmpfile(d, 0600, true, &x), 0);
	UT_ASSERT_EQ(vfs_link(d, "x", x), -ENOENT);
	UT_ASSERT_EQ(vfs_link(d, "t", t), 0);
	UT_ASSERT_EQ(t->v_nlink, 1);
	UT_ASSERT(ut_get("/d/t", 0) == t);
	vfs_release(t);
	UT_ASSERT_EQ(vfs_unlink(d, "t", false), 0);
	UT_ASSERT_EQ(vfs_link(d, "t2", t), -ENOENT);	/* once only */
	vfs_release(t);
	vfs_release(x);
}
