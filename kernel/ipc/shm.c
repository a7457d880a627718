/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System V shared memory (see shm.h), in an ipc.h table.  A segment
 * removed while attached keeps its slot (private key, SHM_DEST in its
 * mode) until the last attachment goes; each call sweeps those.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/tunable.h>
#include <kernel/ipc/shm.h>

#define SHM_DEST	01000	/* mode bit: removed, waiting for detaches */
#define SHM_LOCKED	02000

struct shm_seg {
	struct ipc_perm_abi ss_perm;	/* first: the table holds this */
	uint64_t	 ss_size;
	struct vnode	*ss_file;	/* held */
	int64_t		 ss_atime, ss_dtime, ss_ctime;
	int		 ss_cpid, ss_lpid;
};

static struct ipc_table shm_ids = { .it_next_id = &tun_shm_next_id };

static struct shm_seg *
shm_at(int slot)
{
	return (struct shm_seg *)ipc_slot(&shm_ids, slot);
}

static void
shm_free(int slot)
{
	struct shm_seg *s = shm_at(slot);

	ipc_remove(&shm_ids, slot);
	vfs_release(s->ss_file);
	kfree(s);
}

static uint64_t
shm_nattch(const struct shm_seg *s)
{
	return __atomic_load_n(&s->ss_file->v_mapped, __ATOMIC_ACQUIRE);
}

/* Free removed segments nothing maps any more. */
static void
shm_sweep(void)
{
	for (int i = ipc_next(&shm_ids, 0); i >= 0;
	    i = ipc_next(&shm_ids, i + 1))
		if (shm_at(i) != NULL && (shm_at(i)->ss_perm.mode & SHM_DEST) &&
		    shm_nattch(shm_at(i)) == 0)
			shm_free(i);
}

static struct shm_seg *
shm_by_id(int id, int *slot)
{
	return (struct shm_seg *)ipc_by_id(&shm_ids, id, slot);
}

long
shm_get(int32_t key, uint64_t size, int flags)
{
	struct shm_seg *s;
	int slot, id;

	shm_sweep();
	if ((slot = ipc_find_key(&shm_ids, key)) >= 0) {
		s = shm_at(slot);
		if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
			return -EEXIST;
		if (!ipc_may(&s->ss_perm, (flags >> 6) & 7 & 06))
			return -EACCES;
		if (size > s->ss_size)
			return -EINVAL;
		return ipc_id(&shm_ids, slot);
	}
	if (key != IPC_PRIVATE && !(flags & IPC_CREAT))
		return -ENOENT;
	if (flags & SHM_HUGETLB)
		return -EINVAL;		/* no huge page pool */
	if (size < SHMMIN || size > tun_shmmax.tu_val ||
	    ALIGN_UP(size, PAGE_SIZE) < size)
		return -EINVAL;
	if ((uint64_t)shm_ids.it_used >= tun_shmmni.tu_val)
		return -ENOSPC;
	if ((s = kzalloc(sizeof(*s))) == NULL)
		return -ENOMEM;
	if ((s->ss_file = ramfs_file_new(vfs_root()->v_mnt, 0600)) == NULL ||
	    vfs_truncate(s->ss_file, size) != 0) {
		if (s->ss_file != NULL)
			vfs_release(s->ss_file);
		kfree(s);
		return -ENOMEM;
	}
	ipc_perm_init(&s->ss_perm, key, flags);
	s->ss_size = size;
	s->ss_ctime = ipc_now();
	s->ss_cpid = proc_current()->p_pid;
	if ((id = ipc_add(&shm_ids, &s->ss_perm)) < 0) {
		vfs_release(s->ss_file);
		kfree(s);
	}
	return id;
}

long
shm_attach(int id, uint64_t addr, int flags)
{
	struct shm_seg *s;
	unsigned int vflags = VM_READ | VM_SHARED;
	int how = 0, mask = 4;
	long va;

	shm_sweep();
	if ((s = shm_by_id(id, NULL)) == NULL)
		return -EINVAL;
	if (addr != 0) {
		if (flags & SHM_RND)
			addr = ALIGN_DOWN(addr, SHMLBA);
		if (addr & (SHMLBA - 1))
			return -EINVAL;
		/* Rounded down to page 0: no fixed mapping there (Linux). */
		if (addr == 0 && (flags & SHM_REMAP))
			return -EINVAL;
		how = (flags & SHM_REMAP) ? VM_MAP_FIXED : VM_MAP_NOREPLACE;
	} else if (flags & SHM_REMAP) {
		return -EINVAL;
	}
	if (!(flags & SHM_RDONLY)) {
		vflags |= VM_WRITE;
		mask |= 2;
	}
	if (flags & SHM_EXEC) {
		vflags |= VM_EXEC;
		mask |= 1;
	}
	if (!ipc_may(&s->ss_perm, mask))
		return -EACCES;
	/* Writable by mprotect only if the caller may write it. */
	if (ipc_may(&s->ss_perm, 2))
		vflags |= VM_MAYWRITE;
	va = vm_mmap(thread_current()->t_vm, addr, ALIGN_UP(s->ss_size,
	    PAGE_SIZE), vflags, how, s->ss_file, 0, "SYSV");
	if (va == -EEXIST)
		va = -EINVAL;		/* shmat: taken without SHM_REMAP */
	if (va >= 0) {
		s->ss_atime = ipc_now();
		s->ss_lpid = proc_current()->p_pid;
	}
	return va;
}

