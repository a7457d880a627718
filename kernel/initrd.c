/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The boot initramfs, read in place (see initrd.h). */
#include <stdint.h>

#include <kernel/cpio.h>
#include <kernel/errno.h>
#include <kernel/initrd.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#define S_IFMT	0170000
#define S_IFREG	0100000

static const uint8_t *initrd_base;
static size_t initrd_len;

static const char *
initrd_strip(const char *p)
{
	for (;;) {
		if (p[0] == '/')
			p++;
		else if (p[0] == '.' && p[1] == '/')
			p += 2;
		else
			return p;
	}
}

int
initrd_init(const struct boot_info *bi)
{
	struct cpio_entry e;
	const char *why;
	size_t off = 0;
	unsigned int n = 0;
	int rc;

	if (bi->bi_nmods == 0)
		return -ENOENT;
	initrd_base = phys_to_virt(bi->bi_mods[0].bmod_base);
	initrd_len = bi->bi_mods[0].bmod_size;
	while ((rc = cpio_next(initrd_base, initrd_len, &off, &e, &why)) == 1)
		n++;
	if (rc < 0) {
		pr_err("initrd: refused: %s (at byte %lu of %lu)\n", why,
		    (uint64_t)off, (uint64_t)initrd_len);
		initrd_base = NULL;
		return -EINVAL;
	}
	pr_info("initrd: %u entries, %lu bytes\n", n, (uint64_t)initrd_len);
	return 0;
}

int
initrd_find(const char *path, const void **data, size_t *len)
{
	struct cpio_entry e;
	const char *why, *want = initrd_strip(path);
	size_t off = 0;

	if (initrd_base == NULL)
		return -ENOENT;
	while (cpio_next(initrd_base, initrd_len, &off, &e, &why) == 1) {
		if ((e.ce_mode & S_IFMT) != S_IFREG ||
		    strcmp(initrd_strip(e.ce_name), want) != 0)
			continue;
		*data = e.ce_data;
		*len = e.ce_size;
		return 0;
	}
	return -ENOENT;
}
