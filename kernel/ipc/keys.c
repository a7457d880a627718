/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The key retention service (see keys.h).  A key has a random serial,
 * a type, a description, an owner, a permission mask and a payload: bytes
 * for "user" and "logon", a list of links to other keys for "keyring".
 * A key lives while something refers to it: a link from a keyring, a
 * process's or thread's pointer to its special keyrings, a user's
 * keyrings; the last reference frees it and gives back its owner's quota
 * at once (no garbage collector, so a revoked key that is still linked
 * stays until unlinked, and an unlinked one goes without gc_delay).
 * Cycles cannot form: a keyring is never linked where it would reach
 * itself, and nesting is bounded (KEYS_DEPTH).
 *
 * "Possessed" keys are those reachable from the caller's thread,
 * process and session keyrings through searchable keyrings; their
 * possessor permission byte counts too.  Without a session keyring the
 * user's session keyring stands in, as Linux.  request_key with callout
 * information runs no /sbin/request-key: as Linux when the upcall cannot
 * run, the key is made negative for 60 s in the destination keyring and
 * the call fails with ENOENT.
 *
 * Jiny keeps the session keyring and request_key's default per process,
 * where Linux keeps them per thread's credentials; a new thread starts
 * without a thread keyring.  Every operation runs with interrupts off
 * (one CPU): nothing here sleeps, and strings and payloads are kernel
 * copies made by syscall/sys_keys.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <fs/random.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/tunable.h>
#include <kernel/ipc/ipc.h>
#include <kernel/ipc/keys.h>

#define KEYS_DEPTH		6	/* keyrings searched inside keyrings */
#define KEYS_LINK_BYTES		4	/* quota a link costs its keyring */
#define KEYS_NEG_TIMEOUT	60	/* seconds a negative key lasts */
#define KEYS_USERS_MAX		1024	/* distinct owners at once */
#define KEYS_HASH		256
#define KEYS_VISITS		100000	/* keys one search may look at */

/* Key flags. */
#define KF_INSTANTIATED	0x01	/* positive or negative, not pending */
#define KF_NEGATIVE	0x02
#define KF_REVOKED	0x04
#define KF_INVALIDATED	0x08
#define KF_IN_QUOTA	0x10
#define KF_UID_KEYRING	0x20	/* a user's keyring: never found by name */

enum keys_kind { KT_USER, KT_LOGON, KT_KEYRING };

struct key_type {
	const char	*kt_name;
	enum keys_kind	 kt_kind;
	bool		 kt_read;	/* has a read method */
	bool		 kt_update;	/* has an update method */
};

static const struct key_type keys_types[] = {
	{ "user", KT_USER, true, true },
	{ "logon", KT_LOGON, false, true },
	{ "keyring", KT_KEYRING, true, false },
};

struct key_user {			/* an owner's counts and quota */
	struct key_user	*ku_next;
	uint32_t	 ku_uid;
	int		 ku_usage;	/* keys owned plus its keyrings */
	int		 ku_nkeys, ku_nikeys;
	uint64_t	 ku_qnkeys, ku_qnbytes;
	struct key	*ku_keyring;	/* "_uid.N", made on first use */
	struct key	*ku_session;	/* "_uid_ses.N" */
};

struct key {
	int32_t		 k_serial;
	uint32_t	 k_refs;
	const struct key_type *k_type;
	char		*k_desc;	/* NULL: none */
	uint32_t	 k_uid, k_gid, k_perm;
	uint32_t	 k_flags;	/* KF_* */
	int		 k_reject;	/* a negative key's error */
	int64_t		 k_expiry;	/* seconds; 0: never */
	size_t		 k_quotalen;	/* bytes charged to k_user */
	struct key_user	*k_user;
	void		*k_data;	/* user, logon: the payload */
	size_t		 k_datalen;
	struct key	**k_links;	/* keyring: what it holds */
	uint32_t	 k_nlinks, k_caplinks;
	struct key	*k_hash_next;	/* keys_hash chain */
	struct key	*k_all_next;	/* keys_all, by serial */
	struct key	*k_dead_next;	/* keys_put's work list */
};

static struct key *keys_hash[KEYS_HASH];
static struct key *keys_all;		/* every key, serials ascending */
static struct key_user *keys_users;
static unsigned int keys_visits;	/* left for the running search */
static unsigned int keys_nusers;

static struct key *
keys_by_serial(int32_t serial)
{
	for (struct key *k = keys_hash[(uint32_t)serial % KEYS_HASH]; k != NULL;
	    k = k->k_hash_next)
		if (k->k_serial == serial)
			return k;
	return NULL;
}

static const struct key_type *
keys_type(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(keys_types); i++)
		if (strcmp(keys_types[i].kt_name, name) == 0)
			return &keys_types[i];
	return NULL;
}

static bool
keys_is_keyring(const struct key *k)
{
	return k->k_type->kt_kind == KT_KEYRING;
}

/* ---- owners and quotas ---- */

static struct key_user *
keys_user(uint32_t uid, bool create)
{
	struct key_user *u;

	for (u = keys_users; u != NULL; u = u->ku_next)
		if (u->ku_uid == uid)
			return u;
	if (!create || keys_nusers >= KEYS_USERS_MAX ||
	    (u = kzalloc(sizeof(*u))) == NULL)
		return NULL;
	u->ku_uid = uid;
	u->ku_next = keys_users;
	keys_users = u;
	keys_nusers++;
	return u;
}

/* Forget u if nothing uses it (one just made for a call that failed). */
static void
keys_user_unused(struct key_user *u)
{
	if (u->ku_usage > 0)
		return;
	for (struct key_user **pp = &keys_users; *pp != NULL;
	    pp = &(*pp)->ku_next)
		if (*pp == u) {
			*pp = u->ku_next;
			break;
		}
	keys_nusers--;
	kfree(u);
}

static void
keys_user_put(struct key_user *u)
{
	u->ku_usage--;
	keys_user_unused(u);
}

static uint64_t
keys_maxkeys(uint32_t uid)
{
	return uid == 0 ? tun_keys_root_maxkeys.tu_val :
	    tun_keys_maxkeys.tu_val;
}

static uint64_t
keys_maxbytes(uint32_t uid)
{
	return uid == 0 ? tun_keys_root_maxbytes.tu_val :
	    tun_keys_maxbytes.tu_val;
}

/*
 * Change the bytes k is charged to len: -EDQUOT when growing past its
 * owner's quota (a key made over quota, the special keyrings, may grow).
 */
