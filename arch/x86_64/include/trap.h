/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Descriptor tables, interrupt and exception entry.
 *
 * Every vector has a stub (trap.S) that builds a struct trap_frame and
 * calls trap_dispatch().  Exceptions in the kernel first look for a fixup
 * in the exception table (EXTABLE_ENTRY below); without one they print the
 * registers and a symbolised backtrace and panic.  #DF, NMI and #MC run on
 * their own IST stacks so that a blown kernel stack still gets a report.
 */
#ifndef ARCH_X86_64_INCLUDE_TRAP_H
#define ARCH_X86_64_INCLUDE_TRAP_H

#define GDT_KCODE	0x08
#define GDT_KDATA	0x10
#define GDT_UCODE32	0x1b
#define GDT_UDATA	0x23
#define GDT_UCODE	0x2b
#define GDT_TSS		0x30

#define T_DE	0
#define T_DB	1
#define T_NMI	2
#define T_BP	3
#define T_UD	6
#define T_DF	8
#define T_GP	13
#define T_PF	14
#define T_MC	18

#define IRQ_VEC_PIC_BASE	0x20	/* legacy PIC, remapped and masked */
#define IRQ_VEC_ALLOC_FIRST	0x30	/* handed out by trap_vector_alloc */
#define IRQ_VEC_ALLOC_LAST	0xdf
/*
 * Fixed vectors.  Those that take no lock sit in the highest priority
 * class (0xf0-0xff), alone: a CPU halted waiting for the kernel lock
 * raises its task priority to block every lower class (klock.c), so that
 * only they reach it there.
 */
#define IRQ_VEC_TIMER		0xe0
#define IRQ_VEC_IPI		0xe1	/* between CPUs (kernel/sched/cpus.c) */
#define IRQ_VEC_TLB		0xf2	/* shootdowns (smp.c), no lock */
#define IRQ_VEC_KLOCK_WAKE	0xf3	/* the kernel lock is free (klock.c) */
#define IRQ_VEC_LOCKFREE_CLASS	0xf0	/* the class of the two above */
#define IRQ_VEC_SPURIOUS	0xff

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

struct cpu_local;

struct trap_frame {
	uint64_t	r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t	rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t	vector;
	uint64_t	error;		/* 0 for vectors without one */
	uint64_t	rip, cs, rflags, rsp, ss;	/* pushed by the CPU */
};
_Static_assert(sizeof(struct trap_frame) == 22 * 8, "trap frame layout");

/*
 * An interrupt handler, called with interrupts off on the interrupted
 * thread's stack, with the argument it was registered with.
 *
 * The rule for drivers: a handler does only what must be done with
 * interrupts off (acknowledge the device, read the one word that says
 * why it interrupted, mask it if it keeps interrupting) and then wakes a
 * thread (waitq_wake) that does the rest: ring processing, copies,
 * allocation, anything that may sleep or take long.  It never sleeps,
 * allocates, or takes a lock also taken with interrupts on without
 * spin_lock_irqsave.  The local APIC's EOI is the handler's to send.
 */
typedef void (*trap_irq_fn)(void *arg, struct trap_frame *tf);

/*
 * Build the IDTs and load the boot CPU's GDT, TSS (with IST stacks) and
 * IDT; cl0 becomes its per-CPU area.
 */
void	trap_init(struct cpu_local *cl0);

/*
 * Bytes a CPU's descriptor state (its GDT and TSS) needs: smp.c gives each
 * application processor that much in its CPU area.
 */
#define TRAP_CPU_SIZE	12288
struct trap_cpu;
/*
 * Load this CPU's GDT, TSS and the IDT, with tc as its descriptor state,
 * cl as its per-CPU area (%gs) and the #DF, NMI and #MC stacks' tops.
 * trap_init does it for the boot CPU; smp.c for the others.
 */
void	trap_cpu_init(struct trap_cpu *tc, struct cpu_local *cl,
	    const uintptr_t ist_tops[3]);
/* This CPU's entry IST stack (in its CPU area, layout.h): its top. */
void	trap_cpu_set_entry_stack(uintptr_t top);

