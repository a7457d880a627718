/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel's random generator, behind /dev/random, /dev/urandom,
 * getrandom(2) and AT_RANDOM: ChaCha20 (lib/chacha20.c) with fast key
 * erasure — every request makes its output and the next key from one
 * keystream, and the old key is gone — seeded at first use from the
 * CPU's RDSEED/RDRAND when it has them and from timer jitter always,
 * and stirred by what is written to /dev/random or given with
 * RNDADDENTROPY.
 */
#ifndef FS_RANDOM_H
#define FS_RANDOM_H

#include <stdbool.h>
#include <stddef.h>

/* Fill buf with len random bytes.  Any context; never blocks. */
void	random_bytes(void *buf, size_t len);

/* Mix len bytes of caller-supplied entropy into the generator. */
void	random_mix(const void *buf, size_t len);

/*
 * The entropy the generator holds, in bits, as RNDGETENTCNT and
 * /proc/sys/kernel/random/entropy_avail give it: once seeded (it is
 * seeded at first use, here too) the whole pool, RANDOM_POOL_BITS, as
 * Linux 5.18 and later report for a ready generator.
 */
#define RANDOM_POOL_BITS	256
unsigned int random_entropy_bits(void);

/* Did the seed include the CPU's hardware generator? */
bool	random_hw_seeded(void);

#endif /* FS_RANDOM_H */
