/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * File system calls: descriptors, paths, directories.  Paths are copied
 * from the program (at most VFS_PATH_MAX bytes) before use; every
 * descriptor is checked against the process's table.  The *at variants
 * take AT_FDCWD or a directory descriptor.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/notify.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/dnotify.h>
#include <kernel/ipc/fasync.h>
#include <kernel/ipc/lease.h>
#include <kernel/ipc/pipe.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define F_ADD_SEALS	1033
#define F_GET_SEALS	1034
#define FD_CLOEXEC	1
#define SYS_FS_IOV_MAX	1024

struct sys_fs_stat {		/* struct stat of the x86-64 Linux ABI */
	uint64_t	st_dev, st_ino, st_nlink;
	uint32_t	st_mode, st_uid, st_gid, pad0;
	uint64_t	st_rdev;
	int64_t		st_size, st_blksize, st_blocks;
	int64_t		st_atime, st_atime_nsec, st_mtime, st_mtime_nsec;
	int64_t		st_ctime, st_ctime_nsec;
	int64_t		unused[3];
};
_Static_assert(sizeof(struct sys_fs_stat) == 144, "struct stat ABI");

struct fdtable *
sys_fs_fds(void)
{
	return proc_current()->p_fds;
}

/* Copy a user path into a kmalloc'd buffer; NULL with *err on failure. */
char *
sys_fs_path(uint64_t upath, long *err)
{
	char *p = kmalloc(VFS_PATH_MAX);
	long n;

	if (p == NULL) {
		*err = -ENOMEM;
		return NULL;
	}
	n = sys_user_str(p, (const char *)upath, VFS_PATH_MAX);
	if (n < 0) {
		kfree(p);
		*err = n == -E2BIG ? -ENAMETOOLONG : n;
		return NULL;
	}
	if (n == 0) {
		kfree(p);
		*err = -ENOENT;
		return NULL;
	}
	return p;
}

long
sys_fs_at(long dirfd, struct vnode **out)
{
	struct file *f;

	if ((int)dirfd == AT_FDCWD) {
		*out = proc_current()->p_fs->pf_cwd;
	} else {
		if ((f = fd_get(sys_fs_fds(), (int)dirfd)) == NULL)
			return -EBADF;
		if (!S_ISDIR(f->f_node->v_mode))
			return -ENOTDIR;
		*out = f->f_node;
	}
	vfs_hold(*out);
	return 0;
}

/*
 * The directory a walk of path starts from (held): dirfd's, or AT_FDCWD's.
 * dirfd is looked at only for a relative path: an absolute one ignores
 * it, even a bad one, as Linux, unless the walk is rooted there
 * (VFS_IN_ROOT: "/" is dirfd's directory).
 */
static long
sys_fs_start(long dirfd, const char *path, int flags, struct vnode **out)
{
	if (path[0] == '/' && !(flags & VFS_IN_ROOT))
		dirfd = AT_FDCWD;
	return sys_fs_at(dirfd, out);
}

/*
 * Resolve (dirfd, upath): the whole path to a held node (*out), or with
 * last != NULL all but the last part to the held directory it is in and
 * what that last part is (sys_fs_start for dirfd).
 */
static long
sys_fs_walk(long dirfd, uint64_t upath, int flags, struct vnode **out,
    struct vfs_last *last)
{
	struct vnode *at;
	long error;
	char *path = sys_fs_path(upath, &error);

	if (path == NULL)
		return error;
	if ((error = sys_fs_start(dirfd, path, flags, &at)) == 0) {
		error = last != NULL ? vfs_lookup_last_by(proc_may_search, at,
		    path, out, last) : vfs_lookup_by(proc_may_search, at, path,
		    flags, out);
		vfs_release(at);
	}
	kfree(path);
	return error;
}

long
sys_fs_resolve(long dirfd, uint64_t upath, int flags, struct vnode **out)
{
	return sys_fs_walk(dirfd, upath, flags, out, NULL);
}

long
sys_fs_may_change(struct vnode *dir)
{
	/* Adding or removing a name: write and search on the directory. */
	return proc_may(dir, VFS_MAY_WRITE | VFS_MAY_EXEC, false);
}

#define S_ISVTX		01000

/* May the caller remove v's name from dir?  0, -EACCES or -EPERM. */
static long
sys_fs_may_delete(struct vnode *dir, struct vnode *v)
{
	uint32_t fsuid = proc_current()->p_cred.pc_fsuid;
	long error = sys_fs_may_change(dir);

	/* In a sticky directory, only its owner's or the file's. */
	if (error == 0 && (dir->v_mode & S_ISVTX) &&
	    fsuid != dir->v_uid && fsuid != v->v_uid &&
	    !proc_capable(CAP_FOWNER))
		error = -EPERM;
	return error;
}

#define S_ISGID		02000

void
sys_fs_own(struct vnode *dir, struct vnode *v)
{
	const struct proc_cred *c = &proc_current()->p_cred;

	v->v_uid = c->pc_fsuid;
	v->v_gid = c->pc_fsgid;
	/* A set-group-ID directory hands on its group (and, to
	 * directories, the bit). */
	if (dir->v_mode & S_ISGID) {
		v->v_gid = dir->v_gid;
		if (S_ISDIR(v->v_mode))
			v->v_mode |= S_ISGID;
	}
}

long
sys_fs_new_name(long dirfd, uint64_t upath, bool is_dir, struct vnode **dir,
    char *name)
{
	struct vfs_last *last = kmalloc(sizeof(*last));
	struct vnode *v;
	long error;

	if (last == NULL)
		return -ENOMEM;
	if ((error = sys_fs_walk(dirfd, upath, 0, dir, last)) != 0) {
		kfree(last);
		return error;
	}
	if (last->kind != VFS_LAST_NAME) {
		error = -EEXIST;		/* ".", ".." or "/" */
	} else if ((error = vfs_lookup_in(*dir, last->name, &v)) == 0) {
		vfs_release(v);
		error = -EEXIST;
	} else if (error == -ENOENT) {
		/* "new/" asks for a directory: only mkdir makes one. */
		error = last->slash && !is_dir ? -ENOENT : 0;
	}
	if (error == 0)
		memcpy(name, last->name, strlen(last->name) + 1);
	else
		vfs_release(*dir);
	kfree(last);
	return error;
}

long
sys_fs_resolve_at(long dirfd, uint64_t upath, uint64_t atflags,
    struct vnode **out)
{
	struct file *f;
	char c;

