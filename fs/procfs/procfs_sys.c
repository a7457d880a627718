/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The system-wide files at the top of /proc (see procfs.h), in the
 * formats Linux uses, as far as busybox's free, uptime, ps, top, mount
 * and df read them.  Every figure is measured when the file is read:
 * memory from the page allocator, CPU facts from CPUID and the calibrated
 * TSC, times from the clock, counts from the scheduler and process list.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cmdline.h>
#include <lib/compiler.h>
#include <lib/fmt.h>
#include <lib/ipc_limits.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/klock.h>
#include <arch/x86_64/include/smp.h>
#include <arch/x86_64/include/trap.h>
#include <pv/common/pv_dev.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/log/kmsg.h>
#include <kernel/mm/elastic_mem.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/cpu_elastic.h>
#include <kernel/sched/cpus.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/sched_policy.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/poll.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/notify.h>
#include <fs/random.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/tunable.h>
#include <fs/procfs/procfs.h>

#define PROCFS_HZ	100		/* USER_HZ: /proc counts in 1/100 s */
#define PROCFS_NS_TICK	(1000000000UL / PROCFS_HZ)

/* ---- memory ---- */

static int
procfs_sys_meminfo(struct proc *unused, struct procfs_buf *b)
{
	struct page_stats ps;
	uint64_t total, free;

	page_alloc_stats(&ps);
	/* Pages lent to the host (the balloon) are not the guest's. */
	total = page_stats_owned(&ps) * 4;
	free = ps.ps_free * 4;
	/* File contents live in the heap: they are not a separate cache. */
	procfs_printf(b, "MemTotal:       %8lu kB\n", total);
	procfs_printf(b, "MemFree:        %8lu kB\n", free);
	procfs_printf(b, "MemAvailable:   %8lu kB\n", free);
	procfs_printf(b, "Buffers:        %8lu kB\n", 0UL);
	procfs_printf(b, "Cached:         %8lu kB\n", 0UL);
	procfs_printf(b, "SwapCached:     %8lu kB\n", 0UL);
	procfs_printf(b, "Shmem:          %8lu kB\n", 0UL);
	procfs_printf(b, "SReclaimable:   %8lu kB\n", 0UL);
	procfs_printf(b, "SwapTotal:      %8lu kB\n", 0UL);
	procfs_printf(b, "SwapFree:       %8lu kB\n", 0UL);
	return 0;
}

/*
 * The elastic memory policy (kernel/mm/elastic_mem.h): one "key: value"
 * a line, pages unless the key says kB or ns.
 */
static int
procfs_sys_balloon(struct proc *unused, struct procfs_buf *b)
{
	struct elastic_mem_info ei;
	struct page_stats ps;

	elastic_mem_info(&ei);
	page_alloc_stats(&ps);
	procfs_printf(b, "device: %s\n", ei.ei_present ? ei.ei_device : "none");
	procfs_printf(b, "target: %lu\n", ei.ei_target);
	procfs_printf(b, "lent: %lu\n", ei.ei_lent);
	procfs_printf(b, "lent_kB: %lu\n", ei.ei_lent * 4);
	procfs_printf(b, "floor: %lu\n", ei.ei_floor);
	procfs_printf(b, "refusals: %lu\n", ei.ei_refusals);
	procfs_printf(b, "refused_pages: %lu\n", ei.ei_refused_pages);
	procfs_printf(b, "inflated: %lu\n", ei.ei_inflated);
	procfs_printf(b, "deflated: %lu\n", ei.ei_deflated);
	procfs_printf(b, "requests: %lu\n", ei.ei_batches);
	procfs_printf(b, "pressure_taken: %lu\n", ei.ei_pressure);
	procfs_printf(b, "last_change_ns: %lu\n", ei.ei_last_change_ns);
	procfs_printf(b, "last_change_took_ns: %lu\n",
	    ei.ei_last_change_took_ns);
	procfs_printf(b, "zeroed: %lu\n", ei.ei_zeroed);
	procfs_printf(b, "zero_last_ns: %lu\n", ei.ei_zero_last_ns);
	procfs_printf(b, "now_ns: %lu\n", pv_clock_ns());
	procfs_printf(b, "mem_total_kB: %lu\n", page_stats_owned(&ps) * 4);
	procfs_printf(b, "mem_free_kB: %lu\n", ps.ps_free * 4);
	return 0;
}

/* ---- CPU ---- */

/*
 * Feature flags by CPUID register bit, named as Linux's /proc/cpuinfo
 * names them ("" for bits Linux does not show).
 */
