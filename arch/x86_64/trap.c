/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * GDT, TSS, IDT and the C side of interrupt/exception entry (see trap.h).
 * The IDTs are shared; each CPU has its own GDT, TSS and IST stacks.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/klock.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/smp.h>
#include <arch/x86_64/include/spinlock.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>

#define IST_DF	1
#define IST_NMI	2
#define IST_MC	3
#define IST_ENTRY 4	/* every other vector (see trap.S) */

struct trap_tss {
	uint32_t	reserved0;
	uint64_t	rsp[3];
	uint64_t	reserved1;
	uint64_t	ist[7];
	uint64_t	reserved2;
	uint16_t	reserved3;
	uint16_t	iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct trap_tss) == 104, "TSS layout");

struct trap_gate {
	uint16_t	off_lo;
	uint16_t	sel;
	uint8_t		ist;
	uint8_t		type;
	uint16_t	off_mid;
	uint32_t	off_hi;
	uint32_t	reserved;
};
_Static_assert(sizeof(struct trap_gate) == 16, "IDT gate layout");

struct trap_dtr {
	uint16_t	limit;
	uint64_t	base;
} __attribute__((packed));

struct trap_extable {
	uintptr_t	te_from;
	uintptr_t	te_to;
};

extern const char trap_stubs[];
extern const struct trap_extable __start_extable[], __stop_extable[];

/* The GDT every CPU starts from; each has its own copy (its TSS). */
static const uint64_t trap_gdt_template[8] = {
	0,
	0x00af9a000000ffff,	/* 0x08 kernel code, 64-bit */
	0x00cf92000000ffff,	/* 0x10 kernel data */
	0x00cffa000000ffff,	/* 0x18 user code, 32-bit (unused) */
	0x00cff2000000ffff,	/* 0x20 user data */
	0x00affa000000ffff,	/* 0x28 user code, 64-bit */
	0, 0,			/* 0x30 TSS, filled by trap_cpu_init */
};
/*
 * A CPU's descriptor state: its GDT, and its TSS with after it the I/O
 * permission bitmap of the thread running ring-3 code (ioperm, iopl's
 * emulation): a bit set denies its port.  The CPU may read the byte
 * after the last port's: it stays 0xff.
 */
struct trap_cpu {
	uint64_t	tc_gdt[8] __aligned(16);
	struct {
		struct trap_tss	t;
		uint8_t		io[TRAP_IO_PORTS / 8 + 1];
	} __attribute__((packed)) tc_tss __aligned(16);
	uint64_t	tc_io_id;	/* trap_set_io_bitmap's id; 0: none */
	uint64_t	tc_counts[256];	/* interrupts taken here, by vector */
	bool		tc_idt_app;	/* trap_idt_app is loaded */
};
_Static_assert(sizeof(struct trap_cpu) <= TRAP_CPU_SIZE, "TRAP_CPU_SIZE");
/* No bitmap: a base past the limit; every port faults in ring 3. */
#define TRAP_IO_NONE	0xffff
/*
 * The boot CPU's, static: trap_init runs before there is an allocator.
 * Its entry IST (IST_ENTRY) lives in its CPU area like every other
 * CPU's, mapped later (trap_cpu_set_entry_stack).
 */
static struct trap_cpu trap_cpu0;
static char trap_cpu0_stacks[3][IST_STACK_SIZE] __aligned(16);
/*
 * Two tables, alike but for the entry stack, shared by every CPU.
 * trap_idt: the CPU pushes its frame where it is (or on TSS.rsp0 from
 * ring 3), as most kernels have it.  trap_idt_app: every vector but #DF,
 * NMI and #MC enters on the IST_ENTRY stack, loaded while a thread of
 * the ring-0 app runs, whose code keeps a red zone below %rsp that a
 * pushed frame would overwrite.
 *
 * Why not IST everywhere: an event that arrives before the first
 * instruction of the previous one's stub lands on the same IST slot and
 * the first frame is gone.  The CPU never does that for interrupts (the
 * gate clears IF), but QEMU's emulated SVM (Debian 12's 7.2, under the
 * nested Xen of the tests) can deliver an injected interrupt a second
 * time, as an exception that ignores IF: with IST that was a guest
 * looping at a stub forever; without it, two frames on the stack and a
 * second run of the handler that trap_dispatch turns away.
 */
