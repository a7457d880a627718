/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel message buffer (kmsg.c): what printk logged, as syslog(2)
 * and dmesg read it.  Each line is a record "<L>[ssssss.uuuuuu] text\n"
 * (L the message's level, the time since boot), kept in a byte ring of
 * KMSG_SIZE; the oldest lines go first when it is full.  Only printk
 * writes here (programs' console output is not kernel messages).  The
 * console level decides which levels also go to the console (those
 * below it), as Linux's console_loglevel.  IRQ-safe; never sleeps.
 */
#ifndef KERNEL_LOG_KMSG_H
#define KERNEL_LOG_KMSG_H

#include <stddef.h>
#include <stdint.h>

#define KMSG_SIZE		65536	/* a power of two */
#define KMSG_LEVEL_DEFAULT	7	/* every level but debug reaches the
					 * console */
#define KMSG_LEVEL_MIN		1	/* the least syslog(2) may set, at
					 * first */

/* Log len bytes of text at level (printk's). */
void	kmsg_append(int level, const char *text, size_t len);

/*
 * Copy up to len bytes of the newest whole lines not cleared by
 * kmsg_clear into buf (syslog's READ_ALL): the byte count.
 */
size_t	kmsg_read_all(char *buf, size_t len);

/*
 * Copy up to len bytes not yet read this way into buf and consume them
 * (syslog's READ, /proc/kmsg): the byte count, 0 when there are none.
 */
size_t	kmsg_read(char *buf, size_t len);

/* Bytes kmsg_read would return (syslog's SIZE_UNREAD). */
size_t	kmsg_unread(void);

/* Forget everything logged so far for kmsg_read_all (syslog's CLEAR). */
void	kmsg_clear(void);

/*
 * The four numbers of /proc/sys/kernel/printk: the console level, the
 * default message level, the least console level syslog(2) may set and
 * the boot-time console level.  kmsg_set_printk sets the first n of
 * them as given (Linux checks nothing here either).
 */
void	kmsg_printk(int out[4]);
void	kmsg_set_printk(const int in[4], unsigned int n);

/* The console level; set it (syslog(2): clamped to the least .. 8). */
int	kmsg_console_level(void);
void	kmsg_set_console_level(int level);

/* The messages of this level go to the console too. */
int	kmsg_to_console(int level);

#endif /* KERNEL_LOG_KMSG_H */