	if ((atflags & AT_EMPTY_PATH) && upath != 0 &&
	    copy_from_user(&c, (const char *)upath, 1) == 0 && c == '\0') {
		if ((int)dirfd == AT_FDCWD) {
			*out = proc_current()->p_fs->pf_cwd;
		} else {
			if ((f = fd_get(sys_fs_fds(), (int)dirfd)) == NULL)
				return -EBADF;
			*out = f->f_node;
		}
		vfs_hold(*out);
		return 0;
	}
	return sys_fs_resolve(dirfd, upath,
	    (atflags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_FOLLOW, out);
}

/* ---- reading and writing ---- */

#define SYS_FS_SMALL_IO	256	/* bytes bounced through the stack */
#define RWF_HIPRI	0x01
#define RWF_DSYNC	0x02
#define RWF_SYNC	0x04
#define RWF_APPEND	0x10

/*
 * Move len bytes between f and user ubuf through a bounce buffer: on the
 * stack for small transfers (the common case), from the heap a page at a
 * time for larger ones.
 */
long
sys_fs_bounce(struct file *f, uint64_t ubuf, size_t len, bool write)
{
	char small[SYS_FS_SMALL_IO], *chunk;
	size_t done = 0;
	long n = 0;

	/*
	 * A read should not consume what it cannot deliver (a pipe's bytes,
	 * a tty's line): check where the first byte goes before taking
	 * anything.  (A length past the buffer is fine while the data is
	 * shorter, as on Linux, so only the start is checked.)
	 */
	if (!write && len > 0 && thread_current()->t_vm != NULL &&
	    !vm_range_ok(thread_current()->t_vm, ubuf, 1, VM_WRITE))
		return -EFAULT;
	if (len <= SYS_FS_SMALL_IO) {	/* one bounce, no loop */
		if (write)
			return copy_from_user(small, (const void *)ubuf,
			    len) != 0 ? -EFAULT : file_write(f, small, len);
		n = file_read(f, small, len);
		if (n > 0 && copy_to_user((void *)ubuf, small, (size_t)n) != 0)
			return -EFAULT;
		return n;
	}
	if ((chunk = kmalloc(PAGE_SIZE)) == NULL)
		return -ENOMEM;
	while (done < len) {
		size_t want = MIN(len - done, (size_t)PAGE_SIZE);

		/*
		 * Past the first page a read takes only what is there: a
		 * pipe or terminal that held exactly the pages read so far
		 * must not make the caller wait for more (Linux returns
		 * what it has).
		 */
		if (!write && done > 0 && !(file_poll(f) & FILE_POLLIN))
			break;
		if (write) {
			if (copy_from_user(chunk, (const char *)ubuf + done,
			    want) != 0) {
				n = -EFAULT;
				break;
			}
			n = file_write(f, chunk, want);
		} else {
			n = file_read(f, chunk, want);
			if (n > 0 && copy_to_user((char *)ubuf + done, chunk,
			    (size_t)n) != 0)
				n = -EFAULT;
		}
		if (n <= 0)
			break;
		done += (size_t)n;
		if ((size_t)n < want)
			break;		/* short: end of file or device */
	}
	kfree(chunk);
	return done > 0 ? (long)done : n;
}

long
sys_read(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	return f == NULL ? -EBADF : sys_fs_rw(f, tf->rsi, tf->rdx, false);
}

long
sys_write(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	return f == NULL ? -EBADF : sys_fs_rw(f, tf->rsi, tf->rdx, true);
}

/* readv and writev of f: cnt iovecs at user uiov. */
static long
sys_fs_rwv_file(struct file *f, uint64_t uiov, long cnt, bool write)
{
	struct { uint64_t base, len; } iov;
	long total = 0;

	if (cnt < 0 || cnt > SYS_FS_IOV_MAX)
		return -EINVAL;
	for (long i = 0; i < cnt; i++) {
		long n;

		if (copy_from_user(&iov, (const char *)uiov + i * sizeof(iov),
		    sizeof(iov)) != 0)
			return total > 0 ? total : -EFAULT;
		if ((int64_t)iov.len < 0)
			return total > 0 ? total : -EINVAL;
		if (iov.len == 0)
			continue;
		n = sys_fs_rw(f, iov.base, iov.len, write);
		if (n < 0)
			return total > 0 ? total : n;
		total += n;
		if ((uint64_t)n < iov.len)
			break;
	}
	return total;
}

static long
sys_fs_rwv(struct trap_frame *tf, bool write)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	return sys_fs_rwv_file(f, tf->rsi, (long)tf->rdx, write);
}

long
sys_readv(struct trap_frame *tf)
{
	return sys_fs_rwv(tf, false);
}

long
sys_writev(struct trap_frame *tf)
{
	return sys_fs_rwv(tf, true);
}

/*
 * preadv, pwritev, preadv2 and pwritev2 (v2: flags in r9, and offset -1
 * for the file's own position).  The offset is r10 (x86-64 passes it
 * whole in the low half; the high half, r8, is ignored as on Linux).
 * Of the RWF_* flags, RWF_HIPRI, RWF_DSYNC and RWF_SYNC change nothing
 * here (no direct I/O; files are in memory), RWF_NOWAIT makes the call
 * not block and RWF_APPEND writes at the end; others are -EOPNOTSUPP.
 */
long
sys_fs_prw_file(struct file *f, int64_t off, uint64_t ubuf, uint64_t n,
    bool vectored, bool write, uint64_t flags)
{
	uint32_t added = 0;
	uint64_t saved;
	long ret;

	if (off != -1 && !(f->f_ops->fo_flags & FILE_OPS_PREAD))
		return -ESPIPE;
	if (flags & ~(uint64_t)(RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT |
	    RWF_APPEND))
		return -EOPNOTSUPP;
	/* For this call only: the file's flags, as the operations read them. */
	if (flags & RWF_NOWAIT)
		added |= O_NONBLOCK;
	if ((flags & RWF_APPEND) && write)
		added |= O_APPEND;
	added &= ~f->f_flags;
	f->f_flags |= added;
	saved = f->f_off;
	if (off != -1)
		f->f_off = (uint64_t)off;
	ret = vectored ? sys_fs_rwv_file(f, ubuf, (long)n, write) :
	    sys_fs_rw(f, ubuf, n, write);
	if (off != -1)
		f->f_off = saved;
	f->f_flags &= ~added;
	return ret;
}

static long
sys_fs_prwv(struct trap_frame *tf, bool write, bool v2)
{
	int64_t off = (int64_t)tf->r10;
	struct file *f;

	if (off < 0 && !(v2 && off == -1))
		return -EINVAL;
	if ((f = fd_get(sys_fs_fds(), (int)tf->rdi)) == NULL)
		return -EBADF;
	return sys_fs_prw_file(f, off, tf->rsi, tf->rdx, true, write,
	    v2 ? tf->r9 : 0);
}

long
sys_preadv(struct trap_frame *tf)
{
	return sys_fs_prwv(tf, false, false);
}

long
sys_pwritev(struct trap_frame *tf)
{
	return sys_fs_prwv(tf, true, false);
}

long
sys_preadv2(struct trap_frame *tf)
{
	return sys_fs_prwv(tf, false, true);
}

