/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * signalfd: the pending signals of a set, read as a file.  A read takes
 * pending signals of the set from the reading process, oldest rules of
 * signal_dequeue, each as a 128-byte struct signalfd_siginfo, as many as
 * fit (at least one fits, else -EINVAL); it blocks while none is
 * pending.  Readable while one is; woken whenever a signal becomes
 * pending (signal_poll_head).  May sleep.
 */
#ifndef KERNEL_IPC_SIGNALFD_H
#define KERNEL_IPC_SIGNALFD_H

#include <stdbool.h>
#include <stdint.h>

struct file;

/*
 * A new signalfd for mask (SIGNAL_BIT bits; SIGKILL and SIGSTOP are
 * dropped); flags are O_NONBLOCK (kept in the file).  A file with one
 * reference, or NULL (no memory).
 */
struct file *signalfd_create(uint64_t mask, uint32_t flags);

/* Is f a signalfd? */
bool	signalfd_is(const struct file *f);

/* Replace the set of f, a signalfd. */
void	signalfd_set_mask(struct file *f, uint64_t mask);

#endif /* KERNEL_IPC_SIGNALFD_H */
