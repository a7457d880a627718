/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Kernel command-line parsing.  The line is words separated by spaces;
 * a word is "key" or "key=value", and a value may be quoted with double or
 * single quotes to hold spaces (single ones pass through xl's config).
 * As on Linux, a whole word may be quoted too: "key=value with spaces"
 * (GRUB hands a single-quoted value on that way).  The last occurrence of
 * a key wins.
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Copy the value of key into buf (NUL-terminated; "" for a bare key).
 * Returns true if key is present.  A value longer than size-1 is cut.
 */
bool	cmdline_get(const char *line, const char *key, char *buf, size_t size);

/*
 * The value of key as an unsigned decimal number in [min, max]: 0 and *out
 * set; -ENOENT if absent (with *out = def); -EINVAL if it is not a number
 * or out of range.
 */
int	cmdline_get_uint(const char *line, const char *key, uint64_t min,
	    uint64_t max, uint64_t def, uint64_t *out);

/*
 * Call fn for each key in line (in order).  The key is not NUL-terminated:
 * its length is klen.
 */
void	cmdline_foreach(const char *line,
	    void (*fn)(const char *key, size_t klen, void *arg), void *arg);

/* Remember the kernel's own command line (kmain, once) and give it back. */
void	cmdline_save(const char *line);
const char *cmdline_boot(void);

#endif /* LIB_CMDLINE_H */
