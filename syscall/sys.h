/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System call implementations, for the table in syscall.c only.  Each
 * takes the caller's frame (arguments in rdi rsi rdx r10 r8 r9) and
 * returns the result or a negative errno, as Linux does.
 */
#ifndef SYSCALL_SYS_H
#define SYSCALL_SYS_H

#include <lib/compiler.h>
#include <arch/x86_64/include/trap.h>

/* sys_fs.c */
long	sys_read(struct trap_frame *);
long	sys_write(struct trap_frame *);
long	sys_readv(struct trap_frame *);
long	sys_writev(struct trap_frame *);
long	sys_pread64(struct trap_frame *);
long	sys_pwrite64(struct trap_frame *);
long	sys_preadv(struct trap_frame *);
long	sys_pwritev(struct trap_frame *);
long	sys_preadv2(struct trap_frame *);
long	sys_pwritev2(struct trap_frame *);
long	sys_ioctl(struct trap_frame *);
long	sys_open(struct trap_frame *);
long	sys_openat(struct trap_frame *);
long	sys_openat2(struct trap_frame *);
long	sys_close(struct trap_frame *);
long	sys_lseek(struct trap_frame *);
long	sys_stat(struct trap_frame *);
long	sys_lstat(struct trap_frame *);
long	sys_fstat(struct trap_frame *);
long	sys_newfstatat(struct trap_frame *);
long	sys_getdents64(struct trap_frame *);
long	sys_getcwd(struct trap_frame *);
long	sys_chdir(struct trap_frame *);
long	sys_fchdir(struct trap_frame *);
long	sys_mkdir(struct trap_frame *);
long	sys_mkdirat(struct trap_frame *);
long	sys_rmdir(struct trap_frame *);
long	sys_unlink(struct trap_frame *);
long	sys_unlinkat(struct trap_frame *);
long	sys_rename(struct trap_frame *);
long	sys_renameat(struct trap_frame *);
long	sys_symlink(struct trap_frame *);
long	sys_readlink(struct trap_frame *);
long	sys_readlinkat(struct trap_frame *);
long	sys_access(struct trap_frame *);
long	sys_faccessat(struct trap_frame *);
long	sys_faccessat2(struct trap_frame *);
long	sys_dup(struct trap_frame *);
long	sys_dup2(struct trap_frame *);
long	sys_dup3(struct trap_frame *);
long	sys_fcntl(struct trap_frame *);
long	sys_umask(struct trap_frame *);
long	sys_pipe(struct trap_frame *);
long	sys_pipe2(struct trap_frame *);
long	sys_ftruncate(struct trap_frame *);
long	sys_fsync(struct trap_frame *);
long	sys_symlinkat(struct trap_frame *);
long	sys_renameat2(struct trap_frame *);
long	sys_getdents(struct trap_frame *);

/* sys_event.c */
long	sys_epoll_create(struct trap_frame *);
long	sys_epoll_create1(struct trap_frame *);
long	sys_epoll_ctl(struct trap_frame *);
long	sys_epoll_wait(struct trap_frame *);
long	sys_epoll_pwait(struct trap_frame *);
long	sys_epoll_pwait2(struct trap_frame *);
long	sys_eventfd(struct trap_frame *);
long	sys_sysfs(struct trap_frame *);
long	sys_acct(struct trap_frame *);
long	sys_name_to_handle_at(struct trap_frame *);
long	sys_open_by_handle_at(struct trap_frame *);
long	sys_remap_file_pages(struct trap_frame *);
long	sys_adjtimex(struct trap_frame *);
long	sys_clock_adjtime(struct trap_frame *);
long	sys_ustat(struct trap_frame *);
long	sys_io_setup(struct trap_frame *);
long	sys_io_destroy(struct trap_frame *);
long	sys_io_submit(struct trap_frame *);
long	sys_io_getevents(struct trap_frame *);
long	sys_io_pgetevents(struct trap_frame *);
long	sys_io_cancel(struct trap_frame *);
/* AIO's hooks: vm_space release, /proc/sys/fs/aio-nr.  Once at boot. */
void	sys_aio_init(void);
long	sys_eventfd2(struct trap_frame *);
long	sys_inotify_init(struct trap_frame *);
long	sys_inotify_init1(struct trap_frame *);
long	sys_inotify_add_watch(struct trap_frame *);
long	sys_inotify_rm_watch(struct trap_frame *);
long	sys_timerfd_create(struct trap_frame *);
long	sys_timerfd_settime(struct trap_frame *);
long	sys_timerfd_gettime(struct trap_frame *);
long	sys_signalfd(struct trap_frame *);
long	sys_signalfd4(struct trap_frame *);

