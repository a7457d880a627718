/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Memory system calls for ring-3 programs: brk, mmap (anonymous and
 * file-backed, private or shared), munmap, mprotect, mremap, madvise.
 * Argument checks live here; the address-space work is kernel/vm/vm.c's.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <fs/file.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/proc.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4
#define PROT_GROWSDOWN	0x01000000
#define PROT_GROWSUP	0x02000000
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_GROWSDOWN	0x0100
#define MAP_DENYWRITE	0x0800
#define MAP_EXECUTABLE	0x1000
#define MAP_LOCKED	0x2000
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000
#define MAP_NONBLOCK	0x10000
#define MAP_STACK	0x20000
#define MAP_HUGETLB	0x40000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_KNOWN	(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | \
	MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE |	\
	MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB |		\
	MAP_FIXED_NOREPLACE)
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2
#define MREMAP_DONTUNMAP 4

static struct vm_space *
sys_mm_space(void)
{
	return thread_current()->t_vm;
}

long
sys_brk(struct trap_frame *tf)
{
	return (long)vm_brk(sys_mm_space(), tf->rdi);
}

static long sys_mm_lock_room(uint64_t more);

long
sys_mmap(struct trap_frame *tf)
{
	uint64_t addr = tf->rdi, len = tf->rsi, off = tf->r9;
	unsigned long prot = tf->rdx, flags = tf->r10;
	unsigned int vflags = prot & VM_RIGHTS;
	struct vnode *v = NULL, *w;
	struct file *f;
	bool shared_write;
	const char *name = NULL;
	char *path = NULL;
	int how = 0, error;
	long va;

	/*
	 * Linux's order: the offset's alignment, then the descriptor
	 * (-EBADF even for a length of 0), then the rest.
	 */
	if ((off & (PAGE_SIZE - 1)) != 0)
		return -EINVAL;
	f = NULL;
	if (!(flags & MAP_ANONYMOUS) &&
	    (f = fd_get_open(proc_current()->p_fds, (int)tf->r8)) == NULL)
		return -EBADF;
	if (len == 0)
		return -EINVAL;
	if (len > PAGING_USER_TOP)
		return -ENOMEM;		/* as Linux: more than can ever fit */
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
	case MAP_SHARED_VALIDATE:
		if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE &&
		    (flags & ~(unsigned long)MAP_KNOWN) != 0)
			return -EOPNOTSUPP;
		vflags |= VM_SHARED;
		break;
	case MAP_PRIVATE:
		break;
	default:
		return -EINVAL;
	}
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if ((addr & (PAGE_SIZE - 1)) != 0)
			return -EINVAL;
		how = (flags & MAP_FIXED) ? VM_MAP_FIXED : VM_MAP_NOREPLACE;
	}
	if (flags & MAP_HUGETLB)
		return -EINVAL;		/* no huge page pool */
	/*
	 * MAP_GROWSDOWN: faults below an anonymous mapping extend it
	 * (kernel/vm keeps Linux's guard gap); not a shared one (-EINVAL,
	 * as Linux).  A file mapping ignores it here.
	 */
	if ((flags & MAP_GROWSDOWN) && (flags & MAP_ANONYMOUS)) {
		if (vflags & VM_SHARED)
			return -EINVAL;
		vflags |= VM_GROWSDOWN;
	}
	/* MAP_LOCKED: as mlock, within RLIMIT_MEMLOCK (else -EAGAIN). */
	if (flags & MAP_LOCKED) {
		if (sys_mm_lock_room(ALIGN_UP(len, PAGE_SIZE)) != 0)
			return -EAGAIN;
		vflags |= VM_LOCKED;
	}
	if (!(flags & MAP_ANONYMOUS)) {
		if ((f->f_flags & O_ACCMODE) == O_WRONLY)
			return -EACCES;
		/* The kind decides: its pages, anonymous memory, -ENODEV. */
		shared_write = (vflags & VM_SHARED) && (prot & PROT_WRITE);
		/* Any kind: a shared writable mapping needs a writer. */
		if (shared_write && (f->f_flags & O_ACCMODE) == O_RDONLY)
			return -EACCES;
		if ((error = f->f_ops->fo_mmap(f, shared_write, &v)) != 0)
			return error;
		/* A sealed file takes no new shared writable mapping. */
		if (v != NULL && (vflags & VM_SHARED) && (v->v_seals &
		    (VFS_SEAL_WRITE | VFS_SEAL_FUTURE_WRITE))) {
			if (shared_write)
				return -EPERM;
		/* May mprotect make the shared mapping writable later? */
		} else if ((vflags & VM_SHARED) && v != NULL && (shared_write ||
		    f->f_ops->fo_mmap(f, true, &w) == 0)) {
			vflags |= VM_MAYWRITE;
		}
		if (off + len < off)
			return -EOVERFLOW;
		/* /proc/PID/maps names the file (ld.so's libraries). */
		if (v != NULL) {
			path = kmalloc(VFS_PATH_MAX);
			name = path != NULL && vfs_path_of(v, path,
			    VFS_PATH_MAX) > 0 ? path : "";
		}
	}
	/*
	 * Shared anonymous memory (MAP_ANONYMOUS, or /dev/zero) is a
	 * nameless file in pages, as Linux backs it with shmem: pages first
	 * touched after a fork are still one copy for both sides.
	 */
	if ((vflags & VM_SHARED) && v == NULL) {
		if ((v = ramfs_file_new(vfs_root()->v_mnt, 0600)) == NULL)
			return -ENOMEM;
		if ((error = vfs_truncate(v, ALIGN_UP(len, PAGE_SIZE))) != 0) {
			vfs_release(v);
			return error == -EFBIG ? -ENOMEM : error;
		}
		off = 0;
		/* As Linux: /dev/zero opened read-only may never be written. */
		if (f == NULL || (f->f_flags & O_ACCMODE) != O_RDONLY)
			vflags |= VM_MAYWRITE;
		name = "/dev/zero (deleted)";
		va = vm_mmap(sys_mm_space(), addr, len, vflags, how, v, off,
		    name);
		vfs_release(v);		/* the area holds it */
	} else {
		va = vm_mmap(sys_mm_space(), addr, len, vflags, how, v, off,
		    name);
	}
	kfree(path);
	if (va >= 0 && (flags & (MAP_POPULATE | MAP_LOCKED)) && prot != 0)
		(void)vm_populate(sys_mm_space(), (uint64_t)va, len,
		    (prot & PROT_WRITE) ? VM_WRITE : VM_READ);
	return va;
}

