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
#include <lib/path.h>
#include <lib/string.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/spinlock.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <fs/mount.h>
#include <fs/notify.h>
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
	fsnotify_node_free(v);
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
	else if (v->v_refs == v->v_pins && v->v_nlink == 0 &&
	    v->v_notify != NULL)
		fsnotify_gone(v);	/* may free v */
}

void
vfs_pin(struct vnode *v)
{
	v->v_refs++;
	v->v_pins++;
}

void
vfs_unpin(struct vnode *v)
{
	v->v_pins--;
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

static uint64_t (*vfs_fsize_limit_hook)(void);
static void (*vfs_fsize_exceeded_hook)(void);

void
vfs_set_fsize_hooks(uint64_t (*limit)(void), void (*exceeded)(void))
{
	vfs_fsize_limit_hook = limit;
	vfs_fsize_exceeded_hook = exceeded;
}

static uint64_t
vfs_fsize_limit(void)
{
	return vfs_fsize_limit_hook != NULL ? vfs_fsize_limit_hook() :
	    UINT64_MAX;
}

static long
vfs_fsize_over(void)
{
	if (vfs_fsize_exceeded_hook != NULL)
		vfs_fsize_exceeded_hook();
	return -EFBIG;
}

long
vfs_fsize_fit(uint64_t off, uint64_t len)
{
	uint64_t limit = vfs_fsize_limit();

	if (len == 0 || limit == UINT64_MAX)
		return (long)len;
	/* As Linux: what fits is written; at the limit, nothing is. */
	if (off >= limit)
		return vfs_fsize_over();
	return (long)(len < limit - off ? len : limit - off);
}

int
vfs_fsize_grow(uint64_t size)
{
	return size > vfs_fsize_limit() ? (int)vfs_fsize_over() : 0;
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

/*
 * One resolution of a path: whom it asks for search permission, how many
 * symbolic links it has followed so far (all of them, however they nest:
 * VFS_SYMLOOP_MAX for the whole walk, as Linux counts), and what it may
 * not do (VFS_NO_XDEV...).  A scoped walk (VFS_BENEATH, VFS_IN_ROOT) has
 * its start directory for root; the others the caller's, asked for when
 * needed (vfs_walk_root).
 */
struct vfs_walk {
	vfs_search_fn	 w_may_search;
	int		 w_links;
	int		 w_flags;
	struct vnode	*w_root;	/* scoped: the start; else NULL */
	bool		 w_begun;	/* past the path's own first "/" */
};

static void
vfs_walk_init(struct vfs_walk *w, vfs_search_fn may_search,
    struct vnode *start, int flags)
{
	w->w_may_search = may_search;
	w->w_links = 0;
	w->w_flags = flags & VFS_RESOLVE_ALL;
	w->w_root = (flags & (VFS_BENEATH | VFS_IN_ROOT)) ? start : NULL;
	w->w_begun = false;
}

/* "/" of walk w, and where ".." stops. */
static struct vnode *
vfs_walk_top(const struct vfs_walk *w)
{
	return w->w_root != NULL ? w->w_root : vfs_walk_root();
}

_Static_assert(VFS_LAST_NAME == PATH_NAME && VFS_LAST_DOT == PATH_DOT &&
    VFS_LAST_DOTDOT == PATH_DOTDOT, "vfs_last kinds are path_part kinds");

int
vfs_lookup_in(struct vnode *dir, const char *name, struct vnode **out)
{
	size_t len = strlen(name);

	if (len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (dir->v_ops->vop_lookup == NULL)
		return -ENOENT;
	return dir->v_ops->vop_lookup(dir, name, len, out);
}

/*
 * One step of walk w from directory cur (searchable) to the name of kind
 * (PATH_*): a held node in *next, on top of any mount over it.
 */
static int
vfs_step(struct vfs_walk *w, struct vnode *cur, const char *name,
    size_t len, int kind, struct vnode **next)
{
	struct vnode *v, *up;
	int error;

	if (kind == PATH_DOT) {
		v = cur;
	} else if (kind == PATH_DOTDOT) {
		/* "/.." is "/", and so is the walk's root (chroot, or the
		 * start of a scoped walk): ".." stays there, or may not go
		 * up at all (VFS_BENEATH).  At a mount's root, ".." is the
		 * covered one's. */
		if (cur == vfs_walk_top(w)) {
			if (w->w_flags & VFS_BENEATH)
				return -EXDEV;
			v = cur;
		} else {
			for (v = cur; vfs_is_mount_root(v);
			    v = v->v_mnt->mnt_covered)
				;
			up = v->v_parent;
			/* A scoped walk's root is where it started, even
			 * should a mount have covered it since. */
			v = up == w->w_root ? up : vfs_mounted(up);
			if ((w->w_flags & VFS_NO_XDEV) &&
			    v->v_mnt != cur->v_mnt)
				return -EXDEV;
		}
	} else {
		if (len > VFS_NAME_MAX)
			return -ENAMETOOLONG;
		error = cur->v_ops->vop_lookup == NULL ? -ENOENT :
		    cur->v_ops->vop_lookup(cur, name, len, &v);
		/* In memory is all there is, but a name missing (no
		 * negative entries kept) or one the filesystem makes up
		 * (procfs) is the filesystem's to answer. */
		if (error == -ENOENT && (w->w_flags & VFS_CACHED))
			return -EAGAIN;
		if (error != 0)
			return error;
		*next = vfs_mounted(v);
		if ((w->w_flags & VFS_CACHED) && v->v_transient)
			error = -EAGAIN;
		else if (*next != v && (w->w_flags & VFS_NO_XDEV))
			error = -EXDEV;
		if (error != 0) {
			vfs_release(v);
			return error;
		}
		if (*next != v) {		/* onto the mount */
			vfs_hold(*next);
			vfs_release(v);
		}
		return 0;
	}
	vfs_hold(v);
	*next = v;
	return 0;
}

/* The last name of a path as pp describes it, into last. */
static int
vfs_last_set(struct vfs_last *last, const struct path_part *pp)
{
	if (pp->pp_len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(last->name, pp->pp_name, pp->pp_len);
	last->name[pp->pp_len] = '\0';
	last->kind = pp->pp_kind;
	last->slash = pp->pp_slash;
	return 0;
}

/* The target of symbolic link lnk into a new heap buffer (or NULL). */
static char *
vfs_link_target(struct vnode *lnk, int *error)
{
	/* On the heap: kernel stacks are small, links nest. */
	char *target = kmalloc(VFS_PATH_MAX);
	long n;

	if (target == NULL) {
		*error = -ENOMEM;
		return NULL;
	}
	if ((n = vfs_readlink(lnk, target, VFS_PATH_MAX - 1)) < 0) {
		kfree(target);
		*error = (int)n;
		return NULL;
	}
	target[n] = '\0';
	return target;
}

static int vfs_walk(struct vfs_walk *w, struct vnode *start,
    const char *path, bool follow, struct vnode **out, struct vfs_last *last);

/*
 * May walk w follow one more link?  0, or -ELOOP past VFS_SYMLOOP_MAX
 * or with VFS_NO_SYMLINKS.
 */
static int
vfs_may_follow(struct vfs_walk *w)
{
	if (++w->w_links > VFS_SYMLOOP_MAX || (w->w_flags & VFS_NO_SYMLINKS))
		return -ELOOP;
	return 0;
}

/*
 * Link lnk in dir stands for a node: 1 if it follows its text instead
 * (vop_follow says so), else 0 with *node (held) where walk w goes on,
 * on top of any mount over it, or -errno with *node NULL: what the link
 * gives, else what the walk may not do with a magic link.
 */
static int
vfs_jump(struct vfs_walk *w, struct vnode *dir, struct vnode *lnk,
    struct vnode **node)
{
	struct vnode *v, *top;
	int error;

	*node = NULL;
	if (lnk->v_ops->vop_follow == NULL ||
	    (error = lnk->v_ops->vop_follow(lnk, &v)) == 1)
		return 1;
	if (error != 0)
		return error;
	top = vfs_mounted(v);
	if (w->w_flags & VFS_CACHED)
		error = -EAGAIN;
	else if (w->w_flags & VFS_NO_MAGICLINKS)
		error = -ELOOP;
	else if ((w->w_flags & VFS_NO_XDEV) && top->v_mnt != dir->v_mnt)
		error = -EXDEV;
	else if (w->w_flags & (VFS_BENEATH | VFS_IN_ROOT))
		error = -EXDEV;		/* it could lead anywhere */
	if (error != 0) {
		vfs_release(v);
		return error;
	}
	if (top != v) {
		vfs_hold(top);
		vfs_release(v);
	}
	*node = top;
	return 0;
}

/*
 * *node is a symbolic link found in dir: replace it (its reference
 * dropped) with what its target resolves to, held, or fail.
 */
static int
vfs_follow(struct vfs_walk *w, struct vnode *dir, struct vnode **node)
{
	struct vnode *lnk = *node;
	char *target;
	int error;

	if ((error = vfs_may_follow(w)) == 0 &&
	    (error = vfs_jump(w, dir, lnk, node)) == 1 &&
	    (target = vfs_link_target(lnk, &error)) != NULL) {
		error = vfs_walk(w, dir, target, true, node, NULL);
		kfree(target);
	}
	vfs_release(lnk);
	return error;
}

/*
 * Walk path from start (from the root if it is absolute).  Every
 * directory a name is looked up in must be one, and searchable.  With
 * last, stop before the last name: *out is its directory and last
 * describes it (a path of slashes alone has no name: VFS_LAST_ROOT, *out
 * the root).  Without, resolve the last name too, following a symbolic
 * link there if follow says so or a slash ends the path, which then must
 * name a directory.
 */
static int
vfs_walk(struct vfs_walk *w, struct vnode *start, const char *path,
    bool follow, struct vnode **out, struct vfs_last *last)
{
	struct vnode *cur = start;
	struct path_part pp;
	const char *p = path;

	if (path[0] == '\0')
		return -ENOENT;
	if (path[0] == '/') {
		if (w->w_flags & VFS_BENEATH)
			return -EXDEV;
		cur = vfs_walk_top(w);
		/* A link's absolute target jumps; the path's own does not
		 * count as a crossing. */
		if ((w->w_flags & VFS_NO_XDEV) && w->w_begun &&
		    cur->v_mnt != start->v_mnt)
			return -EXDEV;
	}
	w->w_begun = true;
	vfs_hold(cur);
	for (;;) {
		struct vnode *next;
		int error = 0;

		if (!path_next(&p, &pp)) {	/* "/": no name at all */
			if (last != NULL) {
				last->name[0] = '\0';
				last->kind = VFS_LAST_ROOT;
				last->slash = false;
			}
			*out = cur;
			return 0;
		}
		if (!S_ISDIR(cur->v_mode))
			error = -ENOTDIR;
		else if (w->w_may_search != NULL)
			error = w->w_may_search(cur);
		if (error == 0 && last != NULL && pp.pp_last) {
			if ((error = vfs_last_set(last, &pp)) == 0) {
				*out = cur;
				return 0;
			}
		}
		if (error == 0)
			error = vfs_step(w, cur, pp.pp_name, pp.pp_len,
			    pp.pp_kind, &next);
		if (error == 0 && S_ISLNK(next->v_mode) &&
		    (!pp.pp_last || follow || pp.pp_slash))
			error = vfs_follow(w, cur, &next);
		vfs_release(cur);
		if (error != 0)
			return error;
		cur = next;
		if (pp.pp_last) {
			if (pp.pp_slash && !S_ISDIR(cur->v_mode)) {
				vfs_release(cur);
				return -ENOTDIR;	/* "file/" */
			}
			*out = cur;
			return 0;
		}
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
	struct vfs_walk w;

	vfs_walk_init(&w, may_search, cwd, flags);
	return vfs_walk(&w, cwd, path, (flags & VFS_FOLLOW) != 0, out, NULL);
}

int
vfs_lookup_last_by(vfs_search_fn may_search, struct vnode *cwd,
    const char *path, struct vnode **dir, struct vfs_last *last)
{
	struct vfs_walk w;

	vfs_walk_init(&w, may_search, cwd, 0);
	return vfs_walk(&w, cwd, path, false, dir, last);
}

int
vfs_lookup_parent(struct vnode *cwd, const char *path, struct vnode **dir,
    char *name)
{
	struct vfs_last *last = kmalloc(sizeof(*last));
	int error;

	if (last == NULL)
		return -ENOMEM;
	if ((error = vfs_lookup_last_by(NULL, cwd, path, dir, last)) == 0) {
		if (last->kind != VFS_LAST_NAME) {
			vfs_release(*dir);
			error = -EEXIST;
		} else {
			memcpy(name, last->name, strlen(last->name) + 1);
		}
	}
	kfree(last);
	return error;
}

int
vfs_lookup_create_by(vfs_search_fn may_search, struct vnode *cwd,
    const char *path, int flags, struct vnode **dir, struct vfs_last *last,
    struct vnode **out)
{
	struct vfs_walk w;
	struct vnode *d, *v;
	char *target;
	int error;

	*dir = *out = NULL;
	vfs_walk_init(&w, may_search, cwd, flags);
	if ((error = vfs_walk(&w, cwd, path, false, &d, last)) != 0)
		return error;
	for (;;) {
		if (last->kind == VFS_LAST_ROOT) {
			*out = d;		/* "/" itself */
			return 0;
		}
		if (last->kind == VFS_LAST_NAME && last->slash) {
			*dir = d;		/* "name/": the caller judges */
			return 0;
		}
		error = vfs_step(&w, d, last->name, strlen(last->name),
		    last->kind, &v);
		if (error == -ENOENT && last->kind == VFS_LAST_NAME) {
			*dir = d;		/* to be made */
			return 0;
		}
		if (error != 0)
			break;
		if (!S_ISLNK(v->v_mode) || !(flags & VFS_FOLLOW)) {
			vfs_release(d);
			*out = v;
			return 0;
		}
		/* A link that stands for a node (procfs's fd links). */
		target = NULL;
		if ((error = vfs_may_follow(&w)) == 0 &&
		    (error = vfs_jump(&w, d, v, out)) == 0) {
			vfs_release(v);
			vfs_release(d);
			return 0;
		}
		/* A link in the last place: on to its target's last name. */
		if (error == 1)
			target = vfs_link_target(v, &error);
		vfs_release(v);
		if (target == NULL)
			break;
		error = vfs_walk(&w, d, target, false, &v, last);
		kfree(target);
		vfs_release(d);
		if (error != 0)
			return error;
		d = v;
	}
	vfs_release(d);
	return error;
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
	if ((error = dir->v_ops->vop_create(dir, name, mode, rdev, out)) == 0)
		fsnotify_entry(dir, name, FSN_CREATE, S_ISDIR(mode), 0);
	return error;
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
	if ((error = dir->v_ops->vop_symlink(dir, name, target)) == 0)
		fsnotify_entry(dir, name, FSN_CREATE, false, 0);
	return error;
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
	/* A file with no name left stays so, but for O_TMPFILE's. */
	if (v->v_nlink == 0 && !v->v_linkable)
		return -ENOENT;
	if ((error = dir->v_ops->vop_link(dir, name, v)) == 0) {
		v->v_linkable = false;
		fsnotify_self(v, FSN_ATTRIB);		/* its link count */
		fsnotify_entry(dir, name, FSN_CREATE, false, 0);
	}
	return error;
}

long
vfs_getxattr(struct vnode *v, const char *name, void *buf, size_t size)
{
	if (v->v_ops->vop_getxattr == NULL)
		return -EOPNOTSUPP;
	return v->v_ops->vop_getxattr(v, name, buf, size);
}

int
vfs_setxattr(struct vnode *v, const char *name, const void *val, size_t size,
    int flags)
{
	int error = vfs_changeable(v, true);

	if (error != 0)
		return error;
	if (v->v_ops->vop_setxattr == NULL)
		return -EOPNOTSUPP;
	if ((error = v->v_ops->vop_setxattr(v, name, val, size, flags)) == 0) {
		v->v_ctime_ns = vfs_now_ns();
		fsnotify_self(v, FSN_ATTRIB);
	}
	return error;
}

int
vfs_removexattr(struct vnode *v, const char *name)
{
	int error = vfs_changeable(v, true);

	if (error != 0)
		return error;
	if (v->v_ops->vop_removexattr == NULL)
		return -EOPNOTSUPP;
	if ((error = v->v_ops->vop_removexattr(v, name)) == 0) {
		v->v_ctime_ns = vfs_now_ns();
		fsnotify_self(v, FSN_ATTRIB);
	}
	return error;
}

long
vfs_listxattr(struct vnode *v, unsigned int ns_mask, char *buf, size_t size)
{
	if (v->v_ops->vop_listxattr == NULL)
		return 0;
	return v->v_ops->vop_listxattr(v, ns_mask, buf, size);
}

int
vfs_tmpfile(struct vnode *dir, uint32_t mode, bool excl, struct vnode **out)
{
	int error;

	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if ((error = vfs_changeable(dir, true)) != 0)
		return error;
	if (dir->v_ops->vop_tmpfile == NULL)
		return -EOPNOTSUPP;
	if ((error = dir->v_ops->vop_tmpfile(dir, S_IFREG | (mode & 07777),
	    out)) == 0)
		(*out)->v_linkable = !excl;
	return error;
}

int64_t
vfs_seek_data(struct vnode *v, uint64_t off, bool data)
{
	if (off >= v->v_size)
		return -ENXIO;
	if (!S_ISREG(v->v_mode) || v->v_ops->vop_seek_data == NULL)
		return (int64_t)(data ? off : v->v_size);
	off = v->v_ops->vop_seek_data(v, off, data);
	/* No data after off: -ENXIO; the end is where the last hole is. */
	if (data && off >= v->v_size)
		return -ENXIO;
	return (int64_t)MIN(off, v->v_size);
}

int
vfs_punch(struct vnode *v, uint64_t off, uint64_t end)
{
	if (!S_ISREG(v->v_mode) || v->v_ops->vop_punch == NULL)
		return -EOPNOTSUPP;
	if (end > v->v_size)
		end = v->v_size;
	if (off >= end)
		return 0;
	return v->v_ops->vop_punch(v, off, end);
}

int
vfs_permission(const struct vnode *v, int mask, uint32_t uid, uint32_t gid,
    const uint32_t *groups, unsigned int ngroups, unsigned int caps)
{
	uint32_t bits = v->v_mode;
	bool member = gid == v->v_gid;
	int error;

	if (v->v_ops->vop_permission != NULL &&
	    (error = v->v_ops->vop_permission(v, mask)) != 0)
		return error;
	for (unsigned int i = 0; !member && i < ngroups; i++)
		member = groups[i] == v->v_gid;
	if (uid == v->v_uid)
		bits >>= 6;
	else if (member)
		bits >>= 3;
	mask &= VFS_MAY_READ | VFS_MAY_WRITE | VFS_MAY_EXEC;
	if ((mask & ~bits & 7) == 0)
		return 0;
	if (S_ISDIR(v->v_mode)) {
		if (!(mask & VFS_MAY_WRITE) && (caps & VFS_CAP_DAC_READ_SEARCH))
			return 0;
		return (caps & VFS_CAP_DAC_OVERRIDE) ? 0 : -EACCES;
	}
	if (mask == VFS_MAY_READ && (caps & VFS_CAP_DAC_READ_SEARCH))
		return 0;
	/* Even an override runs only what someone may run. */
	if ((caps & VFS_CAP_DAC_OVERRIDE) &&
	    (!(mask & VFS_MAY_EXEC) || (v->v_mode & 0111)))
		return 0;
	return -EACCES;
}

/*
 * After name of dir, v's, was removed (v held by the caller): the
 * announcements, in Linux's order: a file's link count, then once v is
 * let go (and perhaps announced gone) the entry.  Drops v.
 */
static void
vfs_removed(struct vnode *dir, const char *name, struct vnode *v)
{
	bool isdir = S_ISDIR(v->v_mode);

	if (!isdir) {
		fsnotify_self(v, FSN_ATTRIB);
		if (v->v_nlink == 0 && v->v_refs > v->v_pins + 1)
			fsnotify_unlinked(dir, name, v);	/* still open */
	}
	vfs_release(v);
	fsnotify_entry(dir, name, FSN_DELETE, isdir, 0);
}

int
vfs_unlink(struct vnode *dir, const char *name, bool want_dir)
{
	struct vnode *v = NULL;
	int error;

	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if ((error = vfs_changeable(dir, dir->v_ops->vop_remove != NULL)) != 0)
		return error;
	/* Held across the removal: what it removed is announced after. */
	if (dir->v_ops->vop_lookup != NULL && strlen(name) <= VFS_NAME_MAX)
		(void)dir->v_ops->vop_lookup(dir, name, strlen(name), &v);
	if ((error = dir->v_ops->vop_remove(dir, name, want_dir)) != 0 ||
	    v == NULL) {
		vfs_release(v);
		return error;
	}
	vfs_removed(dir, name, v);
	return 0;
}

/* Is directory a the node v, or below it (on v's filesystem)? */
static bool
vfs_is_below(const struct vnode *a, const struct vnode *v)
{
	for (;;) {
		if (a == v)
			return true;
		if (a->v_parent == NULL || a->v_parent == a)
			return false;
		a = a->v_parent;
	}
}

int
vfs_rename_prepare(struct vfs_rename *r)
{
	const struct vfs_last *o = r->r_old, *n = r->r_new;
	int error;

	r->r_ov = r->r_nv = NULL;
	if (r->r_odir->v_mnt != r->r_ndir->v_mnt)
		return -EXDEV;
	if (o->kind != VFS_LAST_NAME)
		return -EBUSY;			/* ".", ".." or "/" */
	if (n->kind != VFS_LAST_NAME)
		return (r->r_flags & VFS_RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	if ((error = vfs_changeable(r->r_odir,
	    r->r_odir->v_ops->vop_rename != NULL)) != 0)
		return error;
	/* A removed directory has no names, and gets none. */
	if (r->r_odir->v_nlink == 0 || r->r_ndir->v_nlink == 0)
		return -ENOENT;
	if ((error = vfs_lookup_in(r->r_odir, o->name, &r->r_ov)) != 0)
		return error;
	error = vfs_lookup_in(r->r_ndir, n->name, &r->r_nv);
	if (error == -ENOENT && !(r->r_flags & VFS_RENAME_EXCHANGE))
		error = 0;			/* a new name */
	else if (error == 0 && (r->r_flags & VFS_RENAME_NOREPLACE))
		error = -EEXIST;
	else if (error == 0 && (r->r_flags & VFS_RENAME_EXCHANGE) &&
	    !S_ISDIR(r->r_nv->v_mode) && n->slash)
		error = -ENOTDIR;
	/* "file/" on either side (the new one's is about the old node). */
	if (error == 0 && !S_ISDIR(r->r_ov->v_mode) && (o->slash ||
	    (!(r->r_flags & VFS_RENAME_EXCHANGE) && n->slash)))
		error = -ENOTDIR;
	/* Neither may end up below itself. */
	if (error == 0 && vfs_is_below(r->r_ndir, r->r_ov))
		error = -EINVAL;
	if (error == 0 && r->r_nv != NULL && vfs_is_below(r->r_odir, r->r_nv))
		error = (r->r_flags & VFS_RENAME_EXCHANGE) ? -EINVAL :
		    -ENOTEMPTY;
	if (error == 0 && r->r_ov == r->r_nv)
		error = 1;			/* one node: nothing to do */
	if (error != 0)
		vfs_rename_abort(r);
	return error;
}

/* A rename done: its announcements (Linux's order), before r's nodes go. */
static void
vfs_renamed(struct vfs_rename *r)
{
	struct vnode *ov = r->r_ov, *nv = r->r_nv;
	uint32_t cookie = fsnotify_cookie();

	fsnotify_entry(r->r_odir, r->r_old->name, FSN_MOVED_FROM,
	    S_ISDIR(ov->v_mode), cookie);
	fsnotify_entry(r->r_ndir, r->r_new->name, FSN_MOVED_TO,
	    S_ISDIR(ov->v_mode), cookie);
	if (nv != NULL && (r->r_flags & VFS_RENAME_EXCHANGE)) {
		cookie = fsnotify_cookie();
		fsnotify_entry(r->r_ndir, r->r_new->name, FSN_MOVED_FROM,
		    S_ISDIR(nv->v_mode), cookie);
		fsnotify_entry(r->r_odir, r->r_old->name, FSN_MOVED_TO,
		    S_ISDIR(nv->v_mode), cookie);
		fsnotify_self(nv, FSN_MOVE_SELF);
	} else if (nv != NULL) {
		/* Replaced: one link fewer. */
		fsnotify_self(nv, FSN_ATTRIB |
		    (S_ISDIR(nv->v_mode) ? FSN_ISDIR : 0));
	}
	fsnotify_self(ov, FSN_MOVE_SELF);
}

void
vfs_rename_abort(struct vfs_rename *r)
{
	vfs_release(r->r_ov);
	vfs_release(r->r_nv);
	r->r_ov = r->r_nv = NULL;
}

int
vfs_rename_commit(struct vfs_rename *r)
{
	struct vnode *ov = r->r_ov, *nv = r->r_nv;
	int error = 0;

	/* Replacing: a directory only by a directory, and never a mount. */
	if (nv != NULL && !(r->r_flags & VFS_RENAME_EXCHANGE) &&
	    S_ISDIR(ov->v_mode) != S_ISDIR(nv->v_mode))
		error = S_ISDIR(ov->v_mode) ? -ENOTDIR : -EISDIR;
	else if (ov->v_covered != NULL || (nv != NULL && nv->v_covered != NULL))
		error = -EBUSY;
	else
		error = r->r_odir->v_ops->vop_rename(r->r_odir, r->r_old->name,
		    r->r_ndir, r->r_new->name, r->r_flags);
	if (error == 0)
		vfs_renamed(r);
	vfs_rename_abort(r);
	return error;
}

int
vfs_rename(struct vnode *odir, const char *oname, struct vnode *ndir,
    const char *nname, int flags)
{
	struct vfs_last *l = kmalloc(2 * sizeof(*l));
	struct vfs_rename r = {
		.r_odir = odir, .r_ndir = ndir, .r_old = l, .r_new = l + 1,
		.r_flags = flags,
	};
	int error;

	if (l == NULL)
		return -ENOMEM;
	if (strlen(oname) > VFS_NAME_MAX || strlen(nname) > VFS_NAME_MAX) {
		kfree(l);
		return -ENAMETOOLONG;
	}
	memcpy(l[0].name, oname, strlen(oname) + 1);
	memcpy(l[1].name, nname, strlen(nname) + 1);
	l[0].kind = path_kind(oname, strlen(oname));
	l[1].kind = path_kind(nname, strlen(nname));
	l[0].slash = l[1].slash = false;
	if ((error = vfs_rename_prepare(&r)) == 0)
		error = vfs_rename_commit(&r);
	kfree(l);
	return error == 1 ? 0 : error;
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
	if ((v->v_seals & (VFS_SEAL_WRITE | VFS_SEAL_FUTURE_WRITE)) ||
	    ((v->v_seals & VFS_SEAL_GROW) && off + len > v->v_size))
		return -EPERM;
	if (S_ISREG(v->v_mode)) {
		if ((n = vfs_fsize_fit(off, len)) < 0)
			return n;
		len = (size_t)n;
	}
	/* A filesystem with pages of its own (vop_getpage) writes into
	 * what programs map; for the rest the cache is stale now, and
	 * private mappings keep the pages they have. */
	if ((n = v->v_ops->vop_write(v, buf, len, off)) > 0)
		pagecache_drop(v);
	return n;
}

int
vfs_truncate(struct vnode *v, uint64_t size)
{
	int error;

	if (!S_ISREG(v->v_mode))
		return S_ISDIR(v->v_mode) ? -EISDIR : -EINVAL;
	if (v->v_execs > 0)
		return -ETXTBSY;	/* a running program's image */
	if ((error = vfs_changeable(v, v->v_ops->vop_truncate != NULL)) != 0)
		return error;
	if (((v->v_seals & VFS_SEAL_SHRINK) && size < v->v_size) ||
	    ((v->v_seals & VFS_SEAL_GROW) && size > v->v_size))
		return -EPERM;
	if ((error = v->v_ops->vop_truncate(v, size)) == 0) {
		pagecache_drop(v);
		fsnotify_node(v, FSN_MODIFY);
	}
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

bool
vfs_page_resident(struct vnode *v, uint64_t index)
{
	return v->v_ops->vop_resident != NULL && S_ISREG(v->v_mode) &&
	    v->v_ops->vop_resident(v, index);
}

int
vfs_getpage(struct vnode *v, uint64_t index, bool write, uint64_t *pa)
{
	if (v->v_ops->vop_getpage == NULL || !S_ISREG(v->v_mode))
		return -ENOTSUP;
	return v->v_ops->vop_getpage(v, index, write, pa);
}

static void (*vfs_shrunk_hook)(struct vnode *, uint64_t);

void
vfs_set_shrunk_hook(void (*fn)(struct vnode *v, uint64_t size))
{
	vfs_shrunk_hook = fn;
}

void
vfs_shrunk(struct vnode *v, uint64_t size)
{
	if (__atomic_load_n(&v->v_mapped, __ATOMIC_ACQUIRE) != 0 &&
	    vfs_shrunk_hook != NULL)
		vfs_shrunk_hook(v, size);
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

bool
vfs_reaches_root(struct vnode *v)
{
	struct vnode *root = vfs_walk_root();

	for (;;) {
		if (v == root)
			return true;
		while (vfs_is_mount_root(v))
			v = v->v_mnt->mnt_covered;
		if (v == root)
			return true;
		if (v == vfs_root_node || v == v->v_parent)
			return false;
		v = v->v_parent;
	}
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