long
shm_detach(uint64_t addr)
{
	struct vm_space *vs = thread_current()->t_vm;
	uint64_t start, end, off;
	struct vnode *v;

	if ((addr & (PAGE_SIZE - 1)) != 0)
		return -EINVAL;
	if (!vm_area_at(vs, addr, &v, &start, &end, &off) || start != addr ||
	    off != 0 || v == NULL)
		return -EINVAL;
	for (int i = ipc_next(&shm_ids, 0); i >= 0;
	    i = ipc_next(&shm_ids, i + 1)) {
		struct shm_seg *s = shm_at(i);

		if (s == NULL || s->ss_file != v)
			continue;
		(void)vm_unmap(vs, addr, ALIGN_UP(s->ss_size, PAGE_SIZE));
		s->ss_dtime = ipc_now();
		s->ss_lpid = proc_current()->p_pid;
		shm_sweep();
		return 0;
	}
	return -EINVAL;
}

static void
shm_stat(const struct shm_seg *s, struct shmid_ds_abi *ds)
{
	memset(ds, 0, sizeof(*ds));
	ds->shm_perm = s->ss_perm;
	ds->shm_segsz = s->ss_size;
	ds->shm_atime = s->ss_atime;
	ds->shm_dtime = s->ss_dtime;
	ds->shm_ctime = s->ss_ctime;
	ds->shm_cpid = s->ss_cpid;
	ds->shm_lpid = s->ss_lpid;
	ds->shm_nattch = shm_nattch(s);
}

long
shm_ctl(int id, int cmd, void *buf)
{
	struct shm_seg *s;
	int slot, hi = -1;

	shm_sweep();
	switch (cmd) {
	case IPC_INFO: {
		struct shminfo_abi *in = buf;

		memset(in, 0, sizeof(*in));
		in->shmmax = tun_shmmax.tu_val;
		in->shmmin = SHMMIN;
		in->shmmni = tun_shmmni.tu_val;
		in->shmseg = tun_shmmni.tu_val;
		in->shmall = tun_shmall.tu_val;
		hi = ipc_highest(&shm_ids);
		return hi < 0 ? 0 : hi;
	}
	case SHM_INFO: {
		struct shm_info_abi *in = buf;

		memset(in, 0, sizeof(*in));
		in->used_ids = shm_ids.it_used;
		for (int i = ipc_next(&shm_ids, 0); i >= 0;
		    i = ipc_next(&shm_ids, i + 1))
			if ((s = shm_at(i)) != NULL) {
				hi = i;
				in->shm_tot += ALIGN_UP(s->ss_size, PAGE_SIZE) /
				    PAGE_SIZE;
				in->shm_rss += ALIGN_UP(s->ss_size, PAGE_SIZE) /
				    PAGE_SIZE;
			}
		return hi < 0 ? 0 : hi;
	}
	case SHM_STAT:
	case SHM_STAT_ANY:
		/* id is a slot here; the answer is the segment's id. */
		/* An index; of a whole id, Linux takes the index part. */
		if (id < 0)
			return -EINVAL;
		id &= IPC_SLOTS - 1;
		if ((s = shm_at(id)) == NULL)
			return -EINVAL;
		if (cmd == SHM_STAT && !ipc_may(&s->ss_perm, 4))
			return -EACCES;
		shm_stat(s, buf);
		return ipc_id(&shm_ids, id);
	}
	if ((s = shm_by_id(id, &slot)) == NULL)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT:
		if (!ipc_may(&s->ss_perm, 4))
			return -EACCES;
		shm_stat(s, buf);
		return 0;
	case IPC_SET:
		if (!ipc_owner(&s->ss_perm))
			return -EPERM;
		ipc_perm_set(&s->ss_perm,
		    &((const struct shmid_ds_abi *)buf)->shm_perm);
		s->ss_ctime = ipc_now();
		return 0;
	case IPC_RMID:
		if (!ipc_owner(&s->ss_perm))
			return -EPERM;
		s->ss_perm.mode |= SHM_DEST;
		s->ss_perm.key = IPC_PRIVATE;
		if (shm_nattch(s) == 0)
			shm_free(slot);
		return 0;
	case SHM_LOCK:
	case SHM_UNLOCK:
		if (!proc_capable(CAP_IPC_LOCK) && !ipc_owner(&s->ss_perm))
			return -EPERM;
		if (cmd == SHM_LOCK)
			s->ss_perm.mode |= SHM_LOCKED;
		else
			s->ss_perm.mode &= ~SHM_LOCKED;
		return 0;
	default:
		return -EINVAL;
	}
}

void
shm_foreach(void (*fn)(const struct shm_seg_info *, void *), void *arg)
{
	struct shm_seg_info info;
	bool on = intr_save();

	for (int i = ipc_next(&shm_ids, 0); i >= 0;
	    i = ipc_next(&shm_ids, i + 1)) {
		const struct shm_seg *s = shm_at(i);

		shm_stat(s, &info.ssi_ds);
		info.ssi_id = ipc_id(&shm_ids, i);
		/* As SHM_INFO counts it: the segment's pages. */
		info.ssi_rss = ALIGN_UP(s->ss_size, PAGE_SIZE);
		fn(&info, arg);
	}
	intr_restore(on);
}