/* sys_attr.c */
long	sys_chmod(struct trap_frame *);
long	sys_fchmod(struct trap_frame *);
long	sys_fchmodat(struct trap_frame *);
long	sys_chown(struct trap_frame *);
long	sys_fchown(struct trap_frame *);
long	sys_lchown(struct trap_frame *);
long	sys_fchownat(struct trap_frame *);
long	sys_utimensat(struct trap_frame *);
long	sys_utimes(struct trap_frame *);
long	sys_futimesat(struct trap_frame *);
long	sys_utime(struct trap_frame *);
long	sys_mknod(struct trap_frame *);
long	sys_mknodat(struct trap_frame *);
long	sys_link(struct trap_frame *);
long	sys_linkat(struct trap_frame *);
long	sys_truncate(struct trap_frame *);
long	sys_statx(struct trap_frame *);
long	sys_setxattr(struct trap_frame *);
long	sys_lsetxattr(struct trap_frame *);
long	sys_fsetxattr(struct trap_frame *);
long	sys_getxattr(struct trap_frame *);
long	sys_lgetxattr(struct trap_frame *);
long	sys_fgetxattr(struct trap_frame *);
long	sys_listxattr(struct trap_frame *);
long	sys_llistxattr(struct trap_frame *);
long	sys_flistxattr(struct trap_frame *);
long	sys_removexattr(struct trap_frame *);
long	sys_lremovexattr(struct trap_frame *);
long	sys_fremovexattr(struct trap_frame *);
long	sys_fadvise64(struct trap_frame *);
long	sys_sendfile(struct trap_frame *);
long	sys_splice(struct trap_frame *);
long	sys_tee(struct trap_frame *);
long	sys_vmsplice(struct trap_frame *);
long	sys_copy_file_range(struct trap_frame *);
long	sys_sync_file_range(struct trap_frame *);

/* sys_mount.c */
long	sys_mount(struct trap_frame *);
long	sys_umount2(struct trap_frame *);
long	sys_statfs(struct trap_frame *);
long	sys_fstatfs(struct trap_frame *);
long	sys_sync(struct trap_frame *);
long	sys_syncfs(struct trap_frame *);

/* sys_info.c */
long	sys_sysinfo(struct trap_frame *);

/* sys_mm.c */
long	sys_brk(struct trap_frame *);
long	sys_mmap(struct trap_frame *);
long	sys_mremap(struct trap_frame *);
long	sys_madvise(struct trap_frame *);
long	sys_msync(struct trap_frame *);
long	sys_mlock(struct trap_frame *);
long	sys_mlock2(struct trap_frame *);
long	sys_membarrier(struct trap_frame *);
long	sys_ioperm(struct trap_frame *);
long	sys_iopl(struct trap_frame *);
long	sys_munlock(struct trap_frame *);
long	sys_mlockall(struct trap_frame *);
long	sys_munlockall(struct trap_frame *);
long	sys_mincore(struct trap_frame *);

/* sys_memfd.c */
long	sys_memfd_create(struct trap_frame *);
long	sys_fallocate(struct trap_frame *);
long	sys_readahead(struct trap_frame *);
struct file;
long	sys_fs_seals(struct file *, bool add, unsigned long seals);

/* sys_ipc.c */
long	sys_shmget(struct trap_frame *);
long	sys_shmat(struct trap_frame *);
long	sys_shmdt(struct trap_frame *);
long	sys_shmctl(struct trap_frame *);
long	sys_msgget(struct trap_frame *);
long	sys_add_key(struct trap_frame *);
long	sys_request_key(struct trap_frame *);
long	sys_keyctl(struct trap_frame *);
long	sys_msgsnd(struct trap_frame *);
long	sys_msgrcv(struct trap_frame *);
long	sys_msgctl(struct trap_frame *);
long	sys_semget(struct trap_frame *);
long	sys_semop(struct trap_frame *);
long	sys_semctl(struct trap_frame *);
long	sys_semtimedop(struct trap_frame *);

