/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Descriptor tables (see fdtable.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/spinlock.h>
#include <kernel/mm/kmalloc.h>
#include <fs/fdtable.h>
#include <fs/lock.h>
#include <fs/file.h>

/*
 * The arrays of a grown table, in one allocation: this header, then the
 * slots past the first (size - FD_TABLE_FIRST), the open bits, the
 * close-on-exec bits and the full bits (for all size).  An outgrown
 * block is chained on ft_retired through fb_next, which no reader looks
 * at.
 */
struct fd_block {
	struct fd_block	*fb_next;
	uint64_t	 fb_pad;
};

/* Words of open (and close-on-exec) bits, and of full bits, for size. */
static unsigned int
fd_words(unsigned int size)
{
	return size / 64;
}

static unsigned int
fd_full_words(unsigned int size)
{
	return (fd_words(size) + 63) / 64;
}

static size_t
fd_block_bytes(unsigned int size)
{
	return sizeof(struct fd_block) +
	    (size - FD_TABLE_FIRST) * sizeof(struct file *) +
	    (2 * fd_words(size) + fd_full_words(size)) * sizeof(uint64_t);
}

/* Bits set in x (the kernel is built for CPUs without POPCNT). */
static unsigned int
fd_popcount(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned int)((x * 0x0101010101010101ULL) >> 56);
}

static bool
fd_bit(const uint64_t *map, unsigned int fd)
{
	return (map[fd / 64] >> (fd % 64)) & 1;
}

/* The slot of fd < ft_size. */
static struct file **
fd_slot(struct fdtable *t, unsigned int fd)
{
	return fd < FD_TABLE_FIRST ? &t->ft_first[fd] :
	    &t->ft_more[fd - FD_TABLE_FIRST];
}

/* Put f (may be NULL) in slot fd; the lock is held and fd < ft_size. */
static void
fd_slot_set(struct fdtable *t, unsigned int fd, struct file *f, bool cloexec)
{
	unsigned int w = fd / 64;
	uint64_t bit = 1ULL << (fd % 64);

	__atomic_store_n(fd_slot(t, fd), f, __ATOMIC_RELEASE);
	if (f != NULL) {
		t->ft_open[w] |= bit;
		if (t->ft_open[w] == ~0ULL)
			t->ft_full[w / 64] |= 1ULL << (w % 64);
	} else {
		t->ft_open[w] &= ~bit;
		t->ft_full[w / 64] &= ~(1ULL << (w % 64));
	}
	if (cloexec)
		t->ft_cloexec[w] |= bit;
	else
		t->ft_cloexec[w] &= ~bit;
}

/*
 * The lowest free descriptor >= min: in the table, else ft_size (or min
 * when min is past the end).  The lock is held.
 */
static unsigned int
fd_lowest_free(const struct fdtable *t, unsigned int min)
{
	unsigned int size = t->ft_size, nw = fd_words(size), w, fw;
	uint64_t bits;

	if (min >= size)
		return min;
	w = min / 64;
	if ((bits = ~t->ft_open[w] & (~0ULL << (min % 64))) != 0)
		return w * 64 + (unsigned int)__builtin_ctzll(bits);
	/* The first word after w with a free bit, by the full bits. */
	for (w++, fw = w / 64; fw < fd_full_words(size); fw++) {
		bits = ~t->ft_full[fw];
		if (fw == w / 64)
			bits &= ~0ULL << (w % 64);
		if (bits == 0)
			continue;
		w = fw * 64 + (unsigned int)__builtin_ctzll(bits);
		if (w >= nw)
			break;
		return w * 64 + (unsigned int)__builtin_ctzll(~t->ft_open[w]);
	}
	return size;
}

/* The lowest descriptor >= from whose bit is set in map, or -1. */
static int
fd_scan(const struct fdtable *t, const uint64_t *map, unsigned int from)
{
	unsigned int nw = fd_words(t->ft_size);
	uint64_t bits;

	for (unsigned int w = from / 64; w < nw; w++) {
		bits = map[w];
		if (w == from / 64)
			bits &= ~0ULL << (from % 64);
		if (bits != 0)
			return (int)(w * 64 + (unsigned int)__builtin_ctzll(bits));
	}
	return -1;
}

