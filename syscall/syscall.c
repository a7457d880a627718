/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The system call table, Linux x86-64 numbers to the sys_* functions
 * (docs/syscalls.md is generated from it), and its dispatcher (see
 * syscall.h).  A ring-3 call returns through the preemption point and
 * signal delivery, and never to a non-canonical rip; the ring-0 app's
 * calls run the same table through syscall_invoke.  Unknown numbers
 * return -ENOSYS and are counted for the "jiny: enosys=" line;
 * trace=syscalls on the kernel command line logs every call
 * strace-style.  Also here: the signal a ring-3 exception raises.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/klock.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <kernel/log/console.h>
#include <kernel/log/printk.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/thread.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/futex.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/ptrace.h>
#include <kernel/proc/signal.h>
#include <syscall/ring0.h>
#include <syscall/sys.h>
#include <syscall/syscall.h>

#define SYS_MAX		512
/* Every call of the table is in the ring-0 app's table too. */
_Static_assert(RING0_CALLS >= SYS_MAX, "ring-0 call table too small");
#define SYS_RT_SIGRETURN 15

typedef long (*syscall_fn)(struct trap_frame *);

static uint64_t syscall_enosys;
static uint32_t syscall_enosys_by_nr[SYS_MAX];	/* for the report */
bool syscall_trace;		/* read through syscall_tracing() */

