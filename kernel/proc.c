/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Processes: creation, exit, reparenting and reaping (see proc.h). */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/errno.h>
#include <kernel/kmalloc.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>

static int proc_next_pid = 1;
static struct proc *proc_all;		/* live processes */
static struct proc *proc_init;		/* pid 1: adopts orphans */
static struct waitq proc_kernel_wait;	/* for processes without a parent */

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
			(void)fd_install(t, f, i, false);
		file_put(f);
	}
	vfs_release(con);
}

struct proc *
proc_create(struct thread *t, struct proc *parent)
{
	struct proc *p = kzalloc(sizeof(*p));
	bool on;

	if (p == NULL)
		return NULL;
	if ((p->p_fds = kzalloc(sizeof(*p->p_fds))) == NULL) {
		kfree(p);
		return NULL;
	}
	if (parent != NULL) {
		fd_table_copy(p->p_fds, parent->p_fds);
		p->p_cwd = parent->p_cwd;
		p->p_umask = parent->p_umask;
		/* What the program is (for /proc) until it execs. */
		if (parent->p_cmdline != NULL &&
		    (p->p_cmdline = kmalloc(parent->p_cmdline_len)) != NULL) {
			memcpy(p->p_cmdline, parent->p_cmdline,
			    parent->p_cmdline_len);
			p->p_cmdline_len = parent->p_cmdline_len;
		}
		if ((p->p_exe = parent->p_exe) != NULL)
			vfs_hold(p->p_exe);
		memcpy(p->p_comm, parent->p_comm, sizeof(p->p_comm));
	} else {
		proc_std_fds(p->p_fds);
		p->p_cwd = vfs_root();
		p->p_umask = 022;
	}
	vfs_hold(p->p_cwd);
	p->p_start_ns = pv_clock_ns();
	on = intr_save();
	p->p_pid = proc_next_pid++;
	p->p_thread = t;
	p->p_parent = parent;
	p->p_pgid = parent != NULL ? parent->p_pgid : p->p_pid;
	p->p_sid = parent != NULL ? parent->p_sid : p->p_pid;
	if (parent != NULL) {
		p->p_sibling = parent->p_children;
		parent->p_children = p;
	}
	if (p->p_pid == 1)
		proc_init = p;
	if (parent != NULL)	/* handlers are inherited across fork */
		memcpy(p->p_sigact, parent->p_sigact, sizeof(p->p_sigact));
	p->p_all_next = proc_all;
	proc_all = p;
	t->t_proc = p;
	intr_restore(on);
	return p;
}

int
proc_last_pid(void)
{
	return proc_next_pid - 1;
}

struct proc *
proc_find(int pid)
{
	for (struct proc *p = proc_all; p != NULL; p = p->p_all_next)
		if (p->p_pid == pid)
			return p;
	return NULL;
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

struct proc *
proc_current(void)
{
	return thread_current()->t_proc;
}

void
proc_exit(int status)
{
	struct proc *p = proc_current(), *c;
	struct fdtable *fds = p->p_fds;
	struct vnode *cwd = p->p_cwd, *exe = p->p_exe;
	char *cmdline = p->p_cmdline;
	bool on;

	/*
	 * Unhooked before freed: /proc reads them from other processes
	 * with interrupts off, and must see either the thing or NULL.
	 */
	on = intr_save();
	p->p_fds = NULL;
	p->p_cwd = p->p_exe = NULL;
	p->p_cmdline = NULL;
	p->p_cmdline_len = 0;
	intr_restore(on);
	fd_table_close_all(fds);
	kfree(fds);
	vfs_release(cwd);
	vfs_release(exe);
	kfree(cmdline);
	on = intr_save();

	p->p_status = status;
	p->p_zombie = true;
	p->p_thread = NULL;
	for (struct proc **pp = &proc_all; *pp != NULL; pp = &(*pp)->p_all_next)
		if (*pp == p) {
			*pp = p->p_all_next;
			break;
		}
	if (p->p_parent != NULL)
		signal_send(p->p_parent, SIGCHLD);
	/* Orphans go to init (or, without one, to the kernel). */
	while ((c = p->p_children) != NULL) {
		p->p_children = c->p_sibling;
		if (proc_init != NULL && proc_init != p && !proc_init->p_zombie) {
			c->p_parent = proc_init;
			c->p_sibling = proc_init->p_children;
			proc_init->p_children = c;
		} else {
			c->p_parent = NULL;	/* reaped by nobody: freed now */
			if (c->p_zombie)
				kfree(c);
		}
	}
	if (p->p_parent != NULL)
		waitq_wake_all(&p->p_parent->p_wait);
	else
		waitq_wake_all(&proc_kernel_wait);
	if (proc_init != NULL && proc_init != p)
		waitq_wake_all(&proc_init->p_wait);
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
	kfree(c);
	return pid;
}

int
proc_wait(int pid, int *status, int options)
{
	struct proc *self = proc_current(), *c;
	bool on = intr_save(), any;
	int ret;

	for (;;) {
		any = false;
		for (c = self->p_children; c != NULL; c = c->p_sibling) {
			if (pid > 0 && c->p_pid != pid)
				continue;
			any = true;
			if (c->p_zombie) {
				ret = proc_reap(self, c, status);
				intr_restore(on);
				return ret;
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
			return -EINTR;
		}
		waitq_wait_locked(&self->p_wait);
	}
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
	kfree(p);
	intr_restore(on);
	return status;
}
