/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the stored-block gzip writer (lib/gzip.c): the CRC's
 * check value, the sizes at block edges, and the host's gzip reading back
 * exactly what went in ("gzip -t" and "gzip -dc").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lib/gzip.h>

#include "ut.h"

UT_TEST(gzip_crc32_check_value)
{
	/* The CRC-32 catalogue's check: the CRC of "123456789". */
	UT_ASSERT_EQ(gzip_crc32(0, "123456789", 9), 0xcbf43926u);
	UT_ASSERT_EQ(gzip_crc32(0, "", 0), 0);
	/* Continued over pieces, as over the whole. */
	UT_ASSERT_EQ(gzip_crc32(gzip_crc32(0, "1234", 4), "56789", 5),
	    0xcbf43926u);
}

UT_TEST(gzip_sizes_at_block_edges)
{
	UT_ASSERT_EQ(gzip_stored_size(0), 10 + 5 + 8);
	UT_ASSERT_EQ(gzip_stored_size(1), 10 + 5 + 1 + 8);
	UT_ASSERT_EQ(gzip_stored_size(65535), 10 + 5 + 65535 + 8);
	UT_ASSERT_EQ(gzip_stored_size(65536), 10 + 10 + 65536 + 8);
	UT_ASSERT_EQ(gzip_stored_size(3 * 65535), 10 + 15 + 3 * 65535 + 8);
}

UT_TEST(gzip_too_small_a_buffer)
{
	uint8_t out[64];

	UT_ASSERT_EQ(gzip_stored(out, 22, "", 0), 0);
	UT_ASSERT_EQ(gzip_stored(out, 23, "", 0), 23);
	UT_ASSERT_EQ(gzip_stored(out, 30, "abcdefgh", 8), 0);
	UT_ASSERT_EQ(gzip_stored(out, 31, "abcdefgh", 8), 31);
	/* The header, the one final block's LEN and NLEN, the trailer. */
	UT_ASSERT_EQ(out[0], 0x1f);
	UT_ASSERT_EQ(out[1], 0x8b);
	UT_ASSERT_EQ(out[2], 8);
	UT_ASSERT_EQ(out[10], 1);
	UT_ASSERT_EQ(out[11] | out[12] << 8, 8);
	UT_ASSERT_EQ(out[13] | out[14] << 8, 0xffff - 8);
	UT_ASSERT_EQ(out[27], 8);
}

/* The host's gzip tests the stream and gives back exactly in. */
static const char *
gzip_roundtrip(const uint8_t *in, size_t len)
{
	static char why[128];
	char gzpath[] = "/tmp/ut-gzip-XXXXXX";
	char cmd[256];
	size_t cap = gzip_stored_size(len), n, got = 0;
	uint8_t *gz = malloc(cap), *back = malloc(len + 1);
	FILE *f;
	int fd;

	why[0] = '\0';
	if (gz == NULL || back == NULL || (fd = mkstemp(gzpath)) < 0) {
		snprintf(why, sizeof(why), "no memory or temporary file");
		goto out;
	}
	n = gzip_stored(gz, cap, in, len);
	if (n != cap || write(fd, gz, n) != (ssize_t)n) {
		snprintf(why, sizeof(why), "wrote %zu of %zu", n, cap);
		close(fd);
		goto out_unlink;
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "gzip -t < %s", gzpath);
	if (system(cmd) != 0) {
		snprintf(why, sizeof(why), "gzip -t refused %zu bytes", len);
		goto out_unlink;
	}
	snprintf(cmd, sizeof(cmd), "gzip -dc < %s", gzpath);
	if ((f = popen(cmd, "r")) == NULL) {
		snprintf(why, sizeof(why), "popen");
		goto out_unlink;
	}
	while ((n = fread(back + got, 1, len + 1 - got, f)) > 0)
		got += n;
	if (pclose(f) != 0 || got != len || memcmp(back, in, len) != 0)
		snprintf(why, sizeof(why), "gzip -dc gave %zu of %zu bytes",
		    got, len);
out_unlink:
	unlink(gzpath);
out:
	free(gz);
	free(back);
	return why;
}

UT_TEST(gzip_host_gzip_reads_it_back)
{
	static const size_t lens[] = { 0, 1, 100, 65534, 65535, 65536,
	    200000 };
	uint8_t *in = malloc(200000);
	uint32_t x = 12345;

	UT_ASSERT(in != NULL);
	for (size_t i = 0; i < 200000; i++) {
		x = x * 1103515245u + 12345u;
		in[i] = (uint8_t)(x >> 16);
	}
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		const char *why = gzip_roundtrip(in, lens[i]);

		if (why[0] != '\0') {
			snprintf(ut_why, sizeof(ut_why), "%s", why);
			ut_failed = true;
			break;
		}
	}
	free(in);
}