long
sys_pwritev2(struct trap_frame *tf)
{
	return sys_fs_prwv(tf, true, true);
}

static long
sys_fs_prw(struct trap_frame *tf, bool write)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);
	uint64_t saved;
	long n;

	if (f == NULL)
		return -EBADF;
	if (!(f->f_ops->fo_flags & FILE_OPS_PREAD))
		return -ESPIPE;
	if ((int64_t)tf->r10 < 0)
		return -EINVAL;
	saved = f->f_off;
	f->f_off = tf->r10;
	n = sys_fs_rw(f, tf->rsi, tf->rdx, write);
	f->f_off = saved;
	return n;
}

long
sys_pread64(struct trap_frame *tf)
{
	return sys_fs_prw(tf, false);
}

long
sys_pwrite64(struct trap_frame *tf)
{
	return sys_fs_prw(tf, true);
}

/*
 * The request is an unsigned int, as Linux takes it: the high half of
 * the register is ignored (musl passes an int, so _IOR requests with
 * the top bit set arrive sign-extended).
 */
long
sys_ioctl(struct trap_frame *tf)
{
	struct file *f = fd_get_open(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	/* The request is an unsigned int: a C library passing an int
	 * sign-extends _IOR() numbers, whose top bit is set. */
	return f->f_ops->fo_ioctl(f, (uint32_t)tf->rsi, tf->rdx);
}

/* ---- opening ---- */

#define O_TMPFILE_BIT	020000000	/* O_TMPFILE is this | O_DIRECTORY */

/*
 * May an existing (or, with created, just made) node v be opened with
 * flags?  Linux's order: a link (O_NOFOLLOW) -ELOOP, a directory for
 * writing (O_TRUNC counts) -EISDIR, a device node on a nodev mount
 * -EACCES, then the mode bits.  1: allowed, and the file is to be
 * truncated.
 */
static long
sys_fs_may_open(struct vnode *v, uint32_t flags, bool created)
{
	bool writes = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);
	long error = 0;
	int mask = 0;

	if (S_ISLNK(v->v_mode))
		return -ELOOP;
	if (S_ISDIR(v->v_mode) && writes)
		return -EISDIR;
	if ((S_ISCHR(v->v_mode) || S_ISBLK(v->v_mode)) && v->v_mnt != NULL &&
	    (v->v_mnt->mnt_flags & MS_NODEV))
		return -EACCES;
	if (!created) {
		if ((flags & O_ACCMODE) != O_WRONLY)
			mask |= VFS_MAY_READ;
		if (writes)
			mask |= VFS_MAY_WRITE;
		if ((error = proc_may(v, mask, false)) != 0)
			return error;
	}
	/* Not touching access times is the owner's choice (CAP_FOWNER). */
	if ((flags & O_NOATIME) &&
	    proc_current()->p_cred.pc_fsuid != v->v_uid &&
	    !proc_capable(CAP_FOWNER))
		return -EPERM;
	/* procfs's files take the open (and O_TRUNC means nothing to
	 * them), and fail the writes a file does not take instead. */
	if (!S_ISREG(v->v_mode) || !writes || v->v_ops->vop_write == NULL ||
	    v->v_ops->vop_truncate == NULL)
		return 0;
	if ((error = vfs_writable(v)) == 0 && (flags & O_TRUNC) && !created)
		error = 1;		/* truncate once open (sys_fs_open) */
	return error;
}

/*
 * open(O_CREAT): the node path names, made if missing (then *created),
 * following a link in the last place unless O_EXCL or O_NOFOLLOW; the
 * walk's restrictions in resolve (VFS_NO_XDEV...).
 */
static long
sys_fs_open_create(long dirfd, uint64_t upath, uint32_t flags, uint32_t mode,
    int resolve, struct vnode **out, bool *created)
{
	struct vfs_last *last = kmalloc(sizeof(*last));
	struct vnode *at, *dir;
	long error;
	char *path;

	if (last == NULL)
		return -ENOMEM;
	if ((path = sys_fs_path(upath, &error)) == NULL) {
		kfree(last);
		return error;
	}
	if ((error = sys_fs_start(dirfd, path, resolve, &at)) == 0) {
		error = vfs_lookup_create_by(proc_may_search, at, path,
		    ((flags & (O_EXCL | O_NOFOLLOW)) ? 0 : VFS_FOLLOW) |
		    resolve, &dir, last, out);
		vfs_release(at);
	}
	kfree(path);
	if (error == 0 && *out == NULL) {
		if (last->slash)
			error = -EISDIR;	/* "new/": not a file's name */
		else if ((error = sys_fs_may_change(dir)) == 0)
			error = vfs_create(dir, last->name, S_IFREG | (mode &
			    07777 & ~proc_current()->p_fs->pf_umask), 0, out);
		if (error == 0)
			sys_fs_own(dir, *out);
		/* Linux: a directory without a create op says so. */
		if (error == -EPERM)
			error = -EACCES;
		*created = error == 0;
		vfs_release(dir);
	}
	kfree(last);
	return error;
}

/*
 * O_TMPFILE: a file with no name in the directory path names, which
 * linkat may name later (through AT_EMPTY_PATH or /proc/self/fd/N)
 * unless O_EXCL.  Linux's checks: O_DIRECTORY without O_CREAT and a
 * writable access mode (-EINVAL), a directory (-ENOENT, -ENOTDIR), a
 * writable mount (-EROFS), write and search on it (-EACCES), then the
 * filesystem (-EOPNOTSUPP without unnamed files).
 */
