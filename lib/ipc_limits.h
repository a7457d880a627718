/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The limits of System V IPC (kernel/ipc) and AIO as programs see them,
 * through IPC_INFO and /proc/sys (fs/procfs): one place for both.  POSIX
 * message queues' limits may be changed through /proc/sys/fs/mqueue, so
 * they are variables (ipc_limits.c), read by kernel/ipc and shown and
 * set by fs/procfs.
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


/* POSIX message queues: what no one may pass (Linux's HARD_MSG*). */
#define MQ_HARD_MSG_MAX		65536
#define MQ_HARD_MSGSIZE_MAX	(16 * 1024 * 1024)
#define MQ_HARD_QUEUES_MAX	1024

/* /proc/sys/fs/mqueue: Linux's names and defaults in the comments. */
struct mq_limits {
	uint64_t	ml_msg_max;		/* msg_max: 10 */
	uint64_t	ml_msgsize_max;		/* msgsize_max: 8192 */
	uint64_t	ml_queues_max;		/* queues_max: 256 */
	uint64_t	ml_msg_default;		/* msg_default: 10 */
	uint64_t	ml_msgsize_default;	/* msgsize_default: 8192 */
};
extern struct mq_limits mq_limits;

#endif /* LIB_IPC_LIMITS_H */
