/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of descriptor tables (fs/fdtable.c): the lowest free
 * descriptor through the open and full bitmaps, growth by doubling from
 * the slots in the structure, dup2 past the end, copies for fork that
 * take references, close-on-exec, emptying; and a long random run
 * against a plain array.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lib/errno.h>
#include <kernel/mm/kmalloc.h>
#include <fs/fdtable.h>
#include <fs/file.h>
#include <fs/lock.h>

#include "ut.h"

/* The table drops references with file_put (fs/file.c on the kernel). */
static unsigned int ut_fd_freed;

void
file_put(struct file *f)
{
	if (f != NULL && --f->f_refs == 0)
		ut_fd_freed++;
}

/* A close lets the owner's record locks go (fs/lock.c on the kernel);
 * the test's files have no node, so the table never asks. */
void
lock_release(struct vnode *v, int kind, const void *owner)
{
	(void)v, (void)kind, (void)owner;
	abort();
}

static struct file *
ut_file(void)
{
	struct file *f = calloc(1, sizeof(*f));

	f->f_refs = 1;		/* the test's own */
	return f;
}

UT_TEST(fdtable_lowest_free_and_limits)
{
	struct fdtable t;
	struct file *f;

	ut_mm_setup();
	memset(&t, 0, sizeof(t));
	f = ut_file();
	UT_ASSERT(fd_get(&t, 0) == NULL && fd_get(&t, -1) == NULL &&
	    fd_get(&t, 1 << 30) == NULL);
	UT_ASSERT_EQ(fd_table_size(&t), 0);
	for (int i = 0; i < 3; i++)
		UT_ASSERT_EQ(fd_install(&t, f, 0, 1024, false), i);
	UT_ASSERT_EQ(fd_table_size(&t), FD_TABLE_FIRST);
	UT_ASSERT(t.ft_block == NULL);		/* the slots inside */
	UT_ASSERT_EQ(f->f_refs, 4);
	UT_ASSERT_EQ(fd_install(&t, f, 10, 1024, false), 10);
	UT_ASSERT_EQ(fd_install(&t, f, 0, 1024, false), 3);
	/* The limit: nothing at or past it. */
	UT_ASSERT_EQ(fd_install(&t, f, 0, 4, false), -EMFILE);
	UT_ASSERT_EQ(fd_install(&t, f, 5, 5, false), -EMFILE);
	UT_ASSERT_EQ(fd_install(&t, f, 0, 0, false), -EMFILE);
	UT_ASSERT_EQ(fd_install(&t, f, -7, 5, false), 4);
	UT_ASSERT_EQ(fd_close(&t, 2), 0);
	UT_ASSERT_EQ(fd_close(&t, 2), -EBADF);
	UT_ASSERT_EQ(fd_close(&t, 5000), -EBADF);
	UT_ASSERT_EQ(fd_close(&t, -1), -EBADF);
	UT_ASSERT_EQ(fd_install(&t, f, 0, 1024, false), 2);
	UT_ASSERT(fd_get(&t, 10) == f && fd_get(&t, 9) == NULL);
	fd_table_close_all(&t);
	UT_ASSERT_EQ(f->f_refs, 1);
	UT_ASSERT_EQ(fd_table_size(&t), 0);
	UT_ASSERT(fd_get(&t, 0) == NULL);
	free(f);
}