static long
sys_fs_open_tmpfile(long dirfd, uint64_t upath, uint32_t flags, uint32_t mode,
    int resolve)
{
	struct vnode *dir, *v;
	long error;

	if ((flags & (O_CREAT | O_DIRECTORY | O_PATH)) != O_DIRECTORY ||
	    (flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	if ((error = sys_fs_resolve(dirfd, upath, ((flags & O_NOFOLLOW) ? 0 :
	    VFS_FOLLOW) | resolve, &dir)) != 0)
		return error;
	if (!S_ISDIR(dir->v_mode))
		error = -ENOTDIR;
	else if (dir->v_mnt != NULL && (dir->v_mnt->mnt_flags & MS_RDONLY))
		error = -EROFS;
	else if ((error = sys_fs_may_change(dir)) == 0 &&
	    (error = vfs_tmpfile(dir, mode & 07777 &
	    ~proc_current()->p_fs->pf_umask, (flags & O_EXCL) != 0, &v)) == 0)
		sys_fs_own(dir, v);
	vfs_release(dir);
	if (error != 0)
		return error;
	return sys_fs_open_node(v, flags & ~(uint32_t)(O_DIRECTORY |
	    O_TMPFILE_BIT | O_EXCL), true);
}

/*
 * open, openat, openat2: resolve holds openat2's restrictions on the walk
 * (VFS_NO_XDEV...), 0 for the others.
 */
static long
sys_fs_open(long dirfd, uint64_t upath, uint32_t flags, uint32_t mode,
    int resolve)
{
	struct vnode *v = NULL;
	long error;
	bool created = false;

	/* Linux 6.4 on (and its stable trees): never a file by mistake. */
	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return -EINVAL;
	if (flags & O_TMPFILE_BIT)
		return sys_fs_open_tmpfile(dirfd, upath, flags, mode, resolve);
	if (flags & O_PATH)		/* the other flags mean nothing */
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	if (flags & O_CREAT)
		error = sys_fs_open_create(dirfd, upath, flags, mode, resolve,
		    &v, &created);
	else
		error = sys_fs_resolve(dirfd, upath,
		    ((flags & O_NOFOLLOW) ? 0 : VFS_FOLLOW) | resolve, &v);
	if (error != 0)
		return error;
	if ((flags & O_CREAT) && !created)
		error = (flags & O_EXCL) ? -EEXIST :
		    S_ISDIR(v->v_mode) ? -EISDIR : 0;
	if (error != 0) {
		vfs_release(v);
		return error;
	}
	return sys_fs_open_node(v, flags, created);
}

long
sys_fs_open_node(struct vnode *v, uint32_t flags, bool created)
{
	struct file *f;
	long error = 0, fd;
	bool trunc;

	if ((flags & O_DIRECTORY) && !S_ISDIR(v->v_mode))
		error = -ENOTDIR;
	if (error == 0 && !(flags & O_PATH))
		error = sys_fs_may_open(v, flags, created);
	/* A socket's node is reached by connect, never opened. */
	if (error >= 0 && !(flags & O_PATH) && (v->v_mode & S_IFMT) == S_IFSOCK)
		error = -ENXIO;
	if (error < 0) {
		vfs_release(v);
		return error;
	}
	f = file_new(v, flags);
	vfs_release(v);
	if (f == NULL)
		return -ENOMEM;
	trunc = error == 1;
	if ((error = file_open(f)) != 0)
		return error;
	/* After the open, as Linux (IN_OPEN comes before IN_MODIFY). */
	if (trunc && (error = vfs_truncate(f->f_node, 0)) != 0) {
		file_put(f);
		return error;
	}
	fd = fd_install(sys_fs_fds(), f, 0, proc_fd_limit(),
	    (flags & O_CLOEXEC) != 0);
	file_put(f);
	return fd;
}

/*
 * acct: CAP_SYS_PACCT (root) first; then the file, opened for appending
 * as open(2) would (its errors), which must be a regular file (-EACCES).
 * NULL turns accounting off.
 */
long
sys_acct(struct trap_frame *tf)
{
	struct file *f;
	long fd;

	if (!proc_capable(CAP_SYS_PACCT))
		return -EPERM;
	if (tf->rdi == 0) {
		proc_acct_set(NULL);
		return 0;
	}
	fd = sys_fs_open(AT_FDCWD, tf->rdi, O_WRONLY | O_APPEND, 0, 0);
	if (fd < 0)
		return fd;
	f = fd_get(sys_fs_fds(), (int)fd);
	if (!S_ISREG(f->f_node->v_mode)) {
		fd_close(sys_fs_fds(), (int)fd);
		return -EACCES;
	}
	f->f_refs++;			/* accounting's own reference */
	fd_close(sys_fs_fds(), (int)fd);
	proc_acct_set(f);
	return 0;
}

long
sys_open(struct trap_frame *tf)
{
	return sys_fs_open(AT_FDCWD, tf->rdi, (uint32_t)tf->rsi,
	    (uint32_t)tf->rdx, 0);
}

long
sys_openat(struct trap_frame *tf)
{
	return sys_fs_open((long)tf->rdi, tf->rsi, (uint32_t)tf->rdx,
	    (uint32_t)tf->r10, 0);
}

struct sys_open_how {		/* struct open_how */
	uint64_t	flags;
	uint64_t	mode;
	uint64_t	resolve;
};
#define OPEN_HOW_SIZE_VER0	24
#define O_DSYNC			00010000
#define O_LARGEFILE		00100000
#define O_SYNC_BIT		04000000	/* O_SYNC is this | O_DSYNC */
/* Every flag open(2) knows; it ignores others, openat2 refuses them. */
#define SYS_FS_OPEN_FLAGS	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | \
	O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT | \
	O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | \
	O_SYNC_BIT | O_PATH | O_TMPFILE_BIT)
#define SYS_FS_PATH_FLAGS	(O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#define RESOLVE_NO_XDEV		0x01
#define RESOLVE_NO_MAGICLINKS	0x02
#define RESOLVE_NO_SYMLINKS	0x04
#define RESOLVE_BENEATH		0x08
#define RESOLVE_IN_ROOT		0x10
#define RESOLVE_CACHED		0x20

/*
 * openat2: openat with a struct open_how (flags, mode, resolve) whose
 * every field is checked, where openat drops what it does not know.
 * Linux's order: the struct's size and tail (sys_user_struct), unknown
 * flags or resolve bits, both scoping flags, a mode past 07777 with
 * O_CREAT or O_TMPFILE or any mode without, O_CREAT|O_DIRECTORY, an
 * O_TMPFILE open lacking O_DIRECTORY or write access, O_PATH with other
 * flags (-EINVAL), RESOLVE_CACHED with anything that makes or truncates
 * (-EAGAIN); then the path, the descriptor and the walk as openat.
 */
long
sys_openat2(struct trap_frame *tf)
{
	static const struct { uint64_t rf; int vf; } map[] = {
		{ RESOLVE_NO_XDEV, VFS_NO_XDEV },
		{ RESOLVE_NO_MAGICLINKS, VFS_NO_MAGICLINKS },
		{ RESOLVE_NO_SYMLINKS, VFS_NO_SYMLINKS },
		{ RESOLVE_BENEATH, VFS_BENEATH },
		{ RESOLVE_IN_ROOT, VFS_IN_ROOT },
		{ RESOLVE_CACHED, VFS_CACHED },
	};
	struct sys_open_how how;
	uint64_t f;
	long error;
	int resolve = 0;

	if (tf->r10 < OPEN_HOW_SIZE_VER0)
		return -EINVAL;
	if ((error = sys_user_struct(&how, sizeof(how), tf->rdx,
	    tf->r10)) != 0)
		return error;
	f = how.flags;
	if ((f & ~(uint64_t)SYS_FS_OPEN_FLAGS) ||
	    (how.resolve & ~(uint64_t)(RESOLVE_CACHED * 2 - 1)))
		return -EINVAL;
	if ((how.resolve & RESOLVE_BENEATH) && (how.resolve & RESOLVE_IN_ROOT))
		return -EINVAL;
	if ((f & (O_CREAT | O_TMPFILE_BIT)) ? (how.mode & ~07777ULL) != 0 :
	    how.mode != 0)
		return -EINVAL;
	if ((f & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return -EINVAL;
	if ((f & O_TMPFILE_BIT) && (!(f & O_DIRECTORY) ||
	    (f & O_ACCMODE) == O_RDONLY))
		return -EINVAL;
	if ((f & O_PATH) && (f & ~(uint64_t)SYS_FS_PATH_FLAGS))
		return -EINVAL;
	if ((how.resolve & RESOLVE_CACHED) &&
	    (f & (O_TRUNC | O_CREAT | O_TMPFILE_BIT)))
		return -EAGAIN;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (how.resolve & map[i].rf)
			resolve |= map[i].vf;
	return sys_fs_open((long)tf->rdi, tf->rsi, (uint32_t)f,
	    (uint32_t)how.mode, resolve);
}

long
sys_close(struct trap_frame *tf)
{
	return fd_close(sys_fs_fds(), (int)tf->rdi);
}

long
sys_lseek(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	/* Linux: an unknown whence is EINVAL on any file, streams too. */
	if ((unsigned int)tf->rdx > SEEK_HOLE)
		return -EINVAL;
	/* The kind decides (-ESPIPE for streams). */
	return f->f_ops->fo_lseek(f, (int64_t)tf->rsi, (int)tf->rdx);
}

/* ---- metadata ---- */

long
sys_fs_put_stat(struct vnode *v, uint64_t ubuf)
{
	struct sys_fs_stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = v->v_mnt != NULL ? v->v_mnt->mnt_dev : 0;
	st.st_ino = v->v_ino;
	st.st_nlink = vfs_nlink(v);
	st.st_mode = v->v_mode;
	st.st_uid = v->v_uid;
	st.st_gid = v->v_gid;
	st.st_rdev = v->v_rdev;
	st.st_size = (int64_t)v->v_size;
	st.st_blksize = 4096;
	st.st_blocks = (int64_t)((v->v_size + 511) / 512);
	st.st_atime = (int64_t)(v->v_atime_ns / 1000000000UL);
	st.st_atime_nsec = (int64_t)(v->v_atime_ns % 1000000000UL);
	st.st_mtime = (int64_t)(v->v_mtime_ns / 1000000000UL);
	st.st_mtime_nsec = (int64_t)(v->v_mtime_ns % 1000000000UL);
	st.st_ctime = (int64_t)(v->v_ctime_ns / 1000000000UL);
	st.st_ctime_nsec = (int64_t)(v->v_ctime_ns % 1000000000UL);
	return copy_to_user((void *)ubuf, &st, sizeof(st));
}

static long
sys_fs_stat_at(long dirfd, uint64_t upath, uint64_t ubuf, int flags)
{
	struct vnode *v;
	long error = sys_fs_resolve(dirfd, upath, flags, &v);

	if (error != 0)
		return error;
	error = sys_fs_put_stat(v, ubuf);
	vfs_release(v);
	return error;
}

long
sys_stat(struct trap_frame *tf)
{
	return sys_fs_stat_at(AT_FDCWD, tf->rdi, tf->rsi, VFS_FOLLOW);
}

long
sys_lstat(struct trap_frame *tf)
{
	return sys_fs_stat_at(AT_FDCWD, tf->rdi, tf->rsi, 0);
}

long
sys_fstat(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	return f == NULL ? -EBADF : sys_fs_put_stat(f->f_node, tf->rsi);
}

long
sys_newfstatat(struct trap_frame *tf)
{
	struct vnode *v;
	long error;

	if (tf->r10 & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH |
	    AT_NO_AUTOMOUNT))
		return -EINVAL;
	if ((error = sys_fs_resolve_at((long)tf->rdi, tf->rsi, tf->r10,
	    &v)) != 0)
		return error;
	error = sys_fs_put_stat(v, tf->rdx);
	vfs_release(v);
	return error;
}

/*
 * getdents64 and the old getdents: the same walk, two record layouts
 * (the old one puts the type in the record's last byte).
 */
static long
sys_fs_getdents(struct trap_frame *tf, bool old)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);
	uint64_t ubuf = tf->rsi, size = tf->rdx, used = 0;
	uint8_t rec[8 + 8 + 2 + 1 + VFS_NAME_MAX + 1 + 8];
	struct vfs_dirent *de;

	if (f == NULL)
		return -EBADF;
	if (!S_ISDIR(f->f_node->v_mode))
		return -ENOTDIR;
	if ((de = kmalloc(sizeof(*de))) == NULL)
		return -ENOMEM;
	while (vfs_readdir(f->f_node, f->f_off, de)) {
		size_t nl = strlen(de->de_name);
		uint16_t reclen = (uint16_t)ALIGN_UP(19 + nl + 1, 8);
		uint64_t next = de->de_next;
		uint8_t type = (uint8_t)((de->de_mode & S_IFMT) >> 12);

		if (used + reclen > size)
			break;
		memset(rec, 0, reclen);
		memcpy(rec, &de->de_ino, 8);
		memcpy(rec + 8, &next, 8);
		memcpy(rec + 16, &reclen, 2);
		if (old) {
			memcpy(rec + 18, de->de_name, nl);
			rec[reclen - 1] = type;
		} else {
			rec[18] = type;
			memcpy(rec + 19, de->de_name, nl);
		}
		if (copy_to_user((void *)(ubuf + used), rec, reclen) != 0) {
			kfree(de);
			return -EFAULT;
		}
		used += reclen;
		f->f_off = next;
	}
	if (used == 0 && vfs_readdir(f->f_node, f->f_off, de))
		used = (uint64_t)-EINVAL;	/* no room for one entry */
	kfree(de);
	fsnotify_node(f->f_node, FSN_ACCESS);	/* every call, as Linux */
	return (long)used;
}

