/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ramfs (see ramfs.h).  Each node's v_priv is a struct ramfs_node: the
 * entries of a directory, or the bytes of a file or symbolic link.  The
 * VFS has checked types, name lengths and read-only mounts before any
 * operation here is called.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <lib/xattr.h>
#include <arch/x86_64/include/dmap.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <fs/mount.h>
#include <fs/pagecache.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>

/* One file's size limit; its page table grows only as far as it is
 * written or mapped, so a large sparse file costs what it holds. */
#define RAMFS_FILE_MAX	(1UL << 40)

/*
 * Extended attributes' room: what all nodes of one mount keep (records
 * with their names), so that no caller makes the kernel hold more;
 * setxattr past it is -ENOSPC, as tmpfs says when its inode space is out.
 */
#define RAMFS_XATTR_MAX	(1UL << 20)

/* statfs f_type values, as Linux reports them (linux/magic.h). */
#define RAMFS_MAGIC	0x858458f6
#define TMPFS_MAGIC	0x01021994

struct ramfs_dirent {
	struct ramfs_dirent *d_next;	/* sibling, in creation order */
	struct vnode	*d_node;
	char		 d_name[];	/* NUL-terminated */
};

/*
 * A file's bytes live in whole pages (rn_pages[i] covers bytes i *
 * PAGE_SIZE on; 0 is a hole that reads as zeros), so that a mapping, read
 * and write see the same memory.  Bytes of a page past v_size are zero.
 * A file unpacked from the initramfs points at the archive's bytes
 * instead (rn_ro) until its first change, when it moves into pages.
 */
struct ramfs_node {
	struct ramfs_dirent *rn_children; /* directories */
	char		*rn_link;	/* symbolic links: the target */
	const char	*rn_ro;		/* files: read-only initramfs bytes */
	uint64_t	*rn_pages;	/* files: physical pages, 0 = hole */
	size_t		 rn_slots;	/* entries rn_pages has room for */
	uint8_t		*rn_xattr;	/* extended attributes (lib/xattr.h) */
	size_t		 rn_xattr_len;	/* bytes of rn_xattr */
};

static const struct vnode_ops ramfs_ops;
static int ramfs_unlink_entry(struct vnode *dir, const char *name,
    bool want_dir, bool moving);

static struct ramfs_node *
ramfs_of(const struct vnode *v)
{
	return v->v_priv;
}

/* A new node of m with mode, one reference held, no name yet. */
static struct vnode *
ramfs_node_new(struct mount *m, uint32_t mode)
{
	struct vnode *v = vfs_node_new(m, mode, &ramfs_ops);

	if (v == NULL)
		return NULL;
	if ((v->v_priv = kzalloc(sizeof(struct ramfs_node))) == NULL) {
		vfs_release(v);		/* no name: freed */
		return NULL;
	}
	return v;
}

/* Let go of pages from index first on. */
static void
ramfs_pages_put(struct ramfs_node *rn, size_t first)
{
	for (size_t i = first; i < rn->rn_slots; i++)
		if (rn->rn_pages[i] != 0) {
			page_ref_put(rn->rn_pages[i]);
			rn->rn_pages[i] = 0;
		}
}

static void
ramfs_free(struct vnode *v)
{
	struct ramfs_node *rn = ramfs_of(v);

	if (rn == NULL)
		return;
	ramfs_pages_put(rn, 0);
	kfree(rn->rn_pages);
	kfree(rn->rn_link);
	if (rn->rn_xattr != NULL && v->v_mnt != NULL)
		v->v_mnt->mnt_xattr_bytes -= rn->rn_xattr_len;
	kfree(rn->rn_xattr);
	kfree(rn);
	v->v_priv = NULL;
}

/* v lost a name: free it if that was its last and nothing holds it. */
static void
ramfs_drop(struct vnode *v)
{
	vfs_hold(v);
	vfs_release(v);
}

