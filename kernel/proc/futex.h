/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Fast user-space mutexes: futex(2) and the kernel's own wakes. */
#ifndef KERNEL_PROC_FUTEX_H
#define KERNEL_PROC_FUTEX_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Wake up to n waiters on the caller's word at uaddr (a thread's
 * CLONE_CHILD_CLEARTID word when it exits); returns how many, or -errno.
 */
int	futex_wake(uint64_t uaddr, int n, bool private);

/*
 * The calling thread is leaving its address space (exit, a fatal
 * signal, execve): walk its set_robust_list list as Linux does, marking
 * each lock word it still owns FUTEX_OWNER_DIED (FUTEX_WAITERS kept) and
 * waking one waiter of each, then forget the list.  Bad user pointers
 * end the walk; at most 2048 entries are visited.
 */
void	futex_robust_exit(void);

struct trap_frame;

/* futex(2): the system call itself (the table in syscall/ points here). */
long	sys_futex(struct trap_frame *);
/* futex_waitv(2): wait on several words at once. */
long	sys_futex_waitv(struct trap_frame *);

#endif /* KERNEL_PROC_FUTEX_H */
