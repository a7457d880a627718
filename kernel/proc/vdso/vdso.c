/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The vDSO: time without a system call.  A small ELF shared object,
 * built freestanding at kernel build time (vdso.lds), embedded in the
 * kernel (vdso_image.S) and mapped into every ring-3 process after its
 * clock page (pv/common/pv_vclock.h), which exec maps just below it.
 * glibc and musl find these functions by name and version (LINUX_2.6)
 * through the auxv's AT_SYSINFO_EHDR.
 *
 * The clocks the kernel keeps on its one timeline (REALTIME, MONOTONIC,
 * MONOTONIC_RAW, BOOTTIME and the COARSE ones, which are as fine as the
 * others here) are read from the hypervisor's pvclock record with the
 * kernel's own arithmetic (pvclock_read); any other clock, a record not
 * marked TSC-stable, or a page in "system call" mode makes the real
 * system call instead.
 */
#include <stdint.h>

#include <lib/compiler.h>
#include <pv/common/pv_clock.h>
#include <pv/common/pv_vclock.h>

#define VDSO_EXPORT	__attribute__((visibility("default")))

/* The page before the vDSO's first (vdso.lds). */
extern const volatile struct pv_vclock vdso_vclock
    __attribute__((visibility("hidden")));

#define NR_gettimeofday		96
#define NR_time			201
#define NR_clock_gettime	228
#define NR_getcpu		309

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7

struct vdso_timespec {
	int64_t	tv_sec;
	int64_t	tv_nsec;
};

struct vdso_timeval {
	int64_t	tv_sec;
	int64_t	tv_usec;
};

static inline long
vdso_syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b)
	    : "rcx", "r11", "memory");
	return ret;
}

static inline long
vdso_syscall3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b),
	    "d"(c) : "rcx", "r11", "memory");
	return ret;
}

static uint64_t
vdso_rdtsc(void)
{
	uint32_t lo, hi;

	/* Ordered: not read before the record's version (as Linux's). */
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/*
 * The kernel's clock in ns (wall: plus the wall offset) into *ns; false
 * when the page says to ask the kernel.
 */
static int
vdso_read(int wall, uint64_t *ns)
{
	const volatile struct pv_vclock *vc = &vdso_vclock;
	uint32_t seq;
	uint64_t raw, base;
	int64_t off;

	do {
		seq = vc->vc_seq;
		barrier();
		if (seq & 1)
			continue;
		if (vc->vc_mode != PV_VCLOCK_PVCLOCK ||
		    !(vc->vc_ti.flags & PVCLOCK_TSC_STABLE))
			return 0;
		base = vc->vc_base;
		off = vc->vc_wall_off;
		raw = pvclock_read(&vc->vc_ti, vdso_rdtsc);
		barrier();
	} while ((seq & 1) || seq != vc->vc_seq);
	/* The stable bit may have gone while we read. */
	if (!(vc->vc_ti.flags & PVCLOCK_TSC_STABLE))
		return 0;
	*ns = raw - base + (wall ? (uint64_t)off : 0);
	return 1;
}

VDSO_EXPORT int
__vdso_clock_gettime(int clk, struct vdso_timespec *ts)
{
	uint64_t ns;
	int wall;

	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		wall = 1;
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		wall = 0;
		break;
	default:
		goto sys;
	}
	if (!vdso_read(wall, &ns))
		goto sys;
	ts->tv_sec = (int64_t)(ns / 1000000000u);
	ts->tv_nsec = (int64_t)(ns % 1000000000u);
	return 0;
sys:
	return (int)vdso_syscall2(NR_clock_gettime, clk, (long)ts);
}

VDSO_EXPORT int
__vdso_gettimeofday(struct vdso_timeval *tv, void *tz)
{
	uint64_t ns;

	if (tz != NULL || !vdso_read(1, &ns))
		return (int)vdso_syscall2(NR_gettimeofday, (long)tv, (long)tz);
	if (tv != NULL) {
		tv->tv_sec = (int64_t)(ns / 1000000000u);
		tv->tv_usec = (int64_t)(ns % 1000000000u / 1000u);
	}
	return 0;
}

VDSO_EXPORT int64_t
__vdso_time(int64_t *t)
{
	uint64_t ns;
	int64_t s;

	if (!vdso_read(1, &ns))
		return vdso_syscall2(NR_time, (long)t, 0);
	s = (int64_t)(ns / 1000000000u);
	if (t != NULL)
		*t = s;
	return s;
}

VDSO_EXPORT long
__vdso_getcpu(unsigned int *cpu, unsigned int *node, void *cache)
{
	return vdso_syscall3(NR_getcpu, (long)cpu, (long)node, (long)cache);
}

/* The names without the prefix, as Linux's vDSO exports them too. */
int clock_gettime(int, struct vdso_timespec *)
    __attribute__((weak, alias("__vdso_clock_gettime"), visibility("default")));
int gettimeofday(struct vdso_timeval *, void *)
    __attribute__((weak, alias("__vdso_gettimeofday"), visibility("default")));
int64_t time(int64_t *)
    __attribute__((weak, alias("__vdso_time"), visibility("default")));
long getcpu(unsigned int *, unsigned int *, void *)
    __attribute__((weak, alias("__vdso_getcpu"), visibility("default")));