static struct ramfs_dirent *
ramfs_find(struct vnode *dir, const char *name, size_t len)
{
	for (struct ramfs_dirent *d = ramfs_of(dir)->rn_children; d != NULL;
	    d = d->d_next)
		if (strlen(d->d_name) == len && memcmp(d->d_name, name, len) == 0)
			return d;
	return NULL;
}

static int
ramfs_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	struct ramfs_dirent *d = ramfs_find(dir, name, len);

	if (d == NULL)
		return -ENOENT;
	vfs_hold(d->d_node);
	*out = d->d_node;
	return 0;
}

/* Give v the name in dir (checked by the VFS for its length). */
static int
ramfs_link_in(struct vnode *dir, const char *name, struct vnode *v)
{
	size_t len = strlen(name);
	struct ramfs_dirent *d, **pp;

	if (ramfs_find(dir, name, len) != NULL)
		return -EEXIST;
	if (dir->v_nlink == 0)
		return -ENOENT;		/* removed: nothing new goes in */
	if ((d = kmalloc(sizeof(*d) + len + 1)) == NULL)
		return -ENOMEM;
	memcpy(d->d_name, name, len + 1);
	d->d_node = v;
	d->d_next = NULL;
	for (pp = &ramfs_of(dir)->rn_children; *pp != NULL; pp = &(*pp)->d_next)
		;
	*pp = d;
	v->v_nlink++;
	v->v_parent = dir;
	dir->v_mtime_ns = dir->v_ctime_ns = vfs_now_ns();
	return 0;
}

static int
ramfs_create(struct vnode *dir, const char *name, uint32_t mode,
    uint32_t rdev, struct vnode **out)
{
	struct vnode *v;
	int error;

	if ((v = ramfs_node_new(dir->v_mnt, mode)) == NULL)
		return -ENOMEM;
	v->v_rdev = rdev;
	if ((error = ramfs_link_in(dir, name, v)) != 0) {
		vfs_release(v);		/* no name: freed */
		return error;
	}
	*out = v;		/* the reference from vfs_node_new */
	return 0;
}

static size_t
ramfs_npages(uint64_t size)
{
	return (size_t)(size / PAGE_SIZE + (size % PAGE_SIZE != 0));
}

/* Room in rn_pages for a file of size bytes. */
static int
ramfs_slots(struct ramfs_node *rn, uint64_t size)
{
	size_t want = ramfs_npages(size), n;
	uint64_t *p;

	if (size > RAMFS_FILE_MAX)
		return -EFBIG;
	if (want <= rn->rn_slots)
		return 0;
	n = rn->rn_slots > 0 ? rn->rn_slots : 4;
	while (n < want)
		n *= 2;
	if ((p = kzalloc(n * sizeof(*p))) == NULL)
		return -ENOMEM;
	if (rn->rn_slots > 0)
		memcpy(p, rn->rn_pages, rn->rn_slots * sizeof(*p));
	kfree(rn->rn_pages);
	rn->rn_pages = p;
	rn->rn_slots = n;
	return 0;
}

/*
 * Move a file's initramfs bytes into pages of its own (nothing changes
 * if memory runs out).  Pages the page cache read from those bytes are
 * taken over, so that mappings made before keep seeing the file.
 */
static int
ramfs_own(struct vnode *v)
{
	struct ramfs_node *rn = ramfs_of(v);
	size_t n = ramfs_npages(v->v_size);
	int error;

	if (rn->rn_ro == NULL)
		return 0;
	if ((error = ramfs_slots(rn, v->v_size)) != 0)
		return error;
	for (size_t i = 0; i < n; i++) {
		uint64_t off = (uint64_t)i * PAGE_SIZE, pa;
		size_t len = (size_t)MIN((uint64_t)PAGE_SIZE, v->v_size - off);

		if ((pa = pagecache_take(v, off)) != 0) {
			rn->rn_pages[i] = pa;
			continue;
		}
		if ((pa = page_ref_alloc()) == 0) {
			ramfs_pages_put(rn, 0);
			return -ENOMEM;
		}
		memcpy(phys_to_virt(pa), rn->rn_ro + off, len);
		memset((char *)phys_to_virt(pa) + len, 0, PAGE_SIZE - len);
		rn->rn_pages[i] = pa;
	}
	pagecache_drop(v);
	rn->rn_ro = NULL;
	return 0;
}

