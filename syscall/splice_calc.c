/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Range arithmetic of copy_file_range and sync_file_range (see the .h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <syscall/splice_calc.h>

#define SYNC_FILE_RANGE_ALL	0x7

int
splice_calc_copy_range(int64_t pos_in, int64_t pos_out, uint64_t size_in,
    bool same, uint64_t *count)
{
	uint64_t in = (uint64_t)pos_in, out = (uint64_t)pos_out, n = *count;

	if (in + n < in || out + n < out)
		return -EOVERFLOW;
	if (pos_in < 0 || pos_out < 0)
		return -EINVAL;
	n = in >= size_in ? 0 : (n < size_in - in ? n : size_in - in);
	if (same && out + n > in && out < in + n)
		return -EINVAL;
	*count = n;
	return 0;
}

int
splice_calc_sync_range(int64_t off, int64_t nbytes, uint64_t flags)
{
	uint64_t end = (uint64_t)off + (uint64_t)nbytes;

	if (flags & ~(uint64_t)SYNC_FILE_RANGE_ALL)
		return -EINVAL;
	if (off < 0 || (int64_t)end < 0 || end < (uint64_t)off)
		return -EINVAL;
	return 0;
}
