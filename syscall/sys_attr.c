/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * File system calls about a node rather than its contents: modes,
 * owners, times (chmod, chown, utimensat and their older forms), extra
 * names (link, mknod), sizes by path (truncate), statx, and the advice
 * call fadvise64 (sendfile is with splice, in sys_splice.c).  Modes are
 * the owner's to change (or CAP_FOWNER's), owners CAP_CHOWN's (an owner
 * may give the file to a group of its own); read-only mounts and procfs
 * refuse changes (-EROFS, -EPERM).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <lib/xattr.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/notify.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/ipc/lease.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define S_ISUID		04000
#define S_ISGID		02000
#define UTIME_NOW	((1L << 30) - 1)
#define UTIME_OMIT	((1L << 30) - 2)
#define NS_PER_S	1000000000L

/* May v's metadata change?  procfs nodes refuse with -EPERM, as Linux. */
static long
sys_attr_changeable(struct vnode *v)
{
	return vfs_writable(v);
}

/* ---- modes ---- */

/* Is the caller v's owner, or may it act as one (CAP_FOWNER)? */
static bool
sys_attr_owner(const struct vnode *v)
{
	return proc_current()->p_cred.pc_fsuid == v->v_uid ||
	    proc_capable(CAP_FOWNER);
}

static long
sys_attr_chmod(struct vnode *v, uint64_t mode)
{
	long error = sys_attr_changeable(v);

	if (error == 0 && !sys_attr_owner(v))
		error = -EPERM;
	if (error == 0) {
		/* Set-group-id only for a member of the file's group. */
		if (!proc_in_group(v->v_gid) && !proc_capable(CAP_FSETID))
			mode &= ~(uint64_t)S_ISGID;
		v->v_mode = (v->v_mode & S_IFMT) | ((uint32_t)mode & 07777);
		v->v_ctime_ns = vfs_now_ns();
		fsnotify_node(v, FSN_ATTRIB);
	}
	vfs_release(v);
	return error;
}

long
sys_chmod(struct trap_frame *tf)
{
	struct vnode *v;
	long error = sys_fs_resolve(AT_FDCWD, tf->rdi, VFS_FOLLOW, &v);

	return error != 0 ? error : sys_attr_chmod(v, tf->rsi);
}