/* The page at index, made if it is a hole; 0 when memory is out. */
static uint64_t
ramfs_page(struct ramfs_node *rn, size_t index)
{
	uint64_t pa = rn->rn_pages[index];

	if (pa == 0 && (pa = page_ref_alloc()) != 0) {
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
		rn->rn_pages[index] = pa;
	}
	return pa;
}

/* Zero bytes [from, to) of the file, where pages exist. */
static void
ramfs_zero(struct ramfs_node *rn, uint64_t from, uint64_t to)
{
	while (from < to) {
		size_t i = (size_t)(from / PAGE_SIZE), at = from % PAGE_SIZE;
		size_t len = (size_t)MIN((uint64_t)(PAGE_SIZE - at), to - from);

		if (i < rn->rn_slots && rn->rn_pages[i] != 0)
			memset((char *)phys_to_virt(rn->rn_pages[i]) + at, 0, len);
		from += len;
	}
}

static long
ramfs_read(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	struct ramfs_node *rn = ramfs_of(v);
	size_t done = 0;

	if (off >= v->v_size)
		return 0;
	if (len > v->v_size - off)
		len = (size_t)(v->v_size - off);
	if (rn->rn_ro != NULL) {
		memcpy(buf, rn->rn_ro + off, len);
		return (long)len;
	}
	while (done < len) {
		uint64_t at = off + done;
		size_t i = (size_t)(at / PAGE_SIZE), in = at % PAGE_SIZE;
		size_t n = MIN(PAGE_SIZE - in, len - done);

		if (i < rn->rn_slots && rn->rn_pages[i] != 0)
			memcpy((char *)buf + done,
			    (char *)phys_to_virt(rn->rn_pages[i]) + in, n);
		else
			memset((char *)buf + done, 0, n);
		done += n;
	}
	return (long)len;
}

/* Grow or shrink v to size; pages past it go, the gap reads as zeros. */
static int
ramfs_resize(struct vnode *v, uint64_t size)
{
	struct ramfs_node *rn = ramfs_of(v);

	if (size > RAMFS_FILE_MAX)
		return -EFBIG;
	if (size < v->v_size) {
		ramfs_pages_put(rn, ramfs_npages(size));
		ramfs_zero(rn, size, ALIGN_UP(size, PAGE_SIZE));
		v->v_size = size;
		vfs_shrunk(v, size);	/* mappings past the end go */
	} else {
		/* Bytes a shared mapping wrote past the old end are not the
		 * file's: what the file grows into reads as zeros. */
		ramfs_zero(rn, v->v_size, MIN(size, ALIGN_UP(v->v_size,
		    PAGE_SIZE)));
		v->v_size = size;
	}
	return 0;
}

static long
ramfs_write(struct vnode *v, const void *buf, size_t len, uint64_t off)
{
	struct ramfs_node *rn = ramfs_of(v);
	size_t done = 0;
	int error;

	if (off + len < off)
		return -EINVAL;
	if (off + len > RAMFS_FILE_MAX)
		return -EFBIG;
	if (len == 0)
		return 0;		/* nothing written, the size stays */
	if ((error = ramfs_own(v)) != 0 ||
	    (error = ramfs_slots(rn, off + len)) != 0)
		return error;
	if (off > v->v_size && (error = ramfs_resize(v, off)) != 0)
		return error;
	while (done < len) {
		uint64_t at = off + done, pa;
		size_t i = (size_t)(at / PAGE_SIZE), in = at % PAGE_SIZE;
		size_t n = MIN(PAGE_SIZE - in, len - done);

		if ((pa = ramfs_page(rn, i)) == 0)
			break;
		memcpy((char *)phys_to_virt(pa) + in, (const char *)buf + done,
		    n);
		done += n;
	}
	if (done == 0)
		return -ENOSPC;		/* tmpfs's answer when pages run out */
	if (off + done > v->v_size)
		v->v_size = off + done;
	v->v_mtime_ns = v->v_ctime_ns = vfs_now_ns();
	return (long)done;
}

