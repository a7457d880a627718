/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Process system calls: exit, fork, execve, wait, process groups and
 * sessions, sigaction/sigprocmask/kill and the thread-pointer calls a C
 * library makes at start-up.  Credentials are in sys_cred.c, the other
 * signal calls in sys_signal.c, clocks and sleeps in sys_time.c.
 */
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <kernel/log/panic.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/exec.h>
#include <kernel/proc/futex.h>
#include <kernel/proc/pidfd.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/ptrace.h>
#include <kernel/proc/signal.h>
#include <syscall/sys.h>

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

long
sys_exit(struct trap_frame *tf)
{
	struct proc *p = proc_current();

	/* exit(2) ends the thread; the process only with its last one. */
	if (p->p_nthreads > 1)
		proc_thread_leave();
	proc_exit_thread((int)(tf->rdi & 0xff) << 8);
}

long
sys_exit_group(struct trap_frame *tf)
{
	proc_exit_thread((int)(tf->rdi & 0xff) << 8);
}

long
sys_sched_yield(struct trap_frame *tf)
{
	(void)tf;
	thread_yield();
	return 0;
}

long
sys_gettid(struct trap_frame *tf)
{
	(void)tf;
	return thread_current()->t_utid;
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

/* ---- signals ---- */

long
sys_rt_sigaction(struct trap_frame *tf)
{
	int sig = (int)tf->rdi;
	struct signal_action act, old, *cur;
	struct proc *p = proc_current();

	if (tf->r10 != 8)
		return -EINVAL;
	if (tf->rsi != 0 &&
	    copy_from_user(&act, (const void *)tf->rsi, sizeof(act)) != 0)
		return -EFAULT;
	if (sig < 1 || sig > SIGNAL_MAX ||
	    (tf->rsi != 0 && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	cur = &p->p_sigact[sig - 1];
	old = *cur;
	if (tf->rsi != 0) {
		bool on = intr_save();

		act.sa_mask &= ~(SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP));
		*cur = act;
		/* POSIX: a pending signal now ignored is discarded. */
		if (act.sa_handler == 1 || (act.sa_handler == 0 &&
		    (sig == SIGCHLD || sig == SIGCONT || sig == 23 ||
		    sig == SIGWINCH)))
			signal_discard(p, sig);
		intr_restore(on);
	}
	if (tf->rdx != 0 &&
	    copy_to_user((void *)tf->rdx, &old, sizeof(old)) != 0)
		return -EFAULT;
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
	return signal_kill((int)tf->rdi, (int)tf->rsi, SI_USER);
}

/*
 * A signal for one thread: tgid 0 means any process.  As Linux: ids
 * first (-EINVAL, then -ESRCH for no such thread in tgid), the signal
 * number only for a thread that exists (so tkill(gone, 999) is -ESRCH).
 */
static long
sys_thread_kill(int tgid, int tid, int sig)
{
	if (tid <= 0 || (tgid != 0 && tgid <= 0))
		return -EINVAL;
	return signal_kill_thread(tgid, tid, sig);
}

long
sys_tgkill(struct trap_frame *tf)
{
	if ((int)tf->rdi <= 0)
		return -EINVAL;
	return sys_thread_kill((int)tf->rdi, (int)tf->rsi, (int)tf->rdx);
}

long
sys_tkill(struct trap_frame *tf)
{
	return sys_thread_kill(0, (int)tf->rdi, (int)tf->rsi);
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

/*
 * getpgid and getsid look at any process (a thread's id names its
 * process, an unreaped zombie still has its group), as Linux's do.
 */
static long
sys_proc_any(long pid, bool sid)
{
	struct proc *p = NULL;
	long ret;
	bool on;

	if (pid == 0)
		p = proc_current();
	else if (pid < 0 || pid > INT32_MAX)
		return -ESRCH;
	on = intr_save();
	if (pid != 0)
		p = proc_find_by_id((int)pid);
	ret = p == NULL ? -ESRCH : sid ? p->p_sid : p->p_pgid;
	intr_restore(on);
	return ret;
}

long
sys_getpgid(struct trap_frame *tf)
{
	return sys_proc_any((int)tf->rdi, false);
}

long
sys_setpgid(struct trap_frame *tf)
{
	struct proc *self = proc_current();
	struct proc *p = sys_proc_self_or_child((long)tf->rdi);
	long pgid = (long)tf->rsi;

	if (pgid < 0)
		return -EINVAL;
	if (p == NULL)
		return -ESRCH;
	if (p != self) {
		if (p->p_sid != self->p_sid)
			return -EPERM;	/* a child in another session */
		if (p->p_did_exec)
			return -EACCES;	/* too late: it has exec'd */
	}
	if (p->p_pid == p->p_sid)
		return -EPERM;		/* a session leader keeps its group */
	if (pgid == 0)
		pgid = p->p_pid;
	/* Another group only if it exists in the caller's session. */
	if (pgid != p->p_pid && !proc_pgrp_in_session((int)pgid, self->p_sid))
		return -EPERM;
	p->p_pgid = (int)pgid;
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
	return sys_proc_any((int)tf->rdi, true);
}

/* ---- fork, execve, wait4 ---- */

#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000
#define CLONE_IO		0x80000000UL
#define CLONE_NAMESPACES	0x7e020000UL	/* NEWNS, NEWCGROUP ... NEWNET */
#define SIGCHLD			17
#define EXEC_ARG_MAX		4096
#define EXEC_STR_MAX		(128 * 1024)	/* Linux MAX_ARG_STRLEN */

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

	user_set_kstack(t->t_stack_top);
	paging_switch(t->t_space);
	user_state_load(t->t_ustate);
	if (fs->fs_set_ctid != 0)
		(void)copy_to_user((void *)fs->fs_set_ctid, &t->t_utid,
		    sizeof(t->t_utid));
	/*
	 * The frame is a local: below it the stack is ours, and interrupts
	 * taken until user_resume's cli push their frames below it.
	 */
	frame = fs->fs_frame;
	kfree(fs);
	user_resume(&frame);
}

/* Which clone flag sets we serve, and how; 0 or -errno. */
static int
sys_clone_check(uint64_t flags)
{
	if (flags & (CLONE_NAMESPACES | CLONE_PTRACE | CLONE_UNTRACED))
		return -EINVAL;		/* no namespaces or tracing */
	/* A pidfd names a process: not with a thread or CLONE_DETACHED. */
	if ((flags & CLONE_PIDFD) &&
	    (flags & (CLONE_THREAD | CLONE_DETACHED)))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	/*
	 * A thread's exit signal (clone's low byte) is ignored, as Linux
	 * ignores it (clone3 refuses one: its own check).  Threads share
	 * their process's signal handlers; a new process may share them
	 * too (CLONE_SIGHAND), or the descriptor table (CLONE_FILES), or
	 * the cwd, root and umask (CLONE_FS).
	 */
	if ((flags & CLONE_THREAD) &&
	    (flags & (CLONE_FILES | CLONE_FS)) != (CLONE_FILES | CLONE_FS))
		return -EINVAL;
	return 0;
}

/*
 * fork, vfork and clone: a new process (its own copy-on-write address
 * space, or the parent's with CLONE_VM) or a new thread of the caller's
 * process (CLONE_THREAD).
 */
static long
sys_fork_common(struct trap_frame *tf, uint64_t flags, uint64_t newsp,
    uint64_t ptid, uint64_t ctid, uint64_t tls, uint64_t upidfd)
{
	struct thread *parent = thread_current(), *t;
	struct proc *pp = parent->t_proc, *p = NULL;
	struct proc_pidref *pidref = NULL;
	struct sys_fork_start *fs;
	struct user_cpu_state *us;
	struct vm_space *vm = NULL;
	int error, id, pidfd = -1, event = 0;
	struct file *pf;
	unsigned int share = 0;
	bool on;

	if ((error = sys_clone_check(flags)) != 0)
		return error;
	if ((flags & CLONE_SETTLS) && tls >= PAGING_USER_TOP)
		return -EPERM;		/* Linux: a non-canonical base */
	/* A deadline reservation is not shared with a child (Linux). */
	if (parent->t_sp.sp_policy == SCHED_DEADLINE &&
	    !parent->t_sp.sp_reset_on_fork)
		return -EAGAIN;
	/* CLONE_PIDFD: the descriptor's place must take it. */
	if ((flags & CLONE_PIDFD) &&
	    copy_to_user((void *)upidfd, &pidfd, sizeof(pidfd)) != 0)
		return -EFAULT;
	/* CLONE_PARENT: init has no parent to give its child. */
	if ((flags & CLONE_PARENT) &&
	    (pp->p_parent == NULL || pp->p_pid == 1))
		return -EINVAL;
	share = ((flags & CLONE_FILES) ? PROC_SHARE_FILES : 0) |
	    ((flags & CLONE_SIGHAND) ? PROC_SHARE_SIGHAND : 0) |
	    ((flags & CLONE_PARENT) ? PROC_SHARE_PARENT : 0) |
	    ((flags & CLONE_FS) ? PROC_SHARE_FS : 0) |
	    ((flags & CLONE_IO) ? PROC_SHARE_IO : 0) |
	    ((flags & CLONE_SYSVSEM) ? PROC_SHARE_SYSVSEM : 0);
	fs = kzalloc(sizeof(*fs));
	us = kmalloc(sizeof(*us));
	if (flags & CLONE_VM) {
		vm = parent->t_vm;
		vm_space_hold(vm);
	} else {
		vm = vm_space_fork(parent->t_vm);
	}
	if (fs == NULL || us == NULL || vm == NULL)
		goto nomem;
	user_state_save(parent->t_ustate);	/* live registers to memory */
	*us = *parent->t_ustate;
	if (flags & CLONE_SETTLS)
		us->ucs_fs_base = tls;
	fs->fs_frame = *tf;
	fs->fs_frame.rax = 0;			/* the child sees 0 */
	if (newsp != 0)
		fs->fs_frame.rsp = newsp;
	if (flags & CLONE_CHILD_SETTID)
		fs->fs_set_ctid = ctid;

	on = intr_save();
	t = thread_create_from(parent->t_name, sys_fork_child, fs, true,
	    parent);
	if (t != NULL && (flags & CLONE_THREAD))
		proc_add_thread(pp, t);
	else if (t != NULL && (p = proc_create_shared(t, pp, share)) == NULL)
		panic("fork: thread without a process");
	/* Before the child runs, so that it cannot be reaped first. */
	if (p != NULL && (flags & CLONE_PIDFD))
		pidref = proc_pidref_get(p);
	if (t == NULL) {
		intr_restore(on);
		goto nomem;
	}
	t->t_vm = vm;
	t->t_space = vm->vs_root;
	t->t_ustate = us;
	/* ioperm's map is shared until a side changes it. */
	if (us->ucs_iomap != NULL)
		__atomic_fetch_add(&us->ucs_iomap->um_refs, 1, __ATOMIC_RELAXED);
	t->t_sigmask = parent->t_sigmask;
	t->t_ioprio = parent->t_ioprio;	/* inherited, as Linux's io_context */
	t->t_clear_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
	/* A thread sharing the memory does not share the stack. */
	if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM)
		t->t_sig.st_altstack = parent->t_sig.st_altstack;
	id = t->t_utid;
	if (p != NULL && (flags & CLONE_VFORK))
		p->p_vfork_parent = parent;
	/* A traced parent's tracer may take the child too (before it runs). */
	if (ptrace_traced(pp))
		event = ptrace_fork_child(pp, p, flags);
	/*
	 * Before the child can run: a thread that exits at once clears
	 * the same word (CLONE_CHILD_CLEARTID), and its join would wait
	 * for ever on a tid written after that.
	 */
	if (flags & CLONE_PARENT_SETTID)
		(void)copy_to_user((void *)ptid, &id, sizeof(id));
	intr_restore(on);
	/*
	 * The child runs already; out of memory here, the parent gets no
	 * descriptor (-1 in its place), which is the most we can do.
	 */
	if (pidref != NULL && (pf = pidfd_file_new(pidref, false)) != NULL) {
		pidfd = fd_install(proc_current()->p_fds, pf, 0,
		    proc_fd_limit(), true);
		file_put(pf);
	}
	if (flags & CLONE_PIDFD)
		(void)copy_to_user((void *)upidfd, &pidfd, sizeof(pidfd));
	ptrace_fork_event(event, id);
	/* vfork: the parent sleeps until the child execs or exits. */
	if (p != NULL && (flags & CLONE_VFORK)) {
		on = intr_save();
		while (p->p_vfork_parent != NULL)
			waitq_wait_locked(&p->p_vfork_wait);
		intr_restore(on);
		ptrace_vfork_done(id);
	}
	return id;
nomem:
	kfree(fs);
	kfree(us);
	vm_space_release(vm);
	return -ENOMEM;
}

long
sys_fork(struct trap_frame *tf)
{
	return sys_fork_common(tf, SIGCHLD, 0, 0, 0, 0, 0);
}

long
sys_vfork(struct trap_frame *tf)
{
	return sys_fork_common(tf, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0,
	    0, 0);
}

long
sys_clone(struct trap_frame *tf)
{
	/*
	 * clone(flags, stack, parent_tid, child_tid, tls); CLONE_PIDFD
	 * puts the descriptor where parent_tid points, so not with
	 * CLONE_PARENT_SETTID.
	 */
	if ((tf->rdi & CLONE_PIDFD) && (tf->rdi & CLONE_PARENT_SETTID))
		return -EINVAL;
	return sys_fork_common(tf, tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8,
	    tf->rdx);
}

struct sys_clone_args {		/* struct clone_args */
	uint64_t	flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t	stack, stack_size, tls, set_tid, set_tid_size;
	uint64_t	cgroup;
};
#define CLONE_ARGS_SIZE_VER0	64
#define CLONE_CLEAR_SIGHAND	0x100000000ULL
#define CLONE_INTO_CGROUP	0x200000000ULL

long
sys_clone3(struct trap_frame *tf)
{
	struct sys_clone_args a;
	uint64_t size = tf->rsi, newsp = 0;
	uint8_t extra;

	/* A larger struct from a newer program: its tail must be zeros. */
	if (size > 4096)		/* a page, as Linux */
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	if (copy_from_user(&a, (const void *)tf->rdi,
	    size < sizeof(a) ? size : sizeof(a)) != 0)
		return -EFAULT;
	for (uint64_t i = sizeof(a); i < size; i++) {
		if (copy_from_user(&extra, (const char *)tf->rdi + i, 1) != 0)
			return -EFAULT;
		if (extra != 0)
			return -E2BIG;
	}
	if ((a.flags & (CLONE_DETACHED | CSIGNAL)) ||
	    (a.exit_signal & ~(uint64_t)CSIGNAL))
		return -EINVAL;
	/* A thread or a sibling signals nobody of its own on exit. */
	if ((a.flags & (CLONE_THREAD | CLONE_PARENT)) && a.exit_signal != 0)
		return -EINVAL;
	/* No pid choice, cgroups or handler reset here. */
	if (a.set_tid != 0 || a.set_tid_size != 0 ||
	    (a.flags & (CLONE_INTO_CGROUP | CLONE_CLEAR_SIGHAND)))
		return -EINVAL;
	if (a.flags & ~0xffffffffULL)
		return -EINVAL;
	if ((a.stack == 0) != (a.stack_size == 0))
		return -EINVAL;
	if (a.stack != 0)
		newsp = a.stack + a.stack_size;	/* stacks grow down */
	return sys_fork_common(tf, a.flags | a.exit_signal, newsp,
	    a.parent_tid, a.child_tid, a.tls, a.pidfd);
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

long
sys_user_struct(void *k, size_t ksize, uint64_t u, size_t usize)
{
	uint8_t buf[64];

	if (usize > 4096)		/* a page, as Linux */
		return -E2BIG;
	memset(k, 0, ksize);
	if (copy_from_user(k, (const void *)u, usize < ksize ? usize : ksize)
	    != 0)
		return -EFAULT;
	for (size_t off = ksize; off < usize;) {
		size_t n = usize - off < sizeof(buf) ? usize - off :
		    sizeof(buf);

		if (copy_from_user(buf, (const void *)(u + off), n) != 0)
			return -EFAULT;
		for (size_t i = 0; i < n; i++)
			if (buf[i] != 0)
				return -E2BIG;
		off += n;
	}
	return 0;
}

/* A kmalloc'd copy of a user string of at most max bytes; 0 or -errno. */
static long
sys_user_strdup(const char *ustr, size_t max, char **out)
{
	size_t len = 0;
	char c, *s;

	for (;; len++) {
		if (len == max)
			return -E2BIG;
		if (copy_from_user(&c, ustr + len, 1) != 0)
			return -EFAULT;
		if (c == '\0')
			break;
	}
	if ((s = kmalloc(len + 1)) == NULL)
		return -ENOMEM;
	if (copy_from_user(s, ustr, len) != 0) {
		kfree(s);
		return -EFAULT;
	}
	s[len] = '\0';		/* another thread may have changed it */
	*out = s;
	return 0;
}

/*
 * Copy a NULL-terminated user vector of strings into a kmalloc'd vector
 * of kmalloc'd strings (*out, NULL-terminated, even on failure).
 */
static long
sys_proc_vec(const char ***out, const char *const *uvec)
{
	const char **v, *us;
	long n = 0, count = 0, error;

	*out = NULL;
	/* Count first: the vector is sized to fit. */
	for (; uvec != NULL; count++) {
		if (count == EXEC_ARG_MAX)
			return -E2BIG;
		if (copy_from_user(&us, &uvec[count], sizeof(us)) != 0)
			return -EFAULT;
		if (us == NULL)
			break;
	}
	if ((*out = v = kzalloc((size_t)(count + 1) * sizeof(*v))) == NULL)
		return -ENOMEM;
	for (; n < count; n++) {
		if (copy_from_user(&us, &uvec[n], sizeof(us)) != 0)
			return -EFAULT;
		if (us == NULL)
			break;		/* shortened meanwhile by another thread */
		if ((error = sys_user_strdup(us, EXEC_STR_MAX,
		    (char **)&v[n])) != 0)
			return error;
	}
	return n;
}

static void
sys_proc_vec_free(const char **v)
{
	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		kfree((void *)v[i]);
	kfree(v);
}

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EMPTY_PATH		0x1000

/*
 * execve and execveat: path relative to dirfd (AT_FDCWD: the cwd); with
 * AT_EMPTY_PATH an empty path runs dirfd's own file (opened O_PATH or
 * for reading), named /dev/fd/N as Linux names it; AT_SYMLINK_NOFOLLOW
 * refuses a symbolic link in the last place (-ELOOP).
 */
static long
sys_exec_common(struct trap_frame *tf, int dirfd, uint64_t upath,
    uint64_t uargv, uint64_t uenvp, uint64_t atflags)
{
	const char **argv = NULL, **envp = NULL;
	struct thread *t = thread_current();
	struct proc *p = proc_current();
	struct vnode *dir = NULL, *node = NULL;
	struct exec_image xi;
	struct file *f;
	char *path = NULL;
	bool notsc;
	struct user_iomap *iomap;
	uint8_t iopl;
	long error;
	int old_tid;

	if (atflags & ~(uint64_t)(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	if ((error = sys_user_strdup((const char *)upath, VFS_PATH_MAX,
	    &path)) < 0 ||
	    (error = sys_proc_vec(&argv, (const char *const *)uargv)) < 0 ||
	    (error = sys_proc_vec(&envp, (const char *const *)uenvp)) < 0)
		goto out;
	/* No arguments at all: the program gets "" as argv[0], as Linux
	 * (5.18 on), so that argv[0] is never its environment. */
	if (argv[0] == NULL) {
		sys_proc_vec_free(argv);
		if ((argv = kzalloc(2 * sizeof(*argv))) == NULL ||
		    (argv[0] = kzalloc(1)) == NULL) {
			error = -ENOMEM;
			goto out;
		}
	}
	if (path[0] == '\0' && !(atflags & AT_EMPTY_PATH)) {
		error = -ENOENT;
		goto out;
	}
	if (path[0] == '/' || dirfd == AT_FDCWD) {
		dir = p->p_fs->pf_cwd;
	} else if ((f = fd_get(p->p_fds, dirfd)) == NULL) {
		error = -EBADF;
		goto out;
	} else if (path[0] == '\0') {
		node = f->f_node;	/* AT_EMPTY_PATH: the file itself */
		dir = p->p_fs->pf_cwd;
	} else if (!S_ISDIR(f->f_node->v_mode)) {
		error = -ENOTDIR;
		goto out;
	} else {
		dir = f->f_node;
	}
	vfs_hold(dir);
	if (node == NULL && path[0] == '\0')
		node = dir;		/* AT_FDCWD with AT_EMPTY_PATH */
	if (node != NULL) {
		/* Named as Linux names it: /dev/fd/N (the cwd: "."). */
		char name[24];

		vfs_hold(node);
		fmt_snprintf(name, sizeof(name), dirfd == AT_FDCWD ? "." :
		    "/dev/fd/%d", dirfd);
		error = exec_prepare_node(dir, node, name, argv, envp, &xi);
		vfs_release(node);
	} else {
		error = exec_prepare_at(dir, path,
		    (atflags & AT_SYMLINK_NOFOLLOW) == 0, argv, envp, &xi);
	}
	vfs_release(dir);
	if (error != 0)
		goto out;
	/*
	 * A table shared with another process (CLONE_FILES) is copied, and
	 * so are handlers (CLONE_SIGHAND), before the point of no return.
	 */
	if ((error = proc_unshare_fds(p)) != 0 ||
	    (error = proc_unshare_sighand(p)) != 0) {
		vm_space_release(xi.xi_vm);
		vfs_release(xi.xi_exe);
		kfree(xi.xi_cmdline);
		goto out;
	}
	/* The other threads go first; if one is already ending us, we go. */
	if (proc_single_thread() != 0) {
		vm_space_release(xi.xi_vm);
		proc_thread_leave();
	}
	old_tid = t->t_utid;
	t->t_utid = p->p_pid;
	fd_table_close_on_exec(p->p_fds);
	futex_robust_exit();		/* in the old space, as Linux */
	proc_replace_space(xi.xi_vm);	/* point of no return */
	exec_install(p, &xi);
	/* The thread takes the program's name (log lines, strace). */
	memcpy(t->t_name, p->p_comm, sizeof(t->t_name) - 1);
	t->t_name[sizeof(t->t_name) - 1] = '\0';
	proc_vfork_release(p);
	t->t_clear_tid = 0;
	signal_exec_reset();
	notsc = t->t_ustate->ucs_notsc;	/* prctl's PR_SET_TSC stays */
	iomap = t->t_ustate->ucs_iomap;	/* so do I/O ports, as Linux */
	iopl = t->t_ustate->ucs_iopl;
	user_state_init(t->t_ustate);
	t->t_ustate->ucs_notsc = notsc;
	t->t_ustate->ucs_iomap = iomap;
	t->t_ustate->ucs_iopl = iopl;
	user_state_load(t->t_ustate);
	memset(tf, 0, offsetof(struct trap_frame, vector));
	tf->rip = xi.xi_entry;
	tf->rsp = xi.xi_sp;
	tf->rflags = 0x202;
	ptrace_exec(p, old_tid);	/* a tracer's exec stop or SIGTRAP */
	error = 0;
out:
	sys_proc_vec_free(argv);
	sys_proc_vec_free(envp);
	kfree(path);
	return error;
}

long
sys_execve(struct trap_frame *tf)
{
	return sys_exec_common(tf, AT_FDCWD, tf->rdi, tf->rsi, tf->rdx, 0);
}

long
sys_execveat(struct trap_frame *tf)
{
	/* execveat(dirfd, path, argv, envp, flags) */
	return sys_exec_common(tf, (int)tf->rdi, tf->rsi, tf->rdx, tf->r10,
	    tf->r8);
}

long
sys_wait4(struct trap_frame *tf)
{
	struct proc_waitres res;
	int pid = (int)tf->rdi, idtype = PROC_P_PID, id = pid, r;
	int64_t rusage[18];

	/* __WNOTHREAD, __WALL, __WCLONE are accepted and change nothing. */
	if (tf->rdx & ~(uint64_t)(PROC_WNOHANG | PROC_WSTOPPED |
	    PROC_WCONTINUED | 0x20000000 | 0x40000000 | 0x80000000))
		return -EINVAL;
	if (pid == -1) {
		idtype = PROC_P_ALL;
	} else if (pid == 0) {
		idtype = PROC_P_PGID;
		id = proc_current()->p_pgid;
	} else if (pid < 0) {
		if (pid == INT32_MIN)
			return -ESRCH;
		idtype = PROC_P_PGID;
		id = -pid;
	}
	r = proc_wait(idtype, id, (int)(tf->rdx & (PROC_WNOHANG |
	    PROC_WSTOPPED | PROC_WCONTINUED)) | PROC_WEXITED, &res);
	if (r <= 0)
		return r;
	if (tf->rsi != 0 && copy_to_user((void *)tf->rsi, &res.pw_status,
	    sizeof(res.pw_status)) != 0)
		return -EFAULT;
	/* The child's CPU time (its reaped children's too), user and
	 * system as sampled (itimer_account). */
	sys_rusage_fill(rusage, res.pw_cpu_ns, res.pw_cpu_user_ns,
	    &res.pw_counts, res.pw_maxrss_pages);
	if (tf->r10 != 0 &&
	    copy_to_user((void *)tf->r10, rusage, sizeof(rusage)) != 0)
		return -EFAULT;
	return r;
}

long
sys_waitid(struct trap_frame *tf)
{
	struct proc_waitres res;
	struct signal_info info;
	int idtype = (int)tf->rdi, id = (int)tf->rsi, r;
	uint64_t options = tf->r10;
	bool nonblock = false, on;
	struct file *f;

	if (options & ~(uint64_t)(PROC_WNOHANG | PROC_WSTOPPED | PROC_WEXITED |
	    PROC_WCONTINUED | PROC_WNOWAIT | 0x20000000 | 0x40000000 |
	    0x80000000))
		return -EINVAL;
	if (!(options & (PROC_WSTOPPED | PROC_WEXITED | PROC_WCONTINUED)))
		return -EINVAL;
	switch (idtype) {
	case PROC_P_ALL:
		break;
	case PROC_P_PID:
		if (id <= 0)
			return -EINVAL;
		break;
	case PROC_P_PGID:
		if (id < 0)
			return -EINVAL;
		if (id == 0)
			id = proc_current()->p_pgid;
		break;
	case PROC_P_PIDFD:
		if (id < 0)
			return -EINVAL;
		if ((f = fd_get(proc_current()->p_fds, id)) == NULL ||
		    !pidfd_is(f))
			return -EBADF;
		on = intr_save();
		(void)pidfd_proc(f, false, &id);
		intr_restore(on);
		nonblock = (f->f_flags & O_NONBLOCK) != 0;
		break;
	default:
		return -EINVAL;
	}
	r = proc_wait(idtype, id, (int)options | (nonblock ? PROC_WNOHANG : 0),
	    &res);
	if (r < 0)
		return r;
	/* A non-blocking pidfd's child that has not changed yet. */
	if (r == 0 && nonblock && !(options & PROC_WNOHANG))
		return -EAGAIN;
	/* WNOHANG with nothing to report: si_pid 0, as Linux zeroes it. */
	memset(&info, 0, sizeof(info));
	if (r > 0) {
		info.si_signo = SIGCHLD;
		info.si_code = res.pw_code;
		info.si_pid = res.pw_pid;
		info.si_uid = res.pw_uid;
		info.si_status = res.pw_sigstatus;
	}
	if (tf->rdx != 0 &&
	    copy_to_user((void *)tf->rdx, &info, sizeof(info)) != 0)
		return -EFAULT;
	return 0;
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
	case 0x1011:		/* ARCH_GET_CPUID: cpuid runs */
		return 1;
	case 0x1012:		/* ARCH_SET_CPUID: no CPUID faulting here */
		return -ENODEV;
	default:
		return -EINVAL;
	}
}

long
sys_set_tid_address(struct trap_frame *tf)
{
	struct thread *t = thread_current();

	/* The caller's tid as programs see it: musl's raise() tkills it. */
	t->t_clear_tid = tf->rdi;
	return t->t_utid;
}

#define SYS_ROBUST_HEAD_SIZE	24	/* struct robust_list_head */

long
sys_set_robust_list(struct trap_frame *tf)
{
	/* Only recorded: futex_robust_exit reads it when the thread ends. */
	if (tf->rsi != SYS_ROBUST_HEAD_SIZE)
		return -EINVAL;
	thread_current()->t_robust_list = tf->rdi;
	return 0;
}

long
sys_get_robust_list(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t head, len = SYS_ROBUST_HEAD_SIZE;
	int tid = (int)tf->rdi;
	bool on;

	on = intr_save();	/* t stays while we look at it */
	if (tid != 0 && ((t = proc_find_thread(tid)) == NULL ||
	    t->t_proc == NULL)) {
		intr_restore(on);
		return -ESRCH;
	}
	if (!proc_may_inspect(t->t_proc)) {
		intr_restore(on);
		return -EPERM;
	}
	head = t->t_robust_list;
	intr_restore(on);
	if (copy_to_user((void *)tf->rdx, &len, sizeof(len)) != 0 ||
	    copy_to_user((void *)tf->rsi, &head, sizeof(head)) != 0)
		return -EFAULT;
	return 0;
}

/* ptrace(request, pid, addr, data): kernel/proc/ptrace.c. */
long
sys_ptrace(struct trap_frame *tf)
{
	return ptrace_request((long)tf->rdi, (long)tf->rsi, tf->rdx, tf->r10);
}

#define UNSHARE_NS	(CLONE_NEWNS | 0x02000000 | 0x04000000 | 0x08000000 | \
			 0x10000000 | 0x20000000 | 0x40000000 | 0x00000080)

/*
 * unshare(2): a descriptor table (CLONE_FILES) or cwd, root and umask
 * (CLONE_FS) of the caller's own.  CLONE_THREAD, CLONE_SIGHAND and
 * CLONE_VM only for a single thread whose handlers no other process
 * shares (nothing is shared then), and
 * CLONE_SYSVSEM is taken (undo lists are per process already).  No
 * namespaces: their flags get EPERM without CAP_SYS_ADMIN, as Linux,
 * else EINVAL, as a Linux built without them.
 */
long
sys_unshare(struct trap_frame *tf)
{
	unsigned long flags = tf->rdi;
	struct proc *p = proc_current();
	long error;

	if (flags & ~(unsigned long)(CLONE_THREAD | CLONE_FS | CLONE_SIGHAND |
	    CLONE_VM | CLONE_FILES | CLONE_SYSVSEM | UNSHARE_NS))
		return -EINVAL;
	if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) &&
	    p->p_nthreads > 1)
		return -EINVAL;
	/* Handlers shared with another process (clone's CLONE_SIGHAND
	 * without CLONE_THREAD) cannot be unshared: EINVAL, as Linux. */
	if ((flags & CLONE_SIGHAND) &&
	    __atomic_load_n(&p->p_sighand->ps_refs, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	/* As Linux, a new namespace (but a user one) wants CAP_SYS_ADMIN
	 * first; then none is built. */
	if ((flags & UNSHARE_NS & ~0x10000000UL) &&
	    !proc_capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (flags & UNSHARE_NS)
		return -EINVAL;
	if ((flags & CLONE_FS) && (error = proc_unshare_fs(p)) != 0)
		return error;
	if ((flags & CLONE_FILES) && (error = proc_unshare_fds(p)) != 0)
		return error;
	return 0;
}
