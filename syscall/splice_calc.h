/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The range arithmetic of copy_file_range and sync_file_range
 * (splice_calc.c), in Linux's order of checks.  Pure functions, tested
 * on the host.
 */
#ifndef SYSCALL_SPLICE_CALC_H
#define SYSCALL_SPLICE_CALC_H

#include <stdbool.h>
#include <stdint.h>

/*
 * copy_file_range of *count bytes from pos_in of a file of size_in
 * bytes to pos_out (same: the same file): -EOVERFLOW when either range
 * wraps, -EINVAL for a negative offset or for ranges that overlap in one
 * file; else 0 with *count cut at the input's end (0 past it).
 */
int	splice_calc_copy_range(int64_t pos_in, int64_t pos_out,
	    uint64_t size_in, bool same, uint64_t *count);

/*
 * sync_file_range's arguments: 0, or -EINVAL for unknown flags (of
 * SYNC_FILE_RANGE_WAIT_BEFORE, _WRITE, _WAIT_AFTER), a negative offset,
 * or an end that is negative or wraps.
 */
int	splice_calc_sync_range(int64_t off, int64_t nbytes, uint64_t flags);

#endif /* SYSCALL_SPLICE_CALC_H */