static int
ramfs_truncate(struct vnode *v, uint64_t size)
{
	int error;

	if (size > RAMFS_FILE_MAX)
		return -EFBIG;
	if ((error = ramfs_own(v)) != 0 || (error = ramfs_resize(v, size)) != 0)
		return error;
	v->v_mtime_ns = v->v_ctime_ns = vfs_now_ns();
	return 0;
}

/*
 * The page of v at index with a reference for the caller: the file's own
 * memory, so a shared mapping writes into the file.  Files still in the
 * initramfs answer -ENOTSUP for reading (the page cache copies them) and
 * move into pages for writing.
 */
static int
ramfs_getpage(struct vnode *v, uint64_t index, bool write, uint64_t *pa)
{
	struct ramfs_node *rn = ramfs_of(v);
	int error;

	if (index >= ramfs_npages(v->v_size))
		return -ENXIO;
	if (rn->rn_ro != NULL) {
		if (!write)
			return -ENOTSUP;
		if ((error = ramfs_own(v)) != 0)
			return error;
	}
	if ((error = ramfs_slots(rn, (index + 1) * PAGE_SIZE)) != 0)
		return error;
	if ((*pa = ramfs_page(rn, (size_t)index)) == 0)
		return -ENOMEM;
	page_ref_get(*pa);
	return 0;
}

/* A page is in memory once written or mapped (or initramfs bytes). */
static bool
ramfs_resident(struct vnode *v, uint64_t index)
{
	struct ramfs_node *rn = ramfs_of(v);

	if (index >= ramfs_npages(v->v_size))
		return false;
	return rn->rn_ro != NULL ||
	    (index < rn->rn_slots && rn->rn_pages[index] != 0);
}

static int
ramfs_symlink(struct vnode *dir, const char *name, const char *target)
{
	struct vnode *v;
	long n;
	int error;

	if ((error = ramfs_create(dir, name, S_IFLNK | 0777, 0, &v)) != 0)
		return error;
	n = (long)strlen(target);
	if ((ramfs_of(v)->rn_link = kmalloc((size_t)n + 1)) == NULL) {
		(void)ramfs_unlink_entry(dir, name, false, false);
		vfs_release(v);		/* nameless now: freed */
		return -ENOMEM;
	}
	memcpy(ramfs_of(v)->rn_link, target, (size_t)n + 1);
	v->v_size = (uint64_t)n;
	vfs_release(v);
	return 0;
}

static long
ramfs_readlink(struct vnode *v, char *buf, size_t size)
{
	size_t n = size < v->v_size ? size : v->v_size;

	memcpy(buf, ramfs_of(v)->rn_link, n);
	return (long)n;
}

static int
ramfs_link(struct vnode *dir, const char *name, struct vnode *v)
{
	int error;

	if ((error = ramfs_link_in(dir, name, v)) == 0)
		v->v_ctime_ns = vfs_now_ns();
	return error;
}

/*
 * Remove name from dir.  A directory must be empty unless it is being
 * moved (rename: its contents go with it).
 */