long
sys_fchmod(struct trap_frame *tf)
{
	struct file *f = fd_get_open(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	vfs_hold(f->f_node);
	return sys_attr_chmod(f->f_node, tf->rsi);
}

long
sys_fchmodat(struct trap_frame *tf)
{
	struct vnode *v;
	long error = sys_fs_resolve((long)tf->rdi, tf->rsi, VFS_FOLLOW, &v);

	return error != 0 ? error : sys_attr_chmod(v, tf->rdx);
}

/* ---- owners ---- */

/*
 * May the caller give v to uid and gid ((uint32_t)-1: unchanged)?
 * CAP_CHOWN may; the owner may only keep its uid and pick one of its
 * groups.
 */
static bool
sys_attr_may_chown(const struct vnode *v, uint32_t uid, uint32_t gid)
{
	bool owner = proc_current()->p_cred.pc_fsuid == v->v_uid;

	if (proc_capable(CAP_CHOWN))
		return true;
	if (uid != UINT32_MAX && (uid != v->v_uid || !owner))
		return false;
	if (gid != UINT32_MAX && gid != v->v_gid &&
	    (!owner || !proc_in_group(gid)))
		return false;
	if (gid != UINT32_MAX && !owner)
		return false;
	return true;
}

static long
sys_attr_chown(struct vnode *v, uint64_t uid, uint64_t gid)
{
	long error = sys_attr_changeable(v);

	if (error == 0 && !sys_attr_may_chown(v, (uint32_t)uid, (uint32_t)gid))
		error = -EPERM;
	if (error == 0) {
		/* (uid_t)-1 leaves the owner as it is. */
		if ((uint32_t)uid != UINT32_MAX)
			v->v_uid = (uint32_t)uid;
		if ((uint32_t)gid != UINT32_MAX)
			v->v_gid = (uint32_t)gid;
		/* A new owner must not inherit set-id powers. */
		if (S_ISREG(v->v_mode) && ((uint32_t)uid != UINT32_MAX ||
		    (uint32_t)gid != UINT32_MAX)) {
			v->v_mode &= ~(uint32_t)S_ISUID;
			if (v->v_mode & 0010)
				v->v_mode &= ~(uint32_t)S_ISGID;
		}
		v->v_ctime_ns = vfs_now_ns();
		/* Linux: chown(-1, -1) changes no attribute to announce. */
		if ((uint32_t)uid != UINT32_MAX || (uint32_t)gid != UINT32_MAX)
			fsnotify_node(v, FSN_ATTRIB);
	}
	vfs_release(v);
	return error;
}

long
sys_chown(struct trap_frame *tf)
{
	struct vnode *v;
	long error = sys_fs_resolve(AT_FDCWD, tf->rdi, VFS_FOLLOW, &v);

	return error != 0 ? error : sys_attr_chown(v, tf->rsi, tf->rdx);
}

long
sys_lchown(struct trap_frame *tf)
{
	struct vnode *v;
	long error = sys_fs_resolve(AT_FDCWD, tf->rdi, 0, &v);

	return error != 0 ? error : sys_attr_chown(v, tf->rsi, tf->rdx);
}

long
sys_fchown(struct trap_frame *tf)
{
	struct file *f = fd_get_open(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	vfs_hold(f->f_node);
	return sys_attr_chown(f->f_node, tf->rsi, tf->rdx);
}

long
sys_fchownat(struct trap_frame *tf)
{
	struct vnode *v;
	long error;

	if (tf->r8 & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((error = sys_fs_resolve_at((long)tf->rdi, tf->rsi, tf->r8,
	    &v)) != 0)
		return error;
	return sys_attr_chown(v, tf->rdx, tf->r10);
}

/* ---- times ---- */

/*
 * Set v's access and modification times from ts (two {sec, nsec}; NULL
 * means now); UTIME_NOW and UTIME_OMIT as utimensat defines them.
 */
static long
sys_attr_utimens(struct vnode *v, const int64_t ts[4])
{
	uint64_t now = vfs_now_ns(), t[2];
	bool set[2] = { true, true };
	long error;

	for (int i = 0; i < 2; i++) {
		t[i] = now;
		if (ts == NULL || ts[2 * i + 1] == UTIME_NOW)
			continue;
		if (ts[2 * i + 1] == UTIME_OMIT) {
			set[i] = false;
			continue;
		}
		if (ts[2 * i + 1] < 0 || ts[2 * i + 1] >= NS_PER_S ||
		    ts[2 * i] < 0 || (uint64_t)ts[2 * i] > UINT64_MAX / NS_PER_S - 1)
			return -EINVAL;	/* before the epoch: not kept */
		t[i] = (uint64_t)ts[2 * i] * NS_PER_S + (uint64_t)ts[2 * i + 1];
	}
	if ((error = sys_attr_changeable(v)) != 0)
		return error;
	/*
	 * Linux's rules: the owner (or CAP_FOWNER: fs uid 0) may set any
	 * times; anyone who may write the file may set both to now
	 * (-EACCES otherwise); no one else may set a given time (-EPERM).
	 */
	if (!proc_capable(CAP_FOWNER) &&
	    proc_current()->p_cred.pc_fsuid != v->v_uid) {
		if (ts == NULL || (ts[1] == UTIME_NOW && ts[3] == UTIME_NOW)) {
			if (proc_may(v, VFS_MAY_WRITE, false) != 0)
				return -EACCES;
		} else if ((set[0] && ts[1] != UTIME_NOW) ||
		    (set[1] && ts[3] != UTIME_NOW)) {
			return -EPERM;
		}
	}
	if (!set[0] && !set[1])
		return 0;
	if (set[0])
		v->v_atime_ns = t[0];
	if (set[1])
		v->v_mtime_ns = t[1];
	v->v_ctime_ns = now;
	/* Linux: both times are a change of attributes, one alone is an
	 * access or a modification. */
	fsnotify_node(v, set[0] && set[1] ? FSN_ATTRIB : set[0] ? FSN_ACCESS :
	    FSN_MODIFY);
	return 0;
}

/* Times for (dirfd, upath) under AT_* flags; upath 0 means dirfd itself. */
static long
sys_attr_utimens_at(long dirfd, uint64_t upath, const int64_t *ts,
    uint64_t atflags)
{
	struct vnode *v;
	struct file *f;
	long error;

	if (upath == 0) {		/* Linux's futimens: dirfd's file */
		if ((int)dirfd == AT_FDCWD)
			return -EFAULT;
		if (atflags != 0)
			return -EINVAL;
		if ((f = fd_get(sys_fs_fds(), (int)dirfd)) == NULL)
			return -EBADF;
		v = f->f_node;
		vfs_hold(v);
	} else if ((error = sys_fs_resolve_at(dirfd, upath, atflags,
	    &v)) != 0) {
		return error;
	}
	error = sys_attr_utimens(v, ts);
	vfs_release(v);
	return error;
}

long
sys_utimensat(struct trap_frame *tf)
{
	int64_t ts[4];

	if (tf->r10 & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (tf->rdx != 0 && copy_from_user(ts, (const void *)tf->rdx,
	    sizeof(ts)) != 0)
		return -EFAULT;
	return sys_attr_utimens_at((long)tf->rdi, tf->rsi,
	    tf->rdx != 0 ? ts : NULL, tf->r10);
}

/* utimes and futimesat: two struct timeval (microseconds). */
static long
sys_attr_utimes(long dirfd, uint64_t upath, uint64_t utv)
{
	int64_t tv[4];

	if (utv == 0)
		return sys_attr_utimens_at(dirfd, upath, NULL, 0);
	if (copy_from_user(tv, (const void *)utv, sizeof(tv)) != 0)
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[2 * i + 1] < 0 || tv[2 * i + 1] >= 1000000)
			return -EINVAL;
		tv[2 * i + 1] *= 1000;
	}
	return sys_attr_utimens_at(dirfd, upath, tv, 0);
}

long
sys_utimes(struct trap_frame *tf)
{
	return sys_attr_utimes(AT_FDCWD, tf->rdi, tf->rsi);
}

long
sys_futimesat(struct trap_frame *tf)
{
	return sys_attr_utimes((long)tf->rdi, tf->rsi, tf->rdx);
}

long
sys_utime(struct trap_frame *tf)
{
	int64_t ub[2], ts[4];

	if (tf->rsi == 0)
		return sys_attr_utimens_at(AT_FDCWD, tf->rdi, NULL, 0);
	if (copy_from_user(ub, (const void *)tf->rsi, sizeof(ub)) != 0)
		return -EFAULT;
	ts[0] = ub[0];			/* actime */
	ts[1] = 0;
	ts[2] = ub[1];			/* modtime */
	ts[3] = 0;
	return sys_attr_utimens_at(AT_FDCWD, tf->rdi, ts, 0);
}

/* ---- names ---- */

static long
sys_attr_mknod(long dirfd, uint64_t upath, uint64_t mode, uint64_t dev)
{
	char name[VFS_NAME_MAX + 1];
	struct vnode *dir, *v;
	uint32_t type = (uint32_t)mode & S_IFMT, rdev = 0;
	long error;

	switch (type) {
	case 0:
		type = S_IFREG;
		break;
	case S_IFREG:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFCHR:
	case S_IFBLK:
		/* Linux's dev_t: minor in bits 0-7 and 20-31, major 8-19. */
		rdev = (uint32_t)((((dev >> 8) & 0xfff) << 8) |
		    ((dev & 0xff) | ((dev >> 12) & 0xfff00)));
		if (((dev >> 12) & 0xfff00) != 0)
			return -EINVAL;	/* minors above 255 do not fit */
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	if ((error = sys_fs_new_name(dirfd, upath, false, &dir, name)) != 0)
		return error;
	error = sys_fs_may_change(dir);
	/* Devices need CAP_MKNOD (a 0:0 character node, a whiteout, is
	 * anyone's). */
	if (error == 0 && (type == S_IFCHR || type == S_IFBLK) &&
	    !(type == S_IFCHR && rdev == 0) && !proc_capable(CAP_MKNOD))
		error = -EPERM;
	if (error == 0)
		error = vfs_create(dir, name, type | ((uint32_t)mode & 07777 &
		    ~proc_current()->p_fs->pf_umask), rdev, &v);
	if (error == 0) {
		sys_fs_own(dir, v);
		vfs_release(v);
	}
	vfs_release(dir);
	return error;
}

long
sys_mknod(struct trap_frame *tf)
{
	return sys_attr_mknod(AT_FDCWD, tf->rdi, tf->rsi, tf->rdx);
}

long
sys_mknodat(struct trap_frame *tf)
{
	return sys_attr_mknod((long)tf->rdi, tf->rsi, tf->rdx, tf->r10);
}

static long
sys_attr_link(long ofd, uint64_t opath, long nfd, uint64_t npath,
    uint64_t atflags)
{
	char name[VFS_NAME_MAX + 1];
	struct vnode *v, *dir;
	long error;

	if (atflags & ~(uint64_t)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* link(2) names the link itself unless AT_SYMLINK_FOLLOW. */
	if ((error = sys_fs_resolve_at(ofd, opath, (atflags & AT_EMPTY_PATH) |
	    ((atflags & AT_SYMLINK_FOLLOW) ? 0 : AT_SYMLINK_NOFOLLOW),
	    &v)) != 0)
		return error;
	if ((error = sys_fs_new_name(nfd, npath, false, &dir, name)) == 0) {
		/* Linux's order: mounts, then the permission, then types. */
		if (dir->v_mnt != v->v_mnt)
			error = -EXDEV;
		else if ((error = sys_fs_may_change(dir)) == 0)
			error = vfs_link(dir, name, v);
		vfs_release(dir);
	}
	vfs_release(v);
	return error;
}

long
sys_link(struct trap_frame *tf)
{
	return sys_attr_link(AT_FDCWD, tf->rdi, AT_FDCWD, tf->rsi, 0);
}

long
sys_linkat(struct trap_frame *tf)
{
	return sys_attr_link((long)tf->rdi, tf->rsi, (long)tf->rdx, tf->r10,
	    tf->r8);
}

/* ---- sizes and status ---- */

long
sys_truncate(struct trap_frame *tf)
{
	struct vnode *v;
	long error;

	if ((int64_t)tf->rsi < 0)
		return -EINVAL;
	if ((error = sys_fs_resolve(AT_FDCWD, tf->rdi, VFS_FOLLOW, &v)) != 0)
		return error;
	/* The type first (-EISDIR, -EINVAL), then the mode bits. */
	if (S_ISDIR(v->v_mode) || !S_ISREG(v->v_mode) ||
	    (error = proc_may(v, VFS_MAY_WRITE, false)) == 0) {
		/* Growing past RLIMIT_FSIZE: SIGXFSZ and -EFBIG. */
		if (S_ISREG(v->v_mode) && tf->rsi > v->v_size)
			error = vfs_fsize_grow(tf->rsi);
		/* Leases go first, as for an open for writing. */
		if (error == 0 && v->v_lease != NULL)
			error = lease_break(v, true, false);
		if (error == 0)
			error = vfs_truncate(v, tf->rsi);
	}
	vfs_release(v);
	return error;
}

struct sys_attr_statx_ts {
	int64_t		tv_sec;
	uint32_t	tv_nsec;
	int32_t		pad;
};

struct sys_attr_statx {		/* struct statx of the Linux ABI */
	uint32_t	stx_mask, stx_blksize;
	uint64_t	stx_attributes;
	uint32_t	stx_nlink, stx_uid, stx_gid;
	uint16_t	stx_mode, pad0;
	uint64_t	stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct sys_attr_statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t	stx_rdev_major, stx_rdev_minor;
	uint32_t	stx_dev_major, stx_dev_minor;
	uint64_t	stx_mnt_id;
	uint64_t	spare[13];
};
_Static_assert(sizeof(struct sys_attr_statx) == 256, "struct statx ABI");

#define STATX_BASIC_STATS	0x7ff
#define AT_STATX_SYNC_TYPE	0x6000
#define STATX_RESERVED		0x80000000U

static void
sys_attr_statx_time(struct sys_attr_statx_ts *t, uint64_t ns)
{
	t->tv_sec = (int64_t)(ns / NS_PER_S);
	t->tv_nsec = (uint32_t)(ns % NS_PER_S);
}

long
sys_statx(struct trap_frame *tf)
{
	struct sys_attr_statx stx;
	struct vnode *v;
	long error;

	if (tf->rdx & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH |
	    AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE) ||
	    (tf->rdx & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE ||
	    (tf->r10 & STATX_RESERVED))
		return -EINVAL;
	if ((error = sys_fs_resolve_at((long)tf->rdi, tf->rsi, tf->rdx,
	    &v)) != 0)
		return error;
	memset(&stx, 0, sizeof(stx));
	stx.stx_mask = STATX_BASIC_STATS;
	stx.stx_blksize = 4096;
	stx.stx_nlink = vfs_nlink(v);
	stx.stx_uid = v->v_uid;
	stx.stx_gid = v->v_gid;
	stx.stx_mode = (uint16_t)v->v_mode;
	stx.stx_ino = v->v_ino;
	stx.stx_size = v->v_size;
	stx.stx_blocks = (v->v_size + 511) / 512;
	sys_attr_statx_time(&stx.stx_atime, v->v_atime_ns);
	sys_attr_statx_time(&stx.stx_mtime, v->v_mtime_ns);
	sys_attr_statx_time(&stx.stx_ctime, v->v_ctime_ns);
	stx.stx_rdev_major = v->v_rdev >> 8;
	stx.stx_rdev_minor = v->v_rdev & 0xff;
	stx.stx_dev_minor = v->v_mnt != NULL ? v->v_mnt->mnt_dev : 0;
	vfs_release(v);
	return copy_to_user((void *)tf->r8, &stx, sizeof(stx));
}

/* ---- advice and copies ---- */

long
sys_fadvise64(struct trap_frame *tf)
{
	struct file *f = fd_get_open(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	if (S_ISFIFO(f->f_node->v_mode))
		return -ESPIPE;
	if (tf->r10 > 5 || (int64_t)tf->rdx < 0)	/* POSIX_FADV_* */
		return -EINVAL;
	return 0;		/* everything is in memory already */
}

/* ---- extended attributes ---- */

/*
 * Kept by the filesystem (vop_*xattr: tmpfs and rootfs keep them, ramfs
 * and procfs answer -EOPNOTSUPP, and an empty list).  What the calls
 * check first is Linux's (fs/xattr.c's order): the path or descriptor
 * (an O_PATH one is -EBADF), a read-only mount for changes, the flags,
 * the name (empty or past 255 bytes: -ERANGE), the value's size
 * (-E2BIG), then the caller's rights to the namespace: trusted.* is
 * CAP_SYS_ADMIN's (others see none), user.* only on files and
 * directories (-EPERM to set on others) and by the mode bits, security.*
 * changes are CAP_SYS_ADMIN's (security.capability CAP_SETFCAP's), and
 * system.* (POSIX ACLs) is not kept: setting one is -EOPNOTSUPP.  An
 * unknown prefix is -EOPNOTSUPP after the mode bits.
 */
#define S_ISVTX		01000

enum { SYS_XATTR_PATH, SYS_XATTR_LPATH, SYS_XATTR_FD };

static long
sys_attr_xattr_node(struct trap_frame *tf, int how, struct vnode **out)
{
	struct file *f;

	if (how == SYS_XATTR_FD) {
		if ((f = fd_get_open(sys_fs_fds(), (int)tf->rdi)) == NULL)
			return -EBADF;
		vfs_hold(f->f_node);
		*out = f->f_node;
		return 0;
	}
	return sys_fs_resolve(AT_FDCWD, tf->rdi,
	    how == SYS_XATTR_PATH ? VFS_FOLLOW : 0, out);
}

/* The name from user memory: its namespace, or -errno. */
static long
sys_attr_xattr_name(uint64_t uname, char *name)
{
	long n = sys_user_str(name, (const char *)uname, XATTR_NAME_MAX + 1);

	if (n == -E2BIG || n == 0)
		return -ERANGE;
	return n < 0 ? n : 0;
}

/*
 * May the caller read (write false) or change name of v?  Linux's
 * xattr_permission with the capability module's rules for security.*.
 */
static long
sys_attr_xattr_may(struct vnode *v, const char *name, bool write)
{
	int ns = xattr_namespace(name);

	if (ns == XATTR_NS_SECURITY) {
		if (!write)
			return 0;
		return proc_capable(strcmp(name, XATTR_NAME_CAPS) == 0 ?
		    CAP_SETFCAP : CAP_SYS_ADMIN) ? 0 : -EPERM;
	}
	if (ns == XATTR_NS_SYSTEM)
		return 0;
	if (ns == XATTR_NS_TRUSTED)
		return proc_capable(CAP_SYS_ADMIN) ? 0 :
		    write ? -EPERM : -ENODATA;
	if (strncmp(name, "user.", 5) == 0) {
		if (!S_ISREG(v->v_mode) && !S_ISDIR(v->v_mode))
			return write ? -EPERM : -ENODATA;
		if (write && S_ISDIR(v->v_mode) && (v->v_mode & S_ISVTX) &&
		    proc_current()->p_cred.pc_fsuid != v->v_uid &&
		    !proc_capable(CAP_FOWNER))
			return -EPERM;
	}
	return proc_may(v, write ? VFS_MAY_WRITE : VFS_MAY_READ, false);
}

/* What may be asked of a known namespace: -EOPNOTSUPP or -EINVAL. */
static long
sys_attr_xattr_known(const char *name)
{
	int ns = xattr_namespace(name);

	return ns < 0 ? ns : 0;
}

static bool
sys_attr_xattr_rdonly(const struct vnode *v)
{
	return v->v_mnt != NULL && (v->v_mnt->mnt_flags & MS_RDONLY);
}

static long
sys_attr_setxattr(struct trap_frame *tf, int how)
{
	char name[XATTR_NAME_MAX + 1];
	size_t size = tf->r10;
	void *val = NULL;
	struct vnode *v;
	long error = sys_attr_xattr_node(tf, how, &v);

	if (error != 0)
		return error;
	if (sys_attr_xattr_rdonly(v))
		error = -EROFS;
	else if (tf->r8 & ~(uint64_t)(XATTR_CREATE | XATTR_REPLACE))
		error = -EINVAL;
	else if ((error = sys_attr_xattr_name(tf->rsi, name)) == 0 &&
	    size > XATTR_SIZE_MAX)
		error = -E2BIG;
	if (error == 0 && size > 0) {
		if ((val = kmalloc(size)) == NULL)
			error = -ENOMEM;
		else if (copy_from_user(val, (const void *)tf->rdx, size) != 0)
			error = -EFAULT;
	}
	/* File capabilities: a vfs_cap_data Linux knows (checked first). */
	if (error == 0 && size > 0 && strcmp(name, XATTR_NAME_CAPS) == 0 &&
	    !xattr_caps_valid(val, size))
		error = -EINVAL;
	if (error == 0 && (error = sys_attr_xattr_may(v, name, true)) == 0 &&
	    (error = sys_attr_xattr_known(name)) == 0) {
		if (xattr_namespace(name) == XATTR_NS_SYSTEM)
			error = -EOPNOTSUPP;	/* no POSIX ACLs */
		else
			error = vfs_setxattr(v, name, val, size, (int)tf->r8);
	}
	kfree(val);
	vfs_release(v);
	return error;
}

static long
sys_attr_getxattr(struct trap_frame *tf, int how)
{
	char name[XATTR_NAME_MAX + 1];
	size_t size = MIN(tf->r10, (uint64_t)XATTR_SIZE_MAX);
	void *val = NULL;
	struct vnode *v;
	long error = sys_attr_xattr_node(tf, how, &v), n;

	if (error != 0)
		return error;
	if ((error = sys_attr_xattr_name(tf->rsi, name)) != 0 ||
	    (error = sys_attr_xattr_may(v, name, false)) != 0 ||
	    (error = sys_attr_xattr_known(name)) != 0)
		goto out;
	/* A buffer for what the value needs, not for all the caller has. */
	if (size > 0 && (n = vfs_getxattr(v, name, NULL, 0)) >= 0 &&
	    (size_t)n < size)
		size = n > 0 ? (size_t)n : 1;
	if (size > 0 && (val = kmalloc(size)) == NULL) {
		error = -ENOMEM;
		goto out;
	}
	n = vfs_getxattr(v, name, val, size);
	if (n == -ERANGE && size >= XATTR_SIZE_MAX)
		n = -E2BIG;
	if (n > 0 && size > 0 &&
	    copy_to_user((void *)tf->rdx, val, (size_t)n) != 0)
		n = -EFAULT;
	error = n;
out:
	kfree(val);
	vfs_release(v);
	return error;
}

static long
sys_attr_listxattr(struct trap_frame *tf, int how)
{
	size_t size = MIN(tf->rdx, (uint64_t)XATTR_LIST_MAX);
	unsigned int mask = XATTR_NS_ALL;
	char *buf = NULL;
	struct vnode *v;
	long error = sys_attr_xattr_node(tf, how, &v);

	if (error != 0)
		return error;
	/* trusted.* is shown to CAP_SYS_ADMIN only. */
	if (!proc_capable(CAP_SYS_ADMIN))
		mask &= ~(unsigned int)XATTR_NS_TRUSTED;
	/* A buffer for what the list needs, not for all the caller has. */
	if (size > 0 && (error = vfs_listxattr(v, mask, NULL, 0)) >= 0 &&
	    (size_t)error < size)
		size = error > 0 ? (size_t)error : 0;
	if (size > 0 && (buf = kmalloc(size)) == NULL)
		error = -ENOMEM;
	else
		error = vfs_listxattr(v, mask, buf, size);
	if (error == -ERANGE && size >= XATTR_LIST_MAX)
		error = -E2BIG;
	if (error > 0 && size > 0 &&
	    copy_to_user((void *)tf->rsi, buf, (size_t)error) != 0)
		error = -EFAULT;
	kfree(buf);
	vfs_release(v);
	return error;
}

static long
sys_attr_removexattr(struct trap_frame *tf, int how)
{
	char name[XATTR_NAME_MAX + 1];
	struct vnode *v;
	long error = sys_attr_xattr_node(tf, how, &v);

	if (error != 0)
		return error;
	if (sys_attr_xattr_rdonly(v))
		error = -EROFS;
	else if ((error = sys_attr_xattr_name(tf->rsi, name)) == 0 &&
	    (error = sys_attr_xattr_may(v, name, true)) == 0 &&
	    (error = sys_attr_xattr_known(name)) == 0)
		error = vfs_removexattr(v, name);
	vfs_release(v);
	return error;
}

#define SYS_ATTR_XATTR(name, fn, how)					\
long									\
name(struct trap_frame *tf)						\
{									\
	return fn(tf, how);						\
}
SYS_ATTR_XATTR(sys_setxattr, sys_attr_setxattr, SYS_XATTR_PATH)
SYS_ATTR_XATTR(sys_lsetxattr, sys_attr_setxattr, SYS_XATTR_LPATH)
SYS_ATTR_XATTR(sys_fsetxattr, sys_attr_setxattr, SYS_XATTR_FD)
SYS_ATTR_XATTR(sys_getxattr, sys_attr_getxattr, SYS_XATTR_PATH)
SYS_ATTR_XATTR(sys_lgetxattr, sys_attr_getxattr, SYS_XATTR_LPATH)
SYS_ATTR_XATTR(sys_fgetxattr, sys_attr_getxattr, SYS_XATTR_FD)
SYS_ATTR_XATTR(sys_listxattr, sys_attr_listxattr, SYS_XATTR_PATH)
SYS_ATTR_XATTR(sys_llistxattr, sys_attr_listxattr, SYS_XATTR_LPATH)
SYS_ATTR_XATTR(sys_flistxattr, sys_attr_listxattr, SYS_XATTR_FD)
SYS_ATTR_XATTR(sys_removexattr, sys_attr_removexattr, SYS_XATTR_PATH)
SYS_ATTR_XATTR(sys_lremovexattr, sys_attr_removexattr, SYS_XATTR_LPATH)
SYS_ATTR_XATTR(sys_fremovexattr, sys_attr_removexattr, SYS_XATTR_FD)
