/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * kmain: from the door's hand-off to a running kernel.  Order matters:
 * traps first (so a fault during boot is reported), then the boot
 * information, page tables, page allocator, the hypervisor back end
 * (console and clock), interrupts and the scheduler.  Prints the boot line
 * scripts read:
 *	jiny: hv=<xen|kvm|qemu> door=<multiboot2|pvh> mem=<N>M clock=<c> cpus=<N>
 *	jiny: boot ok
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/boot_info.h>
#include <lib/cmdline.h>
#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/acpi.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/multiboot2.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/smp.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/uart.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_boot.h>
#include <pv/common/pv_driver.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/console.h>
#include <kernel/log/ksyms.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>
#include <kernel/mm/elastic_mem.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/cpu_elastic.h>
#include <kernel/sched/cpus.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/thread.h>
#include <fs/dev.h>
#include <fs/random.h>
#include <fs/initramfs.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/exec.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/epoll.h>
#include <net/ifnet.h>
#include <net/netlink.h>
#include <net/socket.h>
#include <net/unix.h>
#include <kernel/ipc/dnotify.h>
#include <kernel/ipc/fasync.h>
#include <kernel/ipc/lease.h>
#include <kernel/ipc/inotify.h>
#include <kernel/ipc/mqueue.h>
#include <kernel/ipc/msg.h>
#include <kernel/ipc/pipe.h>
#include <kernel/ipc/msg.h>
#include <kernel/ipc/sem.h>
#include <kernel/ipc/keys.h>
#include <kernel/ipc/shm.h>
#include <fs/procfs/procfs.h>
#include <kernel/tty/tty.h>
#include <kernel/block/loop.h>
#include <net/lwip/net_lwip.h>
#include <syscall/ring0.h>
#include <syscall/sys.h>
#include <syscall/syscall.h>
#include <kernel/tests/ktest.h>
#include "pv_env_kernel.h"

#define MAIN_MIN_FREE_KB 1024			/* below this, refuse to run */

extern char _kernel_start[], _kernel_end[];
extern uint64_t boot_tsc_entry;

static struct boot_info main_bi;

/* Early access to physical memory: entry.S maps the first 4 GiB. */
static const void *
main_early_map(uint64_t pa, size_t len)
{
	if (pa + len < pa || pa + len > EARLY_DMAP_SIZE)
		return NULL;
	/* DMAP_BASE, not phys_to_virt's variable: until the memory map
	 * says the image is all RAM, .data may hold firmware's bytes. */
	return (void *)(uintptr_t)(DMAP_BASE + pa);
}

static void
main_parse_boot_info(int door, uint64_t info_pa)
{
	int error;

	main_bi.bi_door = door;
	if (door == BOOT_DOOR_MULTIBOOT2) {
		main_bi.bi_door_name = "multiboot2";
		error = info_pa < EARLY_DMAP_SIZE ?
		    mb2_parse(main_early_map(info_pa, 1), EARLY_DMAP_SIZE - info_pa,
		    info_pa, &main_bi) : -EINVAL;
	} else {
		main_bi.bi_door_name = "pvh";
		error = pv_boot_pvh_parse(info_pa, main_early_map, &main_bi);
	}
	if (error != 0)
		panic("boot: malformed %s boot information at 0x%lx (%d)",
		    main_bi.bi_door_name, info_pa, error);
	boot_info_normalize(&main_bi);
	if (boot_info_ram_bytes(&main_bi) == 0)
		panic("boot: the %s memory map has no RAM", main_bi.bi_door_name);
}

/* Where the memory map says otherwise, firmware may be using our memory. */
static void
main_check_image(void)
{
	if (!boot_info_is_ram(&main_bi, paging_kimg_pa(_kernel_start),
	    paging_kimg_pa(_kernel_end)))
		panic("boot: the kernel image (physical 0x%lx-0x%lx) is not all "
		    "RAM in the %s memory map (%lu KiB of RAM; give the guest "
		    "more memory)", paging_kimg_pa(_kernel_start),
		    paging_kimg_pa(_kernel_end), main_bi.bi_door_name,
		    boot_info_ram_bytes(&main_bi) / 1024);
}

