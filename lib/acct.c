/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The number formats of the accounting record: see acct.h. */
#include <stdint.h>

#include <lib/acct.h>

#define COMP_MANT_BITS	13
#define COMP_MANT_MAX	((1u << COMP_MANT_BITS) - 1)
#define COMP_EXP_MAX	7	/* three bits */

uint16_t
acct_comp(uint64_t v)
{
	unsigned int exp = 0;
	uint64_t half = 0;

	/* Drop base-8 digits until the mantissa fits; remember the last. */
	while (v > COMP_MANT_MAX) {
		half = v & 4;		/* the dropped digit is >= 4: round up */
		v >>= 3;
		exp++;
	}
	if (half != 0 && ++v > COMP_MANT_MAX) {
		v >>= 3;
		exp++;
	}
	if (exp > COMP_EXP_MAX)
		return 0xffff;
	return (uint16_t)(exp << COMP_MANT_BITS | v);
}

uint32_t
acct_float_bits(uint64_t v)
{
	int top = 63;

	if (v == 0)
		return 0;
	while (!(v >> top))
		top--;
	/* 24 significant bits, the leading one implicit. */
	v = top > 23 ? v >> (top - 23) : v << (23 - top);
	return (uint32_t)(top + 127) << 23 | (uint32_t)(v & 0x7fffff);
}
