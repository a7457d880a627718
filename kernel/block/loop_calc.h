/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The loop driver's pure rules (loop.c; host unit tests in
 * tests/unit/test_loop.c): Linux's status structures of <linux/loop.h>
 * for x86-64, the size a backing file gives, which lo_flags a
 * LOOP_SET_STATUS may change, the block sizes allowed, and the
 * conversions between the old and the 64-bit status.
 */
#ifndef KERNEL_BLOCK_LOOP_CALC_H
#define KERNEL_BLOCK_LOOP_CALC_H

#include <stdbool.h>
#include <stdint.h>

#define LO_NAME_SIZE		64
#define LO_KEY_SIZE		32

#define LO_FLAGS_READ_ONLY	1u
#define LO_FLAGS_AUTOCLEAR	4u
#define LO_FLAGS_PARTSCAN	8u
#define LO_FLAGS_DIRECT_IO	16u

/* What LOOP_SET_STATUS may set and clear; what LOOP_CONFIGURE may set. */
#define LOOP_SET_STATUS_SETTABLE	(LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN)
#define LOOP_SET_STATUS_CLEARABLE	LO_FLAGS_AUTOCLEAR
#define LOOP_CONFIGURE_SETTABLE		(LO_FLAGS_READ_ONLY | \
	LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN | LO_FLAGS_DIRECT_IO)

/* struct loop_info: LOOP_SET_STATUS, LOOP_GET_STATUS. */
struct loop_info_old {
	int32_t		 lo_number;
	uint64_t	 lo_device;	/* __kernel_old_dev_t: unsigned long */
	uint64_t	 lo_inode;
	uint64_t	 lo_rdevice;
	int32_t		 lo_offset;
	int32_t		 lo_encrypt_type;
	int32_t		 lo_encrypt_key_size;
	int32_t		 lo_flags;
	char		 lo_name[LO_NAME_SIZE];
	uint8_t		 lo_encrypt_key[LO_KEY_SIZE];
	uint64_t	 lo_init[2];
	char		 reserved[4];
};

/* struct loop_info64: LOOP_SET_STATUS64, LOOP_GET_STATUS64. */
struct loop_info64 {
	uint64_t	 lo_device;
	uint64_t	 lo_inode;
	uint64_t	 lo_rdevice;
	uint64_t	 lo_offset;
	uint64_t	 lo_sizelimit;	/* bytes; 0: all there is */
	uint32_t	 lo_number;
	uint32_t	 lo_encrypt_type;
	uint32_t	 lo_encrypt_key_size;
	uint32_t	 lo_flags;
	uint8_t		 lo_file_name[LO_NAME_SIZE];
	uint8_t		 lo_crypt_name[LO_NAME_SIZE];
	uint8_t		 lo_encrypt_key[LO_KEY_SIZE];
	uint64_t	 lo_init[2];
};

/* struct loop_config: LOOP_CONFIGURE. */
struct loop_config {
	uint32_t	 fd;
	uint32_t	 block_size;	/* 0: 512 */
	struct loop_info64 info;
	uint64_t	 reserved[8];
};

/*
 * The device's size in bytes for a backing file of file_size bytes: what
 * lies past offset, at most sizelimit (0: no limit), in whole 512-byte
 * sectors; 0 when offset is past the end.
 */
uint64_t loop_calc_size(uint64_t file_size, uint64_t offset,
	    uint64_t sizelimit);

/* lo_flags after LOOP_SET_STATUS asked for given, from prev. */
uint32_t loop_calc_status_flags(uint32_t prev, uint32_t given);

/* A logical block size: a power of two from 512 to a page (-EINVAL). */
int	loop_calc_block_size(uint64_t size);

/*
 * What LOOP_SET_STATUS* and LOOP_CONFIGURE refuse in a status: a key
 * longer than LO_KEY_SIZE or any encryption (-EINVAL), an offset or
 * limit past INT64_MAX (-EOVERFLOW).  0 when acceptable.
 */
int	loop_calc_check_info(const struct loop_info64 *info);

/* The old status as a 64-bit one (no size limit). */
void	loop_calc_from_old(const struct loop_info_old *old,
	    struct loop_info64 *info);
/* The 64-bit status as an old one: 0, or -EOVERFLOW if it does not fit. */
int	loop_calc_to_old(const struct loop_info64 *info,
	    struct loop_info_old *old);

#endif /* KERNEL_BLOCK_LOOP_CALC_H */