static void
main_memory_init(void)
{
	struct boot_range used[4 + BOOT_MOD_MAX];
	unsigned int n = 0;
	struct page_stats ps;
	uint64_t scratch, scratch_size, end = boot_info_ram_end(&main_bi);
	int error;

	used[n++] = (struct boot_range){ 0, 0x100000 };	/* firmware, BIOS */
	used[n++] = (struct boot_range){ paging_kimg_pa(_kernel_start),
	    paging_kimg_pa(_kernel_end) };
	/* GRUB's information block holds the RSDP copy acpi_init reads. */
	used[n++] = (struct boot_range){ main_bi.bi_start_info,
	    main_bi.bi_start_info + main_bi.bi_start_info_size };
	for (unsigned int i = 0; i < main_bi.bi_nmods; i++)
		used[n++] = (struct boot_range){ main_bi.bi_mods[i].bmod_base,
		    main_bi.bi_mods[i].bmod_base + main_bi.bi_mods[i].bmod_size };

	/*
	 * Boot page tables: the image's few, plus one directory per GiB and
	 * one PDPT per 512 GiB of the direct map; what is unused goes back.
	 */
	scratch_size = (16 + (end >> 30) + (end >> 39)) * PAGE_SIZE;
	scratch = boot_info_find_free(&main_bi, used, n, scratch_size,
	    EARLY_DMAP_SIZE);
	if (scratch == UINT64_MAX)
		panic("mm: no %lu KiB of free RAM below 4 GiB for page tables "
		    "(RAM %lu KiB)", scratch_size / 1024,
		    boot_info_ram_bytes(&main_bi) / 1024);
	paging_init(&main_bi, scratch, scratch_size);

	used[n++] = (struct boot_range){ scratch, scratch + paging_boot_used() };
	if ((error = page_alloc_init(&main_bi, used, n)) != 0)
		panic("mm: page allocator: no room for its bitmap (%d)", error);
	paging_use_page_alloc(&(const struct paging_pages){ page_alloc,
	    page_free, page_ref_put });
	page_alloc_stats(&ps);
	if (ps.ps_free * (PAGE_SIZE / 1024) < MAIN_MIN_FREE_KB)
		panic("mm: only %lu KiB of RAM free after boot; Jiny needs at "
		    "least %u KiB (give the guest more memory)",
		    ps.ps_free * (PAGE_SIZE / 1024), MAIN_MIN_FREE_KB);
}

/* "earlyprintk=xen,keep" (any kind, ",keep"): as Linux, keep it going. */
/* /proc/sysvipc/sem: one line per set, as Linux lays it out. */
static void
main_sysvipc_sem_row(const struct sem_set_info *in, void *arg)
{
	unsigned int mode = in->ssi_perm.mode & 0777, oct = 0;

	/* perms in octal: its three digits written as a decimal number */
	for (unsigned int shift = 9; shift > 0; shift -= 3)
		oct = oct * 10 + ((mode >> (shift - 3)) & 7);
	procfs_printf(arg, "%10d %10d  %4u %10u %5u %5u %5u %5u %10lld %10lld\n",
	    in->ssi_perm.key, in->ssi_id, oct, in->ssi_nsems,
	    in->ssi_perm.uid, in->ssi_perm.gid, in->ssi_perm.cuid,
	    in->ssi_perm.cgid, (long long)in->ssi_otime,
	    (long long)in->ssi_ctime);
}

static int
main_sysvipc_sem(struct procfs_buf *b)
{
	procfs_printf(b, "%10s %10s %5s %10s %5s %5s %5s %5s %10s %10s\n",
	    "key", "semid", "perms", "nsems", "uid", "gid", "cuid", "cgid",
	    "otime", "ctime");
	sem_foreach(main_sysvipc_sem_row, b);
	return 0;
}

