/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System V IPC system calls: shared memory (kernel/ipc/shm.c), message
 * queues (kernel/ipc/msg.c) and semaphores (kernel/ipc/sem.c).  The
 * structures cross the user boundary here, nowhere else.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/timespec.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/ipc/msg.h>
#include <kernel/ipc/sem.h>
#include <kernel/ipc/shm.h>
#include <syscall/sys.h>

#define IPC_64		0x0100	/* glibc's flag for the 64-bit layouts */

long
sys_shmget(struct trap_frame *tf)
{
	return shm_get((int32_t)tf->rdi, tf->rsi, (int)tf->rdx);
}

long
sys_shmat(struct trap_frame *tf)
{
	return shm_attach((int)tf->rdi, tf->rsi, (int)tf->rdx);
}

long
sys_shmdt(struct trap_frame *tf)
{
	return shm_detach(tf->rdi);
}

long
sys_shmctl(struct trap_frame *tf)
{
	union {
		struct shmid_ds_abi	ds;
		struct shminfo_abi	info;
		struct shm_info_abi	sinfo;
	} u;
	int cmd = (int)tf->rsi & ~IPC_64;
	size_t n = sizeof(u.ds);
	long r;

	if ((int)tf->rdi < 0 && cmd != IPC_INFO && cmd != SHM_INFO)
		return -EINVAL;
	if (cmd == IPC_INFO)
		n = sizeof(u.info);
	else if (cmd == SHM_INFO)
		n = sizeof(u.sinfo);
	if (cmd == IPC_SET &&
	    copy_from_user(&u.ds, (const void *)tf->rdx, sizeof(u.ds)) != 0)
		return -EFAULT;
	r = shm_ctl((int)tf->rdi, cmd, &u);
	if (r < 0 || cmd == IPC_SET || cmd == IPC_RMID || cmd == SHM_LOCK ||
	    cmd == SHM_UNLOCK)
		return r;
	if (copy_to_user((void *)tf->rdx, &u, n) != 0)
		return -EFAULT;
	return r;
}

long
sys_msgget(struct trap_frame *tf)
{
	return msg_get((int32_t)tf->rdi, (int)tf->rsi);
}

long
sys_msgsnd(struct trap_frame *tf)
{
	int64_t len = (int64_t)tf->rdx;
	long type, r;
	char *text;

	if (len < 0 || len > MSGMAX)
		return -EINVAL;
	if (copy_from_user(&type, (const void *)tf->rsi, sizeof(type)) != 0)
		return -EFAULT;
	if ((text = kmalloc((size_t)len + 1)) == NULL)
		return -ENOMEM;
	if (copy_from_user(text, (const char *)tf->rsi + sizeof(long),
	    (size_t)len) != 0)
		r = -EFAULT;
	else
		r = msg_send((int)tf->rdi, type, text, (size_t)len,
		    (int)tf->r10);
	kfree(text);
	return r;
}

long
sys_msgrcv(struct trap_frame *tf)
{
	int64_t max = (int64_t)tf->rdx;
	long type = 0, n;
	char *text;

	if (max < 0)
		return -EINVAL;
	if ((uint64_t)max > MSGMAX)
		max = MSGMAX;		/* no message is longer */
	if (!user_range_ok(tf->rsi, sizeof(long) + (size_t)max))
		return -EFAULT;
	if ((text = kmalloc((size_t)max + 1)) == NULL)
		return -ENOMEM;
	n = msg_receive((int)tf->rdi, text, (size_t)max, (long)tf->r10,
	    (int)tf->r8, &type);
	/* A message that cannot be delivered is lost, as on Linux. */
	if (n >= 0 && (copy_to_user((void *)tf->rsi, &type, sizeof(type)) != 0 ||
	    copy_to_user((char *)tf->rsi + sizeof(long), text, (size_t)n) != 0))
		n = -EFAULT;
	kfree(text);
	return n;
}

long
sys_msgctl(struct trap_frame *tf)
{
	union {
		struct msqid_ds_abi	ds;
		struct msginfo_abi	info;
	} u;
	int cmd = (int)tf->rsi & ~IPC_64;
	size_t n = (cmd == IPC_INFO || cmd == MSG_INFO) ? sizeof(u.info) :
	    sizeof(u.ds);
	long r;

	if (cmd == IPC_SET &&
	    copy_from_user(&u.ds, (const void *)tf->rdx, sizeof(u.ds)) != 0)
		return -EFAULT;
	r = msg_ctl((int)tf->rdi, cmd, &u);
	if (r < 0 || cmd == IPC_SET || cmd == IPC_RMID)
		return r;
	if (copy_to_user((void *)tf->rdx, &u, n) != 0)
		return -EFAULT;
	return r;
}