static int
keys_reserve(struct key *k, size_t len, bool overrun)
{
	struct key_user *u = k->k_user;

	if (k->k_flags & KF_IN_QUOTA) {
		if (len > k->k_quotalen && !overrun &&
		    u->ku_qnbytes - k->k_quotalen + len >
		    keys_maxbytes(u->ku_uid))
			return -EDQUOT;
		u->ku_qnbytes = u->ku_qnbytes - k->k_quotalen + len;
	}
	k->k_quotalen = len;
	return 0;
}

/* ---- the caller ---- */

static struct proc *
keys_proc(void)
{
	return proc_current();
}

static void
keys_who(struct keys_who *w)
{
	const struct proc_cred *c = &keys_proc()->p_cred;

	w->kw_fsuid = c->pc_fsuid;
	w->kw_fsgid = c->pc_fsgid;
	w->kw_ngroups = c->pc_ngroups;
	w->kw_groups = c->pc_groups;
}

static int
keys_perm(const struct key *k, bool possessed, uint32_t need)
{
	struct keys_who w;

	keys_who(&w);
	return keys_perm_check(k->k_perm, k->k_uid, k->k_gid, possessed, &w,
	    need);
}

/* ---- life and death ---- */

static int32_t
keys_new_serial(void)
{
	uint32_t r;

	do {
		random_bytes(&r, sizeof(r));
		r &= 0x7fffffff;
	} while (r < 3 || keys_by_serial((int32_t)r) != NULL);
	return (int32_t)r;
}

/*
 * A new key (one reference, for the caller) owned by uid/gid and charged
 * to uid: -EDQUOT over the quota unless overrun, -ENOMEM.
 */
static struct key *
keys_alloc(const struct key_type *type, const char *desc, uint32_t uid,
    uint32_t gid, uint32_t perm, bool overrun, int *error)
{
	struct key_user *u = keys_user(uid, true);
	size_t dlen = desc != NULL ? strlen(desc) : 0;
	size_t qlen = dlen + 1;
	struct key *k, **pp;

	*error = -ENOMEM;
	if (u == NULL)
		return NULL;
	if (!overrun && (u->ku_qnkeys + 1 > keys_maxkeys(uid) ||
	    u->ku_qnbytes + qlen > keys_maxbytes(uid))) {
		*error = -EDQUOT;
		keys_user_unused(u);
		return NULL;
	}
	if ((k = kzalloc(sizeof(*k))) == NULL ||
	    (desc != NULL && (k->k_desc = kmalloc(dlen + 1)) == NULL)) {
		kfree(k);
		keys_user_unused(u);
		return NULL;
	}
	if (desc != NULL)
		memcpy(k->k_desc, desc, dlen + 1);
	k->k_type = type;
	k->k_refs = 1;
	k->k_uid = uid;
	k->k_gid = gid;
	k->k_perm = perm;
	k->k_user = u;
	k->k_flags = KF_IN_QUOTA;
	k->k_quotalen = qlen;
	u->ku_usage++;
	u->ku_nkeys++;
	u->ku_qnkeys++;
	u->ku_qnbytes += qlen;
	k->k_serial = keys_new_serial();
	k->k_hash_next = keys_hash[(uint32_t)k->k_serial % KEYS_HASH];
	keys_hash[(uint32_t)k->k_serial % KEYS_HASH] = k;
	for (pp = &keys_all; *pp != NULL && (*pp)->k_serial < k->k_serial;
	    pp = &(*pp)->k_all_next)
		;
	k->k_all_next = *pp;
	*pp = k;
	*error = 0;
	return k;
}

static void
keys_mark_instantiated(struct key *k)
{
	if (!(k->k_flags & KF_INSTANTIATED)) {
		k->k_flags |= KF_INSTANTIATED;
		k->k_user->ku_nikeys++;
	}
}

static void
keys_get(struct key *k)
{
	k->k_refs++;
}

/* Forget k's payload: its bytes, or its links (references dropped). */
static void keys_put(struct key *k);

static void
keys_drop_links(struct key *k)
{
	struct key **links = k->k_links;
	uint32_t n = k->k_nlinks;

	k->k_links = NULL;
	k->k_nlinks = k->k_caplinks = 0;
	for (uint32_t i = 0; i < n; i++)
		keys_put(links[i]);
	kfree(links);
}

static void
keys_free_one(struct key *k)
{
	struct key_user *u = k->k_user;
	struct key **pp;

	for (pp = &keys_hash[(uint32_t)k->k_serial % KEYS_HASH]; *pp != k;
	    pp = &(*pp)->k_hash_next)
		;
	*pp = k->k_hash_next;
	for (pp = &keys_all; *pp != k; pp = &(*pp)->k_all_next)
		;
	*pp = k->k_all_next;
	if (k->k_flags & KF_IN_QUOTA) {
		u->ku_qnkeys--;
		u->ku_qnbytes -= k->k_quotalen;
	}
	u->ku_nkeys--;
	if (k->k_flags & KF_INSTANTIATED)
		u->ku_nikeys--;
	keys_user_put(u);
	kfree(k->k_desc);
	kfree(k->k_data);
	kfree(k);
}

/*
 * Drop a reference; the last frees the key, and a keyring's links go
 * with it, on a work list rather than by recursion.
 */
static void
keys_put(struct key *k)
{
	static struct key *dead;
	static bool busy;

	if (k == NULL || --k->k_refs > 0)
		return;
	k->k_dead_next = dead;
	dead = k;
	if (busy)
		return;
	busy = true;
	while ((k = dead) != NULL) {
		dead = k->k_dead_next;
		keys_drop_links(k);	/* may add to dead */
		keys_free_one(k);
	}
	busy = false;
}

/* ---- state ---- */

/* A key's usability: 0, or why not (Linux's key_validate). */
static int
keys_validate(const struct key *k)
{
	if (k->k_flags & KF_INVALIDATED)
		return -ENOKEY;
	if (k->k_flags & KF_REVOKED)
		return -EKEYREVOKED;
	if (k->k_expiry != 0 && ipc_now() >= k->k_expiry)
		return -EKEYEXPIRED;
	return 0;
}

/* As keys_validate, a negative key giving its error first. */
static int
keys_state(const struct key *k)
{
	if ((k->k_flags & KF_NEGATIVE) && !(k->k_flags & KF_INVALIDATED))
		return k->k_reject;
	return keys_validate(k);
}

static void
keys_revoke_key(struct key *k)
{
	if (k->k_flags & KF_REVOKED)
		return;
	k->k_flags |= KF_REVOKED;
	if (keys_is_keyring(k)) {
		keys_drop_links(k);
	} else {
		kfree(k->k_data);
		k->k_data = NULL;
		k->k_datalen = 0;
	}
	(void)keys_reserve(k, (k->k_desc != NULL ? strlen(k->k_desc) : 0) + 1,
	    true);
}

/* ---- keyrings ---- */