/* The highest open descriptor, or -1.  The lock is held. */
static int
fd_highest(const struct fdtable *t)
{
	for (unsigned int w = fd_words(t->ft_size); w-- > 0;)
		if (t->ft_open[w] != 0)
			return (int)(w * 64 + 63 -
			    (unsigned int)__builtin_clzll(t->ft_open[w]));
	return -1;
}

int
fd_table_highest(struct fdtable *t)
{
	bool on = spin_lock_irqsave(&t->ft_lock);
	int high = fd_highest(t);

	spin_unlock_irqrestore(&t->ft_lock, on);
	return high;
}

/*
 * Grow t to at least want slots (at most FD_NR_OPEN): 0 or -ENOMEM.
 * Called without the lock; the new arrays are made before taking it.
 */
static int
fd_grow(struct fdtable *t, unsigned int want)
{
	unsigned int size = FD_TABLE_FIRST, old;
	struct fd_block *b = NULL;
	struct file **more = NULL;
	uint64_t *open, *cloexec, *full;
	bool on;

	while (size < want)
		size <<= 1;
	if (size > FD_TABLE_FIRST) {
		if ((b = kzalloc(fd_block_bytes(size))) == NULL)
			return -ENOMEM;
		more = (struct file **)(b + 1);
		open = (uint64_t *)(more + size - FD_TABLE_FIRST);
		cloexec = open + fd_words(size);
		full = cloexec + fd_words(size);
	} else {
		open = &t->ft_first_open;
		cloexec = &t->ft_first_cloexec;
		full = &t->ft_first_full;
	}
	on = spin_lock_irqsave(&t->ft_lock);
	if ((old = t->ft_size) >= size) {	/* another thread grew it */
		spin_unlock_irqrestore(&t->ft_lock, on);
		kfree(b);
		return 0;
	}
	if (old > 0 && b != NULL) {
		if (old > FD_TABLE_FIRST)
			memcpy(more, t->ft_more,
			    (old - FD_TABLE_FIRST) * sizeof(*more));
		memcpy(open, t->ft_open, fd_words(old) * sizeof(*open));
		memcpy(cloexec, t->ft_cloexec, fd_words(old) * sizeof(*open));
		memcpy(full, t->ft_full, fd_full_words(old) * sizeof(*open));
	}
	if (t->ft_block != NULL) {
		/* Readers may still be in it: keep it until the table empties. */
		((struct fd_block *)t->ft_block)->fb_next = t->ft_retired;
		t->ft_retired = t->ft_block;
	}
	if (b != NULL)
		t->ft_block = b;
	t->ft_open = open;
	t->ft_cloexec = cloexec;
	t->ft_full = full;
	/* The new slots first: a reader seeing the new size sees them. */
	__atomic_store_n(&t->ft_more, more, __ATOMIC_RELEASE);
	__atomic_store_n(&t->ft_size, size, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&t->ft_lock, on);
	return 0;
}

int
fd_install(struct fdtable *t, struct file *f, int min, int limit,
    bool cloexec)
{
	unsigned int fd;
	int error;
	bool on;

	if (min < 0)
		min = 0;
	if (limit > FD_NR_OPEN)
		limit = FD_NR_OPEN;
	for (;;) {
		on = spin_lock_irqsave(&t->ft_lock);
		fd = fd_lowest_free(t, (unsigned int)min);
		if (limit <= 0 || fd >= (unsigned int)limit) {
			spin_unlock_irqrestore(&t->ft_lock, on);
			return -EMFILE;
		}
		if (fd < t->ft_size) {
			fd_slot_set(t, fd, f, cloexec);
			f->f_refs++;
			spin_unlock_irqrestore(&t->ft_lock, on);
			return (int)fd;
		}
		spin_unlock_irqrestore(&t->ft_lock, on);
		if ((error = fd_grow(t, fd + 1)) != 0)
			return error;
	}
}

