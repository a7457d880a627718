/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * procfs's tree (see procfs.h): lookups, directory listings, names and
 * reads of made-up nodes.  A node's v_fsdata says what it shows: its kind,
 * a pid and an index (a file in a table, or a descriptor).  Nodes are
 * transient: each holds its parent and goes with its last reference.
 * Symbolic links get their target (in v_priv) when they are looked up.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <fs/procfs/procfs.h>

#define PROCFS_SUPER_MAGIC	0x9fa0	/* statfs f_type (linux/magic.h) */

enum procfs_kind {
	PROCFS_ROOT = 1,
	PROCFS_SYS,		/* a file of procfs_sys_files */
	PROCFS_SELF,		/* the link /proc/self */
	PROCFS_PID,		/* /proc/<pid> */
	PROCFS_PIDFILE,		/* a file of procfs_pid_files */
	PROCFS_PIDLINK,		/* cwd, exe */
	PROCFS_FDDIR,		/* /proc/<pid>/fd */
	PROCFS_FD,		/* /proc/<pid>/fd/<n> */
	PROCFS_SYSCTL,		/* /proc/sys (index 0) and below it */
};

/* Links of /proc/<pid> besides the generated files, by index. */
static const char *const procfs_pid_links[] = { "cwd", "exe", "root" };
#define PROCFS_NLINKS	3

/* The kind, a pid and an index (a descriptor: up to FD_NR_OPEN). */
#define PROCFS_DATA(kind, pid, idx) \
	((uint64_t)(kind) << 56 | (uint64_t)(uint32_t)(pid) << 24 | (idx))
#define PROCFS_KIND(v)	((enum procfs_kind)((v)->v_fsdata >> 56))
#define PROCFS_PIDOF(v)	((int)(uint32_t)((v)->v_fsdata >> 24))
#define PROCFS_IDX(v)	((unsigned int)((v)->v_fsdata & 0xffffff))
_Static_assert(FD_NR_OPEN <= 0xffffff, "a descriptor fits PROCFS_IDX");

static const struct vnode_ops procfs_ops;

/* ---- text buffers ---- */

static bool
procfs_grow(struct procfs_buf *b, size_t want)
{
	size_t cap = b->pb_cap > 0 ? b->pb_cap : 1024;
	char *n;

	if (b->pb_nomem)
		return false;
	while (cap < want)
		cap *= 2;
	if (cap == b->pb_cap)
		return true;
	if ((n = kmalloc(cap)) == NULL) {
		b->pb_nomem = true;
		return false;
	}
	if (b->pb_len > 0)
		memcpy(n, b->pb_data, b->pb_len);
	kfree(b->pb_data);
	b->pb_data = n;
	b->pb_cap = cap;
	return true;
}

void
procfs_put(struct procfs_buf *b, const void *data, size_t len)
{
	if (!procfs_grow(b, b->pb_len + len))
		return;
	memcpy(b->pb_data + b->pb_len, data, len);
	b->pb_len += len;
}

void
procfs_printf(struct procfs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(b->pb_data != NULL ? b->pb_data + b->pb_len : NULL,
	    b->pb_cap - b->pb_len, fmt, ap);
	va_end(ap);
	if (n < 0 || b->pb_len + (size_t)n < b->pb_cap) {
		b->pb_len += n > 0 ? (size_t)n : 0;
		return;
	}
	/* Did not fit (with its NUL): grow and print again. */
	if (!procfs_grow(b, b->pb_len + (size_t)n + 1))
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(b->pb_data + b->pb_len, b->pb_cap - b->pb_len, fmt, ap);
	va_end(ap);
	b->pb_len += (size_t)n;
}

/* ---- nodes ---- */

/* A new node below dir (which it holds), or NULL. */
static struct vnode *
procfs_node(struct vnode *dir, uint32_t mode, uint64_t data)
{
	struct vnode *v = vfs_node_new(dir->v_mnt, mode, &procfs_ops);

	if (v == NULL)
		return NULL;
	v->v_transient = true;
	v->v_fsdata = data;
	/* Stable numbers: ls and find compare them. */
	v->v_ino = (data & 0xffffffffffffUL) ^ ((data >> 56) << 48);
	v->v_nlink = 1;
	vfs_hold(dir);
	v->v_parent = dir;
	return v;
}