static int
ramfs_unlink_entry(struct vnode *dir, const char *name, bool want_dir,
    bool moving)
{
	struct ramfs_dirent **pp, *d;
	struct vnode *v;

	for (pp = &ramfs_of(dir)->rn_children; *pp != NULL; pp = &(*pp)->d_next)
		if (strcmp((*pp)->d_name, name) == 0)
			break;
	if ((d = *pp) == NULL)
		return -ENOENT;
	v = d->d_node;
	if (want_dir && !S_ISDIR(v->v_mode))
		return -ENOTDIR;
	if (!want_dir && S_ISDIR(v->v_mode))
		return -EISDIR;
	if (v->v_covered != NULL)
		return -EBUSY;		/* a mount point */
	if (want_dir && !moving && ramfs_of(v)->rn_children != NULL)
		return -ENOTEMPTY;
	*pp = d->d_next;
	kfree(d);
	v->v_nlink--;
	v->v_ctime_ns = dir->v_mtime_ns = dir->v_ctime_ns = vfs_now_ns();
	/* A file keeps a parent for its path only while a name is there. */
	if (!S_ISDIR(v->v_mode) && v->v_parent == dir) {
		for (d = ramfs_of(dir)->rn_children; d != NULL && d->d_node != v;
		    d = d->d_next)
			;
		if (d == NULL)
			v->v_parent = NULL;
	}
	ramfs_drop(v);
	return 0;
}

static int
ramfs_remove(struct vnode *dir, const char *name, bool want_dir)
{
	return ramfs_unlink_entry(dir, name, want_dir, false);
}

/* v now has a name in dir (and perhaps no longer in from). */
static void
ramfs_moved(struct vnode *v, struct vnode *from, struct vnode *dir)
{
	uint64_t now = vfs_now_ns();

	v->v_parent = dir;
	v->v_ctime_ns = now;
	from->v_mtime_ns = from->v_ctime_ns = now;
	dir->v_mtime_ns = dir->v_ctime_ns = now;
}

/*
 * The VFS has checked the names, their types and that no directory goes
 * below itself (vfs_rename_prepare); left here are what only the
 * entries know: a full directory replaced, and EXCHANGE.  No whiteouts
 * (as Linux's ramfs; its tmpfs has them).
 */
static int
ramfs_rename(struct vnode *odir, const char *oname, struct vnode *ndir,
    const char *nname, int flags)
{
	struct ramfs_dirent *d, *e;
	struct vnode *v;
	int error;

	if (flags & ~(VFS_RENAME_NOREPLACE | VFS_RENAME_EXCHANGE))
		return -EINVAL;
	if ((d = ramfs_find(odir, oname, strlen(oname))) == NULL)
		return -ENOENT;
	v = d->d_node;
	if (odir->v_mnt != ndir->v_mnt)
		return -EXDEV;
	if (v->v_covered != NULL)
		return -EBUSY;
	e = ramfs_find(ndir, nname, strlen(nname));
	if (flags & VFS_RENAME_EXCHANGE) {
		if (e == NULL)
			return -ENOENT;
		d->d_node = e->d_node;
		e->d_node = v;
		ramfs_moved(v, odir, ndir);
		ramfs_moved(d->d_node, ndir, odir);
		return 0;
	}
	if (e != NULL) {
		if (flags & VFS_RENAME_NOREPLACE)
			return -EEXIST;
		if (e->d_node == v)
			return 0;
		if (S_ISDIR(v->v_mode) != S_ISDIR(e->d_node->v_mode))
			return S_ISDIR(v->v_mode) ? -ENOTDIR : -EISDIR;
		if ((error = ramfs_unlink_entry(ndir, nname,
		    S_ISDIR(e->d_node->v_mode), false)) != 0)
			return error;
	}
	vfs_hold(v);
	if ((error = ramfs_link_in(ndir, nname, v)) == 0)
		error = ramfs_unlink_entry(odir, oname, S_ISDIR(v->v_mode), true);
	if (S_ISDIR(v->v_mode))
		v->v_parent = ndir;
	vfs_release(v);
	return error;
}

static int
ramfs_setattr(struct vnode *v)
{
	(void)v;
	return 0;		/* attributes live in the vnode */
}

static bool
ramfs_readdir(struct vnode *dir, uint64_t idx, struct vfs_dirent *out)
{
	struct ramfs_dirent *d = ramfs_of(dir)->rn_children;
	struct vnode *v;

	for (idx -= 2; d != NULL && idx > 0; idx--)
		d = d->d_next;
	if (d == NULL)
		return false;
	v = vfs_mounted(d->d_node);
	memcpy(out->de_name, d->d_name, strlen(d->d_name) + 1);
	out->de_ino = v->v_ino;
	out->de_mode = v->v_mode;
	return true;
}

