/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The console terminal: a line discipline over the hypervisor console
 * (pv_console_read / console_write).  Canonical mode edits lines (erase,
 * kill, end-of-file) and echoes; raw mode hands bytes over as they come.
 * termios and window-size ioctls work as Linux's, so programs see a tty.
 * Input is polled every 10 ms by a kernel thread.  ^C, ^\ and ^Z send
 * SIGINT, SIGQUIT and SIGTSTP to the foreground process group (and
 * discard the line being edited); ^D on an empty line is end of file.
 * Job control: the console is the terminal of one session (init's, or
 * the session leader's that asked with TIOCSCTTY) with a foreground
 * group (TIOCSPGRP); background members reading get SIGTTIN, and
 * writing with TOSTOP or changing the terminal get SIGTTOU.  A window
 * size change raises SIGWINCH; TIOCSTI fakes typed input.
 */
#ifndef KERNEL_TTY_TTY_H
#define KERNEL_TTY_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Register /dev/tty and /dev/console (5,0 and 5,1) with fs/dev.c and
 * start the input poller; before the first open of either.  Returns 0,
 * dev_register's error or -ENOMEM.
 */
int	tty_init(void);

/* Read up to len bytes into kernel buf; sleeps for input.  >= 0 or -errno. */
long	tty_read(void *buf, size_t len, bool nonblock);
long	tty_write(const void *buf, size_t len);

/*
 * A terminal ioctl on the console; arg is the user pointer.  Returns 0 or
 * a result, -ENOTTY for requests that are not terminal ones, -EFAULT.
 */
long	tty_ioctl(unsigned long req, uint64_t arg);

/* Would a read return at once (data or end of file)? */
bool	tty_readable(void);

/* Feed received bytes to the line discipline (the poller; tests). */
void	tty_input(const char *buf, size_t len);

#endif /* KERNEL_TTY_TTY_H */
