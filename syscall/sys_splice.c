/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Moving bytes between files without a trip through the caller's
 * memory: splice (one end a pipe), tee (pipe to pipe, the input kept),
 * vmsplice (user memory into a pipe, or out of one), sendfile (a file
 * to any file), copy_file_range (regular file to regular file) and
 * sync_file_range.
 *
 * A pipe is reached through its file's fo_pipe and moved in steps
 * (kernel/ipc/pipe.h): wait for bytes or room as a read or write would
 * (so a blocked splice wakes on a signal or on the other end's progress
 * or close), peek a page's worth into a bounce page, hand it to the
 * other side, and consume only what that side took.  The other side is a
 * file read or written as a stream (its kind has FILE_OPS_SPLICE), at
 * its position or at a caller's offset (pread's way: the position is
 * left alone), or user memory for vmsplice.  Nothing is shared by
 * reference: SPLICE_F_MOVE and SPLICE_F_GIFT are hints, and a gift is
 * a copy, as Linux may treat it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/ipc/pipe.h>
#include <syscall/splice_calc.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define SPLICE_F_MOVE		0x1
#define SPLICE_F_NONBLOCK	0x2
#define SPLICE_F_MORE		0x4
#define SPLICE_F_GIFT		0x8
#define SPLICE_F_ALL		0xf

#define SPLICE_IOV_MAX		1024	/* UIO_MAXIOV */
#define SPLICE_RW_MAX		0x7ffff000UL	/* MAX_RW_COUNT */

static bool
splice_reads(const struct file *f)
{
	return !(f->f_io.fi_flags & FILE_READ_DENIED);
}

static bool
splice_writes(const struct file *f)
{
	return !(f->f_io.fi_flags & FILE_WRITE_DENIED);
}

/*
 * The non-pipe side: a file at its position (off NULL) or at *off, which
 * moves instead; or user memory, an array of iovecs walked in order.
 */
struct splice_side {
	struct file	*ss_file;	/* NULL: user memory */
	int64_t		*ss_off;
	struct splice_iov {
		uint64_t base, len;
	}		*ss_iov;
	long		 ss_iovcnt;
	long		 ss_idx;	/* the iovec at hand */
	uint64_t	 ss_done;	/* bytes of it behind */
};

/* The user memory side: n bytes to or from buf; the count or -EFAULT. */
static long
splice_user_io(struct splice_side *s, char *buf, size_t n, bool to_user)
{
	size_t done = 0;

	while (done < n && s->ss_idx < s->ss_iovcnt) {
		struct splice_iov *v = &s->ss_iov[s->ss_idx];
		size_t chunk = (size_t)MIN((uint64_t)(n - done),
		    v->len - s->ss_done);
		void *u = (void *)(v->base + s->ss_done);

		if (chunk > 0 && (to_user ? copy_to_user(u, buf + done, chunk) :
		    copy_from_user(buf + done, u, chunk)) != 0)
			break;
		done += chunk;
		s->ss_done += chunk;
		if (s->ss_done == v->len) {
			s->ss_idx++;
			s->ss_done = 0;
		}
	}
	return done > 0 ? (long)done : -EFAULT;
}

/* Read (source) or write (sink) n bytes of buf through the side. */
static long
splice_side_io(struct splice_side *s, char *buf, size_t n, bool write)
{
	struct file *f = s->ss_file;
	uint64_t saved;
	long r;

	if (f == NULL)
		return splice_user_io(s, buf, n, write);
	if (s->ss_off == NULL)
		return write ? file_write(f, buf, n) : file_read(f, buf, n);
	saved = f->f_off;
	f->f_off = (uint64_t)*s->ss_off;
	r = write ? file_write(f, buf, n) : file_read(f, buf, n);
	*s->ss_off = (int64_t)f->f_off;
	f->f_off = saved;
	return r;
}

/*
 * A source gives back the last n bytes it gave (the pipe had less room
 * than it had shown): a seekable file and user memory step back; a
 * stream cannot, and those bytes are lost, as only a second writer on
 * the same pipe racing this one can cause.
 */
