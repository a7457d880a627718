/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Kernel command-line parsing (see cmdline.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cmdline.h>
#include <lib/errno.h>
#include <lib/string.h>

/*
 * Scan one word at *pp: key [klen], value [vlen] (quotes stripped).
 * Returns false at the end of the line.
 */
static bool
cmdline_next(const char **pp, const char **key, size_t *klen,
    const char **val, size_t *vlen)
{
	const char *p = *pp;
	bool whole = false;	/* "key=value" quoted as one word (GRUB) */

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '\0')
		return false;
	if (*p == '"') {
		whole = true;
		p++;
	}
	*key = p;
	while (*p != '\0' && *p != '=' && (whole ? *p != '"' :
	    *p != ' ' && *p != '\t' && *p != '\n'))
		p++;
	*klen = (size_t)(p - *key);
	*val = p;
	*vlen = 0;
	if (*p == '=') {
		p++;
		if (whole || *p == '"' || *p == '\'') {
			char q = whole ? '"' : *p;

			*val = whole ? p : ++p;
			while (*p != '\0' && *p != q)
				p++;
			*vlen = (size_t)(p - *val);
			if (*p == q)
				p++;
		} else {
			*val = p;
			while (*p != '\0' && *p != ' ' && *p != '\t' &&
			    *p != '\n')
				p++;
			*vlen = (size_t)(p - *val);
		}
	} else if (whole && *p == '"') {
		p++;
	}
	*pp = p;
	return true;
}

bool
cmdline_get(const char *line, const char *key, char *buf, size_t size)
{
	const char *k, *v, *p = line;
	size_t kl, vl, want = strlen(key);
	bool found = false;

	while (cmdline_next(&p, &k, &kl, &v, &vl)) {
		if (kl != want || memcmp(k, key, kl) != 0)
			continue;
		found = true;
		if (size == 0)
			continue;
		if (vl >= size)
			vl = size - 1;
		memcpy(buf, v, vl);
		buf[vl] = '\0';
	}
	return found;
}

int
cmdline_get_uint(const char *line, const char *key, uint64_t min,
    uint64_t max, uint64_t def, uint64_t *out)
{
	char buf[24];
	uint64_t v = 0;

	*out = def;
	if (!cmdline_get(line, key, buf, sizeof(buf)))
		return -ENOENT;
	if (buf[0] == '\0')
		return -EINVAL;
	for (const char *c = buf; *c != '\0'; c++) {
		if (*c < '0' || *c > '9' || v > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(*c - '0');
	}
	if (v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

void
cmdline_foreach(const char *line,
    void (*fn)(const char *key, size_t klen, void *arg), void *arg)
{
	const char *k, *v, *p = line;
	size_t kl, vl;

	while (cmdline_next(&p, &k, &kl, &v, &vl))
		fn(k, kl, arg);
}

static const char *cmdline_boot_line = "";

void
cmdline_save(const char *line)
{
	cmdline_boot_line = line != NULL ? line : "";
}

const char *
cmdline_boot(void)
{
	return cmdline_boot_line;
}
