/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System V shared memory (shmget, shmat, shmdt, shmctl).  A segment is
 * a nameless ramfs file in pages, so an attachment is an ordinary shared
 * file mapping: fork shares it, exit and exec drop it, and the segment's
 * attachment count is the number of areas mapping the file.
 */
#ifndef KERNEL_IPC_SHM_H
#define KERNEL_IPC_SHM_H

#include <stdint.h>

#include <kernel/ipc/ipc.h>

#define SHM_RDONLY	010000
#define SHM_RND		020000
#define SHM_REMAP	040000
#define SHM_EXEC	0100000
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15
#define SHM_HUGETLB	04000

#define SHMMNI		IPC_MNI		/* segments at most */
#define SHMLBA		4096

/* struct shmid64_ds of x86-64. */
struct shmid_ds_abi {
	struct ipc_perm_abi shm_perm;
	uint64_t	shm_segsz;
	int64_t		shm_atime, shm_dtime, shm_ctime;
	int32_t		shm_cpid, shm_lpid;
	uint64_t	shm_nattch;
	uint64_t	unused4, unused5;
};

struct shminfo_abi {			/* IPC_INFO */
	uint64_t	shmmax, shmmin, shmmni, shmseg, shmall;
	uint64_t	unused[4];
};

struct shm_info_abi {			/* SHM_INFO */
	int32_t		used_ids;
	int32_t		pad;
	uint64_t	shm_tot, shm_rss, shm_swp;
	uint64_t	swap_attempts, swap_successes;
};

long	shm_get(int32_t key, uint64_t size, int flags);
/* Attach segment id at addr (0: anywhere); the address or -errno. */
long	shm_attach(int id, uint64_t addr, int flags);
long	shm_detach(uint64_t addr);
/*
 * shmctl: buf is a kernel copy of the caller's struct (read for IPC_SET,
 * filled for the STAT and INFO commands; big enough for any of them).
 */
long	shm_ctl(int id, int cmd, void *buf);

/* One segment as /proc/sysvipc/shm shows it (bytes for size and rss). */
struct shm_seg_info {
	struct shmid_ds_abi ssi_ds;	/* as IPC_STAT gives it */
	int		ssi_id;
	uint64_t	ssi_rss;
};
/* fn for every segment in slot order, interrupts off (fn must not sleep). */
void	shm_foreach(void (*fn)(const struct shm_seg_info *, void *),
	    void *arg);

#endif /* KERNEL_IPC_SHM_H */