UT_TEST(fdtable_grows_by_doubling)
{
	struct fdtable t;
	struct file *f, *g;
	struct kmalloc_stats before, after;

	ut_mm_setup();
	memset(&t, 0, sizeof(t));
	f = ut_file();
	g = ut_file();
	kmalloc_stats(&before);
	for (int i = 0; i < 64; i++)
		UT_ASSERT_EQ(fd_install(&t, f, 0, 100000, false), i);
	UT_ASSERT_EQ(fd_table_size(&t), 64);
	UT_ASSERT_EQ(fd_install(&t, f, 0, 100000, true), 64);
	UT_ASSERT_EQ(fd_table_size(&t), 128);
	UT_ASSERT(fd_get(&t, 0) == f && fd_get(&t, 63) == f &&
	    fd_get(&t, 64) == f && fd_get(&t, 65) == NULL);
	UT_ASSERT(fd_cloexec(&t, 64) && !fd_cloexec(&t, 63));
	/* Straight to a far descriptor: the next power of two. */
	UT_ASSERT_EQ(fd_install(&t, g, 1000, 100000, false), 1000);
	UT_ASSERT_EQ(fd_table_size(&t), 1024);
	UT_ASSERT(t.ft_retired != NULL);	/* 128's, kept for readers */
	UT_ASSERT(fd_get(&t, 1000) == g && fd_cloexec(&t, 64));
	/* dup2 past the end grows to it and replaces what was there. */
	UT_ASSERT_EQ(fd_install_at(&t, g, 70000, true), 70000);
	UT_ASSERT_EQ(fd_table_size(&t), 131072);
	UT_ASSERT_EQ(fd_install_at(&t, g, 5, false), 5);
	UT_ASSERT(fd_get(&t, 5) == g && fd_get(&t, 70000) == g);
	UT_ASSERT_EQ(f->f_refs, 1 + 64);
	UT_ASSERT_EQ(g->f_refs, 1 + 3);
	UT_ASSERT_EQ(fd_install_at(&t, g, FD_NR_OPEN, false), -EBADF);
	/* The lowest free is still found after the table moved. */
	UT_ASSERT_EQ(fd_install(&t, f, 0, 100000, false), 65);
	UT_ASSERT_EQ(fd_next(&t, 66), 1000);
	UT_ASSERT_EQ(fd_next(&t, 1001), 70000);
	UT_ASSERT_EQ(fd_next(&t, 70001), -1);
	UT_ASSERT_EQ(fd_nth(&t, 0), 0);
	UT_ASSERT_EQ(fd_nth(&t, 65), 65);
	UT_ASSERT_EQ(fd_nth(&t, 66), 1000);
	UT_ASSERT_EQ(fd_nth(&t, 67), 70000);
	UT_ASSERT_EQ(fd_nth(&t, 68), -1);
	fd_table_close_all(&t);
	UT_ASSERT_EQ(f->f_refs, 1);
	UT_ASSERT_EQ(g->f_refs, 1);
	kmalloc_stats(&after);
	UT_ASSERT_EQ(after.ks_allocs, before.ks_allocs);	/* all freed */
	free(f);
	free(g);
}

UT_TEST(fdtable_full_words_are_skipped)
{
	struct fdtable t;
	struct file *f;

	ut_mm_setup();
	memset(&t, 0, sizeof(t));
	f = ut_file();
	for (int i = 0; i < 20000; i++)
		UT_ASSERT_EQ(fd_install(&t, f, 0, 20000, false), i);
	UT_ASSERT_EQ(fd_install(&t, f, 0, 20000, false), -EMFILE);
	UT_ASSERT_EQ(fd_install(&t, f, 19999, 20000, false), -EMFILE);
	UT_ASSERT_EQ(fd_table_size(&t), 32768);
	/* Words of 64 all open are marked full; a hole clears the mark. */
	UT_ASSERT_EQ(t.ft_full[0], ~0ULL);
	UT_ASSERT_EQ(fd_close(&t, 19000), 0);
	UT_ASSERT_EQ(fd_close(&t, 64 * 64), 0);		/* first of full word 1 */
	UT_ASSERT_EQ(fd_close(&t, 4095), 0);		/* last of full word 0 */
	UT_ASSERT_EQ(fd_install(&t, f, 0, 20000, false), 4095);
	UT_ASSERT_EQ(fd_install(&t, f, 0, 20000, false), 4096);
	UT_ASSERT_EQ(fd_install(&t, f, 100, 20000, false), 19000);
	UT_ASSERT_EQ(fd_install(&t, f, 0, 30000, false), 20000);
	UT_ASSERT_EQ(fd_install(&t, f, 25000, 30000, false), 25000);
	UT_ASSERT_EQ(fd_install(&t, f, 20001, 30000, false), 20001);
	fd_table_close_all(&t);
	UT_ASSERT_EQ(f->f_refs, 1);
	free(f);
}