/* /proc/sysvipc/shm: one line per segment, as Linux lays it out. */
static void
main_sysvipc_shm_row(const struct shm_seg_info *in, void *arg)
{
	const struct shmid_ds_abi *ds = &in->ssi_ds;

	procfs_printf(arg, "%10d %10d  %4o %21lu %5d %5d  %5lu %5u %5u %5u "
	    "%5u %10lld %10lld %10lld %21lu %21lu\n", ds->shm_perm.key,
	    in->ssi_id, ds->shm_perm.mode, (unsigned long)ds->shm_segsz,
	    ds->shm_cpid, ds->shm_lpid, (unsigned long)ds->shm_nattch,
	    ds->shm_perm.uid, ds->shm_perm.gid, ds->shm_perm.cuid,
	    ds->shm_perm.cgid, (long long)ds->shm_atime,
	    (long long)ds->shm_dtime, (long long)ds->shm_ctime,
	    (unsigned long)in->ssi_rss, 0UL);
}

static int
main_sysvipc_shm(struct procfs_buf *b)
{
	procfs_printf(b, "       key      shmid perms                  size  "
	    "cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime"
	    "      ctime                   rss                  swap\n");
	shm_foreach(main_sysvipc_shm_row, b);
	return 0;
}

/* /proc/sysvipc/msg: one line per queue, as Linux lays it out. */
static void
main_sysvipc_msg_row(const struct msg_queue_info *in, void *arg)
{
	const struct msqid_ds_abi *ds = &in->mqi_ds;

	procfs_printf(arg, "%10d %10d  %4o  %10lu %10lu %5d %5d %5u %5u %5u "
	    "%5u %10lld %10lld %10lld\n", ds->msg_perm.key, in->mqi_id,
	    ds->msg_perm.mode, (unsigned long)ds->msg_cbytes,
	    (unsigned long)ds->msg_qnum, ds->msg_lspid, ds->msg_lrpid,
	    ds->msg_perm.uid, ds->msg_perm.gid, ds->msg_perm.cuid,
	    ds->msg_perm.cgid, (long long)ds->msg_stime,
	    (long long)ds->msg_rtime, (long long)ds->msg_ctime);
}

static int
main_sysvipc_msg(struct procfs_buf *b)
{
	procfs_printf(b, "       key      msqid perms      cbytes       qnum "
	    "lspid lrpid   uid   gid  cuid  cgid      stime      rtime      "
	    "ctime\n");
	msg_foreach(main_sysvipc_msg_row, b);
	return 0;
}

/* /proc/keys and /proc/key-users: kernel/ipc/keys.c's text. */
static void
main_keys_put(void *arg, const char *s)
{
	procfs_put(arg, s, strlen(s));
}

static int
main_proc_keys(struct procfs_buf *b)
{
	keys_show_keys(main_keys_put, b);
	return 0;
}

static int
main_proc_key_users(struct procfs_buf *b)
{
	keys_show_users(main_keys_put, b);
	return 0;
}

/* The files of /proc/net: net/'s text (ifnet.h, unix.h). */
static void
main_net_put(void *arg, const char *s, size_t len)
{
	procfs_put(arg, s, len);
}

static int
main_net_dev(struct procfs_buf *b)
{
	ifnet_show_dev(main_net_put, b);
	return 0;
}

static int
main_net_route(struct procfs_buf *b)
{
	ifnet_show_route(main_net_put, b);
	return 0;
}

static int
main_net_tcp(struct procfs_buf *b)
{
	ifnet_show_table(IFNET_TABLE_TCP, main_net_put, b);
	return 0;
}

static int
main_net_udp(struct procfs_buf *b)
{
	ifnet_show_table(IFNET_TABLE_UDP, main_net_put, b);
	return 0;
}

static int
main_net_raw(struct procfs_buf *b)
{
	ifnet_show_table(IFNET_TABLE_RAW, main_net_put, b);
	return 0;
}

static int
main_net_unix(struct procfs_buf *b)
{
	unix_show(main_net_put, b);
	return 0;
}