static bool
sys_mm_range_ok(uint64_t addr, uint64_t len)
{
	return (addr & (PAGE_SIZE - 1)) == 0 && addr + len >= addr &&
	    addr + len <= PAGING_USER_TOP;
}

long
sys_munmap(struct trap_frame *tf)
{
	uint64_t addr = tf->rdi, len = ALIGN_UP(tf->rsi, PAGE_SIZE);

	if (len == 0 || !sys_mm_range_ok(addr, len))
		return -EINVAL;
	return vm_unmap(sys_mm_space(), addr, len);
}

long
sys_mprotect(struct trap_frame *tf)
{
	uint64_t addr = tf->rdi, len = ALIGN_UP(tf->rsi, PAGE_SIZE);
	unsigned long prot = tf->rdx & ~(unsigned long)(PROT_GROWSDOWN |
	    PROT_GROWSUP);

	if (!sys_mm_range_ok(addr, len) ||
	    (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (len == 0)
		return 0;
	return vm_protect(sys_mm_space(), addr, len, prot);
}

long
sys_mremap(struct trap_frame *tf)
{
	uint64_t old = tf->rdi, old_len = tf->rsi, new_len = tf->rdx;
	unsigned long flags = tf->r10;
	int how = 0;

	if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED |
	    MREMAP_DONTUNMAP))
		return -EINVAL;
	if (flags & MREMAP_DONTUNMAP)
		return -EINVAL;		/* only for the userfaultfd crowd */
	if (!sys_mm_range_ok(old, ALIGN_UP(old_len, PAGE_SIZE)) ||
	    ALIGN_UP(new_len, PAGE_SIZE) < new_len)
		return -EINVAL;
	how |= (flags & MREMAP_MAYMOVE) ? VM_REMAP_MAYMOVE : 0;
	how |= (flags & MREMAP_FIXED) ? VM_REMAP_FIXED : 0;
	return vm_remap(sys_mm_space(), old, old_len, new_len, how, tf->r8);
}

#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_REMOVE	9
#define MADV_DONTFORK	10
#define MADV_DOFORK	11
#define MADV_WIPEONFORK	18
#define MADV_KEEPONFORK	19
#define MADV_HWPOISON	100
#define MADV_SOFT_OFFLINE 101

/*
 * MADV_REMOVE: a hole through shared file mappings, area by area: the
 * file's bytes there become zeros (what a hole reads as), which every
 * mapping sees.  Linux's errors: no file, or locked, -EINVAL; not shared
 * and writable, -EACCES; a gap, -ENOMEM.
 */
