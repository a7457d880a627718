/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Advisory locks from user space: fcntl's F_GETLK/F_SETLK/F_SETLKW and
 * their open-file-description forms (F_OFD_*), and flock(2).  The lock
 * tables are fs/lock.c's; this file turns struct flock into ranges.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/user.h>
#include <fs/file.h>
#include <fs/lock.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38

struct sys_flock {			/* struct flock, x86-64 */
	int16_t		l_type;
	int16_t		l_whence;
	int32_t		l_pad;
	int64_t		l_start;
	int64_t		l_len;
	int32_t		l_pid;
	int32_t		l_pad2;
};

/* The range of fl for f, as Linux reads it: 0 or -errno. */
static long
sys_lock_range(struct file *f, const struct sys_flock *fl, struct vfs_lock *l)
{
	int64_t base, start, end;

	switch (fl->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->f_off;
		break;
	case SEEK_END:
		base = (int64_t)f->f_node->v_size;
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, fl->l_start, &start))
		return -EOVERFLOW;
	if (fl->l_len > 0) {
		if (__builtin_add_overflow(start, fl->l_len - 1, &end))
			return -EOVERFLOW;
	} else if (fl->l_len < 0) {
		end = start - 1;
		if (__builtin_add_overflow(start, fl->l_len, &start))
			return -EINVAL;
	} else {
		end = -1;		/* to the end of the file, and beyond */
	}
	if (start < 0)
		return -EINVAL;
	l->lk_start = (uint64_t)start;
	l->lk_end = end < 0 ? LOCK_EOF : (uint64_t)end;
	return 0;
}

static bool
sys_lock_interrupted(void)
{
	return signal_pending();
}

long
sys_fcntl_lock(struct file *f, int cmd, uint64_t uarg)
{
	bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK ||
	    cmd == F_OFD_SETLKW;
	struct sys_flock fl;
	struct vfs_lock l;
	long error;

	if (f->f_flags & O_PATH)
		return -EBADF;
	if (copy_from_user(&fl, (const void *)uarg, sizeof(fl)) != 0)
		return -EFAULT;
	if (fl.l_type != LOCK_RD && fl.l_type != LOCK_WR &&
	    fl.l_type != LOCK_UN)
		return -EINVAL;
	if (ofd && fl.l_pid != 0)
		return -EINVAL;
	if ((error = sys_lock_range(f, &fl, &l)) != 0)
		return error;
	l.lk_type = fl.l_type;
	l.lk_owner = ofd ? (const void *)f : (const void *)proc_current()->p_fds;
	l.lk_pid = ofd ? -1 : proc_current()->p_pid;
	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		if (l.lk_type == LOCK_UN)
			return -EINVAL;
		lock_test(f->f_node, LOCK_POSIX, &l);
		fl.l_type = (int16_t)l.lk_type;
		if (l.lk_type != LOCK_UN) {
			fl.l_whence = SEEK_SET;
			fl.l_start = (int64_t)l.lk_start;
			fl.l_len = l.lk_end == LOCK_EOF ? 0 :
			    (int64_t)(l.lk_end - l.lk_start + 1);
			fl.l_pid = l.lk_pid;
		}
		return copy_to_user((void *)uarg, &fl, sizeof(fl)) != 0 ?
		    -EFAULT : 0;
	}
	/* A read lock needs the file open for reading, a write lock for
	 * writing. */
	if ((l.lk_type == LOCK_RD && (f->f_flags & O_ACCMODE) == O_WRONLY) ||
	    (l.lk_type == LOCK_WR && (f->f_flags & O_ACCMODE) == O_RDONLY))
		return -EBADF;
	error = lock_set(f->f_node, LOCK_POSIX, &l,
	    cmd == F_SETLKW || cmd == F_OFD_SETLKW, sys_lock_interrupted);
	return error == -EINTR ? -ERESTARTSYS : error;
}

#define LOCK_SH_	1
#define LOCK_EX_	2
#define LOCK_NB_	4
#define LOCK_UN_	8

long
sys_flock(struct trap_frame *tf)
{
	struct file *f = fd_get_open(sys_fs_fds(), (int)tf->rdi);
	unsigned long op = tf->rsi;
	struct vfs_lock l = { .lk_start = 0, .lk_end = LOCK_EOF, .lk_pid = -1 };
	long error;

	if (f == NULL)
		return -EBADF;
	switch (op & ~(unsigned long)LOCK_NB_) {
	case LOCK_SH_:
		l.lk_type = LOCK_RD;
		break;
	case LOCK_EX_:
		l.lk_type = LOCK_WR;
		break;
	case LOCK_UN_:
		l.lk_type = LOCK_UN;
		break;
	default:
		return -EINVAL;
	}
	l.lk_owner = f;
	/* A conversion replaces the file's lock in one step (Linux lets go
	 * first; holding on is the stronger promise). */
	error = lock_set(f->f_node, LOCK_FLOCK, &l, !(op & LOCK_NB_),
	    sys_lock_interrupted);
	return error == -EINTR ? -ERESTARTSYS : error;
}