/* /sys/class/net: the interfaces (ifnet.h). */
static int
main_netdev_name(unsigned int nth, int *index, char *buf, size_t size)
{
	struct ifnet_info ii;

	if (ifnet_get(nth, &ii) != 0)
		return -ENOENT;
	*index = ii.ii_index;
	fmt_snprintf(buf, size, "%s", ii.ii_name);
	return 0;
}

static int
main_netdev_show(int index, unsigned int attr, struct procfs_buf *b)
{
	return ifnet_show_sysfs(index, attr, main_net_put, b);
}

static bool
main_keep_early_port(void)
{
	char v[64];
	size_t n;

	if (!cmdline_get(main_bi.bi_cmdline, "earlyprintk", v, sizeof(v)))
		return false;
	n = strlen(v);
	return n >= 5 && strcmp(v + n - 5, ",keep") == 0;
}

static void
main_check_cmdline_word(const char *key, size_t klen, void *arg)
{
	static const char *const known[] = { "ktest", "hz", "console",
	    "earlyprintk", "quiet", "loglevel", "init", "rdinit", "trace",
	    "ring0", "ip", "ktest.ip", "ktest.gw", "smp", "cpu_rest",
	    /* read by the network cases' programs (tests/progs/net-test.sh) */
	    "net.peer", "net.size",
	    /* kernel/mm/elastic_mem.c */
	    "balloon.batch" };

	(void)arg;
	for (unsigned int i = 0; i < ARRAY_SIZE(known); i++)
		if (strlen(known[i]) == klen && memcmp(known[i], key, klen) == 0)
			return;
	pr_warn("cmdline: ignoring unknown option '%.*s'\n", (int)klen, key);
}

