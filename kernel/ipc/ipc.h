/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * What System V IPC objects share (shm.c, msg.c): the permission block of
 * the ABI, tables of objects indexed by the low bits of their ids with a
 * sequence number above (a stale id never reaches its slot's next
 * tenant), key lookup, and the permission rules of ipcperms.
 */
#ifndef KERNEL_IPC_IPC_H
#define KERNEL_IPC_IPC_H

#include <stdbool.h>
#include <stdint.h>

#include <lib/ipc_limits.h>

#define IPC_PRIVATE	0
#define IPC_CREAT	01000
#define IPC_EXCL	02000
#define IPC_NOWAIT	04000
#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3

#define IPC_SEQ_SHIFT	15		/* id = seq << 15 | slot, as Linux */

/* struct ipc64_perm of x86-64: the first member of every object. */
struct ipc_perm_abi {
	int32_t		key;
	uint32_t	uid, gid, cuid, cgid;
	uint16_t	mode, pad1;
	uint16_t	seq, pad2;
	uint64_t	unused1, unused2;
};

/*
 * An id's slot is its low 15 bits, so a table has 32768 slots; they come
 * in chunks allocated when first used (most tables use the first few).
 * it_next_id, when set, points at the kind's kernel.msg_next_id (or
 * shm_, sem_): -1, or the id the next new object takes (its slot or the first free
 * one above, with its sequence number), after which it is -1 again.
 */
#define IPC_SLOTS	(1 << IPC_SEQ_SHIFT)
#define IPC_CHUNK	256		/* slots a chunk holds */

struct ipc_chunk {
	struct ipc_perm_abi *ic_obj[IPC_CHUNK];	/* each object's perm */
	uint16_t	 ic_seq[IPC_CHUNK];	/* the slot's next seq */
};

struct ipc_table {
	struct ipc_chunk *it_chunk[IPC_SLOTS / IPC_CHUNK];
	int		 it_used;
	int		*it_next_id;
};

/* The object in slot (0..IPC_SLOTS-1), or NULL. */
struct ipc_perm_abi *ipc_slot(const struct ipc_table *, int slot);
/* The first slot >= from holding an object, or -1. */
int	ipc_next(const struct ipc_table *, int from);
/* The slot of the live object with key (not IPC_PRIVATE), or -1. */
int	ipc_find_key(struct ipc_table *, int32_t key);
/* The object with id, or NULL; its slot in *slot. */
struct ipc_perm_abi *ipc_by_id(struct ipc_table *, int id, int *slot);
int	ipc_id(struct ipc_table *, int slot);
/*
 * Put obj (perm filled by ipc_perm_init) in a free slot (the one
 * *it_next_id asks for, if set): its id, -ENOSPC or -ENOMEM.  Does not
 * sleep.
 */
int	ipc_add(struct ipc_table *, struct ipc_perm_abi *obj);
void	ipc_remove(struct ipc_table *, int slot);
/* The highest slot in use, or -1 (IPC_INFO's answer). */
int	ipc_highest(struct ipc_table *);

/* A new object's owner, creator and mode, from the caller. */
void	ipc_perm_init(struct ipc_perm_abi *, int32_t key, int flags);
/* May the caller use it for mask (4 read, 2 write, 1 exec)? */
bool	ipc_may(const struct ipc_perm_abi *, int mask);
/* The owner, the creator or root (IPC_SET, IPC_RMID). */
bool	ipc_owner(const struct ipc_perm_abi *);
/* IPC_SET's change: uid, gid and the low nine mode bits. */
void	ipc_perm_set(struct ipc_perm_abi *, const struct ipc_perm_abi *from);

/* Seconds of the wall clock, for the objects' times. */
int64_t	ipc_now(void);

#endif /* KERNEL_IPC_IPC_H */
