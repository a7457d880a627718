/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * POSIX capabilities as Linux has them: the capability numbers of the
 * ABI, a process's five sets, and the pure rules that change them
 * (capset, the set*id fix-ups, exec).  The kernel keeps the sets in
 * struct proc_cred; a privileged operation asks proc_capable(CAP_X).
 */
#ifndef LIB_CAP_H
#define LIB_CAP_H

#include <stdbool.h>
#include <stdint.h>

#define CAP_CHOWN		0
#define CAP_DAC_OVERRIDE	1
#define CAP_DAC_READ_SEARCH	2
#define CAP_FOWNER		3
#define CAP_FSETID		4
#define CAP_KILL		5
#define CAP_SETGID		6
#define CAP_SETUID		7
#define CAP_SETPCAP		8
#define CAP_LINUX_IMMUTABLE	9
#define CAP_NET_BIND_SERVICE	10
#define CAP_NET_BROADCAST	11
#define CAP_NET_ADMIN		12
#define CAP_NET_RAW		13
#define CAP_IPC_LOCK		14
#define CAP_IPC_OWNER		15
#define CAP_SYS_MODULE		16
#define CAP_SYS_RAWIO		17
#define CAP_SYS_CHROOT		18
#define CAP_SYS_PTRACE		19
#define CAP_SYS_PACCT		20
#define CAP_SYS_ADMIN		21
#define CAP_SYS_BOOT		22
#define CAP_SYS_NICE		23
#define CAP_SYS_RESOURCE	24
#define CAP_SYS_TIME		25
#define CAP_SYS_TTY_CONFIG	26
#define CAP_MKNOD		27
#define CAP_LEASE		28
#define CAP_AUDIT_WRITE		29
#define CAP_AUDIT_CONTROL	30
#define CAP_SETFCAP		31
#define CAP_MAC_OVERRIDE	32
#define CAP_MAC_ADMIN		33
#define CAP_SYSLOG		34
#define CAP_WAKE_ALARM		35
#define CAP_BLOCK_SUSPEND	36
#define CAP_AUDIT_READ		37
#define CAP_PERFMON		38
#define CAP_BPF			39
#define CAP_CHECKPOINT_RESTORE	40
#define CAP_LAST_CAP		40

#define CAP_BIT(c)	(1ULL << (c))
#define CAP_FULL_SET	(CAP_BIT(CAP_LAST_CAP + 1) - 1)
#define cap_valid(c)	((c) >= 0 && (c) <= CAP_LAST_CAP)

/* The capabilities that follow the fs uid (setfsuid to and from 0). */
#define CAP_FS_SET	(CAP_BIT(CAP_CHOWN) | CAP_BIT(CAP_DAC_OVERRIDE) | \
	CAP_BIT(CAP_DAC_READ_SEARCH) | CAP_BIT(CAP_FOWNER) |		\
	CAP_BIT(CAP_FSETID) | CAP_BIT(CAP_LINUX_IMMUTABLE) |		\
	CAP_BIT(CAP_MKNOD) | CAP_BIT(CAP_MAC_OVERRIDE))

/* capget/capset header versions. */
#define CAP_VERSION_1	0x19980330	/* one 32-bit word per set */
#define CAP_VERSION_2	0x20071026	/* two words (deprecated) */
#define CAP_VERSION_3	0x20080522	/* two words */

struct cap_sets {
	uint64_t	cs_eff;		/* what is checked */
	uint64_t	cs_prm;		/* what may be made effective */
	uint64_t	cs_inh;		/* what exec may pass on */
	uint64_t	cs_bnd;		/* the most exec may grant */
	uint64_t	cs_amb;		/* kept across exec of any program */
	bool		cs_keep;	/* PR_SET_KEEPCAPS */
};

/* The sets of the first process: everything, nothing inheritable. */
void	cap_init_root(struct cap_sets *c);

/*
 * capset's rule for new effective, permitted and inheritable sets:
 * 0, or -EPERM when one would rise above what c allows.  On success
 * c holds the new sets (ambient trimmed to permitted and inheritable).
 */
int	cap_set(struct cap_sets *c, uint64_t eff, uint64_t prm, uint64_t inh);

/*
 * After a change of user ids (real, effective, saved: old and new), as
 * Linux: leaving uid 0 everywhere drops the permitted and effective
 * sets (unless keep-caps) and the ambient set; leaving euid 0 clears
 * the effective set, coming back to it restores it from permitted.
 */
void	cap_fix_setuid(struct cap_sets *c, const uint32_t old[3],
	    const uint32_t new[3]);

/* After setfsuid: the fs capabilities follow the fs uid to and from 0. */
void	cap_fix_setfsuid(struct cap_sets *c, uint32_t old_fsuid,
	    uint32_t new_fsuid);

/*
 * exec of a program (no file capabilities): root (real or effective
 * uid 0) gets its bounding and inheritable sets permitted, effective if
 * the euid is 0; others keep only the ambient set.  keep-caps ends.
 */
void	cap_exec(struct cap_sets *c, uint32_t uid, uint32_t euid);

/* PR_CAP_AMBIENT_RAISE's rule: 0 or -EPERM. */
int	cap_ambient_raise(struct cap_sets *c, int cap);

#endif /* LIB_CAP_H */