static const char *const procfs_sys_flags_1d[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
	"", "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn",
	"clflush", "", "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht",
	"tm", "ia64", "pbe",
};
static const char *const procfs_sys_flags_1c[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
	"tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", "",
	"pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
	"tsc_deadline_timer", "aes", "xsave", "", "avx", "f16c", "rdrand",
	"hypervisor",
};
static const char *const procfs_sys_flags_81d[32] = {
	[11] = "syscall", [20] = "nx", [22] = "mmxext", [25] = "fxsr_opt",
	[26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm", [30] = "3dnowext",
	[31] = "3dnow",
};
static const char *const procfs_sys_flags_81c[32] = {
	[0] = "lahf_lm", [1] = "cmp_legacy", [2] = "svm", [3] = "extapic",
	[4] = "cr8_legacy", [5] = "abm", [6] = "sse4a", [7] = "misalignsse",
	[8] = "3dnowprefetch", [9] = "osvw", [10] = "ibs", [11] = "xop",
	[12] = "skinit", [13] = "wdt", [15] = "lwp", [16] = "fma4",
	[21] = "tbm", [22] = "topoext",
};
static const char *const procfs_sys_flags_7b[32] = {
	[0] = "fsgsbase", [3] = "bmi1", [4] = "hle", [5] = "avx2",
	[7] = "smep", [8] = "bmi2", [9] = "erms", [10] = "invpcid",
	[11] = "rtm", [16] = "avx512f", [17] = "avx512dq", [18] = "rdseed",
	[19] = "adx", [20] = "smap", [23] = "clflushopt", [24] = "clwb",
	[29] = "sha_ni", [30] = "avx512bw", [31] = "avx512vl",
};

static void
procfs_sys_flags(struct procfs_buf *b, const char *const names[32],
    uint32_t bits)
{
	for (int i = 0; i < 32; i++)
		if ((bits & (1U << i)) && names[i] != NULL && names[i][0] != '\0')
			procfs_printf(b, " %s", names[i]);
}

/*
 * The CPUs Linux would list: those that run threads and do not rest (CPU
 * 0 alone when the others only idle, smp=idle).
 */
static bool
procfs_sys_cpu_shown(unsigned int n)
{
	struct sched_cpu_times ct;

	if (n == 0)
		return true;
	if (n >= sched_ncpus())
		return false;
	sched_cpu_times(n, &ct);
	return ct.ct_online && !cpus_rested(n);
}

static unsigned int
procfs_sys_cpus_shown(void)
{
	unsigned int c = 0;

	for (unsigned int n = 0; n < cpus_online(); n++)
		c += procfs_sys_cpu_shown(n);
	return c;
}

static int
procfs_sys_cpuinfo(struct proc *unused, struct procfs_buf *b)
{
	struct cpuid_regs r0, r1, r7 = { 0 }, e0, e1 = { 0 }, brand[3];
	char vendor[13], model[49];
	uint32_t family, modelno, max_ext;
	uint64_t hz = pv_clock_tsc_hz();
	char *m = model;

	cpuid(0, 0, &r0);
	memcpy(vendor, &r0.ebx, 4);
	memcpy(vendor + 4, &r0.edx, 4);
	memcpy(vendor + 8, &r0.ecx, 4);
	vendor[12] = '\0';
	cpuid(1, 0, &r1);
	if (r0.eax >= 7)
		cpuid(7, 0, &r7);
	cpuid(0x80000000, 0, &e0);
	max_ext = e0.eax;
	if (max_ext >= 0x80000001)
		cpuid(0x80000001, 0, &e1);
	memset(model, 0, sizeof(model));
	if (max_ext >= 0x80000004) {
		for (int i = 0; i < 3; i++)
			cpuid(0x80000002 + (uint32_t)i, 0, &brand[i]);
		memcpy(model, brand, 48);
	}
	while (*m == ' ')
		m++;
	family = (r1.eax >> 8) & 0xf;
	modelno = (r1.eax >> 4) & 0xf;
	/* Extended family and model count only for families 6 and 15. */
	if (family == 0xf)
		family += (r1.eax >> 20) & 0xff;
	if (family == 0x6 || family >= 0xf)
		modelno |= ((r1.eax >> 16) & 0xf) << 4;

	for (unsigned int n = 0, shown = procfs_sys_cpus_shown();
	    n < cpus_online(); n++) {
		if (!procfs_sys_cpu_shown(n))
			continue;
		procfs_printf(b, "processor\t: %u\n", n);
		procfs_printf(b, "vendor_id\t: %s\n", vendor);
		procfs_printf(b, "cpu family\t: %u\n", family);
		procfs_printf(b, "model\t\t: %u\n", modelno);
		procfs_printf(b, "model name\t: %s\n",
		    *m != '\0' ? m : "unknown");
		procfs_printf(b, "stepping\t: %u\n", r1.eax & 0xf);
		procfs_printf(b, "cpu MHz\t\t: %lu.%03lu\n", hz / 1000000,
		    hz / 1000 % 1000);
		procfs_printf(b, "physical id\t: 0\nsiblings\t: %u\n"
		    "core id\t\t: %u\ncpu cores\t: %u\napicid\t\t: %u\n",
		    shown, n, shown, smp_cpu_local(n)->cl_apic_id);
		procfs_printf(b, "fpu\t\t: yes\nfpu_exception\t: yes\n");
		procfs_printf(b, "cpuid level\t: %u\nwp\t\t: yes\n", r0.eax);
		procfs_printf(b, "flags\t\t:");
		procfs_sys_flags(b, procfs_sys_flags_1d, r1.edx);
		procfs_sys_flags(b, procfs_sys_flags_1c, r1.ecx);
		procfs_sys_flags(b, procfs_sys_flags_81d, e1.edx);
		procfs_sys_flags(b, procfs_sys_flags_81c, e1.ecx);
		procfs_sys_flags(b, procfs_sys_flags_7b, r7.ebx);
		procfs_printf(b, "\n");
		/* BogoMIPS: Linux's is twice the loop calibration, near
		 * 2 x MHz. */
		procfs_printf(b, "bogomips\t: %lu.%02lu\n", hz / 500000,
		    hz / 5000 % 100);
		procfs_printf(b, "clflush size\t: %u\n",
		    ((r1.ebx >> 8) & 0xff) * 8);
		procfs_printf(b, "address sizes\t: 48 bits physical, 48 bits "
		    "virtual\n\n");
	}
	return 0;
}

/* ---- time and load ---- */

struct procfs_sys_busy {
	unsigned int	sb_procs;
	unsigned int	sb_running;
};

static void
procfs_sys_busy_fn(struct proc *p, void *arg)
{
	struct procfs_sys_busy *s = arg;

	s->sb_procs++;
	if (p->p_thread == NULL)
		return;
	if (p->p_thread->t_state == THREAD_RUNNING ||
	    p->p_thread->t_state == THREAD_RUNNABLE)
		s->sb_running++;
}

static void
procfs_sys_busy(struct procfs_sys_busy *s)
{
	memset(s, 0, sizeof(*s));
	proc_foreach(procfs_sys_busy_fn, s);
}

/* Print ns as seconds with two decimals. */
static void
procfs_sys_secs(struct procfs_buf *b, uint64_t ns)
{
	procfs_printf(b, "%lu.%02lu", ns / 1000000000UL,
	    ns / 10000000UL % 100);
}

static int
procfs_sys_uptime(struct proc *unused, struct procfs_buf *b)
{
	struct sched_cpu_times ct;
	uint64_t now = pv_clock_ns(), idle = 0;

	procfs_sys_secs(b, now);
	procfs_printf(b, " ");
	/* Every CPU's idle time added up, as Linux (and /proc/stat). */
	for (unsigned int n = 0; n < cpus_online(); n++)
		if (procfs_sys_cpu_shown(n)) {
			sched_cpu_times(n, &ct);
			idle += ct.ct_idle_ns;
		}
	procfs_sys_secs(b, idle);
	procfs_printf(b, "\n");
	return 0;
}

/*
 * Load averages, Linux's way: every 5 s, load = load * e + n * (1 - e)
 * in 11-bit fixed point, with e = exp(-5 s / 1, 5, 15 min).  Sampled when
 * someone asks rather than by a timer: the periods since the last sample
 * are applied with today's count of runnable processes.
 */
#define PROCFS_FSHIFT	11
#define PROCFS_FIXED_1	(1UL << PROCFS_FSHIFT)
static const uint64_t procfs_sys_exp[3] = { 1884, 2014, 2037 };
static uint64_t procfs_sys_load[3];
static uint64_t procfs_sys_load_ns;

static void
procfs_sys_load_update(unsigned int running)
{
	uint64_t now = pv_clock_ns(), periods;

	periods = (now - procfs_sys_load_ns) / 5000000000UL;
	if (periods > 1000)
		periods = 1000;		/* long since settled */
	procfs_sys_load_ns += periods * 5000000000UL;
	for (; periods > 0; periods--)
		for (int i = 0; i < 3; i++)
			procfs_sys_load[i] = (procfs_sys_load[i] *
			    procfs_sys_exp[i] + running * PROCFS_FIXED_1 *
			    (PROCFS_FIXED_1 - procfs_sys_exp[i])) >>
			    PROCFS_FSHIFT;
}

void
procfs_load(uint64_t load[3], unsigned int *running, unsigned int *procs)
{
	struct procfs_sys_busy s;

	procfs_sys_busy(&s);
	procfs_sys_load_update(s.sb_running);
	for (int i = 0; i < 3; i++)
		load[i] = procfs_sys_load[i] << (16 - PROCFS_FSHIFT);
	*running = s.sb_running;
	*procs = s.sb_procs;
}

static int
procfs_sys_loadavg(struct proc *unused, struct procfs_buf *b)
{
	struct procfs_sys_busy s;

	procfs_sys_busy(&s);
	procfs_sys_load_update(s.sb_running);
	for (int i = 0; i < 3; i++) {
		uint64_t l = procfs_sys_load[i] + PROCFS_FIXED_1 / 200;

		procfs_printf(b, "%lu.%02lu ", l >> PROCFS_FSHIFT,
		    ((l & (PROCFS_FIXED_1 - 1)) * 100) >> PROCFS_FSHIFT);
	}
	procfs_printf(b, "%u/%u %d\n", s.sb_running, s.sb_procs,
	    proc_last_pid());
	return 0;
}

static int
procfs_sys_stat(struct proc *unused, struct procfs_buf *b)
{
	struct procfs_sys_busy s;
	struct sched_stats ss;
	struct sched_cpu_times ct;
	uint64_t user = 0, sys = 0, idle = 0;

	procfs_sys_busy(&s);
	sched_stats(&ss);
	/*
	 * Each CPU's time with a thread on it, split into ring 3 (user) and
	 * the rest (system: the kernel's code, the ring-0 app's), as sampled
	 * at interrupts; and its time without one (idle).
	 */
	for (unsigned int n = 0; n < cpus_online(); n++)
		if (procfs_sys_cpu_shown(n)) {
			sched_cpu_times(n, &ct);
			user += ct.ct_user_ns / PROCFS_NS_TICK;
			sys += (ct.ct_busy_ns - ct.ct_user_ns) / PROCFS_NS_TICK;
			idle += ct.ct_idle_ns / PROCFS_NS_TICK;
		}
	procfs_printf(b, "cpu  %lu 0 %lu %lu 0 0 0 0 0 0\n", user, sys, idle);
	for (unsigned int n = 0; n < cpus_online(); n++)
		if (procfs_sys_cpu_shown(n)) {
			sched_cpu_times(n, &ct);
			procfs_printf(b, "cpu%u %lu 0 %lu %lu 0 0 0 0 0 0\n", n,
			    ct.ct_user_ns / PROCFS_NS_TICK,
			    (ct.ct_busy_ns - ct.ct_user_ns) / PROCFS_NS_TICK,
			    ct.ct_idle_ns / PROCFS_NS_TICK);
		}
	procfs_printf(b, "intr %lu\nctxt %lu\nbtime 0\nprocesses %d\n"
	    "procs_running %u\nprocs_blocked 0\n", ss.ss_ticks,
	    ss.ss_switches, proc_last_pid(), s.sb_running);
	return 0;
}

/* ---- kernel ---- */

static int
procfs_sys_version(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "Linux version 6.1.0-jiny (jiny@jiny) (gcc) #1 Jiny\n");
	return 0;
}

