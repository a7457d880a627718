/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* gzip with stored blocks (see gzip.h). */
#include <stddef.h>
#include <stdint.h>

#include <lib/gzip.h>
#include <lib/string.h>

#define GZIP_HEADER	10
#define GZIP_TRAILER	8
#define GZIP_BLOCK	65535u	/* the most a stored block holds */

uint32_t
crc32_update(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	crc = ~crc;
	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

size_t
gzip_stored_size(size_t len)
{
	size_t blocks = len == 0 ? 1 : (len + GZIP_BLOCK - 1) / GZIP_BLOCK;

	return GZIP_HEADER + blocks * 5 + len + GZIP_TRAILER;
}

static void
put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

void
gzip_store(const void *data, size_t len, uint8_t *out)
{
	/* Magic, deflate, no flags, no time, no extra flags, Unix. */
	static const uint8_t header[GZIP_HEADER] = {
		0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3
	};
	const uint8_t *in = data;
	size_t left = len;

	memcpy(out, header, GZIP_HEADER);
	out += GZIP_HEADER;
	do {
		uint16_t n = (uint16_t)(left < GZIP_BLOCK ? left : GZIP_BLOCK);

		/* BFINAL on the last block; BTYPE 00; then LEN, ~LEN. */
		*out++ = left == n ? 1 : 0;
		out[0] = (uint8_t)n;
		out[1] = (uint8_t)(n >> 8);
		out[2] = (uint8_t)~n;
		out[3] = (uint8_t)(~n >> 8);
		out += 4;
		memcpy(out, in, n);
		out += n;
		in += n;
		left -= n;
	} while (left > 0);
	put_le32(out, crc32_update(0, data, len));
	put_le32(out + 4, (uint32_t)len);
}