/* Linux x86-64 numbers. */
static const syscall_fn syscall_table[SYS_MAX] = {
	[0] = sys_read,
	[1] = sys_write,
	[2] = sys_open,
	[3] = sys_close,
	[4] = sys_stat,
	[5] = sys_fstat,
	[6] = sys_lstat,
	[7] = sys_poll,	/* woken by pipe, tty, epoll... changes */
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
	[22] = sys_pipe,	/* 64 KiB, pages taken as data comes */
	[23] = sys_select,	/* nfds capped at the descriptor table (256) */
	[24] = sys_sched_yield,
	[25] = sys_mremap,
	[26] = sys_msync,
	[27] = sys_mincore,
	[28] = sys_madvise,
	[29] = sys_shmget,	/* segments are ramfs files in pages */
	[30] = sys_shmat,
	[31] = sys_shmctl,
	[32] = sys_dup,
	[33] = sys_dup2,
	[34] = sys_pause,
	[35] = sys_nanosleep,
	[36] = sys_getitimer,	/* REAL, VIRTUAL, PROF */
	[37] = sys_alarm,
	[38] = sys_setitimer,	/* REAL; VIRTUAL, PROF on CPU time */
	[39] = sys_getpid,
	[40] = sys_sendfile,
	[41] = sys_socket,	/* net/socket.h's families; netlink for mq_notify */
	[42] = sys_connect,
	[43] = sys_accept,
	[44] = sys_sendto,
	[45] = sys_recvfrom,
	[46] = sys_sendmsg,
	[47] = sys_recvmsg,
	[48] = sys_shutdown,
	[49] = sys_bind,
	[50] = sys_listen,
	[51] = sys_getsockname,
	[52] = sys_getpeername,
	[53] = sys_socketpair,
	[54] = sys_setsockopt,
	[55] = sys_getsockopt,
	[56] = sys_clone,
	[57] = sys_fork,
	[58] = sys_vfork,
	[59] = sys_execve,
	[60] = sys_exit,
	[61] = sys_wait4,
	[62] = sys_kill,
	[63] = sys_uname,
	[64] = sys_semget,
	[65] = sys_semop,
	[66] = sys_semctl,
	[67] = sys_shmdt,
	[68] = sys_msgget,
	[69] = sys_msgsnd,
	[70] = sys_msgrcv,
	[71] = sys_msgctl,
	[72] = sys_fcntl,	/* locks, leases, owners, F_NOTIFY, pipe sizes */
	[73] = sys_flock,
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
	[96] = sys_gettimeofday,	/* time since boot: no wall clock yet */
	[97] = sys_getrlimit,
	[98] = sys_getrusage,	/* CPU time, all as user time */
	[99] = sys_sysinfo,
	[100] = sys_times,	/* CPU time, all as user time */
	[101] = sys_ptrace,	/* a process is traced as one unit */
	[102] = sys_getuid,
	[103] = sys_syslog,
	[104] = sys_getgid,
	[105] = sys_setuid,
	[106] = sys_setgid,
	[107] = sys_geteuid,
	[108] = sys_getegid,
	[109] = sys_setpgid,
	[110] = sys_getppid,
	[111] = sys_getpgrp,
	[112] = sys_setsid,
	[113] = sys_setreuid,
	[114] = sys_setregid,
	[115] = sys_getgroups,
	[116] = sys_setgroups,	/* at most 32 groups */
	[117] = sys_setresuid,
	[118] = sys_getresuid,
	[119] = sys_setresgid,
	[120] = sys_getresgid,
	[121] = sys_getpgid,
	[122] = sys_setfsuid,
	[123] = sys_setfsgid,
	[124] = sys_getsid,
	[125] = sys_capget,	/* the five sets (lib/cap.c) */
	[126] = sys_capset,	/* capset's rule, as Linux */
	[127] = sys_rt_sigpending,
	[128] = sys_rt_sigtimedwait,	/* one pending instance per signal */
	[129] = sys_rt_sigqueueinfo,
	[130] = sys_rt_sigsuspend,
	[131] = sys_sigaltstack,
	[132] = sys_utime,
	[133] = sys_mknod,
	[135] = sys_personality,
	[136] = sys_ustat,
	[137] = sys_statfs,
	[138] = sys_fstatfs,
	[139] = sys_sysfs,
	[140] = sys_getpriority,	/* per thread; weighs its CPU share */
	[141] = sys_setpriority,	/* per thread; weighs its CPU share */
	[142] = sys_sched_setparam,
	[143] = sys_sched_getparam,
	[144] = sys_sched_setscheduler,	/* OTHER BATCH IDLE FIFO RR DEADLINE */
	[145] = sys_sched_getscheduler,
	[146] = sys_sched_get_priority_max,
	[147] = sys_sched_get_priority_min,
	[148] = sys_sched_rr_get_interval,
	[149] = sys_mlock,	/* every page is resident: no swap */
	[150] = sys_munlock,
	[151] = sys_mlockall,
	[152] = sys_munlockall,
	[153] = sys_vhangup,	/* CAP_SYS_ADMIN: no terminal to hang up */
	[157] = sys_prctl,	/* no seccomp; capabilities: sys_cred.c */
	[158] = sys_arch_prctl,
	[159] = sys_adjtimex,	/* NTP figures kept, not applied */
	[160] = sys_setrlimit,
	[161] = sys_chroot,
	[162] = sys_sync,
	[163] = sys_acct,
	[164] = sys_settimeofday,
	[165] = sys_mount,
	[166] = sys_umount2,
	[169] = sys_reboot,
	[170] = sys_sethostname,
	[171] = sys_setdomainname,
	[172] = sys_iopl,	/* emulated: all ports, EFLAGS.IOPL 0 */
	[173] = sys_ioperm,	/* the TSS's bitmap, per thread */
	[186] = sys_gettid,
	[187] = sys_readahead,	/* files are in memory already */
	[188] = sys_setxattr,
	[189] = sys_lsetxattr,
	[190] = sys_fsetxattr,
	[191] = sys_getxattr,
	[192] = sys_lgetxattr,
	[193] = sys_fgetxattr,
	[194] = sys_listxattr,
	[195] = sys_llistxattr,
	[196] = sys_flistxattr,
	[197] = sys_removexattr,
	[198] = sys_lremovexattr,
	[199] = sys_fremovexattr,
	[200] = sys_tkill,
	[201] = sys_time,	/* time since boot: no wall clock yet */
	[202] = sys_futex,
	[203] = sys_sched_setaffinity,
	[204] = sys_sched_getaffinity,
	[206] = sys_io_setup,
	[207] = sys_io_destroy,
	[208] = sys_io_getevents,
	[209] = sys_io_submit,
	[210] = sys_io_cancel,
	[213] = sys_epoll_create,
	[216] = sys_remap_file_pages,	/* emulated with mmap, as Linux */
	[217] = sys_getdents64,
	[218] = sys_set_tid_address,
	[219] = sys_restart_syscall,
	[220] = sys_semtimedop,
	[221] = sys_fadvise64,
	[222] = sys_timer_create,	/* wall, monotonic, TAI, CPU-time clocks */
	[223] = sys_timer_settime,
	[224] = sys_timer_gettime,
	[225] = sys_timer_getoverrun,
	[226] = sys_timer_delete,
	[227] = sys_clock_settime,
	[228] = sys_clock_gettime,
	[229] = sys_clock_getres,
	[230] = sys_clock_nanosleep,
	[231] = sys_exit_group,
	[232] = sys_epoll_wait,
	[233] = sys_epoll_ctl,
	[234] = sys_tgkill,	/* pending for that thread alone */
	[235] = sys_utimes,
	[240] = sys_mq_open,
	[241] = sys_mq_unlink,
	[242] = sys_mq_timedsend,
	[243] = sys_mq_timedreceive,
	[244] = sys_mq_notify,
	[245] = sys_mq_getsetattr,
	[247] = sys_waitid,	/* P_ALL, P_PID, P_PGID, P_PIDFD */
	[248] = sys_add_key,	/* user, logon, keyring */
	[249] = sys_request_key, /* no upcall: ENOENT, as without one */
	[250] = sys_keyctl,
	[251] = sys_ioprio_set,
	[252] = sys_ioprio_get,
	[253] = sys_inotify_init,
	[254] = sys_inotify_add_watch,
	[255] = sys_inotify_rm_watch,
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
	[270] = sys_pselect6,
	[271] = sys_ppoll,
	[272] = sys_unshare,
	[273] = sys_set_robust_list,
	[274] = sys_get_robust_list,
	[275] = sys_splice,	/* through a bounce page; MOVE, GIFT: copies */
	[276] = sys_tee,
	[277] = sys_sync_file_range,	/* data in memory: nothing to write */
	[278] = sys_vmsplice,
	[280] = sys_utimensat,
	[281] = sys_epoll_pwait,
	[282] = sys_signalfd,
	[283] = sys_timerfd_create,
	[284] = sys_eventfd,
	[285] = sys_fallocate,	/* sizes and zeros; pages come as written */
	[286] = sys_timerfd_settime,
	[287] = sys_timerfd_gettime,
	[288] = sys_accept4,
	[289] = sys_signalfd4,
	[290] = sys_eventfd2,
	[291] = sys_epoll_create1,
	[292] = sys_dup3,
	[293] = sys_pipe2,	/* O_DIRECT: packet mode */
	[294] = sys_inotify_init1,
	[295] = sys_preadv,
	[296] = sys_pwritev,
	[297] = sys_rt_tgsigqueueinfo,
	[299] = sys_recvmmsg,
	[302] = sys_prlimit64,	/* NOFILE: up to fs.nr_open, 1048576 */
	[303] = sys_name_to_handle_at,
	[304] = sys_open_by_handle_at,	/* root only */
	[305] = sys_clock_adjtime,	/* CLOCK_REALTIME */
	[306] = sys_syncfs,
	[307] = sys_sendmmsg,
	[309] = sys_getcpu,
	[310] = sys_process_vm_readv,
	[311] = sys_process_vm_writev,
	[312] = sys_kcmp,	/* SIGHAND: never shared between processes */
	[314] = sys_sched_setattr,
	[315] = sys_sched_getattr,
	[316] = sys_renameat2,
	[318] = sys_getrandom,
	[319] = sys_memfd_create,	/* sealable; no huge pages */
	[322] = sys_execveat,
	[324] = sys_membarrier,	/* one CPU: a fence is the barrier */
	[325] = sys_mlock2,
	[326] = sys_copy_file_range,
	[327] = sys_preadv2,	/* RWF_HIPRI, DSYNC, SYNC: no effect */
	[328] = sys_pwritev2,	/* RWF_HIPRI, DSYNC, SYNC: no effect */
	[332] = sys_statx,
	[333] = sys_io_pgetevents,
	[424] = sys_pidfd_send_signal,	/* pidfds and /proc/<pid> */
	[434] = sys_pidfd_open,
	[435] = sys_clone3,	/* no set_tid, cgroups, CLEAR_SIGHAND */
	[436] = sys_close_range,
	[437] = sys_openat2,
	[438] = sys_pidfd_getfd,
	[439] = sys_faccessat2,
	[441] = sys_epoll_pwait2,
	[449] = sys_futex_waitv,	/* FUTEX_32 words */
};

