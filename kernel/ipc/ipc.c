/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* System V IPC object tables and permissions (see ipc.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <kernel/mm/kmalloc.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/ipc/ipc.h>

struct ipc_perm_abi *
ipc_slot(const struct ipc_table *t, int slot)
{
	const struct ipc_chunk *c;

	if (slot < 0 || slot >= IPC_SLOTS ||
	    (c = t->it_chunk[slot / IPC_CHUNK]) == NULL)
		return NULL;
	return c->ic_obj[slot % IPC_CHUNK];
}

int
ipc_next(const struct ipc_table *t, int from)
{
	for (int i = from < 0 ? 0 : from; i < IPC_SLOTS; i++) {
		const struct ipc_chunk *c = t->it_chunk[i / IPC_CHUNK];

		if (c == NULL)
			i = (i / IPC_CHUNK + 1) * IPC_CHUNK - 1;
		else if (c->ic_obj[i % IPC_CHUNK] != NULL)
			return i;
	}
	return -1;
}

int
ipc_find_key(struct ipc_table *t, int32_t key)
{
	if (key == IPC_PRIVATE)
		return -1;
	for (int i = ipc_next(t, 0); i >= 0; i = ipc_next(t, i + 1))
		if (ipc_slot(t, i)->key == key)
			return i;
	return -1;
}

struct ipc_perm_abi *
ipc_by_id(struct ipc_table *t, int id, int *slot)
{
	int i = id & (IPC_SLOTS - 1);
	struct ipc_perm_abi *p = ipc_slot(t, i);

	if (id < 0 || p == NULL || p->seq != (uint16_t)(id >> IPC_SEQ_SHIFT))
		return NULL;
	if (slot != NULL)
		*slot = i;
	return p;
}

int
ipc_id(struct ipc_table *t, int slot)
{
	return (int)ipc_slot(t, slot)->seq << IPC_SEQ_SHIFT | slot;
}

/* The chunk holding slot, made if need be (NULL: out of memory). */
static struct ipc_chunk *
ipc_chunk(struct ipc_table *t, int slot)
{
	struct ipc_chunk **c = &t->it_chunk[slot / IPC_CHUNK];

	if (*c == NULL)
		*c = kzalloc(sizeof(**c));
	return *c;
}

int
ipc_add(struct ipc_table *t, struct ipc_perm_abi *obj)
{
	int want = t->it_next_id != NULL ? *t->it_next_id : -1;
	int from = want >= 0 ? want & (IPC_SLOTS - 1) : 0;
	struct ipc_chunk *c;

	/* As Linux, a kind holds at most IPC_MNI objects (semmni; shm and
	 * msg check their lower tunables first), whatever slots ids use. */
	if (t->it_used >= IPC_MNI)
		return -ENOSPC;
	for (int i = from; i < IPC_SLOTS; i++) {
		if (ipc_slot(t, i) != NULL)
			continue;
		if ((c = ipc_chunk(t, i)) == NULL)
			return -ENOMEM;
		if (want >= 0) {
			/* The sequence number asked for, from now on. */
			c->ic_seq[i % IPC_CHUNK] =
			    (uint16_t)(want >> IPC_SEQ_SHIFT);
			*t->it_next_id = -1;
		}
		obj->seq = c->ic_seq[i % IPC_CHUNK];
		c->ic_obj[i % IPC_CHUNK] = obj;
		t->it_used++;
		return ipc_id(t, i);
	}
	return -ENOSPC;
}

void
ipc_remove(struct ipc_table *t, int slot)
{
	struct ipc_chunk *c = t->it_chunk[slot / IPC_CHUNK];
	uint16_t *seq = &c->ic_seq[slot % IPC_CHUNK];

	c->ic_obj[slot % IPC_CHUNK] = NULL;
	*seq = (uint16_t)((*seq + 1) & (0xffff >> 1));	/* ids stay positive */
	t->it_used--;
}

int
ipc_highest(struct ipc_table *t)
{
	int hi = -1;

	for (int i = ipc_next(t, 0); i >= 0; i = ipc_next(t, i + 1))
		hi = i;
	return hi;
}

void
ipc_perm_init(struct ipc_perm_abi *p, int32_t key, int flags)
{
	const struct proc_cred *c = &proc_current()->p_cred;

	p->key = key;
	p->uid = p->cuid = c->pc_euid;
	p->gid = p->cgid = c->pc_egid;
	p->mode = (uint16_t)(flags & 0777);
}

bool
ipc_may(const struct ipc_perm_abi *p, int mask)
{
	const struct proc_cred *c = &proc_current()->p_cred;
	int bits = p->mode;
	bool member = c->pc_egid == p->gid || c->pc_egid == p->cgid;

	if (proc_capable(CAP_IPC_OWNER))
		return true;
	for (uint32_t i = 0; !member && i < c->pc_ngroups; i++)
		member = c->pc_groups[i] == p->gid || c->pc_groups[i] == p->cgid;
	if (c->pc_euid == p->uid || c->pc_euid == p->cuid)
		bits >>= 6;
	else if (member)
		bits >>= 3;
	return (mask & ~bits & 7) == 0;
}

bool
ipc_owner(const struct ipc_perm_abi *p)
{
	uint32_t euid = proc_current()->p_cred.pc_euid;

	return euid == p->uid || euid == p->cuid || proc_capable(CAP_SYS_ADMIN);
}

void
ipc_perm_set(struct ipc_perm_abi *p, const struct ipc_perm_abi *from)
{
	p->uid = from->uid;
	p->gid = from->gid;
	p->mode = (uint16_t)((p->mode & ~0777) | (from->mode & 0777));
}

int64_t
ipc_now(void)
{
	return (int64_t)(vfs_now_ns() / 1000000000ULL);
}