static int
procfs_sys_cmdline(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "%s\n", cmdline_boot());
	return 0;
}

static void
procfs_sys_mount_fn(const struct mount *m, void *arg)
{
	struct procfs_buf *b = arg;
	char *path = kmalloc(VFS_PATH_MAX);

	if (path == NULL) {
		b->pb_nomem = true;
		return;
	}
	if (m->mnt_covered == NULL)
		fmt_snprintf(path, VFS_PATH_MAX, "/");
	else if (vfs_path_of(m->mnt_covered, path, VFS_PATH_MAX) < 0)
		fmt_snprintf(path, VFS_PATH_MAX, "?");
	procfs_printf(b, "%s %s %s %s%s%s%s%s 0 0\n", m->mnt_source, path,
	    m->mnt_type->mt_name, (m->mnt_flags & MS_RDONLY) ? "ro" : "rw",
	    (m->mnt_flags & MS_NOSUID) ? ",nosuid" : "",
	    (m->mnt_flags & MS_NODEV) ? ",nodev" : "",
	    (m->mnt_flags & MS_NOEXEC) ? ",noexec" : "",
	    (m->mnt_flags & MS_NOATIME) ? ",noatime" :
	    (m->mnt_flags & MS_RELATIME) ? ",relatime" : "");
	kfree(path);
}

