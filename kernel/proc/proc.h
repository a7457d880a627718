/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Processes: pid, parent and children, exit status and reaping.  A process
 * has one thread today (threads come with clone(CLONE_THREAD)); its
 * address space and program break live in that thread.  Every function
 * here may sleep only where it says so; list changes run with interrupts
 * off.
 */
#ifndef KERNEL_PROC_PROC_H
#define KERNEL_PROC_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/compiler.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <kernel/proc/signal.h>

#define PROC_NGROUPS_MAX	32

/* getrlimit's and prlimit64's resources, numbered as Linux numbers them. */
#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define PROC_RLIMIT_NLIMITS	16	/* RLIMIT_CPU .. RLIMIT_RTTIME */
#define RLIM_INFINITY		UINT64_MAX

struct proc_cred {		/* set by proc_create, the set*id calls */
	uint32_t	pc_uid, pc_euid, pc_suid, pc_fsuid;
	uint32_t	pc_gid, pc_egid, pc_sgid, pc_fsgid;
	uint32_t	pc_ngroups;
	uint32_t	pc_groups[PROC_NGROUPS_MAX];
	struct cap_sets	pc_cap;		/* capabilities (lib/cap.h) */
};

struct ptimer;
struct proc;

/*
 * A process's side of ptrace (ptrace.c): who traces it, how, and the stop
 * it is in.  Jiny traces a process as one unit: the thread that stops
 * is the one the tracer sees (pt_thread).  Changed with interrupts off.
 */
struct proc_ptrace {
	struct proc	*pt_tracer;	/* NULL: not traced */
	struct proc	*pt_next;	/* next tracee of pt_tracer */
	uint32_t	 pt_options;	/* PTRACE_O_* */
	bool		 pt_seized;	/* PTRACE_SEIZE, not ATTACH/TRACEME */
	bool		 pt_stopped;	/* in a ptrace stop until restarted */
	bool		 pt_report;	/* a stop (or exit) the tracer's wait
					 * has not seen */
	bool		 pt_syscall;	/* PTRACE_SYSCALL: stop at entry, exit */
	bool		 pt_step;	/* PTRACE_SINGLESTEP set TF */
	bool		 pt_interrupt;	/* PTRACE_INTERRUPT asked for a stop */
	bool		 pt_has_info;	/* pt_info belongs to this stop */
	int		 pt_code;	/* the stop: wait status >> 8 */
	int		 pt_data;	/* the restart's signal */
	uint64_t	 pt_eventmsg;	/* PTRACE_GETEVENTMSG */
	struct thread	*pt_thread;	/* the thread in the stop */
	struct signal_info pt_info;	/* GETSIGINFO, SETSIGINFO */
	uint64_t	 pt_dr[8];	/* u_debugreg: kept, not armed */
};

/*
 * What a pidfd (pidfd.c) refers to: a process that may exit and be
 * reaped while the descriptor stays open.  Held by each pidfd and by the
 * process itself until it is freed; pr_proc is NULL from then on.
 */
struct proc_pidref {
	uint32_t	 pr_refs;
	int		 pr_pid;
	struct proc	*pr_proc;	/* NULL once reaped */
	bool		 pr_exited;	/* set by proc_exit */
	struct poll_head pr_head;	/* announced POLLIN at the exit */
};
struct sem_undo;
struct key;

/* uname's node and domain names (sethostname, /proc/sys/kernel). */
extern char proc_nodename[65];
extern char proc_domainname[65];

/*
 * Where paths start: shared by the processes cloned with CLONE_FS (and
 * by a process's threads, which share the struct proc).
 */
struct proc_fs {
	uint32_t	 pf_refs;	/* processes using it */
	struct vnode	*pf_cwd;	/* held */
	struct vnode	*pf_root;	/* held; chroot(2), kept by exec */
	uint32_t	 pf_umask;
};

struct proc_rlimit {		/* struct rlimit64 of the Linux ABI */
	uint64_t	rl_cur, rl_max;
};

/* A CPU-time interval timer (setitimer's ITIMER_VIRTUAL, ITIMER_PROF). */
struct proc_cputimer {
	uint64_t	ct_left;	/* ns of CPU time to go; 0: off */
	uint64_t	ct_interval;	/* reload */
};