long
sys_getdents64(struct trap_frame *tf)
{
	return sys_fs_getdents(tf, false);
}

long
sys_getdents(struct trap_frame *tf)
{
	return sys_fs_getdents(tf, true);
}

long
sys_getcwd(struct trap_frame *tf)
{
	char *buf = kmalloc(VFS_PATH_MAX);
	long n;

	if (buf == NULL)
		return -ENOMEM;
	n = vfs_path_of(proc_current()->p_fs->pf_cwd, buf, MIN(tf->rsi, VFS_PATH_MAX));
	/*
	 * A directory outside the caller's root (left behind by chroot):
	 * Linux's "(unreachable)" prefix, which C libraries refuse (ENOENT).
	 */
	if (n > 0 && !vfs_reaches_root(proc_current()->p_fs->pf_cwd)) {
		static const char unreachable[] = "(unreachable)";
		size_t pre = sizeof(unreachable) - 1;

		if ((size_t)n + pre > MIN(tf->rsi, VFS_PATH_MAX)) {
			n = -ERANGE;
		} else {
			memmove(buf + pre, buf, (size_t)n);
			memcpy(buf, unreachable, pre);
			n += (long)pre;
		}
	}
	if (n > 0 && copy_to_user((void *)tf->rdi, buf, (size_t)n) != 0)
		n = -EFAULT;
	kfree(buf);
	return n;
}

