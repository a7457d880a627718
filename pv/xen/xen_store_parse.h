/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Parsing what xenstored answers, apart from the ring so that host unit
 * tests can feed it anything.  Uses no Xen header.  Every answer is
 * untrusted: lengths are the caller's, never a terminator's.
 */
#ifndef PV_XEN_XEN_STORE_PARSE_H
#define PV_XEN_XEN_STORE_PARSE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Split a directory listing of len bytes (names, each ended by a NUL)
 * into at most max names (pointers into buf).  An empty listing (len 0,
 * or one lone NUL) has none.  -EINVAL for a name that has no NUL before
 * len, is empty, holds '/' or a byte outside printable ASCII, or is
 * longer than name_max; -E2BIG for more than max names.
 */
int	xs_dir_split(const char *buf, size_t len, const char **names,
	    unsigned int max, size_t name_max);

/*
 * A decimal value of len bytes (a trailing NUL allowed) no larger than
 * max: 0 and *out, or -EINVAL (empty, a non-digit, too large).
 */
int	xs_parse_uint(const char *s, size_t len, uint32_t max, uint32_t *out);

/*
 * Copy a value of len bytes (a trailing NUL allowed) into out (size
 * bytes) as a C string: 0, or -EINVAL when it holds a NUL or a byte
 * outside printable ASCII, or does not fit.
 */
int	xs_take_string(const char *s, size_t len, char *out, size_t size);

/* The -errno an XS_ERROR answer names ("ENOENT"...); -EIO if unknown. */
int	xs_error_errno(const char *s, size_t len);

#endif /* PV_XEN_XEN_STORE_PARSE_H */
