/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The file tree and ramfs (see vfs.h).  Directories keep their entries in
 * a list (creation order, which getdents reports); files keep their bytes
 * in one buffer that doubles as it grows.  A lookup returns a held node;
 * unlinked nodes live until their last reference goes.  Nodes with
 * vnode_ops (procfs) answer lookups, reads and readdir themselves.
 */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/kmalloc.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/pagecache.h>
#include <pv/common/pv_hv.h>
#include <fs/mount.h>
#include <fs/vfs.h>

#define VFS_FILE_MAX	(256UL << 20)	/* one file's size limit */

static struct vnode *vfs_root_node;
static uint64_t vfs_next_ino = 1;

uint64_t
vfs_now_ns(void)
{
	return pv_clock_wall_ns();	/* file times are wall-clock times */
}

struct vnode *
vfs_node_new(struct mount *m, uint32_t mode)
{
	struct vnode *v = kzalloc(sizeof(*v));

	if (v == NULL)
		return NULL;
	v->v_ino = vfs_next_ino++;
	v->v_mode = mode;
	v->v_refs = 1;
	v->v_mnt = m;
	v->v_atime_ns = v->v_mtime_ns = v->v_ctime_ns = vfs_now_ns();
	if (m != NULL)
		m->mnt_refs++;
	return v;
}

static void
vfs_node_free(struct vnode *v)
{
	pagecache_drop(v);
	if (v->v_ops != NULL && v->v_ops->vop_free != NULL)
		v->v_ops->vop_free(v);
	if (v->v_owned)
		kfree(v->v_data);
	kfree(v);
}

void
vfs_hold(struct vnode *v)
{
	v->v_refs++;
	if (v->v_mnt != NULL)
		v->v_mnt->mnt_refs++;
}

void
vfs_release(struct vnode *v)
{
	if (v == NULL)
		return;
	if (v->v_mnt != NULL)
		v->v_mnt->mnt_refs--;
	if (--v->v_refs == 0 && (v->v_nlink == 0 || v->v_transient))
		vfs_node_free(v);
}

int
vfs_init(void)
{
	int error;

	if ((error = mount_init_root(&vfs_root_node)) != 0)
		return error;
	vfs_root_node->v_nlink = 1;
	vfs_root_node->v_parent = vfs_root_node;
	return 0;
}

struct vnode *
vfs_root(void)
{
	return vfs_root_node;
}

int
vfs_writable(const struct vnode *v)
{
	if (v->v_ops != NULL)
		return -EPERM;
	if (v->v_mnt != NULL && (v->v_mnt->mnt_flags & MS_RDONLY))
		return -EROFS;
	return 0;
}

uint32_t
vfs_nlink(const struct vnode *v)
{
	uint32_t n = 2;			/* its name and its own "." */

	if (!S_ISDIR(v->v_mode))
		return v->v_transient ? 1 : v->v_nlink;
	/* Each subdirectory's ".." names it once more. */
	for (const struct vdirent *d = v->v_children; d != NULL; d = d->d_next)
		if (S_ISDIR(d->d_node->v_mode))
			n++;
	return n;
}

/* The root of the topmost mount on v, or v itself. */
static struct vnode *
vfs_mounted(struct vnode *v)
{
	while (v->v_covered != NULL)
		v = v->v_covered->mnt_root;
	return v;
}

/* Is v the root of a mount over some directory? */
static bool
vfs_is_mount_root(const struct vnode *v)
{
	return v->v_mnt != NULL && v->v_mnt->mnt_root == v &&
	    v->v_mnt->mnt_covered != NULL;
}

static struct vdirent *
vfs_dir_find(struct vnode *dir, const char *name, size_t len)
{
	for (struct vdirent *d = dir->v_children; d != NULL; d = d->d_next)
		if (strlen(d->d_name) == len && memcmp(d->d_name, name, len) == 0)
			return d;
	return NULL;
}

static int vfs_walk(struct vnode *start, const char *path, bool follow_last,
    bool parent_only, int depth, vfs_search_fn may_search, struct vnode **out,
    const char **last, size_t *lastlen);

/* Resolve the symbolic link lnk found in dir to a held node. */
static int
vfs_follow(struct vnode *dir, struct vnode *lnk, int depth,
    vfs_search_fn may_search, struct vnode **out)
{
	char *target;
	int error;

	/* On the heap: kernel stacks are small, links nest. */
	if ((target = kmalloc(lnk->v_size + 1)) == NULL)
		return -ENOMEM;
	memcpy(target, lnk->v_data, lnk->v_size);
	target[lnk->v_size] = '\0';
	error = vfs_walk(dir, target, true, false, depth, may_search, out,
	    NULL, NULL);
	kfree(target);
	return error;
}

