/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The generated files of /proc/<pid> (see procfs.h), from struct proc
 * and its thread: stat and status in Linux's formats (as far as busybox
 * ps and top read them), cmdline and comm as exec recorded them.  Memory
 * sizes (vsize, rss, Vm* lines) wait for the memory manager's areas and
 * read 0 until then.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/x86_64/include/dmap.h>
#include <kernel/sched/thread.h>
#include <fs/file.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <fs/procfs/procfs.h>

#define PROCFS_PID_NS_TICK	10000000UL	/* USER_HZ = 100 */

static char
procfs_pid_state(struct proc *p)
{
	if (p->p_zombie || p->p_thread == NULL)
		return 'Z';
	if (p->p_ptrace.pt_stopped)
		return 't';		/* a ptrace stop */
	if (p->p_stopped)
		return 'T';
	switch (p->p_thread->t_state) {
	case THREAD_RUNNING:
	case THREAD_RUNNABLE:
		return 'R';
	case THREAD_BLOCKED:
		return 'S';
	default:
		return 'Z';
	}
}

/* Signals p ignores (SIG_IGN) or catches (a handler), as bit masks. */
static void
procfs_pid_sigs(struct proc *p, uint64_t *ign, uint64_t *cgt)
{
	*ign = *cgt = 0;
	for (int i = 0; i < SIGNAL_MAX; i++) {
		if (p->p_sigact[i].sa_handler == 1)
			*ign |= 1UL << i;
		else if (p->p_sigact[i].sa_handler > 1)
			*cgt |= 1UL << i;
	}
}

static void
procfs_pid_vsize(const struct vm_area *a, void *arg)
{
	*(uint64_t *)arg += a->va_end - a->va_start;
}

/* Bytes of address space mapped, and pages resident. */
static void
procfs_pid_mem(struct proc *p, uint64_t *vsize, uint64_t *rss)
{
	struct thread *t = p->p_thread;

	*vsize = *rss = 0;
	if (t == NULL || t->t_vm == NULL)
		return;
	vm_areas_foreach(t->t_vm, procfs_pid_vsize, vsize);
	*rss = t->t_vm->vs_pages;
}

static void
procfs_pid_map_line(const struct vm_area *a, void *arg)
{
	unsigned int f = a->va_flags;
	/* exec names its stack; a MAP_GROWSDOWN mapping has no name. */
	const char *name = a->va_name != NULL ? a->va_name : "";

	procfs_printf(arg, "%012lx-%012lx %c%c%c%c %08lx 00:00 %lu%s%s\n",
	    a->va_start, a->va_end, (f & VM_READ) ? 'r' : '-',
	    (f & VM_WRITE) ? 'w' : '-', (f & VM_EXEC) ? 'x' : '-',
	    (f & VM_SHARED) ? 's' : 'p', a->va_file != NULL ? a->va_off : 0,
	    a->va_file != NULL ? a->va_file->v_ino : 0,
	    name[0] != '\0' ? "    " : "", name);
}

/* The address space's areas, one line each, as Linux prints them. */
static int
procfs_pid_maps(struct proc *p, struct procfs_buf *b)
{
	struct thread *t = p->p_thread;

	if (t != NULL && t->t_vm != NULL)
		vm_areas_foreach(t->t_vm, procfs_pid_map_line, b);
	return 0;
}

struct procfs_smaps {
	struct procfs_buf *ps_b;
	struct vm_space	*ps_vs;
};

/* One smaps figure: its label, and kB aligned as Linux aligns them. */
static void
procfs_smaps_kb(struct procfs_buf *b, const char *label, uint64_t bytes)
{
	procfs_printf(b, "%-16s%8lu kB\n", label, bytes >> 10);
}