static int
keys_link_find(const struct key *ring, const struct key *k)
{
	for (uint32_t i = 0; i < ring->k_nlinks; i++)
		if (ring->k_links[i] == k)
			return (int)i;
	return -1;
}

/* The key in ring of type and description (one at most), its index. */
static int
keys_link_find_desc(const struct key *ring, const struct key_type *type,
    const char *desc)
{
	for (uint32_t i = 0; i < ring->k_nlinks; i++) {
		const struct key *k = ring->k_links[i];

		if (k->k_type == type && k->k_desc != NULL && desc != NULL &&
		    strcmp(k->k_desc, desc) == 0)
			return (int)i;
	}
	return -1;
}

static void
keys_link_remove(struct key *ring, uint32_t i)
{
	struct key *k = ring->k_links[i];

	memmove(&ring->k_links[i], &ring->k_links[i + 1],
	    (ring->k_nlinks - i - 1) * sizeof(ring->k_links[0]));
	ring->k_nlinks--;
	(void)keys_reserve(ring, ring->k_quotalen - KEYS_LINK_BYTES, true);
	keys_put(k);
}

/* Does from reach to (from itself included) within depth levels? */
static int
keys_reaches(const struct key *from, const struct key *to, int depth)
{
	int r;

	if (from == to)
		return 1;
	if (!keys_is_keyring(from))
		return 0;
	if (depth > KEYS_DEPTH || keys_visits == 0)
		return -ELOOP;
	keys_visits--;
	for (uint32_t i = 0; i < from->k_nlinks; i++)
		if ((r = keys_reaches(from->k_links[i], to, depth + 1)) != 0)
			return r;
	return 0;
}

/*
 * Link k into ring (a reference taken), replacing a key of the same type
 * and description: -ENOTDIR, -EKEYREVOKED for a revoked ring, -EDEADLK
 * for a cycle, -ELOOP when too deep, -EDQUOT, -ENOMEM.
 */
static int
keys_link_key(struct key *ring, struct key *k)
{
	int i, r;

	if (!keys_is_keyring(ring))
		return -ENOTDIR;
	if ((r = keys_validate(ring)) != 0)
		return r;
	if (keys_is_keyring(k)) {
		keys_visits = KEYS_VISITS;
		if ((r = keys_reaches(k, ring, 0)) > 0)
			return -EDEADLK;
		if (r < 0)
			return r;
	}
	if (keys_link_find(ring, k) >= 0)
		return 0;
	if ((i = keys_link_find_desc(ring, k->k_type, k->k_desc)) >= 0) {
		struct key *old = ring->k_links[i];

		keys_get(k);
		ring->k_links[i] = k;
		keys_put(old);
		return 0;
	}
	if (ring->k_nlinks == ring->k_caplinks) {
		uint32_t cap = ring->k_caplinks ? ring->k_caplinks * 2 : 4;
		struct key **l = kmalloc(cap * sizeof(*l));

		if (l == NULL)
			return -ENOMEM;
		if (ring->k_nlinks)
			memcpy(l, ring->k_links, ring->k_nlinks * sizeof(*l));
		kfree(ring->k_links);
		ring->k_links = l;
		ring->k_caplinks = cap;
	}
	if ((r = keys_reserve(ring, ring->k_quotalen + KEYS_LINK_BYTES,
	    false)) != 0)
		return r;
	keys_get(k);
	ring->k_links[ring->k_nlinks++] = k;
	return 0;
}

/* ---- searching ---- */

struct keys_match {
	const struct key_type *km_type;	/* by type and description */
	const char	*km_desc;
	const struct key *km_key;	/* or this very key */
	bool		 km_check;	/* state and permission checks */
	int		 km_err;	/* why a match was skipped */
};

static bool
keys_matches(const struct keys_match *m, const struct key *k)
{
	if (m->km_key != NULL)
		return k == m->km_key;
	return k->k_type == m->km_type && k->k_desc != NULL &&
	    strcmp(k->k_desc, m->km_desc) == 0;
}

/*
 * Search ring (searchable already) and the searchable keyrings within
 * for a key m matches: the key, or NULL with m->km_err set to why one
 * was skipped (-EKEYREVOKED, -EKEYEXPIRED, -EACCES, a negative key's
 * error), if any.
 */
static struct key *
keys_search_ring(struct key *ring, bool possessed, struct keys_match *m,
    int depth)
{
	struct key *k, *found;
	int r;

	for (uint32_t i = 0; i < ring->k_nlinks; i++) {
		k = ring->k_links[i];
		if (keys_visits == 0)
			return NULL;	/* a pathological web: give up */
		keys_visits--;
		if (!keys_matches(m, k))
			continue;
		if (!m->km_check) {
			if (keys_perm(k, possessed, KEY_SEARCH) != 0)
				continue;
			return k;
		}
		if ((r = keys_validate(k)) != 0) {
			m->km_err = r;
			continue;
		}
		if (keys_perm(k, possessed, KEY_SEARCH) != 0) {
			m->km_err = -EACCES;
			continue;
		}
		if ((k->k_flags & KF_NEGATIVE) != 0) {
			m->km_err = k->k_reject;
			continue;
		}
		return k;
	}
	if (depth >= KEYS_DEPTH)
		return NULL;
	for (uint32_t i = 0; i < ring->k_nlinks; i++) {
		k = ring->k_links[i];
		if (!keys_is_keyring(k) || keys_validate(k) != 0 ||
		    keys_perm(k, possessed, KEY_SEARCH) != 0)
			continue;
		if ((found = keys_search_ring(k, possessed, m, depth + 1)))
			return found;
	}
	return NULL;
}

static struct key *keys_user_keyring(uint32_t uid, bool session, int *error);

/*
 * Search the caller's thread, process and session keyrings (the user's
 * session keyring without one): the key, or NULL with *error -EAGAIN
 * when nothing matched, or why the matches were skipped (a negative
 * key's error first, as Linux).
 */
static struct key *
keys_search_process(struct keys_match *m, int *error)
{
	struct proc *p = keys_proc();
	struct key *rings[3], *k;
	int neg = 0, other = 0, e;

	keys_visits = KEYS_VISITS;
	rings[0] = thread_current()->t_key_thread;
	rings[1] = p->p_key_process;
	rings[2] = p->p_key_session;
	if (rings[2] == NULL)
		rings[2] = keys_user_keyring(p->p_cred.pc_uid, true, &e);
	for (unsigned int i = 0; i < 3; i++) {
		if (rings[i] == NULL)
			continue;
		m->km_err = 0;
		if (keys_perm(rings[i], true, KEY_SEARCH) != 0) {
			if (m->km_check)
				other = -EACCES;
			continue;
		}
		if ((k = keys_search_ring(rings[i], true, m, 1)) != NULL)
			return k;
		if (m->km_err == -ENOKEY)
			neg = -ENOKEY;
		else if (m->km_err != 0)
			other = m->km_err;
	}
	*error = neg ? neg : other ? other : -EAGAIN;
	return NULL;
}

