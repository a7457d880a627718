/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Process and identity system calls for the first ring-3 programs: exit,
 * ids (everyone is root until credentials exist), the thread-pointer
 * calls a C library makes at start-up, uname and clocks.
 */
#include <stdint.h>

#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/exec.h>
#include <kernel/kmalloc.h>
#include <kernel/panic.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include <kernel/sys.h>
#include <kernel/thread.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <fs/file.h>
#include <fs/vfs.h>

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004
#define CLOCK_REALTIME	0
#define CLOCK_MONOTONIC	1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME	7

/*
 * Give the calling thread the address space root (0: none) and free its
 * old one.  The thread's space and CR3 change together, with interrupts
 * off, or a preemption in between would bring the old (soon freed)
 * tables back when this thread runs again.
 */
static void
sys_proc_replace_space(uint64_t root)
{
	struct thread *t = thread_current();
	bool on = intr_save();
	uint64_t old = t->t_space;

	t->t_space = root;
	paging_switch(root);
	intr_restore(on);
	paging_space_destroy(old);
}

void
sys_exit_thread(int status)
{
	struct thread *t = thread_current();

	sys_proc_replace_space(0);
	if (t->t_proc != NULL)
		proc_exit(status);
	thread_exit(status);
}

long
sys_exit(struct trap_frame *tf)
{
	sys_exit_thread((int)(tf->rdi & 0xff) << 8);
}

long
sys_getpid(struct trap_frame *tf)
{
	(void)tf;
	return proc_current()->p_pid;
}

long
sys_getppid(struct trap_frame *tf)
{
	struct proc *p = proc_current();

	(void)tf;
	return p->p_parent != NULL ? p->p_parent->p_pid : 0;
}

/* nanosleep and clock_nanosleep: req, rem as struct timespec. */
static long
sys_proc_sleep(uint64_t ureq, uint64_t urem, bool absolute)
{
	int64_t ts[2];
	uint64_t now = pv_clock_ns(), until;

	if (copy_from_user(ts, (const void *)ureq, sizeof(ts)) != 0)
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000L)
		return -EINVAL;
	until = (uint64_t)ts[0] * 1000000000UL + (uint64_t)ts[1];
	if (!absolute)
		until += now;
	while ((now = pv_clock_ns()) < until) {
		if (signal_pending()) {
			uint64_t left = until - now;

			ts[0] = (int64_t)(left / 1000000000UL);
			ts[1] = (int64_t)(left % 1000000000UL);
			if (urem != 0 && !absolute &&
			    copy_to_user((void *)urem, ts, sizeof(ts)) != 0)
				return -EFAULT;
			return -EINTR;
		}
		thread_sleep_ns(until - now);
	}
	return 0;
}

long
sys_nanosleep(struct trap_frame *tf)
{
	return sys_proc_sleep(tf->rdi, tf->rsi, false);
}

long
sys_clock_nanosleep(struct trap_frame *tf)
{
	/* Every clock we have counts from boot: one timeline for all. */
	if (tf->rdi > 7 || (tf->rsi & ~1UL))
		return -EINVAL;
	return sys_proc_sleep(tf->rdx, tf->r10, (tf->rsi & 1) != 0);
}

/* ---- signals ---- */

long
sys_rt_sigaction(struct trap_frame *tf)
{
	int sig = (int)tf->rdi;
	struct signal_action act, *cur;

	if (sig < 1 || sig > SIGNAL_MAX || tf->r10 != 8)
		return -EINVAL;
	cur = &proc_current()->p_sigact[sig - 1];
	if (tf->rdx != 0 && copy_to_user((void *)tf->rdx, cur, sizeof(*cur)) != 0)
		return -EFAULT;
	if (tf->rsi == 0)
		return 0;
	if (sig == SIGKILL || sig == SIGSTOP)
		return -EINVAL;
	if (copy_from_user(&act, (const void *)tf->rsi, sizeof(act)) != 0)
		return -EFAULT;
	*cur = act;
	return 0;
}