/* A link node with target text, or NULL. */
static struct vnode *
procfs_link(struct vnode *dir, uint64_t data, const char *target)
{
	struct vnode *v = procfs_node(dir, S_IFLNK | 0777, data);
	size_t len = strlen(target);

	if (v == NULL)
		return NULL;
	if ((v->v_priv = kmalloc(len + 1)) == NULL) {
		vfs_release(v);
		return NULL;
	}
	memcpy(v->v_priv, target, len + 1);
	v->v_size = len;
	return v;
}

static long
procfs_readlink(struct vnode *v, char *buf, size_t size)
{
	size_t n = size < v->v_size ? size : v->v_size;

	memcpy(buf, v->v_priv, n);
	return (long)n;
}

static void
procfs_free(struct vnode *v)
{
	kfree(v->v_priv);
	vfs_release(v->v_parent);
}

/* Parse a decimal name of len bytes (no sign, no leading zero); -1 if not. */
static long
procfs_number(const char *name, size_t len)
{
	long n = 0;

	if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (name[i] - '0');
	}
	return n;
}

static bool
procfs_is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

/* The target of a link of p (cwd, exe, or descriptor fd) into buf. */
static int
procfs_link_target(struct proc *p, enum procfs_kind kind, unsigned int idx,
    char *buf, size_t size)
{
	struct vnode *v;
	struct file *f;
	long n;

	if (kind == PROCFS_FD) {
		if (p->p_fds == NULL || (f = fd_get(p->p_fds, (int)idx)) == NULL)
			return -ENOENT;
		v = f->f_node;
		if (S_ISFIFO(v->v_mode) && v->v_mnt == NULL) {
			fmt_snprintf(buf, size, "pipe:[%lu]",
			    (unsigned long)(uintptr_t)v >> 4 & 0xffffff);
			return 0;
		}
	} else {
		v = idx == 0 ? p->p_cwd : idx == 1 ? p->p_exe : p->p_root;
		if (v == NULL)
			return -ENOENT;
	}
	if ((n = vfs_path_of(v, buf, size)) == -ENOENT)
		fmt_snprintf(buf, size, "(deleted)");
	else if (n < 0)
		return (int)n;
	return 0;
}

static int
procfs_lookup_link(struct vnode *dir, enum procfs_kind kind, int pid,
    unsigned int idx, struct vnode **out)
{
	char *buf = kmalloc(VFS_PATH_MAX);
	struct proc *p;
	bool on;
	int error;

	if (buf == NULL)
		return -ENOMEM;
	on = intr_save();
	p = proc_find(pid);
	error = p == NULL ? -ENOENT :
	    procfs_link_target(p, kind, idx, buf, VFS_PATH_MAX);
	intr_restore(on);
	if (error == 0) {
		*out = procfs_link(dir, PROCFS_DATA(kind, pid, idx), buf);
		if (*out == NULL)
			error = -ENOMEM;
	}
	kfree(buf);
	return error;
}

/* A node of /proc/sys by index (0: /proc/sys itself). */
static struct vnode *
procfs_sysctl_node(struct vnode *dir, unsigned int idx)
{
	bool isdir = idx == 0 || procfs_sysctl[idx - 1].ps_file.pf_show == NULL;
	uint32_t mode = isdir ? S_IFDIR | 0555 :
	    procfs_sysctl[idx - 1].ps_store != NULL ? S_IFREG | 0644 :
	    S_IFREG | 0444;

	return procfs_node(dir, mode, PROCFS_DATA(PROCFS_SYSCTL, 0, idx));
}

/* The writable /proc/sys file v is, or NULL. */
static const struct procfs_sysctl *
procfs_sysctl_store(const struct vnode *v)
{
	const struct procfs_sysctl *ps;

	if (PROCFS_KIND(v) != PROCFS_SYSCTL || PROCFS_IDX(v) == 0)
		return NULL;
	ps = &procfs_sysctl[PROCFS_IDX(v) - 1];
	return ps->ps_store != NULL ? ps : NULL;
}

static bool
procfs_sysctl_isdir(const struct vnode *v)
{
	return PROCFS_IDX(v) == 0 ||
	    procfs_sysctl[PROCFS_IDX(v) - 1].ps_file.pf_show == NULL;
}

