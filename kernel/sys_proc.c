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
#include <kernel/string.h>
#include <kernel/sys.h>
#include <kernel/thread.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>

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

void
sys_exit_thread(int status)
{
	struct thread *t = thread_current();
	uint64_t space = t->t_space;

	t->t_space = 0;
	paging_space_destroy(space);
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
	return thread_current()->t_tid;
}

long
sys_getppid(struct trap_frame *tf)
{
	(void)tf;
	return 0;
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
