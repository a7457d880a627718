/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * lwIP's compiler and platform header for Jiny (lwIP's arch.h includes
 * it first).  The kernel is freestanding: the compiler's own stddef.h and
 * stdint.h, no limits.h, inttypes.h, ctype.h or unistd.h (lwIP then
 * uses its own fallbacks), errno values from lib/errno.h (Linux's, as the
 * socket layer wants).  An lwIP assertion is a kernel panic naming the
 * file and line; its diagnostics go to the kernel log.
 */
#ifndef NET_LWIP_INCLUDE_ARCH_CC_H
#define NET_LWIP_INCLUDE_ARCH_CC_H

#include <stddef.h>
#include <stdint.h>

#define LWIP_NO_INTTYPES_H	1
#define LWIP_NO_UNISTD_H	1
#define LWIP_NO_CTYPE_H		1
#define LWIP_NO_LIMITS_H	1	/* GCC's wants a C library's behind it */
#define INT_MAX			__INT_MAX__

/* printf formats of lwIP's types, for lib/fmt.c (no inttypes.h) */
#define X8_F	"02x"
#define U16_F	"u"
#define S16_F	"d"
#define X16_F	"x"
#define U32_F	"u"
#define S32_F	"d"
#define X32_F	"x"
#define SZT_F	"lu"

/* lwIP would typedef ssize_t as int without SSIZE_MAX. */
#define SSIZE_MAX	__LONG_MAX__
typedef long		ssize_t;

/* Little-endian x86_64: lwIP's byte swaps become the compiler's. */
#define BYTE_ORDER	LITTLE_ENDIAN
#define lwip_htons(x)	((u16_t)__builtin_bswap16((u16_t)(x)))
#define lwip_htonl(x)	((u32_t)__builtin_bswap32((u32_t)(x)))

/* errno names and numbers: Linux's, from the kernel's lib. */
#define LWIP_ERRNO_INCLUDE	<lib/errno.h>

/* Random numbers (DHCP transaction ids, TCP's initial ports): the kernel's
 * generator. */
#define LWIP_RAND()	lwip_jiny_rand()
uint32_t lwip_jiny_rand(void);

__attribute__((noreturn)) void lwip_jiny_assert(const char *msg,
	    const char *file, int line);
void	lwip_jiny_diag(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

#define LWIP_PLATFORM_ASSERT(x)	lwip_jiny_assert((x), __FILE__, __LINE__)
#define LWIP_PLATFORM_DIAG(x)	do { lwip_jiny_diag x; } while (0)

#endif /* NET_LWIP_INCLUDE_ARCH_CC_H */
