/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Kernel formatted output into buffers.  The format language is a subset of
 * C's: flags '-' and '0', a field width, a precision
 * ('.N' or '.*', for %s only), length modifiers l, ll, z, and
 * conversions d i u x X p s c %.  Output is always NUL-terminated when size
 * is non-zero; the return value is the length the full output would have.
 * Safe in any context (no allocation, no locks).  Prefixed fmt_ so that host
 * unit tests can link it next to the host's libc.
 */
#ifndef LIB_FMT_H
#define LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

int	fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	    __attribute__((format(printf, 3, 0)));
int	fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#endif /* LIB_FMT_H */