int
procfs_sys_mounts(struct proc *unused, struct procfs_buf *b)
{
	mount_foreach(procfs_sys_mount_fn, b);
	return 0;
}

/*
 * One line of /proc/<pid>/mountinfo: the mount's id (its st_dev, which
 * fdinfo's mnt_id also shows), its parent's (its own for "/"), st_dev as
 * major:minor the way the C library splits it, the root within the
 * filesystem ("/": no bind mounts), the mount point, the mount's options,
 * no optional fields, then "-", the type, the source and the
 * filesystem's options (read-only or not).
 */
static void
procfs_sys_mountinfo_fn(const struct mount *m, void *arg)
{
	struct procfs_buf *b = arg;
	char *path = kmalloc(VFS_PATH_MAX);
	const struct mount *up = m->mnt_covered != NULL ?
	    m->mnt_covered->v_mnt : NULL;
	uint64_t dev = m->mnt_dev;
	const char *rw = (m->mnt_flags & MS_RDONLY) ? "ro" : "rw";

	if (path == NULL) {
		b->pb_nomem = true;
		return;
	}
	if (m->mnt_covered == NULL)
		fmt_snprintf(path, VFS_PATH_MAX, "/");
	else if (vfs_path_of(m->mnt_covered, path, VFS_PATH_MAX) < 0)
		fmt_snprintf(path, VFS_PATH_MAX, "?");
	procfs_printf(b, "%u %u %u:%u / %s %s%s%s%s%s - %s %s %s\n",
	    m->mnt_dev, up != NULL ? up->mnt_dev : m->mnt_dev,
	    (unsigned int)(((dev >> 32) & 0xfffff000) | ((dev >> 8) & 0xfff)),
	    (unsigned int)(((dev >> 12) & 0xffffff00) | (dev & 0xff)),
	    path, rw,
	    (m->mnt_flags & MS_NOSUID) ? ",nosuid" : "",
	    (m->mnt_flags & MS_NODEV) ? ",nodev" : "",
	    (m->mnt_flags & MS_NOEXEC) ? ",noexec" : "",
	    (m->mnt_flags & MS_NOATIME) ? ",noatime" :
	    (m->mnt_flags & MS_RELATIME) ? ",relatime" : "",
	    m->mnt_type->mt_name, m->mnt_source, rw);
	kfree(path);
}

int
procfs_sys_mountinfo(struct proc *unused, struct procfs_buf *b)
{
	mount_foreach(procfs_sys_mountinfo_fn, b);
	return 0;
}

static int
procfs_mounts_open(struct file *f)
{
	f->f_event = mount_events();
	return 0;
}

/* Readable, and once per change of the table, POLLPRI | POLLERR. */
static short
procfs_mounts_poll(struct file *f)
{
	uint64_t now = mount_events();
	short r = FILE_POLLIN | FILE_POLLRDNORM;

	if (f->f_event != now) {
		f->f_event = now;
		r |= FILE_POLLPRI | FILE_POLLERR;
	}
	return r;
}

static struct poll_head *
procfs_mounts_poll_head(struct file *f)
{
	(void)f;
	return mount_poll_head();
}

const struct file_ops procfs_mounts_ops = {
	.fo_io = { file_node_read, file_node_write, 0 },
	.fo_flags = FILE_OPS_PREAD | FILE_OPS_SPLICE,
	.fo_open = procfs_mounts_open,
	.fo_release = file_release_none,
	.fo_poll = procfs_mounts_poll,
	.fo_poll_head = procfs_mounts_poll_head,
	.fo_ioctl = file_reg_ioctl,
	.fo_lseek = file_lseek_node,
	.fo_mmap = file_mmap_none,	/* Linux's have no mmap: -ENODEV */
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

static int
procfs_sys_filesystems(struct proc *unused, struct procfs_buf *b)
{
	static const char *const names[] = { "ramfs", "tmpfs", "proc", "sysfs",
	    "devtmpfs" };

	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		const struct mount_fstype *t = mount_fstype_find(names[i]);

		if (t != NULL)
			procfs_printf(b, "%s\t%s\n", t->mt_nodev ? "nodev" : "",
			    t->mt_name);
	}
	return 0;
}

/* ---- interrupts ---- */

/* Each routed vector, its count on the one CPU, and its name. */
static int
procfs_sys_interrupts(struct proc *unused, struct procfs_buf *b)
{
	unsigned int ncpus = cpus_online();

	/* As Linux lays it out: a column per CPU that is up. */
	procfs_printf(b, "    ");
	for (unsigned int n = 0; n < ncpus; n++)
		procfs_printf(b, "     CPU%-3u", n);
	procfs_printf(b, "\n");
	for (unsigned int v = 32; v < 256; v++) {
		const char *name;
		uint64_t count;

		if (!trap_vector_info(v, &name, &count))
			continue;
		procfs_printf(b, "%3u:", v);
		for (unsigned int n = 0; n < ncpus; n++)
			procfs_printf(b, " %10lu",
			    trap_vector_count(v, smp_cpu_local(n)));
		procfs_printf(b, "   %s\n", name);
	}
	/* Deliveries with IF clear, turned away (trap_dispatch). */
	procfs_printf(b, "SPU: %10lu   Spurious interrupts\n",
	    trap_masked_delivery_count());
	return 0;
}

/* ---- cpus ---- */

/*
 * Jiny's own: each CPU up, its APIC and MADT ids, whether it runs
 * threads, rests (cpus_set_rest; xl vcpu-set) or waits halted, how often
 * it has rested and the IPIs it has taken.
 */