/*
 * Route a fixed vector (IRQ_VEC_TIMER...: above IRQ_VEC_ALLOC_LAST) to
 * fn(arg); name is what /proc/interrupts shows.  Not for exceptions.
 */
void	trap_set_handler(unsigned int vector, trap_irq_fn fn, void *arg,
	    const char *name);

/*
 * A free vector in [IRQ_VEC_ALLOC_FIRST, IRQ_VEC_ALLOC_LAST] routed to
 * fn(arg) (MSI-X entries, the Xen event-channel upcall): the vector, or
 * -EINVAL (no fn) or -ENOSPC.  name (static storage) names it in
 * /proc/interrupts.
 */
int	trap_vector_alloc(trap_irq_fn fn, void *arg, const char *name);
/* Give back a vector of trap_vector_alloc; its handler no longer runs. */
void	trap_vector_free(unsigned int vector);

/*
 * What a vector is routed to: false when nothing is; else its name and
 * the number of interrupts it has taken on every CPU.
 */
bool	trap_vector_info(unsigned int vector, const char **name,
	    uint64_t *count);
/* Interrupts at vector that CPU cl has taken (0 for a NULL cl). */
uint64_t trap_vector_count(unsigned int vector, const struct cpu_local *cl);

/* Called from trap.S with interrupts off. */
void	trap_dispatch(struct trap_frame *);

/*
 * Print the registers and backtrace of tf as "panic"-style report lines,
 * without stopping.
 */
void	trap_dump(const struct trap_frame *tf);

/* Was tf interrupted in the kernel's own code (not ring 3, not an app
 * running at CPL0 such as the ring-0 app)? */
bool	trap_in_kernel_code(const struct trap_frame *tf);

/*
 * Exception fixups: a faulting instruction at label 'from' resumes at 'to'
 * with every register as the fault left it.  Used from inline asm as
 *	"1: insn\n" EXTABLE_ENTRY(1b, 2f)
 */
#define EXTABLE_ENTRY(from, to)					\
	".pushsection .extable, \"a\"\n"			\
	".balign 8\n"						\
	".quad " #from ", " #to "\n"				\
	".popsection\n"

/* Hook run from the timer/IRQ path before returning to the interrupted code. */
extern void (*trap_irq_exit_hook)(struct trap_frame *);

/*
 * Called for an exception raised in ring 3 (a fault of the program, not of
 * the kernel); it decides the program's fate.  Without a hook such faults
 * panic like kernel ones.
 */
extern void (*trap_user_fault_hook)(struct trap_frame *);

/*
 * Kernel-mode exceptions that no fixup claims go here before the panic;
 * true means handled (the ring-0 app's own faults: it is ended).
 */
extern bool (*trap_kernel_fault_hook)(struct trap_frame *);

/* Page faults go here first; 0 means resolved, retry the instruction. */
extern int (*trap_page_fault_hook)(struct trap_frame *, uint64_t addr);

/*
 * trap_dump's backtrace from the frame's rip and rbp (the kernel's
 * symbols are kernel/log's, set by kmain right after trap_init); none
 * without a hook.
 */
extern void (*trap_backtrace_hook)(uintptr_t rip, uintptr_t rbp);

/*
 * The I/O permission bitmap ring 3 runs with: TRAP_IO_PORTS bits, a set
 * bit denying its port; NULL: none (every port faults).  id names the
 * bits' contents (a new id for changed bits): the same id as last time
 * copies nothing.
 */
#define TRAP_IO_PORTS	65536
void	trap_set_io_bitmap(const uint8_t *bits, uint64_t id);

/*
 * Interrupts enter on the IST entry stack (on: while the ring-0 app's
 * threads run, for its red zone) or where they are (off; trap.c says why).
 */
void	trap_set_entry_ist(bool on);

/* Interrupts delivered with IF clear and turned away (trap_dispatch). */
uint64_t trap_masked_delivery_count(void);

/* The stack the CPU switches to on an interrupt from ring 3 (TSS.rsp0). */
void	trap_set_kernel_stack(uint64_t top);

#endif /* !__ASSEMBLY__ */
#endif /* ARCH_X86_64_INCLUDE_TRAP_H */
