/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the loop driver's rules (kernel/block/loop_calc.h). */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <kernel/block/loop_calc.h>

#include "ut.h"

UT_TEST(loop_size_offset_and_limit)
{
	/* Whole sectors of what lies past the offset. */
	UT_ASSERT_EQ(loop_calc_size(1048576 + 100, 0, 0), 1048576);
	UT_ASSERT_EQ(loop_calc_size(1048576, 8192, 0), 1048576 - 8192);
	UT_ASSERT_EQ(loop_calc_size(1048576, 8192, 16384), 16384);
	/* A limit past the end changes nothing; one not whole is cut. */
	UT_ASSERT_EQ(loop_calc_size(1048576, 0, 4 * 1048576), 1048576);
	UT_ASSERT_EQ(loop_calc_size(1048576, 0, 1000), 512);
	/* An offset at or past the end: an empty device. */
	UT_ASSERT_EQ(loop_calc_size(4096, 4096, 0), 0);
	UT_ASSERT_EQ(loop_calc_size(4096, UINT64_MAX, 0), 0);
	UT_ASSERT_EQ(loop_calc_size(511, 0, 0), 0);
	UT_ASSERT_EQ(loop_calc_size(0, 0, 0), 0);
}

UT_TEST(loop_set_status_flags_as_linux)
{
	uint32_t all = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR |
	    LO_FLAGS_PARTSCAN | LO_FLAGS_DIRECT_IO;

	/* Only AUTOCLEAR and PARTSCAN are taken (ioctl_loop01). */
	UT_ASSERT_EQ(loop_calc_status_flags(0, all),
	    LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN);
	/* AUTOCLEAR clears, PARTSCAN stays. */
	UT_ASSERT_EQ(loop_calc_status_flags(LO_FLAGS_AUTOCLEAR |
	    LO_FLAGS_PARTSCAN, 0), LO_FLAGS_PARTSCAN);
	/* READ_ONLY and DIRECT_IO keep what binding gave them. */
	UT_ASSERT_EQ(loop_calc_status_flags(LO_FLAGS_READ_ONLY, 0),
	    LO_FLAGS_READ_ONLY);
	UT_ASSERT_EQ(loop_calc_status_flags(LO_FLAGS_DIRECT_IO,
	    LO_FLAGS_AUTOCLEAR), LO_FLAGS_DIRECT_IO | LO_FLAGS_AUTOCLEAR);
	UT_ASSERT_EQ(loop_calc_status_flags(0, LO_FLAGS_READ_ONLY), 0);
}

UT_TEST(loop_block_sizes)
{
	UT_ASSERT_EQ(loop_calc_block_size(512), 0);
	UT_ASSERT_EQ(loop_calc_block_size(1024), 0);
	UT_ASSERT_EQ(loop_calc_block_size(4096), 0);
	UT_ASSERT_EQ(loop_calc_block_size(256), -EINVAL);
	UT_ASSERT_EQ(loop_calc_block_size(0), -EINVAL);
	UT_ASSERT_EQ(loop_calc_block_size(1000), -EINVAL);
	UT_ASSERT_EQ(loop_calc_block_size(4095), -EINVAL);
	UT_ASSERT_EQ(loop_calc_block_size(8192), -EINVAL);
	UT_ASSERT_EQ(loop_calc_block_size(1ull << 32 | 512), -EINVAL);
}

UT_TEST(loop_status_validation)
{
	struct loop_info64 info;

	memset(&info, 0, sizeof(info));
	UT_ASSERT_EQ(loop_calc_check_info(&info), 0);
	info.lo_encrypt_type = 1;		/* XOR: gone from Linux */
	UT_ASSERT_EQ(loop_calc_check_info(&info), -EINVAL);
	info.lo_encrypt_type = 0;
	info.lo_encrypt_key_size = LO_KEY_SIZE + 1;
	UT_ASSERT_EQ(loop_calc_check_info(&info), -EINVAL);
	info.lo_encrypt_key_size = LO_KEY_SIZE;
	UT_ASSERT_EQ(loop_calc_check_info(&info), 0);
	info.lo_offset = (uint64_t)INT64_MAX + 1;
	UT_ASSERT_EQ(loop_calc_check_info(&info), -EOVERFLOW);
	info.lo_offset = (uint64_t)INT64_MAX;
	UT_ASSERT_EQ(loop_calc_check_info(&info), 0);
	info.lo_sizelimit = UINT64_MAX;
	UT_ASSERT_EQ(loop_calc_check_info(&info), -EOVERFLOW);
}

UT_TEST(loop_old_status_conversions)
{
	struct loop_info_old old, back;
	struct loop_info64 info;

	memset(&old, 0, sizeof(old));
	old.lo_number = 3;
	old.lo_offset = 4096;
	old.lo_flags = LO_FLAGS_AUTOCLEAR;
	memset(old.lo_name, 'a', sizeof(old.lo_name));	/* no NUL */
	loop_calc_from_old(&old, &info);
	UT_ASSERT_EQ(info.lo_offset, 4096);
	UT_ASSERT_EQ(info.lo_sizelimit, 0);
	UT_ASSERT_EQ(info.lo_number, 3);
	UT_ASSERT_EQ(info.lo_flags, LO_FLAGS_AUTOCLEAR);
	UT_ASSERT_EQ(info.lo_file_name[LO_NAME_SIZE - 1], 0);
	UT_ASSERT_EQ(info.lo_file_name[0], 'a');
	/* A negative old offset is refused as too large. */
	old.lo_offset = -1;
	loop_calc_from_old(&old, &info);
	UT_ASSERT_EQ(loop_calc_check_info(&info), -EOVERFLOW);

	memset(&info, 0, sizeof(info));
	info.lo_offset = 8192;
	info.lo_number = 5;
	info.lo_inode = 77;
	UT_ASSERT_EQ(loop_calc_to_old(&info, &back), 0);
	UT_ASSERT_EQ(back.lo_offset, 8192);
	UT_ASSERT_EQ(back.lo_number, 5);
	UT_ASSERT_EQ(back.lo_inode, 77);
	/* An offset an int cannot hold: EOVERFLOW, as Linux. */
	info.lo_offset = 1ull << 31;
	UT_ASSERT_EQ(loop_calc_to_old(&info, &back), -EOVERFLOW);
	info.lo_offset = 1ull << 40;
	UT_ASSERT_EQ(loop_calc_to_old(&info, &back), -EOVERFLOW);
}
