/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * BSD process accounting's record (Linux's struct acct_v3, the format
 * CONFIG_BSD_PROCESS_ACCT_V3 writes) and its two number formats: comp_t,
 * a 16-bit float of 13 bits of mantissa and a 3-bit exponent of base 8,
 * and an IEEE single made without the FPU.  Pure; kernel/proc/acct.c
 * fills and writes the record.
 */
#ifndef LIB_ACCT_H
#define LIB_ACCT_H

#include <stdint.h>

#define ACCT_VERSION	3
#define ACCT_HZ		100	/* times are in these ticks */
#define ACCT_COMM	16
/* ac_flag */
#define ACCT_AFORK	0x01	/* forked, never exec'd */
#define ACCT_ASU	0x02	/* used superuser privileges */
#define ACCT_ACORE	0x08	/* dumped core */
#define ACCT_AXSIG	0x10	/* killed by a signal */

struct acct_v3_abi {
	char		ac_flag;
	char		ac_version;
	uint16_t	ac_tty;
	uint32_t	ac_exitcode;	/* the wait status */
	uint32_t	ac_uid, ac_gid, ac_pid, ac_ppid;
	uint32_t	ac_btime;	/* start, seconds since 1970 */
	uint32_t	ac_etime;	/* elapsed ticks, an IEEE single */
	uint16_t	ac_utime, ac_stime, ac_mem, ac_io, ac_rw;
	uint16_t	ac_minflt, ac_majflt, ac_swaps;	/* comp_t */
	char		ac_comm[ACCT_COMM];
};
_Static_assert(sizeof(struct acct_v3_abi) == 64, "struct acct_v3");

/* v as comp_t, rounded to nearest; the largest comp_t if it does not fit. */
uint16_t	acct_comp(uint64_t v);

/* v as the bits of an IEEE single (truncated to 24 significant bits). */
uint32_t	acct_float_bits(uint64_t v);

#endif /* LIB_ACCT_H */
