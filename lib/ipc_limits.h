/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The limits of System V IPC (kernel/ipc) and AIO as programs see them,
 * through IPC_INFO and /proc/sys (fs/procfs): one place for both.
 */
#ifndef LIB_IPC_LIMITS_H
#define LIB_IPC_LIMITS_H

#include <stdint.h>

#define IPC_MNI		4096		/* objects of one kind at most */
#define SHMMIN		1
#define SHMMAX		(UINT64_MAX - (1UL << 24))	/* Linux's default */
#define SHMALL		(UINT64_MAX - (1UL << 24))
#define MSGMAX		8192		/* bytes in one message */
#define MSGMNB		16384		/* bytes in one queue, by default */
/* AIO (syscall/sys_aio.c): events all contexts may ask for together. */
#define AIO_MAX_NR	65536		/* /proc/sys/fs/aio-max-nr */
#define SEMMSL		32000		/* semaphores in one set */
#define SEMMNS		(IPC_MNI * SEMMSL)	/* in all sets */
#define SEMOPM		500		/* operations in one semop */
#define SEMVMX		32767		/* a semaphore's largest value */
#define SEMAEM		SEMVMX		/* largest undo adjustment */

#endif /* LIB_IPC_LIMITS_H */
