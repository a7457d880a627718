/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * BSD process accounting (acct(2)): while a file is set, every process
 * that ends appends a struct acct_v3 record to it (lib/acct.h): its
 * names and ids, exit status, start time, elapsed and CPU time.  All CPU
 * time is counted as user time (the scheduler does not split it) and
 * memory and I/O figures are 0; the tty is 0 (no controlling terminals
 * are tracked); ac_comm is the ending thread's name (prctl PR_SET_NAME
 * changes it, as on Linux).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/acct.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/sched/thread.h>
#include <fs/file.h>
#include <kernel/proc/proc.h>

#define ACCT_NS_TICK	(1000000000ULL / ACCT_HZ)

static struct file *acct_file;		/* held; NULL: accounting is off */

void
proc_acct_set(struct file *f)
{
	bool on = intr_save();
	struct file *old = acct_file;

	acct_file = f;
	intr_restore(on);
	file_put(old);
}

void
proc_acct_exit(struct proc *p, int status)
{
	struct acct_v3_abi rec;
	uint64_t now = pv_clock_ns(), wall = pv_clock_wall_ns(), run, cpu;
	struct file *f;
	bool on = intr_save();

	if ((f = acct_file) != NULL)
		f->f_refs++;
	intr_restore(on);
	if (f == NULL)
		return;
	run = now > p->p_start_ns ? now - p->p_start_ns : 0;
	cpu = thread_runtime_ns();
	memset(&rec, 0, sizeof(rec));
	rec.ac_version = ACCT_VERSION;
	if (p->p_forked)
		rec.ac_flag |= ACCT_AFORK;
	if ((status & 0x7f) != 0)
		rec.ac_flag |= ACCT_AXSIG;
	if (status & 0x80)
		rec.ac_flag |= ACCT_ACORE;
	rec.ac_exitcode = (uint32_t)status;
	rec.ac_uid = p->p_cred.pc_uid;
	rec.ac_gid = p->p_cred.pc_gid;
	rec.ac_pid = (uint32_t)p->p_pid;
	rec.ac_ppid = p->p_parent != NULL ? (uint32_t)p->p_parent->p_pid : 0;
	rec.ac_btime = (uint32_t)((wall > run ? wall - run : 0) / 1000000000ULL);
	rec.ac_etime = acct_float_bits(run / ACCT_NS_TICK);
	rec.ac_utime = acct_comp(cpu / ACCT_NS_TICK);
	/* The ending thread's name, as Linux's current->comm. */
	memcpy(rec.ac_comm, thread_current()->t_name, ACCT_COMM - 1);
	(void)file_write(f, &rec, sizeof(rec));
	file_put(f);
}
