/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Splitting a path into its names (see path.h). */
#include <stdbool.h>
#include <stddef.h>

#include <lib/path.h>

int
path_kind(const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return PATH_DOT;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return PATH_DOTDOT;
	return PATH_NAME;
}

bool
path_next(const char **p, struct path_part *out)
{
	const char *s = *p, *after;

	while (*s == '/')
		s++;
	if (*s == '\0') {
		*p = s;
		return false;
	}
	out->pp_name = s;
	while (*s != '\0' && *s != '/')
		s++;
	out->pp_len = (size_t)(s - out->pp_name);
	out->pp_kind = path_kind(out->pp_name, out->pp_len);
	for (after = s; *after == '/'; after++)
		;
	out->pp_last = *after == '\0';
	out->pp_slash = out->pp_last && after != s;
	*p = s;
	return true;
}
