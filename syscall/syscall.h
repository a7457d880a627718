/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The system call table and dispatcher: Linux x86-64 numbers and
 * semantics.  One table serves every runtime.  Unknown numbers return
 * -ENOSYS and are counted.
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/trap.h>

/* Entry from syscall_entry: number in tf->rax, result back in tf->rax. */
void	syscall_dispatch(struct trap_frame *tf);
/* Several CPUs: syscall_dispatch inside the kernel lock. */
void	syscall_dispatch_locked(struct trap_frame *tf);

/* What the program does on a ring-3 fault; installed as the trap hook. */
void	syscall_user_fault(struct trap_frame *tf);

/*
 * Run the table entry for tf->rax with tf's argument registers, count
 * unknown numbers, trace if asked; the result is also left in tf->rax.
 * Shared by the ring-3 entry and the ring-0 app's calls.
 */
long	syscall_invoke(struct trap_frame *tf);

/* Log every call ("strace: ..." lines) when on. */
void	syscall_set_trace(bool on);
static inline bool
syscall_tracing(void)
{
	extern bool syscall_trace;

	return syscall_trace;
}

/* Number of calls that returned -ENOSYS so far. */
uint64_t syscall_enosys_count(void);

/*
 * Print "jiny: enosys=N nrs=A,B,..." (nrs=- when none): how many calls
 * found no entry in the table, and which numbers they asked for.  Scripts
 * read this line (docs/syscalls.md).
 */
void	syscall_enosys_report(void);

#endif /* SYSCALL_SYSCALL_H */
