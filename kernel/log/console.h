/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Console output.  Every byte goes at once to COM1 if a UART answers
 * and to the log ring, and to the early port (0xe9) until a hypervisor
 * console takes over: once kmain hands that over (pv_console_writer: the
 * PV console ring on Xen) the ring is replayed there, later output goes
 * there, and port 0xe9 falls silent unless asked to keep going (Linux's
 * "earlyprintk=...,keep"), so a person attached to both (Xen prints the
 * port's lines as "(dN) ...") sees each line once.  IRQ-safe; never
 * sleeps.
 */
#ifndef KERNEL_LOG_CONSOLE_H
#define KERNEL_LOG_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

void	console_write(const char *buf, size_t len);

/*
 * Set the hypervisor console; replays what was logged before.  A non-NULL
 * console ends output on port 0xe9 unless keep_early_port.
 */
void	console_set_sink(void (*write)(const char *, size_t),
	    bool keep_early_port);

#endif /* KERNEL_LOG_CONSOLE_H */
