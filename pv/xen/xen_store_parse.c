/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Parsing xenstored's answers (see xen_store_parse.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>

#include "xen_store_parse.h"

/* Drop one trailing NUL, if the value has one. */
static size_t
xs_strip_nul(const char *s, size_t len)
{
	return len > 0 && s[len - 1] == '\0' ? len - 1 : len;
}

static bool
xs_printable(char c)
{
	return c > 0x20 && c < 0x7f;
}

int
xs_dir_split(const char *buf, size_t len, const char **names,
    unsigned int max, size_t name_max)
{
	unsigned int n = 0;
	size_t i = 0;

	if (len == 0 || (len == 1 && buf[0] == '\0'))
		return 0;
	while (i < len) {
		size_t start = i;

		while (i < len && buf[i] != '\0') {
			if (!xs_printable(buf[i]) || buf[i] == '/')
				return -EINVAL;
			i++;
		}
		if (i == len || i == start || i - start > name_max)
			return -EINVAL;	/* no NUL, empty, or too long */
		if (n == max)
			return -E2BIG;
		names[n++] = buf + start;
		i++;			/* the NUL */
	}
	return (int)n;
}

int
xs_parse_uint(const char *s, size_t len, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;

	len = xs_strip_nul(s, len);
	if (len == 0 || len > 10)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > max)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

int
xs_parse_availability(const char *s, size_t len)
{
	len = xs_strip_nul(s, len);
	if (len == 6 && memcmp(s, "online", 6) == 0)
		return 1;
	if (len == 7 && memcmp(s, "offline", 7) == 0)
		return 0;
	return -EINVAL;
}

int
xs_take_string(const char *s, size_t len, char *out, size_t size)
{
	len = xs_strip_nul(s, len);
	if (size == 0 || len >= size)
		return -EINVAL;
	for (size_t i = 0; i < len; i++)
		if (!xs_printable(s[i]))
			return -EINVAL;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

int
xs_error_errno(const char *s, size_t len)
{
	static const struct {
		const char	*name;
		int		 err;
	} errs[] = {
		{ "EINVAL", EINVAL }, { "EACCES", EACCES }, { "EEXIST", EEXIST },
		{ "EISDIR", EISDIR }, { "ENOENT", ENOENT }, { "ENOMEM", ENOMEM },
		{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "ENOTEMPTY", ENOTEMPTY },
		{ "ENOSYS", ENOSYS }, { "EROFS", EROFS }, { "EBUSY", EBUSY },
		{ "EAGAIN", EAGAIN }, { "EISCONN", EISCONN }, { "E2BIG", E2BIG },
		{ "EPERM", EPERM },
	};

	len = xs_strip_nul(s, len);
	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		if (strlen(errs[i].name) == len &&
		    memcmp(errs[i].name, s, len) == 0)
			return -errs[i].err;
	return -EIO;
}

enum xs_msg_kind
xs_classify(uint32_t type, uint32_t req_id, uint32_t len, bool in_flight,
    uint32_t want_type, uint32_t want_req_id)
{
	if (len > XS_P_PAYLOAD_MAX)
		return XS_MSG_BAD;
	if (type == XS_P_WATCH_EVENT)
		return XS_MSG_WATCH;
	if (!in_flight || req_id != want_req_id)
		return XS_MSG_STRAY;
	if (type == XS_P_ERROR)
		return XS_MSG_ERROR;
	return type == want_type ? XS_MSG_ANSWER : XS_MSG_WRONG_TYPE;
}

/* A printable field ending in a NUL at or after i: its end, or len. */
static size_t
xs_field(const char *buf, size_t len, size_t i)
{
	while (i < len && buf[i] != '\0') {
		if (!xs_printable(buf[i]))
			return len;
		i++;
	}
	return i;
}

int
xs_watch_event_split(const char *buf, size_t len, const char **path,
    const char **token)
{
	size_t pe, te;

	pe = xs_field(buf, len, 0);
	if (pe == len || pe == 0)
		return -EINVAL;
	te = xs_field(buf, len, pe + 1);
	if (te == len || te == pe + 1 || te + 1 != len)
		return -EINVAL;
	*path = buf;
	*token = buf + pe + 1;
	return 0;
}

static int
xs_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
xs_parse_mac(const char *s, size_t len, uint8_t mac[6])
{
	uint8_t m[6];

	len = xs_strip_nul(s, len);
	if (len != 17)
		return -EINVAL;
	for (unsigned int i = 0; i < 6; i++) {
		int hi = xs_hex(s[i * 3]), lo = xs_hex(s[i * 3 + 1]);

		if (hi < 0 || lo < 0 || (i < 5 && s[i * 3 + 2] != ':'))
			return -EINVAL;
		m[i] = (uint8_t)(hi << 4 | lo);
	}
	if (m[0] & 1)
		return -EINVAL;
	memcpy(mac, m, sizeof(m));
	return 0;
}
