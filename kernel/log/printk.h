/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Kernel log.  printk formats one message (see lib/fmt.h), appends it to
 * the log ring and writes it to the consoles.  Safe with interrupts off and
 * from interrupt handlers; never sleeps.  Every message starts with its
 * subsystem ("lapic: ...").  pr_debug compiles to nothing unless
 * CONFIG_DEBUG.
 */
#ifndef KERNEL_LOG_PRINTK_H
#define KERNEL_LOG_PRINTK_H

#include <stddef.h>

#define LOG_ERR		3
#define LOG_WARN	4
#define LOG_INFO	6
#define LOG_DEBUG	7

/*
 * /proc/sys/kernel/printk's four levels; a message reaches the console
 * when its level is below the first (console_loglevel).
 */
extern int printk_levels[4];

void	printk(int level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#define pr_err(...)	printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)	printk(LOG_WARN, __VA_ARGS__)
#define pr_info(...)	printk(LOG_INFO, __VA_ARGS__)
#if CONFIG_DEBUG
#define pr_debug(...)	printk(LOG_DEBUG, __VA_ARGS__)
#else
#define pr_debug(...)	do { } while (0)
#endif

#endif /* KERNEL_LOG_PRINTK_H */