static int
ramfs_name(struct vnode *dir, struct vnode *v, char *buf, size_t size)
{
	struct ramfs_dirent *d;

	for (d = ramfs_of(dir)->rn_children; d != NULL; d = d->d_next)
		if (d->d_node == v)
			break;
	if (d == NULL)
		return -ENOENT;
	if (strlen(d->d_name) >= size)
		return -ENAMETOOLONG;
	memcpy(buf, d->d_name, strlen(d->d_name) + 1);
	return 0;
}

static uint32_t
ramfs_nlink(const struct vnode *dir)
{
	uint32_t n = 2;			/* its name and its own "." */

	/* Each subdirectory's ".." names it once more. */
	for (const struct ramfs_dirent *d = ramfs_of(dir)->rn_children;
	    d != NULL; d = d->d_next)
		if (S_ISDIR(d->d_node->v_mode))
			n++;
	return n;
}

/* ---- extended attributes ---- */

static struct mount_fstype ramfs_type;

/* Linux's ramfs keeps none; rootfs and tmpfs (shmem) do. */
static bool
ramfs_has_xattrs(const struct vnode *v)
{
	return v->v_mnt == NULL || v->v_mnt->mnt_type != &ramfs_type;
}

static long
ramfs_getxattr(struct vnode *v, const char *name, void *buf, size_t size)
{
	struct ramfs_node *rn = ramfs_of(v);
	struct xattr_rec r;
	int error;

	if (!ramfs_has_xattrs(v))
		return -EOPNOTSUPP;
	if ((error = xattr_blob_find(rn->rn_xattr, rn->rn_xattr_len, name,
	    &r)) != 0)
		return error;
	if (size == 0)
		return (long)r.r_vlen;
	if (size < r.r_vlen)
		return -ERANGE;
	if (r.r_vlen > 0)
		memcpy(buf, r.r_val, r.r_vlen);
	return (long)r.r_vlen;
}

/* Replace v's attributes by its record old dropped and name = val added. */
static int
ramfs_xattr_edit(struct vnode *v, const struct xattr_rec *old,
    const char *name, const void *val, size_t size)
{
	struct ramfs_node *rn = ramfs_of(v);
	size_t len = rn->rn_xattr_len - (old != NULL ? old->r_size : 0) +
	    (name != NULL ? xattr_rec_size(strlen(name), size) : 0);
	uint64_t *used = v->v_mnt != NULL ? &v->v_mnt->mnt_xattr_bytes : NULL;
	uint8_t *blob = NULL;

	if (used != NULL && len > rn->rn_xattr_len &&
	    *used + (len - rn->rn_xattr_len) > RAMFS_XATTR_MAX)
		return -ENOSPC;
	if (len > 0) {
		if ((blob = kmalloc(len)) == NULL)
			return -ENOMEM;
		(void)xattr_blob_edit(rn->rn_xattr, rn->rn_xattr_len, old, name,
		    val, size, blob);
	}
	if (used != NULL)
		*used = *used - rn->rn_xattr_len + len;
	kfree(rn->rn_xattr);
	rn->rn_xattr = blob;
	rn->rn_xattr_len = len;
	return 0;
}

static int
ramfs_setxattr(struct vnode *v, const char *name, const void *val,
    size_t size, int flags)
{
	struct ramfs_node *rn = ramfs_of(v);
	struct xattr_rec r;
	bool exists;
	int error;

	if (!ramfs_has_xattrs(v))
		return -EOPNOTSUPP;
	exists = xattr_blob_find(rn->rn_xattr, rn->rn_xattr_len, name, &r) == 0;
	if ((error = xattr_flags_check(flags, exists)) != 0)
		return error;
	return ramfs_xattr_edit(v, exists ? &r : NULL, name, val, size);
}