long
sys_rt_sigprocmask(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t set, old = t->t_sigmask;

	if (tf->r10 != 8)
		return -EINVAL;
	if (tf->rsi != 0) {
		if (copy_from_user(&set, (const void *)tf->rsi, 8) != 0)
			return -EFAULT;
		switch (tf->rdi) {
		case 0: t->t_sigmask |= set; break;		/* SIG_BLOCK */
		case 1: t->t_sigmask &= ~set; break;		/* SIG_UNBLOCK */
		case 2: t->t_sigmask = set; break;		/* SIG_SETMASK */
		default: return -EINVAL;
		}
		t->t_sigmask &= ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)));
	}
	if (tf->rdx != 0 && copy_to_user((void *)tf->rdx, &old, 8) != 0)
		return -EFAULT;
	return 0;
}

long
sys_rt_sigreturn(struct trap_frame *tf)
{
	return signal_return(tf);
}

long
sys_kill(struct trap_frame *tf)
{
	return signal_kill((int)tf->rdi, (int)tf->rsi);
}

long
sys_tgkill(struct trap_frame *tf)
{
	/* One thread per process: the thread id is the process id. */
	if ((int)tf->rdi <= 0 || (int)tf->rsi <= 0)
		return -EINVAL;
	if (tf->rdi != tf->rsi)
		return -ESRCH;
	return signal_kill((int)tf->rsi, (int)tf->rdx);
}

long
sys_tkill(struct trap_frame *tf)
{
	if ((int)tf->rdi <= 0)
		return -EINVAL;
	return signal_kill((int)tf->rdi, (int)tf->rsi);
}

/* ---- process groups and sessions ---- */

/* The calling process or its child pid (0: the caller); NULL if neither. */
static struct proc *
sys_proc_self_or_child(long pid)
{
	struct proc *self = proc_current();

	if (pid == 0 || pid == self->p_pid)
		return self;
	for (struct proc *c = self->p_children; c != NULL; c = c->p_sibling)
		if (c->p_pid == pid && !c->p_zombie)
			return c;
	return NULL;
}

long
sys_getpgrp(struct trap_frame *tf)
{
	(void)tf;
	return proc_current()->p_pgid;
}

long
sys_getpgid(struct trap_frame *tf)
{
	struct proc *p = sys_proc_self_or_child((long)tf->rdi);

	return p == NULL ? -ESRCH : p->p_pgid;
}

long
sys_setpgid(struct trap_frame *tf)
{
	struct proc *p = sys_proc_self_or_child((long)tf->rdi);
	long pgid = (long)tf->rsi;

	if (p == NULL)
		return -ESRCH;
	if (pgid < 0)
		return -EINVAL;
	if (p->p_pid == p->p_sid)
		return -EPERM;		/* a session leader keeps its group */
	p->p_pgid = pgid == 0 ? p->p_pid : (int)pgid;
	return 0;
}

long
sys_setsid(struct trap_frame *tf)
{
	struct proc *p = proc_current();

	(void)tf;
	if (p->p_pgid == p->p_pid && p->p_sid == p->p_pid)
		return -EPERM;		/* already a group leader */
	p->p_sid = p->p_pgid = p->p_pid;
	return p->p_sid;
}

long
sys_getsid(struct trap_frame *tf)
{
	struct proc *p = sys_proc_self_or_child((long)tf->rdi);

	return p == NULL ? -ESRCH : p->p_sid;
}

/* ---- fork, execve, wait4 ---- */

#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_VFORK		0x00004000
#define CLONE_THREAD		0x00010000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000
#define SIGCHLD			17
#define EXEC_ARG_MAX		64
#define EXEC_STR_MAX		4096

struct sys_fork_start {
	struct trap_frame	fs_frame;	/* the parent's, rax = 0 */
	uint64_t		fs_set_ctid;	/* CLONE_CHILD_SETTID target */
};

static void
sys_fork_child(void *arg)
{
	struct thread *t = thread_current();
	struct sys_fork_start *fs = arg;
	struct trap_frame frame;
	int tid = t->t_proc->p_pid;

	user_set_kstack(t->t_stack_top);
	paging_switch(t->t_space);
	user_state_load(t->t_ustate);
	if (fs->fs_set_ctid != 0)
		(void)copy_to_user((void *)fs->fs_set_ctid, &tid, sizeof(tid));
	/*
	 * The frame is a local: below it the stack is ours, and interrupts
	 * taken until user_resume's cli push their frames below it.
	 */
	frame = fs->fs_frame;
	kfree(fs);
	user_resume(&frame);
}