static int
procfs_sys_cpus(struct proc *unused, struct procfs_buf *b)
{
	uint64_t rests, wakes, rest_ms, steps, stepped_ns;

	procfs_printf(b, "cpu  apic   uid  state     rests       ipis    run "
	    "     steals     busy_ms  by      nohz\n");
	for (unsigned int n = 0; n < cpus_online(); n++) {
		struct sched_cpu_times ct;
		const char *state, *by;

		sched_cpu_times(n, &ct);
		state = cpus_rested(n) ? "rested" : n < sched_ncpus() &&
		    ct.ct_online ? "threads" : "idle";
		/* Who rested it: the host, the elastic policy, the kernel. */
		by = !cpus_rested(n) ? "-" : cpus_host_off(n) ? "host" :
		    cpus_rested_elastic(n) ? "policy" : "kernel";
		/* nohz: times its tick stopped for the ring-0 app alone
		 * there, and "*" while it is off. */
		procfs_printf(b, "%-4u %-5u %-4u %-8s %6lu %10lu %6u %10lu "
		    "%11lu  %-6s %5lu%s\n", n, smp_cpu_local(n)->cl_apic_id,
		    cpus_acpi_uid(n), state, cpus_rest_count(n),
		    cpus_ipi_count(n), ct.ct_nr, ct.ct_steals,
		    ct.ct_busy_ns / 1000000, by, ct.ct_tickless_stops,
		    ct.ct_tickless ? "*" : "");
	}
	/* The kernel lock (klock.h): how often taken, waited for, halted
	 * for, and halted waiters woken. */
	if (klock_on) {
		struct klock_stats ks;

		klock_stats(&ks);
		procfs_printf(b, "klock: taken %lu waited %lu spins "
		    "%lu halts %lu wakes %lu yields %lu\n", ks.ks_taken,
		    ks.ks_waited, ks.ks_spins, ks.ks_halts, ks.ks_wakes,
		    ks.ks_yields);
	}
	/* The clock source's steps back (pv_clock_ns() went on over them). */
	pv_clock_step_stats(&steps, &stepped_ns);
	procfs_printf(b, "clock: %s steps %lu stepped_ns %lu\n",
	    pv_clock_name(), steps, stepped_ns);
	cpu_elastic_counts(&rests, &wakes, &rest_ms);
	if (rest_ms != 0)
		procfs_printf(b, "elastic: rest after %lu ms idle, %lu rests, "
		    "%lu wakes\n", rest_ms, rests, wakes);
	else
		procfs_printf(b, "elastic: off\n");
	return 0;
}

/* ---- devices ---- */

static void
procfs_sys_pvdev(const struct pv_dev *d, void *arg)
{
	char line[384];

	pv_dev_describe(d, line, sizeof(line));
	procfs_printf(arg, "%s\n", line);
}

/*
 * Every device the buses found, one a line: bus, place, identity (PCI
 * vendor:device and class, or the xenbus type), the driver bound to it
 * ("-": none), and its resources or backend.
 */
static int
procfs_sys_pvbus(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "%-7s %-10s %-9s  %-6s  %s\n", "bus", "device", "id",
	    "class", "driver       resources");
	pv_dev_foreach(procfs_sys_pvdev, b);
	return 0;
}

static int (*procfs_keys_show)(struct procfs_buf *);
static int (*procfs_key_users_show)(struct procfs_buf *);

void
procfs_set_keys(int (*keys)(struct procfs_buf *),
    int (*users)(struct procfs_buf *))
{
	procfs_keys_show = keys;
	procfs_key_users_show = users;
}

static int
procfs_sys_keys(struct proc *unused, struct procfs_buf *b)
{
	return procfs_keys_show != NULL ? procfs_keys_show(b) : 0;
}

static int
procfs_sys_key_users(struct proc *unused, struct procfs_buf *b)
{
	return procfs_key_users_show != NULL ? procfs_key_users_show(b) : 0;
}

const struct procfs_file procfs_sys_files[] = {
	{ "balloon", procfs_sys_balloon },
	{ "cmdline", procfs_sys_cmdline },
	{ "config.gz", procfs_sys_config_gz },
	{ "cpuinfo", procfs_sys_cpuinfo },
	{ "cpus", procfs_sys_cpus },
	{ "filesystems", procfs_sys_filesystems },
	{ "interrupts", procfs_sys_interrupts },
	{ "key-users", procfs_sys_key_users },
	{ "keys", procfs_sys_keys },
	{ "loadavg", procfs_sys_loadavg },
	{ "meminfo", procfs_sys_meminfo },
	{ "mounts", procfs_sys_mounts },
	{ "pvbus", procfs_sys_pvbus },
	{ "stat", procfs_sys_stat },
	{ "uptime", procfs_sys_uptime },
	{ "version", procfs_sys_version },
};
const unsigned int procfs_sys_nfiles = ARRAY_SIZE(procfs_sys_files);

/* ---- /proc/sys ---- */

#define PROCFS_SYSCTL_NUM(fn, value)					\
static int								\
fn(struct proc *unused, struct procfs_buf *b)				\
{									\
	procfs_printf(b, "%lu\n", (unsigned long)(value));		\
	return 0;							\
}
PROCFS_SYSCTL_NUM(procfs_sysctl_threads_max, 32768)
PROCFS_SYSCTL_NUM(procfs_sysctl_ngroups_max, PROC_NGROUPS_MAX)
PROCFS_SYSCTL_NUM(procfs_sysctl_tainted, 0)
/* The scheduler's fixed real-time figures (kernel/sched/sched_policy.h). */
PROCFS_SYSCTL_NUM(procfs_sysctl_rr_timeslice, SCHED_RR_SLICE_NS / 1000000)
PROCFS_SYSCTL_NUM(procfs_sysctl_rt_period, SCHED_RT_PERIOD_NS / 1000)
PROCFS_SYSCTL_NUM(procfs_sysctl_rt_runtime, SCHED_RT_RUNTIME_NS / 1000)

