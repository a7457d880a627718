/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* System V message queues (msgget, msgsnd, msgrcv, msgctl). */
#ifndef KERNEL_IPC_MSG_H
#define KERNEL_IPC_MSG_H

#include <stddef.h>
#include <stdint.h>

#include <kernel/ipc/ipc.h>

#define MSG_NOERROR	010000
#define MSG_EXCEPT	020000
#define MSG_COPY	040000
#define MSG_STAT	11
#define MSG_INFO	12
#define MSG_STAT_ANY	13

#define MSGMNI		32000	/* Linux's limit; the table holds IPC_MNI */

struct msqid_ds_abi {			/* struct msqid64_ds, x86-64 */
	struct ipc_perm_abi msg_perm;
	int64_t		msg_stime, msg_rtime, msg_ctime;
	uint64_t	msg_cbytes, msg_qnum, msg_qbytes;
	int32_t		msg_lspid, msg_lrpid;
	uint64_t	unused4, unused5;
};

struct msginfo_abi {
	int32_t		msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz;
	int32_t		msgtql;
	uint16_t	msgseg, pad;
};

long	msg_get(int32_t key, int flags);
/* Send type and len bytes of text (kernel memory). */
long	msg_send(int id, long type, const void *text, size_t len, int flags);
/*
 * Receive into text (kernel memory, max bytes): the length, with the
 * message's type in *type.
 */
long	msg_receive(int id, void *text, size_t max, long want, int flags,
	    long *type);
/* msgctl, buf a kernel copy as for shm_ctl. */
long	msg_ctl(int id, int cmd, void *buf);

/* One queue as /proc/sysvipc/msg shows it. */
struct msg_queue_info {
	struct msqid_ds_abi mqi_ds;	/* as IPC_STAT gives it */
	int		mqi_id;
};
/* fn for every queue in slot order, interrupts off (fn must not sleep). */
void	msg_foreach(void (*fn)(const struct msg_queue_info *, void *),
	    void *arg);

#endif /* KERNEL_IPC_MSG_H */
