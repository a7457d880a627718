/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System call table and dispatcher (see syscall.h).  The table holds what
 * a static C program needs to start, print and stop; the ring-3 runtime
 * grows it to the Linux set.  trace=syscalls on the kernel command line
 * logs every call strace-style.
 */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/compiler.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/signal.h>
#include <kernel/sys.h>
#include <kernel/syscall.h>
#include <kernel/thread.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>

#define SYS_MAX		512
#define SIGSEGV		11

typedef long (*syscall_fn)(struct trap_frame *);

static uint64_t syscall_enosys;
static bool syscall_trace;

/* Linux x86-64 numbers. */
static const syscall_fn syscall_table[SYS_MAX] = {
	[0] = sys_read,
	[1] = sys_write,
	[2] = sys_open,
	[3] = sys_close,
	[4] = sys_stat,
	[5] = sys_fstat,
	[6] = sys_lstat,
	[7] = sys_poll,
	[8] = sys_lseek,
	[9] = sys_mmap,
	[10] = sys_mprotect,
	[11] = sys_munmap,
	[12] = sys_brk,
	[13] = sys_rt_sigaction,
	[14] = sys_rt_sigprocmask,
	[15] = sys_rt_sigreturn,
	[16] = sys_ioctl,
	[17] = sys_pread64,
	[18] = sys_pwrite64,
	[19] = sys_readv,
	[20] = sys_writev,
	[21] = sys_access,
	[22] = sys_pipe,
	[32] = sys_dup,
	[33] = sys_dup2,
	[35] = sys_nanosleep,
	[39] = sys_getpid,
	[40] = sys_sendfile,
	[56] = sys_clone,
	[57] = sys_fork,
	[58] = sys_fork,	/* vfork: a copy is a valid vfork */
	[59] = sys_execve,
	[60] = sys_exit,
	[61] = sys_wait4,
	[62] = sys_kill,
	[63] = sys_uname,
	[72] = sys_fcntl,
	[74] = sys_fsync,
	[75] = sys_fsync,	/* fdatasync */
	[76] = sys_truncate,
	[77] = sys_ftruncate,
	[78] = sys_getdents,
	[79] = sys_getcwd,
	[80] = sys_chdir,
	[81] = sys_fchdir,
	[82] = sys_rename,
	[83] = sys_mkdir,
	[84] = sys_rmdir,
	[86] = sys_link,
	[87] = sys_unlink,
	[88] = sys_symlink,
	[89] = sys_readlink,
	[90] = sys_chmod,
	[91] = sys_fchmod,
	[92] = sys_chown,
	[93] = sys_fchown,
	[94] = sys_lchown,
	[95] = sys_umask,
	[99] = sys_sysinfo,
	[102] = sys_getid,	/* getuid */
	[104] = sys_getid,	/* getgid */
	[107] = sys_getid,	/* geteuid */
	[108] = sys_getid,	/* getegid */
	[109] = sys_setpgid,
	[110] = sys_getppid,
	[111] = sys_getpgrp,
	[112] = sys_setsid,
	[121] = sys_getpgid,
	[124] = sys_getsid,
	[132] = sys_utime,
	[133] = sys_mknod,
	[137] = sys_statfs,
	[138] = sys_fstatfs,
	[158] = sys_arch_prctl,
	[162] = sys_sync,
	[165] = sys_mount,
	[166] = sys_umount2,
	[186] = sys_getpid,	/* gettid: one thread per process */
	[200] = sys_tkill,
	[217] = sys_getdents64,
	[218] = sys_set_tid_address,
	[221] = sys_fadvise64,
	[228] = sys_clock_gettime,
	[230] = sys_clock_nanosleep,
	[231] = sys_exit,	/* exit_group: one thread per program yet */
	[234] = sys_tgkill,
	[235] = sys_utimes,
	[257] = sys_openat,
	[258] = sys_mkdirat,
	[259] = sys_mknodat,
	[260] = sys_fchownat,
	[261] = sys_futimesat,
	[262] = sys_newfstatat,
	[263] = sys_unlinkat,
	[264] = sys_renameat,
	[265] = sys_linkat,
	[266] = sys_symlinkat,
	[267] = sys_readlinkat,
	[268] = sys_fchmodat,
	[269] = sys_faccessat,
	[273] = sys_set_robust_list,
	[280] = sys_utimensat,
	[292] = sys_dup3,
	[293] = sys_pipe2,
	[306] = sys_syncfs,
	[316] = sys_renameat2,
	[332] = sys_statx,
};

void
syscall_set_trace(bool on)
{
	syscall_trace = on;
}

void
syscall_dispatch(struct trap_frame *tf)
{
	uint64_t nr = tf->rax;
	syscall_fn fn = nr < SYS_MAX ? syscall_table[nr] : NULL;

	uint64_t a0 = tf->rdi, a1 = tf->rsi, a2 = tf->rdx;

	if (fn == NULL) {
		__atomic_fetch_add(&syscall_enosys, 1, __ATOMIC_RELAXED);
		tf->rax = (uint64_t)-ENOSYS;
	} else {
		tf->rax = (uint64_t)fn(tf);
	}
	if (syscall_trace)
		printk(LOG_INFO, "strace: tid %d: %lu(0x%lx, 0x%lx, 0x%lx) = %ld\n",
		    thread_current()->t_tid, nr, a0, a1, a2, (long)tf->rax);
	signal_deliver(tf);
	/* sysretq to a non-canonical rip would fault in ring 0. */
	if ((uint64_t)((int64_t)(tf->rip << 16) >> 16) != tf->rip ||
	    tf->rip >= PAGING_USER_TOP) {
		printk(LOG_ERR, "syscall: tid %d: return to bad rip 0x%lx; "
		    "killed\n", thread_current()->t_tid, tf->rip);
		sys_exit_thread(SIGSEGV);
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
	sys_exit_thread(SIGSEGV);
}

uint64_t
syscall_enosys_count(void)
{
	return __atomic_load_n(&syscall_enosys, __ATOMIC_RELAXED);
}
