/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Reader for "newc" cpio archives (the initramfs format): magic 070701 or
 * 070702, thirteen 8-digit hex fields, the name, then the data, each padded
 * to 4 bytes.  Every field is validated before use; nothing is trusted.
 */
#ifndef LIB_CPIO_H
#define LIB_CPIO_H

#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char	*ce_name;	/* NUL-terminated, inside the archive */
	size_t		 ce_namelen;	/* without the NUL */
	uint32_t	 ce_ino;
	uint32_t	 ce_mode;	/* type and permission bits (st_mode) */
	uint32_t	 ce_uid;
	uint32_t	 ce_gid;
	uint32_t	 ce_nlink;
	uint32_t	 ce_mtime;
	uint32_t	 ce_rdev_major;
	uint32_t	 ce_rdev_minor;
	const void	*ce_data;	/* inside the archive */
	size_t		 ce_size;
};

/*
 * Read the entry at *off of the archive [buf, buf+len) into e and advance
 * *off past it.  Returns 1 for an entry, 0 at the "TRAILER!!!" entry, or
 * -EINVAL for a corrupt or truncated archive, with a reason in *why.
 */
int	cpio_next(const void *buf, size_t len, size_t *off,
	    struct cpio_entry *e, const char **why);

#endif /* LIB_CPIO_H */
