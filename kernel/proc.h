/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Processes: pid, parent and children, exit status and reaping.  A process
 * has one thread today (threads come with clone(CLONE_THREAD)); its
 * address space and program break live in that thread.  Every function
 * here may sleep only where it says so; list changes run with interrupts
 * off.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include <kernel/signal.h>
#include <kernel/thread.h>
#include <fs/file.h>

struct proc {
	int		 p_pid;		/* set by proc_create */
	int		 p_pgid;	/* process group */
	int		 p_sid;		/* session */
	struct proc	*p_parent;	/* NULL: the kernel waits for it */
	struct proc	*p_children;	/* first child */
	struct proc	*p_sibling;	/* next child of p_parent */
	struct thread	*p_thread;	/* NULL once it has exited */
	bool		 p_zombie;	/* exited, not yet reaped */
	int		 p_status;	/* wait status once a zombie */
	struct waitq	 p_wait;	/* woken when a child exits */
	struct proc	*p_all_next;	/* every live process, for kill */
	uint64_t	 p_sigpending;	/* bit sig - 1 */
	struct signal_action p_sigact[64]; /* index sig - 1 */
	struct fdtable	*p_fds;		/* open descriptors */
	struct vnode	*p_cwd;		/* held */
	uint32_t	 p_umask;
	uint64_t	 p_start_ns;	/* set by proc_create */
	char		*p_cmdline;	/* argv, each NUL-terminated; set by
					 * exec_install, copied by fork */
	size_t		 p_cmdline_len;
	struct vnode	*p_exe;		/* held program file; as p_cmdline */
	char		 p_comm[16];	/* program name; as p_cmdline */
};

/*
 * A process for thread t (which must not have run yet) as a child of
 * parent (NULL for one the kernel itself waits for).  It inherits the
 * parent's descriptors, directory and umask; a parentless one starts in
 * "/" with 0, 1 and 2 open on /dev/console.  Returns NULL when out of
 * memory.
 */
struct proc *proc_create(struct thread *t, struct proc *parent);

/* The process of the calling thread, or NULL for a kernel thread. */
struct proc *proc_current(void);

/*
 * End the calling process with wait status status: its children go to
 * init, its parent is woken.  The caller then ends its thread.
 */
void	proc_exit(int status);

#define PROC_WNOHANG	1

/*
 * Wait for a child of the calling process: pid > 0 that child, -1 (or any
 * pid <= 0, until process groups matter) any child.  Returns the reaped
 * pid with *status set, 0 with PROC_WNOHANG when none has exited yet,
 * -ECHILD when there is no such child.  May sleep.
 */
int	proc_wait(int pid, int *status, int options);

/* The live (not zombie) process with pid, or NULL. */
struct proc *proc_find(int pid);

/* Call fn for every live process. */
void	proc_foreach(void (*fn)(struct proc *, void *), void *arg);

/* The highest pid handed out so far. */
int	proc_last_pid(void);

/* Wait for p (parent NULL) to exit, reap it, return its status.  Sleeps. */
int	proc_wait_kernel(struct proc *p);

#endif /* KERNEL_PROC_H */
