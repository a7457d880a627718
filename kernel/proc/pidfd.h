/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Process descriptors (pidfd_open, clone's CLONE_PIDFD): an open file
 * that names one process for as long as it is open, whether the process
 * runs, has exited or has been reaped since.  It polls readable once the
 * process has exited; reads and writes fail with -EINVAL, as Linux's.
 */
#ifndef KERNEL_PROC_PIDFD_H
#define KERNEL_PROC_PIDFD_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct proc;

struct proc_pidref;

/*
 * A new pidfd file (open O_RDWR, with O_NONBLOCK if nonblock is set) for
 * the process of r (from proc_pidref_get, taken with interrupts off
 * while the process was found), which it takes over; NULL when out of
 * memory (r is then dropped).
 */
struct file *pidfd_file_new(struct proc_pidref *r, bool nonblock);

/* Is f a pidfd? */
bool	pidfd_is(const struct file *f);

/*
 * The process f names: NULL once it has exited (a zombie included when
 * live_only) or been reaped.  *pid gets its pid in any case.  Interrupts
 * off while the result is used.
 */
struct proc *pidfd_proc(const struct file *f, bool live_only, int *pid);

#endif /* KERNEL_PROC_PIDFD_H */
