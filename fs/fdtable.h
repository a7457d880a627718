/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Per-process descriptor tables.  A table starts with the 64 slots held
 * in the structure itself and doubles when a descriptor past its end is
 * asked for, up to the caller's RLIMIT_NOFILE (at most FD_NR_OPEN), so a
 * process that uses three descriptors holds no more than those slots.
 * A bitmap of open descriptors, and one bit per 64 of them that are all
 * open, make finding the lowest free descriptor a few word scans however
 * large the table.  Threads of a process share its table; fork copies it.
 *
 * Changes take the table's lock.  fd_get takes none (it is the read and
 * write fast path): descriptors 0-63 never move, so looking one up costs
 * what it did in a fixed table; the slots of higher ones move when the
 * table grows, and the table keeps its outgrown arrays until it is
 * emptied, so a reader that loaded an old array still reads memory of
 * the table.
 */
#ifndef FS_FDTABLE_H
#define FS_FDTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/x86_64/include/spinlock.h>

/* Linux's fs.nr_open: the most RLIMIT_NOFILE may be raised to. */
#define FD_NR_OPEN	1048576
/* RLIMIT_NOFILE of the first process (Linux's INR_OPEN_CUR, _MAX). */
#define FD_LIMIT_CUR	1024
#define FD_LIMIT_MAX	4096
/* Slots inside struct fdtable, of descriptors 0-63: never fewer. */
#define FD_TABLE_FIRST	64

struct file;

/* A zeroed struct fdtable is an empty table. */
struct fdtable {
	struct file	*ft_first[FD_TABLE_FIRST];	/* descriptors 0-63 */
	/*
	 * Descriptors FIRST..ft_size-1, at ft_more[fd - FIRST]; read by
	 * fd_get without the lock, so ft_more is stored before ft_size.
	 */
	struct file	**ft_more;
	unsigned int	 ft_size;	/* 0, or a power of two >= FIRST */
	struct spinlock	 ft_lock;
	uint64_t	*ft_open;	/* a bit per descriptor in use */
	uint64_t	*ft_cloexec;	/* a bit per descriptor */
	uint64_t	*ft_full;	/* a bit per ft_open word of all ones */
	void		*ft_block;	/* the grown arrays (kmalloc'd) */
	void		*ft_retired;	/* arrays outgrown, until emptied */
	uint64_t	 ft_first_open, ft_first_cloexec, ft_first_full;
	uint32_t	 ft_sharers;	/* processes besides the first sharing
					 * it (clone CLONE_FILES) */
};

/* The file at fd, or NULL. */
static inline struct file *
fd_get(struct fdtable *t, int fd)
{
	unsigned int size;

	if (__builtin_expect((unsigned int)fd < FD_TABLE_FIRST, 1))
		return __atomic_load_n(&t->ft_first[fd], __ATOMIC_RELAXED);
	/* The slots are as large as the size read, or larger (fd_grow). */
	size = __atomic_load_n(&t->ft_size, __ATOMIC_ACQUIRE);
	return (unsigned int)fd < size ? __atomic_load_n(&t->ft_more,
	    __ATOMIC_RELAXED)[fd - FD_TABLE_FIRST] : NULL;
}

/*
 * Install f at the lowest free descriptor >= min and < limit (the
 * caller's RLIMIT_NOFILE; at most FD_NR_OPEN), taking a reference to f
 * (f_refs): the descriptor, -EMFILE when there is none below limit, or
 * -ENOMEM when the table cannot grow to it.
 */
int	fd_install(struct fdtable *, struct file *f, int min, int limit,
	    bool cloexec);
/*
 * Install f at fd (dup2), closing what was there: fd, or -ENOMEM.  The
 * caller has checked fd against its limit.
 */
int	fd_install_at(struct fdtable *, struct file *f, int fd, bool cloexec);
/* Close fd: 0 or -EBADF. */
int	fd_close(struct fdtable *, int fd);
/* FD_CLOEXEC of an open fd. */
bool	fd_cloexec(struct fdtable *, int fd);
void	fd_set_cloexec(struct fdtable *, int fd, bool on);
/* The lowest open descriptor >= from, or -1. */
int	fd_next(struct fdtable *, int from);
/* The n-th open descriptor (from 0), or -1: for listing /proc/PID/fd. */
int	fd_nth(struct fdtable *, uint64_t n);
/* The number of slots (Linux's max_fds: select's bound, FDSize). */
unsigned int fd_table_size(struct fdtable *);
/* The highest open descriptor, or -1. */
int	fd_table_highest(struct fdtable *);
/*
 * Make dst (zeroed) a copy of src sharing its files (fork): 0 or
 * -ENOMEM (dst is then empty).
 */
int	fd_table_copy(struct fdtable *dst, struct fdtable *src);
/*
 * Sharing a table between processes (clone with CLONE_FILES): one more
 * process uses t; a process stops using it, true when it was the last
 * (the caller then empties and frees it).  Is another process using it?
 */
void	fd_table_share(struct fdtable *);
bool	fd_table_unshare(struct fdtable *);
bool	fd_table_shared(struct fdtable *);
/*
 * close_range(2) on [first, last] (last past the table: to its end):
 * close every open descriptor, or with cloexec only set FD_CLOEXEC.
 */
void	fd_close_range(struct fdtable *, unsigned int first,
	    unsigned int last, bool cloexec);
/* Close every descriptor and free the arrays: t is empty again. */
void	fd_table_close_all(struct fdtable *);
void	fd_table_close_on_exec(struct fdtable *);

#endif /* FS_FDTABLE_H */
