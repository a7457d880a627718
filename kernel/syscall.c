/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System call table and dispatcher (see syscall.h).  This first table
 * holds what a program needs to say something and stop; the ring-3
 * runtime issue grows it to the Linux set.
 */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/compiler.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <kernel/thread.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>

#define SYS_write	1
#define SYS_getpid	39
#define SYS_exit	60
#define SYS_exit_group	231
#define SYS_MAX		512

#define SIGSEGV		11

typedef long (*syscall_fn)(struct trap_frame *);

static uint64_t syscall_enosys;

/* End the calling ring-3 thread and free its address space. */
static __noreturn void
syscall_exit_thread(int status)
{
	struct thread *t = thread_current();
	uint64_t space = t->t_space;

	t->t_space = 0;
	paging_space_destroy(space);
	thread_exit(status);
}

static long
sys_write(struct trap_frame *tf)
{
	int fd = (int)tf->rdi;
	const char *ubuf = (const char *)tf->rsi;
	size_t len = tf->rdx, done = 0;
	char chunk[256];

	if (fd != 1 && fd != 2)
		return -EBADF;
	if ((int64_t)len < 0)
		return -EINVAL;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		if (copy_from_user(chunk, ubuf + done, n) != 0)
			return done > 0 ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

static long
sys_getpid(struct trap_frame *tf)
{
	(void)tf;
	return thread_current()->t_tid;
}

static long
sys_exit(struct trap_frame *tf)
{
	syscall_exit_thread((int)(tf->rdi & 0xff) << 8);
}

static const syscall_fn syscall_table[SYS_MAX] = {
	[SYS_write] = sys_write,
	[SYS_getpid] = sys_getpid,
	[SYS_exit] = sys_exit,
	[SYS_exit_group] = sys_exit,
};

void
syscall_dispatch(struct trap_frame *tf)
{
	uint64_t nr = tf->rax;
	syscall_fn fn = nr < SYS_MAX ? syscall_table[nr] : NULL;

	if (fn == NULL) {
		__atomic_fetch_add(&syscall_enosys, 1, __ATOMIC_RELAXED);
		tf->rax = (uint64_t)-ENOSYS;
	} else {
		tf->rax = (uint64_t)fn(tf);
	}
	/* sysretq to a non-canonical rip would fault in ring 0. */
	if ((uint64_t)((int64_t)(tf->rip << 16) >> 16) != tf->rip ||
	    tf->rip >= PAGING_USER_TOP) {
		printk(LOG_ERR, "syscall: tid %d: return to bad rip 0x%lx; "
		    "killed\n", thread_current()->t_tid, tf->rip);
		syscall_exit_thread(SIGSEGV);
	}
}

void
syscall_user_fault(struct trap_frame *tf)
{
	printk(LOG_ERR, "jiny: tid %d (%s) killed by signal %d: vector %lu "
	    "error 0x%lx at rip 0x%lx rsp 0x%lx cr2 0x%lx\n",
	    thread_current()->t_tid, thread_current()->t_name, SIGSEGV,
	    tf->vector, tf->error, tf->rip, tf->rsp, read_cr2());
	intr_enable();
	syscall_exit_thread(SIGSEGV);
}

uint64_t
syscall_enosys_count(void)
{
	return __atomic_load_n(&syscall_enosys, __ATOMIC_RELAXED);
}
