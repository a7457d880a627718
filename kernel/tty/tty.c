/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The console line discipline (see tty.h).  One CPU: IRQs off guard it. */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/console.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <fs/dev.h>
#include <fs/file.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/tty/tty.h>

#define TTY_BUF		4096		/* committed input, a power of two */
#define TTY_LINE	1024		/* the line being edited */

/* termios bits and indices we act on (Linux values). */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ICRNL	0000400
#define OPOST	0000001
#define ONLCR	0000004
#define TOSTOP	0000400
#define VINTR	0
#define VQUIT	1
#define VSUSP	10
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VMIN	6

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCSTI		0x5412
#define TIOCSCTTY	0x540e
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541b
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429

struct tty_termios {		/* the kernel's struct termios (TCGETS) */
	uint32_t	c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t		c_line;
	uint8_t		c_cc[19];
};
_Static_assert(sizeof(struct tty_termios) == 36, "termios ABI");

struct tty_winsize {
	uint16_t	ws_row, ws_col, ws_xpixel, ws_ypixel;
};

static struct tty_termios tty_tio = {
	.c_iflag = ICRNL,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = 0x00bf,		/* B38400 | CS8 | CREAD */
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK,
	.c_cc = { [VINTR] = 3, [1] = 0x1c, [VERASE] = 0x7f, [VKILL] = 0x15,
	    [VEOF] = 4, [VMIN] = 1, [10] = 0x1a },
};
static struct tty_winsize tty_ws = { .ws_row = 24, .ws_col = 80 };
static int tty_pgrp = 1;		/* foreground group: init's until set */
static int tty_sid = 1;			/* session it is the terminal of */

static char tty_buf[TTY_BUF];
static uint64_t tty_head, tty_tail;	/* bytes committed / consumed */
static uint64_t tty_eofs;		/* pending end-of-file marks */
static char tty_line[TTY_LINE];
static size_t tty_linelen;
static struct waitq tty_wait;
static struct poll_head tty_poll;	/* for epoll: input arrived */

static void
tty_echo(const char *s, size_t n)
{
	if (tty_tio.c_lflag & ECHO)
		console_write(s, n);
}

static void
tty_commit(const char *s, size_t n)
{
	for (size_t i = 0; i < n && tty_head - tty_tail < TTY_BUF; i++)
		tty_buf[tty_head++ % TTY_BUF] = s[i];
}

static void
tty_input_one(char c)
{
	if (c == '\r' && (tty_tio.c_iflag & ICRNL))
		c = '\n';
	if (tty_tio.c_lflag & ISIG) {
		static const struct { int cc, sig; const char *echo; } keys[] = {
			{ VINTR, SIGINT, "^C\n" },
			{ VQUIT, SIGQUIT, "^\\\n" },
			{ VSUSP, SIGTSTP, "^Z\n" },
		};

		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (c != (char)tty_tio.c_cc[keys[i].cc] || c == 0)
				continue;
			tty_linelen = 0;
			tty_echo(keys[i].echo, strlen(keys[i].echo));
			signal_group(tty_pgrp, keys[i].sig);
			return;
		}
	}
	if (!(tty_tio.c_lflag & ICANON)) {
		tty_commit(&c, 1);
		tty_echo(&c, 1);
		return;
	}
	if (c == (char)tty_tio.c_cc[VERASE] || c == '\b') {
		if (tty_linelen > 0) {
			tty_linelen--;
			tty_echo("\b \b", 3);
		}
		return;
	}
	if (c == (char)tty_tio.c_cc[VKILL]) {
		while (tty_linelen > 0) {
			tty_linelen--;
			tty_echo("\b \b", 3);
		}
		return;
	}
	if (c == (char)tty_tio.c_cc[VEOF]) {
		if (tty_linelen == 0)
			tty_eofs++;
		tty_commit(tty_line, tty_linelen);
		tty_linelen = 0;
		return;
	}
	if (tty_linelen < TTY_LINE - 1 || c == '\n')
		tty_line[tty_linelen++] = c;
	tty_echo(&c, 1);
	if (c == '\n') {
		tty_commit(tty_line, tty_linelen);
		tty_linelen = 0;
	}
}

