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
    uint32_t s)
{
	uint32_t want[3] = { r, e, s };

	if (sys_cred()->pc_euid != 0)
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

	if (sys_cred()->pc_euid != 0) {
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
	if (id == SYS_CRED_KEEP)
		return -EINVAL;
	if (sys_cred()->pc_euid == 0) {
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

	if (id != SYS_CRED_KEEP && (sys_cred()->pc_euid == 0 ||
	    id == r || id == e || id == s || id == old))
		*fs = id;
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
	if (c->pc_euid != 0)
		return -EPERM;
	if (copy_from_user(groups, (const void *)tf->rsi,
	    (size_t)size * sizeof(uint32_t)) != 0)
		return -EFAULT;
	for (int i = 0; i < size; i++)
		c->pc_groups[i] = groups[i];
	c->pc_ngroups = (uint32_t)size;
	return 0;
}

/* capget: root holds every capability, other users none. */
long
sys_capget(struct trap_frame *tf)
{
	uint32_t hdr[2], data[6] = { 0 };
	int pid;

	if (copy_from_user(hdr, (const void *)tf->rdi, sizeof(hdr)) != 0)
		return -EFAULT;
	if (hdr[0] != 0x20080522 && hdr[0] != 0x20071026 &&
	    hdr[0] != 0x19980330) {
		hdr[0] = 0x20080522;	/* _LINUX_CAPABILITY_VERSION_3 */
		if (copy_to_user((void *)tf->rdi, hdr, sizeof(hdr)) != 0)
			return -EFAULT;
		return tf->rsi == 0 ? 0 : -EINVAL;
	}
	pid = (int)hdr[1];
	if (pid < 0)
		return -EINVAL;
	if (pid != 0 && pid != proc_current()->p_pid && proc_find(pid) == NULL)
		return -ESRCH;
	if (tf->rsi == 0)
		return 0;
	if (sys_cred()->pc_euid == 0) {
		/* effective, permitted: capabilities 0..40 (CAP_LAST_CAP). */
		data[0] = data[1] = 0xffffffff;
		data[3] = data[4] = 0x1ff;
	}
	return copy_to_user((void *)tf->rsi, data,
	    hdr[0] == 0x19980330 ? 12 : sizeof(data));
}

/*
 * capset: root may keep or drop nothing but what it holds, which is
 * everything; others hold nothing and may set only nothing.
 */
long
sys_capset(struct trap_frame *tf)
{
	uint32_t hdr[2], data[6];
	int pid;

	if (copy_from_user(hdr, (const void *)tf->rdi, sizeof(hdr)) != 0)
		return -EFAULT;
	if (hdr[0] != 0x20080522 && hdr[0] != 0x20071026 &&
	    hdr[0] != 0x19980330) {
		hdr[0] = 0x20080522;
		if (copy_to_user((void *)tf->rdi, hdr, sizeof(hdr)) != 0)
			return -EFAULT;
		return -EINVAL;
	}
	pid = (int)hdr[1];
	if (pid != 0 && pid != proc_current()->p_pid)
		return -EPERM;		/* only one's own, as Linux */
	if (copy_from_user(data, (const void *)tf->rsi,
	    hdr[0] == 0x19980330 ? 12 : sizeof(data)) != 0)
		return -EFAULT;
	if (hdr[0] == 0x19980330)
		data[3] = data[4] = data[5] = 0;
	/* Nothing may be raised above what is held (all or nothing). */
	if (sys_cred()->pc_euid != 0 && (data[0] | data[1] | data[3] |
	    data[4]) != 0)
		return -EPERM;
	/* Root dropping capabilities is not modelled: refuse, not lie. */
	if (sys_cred()->pc_euid == 0 && (data[1] != 0xffffffff ||
	    (hdr[0] != 0x19980330 && (data[4] & 0x1ff) != 0x1ff) ||
	    data[0] != data[1] || data[3] != data[4]))
		return -EPERM;
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
	return sys_cred()->pc_euid == 0 ? 0 : -EPERM;
}
