/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The key retention service's system calls: add_key, request_key and
 * keyctl (kernel/ipc/keys.c).  Types, descriptions and payloads are
 * copied in here, and what keyctl returns copied out, in Linux's order,
 * so that a bad pointer gives EFAULT before anything is looked up.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/ipc/keys.h>
#include <syscall/sys.h>

/* A key type name into type[KEY_TYPE_MAX]: 0 or -errno. */
static long
sys_keys_type(char *type, const char *utype)
{
	long n = sys_user_str(type, utype, KEY_TYPE_MAX);

	if (n == -E2BIG)
		return -EINVAL;
	if (n < 0)
		return n;
	return keys_type_name_check(type, (size_t)n);
}

/* A kmalloc'd copy of a user string of fewer than max bytes. */
static long
sys_keys_strdup(const char *ustr, size_t max, char **out)
{
	char *s = kmalloc(max);
	long n;

	*out = NULL;
	if (s == NULL)
		return -ENOMEM;
	if ((n = sys_user_str(s, ustr, max)) < 0) {
		kfree(s);
		return n == -E2BIG ? -EINVAL : n;
	}
	*out = s;
	return n;
}

/* plen bytes of payload from upayload (none when plen is 0). */
static long
sys_keys_payload(const void *upayload, size_t plen, void **out)
{
	*out = NULL;
	if (plen == 0)
		return 0;
	if ((*out = kmalloc(plen)) == NULL)
		return -ENOMEM;
	if (copy_from_user(*out, upayload, plen) != 0) {
		kfree(*out);
		*out = NULL;
		return -EFAULT;
	}
	return 0;
}

long
sys_add_key(struct trap_frame *tf)
{
	char type[KEY_TYPE_MAX], *desc = NULL;
	size_t plen = tf->r10;
	void *payload = NULL;
	long r;

	if (plen > KEY_PAYLOAD_MAX)
		return -EINVAL;
	if ((r = sys_keys_type(type, (const char *)tf->rdi)) != 0)
		return r;
	if (tf->rsi != 0) {
		if ((r = sys_keys_strdup((const char *)tf->rsi, KEY_DESC_MAX,
		    &desc)) < 0)
			return r;
		if (desc[0] == '\0') {
			kfree(desc);
			desc = NULL;
		} else if (desc[0] == '.' && strncmp(type, "keyring", 7) == 0) {
			kfree(desc);
			return -EPERM;
		}
	}
	if ((r = sys_keys_payload((const void *)tf->rdx, plen, &payload)) == 0)
		r = keys_add(type, desc, payload, plen, (int32_t)tf->r8);
	kfree(payload);
	kfree(desc);
	return r;
}

long
sys_request_key(struct trap_frame *tf)
{
	char type[KEY_TYPE_MAX], *desc, *callout = NULL;
	long r;

	if ((r = sys_keys_type(type, (const char *)tf->rdi)) != 0)
		return r;
	if ((r = sys_keys_strdup((const char *)tf->rsi, KEY_DESC_MAX,
	    &desc)) < 0)
		return r;
	if (tf->rdx != 0 && (r = sys_keys_strdup((const char *)tf->rdx,
	    4096, &callout)) < 0) {
		kfree(desc);
		return r;
	}
	r = keys_request(type, desc, callout, (int32_t)tf->r10);
	kfree(callout);
	kfree(desc);
	return r;
}

static long
sys_keys_describe(int32_t id, void *ubuf, size_t buflen)
{
	char *s = NULL;
	long n = keys_describe(id, &s);

	/* As Linux: copied only when it all fits. */
	if (n > 0 && ubuf != NULL && buflen >= (size_t)n &&
	    copy_to_user(ubuf, s, (size_t)n) != 0)
		n = -EFAULT;
	kfree(s);
	return n;
}

