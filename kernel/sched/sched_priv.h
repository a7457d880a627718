/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * What sched.c, thread.c and waitq.c share and nothing else may use:
 * included only by the .c files of kernel/sched/.  All of it runs with interrupts off.
 */
#ifndef KERNEL_SCHED_SCHED_PRIV_H
#define KERNEL_SCHED_SCHED_PRIV_H

#include <kernel/sched/sched.h>

struct thread;

/* The boot CPU's first thread (sched.c); it may not exit. */
extern struct thread sched_main_thread;

/* sched.c */
void	schedule(void);
void	sched_enqueue(struct sched_cpu *sc, struct thread *t);
/* Make t (blocked, or new) runnable on the CPU that suits it best, and
 * wake that CPU if it should switch. */
void	sched_wake(struct thread *t);
void	sched_unsleep(struct thread *t);
void	sched_sleep_insert(struct thread *t);
void	sched_idle(void *arg);
/* t runs on another CPU: interrupt it there (a signal to see). */
void	sched_kick_thread(struct thread *t);
void	sched_thread_gone(struct thread *t);

/* thread.c */
void	thread_free(struct thread *t);

/* waitq.c */
void	waitq_unlink(struct thread *t);

#endif /* KERNEL_SCHED_SCHED_PRIV_H */
