/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Credentials: real, effective, saved and file-system user and group ids,
 * the supplementary groups and the capability sets of struct proc
 * (proc_cred), with Linux's rules for who may change what: CAP_SETUID
 * (CAP_SETGID for groups) may set anything, others may only move between
 * ids they already hold, and a change of user ids fixes the capability
 * sets up as Linux does (lib/cap.c).  Files are checked against the fs
 * ids, groups and capabilities (proc_may), access(2) against the real
 * ones; kill checks the real and effective ids.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/user.h>
#include <kernel/proc/proc.h>
#include <syscall/sys.h>

#define SYS_CRED_KEEP	0xffffffffU	/* "-1": leave this id unchanged */

static struct proc_cred *
sys_cred(void)
{
	return &proc_current()->p_cred;
}

long
sys_getuid(struct trap_frame *tf)
{
	(void)tf;
	return sys_cred()->pc_uid;
}

long
sys_geteuid(struct trap_frame *tf)
{
	(void)tf;
	return sys_cred()->pc_euid;
}

long
sys_getgid(struct trap_frame *tf)
{
	(void)tf;
	return sys_cred()->pc_gid;
}

long
sys_getegid(struct trap_frame *tf)
{
	(void)tf;
	return sys_cred()->pc_egid;
}

/* May an unprivileged caller take id, one of r, e, s? */
static bool
sys_cred_held(uint32_t id, uint32_t r, uint32_t e, uint32_t s)
{
	return id == SYS_CRED_KEEP || id == r || id == e || id == s;
}

/* The capability that lets a caller set any id of this kind. */
static int
sys_cred_cap(const uint32_t *id)
{
	const struct proc_cred *c = sys_cred();

	return id == &c->pc_uid || id == &c->pc_euid || id == &c->pc_suid ||
	    id == &c->pc_fsuid ? CAP_SETUID : CAP_SETGID;
}

/*
 * Ids rid, eid, sid were just changed from old[0..2] (and fs from
 * old[3]): if they are the user ids, fix the capabilities up.
 */
static void
sys_cred_fixup(const uint32_t *rid, const uint32_t *eid, const uint32_t *sid,
    const uint32_t *fs, const uint32_t old[4])
{
	struct proc_cred *c = sys_cred();
	uint32_t now[3] = { *rid, *eid, *sid };

	if (rid != &c->pc_uid)
		return;
	cap_fix_setuid(&c->pc_cap, old, now);
	cap_fix_setfsuid(&c->pc_cap, old[3], *fs);
}

/*
 * setresuid and setresgid: ids[0..2] point at real, effective, saved; fs
 * follows the effective id.
 */
static long
sys_cred_setres(uint32_t *ids[3], uint32_t *fs, uint32_t r, uint32_t e,
    uint32_t s)
{
	uint32_t want[3] = { r, e, s };
	uint32_t old[4] = { *ids[0], *ids[1], *ids[2], *fs };

	if (!proc_capable(sys_cred_cap(ids[0])))
		for (int i = 0; i < 3; i++)
			if (!sys_cred_held(want[i], *ids[0], *ids[1], *ids[2]))
				return -EPERM;
	for (int i = 0; i < 3; i++)
		if (want[i] != SYS_CRED_KEEP)
			*ids[i] = want[i];
	*fs = *ids[1];
	sys_cred_fixup(ids[0], ids[1], ids[2], fs, old);
	return 0;
}

long
sys_setresuid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();
	uint32_t *ids[3] = { &c->pc_uid, &c->pc_euid, &c->pc_suid };

	return sys_cred_setres(ids, &c->pc_fsuid, (uint32_t)tf->rdi,
	    (uint32_t)tf->rsi, (uint32_t)tf->rdx);
}

long
sys_setresgid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();
	uint32_t *ids[3] = { &c->pc_gid, &c->pc_egid, &c->pc_sgid };

	return sys_cred_setres(ids, &c->pc_fsgid, (uint32_t)tf->rdi,
	    (uint32_t)tf->rsi, (uint32_t)tf->rdx);
}

static long
sys_cred_getres(uint64_t ur, uint64_t ue, uint64_t us, uint32_t r, uint32_t e,
    uint32_t s)
{
	if (copy_to_user((void *)ur, &r, 4) != 0 ||
	    copy_to_user((void *)ue, &e, 4) != 0 ||
	    copy_to_user((void *)us, &s, 4) != 0)
		return -EFAULT;
	return 0;
}

long
sys_getresuid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_getres(tf->rdi, tf->rsi, tf->rdx, c->pc_uid,
	    c->pc_euid, c->pc_suid);
}

long
sys_getresgid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_getres(tf->rdi, tf->rsi, tf->rdx, c->pc_gid,
	    c->pc_egid, c->pc_sgid);
}

/*
 * setreuid/setregid: an unprivileged caller may set the real id to the
 * real or effective one, the effective id to any it holds; the saved id
 * follows the new effective one when the real id is set or the
 * effective one leaves the old real id.
 */
