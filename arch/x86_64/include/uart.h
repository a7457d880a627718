/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The two byte sinks every PC-compatible machine we boot on may have:
 * the 16550 UART at COM1 and the 0xe9 debug port (QEMU -debugcon,
 * Bochs, Xen's HVM debug port).  Writes to absent devices are harmless.
 */
#ifndef ARCH_X86_64_INCLUDE_UART_H
#define ARCH_X86_64_INCLUDE_UART_H

#include <stddef.h>

void	uart_init(void);
void	uart_write(const char *buf, size_t len);
/* Bytes received so far, up to len, without waiting; 0 if none. */
size_t	uart_read(char *buf, size_t len);
void	debugcon_write(const char *buf, size_t len);

#endif /* ARCH_X86_64_INCLUDE_UART_H */
