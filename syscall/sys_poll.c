/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * poll, ppoll, select and pselect6: one scan of the caller's descriptors
 * (file_poll) repeated after each wake-up from kernel/sched/poll.c until one is
 * ready, the timeout passes or a signal comes.  ppoll and pselect6 swap
 * in a signal mask for the wait; the old one returns after a handler has
 * run (or at once when none does).  select reports the time left.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <lib/timespec.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/thread.h>
#include <fs/file.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <syscall/sys.h>
#include <syscall/sys_poll.h>

#define NS_PER_SEC	1000000000UL
#define SYS_POLL_UNBLOCKABLE (SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))
/* select's sets in poll terms (Linux's POLLIN_SET etc.). */
#define SYS_POLL_IN_SET	 (FILE_POLLIN | FILE_POLLHUP | FILE_POLLERR)
#define SYS_POLL_OUT_SET (FILE_POLLOUT | FILE_POLLERR)
#define SYS_POLL_EX_SET	 FILE_POLLPRI

struct sys_poll_fd {		/* struct pollfd */
	int32_t		fd;
	int16_t		events, revents;
};

/* Fill every revents; returns how many are non-zero. */
static long
sys_poll_scan(struct sys_poll_fd *pfd, uint64_t nfds)
{
	struct fdtable *t = proc_current()->p_fds;
	long ready = 0;

	for (uint64_t i = 0; i < nfds; i++) {
		struct file *f;

		pfd[i].revents = 0;
		if (pfd[i].fd < 0)
			continue;
		f = fd_get(t, pfd[i].fd);
		pfd[i].revents = f == NULL ? FILE_POLLNVAL :
		    (int16_t)(file_poll(f) & (pfd[i].events | FILE_POLLERR |
		    FILE_POLLHUP));
		if (pfd[i].revents != 0)
			ready++;
	}
	return ready;
}

/* Scan until ready, deadline (0: never wait; UINT64_MAX: none) or signal. */
static long
sys_poll_wait(struct sys_poll_fd *pfd, uint64_t nfds, uint64_t deadline)
{
	for (;;) {
		uint64_t gen = poll_generation();
		long ready = sys_poll_scan(pfd, nfds);

		if (ready > 0 || deadline == 0 || pv_clock_ns() >= deadline)
			return ready;
		if (signal_pending())
			return -ERESTARTNOHAND;
		poll_sleep(gen, deadline);
	}
}

long
sys_poll_setmask(uint64_t umask, uint64_t size)
{
	struct thread *t = thread_current();
	uint64_t mask;

	if (umask == 0)
		return 0;
	if (size != 8)
		return -EINVAL;
	if (copy_from_user(&mask, (const void *)umask, sizeof(mask)) != 0)
		return -EFAULT;
	t->t_sig.st_saved_mask = t->t_sigmask;
	t->t_sig.st_restore_mask = true;
	t->t_sigmask = mask & ~SYS_POLL_UNBLOCKABLE;
	return 0;
}

void
sys_poll_endmask(long result)
{
	struct thread *t = thread_current();

	if (result != -ERESTARTNOHAND && t->t_sig.st_restore_mask) {
		t->t_sigmask = t->t_sig.st_saved_mask;
		t->t_sig.st_restore_mask = false;
	}
}

/* A relative timespec to a deadline; false if malformed. */
static bool
sys_poll_deadline(const int64_t ts[2], uint64_t *deadline)
{
	uint64_t ns;

	if (!timespec_valid(ts[0], ts[1]))
		return false;
	if (ts[0] == 0 && ts[1] == 0) {
		*deadline = 0;
		return true;
	}
	/* Saturating: a huge timeout waits "forever", never not at all. */
	ns = timespec_to_ns(ts[0], ts[1]);
	*deadline = timespec_add_sat(pv_clock_ns(), ns);
	return true;
}

