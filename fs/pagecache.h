/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Page cache: whole pages of a file, read once and mapped by every
 * program that maps them (a static binary's text, shared by all its
 * processes).  Pages are reference counted (page_ref_*); the cache holds
 * one reference, each mapping another.  When the file changes the cache
 * is dropped: mappings keep the pages they have, which is what
 * MAP_PRIVATE promises, and later faults read the new contents.
 */
#ifndef FS_PAGECACHE_H
#define FS_PAGECACHE_H

#include <stdint.h>

struct vnode;

/*
 * The page of v at file offset off (page aligned, a whole page inside the
 * file) with a reference for the caller; 0 when it cannot be had (no
 * memory, or the page is not whole), and the caller reads it privately.
 */
uint64_t pagecache_get(struct vnode *v, uint64_t off);

/*
 * The cached page of v at off with the cache's reference handed to the
 * caller (the cache forgets it), or 0: a filesystem moving a file into
 * pages of its own keeps the pages programs already map.
 */
uint64_t pagecache_take(struct vnode *v, uint64_t off);

/* Forget v's cached pages: its contents changed or it is going away. */
void	pagecache_drop(struct vnode *v);

/*
 * Free every cached page that no program maps (memory is short); returns
 * how many pages came back.  Later faults read them again.
 */
uint64_t pagecache_reclaim(void);

#endif /* FS_PAGECACHE_H */
