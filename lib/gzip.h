/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * gzip (RFC 1952) without compression: the data in deflate's stored
 * blocks (RFC 1951, BTYPE 00), which every gunzip reads.  For files the
 * kernel must hand out gzipped, as Linux's /proc/config.gz.
 */
#ifndef LIB_GZIP_H
#define LIB_GZIP_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 (IEEE 802.3, as gzip's trailer) of len bytes, continuing crc. */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len);

/* The bytes gzip_store writes for len bytes of data. */
size_t	gzip_stored_size(size_t len);

/* Write data as a gzip member into out (gzip_stored_size(len) bytes). */
void	gzip_store(const void *data, size_t len, uint8_t *out);

#endif /* LIB_GZIP_H */
