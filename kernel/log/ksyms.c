/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Symbol lookups over the table that tools/ksyms.sh emits: ksyms_count
 * entries of (address, offset into ksyms_names), sorted by address.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/string.h>
#include <arch/x86_64/include/paging.h>
#include <kernel/log/ksyms.h>
#include <kernel/log/printk.h>

struct ksym {
	uint64_t	ks_addr;
	uint32_t	ks_name;
	uint32_t	ks_pad;
};

extern const struct ksym ksyms_table[];
extern const uint64_t ksyms_count;
extern const char ksyms_names[];
extern const char _text_start[], _text_end[];

const char *
ksyms_lookup(uintptr_t addr, uintptr_t *offset)
{
	uint64_t lo = 0, hi = ksyms_count;

	if (addr < (uintptr_t)_text_start || addr >= (uintptr_t)_text_end ||
	    hi == 0)
		return NULL;
	/* Last entry with ks_addr <= addr. */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (ksyms_table[mid].ks_addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (ksyms_table[lo].ks_addr > addr)
		return NULL;
	*offset = addr - ksyms_table[lo].ks_addr;
	return &ksyms_names[ksyms_table[lo].ks_name];
}

uintptr_t
ksyms_addr(const char *name)
{
	for (uint64_t i = 0; i < ksyms_count; i++)
		if (strcmp(&ksyms_names[ksyms_table[i].ks_name], name) == 0)
			return ksyms_table[i].ks_addr;
	return 0;
}

static bool
ksyms_frame_ok(uintptr_t rbp, uintptr_t prev)
{
	return rbp != 0 && (rbp & 7) == 0 && rbp > prev &&
	    paging_is_mapped(rbp) && paging_is_mapped(rbp + 8);
}

unsigned int
ksyms_stack_capture(uintptr_t rbp, uintptr_t *out, unsigned int max)
{
	unsigned int n = 0;
	uintptr_t prev = 0;

	while (n < max && ksyms_frame_ok(rbp, prev)) {
		const uintptr_t *f = (const uintptr_t *)rbp;

		if (f[1] == 0)
			break;
		out[n++] = f[1];
		prev = rbp;
		rbp = f[0];
	}
	return n;
}

static void
ksyms_print_one(unsigned int i, uintptr_t addr)
{
	uintptr_t off;
	const char *name = ksyms_lookup(addr, &off);

	if (name != NULL)
		printk(LOG_ERR, "  #%u 0x%lx %s+0x%lx\n", i, addr, name, off);
	else
		printk(LOG_ERR, "  #%u 0x%lx ?\n", i, addr);
}

void
ksyms_backtrace(uintptr_t rip, uintptr_t rbp)
{
	uintptr_t ret[32];
	unsigned int n = ksyms_stack_capture(rbp, ret, 32);

	unsigned int same = 0;

	printk(LOG_ERR, "backtrace:\n");
	ksyms_print_one(0, rip);
	for (unsigned int i = 0; i < n; i++) {
		/* Deep recursion: print a repeated frame once, then count. */
		if (i > 0 && ret[i] == ret[i - 1]) {
			same++;
			continue;
		}
		if (same > 0)
			printk(LOG_ERR, "  ... the frame above %u more times\n",
			    same);
		same = 0;
		/* A return address points after the call: name the call. */
		ksyms_print_one(i + 1, ret[i] - 1);
	}
	if (same > 0)
		printk(LOG_ERR, "  ... the frame above %u more times\n", same);
}
