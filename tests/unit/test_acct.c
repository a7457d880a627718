/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the accounting record's number formats (lib/acct.c). */
#include <stdint.h>
#include <string.h>

#include <lib/acct.h>

#include "ut.h"

/* comp_t back to a number, as readers of the file (and LTP) decode it. */
static uint64_t
comp_value(uint16_t c)
{
	return (uint64_t)(c & 0x1fff) << (((c >> 13) & 7) * 3);
}

UT_TEST(acct_comp_exact_and_rounded)
{
	UT_ASSERT_EQ(acct_comp(0), 0);
	UT_ASSERT_EQ(acct_comp(8191), 8191);		/* the largest exact */
	UT_ASSERT_EQ(comp_value(acct_comp(8192)), 8192);
	/* 8195 = 1024 * 8 + 3: the 3 is dropped (rounds down). */
	UT_ASSERT_EQ(comp_value(acct_comp(8195)), 8192);
	/* 8196 = 1024 * 8 + 4: rounds up. */
	UT_ASSERT_EQ(comp_value(acct_comp(8196)), 8200);
	/* Rounding up that overflows the mantissa moves the exponent. */
	UT_ASSERT_EQ(comp_value(acct_comp(65532)), 65536);
	UT_ASSERT_EQ(acct_comp(UINT64_MAX), 0xffff);
	for (uint64_t v = 1; v < (1ULL << 30); v = v * 3 + 1) {
		uint64_t back = comp_value(acct_comp(v));
		uint64_t diff = back > v ? back - v : v - back;

		UT_ASSERT(diff * 1024 <= v);	/* within 13 bits */
	}
}

UT_TEST(acct_float_as_ieee)
{
	static const uint64_t vals[] = { 1, 2, 3, 100, 12345, 16777215,
	    16777216, 123456789, 1ULL << 40 };

	UT_ASSERT_EQ(acct_float_bits(0), 0);
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		float f = (float)vals[i];
		uint32_t bits;

		memcpy(&bits, &f, sizeof(bits));
		if (vals[i] < (1ULL << 24))	/* exact: equal bits */
			UT_ASSERT_EQ(acct_float_bits(vals[i]), bits);
		else {				/* truncated, not rounded */
			uint32_t mine = acct_float_bits(vals[i]);

			UT_ASSERT(mine == bits || mine + 1 == bits);
		}
	}
}