static long
sys_poll_common(uint64_t ufds, uint64_t nfds, uint64_t deadline)
{
	struct sys_poll_fd *pfd = NULL;
	size_t bytes = nfds * sizeof(*pfd);
	long r;

	/* Linux: no more entries than RLIMIT_NOFILE allows descriptors. */
	if (nfds > (uint64_t)proc_fd_limit())
		return -EINVAL;
	if (nfds > 0) {
		if ((pfd = kmalloc(bytes)) == NULL)
			return -ENOMEM;
		if (copy_from_user(pfd, (const void *)ufds, bytes) != 0) {
			kfree(pfd);
			return -EFAULT;
		}
	}
	r = sys_poll_wait(pfd, nfds, deadline);
	if (r >= 0) {
		for (uint64_t i = 0; i < nfds; i++)
			if (copy_to_user((char *)ufds + i * sizeof(*pfd) + 6,
			    &pfd[i].revents, 2) != 0) {
				r = -EFAULT;
				break;
			}
	}
	kfree(pfd);
	return r;
}

long
sys_poll(struct trap_frame *tf)
{
	int timeout = (int)tf->rdx;
	uint64_t deadline = UINT64_MAX;

	if (timeout >= 0)
		deadline = timeout == 0 ? 0 :
		    pv_clock_ns() + (uint64_t)timeout * 1000000UL;
	return sys_poll_common(tf->rdi, tf->rsi, deadline);
}

long
sys_ppoll(struct trap_frame *tf)
{
	uint64_t deadline = UINT64_MAX;
	int64_t ts[2];
	long r;

	if (tf->rdx != 0) {
		if (copy_from_user(ts, (const void *)tf->rdx, sizeof(ts)) != 0)
			return -EFAULT;
		if (!sys_poll_deadline(ts, &deadline))
			return -EINVAL;
	}
	if (tf->rsi > (uint64_t)proc_fd_limit())
		return -EINVAL;
	if ((r = sys_poll_setmask(tf->r10, tf->r8)) != 0)
		return r;
	r = sys_poll_common(tf->rdi, tf->rsi, deadline);
	sys_poll_endmask(r);
	return r;
}

/*
 * select's core: nfds bits of the three user sets (each may be 0).
 * Returns the number of bits left set, or -errno; the sets are written
 * back only on success.  As on Linux, nfds past the descriptor table's
 * size (its slots, not the limit; at least 64) is cut to it.
 */
static long
sys_poll_select(int64_t nfds, uint64_t uin, uint64_t uout, uint64_t uex,
    uint64_t deadline)
{
	struct fdtable *t = proc_current()->p_fds;
	uint64_t uset[3] = { uin, uout, uex }, *sets, *rset;
	struct sys_poll_fd *pfd;
	size_t words, bytes;
	uint64_t n = 0;
	int64_t max;
	long r, count = 0;

	if (nfds < 0)
		return -EINVAL;
	/* A table has at least its first slots, even before any open. */
	max = fd_table_size(t) > FD_TABLE_FIRST ? fd_table_size(t) :
	    FD_TABLE_FIRST;
	if (nfds > max)
		nfds = max;
	words = (size_t)(nfds + 63) / 64;
	bytes = (size_t)(nfds + 7) / 8;
	/* The three sets in, the three out, then one entry per descriptor. */
	sets = kzalloc(6 * words * sizeof(uint64_t) +
	    (size_t)nfds * sizeof(*pfd) + 1);
	if (sets == NULL)
		return -ENOMEM;
	rset = sets + 3 * words;
	pfd = (struct sys_poll_fd *)(rset + 3 * words);
	for (int s = 0; s < 3; s++)
		if (uset[s] != 0 && copy_from_user(sets + s * words,
		    (const void *)uset[s], bytes) != 0) {
			r = -EFAULT;
			goto out;
		}
	for (int fd = 0; fd < nfds; fd++) {
		int16_t ev = 0;
		uint64_t bit = 1UL << (fd % 64);

		if (sets[fd / 64] & bit)
			ev |= SYS_POLL_IN_SET;
		if (sets[words + fd / 64] & bit)
			ev |= SYS_POLL_OUT_SET;
		if (sets[2 * words + fd / 64] & bit)
			ev |= SYS_POLL_EX_SET;
		if (ev == 0)
			continue;
		if (fd_get(t, fd) == NULL) {
			r = -EBADF;
			goto out;
		}
		pfd[n++] = (struct sys_poll_fd){ fd, ev, 0 };
	}
	if ((r = sys_poll_wait(pfd, n, deadline)) < 0)
		goto out;
	for (uint64_t i = 0; i < n; i++) {
		int fd = pfd[i].fd;
		uint64_t bit = 1UL << (fd % 64);
		int16_t rev = pfd[i].revents, ev = pfd[i].events;

		if ((ev & FILE_POLLIN) && (rev & SYS_POLL_IN_SET)) {
			rset[fd / 64] |= bit;
			count++;
		}
		if ((ev & FILE_POLLOUT) && (rev & SYS_POLL_OUT_SET)) {
			rset[words + fd / 64] |= bit;
			count++;
		}
		if ((ev & FILE_POLLPRI) && (rev & SYS_POLL_EX_SET)) {
			rset[2 * words + fd / 64] |= bit;
			count++;
		}
	}
	r = count;
	for (int s = 0; s < 3; s++)
		if (uset[s] != 0 && copy_to_user((void *)uset[s],
		    rset + s * words, bytes) != 0) {
			r = -EFAULT;
			break;
		}
out:
	kfree(sets);
	return r;
}

