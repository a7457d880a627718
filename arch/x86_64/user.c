/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * SYSCALL set-up, the per-CPU area and user-memory copies (see user.h).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/user.h>

#define MSR_STAR	0xc0000081
#define MSR_LSTAR	0xc0000082
#define MSR_SFMASK	0xc0000084
#define EFER_SCE	1

void	syscall_entry(void);
void	(*user_syscall_handler)(struct trap_frame *);
const user_call_fn *user_ring0_calls;
uint64_t user_ring0_ncalls;
user_slow_fn user_ring0_slow;

#define CR4_SMEP	(1u << 20)
#define CR4_SMAP	(1u << 21)
#define CPUID7_SMEP	(1u << 7)
#define CPUID7_SMAP	(1u << 20)
#define RFLAGS_AC	(1u << 18)

static bool user_smap;		/* set by user_init: CR4.SMAP is on */

/*
 * SMEP: the kernel never runs code from user pages; SMAP: it touches
 * user memory only inside user_copy, between stac and clac.  A stray
 * kernel access then faults at once instead of trusting a program.
 */
static void
user_protect_init(void)
{
	struct cpuid_regs r;
	uint64_t cr4 = read_cr4();

	cpuid(0, 0, &r);
	if (r.eax < 7)
		return;
	cpuid(7, 0, &r);
	if (r.ebx & CPUID7_SMEP)
		cr4 |= CR4_SMEP;
	if (r.ebx & CPUID7_SMAP) {
		cr4 |= CR4_SMAP;
		user_smap = true;
	}
	write_cr4(cr4);
}

bool
user_access_fault(uint64_t rflags)
{
	/* With SMAP on, the kernel touched user memory outside user_copy. */
	return user_smap && !(rflags & RFLAGS_AC);
}

void
user_init(void (*handler)(struct trap_frame *),
    const user_call_fn *ring0_calls, uint64_t ncalls, user_slow_fn ring0_slow)
{
	user_syscall_handler = handler;
	user_ring0_calls = ring0_calls;
	user_ring0_ncalls = ncalls;
	user_ring0_slow = ring0_slow;
	user_cpu_init();
}

void
user_cpu_init(void)
{
	/*
	 * STAR: SYSCALL loads CS = 0x08, SS = 0x10; SYSRET loads
	 * CS = 0x18 + 16 = 0x28 | 3 and SS = 0x18 + 8 = 0x20 | 3 (trap.h).
	 */
	wrmsr(MSR_STAR, ((uint64_t)(GDT_UCODE32 & ~3) << 48) |
	    ((uint64_t)GDT_KCODE << 32));
	wrmsr(MSR_LSTAR, (uintptr_t)syscall_entry);
	/* Clear IF, DF, TF and AC on entry. */
	wrmsr(MSR_SFMASK, 0x200 | 0x400 | 0x100 | 0x40000);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* Programs use SSE: CR0.MP on, EM and TS off; CR4.OSFXSR/OSXMMEXCPT. */
	write_cr0((read_cr0() | 0x2) & ~(0x4UL | 0x8UL));
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	user_protect_init();
}

void
user_state_init(struct user_cpu_state *s)
{
	memset(s, 0, sizeof(*s));
	s->ucs_fxsave[0] = 0x7f;	/* FCW 0x037f: all x87 exceptions masked */
	s->ucs_fxsave[1] = 0x03;
	s->ucs_fxsave[24] = 0x80;	/* MXCSR 0x1f80: all SSE ones masked */
	s->ucs_fxsave[25] = 0x1f;
}

void
user_state_save(struct user_cpu_state *s)
{
	__asm__ volatile("fxsave64 %0" : "=m"(s->ucs_fxsave));
	s->ucs_fs_base = rdmsr(MSR_FS_BASE);
}

/* CR4.TSD as last written (cl_tsd): most switches then need no write. */
static void
user_tsd_set(bool on)
{
	struct cpu_local *cl = cpu_this();

	if (on == cl->cl_tsd)
		return;
	cl->cl_tsd = on;
	write_cr4(on ? read_cr4() | CR4_TSD : read_cr4() & ~(uint64_t)CR4_TSD);
}

void
user_state_load(const struct user_cpu_state *s)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(s->ucs_fxsave));
	wrmsr(MSR_FS_BASE, s->ucs_fs_base);
	user_tsd_set(s->ucs_notsc);
	user_state_io_load(s);
}

/* iopl(3)'s map: every port allowed (id 1). */
static const uint8_t user_io_all[TRAP_IO_PORTS / 8];
#define USER_IO_ALL_ID	1
static uint64_t user_iomap_last = USER_IO_ALL_ID;

uint64_t
user_iomap_id(void)
{
	return __atomic_add_fetch(&user_iomap_last, 1, __ATOMIC_RELAXED);
}

void
user_state_io_load(const struct user_cpu_state *s)
{
	if (s->ucs_iopl == 3)
		trap_set_io_bitmap(user_io_all, USER_IO_ALL_ID);
	else if (s->ucs_iomap != NULL)
		trap_set_io_bitmap(s->ucs_iomap->um_bits, s->ucs_iomap->um_id);
	else
		trap_set_io_bitmap(NULL, 0);
}

void
user_state_set_notsc(struct user_cpu_state *s, bool on)
{
	s->ucs_notsc = on;
	user_tsd_set(on);
}

void
user_return_full(void)
{
	cpu_this()->cl_iret = 1;
}

void
user_set_ring0(bool on)
{
	struct cpu_local *cl = cpu_this();

	if (cl->cl_ring0 == on)
		return;
	cl->cl_ring0 = on;
	/* Ring 3 keeps its own %gs base there; the ring-0 app has ours. */
	wrmsr(MSR_KERNEL_GS_BASE, on ? (uintptr_t)cl : 0);
	trap_set_entry_ist(on);		/* its red zone */
}

void
user_set_kstack(uint64_t top)
{
	cpu_this()->cl_kstack_top = top;
	trap_set_kernel_stack(top);
}

/* rep movs with a fixup: a fault on either side returns -EFAULT. */
static int
user_copy(void *dst, const void *src, size_t n)
{
	int error = -EFAULT;

	if (user_smap)
		__asm__ volatile("stac" ::: "memory");
	size_t q = n / 8, b = n % 8;

	/* Quadwords, then bytes (an emulated rep pays per repetition). */
	__asm__ volatile(
	    "1: rep movsq\n\t"
	    "movq %4, %%rcx\n"
	    "2: rep movsb\n\t"
	    "xorl %0, %0\n"
	    "3:\n"
	    EXTABLE_ENTRY(1b, 3b)
	    EXTABLE_ENTRY(2b, 3b)
	    : "+r"(error), "+D"(dst), "+S"(src), "+c"(q) : "r"(b)
	    : "memory");
	if (user_smap)
		__asm__ volatile("clac" ::: "memory");
	return error;
}

int
copy_from_user(void *dst, const void *usrc, size_t n)
{
	if (!user_range_ok((uintptr_t)usrc, n))
		return -EFAULT;
	return user_copy(dst, usrc, n);
}

int
copy_to_user(void *udst, const void *src, size_t n)
{
	if (!user_range_ok((uintptr_t)udst, n))
		return -EFAULT;
	return user_copy(udst, src, n);
}
