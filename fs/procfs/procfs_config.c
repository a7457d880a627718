/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * /proc/config.gz: the kernel's configuration as Linux publishes it (a
 * gzipped .config), for programs that ask which CONFIG_ options the
 * kernel has before they test a feature (LTP's tst_kconfig).  Jiny is not
 * configured by Kconfig, so the file is made from one table: an option is
 * "=y" only where the feature it names is implemented and works here, and
 * "is not set" where it is not, so that a test of a missing feature says
 * so (TCONF) instead of failing.  A new feature flips its line.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/gzip.h>
#include <kernel/mm/kmalloc.h>
#include <fs/procfs/procfs.h>

struct procfs_config {
	const char	*pc_name;	/* without "CONFIG_" */
	bool		 pc_set;
};

/* In Linux's order of .config sections, roughly. */
static const struct procfs_config procfs_config[] = {
	/* general setup */
	{ "64BIT", true },
	{ "X86_64", true },
	{ "MMU", true },
	{ "SMP", false },		/* one CPU */
	{ "MODULES", false },
	{ "SWAP", false },		/* every page is resident */
	{ "SYSVIPC", true },		/* shm and msg queues */
	/* kernel.{msg,shm,sem}_next_id and msgrcv's MSG_COPY */
	{ "CHECKPOINT_RESTORE", true },
	{ "POSIX_MQUEUE", true },
	{ "BSD_PROCESS_ACCT", true },
	{ "BSD_PROCESS_ACCT_V3", true },
	{ "CGROUPS", false },
	{ "NAMESPACES", false },
	{ "USER_NS", false },
	{ "PID_NS", false },
	{ "NET_NS", false },
	{ "IPC_NS", false },
	{ "UTS_NS", false },
	{ "MULTIUSER", true },
	{ "FHANDLE", true },
	{ "POSIX_TIMERS", true },
	{ "PRINTK", true },
	{ "FUTEX", true },
	{ "EPOLL", true },
	{ "SIGNALFD", true },
	{ "TIMERFD", true },
	{ "EVENTFD", true },
	{ "SHMEM", true },
	{ "AIO", true },
	{ "IO_URING", false },
	{ "ADVISE_SYSCALLS", true },	/* madvise, fadvise64 */
	{ "MEMBARRIER", true },
	{ "KCMP", true },
	{ "RSEQ", false },
	{ "BPF_SYSCALL", false },
	{ "PERF_EVENTS", false },
	{ "MEMFD_CREATE", true },
	{ "SECCOMP", false },
	{ "CROSS_MEMORY_ATTACH", true },
	{ "IKCONFIG", true },
	{ "IKCONFIG_PROC", true },
	/* the platform */
	{ "HYPERVISOR_GUEST", true },
	{ "PVH", true },
	{ "XEN", CONFIG_XEN != 0 },
	{ "KVM_GUEST", CONFIG_KVM != 0 },
	{ "NUMA", false },
	{ "X86_IOPL_IOPERM", true },	/* the TSS bitmap, iopl emulated */
	/* memory */
	{ "TRANSPARENT_HUGEPAGE", false },
	{ "KSM", false },
	{ "MEMORY_FAILURE", false },
	{ "USERFAULTFD", false },
	/* executables */
	{ "BINFMT_ELF", true },
	{ "BINFMT_SCRIPT", true },
	/* networking, devices */
	{ "NET", false },
	{ "UNIX", false },
	{ "INET", false },
	{ "BLOCK", true },
	{ "BLK_DEV", true },
	{ "BLK_DEV_LOOP", true },	/* kernel/block/loop.c */
	{ "TTY", true },
	{ "UNIX98_PTYS", false },
	/* file systems */
	{ "FILE_LOCKING", true },	/* leases among them */
	{ "DNOTIFY", true },		/* fcntl F_NOTIFY */
	{ "QUOTA", false },
	{ "INOTIFY_USER", true },
	{ "FANOTIFY", false },
	{ "PROC_FS", true },
	{ "SYSFS", true },
	{ "DEVTMPFS", true },
	{ "TMPFS", true },
	{ "TMPFS_XATTR", true },	/* user, trusted, security */
	{ "TMPFS_POSIX_ACL", false },
	{ "HUGETLBFS", false },
	{ "KEYS", true },		/* user, logon, keyring */
	{ "PERSISTENT_KEYRINGS", false },
	{ "BIG_KEYS", false },
	{ "TRUSTED_KEYS", false },
	{ "ENCRYPTED_KEYS", false },
	{ "USER_DECRYPTED_DATA", false },
	{ "KEY_DH_OPERATIONS", false },
	{ "KEY_NOTIFICATIONS", false },
};

static void
procfs_config_text(struct procfs_buf *t)
{
	procfs_printf(t, "#\n# Automatically generated file; DO NOT EDIT.\n"
	    "# Linux/x86_64 6.1.0-jiny Kernel Configuration\n#\n");
	for (unsigned int i = 0; i < ARRAY_SIZE(procfs_config); i++) {
		if (procfs_config[i].pc_set)
			procfs_printf(t, "CONFIG_%s=y\n",
			    procfs_config[i].pc_name);
		else
			procfs_printf(t, "# CONFIG_%s is not set\n",
			    procfs_config[i].pc_name);
	}
}

int
procfs_sys_config_gz(struct proc *unused, struct procfs_buf *b)
{
	struct procfs_buf t = { 0 };
	size_t size;
	void *gz;
	int ret = -ENOMEM;

	procfs_config_text(&t);
	if (!t.pb_nomem) {
		size = gzip_stored_size(t.pb_len);
		if ((gz = kmalloc(size)) != NULL) {
			procfs_put(b, gz, gzip_stored(gz, size, t.pb_data,
			    t.pb_len));
			kfree(gz);
			ret = 0;
		}
	}
	kfree(t.pb_data);
	return ret;
}