/* Signal handlers, shared by processes made with CLONE_SIGHAND. */
struct proc_sighand {
	unsigned int		ps_refs;
	struct signal_action	ps_act[64];
};

struct proc {
	int		 p_pid;		/* set by proc_create */
	int		 p_pgid;	/* process group */
	int		 p_sid;		/* session */
	struct proc	*p_parent;	/* NULL: the kernel waits for it */
	struct proc	*p_children;	/* first child */
	struct proc	*p_sibling;	/* next child of p_parent */
	struct thread	*p_thread;	/* a live thread (signals wake it);
					 * NULL once it has exited */
	struct thread	*p_threads;	/* all live threads, via t_peer_next */
	int		 p_nthreads;
	struct thread	*p_single;	/* exit_group or execve: every other
					 * thread must leave */
	struct waitq	 p_single_wait;	/* p_single waits here for them */
	struct thread	*p_vfork_parent; /* sleeps until we exec or exit */
	struct waitq	 p_vfork_wait;
	bool		 p_zombie;	/* exited, not yet reaped */
	int		 p_status;	/* wait status once a zombie */
	struct waitq	 p_wait;	/* woken when a child exits */
	struct proc	*p_all_next;	/* every live process, for kill */
	struct signal_pend p_sigshared;	/* pending for the process: any
					 * thread that does not block one
					 * takes it (signal.c) */
	struct signal_action *p_sigact;	/* index sig - 1: p_sighand's */
	struct proc_sighand *p_sighand;	/* shared by CLONE_SIGHAND */
	struct fdtable	*p_fds;		/* open descriptors */
	struct proc_fs	*p_fs;		/* cwd, root, umask; NULL once
					 * exited */
	bool		 p_stopped;	/* set by a stop signal's delivery,
					 * cleared by SIGCONT/SIGKILL */
	int		 p_stopsig;	/* the signal that stopped it */
	bool		 p_stop_report;	/* a stop not yet seen by wait */
	bool		 p_cont_report;	/* a continue not yet seen by wait */
	struct proc_cred p_cred;	/* set by proc_create, set*id */
	struct proc_rlimit p_rlimit[PROC_RLIMIT_NLIMITS]; /* prlimit64 */
	uint64_t	 p_itimer_next;	/* ITIMER_REAL expiry (ns), 0: off */
	uint64_t	 p_itimer_interval; /* its reload (ns) */
	struct ptimer	*p_timers;	/* POSIX timers (itimer.c) */
	uint64_t	 p_cpu_left_ns;	/* CPU time of threads that left */
	struct cputime_split p_cputime;	/* its last reported split
					 * (proc_cputime) */
	uint64_t	 p_utime_left_ns; /* of that, in ring 3 */
	struct proc_cputimer p_itimer_cpu[2]; /* ITIMER_VIRTUAL, ITIMER_PROF
					 * (itimer.c) */
	uint64_t	 p_xcpu_next_s;	/* RLIMIT_CPU: next SIGXCPU at this
					 * many CPU seconds (0: the soft
					 * limit) */
	uint64_t	 p_runtime_ns;	/* set by proc_exit: CPU time used */
	uint64_t	 p_child_ns;	/* CPU time of reaped children */
	uint64_t	 p_child_utime_ns; /* of that, in ring 3 */
	struct thread_counts p_counts_left; /* of threads that left */
	struct thread_counts p_child_counts; /* of reaped children */
	uint64_t	 p_maxrss_pages; /* peak of spaces it has left */
	uint64_t	 p_child_maxrss_pages; /* the largest reaped child's */
	int		 p_nice;	/* setpriority, -20..19 */
	bool		 p_did_exec;	/* has exec'd since fork (setpgid) */
	uint32_t	 p_personality;	/* personality(2), kept across exec */
	uint64_t	 p_start_ns;	/* set by proc_create */
	char		*p_cmdline;	/* argv, each NUL-terminated; set by
					 * exec_install, copied by fork */
	size_t		 p_cmdline_len;
	struct vnode	*p_exe;		/* held program file; as p_cmdline */
	char		 p_comm[16];	/* program name; as p_cmdline */
	bool		 p_forked;	/* made by fork, no exec since (for
					 * the accounting record's AFORK) */
	struct proc_pidref *p_pidref;	/* made by the first pidfd_open */
	int		 p_pdeathsig;	/* prctl PR_SET_PDEATHSIG, 0: none */
	int		 p_parent_tid;	/* the thread that forked it: its exit
					 * sends p_pdeathsig */
	bool		 p_subreaper;	/* PR_SET_CHILD_SUBREAPER */
	bool		 p_no_new_privs; /* PR_SET_NO_NEW_PRIVS, inherited */
	bool		 p_thp_disable;	/* PR_SET_THP_DISABLE, inherited */
	uint64_t	 p_timerslack_ns; /* PR_SET_TIMERSLACK (no effect) */
	uint64_t	 p_timerslack_default; /* what setting 0 restores */
	uint64_t	 p_io_id;	/* kcmp identities of what Jiny has */
	uint64_t	 p_sysvsem_id;	/* no object for: shared by CLONE_IO,
					 * CLONE_SYSVSEM */
	struct sem_undo	*p_semundo;	/* System V SEM_UNDO adjustments
					 * (kernel/ipc/sem.c); a fork starts
					 * with none, exec keeps them */
	struct proc_ptrace p_ptrace;	/* its tracer (ptrace.c) */
	struct proc	*p_tracees;	/* processes it traces, via
					 * p_ptrace.pt_next */
	struct key	*p_key_process;	/* keyrings (kernel/ipc/keys.c), each
					 * a reference: the process keyring
					 * (not inherited, gone at exec), */
	struct key	*p_key_session;	/* the session keyring (inherited,
					 * kept across exec) */
	int		 p_key_reqkey;	/* request_key's default keyring
					 * (KEY_REQKEY_DEFL_*), inherited */
};

