/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Small system calls a C library and busybox expect: randomness, system
 * information, resource limits, nice values (per thread, as on Linux;
 * the scheduling policies are sys_sched.c), personality, prctl names,
 * host and domain names.  Each checks its arguments as Linux does.  The time of
 * day and resource usage are in sys_time.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/thread.h>
#include <fs/dev.h>
#include <fs/random.h>
#include <fs/fdtable.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/tunable.h>
#include <syscall/sys.h>

#define GRND_NONBLOCK	1
#define GRND_RANDOM	2
#define GRND_INSECURE	4
#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2
#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE	3
#define PR_SET_DUMPABLE	4
#define PR_SET_NAME	15
#define PR_GET_NAME	16
#define PR_GET_TIMING	13
#define PR_SET_TIMING	14
#define PR_GET_SECCOMP	21
#define PR_SET_SECCOMP	22
#define PR_CAPBSET_READ	23
#define PR_CAPBSET_DROP	24
#define PR_GET_SECUREBITS 27
#define PR_SET_SECUREBITS 28
#define PR_SET_TIMERSLACK 29
#define PR_GET_TIMERSLACK 30
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define PR_SET_THP_DISABLE 41
#define PR_GET_THP_DISABLE 42
#define PR_CAP_AMBIENT	47
#define PR_CAP_AMBIENT_IS_SET	1
#define PR_CAP_AMBIENT_RAISE	2
#define PR_CAP_AMBIENT_LOWER	3
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#define PR_GET_SPECULATION_CTRL 52
#define PR_CAP_LAST	40	/* CAP_LAST_CAP */
#define PR_GET_TSC	25
#define PR_SET_TSC	26
#define PR_TSC_ENABLE	1
#define PR_TSC_SIGSEGV	2


long
sys_uname(struct trap_frame *tf)
{
	const char *const f[6] = { "Linux", proc_nodename, "6.1.0-jiny",
	    "#1 Jiny", "x86_64", proc_domainname };
	char u[6][65];

	memset(u, 0, sizeof(u));
	for (int i = 0; i < 6; i++)
		memcpy(u[i], f[i], strlen(f[i]));
	return copy_to_user((void *)tf->rdi, u, sizeof(u));
}

/* sethostname, setdomainname: at most 64 bytes, root only. */
static long
sys_misc_setname(char *dst, uint64_t uname, uint64_t len)
{
	char name[64];

	if (len > sizeof(name))
		return -EINVAL;
	if (!proc_capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(name, (const void *)uname, len) != 0)
		return -EFAULT;
	memcpy(dst, name, len);
	dst[len] = '\0';
	return 0;
}

long
sys_sethostname(struct trap_frame *tf)
{
	return sys_misc_setname(proc_nodename, tf->rdi, tf->rsi);
}

long
sys_setdomainname(struct trap_frame *tf)
{
	return sys_misc_setname(proc_domainname, tf->rdi, tf->rsi);
}

long
sys_getrandom(struct trap_frame *tf)
{
	uint8_t buf[256];
	uint64_t len = tf->rsi, done = 0;

	if ((tf->rdx & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM |
	    GRND_INSECURE)) || (tf->rdx & (GRND_RANDOM | GRND_INSECURE)) ==
	    (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (len > 0x1ffffff)		/* Linux's per-call cap, 32 MiB - 1 */
		len = 0x1ffffff;
	while (done < len) {
		size_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);

		random_bytes(buf, n);
		if (copy_to_user((char *)tf->rdi + done, buf, n) != 0)
			return done > 0 ? (long)done : -EFAULT;
		done += n;
		if (signal_pending() && done < len)
			return (long)done;
	}
	return (long)done;
}

/* prlimit64's work: pid 0 is the caller.  new/old are kernel copies. */
static long
sys_misc_prlimit(int pid, unsigned int res, const struct proc_rlimit *new,
    struct proc_rlimit *old)
{
	struct proc *p = proc_current();
	struct proc_rlimit *rl;
	bool on;

	if (res >= PROC_RLIMIT_NLIMITS)
		return -EINVAL;
	if (pid < 0)
		return -EINVAL;
	on = intr_save();
	if (pid != 0 && pid != p->p_pid && (p = proc_find(pid)) == NULL) {
		intr_restore(on);
		return -ESRCH;
	}
	rl = &p->p_rlimit[res];
	if (old != NULL)
		*old = *rl;
	if (new != NULL) {
		if (new->rl_cur > new->rl_max) {
			intr_restore(on);
			return -EINVAL;
		}
		/* Linux: no NOFILE above fs.nr_open, not even unlimited. */
		if ((new->rl_max > rl->rl_max &&
		    !proc_capable(CAP_SYS_RESOURCE)) ||
		    (res == RLIMIT_NOFILE && new->rl_max > tun_nr_open.tu_val)) {
			intr_restore(on);
			return -EPERM;
		}
		*rl = *new;
	}
	intr_restore(on);
	return 0;
}

