/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Mount system calls: mount (new mounts and MS_REMOUNT; bind and move
 * mounts are refused with -EINVAL), umount2, statfs and fstatfs, and the
 * sync calls (everything lives in memory: nothing to write back).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/vfs.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define SYS_MOUNT_STR_MAX	256	/* type and source names */
#define ST_VALID		0x20	/* statfs f_flags: the flags are real */

/* Copy a short user string; -EFAULT, or -ENODEV/-EINVAL when too long. */
static long
sys_mount_str(char *buf, uint64_t ustr, long toolong)
{
	long n = sys_user_str(buf, (const char *)ustr, SYS_MOUNT_STR_MAX);

	if (n == -E2BIG)
		return toolong;
	return n < 0 ? n : 0;
}

long
sys_mount(struct trap_frame *tf)
{
	char type[SYS_MOUNT_STR_MAX], source[SYS_MOUNT_STR_MAX], c;	/* 512 B */
	uint64_t flags = tf->r10;
	struct vnode *dir;
	long error;

	/* The high half may hold the old 0xC0ED magic; it means nothing. */
	if ((flags & 0xffff0000) == 0xc0ed0000)
		flags &= 0xffff;
	if (flags & (MS_BIND | MS_MOVE))
		return -EINVAL;		/* not supported yet */
	source[0] = '\0';
	if (tf->rdi != 0 && (error = sys_mount_str(source, tf->rdi,
	    -EINVAL)) != 0)
		return error;
	if (tf->r8 != 0 && copy_from_user(&c, (const void *)tf->r8, 1) != 0)
		return -EFAULT;		/* options: read, then ignored */
	if ((error = sys_fs_resolve(AT_FDCWD, tf->rsi, VFS_FOLLOW, &dir)) != 0)
		return error;
	if (flags & MS_REMOUNT) {
		error = mount_remount(dir, (uint32_t)flags);
		goto out;
	}
	if (tf->rdx == 0) {
		error = -EINVAL;
		goto out;
	}
	if ((error = sys_mount_str(type, tf->rdx, -ENODEV)) != 0)
		goto out;
	if (!S_ISDIR(dir->v_mode)) {
		error = -ENOTDIR;
		goto out;
	}
	error = mount_at(dir, type, source[0] != '\0' ? source : type,
	    (uint32_t)(flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC |
	    MS_NOATIME | MS_RELATIME)));
out:
	vfs_release(dir);
	return error;
}

long
sys_umount2(struct trap_frame *tf)
{
	struct vnode *root;
	long error;

	if (tf->rsi & ~(uint64_t)(MNT_FORCE | MNT_DETACH | MNT_EXPIRE |
	    UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((tf->rsi & MNT_EXPIRE) && (tf->rsi & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if ((error = sys_fs_resolve(AT_FDCWD, tf->rdi,
	    (tf->rsi & UMOUNT_NOFOLLOW) ? 0 : VFS_FOLLOW, &root)) != 0)
		return error;
	error = mount_remove(root, (int)tf->rsi);
	vfs_release(root);
	return error;
}

struct sys_mount_statfs {	/* struct statfs of the x86-64 Linux ABI */
	int64_t		f_type, f_bsize;
	uint64_t	f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int32_t		f_fsid[2];
	int64_t		f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct sys_mount_statfs) == 120, "struct statfs ABI");

static long
sys_mount_put_statfs(struct vnode *v, uint64_t ubuf)
{
	struct sys_mount_statfs st;
	struct mount_statfs ms;

	mount_statfs(v, &ms);
	memset(&st, 0, sizeof(st));
	st.f_type = (int64_t)ms.ms_type;
	st.f_bsize = st.f_frsize = (int64_t)ms.ms_bsize;
	st.f_blocks = ms.ms_blocks;
	st.f_bfree = st.f_bavail = ms.ms_bfree;
	st.f_files = ms.ms_files;
	st.f_ffree = ms.ms_ffree;
	st.f_fsid[0] = (int32_t)ms.ms_dev;
	st.f_namelen = VFS_NAME_MAX;
	st.f_flags = (int64_t)(ms.ms_flags | ST_VALID);
	return copy_to_user((void *)ubuf, &st, sizeof(st));
}

long
sys_statfs(struct trap_frame *tf)
{
	struct vnode *v;
	long error = sys_fs_resolve(AT_FDCWD, tf->rdi, VFS_FOLLOW, &v);

	if (error != 0)
		return error;
	error = sys_mount_put_statfs(v, tf->rsi);
	vfs_release(v);
	return error;
}

long
sys_fstatfs(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);

	return f == NULL ? -EBADF : sys_mount_put_statfs(f->f_node, tf->rsi);
}

long
sys_sync(struct trap_frame *tf)
{
	(void)tf;
	return 0;		/* nothing is cached on the way to a disk */
}

long
sys_syncfs(struct trap_frame *tf)
{
	return fd_get(sys_fs_fds(), (int)tf->rdi) == NULL ? -EBADF : 0;
}

/*
 * sysfs(2), the filesystem types by index (the order they registered,
 * as /proc/filesystems lists them): 1: a name's index; 2: index's name
 * into a buffer; 3: how many.
 */
long
sys_sysfs(struct trap_frame *tf)
{
	char name[SYS_MOUNT_STR_MAX];
	const struct mount_fstype *t;
	unsigned int i;
	long n;

	switch (tf->rdi) {
	case 1:
		if ((n = sys_user_str(name, (const char *)tf->rsi,
		    sizeof(name))) < 0)
			return n == -E2BIG ? -EINVAL : n;
		for (i = 0; (t = mount_fstype_nth(i)) != NULL; i++)
			if (strcmp(t->mt_name, name) == 0)
				return i;
		return -EINVAL;
	case 2:
		if (tf->rsi > UINT32_MAX ||
		    (t = mount_fstype_nth((unsigned int)tf->rsi)) == NULL)
			return -EINVAL;
		return copy_to_user((void *)tf->rdx, t->mt_name,
		    strlen(t->mt_name) + 1) != 0 ? -EFAULT : 0;
	case 3:
		for (i = 0; mount_fstype_nth(i) != NULL; i++)
			;
		return i;
	default:
		return -EINVAL;
	}
}

/*
 * ustat(2): free blocks and inodes of the mounted filesystem with a
 * device number (its st_dev); the name fields are empty, as on Linux.
 */
long
sys_ustat(struct trap_frame *tf)
{
	struct {
		int32_t		f_tfree;
		uint64_t	f_tinode;
		char		f_fname[6], f_fpack[6];
	} u;
	struct mount_statfs ms;

	/* The number as stat(2) gives it (st_dev is the mount's number). */
	if (mount_statfs_dev((uint32_t)tf->rdi, &ms) != 0)
		return -EINVAL;
	memset(&u, 0, sizeof(u));
	u.f_tfree = (int32_t)ms.ms_bfree;
	u.f_tinode = ms.ms_ffree;
	return copy_to_user((void *)tf->rsi, &u, sizeof(u)) != 0 ? -EFAULT : 0;
}