/*
 * A process for thread t (which must not have run yet) as a child of
 * parent (NULL for one the kernel itself waits for).  It inherits the
 * parent's descriptors, directory, root directory and umask; a
 * parentless one starts in "/" with 0, 1 and 2 open on /dev/console.  Returns NULL when out of
 * memory.
 */
struct proc *proc_create(struct thread *t, struct proc *parent);
/*
 * As proc_create, sharing what share asks (PROC_SHARE_*: clone's
 * CLONE_FILES, CLONE_IO, CLONE_SYSVSEM, CLONE_FS) with parent instead of copying.
 */
#define PROC_SHARE_FILES	0x1
#define PROC_SHARE_IO		0x2
#define PROC_SHARE_SYSVSEM	0x4
#define PROC_SHARE_FS		0x8
#define PROC_SHARE_SIGHAND	0x10	/* CLONE_SIGHAND: the handlers */
#define PROC_SHARE_PARENT	0x20	/* CLONE_PARENT: parent's parent is
					 * the new one's */
struct proc *proc_create_shared(struct thread *t, struct proc *parent,
	    unsigned int share);

/*
 * The calling process's root directory (chroot), or NULL for a kernel
 * thread: the path walk's hook (vfs_set_root_hook, installed by main).
 */
struct vnode *proc_root_dir(void);

/* The process of the calling thread, or NULL for a kernel thread. */
static inline struct proc *
proc_current(void)
{
	return thread_current()->t_proc;
}

/*
 * The calling process's RLIMIT_NOFILE, at most FD_NR_OPEN (that for a
 * kernel thread): the bound fd_install takes.
 */
int	proc_fd_limit(void);

/*
 * End the calling process with wait status status: its children go to
 * init, its parent is woken.  The caller then ends its thread.
 */
void	proc_exit(int status);

/*
 * Process accounting (acct.c): the file records go to (a reference the
 * caller gives; NULL turns accounting off), and the record of p ending
 * with status, appended if accounting is on.
 */
void	proc_acct_set(struct file *f);
void	proc_acct_exit(struct proc *p, int status);

/*
 * fn runs in proc_exit for the exiting process, first of all (System V
 * semaphores' SEM_UNDO, from kernel/ipc above).  Call at boot.
 */
void	proc_set_exit_hook(void (*fn)(struct proc *p));

/*
 * The key retention service's part in a process's life (kernel/ipc/keys.c
 * above installs them at boot; each may be NULL): a child made by fork
 * (after proc_create_shared filled it), the calling thread t of p
 * replacing its program (exec_install), a thread leaving (before it is
 * removed from its process) and the process ending (proc_exit).
 */