/* Split a command-line value into words at spaces; "..." makes one word. */
static unsigned int
main_split(char *line, const char **argv, unsigned int max)
{
	unsigned int argc = 0;

	for (char *c = line, *w = line; *c != '\0' && argc < max - 1;) {
		bool quoted = false;

		while (*c == ' ')
			c++;
		if (*c == '\0')
			break;
		argv[argc++] = w = c;
		for (; *c != '\0' && (quoted || *c != ' '); c++) {
			if (*c == '"')
				quoted = !quoted;
			else
				*w++ = *c;
		}
		if (*c != '\0')
			c++;
		*w = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

/*
 * Start argv (argv[0] a program in the initramfs) in ring 3 as init, or
 * in ring 0 as the high-priority app.  Returns 0 with *out set, or the
 * error of the exec (-ENOENT: no such file), having said nothing.
 */
static int
main_exec(const char *const *argv, bool ring0, struct proc **out)
{
	static const char *const envp[] = { "HOME=/", "TERM=linux",
	    "PATH=/sbin:/bin:/usr/sbin:/usr/bin", NULL };
	struct exec_image xi = { .xi_ring0 = ring0 };
	int error;

	if ((error = exec_prepare(vfs_root(), argv[0], argv, envp, &xi)) != 0)
		return error;
	*out = exec_spawn(ring0 ? "ring0" : "init", &xi);
	return *out == NULL ? -ENOMEM : 0;
}

/*
 * Start a program from a command-line value (a program in the initrd and
 * its arguments, separated by spaces, "..." quoting) and say why if it
 * could not start: NULL then.
 */
static struct proc *
main_start(char *line, bool ring0)
{
	const char *what = ring0 ? "ring0" : "init";
	const char *argv[16];
	struct proc *p;
	int error;

	if (main_split(line, argv, ARRAY_SIZE(argv)) == 0) {
		pr_err("jiny: %s= names no program\n", what);
		return NULL;
	}
	if ((error = main_exec(argv, ring0, &p)) == 0)
		return p;
	if (error == -ENOENT)
		pr_err("jiny: %s program %s: not in the initramfs\n", what,
		    argv[0]);
	pr_err("jiny: cannot start %s: error %d\n", argv[0], error);
	return NULL;
}

/*
 * Choose and start init the way Linux does: the initramfs's /init (or
 * what rdinit= names) if it is there; else the program init= names, and
 * if that fails, no other; else the first of /sbin/init, /etc/init,
 * /bin/init and /bin/sh that runs.  NULL, having said why, if none did.
 */
static struct proc *
main_start_init(char *rdinit, char *init)
{
	static const char *const fallback[] = { "/sbin/init", "/etc/init",
	    "/bin/init", "/bin/sh" };
	const char *argv[16], *rdname = "/init";
	struct proc *p;
	int error;

	if (main_split(rdinit, argv, ARRAY_SIZE(argv)) > 0) {
		rdname = argv[0];
		if ((error = main_exec(argv, false, &p)) == 0)
			return p;
		if (error != -ENOENT)
			pr_err("jiny: failed to execute %s (error %d)\n",
			    rdname, error);
	}
	if (init != NULL) {
		if ((p = main_start(init, false)) == NULL)
			pr_err("jiny: the requested init failed; like Linux, "
			    "no other is tried\n");
		return p;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(fallback); i++) {
		const char *one[] = { fallback[i], NULL };

		if ((error = main_exec(one, false, &p)) == 0)
			return p;
		if (error != -ENOENT)
			pr_err("jiny: %s exists but could not be executed "
			    "(error %d)\n", fallback[i], error);
	}
	pr_err("jiny: no working init found (tried %s, /sbin/init, "
	    "/etc/init, /bin/init, /bin/sh); name one with init= or "
	    "rdinit=\n", rdname);
	return NULL;
}

/* Wait for a started program; 0 if it exited 0. */
static int
main_wait(struct proc *p, const char *what)
{
	int status;

	if (p == NULL)
		return 1;
	status = proc_wait_kernel(p);
	if ((status & 0x7f) != 0)
		printk(LOG_INFO, "jiny: %s killed by signal %d\n", what,
		    status & 0x7f);
	else
		printk(LOG_INFO, "jiny: %s exited with status %d\n", what,
		    (status >> 8) & 0xff);
	syscall_enosys_report();
	return status != 0;
}

/* May the caller reset or feed the random generator? */
static bool
main_random_admin(void)
{
	return proc_capable(CAP_SYS_ADMIN);
}

/* The file tree: the initramfs (first boot module) plus /dev. */
static void
main_fs_init(void)
{
	uint64_t nloop;
	int n, error;

	pipe_init();
	sem_init();
	epoll_init();
	sock_init();
	fasync_init();
	lease_init();
	dnotify_init();
	sys_aio_init();
	inotify_listen();
	if ((error = vfs_init()) != 0)
		panic("vfs: cannot create the root directory (%d)", error);
	vfs_set_root_hook(proc_root_dir);	/* chroot(2) */
	vfs_set_fsize_hooks(proc_fsize_limit, proc_fsize_exceeded);
	dev_set_random_admin(main_random_admin);
	pr_info("random: chacha20, seeded from %s\n", random_hw_seeded() ?
	    "the CPU's generator and timer jitter" : "timer jitter");
	if (main_bi.bi_nmods > 0) {
		n = initramfs_unpack(phys_to_virt(main_bi.bi_mods[0].bmod_base),
		    main_bi.bi_mods[0].bmod_size);
		if (n == -EINVAL)
			panic("initramfs: the boot module is not a valid cpio "
			    "archive");
		if (n < 0)
			panic("initramfs: unpacking failed (%d)", n);
		pr_info("initramfs: %d entries, %lu bytes\n", n,
		    main_bi.bi_mods[0].bmod_size);
	}
	if ((error = dev_populate()) != 0)
		panic("vfs: cannot create /dev (%d)", error);
	procfs_init();
	procfs_set_sysvipc(PROCFS_SYSVIPC_SEM, main_sysvipc_sem);
	procfs_set_sysvipc(PROCFS_SYSVIPC_SHM, main_sysvipc_shm);
	procfs_set_sysvipc(PROCFS_SYSVIPC_MSG, main_sysvipc_msg);
	procfs_set_keys(main_proc_keys, main_proc_key_users);
	procfs_set_net(PROCFS_NET_DEV, main_net_dev);
	procfs_set_net(PROCFS_NET_ROUTE, main_net_route);
	procfs_set_net(PROCFS_NET_TCP, main_net_tcp);
	procfs_set_net(PROCFS_NET_UDP, main_net_udp);
	procfs_set_net(PROCFS_NET_RAW, main_net_raw);
	procfs_set_net(PROCFS_NET_UNIX, main_net_unix);
	procfs_set_netdev(ifnet_sysfs_attrs, ifnet_sysfs_nattrs,
	    main_netdev_name, main_netdev_show);
	keys_init();
	mqueue_init();
	mqueue_set_sock_deliver(netlink_deliver);
	if ((error = tty_init()) != 0)
		panic("tty: cannot start the console terminal (%d)", error);
	/* Loop devices: max_loop=N makes N at boot (Linux's loop.max_loop). */
	(void)cmdline_get_uint(main_bi.bi_cmdline, "max_loop", 0, LOOP_MAX,
	    LOOP_DEFAULT_COUNT, &nloop);
	if ((error = loop_init((unsigned int)nloop)) != 0)
		panic("loop: cannot make the loop devices (%d)", error);
}

static __noreturn void
main_finish(int failed)
{
	printk(LOG_INFO, "jiny: shutdown status=%d\n", failed != 0);
	pv_shutdown(PV_SHUTDOWN_POWEROFF, failed != 0);
}

__noreturn void
kmain(int door, uint64_t info_pa)
{
	char ktest[256], path[256], app[256], rdinit[256];
	struct page_stats ps;
	uint64_t hz, maxcpus, tsc_ok;
	int error, ndev;

	/*
	 * The memory map before the GDT and IDT: in a guest of about 2 MiB
	 * the firmware's tables overlap the image's end, and the check says
	 * so while a console and the way to stop are all it needs.
	 */
	uart_init();
	pv_hv_detect();
	main_parse_boot_info(door, info_pa);
	main_check_image();
	trap_init(&smp_cpu0_local);
	trap_backtrace_hook = ksyms_backtrace;
	main_memory_init();
	if (acpi_init(main_bi.bi_rsdp) != 0)
		pr_warn("acpi: no valid RSDP; ACPI power-off unavailable\n");
	if ((error = pv_hv_init(&main_bi)) != 0)
		panic("pv: cannot start the hypervisor back end (%d)", error);
	/*
	 * The back end's console, if any, replays the log and joins in; port
	 * 0xe9 then falls silent unless "earlyprintk=...,keep" (console.h).
	 */
	console_set_sink(pv_console_writer(), main_keep_early_port());

	cmdline_save(main_bi.bi_cmdline);
	cmdline_foreach(main_bi.bi_cmdline, main_check_cmdline_word, NULL);
	error = cmdline_get_uint(main_bi.bi_cmdline, "hz", 10, 1000, 100, &hz);
	if (error == -EINVAL)
		panic("cmdline: bad value for hz (want a number from 10 to "
		    "1000): '%s'", main_bi.bi_cmdline);

	pic_disable();
	lapic_init();
	sched_init();
	trap_irq_exit_hook = signal_irq_exit;	/* signals after interrupts */
	if ((error = sched_start_timer((unsigned int)hz)) != 0)
		panic("sched: the local APIC timer does not run (%d)", error);
	error = cmdline_get_uint(main_bi.bi_cmdline, "maxcpus", 1, SMP_MAX_CPUS,
	    SMP_MAX_CPUS, &maxcpus);
	if (error == -EINVAL)
		panic("cmdline: bad value for maxcpus (want a number from 1 to "
		    "%u): '%s'", SMP_MAX_CPUS, main_bi.bi_cmdline);
	cpus_boot(&main_bi, (unsigned int)maxcpus);
	/*
	 * Threads on every CPU (smp=threads, the default); smp=idle keeps
	 * them on CPU 0, the others up but idle (the nested test Xen asks
	 * for it: docs/status.md).
	 */
	if (!cmdline_get(main_bi.bi_cmdline, "smp", path, sizeof(path)))
		memcpy(path, "threads", 8);
	if (strcmp(path, "threads") == 0)
		cpus_threads_start();
	else if (strcmp(path, "idle") == 0)
		pr_info("cpu: threads stay on CPU 0 (smp=idle)\n");
	else
		panic("cmdline: bad value for smp (want threads or idle): "
		    "'%s'", path);
	cpu_elastic_start(main_bi.bi_cmdline);
	/* Tracing first: the ring-0 call table is made for it. */
	if (cmdline_get(main_bi.bi_cmdline, "trace", path, sizeof(path)))
		syscall_set_trace(strcmp(path, "syscalls") == 0);
	if (cpus_threads()) {
		(void)ring0_call_table();
		ring0_call_table_smp();
	}
	user_init(cpus_threads() ? syscall_dispatch_locked : syscall_dispatch,
	    ring0_call_table(), RING0_CALLS, ring0_syscall_slow);
	trap_user_fault_hook = syscall_user_fault;
	trap_page_fault_hook = sys_mm_page_fault;
	vfs_set_shrunk_hook(vm_file_shrunk);
	trap_kernel_fault_hook = ring0_fault;
	intr_enable();
	kernel_pv_env_init();
	ndev = pv_probe();
	elastic_mem_init();	/* after the devices: the balloon */
	main_fs_init();
	if (CONFIG_LWIP)
		net_lwip_init(main_bi.bi_cmdline);	/* after the devices */

	printk(LOG_INFO, "jiny: hv=%s door=%s mem=%luM clock=%s cpus=%u\n",
	    pv_hv_name(), main_bi.bi_door_name,
	    (boot_info_ram_bytes(&main_bi) + (1 << 20) - 1) >> 20,
	    pv_clock_name(), cpus_online());
	tsc_ok = rdtsc();
	printk(LOG_INFO, "jiny: boot ok\n");
	page_alloc_stats(&ps);
	printk(LOG_INFO, "jiny: boot-cost tsc_entry=%lu tsc_ok=%lu tsc_hz=%lu "
	    "image=%lu free_kb=%lu devices=%d cmdline=\"%s\"\n",
	    boot_tsc_entry, tsc_ok, pv_clock_tsc_hz(),
	    (uint64_t)(_kernel_end - _kernel_start),
	    ps.ps_free * (PAGE_SIZE / 1024), ndev, main_bi.bi_cmdline);

	if (cmdline_get(main_bi.bi_cmdline, "ktest", ktest, sizeof(ktest))) {
		if (ktest[0] == '\0')
			panic("cmdline: ktest needs a value (all, or a list of "
			    "suite or suite.name)");
		main_finish(ktest_run(ktest));
	}
	/*
	 * The ring-0 app (ring0=) and init run side by side.  init is chosen
	 * as on Linux (main_start_init); ring0= alone starts no init.
	 */
	bool has_app = cmdline_get(main_bi.bi_cmdline, "ring0", app,
	    sizeof(app));
	bool has_init = cmdline_get(main_bi.bi_cmdline, "init", path,
	    sizeof(path));
	bool has_rdinit = cmdline_get(main_bi.bi_cmdline, "rdinit", rdinit,
	    sizeof(rdinit));
	bool want_init = has_init || has_rdinit || !has_app;
	struct proc *app_p = has_app ? main_start(app, true) : NULL;
	struct proc *init_p = NULL;
	int failed = 0;

	if (!has_rdinit)
		memcpy(rdinit, "/init", sizeof("/init"));
	if (want_init)
		init_p = main_start_init(rdinit, has_init ? path : NULL);
	if (want_init)
		failed |= main_wait(init_p, "init");
	if (has_app)
		failed |= main_wait(app_p, "ring0 app");
	main_finish(failed);
}