static int
procfs_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	int pid = PROCFS_PIDOF(dir);
	long n;

	*out = NULL;
	switch (PROCFS_KIND(dir)) {
	case PROCFS_ROOT:
		for (unsigned int i = 0; i < procfs_sys_nfiles; i++)
			if (procfs_is(name, len, procfs_sys_files[i].pf_name))
				*out = procfs_node(dir, S_IFREG | 0444,
				    PROCFS_DATA(PROCFS_SYS, 0, i));
		if (procfs_is(name, len, "sys")) {
			*out = procfs_sysctl_node(dir, 0);
		} else if (procfs_is(name, len, "self")) {
			char num[16];

			if (proc_current() == NULL)
				return -ENOENT;
			fmt_snprintf(num, sizeof(num), "%d",
			    proc_current()->p_pid);
			*out = procfs_link(dir, PROCFS_DATA(PROCFS_SELF, 0, 0),
			    num);
		} else if ((n = procfs_number(name, len)) > 0) {
			if (proc_find((int)n) == NULL)
				return -ENOENT;
			*out = procfs_node(dir, S_IFDIR | 0555,
			    PROCFS_DATA(PROCFS_PID, n, 0));
		} else if (*out == NULL) {
			return -ENOENT;
		}
		break;
	case PROCFS_PID:
		if (proc_find(pid) == NULL)
			return -ENOENT;
		for (unsigned int i = 0; i < procfs_pid_nfiles; i++)
			if (procfs_is(name, len, procfs_pid_files[i].pf_name))
				*out = procfs_node(dir, S_IFREG | 0444,
				    PROCFS_DATA(PROCFS_PIDFILE, pid, i));
		for (unsigned int i = 0; i < PROCFS_NLINKS; i++)
			if (procfs_is(name, len, procfs_pid_links[i]))
				return procfs_lookup_link(dir, PROCFS_PIDLINK,
				    pid, i, out);
		if (procfs_is(name, len, "fd"))
			*out = procfs_node(dir, S_IFDIR | 0500,
			    PROCFS_DATA(PROCFS_FDDIR, pid, 0));
		else if (*out == NULL)
			return -ENOENT;
		break;
	case PROCFS_FDDIR:
		if ((n = procfs_number(name, len)) < 0 || n >= FD_NR_OPEN)
			return -ENOENT;
		return procfs_lookup_link(dir, PROCFS_FD, pid,
		    (unsigned int)n, out);
	case PROCFS_SYSCTL:
		if (!procfs_sysctl_isdir(dir))
			return -ENOTDIR;
		for (unsigned int i = 0; i < procfs_nsysctl; i++)
			if (procfs_sysctl[i].ps_parent == PROCFS_IDX(dir) &&
			    procfs_is(name, len, procfs_sysctl[i].ps_file.pf_name))
				*out = procfs_sysctl_node(dir, i + 1);
		if (*out == NULL)
			return -ENOENT;
		break;
	default:
		return -ENOTDIR;
	}
	return *out != NULL ? 0 : -ENOMEM;
}

static void
procfs_set_name(struct vfs_dirent *out, const char *name)
{
	fmt_snprintf(out->de_name, sizeof(out->de_name), "%s", name);
}

struct procfs_next {
	int		 pn_from;	/* smallest pid wanted */
	int		 pn_pid;	/* the smallest live pid >= pn_from */
};

static void
procfs_next_fn(struct proc *p, void *arg)
{
	struct procfs_next *n = arg;

	if (p->p_pid >= n->pn_from && (n->pn_pid == 0 || p->p_pid < n->pn_pid))
		n->pn_pid = p->p_pid;
}

