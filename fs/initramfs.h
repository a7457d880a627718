/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Unpack a cpio newc archive into the file tree.  File contents stay in
 * the archive (read-only, copied on first write), so the module's memory
 * must stay reserved.
 */
#ifndef FS_INITRAMFS_H
#define FS_INITRAMFS_H

#include <stddef.h>

/*
 * Returns the number of entries unpacked, or -EINVAL for a corrupt
 * archive (with a log line saying why; the tree may hold a part of it),
 * or another negative errno.  Names with ".." parts are refused.
 */
int	initramfs_unpack(const void *archive, size_t len);

#endif /* FS_INITRAMFS_H */
