/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System call implementations, for the table in syscall.c only.  Each
 * takes the caller's frame (arguments in rdi rsi rdx r10 r8 r9) and
 * returns the result or a negative errno, as Linux does.
 */
#ifndef KERNEL_SYS_H
#define KERNEL_SYS_H

#include <kernel/compiler.h>
#include <arch/x86_64/include/trap.h>

/* sys_io.c */
long	sys_write(struct trap_frame *);
long	sys_writev(struct trap_frame *);
long	sys_ioctl(struct trap_frame *);

/* sys_mm.c */
long	sys_brk(struct trap_frame *);
long	sys_mmap(struct trap_frame *);
long	sys_munmap(struct trap_frame *);
long	sys_mprotect(struct trap_frame *);

/* sys_proc.c */
long	sys_exit(struct trap_frame *);
long	sys_getpid(struct trap_frame *);
long	sys_getppid(struct trap_frame *);
long	sys_getid(struct trap_frame *);
long	sys_arch_prctl(struct trap_frame *);
long	sys_set_tid_address(struct trap_frame *);
long	sys_set_robust_list(struct trap_frame *);
long	sys_uname(struct trap_frame *);
long	sys_clock_gettime(struct trap_frame *);
long	sys_fork(struct trap_frame *);
long	sys_clone(struct trap_frame *);
long	sys_execve(struct trap_frame *);
long	sys_wait4(struct trap_frame *);

/* End the calling ring-3 thread with a wait status; frees its space. */
__noreturn void sys_exit_thread(int status);

#endif /* KERNEL_SYS_H */