static long
sys_mm_remove(uint64_t addr, uint64_t end)
{
	struct vm_space *vs = sys_mm_space();
	uint64_t at = addr, start, aend, off, from, to;
	unsigned int flags;
	struct vnode *v;
	long error;

	while (at < end) {
		if (!vm_area_at(vs, at, &v, &start, &aend, &off))
			return -ENOMEM;
		flags = vm_flags_at(vs, at);
		if (v == NULL || (flags & VM_LOCKED))
			return -EINVAL;
		if (!(flags & VM_SHARED) || !(flags & (VM_WRITE | VM_MAYWRITE)))
			return -EACCES;
		if (v->v_seals & (VFS_SEAL_WRITE | VFS_SEAL_FUTURE_WRITE))
			return -EPERM;
		from = off + (at - start);
		to = off + (MIN(end, aend) - start);
		if (from < v->v_size &&
		    (error = sys_fs_zero(v, from, MIN(to, v->v_size))) != 0)
			return error;
		at = MIN(end, aend);
	}
	return 0;
}

long
sys_madvise(struct trap_frame *tf)
{
	uint64_t addr = tf->rdi, len = ALIGN_UP(tf->rsi, PAGE_SIZE);
	long advice = (long)tf->rdx;

	if (!sys_mm_range_ok(addr, len) || len < tf->rsi)
		return -EINVAL;
	switch (advice) {
	case MADV_DONTNEED:
	case MADV_FREE:		/* freeing at once is a valid MADV_FREE */
		return len == 0 ? 0 : vm_discard(sys_mm_space(), addr, len);
	case MADV_REMOVE:
		return sys_mm_remove(addr, addr + len);
	case MADV_DONTFORK:
	case MADV_DOFORK:
		return len == 0 ? 0 : vm_advise_fork(sys_mm_space(), addr, len,
		    advice == MADV_DONTFORK ? VM_DONTFORK : 0, VM_DONTFORK);
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
		return len == 0 ? 0 : vm_advise_fork(sys_mm_space(), addr, len,
		    advice == MADV_WIPEONFORK ? VM_WIPEONFORK : 0,
		    VM_WIPEONFORK);
	case MADV_HWPOISON:
	case MADV_SOFT_OFFLINE:
		/* No memory-failure handling (CONFIG_MEMORY_FAILURE). */
		return -EINVAL;
	default:
		/* Known hints (0-3, 12-23) change nothing here; others are
		 * refused as Linux refuses them. */
		if ((advice >= 0 && advice <= 3) ||
		    (advice >= 12 && advice <= 23))
			return 0;
		return -EINVAL;
	}
}

/*
 * remap_file_pages, emulated as Linux has done since 4.0: the pages of
 * [start, start + size) of one shared file mapping are mapped again from
 * file page pgoff (mmap MAP_FIXED with the area's rights).  prot must be
 * 0; the range must lie in one shared area; else -EINVAL.
 */
long
sys_remap_file_pages(struct trap_frame *tf)
{
	uint64_t start = tf->rdi & ~(PAGE_SIZE - 1);
	uint64_t size = tf->rsi & ~(PAGE_SIZE - 1), pgoff = tf->r10;
	uint64_t astart, aend, aoff;
	struct vm_space *vs = sys_mm_space();
	unsigned int flags;
	struct vnode *v;
	char *path;
	long va;

	if (tf->rdx != 0 || start + size <= start ||
	    pgoff + size / PAGE_SIZE < pgoff ||
	    pgoff > UINT64_MAX / PAGE_SIZE)
		return -EINVAL;
	if (!vm_area_at(vs, start, &v, &astart, &aend, &aoff) || v == NULL ||
	    !((flags = vm_flags_at(vs, start)) & VM_SHARED) ||
	    start + size > aend)
		return -EINVAL;
	vfs_hold(v);		/* the old area goes first */
	path = kmalloc(VFS_PATH_MAX);
	va = vm_mmap(vs, start, size, flags & (VM_RIGHTS | VM_SHARED |
	    VM_MAYWRITE | VM_LOCKED), VM_MAP_FIXED, v, pgoff * PAGE_SIZE,
	    path != NULL && vfs_path_of(v, path, VFS_PATH_MAX) > 0 ? path : "");
	kfree(path);
	vfs_release(v);
	if (va < 0)
		return va;
	(void)vm_populate(vs, start, size, VM_READ);
	return 0;
}

#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

long
sys_msync(struct trap_frame *tf)
{
	uint64_t addr = tf->rdi, len = ALIGN_UP(tf->rsi, PAGE_SIZE);
	unsigned long flags = tf->rdx;

	if (flags & ~(unsigned long)(MS_ASYNC | MS_INVALIDATE | MS_SYNC) ||
	    (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC) ||
	    !sys_mm_range_ok(addr, len) || len < tf->rsi)
		return -EINVAL;
	if (len == 0)
		return 0;
	return vm_sync(sys_mm_space(), addr, len,
	    (flags & MS_INVALIDATE) != 0);
}