static bool
procfs_readdir(struct vnode *dir, uint64_t idx, struct vfs_dirent *out)
{
	int pid = PROCFS_PIDOF(dir);
	struct proc *p;
	uint64_t i = idx - 2;
	bool found = false;

	switch (PROCFS_KIND(dir)) {
	case PROCFS_ROOT:
		if (i < procfs_sys_nfiles) {
			procfs_set_name(out, procfs_sys_files[i].pf_name);
			out->de_mode = S_IFREG | 0444;
			out->de_ino = PROCFS_DATA(PROCFS_SYS, 0, i);
			return true;
		}
		if (i == procfs_sys_nfiles) {
			procfs_set_name(out, "self");
			out->de_mode = S_IFLNK | 0777;
			out->de_ino = PROCFS_DATA(PROCFS_SELF, 0, 0);
			return true;
		}
		if (i == procfs_sys_nfiles + 1) {
			procfs_set_name(out, "sys");
			out->de_mode = S_IFDIR | 0555;
			out->de_ino = PROCFS_DATA(PROCFS_SYSCTL, 0, 0);
			return true;
		}
		{
			/*
			 * The pids, in order, by value: an entry's offset is
			 * its pid, so processes coming and going between two
			 * getdents calls neither repeat nor hide the others.
			 */
			uint64_t base = 2 + procfs_sys_nfiles + 2;
			struct procfs_next n = { (int)MIN(idx - base,
			    (uint64_t)INT32_MAX), 0 };

			proc_foreach(procfs_next_fn, &n);
			if (n.pn_pid == 0)
				return false;
			fmt_snprintf(out->de_name, sizeof(out->de_name), "%d",
			    n.pn_pid);
			out->de_mode = S_IFDIR | 0555;
			out->de_ino = PROCFS_DATA(PROCFS_PID, n.pn_pid, 0);
			out->de_next = base + (uint64_t)n.pn_pid + 1;
		}
		break;
	case PROCFS_PID:
		if (i < procfs_pid_nfiles) {
			procfs_set_name(out, procfs_pid_files[i].pf_name);
			out->de_mode = S_IFREG | 0444;
			out->de_ino = PROCFS_DATA(PROCFS_PIDFILE, pid, i);
		} else if ((i -= procfs_pid_nfiles) < PROCFS_NLINKS) {
			procfs_set_name(out, procfs_pid_links[i]);
			out->de_mode = S_IFLNK | 0777;
			out->de_ino = PROCFS_DATA(PROCFS_PIDLINK, pid, i);
		} else if (i == PROCFS_NLINKS) {
			procfs_set_name(out, "fd");
			out->de_mode = S_IFDIR | 0500;
			out->de_ino = PROCFS_DATA(PROCFS_FDDIR, pid, 0);
		} else {
			return false;
		}
		break;
	case PROCFS_FDDIR: {
		bool on = intr_save();
		int fd;

		/* The i-th open descriptor. */
		if ((p = proc_find(pid)) != NULL && p->p_fds != NULL &&
		    (fd = fd_nth(p->p_fds, i)) >= 0) {
			fmt_snprintf(out->de_name, sizeof(out->de_name), "%d",
			    fd);
			out->de_mode = S_IFLNK | 0700;
			out->de_ino = PROCFS_DATA(PROCFS_FD, pid, fd);
			found = true;
		}
		intr_restore(on);
		return found;
	}
	case PROCFS_SYSCTL:
		/* The i-th entry whose directory this is. */
		for (unsigned int k = 0; k < procfs_nsysctl; k++) {
			if (procfs_sysctl[k].ps_parent != PROCFS_IDX(dir))
				continue;
			if (i-- != 0)
				continue;
			procfs_set_name(out, procfs_sysctl[k].ps_file.pf_name);
			out->de_mode = procfs_sysctl[k].ps_file.pf_show == NULL ?
			    S_IFDIR | 0555 : procfs_sysctl[k].ps_store != NULL ?
			    S_IFREG | 0644 : S_IFREG | 0444;
			out->de_ino = PROCFS_DATA(PROCFS_SYSCTL, 0, k + 1);
			return true;
		}
		return false;
	default:
		return false;
	}
	return true;
}

