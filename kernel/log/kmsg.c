/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The kernel message buffer (see kmsg.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/fmt.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/kmsg.h>

#define KMSG_MASK	(KMSG_SIZE - 1)

/* Interrupts off around the ring (printk runs in handlers too); the host
 * unit tests (JINY_HOST) run the same code without them. */
static inline bool
kmsg_lock(void)
{
#ifdef JINY_HOST
	return false;
#else
	return intr_save();
#endif
}

static inline void
kmsg_unlock(bool on)
{
#ifdef JINY_HOST
	(void)on;
#else
	intr_restore(on);
#endif
}

static char kmsg_ring[KMSG_SIZE];
static uint64_t kmsg_head;		/* bytes ever logged */
static uint64_t kmsg_read_pos;		/* kmsg_read's place */
static uint64_t kmsg_clear_pos;		/* kmsg_read_all starts here */
static bool kmsg_midline;		/* the last byte was not '\n' */
/* console, default message, least console, boot-time console level */
static int kmsg_levels[4] = { KMSG_LEVEL_DEFAULT, 4, KMSG_LEVEL_MIN,
    KMSG_LEVEL_DEFAULT };

static void
kmsg_put(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		kmsg_ring[(kmsg_head + i) & KMSG_MASK] = s[i];
	kmsg_head += n;
}

/* The oldest byte still in the ring. */
static uint64_t
kmsg_tail(void)
{
	return kmsg_head > KMSG_SIZE ? kmsg_head - KMSG_SIZE : 0;
}

/*
 * pos, moved up to the ring's tail if it fell out, and then (if forced
 * to move, or asked to) on to the start of the next whole line.  At the
 * tail the byte before is gone (overwritten): the line there may be
 * torn, so it is skipped.
 */
static uint64_t
kmsg_line_start(uint64_t pos, bool align)
{
	uint64_t tail = kmsg_tail();

	if (pos < tail) {
		pos = tail;
		align = true;
	}
	if (!align || pos == 0)
		return pos;
	if (pos == tail) {
		while (pos < kmsg_head && kmsg_ring[pos & KMSG_MASK] != '\n')
			pos++;
		return pos < kmsg_head ? pos + 1 : pos;
	}
	while (pos < kmsg_head && kmsg_ring[(pos - 1) & KMSG_MASK] != '\n')
		pos++;
	return pos;
}

/* Copy n bytes from ring position pos to buf. */
static void
kmsg_copy(char *buf, uint64_t pos, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = kmsg_ring[(pos + i) & KMSG_MASK];
}

void
kmsg_append(int level, const char *text, size_t len)
{
	bool on = kmsg_lock();
	char prefix[40];

	while (len > 0) {
		size_t n = 0;

		if (!kmsg_midline) {
			uint64_t ns = pv_clock_ns();
			int p = fmt_snprintf(prefix, sizeof(prefix),
			    "<%d>[%5lu.%06lu] ", level & 7,
			    (unsigned long)(ns / 1000000000UL),
			    (unsigned long)(ns % 1000000000UL / 1000));

			kmsg_put(prefix, (size_t)p);
		}
		while (n < len && text[n] != '\n')
			n++;
		if (n < len)
			n++;			/* the newline ends the record */
		kmsg_put(text, n);
		kmsg_midline = text[n - 1] != '\n';
		text += n;
		len -= n;
	}
	kmsg_unlock(on);
}

size_t
kmsg_read_all(char *buf, size_t len)
{
	bool on = kmsg_lock();
	uint64_t start = kmsg_line_start(kmsg_clear_pos, false);
	size_t n;

	if (kmsg_head - start > len)
		start = kmsg_line_start(kmsg_head - len, true);
	n = (size_t)(kmsg_head - start);
	kmsg_copy(buf, start, n);
	kmsg_unlock(on);
	return n;
}

size_t
kmsg_read(char *buf, size_t len)
{
	bool on = kmsg_lock();
	uint64_t start = kmsg_line_start(kmsg_read_pos, false);
	size_t n = (size_t)(kmsg_head - start);

	if (n > len)
		n = len;
	kmsg_copy(buf, start, n);
	kmsg_read_pos = start + n;
	kmsg_unlock(on);
	return n;
}

size_t
kmsg_unread(void)
{
	bool on = kmsg_lock();
	size_t n = (size_t)(kmsg_head - kmsg_line_start(kmsg_read_pos,
	    false));

	kmsg_unlock(on);
	return n;
}

void
kmsg_clear(void)
{
	bool on = kmsg_lock();

	kmsg_clear_pos = kmsg_head;
	kmsg_unlock(on);
}

void
kmsg_printk(int out[4])
{
	for (int i = 0; i < 4; i++)
		out[i] = kmsg_levels[i];
}

void
kmsg_set_printk(const int in[4], unsigned int n)
{
	for (unsigned int i = 0; i < n && i < 4; i++)
		kmsg_levels[i] = in[i];
}

int
kmsg_console_level(void)
{
	return kmsg_levels[0];
}

void
kmsg_set_console_level(int level)
{
	if (level < kmsg_levels[2])
		level = kmsg_levels[2];
	kmsg_levels[0] = level > 8 ? 8 : level;
}

int
kmsg_to_console(int level)
{
	return level < kmsg_levels[0];
}