void
syscall_set_trace(bool on)
{
	syscall_trace = on;
}


static __attribute__((noinline)) long
syscall_unknown(struct trap_frame *tf)
{
	uint64_t nr = tf->rax;

	__atomic_fetch_add(&syscall_enosys, 1, __ATOMIC_RELAXED);
	if (nr < SYS_MAX)
		__atomic_fetch_add(&syscall_enosys_by_nr[nr], 1,
		    __ATOMIC_RELAXED);
	return (long)(tf->rax = (uint64_t)-ENOSYS);
}

static inline __attribute__((always_inline)) long
syscall_call(struct trap_frame *tf)
{
	uint64_t nr = tf->rax;
	syscall_fn fn = nr < SYS_MAX ? syscall_table[nr] : NULL;

	if (__builtin_expect(fn == NULL, 0))
		return syscall_unknown(tf);
	return (long)(tf->rax = (uint64_t)fn(tf));
}

static __attribute__((noinline)) long
syscall_call_traced(struct trap_frame *tf)
{
	uint64_t nr = tf->rax, a0 = tf->rdi, a1 = tf->rsi, a2 = tf->rdx;
	long ret = syscall_call(tf);

	printk(LOG_INFO, "strace: tid %d: %lu(0x%lx, 0x%lx, 0x%lx) = %ld\n",
	    thread_current()->t_tid, nr, a0, a1, a2, ret);
	return ret;
}