void
tty_input(const char *buf, size_t len)
{
	bool on = intr_save();

	for (size_t i = 0; i < len; i++)
		tty_input_one(buf[i]);
	if (tty_head != tty_tail || tty_eofs > 0) {
		waitq_wake_all(&tty_wait);
		poll_wake(&tty_poll, FILE_POLLIN);
	}
	intr_restore(on);
}

/*
 * Job control: may the caller, a member of a background group of the
 * terminal's session, go on?  Otherwise its group gets sig (SIGTTIN for
 * reads, SIGTTOU for writes with TOSTOP and for changing the terminal)
 * and the call restarts once the group is continued.  A caller that
 * ignores or blocks sig goes on (reads fail with EIO instead), and so
 * does an orphaned group, with EIO, since nobody would continue it.
 */
static long
tty_job_check(int sig)
{
	struct proc *p = proc_current();
	bool on, orphan;

	if (p == NULL || p->p_sid != tty_sid || p->p_pgid == tty_pgrp)
		return 0;
	if (signal_ignored_or_blocked(sig))
		return sig == SIGTTIN ? -EIO : 0;
	on = intr_save();
	orphan = proc_pgrp_orphaned(p->p_pgid);
	intr_restore(on);
	if (orphan)
		return -EIO;
	signal_group(p->p_pgid, sig);
	return -ERESTARTSYS;
}

long
tty_read(void *buf, size_t len, bool nonblock)
{
	long error = tty_job_check(SIGTTIN);
	bool on;
	size_t n = 0;

	if (error != 0 || len == 0)
		return error;
	on = intr_save();
	while (tty_head == tty_tail && tty_eofs == 0) {
		if (nonblock || signal_pending()) {
			intr_restore(on);
			return nonblock ? -EAGAIN : -ERESTARTSYS;
		}
		waitq_wait_locked(&tty_wait);
	}
	if (tty_head == tty_tail) {
		tty_eofs--;		/* an end of file on an empty line */
	} else {
		/* Canonical reads stop after one line. */
		while (n < len && tty_tail < tty_head) {
			char c = tty_buf[tty_tail++ % TTY_BUF];

			((char *)buf)[n++] = c;
			if (c == '\n' && (tty_tio.c_lflag & ICANON))
				break;
		}
	}
	intr_restore(on);
	return (long)n;
}

bool
tty_readable(void)
{
	return tty_head != tty_tail || tty_eofs > 0;
}

long
tty_write(const void *buf, size_t len)
{
	long error;

	if ((tty_tio.c_lflag & TOSTOP) &&
	    (error = tty_job_check(SIGTTOU)) != 0)
		return error;
	console_write(buf, len);
	return (long)len;
}

