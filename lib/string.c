/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Freestanding memory and string functions.  The compiler may emit calls to
 * memcpy/memset/memmove/memcmp on its own, so these must exist and must not
 * be compiled into calls to themselves: the kernel is built with
 * -fno-tree-loop-distribute-patterns, which stops gcc turning the loops
 * here back into such calls.
 */
#include <stdint.h>

#include <lib/string.h>

void *
memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	void *ret = dst;
	size_t q = n / 8;

	/*
	 * Quadwords, then the tail: an emulated CPU (QEMU's TCG) runs each
	 * repetition on its own, so a page costs 512 of them, not 4096.
	 */
	__asm__ volatile("rep movsq"
	    : "+D"(dst), "+S"(src), "+c"(q) : : "memory");
	n %= 8;
	__asm__ volatile("rep movsb"
	    : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	return ret;
}

void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	while (n-- > 0)
		d[n] = s[n];
	return dst;
}

void *
memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	uint64_t pattern = 0x0101010101010101ULL * (unsigned char)c;
	size_t q = n / 8;

	__asm__ volatile("rep stosq"
	    : "+D"(dst), "+c"(q) : "a"(pattern) : "memory");
	n %= 8;
	__asm__ volatile("rep stosb"
	    : "+D"(dst), "+c"(n) : "a"(pattern) : "memory");
	return ret;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

void *
memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)(uintptr_t)p;
	return NULL;
}

size_t
strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0')
		p++;
	return (size_t)(p - s);
}

size_t
strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (*a == '\0')
			return 0;
	}
	return 0;
}

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)(uintptr_t)s;
		if (*s == '\0')
			return NULL;
	}
}