/* sys_mq.c */
long	sys_mq_open(struct trap_frame *);
long	sys_mq_unlink(struct trap_frame *);
long	sys_mq_timedsend(struct trap_frame *);
long	sys_mq_timedreceive(struct trap_frame *);
long	sys_mq_notify(struct trap_frame *);
long	sys_mq_getsetattr(struct trap_frame *);

/* sys_socket.c */
long	sys_socket(struct trap_frame *);
long	sys_socketpair(struct trap_frame *);
long	sys_recvfrom(struct trap_frame *);
long	sys_sendto(struct trap_frame *);
long	sys_sendmsg(struct trap_frame *);
long	sys_recvmsg(struct trap_frame *);
long	sys_sendmmsg(struct trap_frame *);
long	sys_recvmmsg(struct trap_frame *);
long	sys_bind(struct trap_frame *);
long	sys_connect(struct trap_frame *);
long	sys_listen(struct trap_frame *);
long	sys_accept(struct trap_frame *);
long	sys_accept4(struct trap_frame *);
long	sys_getsockname(struct trap_frame *);
long	sys_getpeername(struct trap_frame *);
long	sys_shutdown(struct trap_frame *);
long	sys_setsockopt(struct trap_frame *);
long	sys_getsockopt(struct trap_frame *);

/* sys_lock.c */
long	sys_fcntl_lock(struct file *, int cmd, uint64_t uarg);
long	sys_flock(struct trap_frame *);
int	sys_mm_page_fault(struct trap_frame *, uint64_t addr);
long	sys_munmap(struct trap_frame *);
long	sys_mprotect(struct trap_frame *);

/* sys_proc.c */
long	sys_exit(struct trap_frame *);
long	sys_exit_group(struct trap_frame *);
long	sys_gettid(struct trap_frame *);
long	sys_sched_yield(struct trap_frame *);
long	sys_vfork(struct trap_frame *);
long	sys_getpid(struct trap_frame *);
long	sys_getppid(struct trap_frame *);
long	sys_arch_prctl(struct trap_frame *);
long	sys_set_tid_address(struct trap_frame *);
long	sys_set_robust_list(struct trap_frame *);
long	sys_get_robust_list(struct trap_frame *);
long	sys_rt_sigaction(struct trap_frame *);
long	sys_rt_sigprocmask(struct trap_frame *);
long	sys_rt_sigreturn(struct trap_frame *);
long	sys_kill(struct trap_frame *);
long	sys_tgkill(struct trap_frame *);
long	sys_tkill(struct trap_frame *);
long	sys_getpgrp(struct trap_frame *);
long	sys_getpgid(struct trap_frame *);
long	sys_setpgid(struct trap_frame *);
long	sys_setsid(struct trap_frame *);
long	sys_getsid(struct trap_frame *);
long	sys_fork(struct trap_frame *);
long	sys_ptrace(struct trap_frame *);
long	sys_clone(struct trap_frame *);
long	sys_unshare(struct trap_frame *);
long	sys_clone3(struct trap_frame *);
long	sys_execve(struct trap_frame *);
long	sys_execveat(struct trap_frame *);
long	sys_wait4(struct trap_frame *);
long	sys_waitid(struct trap_frame *);

/* sys_signal.c */
long	sys_rt_sigsuspend(struct trap_frame *);
long	sys_pause(struct trap_frame *);
long	sys_rt_sigpending(struct trap_frame *);
long	sys_rt_sigtimedwait(struct trap_frame *);
long	sys_sigaltstack(struct trap_frame *);
long	sys_rt_sigqueueinfo(struct trap_frame *);
long	sys_rt_tgsigqueueinfo(struct trap_frame *);
long	sys_restart_syscall(struct trap_frame *);

/* sys_time.c */
long	sys_clock_gettime(struct trap_frame *);
long	sys_clock_getres(struct trap_frame *);
long	sys_gettimeofday(struct trap_frame *);
long	sys_time(struct trap_frame *);
long	sys_getrusage(struct trap_frame *);
/*
 * struct rusage (18 longs) from CPU time (ns, of which user in ring 3),
 * the counts and the peak resident pages (sys_time.c).
 */
struct thread_counts;
void	sys_rusage_fill(int64_t ru[18], uint64_t ns, uint64_t user,
	    const struct thread_counts *c, uint64_t maxrss_pages);