static long
sys_cred_setre(uint32_t *rid, uint32_t *eid, uint32_t *sid, uint32_t *fs,
    uint32_t r, uint32_t e)
{
	uint32_t oldr = *rid;
	uint32_t old[4] = { *rid, *eid, *sid, *fs };

	if (!proc_capable(sys_cred_cap(rid))) {
		if (r != SYS_CRED_KEEP && r != *rid && r != *eid)
			return -EPERM;
		if (!sys_cred_held(e, *rid, *eid, *sid))
			return -EPERM;
	}
	if (r != SYS_CRED_KEEP)
		*rid = r;
	if (e != SYS_CRED_KEEP)
		*eid = e;
	if (r != SYS_CRED_KEEP || (e != SYS_CRED_KEEP && e != oldr))
		*sid = *eid;
	*fs = *eid;
	sys_cred_fixup(rid, eid, sid, fs, old);
	return 0;
}

long
sys_setreuid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_setre(&c->pc_uid, &c->pc_euid, &c->pc_suid,
	    &c->pc_fsuid, (uint32_t)tf->rdi, (uint32_t)tf->rsi);
}

long
sys_setregid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_setre(&c->pc_gid, &c->pc_egid, &c->pc_sgid,
	    &c->pc_fsgid, (uint32_t)tf->rdi, (uint32_t)tf->rsi);
}

/* setuid/setgid: privileged sets all three, others only the effective. */
static long
sys_cred_set(uint32_t *rid, uint32_t *eid, uint32_t *sid, uint32_t *fs,
    uint32_t id)
{
	uint32_t old[4] = { *rid, *eid, *sid, *fs };

	if (id == SYS_CRED_KEEP)
		return -EINVAL;
	if (proc_capable(sys_cred_cap(rid))) {
		*rid = *sid = id;
	} else if (id != *rid && id != *sid) {
		return -EPERM;
	}
	*eid = *fs = id;
	sys_cred_fixup(rid, eid, sid, fs, old);
	return 0;
}

long
sys_setuid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_set(&c->pc_uid, &c->pc_euid, &c->pc_suid, &c->pc_fsuid,
	    (uint32_t)tf->rdi);
}

long
sys_setgid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_set(&c->pc_gid, &c->pc_egid, &c->pc_sgid, &c->pc_fsgid,
	    (uint32_t)tf->rdi);
}

/* setfsuid/setfsgid return the old value whether or not they succeed. */
static long
sys_cred_setfs(uint32_t *fs, uint32_t r, uint32_t e, uint32_t s, uint32_t id)
{
	uint32_t old = *fs;

	if (id != SYS_CRED_KEEP && (proc_capable(sys_cred_cap(fs)) ||
	    id == r || id == e || id == s || id == old)) {
		*fs = id;
		if (fs == &sys_cred()->pc_fsuid)
			cap_fix_setfsuid(&sys_cred()->pc_cap, old, id);
	}
	return old;
}

long
sys_setfsuid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_setfs(&c->pc_fsuid, c->pc_uid, c->pc_euid, c->pc_suid,
	    (uint32_t)tf->rdi);
}

long
sys_setfsgid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_setfs(&c->pc_fsgid, c->pc_gid, c->pc_egid, c->pc_sgid,
	    (uint32_t)tf->rdi);
}

long
sys_getgroups(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();
	int size = (int)tf->rdi;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->pc_ngroups;
	if ((uint32_t)size < c->pc_ngroups)
		return -EINVAL;
	if (copy_to_user((void *)tf->rsi, c->pc_groups,
	    c->pc_ngroups * sizeof(uint32_t)) != 0)
		return -EFAULT;
	return c->pc_ngroups;
}

long
sys_setgroups(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();
	uint32_t groups[PROC_NGROUPS_MAX];
	int size = (int)tf->rdi;

	/* Linux takes up to 65536; this table holds PROC_NGROUPS_MAX. */
	if (size < 0 || size > PROC_NGROUPS_MAX)
		return -EINVAL;
	if (!proc_capable(CAP_SETGID))
		return -EPERM;
	if (copy_from_user(groups, (const void *)tf->rsi,
	    (size_t)size * sizeof(uint32_t)) != 0)
		return -EFAULT;
	for (int i = 0; i < size; i++)
		c->pc_groups[i] = groups[i];
	c->pc_ngroups = (uint32_t)size;
	return 0;
}

/*
 * capget/capset's header: check the version (else write the one this
 * kernel prefers back and say -EINVAL) and find the process; words: how
 * many 32-bit words each set has.
 */
static long
sys_cap_header(uint64_t uhdr, bool data, struct proc **pp, int *words)
{
	uint32_t hdr[2];
	int pid;

	if (copy_from_user(hdr, (const void *)uhdr, sizeof(hdr)) != 0)
		return -EFAULT;
	if (hdr[0] != CAP_VERSION_1 && hdr[0] != CAP_VERSION_2 &&
	    hdr[0] != CAP_VERSION_3) {
		hdr[0] = CAP_VERSION_3;
		if (copy_to_user((void *)uhdr, hdr, sizeof(hdr)) != 0)
			return -EFAULT;
		return data ? -EINVAL : 0;
	}
	*words = hdr[0] == CAP_VERSION_1 ? 1 : 2;
	pid = (int)hdr[1];
	if (pid < 0)
		return -EINVAL;
	*pp = pid == 0 ? proc_current() : proc_find(pid);
	return *pp == NULL ? -ESRCH : 1;
}