static bool
keys_possessed(const struct key *k)
{
	struct keys_match m = { .km_key = k };
	int error;

	return keys_search_process(&m, &error) != NULL;
}

/* ---- the special keyrings ---- */

#define KEYS_PERM_PROC	((KEY_ALL << KEY_POS_SHIFT) | (KEY_VIEW << KEY_USR_SHIFT))

static struct key *
keys_new_keyring(const char *desc, uint32_t uid, uint32_t gid, uint32_t perm,
    bool overrun, int *error)
{
	struct key *k = keys_alloc(&keys_types[KT_KEYRING], desc, uid, gid,
	    perm, overrun, error);

	if (k != NULL)
		keys_mark_instantiated(k);
	return k;
}

/* A user's keyring or user session keyring, made on first use. */
static struct key *
keys_user_keyring(uint32_t uid, bool session, int *error)
{
	struct key_user *u = keys_user(uid, true);
	struct key **slot;
	char name[32];

	*error = -ENOMEM;
	if (u == NULL)
		return NULL;
	slot = session ? &u->ku_session : &u->ku_keyring;
	if (*slot == NULL) {
		fmt_snprintf(name, sizeof(name), session ? "_uid_ses.%u" :
		    "_uid.%u", uid);
		u->ku_usage++;		/* its keyrings hold it */
		*slot = keys_new_keyring(name, uid, KEY_GID_NONE,
		    (KEY_ALL << KEY_POS_SHIFT) | (KEY_ALL << KEY_USR_SHIFT),
		    true, error);
		if (*slot == NULL) {
			keys_user_put(u);
			return NULL;
		}
		(*slot)->k_flags |= KF_UID_KEYRING;
		if (session && u->ku_keyring == NULL) {
			int e;

			(void)keys_user_keyring(uid, false, &e);
		}
		if (session && u->ku_keyring != NULL)
			(void)keys_link_key(*slot, u->ku_keyring);
	}
	*error = 0;
	return *slot;
}

static int
keys_install_thread(void)
{
	struct thread *t = thread_current();
	const struct proc_cred *c = &keys_proc()->p_cred;
	int error;

	if (t->t_key_thread != NULL)
		return 0;
	t->t_key_thread = keys_new_keyring("_tid", c->pc_uid, c->pc_gid,
	    KEYS_PERM_PROC, true, &error);
	return error;
}

static int
keys_install_process(void)
{
	struct proc *p = keys_proc();
	int error;

	if (p->p_key_process != NULL)
		return 0;
	p->p_key_process = keys_new_keyring("_pid", p->p_cred.pc_uid,
	    p->p_cred.pc_gid, KEYS_PERM_PROC, true, &error);
	return error;
}

/* A new anonymous session keyring for the caller: its serial. */
static long
keys_install_anon_session(void)
{
	struct proc *p = keys_proc();
	struct key *k;
	int error;

	k = keys_new_keyring("_ses", p->p_cred.pc_uid, p->p_cred.pc_gid,
	    (KEY_ALL << KEY_POS_SHIFT) | ((KEY_VIEW | KEY_READ) << KEY_USR_SHIFT),
	    p->p_key_session == NULL, &error);
	if (k == NULL)
		return error;
	keys_put(p->p_key_session);
	p->p_key_session = k;
	return k->k_serial;
}

/* ---- looking up an id ---- */

#define KL_CREATE	0x1	/* make a missing special keyring */
#define KL_PARTIAL	0x2	/* a negative key will do */
#define KL_UNLINK	0x4	/* existence is enough */

/*
 * The key id names for the caller (a special id or a serial), whether
 * the caller possesses it, and that it passes need (KEY_* bits, 0: no
 * check): the key or NULL with *error.
 */
static struct key *
keys_lookup(int32_t id, unsigned int flags, uint32_t need, bool *possessed,
    int *error)
{
	struct proc *p = keys_proc();
	struct thread *t = thread_current();
	struct key *k = NULL;
	int r;

	*possessed = true;
	switch (id) {
	case KEY_SPEC_THREAD_KEYRING:
		if (t->t_key_thread == NULL) {
			if (!(flags & KL_CREATE)) {
				*error = -ENOKEY;
				return NULL;
			}
			if ((r = keys_install_thread()) != 0) {
				*error = r;
				return NULL;
			}
		}
		k = t->t_key_thread;
		break;
	case KEY_SPEC_PROCESS_KEYRING:
		if (p->p_key_process == NULL) {
			if (!(flags & KL_CREATE)) {
				*error = -ENOKEY;
				return NULL;
			}
			if ((r = keys_install_process()) != 0) {
				*error = r;
				return NULL;
			}
		}
		k = p->p_key_process;
		break;
	case KEY_SPEC_SESSION_KEYRING: {
		struct key *us = keys_user_keyring(p->p_cred.pc_uid, true, &r);

		if (us == NULL) {
			*error = r;
			return NULL;
		}
		if (p->p_key_session == NULL || (p->p_key_session == us &&
		    (flags & KL_CREATE))) {
			if (flags & KL_CREATE) {
				long s = keys_install_anon_session();

				if (s < 0) {
					*error = (int)s;
					return NULL;
				}
			} else {
				keys_get(us);
				p->p_key_session = us;
			}
		}
		k = p->p_key_session;
		break;
	}
	case KEY_SPEC_USER_KEYRING:
	case KEY_SPEC_USER_SESSION_KEYRING:
		k = keys_user_keyring(p->p_cred.pc_uid,
		    id == KEY_SPEC_USER_SESSION_KEYRING, &r);
		if (k == NULL) {
			*error = r;
			return NULL;
		}
		break;
	case KEY_SPEC_GROUP_KEYRING:
		*error = -EINVAL;
		return NULL;
	case KEY_SPEC_REQKEY_AUTH_KEY:
	case KEY_SPEC_REQUESTOR_KEYRING:
		*error = -ENOKEY;	/* no request is being answered */
		return NULL;
	default:
		if (id < 1) {
			*error = -EINVAL;
			return NULL;
		}
		if ((k = keys_by_serial(id)) == NULL) {
			*error = -ENOKEY;
			return NULL;
		}
		*possessed = keys_possessed(k);
		break;
	}
	if (flags & KL_UNLINK)
		return k;
	if (!(flags & KL_PARTIAL)) {
		if ((r = keys_state(k)) != 0 && need != 0) {
			*error = r;
			return NULL;
		}
	} else if (need != 0 && (r = keys_validate(k)) != 0) {
		*error = r;
		return NULL;
	}
	if (need != 0 && (r = keys_perm(k, *possessed, need)) != 0) {
		*error = r;
		return NULL;
	}
	return k;
}