struct proc_key_hooks {
	void	(*pkh_fork)(struct proc *child, struct proc *parent);
	void	(*pkh_exec)(struct proc *p, struct thread *t);
	void	(*pkh_thread_exit)(struct thread *t);
	void	(*pkh_exit)(struct proc *p);
};
void	proc_set_key_hooks(const struct proc_key_hooks *h);
extern const struct proc_key_hooks *proc_key_hooks;

#define PROC_WNOHANG	0x00000001
#define PROC_WSTOPPED	0x00000002	/* WUNTRACED */
#define PROC_WEXITED	0x00000004
#define PROC_WCONTINUED	0x00000008
#define PROC_WNOWAIT	0x01000000
#define PROC_P_ALL	0
#define PROC_P_PID	1
#define PROC_P_PGID	2
#define PROC_P_PIDFD	3	/* proc_wait: id is a pid, that one only */
#define PROC_CLD_TRAPPED 4	/* waitid's si_code for a ptrace stop */

struct proc_waitres {		/* what proc_wait found */
	int		pw_pid;
	int		pw_status;	/* wait4's status word */
	int		pw_code;	/* CLD_* for waitid */
	int		pw_sigstatus;	/* waitid's si_status */
	uint32_t	pw_uid;
	uint64_t	pw_cpu_ns;	/* an exited child's CPU time, its
					 * reaped children's included */
	uint64_t	pw_cpu_user_ns;	/* of that, in ring 3 */
	struct thread_counts pw_counts;	/* its counts, children's included */
	uint64_t	pw_maxrss_pages; /* its peak, or a child's if larger */
};

/*
 * getrusage's counts for p (its live threads and those that left) and
 * its peak resident pages so far.  Interrupts off or p is current.
 */
void	proc_counts(const struct proc *p, struct thread_counts *c,
	    uint64_t *maxrss_pages);

/*
 * Wait for a child of the calling process selected by idtype (PROC_P_*)
 * and id (a pid or a group) to change state as options (PROC_W*) ask:
 * exit (reaped unless PROC_WNOWAIT), stop or continue.  Returns the pid
 * with *res filled, 0 with PROC_WNOHANG when none has changed yet,
 * -ECHILD when there is no such child, -ERESTARTSYS when a signal came.
 * May sleep.
 */
int	proc_wait(int idtype, int id, int options, struct proc_waitres *res);

/*
 * Is process group pgid orphaned (no member has a parent in another
 * group of the same session)?  Such a group is never stopped by the tty's
 * stop signals.  Interrupts off.
 */
bool	proc_pgrp_orphaned(int pgid);

/* Does some process of session sid (zombies too, as Linux) belong to
 * group pgid? */
bool	proc_pgrp_in_session(int pgid, int sid);

/* The live (not zombie) process with pid, or NULL. */
struct proc *proc_find(int pid);
/*
 * As proc_find, or a zombie not yet reaped (what /proc shows, state Z).
 * Interrupts off: a zombie is freed when its parent reaps it.
 */
struct proc *proc_find_shown(int pid);

/* A thread of a live process by the tid programs see; NULL if none. */
struct thread *proc_find_thread(int tid);
/*
 * The process of id for kill(2) and sigqueue: a process id, any of its
 * threads' ids (that signals the process, as Linux), or a zombie not yet
 * reaped (signals to it are dropped, but it exists).  Interrupts off.
 */
struct proc *proc_find_by_id(int id);

/*
 * The calling process's RLIMIT_FSIZE (RLIM_INFINITY for a kernel
 * thread), and SIGXFSZ for it when a write went past: fs's hooks
 * (vfs_set_fsize_hooks, installed by main).
 */
uint64_t proc_fsize_limit(void);
void	proc_fsize_exceeded(void);

/*
 * CPU time of p so far in ns, every thread's, those that left included;
 * *user (may be NULL) gets the part spent in ring 3.  Interrupts off.
 */
uint64_t proc_cpu_ns(const struct proc *p, uint64_t *user);

/*
 * The CPU time of p (t NULL) or of its thread t, as user and system
 * time in ns, for getrusage, times and /proc/<pid>/stat.  The user part
 * is sampled (itimer_account) while the total is exact, so a bare split
 * could move time from system to user when a sample lands; as Linux's,
 * neither part ever falls below what an earlier call reported.
 */
