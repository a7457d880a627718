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
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/pipe.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
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
		*out = proc_current()->p_cwd;
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
 * Resolve (dirfd, upath): the whole path to a held node (*out), or with
 * name != NULL all but the last part to the held parent and the name.
 */
static long
sys_fs_walk(long dirfd, uint64_t upath, int flags, struct vnode **out,
    char *name)
{
	struct vnode *at;
	long error;
	char *path = sys_fs_path(upath, &error);

	if (path == NULL)
		return error;
	if ((error = sys_fs_at(dirfd, &at)) == 0) {
		error = name != NULL ? vfs_lookup_parent_by(proc_may_search,
		    at, path, out, name) : vfs_lookup_by(proc_may_search, at,
		    path, flags, out);
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

static long
sys_fs_parent(long dirfd, uint64_t upath, struct vnode **dir, char *name)
{
	return sys_fs_walk(dirfd, upath, 0, dir, name);
}

long
sys_fs_resolve_parent(long dirfd, uint64_t upath, struct vnode **dir,
    char *name)
{
	long error = sys_fs_parent(dirfd, upath, dir, name);

	/* Adding or removing a name: write and search on the directory. */
	if (error == 0 && (error = proc_may(*dir, VFS_MAY_WRITE |
	    VFS_MAY_EXEC, false)) != 0)
		vfs_release(*dir);
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
			*out = proc_current()->p_cwd;
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

static long
sys_fs_rwv(struct trap_frame *tf, bool write)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);
	struct { uint64_t base, len; } iov;
	long cnt = (long)tf->rdx, total = 0;

	if (f == NULL)
		return -EBADF;
	if (cnt < 0 || cnt > SYS_FS_IOV_MAX)
		return -EINVAL;
	for (long i = 0; i < cnt; i++) {
		long n;

		if (copy_from_user(&iov, (const char *)tf->rsi + i * sizeof(iov),
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

long
sys_ioctl(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	return f->f_ops->fo_ioctl(f, tf->rsi, tf->rdx);
}

/* ---- opening ---- */

static long
sys_fs_open(long dirfd, uint64_t upath, uint32_t flags, uint32_t mode)
{
	struct vnode *v = NULL, *dir;
	char name[VFS_NAME_MAX + 1];
	struct file *f;
	long error, fd;
	bool created = true;

	if (flags & O_CREAT) {
		if ((error = sys_fs_parent(dirfd, upath, &dir, name)) != 0)
			return error == -EEXIST ? -EISDIR : error;
		error = vfs_lookup_by(proc_may_search, dir, name,
		    (flags & O_NOFOLLOW) ? 0 : VFS_FOLLOW, &v);
		if (error == 0 && (flags & O_EXCL)) {
			vfs_release(v);
			error = -EEXIST;
		} else if (error == 0) {
			created = false;
		} else if (error == -ENOENT && (error = proc_may(dir,
		    VFS_MAY_WRITE | VFS_MAY_EXEC, false)) == 0) {
			error = vfs_create(dir, name, S_IFREG |
			    (mode & 07777 & ~proc_current()->p_umask), 0, &v);
			/* Linux: a directory without a create op says so. */
			if (error == -EPERM)
				error = -EACCES;
		}
		vfs_release(dir);
	} else {
		created = false;
		error = sys_fs_resolve(dirfd, upath,
		    (flags & O_NOFOLLOW) ? 0 : VFS_FOLLOW, &v);
	}
	if (error != 0)
		return error;
	/* The mode bits, for what was there before this open. */
	if (!created && !(flags & O_PATH)) {
		int mask = 0;

		if ((flags & O_ACCMODE) != O_WRONLY)
			mask |= VFS_MAY_READ;
		if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
			mask |= VFS_MAY_WRITE;
		if ((error = proc_may(v, mask, false)) != 0) {
			vfs_release(v);
			return error;
		}
	}
	if ((flags & O_NOFOLLOW) && S_ISLNK(v->v_mode) && !(flags & O_PATH))
		error = -ELOOP;
	else if ((flags & O_DIRECTORY) && !S_ISDIR(v->v_mode))
		error = -ENOTDIR;
	else if (S_ISDIR(v->v_mode) && (flags & O_ACCMODE) != O_RDONLY)
		error = -EISDIR;
	else if (S_ISREG(v->v_mode) && (flags & O_ACCMODE) != O_RDONLY &&
	    !(flags & O_PATH) && v->v_ops->vop_write != NULL)
		error = vfs_writable(v);	/* procfs: writes fail instead */
	if (error == 0 && (flags & O_TRUNC) && S_ISREG(v->v_mode) &&
	    (flags & O_ACCMODE) != O_RDONLY && !(flags & O_PATH) &&
	    v->v_ops->vop_write != NULL)
		error = vfs_truncate(v, 0);
	if (error != 0) {
		vfs_release(v);
		return error;
	}
	f = file_new(v, flags);
	vfs_release(v);
	if (f == NULL)
		return -ENOMEM;
	if ((error = file_open(f)) != 0)
		return error;
	fd = fd_install(sys_fs_fds(), f, 0, proc_fd_limit(),
	    (flags & O_CLOEXEC) != 0);
	file_put(f);
	return fd;
}

long
sys_open(struct trap_frame *tf)
{
	return sys_fs_open(AT_FDCWD, tf->rdi, (uint32_t)tf->rsi,
	    (uint32_t)tf->rdx);
}

long
sys_openat(struct trap_frame *tf)
{
	return sys_fs_open((long)tf->rdi, tf->rsi, (uint32_t)tf->rdx,
	    (uint32_t)tf->r10);
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
	n = vfs_path_of(proc_current()->p_cwd, buf, MIN(tf->rsi, VFS_PATH_MAX));
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
	vfs_release(p->p_cwd);
	p->p_cwd = v;
	return 0;
}

long
sys_chdir(struct trap_frame *tf)
{
	struct vnode *v;
	long error = sys_fs_resolve(AT_FDCWD, tf->rdi, VFS_FOLLOW, &v);

	return error != 0 ? error : sys_fs_set_cwd(v);
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
	long error = sys_fs_resolve_parent(dirfd, upath, &dir, name);

	if (error != 0)
		return error;
	error = vfs_create(dir, name, S_IFDIR |
	    (mode & 07777 & ~proc_current()->p_umask), 0, &v);
	if (error == 0)
		vfs_release(v);
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

static long
sys_fs_unlink(long dirfd, uint64_t upath, bool dir_wanted)
{
	char name[VFS_NAME_MAX + 1];
	struct vnode *dir;
	long error = sys_fs_resolve_parent(dirfd, upath, &dir, name);

	if (error != 0)
		return error == -EEXIST ? (dir_wanted ? -EBUSY : -EISDIR) : error;
	error = vfs_unlink(dir, name, dir_wanted);
	vfs_release(dir);
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

static long
sys_fs_rename(long ofd, uint64_t opath, long nfd, uint64_t npath,
    uint64_t flags)
{
	char oname[VFS_NAME_MAX + 1], nname[VFS_NAME_MAX + 1];
	struct vnode *odir, *ndir;
	long error = sys_fs_resolve_parent(ofd, opath, &odir, oname);

	if (error != 0)
		return error;
	if ((error = sys_fs_resolve_parent(nfd, npath, &ndir, nname)) == 0) {
		error = vfs_rename(odir, oname, ndir, nname,
		    (flags & RENAME_NOREPLACE) ? VFS_RENAME_NOREPLACE : 0);
		vfs_release(ndir);
	}
	vfs_release(odir);
	return error;
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

/* renameat2: flags 0 and RENAME_NOREPLACE (EXCHANGE and WHITEOUT not). */
long
sys_renameat2(struct trap_frame *tf)
{
	if (tf->r8 & ~(uint64_t)RENAME_NOREPLACE)
		return -EINVAL;
	return sys_fs_rename((long)tf->rdi, tf->rsi, (long)tf->rdx, tf->r10,
	    tf->r8);
}

static long
sys_fs_symlink(uint64_t utarget, long dirfd, uint64_t upath)
{
	char name[VFS_NAME_MAX + 1];
	struct vnode *dir;
	long error;
	char *target = sys_fs_path(utarget, &error);

	if (target == NULL)
		return error;
	if ((error = sys_fs_resolve_parent(dirfd, upath, &dir, name)) == 0) {
		error = vfs_symlink(dir, name, target);
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
	char *buf;
	long error, n;

	if (size <= 0)
		return -EINVAL;
	if ((error = sys_fs_resolve(dirfd, upath, 0, &v)) != 0)
		return error;
	if (!S_ISLNK(v->v_mode)) {
		error = -EINVAL;
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

static long
sys_fs_access(long dirfd, uint64_t upath, uint64_t mode)
{
	struct vnode *v;
	long error;

	if (mode & ~7UL)
		return -EINVAL;
	if ((error = sys_fs_resolve(dirfd, upath, VFS_FOLLOW, &v)) != 0)
		return error;
	/* With the real ids, as access(2) asks (F_OK: existence only). */
	if (mode != 0)
		error = proc_may(v, (int)mode, true);
	vfs_release(v);
	return error;
}

long
sys_access(struct trap_frame *tf)
{
	return sys_fs_access(AT_FDCWD, tf->rdi, tf->rsi);
}

long
sys_faccessat(struct trap_frame *tf)
{
	return sys_fs_access((long)tf->rdi, tf->rsi, tf->rdx);
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
		f->f_flags = (f->f_flags & ~(uint32_t)(O_APPEND | O_NONBLOCK)) |
		    ((uint32_t)tf->rdx & (O_APPEND | O_NONBLOCK));
		return 0;
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

	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if ((error = pipe_create(&rd, &wr)) != 0)
		return error;
	rd->f_flags |= (uint32_t)(flags & O_NONBLOCK);
	wr->f_flags |= (uint32_t)(flags & O_NONBLOCK);
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
	uint32_t old = p->p_umask;

	p->p_umask = (uint32_t)tf->rdi & 0777;
	return old;
}

long
sys_ftruncate(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL)
		return -EBADF;
	if ((int64_t)tf->rsi < 0 || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	return vfs_truncate(f->f_node, tf->rsi);
}

long
sys_fsync(struct trap_frame *tf)
{
	return fd_get(sys_fs_fds(), (int)tf->rdi) == NULL ? -EBADF : 0;
}