/* ---- the calls ---- */

/* Vet a payload for type: 0 or -EINVAL (Linux's preparse rules). */
static int
keys_payload_ok(const struct key_type *type, const void *payload, size_t plen)
{
	if (type->kt_kind == KT_KEYRING)
		return plen == 0 ? 0 : -EINVAL;
	return payload == NULL || plen == 0 || plen > 32767 ? -EINVAL : 0;
}

/* Give a user/logon key its payload (a copy), charging its bytes. */
static int
keys_set_payload(struct key *k, const void *payload, size_t plen)
{
	size_t dlen = k->k_desc != NULL ? strlen(k->k_desc) : 0;
	void *copy;
	int r;

	if (k->k_type->kt_kind == KT_KEYRING)
		return 0;
	if ((copy = kmalloc(plen)) == NULL)
		return -ENOMEM;
	if ((r = keys_reserve(k, dlen + 1 + plen, false)) != 0) {
		kfree(copy);
		return r;
	}
	memcpy(copy, payload, plen);
	kfree(k->k_data);
	k->k_data = copy;
	k->k_datalen = plen;
	return 0;
}

static uint32_t
keys_default_perm(const struct key_type *type)
{
	uint32_t pos = KEY_VIEW | KEY_SEARCH | KEY_LINK | KEY_SETATTR;

	if (type->kt_read)
		pos |= KEY_READ;
	if (type->kt_kind == KT_KEYRING || type->kt_update)
		pos |= KEY_WRITE;
	return (pos << KEY_POS_SHIFT) | (KEY_VIEW << KEY_USR_SHIFT);
}

static long
keys_add_locked(const char *tname, const char *desc, const void *payload,
    size_t plen, int32_t ringid)
{
	const struct proc_cred *c = &keys_proc()->p_cred;
	const struct key_type *type;
	struct key *ring, *k;
	bool pos;
	int i, r;

	if ((ring = keys_lookup(ringid, KL_CREATE, KEY_WRITE, &pos, &r)) ==
	    NULL)
		return r;
	if ((type = keys_type(tname)) == NULL)
		return -ENODEV;
	if (!keys_is_keyring(ring))
		return -ENOTDIR;
	if ((r = keys_payload_ok(type, payload, plen)) != 0)
		return r;
	if (desc == NULL)
		return -EINVAL;
	if (type->kt_kind == KT_LOGON && (r = keys_logon_desc_check(desc)))
		return r;
	/* An updatable key of the same name is updated in place. */
	if (type->kt_update &&
	    (i = keys_link_find_desc(ring, type, desc)) >= 0) {
		k = ring->k_links[i];
		if (!(k->k_flags & (KF_REVOKED | KF_INVALIDATED))) {
			if ((r = keys_perm(k, pos, KEY_WRITE)) != 0)
				return r;
			if ((r = keys_set_payload(k, payload, plen)) != 0)
				return r;
			k->k_flags &= ~KF_NEGATIVE;
			k->k_expiry = 0;
			keys_mark_instantiated(k);
			return k->k_serial;
		}
	}
	if ((k = keys_alloc(type, desc, c->pc_fsuid, c->pc_fsgid,
	    keys_default_perm(type), false, &r)) == NULL)
		return r;
	if ((r = keys_set_payload(k, payload, plen)) != 0 ||
	    (keys_mark_instantiated(k), r = keys_link_key(ring, k)) != 0) {
		keys_put(k);
		return r;
	}
	r = k->k_serial;
	keys_put(k);		/* the keyring holds it */
	return r;
}

long
keys_add(const char *type, const char *desc, const void *payload,
    size_t plen, int32_t ring)
{
	bool on = intr_save();
	long r = keys_add_locked(type, desc, payload, plen, ring);

	intr_restore(on);
	return r;
}

/*
 * request_key's keyring for a key it makes (a reference-free pointer):
 * dest if given, else the caller's default (KEYCTL_SET_REQKEY_KEYRING),
 * falling back as Linux from thread to process to session to the
 * user's session keyring.  It must be writable.
 */
static struct key *
keys_construct_dest(struct key *dest, int *error)
{
	struct proc *p = keys_proc();
	struct key *k = NULL;

	*error = -EINVAL;
	if (dest != NULL)
		return dest;
	switch (p->p_key_reqkey) {
	case KEY_REQKEY_DEFL_DEFAULT:
	case KEY_REQKEY_DEFL_REQUESTOR_KEYRING:
	case KEY_REQKEY_DEFL_THREAD_KEYRING:
		if ((k = thread_current()->t_key_thread) != NULL)
			break;
		/* fall through */
	case KEY_REQKEY_DEFL_PROCESS_KEYRING:
		if ((k = p->p_key_process) != NULL)
			break;
		/* fall through */
	case KEY_REQKEY_DEFL_SESSION_KEYRING:
		if ((k = p->p_key_session) != NULL)
			break;
		/* fall through */
	case KEY_REQKEY_DEFL_USER_SESSION_KEYRING:
		k = keys_user_keyring(p->p_cred.pc_uid, true, error);
		break;
	case KEY_REQKEY_DEFL_USER_KEYRING:
		k = keys_user_keyring(p->p_cred.pc_uid, false, error);
		break;
	}
	if (k == NULL)
		return NULL;
	if ((*error = keys_perm(k, true, KEY_WRITE)) != 0)
		return NULL;
	return k;
}

static long
keys_request_locked(const char *tname, const char *desc, const char *callout,
    int32_t destid)
{
	const struct proc_cred *c = &keys_proc()->p_cred;
	const struct key_type *type;
	struct keys_match m = { 0 };
	struct key *dest = NULL, *k;
	bool pos;
	int r;

	if (destid != 0 &&
	    (dest = keys_lookup(destid, KL_CREATE, KEY_WRITE, &pos, &r)) == NULL)
		return r;
	if ((type = keys_type(tname)) == NULL)
		return -ENOKEY;
	if (desc == NULL)
		return -EINVAL;
	m.km_type = type;
	m.km_desc = desc;
	m.km_check = true;
	if ((k = keys_search_process(&m, &r)) != NULL) {
		if (dest != NULL && ((r = keys_perm(k, true, KEY_LINK)) != 0 ||
		    (r = keys_link_key(dest, k)) != 0))
			return r;
		return k->k_serial;
	}
	if (r != -EAGAIN)
		return r;
	if (callout == NULL)
		return -ENOKEY;
	/* Construction: keyrings never, else an upcall that cannot run. */
	if (type->kt_kind == KT_KEYRING)
		return -EPERM;
	if ((dest = keys_construct_dest(dest, &r)) == NULL)
		return r;
	if ((k = keys_alloc(type, desc, c->pc_fsuid, c->pc_fsgid,
	    keys_default_perm(type), false, &r)) == NULL)
		return r;
	if ((r = keys_link_key(dest, k)) != 0) {
		keys_put(k);
		return r;
	}
	k->k_flags |= KF_NEGATIVE;
	k->k_reject = -ENOKEY;
	k->k_expiry = ipc_now() + KEYS_NEG_TIMEOUT;
	keys_mark_instantiated(k);
	keys_put(k);
	return -ENOENT;		/* no /sbin/request-key to run */
}

