/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Files in memory and what is done to their space: memfd_create (a
 * nameless file in pages, sealable), fcntl's F_ADD_SEALS/F_GET_SEALS,
 * fallocate and readahead.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <fs/notify.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define MFD_CLOEXEC		0x0001
#define MFD_ALLOW_SEALING	0x0002
#define MFD_HUGETLB		0x0004
#define MFD_NOEXEC_SEAL		0x0008
#define MFD_EXEC		0x0010
#define MFD_NAME_MAX		249	/* Linux: NAME_MAX less "memfd:" */

long
sys_memfd_create(struct trap_frame *tf)
{
	unsigned long flags = tf->rsi;
	char name[MFD_NAME_MAX + 2];
	struct vnode *v;
	struct file *f;
	long n, fd;

	if (flags & ~(unsigned long)(MFD_CLOEXEC | MFD_ALLOW_SEALING |
	    MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC) ||
	    (flags & (MFD_NOEXEC_SEAL | MFD_EXEC)) ==
	    (MFD_NOEXEC_SEAL | MFD_EXEC))
		return -EINVAL;
	if (flags & MFD_HUGETLB)
		return -EINVAL;		/* no huge page pool */
	n = sys_user_str(name, (const char *)tf->rdi, sizeof(name));
	if (n < 0)
		return n == -E2BIG ? -EINVAL : n;
	if (n > MFD_NAME_MAX)
		return -EINVAL;
	/* Mode 0777 as Linux gives it (0666 for MFD_NOEXEC_SEAL). */
	if ((v = ramfs_file_new(vfs_root()->v_mnt,
	    (flags & MFD_NOEXEC_SEAL) ? 0666 : 0777)) == NULL)
		return -ENOMEM;
	v->v_uid = proc_current()->p_cred.pc_fsuid;
	v->v_gid = proc_current()->p_cred.pc_fsgid;
	v->v_seals = VFS_SEALABLE;
	if (!(flags & MFD_ALLOW_SEALING))
		v->v_seals |= VFS_SEAL_SEAL;
	if (flags & MFD_NOEXEC_SEAL)
		v->v_seals |= VFS_SEAL_EXEC;
	f = file_new(v, O_RDWR);
	vfs_release(v);
	if (f == NULL)
		return -ENOMEM;
	fd = fd_install(sys_fs_fds(), f, 0, proc_fd_limit(),
	    (flags & MFD_CLOEXEC) != 0);
	file_put(f);
	return fd;
}

long
sys_fs_seals(struct file *f, bool add, unsigned long seals)
{
	struct vnode *v = f->f_node;

	if (!(v->v_seals & VFS_SEALABLE))
		return -EINVAL;
	if (!add)
		return v->v_seals & VFS_SEALS_ALL;
	if (seals & ~(unsigned long)VFS_SEALS_ALL)
		return -EINVAL;
	if ((f->f_flags & O_ACCMODE) == O_RDONLY || (v->v_seals & VFS_SEAL_SEAL))
		return -EPERM;
	/* No write seal while a shared writable mapping exists. */
	if ((seals & VFS_SEAL_WRITE) && !(v->v_seals & VFS_SEAL_WRITE) &&
	    __atomic_load_n(&v->v_mapped_w, __ATOMIC_ACQUIRE) != 0)
		return -EBUSY;
	v->v_seals |= (uint32_t)seals;
	return 0;
}

#define FALLOC_FL_KEEP_SIZE	0x01
#define FALLOC_FL_PUNCH_HOLE	0x02
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE	0x10
#define FALLOC_FL_INSERT_RANGE	0x20
#define FALLOC_FL_UNSHARE_RANGE	0x40

long
sys_fs_zero(struct vnode *v, uint64_t off, uint64_t end)
{
	static const char zeros[512];

	while (off < end) {
		size_t n = (size_t)MIN((uint64_t)sizeof(zeros), end - off);
		long w = vfs_write(v, zeros, n, off);

		if (w <= 0)
			return w < 0 ? w : -EIO;
		off += (uint64_t)w;
	}
	return 0;
}

/*
 * fallocate: the space a file needs is taken as it is written (pages
 * are not reserved ahead), so mode 0 and KEEP_SIZE only set the size;
 * PUNCH_HOLE gives whole pages back (vfs_punch: they read as holes, and
 * SEEK_HOLE finds them) and zeros the rest; ZERO_RANGE writes zeros in
 * place, so mappings see them.
 */
long
sys_fallocate(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);
	unsigned long mode = tf->rsi;
	int64_t off = (int64_t)tf->rdx, len = (int64_t)tf->r10;
	struct vnode *v;
	uint64_t end;
	long error;

	if (f == NULL)
		return -EBADF;
	if (off < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~(unsigned long)(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE |
	    FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE |
	    FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((f->f_flags & O_ACCMODE) == O_RDONLY || (f->f_flags & O_PATH))
		return -EBADF;
	v = f->f_node;
	if (S_ISFIFO(v->v_mode))
		return -ESPIPE;
	if (S_ISDIR(v->v_mode))
		return -EISDIR;
	if (!S_ISREG(v->v_mode))
		return -ENODEV;
	if ((uint64_t)off + (uint64_t)len > (uint64_t)INT64_MAX)
		return -EFBIG;
	if (mode & (FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_INSERT_RANGE |
	    FALLOC_FL_UNSHARE_RANGE))
		return -EOPNOTSUPP;	/* as tmpfs */
	if ((f->f_flags & O_APPEND) && mode != 0 &&
	    mode != FALLOC_FL_KEEP_SIZE)
		return -EPERM;
	end = (uint64_t)off + (uint64_t)len;
	/* Growing past RLIMIT_FSIZE: SIGXFSZ and -EFBIG. */
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > v->v_size &&
	    (error = vfs_fsize_grow(end)) != 0)
		return error;
	if (mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) {
		if ((v->v_seals & (VFS_SEAL_WRITE | VFS_SEAL_FUTURE_WRITE)))
			return -EPERM;
		/* A hole gives its whole pages back where it can. */
		error = -EOPNOTSUPP;
		if ((mode & FALLOC_FL_PUNCH_HOLE) && (error = vfs_punch(v,
		    (uint64_t)off, end)) == 0)
			fsnotify_self(v, FSN_MODIFY);
		if (error == -EOPNOTSUPP && (error = sys_fs_zero(v,
		    (uint64_t)off, MIN(end, v->v_size))) != 0)
			return error;
		if (error != 0)
			return error;
	}
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > v->v_size)
		return vfs_truncate(v, end);
	return 0;
}

long
sys_readahead(struct trap_frame *tf)
{
	struct file *f = fd_get_open(sys_fs_fds(), (int)tf->rdi);

	if (f == NULL || (f->f_flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!S_ISREG(f->f_node->v_mode))
		return -EINVAL;
	return 0;		/* files are in memory already */
}
