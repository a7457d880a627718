/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The loop driver's pure rules (see loop_calc.h). */
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <kernel/block/loop_calc.h>

_Static_assert(sizeof(struct loop_info_old) == 168, "struct loop_info ABI");
_Static_assert(sizeof(struct loop_info64) == 232, "struct loop_info64 ABI");
_Static_assert(sizeof(struct loop_config) == 304, "struct loop_config ABI");

uint64_t
loop_calc_size(uint64_t file_size, uint64_t offset, uint64_t sizelimit)
{
	uint64_t size;

	if (offset >= file_size)
		return 0;
	size = file_size - offset;
	if (sizelimit != 0 && sizelimit < size)
		size = sizelimit;
	return size & ~(uint64_t)511;
}

uint32_t
loop_calc_status_flags(uint32_t prev, uint32_t given)
{
	uint32_t flags = given & LOOP_SET_STATUS_SETTABLE;

	/* The others keep their value; a set PARTSCAN stays set. */
	flags |= prev & ~LOOP_SET_STATUS_SETTABLE;
	flags |= prev & ~LOOP_SET_STATUS_CLEARABLE;
	return flags;
}

int
loop_calc_block_size(uint64_t size)
{
	if (size < 512 || size > 4096 || (size & (size - 1)) != 0)
		return -EINVAL;
	return 0;
}

int
loop_calc_check_info(const struct loop_info64 *info)
{
	if (info->lo_encrypt_key_size > LO_KEY_SIZE ||
	    info->lo_encrypt_type != 0)
		return -EINVAL;
	if (info->lo_offset > (uint64_t)INT64_MAX ||
	    info->lo_sizelimit > (uint64_t)INT64_MAX)
		return -EOVERFLOW;
	return 0;
}

void
loop_calc_from_old(const struct loop_info_old *old, struct loop_info64 *info)
{
	memset(info, 0, sizeof(*info));
	info->lo_number = (uint32_t)old->lo_number;
	info->lo_device = old->lo_device;
	info->lo_inode = old->lo_inode;
	info->lo_rdevice = old->lo_rdevice;
	/* A negative offset becomes a huge one, refused later. */
	info->lo_offset = (uint64_t)(int64_t)old->lo_offset;
	info->lo_encrypt_type = (uint32_t)old->lo_encrypt_type;
	info->lo_encrypt_key_size = (uint32_t)old->lo_encrypt_key_size;
	info->lo_flags = (uint32_t)old->lo_flags;
	memcpy(info->lo_file_name, old->lo_name, LO_NAME_SIZE);
	info->lo_file_name[LO_NAME_SIZE - 1] = 0;
	memcpy(info->lo_encrypt_key, old->lo_encrypt_key, LO_KEY_SIZE);
	info->lo_init[0] = old->lo_init[0];
	info->lo_init[1] = old->lo_init[1];
}

int
loop_calc_to_old(const struct loop_info64 *info, struct loop_info_old *old)
{
	memset(old, 0, sizeof(*old));
	old->lo_number = (int32_t)info->lo_number;
	old->lo_device = info->lo_device;
	old->lo_inode = info->lo_inode;
	old->lo_rdevice = info->lo_rdevice;
	old->lo_offset = (int32_t)info->lo_offset;
	old->lo_encrypt_type = (int32_t)info->lo_encrypt_type;
	old->lo_encrypt_key_size = (int32_t)info->lo_encrypt_key_size;
	old->lo_flags = (int32_t)info->lo_flags;
	memcpy(old->lo_name, info->lo_file_name, LO_NAME_SIZE);
	old->lo_name[LO_NAME_SIZE - 1] = '\0';
	memcpy(old->lo_encrypt_key, info->lo_encrypt_key, LO_KEY_SIZE);
	old->lo_init[0] = info->lo_init[0];
	old->lo_init[1] = info->lo_init[1];
	if (old->lo_offset < 0 || (uint64_t)old->lo_offset != info->lo_offset)
		return -EOVERFLOW;
	return 0;
}