static inline __attribute__((always_inline)) long
syscall_invoke_inline(struct trap_frame *tf)
{
	/* The traced variant keeps the arguments the call may overwrite. */
	if (__builtin_expect(syscall_trace, 0))
		return syscall_call_traced(tf);
	return syscall_call(tf);
}

long
syscall_invoke(struct trap_frame *tf)
{
	return syscall_invoke_inline(tf);
}

/*
 * A traced caller's call: the tracer may stop it at entry (and change
 * the number and arguments, or skip it with -1) and at exit.
 */
static __attribute__((noinline)) long
syscall_traced(struct trap_frame *tf)
{
	long nr = ptrace_syscall_enter(tf);

	if (nr >= 0) {
		tf->rax = (uint64_t)nr;
		(void)syscall_invoke_inline(tf);
	}
	sched_preempt_point();
	ptrace_syscall_exit(tf);
	return nr;
}

void
syscall_dispatch(struct trap_frame *tf)
{
	long nr = (long)tf->rax;
	struct proc *p = thread_current()->t_proc;

	tf->error = tf->rax;	/* ptrace's orig_rax (the slot is unused) */

	if (__builtin_expect(p != NULL && ptrace_traced(p), 0)) {
		nr = syscall_traced(tf);
	} else {
		(void)syscall_invoke_inline(tf);
		sched_preempt_point();	/* a woken thread may deserve it */
	}
	/*
	 * rt_sigreturn's result is the interrupted rax, which may look like
	 * a restart request: it is never one.
	 */
	signal_deliver_syscall(tf, nr == SYS_RT_SIGRETURN ? -1 : nr);
	/* sysretq to a non-canonical rip would fault in ring 0. */
	if ((uint64_t)((int64_t)(tf->rip << 16) >> 16) != tf->rip ||
	    tf->rip >= PAGING_USER_TOP) {
		printk(LOG_ERR, "syscall: tid %d: return to bad rip 0x%lx; "
		    "killed\n", thread_current()->t_tid, tf->rip);
		proc_exit_thread(SIGSEGV);
	}
}

