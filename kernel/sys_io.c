/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Output system calls.  Until the VFS exists, descriptors 0-2 are the
 * console and nothing else is open.
 */
#include <stdint.h>

#include <kernel/compiler.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/sys.h>
#include <arch/x86_64/include/user.h>

#define SYS_IO_IOV_MAX	1024

static int
sys_io_fd_ok(long fd)
{
	return fd >= 0 && fd <= 2;
}

/* Copy len bytes from user ubuf to the console; bytes done or -EFAULT. */
static long
sys_io_put(const char *ubuf, size_t len)
{
	char chunk[256];
	size_t done = 0;

	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		if (copy_from_user(chunk, ubuf + done, n) != 0)
			return done > 0 ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

long
sys_write(struct trap_frame *tf)
{
	if (!sys_io_fd_ok((long)tf->rdi))
		return -EBADF;
	if ((int64_t)tf->rdx < 0)
		return -EINVAL;
	return sys_io_put((const char *)tf->rsi, tf->rdx);
}

long
sys_writev(struct trap_frame *tf)
{
	struct { uint64_t base, len; } iov;
	const char *uiov = (const char *)tf->rsi;
	long cnt = (long)tf->rdx, total = 0;

	if (!sys_io_fd_ok((long)tf->rdi))
		return -EBADF;
	if (cnt < 0 || cnt > SYS_IO_IOV_MAX)
		return -EINVAL;
	for (long i = 0; i < cnt; i++) {
		long n;

		if (copy_from_user(&iov, uiov + i * sizeof(iov), sizeof(iov)) != 0)
			return total > 0 ? total : -EFAULT;
		if ((int64_t)iov.len < 0 || total + (int64_t)iov.len < total)
			return -EINVAL;
		n = sys_io_put((const char *)iov.base, iov.len);
		if (n < 0)
			return total > 0 ? total : n;
		total += n;
		if ((uint64_t)n < iov.len)
			break;
	}
	return total;
}

long
sys_ioctl(struct trap_frame *tf)
{
	/* The console tty (termios, window size) comes with the tty layer. */
	return sys_io_fd_ok((long)tf->rdi) ? -ENOTTY : -EBADF;
}