/*
 * Walk path from start.  With parent_only, stop before the last part and
 * return it in last/lastlen.  depth counts symlinks followed so far.
 * may_search, if set, must grant each directory a name is looked up in.
 */
static int
vfs_walk(struct vnode *start, const char *path, bool follow_last,
    bool parent_only, int depth, vfs_search_fn may_search, struct vnode **out,
    const char **last, size_t *lastlen)
{
	struct vnode *cur = path[0] == '/' ? vfs_root_node : start;
	const char *p = path;

	if (path[0] == '\0')
		return -ENOENT;
	vfs_hold(cur);
	for (;;) {
		const char *name;
		size_t len;
		struct vdirent *d;
		struct vnode *next;

		while (*p == '/')
			p++;
		name = p;
		while (*p != '\0' && *p != '/')
			p++;
		len = (size_t)(p - name);
		if (len == 0) {			/* end of path */
			if (parent_only) {
				vfs_release(cur);
				return -EEXIST;	/* "/" or "dir/" as a name */
			}
			*out = cur;
			return 0;
		}
		if (len > VFS_NAME_MAX) {
			vfs_release(cur);
			return -ENAMETOOLONG;
		}
		if (!S_ISDIR(cur->v_mode)) {
			vfs_release(cur);
			return -ENOTDIR;
		}
		{
			const char *q = p;

			while (*q == '/')
				q++;
			if (parent_only && *q == '\0') {
				*out = cur;
				*last = name;
				*lastlen = len;
				return 0;
			}
		}
		/* Search permission, to look a name up in cur. */
		if (may_search != NULL) {
			int error = may_search(cur);

			if (error != 0) {
				vfs_release(cur);
				return error;
			}
		}
		if (len == 1 && name[0] == '.') {
			continue;
		} else if (len == 2 && name[0] == '.' && name[1] == '.') {
			/* At a mount's root, ".." is the covered one's. */
			struct vnode *up = cur;

			while (vfs_is_mount_root(up))
				up = up->v_mnt->mnt_covered;
			next = vfs_mounted(up->v_parent);
		} else if (cur->v_ops != NULL && cur->v_ops->vop_lookup != NULL) {
			int error = cur->v_ops->vop_lookup(cur, name, len, &next);

			if (error != 0) {
				vfs_release(cur);
				return error;
			}
			/* Made up and held: drop the hold after the step. */
			if (S_ISLNK(next->v_mode) && (*p != '\0' || follow_last)) {
				struct vnode *res;
				int depth_error = 0;

				if (++depth > VFS_SYMLOOP_MAX)
					depth_error = -ELOOP;
				else
					depth_error = vfs_follow(cur, next,
					    depth, may_search, &res);
				vfs_release(next);
				vfs_release(cur);
				if (depth_error != 0)
					return depth_error;
				next = res;
			} else {
				vfs_release(cur);
			}
			cur = next;
			continue;
		} else {
			if ((d = vfs_dir_find(cur, name, len)) == NULL) {
				vfs_release(cur);
				return -ENOENT;
			}
			next = vfs_mounted(d->d_node);
		}
		if (S_ISLNK(next->v_mode) && (*p != '\0' || follow_last)) {
			struct vnode *res;
			int error;

			if (++depth > VFS_SYMLOOP_MAX) {
				vfs_release(cur);
				return -ELOOP;
			}
			error = vfs_follow(cur, next, depth, may_search, &res);
			vfs_release(cur);
			if (error != 0)
				return error;
			next = res;		/* already held */
		} else {
			vfs_hold(next);
			vfs_release(cur);
		}
		cur = next;
	}
}

int
vfs_lookup(struct vnode *cwd, const char *path, int flags, struct vnode **out)
{
	return vfs_lookup_by(NULL, cwd, path, flags, out);
}

int
vfs_lookup_by(vfs_search_fn may_search, struct vnode *cwd, const char *path,
    int flags, struct vnode **out)
{
	return vfs_walk(cwd, path, (flags & VFS_FOLLOW) != 0, false, 0,
	    may_search, out, NULL, NULL);
}

int
vfs_lookup_parent(struct vnode *cwd, const char *path, struct vnode **dir,
    char *name)
{
	return vfs_lookup_parent_by(NULL, cwd, path, dir, name);
}

