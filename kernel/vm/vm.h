/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Address spaces of ring-3 programs: a page-table root plus a sorted list
 * of areas (VMAs), each anonymous or backed by a file, private
 * (copy-on-write) or shared.  Pages arrive on first touch through
 * vm_fault(); fork shares every page copy-on-write; read-only file pages
 * come from the file's page cache, so a hundred busybox processes map
 * one copy of its text.
 */
#ifndef KERNEL_VM_VM_H
#define KERNEL_VM_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/x86_64/include/spinlock.h>

/* Area rights and kinds (the rights share PROT_* values). */
#define VM_READ		0x01
#define VM_WRITE	0x02
#define VM_EXEC		0x04
#define VM_SHARED	0x08	/* MAP_SHARED: fork shares, never copies */
#define VM_GROWSDOWN	0x10	/* the stack: faults below it extend it */
#define VM_HEAP		0x20	/* the brk area */
#define VM_LOCKED	0x80	/* mlock: kept resident (all pages are:
				 * no swap) and counted for RLIMIT_MEMLOCK */
#define VM_MAYWRITE	0x40	/* a shared file area mprotect may make
				 * writable (the file is open for writing) */
#define VM_WIPEONFORK	0x100	/* MADV_WIPEONFORK: a child gets zeros */
#define VM_DONTFORK	0x200	/* MADV_DONTFORK: a child gets nothing */
#define VM_RIGHTS	(VM_READ | VM_WRITE | VM_EXEC)
#define VM_FORCE	0x400	/* an access, not an area flag: ptrace's */

#define VM_STACK_MAX	(8UL << 20)	/* how far the stack may grow */
#define VM_STACK_GUARD	(256UL << 12)	/* Linux's stack_guard_gap */
#define VM_BRK_MAX	(1UL << 30)	/* heap limit above its start */
#define VM_LOW		0x10000UL	/* nothing is mapped below 64 KiB */

struct vnode;
struct aio_ctx;

struct vm_area {
	struct vm_area	*va_next;	/* next higher area */
	uint64_t	 va_start;	/* page aligned */
	uint64_t	 va_end;	/* page aligned, exclusive */
	unsigned int	 va_flags;	/* VM_* */
	struct vnode	*va_file;	/* held; NULL: anonymous memory */
	uint64_t	 va_off;	/* file offset of va_start */
	uint64_t	 va_off_end;	/* file bytes stop here (ELF .bss) */
	char		*va_name;	/* for maps: path, or NULL */
	/*
	 * A kernel mapping (vm_map_special): page i of the area is
	 * va_pages[va_off / PAGE_SIZE + i], a page the kernel keeps for
	 * ever; its leaves hold no reference.  NULL for all others.
	 */
	const uint64_t	*va_pages;
	uint64_t	 va_npages;
};

struct vm_space {
	uint64_t	 vs_root;	/* page-table root; fixed for life */
	unsigned int	 vs_refs;	/* threads sharing it (CLONE_VM) */
	struct spinlock	 vs_lock;	/* areas and page tables */
	struct vm_area	*vs_areas;	/* sorted by address */
	uint64_t	 vs_brk_base;	/* set by exec: heap start */
	uint64_t	 vs_brk;	/* current program break */
	uint64_t	 vs_pages;	/* pages mapped (resident) */
	uint64_t	 vs_pages_peak;	/* the most vs_pages has been */
	uint64_t	 vs_gen;	/* bumped when the areas change */
	struct vm_area	*vs_hint;	/* vm_range_ok's last answer, valid
					 * while vs_hint_gen == vs_gen */
	uint64_t	 vs_hint_gen;
	bool		 vs_supervisor;	/* the ring-0 app's: pages without
					 * the user bit (set before use) */
	bool		 vs_lock_future; /* mlockall(MCL_FUTURE): new areas
					 * are locked */
	struct aio_ctx	*vs_aio;	/* AIO contexts (syscall/sys_aio.c) */
	unsigned int	 vs_membarrier;	/* membarrier's REGISTER_* commands
					 * done (kept by fork, not exec) */
	struct vm_space	*vs_next;	/* every space, for files that shrink */
	struct vm_space	**vs_prevp;
};