#define SIGNAL_KILL	9		/* the kill signal: not catchable */
#define PF_PRESENT	0x01
#define PF_WRITE	0x02
#define PF_USER		0x04
#define PF_RSVD		0x08
#define PF_FETCH	0x10

/*
 * The page-fault hook: demand paging, copy-on-write and stack growth for
 * ring 3, and for the kernel's copy_*_user on a program's behalf.  The
 * kernel never runs code from user pages, so such a fetch is not ours.
 */
int
sys_mm_page_fault(struct trap_frame *tf, uint64_t addr)
{
	struct thread *t = thread_current();
	unsigned int access = VM_READ;
	int error;

	if (t == NULL || t->t_vm == NULL || (tf->error & PF_RSVD))
		return -EFAULT;
	/* The ring-0 app's pages are supervisor pages: no SMEP/SMAP case. */
	if ((tf->cs & 3) == 0 && !t->t_vm->vs_supervisor &&
	    ((tf->error & PF_FETCH) || user_access_fault(tf->rflags)))
		return -EFAULT;
	if (tf->error & PF_WRITE)
		access = VM_WRITE;
	else if (tf->error & PF_FETCH)
		access = VM_EXEC;
	error = vm_fault(t->t_vm, addr, access);
	if (error == -ENOMEM && (tf->cs & 3) == 3) {
		/* No page to be had, even after the page cache gave some up. */
		printk(LOG_ERR, "jiny: pid %d (%s): out of memory at 0x%lx; "
		    "killed\n", t->t_proc->p_pid, t->t_name, addr);
		intr_enable();
		proc_exit_thread(SIGNAL_KILL);
	}
	return error;
}

/*
 * mlock and friends.  Every page is resident already (there is no swap),
 * so locking marks areas, faults their pages in and counts them against
 * RLIMIT_MEMLOCK for callers without CAP_IPC_LOCK (effective uid 0 here).
 */
#define MLOCK_ONFAULT	1
#define MCL_CURRENT	1
#define MCL_FUTURE	2
#define MCL_ONFAULT	4

static void
sys_mm_sum_area(const struct vm_area *a, void *arg)
{
	*(uint64_t *)arg += a->va_end - a->va_start;
}

static long
sys_mm_lock_room(uint64_t more)
{
	struct proc *p = proc_current();
	uint64_t limit = p->p_rlimit[RLIMIT_MEMLOCK].rl_cur;

	if (proc_has_cap(p, CAP_IPC_LOCK))
		return 0;
	if (limit == 0)
		return -EPERM;
	if (limit != RLIM_INFINITY &&
	    vm_locked_bytes(sys_mm_space()) + more > limit)
		return -ENOMEM;
	return 0;
}

static long
sys_mm_lock(uint64_t addr, uint64_t ulen, unsigned long flags)
{
	uint64_t va = ALIGN_DOWN(addr, PAGE_SIZE);
	uint64_t len = ALIGN_UP(addr + ulen, PAGE_SIZE) - va;
	long error;

	if (flags & ~(unsigned long)MLOCK_ONFAULT)
		return -EINVAL;
	if (addr + ulen < addr || va + len > PAGING_USER_TOP)
		return -ENOMEM;
	if (ulen == 0)
		return 0;
	if ((error = sys_mm_lock_room(len)) != 0)
		return error;
	if ((error = vm_lock(sys_mm_space(), va, len, true)) != 0)
		return error;
	if (!(flags & MLOCK_ONFAULT))
		(void)vm_populate(sys_mm_space(), va, len, VM_READ);
	return 0;
}

long
sys_mlock(struct trap_frame *tf)
{
	return sys_mm_lock(tf->rdi, tf->rsi, 0);
}

long
sys_mlock2(struct trap_frame *tf)
{
	return sys_mm_lock(tf->rdi, tf->rsi, tf->rdx);
}

long
sys_munlock(struct trap_frame *tf)
{
	uint64_t addr = tf->rdi, va = ALIGN_DOWN(addr, PAGE_SIZE);
	uint64_t len = ALIGN_UP(addr + tf->rsi, PAGE_SIZE) - va;

	if (addr + tf->rsi < addr || va + len > PAGING_USER_TOP)
		return -ENOMEM;
	return tf->rsi == 0 ? 0 : vm_lock(sys_mm_space(), va, len, false);
}