static void
splice_side_unread(struct splice_side *s, size_t n)
{
	if (s->ss_file == NULL) {
		while (n > 0) {
			size_t back;

			if (s->ss_done == 0) {
				if (s->ss_idx == 0)
					return;
				s->ss_idx--;
				s->ss_done = s->ss_iov[s->ss_idx].len;
			}
			back = (size_t)MIN((uint64_t)n, s->ss_done);
			s->ss_done -= back;
			n -= back;
		}
	} else if (s->ss_off != NULL) {
		*s->ss_off -= (int64_t)n;
	} else if (s->ss_file->f_ops->fo_flags & FILE_OPS_PREAD) {
		s->ss_file->f_off -= n;
	}
}

/*
 * Pipe p into the sink s: wait for bytes (0 at end of file), then take
 * what is there up to len, without waiting again.
 */
static long
splice_from_pipe(struct pipe *p, struct splice_side *s, size_t len,
    bool nonblock)
{
	size_t done = 0;
	long n = 0;
	char *buf;

	if ((buf = kmalloc(PAGE_SIZE)) == NULL)
		return -ENOMEM;
	while (done < len) {
		long held = done == 0 ? pipe_wait_bytes(p, nonblock) :
		    (long)pipe_bytes(p);
		size_t chunk;

		if (held <= 0) {
			n = held;
			break;
		}
		chunk = MIN(MIN(len - done, (size_t)held), (size_t)PAGE_SIZE);
		if ((chunk = pipe_peek(p, 0, buf, chunk)) == 0)
			continue;	/* another reader took them */
		if ((n = splice_side_io(s, buf, chunk, true)) <= 0)
			break;
		pipe_consume(p, (size_t)n);
		done += (size_t)n;
		if ((size_t)n < chunk)
			break;
	}
	kfree(buf);
	return done > 0 ? (long)done : n;
}

/*
 * The source s into pipe p: wait for room (none while no reader is
 * left: -EPIPE and SIGPIPE), then fill what room there is up to len.
 */
static long
splice_to_pipe(struct pipe *p, struct splice_side *s, size_t len,
    bool nonblock)
{
	long room = pipe_wait_room(p, nonblock), n = 0;
	size_t done = 0;
	char *buf;

	if (room < 0)
		return room;
	if ((buf = kmalloc(PAGE_SIZE)) == NULL)
		return -ENOMEM;
	while (done < len) {
		size_t chunk;
		long put;

		if (done > 0 && (room = (long)pipe_room(p)) == 0)
			break;
		chunk = MIN(MIN(len - done, (size_t)room), (size_t)PAGE_SIZE);
		if ((n = splice_side_io(s, buf, chunk, false)) <= 0)
			break;
		if ((put = pipe_put(p, buf, (size_t)n)) < n) {
			splice_side_unread(s, (size_t)(n - MAX(put, 0L)));
			if (put <= 0) {
				n = put;
				break;
			}
		}
		done += (size_t)put;
		if ((size_t)put < chunk)
			break;
	}
	kfree(buf);
	return done > 0 ? (long)done : n;
}

/*
 * Pipe to pipe: wait for bytes in and room out, then move (tee: copy,
 * from keep bytes on, consuming nothing) what both allow up to len.
 */
static long
splice_pipe_pipe(struct pipe *in, struct pipe *out, size_t len,
    bool nonblock, bool keep)
{
	size_t done = 0;
	long n = 0;
	char *buf;

	if ((buf = kmalloc(PAGE_SIZE)) == NULL)
		return -ENOMEM;
	while (done < len) {
		long held, room;
		size_t chunk;

		if (done == 0) {
			if ((held = pipe_wait_bytes(in, nonblock)) <= 0 ||
			    (room = pipe_wait_room(out, nonblock)) < 0) {
				n = held <= 0 ? held : room;
				break;
			}
		} else {
			held = (long)pipe_bytes(in) - (keep ? (long)done : 0);
			room = (long)pipe_room(out);
		}
		if (held <= 0 || room <= 0) {
			if (done == 0)
				continue;	/* raced: wait again */
			break;
		}
		chunk = MIN(MIN(len - done, (size_t)held),
		    MIN((size_t)room, (size_t)PAGE_SIZE));
		if ((chunk = pipe_peek(in, keep ? done : 0, buf, chunk)) == 0)
			continue;
		if ((n = pipe_put(out, buf, chunk)) <= 0)
			break;
		if (!keep)
			pipe_consume(in, (size_t)n);
		done += (size_t)n;
	}
	kfree(buf);
	return done > 0 ? (long)done : n;
}