int
vfs_lookup_parent_by(vfs_search_fn may_search, struct vnode *cwd,
    const char *path, struct vnode **dir, char *name)
{
	const char *last;
	size_t len;
	int error;

	error = vfs_walk(cwd, path, true, true, 0, may_search, dir, &last,
	    &len);
	if (error != 0)
		return error;
	if ((len == 1 && last[0] == '.') ||
	    (len == 2 && last[0] == '.' && last[1] == '.')) {
		vfs_release(*dir);
		return -EEXIST;
	}
	memcpy(name, last, len);
	name[len] = '\0';
	return 0;
}

static int
vfs_link_in(struct vnode *dir, const char *name, struct vnode *v)
{
	size_t len = strlen(name);
	struct vdirent *d, **pp;

	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if (len == 0 || len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (vfs_dir_find(dir, name, len) != NULL)
		return -EEXIST;
	if ((d = kmalloc(sizeof(*d) + len + 1)) == NULL)
		return -ENOMEM;
	memcpy(d->d_name, name, len + 1);
	d->d_node = v;
	d->d_next = NULL;
	for (pp = &dir->v_children; *pp != NULL; pp = &(*pp)->d_next)
		;
	*pp = d;
	v->v_nlink++;
	v->v_parent = dir;
	dir->v_mtime_ns = dir->v_ctime_ns = vfs_now_ns();
	return 0;
}

int
vfs_create(struct vnode *dir, const char *name, uint32_t mode, uint32_t rdev,
    struct vnode **out)
{
	struct vnode *v;
	int error;

	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if ((error = vfs_writable(dir)) != 0)
		return error;
	if ((v = vfs_node_new(dir->v_mnt, mode)) == NULL)
		return -ENOMEM;
	v->v_rdev = rdev;
	if ((error = vfs_link_in(dir, name, v)) != 0) {
		if (v->v_mnt != NULL)
			v->v_mnt->mnt_refs--;
		vfs_node_free(v);
		return error;
	}
	*out = v;		/* the reference from vfs_node_new */
	return 0;
}

int
vfs_symlink(struct vnode *dir, const char *name, const char *target)
{
	size_t len = strnlen(target, VFS_PATH_MAX);
	struct vnode *v;
	int error;

	if (len == 0 || len >= VFS_PATH_MAX)
		return len == 0 ? -ENOENT : -ENAMETOOLONG;
	if ((error = vfs_create(dir, name, S_IFLNK | 0777, 0, &v)) != 0)
		return error;
	error = vfs_write(v, target, len, 0);
	vfs_release(v);
	return error < 0 ? error : 0;
}

int
vfs_link(struct vnode *dir, const char *name, struct vnode *v)
{
	int error;

	if (S_ISDIR(v->v_mode))
		return -EPERM;
	if (dir->v_mnt != v->v_mnt)
		return -EXDEV;
	if ((error = vfs_writable(dir)) != 0)
		return error;
	if ((error = vfs_link_in(dir, name, v)) == 0)
		v->v_ctime_ns = vfs_now_ns();
	return error;
}

/*
 * Remove name from dir.  A directory must be empty unless it is being
 * moved (rename: its contents go with it).
 */
static int
vfs_unlink_entry(struct vnode *dir, const char *name, bool want_dir,
    bool moving)
{
	struct vdirent **pp, *d;
	struct vnode *v;
	int error;

	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if ((error = vfs_writable(dir)) != 0)
		return error;
	for (pp = &dir->v_children; *pp != NULL; pp = &(*pp)->d_next)
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
	if (want_dir && !moving && v->v_children != NULL)
		return -ENOTEMPTY;
	*pp = d->d_next;
	kfree(d);
	v->v_nlink--;
	v->v_ctime_ns = dir->v_mtime_ns = dir->v_ctime_ns = vfs_now_ns();
	/* A file keeps a parent for its path only while a name is there. */
	if (!S_ISDIR(v->v_mode) && v->v_parent == dir) {
		for (d = dir->v_children; d != NULL && d->d_node != v;
		    d = d->d_next)
			;
		if (d == NULL)
			v->v_parent = NULL;
	}
	if (v->v_nlink == 0 && v->v_refs == 0)
		vfs_node_free(v);
	return 0;
}

int
vfs_permission(const struct vnode *v, int mask, uint32_t uid, uint32_t gid,
    const uint32_t *groups, unsigned int ngroups)
{
	uint32_t bits = v->v_mode;
	bool member = gid == v->v_gid;

	if (uid == 0) {
		/* Root passes, but runs only what someone may run. */
		if ((mask & VFS_MAY_EXEC) && !S_ISDIR(v->v_mode) &&
		    !(v->v_mode & 0111))
			return -EACCES;
		return 0;
	}
	for (unsigned int i = 0; !member && i < ngroups; i++)
		member = groups[i] == v->v_gid;
	if (uid == v->v_uid)
		bits >>= 6;
	else if (member)
		bits >>= 3;
	return (mask & ~bits & 7) != 0 ? -EACCES : 0;
}

int
vfs_unlink(struct vnode *dir, const char *name, bool want_dir)
{
	return vfs_unlink_entry(dir, name, want_dir, false);
}

int
vfs_rename(struct vnode *odir, const char *oname, struct vnode *ndir,
    const char *nname, int flags)
{
	struct vdirent *d, *e;
	struct vnode *v;
	int error;

	if ((error = vfs_writable(odir)) != 0 ||
	    (error = vfs_writable(ndir)) != 0)
		return error;
	if ((d = vfs_dir_find(odir, oname, strlen(oname))) == NULL)
		return -ENOENT;
	v = d->d_node;
	if (odir->v_mnt != ndir->v_mnt)
		return -EXDEV;
	if (v->v_covered != NULL)
		return -EBUSY;
	/* A directory may not move below itself. */
	for (struct vnode *a = ndir; S_ISDIR(v->v_mode); a = a->v_parent) {
		if (a == v)
			return -EINVAL;
		if (a == a->v_parent)
			break;
	}
	if ((e = vfs_dir_find(ndir, nname, strlen(nname))) != NULL) {
		if (flags & VFS_RENAME_NOREPLACE)
			return -EEXIST;
		if (e->d_node == v)
			return 0;
		if (S_ISDIR(v->v_mode) != S_ISDIR(e->d_node->v_mode))
			return S_ISDIR(v->v_mode) ? -ENOTDIR : -EISDIR;
		if ((error = vfs_unlink(ndir, nname,
		    S_ISDIR(e->d_node->v_mode))) != 0)
			return error;
	}
	vfs_hold(v);
	if ((error = vfs_link_in(ndir, nname, v)) == 0)
		error = vfs_unlink_entry(odir, oname, S_ISDIR(v->v_mode), true);
	if (S_ISDIR(v->v_mode))
		v->v_parent = ndir;
	vfs_release(v);
	return error;
}

/* Make v_data ours and able to hold want bytes. */
static int
vfs_reserve(struct vnode *v, uint64_t want)
{
	char *n;
	size_t cap;

	if (want > VFS_FILE_MAX)
		return -EFBIG;
	if (v->v_owned && want <= v->v_cap)
		return 0;
	cap = v->v_owned && v->v_cap > 0 ? v->v_cap : 64;
	while (cap < want)
		cap *= 2;
	if ((n = kmalloc(cap)) == NULL)
		return -ENOMEM;
	if (v->v_size > 0)
		memcpy(n, v->v_data, v->v_size);
	if (v->v_owned)
		kfree(v->v_data);
	v->v_data = n;
	v->v_cap = kmalloc_size(n);	/* all the block holds, not just cap */
	v->v_owned = true;
	return 0;
}

long
vfs_read(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	if (S_ISDIR(v->v_mode))
		return -EISDIR;
	if (v->v_ops != NULL && v->v_ops->vop_read != NULL)
		return v->v_ops->vop_read(v, buf, len, off);
	if (off >= v->v_size)
		return 0;
	if (len > v->v_size - off)
		len = v->v_size - off;
	memcpy(buf, v->v_data + off, len);
	return (long)len;
}

long
vfs_write(struct vnode *v, const void *buf, size_t len, uint64_t off)
{
	int error;

	if (S_ISDIR(v->v_mode))
		return -EISDIR;
	if (v->v_ops != NULL)
		return -EIO;		/* generated files take no writes */
	if (off + len < off)
		return -EINVAL;
	if ((error = vfs_reserve(v, off + len)) != 0)
		return error;
	if (off > v->v_size)
		memset(v->v_data + v->v_size, 0, off - v->v_size);
	memcpy(v->v_data + off, buf, len);
	pagecache_drop(v);	/* mapped pages keep the old bytes */
	if (off + len > v->v_size)
		v->v_size = off + len;
	v->v_mtime_ns = v->v_ctime_ns = vfs_now_ns();
	return (long)len;
}

int
vfs_truncate(struct vnode *v, uint64_t size)
{
	int error;

	if (!S_ISREG(v->v_mode))
		return S_ISDIR(v->v_mode) ? -EISDIR : -EINVAL;
	if ((error = vfs_writable(v)) != 0)
		return error;
	if (size > v->v_size) {
		if ((error = vfs_reserve(v, size)) != 0)
			return error;
		memset(v->v_data + v->v_size, 0, size - v->v_size);
	} else if (!v->v_owned && size > 0) {
		if ((error = vfs_reserve(v, size)) != 0)
			return error;
	}
	v->v_size = size;
	pagecache_drop(v);
	v->v_mtime_ns = v->v_ctime_ns = vfs_now_ns();
	return 0;
}

void
vfs_set_data_ro(struct vnode *v, const void *data, size_t len)
{
	pagecache_drop(v);
	if (v->v_owned)
		kfree(v->v_data);
	v->v_data = (char *)(uintptr_t)data;
	v->v_size = len;
	v->v_cap = 0;
	v->v_owned = false;
}

bool
vfs_readdir(struct vnode *dir, uint64_t idx, struct vfs_dirent *out)
{
	struct vdirent *d = dir->v_children;
	struct vnode *v;

	out->de_next = idx + 1;
	if (idx == 0 || idx == 1) {
		v = dir;
		if (idx == 1) {
			while (vfs_is_mount_root(v))
				v = v->v_mnt->mnt_covered;
			v = vfs_mounted(v->v_parent);
		}
		memcpy(out->de_name, "..", idx + 1);
		out->de_name[idx + 1] = '\0';
		out->de_ino = v->v_ino;
		out->de_mode = v->v_mode;
		return true;
	}
	if (dir->v_ops != NULL && dir->v_ops->vop_readdir != NULL)
		return dir->v_ops->vop_readdir(dir, idx, out);
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

/* The name of v in its parent into buf: length, or -ENOENT. */
static long
vfs_name_of(struct vnode *v, char *buf, size_t size)
{
	struct vnode *dir = v->v_parent;
	struct vdirent *d;

	if (dir == NULL)
		return -ENOENT;
	if (dir->v_ops != NULL && dir->v_ops->vop_name != NULL) {
		int error = v->v_ops != NULL && v->v_ops->vop_name != NULL ?
		    v->v_ops->vop_name(v, buf, size) : -ENOENT;

		return error < 0 ? error : (long)strlen(buf);
	}
	for (d = dir->v_children; d != NULL; d = d->d_next)
		if (d->d_node == v)
			break;
	if (d == NULL)
		return -ENOENT;
	if (strlen(d->d_name) >= size)
		return -ENAMETOOLONG;
	memcpy(buf, d->d_name, strlen(d->d_name) + 1);
	return (long)strlen(buf);
}

long
vfs_path_of(struct vnode *v, char *buf, size_t size)
{
	char *tmp = kmalloc(VFS_PATH_MAX), name[VFS_NAME_MAX + 1];
	size_t pos = VFS_PATH_MAX - 1;
	long ret;

	if (tmp == NULL)
		return -ENOMEM;
	tmp[pos] = '\0';
	for (;;) {
		long len;

		while (vfs_is_mount_root(v))
			v = v->v_mnt->mnt_covered;
		if (v == vfs_root_node || v == v->v_parent)
			break;
		if ((len = vfs_name_of(v, name, sizeof(name))) < 0) {
			kfree(tmp);
			return len;	/* removed */
		}
		if ((size_t)len + 1 > pos) {
			kfree(tmp);
			return -ENAMETOOLONG;
		}
		pos -= (size_t)len;
		memcpy(tmp + pos, name, (size_t)len);
		tmp[--pos] = '/';
		v = v->v_parent;
	}
	if (tmp[pos] == '\0')
		tmp[--pos] = '/';
	ret = (long)(VFS_PATH_MAX - pos);
	if ((size_t)ret > size)
		ret = -ERANGE;
	else
		memcpy(buf, tmp + pos, (size_t)ret);
	kfree(tmp);
	return ret;
}

void
vfs_tree_free(struct vnode *root)
{
	struct vnode *dir = root;

	/* Depth first without recursion: kernel stacks are small. */
	while (dir != NULL) {
		struct vdirent *d = dir->v_children;
		struct vnode *v;

		if (d == NULL) {		/* emptied: its parent frees it */
			dir = dir == root ? NULL : dir->v_parent;
			continue;
		}
		v = d->d_node;
		if (S_ISDIR(v->v_mode) && v->v_children != NULL) {
			dir = v;
			continue;
		}
		dir->v_children = d->d_next;
		kfree(d);
		v->v_nlink--;
		if (v->v_refs == 0 && (v->v_nlink == 0 || S_ISDIR(v->v_mode)))
			vfs_node_free(v);
	}
}
