/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * panic(): report and stop.  The report is "panic: <message>", the
 * backtrace of the caller, and then the guest is shut down as crashed
 * (QEMU exit status 5 with isa-debug-exit; Xen SHUTDOWN_crash).  A panic
 * while panicking only halts, so a broken console cannot loop.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <lib/fmt.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/ksyms.h>
#include <kernel/log/kmsg.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>

static bool panic_active;

void
panic(const char *fmt, ...)
{
	const uintptr_t *fp = __builtin_frame_address(0);
	char msg[256];
	va_list ap;

	intr_disable();
	if (panic_active)
		cpu_halt_forever();
	panic_active = true;
	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Whatever kernel.printk says, a panic is shown (as Linux's
	 * console_verbose). */
	kmsg_set_printk((const int[4]){ 15 }, 1);
	printk(LOG_ERR, "panic: %s\n", msg);
	/* Start at our caller: fp[1] is its return address, fp[0] its frame. */
	ksyms_backtrace(fp[1] - 1, fp[0]);
	printk(LOG_ERR, "jiny: shutdown status=crash\n");
	pv_shutdown(PV_SHUTDOWN_CRASH, 1);
}