/* A caller's loff_t: 0 or -EFAULT. */
static long
splice_get_off(uint64_t uoff, int64_t *off)
{
	return copy_from_user(off, (const void *)uoff, sizeof(*off)) != 0 ?
	    -EFAULT : 0;
}

/*
 * splice(in, off_in, out, off_out, len, flags), in Linux's order: a zero
 * length is 0 before anything; unknown flags; the descriptors; an
 * offset for a pipe end (-ESPIPE); the access modes (-EBADF); then by
 * which ends are pipes: the same pipe on both (-EINVAL); an O_APPEND or
 * unseekable-with-offset file, or one splice cannot stream (-EINVAL);
 * neither a pipe (-EINVAL).
 */
long
sys_splice(struct trap_frame *tf)
{
	uint64_t uoff_in = tf->rsi, uoff_out = tf->r10;
	size_t len = (size_t)tf->r8;
	uint64_t flags = tf->r9;
	struct file *in, *out;
	struct pipe *pin, *pout;
	struct splice_side side = { 0 };
	int64_t off = 0;		/* the non-pipe end's, if given */
	bool nonblock;
	long r;

	if (len == 0)
		return 0;
	if (flags & ~(uint64_t)SPLICE_F_ALL)
		return -EINVAL;
	if ((in = fd_get(sys_fs_fds(), (int)tf->rdi)) == NULL ||
	    (out = fd_get(sys_fs_fds(), (int)tf->rdx)) == NULL)
		return -EBADF;
	pin = in->f_ops->fo_pipe(in);
	pout = out->f_ops->fo_pipe(out);
	if ((pin != NULL && uoff_in != 0) || (pout != NULL && uoff_out != 0))
		return -ESPIPE;
	if (uoff_in != 0 && (r = splice_get_off(uoff_in, &off)) != 0)
		return r;
	if (uoff_out != 0 && (r = splice_get_off(uoff_out, &off)) != 0)
		return r;
	if (!splice_reads(in) || !splice_writes(out))
		return -EBADF;
	nonblock = (flags & SPLICE_F_NONBLOCK) != 0;
	if (pin != NULL && pout != NULL) {
		if (pin == pout)
			return -EINVAL;
		nonblock |= ((in->f_flags | out->f_flags) & O_NONBLOCK) != 0;
		return splice_pipe_pipe(pin, pout, len, nonblock, false);
	}
	if (pin != NULL) {		/* pipe to file */
		if ((uoff_out != 0 && !(out->f_ops->fo_flags &
		    FILE_OPS_PREAD)) || (out->f_flags & O_APPEND) ||
		    off < 0 || !(out->f_ops->fo_flags & FILE_OPS_SPLICE))
			return -EINVAL;
		side.ss_file = out;
		side.ss_off = uoff_out != 0 ? &off : NULL;
		r = splice_from_pipe(pin, &side, len, nonblock ||
		    (in->f_flags & O_NONBLOCK));
		if (r > 0 && uoff_out != 0 &&
		    copy_to_user((void *)uoff_out, &off, sizeof(off)) != 0)
			return -EFAULT;
		return r;
	}
	if (pout != NULL) {		/* file to pipe */
		if ((uoff_in != 0 && !(in->f_ops->fo_flags &
		    FILE_OPS_PREAD)) || off < 0 ||
		    !(in->f_ops->fo_flags & FILE_OPS_SPLICE))
			return -EINVAL;
		side.ss_file = in;
		side.ss_off = uoff_in != 0 ? &off : NULL;
		r = splice_to_pipe(pout, &side, len, nonblock ||
		    (out->f_flags & O_NONBLOCK));
		if (r > 0 && uoff_in != 0 &&
		    copy_to_user((void *)uoff_in, &off, sizeof(off)) != 0)
			return -EFAULT;
		return r;
	}
	return -EINVAL;
}