static struct trap_gate trap_idt[256] __aligned(16);
static struct trap_gate trap_idt_app[256] __aligned(16);
static uint64_t trap_masked_deliveries;	/* see trap_dispatch */

struct trap_vector {
	trap_irq_fn	 tv_fn;
	void		*tv_arg;
	const char	*tv_name;
};
static struct trap_vector trap_vectors[256];
static struct spinlock trap_vectors_lock;
void (*trap_irq_exit_hook)(struct trap_frame *);
void (*trap_user_fault_hook)(struct trap_frame *);
int (*trap_page_fault_hook)(struct trap_frame *, uint64_t addr);
bool (*trap_kernel_fault_hook)(struct trap_frame *);
void (*trap_backtrace_hook)(uintptr_t rip, uintptr_t rbp);

static const char *const trap_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 error", "alignment check",
	"machine check", "SIMD error", "virtualization", "control protection",
};

static void
trap_gate_set(struct trap_gate *idt, unsigned int vec, unsigned int ist)
{
	uintptr_t off = (uintptr_t)trap_stubs + vec * 16;

	idt[vec] = (struct trap_gate){
		.off_lo = (uint16_t)off,
		.sel = GDT_KCODE,
		.ist = (uint8_t)ist,
		.type = 0x8e,		/* present, DPL 0, interrupt gate */
		.off_mid = (uint16_t)(off >> 16),
		.off_hi = (uint32_t)(off >> 32),
	};
}

static struct trap_cpu *
trap_cpu_this(void)
{
	return cpu_this()->cl_trap;
}