static void
procfs_pid_smaps_area(const struct vm_area *a, void *arg)
{
	struct procfs_smaps *s = arg;
	struct procfs_buf *b = s->ps_b;
	unsigned int f = a->va_flags;
	struct vm_usage u;
	uint64_t pss = 0;

	procfs_pid_map_line(a, b);
	vm_area_usage(s->ps_vs, a, &u);
	pss = u.vu_pss_4k >> 12;
	procfs_smaps_kb(b, "Size:", a->va_end - a->va_start);
	procfs_smaps_kb(b, "KernelPageSize:", PAGE_SIZE);
	procfs_smaps_kb(b, "MMUPageSize:", PAGE_SIZE);
	procfs_smaps_kb(b, "Rss:", u.vu_rss);
	procfs_smaps_kb(b, "Pss:", pss);
	procfs_smaps_kb(b, "Pss_Dirty:", u.vu_rss == 0 ? 0 : pss *
	    (u.vu_shared_dirty + u.vu_private_dirty) / u.vu_rss);
	procfs_smaps_kb(b, "Shared_Clean:", u.vu_shared_clean);
	procfs_smaps_kb(b, "Shared_Dirty:", u.vu_shared_dirty);
	procfs_smaps_kb(b, "Private_Clean:", u.vu_private_clean);
	procfs_smaps_kb(b, "Private_Dirty:", u.vu_private_dirty);
	procfs_smaps_kb(b, "Referenced:", u.vu_referenced);
	procfs_smaps_kb(b, "Anonymous:", u.vu_anon);
	procfs_smaps_kb(b, "KSM:", 0);
	procfs_smaps_kb(b, "LazyFree:", 0);
	procfs_smaps_kb(b, "AnonHugePages:", 0);
	procfs_smaps_kb(b, "ShmemPmdMapped:", 0);
	procfs_smaps_kb(b, "FilePmdMapped:", 0);
	procfs_smaps_kb(b, "Shared_Hugetlb:", 0);
	procfs_smaps_kb(b, "Private_Hugetlb:", 0);
	procfs_smaps_kb(b, "Swap:", 0);		/* no swap: all resident */
	procfs_smaps_kb(b, "SwapPss:", 0);
	procfs_smaps_kb(b, "Locked:", (f & VM_LOCKED) ? pss : 0);
	procfs_printf(b, "%-16s%8d\n", "THPeligible:", 0);
	procfs_printf(b, "VmFlags:%s%s%s%s%s%s%s%s%s%s%s \n",
	    (f & VM_READ) ? " rd" : "", (f & VM_WRITE) ? " wr" : "",
	    (f & VM_EXEC) ? " ex" : "", (f & VM_SHARED) ? " sh" : "",
	    " mr", (f & VM_SHARED) && !(f & VM_MAYWRITE) ? "" : " mw", " me",
	    (f & VM_SHARED) ? " ms" : "", (f & VM_GROWSDOWN) ? " gd" : "",
	    (f & VM_LOCKED) ? " lo" : "", (f & VM_DONTFORK) ? " dc" :
	    (f & VM_WIPEONFORK) ? " wf" : "");
}

/* Each area as maps shows it, then what of it is resident, as Linux. */
static int
procfs_pid_smaps(struct proc *p, struct procfs_buf *b)
{
	struct thread *t = p->p_thread;
	struct procfs_smaps s = { b, t != NULL ? t->t_vm : NULL };

	if (s.ps_vs != NULL)
		vm_areas_foreach(s.ps_vs, procfs_pid_smaps_area, &s);
	return 0;
}

/* A thread's state letter, as procfs_pid_state's for the process. */
static char
procfs_thread_state(struct proc *p, struct thread *t)
{
	if (p->p_zombie || t == NULL)
		return 'Z';
	if (p->p_stopped)
		return 'T';
	switch (t->t_state) {
	case THREAD_RUNNING:
	case THREAD_RUNNABLE:
		return 'R';
	case THREAD_BLOCKED:
		return 'S';
	default:
		return 'Z';
	}
}

/*
 * /proc/<pid>/stat (t the process's first thread) and
 * /proc/<pid>/task/<tid>/stat (t that thread): the same line, with the
 * thread's id, name, state and time in the latter.
 */
static int
procfs_stat_line(struct proc *p, struct thread *t, bool task,
    struct procfs_buf *b)
{
	uint64_t user = 0, sys = 0, cuser, csys, ign, cgt, vsize, rss;

	/* The process's CPU time (threads that left included), or the
	 * thread's, as getrusage splits it into user and system time. */
	if (!task || t != NULL)
		proc_cputime(p, task ? t : NULL, &user, &sys);
	proc_child_cputime(p, &cuser, &csys);

	procfs_pid_sigs(p, &ign, &cgt);
	/* Fields 1-13: pid (comm) state ppid pgrp session tty tpgid flags
	 * and the four fault counts. */
	procfs_printf(b, "%d (%s) %c %d %d %d 0 -1 4194304 0 0 0 0 ",
	    task && t != NULL ? t->t_utid : p->p_pid,
	    task && t != NULL ? t->t_name : p->p_comm,
	    task ? procfs_thread_state(p, t) : procfs_pid_state(p),
	    p->p_parent != NULL ? p->p_parent->p_pid : 0, p->p_pgid,
	    p->p_sid);
	/* 14-22: utime stime cutime cstime priority nice threads
	 * itrealvalue starttime. */
	procfs_printf(b, "%lu %lu %lu %lu %d %d %d 0 %lu ",
	    user / PROCFS_PID_NS_TICK, sys / PROCFS_PID_NS_TICK,
	    cuser / PROCFS_PID_NS_TICK, csys / PROCFS_PID_NS_TICK,
	    t != NULL ? sched_policy_stat_prio(&t->t_sp) : 20,
	    t != NULL ? t->t_sp.sp_nice : 0, p->p_nthreads,
	    p->p_start_ns / PROCFS_PID_NS_TICK);
	/* 23-34: vsize rss rsslim startcode endcode startstack esp eip
	 * and the signal masks. */
	procfs_pid_mem(p, &vsize, &rss);
	procfs_printf(b, "%lu %lu 18446744073709551615 0 0 0 0 0 %lu %lu %lu "
	    "%lu ", vsize, rss, p->p_sigshared.sp_set,
	    t != NULL ? t->t_sigmask : 0, ign, cgt);
	/* 35-52: wchan nswap cnswap exit_signal cpu rt_priority policy
	 * blkio guest cguest start_data end_data start_brk arg_start
	 * arg_end env_start env_end exit_code. */
	procfs_printf(b, "0 0 0 17 0 %u %u 0 0 0 0 0 %lu 0 0 0 0 0\n",
	    t != NULL && sched_policy_is_rt(t->t_sp.sp_policy) ?
	    t->t_sp.sp_rtprio : 0, t != NULL ? t->t_sp.sp_policy : 0,
	    t != NULL && t->t_vm != NULL ? t->t_vm->vs_brk_base : 0);
	return 0;
}

