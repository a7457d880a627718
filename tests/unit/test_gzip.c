/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of gzip with stored blocks (lib/gzip.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lib/gzip.h>

#include "ut.h"

UT_TEST(gzip_crc32_check_value)
{
	/* The standard check value of CRC-32. */
	UT_ASSERT_EQ(crc32_update(0, "123456789", 9), 0xcbf43926u);
	UT_ASSERT_EQ(crc32_update(0, "", 0), 0);
	/* Continuing a CRC is the CRC of the whole. */
	UT_ASSERT_EQ(crc32_update(crc32_update(0, "1234", 4), "56789", 5),
	    0xcbf43926u);
}

UT_TEST(gzip_layout)
{
	uint8_t out[64];

	UT_ASSERT_EQ(gzip_stored_size(0), 23);
	UT_ASSERT_EQ(gzip_stored_size(3), 26);
	UT_ASSERT_EQ(gzip_stored_size(65535), 10 + 5 + 65535 + 8);
	UT_ASSERT_EQ(gzip_stored_size(65536), 10 + 10 + 65536 + 8);
	gzip_store("abc", 3, out);
	UT_ASSERT_EQ(out[0], 0x1f);
	UT_ASSERT_EQ(out[1], 0x8b);
	UT_ASSERT_EQ(out[2], 8);
	UT_ASSERT_EQ(out[10], 1);		/* final, stored */
	UT_ASSERT_EQ(out[11] | out[12] << 8, 3);
	UT_ASSERT_EQ(out[13] | out[14] << 8, 0xfffc);
	UT_ASSERT(memcmp(out + 15, "abc", 3) == 0);
	UT_ASSERT_EQ(out[22] | out[23] << 8, 3);	/* ISIZE */
}

/* The host's gunzip reads what gzip_store wrote, two blocks and all. */
UT_TEST(gzip_host_gunzip_reads_it)
{
	size_t len = 70000, size = gzip_stored_size(len);
	char *data = malloc(len), *back = malloc(len + 1);
	uint8_t *gz = malloc(size);
	char cmd[128], path[] = "/tmp/ut-gzip-XXXXXX";
	FILE *f;
	size_t got;
	int fd;

	for (size_t i = 0; i < len; i++)
		data[i] = (char)('a' + i % 26);
	gzip_store(data, len, gz);
	fd = mkstemp(path);
	UT_ASSERT(fd >= 0);
	f = fdopen(fd, "w");
	UT_ASSERT_EQ(fwrite(gz, 1, size, f), size);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "gzip -dc < %s", path);
	f = popen(cmd, "r");
	UT_ASSERT(f != NULL);
	got = fread(back, 1, len + 1, f);
	UT_ASSERT_EQ(pclose(f), 0);
	unlink(path);
	UT_ASSERT_EQ(got, len);
	UT_ASSERT(memcmp(back, data, len) == 0);
	free(data);
	free(back);
	free(gz);
}
