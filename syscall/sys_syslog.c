/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * syslog(2) (glibc's klogctl, busybox dmesg): the kernel message buffer
 * (kernel/log/kmsg.h) read, cleared and its console level set, with
 * Linux's permissions: without CAP_SYSLOG (or CAP_SYS_ADMIN) only
 * READ_ALL and SIZE_BUFFER, and those not either while
 * kernel.dmesg_restrict is 1.  A READ with nothing to read waits,
 * looking again every SYS_SYSLOG_POLL_NS (printk may run anywhere, even
 * inside the scheduler, so it wakes no one), until a signal.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>
#include <arch/x86_64/include/user.h>
#include <kernel/log/kmsg.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/proc/tunable.h>
#include <syscall/sys.h>

#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

#define SYS_SYSLOG_POLL_NS	50000000UL	/* 50 ms */

/* The console level CONSOLE_OFF put aside for CONSOLE_ON (0: none). */
static int sys_syslog_saved_level;

static bool
sys_syslog_allowed(int type)
{
	if (!tun_dmesg_restrict.tu_val && (type == SYSLOG_ACTION_READ_ALL ||
	    type == SYSLOG_ACTION_SIZE_BUFFER))
		return true;
	return proc_capable(CAP_SYSLOG) || proc_capable(CAP_SYS_ADMIN);
}

/* Copy what read (kmsg_read or kmsg_read_all) gives to the user. */
static long
sys_syslog_copy(uint64_t ubuf, size_t len, bool all, bool clear)
{
	char *kbuf;
	size_t n;

	if (len > KMSG_SIZE)
		len = KMSG_SIZE;
	if ((kbuf = kmalloc(len)) == NULL)
		return -ENOMEM;
	n = all ? kmsg_read_all(kbuf, len) : kmsg_read(kbuf, len);
	if (clear)
		kmsg_clear();
	if (copy_to_user((void *)ubuf, kbuf, n) != 0)
		n = (size_t)-EFAULT;
	kfree(kbuf);
	return (long)n;
}

long
sys_syslog(struct trap_frame *tf)
{
	int type = (int)tf->rdi, len = (int)tf->rdx;
	uint64_t ubuf = tf->rsi;

	if (!sys_syslog_allowed(type))
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (ubuf == 0 || len < 0)
			return -EINVAL;
		if (len == 0)
			return 0;
		if (!user_range_ok(ubuf, (size_t)len))
			return -EFAULT;
		if (type != SYSLOG_ACTION_READ)
			return sys_syslog_copy(ubuf, (size_t)len, true,
			    type == SYSLOG_ACTION_READ_CLEAR);
		while (kmsg_unread() == 0) {
			if (signal_pending())
				return -ERESTARTSYS;
			thread_sleep_ns(SYS_SYSLOG_POLL_NS);
		}
		return sys_syslog_copy(ubuf, (size_t)len, false, false);
	case SYSLOG_ACTION_CLEAR:
		kmsg_clear();
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (sys_syslog_saved_level == 0)
			sys_syslog_saved_level = kmsg_console_level();
		kmsg_set_console_level(KMSG_LEVEL_MIN);
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (sys_syslog_saved_level != 0) {
			kmsg_set_console_level(sys_syslog_saved_level);
			sys_syslog_saved_level = 0;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		kmsg_set_console_level(len);
		sys_syslog_saved_level = 0;	/* CONSOLE_ON has nothing */
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		return (long)kmsg_unread();
	case SYSLOG_ACTION_SIZE_BUFFER:
		return KMSG_SIZE;
	default:
		return -EINVAL;
	}
}
