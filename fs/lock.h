/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Advisory file locks: POSIX record locks (fcntl F_SETLK and friends;
 * the owner is a descriptor table, so threads share them and a close of
 * any descriptor of the file lets them go), open-file-description locks
 * (F_OFD_*: the owner is the open file) and flock(2) locks (whole file,
 * owned by the open file, apart from the other two as on Linux).
 */
#ifndef FS_LOCK_H
#define FS_LOCK_H

#include <stdbool.h>
#include <stdint.h>

struct vnode;

#define LOCK_RD		0	/* F_RDLCK, LOCK_SH */
#define LOCK_WR		1	/* F_WRLCK, LOCK_EX */
#define LOCK_UN		2	/* F_UNLCK */

#define LOCK_POSIX	0	/* fcntl: record locks, POSIX and OFD alike */
#define LOCK_FLOCK	1	/* flock: whole file */

#define LOCK_EOF	UINT64_MAX	/* a range's end: to the end of file */

struct vfs_lock {
	int		 lk_type;	/* LOCK_RD, LOCK_WR, LOCK_UN */
	uint64_t	 lk_start;
	uint64_t	 lk_end;	/* inclusive; LOCK_EOF: no end */
	const void	*lk_owner;
	int		 lk_pid;	/* what F_GETLK reports (-1: OFD, and
					 * no deadlock search) */
};

/*
 * F_GETLK: *l becomes the first lock of another owner that would stop
 * it, or keeps its range with lk_type LOCK_UN if none would.
 */
void	lock_test(struct vnode *v, int kind, struct vfs_lock *l);

/*
 * Take, change or (LOCK_UN) drop l's range for its owner.  0; -EAGAIN if
 * another owner's lock is in the way and !wait; -EDEADLK if waiting would
 * close a cycle of owners waiting on each other (asked for a POSIX lock
 * of a process, lk_pid >= 0; never for an OFD lock); -EINTR when
 * interrupted() says a signal came while waiting; -ENOLCK for memory.
 */
int	lock_set(struct vnode *v, int kind, const struct vfs_lock *l,
	    bool wait, bool (*interrupted)(void));

/* Drop every lock of owner on v: a close, or the open file going. */
void	lock_release(struct vnode *v, int kind, const void *owner);

#endif /* FS_LOCK_H */