static long
sys_fs_set_cwd(struct vnode *v)
{
	struct proc *p = proc_current();
	long error;

	if (!S_ISDIR(v->v_mode)) {
		vfs_release(v);
		return -ENOTDIR;
	}
	if ((error = proc_may_search(v)) != 0) {	/* as Linux: search */
		vfs_release(v);
		return error;
	}
	vfs_release(p->p_fs->pf_cwd);
	p->p_fs->pf_cwd = v;
	return 0;
}

long
sys_chdir(struct trap_frame *tf)
{
	struct vnode *v;
	long error = sys_fs_resolve(AT_FDCWD, tf->rdi, VFS_FOLLOW, &v);

	return error != 0 ? error : sys_fs_set_cwd(v);
}

/*
 * chroot(2): the directory becomes the process's "/" (path_resolution(7):
 * absolute paths start there and ".." stops there; inherited by fork,
 * kept by execve).  As Linux: the lookup's errors, a non-directory
 * (-ENOTDIR), search permission on it (-EACCES), then CAP_SYS_CHROOT
 * (euid 0, else -EPERM).  The working directory is left where it is.
 */
long
sys_chroot(struct trap_frame *tf)
{
	struct proc *p = proc_current();
	struct vnode *v, *old;
	long error = sys_fs_resolve(AT_FDCWD, tf->rdi, VFS_FOLLOW, &v);

	if (error != 0)
		return error;
	if (!S_ISDIR(v->v_mode))
		error = -ENOTDIR;
	else if ((error = proc_may_search(v)) == 0 &&
	    !proc_has_cap(p, CAP_SYS_CHROOT))
		error = -EPERM;
	if (error != 0) {
		vfs_release(v);
		return error;
	}
	old = p->p_fs->pf_root;
	p->p_fs->pf_root = v;
	vfs_release(old);
	return 0;
}

long
sys_fchdir(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	vfs_hold(f->f_node);
	return sys_fs_set_cwd(f->f_node);
}

/* ---- names ---- */

static long
sys_fs_mkdir(long dirfd, uint64_t upath, uint32_t mode)
{
	char name[VFS_NAME_MAX + 1];
	struct vnode *dir, *v;
	long error = sys_fs_new_name(dirfd, upath, true, &dir, name);

	if (error != 0)
		return error;
	if ((error = sys_fs_may_change(dir)) == 0)
		error = vfs_create(dir, name, S_IFDIR |
		    (mode & 07777 & ~proc_current()->p_fs->pf_umask), 0, &v);
	if (error == 0) {
		sys_fs_own(dir, v);
		vfs_release(v);
	}
	vfs_release(dir);
	return error;
}

long
sys_mkdir(struct trap_frame *tf)
{
	return sys_fs_mkdir(AT_FDCWD, tf->rdi, (uint32_t)tf->rsi);
}

long
sys_mkdirat(struct trap_frame *tf)
{
	return sys_fs_mkdir((long)tf->rdi, tf->rsi, (uint32_t)tf->rdx);
}

/*
 * unlink and rmdir, in Linux's order: the walk; what the last part is
 * (unlink: "." ".." "/" are -EISDIR; rmdir: -EINVAL, -ENOTEMPTY,
 * -EBUSY); the name (-ENOENT); for unlink, "name/" (-EISDIR or
 * -ENOTDIR); the permissions; then the types and emptiness (vfs_unlink).
 */
static long
sys_fs_unlink(long dirfd, uint64_t upath, bool rmdir)
{
	struct vfs_last *last = kmalloc(sizeof(*last));
	struct vnode *dir, *v;
	long error;

	if (last == NULL)
		return -ENOMEM;
	if ((error = sys_fs_walk(dirfd, upath, 0, &dir, last)) != 0) {
		kfree(last);
		return error;
	}
	if (last->kind != VFS_LAST_NAME) {
		error = !rmdir ? -EISDIR : last->kind == VFS_LAST_DOT ?
		    -EINVAL : last->kind == VFS_LAST_DOTDOT ? -ENOTEMPTY :
		    -EBUSY;
	} else if ((error = vfs_lookup_in(dir, last->name, &v)) == 0) {
		if (!rmdir && last->slash)	/* a directory was meant */
			error = S_ISDIR(v->v_mode) ? -EISDIR : -ENOTDIR;
		else
			error = sys_fs_may_delete(dir, v);
		vfs_release(v);
		if (error == 0)
			error = vfs_unlink(dir, last->name, rmdir);
	}
	vfs_release(dir);
	kfree(last);
	return error;
}

long
sys_rmdir(struct trap_frame *tf)
{
	return sys_fs_unlink(AT_FDCWD, tf->rdi, true);
}

long
sys_unlink(struct trap_frame *tf)
{
	return sys_fs_unlink(AT_FDCWD, tf->rdi, false);
}

long
sys_unlinkat(struct trap_frame *tf)
{
	if (tf->rdx & ~(uint64_t)AT_REMOVEDIR)
		return -EINVAL;
	return sys_fs_unlink((long)tf->rdi, tf->rsi,
	    (tf->rdx & AT_REMOVEDIR) != 0);
}

#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2
#define RENAME_WHITEOUT		4
_Static_assert(RENAME_NOREPLACE == VFS_RENAME_NOREPLACE &&
    RENAME_EXCHANGE == VFS_RENAME_EXCHANGE &&
    RENAME_WHITEOUT == VFS_RENAME_WHITEOUT, "renameat2 flags are the VFS's");

/* rename's permissions, between the VFS's checks and the move. */
static long
sys_fs_may_rename(const struct vfs_rename *r)
{
	long error = sys_fs_may_delete(r->r_odir, r->r_ov);

	if (error == 0)
		error = r->r_nv != NULL ? sys_fs_may_delete(r->r_ndir, r->r_nv) :
		    sys_fs_may_change(r->r_ndir);
	/* A directory that changes parent changes its "..": write on it. */
	if (error == 0 && r->r_odir != r->r_ndir) {
		if (S_ISDIR(r->r_ov->v_mode))
			error = proc_may(r->r_ov, VFS_MAY_WRITE, false);
		if (error == 0 && (r->r_flags & VFS_RENAME_EXCHANGE) &&
		    S_ISDIR(r->r_nv->v_mode))
			error = proc_may(r->r_nv, VFS_MAY_WRITE, false);
	}
	return error;
}

