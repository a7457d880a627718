/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Console fan-out and the log ring (see console.h).  COM1 (when a UART
 * answers) gets every byte from the first line on, port 0xe9 every byte
 * until a hypervisor console takes over.  The ring keeps the
 * newest CONSOLE_LOG_SIZE bytes; it is replayed once into the hypervisor
 * console when that appears, so nothing printed early is lost there.
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/uart.h>
#include <kernel/log/console.h>

#define CONSOLE_LOG_SIZE 16384	/* a power of two */

static char console_log[CONSOLE_LOG_SIZE];
static uint64_t console_log_head;	/* bytes ever written */
static void (*console_sink)(const char *, size_t);
static bool console_early_port = true;	/* port 0xe9 still in use */

static void
console_log_append(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		console_log[(console_log_head + i) & (CONSOLE_LOG_SIZE - 1)] =
		    buf[i];
	console_log_head += len;
}

void
console_write(const char *buf, size_t len)
{
	bool on = intr_save();

	if (console_early_port)
		debugcon_write(buf, len);
	uart_write(buf, len);		/* no-op where there is no UART */
	console_log_append(buf, len);
	if (console_sink != NULL)
		console_sink(buf, len);
	intr_restore(on);
}

void
console_set_sink(void (*write)(const char *, size_t), bool keep_early_port)
{
	bool on = intr_save();
	uint64_t avail = console_log_head < CONSOLE_LOG_SIZE ?
	    console_log_head : CONSOLE_LOG_SIZE;
	uint64_t start = console_log_head - avail;

	console_sink = write;
	console_early_port = write == NULL || keep_early_port;
	/* Replay in at most two pieces: the ring may wrap once. */
	while (write != NULL && avail > 0) {
		uint64_t off = start & (CONSOLE_LOG_SIZE - 1);
		uint64_t n = CONSOLE_LOG_SIZE - off;

		if (n > avail)
			n = avail;
		write(&console_log[off], n);
		start += n;
		avail -= n;
	}
	intr_restore(on);
}