int
fd_install_at(struct fdtable *t, struct file *f, int fd, bool cloexec)
{
	struct file *old;
	int error;
	bool on;

	if (fd < 0 || fd >= FD_NR_OPEN)
		return -EBADF;
	for (;;) {
		on = spin_lock_irqsave(&t->ft_lock);
		if ((unsigned int)fd < t->ft_size) {
			old = *fd_slot(t, (unsigned int)fd);
			fd_slot_set(t, (unsigned int)fd, f, cloexec);
			f->f_refs++;
			spin_unlock_irqrestore(&t->ft_lock, on);
			file_put(old);
			return fd;
		}
		spin_unlock_irqrestore(&t->ft_lock, on);
		if ((error = fd_grow(t, (unsigned int)fd + 1)) != 0)
			return error;
	}
}

int
fd_close(struct fdtable *t, int fd)
{
	bool on = spin_lock_irqsave(&t->ft_lock);
	struct file *f = NULL;

	if ((unsigned int)fd < t->ft_size &&
	    (f = *fd_slot(t, (unsigned int)fd)) != NULL)
		fd_slot_set(t, (unsigned int)fd, NULL, false);
	spin_unlock_irqrestore(&t->ft_lock, on);
	if (f == NULL)
		return -EBADF;
	/* POSIX record locks: any close of the file by their owner. */
	if (f->f_node != NULL)
		lock_release(f->f_node, LOCK_POSIX, t);
	file_put(f);
	return 0;
}

bool
fd_cloexec(struct fdtable *t, int fd)
{
	bool on = spin_lock_irqsave(&t->ft_lock), set;

	set = (unsigned int)fd < t->ft_size &&
	    fd_bit(t->ft_cloexec, (unsigned int)fd);
	spin_unlock_irqrestore(&t->ft_lock, on);
	return set;
}

void
fd_set_cloexec(struct fdtable *t, int fd, bool set)
{
	bool on = spin_lock_irqsave(&t->ft_lock);
	struct file *f;

	if ((unsigned int)fd < t->ft_size &&
	    (f = *fd_slot(t, (unsigned int)fd)) != NULL)
		fd_slot_set(t, (unsigned int)fd, f, set);
	spin_unlock_irqrestore(&t->ft_lock, on);
}

int
fd_next(struct fdtable *t, int from)
{
	bool on = spin_lock_irqsave(&t->ft_lock);
	int fd = from < 0 ? fd_scan(t, t->ft_open, 0) :
	    fd_scan(t, t->ft_open, (unsigned int)from);

	spin_unlock_irqrestore(&t->ft_lock, on);
	return fd;
}

int
fd_nth(struct fdtable *t, uint64_t n)
{
	bool on = spin_lock_irqsave(&t->ft_lock);
	unsigned int nw = fd_words(t->ft_size);
	int fd = -1;

	for (unsigned int w = 0; w < nw; w++) {
		uint64_t bits = t->ft_open[w];
		unsigned int c = fd_popcount(bits);

		if (n >= c) {
			n -= c;
			continue;
		}
		while (n-- > 0)
			bits &= bits - 1;	/* drop the lowest */
		fd = (int)(w * 64 + (unsigned int)__builtin_ctzll(bits));
		break;
	}
	spin_unlock_irqrestore(&t->ft_lock, on);
	return fd;
}

unsigned int
fd_table_size(struct fdtable *t)
{
	return __atomic_load_n(&t->ft_size, __ATOMIC_ACQUIRE);
}

