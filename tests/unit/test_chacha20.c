/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the ChaCha20 block function against RFC 8439. */
#include <stdint.h>
#include <string.h>

#include <lib/chacha20.h>

#include "ut.h"

/* RFC 8439, 2.3.2: key 00..1f, nonce 00:00:00:09:00:00:00:4a:00..00,
 * block counter 1. */
UT_TEST(chacha20_rfc8439_block)
{
	static const uint8_t want[64] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
		0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
		0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03,
		0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
		0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09,
		0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
		0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9,
		0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	uint32_t key[8], nonce[3] = { 0x09000000, 0x4a000000, 0 };
	uint8_t out[64];

	for (int i = 0; i < 8; i++)
		key[i] = (uint32_t)(4 * i) | (uint32_t)(4 * i + 1) << 8 |
		    (uint32_t)(4 * i + 2) << 16 | (uint32_t)(4 * i + 3) << 24;
	chacha20_block(key, 1, nonce, out);
	UT_ASSERT(memcmp(out, want, sizeof(want)) == 0);
}

/* Each counter value gives another block; the all-zero key is no
 * special case. */
UT_TEST(chacha20_counter_and_zero_key)
{
	uint32_t key[8] = { 0 }, nonce[3] = { 0 };
	uint8_t a[64], b[64];
	/* RFC 8439 A.1, test vector 1: zero key, nonce, counter 0. */
	static const uint8_t first[16] = {
		0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90,
		0x40, 0x5d, 0x6a, 0xe5, 0x53, 0x86, 0xbd, 0x28,
	};

	chacha20_block(key, 0, nonce, a);
	chacha20_block(key, 1, nonce, b);
	UT_ASSERT(memcmp(a, first, sizeof(first)) == 0);
	UT_ASSERT(memcmp(a, b, sizeof(a)) != 0);
}
