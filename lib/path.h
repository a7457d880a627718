/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Splitting a path into its names, for the path walk (fs/vfs.c).  Pure:
 * no nodes, no lookups.  A path is a NUL-terminated string (the caller
 * has bounded it); runs of slashes count as one, and what follows the
 * last name tells whether it ended in a slash ("dir/" must name a
 * directory, as path_resolution(7) says).
 */
#ifndef LIB_PATH_H
#define LIB_PATH_H

#include <stdbool.h>
#include <stddef.h>

#define PATH_NAME	0	/* an ordinary name */
#define PATH_DOT	1	/* "." */
#define PATH_DOTDOT	2	/* ".." */

struct path_part {
	const char	*pp_name;	/* the name, not NUL-terminated */
	size_t		 pp_len;	/* its length (>= 1) */
	int		 pp_kind;	/* PATH_NAME, PATH_DOT, PATH_DOTDOT */
	bool		 pp_last;	/* no name follows */
	bool		 pp_slash;	/* pp_last, and slashes followed it */
};

/*
 * The next name of the path at *p, skipping slashes before it: true and
 * *p moved past the name (not past the slashes after it), or false when
 * only slashes (or nothing) are left.
 */
bool	path_next(const char **p, struct path_part *out);

/* PATH_DOT, PATH_DOTDOT or PATH_NAME for len bytes at name. */
int	path_kind(const char *name, size_t len);

#endif /* LIB_PATH_H */
