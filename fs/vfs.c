/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The file tree (see vfs.h): references, the path walk across mounts and
 * symbolic links, the checks every filesystem shares, and calls into the
 * node's struct vnode_ops for the rest.  A lookup returns a held node;
 * unlinked nodes live until their last reference goes.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/spinlock.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <fs/mount.h>
#include <fs/pagecache.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>

static struct vnode *vfs_root_node;
static uint64_t vfs_next_ino = 1;

const struct vnode_ops vfs_anon_ops;

uint64_t
vfs_now_ns(void)
{
	return pv_clock_wall_ns();	/* file times are wall-clock times */
}

struct vnode *
vfs_node_new(struct mount *m, uint32_t mode, const struct vnode_ops *ops)
{
	struct vnode *v = kzalloc(sizeof(*v));

	if (v == NULL)
		return NULL;
	v->v_ino = vfs_next_ino++;
	v->v_mode = mode;
	v->v_ops = ops;
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
	if (v->v_ops->vop_free != NULL)
		v->v_ops->vop_free(v);
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

	if ((error = ramfs_init(&vfs_root_node)) != 0)
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

static struct vnode *(*vfs_root_hook)(void);

void
vfs_set_root_hook(struct vnode *(*fn)(void))
{
	vfs_root_hook = fn;
}

/* The caller's root directory (chroot): "/" of its paths. */
static struct vnode *
vfs_walk_root(void)
{
	struct vnode *r = vfs_root_hook != NULL ? vfs_root_hook() : NULL;

	return r != NULL ? r : vfs_root_node;
}

/*
 * May the filesystem of v make a change (has_op: it has the operation)?
 * -EROFS on a read-only mount, then -EPERM without the operation.
 */
static int
vfs_changeable(const struct vnode *v, bool has_op)
{
	if (v->v_mnt != NULL && (v->v_mnt->mnt_flags & MS_RDONLY))
		return -EROFS;
	return has_op ? 0 : -EPERM;
}

int
vfs_writable(struct vnode *v)
{
	int error = vfs_changeable(v, v->v_ops->vop_setattr != NULL);

	return error != 0 ? error : v->v_ops->vop_setattr(v);
}

uint32_t
vfs_nlink(const struct vnode *v)
{
	if (!S_ISDIR(v->v_mode))
		return v->v_transient ? 1 : v->v_nlink;
	/* Its name and its own ".", and what the filesystem counts. */
	return v->v_ops->vop_nlink != NULL ? v->v_ops->vop_nlink(v) : 2;
}

struct vnode *
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

static int vfs_walk(struct vnode *start, const char *path, bool follow_last,
    bool parent_only, int depth, vfs_search_fn may_search, struct vnode **out,
    const char **last, size_t *lastlen);

/* Resolve the symbolic link lnk found in dir to a held node. */
static int
vfs_follow(struct vnode *dir, struct vnode *lnk, int depth,
    vfs_search_fn may_search, struct vnode **out)
{
	char *target;
	long n;
	int error;

	/* On the heap: kernel stacks are small, links nest. */
	if ((target = kmalloc(VFS_PATH_MAX)) == NULL)
		return -ENOMEM;
	if ((n = vfs_readlink(lnk, target, VFS_PATH_MAX - 1)) < 0) {
		kfree(target);
		return (int)n;
	}
	target[n] = '\0';
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
	struct vnode *root = vfs_walk_root();
	struct vnode *cur = path[0] == '/' ? root : start;
	const char *p = path;

	if (path[0] == '\0')
		return -ENOENT;
	vfs_hold(cur);
	for (;;) {
		const char *name;
		size_t len;
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
			/* The caller's root is its "/": ".." stays there. */
			next = cur == root ? cur : vfs_mounted(up->v_parent);
			vfs_hold(next);
		} else {
			int error = cur->v_ops->vop_lookup == NULL ? -ENOENT :
			    cur->v_ops->vop_lookup(cur, name, len, &next);

			if (error != 0) {
				vfs_release(cur);
				return error;
			}
			if (next->v_covered != NULL) {	/* onto the mount */
				struct vnode *top = vfs_mounted(next);

				vfs_hold(top);
				vfs_release(next);
				next = top;
			}
		}
		if (S_ISLNK(next->v_mode) && (*p != '\0' || follow_last)) {
			struct vnode *res;
			int error = -ELOOP;

			if (++depth <= VFS_SYMLOOP_MAX)
				error = vfs_follow(cur, next, depth,
				    may_search, &res);
			vfs_release(next);
			vfs_release(cur);
			if (error != 0)
				return error;
			next = res;		/* already held */
		} else {
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

int
vfs_create(struct vnode *dir, const char *name, uint32_t mode, uint32_t rdev,
    struct vnode **out)
{
	size_t len = strlen(name);
	int error;

	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if ((error = vfs_changeable(dir, dir->v_ops->vop_create != NULL)) != 0)
		return error;
	if (len == 0 || len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	return dir->v_ops->vop_create(dir, name, mode, rdev, out);
}

int
vfs_symlink(struct vnode *dir, const char *name, const char *target)
{
	size_t len = strnlen(target, VFS_PATH_MAX);
	int error;

	if (len == 0 || len >= VFS_PATH_MAX)
		return len == 0 ? -ENOENT : -ENAMETOOLONG;
	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if ((error = vfs_changeable(dir, dir->v_ops->vop_symlink != NULL)) != 0)
		return error;
	if (strlen(name) == 0 || strlen(name) > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	return dir->v_ops->vop_symlink(dir, name, target);
}

int
vfs_link(struct vnode *dir, const char *name, struct vnode *v)
{
	int error;

	if (S_ISDIR(v->v_mode))
		return -EPERM;
	if (dir->v_mnt != v->v_mnt)
		return -EXDEV;
	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if ((error = vfs_changeable(dir, dir->v_ops->vop_link != NULL)) != 0)
		return error;
	if (strlen(name) == 0 || strlen(name) > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	return dir->v_ops->vop_link(dir, name, v);
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
	int error;

	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if ((error = vfs_changeable(dir, dir->v_ops->vop_remove != NULL)) != 0)
		return error;
	return dir->v_ops->vop_remove(dir, name, want_dir);
}

int
vfs_rename(struct vnode *odir, const char *oname, struct vnode *ndir,
    const char *nname, int flags)
{
	int error;

	if ((error = vfs_changeable(odir, odir->v_ops->vop_rename != NULL)) != 0 ||
	    (error = vfs_changeable(ndir, ndir->v_ops->vop_rename != NULL)) != 0)
		return error;
	if (strlen(nname) == 0 || strlen(nname) > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	return odir->v_ops->vop_rename(odir, oname, ndir, nname, flags);
}

long
vfs_read(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	if (S_ISDIR(v->v_mode))
		return -EISDIR;
	if (v->v_ops->vop_read == NULL)
		return -EINVAL;
	return v->v_ops->vop_read(v, buf, len, off);
}

long
vfs_write(struct vnode *v, const void *buf, size_t len, uint64_t off)
{
	long n;

	if (S_ISDIR(v->v_mode))
		return -EISDIR;
	if (v->v_ops->vop_write == NULL)
		return -EIO;		/* generated files take no writes */
	if ((n = v->v_ops->vop_write(v, buf, len, off)) > 0)
		pagecache_drop(v);	/* mapped pages keep the old bytes */
	return n;
}

int
vfs_truncate(struct vnode *v, uint64_t size)
{
	int error;

	if (!S_ISREG(v->v_mode))
		return S_ISDIR(v->v_mode) ? -EISDIR : -EINVAL;
	if ((error = vfs_changeable(v, v->v_ops->vop_truncate != NULL)) != 0)
		return error;
	if ((error = v->v_ops->vop_truncate(v, size)) == 0)
		pagecache_drop(v);
	return error;
}

int
vfs_readpage(struct vnode *v, uint64_t index, void *page)
{
	long n;

	if (index > UINT64_MAX / PAGE_SIZE)
		return -EINVAL;
	if (v->v_ops->vop_readpage != NULL)
		return v->v_ops->vop_readpage(v, index, page);
	if ((n = vfs_read(v, page, PAGE_SIZE, index * PAGE_SIZE)) < 0)
		return (int)n;
	if (n != PAGE_SIZE && index * PAGE_SIZE + (uint64_t)n < v->v_size)
		return -EIO;		/* short of what the file holds */
	memset((char *)page + n, 0, PAGE_SIZE - (size_t)n);
	return 0;
}

long
vfs_readlink(struct vnode *v, char *buf, size_t size)
{
	if (!S_ISLNK(v->v_mode) || v->v_ops->vop_readlink == NULL)
		return -EINVAL;
	return v->v_ops->vop_readlink(v, buf, size);
}

bool
vfs_readdir(struct vnode *dir, uint64_t idx, struct vfs_dirent *out)
{
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
	return dir->v_ops->vop_readdir != NULL &&
	    dir->v_ops->vop_readdir(dir, idx, out);
}

/* The name of v in its parent into buf: length, or -ENOENT. */
static long
vfs_name_of(struct vnode *v, char *buf, size_t size)
{
	struct vnode *dir = v->v_parent;
	int error;

	if (dir == NULL || v->v_ops->vop_name == NULL)
		return -ENOENT;
	if ((error = v->v_ops->vop_name(dir, v, buf, size)) != 0)
		return error;
	return (long)strlen(buf);
}

long
vfs_path_of(struct vnode *v, char *buf, size_t size)
{
	char *tmp = kmalloc(VFS_PATH_MAX), name[VFS_NAME_MAX + 1];
	struct vnode *root = vfs_walk_root();
	size_t pos = VFS_PATH_MAX - 1;
	long ret;

	if (tmp == NULL)
		return -ENOMEM;
	tmp[pos] = '\0';
	for (;;) {
		long len;

		if (v == root)		/* the caller's "/" (chroot) */
			break;
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