long
keys_request(const char *type, const char *desc, const char *callout,
    int32_t dest)
{
	bool on = intr_save();
	long r = keys_request_locked(type, desc, callout, dest);

	intr_restore(on);
	return r;
}

/* Run body with k looked up as flags and need ask (interrupts off). */
#define KEYS_WITH(id, flags, need, k, pos)				\
	bool on = intr_save();						\
	bool pos;							\
	int kerr_;							\
	long r;								\
	struct key *k = keys_lookup((id), (flags), (need), &pos, &kerr_); \
	if (k == NULL) {						\
		intr_restore(on);					\
		return kerr_;						\
	}

#define KEYS_DONE(val)							\
	r = (val);							\
	intr_restore(on);						\
	return r;

long
keys_get_id(int32_t id, int create)
{
	KEYS_WITH(id, create ? KL_CREATE : 0, KEY_SEARCH, k, pos)
	(void)pos;
	KEYS_DONE(k->k_serial)
}

static long
keys_join_locked(const char *name)
{
	struct proc *p = keys_proc();
	struct key *k, *found = NULL;
	int error;

	if (name == NULL)
		return keys_install_anon_session();
	for (k = keys_all; k != NULL; k = k->k_all_next) {
		if (!keys_is_keyring(k) || k->k_desc == NULL ||
		    (k->k_flags & (KF_REVOKED | KF_INVALIDATED)) ||
		    strcmp(k->k_desc, name) != 0)
			continue;
		if (keys_perm(k, false, KEY_SEARCH) != 0)
			continue;
		found = k;
		break;
	}
	if (found == NULL) {
		found = keys_new_keyring(name, p->p_cred.pc_uid,
		    p->p_cred.pc_gid, (KEY_ALL << KEY_POS_SHIFT) |
		    ((KEY_VIEW | KEY_READ | KEY_LINK) << KEY_USR_SHIFT), false,
		    &error);
		if (found == NULL)
			return error;
	} else if (found == p->p_key_session) {
		return 0;
	} else {
		keys_get(found);
	}
	keys_put(p->p_key_session);
	p->p_key_session = found;
	return found->k_serial;
}

long
keys_join_session(const char *name)
{
	bool on = intr_save();
	long r;

	if (name != NULL && name[0] == '.')
		r = -EPERM;
	else
		r = keys_join_locked(name);
	intr_restore(on);
	return r;
}

long
keys_update(int32_t id, const void *payload, size_t plen)
{
	KEYS_WITH(id, 0, KEY_WRITE, k, pos)
	(void)pos;
	if (!k->k_type->kt_update) {
		KEYS_DONE(-EOPNOTSUPP)
	}
	if ((r = keys_payload_ok(k->k_type, payload, plen)) == 0 &&
	    (r = keys_set_payload(k, payload, plen)) == 0) {
		k->k_flags &= ~KF_NEGATIVE;
		k->k_expiry = 0;
		keys_mark_instantiated(k);
	}
	KEYS_DONE(r)
}

long
keys_revoke(int32_t id)
{
	bool on = intr_save();
	bool pos;
	int error;
	struct key *k = keys_lookup(id, 0, KEY_WRITE, &pos, &error);

	if (k == NULL && error == -EACCES)
		k = keys_lookup(id, 0, KEY_SETATTR, &pos, &error);
	if (k != NULL)
		keys_revoke_key(k);
	intr_restore(on);
	return k != NULL ? 0 : error;
}

long
keys_chown(int32_t id, uint32_t uid, uint32_t gid)
{
	struct key_user *nu;

	if (uid == UINT32_MAX && gid == UINT32_MAX)
		return 0;
	KEYS_WITH(id, KL_CREATE | KL_PARTIAL, KEY_SETATTR, k, pos)
	(void)pos;
	if (uid != UINT32_MAX && uid != k->k_uid && !proc_capable(CAP_SYS_ADMIN)) {
		KEYS_DONE(-EACCES)
	}
	if (gid != UINT32_MAX && gid != k->k_gid && !proc_capable(CAP_SYS_ADMIN) &&
	    (k->k_uid != keys_proc()->p_cred.pc_fsuid || !proc_in_group(gid))) {
		KEYS_DONE(-EACCES)
	}
	if (uid != UINT32_MAX && uid != k->k_uid) {
		if ((nu = keys_user(uid, true)) == NULL) {
			KEYS_DONE(-ENOMEM)
		}
		if ((k->k_flags & KF_IN_QUOTA) &&
		    (nu->ku_qnkeys + 1 > keys_maxkeys(uid) ||
		    nu->ku_qnbytes + k->k_quotalen > keys_maxbytes(uid))) {
			keys_user_unused(nu);
			KEYS_DONE(-EDQUOT)
		}
		if (k->k_flags & KF_IN_QUOTA) {
			nu->ku_qnkeys++;
			nu->ku_qnbytes += k->k_quotalen;
			k->k_user->ku_qnkeys--;
			k->k_user->ku_qnbytes -= k->k_quotalen;
		}
		nu->ku_nkeys++;
		nu->ku_usage++;
		k->k_user->ku_nkeys--;
		if (k->k_flags & KF_INSTANTIATED) {
			nu->ku_nikeys++;
			k->k_user->ku_nikeys--;
		}
		keys_user_put(k->k_user);
		k->k_user = nu;
		k->k_uid = uid;
	}
	if (gid != UINT32_MAX)
		k->k_gid = gid;
	KEYS_DONE(0)
}

long
keys_setperm(int32_t id, uint32_t perm)
{
	if (perm & ~KEY_PERM_VALID)
		return -EINVAL;
	KEYS_WITH(id, KL_CREATE | KL_PARTIAL, KEY_SETATTR, k, pos)
	(void)pos;
	if (!proc_capable(CAP_SYS_ADMIN) &&
	    k->k_uid != keys_proc()->p_cred.pc_fsuid) {
		KEYS_DONE(-EACCES)
	}
	k->k_perm = perm;
	KEYS_DONE(0)
}

