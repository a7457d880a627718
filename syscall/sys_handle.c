/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * File handles: name_to_handle_at and open_by_handle_at.
 *
 * A handle names a file without a path: the filesystem (the mount's
 * device number, its st_dev), the inode number and a generation.  Inode
 * numbers are never handed out twice here (fs/vfs.c counts them up), so
 * the generation is always 0.  Opening a handle finds the node again by
 * walking the mount's tree from its root (files have no table by
 * number); a file no longer in the tree is -ESTALE, as Linux says of a
 * handle whose file is gone.  procfs makes its nodes up and offers no
 * handles (-EOPNOTSUPP, as Linux's procfs).
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
#include <kernel/proc/proc.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define MAX_HANDLE_SZ		128
#define HANDLE_TYPE_JINY	0x4a	/* our layout: struct handle_id */
#define AT_HANDLE_FID		0x200
#define HANDLE_WALK_DEPTH	256	/* directories deep, at most */

struct handle_hdr {		/* struct file_handle without f_handle */
	uint32_t	handle_bytes;
	int32_t		handle_type;
};

struct handle_id {
	uint64_t	ino;
	uint32_t	dev;		/* the filesystem: its st_dev */
	uint32_t	gen;
};

static bool
handle_fs_ok(const struct vnode *v)
{
	return v->v_mnt != NULL && strcmp(v->v_mnt->mnt_type->mt_name,
	    "proc") != 0;
}

long
sys_name_to_handle_at(struct trap_frame *tf)
{
	uint64_t flags = tf->r8, atflags;
	struct handle_hdr hdr;
	struct handle_id id;
	struct vnode *v;
	long error;
	int32_t mnt_id;

	if (flags & ~(uint64_t)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	atflags = (flags & AT_EMPTY_PATH) |
	    ((flags & AT_SYMLINK_FOLLOW) ? 0 : AT_SYMLINK_NOFOLLOW);
	if ((error = sys_fs_resolve_at((long)tf->rdi, tf->rsi, atflags,
	    &v)) != 0)
		return error;
	if (copy_from_user(&hdr, (const void *)tf->rdx, sizeof(hdr)) != 0) {
		error = -EFAULT;
		goto out;
	}
	if (hdr.handle_bytes > MAX_HANDLE_SZ) {
		error = -EINVAL;
		goto out;
	}
	if (!handle_fs_ok(v)) {
		error = -EOPNOTSUPP;
		goto out;
	}
	id = (struct handle_id){ v->v_ino, v->v_mnt->mnt_dev, 0 };
	mnt_id = (int32_t)v->v_mnt->mnt_dev;
	/* Too small: say how big, as Linux, and copy no handle. */
	if (hdr.handle_bytes < sizeof(id))
		error = -EOVERFLOW;
	hdr.handle_bytes = sizeof(id);
	hdr.handle_type = HANDLE_TYPE_JINY;
	if (copy_to_user((void *)tf->r10, &mnt_id, sizeof(mnt_id)) != 0 ||
	    copy_to_user((void *)tf->rdx, &hdr, sizeof(hdr)) != 0 ||
	    (error == 0 && copy_to_user((char *)tf->rdx + sizeof(hdr), &id,
	    sizeof(id)) != 0))
		error = -EFAULT;
out:
	vfs_release(v);
	return error;
}

/*
 * The node numbered ino below root, in root's mount (held), or NULL:
 * depth first, a directory at a time.
 */
static struct vnode *
handle_find(struct vnode *root, uint64_t ino)
{
	struct walk { struct vnode *dir; uint64_t idx; } *stack;
	struct vfs_dirent de;
	struct vnode *found = NULL, *v;
	int top = 0;

	if (root->v_ino == ino) {
		vfs_hold(root);
		return root;
	}
	if ((stack = kmalloc(HANDLE_WALK_DEPTH * sizeof(*stack))) == NULL)
		return NULL;
	vfs_hold(root);
	stack[0] = (struct walk){ root, 0 };
	while (top >= 0 && found == NULL) {
		struct walk *w = &stack[top];

		if (!vfs_readdir(w->dir, w->idx, &de)) {
			vfs_release(w->dir);
			top--;
			continue;
		}
		w->idx = de.de_next;
		if (strcmp(de.de_name, ".") == 0 || strcmp(de.de_name, "..") == 0)
			continue;
		if (de.de_ino != ino && !S_ISDIR(de.de_mode))
			continue;
		if (vfs_lookup_in(w->dir, de.de_name, &v) != 0)
			continue;
		if (v->v_ino == ino && v->v_mnt == root->v_mnt) {
			found = v;
		} else if (S_ISDIR(v->v_mode) && v->v_mnt == root->v_mnt &&
		    top + 1 < HANDLE_WALK_DEPTH) {
			stack[++top] = (struct walk){ v, 0 };
		} else {
			vfs_release(v);
		}
	}
	while (top >= 0)
		vfs_release(stack[top--].dir);
	kfree(stack);
	return found;
}

long
sys_open_by_handle_at(struct trap_frame *tf)
{
	uint32_t flags = (uint32_t)tf->rdx;
	struct handle_hdr hdr;
	struct handle_id id;
	struct vnode *at, *v;
	struct file *f;

	/* CAP_DAC_READ_SEARCH: a handle skips every directory's check. */
	if (!proc_capable(CAP_DAC_READ_SEARCH))
		return -EPERM;
	if ((int)tf->rdi == AT_FDCWD) {
		at = proc_current()->p_fs->pf_cwd;
	} else {
		if ((f = fd_get(sys_fs_fds(), (int)tf->rdi)) == NULL)
			return -EBADF;
		at = f->f_node;
	}
	if (copy_from_user(&hdr, (const void *)tf->rsi, sizeof(hdr)) != 0)
		return -EFAULT;
	if (hdr.handle_bytes > MAX_HANDLE_SZ || hdr.handle_bytes == 0)
		return -EINVAL;
	memset(&id, 0, sizeof(id));
	if (copy_from_user(&id, (const char *)tf->rsi + sizeof(hdr),
	    hdr.handle_bytes < sizeof(id) ? hdr.handle_bytes : sizeof(id)) != 0)
		return -EFAULT;
	/* Not a handle of ours, or of another filesystem than the fd's. */
	if (hdr.handle_type != HANDLE_TYPE_JINY || hdr.handle_bytes !=
	    sizeof(id) || at->v_mnt == NULL || id.dev != at->v_mnt->mnt_dev ||
	    id.gen != 0 || at->v_mnt->mnt_root == NULL ||
	    (v = handle_find(at->v_mnt->mnt_root, id.ino)) == NULL)
		return -ESTALE;
	/* The handle names the node itself: a symbolic link is not followed. */
	if (S_ISLNK(v->v_mode) && !(flags & O_PATH)) {
		vfs_release(v);
		return -ELOOP;
	}
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	flags &= ~(uint32_t)(O_CREAT | O_EXCL);
	return sys_fs_open_node(v, flags, false);
}
