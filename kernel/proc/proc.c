/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Processes: creation, exit, reparenting and reaping (see proc.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/spinlock.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/itimer.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/ptrace.h>
#include <kernel/proc/signal.h>
#include <kernel/proc/tunable.h>

/* Groups checked for orphaning at one exit; more are not hung up. */
#define PROC_ORPHAN_GROUPS	16

static int proc_last_pid_v;	/* the last pid or tid given out */
static struct proc *proc_all;		/* live processes */
static struct proc *proc_init;		/* pid 1: adopts orphans */
static struct waitq proc_kernel_wait;	/* for processes without a parent */

struct vnode *
proc_root_dir(void)
{
	struct proc *p = proc_current();

	return p != NULL && p->p_fs != NULL ? p->p_fs->pf_root : NULL;
}

/* Descriptors 0-2 on the console (or nothing if there is none). */
static void
proc_std_fds(struct fdtable *t)
{
	struct vnode *con;
	struct file *f;

	if (vfs_lookup(vfs_root(), "/dev/console", VFS_FOLLOW, &con) != 0)
		return;
	if ((f = file_new(con, O_RDWR)) != NULL) {
		for (int i = 0; i < 3; i++)
			(void)fd_install(t, f, i, FD_LIMIT_CUR, false);
		file_put(f);
	}
	vfs_release(con);
}

int
proc_fd_limit(void)
{
	struct proc *p = proc_current();

	if (p == NULL || p->p_rlimit[RLIMIT_NOFILE].rl_cur >= tun_nr_open.tu_val)
		return (int)tun_nr_open.tu_val;
	return (int)p->p_rlimit[RLIMIT_NOFILE].rl_cur;
}

/* The limits a process without a parent starts with (Linux's defaults). */
static void
proc_rlimit_defaults(struct proc *p)
{
	for (int i = 0; i < PROC_RLIMIT_NLIMITS; i++)
		p->p_rlimit[i] = (struct proc_rlimit){ RLIM_INFINITY,
		    RLIM_INFINITY };
	p->p_rlimit[RLIMIT_STACK] = (struct proc_rlimit){ 8UL << 20,
	    RLIM_INFINITY };
	p->p_rlimit[RLIMIT_CORE].rl_cur = 0;
	p->p_rlimit[RLIMIT_NPROC] = (struct proc_rlimit){ 4096, 4096 };
	p->p_rlimit[RLIMIT_NOFILE] = (struct proc_rlimit){ FD_LIMIT_CUR,
	    FD_LIMIT_MAX };
	p->p_rlimit[RLIMIT_MEMLOCK] = (struct proc_rlimit){ 8UL << 20,
	    8UL << 20 };
	p->p_rlimit[RLIMIT_SIGPENDING] = (struct proc_rlimit){ 4096, 4096 };
	p->p_rlimit[RLIMIT_MSGQUEUE] = (struct proc_rlimit){ 819200, 819200 };
	p->p_rlimit[RLIMIT_NICE] = (struct proc_rlimit){ 0, 0 };
	p->p_rlimit[RLIMIT_RTPRIO] = (struct proc_rlimit){ 0, 0 };
}

/* kcmp's identities for what has no object here (CLONE_IO, SYSVSEM). */
static uint64_t proc_next_ident = 1;

struct proc *
proc_create(struct thread *t, struct proc *parent)
{
	return proc_create_shared(t, parent, 0);
}

/* Drop a reference to handlers sh; the last one frees them. */
static void
proc_sighand_put(struct proc_sighand *sh)
{
	if (sh != NULL &&
	    __atomic_sub_fetch(&sh->ps_refs, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sh);
}

struct proc *
proc_create_shared(struct thread *t, struct proc *parent, unsigned int share)
{
	struct proc *p = kzalloc(sizeof(*p));
	bool on;

	if (p == NULL)
		return NULL;
	if (parent != NULL && (share & PROC_SHARE_FILES)) {
		p->p_fds = parent->p_fds;
		fd_table_share(p->p_fds);
	} else if ((p->p_fds = kzalloc(sizeof(*p->p_fds))) == NULL ||
	    (parent != NULL && fd_table_copy(p->p_fds, parent->p_fds) != 0)) {
		kfree(p->p_fds);
		kfree(p);
		return NULL;
	}
	if (parent != NULL && (share & PROC_SHARE_SIGHAND)) {
		p->p_sighand = parent->p_sighand;
		__atomic_fetch_add(&p->p_sighand->ps_refs, 1,
		    __ATOMIC_RELAXED);
	} else if ((p->p_sighand = kzalloc(sizeof(*p->p_sighand))) == NULL) {
		if (fd_table_unshare(p->p_fds)) {
			fd_table_close_all(p->p_fds);
			kfree(p->p_fds);
		}
		kfree(p);
		return NULL;
	} else {
		p->p_sighand->ps_refs = 1;
		if (parent != NULL)	/* handlers are inherited across fork */
			memcpy(p->p_sighand->ps_act, parent->p_sigact,
			    sizeof(p->p_sighand->ps_act));
	}
	p->p_sigact = p->p_sighand->ps_act;
	if (parent != NULL && (share & PROC_SHARE_FS)) {
		p->p_fs = parent->p_fs;
		p->p_fs->pf_refs++;
	} else if ((p->p_fs = kzalloc(sizeof(*p->p_fs))) == NULL) {
		if (fd_table_unshare(p->p_fds)) {
			fd_table_close_all(p->p_fds);
			kfree(p->p_fds);
		}
		proc_sighand_put(p->p_sighand);
		kfree(p);
		return NULL;
	} else {
		p->p_fs->pf_refs = 1;
		p->p_fs->pf_cwd = parent != NULL ? parent->p_fs->pf_cwd :
		    vfs_root();
		p->p_fs->pf_root = parent != NULL ? parent->p_fs->pf_root :
		    vfs_root();
		p->p_fs->pf_umask = parent != NULL ? parent->p_fs->pf_umask :
		    022;
		vfs_hold(p->p_fs->pf_cwd);
		vfs_hold(p->p_fs->pf_root);
	}
	if (parent != NULL) {
		/* What the program is (for /proc) until it execs. */
		if (parent->p_cmdline != NULL &&
		    (p->p_cmdline = kmalloc(parent->p_cmdline_len)) != NULL) {
			memcpy(p->p_cmdline, parent->p_cmdline,
			    parent->p_cmdline_len);
			p->p_cmdline_len = parent->p_cmdline_len;
		}
		if ((p->p_exe = parent->p_exe) != NULL) {
			vfs_hold(p->p_exe);
			p->p_exe->v_execs++;
		}
		memcpy(p->p_comm, parent->p_comm, sizeof(p->p_comm));
		p->p_forked = true;
	} else {
		proc_std_fds(p->p_fds);
	}
	p->p_start_ns = pv_clock_ns();
	on = intr_save();
	p->p_pid = proc_alloc_pid();
	p->p_thread = t;
	p->p_threads = t;
	p->p_nthreads = 1;
	t->t_utid = p->p_pid;
	t->t_peer_next = NULL;
	/* CLONE_PARENT: a sibling of the caller (which is not init). */
	p->p_parent = parent != NULL && (share & PROC_SHARE_PARENT) &&
	    parent->p_parent != NULL ? parent->p_parent : parent;
	p->p_pgid = parent != NULL ? parent->p_pgid : p->p_pid;
	p->p_sid = parent != NULL ? parent->p_sid : p->p_pid;
	if (p->p_parent != NULL) {
		p->p_sibling = p->p_parent->p_children;
		p->p_parent->p_children = p;
	}
	if (p->p_pid == 1)
		proc_init = p;
	if (parent != NULL) {
		p->p_cred = parent->p_cred;
		memcpy(p->p_rlimit, parent->p_rlimit, sizeof(p->p_rlimit));
		p->p_nice = parent->p_nice;
		p->p_personality = parent->p_personality;
		p->p_no_new_privs = parent->p_no_new_privs;
		p->p_thp_disable = parent->p_thp_disable;
		/* A child's slack and its default are the parent's slack. */
		p->p_timerslack_ns = p->p_timerslack_default =
		    parent->p_timerslack_ns;
		p->p_parent_tid = thread_current()->t_utid;
	} else {
		proc_rlimit_defaults(p);
		cap_init_root(&p->p_cred.pc_cap);
		p->p_timerslack_ns = p->p_timerslack_default = 50000;
	}
	p->p_io_id = parent != NULL && (share & PROC_SHARE_IO) ?
	    parent->p_io_id : proc_next_ident++;
	p->p_sysvsem_id = parent != NULL && (share & PROC_SHARE_SYSVSEM) ?
	    parent->p_sysvsem_id : proc_next_ident++;
	p->p_all_next = proc_all;
	proc_all = p;
	t->t_proc = p;
	intr_restore(on);
	if (parent != NULL && proc_key_hooks != NULL &&
	    proc_key_hooks->pkh_fork != NULL)
		proc_key_hooks->pkh_fork(p, parent);
	return p;
}

struct proc_pidref *
proc_pidref_get(struct proc *p)
{
	struct proc_pidref *r = p->p_pidref;

	if (r == NULL) {
		if ((r = kzalloc(sizeof(*r))) == NULL)
			return NULL;
		r->pr_refs = 1;		/* the process's own */
		r->pr_pid = p->p_pid;
		r->pr_proc = p;
		r->pr_exited = p->p_zombie;
		p->p_pidref = r;
	}
	r->pr_refs++;
	return r;
}

void
proc_pidref_put(struct proc_pidref *r)
{
	bool on = intr_save();

	if (r != NULL && --r->pr_refs == 0)
		kfree(r);
	intr_restore(on);
}

/* Free a reaped (or unreapable) zombie; interrupts off. */
static void
proc_free(struct proc *p)
{
	proc_sighand_put(p->p_sighand);
	ptrace_unlink(p);
	if (p->p_pidref != NULL) {
		p->p_pidref->pr_proc = NULL;
		p->p_pidref->pr_exited = true;
		proc_pidref_put(p->p_pidref);
	}
	kfree(p);
}

/* Thread tid of p is ending: its children's death signals; intr off. */
static void
proc_pdeath_notify_locked(struct proc *p, int tid)
{
	for (struct proc *c = p->p_children; c != NULL; c = c->p_sibling)
		if (!c->p_zombie && c->p_pdeathsig != 0 &&
		    c->p_parent_tid == tid)
			signal_send(c, c->p_pdeathsig);
}

char proc_nodename[65] = "jiny";
char proc_domainname[65] = "(none)";

int
proc_last_pid(void)
{
	return proc_last_pid_v;
}

void
proc_set_last_pid(int pid)
{
	bool on = intr_save();

	proc_last_pid_v = pid;
	intr_restore(on);
}

/* Is pid some process's, thread's, group's or session's (zombies too)? */
static bool
proc_pid_used(int pid)
{
	for (struct proc *p = proc_all; p != NULL; p = p->p_all_next) {
		if (p->p_pid == pid || p->p_pgid == pid || p->p_sid == pid)
			return true;
		for (struct thread *t = p->p_threads; t != NULL;
		    t = t->t_peer_next)
			if (t->t_utid == pid)
				return true;
		for (struct proc *c = p->p_children; c != NULL;
		    c = c->p_sibling)
			if (c->p_zombie && (c->p_pid == pid ||
			    c->p_pgid == pid || c->p_sid == pid))
				return true;
	}
	return false;
}

/*
 * The next free pid after the last one, below kernel.pid_max, wrapping
 * to 300 (those below are for daemons started at boot, as Linux).  If
 * every one is taken, the first free one above pid_max.  Interrupts off.
 */
int
proc_alloc_pid(void)
{
	int max = (int)tun_pid_max.tu_val, pid = proc_last_pid_v;

	for (int tries = 0; tries < max; tries++) {
		if (++pid >= max)
			pid = max > PROC_RESERVED_PIDS ? PROC_RESERVED_PIDS : 1;
		if (!proc_pid_used(pid)) {
			proc_last_pid_v = pid;
			return pid;
		}
	}
	for (pid = max; proc_pid_used(pid); pid++)
		;
	proc_last_pid_v = pid;
	return pid;
}

struct proc *
proc_find(int pid)
{
	for (struct proc *p = proc_all; p != NULL; p = p->p_all_next)
		if (p->p_pid == pid)
			return p;
	return NULL;
}

struct proc *
proc_find_shown(int pid)
{
	struct proc *p = proc_find(pid);

	/* A zombie waits on its parent's list of children. */
	for (struct proc *q = proc_all; p == NULL && q != NULL;
	    q = q->p_all_next)
		for (struct proc *c = q->p_children; c != NULL;
		    c = c->p_sibling)
			if (c->p_zombie && c->p_pid == pid) {
				p = c;
				break;
			}
	return p;
}

struct thread *
proc_find_thread(int tid)
{
	bool on = intr_save();

	for (struct proc *p = proc_all; p != NULL; p = p->p_all_next)
		for (struct thread *t = p->p_threads; t != NULL;
		    t = t->t_peer_next)
			if (t->t_utid == tid) {
				intr_restore(on);
				return t;
			}
	intr_restore(on);
	return NULL;
}

uint64_t
proc_fsize_limit(void)
{
	struct proc *p = proc_current();

	return p != NULL ? p->p_rlimit[RLIMIT_FSIZE].rl_cur : RLIM_INFINITY;
}

void
proc_fsize_exceeded(void)
{
	struct proc *p = proc_current();

	if (p != NULL)
		signal_send(p, SIGXFSZ);
}

uint64_t
proc_cpu_ns(const struct proc *p, uint64_t *user)
{
	uint64_t ns = p->p_cpu_left_ns, u = p->p_utime_left_ns;

	for (const struct thread *t = p->p_threads; t != NULL;
	    t = t->t_peer_next) {
		ns += thread_cpu_ns(t);
		u += t->t_utime_ns;
	}
	if (user != NULL)
		*user = u < ns ? u : ns;
	return ns;
}

static struct spinlock proc_cputime_lock = SPINLOCK_INIT;

void
proc_cputime(struct proc *p, struct thread *t, uint64_t *user,
    uint64_t *sys)
{
	struct cputime_split *prev = t != NULL ? &t->t_cputime : &p->p_cputime;
	bool on = spin_lock_irqsave(&proc_cputime_lock);
	uint64_t run, u, s;

	if (t != NULL) {
		run = thread_cpu_ns(t);
		u = t->t_utime_ns < run ? t->t_utime_ns : run;
	} else {
		run = proc_cpu_ns(p, &u);
	}
	if (prev->cs_user + prev->cs_sys >= run) {
		/* no more time than reported already */
		u = prev->cs_user;
		s = prev->cs_sys;
	} else {
		s = run - u;
		if (s < prev->cs_sys)
			s = prev->cs_sys;
		u = run - s;
		if (u < prev->cs_user) {
			u = prev->cs_user;
			s = run - u;
		}
		prev->cs_user = u;
		prev->cs_sys = s;
	}
	spin_unlock_irqrestore(&proc_cputime_lock, on);
	*user = u;
	*sys = s;
}

void
proc_child_cputime(const struct proc *p, uint64_t *user, uint64_t *sys)
{
	*user = MIN(p->p_child_utime_ns, p->p_child_ns);
	*sys = p->p_child_ns - *user;
}

void
proc_counts(const struct proc *p, struct thread_counts *c,
    uint64_t *maxrss_pages)
{
	uint64_t peak = p->p_maxrss_pages;

	*c = p->p_counts_left;
	for (const struct thread *t = p->p_threads; t != NULL;
	    t = t->t_peer_next) {
		thread_counts_add(c, &t->t_counts);
		if (t->t_vm != NULL && t->t_vm->vs_pages_peak > peak)
			peak = t->t_vm->vs_pages_peak;
	}
	*maxrss_pages = peak;
}

void
proc_add_thread(struct proc *p, struct thread *t)
{
	bool on = intr_save();

	t->t_proc = p;
	t->t_utid = proc_alloc_pid();
	t->t_peer_next = p->p_threads;
	p->p_threads = t;
	p->p_nthreads++;
	intr_restore(on);
}

bool
proc_remove_thread(struct thread *t)
{
	struct proc *p = t->t_proc;
	bool on = intr_save(), last;

	for (struct thread **pp = &p->p_threads; *pp != NULL;
	    pp = &(*pp)->t_peer_next)
		if (*pp == t) {
			*pp = t->t_peer_next;
			break;
		}
	last = --p->p_nthreads == 0;
	/*
	 * A thread that is not the last tells the children it forked that
	 * asked for PR_SET_PDEATHSIG (the last one's proc_exit tells them
	 * all).  Here, not after: once this section ends the other threads
	 * may end the process and its parent free it.
	 */
	if (!last)
		proc_pdeath_notify_locked(p, t->t_utid);
	/* Its CPU time stays the process's; its own signals go with it. */
	p->p_cpu_left_ns += thread_cpu_ns(t);
	p->p_utime_left_ns += t->t_utime_ns;
	thread_counts_add(&p->p_counts_left, &t->t_counts);
	t->t_acct_ns = UINT64_MAX;	/* itimer_account: charge no more */
	signal_pend_clear(&t->t_sigpend);
	if (p->p_thread == t)
		p->p_thread = p->p_threads;	/* signals wake another one */
	if (p->p_single != NULL && p->p_single != t)
		waitq_wake_all(&p->p_single_wait);
	intr_restore(on);
	return last;
}

int
proc_single_thread(void)
{
	struct thread *self = thread_current();
	struct proc *p = self->t_proc;
	bool on = intr_save();

	if (p->p_single != NULL && p->p_single != self) {
		intr_restore(on);
		return -EINTR;
	}
	p->p_single = self;
	while (p->p_nthreads > 1) {
		for (struct thread *t = p->p_threads; t != NULL;
		    t = t->t_peer_next)
			if (t != self)
				thread_interrupt(t);
		waitq_wait_locked(&p->p_single_wait);
	}
	p->p_single = NULL;
	p->p_thread = self;
	intr_restore(on);
	return 0;
}

void
proc_vfork_release(struct proc *p)
{
	bool on = intr_save();

	if (p->p_vfork_parent != NULL) {
		p->p_vfork_parent = NULL;
		waitq_wake_all(&p->p_vfork_wait);
	}
	intr_restore(on);
}

bool
proc_thread_must_leave(void)
{
	struct thread *t = thread_current();

	return t->t_proc != NULL && t->t_proc->p_single != NULL &&
	    t->t_proc->p_single != t;
}

struct proc *
proc_find_by_id(int id)
{
	struct proc *p = proc_find(id);
	struct thread *t;

	if (p == NULL && id > 0 && (t = proc_find_thread(id)) != NULL)
		p = t->t_proc;
	/* A zombie is still there for kill(2) until it is reaped: it is
	 * some live process's child (init's, once orphaned). */
	for (struct proc *q = proc_all; p == NULL && id > 0 && q != NULL;
	    q = q->p_all_next)
		for (struct proc *c = q->p_children; c != NULL;
		    c = c->p_sibling)
			if (c->p_zombie && c->p_pid == id) {
				p = c;
				break;
			}
	return p;
}

void
proc_foreach(void (*fn)(struct proc *, void *), void *arg)
{
	bool on = intr_save();

	for (struct proc *p = proc_all, *next; p != NULL; p = next) {
		next = p->p_all_next;
		fn(p, arg);
	}
	intr_restore(on);
}

/*
 * POSIX: a process group that an exit leaves orphaned while some member
 * is stopped gets SIGHUP then SIGCONT, or nobody would ever continue
 * it.  groups holds the candidates (the exiting process's and its
 * children's groups); interrupts off.
 */
static void
proc_orphans_hangup(const int *groups, int n)
{
	for (int i = 0; i < n; i++) {
		bool stopped = false;

		if (!proc_pgrp_orphaned(groups[i]))
			continue;
		for (struct proc *q = proc_all; q != NULL; q = q->p_all_next)
			stopped |= q->p_pgid == groups[i] && q->p_stopped;
		if (stopped) {
			signal_group(groups[i], SIGHUP);
			signal_group(groups[i], SIGCONT);
		}
	}
}

static void (*proc_exit_hook)(struct proc *);
const struct proc_key_hooks *proc_key_hooks;

void
proc_set_key_hooks(const struct proc_key_hooks *h)
{
	proc_key_hooks = h;
}

void
proc_set_exit_hook(void (*fn)(struct proc *))
{
	proc_exit_hook = fn;
}

void
proc_exit(int status)
{
	struct proc *p = proc_current(), *c;
	int groups[PROC_ORPHAN_GROUPS], ngroups = 0;
	struct fdtable *fds = p->p_fds;
	struct proc_fs *pfs = p->p_fs;
	struct vnode *exe = p->p_exe;
	char *cmdline = p->p_cmdline;
	struct proc *reaper;
	bool on;

	proc_acct_exit(p, status);
	if (proc_exit_hook != NULL)
		proc_exit_hook(p);
	if (proc_key_hooks != NULL && proc_key_hooks->pkh_exit != NULL)
		proc_key_hooks->pkh_exit(p);

	/*
	 * Unhooked before freed: /proc reads them from other processes
	 * with interrupts off, and must see either the thing or NULL.
	 */
	on = intr_save();
	p->p_fds = NULL;
	p->p_fs = NULL;
	p->p_exe = NULL;
	if (exe != NULL)
		exe->v_execs--;
	p->p_cmdline = NULL;
	p->p_cmdline_len = 0;
	intr_restore(on);
	if (fd_table_unshare(fds)) {
		fd_table_close_all(fds);
		kfree(fds);
	}
	on = intr_save();
	if (--pfs->pf_refs != 0)
		pfs = NULL;		/* another process still uses it */
	intr_restore(on);
	if (pfs != NULL) {
		vfs_release(pfs->pf_cwd);
		vfs_release(pfs->pf_root);
		kfree(pfs);
	}
	vfs_release(exe);
	kfree(cmdline);
	ptimer_delete_all(p);
	on = intr_save();

	p->p_status = status;
	p->p_zombie = true;
	signal_pend_clear(&p->p_sigshared); /* no signal reaches it now */
	p->p_stopped = false;
	p->p_itimer_next = 0;
	/* Its threads have all left, each adding its time. */
	p->p_runtime_ns = p->p_cpu_left_ns;
	p->p_thread = NULL;
	for (struct proc **pp = &proc_all; *pp != NULL; pp = &(*pp)->p_all_next)
		if (*pp == p) {
			*pp = p->p_all_next;
			break;
		}
	ptrace_proc_exit(p);	/* its tracees go free, its tracer hears */
	if ((status & 0x7f) == 0)
		signal_notify_parent(p, CLD_EXITED, (status >> 8) & 0xff);
	else
		signal_notify_parent(p, (status & 0x80) ? CLD_DUMPED :
		    CLD_KILLED, status & 0x7f);
	if (p->p_pidref != NULL) {
		p->p_pidref->pr_exited = true;
		poll_wake(&p->p_pidref->pr_head, FILE_POLLIN);
	}
	/*
	 * Orphans go to the nearest living ancestor that asked to be a
	 * subreaper, else to init (or, without one, to the kernel).
	 */
	reaper = proc_init;
	for (struct proc *a = p->p_parent; a != NULL; a = a->p_parent)
		if (a->p_subreaper && !a->p_zombie) {
			reaper = a;
			break;
		}
	while ((c = p->p_children) != NULL) {
		if (c->p_pgid != p->p_pgid && c->p_sid == p->p_sid &&
		    !c->p_zombie && ngroups < PROC_ORPHAN_GROUPS)
			groups[ngroups++] = c->p_pgid;
		p->p_children = c->p_sibling;
		if (!c->p_zombie && c->p_pdeathsig != 0)
			signal_send(c, c->p_pdeathsig);
		if (reaper != NULL && reaper != p && !reaper->p_zombie) {
			c->p_parent = reaper;
			c->p_sibling = reaper->p_children;
			reaper->p_children = c;
			/* A zombie handed over is news for its new parent. */
			if (c->p_zombie && reaper != proc_init)
				signal_send(reaper, SIGCHLD);
		} else {
			c->p_parent = NULL;	/* reaped by nobody: freed now */
			if (c->p_zombie)
				proc_free(c);
		}
	}
	if (p->p_parent != NULL && p->p_parent->p_pgid != p->p_pgid &&
	    p->p_parent->p_sid == p->p_sid && ngroups < PROC_ORPHAN_GROUPS)
		groups[ngroups++] = p->p_pgid;
	proc_orphans_hangup(groups, ngroups);
	if (p->p_parent != NULL)
		waitq_wake_all(&p->p_parent->p_wait);
	else
		waitq_wake_all(&proc_kernel_wait);
	if (reaper != NULL && reaper != p)
		waitq_wake_all(&reaper->p_wait);
	intr_restore(on);
}

/* Unlink zombie c from its parent and free it; interrupts off. */
static int
proc_reap(struct proc *parent, struct proc *c, int *status)
{
	struct proc **pp = &parent->p_children;
	int pid = c->p_pid;

	while (*pp != c)
		pp = &(*pp)->p_sibling;
	*pp = c->p_sibling;
	*status = c->p_status;
	proc_free(c);
	return pid;
}

/* Does child c match waitid's (idtype, id)? */
static bool
proc_wait_match(const struct proc *c, int idtype, int id)
{
	switch (idtype) {
	case PROC_P_PID:
	case PROC_P_PIDFD:
		return c->p_pid == id;
	case PROC_P_PGID:
		return c->p_pgid == id;
	default:
		return true;
	}
}

/* What wait reports for a zombie's status word. */
static void
proc_wait_exited(const struct proc *c, struct proc_waitres *res)
{
	int st = c->p_status;

	res->pw_pid = c->p_pid;
	res->pw_status = st;
	res->pw_uid = c->p_cred.pc_uid;
	res->pw_cpu_ns = c->p_runtime_ns + c->p_child_ns;
	res->pw_cpu_user_ns = c->p_utime_left_ns + c->p_child_utime_ns;
	res->pw_counts = c->p_counts_left;
	thread_counts_add(&res->pw_counts, &c->p_child_counts);
	res->pw_maxrss_pages = MAX(c->p_maxrss_pages, c->p_child_maxrss_pages);
	if ((st & 0x7f) == 0) {
		res->pw_code = CLD_EXITED;
		res->pw_sigstatus = (st >> 8) & 0xff;
	} else {
		res->pw_code = (st & 0x80) ? CLD_DUMPED : CLD_KILLED;
		res->pw_sigstatus = st & 0x7f;
	}
}

int
proc_wait(int idtype, int id, int options, struct proc_waitres *res)
{
	struct proc *self = proc_current(), *c;
	bool on = intr_save(), any;
	int ret;

	for (;;) {
		any = false;
		/* Tracees first: their ptrace stops, and exits of those that
		 * are not our children (no WUNTRACED needed, as Linux). */
		for (c = self->p_tracees; c != NULL;
		    c = c->p_ptrace.pt_next) {
			if (!proc_wait_match(c, idtype, id))
				continue;
			any = true;
			if (!c->p_ptrace.pt_report)
				continue;
			if (c->p_zombie) {
				if (!(options & PROC_WEXITED))
					continue;
				proc_wait_exited(c, res);
				if (!(options & PROC_WNOWAIT))
					ptrace_unlink(c);
				intr_restore(on);
				return res->pw_pid;
			}
			*res = (struct proc_waitres){ .pw_pid = c->p_pid,
			    .pw_status = (c->p_ptrace.pt_code << 8) | 0x7f,
			    .pw_code = PROC_CLD_TRAPPED,
			    .pw_sigstatus = c->p_ptrace.pt_code & 0xff,
			    .pw_uid = c->p_cred.pc_uid };
			if (!(options & PROC_WNOWAIT))
				c->p_ptrace.pt_report = false;
			intr_restore(on);
			return c->p_pid;
		}
		for (c = self->p_children; c != NULL; c = c->p_sibling) {
			if (!proc_wait_match(c, idtype, id))
				continue;
			any = true;
			if (c->p_zombie && (options & PROC_WEXITED)) {
				proc_wait_exited(c, res);
				if (!(options & PROC_WNOWAIT)) {
					self->p_child_ns += c->p_runtime_ns +
					    c->p_child_ns;
					self->p_child_utime_ns +=
					    c->p_utime_left_ns +
					    c->p_child_utime_ns;
					thread_counts_add(&self->p_child_counts,
					    &res->pw_counts);
					self->p_child_maxrss_pages = MAX(
					    self->p_child_maxrss_pages,
					    res->pw_maxrss_pages);
					(void)proc_reap(self, c, &ret);
				}
				intr_restore(on);
				return res->pw_pid;
			}
			if (c->p_stopped && c->p_stop_report &&
			    (options & PROC_WSTOPPED)) {
				*res = (struct proc_waitres){ .pw_pid = c->p_pid,
				    .pw_status = (c->p_stopsig << 8) | 0x7f,
				    .pw_code = CLD_STOPPED,
				    .pw_sigstatus = c->p_stopsig,
				    .pw_uid = c->p_cred.pc_uid };
				if (!(options & PROC_WNOWAIT))
					c->p_stop_report = false;
				intr_restore(on);
				return c->p_pid;
			}
			if (c->p_cont_report && (options & PROC_WCONTINUED)) {
				*res = (struct proc_waitres){ .pw_pid = c->p_pid,
				    .pw_status = 0xffff, .pw_code = CLD_CONTINUED,
				    .pw_sigstatus = SIGCONT,
				    .pw_uid = c->p_cred.pc_uid };
				if (!(options & PROC_WNOWAIT))
					c->p_cont_report = false;
				intr_restore(on);
				return c->p_pid;
			}
		}
		if (!any) {
			intr_restore(on);
			return -ECHILD;
		}
		if (options & PROC_WNOHANG) {
			intr_restore(on);
			return 0;
		}
		if (signal_pending()) {
			intr_restore(on);
			return -ERESTARTSYS;
		}
		waitq_wait_locked(&self->p_wait);
	}
}

bool
proc_pgrp_orphaned(int pgid)
{
	for (struct proc *p = proc_all; p != NULL; p = p->p_all_next) {
		struct proc *parent = p->p_parent;

		if (p->p_pgid != pgid || parent == NULL || parent->p_zombie)
			continue;
		if (parent->p_pgid != pgid && parent->p_sid == p->p_sid)
			return false;
	}
	return true;
}

bool
proc_pgrp_in_session(int pgid, int sid)
{
	bool on = intr_save(), found = false;

	/* Zombies are members until reaped, as on Linux: they are off
	 * proc_all, on their (live) parent's list of children. */
	for (struct proc *p = proc_all; p != NULL && !found; p = p->p_all_next) {
		found = p->p_pgid == pgid && p->p_sid == sid;
		for (struct proc *c = p->p_children; c != NULL && !found;
		    c = c->p_sibling)
			found = c->p_zombie && c->p_pgid == pgid &&
			    c->p_sid == sid;
	}
	intr_restore(on);
	return found;
}

int
proc_wait_kernel(struct proc *p)
{
	bool on = intr_save();
	int status;

	while (!p->p_zombie)
		waitq_wait_locked(&proc_kernel_wait);
	status = p->p_status;
	if (p == proc_init)
		proc_init = NULL;
	proc_free(p);
	intr_restore(on);
	return status;
}

int
proc_may_search(const struct vnode *dir)
{
	return proc_may(dir, VFS_MAY_EXEC, false);
}

int
proc_may(const struct vnode *v, int mask, bool real)
{
	const struct proc_cred *c = &proc_current()->p_cred;
	uint64_t eff = c->pc_cap.cs_eff;
	unsigned int caps = 0;

	/*
	 * File access uses the fs ids and the effective capabilities;
	 * access(2) the real ids, and then the capabilities root would
	 * have (the permitted set for uid 0, none for others), as Linux.
	 */
	if (real)
		eff = c->pc_uid == 0 ? c->pc_cap.cs_prm : 0;
	if (eff & CAP_BIT(CAP_DAC_OVERRIDE))
		caps |= VFS_CAP_DAC_OVERRIDE;
	if (eff & CAP_BIT(CAP_DAC_READ_SEARCH))
		caps |= VFS_CAP_DAC_READ_SEARCH;
	return vfs_permission(v, mask, real ? c->pc_uid : c->pc_fsuid,
	    real ? c->pc_gid : c->pc_fsgid, c->pc_groups, c->pc_ngroups, caps);
}

bool
proc_in_group(uint32_t gid)
{
	const struct proc_cred *c = &proc_current()->p_cred;

	if (gid == c->pc_fsgid)
		return true;
	for (uint32_t i = 0; i < c->pc_ngroups; i++)
		if (c->pc_groups[i] == gid)
			return true;
	return false;
}

bool
proc_has_cap(const struct proc *p, int cap)
{
	return cap_valid(cap) && (p->p_cred.pc_cap.cs_eff & CAP_BIT(cap));
}

bool
proc_capable(int cap)
{
	struct proc *p = proc_current();

	return p == NULL || proc_has_cap(p, cap);
}

bool
proc_may_inspect(const struct proc *target)
{
	const struct proc_cred *me = &proc_current()->p_cred;
	const struct proc_cred *c = &target->p_cred;

	if (target == proc_current() || proc_capable(CAP_SYS_PTRACE))
		return true;
	return me->pc_uid == c->pc_uid && me->pc_uid == c->pc_euid &&
	    me->pc_uid == c->pc_suid && me->pc_gid == c->pc_gid &&
	    me->pc_gid == c->pc_egid && me->pc_gid == c->pc_sgid;
}

/*
 * May a table whose highest descriptor is src's be copied under
 * fs.nr_open?  As Linux, both counted in whole 64-descriptor words.
 */
static bool
proc_fds_fit(struct fdtable *src)
{
	uint64_t words = ((uint64_t)fd_table_highest(src) + 1 + 63) / 64;

	return words * 64 <= (tun_nr_open.tu_val + 63) / 64 * 64;
}

int
proc_unshare_fds(struct proc *p)
{
	struct fdtable *old = p->p_fds, *t;
	bool on;

	if (!fd_table_shared(old))
		return 0;
	if (!proc_fds_fit(old))
		return -EMFILE;
	if ((t = kzalloc(sizeof(*t))) == NULL)
		return -ENOMEM;
	if (fd_table_copy(t, old) != 0) {
		kfree(t);
		return -ENOMEM;
	}
	on = intr_save();
	p->p_fds = t;
	intr_restore(on);
	if (fd_table_unshare(old)) {	/* the others left meanwhile */
		fd_table_close_all(old);
		kfree(old);
	}
	return 0;
}

int
proc_unshare_sighand(struct proc *p)
{
	struct proc_sighand *old = p->p_sighand, *sh;
	bool on;

	if (__atomic_load_n(&old->ps_refs, __ATOMIC_ACQUIRE) == 1)
		return 0;
	if ((sh = kmalloc(sizeof(*sh))) == NULL)
		return -ENOMEM;
	sh->ps_refs = 1;
	on = intr_save();
	memcpy(sh->ps_act, old->ps_act, sizeof(sh->ps_act));
	p->p_sighand = sh;
	p->p_sigact = sh->ps_act;
	proc_sighand_put(old);
	intr_restore(on);
	return 0;
}

int
proc_unshare_fs(struct proc *p)
{
	struct proc_fs *old = p->p_fs, *n;
	bool on;

	if (old->pf_refs == 1)
		return 0;
	if ((n = kzalloc(sizeof(*n))) == NULL)
		return -ENOMEM;
	on = intr_save();
	if (old->pf_refs == 1) {	/* the others left meanwhile */
		intr_restore(on);
		kfree(n);
		return 0;
	}
	*n = *old;
	n->pf_refs = 1;
	vfs_hold(n->pf_cwd);
	vfs_hold(n->pf_root);
	old->pf_refs--;		/* others hold it: it stays */
	p->p_fs = n;
	intr_restore(on);
	return 0;
}
