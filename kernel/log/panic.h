/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * panic() is for broken invariants only: it prints "panic: <msg>", the
 * caller's backtrace and the last log lines' worth of state the message
 * carries, then shuts the guest down as crashed.  KASSERT checks programmer
 * error and is compiled in only with CONFIG_DEBUG.
 */
#ifndef KERNEL_LOG_PANIC_H
#define KERNEL_LOG_PANIC_H

#include <lib/compiler.h>

__noreturn void	panic(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));

#if CONFIG_DEBUG
#define KASSERT(c) do {							\
	if (unlikely(!(c)))						\
		panic("assertion \"%s\" failed at %s:%d", #c,		\
		    __FILE__, __LINE__);				\
} while (0)
#else
#define KASSERT(c)	do { (void)sizeof(c); } while (0)
#endif

#endif /* KERNEL_LOG_PANIC_H */
