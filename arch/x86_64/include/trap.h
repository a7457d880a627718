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
#define IRQ_VEC_TIMER		0xf0
#define IRQ_VEC_SPURIOUS	0xff

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

struct trap_frame {
	uint64_t	r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t	rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t	vector;
	uint64_t	error;		/* 0 for vectors without one */
	uint64_t	rip, cs, rflags, rsp, ss;	/* pushed by the CPU */
};
_Static_assert(sizeof(struct trap_frame) == 22 * 8, "trap frame layout");

typedef void (*trap_handler_fn)(struct trap_frame *);

/* Load the GDT, TSS (with IST stacks) and IDT on this CPU. */
void	trap_init(void);

/* Route vector to handler (interrupts: 0x20..0xff).  Not for exceptions. */
void	trap_set_handler(unsigned int vector, trap_handler_fn handler);

/* Called from trap.S with interrupts off. */
void	trap_dispatch(struct trap_frame *);

/*
 * Print the registers and backtrace of tf as "panic"-style report lines,
 * without stopping.
 */
void	trap_dump(const struct trap_frame *tf);

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

/* The stack the CPU switches to on an interrupt from ring 3 (TSS.rsp0). */
void	trap_set_kernel_stack(uint64_t top);

#endif /* !__ASSEMBLY__ */
#endif /* ARCH_X86_64_INCLUDE_TRAP_H */
