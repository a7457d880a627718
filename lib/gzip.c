/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* A gzip stream of stored (uncompressed) deflate blocks: see gzip.h. */
#include <stddef.h>
#include <stdint.h>

#include <lib/gzip.h>
#include <lib/string.h>

#define GZIP_HEADER	10
#define GZIP_TRAILER	8
#define GZIP_BLOCK_HDR	5	/* type byte, LEN, NLEN */
#define GZIP_CRC_POLY	0xedb88320u	/* reflected 0x04c11db7 */

uint32_t
gzip_crc32(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	/* Bit by bit: the files are small and a table is 1 KiB. */
	crc = ~crc;
	while (len-- > 0) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (GZIP_CRC_POLY & (0u - (crc & 1)));
	}
	return ~crc;
}

size_t
gzip_stored_size(size_t len)
{
	size_t blocks = len == 0 ? 1 :
	    (len + GZIP_STORED_MAX - 1) / GZIP_STORED_MAX;

	return GZIP_HEADER + blocks * GZIP_BLOCK_HDR + len + GZIP_TRAILER;
}

static void
gzip_le(uint8_t *p, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

size_t
gzip_stored(void *out, size_t cap, const void *in, size_t len)
{
	static const uint8_t header[GZIP_HEADER] = {
		0x1f, 0x8b,	/* magic */
		8,		/* method: deflate */
		0,		/* flags: no name, comment, extra, CRC */
		0, 0, 0, 0,	/* mtime: none */
		0,		/* extra flags */
		3,		/* OS: Unix */
	};
	const uint8_t *src = in;
	uint8_t *o = out;
	size_t left = len;

	if (cap < gzip_stored_size(len))
		return 0;
	memcpy(o, header, GZIP_HEADER);
	o += GZIP_HEADER;
	do {
		uint16_t n = (uint16_t)(left > GZIP_STORED_MAX ?
		    GZIP_STORED_MAX : left);

		left -= n;
		*o++ = left == 0 ? 1 : 0;	/* BFINAL, BTYPE 00 */
		gzip_le(o, n, 2);
		gzip_le(o + 2, (uint16_t)~n, 2);
		o += 4;
		memcpy(o, src, n);
		o += n;
		src += n;
	} while (left > 0);
	gzip_le(o, gzip_crc32(0, in, len), 4);
	gzip_le(o + 4, (uint32_t)len, 4);
	o += GZIP_TRAILER;
	return (size_t)(o - (uint8_t *)out);
}