/* Write the time left before deadline to a user timeval/timespec. */
static void
sys_poll_left(uint64_t uts, uint64_t deadline, bool usec)
{
	uint64_t now = pv_clock_ns(), left;
	int64_t ts[2];

	if (uts == 0 || deadline == 0 || deadline == UINT64_MAX)
		return;
	left = deadline > now ? deadline - now : 0;
	ts[0] = (int64_t)(left / NS_PER_SEC);
	ts[1] = (int64_t)(left % NS_PER_SEC);
	if (usec)
		ts[1] /= 1000;
	/* As Linux: a failure to report the time left is not an error. */
	(void)copy_to_user((void *)uts, ts, sizeof(ts));
}

long
sys_select(struct trap_frame *tf)
{
	uint64_t deadline = UINT64_MAX;
	int64_t tv[2];
	long r;

	if (tf->r8 != 0) {
		if (copy_from_user(tv, (const void *)tf->r8, sizeof(tv)) != 0)
			return -EFAULT;
		if (tv[0] < 0 || tv[1] < 0)
			return -EINVAL;
		/*
		 * Linux folds excess microseconds into seconds (wrapping,
		 * so a sum past INT64_MAX turns negative: -EINVAL).
		 */
		tv[0] = (int64_t)((uint64_t)tv[0] + (uint64_t)(tv[1] / 1000000));
		tv[1] = (tv[1] % 1000000) * 1000;
		if (!sys_poll_deadline(tv, &deadline))
			return -EINVAL;
	}
	r = sys_poll_select((int)tf->rdi, tf->rsi, tf->rdx, tf->r10, deadline);
	if (r >= 0 || r == -ERESTARTNOHAND)
		sys_poll_left(tf->r8, deadline, true);
	return r;
}

long
sys_pselect6(struct trap_frame *tf)
{
	uint64_t deadline = UINT64_MAX, sig[2] = { 0, 0 };
	int64_t ts[2];
	long r;

	if (tf->r8 != 0) {
		if (copy_from_user(ts, (const void *)tf->r8, sizeof(ts)) != 0)
			return -EFAULT;
		if (!sys_poll_deadline(ts, &deadline))
			return -EINVAL;
	}
	/* The sixth argument: { const sigset_t *ss; size_t ss_len; }. */
	if (tf->r9 != 0 &&
	    copy_from_user(sig, (const void *)tf->r9, sizeof(sig)) != 0)
		return -EFAULT;
	if ((r = sys_poll_setmask(sig[0], sig[1])) != 0)
		return r;
	r = sys_poll_select((int)tf->rdi, tf->rsi, tf->rdx, tf->r10, deadline);
	sys_poll_endmask(r);
	if (r >= 0 || r == -ERESTARTNOHAND)
		sys_poll_left(tf->r8, deadline, false);
	return r;
}