long
sys_semget(struct trap_frame *tf)
{
	return sem_get((int32_t)tf->rdi, (int)tf->rsi, (int)tf->rdx);
}

/* semop and semtimedop: the operations, then the relative timeout. */
static long
sys_semop_common(int id, uint64_t uops, uint64_t nops, uint64_t uts)
{
	uint64_t deadline = UINT64_MAX;
	struct sembuf_abi *ops;
	int64_t ts[2];
	long r;

	if (nops < 1 || id < 0)
		return -EINVAL;
	if (nops > SEMOPM)
		return -E2BIG;
	if ((ops = kmalloc(nops * sizeof(*ops))) == NULL)
		return -ENOMEM;
	if (copy_from_user(ops, (const void *)uops, nops * sizeof(*ops)) != 0) {
		kfree(ops);
		return -EFAULT;
	}
	if (uts != 0) {
		if (copy_from_user(ts, (const void *)uts, sizeof(ts)) != 0) {
			kfree(ops);
			return -EFAULT;
		}
		if (!timespec_valid(ts[0], ts[1])) {
			kfree(ops);
			return -EINVAL;
		}
		/* Saturating: a huge timeout must not wrap into the past. */
		deadline = timespec_add_sat(pv_clock_ns(),
		    timespec_to_ns(ts[0], ts[1]));
	}
	r = sem_op(id, ops, (size_t)nops, deadline);
	kfree(ops);
	return r;
}

long
sys_semop(struct trap_frame *tf)
{
	return sys_semop_common((int)tf->rdi, tf->rsi, tf->rdx, 0);
}

long
sys_semtimedop(struct trap_frame *tf)
{
	return sys_semop_common((int)tf->rdi, tf->rsi, tf->rdx, tf->r10);
}

/* GETALL and SETALL: an array of the set's size at arg. */
static long
sys_semctl_all(int id, int cmd, uint64_t arg)
{
	uint16_t *vals = NULL;
	long n;

	if (cmd == GETALL) {
		if ((n = sem_getall(id, &vals)) < 0)
			return n;
		n = copy_to_user((void *)arg, vals, (size_t)n * sizeof(*vals))
		    != 0 ? -EFAULT : 0;
		kfree(vals);
		return n;
	}
	if ((n = sem_setall_size(id)) < 0)
		return n;
	if ((vals = kmalloc((size_t)n * sizeof(*vals) + 1)) == NULL)
		return -ENOMEM;
	if (copy_from_user(vals, (const void *)arg, (size_t)n * sizeof(*vals))
	    != 0)
		n = -EFAULT;
	else
		n = sem_setall(id, vals, (size_t)n);
	kfree(vals);
	return n;
}

long
sys_semctl(struct trap_frame *tf)
{
	union {
		struct semid_ds_abi	ds;
		struct seminfo_abi	info;
	} u;
	int id = (int)tf->rdi, cmd = (int)tf->rdx & ~IPC_64;
	size_t n = (cmd == IPC_INFO || cmd == SEM_INFO) ? sizeof(u.info) :
	    sizeof(u.ds);
	long r;

	if (id < 0)
		return -EINVAL;
	if (cmd == GETALL || cmd == SETALL)
		return sys_semctl_all(id, cmd, tf->r10);
	if (cmd == IPC_SET &&
	    copy_from_user(&u.ds, (const void *)tf->r10, sizeof(u.ds)) != 0)
		return -EFAULT;
	/* SETVAL's argument is the union's int: the low half. */
	r = sem_ctl(id, (int)tf->rsi, cmd, &u, (int)(uint32_t)tf->r10);
	if (r < 0 || (cmd != IPC_STAT && cmd != SEM_STAT &&
	    cmd != SEM_STAT_ANY && cmd != IPC_INFO && cmd != SEM_INFO))
		return r;
	if (copy_to_user((void *)tf->r10, &u, n) != 0)
		return -EFAULT;
	return r;
}
