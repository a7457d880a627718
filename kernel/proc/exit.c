/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Threads and programs ending (see proc.h): exit(2), exit_group(2), a
 * fatal signal or fault, and execve's change of address space.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <kernel/sched/thread.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/futex.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/ptrace.h>

/*
 * The thread's space and CR3 change together, with interrupts off, or a
 * preemption in between would bring the old (soon freed) tables back
 * when this thread runs again.
 */
void
proc_replace_space(struct vm_space *vs)
{
	struct thread *t = thread_current();
	bool on = intr_save();
	struct vm_space *old = t->t_vm;

	/* getrusage's maxrss: the largest the process's memory has been. */
	if (old != NULL && t->t_proc != NULL &&
	    old->vs_pages_peak > t->t_proc->p_maxrss_pages)
		t->t_proc->p_maxrss_pages = old->vs_pages_peak;
	t->t_vm = vs;
	t->t_space = vs != NULL ? vs->vs_root : 0;
	paging_switch(t->t_space);
	intr_restore(on);
	vm_space_release(old);
}

/*
 * The calling thread leaves: the robust mutexes it holds are marked
 * FUTEX_OWNER_DIED, its CLONE_CHILD_CLEARTID word is cleared and
 * woken (pthread_join waits on it), its hold on the address space goes,
 * and the last thread out ends the process with status.
 */
static __noreturn void
proc_leave(int status)
{
	struct thread *t = thread_current();
	uint32_t zero = 0;

	/* A tracer that asked sees the exit coming (registers intact). */
	if (t->t_proc != NULL && t->t_vm != NULL)
		ptrace_exit_event(status);
	/* As Linux: robust mutexes first, then the tid word. */
	futex_robust_exit();
	if (t->t_clear_tid != 0 && t->t_vm != NULL &&
	    copy_to_user((void *)t->t_clear_tid, &zero, sizeof(zero)) == 0)
		(void)futex_wake(t->t_clear_tid, 1, false);
	proc_replace_space(NULL);
	if (t->t_proc != NULL)
		proc_vfork_release(t->t_proc);
	if (t->t_proc != NULL && proc_key_hooks != NULL &&
	    proc_key_hooks->pkh_thread_exit != NULL)
		proc_key_hooks->pkh_thread_exit(t);
	/*
	 * Past proc_remove_thread, a thread that was not the last must not
	 * touch its process: the others may end it and its parent free it.
	 */
	if (t->t_proc != NULL && proc_remove_thread(t))
		proc_exit(status);
	thread_exit(status);
}

void
proc_exit_thread(int status)
{
	/* The whole process goes; if another thread is ending it, follow. */
	if (thread_current()->t_proc != NULL && proc_single_thread() != 0)
		proc_leave(0);
	proc_leave(status);
}

void
proc_thread_leave(void)
{
	proc_leave(0);
}
