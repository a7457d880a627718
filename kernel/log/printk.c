/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * printk: format into a stack buffer, log it (kmsg.c, what syslog(2)
 * reads) and hand it to the console if its level is below the console
 * level (all but debug, unless syslog(2) says otherwise).  Long
 * messages are cut at PRINTK_MAX bytes and end with "...\n" so the cut is
 * visible.
 */
#include <stdarg.h>

#include <lib/fmt.h>
#include <kernel/log/console.h>
#include <kernel/log/kmsg.h>
#include <kernel/log/printk.h>

#define PRINTK_MAX	512

void
printk(int level, const char *fmt, ...)
{
	char buf[PRINTK_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf)) {
		n = sizeof(buf) - 1;
		buf[n - 4] = '.';
		buf[n - 3] = '.';
		buf[n - 2] = '.';
		buf[n - 1] = '\n';
	}
	kmsg_append(level, buf, (size_t)n);
	if (kmsg_to_console(level))
		console_write(buf, (size_t)n);
}
