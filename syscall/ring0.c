/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The ring-0 app (see ring0.h).  exec builds its address space with
 * supervisor pages and a stack mapped whole (the kernel's system-call
 * frames land on it too); exec_spawn starts it with ring0_enter.  A
 * jiny-cc app's system calls run on its own stack, through the call
 * table below; an unmodified binary's syscall instruction reaches the
 * same table on the thread's kernel stack (syscall.S).  Every
 * interrupt arrives on an IST stack and is moved below the red zone
 * (trap.S), so the app's leaf functions keep their 128 bytes.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/elf.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/klock.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/user.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/thread.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/exec.h>
#include <kernel/proc/proc.h>
#include <syscall/ring0.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>
#include <syscall/syscall.h>

#define SYS_read		0
#define SYS_write		1
#define SYS_rt_sigreturn	15
#define SYS_clone		56
#define SYS_fork		57
#define SYS_vfork		58
#define SYS_execve		59
#define SYS_exit		60
#define SYS_exit_group		231
#define SYS_execveat		322
#define SYS_clone3		435
#define RING0_FRAMES		12

static void
ring0_exit_on_kstack(void *arg)
{
	intr_enable();
	proc_exit_thread((int)(uintptr_t)arg);
}

/* End the app with a wait status, off its stack first. */
static __noreturn void
ring0_leave(int status)
{
	ring0_call_on(thread_current()->t_stack_top, ring0_exit_on_kstack,
	    (void *)(uintptr_t)status);
}

/* Calls that rebuild a ring-3 frame: one app, one thread, in ring 0. */
static bool
ring0_refused(uint64_t n)
{
	switch (n) {
	case SYS_rt_sigreturn:
	case SYS_clone:
	case SYS_fork:
	case SYS_vfork:
	case SYS_execve:
	case SYS_execveat:
	case SYS_clone3:
		return true;
	default:
		return false;
	}
}

/*
 * The call table (see ring0.h): entries with a fast path below, the
 * others the thunks of ring0.S, which pass the number on to
 * ring0_syscall_slow.  Read-only once filled, before the first app runs.
 */
static ring0_call_fn ring0_calls[RING0_CALLS];

/*
 * read and write, the calls an app makes most, without a trap frame:
 * the descriptor, then ring 3's sys_fs_rw, inline (Linux's order of
 * checks).  Operations that never touch the bytes (/dev/null's) are then
 * reached by a tail call; the others go through sys_fs_bounce, whose copies
 * recover from faults (a bad buffer, or no memory to page it in, is
 * -EFAULT, not a kernel fault) and which lets pipes and the tty take
 * their locks without touching the app's pages.  The preemption point
 * comes first, so that the fast path saves no register.
 */
static inline __attribute__((always_inline)) long
ring0_rw_now(long fd, long buf, long len, bool write)
{
	struct file *f = fd_get(proc_current()->p_fds, (int)fd);

	if (__builtin_expect(f == NULL, 0))
		return -EBADF;
	return sys_fs_rw(f, (uint64_t)buf, (size_t)len, write);
}

static __attribute__((noinline)) long
ring0_rw_preempted(long fd, long buf, long len, bool write)
{
	sched_preempt_slow();
	return ring0_rw_now(fd, buf, len, write);
}

static inline __attribute__((always_inline)) long
ring0_rw(long fd, long buf, long len, bool write)
{
	if (__builtin_expect(cpu_resched(), 0))
		return ring0_rw_preempted(fd, buf, len, write);
	return ring0_rw_now(fd, buf, len, write);
}

static long
ring0_read(long fd, long buf, long len, long a4, long a5, long a6)
{
	return ring0_rw(fd, buf, len, false);
}

static long
ring0_write(long fd, long buf, long len, long a4, long a5, long a6)
{
	return ring0_rw(fd, buf, len, true);
}

/* The same with several CPUs: the app's code runs without the lock. */
static long
ring0_rw_locked(long fd, long buf, long len, bool write)
{
	long ret;

	(void)klock_enter();
	ret = ring0_rw(fd, buf, len, write);
	klock_exit();
	return ret;
}

static long
ring0_read_locked(long fd, long buf, long len, long a4, long a5, long a6)
{
	return ring0_rw_locked(fd, buf, len, false);
}

static long
ring0_write_locked(long fd, long buf, long len, long a4, long a5, long a6)
{
	return ring0_rw_locked(fd, buf, len, true);
}

void
ring0_call_table_smp(void)
{
	if (ring0_calls[SYS_read] == ring0_read)
		ring0_calls[SYS_read] = ring0_read_locked;
	if (ring0_calls[SYS_write] == ring0_write)
		ring0_calls[SYS_write] = ring0_write_locked;
}