UT_TEST(fdtable_copy_and_close_on_exec)
{
	struct fdtable t, c;
	struct file *f, *g;

	ut_mm_setup();
	memset(&t, 0, sizeof(t));
	memset(&c, 0, sizeof(c));
	f = ut_file();
	g = ut_file();
	for (int i = 0; i < 10; i++)
		UT_ASSERT_EQ(fd_install(&t, f, 0, 10000, i % 2 == 0), i);
	UT_ASSERT_EQ(fd_install(&t, g, 5000, 10000, true), 5000);
	UT_ASSERT_EQ(fd_close(&t, 5000), 0);
	UT_ASSERT_EQ(fd_install(&t, g, 300, 10000, false), 300);
	/* A copy as large as the highest open descriptor needs. */
	UT_ASSERT_EQ(fd_table_copy(&c, &t), 0);
	UT_ASSERT_EQ(fd_table_size(&c), 512);
	UT_ASSERT_EQ(f->f_refs, 1 + 20);
	UT_ASSERT_EQ(g->f_refs, 1 + 2);
	UT_ASSERT(fd_get(&c, 300) == g && fd_get(&c, 5000) == NULL &&
	    fd_cloexec(&c, 4) && !fd_cloexec(&c, 5));
	/* Apart afterwards. */
	UT_ASSERT_EQ(fd_close(&c, 0), 0);
	UT_ASSERT(fd_get(&t, 0) == f);
	fd_set_cloexec(&c, 300, true);
	UT_ASSERT(!fd_cloexec(&t, 300) && fd_cloexec(&c, 300));
	fd_table_close_on_exec(&c);
	UT_ASSERT(fd_get(&c, 2) == NULL && fd_get(&c, 3) == f &&
	    fd_get(&c, 300) == NULL);
	UT_ASSERT_EQ(fd_nth(&c, 0), 1);
	UT_ASSERT_EQ(fd_install(&c, f, 0, 10000, false), 0);
	UT_ASSERT_EQ(fd_install(&c, f, 0, 10000, false), 2);
	fd_table_close_all(&c);
	fd_table_close_all(&t);
	UT_ASSERT_EQ(f->f_refs, 1);
	UT_ASSERT_EQ(g->f_refs, 1);
	/* Copying an empty table gives an empty one. */
	UT_ASSERT_EQ(fd_table_copy(&c, &t), 0);
	UT_ASSERT_EQ(fd_table_size(&c), 0);
	free(f);
	free(g);
}

/* Random opens, closes, dup2s and F_DUPFDs against a plain array. */
UT_TEST(fdtable_random_against_model)
{
	enum { N = 3000, LIM = 2500 };
	static struct file *model[N];
	static bool cloexec[N];
	struct fdtable t;
	struct file *files[4];
	unsigned int seed = 12345;

	ut_mm_setup();
	memset(&t, 0, sizeof(t));
	memset(model, 0, sizeof(model));
	for (int i = 0; i < 4; i++)
		files[i] = ut_file();
	for (int step = 0; step < 200000; step++) {
		int op, fd, min, want, got;
		struct file *f;

		seed = seed * 1103515245 + 12345;
		op = (int)(seed >> 16) % 8;
		seed = seed * 1103515245 + 12345;
		fd = (int)(seed >> 8) % N;
		f = files[(seed >> 4) & 3];
		if (op <= 2) {			/* open/dup from min */
			min = op == 0 ? 0 : fd;
			for (want = min; want < LIM && model[want] != NULL;
			    want++)
				;
			got = fd_install(&t, f, min, LIM, op == 2);
			if (want >= LIM) {
				UT_ASSERT_EQ(got, -EMFILE);
			} else {
				UT_ASSERT_EQ(got, want);
				model[want] = f;
				cloexec[want] = op == 2;
			}
		} else if (op <= 4) {		/* close */
			UT_ASSERT_EQ(fd_close(&t, fd), model[fd] != NULL ? 0 :
			    -EBADF);
			model[fd] = NULL;
		} else if (op == 5) {		/* dup2 */
			UT_ASSERT_EQ(fd_install_at(&t, f, fd, false), fd);
			model[fd] = f;
			cloexec[fd] = false;
		} else if (op == 6) {		/* F_SETFD */
			fd_set_cloexec(&t, fd, seed & 1);
			if (model[fd] != NULL)
				cloexec[fd] = seed & 1;
		} else {			/* a look */
			UT_ASSERT(fd_get(&t, fd) == model[fd]);
			UT_ASSERT_EQ(fd_cloexec(&t, fd),
			    model[fd] != NULL && cloexec[fd]);
		}
	}
	for (int fd = 0, n = 0; fd < N; fd++) {
		UT_ASSERT(fd_get(&t, fd) == model[fd]);
		if (model[fd] != NULL)
			UT_ASSERT_EQ(fd_nth(&t, (uint64_t)n++), fd);
	}
	fd_table_close_on_exec(&t);
	for (int fd = 0; fd < N; fd++)
		UT_ASSERT(fd_get(&t, fd) == (cloexec[fd] ? NULL : model[fd]));
	fd_table_close_all(&t);
	for (int i = 0; i < 4; i++) {
		UT_ASSERT_EQ(files[i]->f_refs, 1);
		free(files[i]);
	}
}

