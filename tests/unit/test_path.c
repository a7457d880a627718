/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of lib/path.c: how a path splits into names, what kind each
 * is, where the last one is and whether a slash ended it; hostile paths
 * (empty, only slashes, thousands of them, dots that are not "." or "..",
 * a path one page long).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <lib/path.h>

#include "ut.h"

/* The parts of path as "kind:name[L][/]" joined by spaces, into out. */
static const char *
ut_split(const char *path, char *out, size_t size)
{
	struct path_part pp;
	const char *p = path;
	size_t n = 0;

	out[0] = '\0';
	while (path_next(&p, &pp)) {
		n += (size_t)snprintf(out + n, size - n, "%s%d:%.*s%s%s",
		    n > 0 ? " " : "", pp.pp_kind, (int)pp.pp_len, pp.pp_name,
		    pp.pp_last ? "L" : "", pp.pp_slash ? "/" : "");
		if (n >= size)
			break;
	}
	return out;
}

UT_TEST(path_split_plain)
{
	char b[256];

	UT_ASSERT_STR(ut_split("a/b/c", b, sizeof(b)), "0:a 0:b 0:cL");
	UT_ASSERT_STR(ut_split("/a/b", b, sizeof(b)), "0:a 0:bL");
	UT_ASSERT_STR(ut_split("a", b, sizeof(b)), "0:aL");
	UT_ASSERT_STR(ut_split("a/", b, sizeof(b)), "0:aL/");
	UT_ASSERT_STR(ut_split("a///", b, sizeof(b)), "0:aL/");
	UT_ASSERT_STR(ut_split("//a//b//", b, sizeof(b)), "0:a 0:bL/");
}

UT_TEST(path_split_dots)
{
	char b[256];

	UT_ASSERT_STR(ut_split(".", b, sizeof(b)), "1:.L");
	UT_ASSERT_STR(ut_split("..", b, sizeof(b)), "2:..L");
	UT_ASSERT_STR(ut_split("a/./../b/.", b, sizeof(b)),
	    "0:a 1:. 2:.. 0:b 1:.L");
	UT_ASSERT_STR(ut_split("../", b, sizeof(b)), "2:..L/");
	/* Names that only start or end with dots are names. */
	UT_ASSERT_STR(ut_split("... .a a. ..a", b, sizeof(b)),
	    "0:... .a a. ..aL");
	UT_ASSERT_STR(ut_split(".../.a/a./..a", b, sizeof(b)),
	    "0:... 0:.a 0:a. 0:..aL");
	UT_ASSERT_EQ(path_kind(".", 1), PATH_DOT);
	UT_ASSERT_EQ(path_kind("..", 2), PATH_DOTDOT);
	UT_ASSERT_EQ(path_kind("...", 3), PATH_NAME);
	UT_ASSERT_EQ(path_kind("..", 1), PATH_DOT);	/* by length */
}

UT_TEST(path_split_nothing)
{
	struct path_part pp;
	const char *p;
	char b[16];

	p = "";
	UT_ASSERT(!path_next(&p, &pp));
	UT_ASSERT_EQ(*p, '\0');
	p = "/";
	UT_ASSERT(!path_next(&p, &pp));
	UT_ASSERT_EQ(*p, '\0');
	UT_ASSERT_STR(ut_split("////////", b, sizeof(b)), "");
}

UT_TEST(path_split_advances)
{
	struct path_part pp;
	const char *path = "ab//cd/", *p = path;

	UT_ASSERT(path_next(&p, &pp));
	UT_ASSERT_EQ(pp.pp_name - path, 0);
	UT_ASSERT_EQ(pp.pp_len, 2);
	UT_ASSERT_EQ(p - path, 2);		/* at the slashes after it */
	UT_ASSERT(!pp.pp_last);
	UT_ASSERT(path_next(&p, &pp));
	UT_ASSERT_EQ(pp.pp_name - path, 4);
	UT_ASSERT(pp.pp_last && pp.pp_slash);
	UT_ASSERT(!path_next(&p, &pp));
	UT_ASSERT(!path_next(&p, &pp));		/* stays at the end */
}

UT_TEST(path_split_hostile_lengths)
{
	size_t big = 8192;
	char *path = malloc(big + 1);
	struct path_part pp;
	const char *p;
	unsigned int names = 0;

	UT_ASSERT(path != NULL);
	/* Thousands of slashes around one name. */
	memset(path, '/', big);
	path[big] = '\0';
	path[4000] = 'x';
	p = path;
	UT_ASSERT(path_next(&p, &pp));
	UT_ASSERT(pp.pp_len == 1 && pp.pp_last && pp.pp_slash);
	UT_ASSERT(!path_next(&p, &pp));
	/* One name as long as the buffer. */
	memset(path, 'n', big);
	p = path;
	UT_ASSERT(path_next(&p, &pp));
	UT_ASSERT(pp.pp_len == big && pp.pp_last && !pp.pp_slash);
	/* "a/" over and over: every name seen once, the last one marked. */
	for (size_t i = 0; i < big; i += 2) {
		path[i] = 'a';
		path[i + 1] = '/';
	}
	p = path;
	while (path_next(&p, &pp)) {
		names++;
		if (pp.pp_last)
			UT_ASSERT(pp.pp_slash && names == big / 2);
	}
	UT_ASSERT_EQ(names, big / 2);
	free(path);
}