/* A user-visible id: an unset group shows as the overflow id. */
static uint32_t
keys_shown_gid(uint32_t gid)
{
	return gid == KEY_GID_NONE ? 65534 : gid;
}

long
keys_describe(int32_t id, char **out)
{
	size_t n;
	char *s;

	KEYS_WITH(id, KL_CREATE | KL_PARTIAL, KEY_VIEW, k, pos)
	(void)pos;
	n = strlen(k->k_type->kt_name) + (k->k_desc ? strlen(k->k_desc) : 0) +
	    40;
	if ((s = kmalloc(n)) == NULL) {
		KEYS_DONE(-ENOMEM)
	}
	fmt_snprintf(s, n, "%s;%u;%u;%08x;%s", k->k_type->kt_name, k->k_uid,
	    keys_shown_gid(k->k_gid), k->k_perm, k->k_desc ? k->k_desc : "");
	*out = s;
	KEYS_DONE((long)strlen(s) + 1)
}

long
keys_clear(int32_t id)
{
	KEYS_WITH(id, KL_CREATE, KEY_WRITE, k, pos)
	(void)pos;
	if (!keys_is_keyring(k)) {
		KEYS_DONE(-ENOTDIR)
	}
	keys_drop_links(k);
	(void)keys_reserve(k, (k->k_desc ? strlen(k->k_desc) : 0) + 1, true);
	KEYS_DONE(0)
}

long
keys_link(int32_t id, int32_t ringid)
{
	struct key *k;
	int e;

	KEYS_WITH(ringid, KL_CREATE, KEY_WRITE, ring, pos)
	if ((k = keys_lookup(id, KL_CREATE, KEY_LINK, &pos, &e)) == NULL) {
		KEYS_DONE(e)
	}
	KEYS_DONE(keys_link_key(ring, k))
}

long
keys_unlink(int32_t id, int32_t ringid)
{
	struct key *k;
	int e, i;

	KEYS_WITH(ringid, 0, KEY_WRITE, ring, pos)
	if ((k = keys_lookup(id, KL_PARTIAL | KL_UNLINK, 0, &pos, &e)) ==
	    NULL) {
		KEYS_DONE(e)
	}
	if (!keys_is_keyring(ring)) {
		KEYS_DONE(-ENOTDIR)
	}
	if ((i = keys_link_find(ring, k)) < 0) {
		KEYS_DONE(-ENOENT)
	}
	keys_link_remove(ring, (uint32_t)i);
	KEYS_DONE(0)
}

long
keys_search(int32_t ringid, const char *tname, const char *desc,
    int32_t destid)
{
	const struct key_type *type;
	struct keys_match m = { 0 };
	struct key *dest = NULL, *k;
	bool dpos;
	int e;

	KEYS_WITH(ringid, 0, KEY_SEARCH, ring, pos)
	if (destid != 0 &&
	    (dest = keys_lookup(destid, KL_CREATE, KEY_WRITE, &dpos, &e)) ==
	    NULL) {
		KEYS_DONE(e)
	}
	if ((type = keys_type(tname)) == NULL) {
		KEYS_DONE(-ENOKEY)
	}
	if (!keys_is_keyring(ring)) {
		KEYS_DONE(-ENOTDIR)
	}
	m.km_type = type;
	m.km_desc = desc != NULL ? desc : "";
	m.km_check = true;
	keys_visits = KEYS_VISITS;
	if ((k = keys_search_ring(ring, pos, &m, 1)) == NULL) {
		KEYS_DONE(m.km_err != 0 ? m.km_err : -ENOKEY)
	}
	if (dest != NULL) {
		if ((e = keys_perm(k, pos, KEY_LINK)) != 0 ||
		    (e = keys_link_key(dest, k)) != 0) {
			KEYS_DONE(e)
		}
	}
	KEYS_DONE(k->k_serial)
}

long
keys_read(int32_t id, void *buf, size_t len, size_t *copied)
{
	bool on = intr_save();
	bool pos;
	int e;
	long r;
	struct key *k;

	*copied = 0;
	/* As Linux: a negative key's error, the permission, then the state. */
	if ((k = keys_lookup(id, KL_UNLINK, 0, &pos, &e)) == NULL)
		r = -ENOKEY;
	else if ((k->k_flags & KF_NEGATIVE) && !(k->k_flags & KF_INVALIDATED))
		r = k->k_reject;
	else if (keys_perm(k, pos, KEY_READ) != 0 && !pos)
		r = -EACCES;	/* a possessed key may be read */
	else if (!k->k_type->kt_read)
		r = -EOPNOTSUPP;
	else if ((r = keys_validate(k)) != 0)
		;
	else if (keys_is_keyring(k))
		r = (long)(k->k_nlinks * sizeof(int32_t));
	else
		r = (long)k->k_datalen;
	/* Copied only when it all fits, as Linux. */
	if (r > 0 && buf != NULL && (size_t)r <= len) {
		if (keys_is_keyring(k))
			for (uint32_t i = 0; i < k->k_nlinks; i++)
				((int32_t *)buf)[i] = k->k_links[i]->k_serial;
		else
			memcpy(buf, k->k_data, (size_t)r);
		*copied = (size_t)r;
	}
	intr_restore(on);
	return r;
}

long
keys_set_reqkey(int mode)
{
	struct proc *p = keys_proc();
	bool on;
	long r;
	int old = p->p_key_reqkey;

	on = intr_save();
	switch (mode) {
	case KEY_REQKEY_DEFL_THREAD_KEYRING:
		r = keys_install_thread();
		break;
	case KEY_REQKEY_DEFL_PROCESS_KEYRING:
		r = keys_install_process();
		break;
	case KEY_REQKEY_DEFL_DEFAULT:
	case KEY_REQKEY_DEFL_SESSION_KEYRING:
	case KEY_REQKEY_DEFL_USER_KEYRING:
	case KEY_REQKEY_DEFL_USER_SESSION_KEYRING:
	case KEY_REQKEY_DEFL_REQUESTOR_KEYRING:
		r = 0;
		break;
	case KEY_REQKEY_DEFL_NO_CHANGE:
		intr_restore(on);
		return old;
	default:
		r = -EINVAL;
		break;
	}
	if (r == 0) {
		p->p_key_reqkey = mode;
		r = old;
	}
	intr_restore(on);
	return r;
}

long
keys_set_timeout(int32_t id, uint32_t secs)
{
	KEYS_WITH(id, KL_CREATE | KL_PARTIAL, KEY_SETATTR, k, pos)
	(void)pos;
	k->k_expiry = secs != 0 ? ipc_now() + (int64_t)secs : 0;
	KEYS_DONE(0)
}

