/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Hypercalls through the hypercall page.  Xen fills the page (one 32-byte
 * stub per hypercall, VMCALL or VMMCALL as the CPU needs) when we write its
 * physical address to the MSR CPUID leaf base+2 names.  x86-64 ABI:
 * number via the stub, arguments in rdi rsi rdx r10 r8, result in rax;
 * rcx, r11 and the argument registers may be clobbered.
 */
#ifndef PV_XEN_XEN_HYPERCALL_H
#define PV_XEN_XEN_HYPERCALL_H

#include <stdint.h>

extern char xen_hypercall_page[];

static inline long
xen_hypercall2(unsigned int op, uintptr_t a1, uintptr_t a2)
{
	long ret;

	__asm__ volatile("call *%[fn]"
	    : "=a"(ret), "+D"(a1), "+S"(a2)
	    : [fn] "r"(xen_hypercall_page + op * 32)
	    : "rcx", "r11", "rdx", "r10", "r8", "memory");
	return ret;
}

static inline long
xen_hypercall3(unsigned int op, uintptr_t a1, uintptr_t a2, uintptr_t a3)
{
	long ret;

	__asm__ volatile("call *%[fn]"
	    : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3)
	    : [fn] "r"(xen_hypercall_page + op * 32)
	    : "rcx", "r11", "r10", "r8", "memory");
	return ret;
}

#endif /* PV_XEN_XEN_HYPERCALL_H */
