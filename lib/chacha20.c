/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The ChaCha20 block function, written from RFC 8439 (chacha20.h). */
#include <stdint.h>

#include <lib/chacha20.h>

#define ROTL(v, n)	((uint32_t)((v) << (n)) | ((v) >> (32 - (n))))

static void
chacha20_quarter(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b]; x[d] ^= x[a]; x[d] = ROTL(x[d], 16);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = ROTL(x[b], 12);
	x[a] += x[b]; x[d] ^= x[a]; x[d] = ROTL(x[d], 8);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = ROTL(x[b], 7);
}

void
chacha20_block(const uint32_t key[CHACHA20_KEY_WORDS], uint32_t counter,
    const uint32_t nonce[3], uint8_t out[CHACHA20_BLOCK])
{
	/* "expand 32-byte k", then the key, counter and nonce. */
	uint32_t in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
	uint32_t x[16];

	for (int i = 0; i < 8; i++)
		in[4 + i] = key[i];
	in[12] = counter;
	in[13] = nonce[0];
	in[14] = nonce[1];
	in[15] = nonce[2];
	for (int i = 0; i < 16; i++)
		x[i] = in[i];
	for (int i = 0; i < 10; i++) {		/* 20 rounds */
		chacha20_quarter(x, 0, 4, 8, 12);
		chacha20_quarter(x, 1, 5, 9, 13);
		chacha20_quarter(x, 2, 6, 10, 14);
		chacha20_quarter(x, 3, 7, 11, 15);
		chacha20_quarter(x, 0, 5, 10, 15);
		chacha20_quarter(x, 1, 6, 11, 12);
		chacha20_quarter(x, 2, 7, 8, 13);
		chacha20_quarter(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++) {		/* little-endian words */
		uint32_t v = x[i] + in[i];

		out[4 * i] = (uint8_t)v;
		out[4 * i + 1] = (uint8_t)(v >> 8);
		out[4 * i + 2] = (uint8_t)(v >> 16);
		out[4 * i + 3] = (uint8_t)(v >> 24);
		x[i] = 0;
	}
}