static long
sys_fs_rename(long ofd, uint64_t opath, long nfd, uint64_t npath,
    uint64_t flags)
{
	struct vfs_last *last;
	struct vfs_rename r = { .r_flags = (int)flags };
	long error;

	if (flags & ~(uint64_t)(RENAME_NOREPLACE | RENAME_EXCHANGE |
	    RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) &&
	    (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	if ((last = kmalloc(2 * sizeof(*last))) == NULL)
		return -ENOMEM;
	r.r_old = &last[0];
	r.r_new = &last[1];
	if ((error = sys_fs_walk(ofd, opath, 0, &r.r_odir, &last[0])) != 0) {
		kfree(last);
		return error;
	}
	if ((error = sys_fs_walk(nfd, npath, 0, &r.r_ndir, &last[1])) == 0) {
		if ((error = vfs_rename_prepare(&r)) == 0) {
			if ((error = sys_fs_may_rename(&r)) == 0)
				error = vfs_rename_commit(&r);
			else
				vfs_rename_abort(&r);
		}
		vfs_release(r.r_ndir);
	}
	vfs_release(r.r_odir);
	kfree(last);
	return error == 1 ? 0 : error;	/* 1: one node, nothing to do */
}

long
sys_rename(struct trap_frame *tf)
{
	return sys_fs_rename(AT_FDCWD, tf->rdi, AT_FDCWD, tf->rsi, 0);
}

long
sys_renameat(struct trap_frame *tf)
{
	return sys_fs_rename((long)tf->rdi, tf->rsi, (long)tf->rdx, tf->r10, 0);
}

/* renameat2: RENAME_NOREPLACE, RENAME_EXCHANGE; RENAME_WHITEOUT as the
 * filesystem does it (ramfs: -EINVAL). */
long
sys_renameat2(struct trap_frame *tf)
{
	return sys_fs_rename((long)tf->rdi, tf->rsi, (long)tf->rdx, tf->r10,
	    tf->r8);
}

static long
sys_fs_symlink(uint64_t utarget, long dirfd, uint64_t upath)
{
	char name[VFS_NAME_MAX + 1];
	struct vnode *dir, *v;
	long error;
	char *target = sys_fs_path(utarget, &error);

	if (target == NULL)
		return error;
	if ((error = sys_fs_new_name(dirfd, upath, false, &dir, name)) == 0) {
		if ((error = sys_fs_may_change(dir)) == 0 &&
		    (error = vfs_symlink(dir, name, target)) == 0 &&
		    vfs_lookup_in(dir, name, &v) == 0) {
			sys_fs_own(dir, v);
			vfs_release(v);
		}
		vfs_release(dir);
	}
	kfree(target);
	return error;
}

long
sys_symlink(struct trap_frame *tf)
{
	return sys_fs_symlink(tf->rdi, AT_FDCWD, tf->rsi);
}

long
sys_symlinkat(struct trap_frame *tf)
{
	return sys_fs_symlink(tf->rdi, (long)tf->rsi, tf->rdx);
}

static long
sys_fs_readlink(long dirfd, uint64_t upath, uint64_t ubuf, int64_t size)
{
	struct vnode *v;
	char *buf, c;
	long error, n;
	bool empty;

	if (size <= 0)
		return -EINVAL;
	if (copy_from_user(&c, (const char *)upath, 1) != 0)
		return -EFAULT;
	/* An empty path is dirfd's own node: a link opened with O_PATH. */
	if ((empty = c == '\0'))
		error = sys_fs_resolve_at(dirfd, upath, AT_EMPTY_PATH, &v);
	else
		error = sys_fs_resolve(dirfd, upath, 0, &v);
	if (error != 0)
		return error;
	if (!S_ISLNK(v->v_mode)) {
		error = empty ? -ENOENT : -EINVAL;
	} else if ((buf = kmalloc(MIN((uint64_t)size, VFS_PATH_MAX))) == NULL) {
		error = -ENOMEM;
	} else {
		n = vfs_readlink(v, buf, MIN((uint64_t)size, VFS_PATH_MAX));
		error = n < 0 ? n : copy_to_user((void *)ubuf, buf, (size_t)n);
		if (error == 0)
			error = n;
		kfree(buf);
	}
	vfs_release(v);
	return error;
}

long
sys_readlink(struct trap_frame *tf)
{
	return sys_fs_readlink(AT_FDCWD, tf->rdi, tf->rsi, (int64_t)tf->rdx);
}

long
sys_readlinkat(struct trap_frame *tf)
{
	return sys_fs_readlink((long)tf->rdi, tf->rsi, tf->rdx,
	    (int64_t)tf->r10);
}

#define AT_EACCESS	0x200	/* faccessat2: the effective ids */

static long
sys_fs_access(long dirfd, uint64_t upath, uint64_t mode, uint64_t flags)
{
	struct vnode *v;
	long error;

	if (mode & ~7UL)
		return -EINVAL;
	if (flags & ~(uint64_t)(AT_EACCESS | AT_SYMLINK_NOFOLLOW |
	    AT_EMPTY_PATH))
		return -EINVAL;
	if ((error = sys_fs_resolve_at(dirfd, upath, flags &
	    (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH), &v)) != 0)
		return error;
	/*
	 * A file, directory or link on a read-only mount is never
	 * writable, not even by root (a device or FIFO there still is).
	 */
	if ((mode & 2) && v->v_mnt != NULL &&	/* W_OK */
	    (v->v_mnt->mnt_flags & MS_RDONLY) && (S_ISREG(v->v_mode) ||
	    S_ISDIR(v->v_mode) || S_ISLNK(v->v_mode)))
		error = -EROFS;
	/* With the real ids, as access(2) asks (F_OK: existence only). */
	else if (mode != 0)
		error = proc_may(v, (int)mode, !(flags & AT_EACCESS));
	vfs_release(v);
	return error;
}

long
sys_access(struct trap_frame *tf)
{
	return sys_fs_access(AT_FDCWD, tf->rdi, tf->rsi, 0);
}

long
sys_faccessat(struct trap_frame *tf)
{
	return sys_fs_access((long)tf->rdi, tf->rsi, tf->rdx, 0);
}

long
sys_faccessat2(struct trap_frame *tf)
{
	return sys_fs_access((long)tf->rdi, tf->rsi, tf->rdx, tf->r10);
}

/* ---- descriptors ---- */

static long
sys_fs_dup_to(int oldfd, int newfd, bool cloexec)
{
	struct fdtable *t = sys_fs_fds();
	struct file *f;

	/* Linux's order: the limit, then the old descriptor. */
	if (newfd < 0 || newfd >= proc_fd_limit())
		return -EBADF;
	if ((f = fd_get(t, oldfd)) == NULL)
		return -EBADF;
	if (oldfd == newfd)
		return newfd;
	return fd_install_at(t, f, newfd, cloexec);
}

long
sys_dup(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	return f == NULL ? -EBADF : fd_install(sys_fs_fds(), f, 0,
	    proc_fd_limit(), false);
}

long
sys_dup2(struct trap_frame *tf)
{
	if (fd_get(sys_fs_fds(), (int)tf->rdi) == NULL)
		return -EBADF;
	return sys_fs_dup_to((int)tf->rdi, (int)tf->rsi, false);
}

long
sys_dup3(struct trap_frame *tf)
{
	if ((tf->rdx & ~(uint64_t)O_CLOEXEC) || tf->rdi == tf->rsi)
		return -EINVAL;
	return sys_fs_dup_to((int)tf->rdi, (int)tf->rsi,
	    (tf->rdx & O_CLOEXEC) != 0);
}

/*
 * F_SETFL: of the status flags, O_APPEND, O_NONBLOCK, O_ASYNC (signal-
 * driven I/O, for kinds with readiness to watch; else it stays off, as
 * Linux for kinds without fasync) and O_DIRECT (a pipe's packet mode)
 * change; the others are ignored.
 */
static long
sys_fs_setfl(struct file *f, int fd, uint32_t arg)
{
	const uint32_t mask = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT;
	int error;

	if ((arg ^ f->f_flags) & O_ASYNC) {
		if ((error = fasync_set(f, fd, (arg & O_ASYNC) != 0)) < 0)
			return error;
		if (error > 0)
			arg &= ~(uint32_t)O_ASYNC;
	}
	f->f_flags = (f->f_flags & ~mask) | (arg & mask);
	return 0;
}

long
sys_fcntl(struct trap_frame *tf)
{
	struct fdtable *t = sys_fs_fds();
	int fd = (int)tf->rdi;
	struct file *f = fd_get(t, fd);

	if (f == NULL)
		return -EBADF;
	switch (tf->rsi) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		/* The argument is an int; at or past the limit: EINVAL. */
		if ((int)tf->rdx < 0 || (int)tf->rdx >= proc_fd_limit())
			return -EINVAL;
		return fd_install(t, f, (int)tf->rdx, proc_fd_limit(),
		    tf->rsi == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fd_cloexec(t, fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fd_set_cloexec(t, fd, (tf->rdx & FD_CLOEXEC) != 0);
		return 0;
	case PIPE_F_SETPIPE_SZ:
	case PIPE_F_GETPIPE_SZ:
		return pipe_fcntl(f, (unsigned int)tf->rsi, tf->rdx);
	case F_GETFL:
		return f->f_flags & ~(uint32_t)O_CLOEXEC;
	case F_SETFL:
		return sys_fs_setfl(f, fd, (uint32_t)tf->rdx);
	case F_SETOWN:
	case F_GETOWN:
	case F_SETSIG:
	case F_GETSIG:
	case F_SETOWN_EX:
	case F_GETOWN_EX:
		if (f->f_flags & O_PATH)
			return -EBADF;
		return fasync_fcntl(f, (int)tf->rsi, tf->rdx);
	case F_SETLEASE:
	case F_GETLEASE:
		if (f->f_flags & O_PATH)
			return -EBADF;
		return lease_fcntl(f, fd, (int)tf->rsi, tf->rdx);
	case F_NOTIFY:
		if (f->f_flags & O_PATH)
			return -EBADF;
		return dnotify_fcntl(f, fd, tf->rdx);
	case 5: case 6: case 7:		/* F_GETLK, F_SETLK, F_SETLKW */
	case 36: case 37: case 38:	/* F_OFD_GETLK, _SETLK, _SETLKW */
		return sys_fcntl_lock(f, (int)tf->rsi, tf->rdx);
	case F_ADD_SEALS:
	case F_GET_SEALS:
		return sys_fs_seals(f, tf->rsi == F_ADD_SEALS, tf->rdx);
	default:
		return -EINVAL;
	}
}

static long
sys_fs_pipe(uint64_t ufds, uint64_t flags)
{
	struct fdtable *t = sys_fs_fds();
	struct file *rd, *wr;
	int fds[2];
	long error;

	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	if ((error = pipe_create(&rd, &wr)) != 0)
		return error;
	/* O_DIRECT: the write end makes packets (only it shows the flag,
	 * as on Linux). */
	rd->f_flags |= (uint32_t)(flags & O_NONBLOCK);
	wr->f_flags |= (uint32_t)(flags & (O_NONBLOCK | O_DIRECT));
	fds[0] = fd_install(t, rd, 0, proc_fd_limit(),
	    (flags & O_CLOEXEC) != 0);
	fds[1] = fds[0] < 0 ? fds[0] : fd_install(t, wr, 0, proc_fd_limit(),
	    (flags & O_CLOEXEC) != 0);
	file_put(rd);
	file_put(wr);
	if (fds[1] < 0) {		/* -EMFILE, or -ENOMEM to grow */
		if (fds[0] >= 0)
			(void)fd_close(t, fds[0]);
		return fds[1];
	}
	if (copy_to_user((void *)ufds, fds, sizeof(fds)) != 0) {
		(void)fd_close(t, fds[0]);
		(void)fd_close(t, fds[1]);
		return -EFAULT;
	}
	return 0;
}

long
sys_pipe(struct trap_frame *tf)
{
	return sys_fs_pipe(tf->rdi, 0);
}

long
sys_pipe2(struct trap_frame *tf)
{
	return sys_fs_pipe(tf->rdi, tf->rsi);
}

long
sys_umask(struct trap_frame *tf)
{
	struct proc *p = proc_current();
	uint32_t old = p->p_fs->pf_umask;

	p->p_fs->pf_umask = (uint32_t)tf->rdi & 0777;
	return old;
}

long
sys_ftruncate(struct trap_frame *tf)
{
	struct file *f = fd_get_open(sys_fs_fds(), (int)tf->rdi);
	int error;

	if (f == NULL)
		return -EBADF;
	if ((int64_t)tf->rsi < 0 || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	/* Growing past RLIMIT_FSIZE: SIGXFSZ and -EFBIG. */
	if (f->f_node != NULL && S_ISREG(f->f_node->v_mode) &&
	    tf->rsi > f->f_node->v_size &&
	    (error = vfs_fsize_grow(tf->rsi)) != 0)
		return error;
	return vfs_truncate(f->f_node, tf->rsi);
}

/*
 * fsync and fdatasync.  Files, directories and block devices here live
 * in memory (a loop device writes through to its backing file) and are
 * always in sync; what Linux has no fsync for (pipes, FIFOs, character
 * devices, event files) answers -EINVAL, an O_PATH descriptor -EBADF.
 */
long
sys_fsync(struct trap_frame *tf)
{
	struct file *f = fd_get_open(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	if (f->f_node == NULL || (!S_ISREG(f->f_node->v_mode) &&
	    !S_ISDIR(f->f_node->v_mode) && !S_ISBLK(f->f_node->v_mode)))
		return -EINVAL;
	return 0;
}
