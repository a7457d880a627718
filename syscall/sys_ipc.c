/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System V IPC system calls: shared memory (kernel/ipc/shm.c).  The
 * structures cross the user boundary here, nowhere else.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <arch/x86_64/include/user.h>
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