/* The same, with several CPUs: inside the kernel lock (klock.h). */
void
syscall_dispatch_locked(struct trap_frame *tf)
{
	(void)klock_enter();
	syscall_dispatch(tf);
	klock_exit();
}

/*
 * Which signal a ring-3 exception raises, with its si_code and si_addr
 * (Linux's choices for x86-64).
 */
void
syscall_user_fault(struct trap_frame *tf)
{
	int sig = SIGSEGV, code = SI_KERNEL;
	uint64_t addr = 0;

	switch (tf->vector) {
	case T_DE:
		sig = SIGFPE;
		code = 1;		/* FPE_INTDIV */
		addr = tf->rip;
		break;
	case T_DB:
	case T_BP:
		/* int3: SI_KERNEL; #DB: a single step (TF), the only debug
		 * trap Jiny arms: TRAP_TRACE. */
		sig = SIGTRAP;
		code = tf->vector == T_BP ? SI_KERNEL : 2;
		break;
	case T_UD:
		sig = SIGILL;
		code = 2;		/* ILL_ILLOPN */
		addr = tf->rip;
		break;
	case 16:			/* x87 error */
	case 19:			/* SIMD error */
		sig = SIGFPE;
		code = 7;		/* FPE_FLTINV */
		addr = tf->rip;
		break;
	case 17:			/* alignment check */
		sig = SIGBUS;
		code = 1;		/* BUS_ADRALN */
		break;
	case 11:			/* segment not present */
	case 12:			/* stack fault */
		sig = SIGBUS;
		break;
	case T_PF:
		addr = read_cr2();
		/*
		 * SEGV_ACCERR inside an area the program may not use that
		 * way (present or not yet), SEGV_MAPERR outside every area
		 * — the kernel's half included, as Linux reports it.
		 */
		code = addr < PAGING_USER_TOP && thread_current()->t_vm != NULL &&
		    vm_range_ok(thread_current()->t_vm, addr, 1, 0) ? 2 : 1;
		/* A file page wholly past the file's end: SIGBUS, BUS_ADRERR. */
		if (code == 2 && vm_fault_is_bus(thread_current()->t_vm, addr))
			sig = SIGBUS;
		break;
	default:			/* #GP and the rest: SI_KERNEL */
		break;
	}
	signal_fault(tf, sig, code, addr);
}

uint64_t
syscall_enosys_count(void)
{
	return __atomic_load_n(&syscall_enosys, __ATOMIC_RELAXED);
}

void
syscall_enosys_report(void)
{
	char line[256];
	size_t n = 0;
	int shown = 0;

	/* "nrs=" lists the numbers asked for, up to what one line holds. */
	for (unsigned int nr = 0; nr < SYS_MAX && n < sizeof(line) - 16; nr++) {
		if (syscall_enosys_by_nr[nr] == 0)
			continue;
		n += (size_t)fmt_snprintf(line + n, sizeof(line) - n, "%s%u",
		    shown++ ? "," : "", nr);
	}
	line[n] = '\0';
	printk(LOG_INFO, "jiny: enosys=%lu nrs=%s\n", syscall_enosys_count(),
	    shown ? line : "-");
}