/*
 * tee(in, out, len, flags): both ends pipes, different ones (else
 * -EINVAL); in's bytes stay for its readers.
 */
long
sys_tee(struct trap_frame *tf)
{
	uint64_t flags = tf->r10;
	size_t len = (size_t)tf->rdx;
	struct file *in, *out;
	struct pipe *pin, *pout;

	if (flags & ~(uint64_t)SPLICE_F_ALL)
		return -EINVAL;
	if (len == 0)
		return 0;
	if ((in = fd_get(sys_fs_fds(), (int)tf->rdi)) == NULL ||
	    (out = fd_get(sys_fs_fds(), (int)tf->rsi)) == NULL)
		return -EBADF;
	if (!splice_reads(in) || !splice_writes(out))
		return -EBADF;
	pin = in->f_ops->fo_pipe(in);
	pout = out->f_ops->fo_pipe(out);
	if (pin == NULL || pout == NULL || pin == pout)
		return -EINVAL;
	return splice_pipe_pipe(pin, pout, len, (flags & SPLICE_F_NONBLOCK) ||
	    ((in->f_flags | out->f_flags) & O_NONBLOCK), true);
}

/*
 * vmsplice(fd, iov, nr_segs, flags): into the pipe when fd is open for
 * writing, else out of it into the iovecs.  Linux's order: flags, the
 * descriptor and its mode, the iovecs (count and lengths: -EINVAL,
 * unreadable: -EFAULT), nothing to move (0), then not a pipe (-EBADF).
 */
long
sys_vmsplice(struct trap_frame *tf)
{
	long cnt = (long)tf->rdx;
	uint64_t flags = tf->r10, total = 0;
	struct splice_side side = { 0 };
	struct file *f;
	struct pipe *p;
	bool into, nonblock;
	long r;

	if (flags & ~(uint64_t)SPLICE_F_ALL)
		return -EINVAL;
	if ((f = fd_get(sys_fs_fds(), (int)tf->rdi)) == NULL)
		return -EBADF;
	if (splice_writes(f))
		into = true;
	else if (splice_reads(f))
		into = false;
	else
		return -EBADF;
	if (tf->rdx > SPLICE_IOV_MAX)
		return -EINVAL;
	if (cnt > 0) {
		if ((side.ss_iov = kmalloc((size_t)cnt *
		    sizeof(*side.ss_iov))) == NULL)
			return -ENOMEM;
		if (copy_from_user(side.ss_iov, (const void *)tf->rsi,
		    (size_t)cnt * sizeof(*side.ss_iov)) != 0) {
			r = -EFAULT;
			goto out;
		}
	}
	side.ss_iovcnt = cnt;
	for (long i = 0; i < cnt; i++) {
		struct splice_iov *v = &side.ss_iov[i];

		if ((int64_t)v->len < 0) {
			r = -EINVAL;
			goto out;
		}
		/* Each in the user half: 1024 of them cannot wrap total. */
		if (!user_range_ok(v->base, v->len)) {
			r = -EFAULT;
			goto out;
		}
		total += v->len;
	}
	r = 0;
	if (total == 0)
		goto out;
	if ((p = f->f_ops->fo_pipe(f)) == NULL) {
		r = -EBADF;
		goto out;
	}
	nonblock = (flags & SPLICE_F_NONBLOCK) || (f->f_flags & O_NONBLOCK);
	r = into ? splice_to_pipe(p, &side, (size_t)total, nonblock) :
	    splice_from_pipe(p, &side, (size_t)total, nonblock);
out:
	kfree(side.ss_iov);
	return r;
}