long
tty_ioctl(unsigned long req, uint64_t arg)
{
	struct tty_winsize ws;
	int avail, pgrp;
	long error;
	char c;

	/* Changing the terminal from the background is a write. */
	switch (req) {
	case TCSETS: case TCSETSW: case TCSETSF: case TIOCSPGRP:
	case TIOCSWINSZ:
		if ((error = tty_job_check(SIGTTOU)) != 0)
			return error;
		break;
	}
	switch (req) {
	case TCGETS:
		return copy_to_user((void *)arg, &tty_tio, sizeof(tty_tio));
	case TCSETS:
	case TCSETSW:
	case TCSETSF: {
		struct tty_termios t;
		bool on;

		if (copy_from_user(&t, (const void *)arg, sizeof(t)) != 0)
			return -EFAULT;
		on = intr_save();
		if (req == TCSETSF) {
			tty_tail = tty_head;
			tty_linelen = 0;
		}
		/* Leaving canonical mode hands the edited line over. */
		if ((tty_tio.c_lflag & ICANON) && !(t.c_lflag & ICANON)) {
			tty_commit(tty_line, tty_linelen);
			tty_linelen = 0;
		}
		tty_tio = t;
		intr_restore(on);
		return 0;
	}
	case TIOCGWINSZ:
		return copy_to_user((void *)arg, &tty_ws, sizeof(tty_ws));
	case TIOCSWINSZ:
		if (copy_from_user(&ws, (const void *)arg, sizeof(ws)) != 0)
			return -EFAULT;
		if (memcmp(&ws, &tty_ws, sizeof(ws)) != 0) {
			tty_ws = ws;
			signal_group(tty_pgrp, SIGWINCH);
		}
		return 0;
	case TIOCGPGRP:
		return copy_to_user((void *)arg, &tty_pgrp, sizeof(tty_pgrp));
	case TIOCGSID:
		return copy_to_user((void *)arg, &tty_sid, sizeof(tty_sid));
	case TIOCSPGRP:
		if (copy_from_user(&pgrp, (const void *)arg, sizeof(pgrp)) != 0)
			return -EFAULT;
		if (pgrp < 0)
			return -EINVAL;
		if (proc_current() != NULL &&
		    (proc_current()->p_sid != tty_sid ||
		    !proc_pgrp_in_session(pgrp, tty_sid)))
			return -EPERM;
		tty_pgrp = pgrp;
		return 0;
	case TIOCSTI:
		/* Fake input, as if typed (tests drive ^Z through it). */
		if (copy_from_user(&c, (const void *)arg, 1) != 0)
			return -EFAULT;
		tty_input(&c, 1);
		return 0;
	case TIOCSCTTY:
		/* A session leader takes the console over (we are root). */
		if (proc_current() != NULL) {
			struct proc *p = proc_current();

			if (p->p_pid != p->p_sid)
				return -EPERM;
			tty_sid = p->p_sid;
			tty_pgrp = p->p_pgid;
		}
		return 0;
	case TIOCNOTTY:
		return 0;
	case FIONREAD:
		avail = (int)(tty_head - tty_tail);
		return copy_to_user((void *)arg, &avail, sizeof(avail));
	default:
		return -ENOTTY;
	}
}

static void
tty_poll_thread(void *arg)
{
	char buf[64];

	(void)arg;
	for (;;) {
		size_t n = pv_console_read(buf, sizeof(buf));

		if (n > 0)
			tty_input(buf, n);
		else
			thread_sleep_ns(10000000);	/* 10 ms */
	}
}

static long
tty_file_read(struct file *f, void *buf, size_t len)
{
	(void)f;
	return tty_read(buf, len, false);
}

static long
tty_file_write(struct file *f, const void *buf, size_t len)
{
	(void)f;
	return tty_write(buf, len);
}

static short
tty_file_poll(struct file *f)
{
	(void)f;
	return (short)(FILE_POLLOUT | (tty_readable() ? FILE_POLLIN : 0));
}

static struct poll_head *
tty_file_poll_head(struct file *f)
{
	(void)f;
	return &tty_poll;
}

static long
tty_file_ioctl(struct file *f, unsigned long req, uint64_t arg)
{
	(void)f;
	return tty_ioctl(req, arg);
}

/* /dev/tty and /dev/console: a stream, with termios ioctls. */
static const struct file_ops tty_file_ops = {
	.fo_io = { tty_file_read, tty_file_write, 0 },
	.fo_flags = FILE_OPS_SPLICE | FILE_OPS_ASYNC,
	.fo_open = file_open_none,
	.fo_release = file_release_none,
	.fo_poll = tty_file_poll,
	.fo_poll_head = tty_file_poll_head,
	.fo_ioctl = tty_file_ioctl,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

int
tty_init(void)
{
	int error;

	if ((error = dev_register(DEV_MAKE(5, 0), &tty_file_ops)) != 0 ||
	    (error = dev_register(DEV_MAKE(5, 1), &tty_file_ops)) != 0)
		return error;
	return thread_create("tty", tty_poll_thread, NULL, true) != NULL ?
	    0 : -ENOMEM;
}