/* capget: a process's effective, permitted and inheritable sets. */
long
sys_capget(struct trap_frame *tf)
{
	uint32_t data[6];
	const struct cap_sets *cs;
	struct proc *p;
	int words;
	long r;

	if ((r = sys_cap_header(tf->rdi, tf->rsi != 0, &p, &words)) <= 0)
		return r;
	if (tf->rsi == 0)
		return 0;
	cs = &p->p_cred.pc_cap;
	/* struct __user_cap_data_struct: effective, permitted,
	 * inheritable, for each 32-bit word. */
	data[0] = (uint32_t)cs->cs_eff;
	data[1] = (uint32_t)cs->cs_prm;
	data[2] = (uint32_t)cs->cs_inh;
	data[3] = (uint32_t)(cs->cs_eff >> 32);
	data[4] = (uint32_t)(cs->cs_prm >> 32);
	data[5] = (uint32_t)(cs->cs_inh >> 32);
	return copy_to_user((void *)tf->rsi, data,
	    (size_t)words * 3 * sizeof(uint32_t));
}

/* capset: one's own sets, within lib/cap.c's rule. */
long
sys_capset(struct trap_frame *tf)
{
	uint32_t data[6] = { 0 };
	struct proc *p;
	int words;
	long r;

	if ((r = sys_cap_header(tf->rdi, true, &p, &words)) < 0)
		return r == -ESRCH ? -EPERM : r;
	if (p != proc_current())
		return -EPERM;		/* only one's own, as Linux */
	if (copy_from_user(data, (const void *)tf->rsi,
	    (size_t)words * 3 * sizeof(uint32_t)) != 0)
		return -EFAULT;
	return cap_set(&sys_cred()->pc_cap,
	    data[0] | (uint64_t)data[3] << 32,
	    data[1] | (uint64_t)data[4] << 32,
	    data[2] | (uint64_t)data[5] << 32);
}

#define PR_GET_KEEPCAPS		7
#define PR_SET_KEEPCAPS		8
#define PR_CAPBSET_READ		23
#define PR_CAPBSET_DROP		24
#define PR_CAP_AMBIENT		47
#define PR_CAP_AMBIENT_IS_SET	1
#define PR_CAP_AMBIENT_RAISE	2
#define PR_CAP_AMBIENT_LOWER	3
#define PR_CAP_AMBIENT_CLEAR_ALL 4

/* prctl: keep-caps, the bounding set and the ambient set. */
long
sys_prctl_cap(struct trap_frame *tf)
{
	struct cap_sets *c = &sys_cred()->pc_cap;
	int cap = (int)tf->rdx;

	switch (tf->rdi) {
	case PR_GET_KEEPCAPS:
		if ((tf->rsi | tf->rdx | tf->r10 | tf->r8) != 0)
			return -EINVAL;
		return c->cs_keep;
	case PR_SET_KEEPCAPS:
		if (tf->rsi > 1 || (tf->rdx | tf->r10 | tf->r8) != 0)
			return -EINVAL;
		c->cs_keep = tf->rsi == 1;
		return 0;
	case PR_CAPBSET_READ:
		if (tf->rsi > CAP_LAST_CAP)
			return -EINVAL;
		return (c->cs_bnd & CAP_BIT(tf->rsi)) != 0;
	case PR_CAPBSET_DROP:
		if (!proc_capable(CAP_SETPCAP))
			return -EPERM;
		if (tf->rsi > CAP_LAST_CAP)
			return -EINVAL;
		c->cs_bnd &= ~CAP_BIT(tf->rsi);
		return 0;
	case PR_CAP_AMBIENT:
		if (tf->rsi == PR_CAP_AMBIENT_CLEAR_ALL) {
			if ((tf->rdx | tf->r10 | tf->r8) != 0)
				return -EINVAL;
			c->cs_amb = 0;
			return 0;
		}
		if ((tf->r10 | tf->r8) != 0 || tf->rdx > CAP_LAST_CAP)
			return -EINVAL;
		switch (tf->rsi) {
		case PR_CAP_AMBIENT_IS_SET:
			return (c->cs_amb & CAP_BIT(cap)) != 0;
		case PR_CAP_AMBIENT_RAISE:
			return cap_ambient_raise(c, cap);
		case PR_CAP_AMBIENT_LOWER:
			c->cs_amb &= ~CAP_BIT(cap);
			return 0;
		default:
			return -EINVAL;
		}
	default:
		return -EINVAL;
	}
}

/*
 * vhangup: only with CAP_SYS_ADMIN.  It hangs up the caller's
 * controlling terminal; the one terminal here, the console, belongs to
 * no session that could be hung up, so with the capability there is
 * nothing to do.
 */
long
sys_vhangup(struct trap_frame *tf)
{
	(void)tf;
	return proc_capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}
