/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Process descriptors (see pidfd.h): one struct file_ops on an anonymous
 * node whose private pointer is the process's struct proc_pidref, the
 * handle that outlives the process.  proc_exit announces POLLIN on its
 * poll head.  Ready is
 * POLLIN | POLLRDNORM, as Linux 6.1's.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/sched/poll.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/proc/pidfd.h>
#include <kernel/proc/proc.h>

static struct proc_pidref *
pidfd_ref(const struct file *f)
{
	return f->f_node->v_priv;
}

static long
pidfd_read(struct file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EINVAL;
}

static long
pidfd_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EINVAL;
}

static void
pidfd_release(struct file *f)
{
	proc_pidref_put(pidfd_ref(f));
}

static short
pidfd_poll(struct file *f)
{
	struct proc_pidref *r = pidfd_ref(f);
	bool on = intr_save();
	short ready = 0;

	/* Linux 6.1's answer; from 6.9 on a reaped one is POLLHUP too. */
	if (r->pr_exited)
		ready = FILE_POLLIN | FILE_POLLRDNORM;
	intr_restore(on);
	return ready;
}

static struct poll_head *
pidfd_poll_head(struct file *f)
{
	return &pidfd_ref(f)->pr_head;
}

/* fdinfo: the process's pid, -1 once it has been reaped (Linux 6.1). */
static void
pidfd_fdinfo(struct file *f, char *buf, size_t size)
{
	const struct proc_pidref *r = pidfd_ref(f);

	fmt_snprintf(buf, size, "Pid:\t%d\n", r->pr_proc != NULL ?
	    r->pr_pid : -1);
}

static const struct file_ops pidfd_ops = {
	.fo_io = { pidfd_read, pidfd_write, 0 },
	.fo_open = file_open_none,
	.fo_release = pidfd_release,
	.fo_poll = pidfd_poll,
	.fo_poll_head = pidfd_poll_head,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = pidfd_fdinfo,
};

struct file *
pidfd_file_new(struct proc_pidref *r, bool nonblock)
{
	struct file *f;

	if ((f = file_new_anon(&pidfd_ops, O_RDWR |
	    (nonblock ? O_NONBLOCK : 0), r)) == NULL)
		proc_pidref_put(r);
	return f;
}

bool
pidfd_is(const struct file *f)
{
	return f->f_ops == &pidfd_ops;
}

struct proc *
pidfd_proc(const struct file *f, bool live_only, int *pid)
{
	struct proc_pidref *r = pidfd_ref(f);

	*pid = r->pr_pid;
	if (r->pr_proc == NULL || (live_only && r->pr_exited))
		return NULL;
	return r->pr_proc;
}
