/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The ChaCha20 block function (RFC 8439, section 2.3): 64 bytes of
 * keystream from a 256-bit key, a 32-bit block counter and a 96-bit
 * nonce.  The kernel's random generator (fs/random.c) is built on it.
 */
#ifndef LIB_CHACHA20_H
#define LIB_CHACHA20_H

#include <stdint.h>

#define CHACHA20_KEY_WORDS	8
#define CHACHA20_BLOCK		64

void	chacha20_block(const uint32_t key[CHACHA20_KEY_WORDS],
	    uint32_t counter, const uint32_t nonce[3],
	    uint8_t out[CHACHA20_BLOCK]);

#endif /* LIB_CHACHA20_H */