/* fork, and the clone flag sets that mean fork (glibc's fork and vfork). */
static long
sys_fork_common(struct trap_frame *tf, uint64_t flags, uint64_t ptid,
    uint64_t ctid)
{
	struct thread *parent = thread_current(), *t;
	struct sys_fork_start *fs;
	struct user_cpu_state *us;
	uint64_t space;
	struct proc *p;
	bool on;

	if ((flags & (CLONE_THREAD | CLONE_VM)) != 0 ||
	    (flags & CSIGNAL) != SIGCHLD)
		return -ENOSYS;	/* threads and shared-memory spawns: later */
	fs = kzalloc(sizeof(*fs));
	us = kmalloc(sizeof(*us));
	space = paging_space_copy(parent->t_space);
	if (fs == NULL || us == NULL || space == 0)
		goto nomem;
	user_state_save(parent->t_ustate);	/* live registers to memory */
	*us = *parent->t_ustate;
	fs->fs_frame = *tf;
	fs->fs_frame.rax = 0;			/* the child sees 0 */
	if (flags & CLONE_CHILD_SETTID)
		fs->fs_set_ctid = ctid;

	on = intr_save();
	t = thread_create(parent->t_name, sys_fork_child, fs, true);
	if (t == NULL || (p = proc_create(t, parent->t_proc)) == NULL) {
		intr_restore(on);
		if (t != NULL)
			panic("fork: thread without a process");
		goto nomem;
	}
	t->t_space = space;
	t->t_ustate = us;
	t->t_brk_base = parent->t_brk_base;
	t->t_brk = parent->t_brk;
	t->t_mmap_next = parent->t_mmap_next;
	t->t_clear_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
	intr_restore(on);
	if (flags & CLONE_PARENT_SETTID)
		(void)copy_to_user((void *)ptid, &p->p_pid, sizeof(int));
	return p->p_pid;
nomem:
	kfree(fs);
	kfree(us);
	paging_space_destroy(space);
	return -ENOMEM;
}

long
sys_fork(struct trap_frame *tf)
{
	return sys_fork_common(tf, SIGCHLD, 0, 0);
}

long
sys_clone(struct trap_frame *tf)
{
	/* clone(flags, stack, parent_tid, child_tid, tls) */
	if (tf->rsi != 0)
		return -ENOSYS;	/* a new stack means a thread or spawn */
	return sys_fork_common(tf, tf->rdi & ~(uint64_t)CLONE_VFORK, tf->rdx,
	    tf->r10);
}

long
sys_user_str(char *buf, const char *ustr, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		if (copy_from_user(&buf[i], ustr + i, 1) != 0)
			return -EFAULT;
		if (buf[i] == '\0')
			return (long)i;
	}
	return -E2BIG;
}

/* Copy a NULL-terminated user vector of strings; kmalloc'd strings. */
static long
sys_proc_vec(const char **out, const char *const *uvec)
{
	long n = 0, len;

	for (; uvec != NULL; n++) {
		const char *us;
		char *s;

		if (n == EXEC_ARG_MAX)
			return -E2BIG;
		if (copy_from_user(&us, &uvec[n], sizeof(us)) != 0)
			return -EFAULT;
		if (us == NULL)
			break;
		if ((s = kmalloc(EXEC_STR_MAX)) == NULL)
			return -ENOMEM;
		out[n] = s;
		out[n + 1] = NULL;
		if ((len = sys_user_str(s, us, EXEC_STR_MAX)) < 0)
			return len;
	}
	out[n] = NULL;
	return n;
}

static void
sys_proc_vec_free(const char **v)
{
	for (; *v != NULL; v++)
		kfree((void *)*v);
}