/* A tunable (kernel/proc/tunable.h): its value, and a store into it. */
#define PROCFS_SYSCTL_TUNABLE(fn, tun)					\
PROCFS_SYSCTL_NUM(fn, (tun).tu_val)					\
static int								\
fn##_store(const char *text, size_t len)				\
{									\
	return tunable_store(&(tun), text, len);			\
}
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_shmmax, tun_shmmax)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_shmall, tun_shmall)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_shmmni, tun_shmmni)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_msgmax, tun_msgmax)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_msgmnb, tun_msgmnb)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_msgmni, tun_msgmni)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_dmesg_restrict, tun_dmesg_restrict)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_keys_maxkeys, tun_keys_maxkeys)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_keys_maxbytes, tun_keys_maxbytes)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_keys_root_maxkeys, tun_keys_root_maxkeys)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_keys_root_maxbytes,
    tun_keys_root_maxbytes)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_keys_gc_delay, tun_keys_gc_delay)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_lease_break, tun_lease_break)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_leases_on, tun_leases_on)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_dnotify_on, tun_dnotify_on)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_nr_open, tun_nr_open)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_pid_max, tun_pid_max)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_pipe_soft, tun_pipe_user_soft)
PROCFS_SYSCTL_TUNABLE(procfs_sysctl_pipe_hard, tun_pipe_user_hard)

/* kernel.ns_last_pid: the last pid given out; the next follows it. */
PROCFS_SYSCTL_NUM(procfs_sysctl_last_pid, proc_last_pid())

static int
procfs_sysctl_last_pid_store(const char *text, size_t len)
{
	int pid = 0, error;

	if ((error = tunable_ints(&pid, 1, 0, (int)tun_pid_max.tu_val, text,
	    len)) == 0)
		proc_set_last_pid(pid);
	return error;
}

/* kernel.{msg,shm,sem}_next_id: -1, or 0..INT_MAX written by root. */
#define PROCFS_SYSCTL_NEXT_ID(fn, var)					\
static int								\
fn(struct proc *unused, struct procfs_buf *b)				\
{									\
	procfs_printf(b, "%d\n", (var));				\
	return 0;							\
}									\
static int								\
fn##_store(const char *text, size_t len)				\
{									\
	return tunable_ints(&(var), 1, 0, INT32_MAX, text, len);	\
}
PROCFS_SYSCTL_NEXT_ID(procfs_sysctl_msg_next_id, tun_msg_next_id)
PROCFS_SYSCTL_NEXT_ID(procfs_sysctl_shm_next_id, tun_shm_next_id)
PROCFS_SYSCTL_NEXT_ID(procfs_sysctl_sem_next_id, tun_sem_next_id)

/* kernel.core_pattern: kept for the day cores are written (none are). */
static int
procfs_sysctl_core_pattern(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "%s\n", tun_core_pattern);
	return 0;
}

static int
procfs_sysctl_core_pattern_store(const char *text, size_t len)
{
	return tunable_string(tun_core_pattern, sizeof(tun_core_pattern), text,
	    len);
}

/* kernel/random: the generator's entropy, and the pool's size (bits). */
static int
procfs_sysctl_entropy(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "%u\n", random_entropy_bits());
	return 0;
}
PROCFS_SYSCTL_NUM(procfs_sysctl_poolsize, RANDOM_POOL_BITS)
PROCFS_SYSCTL_NUM(procfs_sysctl_pipe_max, tun_pipe_max.tu_val)

/* fs.pipe-max-size: rounded up to a power-of-two number of pages. */
static int
procfs_sysctl_pipe_max_store(const char *text, size_t len)
{
	struct tunable t = tun_pipe_max;
	uint64_t size = 4096;		/* a page */
	int error;

	if ((error = tunable_store(&t, text, len)) != 0)
		return error;
	while (size < t.tu_val)
		size <<= 1;
	if (size > tun_pipe_max.tu_max)
		return -EINVAL;
	tun_pipe_max.tu_val = size;
	return 0;
}
PROCFS_SYSCTL_NUM(procfs_sysctl_overcommit, 0)
PROCFS_SYSCTL_NUM(procfs_sysctl_aio_max_nr, AIO_MAX_NR)

static uint64_t (*procfs_aio_nr)(void);

void
procfs_set_aio_nr(uint64_t (*fn)(void))
{
	procfs_aio_nr = fn;
}

static int
procfs_sysctl_aio_nr(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "%lu\n", procfs_aio_nr != NULL ?
	    (unsigned long)procfs_aio_nr() : 0UL);
	return 0;
}

PROCFS_SYSCTL_NUM(procfs_sysctl_in_events, fsnotify_limits.fl_max_queued_events)
PROCFS_SYSCTL_NUM(procfs_sysctl_in_instances,
    fsnotify_limits.fl_max_user_instances)
PROCFS_SYSCTL_NUM(procfs_sysctl_in_watches, fsnotify_limits.fl_max_user_watches)

/* fs.inotify's limits: decimal, 0..INT_MAX, as Linux's. */
#define PROCFS_SYSCTL_U32_STORE(fn, var)				\
static int								\
fn##_store(const char *text, size_t len)				\
{									\
	struct tunable t = { (var), 0, INT32_MAX };			\
	int error = tunable_store(&t, text, len);			\
									\
	if (error == 0)							\
		(var) = (uint32_t)t.tu_val;				\
	return error;							\
}
PROCFS_SYSCTL_U32_STORE(procfs_sysctl_in_events,
    fsnotify_limits.fl_max_queued_events)
PROCFS_SYSCTL_U32_STORE(procfs_sysctl_in_instances,
    fsnotify_limits.fl_max_user_instances)
PROCFS_SYSCTL_U32_STORE(procfs_sysctl_in_watches,
    fsnotify_limits.fl_max_user_watches)

static int
procfs_sysctl_hostname(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "%s\n", proc_nodename);
	return 0;
}

static int
procfs_sysctl_domainname(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "%s\n", proc_domainname);
	return 0;
}

