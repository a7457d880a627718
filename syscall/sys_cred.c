/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Credentials: real, effective, saved and file-system user and group ids
 * and the supplementary groups of struct proc (proc_cred), with Linux's
 * rules for who may change what: euid 0 may set anything, others may
 * only move between ids they already hold.  Files are checked against
 * the fs ids and groups (proc_may), access(2) against the real ones;
 * kill checks the real and effective ids.
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

/*
 * setresuid and setresgid: ids[0..2] point at real, effective, saved; fs
 * follows the effective id.
 */
static long
sys_cred_setres(uint32_t *ids[3], uint32_t *fs, uint32_t r, uint32_t e,
    uint32_t s, bool priv)
{
	uint32_t want[3] = { r, e, s };

	if (!priv)
		for (int i = 0; i < 3; i++)
			if (!sys_cred_held(want[i], *ids[0], *ids[1], *ids[2]))
				return -EPERM;
	for (int i = 0; i < 3; i++)
		if (want[i] != SYS_CRED_KEEP)
			*ids[i] = want[i];
	*fs = *ids[1];
	return 0;
}

long
sys_setresuid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred(), old = *c;
	uint32_t *ids[3] = { &c->pc_uid, &c->pc_euid, &c->pc_suid };
	long error = sys_cred_setres(ids, &c->pc_fsuid, (uint32_t)tf->rdi,
	    (uint32_t)tf->rsi, (uint32_t)tf->rdx, proc_capable(CAP_SETUID));

	if (error == 0)
		proc_caps_setid(c, &old, false);
	return error;
}

long
sys_setresgid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();
	uint32_t *ids[3] = { &c->pc_gid, &c->pc_egid, &c->pc_sgid };

	return sys_cred_setres(ids, &c->pc_fsgid, (uint32_t)tf->rdi,
	    (uint32_t)tf->rsi, (uint32_t)tf->rdx, proc_capable(CAP_SETGID));
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
    uint32_t r, uint32_t e, bool priv)
{
	uint32_t oldr = *rid;

	if (!priv) {
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
	return 0;
}

long
sys_setreuid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred(), old = *c;
	long error = sys_cred_setre(&c->pc_uid, &c->pc_euid, &c->pc_suid,
	    &c->pc_fsuid, (uint32_t)tf->rdi, (uint32_t)tf->rsi,
	    proc_capable(CAP_SETUID));

	if (error == 0)
		proc_caps_setid(c, &old, false);
	return error;
}

long
sys_setregid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_setre(&c->pc_gid, &c->pc_egid, &c->pc_sgid,
	    &c->pc_fsgid, (uint32_t)tf->rdi, (uint32_t)tf->rsi,
	    proc_capable(CAP_SETGID));
}

/* setuid/setgid: privileged sets all three, others only the effective. */
static long
sys_cred_set(uint32_t *rid, uint32_t *eid, uint32_t *sid, uint32_t *fs,
    uint32_t id, bool priv)
{
	if (id == SYS_CRED_KEEP)
		return -EINVAL;
	if (priv) {
		*rid = *sid = id;
	} else if (id != *rid && id != *sid) {
		return -EPERM;
	}
	*eid = *fs = id;
	return 0;
}

long
sys_setuid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred(), old = *c;
	long error = sys_cred_set(&c->pc_uid, &c->pc_euid, &c->pc_suid,
	    &c->pc_fsuid, (uint32_t)tf->rdi, proc_capable(CAP_SETUID));

	if (error == 0)
		proc_caps_setid(c, &old, false);
	return error;
}

long
sys_setgid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_set(&c->pc_gid, &c->pc_egid, &c->pc_sgid, &c->pc_fsgid,
	    (uint32_t)tf->rdi, proc_capable(CAP_SETGID));
}

/* setfsuid/setfsgid return the old value whether or not they succeed. */
static long
sys_cred_setfs(uint32_t *fs, uint32_t r, uint32_t e, uint32_t s, uint32_t id,
    bool priv)
{
	uint32_t old = *fs;

	if (id != SYS_CRED_KEEP && (priv ||
	    id == r || id == e || id == s || id == old))
		*fs = id;
	return old;
}

long
sys_setfsuid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred(), old = *c;
	long ret = sys_cred_setfs(&c->pc_fsuid, c->pc_uid, c->pc_euid,
	    c->pc_suid, (uint32_t)tf->rdi, proc_capable(CAP_SETUID));

	proc_caps_setid(c, &old, true);
	return ret;
}

