/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * eventfd: a 64-bit counter as a file.  A read (of at least 8 bytes)
 * returns the count and zeroes it, or with EFD_SEMAPHORE returns 1 and
 * takes 1; it blocks while the count is 0.  A write adds its 8-byte
 * value, blocking while the sum would pass 0xfffffffffffffffe (the
 * value UINT64_MAX itself is -EINVAL).  Readable while the count is
 * not 0, writable while 1 more fits.  May sleep.
 */
#ifndef KERNEL_IPC_EVENTFD_H
#define KERNEL_IPC_EVENTFD_H

#include <stdbool.h>
#include <stdint.h>

struct file;

/*
 * A new eventfd counting from initval; flags are O_NONBLOCK (kept in the
 * file).  A file with one reference, or NULL (no memory).
 */
struct file *eventfd_create(uint64_t initval, bool semaphore,
	    uint32_t flags);

/* Is f an eventfd? */
bool	eventfd_is(const struct file *f);

/*
 * Add n to eventfd f's count from the kernel (AIO's IOCB_FLAG_RESFD),
 * never waiting: the count stops at its largest value.  IRQ-safe.
 */
void	eventfd_signal(struct file *f, uint64_t n);

#endif /* KERNEL_IPC_EVENTFD_H */
