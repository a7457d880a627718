/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel's own symbol table, linked into the image (tools/ksyms.sh
 * generates it from a first link), and frame-pointer backtraces.
 */
#ifndef KERNEL_LOG_KSYMS_H
#define KERNEL_LOG_KSYMS_H

#include <stddef.h>
#include <stdint.h>

/* Name of the function containing addr and the offset into it, or NULL. */
const char	*ksyms_lookup(uintptr_t addr, uintptr_t *offset);

/* Address of the function named name, or 0. */
uintptr_t	 ksyms_addr(const char *name);

/*
 * Print "  #N 0x... name+0xoff" lines for rip and then each return address
 * found by following the frame-pointer chain from rbp.  Frames are checked
 * to be mapped and to move up the stack, so a corrupt chain ends the walk
 * instead of faulting.
 */
void	ksyms_backtrace(uintptr_t rip, uintptr_t rbp);

/* Fill out[] with up to max return addresses from rbp; returns the count. */
unsigned int ksyms_stack_capture(uintptr_t rbp, uintptr_t *out, unsigned int max);

#endif /* KERNEL_LOG_KSYMS_H */