long
sys_execve(struct trap_frame *tf)
{
	const char *argv[EXEC_ARG_MAX + 1] = { NULL };
	const char *envp[EXEC_ARG_MAX + 1] = { NULL };
	struct thread *t = thread_current();
	struct exec_image xi;
	char *path = kmalloc(EXEC_STR_MAX);
	long error;

	if (path == NULL)
		return -ENOMEM;
	if ((error = sys_user_str(path, (const char *)tf->rdi,
	    EXEC_STR_MAX)) < 0 ||
	    (error = sys_proc_vec(argv, (const char *const *)tf->rsi)) < 0 ||
	    (error = sys_proc_vec(envp, (const char *const *)tf->rdx)) < 0)
		goto out;
	if ((error = exec_prepare(proc_current()->p_cwd, path, argv, envp,
	    &xi)) != 0)
		goto out;
	fd_table_close_on_exec(proc_current()->p_fds);
	sys_proc_replace_space(xi.xi_space);	/* point of no return */
	exec_install(proc_current(), &xi);
	t->t_brk_base = t->t_brk = xi.xi_brk;
	t->t_mmap_next = EXEC_MMAP_TOP;
	t->t_clear_tid = 0;
	/* Handlers point into the old image: caught signals go default. */
	for (int i = 0; i < SIGNAL_MAX; i++) {
		struct signal_action *a = &proc_current()->p_sigact[i];

		if (a->sa_handler != 1)		/* SIG_IGN survives exec */
			*a = (struct signal_action){ 0 };
	}
	user_state_init(t->t_ustate);
	user_state_load(t->t_ustate);
	memset(tf, 0, offsetof(struct trap_frame, vector));
	tf->rip = xi.xi_entry;
	tf->rsp = xi.xi_sp;
	tf->rflags = 0x202;
	error = 0;
out:
	sys_proc_vec_free(argv);
	sys_proc_vec_free(envp);
	kfree(path);
	return error;
}

long
sys_wait4(struct trap_frame *tf)
{
	int status = 0, pid;
	static const uint8_t zero_rusage[144];

	/*
	 * WUNTRACED and WCONTINUED ask about stopped children too; nothing
	 * stops before signals exist, so they change nothing yet.
	 */
	if (tf->rdx & ~(uint64_t)(PROC_WNOHANG | 2 | 8 | 0x20000000 |
	    0x40000000 | 0x80000000))
		return -EINVAL;
	pid = proc_wait((int)tf->rdi, &status, (int)(tf->rdx & PROC_WNOHANG));
	if (pid <= 0)
		return pid;
	if (tf->rsi != 0 &&
	    copy_to_user((void *)tf->rsi, &status, sizeof(status)) != 0)
		return -EFAULT;
	if (tf->r10 != 0 &&
	    copy_to_user((void *)tf->r10, zero_rusage, sizeof(zero_rusage)) != 0)
		return -EFAULT;
	return pid;
}

long
sys_getid(struct trap_frame *tf)
{
	(void)tf;
	return 0;	/* uid, euid, gid, egid: root */
}

long
sys_arch_prctl(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t addr = tf->rsi;

	switch (tf->rdi) {
	case ARCH_SET_FS:
		if (addr >= PAGING_USER_TOP)
			return -EPERM;
		t->t_ustate->ucs_fs_base = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user((void *)addr, &t->t_ustate->ucs_fs_base,
		    sizeof(uint64_t));
	case ARCH_SET_GS:
	case ARCH_GET_GS:
		return -ENOSYS;	/* %gs belongs to the kernel for now */
	default:
		return -EINVAL;
	}
}

long
sys_set_tid_address(struct trap_frame *tf)
{
	thread_current()->t_clear_tid = tf->rdi;
	return thread_current()->t_tid;
}

long
sys_set_robust_list(struct trap_frame *tf)
{
	/* The list is read at thread exit by futex code, which comes later. */
	return tf->rsi == 24 ? 0 : -EINVAL;
}

long
sys_uname(struct trap_frame *tf)
{
	static const char *const f[6] = { "Linux", "jiny", "6.1.0-jiny",
	    "#1 Jiny", "x86_64", "(none)" };
	char u[6][65];

	memset(u, 0, sizeof(u));
	for (int i = 0; i < 6; i++)
		memcpy(u[i], f[i], strlen(f[i]));
	return copy_to_user((void *)tf->rdi, u, sizeof(u));
}

long
sys_clock_gettime(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t ns;
	int64_t ts[2];

	switch (tf->rdi) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		/* No wall-clock source yet: the epoch is the boot. */
		ns = pv_clock_ns();
		break;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		ns = t->t_runtime_ns + (pv_clock_ns() - t->t_slice_start);
		break;
	default:
		return -EINVAL;
	}
	ts[0] = (int64_t)(ns / 1000000000UL);
	ts[1] = (int64_t)(ns % 1000000000UL);
	return copy_to_user((void *)tf->rsi, ts, sizeof(ts));
}