static int
procfs_name(struct vnode *dir, struct vnode *v, char *buf, size_t size)
{
	unsigned int idx = PROCFS_IDX(v);

	switch (PROCFS_KIND(v)) {
	case PROCFS_SYS:
		fmt_snprintf(buf, size, "%s", procfs_sys_files[idx].pf_name);
		break;
	case PROCFS_SELF:
		fmt_snprintf(buf, size, "self");
		break;
	case PROCFS_PID:
		fmt_snprintf(buf, size, "%d", PROCFS_PIDOF(v));
		break;
	case PROCFS_PIDFILE:
		fmt_snprintf(buf, size, "%s", procfs_pid_files[idx].pf_name);
		break;
	case PROCFS_PIDLINK:
		fmt_snprintf(buf, size, "%s", procfs_pid_links[idx]);
		break;
	case PROCFS_FDDIR:
		fmt_snprintf(buf, size, "fd");
		break;
	case PROCFS_FD:
		fmt_snprintf(buf, size, "%u", idx);
		break;
	case PROCFS_SYSCTL:
		fmt_snprintf(buf, size, "%s", idx == 0 ? "sys" :
		    procfs_sysctl[idx - 1].ps_file.pf_name);
		break;
	default:
		return -ENOENT;
	}
	return 0;
}

static long
procfs_read(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	struct procfs_buf b = { 0 };
	const struct procfs_file *pf;
	struct proc *p = NULL;
	long ret;
	bool on;

	if (PROCFS_KIND(v) == PROCFS_SYS)
		pf = &procfs_sys_files[PROCFS_IDX(v)];
	else if (PROCFS_KIND(v) == PROCFS_PIDFILE)
		pf = &procfs_pid_files[PROCFS_IDX(v)];
	else if (PROCFS_KIND(v) == PROCFS_SYSCTL && !procfs_sysctl_isdir(v))
		pf = &procfs_sysctl[PROCFS_IDX(v) - 1].ps_file;
	else
		return -EINVAL;
	if (!procfs_grow(&b, 1024))
		return -ENOMEM;
	on = intr_save();
	if (PROCFS_KIND(v) == PROCFS_PIDFILE &&
	    (p = proc_find(PROCFS_PIDOF(v))) == NULL)
		ret = -ESRCH;		/* it has exited */
	else
		ret = pf->pf_show(p, &b);
	intr_restore(on);
	if (ret == 0 && b.pb_nomem)
		ret = -ENOMEM;
	if (ret == 0) {
		if (off >= b.pb_len)
			len = 0;
		else if (len > b.pb_len - off)
			len = b.pb_len - off;
		if (len > 0)
			memcpy(buf, b.pb_data + off, len);
		ret = (long)len;
	}
	kfree(b.pb_data);
	return ret;
}

/* Writes reach only the writable /proc/sys files, whole at offset 0. */
static long
procfs_write(struct vnode *v, const void *buf, size_t len, uint64_t off)
{
	const struct procfs_sysctl *ps = procfs_sysctl_store(v);
	int error;

	if (ps == NULL)
		return -EIO;
	if (off != 0)
		return -EINVAL;
	if ((error = ps->ps_store(buf, len)) != 0)
		return error;
	return (long)len;
}

/*
 * Files take an open for writing (O_TRUNC included, which changes
 * nothing) and fail the writes themselves, as on Linux; directories and
 * links refuse changes.
 */
static int
procfs_setattr(struct vnode *v)
{
	return S_ISREG(v->v_mode) ? 0 : -EPERM;
}

static int
procfs_truncate(struct vnode *v, uint64_t size)
{
	(void)size;
	return S_ISREG(v->v_mode) ? 0 : -EPERM;
}

static const struct vnode_ops procfs_ops = {
	.vop_lookup = procfs_lookup,
	.vop_readdir = procfs_readdir,
	.vop_name = procfs_name,
	.vop_readlink = procfs_readlink,
	.vop_read = procfs_read,
	.vop_write = procfs_write,
	.vop_setattr = procfs_setattr,
	.vop_truncate = procfs_truncate,
	.vop_free = procfs_free,
};

static int
procfs_mount(struct mount *m)
{
	struct vnode *root = vfs_node_new(m, S_IFDIR | 0555, &procfs_ops);

	if (root == NULL)
		return -ENOMEM;
	root->v_fsdata = PROCFS_DATA(PROCFS_ROOT, 0, 0);
	root->v_nlink = 1;
	root->v_parent = root;
	m->mnt_root = root;
	return 0;
}

static struct mount_fstype procfs_type = {
	.mt_name = "proc", .mt_magic = PROCFS_SUPER_MAGIC, .mt_nodev = true,
	.mt_mount = procfs_mount,
};

void
procfs_init(void)
{
	mount_register(&procfs_type);
}
