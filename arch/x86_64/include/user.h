/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Ring 3: the per-CPU area that SYSCALL entry finds through %gs, entering
 * user mode, and safe copies between kernel and user memory.
 *
 * SYSCALL enters syscall_entry (syscall.S) with interrupts masked; it
 * swaps to the kernel %gs, moves to the thread's kernel stack, builds a
 * struct trap_frame (vector USER_SYSCALL_VECTOR) and calls the handler
 * given to user_init().  Interrupts and exceptions from ring 3 swap %gs in
 * trap.S and arrive in trap_dispatch with (tf->cs & 3) == 3.
 */
#ifndef ARCH_X86_64_INCLUDE_USER_H
#define ARCH_X86_64_INCLUDE_USER_H

#define USER_SYSCALL_VECTOR	0x100

#include <arch/x86_64/include/smp.h>

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/trap.h>

/* A system call as a function of its six arguments: result or -errno. */
typedef long (*user_call_fn)(long, long, long, long, long, long);
/* The same with the call's number as a seventh argument. */
typedef long (*user_slow_fn)(long, long, long, long, long, long, long);

/*
 * Enable SYSCALL/SYSRET on this CPU and route system calls to handler,
 * which reads the number and arguments from the frame and stores the
 * result in tf->rax.  The ring-0 app's go to entry rax of ring0_calls
 * (ncalls entries; -ENOSYS past them); the generic entries of its table
 * (ring0.h's ring0_thunks) call ring0_slow.
 */
void	user_init(void (*handler)(struct trap_frame *),
	    const user_call_fn *ring0_calls, uint64_t ncalls,
	    user_slow_fn ring0_slow);

/* The same CPU set-up (MSRs, CR0/CR4 bits) on another CPU. */
void	user_cpu_init(void);

/* The ring-0 call table user_init was given (an app's AT_JINY_SYSCALL). */
extern const user_call_fn *user_ring0_calls;

/*
 * The thread about to run is (or is not) the ring-0 app.  Its syscall
 * instructions then enter at CPL0: the entry keeps the kernel's %gs
 * (KERNEL_GS_BASE is made equal to it), moves to the thread's kernel
 * stack (the app's red zone stays untouched), calls the ring-0 table's
 * entry with the C convention, and returns by restoring the flags and
 * jumping back, never by sysret.
 */
void	user_set_ring0(bool on);

/*
 * The user-visible CPU state the kernel itself never touches (it is built
 * without SSE): x87/SSE registers and the %fs base.  Saved and restored
 * only when switching between threads that run ring-3 code.
 */
/*
 * A thread's I/O port permissions (ioperm): shared by fork and clone
 * until one side changes them (then it gets a copy of its own).
 */
struct user_iomap {
	uint32_t	um_refs;	/* user_cpu_states pointing here */
	uint64_t	um_id;		/* user_iomap_id(), new per change */
	uint8_t		um_bits[TRAP_IO_PORTS / 8];	/* set: denied */
};

struct user_cpu_state {
	uint8_t		ucs_fxsave[512] __attribute__((aligned(16)));
	uint64_t	ucs_fs_base;
	bool		ucs_notsc;	/* rdtsc faults (CR4.TSD): prctl's
					 * PR_TSC_SIGSEGV; kept by exec */
	/*
	 * I/O ports ring 3 may use, kept by fork and exec as Linux keeps
	 * them: ioperm's map (NULL: none) and iopl's level, of which 3
	 * opens every port (emulated as Linux 5.5+ does: EFLAGS.IOPL
	 * stays 0, so cli and sti still fault).
	 */
	struct user_iomap *ucs_iomap;
	uint8_t		ucs_iopl;
};

/* A fresh id for a user_iomap's contents (never 0 or 1). */
uint64_t user_iomap_id(void);
/* Load s's I/O permissions into the TSS: s is the running thread's. */
void	user_state_io_load(const struct user_cpu_state *s);

/* Reset state to what a new program starts with. */
void	user_state_init(struct user_cpu_state *s);
void	user_state_save(struct user_cpu_state *s);
void	user_state_load(const struct user_cpu_state *s);
/* Set s->ucs_notsc, s being the running thread's state. */
void	user_state_set_notsc(struct user_cpu_state *s, bool on);

/*
 * Make the current system call return with iretq, restoring every
 * register of the frame (sysretq clobbers %rcx and %r11): for
 * rt_sigreturn, which resumes code interrupted at any instruction.
 */
void	user_return_full(void);

/* The kernel stack ring-3 entries of the current thread land on. */
void	user_set_kstack(uint64_t top);

/*
 * Leave for ring 3 at rip with stack rsp and interrupts on; never
 * returns (the thread comes back only through system calls and traps).
 */
__attribute__((noreturn)) void user_enter(uint64_t rip, uint64_t rsp);

/*
 * Return to ring 3 with the registers of tf (a frame on the current
 * thread's kernel stack, e.g. a forked child's copy of its parent's).
 */
__attribute__((noreturn)) void user_resume(struct trap_frame *tf);

/* Is [u, u + n) within the user half (Linux's access_ok)? */
static inline bool
user_range_ok(uintptr_t u, size_t n)
{
	return n <= PAGING_USER_TOP && u <= PAGING_USER_TOP - n;
}

/*
 * Copy n bytes between kernel and user memory.  Returns 0, or -EFAULT if
 * any byte of the user range is outside the user half or unmapped (the
 * fault is recovered through the exception table).
 */
int	copy_from_user(void *dst, const void *usrc, size_t n);

/*
 * True when a kernel-mode fault on a user page, taken with these rflags,
 * is a SMAP violation (a stray access, not one of the copies below).
 */
bool	user_access_fault(uint64_t rflags);
int	copy_to_user(void *udst, const void *src, size_t n);

#endif /* !__ASSEMBLY__ */
#endif /* ARCH_X86_64_INCLUDE_USER_H */
