/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Processes: creation, exit, reparenting and reaping (see proc.h). */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/errno.h>
#include <kernel/kmalloc.h>
#include <kernel/proc.h>
#include <kernel/thread.h>
#include <arch/x86_64/include/cpu.h>

static int proc_next_pid = 1;
static struct proc *proc_init;		/* pid 1: adopts orphans */
static struct waitq proc_kernel_wait;	/* for processes without a parent */

struct proc *
proc_create(struct thread *t, struct proc *parent)
{
	struct proc *p = kzalloc(sizeof(*p));
	bool on;

	if (p == NULL)
		return NULL;
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
	t->t_proc = p;
	intr_restore(on);
	return p;
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
	bool on = intr_save();

	p->p_status = status;
	p->p_zombie = true;
	p->p_thread = NULL;
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