struct vm_space *vm_space_create(void);
struct vm_space *vm_space_fork(struct vm_space *);
void	vm_space_hold(struct vm_space *);
void	vm_space_release(struct vm_space *);
/*
 * What vm_space_release calls as a space goes (its last thread), before
 * its areas: the AIO contexts it owns (syscall/sys_aio.c, at boot).
 */
void	vm_set_release_hook(void (*fn)(struct vm_space *));

/* Map [va, va + len) replacing whatever was there; file may be NULL. */
int	vm_map_fixed(struct vm_space *, uint64_t va, uint64_t len,
	    unsigned int flags, struct vnode *file, uint64_t off,
	    uint64_t off_end, const char *name);

/*
 * Map npages kernel pages (physical addresses; the vDSO and its clock
 * page) at va, replacing whatever was there, with rights flags (never
 * VM_WRITE): every process sees the same frames, fork shares them, and
 * nothing is freed when they are unmapped.
 */
int	vm_map_special(struct vm_space *, uint64_t va, const uint64_t *pages,
	    uint64_t npages, unsigned int flags, const char *name);

/* A free place for len bytes where mmap(NULL, len) would put it, or 0. */
uint64_t vm_free_place(struct vm_space *, uint64_t len);

/* mmap(2)'s placement: hint or top-down; returns the address or -errno. */
#define VM_MAP_FIXED		1
#define VM_MAP_NOREPLACE	2
long	vm_mmap(struct vm_space *, uint64_t addr, uint64_t len,
	    unsigned int flags, int how, struct vnode *file, uint64_t off,
	    const char *name);

int	vm_unmap(struct vm_space *, uint64_t va, uint64_t len);
int	vm_protect(struct vm_space *, uint64_t va, uint64_t len,
	    unsigned int rights);
/*
 * madvise's fork advice: set and clear VM_WIPEONFORK or VM_DONTFORK on
 * the areas of [va, va + len), split at its ends.  0; -EINVAL for
 * VM_WIPEONFORK on a file or shared area (nothing changed); -ENOMEM if
 * part of the range is not mapped (the mapped parts changed, as Linux).
 */
int	vm_advise_fork(struct vm_space *, uint64_t va, uint64_t len,
	    unsigned int set, unsigned int clear);
#define VM_REMAP_MAYMOVE	1
#define VM_REMAP_FIXED		2
long	vm_remap(struct vm_space *, uint64_t old, uint64_t old_len,
	    uint64_t new_len, int how, uint64_t new_addr);
uint64_t vm_brk(struct vm_space *, uint64_t want);

/* Resolve a fault at va for access (VM_READ/WRITE/EXEC): 0 or -EFAULT. */
int	vm_fault(struct vm_space *, uint64_t va, unsigned int access);

/*
 * Was a fault at va a touch of a file page wholly past the file's end
 * (SIGBUS with BUS_ADRERR, not SIGSEGV)?
 */
bool	vm_fault_is_bus(struct vm_space *, uint64_t va);

/*
 * The file v shrank to size: drop every page mapped past it, in every
 * space (fs/ calls this through vfs_set_shrunk_hook).
 */
void	vm_file_shrunk(struct vnode *v, uint64_t size);

/*
 * msync(2) after the argument checks: -EBUSY when invalidate is asked of
 * a range with a locked area in it, -ENOMEM when [va, va + len) is not
 * all mapped.  Files live in memory, so a mapping is already the file.
 */
int	vm_sync(struct vm_space *, uint64_t va, uint64_t len, bool invalidate);

/*
 * mlock/munlock: set or clear VM_LOCKED on the areas of [va, va + len)
 * (page aligned), -ENOMEM when they do not cover it all.  mlockall and
 * munlockall: every area, and (future) the areas made later.  The bytes
 * locked now, for RLIMIT_MEMLOCK.
 */
int	vm_lock(struct vm_space *, uint64_t va, uint64_t len, bool lock);
void	vm_lock_all(struct vm_space *, bool lock, bool future);
uint64_t vm_locked_bytes(struct vm_space *);

/*
 * mincore: vec[i] = 1 when page i of [va, va + n pages) is resident in
 * this space, else 0; -ENOMEM when areas do not cover it all.
 */