static int
ramfs_removexattr(struct vnode *v, const char *name)
{
	struct ramfs_node *rn = ramfs_of(v);
	struct xattr_rec r;
	int error;

	if (!ramfs_has_xattrs(v))
		return -EOPNOTSUPP;
	if ((error = xattr_blob_find(rn->rn_xattr, rn->rn_xattr_len, name,
	    &r)) != 0)
		return error;
	return ramfs_xattr_edit(v, &r, NULL, NULL, 0);
}

static long
ramfs_listxattr(struct vnode *v, unsigned int ns_mask, char *buf, size_t size)
{
	struct ramfs_node *rn = ramfs_of(v);

	return xattr_blob_list(rn->rn_xattr, rn->rn_xattr_len, ns_mask, buf,
	    size);
}

/* ---- unnamed files, holes ---- */

static int
ramfs_tmpfile(struct vnode *dir, uint32_t mode, struct vnode **out)
{
	if (dir->v_nlink == 0)
		return -ENOENT;		/* removed: as a new name would be */
	if ((*out = ramfs_node_new(dir->v_mnt, mode)) == NULL)
		return -ENOMEM;
	return 0;
}

/*
 * The first offset at or after off (inside the size) in data, or in a
 * hole; v_size when there is none.  Data is a page the file has, a hole
 * one it has not (holes are whole pages, as tmpfs's).
 */
static uint64_t
ramfs_seek_data(struct vnode *v, uint64_t off, bool data)
{
	struct ramfs_node *rn = ramfs_of(v);
	size_t i = (size_t)(off / PAGE_SIZE), n = ramfs_npages(v->v_size);

	if (rn->rn_ro != NULL)
		return data ? off : v->v_size;	/* all of it is data */
	for (; i < n; i++) {
		bool has = i < rn->rn_slots && rn->rn_pages[i] != 0;

		if (has == data) {
			uint64_t at = (uint64_t)i * PAGE_SIZE;

			return MIN(MAX(at, off), v->v_size);
		}
	}
	return v->v_size;		/* no data: the caller says -ENXIO */
}

/* Give back the pages wholly inside [off, end), zero the rest of it. */
static int
ramfs_punch(struct vnode *v, uint64_t off, uint64_t end)
{
	struct ramfs_node *rn = ramfs_of(v);
	uint64_t first = ALIGN_UP(off, PAGE_SIZE), last = end / PAGE_SIZE *
	    PAGE_SIZE;
	int error;

	if ((error = ramfs_own(v)) != 0)
		return error;
	if (first >= last || v->v_mapped != 0) {
		/* Mapped pages stay (a mapping keeps seeing the file). */
		ramfs_zero(rn, off, end);
	} else {
		ramfs_zero(rn, off, first);
		ramfs_zero(rn, last, end);
		for (uint64_t i = first / PAGE_SIZE; i < last / PAGE_SIZE &&
		    i < rn->rn_slots; i++)
			if (rn->rn_pages[i] != 0) {
				page_ref_put(rn->rn_pages[i]);
				rn->rn_pages[i] = 0;
			}
	}
	v->v_mtime_ns = v->v_ctime_ns = vfs_now_ns();
	return 0;
}

static const struct vnode_ops ramfs_ops = {
	.vop_lookup = ramfs_lookup,
	.vop_create = ramfs_create,
	.vop_remove = ramfs_remove,
	.vop_rename = ramfs_rename,
	.vop_link = ramfs_link,
	.vop_symlink = ramfs_symlink,
	.vop_readlink = ramfs_readlink,
	.vop_read = ramfs_read,
	.vop_write = ramfs_write,
	.vop_truncate = ramfs_truncate,
	.vop_setattr = ramfs_setattr,
	.vop_getpage = ramfs_getpage,
	.vop_resident = ramfs_resident,
	.vop_readdir = ramfs_readdir,
	.vop_name = ramfs_name,
	.vop_nlink = ramfs_nlink,
	.vop_getxattr = ramfs_getxattr,
	.vop_setxattr = ramfs_setxattr,
	.vop_removexattr = ramfs_removexattr,
	.vop_listxattr = ramfs_listxattr,
	.vop_tmpfile = ramfs_tmpfile,
	.vop_seek_data = ramfs_seek_data,
	.vop_punch = ramfs_punch,
	.vop_free = ramfs_free,
};

