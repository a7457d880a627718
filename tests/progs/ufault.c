/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * A hostile ring-3 program: executes a privileged instruction chosen by
 * its build (-DFAULT_*).  The kernel must kill it with SIGSEGV and keep
 * running.
 */
void
_start(void)
{
	static const char msg[] = "ufault: about to misbehave\n";
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(1L), "D"(1L), "S"(msg),
	    "d"(sizeof(msg) - 1) : "rcx", "r11", "memory");
#if defined(FAULT_CLI)
	__asm__ volatile("cli");
#elif defined(FAULT_KERNEL_WRITE)
	*(volatile long *)0xffffffff80100000UL = 0;
#elif defined(FAULT_HLT)
	__asm__ volatile("hlt");
#elif defined(FAULT_NULL)
	*(volatile long *)0 = 0;
#endif
	__asm__ volatile("syscall" : "=a"(r) : "a"(60L), "D"(0L) : "rcx", "r11");
	for (;;)
		;
}