int
fd_table_copy(struct fdtable *dst, struct fdtable *src)
{
	unsigned int nw, size;
	int high, error;
	bool on;

	for (;;) {
		on = spin_lock_irqsave(&src->ft_lock);
		high = fd_highest(src);
		if (high < 0) {
			spin_unlock_irqrestore(&src->ft_lock, on);
			return 0;
		}
		if (dst->ft_size > (unsigned int)high)
			break;
		spin_unlock_irqrestore(&src->ft_lock, on);
		/* dst is the caller's alone: growing it needs no care. */
		if ((error = fd_grow(dst, (unsigned int)high + 1)) != 0) {
			fd_table_close_all(dst);	/* frees what grew */
			return error;
		}
	}
	/* Every open descriptor is below dst's size. */
	size = dst->ft_size < src->ft_size ? dst->ft_size : src->ft_size;
	nw = fd_words(size);
	memcpy(dst->ft_first, src->ft_first, sizeof(dst->ft_first));
	if (size > FD_TABLE_FIRST)
		memcpy(dst->ft_more, src->ft_more,
		    (size - FD_TABLE_FIRST) * sizeof(*dst->ft_more));
	memcpy(dst->ft_open, src->ft_open, nw * sizeof(uint64_t));
	memcpy(dst->ft_cloexec, src->ft_cloexec, nw * sizeof(uint64_t));
	for (unsigned int w = 0; w < nw; w++)
		if (dst->ft_open[w] == ~0ULL)
			dst->ft_full[w / 64] |= 1ULL << (w % 64);
	for (int fd = fd_scan(dst, dst->ft_open, 0); fd >= 0;
	    fd = fd_scan(dst, dst->ft_open, (unsigned int)fd + 1))
		(*fd_slot(dst, (unsigned int)fd))->f_refs++;
	spin_unlock_irqrestore(&src->ft_lock, on);
	return 0;
}

void
fd_table_close_all(struct fdtable *t)
{
	struct fd_block *b, *next;
	bool on;

	for (int fd = fd_next(t, 0); fd >= 0; fd = fd_next(t, fd + 1))
		(void)fd_close(t, fd);
	on = spin_lock_irqsave(&t->ft_lock);
	b = t->ft_block;
	if (b != NULL)
		b->fb_next = t->ft_retired;
	else
		b = t->ft_retired;
	__atomic_store_n(&t->ft_size, 0, __ATOMIC_RELEASE);
	t->ft_more = NULL;
	t->ft_open = t->ft_cloexec = t->ft_full = NULL;
	t->ft_block = t->ft_retired = NULL;
	t->ft_first_open = t->ft_first_cloexec = t->ft_first_full = 0;
	spin_unlock_irqrestore(&t->ft_lock, on);
	for (; b != NULL; b = next) {
		next = b->fb_next;
		kfree(b);
	}
}

void
fd_table_share(struct fdtable *t)
{
	bool on = spin_lock_irqsave(&t->ft_lock);

	t->ft_sharers++;
	spin_unlock_irqrestore(&t->ft_lock, on);
}

bool
fd_table_unshare(struct fdtable *t)
{
	bool on = spin_lock_irqsave(&t->ft_lock), last = t->ft_sharers == 0;

	if (!last)
		t->ft_sharers--;
	spin_unlock_irqrestore(&t->ft_lock, on);
	return last;
}

bool
fd_table_shared(struct fdtable *t)
{
	return __atomic_load_n(&t->ft_sharers, __ATOMIC_RELAXED) != 0;
}

void
fd_close_range(struct fdtable *t, unsigned int first, unsigned int last,
    bool cloexec)
{
	int fd = -1;
	bool on;

	if (first > INT32_MAX)
		return;
	for (unsigned int from = first;; from = (unsigned int)fd + 1) {
		on = spin_lock_irqsave(&t->ft_lock);
		fd = fd_scan(t, t->ft_open, from);
		if (fd >= 0 && (unsigned int)fd <= last && cloexec)
			fd_slot_set(t, (unsigned int)fd,
			    *fd_slot(t, (unsigned int)fd), true);
		spin_unlock_irqrestore(&t->ft_lock, on);
		if (fd < 0 || (unsigned int)fd > last)
			return;
		if (!cloexec)
			(void)fd_close(t, fd);
		if ((unsigned int)fd == last)
			return;
	}
}

void
fd_table_close_on_exec(struct fdtable *t)
{
	int fd = -1;
	bool on;

	for (;;) {
		on = spin_lock_irqsave(&t->ft_lock);
		fd = fd_scan(t, t->ft_cloexec, (unsigned int)(fd + 1));
		spin_unlock_irqrestore(&t->ft_lock, on);
		if (fd < 0)
			return;
		(void)fd_close(t, fd);
	}
}
