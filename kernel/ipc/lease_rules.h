/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The rules of file leases (kernel/ipc/lease.h) as pure functions, so
 * that host unit tests can check them: which leases an open conflicts
 * with, what a break leaves, and when a lease may be taken.
 */
#ifndef KERNEL_IPC_LEASE_RULES_H
#define KERNEL_IPC_LEASE_RULES_H

#include <stdbool.h>

#define LEASE_RD	0	/* F_RDLCK */
#define LEASE_WR	1	/* F_WRLCK */
#define LEASE_UN	2	/* F_UNLCK */

/* Does a lease of type held stop an open for writing (write) or reading? */
bool	lease_conflicts(int held, bool write);

/* What breaking a lease for such an open leaves of it: LEASE_UN or _RD. */
int	lease_break_target(bool write);

/*
 * May a file take (or change its own lease to) a lease of type?  The
 * node has writers files open for writing (self_writes: the file among
 * them), opens open files (the file among them), and others leases of
 * other files, others_busy of which are write leases or being broken.
 * 0 or -EAGAIN.
 */
int	lease_may_take(int type, unsigned int writers, bool self_writes,
	    unsigned int opens, unsigned int others, unsigned int others_busy);

/*
 * A lease being broken towards target is now set to type by its holder:
 * is the break over?
 */
bool	lease_break_done(int type, int target);

#endif /* KERNEL_IPC_LEASE_RULES_H */