void	proc_cputime(struct proc *p, struct thread *t, uint64_t *user,
	    uint64_t *sys);

/* The CPU time of p's reaped children, as user and system time in ns. */
void	proc_child_cputime(const struct proc *p, uint64_t *user,
	    uint64_t *sys);

/*
 * The pidfd handle of p, made on first use, with a reference for the
 * caller (NULL: no memory); its reference dropped.  Interrupts off for
 * the first.
 */
struct proc_pidref *proc_pidref_get(struct proc *p);
void	proc_pidref_put(struct proc_pidref *r);

/* Join t to p as another thread (clone with CLONE_THREAD). */
void	proc_add_thread(struct proc *p, struct thread *t);

/*
 * t leaves its process; true when it was the last thread, and the caller
 * then ends the process with proc_exit().  Otherwise the children t
 * forked that asked for a parent-death signal (PR_SET_PDEATHSIG) get it,
 * and t must not touch the process again.
 */
bool	proc_remove_thread(struct thread *t);

/*
 * Make every other thread of the caller's process leave, and wait until
 * they have (exit_group, execve).  Returns -EINTR, having done nothing,
 * when another thread got there first: the caller must then leave too.
 */
int	proc_single_thread(void);

/* A vfork child execs or exits: its parent may run again. */
void	proc_vfork_release(struct proc *p);

/* True when the calling thread has been told to leave by another. */
bool	proc_thread_must_leave(void);

/*
 * exit.c.  Give the calling thread the address space vs (NULL: none) and
 * let go of its old one (execve; a leaving thread).
 */
struct vm_space;
struct file;
void	proc_replace_space(struct vm_space *vs);

/*
 * End the calling program, every thread of it, with a wait status (a
 * kill, a fault, exit_group).  The address space goes with its last user.
 */
__noreturn void proc_exit_thread(int status);

/* The calling thread leaves on its own; its process may go on. */
__noreturn void proc_thread_leave(void);

/* Call fn for every live process. */
void	proc_foreach(void (*fn)(struct proc *, void *), void *arg);

/* The last pid handed out (or that kernel.ns_last_pid set). */
int	proc_last_pid(void);
/* kernel.ns_last_pid's store: the next pid given out follows pid. */
void	proc_set_last_pid(int pid);
/* A new pid (or tid); interrupts off. */
int	proc_alloc_pid(void);
#define PROC_RESERVED_PIDS	300	/* wrapping skips pids below this */

/* Wait for p (parent NULL) to exit, reap it, return its status.  Sleeps. */
int	proc_wait_kernel(struct proc *p);

/*
 * May the calling process do mask (VFS_MAY_*) to v?  With its fs ids, or
 * its real ones (access(2)).  0 or -EACCES.
 */
int	proc_may(const struct vnode *v, int mask, bool real);
/*
 * Does the current process hold capability cap (CAP_*, lib/cap.h) in its
 * effective set?  The kernel's own threads (no process) do.
 */
bool	proc_capable(int cap);
/* Is gid the caller's fs gid or one of its supplementary groups? */
bool	proc_in_group(uint32_t gid);
/* Does process p hold cap in its effective set? */
bool	proc_has_cap(const struct proc *p, int cap);

/*
 * Give p a descriptor table of its own if it shares one (execve,
 * close_range's CLOSE_RANGE_UNSHARE, unshare): 0, -ENOMEM, or -EMFILE
 * when its descriptors do not fit under fs.nr_open (as Linux).
 */
int	proc_unshare_fds(struct proc *p);
/* Likewise its signal handlers (execve): 0 or -ENOMEM. */
int	proc_unshare_sighand(struct proc *p);
/* unshare(CLONE_FS): a cwd, root and umask of its own: 0 or -ENOMEM. */
int	proc_unshare_fs(struct proc *p);

/*
 * May the calling process look into or change target (Linux's
 * ptrace_may_access with the real ids: get_robust_list, kcmp,
 * pidfd_getfd, process_vm_readv)?  Itself, root (CAP_SYS_PTRACE), or
 * real ids matching all of target's user and group ids.
 */
bool	proc_may_inspect(const struct proc *target);

/* The calling process's search permission on dir, for path walks. */
int	proc_may_search(const struct vnode *dir);

#endif /* KERNEL_PROC_PROC_H */
