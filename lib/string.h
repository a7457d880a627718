/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The C string and memory functions the kernel uses.  Same names and
 * semantics as ISO C, so host unit tests link the host's versions instead.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

void	*memcpy(void *restrict, const void *restrict, size_t);
void	*memmove(void *, const void *, size_t);
void	*memset(void *, int, size_t);
int	 memcmp(const void *, const void *, size_t);
void	*memchr(const void *, int, size_t);
size_t	 strlen(const char *);
size_t	 strnlen(const char *, size_t);
int	 strcmp(const char *, const char *);
int	 strncmp(const char *, const char *, size_t);
char	*strchr(const char *, int);

#endif /* LIB_STRING_H */