void
ramfs_set_data_ro(struct vnode *v, const void *data, size_t len)
{
	struct ramfs_node *rn = ramfs_of(v);

	pagecache_drop(v);
	ramfs_pages_put(rn, 0);
	rn->rn_ro = data;
	v->v_size = len;
}

bool
ramfs_data_owned(const struct vnode *v)
{
	return ramfs_of(v)->rn_ro == NULL;
}

void
ramfs_tree_free(struct vnode *root)
{
	struct vnode *dir = root;

	/* Depth first without recursion: kernel stacks are small. */
	while (dir != NULL) {
		struct ramfs_node *rn = ramfs_of(dir);
		struct ramfs_dirent *d = rn->rn_children;
		struct vnode *v;

		if (d == NULL) {		/* emptied: its parent frees it */
			dir = dir == root ? NULL : dir->v_parent;
			continue;
		}
		v = d->d_node;
		if (S_ISDIR(v->v_mode) && ramfs_of(v)->rn_children != NULL) {
			dir = v;
			continue;
		}
		rn->rn_children = d->d_next;
		kfree(d);
		v->v_nlink--;
		if (v->v_refs == 0 && (v->v_nlink == 0 || S_ISDIR(v->v_mode))) {
			v->v_nlink = 0;
			ramfs_drop(v);
		}
	}
}

struct vnode *
ramfs_root_new(struct mount *m, uint32_t mode)
{
	struct vnode *root = ramfs_node_new(m, mode);

	if (root == NULL)
		return NULL;
	root->v_nlink = 1;
	root->v_parent = root;
	return root;
}

struct vnode *
ramfs_file_new(struct mount *m, uint32_t mode)
{
	return ramfs_node_new(m, S_IFREG | (mode & 07777));
}

void
ramfs_unmount(struct mount *m)
{
	ramfs_tree_free(m->mnt_root);
}

void
ramfs_statfs(const struct mount *m, struct mount_statfs *out)
{
	struct page_stats ps;

	(void)m;
	page_alloc_stats(&ps);
	out->ms_blocks = ps.ps_total;
	out->ms_bfree = ps.ps_free;
	out->ms_files = ps.ps_total;
	out->ms_ffree = ps.ps_free;
}

static int
ramfs_mount(struct mount *m)
{
	/* tmpfs roots are world-writable and sticky, as /tmp wants. */
	m->mnt_root = ramfs_root_new(m, S_IFDIR |
	    (m->mnt_type->mt_magic == TMPFS_MAGIC ? 01777 : 0755));
	return m->mnt_root != NULL ? 0 : -ENOMEM;
}

static struct mount_fstype ramfs_rootfs = {
	.mt_name = "rootfs", .mt_magic = RAMFS_MAGIC, .mt_nodev = true,
	.mt_mount = ramfs_mount, .mt_unmount = ramfs_unmount,
	.mt_statfs = ramfs_statfs,
};
static struct mount_fstype ramfs_type = {
	.mt_name = "ramfs", .mt_magic = RAMFS_MAGIC, .mt_nodev = true,
	.mt_mount = ramfs_mount, .mt_unmount = ramfs_unmount,
	.mt_statfs = ramfs_statfs,
};
static struct mount_fstype ramfs_tmpfs_type = {
	.mt_name = "tmpfs", .mt_magic = TMPFS_MAGIC, .mt_nodev = true,
	.mt_mount = ramfs_mount, .mt_unmount = ramfs_unmount,
	.mt_statfs = ramfs_statfs,
};

int
ramfs_init(struct vnode **root)
{
	int error;

	if ((error = mount_init_root(&ramfs_rootfs, root)) != 0)
		return error;
	mount_register(&ramfs_type);
	mount_register(&ramfs_tmpfs_type);
	return 0;
}