long
sys_setfsgid(struct trap_frame *tf)
{
	struct proc_cred *c = sys_cred();

	return sys_cred_setfs(&c->pc_fsgid, c->pc_gid, c->pc_egid, c->pc_sgid,
	    (uint32_t)tf->rdi, proc_capable(CAP_SETGID));
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

#define CAP_V1		0x19980330	/* one 32-bit word a set */
#define CAP_V2		0x20071026	/* two (deprecated) */
#define CAP_V3		0x20080522	/* two */

/*
 * The header's version: the number of 32-bit words a set takes, or
 * -EINVAL having written the version this kernel prefers back (as Linux
 * does, so that a program can ask), or -EFAULT.
 */
static long
sys_cap_words(uint64_t uhdr, uint32_t hdr[2])
{
	if (copy_from_user(hdr, (const void *)uhdr, 2 * sizeof(uint32_t)) != 0)
		return -EFAULT;
	if (hdr[0] == CAP_V1)
		return 1;
	if (hdr[0] == CAP_V2 || hdr[0] == CAP_V3)
		return 2;
	hdr[0] = CAP_V3;
	if (copy_to_user((void *)uhdr, hdr, sizeof(uint32_t)) != 0)
		return -EFAULT;
	return -EINVAL;
}

/* capget: a process's effective, permitted and inheritable sets. */
long
sys_capget(struct trap_frame *tf)
{
	uint32_t hdr[2], data[6] = { 0 };
	const struct proc_cred *c;
	struct proc *p;
	long words = sys_cap_words(tf->rdi, hdr);
	int pid;

	if (tf->rsi == 0 || words < 0)
		return tf->rsi == 0 && (words == -EINVAL || words > 0) ? 0 :
		    words;
	pid = (int)hdr[1];
	if (pid < 0)
		return -EINVAL;
	p = pid == 0 ? proc_current() : proc_find(pid);
	if (p == NULL)
		return -ESRCH;
	c = &p->p_cred;
	for (int w = 0; w < 2; w++) {
		data[3 * w] = (uint32_t)(c->pc_cap_eff >> (32 * w));
		data[3 * w + 1] = (uint32_t)(c->pc_cap_prm >> (32 * w));
		data[3 * w + 2] = (uint32_t)(c->pc_cap_inh >> (32 * w));
	}
	return copy_to_user((void *)tf->rsi, data,
	    (size_t)words * 3 * sizeof(uint32_t)) != 0 ? -EFAULT : 0;
}

/*
 * capset, of the caller only: permitted may only shrink, effective must
 * lie within the new permitted, inheritable within the old inheritable
 * and permitted (with CAP_SETPCAP: and the bounding set).
 */
long
sys_capset(struct trap_frame *tf)
{
	uint32_t hdr[2], data[6] = { 0 };
	struct proc_cred *c = sys_cred();
	uint64_t eff, prm, inh;
	long words = sys_cap_words(tf->rdi, hdr);
	int pid;

	if (words < 0)
		return words;
	pid = (int)hdr[1];
	if (pid != 0 && pid != proc_current()->p_pid)
		return -EPERM;		/* only one's own, as Linux */
	if (copy_from_user(data, (const void *)tf->rsi,
	    (size_t)words * 3 * sizeof(uint32_t)) != 0)
		return -EFAULT;
	eff = ((uint64_t)data[3] << 32 | data[0]) & CAP_FULL;
	prm = ((uint64_t)data[4] << 32 | data[1]) & CAP_FULL;
	inh = ((uint64_t)data[5] << 32 | data[2]) & CAP_FULL;
	if (!(c->pc_cap_eff & CAP_BIT(CAP_SETPCAP)) &&
	    (inh & ~(c->pc_cap_inh | c->pc_cap_prm)) != 0)
		return -EPERM;
	if ((inh & ~(c->pc_cap_inh | c->pc_cap_bset)) != 0)
		return -EPERM;		/* nothing new from outside the bound */
	if ((prm & ~c->pc_cap_prm) != 0 || (eff & ~prm) != 0)
		return -EPERM;
	c->pc_cap_eff = eff;
	c->pc_cap_prm = prm;
	c->pc_cap_inh = inh;
	return 0;
}

/*
 * vhangup: only with CAP_SYS_ADMIN (root).  It hangs up the caller's
 * controlling terminal; the one terminal here, the console, belongs to
 * no session that could be hung up, so for root there is nothing to do.
 */
long
sys_vhangup(struct trap_frame *tf)
{
	(void)tf;
	return proc_capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}
