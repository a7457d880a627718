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

struct ipc_table {
	struct ipc_perm_abi *it_obj[IPC_MNI];	/* each object's perm */
	uint16_t	 it_seq[IPC_MNI];
	int		 it_used;
};

/* The slot of the live object with key (not IPC_PRIVATE), or -1. */
int	ipc_find_key(struct ipc_table *, int32_t key);
/* The object with id, or NULL; its slot in *slot. */
struct ipc_perm_abi *ipc_by_id(struct ipc_table *, int id, int *slot);
int	ipc_id(struct ipc_table *, int slot);
/* Put obj (perm filled by ipc_perm_init) in a free slot: its id, -ENOSPC. */
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
