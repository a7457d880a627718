/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Directory notification (see dnotify.h).  A directory's requests are a
 * list (v_dnotify), one per open file that asked, with the mask in the
 * VFS's event bits.  The open file holds the directory, so the list
 * never outlives its node.  One CPU: interrupts off guard the lists.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <fs/notify.h>
#include <fs/vfs.h>
#include <kernel/proc/tunable.h>
#include <kernel/ipc/dnotify.h>
#include <kernel/ipc/fasync.h>

#define DN_ACCESS	0x00000001
#define DN_MODIFY	0x00000002
#define DN_CREATE	0x00000004
#define DN_DELETE	0x00000008
#define DN_RENAME	0x00000010
#define DN_ATTRIB	0x00000020
#define DN_MULTISHOT	0x80000000

/* Not a VFS bit: a move whose two halves are in the same directory. */
#define DNOTIFY_RENAME	0x01000000

struct dnotify {
	struct dnotify	*dn_next;
	struct file	*dn_file;
	int		 dn_fd;
	uint32_t	 dn_mask;	/* FSN_*, DNOTIFY_RENAME */
	bool		 dn_multishot;
};

/* The last move's first half, to tell a rename within one directory. */
static struct vnode *dnotify_from_dir;
static uint32_t dnotify_from_cookie;

static struct dnotify **
dnotify_list(struct vnode *v)
{
	return (struct dnotify **)&v->v_dnotify;
}

/* F_NOTIFY's DN_* bits as the VFS's (Linux's mapping). */
static uint32_t
dnotify_mask(uint64_t arg)
{
	uint32_t m = 0;

	if (arg & DN_ACCESS)
		m |= FSN_ACCESS;
	if (arg & DN_MODIFY)
		m |= FSN_MODIFY;
	if (arg & DN_CREATE)
		m |= FSN_CREATE | FSN_MOVED_TO;
	if (arg & DN_DELETE)
		m |= FSN_DELETE | FSN_MOVED_FROM;
	if (arg & DN_RENAME)
		m |= DNOTIFY_RENAME;
	if (arg & DN_ATTRIB)
		m |= FSN_ATTRIB;
	return m;
}

/* Take f's request off dir into *gone; interrupts off. */
static void
dnotify_drop(struct vnode *dir, struct file *f, struct dnotify **gone)
{
	struct dnotify **pp = dnotify_list(dir), *d;

	while ((d = *pp) != NULL) {
		if (d->dn_file == f) {
			*pp = d->dn_next;
			d->dn_next = *gone;
			*gone = d;
		} else {
			pp = &d->dn_next;
		}
	}
}

static void
dnotify_free(struct dnotify *gone)
{
	struct dnotify *d;

	while ((d = gone) != NULL) {
		gone = d->dn_next;
		kfree(d);
	}
}

long
dnotify_fcntl(struct file *f, int fd, uint64_t arg)
{
	struct vnode *dir = f->f_node;
	struct dnotify *d, *spare, *gone = NULL;
	uint32_t mask = dnotify_mask(arg);
	bool on;
	int error;

	if ((arg & ~(uint64_t)DN_MULTISHOT) == 0) {
		on = intr_save();
		dnotify_drop(dir, f, &gone);
		intr_restore(on);
		dnotify_free(gone);
		return 0;
	}
	if (!tun_dnotify_on.tu_val)
		return -EINVAL;
	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if ((error = fasync_own(f)) != 0)
		return error;
	if ((spare = kzalloc(sizeof(*spare))) == NULL)
		return -ENOMEM;
	on = intr_save();
	for (d = *dnotify_list(dir); d != NULL; d = d->dn_next)
		if (d->dn_file == f)
			break;
	if (d == NULL) {
		d = spare;
		spare = NULL;
		d->dn_file = f;
		d->dn_next = *dnotify_list(dir);
		*dnotify_list(dir) = d;
	}
	d->dn_fd = fd;
	d->dn_mask |= mask;
	d->dn_multishot = (arg & DN_MULTISHOT) != 0;
	intr_restore(on);
	kfree(spare);
	return 0;
}

/* The VFS's announcement for directory dir (fsnotify_register_dir). */
static void
dnotify_event(struct vnode *dir, uint32_t mask, uint32_t cookie)
{
	struct dnotify **pp, *d, *gone = NULL;
	bool on = intr_save();

	if (mask & FSN_MOVED_FROM) {
		dnotify_from_dir = dir;
		dnotify_from_cookie = cookie;
	} else if ((mask & FSN_MOVED_TO) && cookie != 0 &&
	    dnotify_from_dir == dir && dnotify_from_cookie == cookie) {
		mask |= DNOTIFY_RENAME;
	}
	for (pp = dnotify_list(dir); (d = *pp) != NULL; ) {
		if (!(d->dn_mask & mask)) {
			pp = &d->dn_next;
			continue;
		}
		fasync_send(d->dn_file, d->dn_fd, FASYNC_POLL_MSG);
		if (d->dn_multishot) {
			pp = &d->dn_next;
			continue;
		}
		*pp = d->dn_next;
		d->dn_next = gone;
		gone = d;
	}
	intr_restore(on);
	dnotify_free(gone);
}

void
dnotify_release(struct file *f)
{
	struct vnode *dir = f->f_node;
	struct dnotify *gone = NULL;
	bool on;

	if (dir == NULL ||
	    __atomic_load_n(&dir->v_dnotify, __ATOMIC_RELAXED) == NULL)
		return;
	on = intr_save();
	dnotify_drop(dir, f, &gone);
	intr_restore(on);
	dnotify_free(gone);
}

void
dnotify_init(void)
{
	fsnotify_register_dir(dnotify_event);
}