/*
 * The source s into the file out at its position, a page at a time,
 * until count or a short read or write; what out did not take goes back
 * to s.
 */
static long
splice_to_file(struct splice_side *s, struct file *out, size_t count)
{
	struct splice_side dst = { .ss_file = out };
	size_t done = 0;
	long n = 0;
	char *buf;

	if ((buf = kmalloc(PAGE_SIZE)) == NULL)
		return -ENOMEM;
	while (done < count) {
		size_t want = MIN(count - done, (size_t)PAGE_SIZE);
		long w;

		if ((n = splice_side_io(s, buf, want, false)) <= 0)
			break;
		if ((w = splice_side_io(&dst, buf, (size_t)n, true)) < n) {
			splice_side_unread(s, (size_t)(n - MAX(w, 0L)));
			if (w <= 0) {
				n = w;
				break;
			}
		}
		done += (size_t)w;
		if (w < n || (size_t)n < want)
			break;
	}
	kfree(buf);
	return done > 0 ? (long)done : n;
}

/*
 * sendfile(out, in, offset, count), in Linux's order: the offset's
 * memory (-EFAULT), in and its mode (-EBADF), an offset for an
 * unseekable in (-ESPIPE) or a negative one (-EINVAL), out and its mode
 * (-EBADF); then a kind splice cannot stream (a pipe, a directory, an
 * event file) or an O_APPEND out: -EINVAL.  Into a pipe it
 * fills what room there is after waiting for some (splice's way: a
 * short count, not a wait for the rest); into anything else it copies
 * until count or in's end.  With an offset, in's position stays and
 * *offset moves.
 */
long
sys_sendfile(struct trap_frame *tf)
{
	struct splice_side src = { 0 };
	uint64_t uoff = tf->rdx;
	size_t count = MIN((size_t)tf->r10, (size_t)SPLICE_RW_MAX);
	struct file *in, *out;
	struct pipe *pout;
	int64_t off = 0;
	long r;

	if (uoff != 0 && (r = splice_get_off(uoff, &off)) != 0)
		return r;
	if ((in = fd_get(sys_fs_fds(), (int)tf->rsi)) == NULL ||
	    !splice_reads(in))
		return -EBADF;
	if (uoff != 0 && !(in->f_ops->fo_flags & FILE_OPS_PREAD))
		return -ESPIPE;
	if (off < 0)
		return -EINVAL;
	if ((out = fd_get(sys_fs_fds(), (int)tf->rdi)) == NULL ||
	    !splice_writes(out))
		return -EBADF;
	if (!(in->f_ops->fo_flags & FILE_OPS_SPLICE))
		return -EINVAL;
	pout = out->f_ops->fo_pipe(out);
	if (pout == NULL && ((out->f_flags & O_APPEND) ||
	    !(out->f_ops->fo_flags & FILE_OPS_SPLICE)))
		return -EINVAL;
	if (count == 0)
		return 0;
	src.ss_file = in;
	src.ss_off = uoff != 0 ? &off : NULL;
	r = pout != NULL ? splice_to_pipe(pout, &src, count,
	    (out->f_flags & O_NONBLOCK) != 0) :
	    splice_to_file(&src, out, count);
	if (uoff != 0 && copy_to_user((void *)uoff, &off, sizeof(off)) != 0)
		return -EFAULT;
	return r;
}

/*
 * copy_file_range(in, off_in, out, off_out, len, flags): regular files
 * only, in Linux's order of checks: the descriptors, the offsets'
 * memory, flags (none defined), directories (-EISDIR), other non-regular
 * files (-EINVAL), the modes and O_APPEND (-EBADF), two filesystems
 * (-EXDEV: as on Linux for those without a copy of their own), ranges
 * that wrap (-EOVERFLOW), negative offsets (-EINVAL), overlap within one file
 * (-EINVAL).  The copy stops at in's end; a copy at an offset leaves the
 * file's position alone and moves the caller's offset instead.
 */
