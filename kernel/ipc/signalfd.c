/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* signalfd (see signalfd.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/signal_abi.h>
#include <lib/string.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <fs/file.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/signalfd.h>

#define SIGNALFD_UNBLOCKABLE	(SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))
#define SIGNALFD_SI_QUEUE	(-1)

/* struct signalfd_siginfo of the Linux ABI. */
struct signalfd_info {
	uint32_t	ssi_signo;
	int32_t		ssi_errno;
	int32_t		ssi_code;
	uint32_t	ssi_pid;
	uint32_t	ssi_uid;
	int32_t		ssi_fd;
	uint32_t	ssi_tid;
	uint32_t	ssi_band;
	uint32_t	ssi_overrun;
	uint32_t	ssi_trapno;
	int32_t		ssi_status;
	int32_t		ssi_int;
	uint64_t	ssi_ptr;
	uint64_t	ssi_utime;
	uint64_t	ssi_stime;
	uint64_t	ssi_addr;
	uint8_t		ssi_pad[48];
};
_Static_assert(sizeof(struct signalfd_info) == 128, "signalfd_siginfo ABI");

struct signalfd {
	uint64_t	sfd_mask;	/* set by signalfd4 */
};

static const struct file_ops signalfd_ops;

static struct signalfd *
signalfd_of(const struct file *f)
{
	return f->f_node->v_priv;
}

bool
signalfd_is(const struct file *f)
{
	return f->f_ops == &signalfd_ops;
}

void
signalfd_set_mask(struct file *f, uint64_t mask)
{
	signalfd_of(f)->sfd_mask = mask & ~SIGNALFD_UNBLOCKABLE;
	/* Signals of the new set may be pending already. */
	poll_wake(signal_poll_head(), FILE_POLLIN);
}

/* A dequeued signal as signalfd tells it. */
static void
signalfd_fill(struct signalfd_info *out, const struct signal_info *in)
{
	memset(out, 0, sizeof(*out));
	out->ssi_signo = (uint32_t)in->si_signo;
	out->ssi_errno = in->si_errno;
	out->ssi_code = in->si_code;
	if (in->si_signo == SIGCHLD && in->si_code > 0) {
		out->ssi_pid = (uint32_t)in->si_pid;
		out->ssi_uid = in->si_uid;
		out->ssi_status = in->si_status;
	} else if ((in->si_signo == SIGSEGV || in->si_signo == SIGBUS ||
	    in->si_signo == SIGILL || in->si_signo == SIGFPE ||
	    in->si_signo == SIGTRAP) && in->si_code > 0 &&
	    in->si_code != SI_KERNEL) {
		out->ssi_addr = in->si_addr;
	} else {
		out->ssi_pid = (uint32_t)in->si_pid;
		out->ssi_uid = in->si_uid;
		if (in->si_code == SIGNALFD_SI_QUEUE || in->si_code < -1) {
			out->ssi_int = (int32_t)in->si_value;
			out->ssi_ptr = in->si_value;
		}
	}
}

static long
signalfd_read(struct file *f, void *buf, size_t len)
{
	struct signalfd *s = signalfd_of(f);
	struct signal_info info;
	size_t n = 0;
	long error;

	if (len < sizeof(struct signalfd_info))
		return -EINVAL;
	for (;;) {
		uint64_t gen = poll_generation();

		while (len - n >= sizeof(struct signalfd_info) &&
		    signal_dequeue(s->sfd_mask, &info) != 0) {
			signalfd_fill((struct signalfd_info *)((char *)buf + n),
			    &info);
			n += sizeof(struct signalfd_info);
		}
		if (n > 0)
			return (long)n;
		if ((error = signal_wait_error(f->f_flags & O_NONBLOCK)) != 0)
			return error;
		/* Woken by signal_poll_head's announcements. */
		poll_sleep(gen, UINT64_MAX);
	}
}

static long
signalfd_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EINVAL;
}

static short
signalfd_poll(struct file *f)
{
	/* The caller's own signals and its process's, as read takes them. */
	return (signal_pending_set(thread_current()) &
	    signalfd_of(f)->sfd_mask) ? FILE_POLLIN : 0;
}

static struct poll_head *
signalfd_poll_head(struct file *f)
{
	(void)f;
	return signal_poll_head();
}

static void
signalfd_release(struct file *f)
{
	kfree(signalfd_of(f));
}

static const struct file_ops signalfd_ops = {
	.fo_io = { signalfd_read, signalfd_write, FILE_WRITE_NOBUF },
	.fo_open = file_open_none,
	.fo_release = signalfd_release,
	.fo_poll = signalfd_poll,
	.fo_poll_head = signalfd_poll_head,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

struct file *
signalfd_create(uint64_t mask, uint32_t flags)
{
	struct signalfd *s = kzalloc(sizeof(*s));
	struct file *f;

	if (s == NULL)
		return NULL;
	s->sfd_mask = mask & ~SIGNALFD_UNBLOCKABLE;
	if ((f = file_new_anon(&signalfd_ops, O_RDWR | (flags & O_NONBLOCK),
	    s)) == NULL)
		kfree(s);
	return f;
}
