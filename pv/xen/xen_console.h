/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The PV console ring (xen_console.c), for the back end's own files.
 */
#ifndef PV_XEN_XEN_CONSOLE_H
#define PV_XEN_XEN_CONSOLE_H

#include <stddef.h>

/* Start the PV console ring; 0 or negative errno. */
int	xen_console_init(void);
void	xen_console_write(const char *buf, size_t len);
size_t	xen_console_read(char *buf, size_t len);
/*
 * Wait (bounded) until the backend has taken everything written: the
 * last lines before a shutdown would otherwise die with the domain.
 */
void	xen_console_flush(void);

#endif /* PV_XEN_XEN_CONSOLE_H */
