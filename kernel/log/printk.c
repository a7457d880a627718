/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * printk: format into a stack buffer and hand it to the console.  Long
 * messages are cut at PRINTK_MAX bytes and end with "...\n" so the cut is
 * visible.
 */
#include <stdarg.h>

#include <lib/fmt.h>
#include <kernel/log/console.h>
#include <kernel/log/printk.h>

#define PRINTK_MAX	512

/* kernel.printk: console, default message, lowest console, boot levels. */
int printk_levels[4] = { CONFIG_DEBUG ? 8 : 7, 4, 1, 7 };

void
printk(int level, const char *fmt, ...)
{
	char buf[PRINTK_MAX];
	va_list ap;
	int n;

	/* As Linux: the console shows what is more urgent than its level. */
	if (level >= printk_levels[0])
		return;
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
	console_write(buf, (size_t)n);
}
