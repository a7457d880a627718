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

#include <kernel/compiler.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <fs/file.h>
#include <fs/procfs.h>

#define PROCFS_PID_NS_TICK	10000000UL	/* USER_HZ = 100 */

static char
procfs_pid_state(struct proc *p)
{
	if (p->p_zombie || p->p_thread == NULL)
		return 'Z';
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

static int
procfs_pid_stat(struct proc *p, struct procfs_buf *b)
{
	struct thread *t = p->p_thread;
	uint64_t run = t != NULL ? t->t_runtime_ns / PROCFS_PID_NS_TICK : 0;
	uint64_t ign, cgt;

	procfs_pid_sigs(p, &ign, &cgt);
	/* Fields 1-13: pid (comm) state ppid pgrp session tty tpgid flags
	 * and the four fault counts. */
	procfs_printf(b, "%d (%s) %c %d %d %d 0 -1 4194304 0 0 0 0 ",
	    p->p_pid, p->p_comm, procfs_pid_state(p),
	    p->p_parent != NULL ? p->p_parent->p_pid : 0, p->p_pgid,
	    p->p_sid);
	/* 14-22: utime stime cutime cstime priority nice threads
	 * itrealvalue starttime. */
	procfs_printf(b, "%lu 0 0 0 20 0 1 0 %lu ", run,
	    p->p_start_ns / PROCFS_PID_NS_TICK);
	/* 23-34: vsize rss rsslim startcode endcode startstack esp eip
	 * and the signal masks. */
	procfs_printf(b, "0 0 18446744073709551615 0 0 0 0 0 %lu %lu %lu %lu ",
	    p->p_sigpending, t != NULL ? t->t_sigmask : 0, ign, cgt);
	/* 35-52: wchan nswap cnswap exit_signal cpu rt_priority policy
	 * blkio guest cguest start_data end_data start_brk arg_start
	 * arg_end env_start env_end exit_code. */
	procfs_printf(b, "0 0 0 17 0 0 0 0 0 0 0 0 %lu 0 0 0 0 0\n",
	    t != NULL ? t->t_brk_base : 0);
	return 0;
}

static int
procfs_pid_status(struct proc *p, struct procfs_buf *b)
{
	struct thread *t = p->p_thread;
	static const char *const names[] = { ['R'] = "R (running)",
	    ['S'] = "S (sleeping)", ['Z'] = "Z (zombie)" };
	uint64_t ign, cgt;
	int nfds = 0;

	procfs_pid_sigs(p, &ign, &cgt);
	for (int fd = 0; p->p_fds != NULL && fd < FD_MAX; fd++)
		if (fd_get(p->p_fds, fd) != NULL)
			nfds = fd + 1;
	/* Octal by hand: kernel/fmt.h has no %o. */
	procfs_printf(b, "Name:\t%s\nUmask:\t0%c%c%c\nState:\t%s\n",
	    p->p_comm, '0' + (p->p_umask >> 6 & 7), '0' + (p->p_umask >> 3 & 7),
	    '0' + (p->p_umask & 7), names[(int)procfs_pid_state(p)]);
	procfs_printf(b, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
	    "TracerPid:\t0\n", p->p_pid, p->p_pid,
	    p->p_parent != NULL ? p->p_parent->p_pid : 0);
	procfs_printf(b, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
	    "FDSize:\t%d\nGroups:\t\n", nfds > 64 ? FD_MAX : 64);
	procfs_printf(b, "Threads:\t1\nSigQ:\t0/0\nSigPnd:\t%016lx\n"
	    "ShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\n"
	    "SigCgt:\t%016lx\n", 0UL, p->p_sigpending,
	    t != NULL ? t->t_sigmask : 0, ign, cgt);
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
	{ "stat", procfs_pid_stat },
	{ "status", procfs_pid_status },
};
const unsigned int procfs_pid_nfiles = ARRAY_SIZE(procfs_pid_files);
