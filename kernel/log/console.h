/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Console output.  Every byte goes at once to the early port (0xe9), to
 * COM1 if a UART answers, and to the log ring; once kmain hands over the
 * hypervisor's console (pv_console_writer: the PV console ring on Xen)
 * the ring is replayed there and later output goes there too.  IRQ-safe;
 * never sleeps.
 */
#ifndef KERNEL_LOG_CONSOLE_H
#define KERNEL_LOG_CONSOLE_H

#include <stddef.h>

void	console_write(const char *buf, size_t len);

/* Set the hypervisor console; replays what was logged before. */
void	console_set_sink(void (*write)(const char *, size_t));

#endif /* KERNEL_LOG_CONSOLE_H */
