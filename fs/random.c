/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The kernel's random generator (random.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/chacha20.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/spinlock.h>
#include <pv/common/pv_hv.h>
#include <fs/random.h>

static struct spinlock random_lock;
static uint32_t random_key[CHACHA20_KEY_WORDS];
static uint64_t random_requests;	/* the nonce: never repeats per key */
static bool random_seeded, random_hw;

/* One value from RDSEED, else RDRAND (each retried a little). */
static bool
random_cpu64(bool seed_insn, uint64_t *v)
{
	for (int tries = 0; tries < 16; tries++) {
		unsigned char ok;

		if (seed_insn)
			__asm__ volatile("rdseed %0; setc %1"
			    : "=r"(*v), "=qm"(ok) : : "cc");
		else
			__asm__ volatile("rdrand %0; setc %1"
			    : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

/* Replace the key by the start of its own keystream (nonce: the tag). */
static void
random_stir(uint64_t tag)
{
	uint32_t nonce[3] = { (uint32_t)tag, (uint32_t)(tag >> 32),
	    0x53544952 };
	uint8_t block[CHACHA20_BLOCK];

	chacha20_block(random_key, 0, nonce, block);
	memcpy(random_key, block, sizeof(random_key));
	memset(block, 0, sizeof(block));
}

/* XOR len bytes into the key, 32 at a time, stirring after each. */
static void
random_absorb(const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len > 0) {
		size_t n = len < sizeof(random_key) ? len : sizeof(random_key);

		for (size_t i = 0; i < n; i++)
			((uint8_t *)random_key)[i] ^= p[i];
		random_stir(len);
		p += n;
		len -= n;
	}
}

/*
 * The first seed: the CPU's generator if it has one (CPUID: RDSEED in
 * leaf 7 EBX bit 18, RDRAND in leaf 1 ECX bit 30), the clocks, and the
 * jitter of many short timed loops (under a hypervisor the exit and
 * interrupt timing varies even when the CPU's generator is absent).
 */
static void
random_seed(void)
{
	struct cpuid_regs r1, r7;
	uint64_t v[40];
	unsigned int n = 0;

	cpuid(1, 0, &r1);
	cpuid(0, 0, &r7);
	if (r7.eax >= 7)
		cpuid(7, 0, &r7);
	else
		r7.ebx = 0;
	for (int i = 0; i < 8; i++) {
		if ((r7.ebx >> 18 & 1) && random_cpu64(true, &v[n])) {
			n++;
			random_hw = true;
		} else if ((r1.ecx >> 30 & 1) && random_cpu64(false, &v[n])) {
			n++;
			random_hw = true;
		}
	}
	v[n++] = rdtsc();
	v[n++] = pv_clock_wall_ns();
	v[n++] = pv_clock_ns();
	while (n < sizeof(v) / sizeof(v[0])) {
		uint64_t t0 = rdtsc();

		for (volatile int spin = 0; spin < (int)(t0 & 63) + 16; spin++)
			cpu_relax();
		v[n++] = rdtsc() - t0;
	}
	random_absorb(v, n * sizeof(v[0]));
	memset(v, 0, sizeof(v));
	random_seeded = true;
}

void
random_bytes(void *buf, size_t len)
{
	uint8_t *out = buf, block[CHACHA20_BLOCK];
	uint32_t nonce[3], ctr = 0;
	bool on = spin_lock_irqsave(&random_lock), first = true;

	if (!random_seeded)
		random_seed();
	random_requests++;
	/* The time of each request goes into its nonce: cheap jitter. */
	nonce[0] = (uint32_t)random_requests;
	nonce[1] = (uint32_t)(random_requests >> 32);
	nonce[2] = (uint32_t)rdtsc();
	while (first || len > 0) {
		size_t skip = 0, n;

		chacha20_block(random_key, ctr++, nonce, block);
		if (first) {
			/* Fast key erasure: the next key comes first. */
			memcpy(random_key, block, sizeof(random_key));
			skip = sizeof(random_key);
			first = false;
		}
		n = len < sizeof(block) - skip ? len : sizeof(block) - skip;
		memcpy(out, block + skip, n);
		out += n;
		len -= n;
	}
	memset(block, 0, sizeof(block));
	spin_unlock_irqrestore(&random_lock, on);
}

void
random_mix(const void *buf, size_t len)
{
	bool on = spin_lock_irqsave(&random_lock);

	if (!random_seeded)
		random_seed();
	random_absorb(buf, len);
	spin_unlock_irqrestore(&random_lock, on);
}

bool
random_hw_seeded(void)
{
	bool on = spin_lock_irqsave(&random_lock);

	if (!random_seeded)
		random_seed();
	spin_unlock_irqrestore(&random_lock, on);
	return random_hw;
}

unsigned int
random_entropy_bits(void)
{
	bool on = spin_lock_irqsave(&random_lock);

	if (!random_seeded)
		random_seed();
	spin_unlock_irqrestore(&random_lock, on);
	return RANDOM_POOL_BITS;	/* seeded: the whole key is entropy */
}