long
sys_mlockall(struct trap_frame *tf)
{
	unsigned long flags = tf->rdi;
	struct vm_space *vs = sys_mm_space();
	long error;

	if (flags == 0 || (flags & ~(unsigned long)(MCL_CURRENT | MCL_FUTURE |
	    MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!proc_capable(CAP_IPC_LOCK) &&
	    proc_current()->p_rlimit[RLIMIT_MEMLOCK].rl_cur == 0)
		return -EPERM;
	if (flags & MCL_CURRENT) {
		uint64_t all = 0;

		/* Everything mapped counts, as Linux counts it. */
		vm_areas_foreach(vs, sys_mm_sum_area, &all);
		if ((error = sys_mm_lock_room(all - vm_locked_bytes(vs))) != 0)
			return error;
	}
	vm_lock_all(vs, (flags & MCL_CURRENT) != 0, (flags & MCL_FUTURE) != 0);
	return 0;
}

long
sys_munlockall(struct trap_frame *tf)
{
	(void)tf;
	vm_lock_all(sys_mm_space(), false, false);
	return 0;
}

long
sys_mincore(struct trap_frame *tf)
{
	uint64_t addr = tf->rdi, len = tf->rsi, vec = tf->rdx;
	uint8_t buf[256];
	size_t pages;

	if ((addr & (PAGE_SIZE - 1)) != 0)
		return -EINVAL;
	if (addr + len < addr || ALIGN_UP(addr + len, PAGE_SIZE) >
	    PAGING_USER_TOP)
		return -ENOMEM;
	pages = (size_t)(ALIGN_UP(len, PAGE_SIZE) / PAGE_SIZE);
	for (size_t done = 0; done < pages; ) {
		size_t n = MIN(pages - done, sizeof(buf));
		int error = vm_mincore(sys_mm_space(), addr + done * PAGE_SIZE,
		    n, buf);

		if (error != 0)
			return error;
		if (copy_to_user((uint8_t *)vec + done, buf, n) != 0)
			return -EFAULT;
		done += n;
	}
	return 0;
}

/*
 * membarrier(2).  Jiny runs every thread on one CPU, so "every thread of
 * this process (or of all) has passed a barrier" holds once the caller's
 * own fence is done: the others are not running now, and each resumes
 * through a context switch (a full barrier) and an iretq (which also
 * serializes the core, what the SYNC_CORE commands promise).  What is
 * left is Linux's bookkeeping: the expedited private commands need their
 * registration first (-EPERM), which fork keeps and exec drops.  No rseq,
 * so the RSEQ commands are -EINVAL, as on a kernel without CONFIG_RSEQ.
 */
#define MEMBARRIER_CMD_QUERY				0
#define MEMBARRIER_CMD_GLOBAL				(1 << 0)
#define MEMBARRIER_CMD_GLOBAL_EXPEDITED			(1 << 1)
#define MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED	(1 << 2)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED		(1 << 3)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED	(1 << 4)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE	(1 << 5)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE (1 << 6)
#define MEMBARRIER_CMD_GET_REGISTRATIONS		(1 << 9)
#define MEMBARRIER_SUPPORTED	(MEMBARRIER_CMD_GLOBAL | \
	MEMBARRIER_CMD_GLOBAL_EXPEDITED | \
	MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | \
	MEMBARRIER_CMD_PRIVATE_EXPEDITED | \
	MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED | \
	MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE | \
	MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE | \
	MEMBARRIER_CMD_GET_REGISTRATIONS)

long
sys_membarrier(struct trap_frame *tf)
{
	int cmd = (int)tf->rdi;
	unsigned int flags = (unsigned int)tf->rsi;
	struct vm_space *vs = sys_mm_space();

	/* MEMBARRIER_CMD_FLAG_CPU belongs to the RSEQ command only. */
	if (flags != 0)
		return -EINVAL;
	switch (cmd) {
	case MEMBARRIER_CMD_QUERY:
		return MEMBARRIER_SUPPORTED;
	case MEMBARRIER_CMD_GET_REGISTRATIONS:
		return __atomic_load_n(&vs->vs_membarrier, __ATOMIC_RELAXED);
	case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
		__atomic_fetch_or(&vs->vs_membarrier, (unsigned int)cmd,
		    __ATOMIC_SEQ_CST);
		return 0;
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
		/* Each needs its own registration (cmd << 1). */
		if (!(__atomic_load_n(&vs->vs_membarrier, __ATOMIC_ACQUIRE) &
		    ((unsigned int)cmd << 1)))
			return -EPERM;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		return 0;
	case MEMBARRIER_CMD_GLOBAL:
	case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		return 0;
	default:
		return -EINVAL;
	}
}