/* prctl's capability options (sys_cred.c); -EINVAL for any other. */
long	sys_prctl_cap(struct trap_frame *);
long	sys_times(struct trap_frame *);
long	sys_syslog(struct trap_frame *);
long	sys_ioprio_get(struct trap_frame *);
long	sys_ioprio_set(struct trap_frame *);
long	sys_nanosleep(struct trap_frame *);
long	sys_clock_nanosleep(struct trap_frame *);
long	sys_getitimer(struct trap_frame *);
long	sys_setitimer(struct trap_frame *);
long	sys_alarm(struct trap_frame *);
long	sys_timer_create(struct trap_frame *);
long	sys_timer_settime(struct trap_frame *);
long	sys_timer_gettime(struct trap_frame *);
long	sys_timer_getoverrun(struct trap_frame *);
long	sys_timer_delete(struct trap_frame *);

/* sys_poll.c */
long	sys_poll(struct trap_frame *);
long	sys_ppoll(struct trap_frame *);
long	sys_select(struct trap_frame *);
long	sys_pselect6(struct trap_frame *);

/* sys_cred.c */
long	sys_getuid(struct trap_frame *);
long	sys_geteuid(struct trap_frame *);
long	sys_getgid(struct trap_frame *);
long	sys_getegid(struct trap_frame *);
long	sys_setuid(struct trap_frame *);
long	sys_setgid(struct trap_frame *);
long	sys_setreuid(struct trap_frame *);
long	sys_setregid(struct trap_frame *);
long	sys_setresuid(struct trap_frame *);
long	sys_setresgid(struct trap_frame *);
long	sys_getresuid(struct trap_frame *);
long	sys_getresgid(struct trap_frame *);
long	sys_setfsuid(struct trap_frame *);
long	sys_setfsgid(struct trap_frame *);
long	sys_getgroups(struct trap_frame *);
long	sys_setgroups(struct trap_frame *);
long	sys_capget(struct trap_frame *);
long	sys_capset(struct trap_frame *);
long	sys_vhangup(struct trap_frame *);

/* sys_misc.c */
long	sys_getrandom(struct trap_frame *);
long	sys_prlimit64(struct trap_frame *);
long	sys_getrlimit(struct trap_frame *);
long	sys_setrlimit(struct trap_frame *);
long	sys_sched_getaffinity(struct trap_frame *);
long	sys_sched_setaffinity(struct trap_frame *);
long	sys_sched_getscheduler(struct trap_frame *);
long	sys_sched_get_priority_max(struct trap_frame *);
long	sys_sched_get_priority_min(struct trap_frame *);
long	sys_getpriority(struct trap_frame *);
long	sys_setpriority(struct trap_frame *);
long	sys_personality(struct trap_frame *);
long	sys_getcpu(struct trap_frame *);
long	sys_prctl(struct trap_frame *);
long	sys_uname(struct trap_frame *);
long	sys_sethostname(struct trap_frame *);
long	sys_setdomainname(struct trap_frame *);
long	sys_reboot(struct trap_frame *);
long	sys_chroot(struct trap_frame *);
long	sys_clock_settime(struct trap_frame *);
long	sys_settimeofday(struct trap_frame *);
long	sys_sched_getparam(struct trap_frame *);
long	sys_sched_rr_get_interval(struct trap_frame *);
long	sys_sched_setparam(struct trap_frame *);
long	sys_sched_setscheduler(struct trap_frame *);
long	sys_sched_setattr(struct trap_frame *);
long	sys_sched_getattr(struct trap_frame *);

/*
 * Copy a user string of at most max bytes (NUL included) into buf.
 * Returns its length, -EFAULT, or -E2BIG when no NUL came within max.
 */
long	sys_user_str(char *buf, const char *ustr, size_t max);

/*
 * Copy an extensible struct (openat2's open_how...) of usize bytes at
 * user address u into k, ksize bytes: a smaller one leaves the rest of
 * k zero, a larger one must end in zeros (-E2BIG otherwise, and past a
 * page), -EFAULT for a bad address.  The caller checks the first
 * version's size.
 */
long	sys_user_struct(void *k, size_t ksize, uint64_t u, size_t usize);

/* sys_pidfd.c */
long	sys_pidfd_open(struct trap_frame *);
long	sys_pidfd_send_signal(struct trap_frame *);
long	sys_pidfd_getfd(struct trap_frame *);
long	sys_close_range(struct trap_frame *);
long	sys_kcmp(struct trap_frame *);
long	sys_process_vm_readv(struct trap_frame *);
long	sys_process_vm_writev(struct trap_frame *);

#endif /* SYSCALL_SYS_H */