void
trap_cpu_init(struct trap_cpu *tc, struct cpu_local *cl,
    const uintptr_t ist_tops[3])
{
	uintptr_t tss = (uintptr_t)&tc->tc_tss.t;
	struct trap_dtr gdtr = { sizeof(tc->tc_gdt) - 1, (uintptr_t)tc->tc_gdt };
	struct trap_dtr idtr = { sizeof(trap_idt) - 1, (uintptr_t)trap_idt };

	memset(tc, 0, sizeof(*tc));
	memcpy(tc->tc_gdt, trap_gdt_template, sizeof(tc->tc_gdt));
	tc->tc_tss.t.ist[IST_DF - 1] = ist_tops[0];
	tc->tc_tss.t.ist[IST_NMI - 1] = ist_tops[1];
	tc->tc_tss.t.ist[IST_MC - 1] = ist_tops[2];
	tc->tc_tss.t.iomap_base = TRAP_IO_NONE;	/* no I/O bitmap yet */
	tc->tc_tss.io[TRAP_IO_PORTS / 8] = 0xff;
	/* 64-bit available TSS descriptor: 16 bytes over two GDT slots. */
	tc->tc_gdt[6] = (sizeof(tc->tc_tss) - 1) | ((tss & 0xffffff) << 16) |
	    (0x89UL << 40) | (((tss >> 24) & 0xff) << 56);
	tc->tc_gdt[7] = tss >> 32;
	cl->cl_self = cl;
	cl->cl_trap = tc;

	__asm__ volatile(
	    "lgdt %0\n\t"
	    "pushq %1\n\t"
	    "leaq 1f(%%rip), %%rax\n\t"
	    "pushq %%rax\n\t"
	    "lretq\n"
	    "1:\n\t"
	    "movl %2, %%eax\n\t"
	    "movl %%eax, %%ds\n\t"
	    "movl %%eax, %%es\n\t"
	    "movl %%eax, %%ss\n\t"
	    "ltr %w3\n\t"
	    "lidt %4"
	    : : "m"(gdtr), "i"(GDT_KCODE), "i"(GDT_KDATA), "r"(GDT_TSS),
	      "m"(idtr)
	    : "rax", "memory");
	/* %fs and %gs hold 0 since start64, every CPU's way in. */
	wrmsr(MSR_GS_BASE, (uintptr_t)cl);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

void
trap_init(struct cpu_local *cl0)
{
	uintptr_t tops[3];

	for (unsigned int v = 0; v < 256; v++) {
		trap_gate_set(trap_idt, v, 0);
		trap_gate_set(trap_idt_app, v, IST_ENTRY);
	}
	/* int3 may come from ring 3 (debuggers, SIGTRAP), as on Linux. */
	trap_idt[T_BP].type = 0xee;		/* present, DPL 3 */
	trap_idt_app[T_BP].type = 0xee;
	trap_gate_set(trap_idt, T_DF, IST_DF);
	trap_gate_set(trap_idt, T_NMI, IST_NMI);
	trap_gate_set(trap_idt, T_MC, IST_MC);
	trap_gate_set(trap_idt_app, T_DF, IST_DF);
	trap_gate_set(trap_idt_app, T_NMI, IST_NMI);
	trap_gate_set(trap_idt_app, T_MC, IST_MC);
	for (int i = 0; i < 3; i++)
		tops[i] = (uintptr_t)trap_cpu0_stacks[i] + IST_STACK_SIZE;
	trap_cpu_init(&trap_cpu0, cl0, tops);
}

void
trap_cpu_set_entry_stack(uintptr_t top)
{
	trap_cpu_this()->tc_tss.t.ist[IST_ENTRY - 1] = top;
}

void
trap_set_entry_ist(bool on)
{
	struct trap_cpu *tc = trap_cpu_this();
	struct trap_dtr idtr = { sizeof(trap_idt) - 1,
	    (uintptr_t)(on ? trap_idt_app : trap_idt) };

	if (on == tc->tc_idt_app)
		return;
	if (on && tc->tc_tss.t.ist[IST_ENTRY - 1] == 0)
		panic("trap: no entry stack on CPU %u for the ring-0 app",
		    cpu_index());
	tc->tc_idt_app = on;
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

uint64_t
trap_masked_delivery_count(void)
{
	return __atomic_load_n(&trap_masked_deliveries, __ATOMIC_RELAXED);
}

void
trap_set_kernel_stack(uint64_t top)
{
	trap_cpu_this()->tc_tss.t.rsp[0] = top;
}

void
trap_set_io_bitmap(const uint8_t *bits, uint64_t id)
{
	struct trap_cpu *tc = trap_cpu_this();

	if (bits == NULL) {
		tc->tc_tss.t.iomap_base = TRAP_IO_NONE;
		tc->tc_io_id = 0;
		return;
	}
	if (id != tc->tc_io_id) {
		memcpy(tc->tc_tss.io, bits, TRAP_IO_PORTS / 8);
		tc->tc_io_id = id;
	}
	tc->tc_tss.t.iomap_base = offsetof(__typeof__(tc->tc_tss), io);
}

/* A vector routed anew counts from 0 on every CPU. */
static void
trap_counts_reset(unsigned int vector)
{
	for (unsigned int n = 0; n < SMP_MAX_CPUS; n++) {
		struct cpu_local *cl = smp_cpu_local(n);

		if (cl != NULL && cl->cl_trap != NULL)
			__atomic_store_n(&cl->cl_trap->tc_counts[vector], 0,
			    __ATOMIC_RELAXED);
	}
}

void
trap_set_handler(unsigned int vector, trap_irq_fn fn, void *arg,
    const char *name)
{
	bool on;

	if (vector <= IRQ_VEC_ALLOC_LAST || vector > 255)
		panic("trap: fixed handler for vector %u", vector);
	on = spin_lock_irqsave(&trap_vectors_lock);
	trap_vectors[vector] = (struct trap_vector){ fn, arg, name };
	trap_counts_reset(vector);
	spin_unlock_irqrestore(&trap_vectors_lock, on);
}

int
trap_vector_alloc(trap_irq_fn fn, void *arg, const char *name)
{
	int vector = -ENOSPC;
	bool on;

	if (fn == NULL)
		return -EINVAL;
	on = spin_lock_irqsave(&trap_vectors_lock);
	for (unsigned int v = IRQ_VEC_ALLOC_FIRST; v <= IRQ_VEC_ALLOC_LAST;
	    v++)
		if (trap_vectors[v].tv_fn == NULL) {
			trap_vectors[v] = (struct trap_vector){ fn, arg,
			    name != NULL ? name : "?" };
			trap_counts_reset(v);
			vector = (int)v;
			break;
		}
	spin_unlock_irqrestore(&trap_vectors_lock, on);
	return vector;
}

void
trap_vector_free(unsigned int vector)
{
	bool on;

	if (vector < IRQ_VEC_ALLOC_FIRST || vector > IRQ_VEC_ALLOC_LAST)
		panic("trap: freeing vector %u, not an allocated one", vector);
	on = spin_lock_irqsave(&trap_vectors_lock);
	trap_vectors[vector] = (struct trap_vector){ 0 };
	spin_unlock_irqrestore(&trap_vectors_lock, on);
}

bool
trap_vector_info(unsigned int vector, const char **name, uint64_t *count)
{
	bool on, used;

	if (vector > 255)
		return false;
	on = spin_lock_irqsave(&trap_vectors_lock);
	used = trap_vectors[vector].tv_fn != NULL;
	*name = trap_vectors[vector].tv_name;
	spin_unlock_irqrestore(&trap_vectors_lock, on);
	*count = 0;
	for (unsigned int n = 0; n < SMP_MAX_CPUS; n++)
		*count += trap_vector_count(vector, smp_cpu_local(n));
	return used;
}

uint64_t
trap_vector_count(unsigned int vector, const struct cpu_local *cl)
{
	if (vector > 255 || cl == NULL || cl->cl_trap == NULL)
		return 0;
	return __atomic_load_n(&cl->cl_trap->tc_counts[vector],
	    __ATOMIC_RELAXED);
}

void
trap_dump(const struct trap_frame *tf)
{
	printk(LOG_ERR,
	    "rip %016lx rsp %016lx rflags %016lx cs %lx ss %lx\n"
	    "rax %016lx rbx %016lx rcx %016lx rdx %016lx\n"
	    "rsi %016lx rdi %016lx rbp %016lx r8  %016lx\n"
	    "r9  %016lx r10 %016lx r11 %016lx r12 %016lx\n"
	    "r13 %016lx r14 %016lx r15 %016lx\n"
	    "cr0 %016lx cr2 %016lx cr3 %016lx cr4 %016lx\n",
	    tf->rip, tf->rsp, tf->rflags, tf->cs, tf->ss,
	    tf->rax, tf->rbx, tf->rcx, tf->rdx,
	    tf->rsi, tf->rdi, tf->rbp, tf->r8,
	    tf->r9, tf->r10, tf->r11, tf->r12,
	    tf->r13, tf->r14, tf->r15,
	    read_cr0(), read_cr2(), read_cr3(), read_cr4());
	if (trap_backtrace_hook != NULL)
		trap_backtrace_hook(tf->rip, tf->rbp);
}

static bool
trap_fixup(struct trap_frame *tf)
{
	for (const struct trap_extable *e = __start_extable;
	    e < __stop_extable; e++)
		if (e->te_from == tf->rip) {
			tf->rip = e->te_to;
			return true;
		}
	return false;
}

static void
trap_exception(struct trap_frame *tf)
{
	const char *name = trap_names[tf->vector] != NULL ?
	    trap_names[tf->vector] : "reserved";

	if (tf->vector == T_NMI) {
		printk(LOG_WARN, "trap: NMI at rip 0x%lx\n", tf->rip);
		return;
	}
	if (tf->vector == T_BP && (tf->cs & 3) == 0) {
		/* int3 is a trap: rip is already past it. */
		printk(LOG_WARN, "trap: breakpoint at rip 0x%lx\n", tf->rip - 1);
		return;
	}
	/* Demand paging and copy-on-write, for ring 3 and copy_*_user. */
	if (tf->vector == T_PF && trap_page_fault_hook != NULL &&
	    trap_page_fault_hook(tf, read_cr2()) == 0)
		return;
	if ((tf->cs & 3) == 0 && tf->vector != T_DF && trap_fixup(tf))
		return;
	if ((tf->cs & 3) == 0 && tf->vector != T_DF &&
	    trap_kernel_fault_hook != NULL && trap_kernel_fault_hook(tf))
		return;
	if ((tf->cs & 3) == 3 && trap_user_fault_hook != NULL) {
		trap_user_fault_hook(tf);
		return;
	}
	printk(LOG_ERR, "trap: %s (vector %lu, error 0x%lx) in %s mode\n",
	    name, tf->vector, tf->error, (tf->cs & 3) ? "user" : "kernel");
	if (tf->vector == T_PF)
		printk(LOG_ERR, "trap: page fault address 0x%lx (%s %s%s)\n",
		    read_cr2(), (tf->error & 1) ? "protection" : "not present",
		    (tf->error & 2) ? "write" : "read",
		    (tf->error & 16) ? " fetch" : "");
	if (tf->vector == T_DF && tf->rip >= (uintptr_t)trap_stubs &&
	    tf->rip < (uintptr_t)trap_stubs + 256 * 16)	/* at a stub */
		printk(LOG_ERR, "trap: an event came again on the entry stack "
		    "before its first delivery was taken (a hypervisor "
		    "re-injected it); the interrupted state is lost\n");
	else if (tf->vector == T_DF)
		printk(LOG_ERR, "trap: double fault: kernel stack overflow? "
		    "rsp 0x%lx\n", tf->rsp);
	trap_dump(tf);
	panic("trap: unhandled %s at rip 0x%lx", name, tf->rip);
}

void
trap_dispatch(struct trap_frame *tf)
{
	struct trap_vector *tv;
	bool locked;

	if (tf->vector < 32) {
		/* NMI, #DF and #MC take no lock: they may come inside it. */
		if (tf->vector == 2 || tf->vector == 8 || tf->vector == 18) {
			trap_exception(tf);
			return;
		}
		locked = klock_enter();
		trap_exception(tf);
		if (locked)
			klock_exit();
		return;
	}
	/* A shootdown is answered at once, without the kernel lock. */
	if (tf->vector == IRQ_VEC_TLB) {
		cpu_this()->cl_trap->tc_counts[IRQ_VEC_TLB]++;
		smp_tlb_service(cpu_this());
		lapic_eoi();
		return;
	}
	/* The kernel lock is free: the halted waiter looks again. */
	if (tf->vector == IRQ_VEC_KLOCK_WAKE) {
		cpu_this()->cl_trap->tc_counts[IRQ_VEC_KLOCK_WAKE]++;
		lapic_eoi();
		return;
	}
	/*
	 * A maskable interrupt never arrives with IF clear; one that seems
	 * to is the second delivery of an interrupt already taken (see
	 * trap_idt above), and its handler must not run inside whatever the
	 * interrupted code held with interrupts off.  Turned away, counted.
	 */
	if (!(tf->rflags & EFLAGS_IF)) {
		__atomic_add_fetch(&trap_masked_deliveries, 1,
		    __ATOMIC_RELAXED);
		return;
	}
	if (klock_on && cpu_this()->cl_kl_depth == 0 && klock_owned_here())
		panic("klock: CPU %u holds the kernel lock at depth 0, "
		    "interrupted at %lx (cs %lx, vector %lu)", cpu_index(),
		    tf->rip, tf->cs, tf->vector);
	locked = klock_enter();
	tv = &trap_vectors[tf->vector & 0xff];
	if (tv->tv_fn != NULL) {
		/* This CPU's own count: interrupts are off, nobody else
		 * writes it. */
		cpu_this()->cl_trap->tc_counts[tf->vector & 0xff]++;
		tv->tv_fn(tv->tv_arg, tf);
	} else if (tf->vector != IRQ_VEC_SPURIOUS) {
		printk(LOG_WARN, "trap: unexpected interrupt vector %lu\n",
		    tf->vector);
		/* Retire it, or its priority class stays blocked. */
		if (tf->vector >= IRQ_VEC_PIC_BASE + 16)
			lapic_eoi();
	}
	/* Only CPUs that run threads switch at an interrupt's end. */
	if (trap_irq_exit_hook != NULL && cpu_this()->cl_threads)
		trap_irq_exit_hook(tf);
	if (locked)
		klock_exit();
}

extern const char _text_start[], _text_end[];

bool
trap_in_kernel_code(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 0 && tf->rip >= (uintptr_t)_text_start &&
	    tf->rip < (uintptr_t)_text_end;
}

int
cpu_rdmsr_safe(uint32_t msr, uint64_t *val)
{
	uint32_t lo = 0, hi = 0;
	int error = -EIO;

	__asm__ volatile(
	    "1: rdmsr\n\t"
	    "xorl %2, %2\n"
	    "2:\n"
	    EXTABLE_ENTRY(1b, 2b)
	    : "+a"(lo), "+d"(hi), "+r"(error) : "c"(msr));
	*val = ((uint64_t)hi << 32) | lo;
	return error;
}