/* As sethostname(2) and setdomainname(2) set them: up to 64 bytes. */
static int
procfs_sysctl_hostname_store(const char *text, size_t len)
{
	bool on = intr_save();

	tunable_string(proc_nodename, sizeof(proc_nodename), text, len);
	intr_restore(on);
	return 0;
}

static int
procfs_sysctl_domainname_store(const char *text, size_t len)
{
	bool on = intr_save();

	tunable_string(proc_domainname, sizeof(proc_domainname), text, len);
	intr_restore(on);
	return 0;
}

static int
procfs_sysctl_ostype(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "Linux\n");
	return 0;
}

static int
procfs_sysctl_osrelease(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "6.1.0-jiny\n");
	return 0;
}

static int
procfs_sysctl_version(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "#1 Jiny\n");		/* uname's version */
	return 0;
}

/* SEMMSL SEMMNS SEMOPM SEMMNI, tab-separated as Linux. */
static int
procfs_sysctl_sem(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "%u\t%lu\t%u\t%u\n", (unsigned int)SEMMSL,
	    (unsigned long)SEMMNS, (unsigned int)SEMOPM, (unsigned int)IPC_MNI);
	return 0;
}

/* console, default message, lowest console and boot log levels */
static int
procfs_sysctl_printk(struct proc *unused, struct procfs_buf *b)
{
	int v[4];

	kmsg_printk(v);
	procfs_printf(b, "%d\t%d\t%d\t%d\n", v[0], v[1], v[2], v[3]);
	return 0;
}

/* Up to four integers, as Linux's proc_dointvec takes them: those given
 * are set, the rest kept, a fifth and more ignored. */
static int
procfs_sysctl_printk_store(const char *text, size_t len)
{
	int v[4], error;

	kmsg_printk(v);
	if ((error = tunable_ints(v, 4, INT32_MIN, INT32_MAX, text, len)) == 0)
		kmsg_set_printk(v, 4);
	return error;
}


/*
 * /proc/sys/fs/mqueue: POSIX message queues' limits (lib/ipc_limits.h),
 * each with Linux's bounds for what may be written.
 */
#define PROCFS_SYSCTL_MQ(name, field, min, max)				\
static int								\
procfs_sysctl_mq_##name(struct proc *unused, struct procfs_buf *b)	\
{									\
	procfs_printf(b, "%lu\n", (unsigned long)mq_limits.field);	\
	return 0;							\
}									\
static int								\
procfs_sysctl_mq_##name##_set(const char *buf, size_t len)		\
{									\
	return procfs_sysctl_number(buf, len, min, max,			\
	    &mq_limits.field);						\
}