long
sys_copy_file_range(struct trap_frame *tf)
{
	uint64_t uoff_in = tf->rsi, uoff_out = tf->r10, count = tf->r8;
	struct splice_side src = { 0 }, dst = { 0 };
	int64_t pos_in, pos_out;
	struct file *in, *out;
	struct vnode *vin, *vout;
	uint64_t done = 0;
	long n = 0, r;
	char *buf;

	if ((in = fd_get(sys_fs_fds(), (int)tf->rdi)) == NULL ||
	    (out = fd_get(sys_fs_fds(), (int)tf->rdx)) == NULL)
		return -EBADF;
	pos_in = (int64_t)in->f_off;
	pos_out = (int64_t)out->f_off;
	if ((uoff_in != 0 && splice_get_off(uoff_in, &pos_in) != 0) ||
	    (uoff_out != 0 && splice_get_off(uoff_out, &pos_out) != 0))
		return -EFAULT;
	if (tf->r9 != 0)
		return -EINVAL;
	vin = in->f_node;
	vout = out->f_node;
	if (S_ISDIR(vin->v_mode) || S_ISDIR(vout->v_mode))
		return -EISDIR;
	if (!S_ISREG(vin->v_mode) || !S_ISREG(vout->v_mode))
		return -EINVAL;
	if (!splice_reads(in) || !splice_writes(out) ||
	    (out->f_flags & O_APPEND))
		return -EBADF;
	if (vin->v_mnt != vout->v_mnt)
		return -EXDEV;
	if ((r = splice_calc_copy_range(pos_in, pos_out, vin->v_size,
	    vin == vout, &count)) != 0)
		return r;
	if (count == 0)
		return 0;
	if ((buf = kmalloc(PAGE_SIZE)) == NULL)
		return -ENOMEM;
	src.ss_file = in;
	src.ss_off = &pos_in;
	dst.ss_file = out;
	dst.ss_off = &pos_out;
	while (done < count) {
		size_t want = (size_t)MIN(count - done, (uint64_t)PAGE_SIZE);
		long w;

		if ((n = splice_side_io(&src, buf, want, false)) <= 0)
			break;
		if ((w = splice_side_io(&dst, buf, (size_t)n, true)) < n) {
			pos_in -= n - MAX(w, 0L);
			if (w <= 0) {
				n = w;
				break;
			}
		}
		done += (uint64_t)w;
		if (w < n || (size_t)n < want)
			break;
	}
	kfree(buf);
	if (done == 0)
		return n;
	if (uoff_in != 0) {
		if (copy_to_user((void *)uoff_in, &pos_in, sizeof(pos_in)) != 0)
			return -EFAULT;
	} else {
		in->f_off = (uint64_t)pos_in;
	}
	if (uoff_out != 0) {
		if (copy_to_user((void *)uoff_out, &pos_out,
		    sizeof(pos_out)) != 0)
			return -EFAULT;
	} else {
		out->f_off = (uint64_t)pos_out;
	}
	return (long)done;
}

/*
 * sync_file_range(fd, offset, nbytes, flags): checked as Linux does:
 * the descriptor (-EBADF), then unknown flags, a negative offset or end,
 * a range that wraps (-EINVAL), then anything but a regular file,
 * directory, link or block device (-ESPIPE).  Every filesystem here
 * keeps its data in memory with no disk behind it (ramfs, procfs), so,
 * as Linux answers for tmpfs, there is nothing to write back or wait
 * for.
 */
long
sys_sync_file_range(struct trap_frame *tf)
{
	int64_t off = (int64_t)tf->rsi, nbytes = (int64_t)tf->rdx;
	uint32_t mode;
	struct file *f;
	int error;

	if ((f = fd_get(sys_fs_fds(), (int)tf->rdi)) == NULL ||
	    (f->f_flags & O_PATH))
		return -EBADF;
	if ((error = splice_calc_sync_range(off, nbytes, tf->r10)) != 0)
		return error;
	mode = f->f_node->v_mode;
	if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISLNK(mode) &&
	    (mode & S_IFMT) != S_IFBLK)
		return -ESPIPE;
	return 0;
}