static int
procfs_pid_stat(struct proc *p, struct procfs_buf *b)
{
	return procfs_stat_line(p, p->p_thread, false, b);
}

int
procfs_task_stat(struct proc *p, struct thread *t, struct procfs_buf *b)
{
	return procfs_stat_line(p, t, true, b);
}

static int
procfs_pid_status(struct proc *p, struct procfs_buf *b)
{
	struct thread *t = p->p_thread;
	const struct proc_cred *c = &p->p_cred;
	static const char *const names[] = { ['R'] = "R (running)",
	    ['S'] = "S (sleeping)", ['T'] = "T (stopped)",
	    ['t'] = "t (tracing stop)", ['Z'] = "Z (zombie)" };
	uint64_t ign, cgt, vsize, rss;
	unsigned int fdsize, umask = p->p_fs != NULL ? p->p_fs->pf_umask : 0;

	procfs_pid_sigs(p, &ign, &cgt);
	/* The table's slots, as Linux shows them (at least 64). */
	fdsize = p->p_fds != NULL ? fd_table_size(p->p_fds) : 0;
	if (fdsize < FD_TABLE_FIRST)
		fdsize = FD_TABLE_FIRST;
	/* Octal by hand: lib/fmt.h has no %o. */
	procfs_printf(b, "Name:\t%s\nUmask:\t0%c%c%c\nState:\t%s\n",
	    p->p_comm, '0' + (umask >> 6 & 7), '0' + (umask >> 3 & 7),
	    '0' + (umask & 7), names[(int)procfs_pid_state(p)]);
	procfs_printf(b, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
	    "TracerPid:\t%d\n", p->p_pid, p->p_pid,
	    p->p_parent != NULL ? p->p_parent->p_pid : 0,
	    p->p_ptrace.pt_tracer != NULL ? p->p_ptrace.pt_tracer->p_pid : 0);
	procfs_printf(b, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n"
	    "FDSize:\t%u\nGroups:\t", c->pc_uid, c->pc_euid, c->pc_suid,
	    c->pc_fsuid, c->pc_gid, c->pc_egid, c->pc_sgid, c->pc_fsgid, fdsize);
	for (uint32_t i = 0; i < c->pc_ngroups; i++)
		procfs_printf(b, "%u ", c->pc_groups[i]);
	procfs_printf(b, "\n");
	procfs_pid_mem(p, &vsize, &rss);
	procfs_printf(b, "VmSize:\t%8lu kB\nVmLck:\t%8lu kB\n"
	    "VmRSS:\t%8lu kB\n", vsize / 1024,
	    t != NULL && t->t_vm != NULL ? vm_locked_bytes(t->t_vm) / 1024 : 0,
	    rss * (PAGE_SIZE / 1024));
	procfs_printf(b, "Threads:\t%d\nSigQ:\t0/0\nSigPnd:\t%016lx\n"
	    "ShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\n"
	    "SigCgt:\t%016lx\n", p->p_nthreads,
	    t != NULL ? t->t_sigpend.sp_set : 0, p->p_sigshared.sp_set,
	    t != NULL ? t->t_sigmask : 0, ign, cgt);
	procfs_printf(b, "CapInh:\t%016lx\nCapPrm:\t%016lx\nCapEff:\t%016lx\n"
	    "CapBnd:\t%016lx\nCapAmb:\t%016lx\n", c->pc_cap.cs_inh,
	    c->pc_cap.cs_prm, c->pc_cap.cs_eff, c->pc_cap.cs_bnd,
	    c->pc_cap.cs_amb);
	return 0;
}

static int
procfs_pid_cmdline(struct proc *p, struct procfs_buf *b)
{
	if (p->p_cmdline != NULL)
		procfs_put(b, p->p_cmdline, p->p_cmdline_len);
	return 0;
}

static int
procfs_pid_comm(struct proc *p, struct procfs_buf *b)
{
	procfs_printf(b, "%s\n", p->p_comm);
	return 0;
}

/*
 * Per-process files.  New ones go here; maps is the memory manager's to
 * add (a generator that prints one line per area).
 */
const struct procfs_file procfs_pid_files[] = {
	{ "cmdline", procfs_pid_cmdline },
	{ "comm", procfs_pid_comm },
	{ "maps", procfs_pid_maps },
	{ "mountinfo", procfs_sys_mountinfo },
	{ "mounts", procfs_sys_mounts },
	{ "smaps", procfs_pid_smaps },
	{ "stat", procfs_pid_stat },
	{ "status", procfs_pid_status },
};
const unsigned int procfs_pid_nfiles = ARRAY_SIZE(procfs_pid_files);