/* Everything but the fast calls: through the shared table (ring0.S). */
long
ring0_syscall_slow(long a1, long a2, long a3, long a4, long a5, long a6,
    long n)
{
	struct trap_frame tf;	/* only what handlers read is filled in */
	bool locked = klock_enter();
	long ret;

	if (n == SYS_exit || n == SYS_exit_group)
		ring0_leave((int)(a1 & 0xff) << 8);
	if (ring0_refused((uint64_t)n)) {
		if (locked)
			klock_exit();
		return -ENOSYS;
	}
	tf.rax = (uint64_t)n;
	tf.rdi = (uint64_t)a1;
	tf.rsi = (uint64_t)a2;
	tf.rdx = (uint64_t)a3;
	tf.r10 = (uint64_t)a4;
	tf.r8 = (uint64_t)a5;
	tf.r9 = (uint64_t)a6;
	tf.cs = GDT_KCODE;
	tf.ss = GDT_KDATA;
	tf.rip = tf.rsp = tf.rflags = 0;
	ret = syscall_invoke(&tf);
	sched_preempt_point();
	if (locked)
		klock_exit();
	return ret;
}

const ring0_call_fn *
ring0_call_table(void)
{
	if (ring0_calls[0] != NULL)
		return ring0_calls;
	if (ring0_thunks_end - ring0_thunks != RING0_CALLS * RING0_THUNK_SIZE)
		panic("ring0: %ld bytes of call thunks, expected %d",
		    (long)(ring0_thunks_end - ring0_thunks),
		    RING0_CALLS * RING0_THUNK_SIZE);
	for (int n = 0; n < RING0_CALLS; n++)
		ring0_calls[n] = (ring0_call_fn)(uintptr_t)
		    (ring0_thunks + n * RING0_THUNK_SIZE);
	/* strace (trace=syscalls) sees every call in the shared table. */
	if (!syscall_tracing()) {
		ring0_calls[SYS_read] = ring0_read;
		ring0_calls[SYS_write] = ring0_write;
	}
	return ring0_calls;
}

/* The app's program file, read whole for its symbols. */
struct ring0_image {
	struct vnode	*ri_node;
	char		*ri_bytes;	/* kmalloc'd, or NULL */
	size_t		 ri_len;
};

static void
ring0_image_read(struct vm_space *vs, uint64_t addr, struct ring0_image *ri)
{
	long n;

	ri->ri_bytes = NULL;
	if ((ri->ri_node = vm_file_at(vs, addr)) == NULL ||
	    ri->ri_node->v_size == 0 ||
	    (ri->ri_bytes = kmalloc(ri->ri_node->v_size)) == NULL)
		return;
	if ((n = vfs_read(ri->ri_node, ri->ri_bytes, ri->ri_node->v_size,
	    0)) < 0) {
		kfree(ri->ri_bytes);
		ri->ri_bytes = NULL;
		return;
	}
	ri->ri_len = (size_t)n;
}

/* "name+0x12" for an address of the app, from its file's symbols. */
static void
ring0_symbol(struct vm_space *vs, const struct ring0_image *ri, uint64_t addr,
    char *buf, size_t size)
{
	const char *name;
	uint64_t off;

	if (ri->ri_bytes != NULL && vm_file_at(vs, addr) == ri->ri_node &&
	    elf_symbol(ri->ri_bytes, ri->ri_len, addr, &name, &off) == 0)
		fmt_snprintf(buf, size, "%s+0x%lx", name, off);
	else
		fmt_snprintf(buf, size, "?");
}

static int
ring0_signal_of(uint64_t vector)
{
	switch (vector) {
	case T_DE:
	case 16:		/* x87 */
	case 19:		/* SIMD */
		return 8;	/* SIGFPE */
	case T_DB:
	case T_BP:
		return 5;	/* SIGTRAP */
	case T_UD:
		return 4;	/* SIGILL */
	case 17:		/* alignment check */
		return 7;	/* SIGBUS */
	default:
		return 11;	/* SIGSEGV */
	}
}

bool
ring0_fault(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t rbp = tf->rbp, lo = EXEC_STACK_TOP - EXEC_RING0_STACK;
	int sig = ring0_signal_of(tf->vector);
	struct ring0_image ri;
	char where[96];

	if (t == NULL || !t->t_ring0 || tf->rip >= PAGING_USER_TOP)
		return false;
	ring0_image_read(t->t_vm, tf->rip, &ri);
	ring0_symbol(t->t_vm, &ri, tf->rip, where, sizeof(where));
	printk(LOG_ERR, "jiny: ring0 app pid %d (%s) killed by signal %d: "
	    "vector %lu error 0x%lx at rip 0x%lx <%s> rsp 0x%lx cr2 0x%lx\n",
	    t->t_proc->p_pid, t->t_name, sig, tf->vector, tf->error, tf->rip,
	    where, tf->rsp, read_cr2());
	/* Frame pointers, where the app kept them, within its stack. */
	for (int i = 0; i < RING0_FRAMES && rbp >= lo &&
	    rbp + 16 <= EXEC_STACK_TOP && (rbp & 7) == 0; i++) {
		uint64_t *fp = (uint64_t *)rbp, ret = fp[1];

		if (ret == 0 || ret >= PAGING_USER_TOP)
			break;
		ring0_symbol(t->t_vm, &ri, ret, where, sizeof(where));
		printk(LOG_ERR, "  #%d 0x%lx <%s>\n", i, ret, where);
		if (fp[0] <= rbp)
			break;
		rbp = fp[0];
	}
	kfree(ri.ri_bytes);
	ring0_leave(sig);
}
