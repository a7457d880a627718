/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The key retention service (add_key(2), request_key(2), keyctl(2)):
 * keys of the types "user", "logon" and "keyring" held in keyrings, the
 * special keyrings of a thread, a process, a session and a user, their
 * permission masks and the per-user quotas of /proc/sys/kernel/keys.
 * Every string and payload here is kernel memory: syscall/sys_keys.c
 * copies them across the user boundary.  Functions return a key's serial,
 * 0 or a length, or a negative errno as Linux.
 */
#ifndef KERNEL_IPC_KEYS_H
#define KERNEL_IPC_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include <kernel/ipc/keys_perm.h>

/* Special keyring ids. */
#define KEY_SPEC_THREAD_KEYRING		-1
#define KEY_SPEC_PROCESS_KEYRING	-2
#define KEY_SPEC_SESSION_KEYRING	-3
#define KEY_SPEC_USER_KEYRING		-4
#define KEY_SPEC_USER_SESSION_KEYRING	-5
#define KEY_SPEC_GROUP_KEYRING		-6
#define KEY_SPEC_REQKEY_AUTH_KEY	-7
#define KEY_SPEC_REQUESTOR_KEYRING	-8

/* request_key's default keyring (KEYCTL_SET_REQKEY_KEYRING). */
#define KEY_REQKEY_DEFL_NO_CHANGE	-1
#define KEY_REQKEY_DEFL_DEFAULT		0
#define KEY_REQKEY_DEFL_THREAD_KEYRING	1
#define KEY_REQKEY_DEFL_PROCESS_KEYRING	2
#define KEY_REQKEY_DEFL_SESSION_KEYRING	3
#define KEY_REQKEY_DEFL_USER_KEYRING	4
#define KEY_REQKEY_DEFL_USER_SESSION_KEYRING 5
#define KEY_REQKEY_DEFL_GROUP_KEYRING	6
#define KEY_REQKEY_DEFL_REQUESTOR_KEYRING 7

#define KEYCTL_GET_KEYRING_ID		0
#define KEYCTL_JOIN_SESSION_KEYRING	1
#define KEYCTL_UPDATE			2
#define KEYCTL_REVOKE			3
#define KEYCTL_CHOWN			4
#define KEYCTL_SETPERM			5
#define KEYCTL_DESCRIBE			6
#define KEYCTL_CLEAR			7
#define KEYCTL_LINK			8
#define KEYCTL_UNLINK			9
#define KEYCTL_SEARCH			10
#define KEYCTL_READ			11
#define KEYCTL_INSTANTIATE		12
#define KEYCTL_NEGATE			13
#define KEYCTL_SET_REQKEY_KEYRING	14
#define KEYCTL_SET_TIMEOUT		15
#define KEYCTL_ASSUME_AUTHORITY		16
#define KEYCTL_GET_SECURITY		17
#define KEYCTL_SESSION_TO_PARENT	18
#define KEYCTL_REJECT			19
#define KEYCTL_INSTANTIATE_IOV		20
#define KEYCTL_INVALIDATE		21
#define KEYCTL_GET_PERSISTENT		22

#define KEY_TYPE_MAX		32	/* a type name's bytes, NUL included */
#define KEY_DESC_MAX		4096	/* a description's, NUL included */
#define KEY_PAYLOAD_MAX		(1024 * 1024 - 1) /* add_key's plen */

/* Install the process hooks and /proc/keys, /proc/key-users.  At boot. */
void	keys_init(void);

/* add_key: desc NULL when the caller gave none or "". */
long	keys_add(const char *type, const char *desc, const void *payload,
	    size_t plen, int32_t ring);
/* request_key: callout NULL when the caller gave none. */
long	keys_request(const char *type, const char *desc, const char *callout,
	    int32_t dest);

long	keys_get_id(int32_t id, int create);
long	keys_join_session(const char *name);
long	keys_update(int32_t id, const void *payload, size_t plen);
long	keys_revoke(int32_t id);
long	keys_chown(int32_t id, uint32_t uid, uint32_t gid);
long	keys_setperm(int32_t id, uint32_t perm);
/*
 * DESCRIBE: *out gets a kmalloc'd "type;uid;gid;perm;description" and its
 * length, NUL included, is returned.
 */
long	keys_describe(int32_t id, char **out);
long	keys_clear(int32_t id);
long	keys_link(int32_t id, int32_t ring);
long	keys_unlink(int32_t id, int32_t ring);
long	keys_search(int32_t ring, const char *type, const char *desc,
	    int32_t dest);
/*
 * READ: the payload's length (a keyring's: its keys' serials), copied
 * into buf only when it fits in len bytes (*copied says how many were).
 * buf may be NULL to ask the length.
 */
long	keys_read(int32_t id, void *buf, size_t len, size_t *copied);
long	keys_set_reqkey(int mode);
long	keys_set_timeout(int32_t id, uint32_t secs);
long	keys_invalidate(int32_t id);
long	keys_get_security(int32_t id);
long	keys_session_to_parent(void);
long	keys_assume_authority(int32_t id);

/*
 * /proc/keys (the keys the caller may view) and /proc/key-users, a piece
 * of text at a time through put.  Interrupts off.
 */
void	keys_show_keys(void (*put)(void *arg, const char *s), void *arg);
void	keys_show_users(void (*put)(void *arg, const char *s), void *arg);

#endif /* KERNEL_IPC_KEYS_H */
