/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* newc cpio reader (see cpio.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cpio.h>
#include <lib/errno.h>
#include <lib/string.h>

#define CPIO_HDR	110

static bool
cpio_hex(const char *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return false;
	}
	*out = v;
	return true;
}

static size_t
cpio_pad4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

int
cpio_next(const void *buf, size_t len, size_t *off, struct cpio_entry *e,
    const char **why)
{
	const char *base = buf, *h;
	uint32_t f[13], namesize, filesize;
	size_t name_off, data_off;

	if (*off > len || len - *off < CPIO_HDR) {
		*why = "truncated archive (no TRAILER!!! entry)";
		return -EINVAL;
	}
	h = base + *off;
	if (memcmp(h, "07070", 5) != 0 || (h[5] != '1' && h[5] != '2')) {
		*why = "bad magic (not a newc cpio archive)";
		return -EINVAL;
	}
	for (int i = 0; i < 13; i++)
		if (!cpio_hex(h + 6 + 8 * i, &f[i])) {
			*why = "non-hex digit in a header field";
			return -EINVAL;
		}
	namesize = f[11];
	filesize = f[6];
	name_off = *off + CPIO_HDR;
	if (namesize < 2 || namesize > 4096 || namesize > len - name_off) {
		*why = "name size out of range";
		return -EINVAL;
	}
	if (base[name_off + namesize - 1] != '\0' ||
	    memchr(base + name_off, '\0', namesize - 1) != NULL) {
		*why = "name is not a single NUL-terminated string";
		return -EINVAL;
	}
	data_off = cpio_pad4(name_off + namesize);
	if (data_off > len || filesize > len - data_off) {
		*why = "file data runs past the end of the archive";
		return -EINVAL;
	}
	*e = (struct cpio_entry){
		.ce_name = base + name_off, .ce_namelen = namesize - 1,
		.ce_ino = f[0], .ce_mode = f[1], .ce_uid = f[2], .ce_gid = f[3],
		.ce_nlink = f[4], .ce_mtime = f[5],
		.ce_rdev_major = f[9], .ce_rdev_minor = f[10],
		.ce_data = base + data_off, .ce_size = filesize,
	};
	*off = cpio_pad4(data_off + filesize);
	if (*off > len)
		*off = len;	/* the last padding may be cut off */
	if (e->ce_namelen == 10 && memcmp(e->ce_name, "TRAILER!!!", 10) == 0)
		return 0;
	return 1;
}
