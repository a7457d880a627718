/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * A gzip writer that does not compress (RFC 1951 stored blocks inside an
 * RFC 1952 member), for files that Linux serves gzipped, such as
 * /proc/config.gz.  Any gunzip reads the result; it is a few percent
 * larger than its input.  The layout:
 *	10-byte header (magic 1f 8b, method 8, no flags, mtime 0, OS 3)
 *	blocks of at most 65535 bytes: a byte (bit 0: last block, bits 1-2:
 *	type 0, stored), LEN and ~LEN (little-endian 16 bits), LEN bytes
 *	trailer: CRC-32 of the input, its length mod 2^32 (little-endian)
 */
#ifndef LIB_GZIP_H
#define LIB_GZIP_H

#include <stddef.h>
#include <stdint.h>

#define GZIP_STORED_MAX	65535u	/* bytes a stored block holds */

/* The CRC-32 of IEEE 802.3 (as gzip and zlib use), continued from crc. */
uint32_t	gzip_crc32(uint32_t crc, const void *data, size_t len);

/* Bytes gzip_stored writes for len bytes of input. */
size_t		gzip_stored_size(size_t len);

/*
 * Write len bytes from in as a gzip stream to out, which holds cap bytes.
 * Returns the bytes written, or 0 if cap < gzip_stored_size(len).
 */
size_t		gzip_stored(void *out, size_t cap, const void *in, size_t len);

#endif /* LIB_GZIP_H */
