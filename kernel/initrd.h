/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The initramfs handed over by the boot door (the first module), read in
 * place until the VFS unpacks it.
 */
#ifndef KERNEL_INITRD_H
#define KERNEL_INITRD_H

#include <stddef.h>

#include <kernel/boot_info.h>

/*
 * Remember the archive from bi's first module and check it from end to
 * end.  Returns 0, -ENOENT without a module, -EINVAL for a corrupt archive
 * (after logging why).
 */
int	initrd_init(const struct boot_info *bi);

/*
 * Find a regular file by path ("/bin/x", "bin/x" and "./bin/x" are the
 * same).  Returns 0 with *data and *len set, -ENOENT if absent.
 */
int	initrd_find(const char *path, const void **data, size_t *len);

#endif /* KERNEL_INITRD_H */