/* close_range(2): whole ranges, the table's end, close-on-exec only. */
UT_TEST(fdtable_close_range)
{
	struct fdtable t;
	struct file *f;

	ut_mm_setup();
	memset(&t, 0, sizeof(t));
	f = ut_file();
	for (int i = 0; i < 5; i++)
		UT_ASSERT_EQ(fd_install(&t, f, 0, 100000, false), i);
	UT_ASSERT_EQ(fd_install_at(&t, f, 70, false), 70);
	UT_ASSERT_EQ(fd_install_at(&t, f, 200, false), 200);
	fd_close_range(&t, 1, 2, false);
	UT_ASSERT(fd_get(&t, 0) == f && fd_get(&t, 1) == NULL &&
	    fd_get(&t, 2) == NULL && fd_get(&t, 3) == f);
	/* Close-on-exec only: all stay open, marked in the range. */
	fd_close_range(&t, 4, 100, true);
	UT_ASSERT(fd_get(&t, 4) == f && fd_get(&t, 70) == f);
	UT_ASSERT(fd_cloexec(&t, 4) && fd_cloexec(&t, 70) &&
	    !fd_cloexec(&t, 3) && !fd_cloexec(&t, 200));
	/* Past the end of the table and past INT_MAX: nothing there. */
	fd_close_range(&t, 5000, UINT32_MAX, false);
	fd_close_range(&t, UINT32_MAX, UINT32_MAX, false);
	UT_ASSERT(fd_get(&t, 200) == f);
	/* To the end: a last past the table. */
	fd_close_range(&t, 4, UINT32_MAX, false);
	UT_ASSERT(fd_get(&t, 4) == NULL && fd_get(&t, 70) == NULL &&
	    fd_get(&t, 200) == NULL && fd_get(&t, 3) == f);
	UT_ASSERT_EQ(f->f_refs, 3);	/* 0, 3 and the test's */
	fd_table_close_all(&t);
	UT_ASSERT_EQ(f->f_refs, 1);
	free(f);
}

/* A table shared by CLONE_FILES: the last process out empties it. */
UT_TEST(fdtable_shared_by_processes)
{
	struct fdtable t;

	memset(&t, 0, sizeof(t));
	UT_ASSERT(!fd_table_shared(&t));
	fd_table_share(&t);
	fd_table_share(&t);
	UT_ASSERT(fd_table_shared(&t));
	UT_ASSERT(!fd_table_unshare(&t));
	UT_ASSERT(!fd_table_unshare(&t));
	UT_ASSERT(!fd_table_shared(&t));
	UT_ASSERT(fd_table_unshare(&t));	/* the last one */
}