/* Take k out of every keyring that holds it. */
static void
keys_unlink_everywhere(struct key *k)
{
	struct key *ring;
	int i;

	keys_get(k);
	for (ring = keys_all; ring != NULL; ring = ring->k_all_next)
		if (keys_is_keyring(ring))
			while ((i = keys_link_find(ring, k)) >= 0)
				keys_link_remove(ring, (uint32_t)i);
	keys_put(k);
}

long
keys_invalidate(int32_t id)
{
	KEYS_WITH(id, 0, KEY_SEARCH, k, pos)
	(void)pos;
	k->k_flags |= KF_INVALIDATED;
	keys_unlink_everywhere(k);
	KEYS_DONE(0)
}

long
keys_get_security(int32_t id)
{
	KEYS_WITH(id, KL_PARTIAL, KEY_VIEW, k, pos)
	(void)pos;
	(void)k;
	KEYS_DONE(1)		/* "" with no security module */
}

long
keys_session_to_parent(void)
{
	struct proc *p = keys_proc(), *parent = p->p_parent;
	bool on = intr_save();
	long r = 0;
	struct key *s;
	bool pos;
	int e;

	if ((s = keys_lookup(KEY_SPEC_SESSION_KEYRING, 0, KEY_LINK, &pos,
	    &e)) == NULL) {
		intr_restore(on);
		return e;
	}
	if (parent == NULL || parent->p_pid == 1 || parent->p_zombie ||
	    parent->p_nthreads != 1)
		r = -EPERM;
	else if (!proc_capable(CAP_SYS_ADMIN) &&
	    (parent->p_cred.pc_euid != p->p_cred.pc_euid ||
	    parent->p_cred.pc_uid != p->p_cred.pc_euid ||
	    parent->p_cred.pc_suid != p->p_cred.pc_euid ||
	    parent->p_cred.pc_egid != p->p_cred.pc_egid ||
	    parent->p_cred.pc_gid != p->p_cred.pc_egid ||
	    parent->p_cred.pc_sgid != p->p_cred.pc_egid))
		r = -EPERM;
	else if (parent->p_key_session != s) {
		keys_get(s);
		keys_put(parent->p_key_session);
		parent->p_key_session = s;
	}
	intr_restore(on);
	return r;
}

long
keys_assume_authority(int32_t id)
{
	if (id < 0)
		return -EINVAL;
	return id == 0 ? 0 : -ENOKEY;	/* no authorisation keys */
}

/* ---- processes ---- */

static void
keys_fork(struct proc *child, struct proc *parent)
{
	bool on = intr_save();

	if ((child->p_key_session = parent->p_key_session) != NULL)
		keys_get(child->p_key_session);
	child->p_key_reqkey = parent->p_key_reqkey;
	child->p_key_process = NULL;
	intr_restore(on);
}

static void
keys_exec(struct proc *p, struct thread *t)
{
	bool on = intr_save();

	keys_put(t->t_key_thread);
	t->t_key_thread = NULL;
	keys_put(p->p_key_process);
	p->p_key_process = NULL;
	intr_restore(on);
}

static void
keys_thread_exit(struct thread *t)
{
	bool on = intr_save();

	keys_put(t->t_key_thread);
	t->t_key_thread = NULL;
	intr_restore(on);
}

static void
keys_exit(struct proc *p)
{
	bool on = intr_save();

	keys_put(p->p_key_process);
	p->p_key_process = NULL;
	keys_put(p->p_key_session);
	p->p_key_session = NULL;
	intr_restore(on);
}

static const struct proc_key_hooks keys_hooks = {
	.pkh_fork = keys_fork,
	.pkh_exec = keys_exec,
	.pkh_thread_exit = keys_thread_exit,
	.pkh_exit = keys_exit,
};

void
keys_init(void)
{
	proc_set_key_hooks(&keys_hooks);
}

/* ---- /proc ---- */

void
keys_show_keys(void (*put)(void *arg, const char *s), void *arg)
{
	int64_t now = ipc_now();
	char line[160], timeout[8];

	if (keys_proc() == NULL)
		return;
	for (struct key *k = keys_all; k != NULL; k = k->k_all_next) {
		/* Possession is searched for only when it matters. */
		if (keys_perm(k, false, KEY_VIEW) != 0 &&
		    (keys_perm(k, true, KEY_VIEW) != 0 || !keys_possessed(k)))
			continue;
		keys_fmt_timeout(timeout, k->k_expiry, now);
		fmt_snprintf(line, sizeof(line),
		    "%08x %c%c%c%c%c%c%c %5u %4s %08x %5u %5u %-9.9s ",
		    (uint32_t)k->k_serial,
		    (k->k_flags & KF_INSTANTIATED) ? 'I' : '-',
		    (k->k_flags & KF_REVOKED) ? 'R' : '-', '-',
		    (k->k_flags & KF_IN_QUOTA) ? 'Q' : '-',
		    (k->k_flags & KF_INSTANTIATED) ? '-' : 'U',
		    (k->k_flags & KF_NEGATIVE) ? 'N' : '-',
		    (k->k_flags & KF_INVALIDATED) ? 'i' : '-',
		    k->k_refs, timeout, k->k_perm, k->k_uid,
		    keys_shown_gid(k->k_gid), k->k_type->kt_name);
		put(arg, line);
		put(arg, k->k_desc != NULL ? k->k_desc : "[anon]");
		line[0] = '\0';
		if ((k->k_flags & KF_INSTANTIATED) &&
		    !(k->k_flags & KF_NEGATIVE)) {
			if (!keys_is_keyring(k))
				fmt_snprintf(line, sizeof(line), ": %lu",
				    (unsigned long)k->k_datalen);
			else if (k->k_nlinks != 0)
				fmt_snprintf(line, sizeof(line), ": %u",
				    k->k_nlinks);
			else
				fmt_snprintf(line, sizeof(line), ": empty");
		}
		put(arg, line);
		put(arg, "\n");
	}
}

void
keys_show_users(void (*put)(void *arg, const char *s), void *arg)
{
	char line[128];

	for (struct key_user *u = keys_users; u != NULL; u = u->ku_next) {
		fmt_snprintf(line, sizeof(line),
		    "%5u: %5d %d/%d %lu/%lu %lu/%lu\n", u->ku_uid, u->ku_usage,
		    u->ku_nkeys, u->ku_nikeys, (unsigned long)u->ku_qnkeys,
		    (unsigned long)keys_maxkeys(u->ku_uid),
		    (unsigned long)u->ku_qnbytes,
		    (unsigned long)keys_maxbytes(u->ku_uid));
		put(arg, line);
	}
}
