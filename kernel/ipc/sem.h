/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System V semaphores (semget, semop, semtimedop, semctl).  The
 * structures of the ABI are here; syscall/sys_ipc.c copies them across
 * the user boundary, sem.c works on kernel copies.
 */
#ifndef KERNEL_IPC_SEM_H
#define KERNEL_IPC_SEM_H

#include <stddef.h>
#include <stdint.h>

#include <kernel/ipc/ipc.h>
#include <kernel/ipc/sem_ops.h>

#define GETPID		11
#define GETVAL		12
#define GETALL		13
#define GETNCNT		14
#define GETZCNT		15
#define SETVAL		16
#define SETALL		17
#define SEM_STAT	18
#define SEM_INFO	19
#define SEM_STAT_ANY	20

#define SEMUSZ		20	/* IPC_INFO's semusz, as Linux */

struct semid_ds_abi {			/* struct semid64_ds, x86-64 */
	struct ipc_perm_abi sem_perm;
	int64_t		sem_otime;
	uint64_t	unused1;
	int64_t		sem_ctime;
	uint64_t	unused2;
	uint64_t	sem_nsems;
	uint64_t	unused3, unused4;
};

struct seminfo_abi {
	int32_t		semmap, semmni, semmns, semmnu, semmsl, semopm;
	int32_t		semume, semusz, semvmx, semaem;
};

/* Install the exit hook that applies SEM_UNDO.  Call once at boot. */
void	sem_init(void);

long	sem_get(int32_t key, int nsems, int flags);
/*
 * semop on a kernel copy of the operations (1..SEMOPM of them, checked
 * by the caller), waiting until deadline_ns (pv_clock_ns; UINT64_MAX:
 * none): 0, or -EINVAL, -EFBIG, -EACCES, -ERANGE, -EAGAIN (IPC_NOWAIT
 * or the deadline), -EINTR (a signal), -EIDRM (removed meanwhile).
 */
long	sem_op(int id, const struct sembuf_abi *ops, size_t n,
	    uint64_t deadline_ns);
/*
 * semctl but GETALL and SETALL: buf is a kernel struct semid_ds_abi or
 * struct seminfo_abi as cmd wants, val SETVAL's value.
 */
long	sem_ctl(int id, int num, int cmd, void *buf, int val);
/* GETALL: the set's size, its values in *vals (kmalloc'd; kfree them). */
long	sem_getall(int id, uint16_t **vals);
/* SETALL, first step: the set's size if the caller may write it. */
long	sem_setall_size(int id);
/* SETALL: n values (the size sem_setall_size gave). */
long	sem_setall(int id, const uint16_t *vals, size_t n);

/* One set as /proc/sysvipc/sem shows it. */
struct sem_set_info {
	struct ipc_perm_abi ssi_perm;
	int		ssi_id;
	unsigned int	ssi_nsems;
	int64_t		ssi_otime, ssi_ctime;
};
/* fn for every set in slot order, interrupts off (fn must not sleep). */
void	sem_foreach(void (*fn)(const struct sem_set_info *, void *),
	    void *arg);

#endif /* KERNEL_IPC_SEM_H */