static long
sys_keys_read(int32_t id, void *ubuf, size_t buflen)
{
	size_t copied;
	long n = keys_read(id, NULL, 0, &copied), r;
	void *kbuf;

	/* As Linux: the length, and the payload only when it all fits. */
	if (n <= 0 || ubuf == NULL || (size_t)n > buflen)
		return n;
	if ((kbuf = kmalloc((size_t)n)) == NULL)
		return -ENOMEM;
	r = keys_read(id, kbuf, (size_t)n, &copied);
	if (r >= 0 && copied > 0 && copy_to_user(ubuf, kbuf, copied) != 0)
		r = -EFAULT;
	kfree(kbuf);
	return r;
}

static long
sys_keys_search(int32_t ring, const char *utype, const char *udesc,
    int32_t dest)
{
	char type[KEY_TYPE_MAX], *desc;
	long r;

	if ((r = sys_keys_type(type, utype)) != 0)
		return r;
	if ((r = sys_keys_strdup(udesc, KEY_DESC_MAX, &desc)) < 0)
		return r;
	r = keys_search(ring, type, desc, dest);
	kfree(desc);
	return r;
}

long
sys_keyctl(struct trap_frame *tf)
{
	int32_t id = (int32_t)tf->rsi;
	void *payload;
	char *name;
	long r;

	switch ((int)tf->rdi) {
	case KEYCTL_GET_KEYRING_ID:
		return keys_get_id(id, (int)tf->rdx);
	case KEYCTL_JOIN_SESSION_KEYRING:
		name = NULL;
		if (tf->rsi != 0 && (r = sys_keys_strdup((const char *)tf->rsi,
		    KEY_DESC_MAX, &name)) < 0)
			return r;
		r = keys_join_session(name);
		kfree(name);
		return r;
	case KEYCTL_UPDATE:
		if (tf->r10 > KEY_PAYLOAD_MAX)
			return -EINVAL;
		if ((r = sys_keys_payload((const void *)tf->rdx, tf->r10,
		    &payload)) != 0)
			return r;
		r = keys_update(id, payload, tf->r10);
		kfree(payload);
		return r;
	case KEYCTL_REVOKE:
		return keys_revoke(id);
	case KEYCTL_CHOWN:
		return keys_chown(id, (uint32_t)tf->rdx, (uint32_t)tf->r10);
	case KEYCTL_SETPERM:
		return keys_setperm(id, (uint32_t)tf->rdx);
	case KEYCTL_DESCRIBE:
		return sys_keys_describe(id, (void *)tf->rdx, tf->r10);
	case KEYCTL_CLEAR:
		return keys_clear(id);
	case KEYCTL_LINK:
		return keys_link(id, (int32_t)tf->rdx);
	case KEYCTL_UNLINK:
		return keys_unlink(id, (int32_t)tf->rdx);
	case KEYCTL_SEARCH:
		return sys_keys_search(id, (const char *)tf->rdx,
		    (const char *)tf->r10, (int32_t)tf->r8);
	case KEYCTL_READ:
		return sys_keys_read(id, (void *)tf->rdx, tf->r10);
	case KEYCTL_INSTANTIATE:
	case KEYCTL_NEGATE:
	case KEYCTL_REJECT:
	case KEYCTL_INSTANTIATE_IOV:
		return -EPERM;	/* no request_key authority to act on */
	case KEYCTL_SET_REQKEY_KEYRING:
		return keys_set_reqkey((int)tf->rsi);
	case KEYCTL_SET_TIMEOUT:
		return keys_set_timeout(id, (uint32_t)tf->rdx);
	case KEYCTL_ASSUME_AUTHORITY:
		return keys_assume_authority(id);
	case KEYCTL_GET_SECURITY:
		r = keys_get_security(id);
		if (r > 0 && tf->rdx != 0 && tf->r10 > 0 &&
		    copy_to_user((void *)tf->rdx, "", 1) != 0)
			r = -EFAULT;
		return r;
	case KEYCTL_SESSION_TO_PARENT:
		return keys_session_to_parent();
	case KEYCTL_INVALIDATE:
		return keys_invalidate(id);
	case KEYCTL_GET_PERSISTENT:	/* no CONFIG_PERSISTENT_KEYRINGS */
	default:
		return -EOPNOTSUPP;
	}
}