int	vm_mincore(struct vm_space *, uint64_t va, size_t n, uint8_t *vec);

/* Fault in every page of [va, va + len) for access. */
int	vm_populate(struct vm_space *, uint64_t va, uint64_t len,
	    unsigned int access);

/*
 * process_vm_readv/writev: copy up to len bytes between [va, va + len)
 * of vs (any space, not only the caller's) and the kernel buffer buf,
 * faulting pages in as an access of the program would (copy-on-write
 * included; never past the areas' rights).  Returns the bytes moved,
 * stopping at the first page that cannot be reached.
 */
size_t	vm_access(struct vm_space *vs, uint64_t va, void *buf, size_t len,
	    bool write);
/*
 * As vm_access, for ptrace: a read-only private area is written too,
 * into the space's own copy of the page (Linux's FOLL_FORCE); the
 * mapping stays read-only for the program.
 */
size_t	vm_access_force(struct vm_space *vs, uint64_t va, void *buf,
	    size_t len, bool write);

/*
 * For futexes in memory other processes share (the page faulted in, as
 * Linux pins it): 1 with the physical address of va in *pa when va lies
 * in a MAP_SHARED area, 0 in another area, -EFAULT when va is unmapped,
 * unreadable or its page cannot be had (a file's page past its end).
 */
int	vm_shared_phys(struct vm_space *, uint64_t va, uint64_t *pa);

/*
 * True when every byte of [va, va + len) lies in areas that allow access:
 * touching it can only fault into vm_fault, which will serve it.  The
 * ring-0 app's read and write use the app's buffers in place on this.
 */
bool	vm_range_ok(struct vm_space *, uint64_t va, uint64_t len,
	    unsigned int access);

/*
 * madvise(MADV_DONTNEED): drop the pages of [va, va + len), keeping the
 * areas; -ENOMEM when areas do not cover it all.
 */
int	vm_discard(struct vm_space *, uint64_t va, uint64_t len);

/*
 * The area at va: false if none; else its file (NULL: anonymous), start,
 * end and the file offset of its start.
 */
bool	vm_area_at(struct vm_space *, uint64_t va, struct vnode **file,
	    uint64_t *start, uint64_t *end, uint64_t *off);

/* The VM_* flags of the area at va, 0 if none. */
unsigned int vm_flags_at(struct vm_space *, uint64_t va);

/* The file mapped at va, or NULL (held by the area while it lasts). */
struct vnode *vm_file_at(struct vm_space *, uint64_t va);

/*
 * Call fn on every area in address order, under the space's lock (fn must
 * not fault or sleep): /proc/<pid>/maps and the memory figures of
 * /proc/<pid>/stat and status.
 */
void	vm_areas_foreach(struct vm_space *,
	    void (*fn)(const struct vm_area *, void *), void *arg);

/*
 * What of area a is resident, for /proc/<pid>/smaps, in bytes: pages
 * mapped, their proportional share (each page divided among those holding
 * it; in 1/4096 bytes), and by sharing and dirtiness.  Call from
 * vm_areas_foreach's fn (the space's lock held).
 */
struct vm_usage {
	uint64_t	vu_rss;
	uint64_t	vu_pss_4k;
	uint64_t	vu_shared_clean, vu_shared_dirty;
	uint64_t	vu_private_clean, vu_private_dirty;
	uint64_t	vu_referenced, vu_anon;
};
void	vm_area_usage(struct vm_space *, const struct vm_area *a,
	    struct vm_usage *u);

/*
 * /proc/<pid>/pagemap: one 64-bit entry per page of [va, va + n pages),
 * as Linux's: bit 63 present, 61 a file's page or shared, 56 mapped
 * only here, 55 soft-dirty (every page, as nothing clears it), and the
 * page frame number in bits 0-54 when pfn is true (else 0).
 */
#define VM_PM_PRESENT	(1UL << 63)
#define VM_PM_FILE	(1UL << 61)
#define VM_PM_EXCLUSIVE	(1UL << 56)
#define VM_PM_SOFT_DIRTY (1UL << 55)
void	vm_pagemap(struct vm_space *, uint64_t va, size_t n, uint64_t *out,
	    bool pfn);

#endif /* KERNEL_VM_VM_H */
