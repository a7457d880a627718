/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* System V IPC object tables and permissions (see ipc.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/ipc/ipc.h>

int
ipc_find_key(struct ipc_table *t, int32_t key)
{
	for (int i = 0; i < IPC_MNI && key != IPC_PRIVATE; i++)
		if (t->it_obj[i] != NULL && t->it_obj[i]->key == key)
			return i;
	return -1;
}

struct ipc_perm_abi *
ipc_by_id(struct ipc_table *t, int id, int *slot)
{
	int i = id & ((1 << IPC_SEQ_SHIFT) - 1);

	if (id < 0 || i >= IPC_MNI || t->it_obj[i] == NULL ||
	    t->it_obj[i]->seq != (uint16_t)(id >> IPC_SEQ_SHIFT))
		return NULL;
	if (slot != NULL)
		*slot = i;
	return t->it_obj[i];
}

int
ipc_id(struct ipc_table *t, int slot)
{
	return (int)t->it_obj[slot]->seq << IPC_SEQ_SHIFT | slot;
}

int
ipc_add(struct ipc_table *t, struct ipc_perm_abi *obj)
{
	for (int i = 0; i < IPC_MNI; i++)
		if (t->it_obj[i] == NULL) {
			obj->seq = t->it_seq[i];
			t->it_obj[i] = obj;
			t->it_used++;
			return ipc_id(t, i);
		}
	return -ENOSPC;
}

void
ipc_remove(struct ipc_table *t, int slot)
{
	t->it_obj[slot] = NULL;
	t->it_seq[slot] = (uint16_t)((t->it_seq[slot] + 1) &
	    (0xffff >> 1));		/* ids stay positive */
	t->it_used--;
}

int
ipc_highest(struct ipc_table *t)
{
	for (int i = IPC_MNI - 1; i >= 0; i--)
		if (t->it_obj[i] != NULL)
			return i;
	return -1;
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

	return proc_capable(CAP_SYS_ADMIN) || euid == p->uid ||
	    euid == p->cuid;
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