/* A decimal number (spaces and one newline around it) in [min, max]. */
static int
procfs_sysctl_number(const char *buf, size_t len, uint64_t min, uint64_t max,
    uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0, digits = 0;

	while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
		i++;
	for (; i < len && buf[i] >= '0' && buf[i] <= '9'; i++, digits++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(buf[i] - '0');
	}
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
	    buf[i] == '\0'))
		i++;
	if (digits == 0 || i != len || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

PROCFS_SYSCTL_MQ(msg_max, ml_msg_max, 1, MQ_HARD_MSG_MAX)
PROCFS_SYSCTL_MQ(msgsize_max, ml_msgsize_max, 128, MQ_HARD_MSGSIZE_MAX)
PROCFS_SYSCTL_MQ(queues_max, ml_queues_max, 0, 0x7fffffff)
PROCFS_SYSCTL_MQ(msg_default, ml_msg_default, 1, MQ_HARD_MSG_MAX)
PROCFS_SYSCTL_MQ(msgsize_default, ml_msgsize_default, 128,
    MQ_HARD_MSGSIZE_MAX)

/* Directories first: their place (1, 2, ...) is what the files name. */
const struct procfs_sysctl procfs_sysctl[] = {
	{ { "fs", NULL }, 0 },				/* 1 */
	{ { "kernel", NULL }, 0 },			/* 2 */
	{ { "vm", NULL }, 0 },				/* 3 */
	{ { "inotify", NULL }, 1 },			/* 4 */
	{ { "mqueue", NULL }, 1 },			/* 5 */
	{ { "keys", NULL }, 2 },			/* 6 */
	{ { "random", NULL }, 2 },			/* 7 */
	{ { "aio-max-nr", procfs_sysctl_aio_max_nr }, 1 },
	{ { "aio-nr", procfs_sysctl_aio_nr }, 1 },
	{ { "dir-notify-enable", procfs_sysctl_dnotify_on }, 1 },
	{ { "lease-break-time", procfs_sysctl_lease_break }, 1 },
	{ { "leases-enable", procfs_sysctl_leases_on }, 1 },
	{ { "nr_open", procfs_sysctl_nr_open }, 1 },
	{ { "pipe-max-size", procfs_sysctl_pipe_max }, 1 },
	{ { "pipe-user-pages-hard", procfs_sysctl_pipe_hard }, 1 },
	{ { "pipe-user-pages-soft", procfs_sysctl_pipe_soft }, 1 },
	{ { "core_pattern", procfs_sysctl_core_pattern }, 2 },
	{ { "dmesg_restrict", procfs_sysctl_dmesg_restrict }, 2 },
	{ { "domainname", procfs_sysctl_domainname }, 2 },
	{ { "hostname", procfs_sysctl_hostname }, 2 },
	{ { "msgmax", procfs_sysctl_msgmax }, 2 },
	{ { "msgmnb", procfs_sysctl_msgmnb }, 2 },
	{ { "msgmni", procfs_sysctl_msgmni }, 2 },
	{ { "msg_next_id", procfs_sysctl_msg_next_id }, 2 },
	{ { "ngroups_max", procfs_sysctl_ngroups_max }, 2 },
	{ { "ns_last_pid", procfs_sysctl_last_pid }, 2 },
	{ { "osrelease", procfs_sysctl_osrelease }, 2 },
	{ { "ostype", procfs_sysctl_ostype }, 2 },
	{ { "pid_max", procfs_sysctl_pid_max }, 2 },
	{ { "printk", procfs_sysctl_printk }, 2 },
	{ { "sched_rr_timeslice_ms", procfs_sysctl_rr_timeslice }, 2 },
	{ { "sched_rt_period_us", procfs_sysctl_rt_period }, 2 },
	{ { "sched_rt_runtime_us", procfs_sysctl_rt_runtime }, 2 },
	{ { "sem", procfs_sysctl_sem }, 2 },
	{ { "sem_next_id", procfs_sysctl_sem_next_id }, 2 },
	{ { "shmall", procfs_sysctl_shmall }, 2 },
	{ { "shmmax", procfs_sysctl_shmmax }, 2 },
	{ { "shm_next_id", procfs_sysctl_shm_next_id }, 2 },
	{ { "shmmni", procfs_sysctl_shmmni }, 2 },
	{ { "tainted", procfs_sysctl_tainted }, 2 },
	{ { "threads-max", procfs_sysctl_threads_max }, 2 },
	{ { "version", procfs_sysctl_version }, 2 },
	{ { "overcommit_memory", procfs_sysctl_overcommit }, 3 },
	{ { "max_queued_events", procfs_sysctl_in_events }, 4 },
	{ { "max_user_instances", procfs_sysctl_in_instances }, 4 },
	{ { "max_user_watches", procfs_sysctl_in_watches }, 4 },
	{ { "msg_default", procfs_sysctl_mq_msg_default }, 5 },
	{ { "msg_max", procfs_sysctl_mq_msg_max }, 5 },
	{ { "msgsize_default", procfs_sysctl_mq_msgsize_default }, 5 },
	{ { "msgsize_max", procfs_sysctl_mq_msgsize_max }, 5 },
	{ { "queues_max", procfs_sysctl_mq_queues_max }, 5 },
	{ { "gc_delay", procfs_sysctl_keys_gc_delay }, 6 },
	{ { "maxbytes", procfs_sysctl_keys_maxbytes }, 6 },
	{ { "maxkeys", procfs_sysctl_keys_maxkeys }, 6 },
	{ { "root_maxbytes", procfs_sysctl_keys_root_maxbytes }, 6 },
	{ { "root_maxkeys", procfs_sysctl_keys_root_maxkeys }, 6 },
	{ { "entropy_avail", procfs_sysctl_entropy }, 7 },
	{ { "poolsize", procfs_sysctl_poolsize }, 7 },
};
const unsigned int procfs_nsysctl = ARRAY_SIZE(procfs_sysctl);

const struct procfs_store procfs_sysctl_stores[] = {
	{ procfs_sysctl_dmesg_restrict, procfs_sysctl_dmesg_restrict_store },
	{ procfs_sysctl_dnotify_on, procfs_sysctl_dnotify_on_store },
	{ procfs_sysctl_core_pattern, procfs_sysctl_core_pattern_store },
	{ procfs_sysctl_domainname, procfs_sysctl_domainname_store },
	{ procfs_sysctl_hostname, procfs_sysctl_hostname_store },
	{ procfs_sysctl_last_pid, procfs_sysctl_last_pid_store },
	{ procfs_sysctl_msg_next_id, procfs_sysctl_msg_next_id_store },
	{ procfs_sysctl_nr_open, procfs_sysctl_nr_open_store },
	{ procfs_sysctl_pid_max, procfs_sysctl_pid_max_store },
	{ procfs_sysctl_pipe_hard, procfs_sysctl_pipe_hard_store },
	{ procfs_sysctl_pipe_soft, procfs_sysctl_pipe_soft_store },
	{ procfs_sysctl_printk, procfs_sysctl_printk_store },
	{ procfs_sysctl_sem_next_id, procfs_sysctl_sem_next_id_store },
	{ procfs_sysctl_shm_next_id, procfs_sysctl_shm_next_id_store },
	{ procfs_sysctl_in_events, procfs_sysctl_in_events_store },
	{ procfs_sysctl_keys_gc_delay, procfs_sysctl_keys_gc_delay_store },
	{ procfs_sysctl_keys_maxbytes, procfs_sysctl_keys_maxbytes_store },
	{ procfs_sysctl_keys_maxkeys, procfs_sysctl_keys_maxkeys_store },
	{ procfs_sysctl_keys_root_maxbytes,
	    procfs_sysctl_keys_root_maxbytes_store },
	{ procfs_sysctl_keys_root_maxkeys,
	    procfs_sysctl_keys_root_maxkeys_store },
	{ procfs_sysctl_in_instances, procfs_sysctl_in_instances_store },
	{ procfs_sysctl_in_watches, procfs_sysctl_in_watches_store },
	{ procfs_sysctl_lease_break, procfs_sysctl_lease_break_store },
	{ procfs_sysctl_leases_on, procfs_sysctl_leases_on_store },
	{ procfs_sysctl_mq_msg_default, procfs_sysctl_mq_msg_default_set },
	{ procfs_sysctl_mq_msg_max, procfs_sysctl_mq_msg_max_set },
	{ procfs_sysctl_mq_msgsize_default,
	    procfs_sysctl_mq_msgsize_default_set },
	{ procfs_sysctl_mq_msgsize_max, procfs_sysctl_mq_msgsize_max_set },
	{ procfs_sysctl_mq_queues_max, procfs_sysctl_mq_queues_max_set },
	{ procfs_sysctl_msgmax, procfs_sysctl_msgmax_store },
	{ procfs_sysctl_msgmnb, procfs_sysctl_msgmnb_store },
	{ procfs_sysctl_msgmni, procfs_sysctl_msgmni_store },
	{ procfs_sysctl_pipe_max, procfs_sysctl_pipe_max_store },
	{ procfs_sysctl_shmall, procfs_sysctl_shmall_store },
	{ procfs_sysctl_shmmax, procfs_sysctl_shmmax_store },
	{ procfs_sysctl_shmmni, procfs_sysctl_shmmni_store },
};
const unsigned int procfs_nsysctl_stores = ARRAY_SIZE(procfs_sysctl_stores);