long
sys_prlimit64(struct trap_frame *tf)
{
	struct proc_rlimit new, old;
	long error;

	if (tf->rdx != 0 &&
	    copy_from_user(&new, (const void *)tf->rdx, sizeof(new)) != 0)
		return -EFAULT;
	if ((error = sys_misc_prlimit((int)tf->rdi, (unsigned int)tf->rsi,
	    tf->rdx != 0 ? &new : NULL, &old)) != 0)
		return error;
	if (tf->r10 != 0 && copy_to_user((void *)tf->r10, &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

long
sys_getrlimit(struct trap_frame *tf)
{
	struct proc_rlimit old;
	long error;

	if ((error = sys_misc_prlimit(0, (unsigned int)tf->rdi, NULL,
	    &old)) != 0)
		return error;
	return copy_to_user((void *)tf->rsi, &old, sizeof(old));
}

long
sys_setrlimit(struct trap_frame *tf)
{
	struct proc_rlimit new;

	if (copy_from_user(&new, (const void *)tf->rsi, sizeof(new)) != 0)
		return -EFAULT;
	return sys_misc_prlimit(0, (unsigned int)tf->rdi, &new, NULL);
}

struct sys_misc_prio {
	int	smp_which, smp_who;
	int	smp_nice;	/* setpriority: the value; get: best found */
	bool	smp_set;
	int	smp_hits;
	int	smp_error;
};

/* One thread of p that getpriority/setpriority names. */
static void
sys_misc_prio_thread(struct proc *p, struct thread *t,
    struct sys_misc_prio *a)
{
	struct sched_policy sp = t->t_sp;
	const struct proc_cred *me = &proc_current()->p_cred;

	a->smp_hits++;
	if (!a->smp_set) {
		if (sp.sp_nice < a->smp_nice)
			a->smp_nice = sp.sp_nice;
		return;
	}
	/* Another user's thread: only with CAP_SYS_NICE. */
	if (p->p_cred.pc_uid != me->pc_euid &&
	    p->p_cred.pc_euid != me->pc_euid &&
	    !proc_capable(CAP_SYS_NICE)) {
		a->smp_error = -EPERM;
		return;
	}
	/* Lowering a nice value (raising the priority) is CAP_SYS_NICE's,
	 * or as far as RLIMIT_NICE allows (20 - nice <= limit). */
	if (a->smp_nice < sp.sp_nice && (uint64_t)(20 - a->smp_nice) >
	    p->p_rlimit[RLIMIT_NICE].rl_cur && !proc_capable(CAP_SYS_NICE)) {
		a->smp_error = -EACCES;
		return;
	}
	sp.sp_nice = (int8_t)a->smp_nice;
	(void)sched_thread_set_policy(t, &sp);
}

static void
sys_misc_prio_one(struct proc *p, void *arg)
{
	struct sys_misc_prio *a = arg;
	bool match = (a->smp_which == PRIO_PGRP && p->p_pgid == a->smp_who) ||
	    (a->smp_which == PRIO_USER && p->p_cred.pc_uid ==
	    (uint32_t)a->smp_who);

	if (!match)
		return;
	for (struct thread *t = p->p_threads; t != NULL; t = t->t_peer_next)
		sys_misc_prio_thread(p, t, a);
}

/* As Linux: PRIO_PROCESS names one thread (by tid), the others every
 * thread of the processes they name. */
static long
sys_misc_prio(struct trap_frame *tf, bool set)
{
	struct proc *self = proc_current();
	struct sys_misc_prio a = { (int)tf->rdi, (int)tf->rsi, 20, set, 0, 0 };

	if (a.smp_which < PRIO_PROCESS || a.smp_which > PRIO_USER)
		return -EINVAL;
	if (a.smp_who == 0)
		a.smp_who = a.smp_which == PRIO_PROCESS ?
		    thread_current()->t_utid :
		    a.smp_which == PRIO_PGRP ? self->p_pgid :
		    (int)self->p_cred.pc_uid;
	if (set) {
		a.smp_nice = (int)tf->rdx;
		if (a.smp_nice < -20)
			a.smp_nice = -20;
		if (a.smp_nice > 19)
			a.smp_nice = 19;
	}
	if (a.smp_which == PRIO_PROCESS) {
		bool on = intr_save();
		struct thread *t = proc_find_thread(a.smp_who);

		if (t != NULL && t->t_proc != NULL)
			sys_misc_prio_thread(t->t_proc, t, &a);
		intr_restore(on);
	} else {
		proc_foreach(sys_misc_prio_one, &a);
	}
	if (a.smp_hits == 0)
		return -ESRCH;
	if (set)
		return a.smp_error;
	return 20 - a.smp_nice;		/* the raw call's 1..40 */
}

long
sys_getpriority(struct trap_frame *tf)
{
	return sys_misc_prio(tf, false);
}

long
sys_setpriority(struct trap_frame *tf)
{
	return sys_misc_prio(tf, true);
}

long
sys_personality(struct trap_frame *tf)
{
	struct proc *p = proc_current();
	uint32_t old = p->p_personality;

	if ((uint32_t)tf->rdi != 0xffffffff)
		p->p_personality = (uint32_t)tf->rdi;
	return old;
}

long
sys_getcpu(struct trap_frame *tf)
{
	uint32_t zero = 0, cpu = cpu_index();

	if (tf->rdi != 0 && copy_to_user((void *)tf->rdi, &cpu, 4) != 0)
		return -EFAULT;
	if (tf->rsi != 0 && copy_to_user((void *)tf->rsi, &zero, 4) != 0)
		return -EFAULT;
	return 0;
}

/* The calls on a flag that take no further arguments: -EINVAL if any. */
static bool
sys_prctl_extra(const struct trap_frame *tf, int from)
{
	const uint64_t a[4] = { tf->rsi, tf->rdx, tf->r10, tf->r8 };

	for (int i = from - 2; i < 4; i++)
		if (a[i] != 0)
			return true;
	return false;
}

long
sys_prctl(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	struct proc *p = proc_current();
	uint64_t arg2 = tf->rsi;
	char name[16];
	int sig;

	switch (tf->rdi) {
	case PR_SET_NAME:
		if (copy_from_user(name, (const void *)arg2, 1) != 0)
			return -EFAULT;
		memset(name, 0, sizeof(name));
		/* Up to 15 bytes, stopping at a fault like at a NUL. */
		for (size_t i = 0; i < sizeof(name) - 1; i++)
			if (copy_from_user(&name[i], (const char *)arg2 + i,
			    1) != 0 || name[i] == '\0')
				break;
		name[sizeof(name) - 1] = '\0';
		memcpy(t->t_name, name, sizeof(t->t_name));
		/* The main thread's name is the process's (/proc/PID/comm). */
		if (t->t_utid == p->p_pid)
			memcpy(p->p_comm, name, sizeof(p->p_comm));
		return 0;
	case PR_GET_NAME:
		memcpy(name, t->t_name, sizeof(name));
		name[sizeof(name) - 1] = '\0';
		return copy_to_user((void *)arg2, name, sizeof(name));
	case PR_GET_DUMPABLE:
		return 1;
	case PR_SET_DUMPABLE:
		return arg2 <= 1 ? 0 : -EINVAL;
	case PR_GET_PDEATHSIG:
		sig = p->p_pdeathsig;
		return copy_to_user((void *)arg2, &sig, sizeof(sig));
	case PR_SET_PDEATHSIG:
		if (arg2 > SIGNAL_MAX)
			return -EINVAL;
		p->p_pdeathsig = (int)arg2;
		return 0;
	case PR_GET_TIMING:
		return 0;		/* PR_TIMING_STATISTICAL */
	case PR_SET_TIMING:
		return arg2 == 0 ? 0 : -EINVAL;	/* TIMESTAMP: never built */
	case PR_GET_SECCOMP:
	case PR_SET_SECCOMP:
		return -EINVAL;		/* as Linux without CONFIG_SECCOMP */
	case PR_GET_SECUREBITS:
		return 0;
	case PR_SET_SECUREBITS:
		/* The securebits are not modelled: only "none" is taken. */
		return proc_capable(CAP_SETPCAP) && arg2 == 0 ? 0 : -EPERM;
	case PR_SET_TIMERSLACK:
		p->p_timerslack_ns = arg2 == 0 ? p->p_timerslack_default : arg2;
		return 0;
	case PR_GET_TIMERSLACK:
		return (long)p->p_timerslack_ns;
	case PR_SET_CHILD_SUBREAPER:
		p->p_subreaper = arg2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		sig = p->p_subreaper;
		return copy_to_user((void *)arg2, &sig, sizeof(sig));
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || sys_prctl_extra(tf, 3))
			return -EINVAL;
		p->p_no_new_privs = true;	/* for good */
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (sys_prctl_extra(tf, 2))
			return -EINVAL;
		return p->p_no_new_privs;
	case PR_SET_THP_DISABLE:
		if (sys_prctl_extra(tf, 3))
			return -EINVAL;
		p->p_thp_disable = arg2 != 0;
		return 0;
	case PR_GET_THP_DISABLE:
		if (sys_prctl_extra(tf, 2))
			return -EINVAL;
		return p->p_thp_disable;
	case PR_GET_TSC:
		sig = t->t_ustate->ucs_notsc ? PR_TSC_SIGSEGV : PR_TSC_ENABLE;
		return copy_to_user((void *)arg2, &sig, sizeof(sig));
	case PR_SET_TSC:
		if (arg2 != PR_TSC_ENABLE && arg2 != PR_TSC_SIGSEGV)
			return -EINVAL;
		user_state_set_notsc(t->t_ustate, arg2 == PR_TSC_SIGSEGV);
		return 0;
	case PR_GET_SPECULATION_CTRL:
		if (sys_prctl_extra(tf, 3))
			return -EINVAL;
		/* Store bypass, indirect branch, L1D flush: not affected. */
		return arg2 <= 2 ? 0 : -ENODEV;
	default:
		return sys_prctl_cap(tf);	/* capabilities, or -EINVAL */
	}
}

/*
 * ioperm(2): let the calling thread (ring 3) use ports [from, from +
 * num), or take them away, through the TSS's I/O permission bitmap
 * (arch/x86_64/trap.c), loaded at each switch to the thread.  Opening
 * ports needs CAP_SYS_RAWIO; closing them does not.  Ports are 16-bit:
 * past 0xffff, or num 0, is -EINVAL.  A map that fork or clone shared
 * is copied before it changes.
 */
long
sys_ioperm(struct trap_frame *tf)
{
	uint64_t from = tf->rdi, num = tf->rsi;
	bool on = tf->rdx != 0;
	struct user_cpu_state *us = thread_current()->t_ustate;
	struct user_iomap *m = us->ucs_iomap, *old = NULL;
	bool irq;

	if (from + num <= from || from + num > TRAP_IO_PORTS)
		return -EINVAL;
	if (on && !proc_capable(CAP_SYS_RAWIO))
		return -EPERM;
	if (m == NULL && !on)
		return 0;		/* nothing open: nothing to close */
	if (m == NULL || __atomic_load_n(&m->um_refs, __ATOMIC_ACQUIRE) > 1) {
		struct user_iomap *c = kmalloc(sizeof(*c));

		if (c == NULL)
			return -ENOMEM;
		if (m != NULL)
			memcpy(c->um_bits, m->um_bits, sizeof(c->um_bits));
		else
			memset(c->um_bits, 0xff, sizeof(c->um_bits));
		c->um_refs = 1;
		old = m;
		m = c;
	}
	for (uint64_t port = from; port < from + num; port++) {
		if (on)
			m->um_bits[port / 8] &= (uint8_t)~(1U << (port % 8));
		else
			m->um_bits[port / 8] |= (uint8_t)(1U << (port % 8));
	}
	irq = intr_save();
	m->um_id = user_iomap_id();
	us->ucs_iomap = m;
	user_state_io_load(us);
	intr_restore(irq);
	if (old != NULL &&
	    __atomic_sub_fetch(&old->um_refs, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(old);
	return 0;
}

/*
 * iopl(2), emulated as Linux 5.5+ does: level 3 opens every port to the
 * calling thread (and EFLAGS.IOPL stays 0: cli and sti still fault);
 * 0 to 2 leave ioperm's map in force.  Raising the level needs
 * CAP_SYS_RAWIO; past 3 is -EINVAL.
 */
long
sys_iopl(struct trap_frame *tf)
{
	unsigned int level = (unsigned int)tf->rdi;
	struct user_cpu_state *us = thread_current()->t_ustate;
	bool irq;

	if (level > 3)
		return -EINVAL;
	if (level > us->ucs_iopl && !proc_capable(CAP_SYS_RAWIO))
		return -EPERM;
	irq = intr_save();
	us->ucs_iopl = (uint8_t)level;
	user_state_io_load(us);
	intr_restore(irq);
	return 0;
}
