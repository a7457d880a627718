/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The signal mask a waiting call swaps in for its wait (ppoll, pselect6,
 * epoll_pwait), shared by sys_poll.c and sys_event.c.
 */
#ifndef SYSCALL_SYS_POLL_H
#define SYSCALL_SYS_POLL_H

#include <stdint.h>

/*
 * Swap in the user's mask at umask (size bytes; 0: keep the mask) for
 * the wait: 0, -EINVAL or -EFAULT.
 */
long	sys_poll_setmask(uint64_t umask, uint64_t size);

/*
 * After the wait with result: interrupted (-ERESTARTNOHAND), the old
 * mask comes back after delivery (signal.c); otherwise now.
 */
void	sys_poll_endmask(long result);

#endif /* SYSCALL_SYS_POLL_H */
