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
#include <lib/cap.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/paging.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/proc.h>
#include <fs/procfs/procfs.h>

#define PROCFS_SUPER_MAGIC	0x9fa0	/* statfs f_type (linux/magic.h) */
#define SYSFS_MAGIC		0x62656572

enum procfs_kind {
	PROCFS_ROOT = 1,
	PROCFS_SYS,		/* a file of procfs_sys_files */
	PROCFS_SELF,		/* the link /proc/self */
	PROCFS_PID,		/* /proc/<pid> */
	PROCFS_PIDFILE,		/* a file of procfs_pid_files */
	PROCFS_PIDLINK,		/* cwd, exe */
	PROCFS_FDDIR,		/* /proc/<pid>/fd */
	PROCFS_FD,		/* /proc/<pid>/fd/<n> */
	PROCFS_SYSCTL,		/* a table tree (pid field: which, below) */
	PROCFS_TASKDIR,		/* /proc/<pid>/task */
	PROCFS_TASK,		/* /proc/<pid>/task/<tid> (index: tid) */
	PROCFS_TASKCOMM,	/* /proc/<pid>/task/<tid>/comm */
	PROCFS_SYSVIPC,		/* /proc/sysvipc (index 0), its files 1.. */
	PROCFS_FDINFODIR,	/* /proc/<pid>/fdinfo */
	PROCFS_FDINFO,		/* /proc/<pid>/fdinfo/<n> */
	PROCFS_TASKSTAT,	/* /proc/<pid>/task/<tid>/stat */
	PROCFS_PAGEMAP,		/* /proc/<pid>/pagemap */
	PROCFS_NET,		/* /proc/<pid>/net (index 0), its files 1.. */
	PROCFS_NETDEV,		/* /sys/class/net/<if> (pid field: its
				 * index; index 0), its files 1.. */
};

/* The links of /proc itself (PROCFS_SELF's index). */
#define PROCFS_SELF_SELF	0	/* self -> <pid> */
#define PROCFS_SELF_NET		1	/* net -> self/net */

/* The files of /proc/<pid>/task/<tid>, by index. */
static const char *const procfs_task_files[] = { "comm", "stat" };
#define PROCFS_NTASKFILES	2

/*
 * The trees made of a table (struct procfs_sysctl): /proc/sys, and /sys
 * (the "sysfs" type mounts a procfs whose root is that tree's index 0).
 */
static const struct procfs_tree {
	const struct procfs_sysctl *pt_table;
	const unsigned int	*pt_n;
	const char		*pt_root;	/* index 0's name */
} procfs_trees[] = {
	{ procfs_sysctl, &procfs_nsysctl, "sys" },	/* 0: /proc/sys */
	{ sysfs_tree, &sysfs_ntree, "sys" },		/* 1: /sys */
};
#define PROCFS_TREE_SYSCTL	0
#define PROCFS_TREE_SYSFS	1

static const char *const procfs_sysvipc_names[PROCFS_SYSVIPC_N] = {
	[PROCFS_SYSVIPC_MSG] = "msg",
	[PROCFS_SYSVIPC_SEM] = "sem",
	[PROCFS_SYSVIPC_SHM] = "shm",
};
static int (*procfs_sysvipc_show[PROCFS_SYSVIPC_N])(struct procfs_buf *);

void
procfs_set_sysvipc(enum procfs_sysvipc which, int (*show)(struct procfs_buf *))
{
	procfs_sysvipc_show[which] = show;
}

/* A /proc/sysvipc file's pf_show: its hook, if installed. */
static int
procfs_sysvipc_read(unsigned int which, struct procfs_buf *b)
{
	return procfs_sysvipc_show[which] != NULL ?
	    procfs_sysvipc_show[which](b) : 0;
}

static const char *const procfs_net_names[PROCFS_NET_N] = {
	[PROCFS_NET_DEV] = "dev",
	[PROCFS_NET_ROUTE] = "route",
	[PROCFS_NET_TCP] = "tcp",
	[PROCFS_NET_UDP] = "udp",
	[PROCFS_NET_RAW] = "raw",
	[PROCFS_NET_UNIX] = "unix",
};
static int (*procfs_net_show[PROCFS_NET_N])(struct procfs_buf *);

void
procfs_set_net(enum procfs_net which, int (*show)(struct procfs_buf *))
{
	procfs_net_show[which] = show;
}

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
#define PROCFS_FDINFO_MAX	4096	/* bytes of a kind's fdinfo lines */

static const char *const *procfs_netdev_attrs;
static unsigned int procfs_netdev_nattrs;
static int (*procfs_netdev_name)(unsigned int, int *, char *, size_t);
static int (*procfs_netdev_show)(int, unsigned int, struct procfs_buf *);

void
procfs_set_netdev(const char *const *attrs, unsigned int nattrs,
    int (*name)(unsigned int, int *, char *, size_t),
    int (*show)(int, unsigned int, struct procfs_buf *))
{
	procfs_netdev_attrs = attrs;
	procfs_netdev_nattrs = nattrs;
	procfs_netdev_name = name;
	procfs_netdev_show = show;
}

/* The name of the interface of index (into buf), or -ENOENT. */
static int
procfs_netdev_name_of(int index, char *buf, size_t size)
{
	int ix;

	for (unsigned int i = 0; procfs_netdev_name != NULL &&
	    procfs_netdev_name(i, &ix, buf, size) == 0; i++)
		if (ix == index)
			return 0;
	return -ENOENT;
}

/* Is dir /sys/class/net? */
static bool
procfs_is_class_net(const struct vnode *dir)
{
	return PROCFS_KIND(dir) == PROCFS_SYSCTL &&
	    PROCFS_PIDOF(dir) == PROCFS_TREE_SYSFS &&
	    PROCFS_IDX(dir) == sysfs_class_net;
}

static const struct vnode_ops procfs_ops;

int
procfs_pid_of_dir(const struct vnode *v)
{
	if (v == NULL || v->v_ops != &procfs_ops || PROCFS_KIND(v) != PROCFS_PID)
		return -1;
	return PROCFS_PIDOF(v);
}

/* What a /proc/<pid> number mixes in of its process's start time. */
static uint64_t
procfs_pid_ino(uint64_t born)
{
	/* All of its bits matter (the clock may step coarsely), and the
	 * result lands in the low 32 bits (the index bits, 0 for the
	 * directory), which programs storing st_ino in an int keep. */
	return (born * 0x9e3779b97f4a7c15UL) >> 40;
}

bool
procfs_pid_dir_gone(const struct vnode *v)
{
	struct proc *p;
	bool on = intr_save(), gone;

	p = proc_find_shown(PROCFS_PIDOF(v));
	gone = p == NULL || v->v_priv == NULL ||
	    p->p_start_ns != *(const uint64_t *)v->v_priv;
	intr_restore(on);
	return gone;
}

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

/*
 * What is under /proc/<pid> belongs to the process's effective user and
 * group, as Linux's (so that it may open its own 0400 files: pagemap,
 * fdinfo); the rest to root.
 */
static void
procfs_owner(struct vnode *v)
{
	enum procfs_kind kind = PROCFS_KIND(v);
	struct proc *p;
	bool on;

	if (kind == PROCFS_ROOT || kind == PROCFS_SYS || kind == PROCFS_SELF ||
	    kind == PROCFS_SYSCTL || kind == PROCFS_SYSVIPC ||
	    kind == PROCFS_NETDEV)
		return;
	on = intr_save();
	if ((p = proc_find_shown(PROCFS_PIDOF(v))) != NULL) {
		v->v_uid = p->p_cred.pc_euid;
		v->v_gid = p->p_cred.pc_egid;
	}
	intr_restore(on);
}

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
	procfs_owner(v);
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
		if ((v->v_mode & S_IFMT) == S_IFSOCK && v->v_mnt == NULL) {
			fmt_snprintf(buf, size, "socket:[%lu]",
			    (unsigned long)v->v_ino);
			return 0;
		}
	} else {
		v = idx == 1 ? p->p_exe : p->p_fs == NULL ? NULL :
		    idx == 0 ? p->p_fs->pf_cwd : p->p_fs->pf_root;
		if (v == NULL)
			return -ENOENT;
	}
	if ((n = vfs_path_of(v, buf, size)) == -ENOENT)
		fmt_snprintf(buf, size, "(deleted)");
	else if (n < 0)
		return (int)n;
	return 0;
}

/*
 * Following a descriptor, cwd, exe or root link reaches the node itself,
 * as on Linux (an unlinked or O_TMPFILE file too: linkat through
 * /proc/self/fd/N), and a pipe's end (opened as a FIFO); an event
 * file's is -ENXIO, as Linux's anonymous inodes; the other links
 * follow their text.
 */
static int
procfs_follow(struct vnode *lnk, struct vnode **out)
{
	enum procfs_kind kind = PROCFS_KIND(lnk);
	unsigned int idx = PROCFS_IDX(lnk);
	struct vnode *v = NULL;
	struct proc *p;
	struct file *f;
	bool on;

	if (kind != PROCFS_FD && kind != PROCFS_PIDLINK)
		return 1;
	on = intr_save();
	if ((p = proc_find(PROCFS_PIDOF(lnk))) != NULL) {
		if (kind == PROCFS_FD)
			v = p->p_fds == NULL || (f = fd_get(p->p_fds,
			    (int)idx)) == NULL ? NULL : f->f_node;
		else
			v = idx == 1 ? p->p_exe : p->p_fs == NULL ? NULL :
			    idx == 0 ? p->p_fs->pf_cwd : p->p_fs->pf_root;
	}
	/* An anonymous inode (eventfd, epoll...) has nothing to open; a
	 * pipe's end opens as a FIFO on the same pipe. */
	if (v != NULL && v->v_ops == &vfs_anon_ops && !S_ISFIFO(v->v_mode)) {
		intr_restore(on);
		return -ENXIO;
	}
	if (v != NULL && (v->v_mnt != NULL || S_ISFIFO(v->v_mode)))
		vfs_hold(v);
	intr_restore(on);
	if (v == NULL)
		return -ENOENT;
	if (v->v_mnt == NULL && !S_ISFIFO(v->v_mode))
		return 1;
	*out = v;
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

/* The table tree a PROCFS_SYSCTL node belongs to. */
static const struct procfs_tree *
procfs_tree_of(const struct vnode *v)
{
	return &procfs_trees[PROCFS_PIDOF(v)];
}

/* The store of a table-tree file (a tunable), or NULL. */
static int
(*procfs_store_of(const struct procfs_file *pf))(const char *, size_t)
{
	for (unsigned int i = 0; i < procfs_nsysctl_stores; i++)
		if (procfs_sysctl_stores[i].ps_show == pf->pf_show)
			return procfs_sysctl_stores[i].ps_store;
	return NULL;
}

/* A table-tree entry's mode: a directory, a file, a writable file. */
static uint32_t
procfs_sysctl_mode(const struct procfs_file *pf)
{
	if (pf->pf_show == NULL)
		return S_IFDIR | 0555;
	return procfs_store_of(pf) != NULL ? S_IFREG | 0644 : S_IFREG | 0444;
}

/* A node of table tree t by index (0: the tree's top). */
static struct vnode *
procfs_sysctl_node(struct vnode *dir, unsigned int t, unsigned int idx)
{
	return procfs_node(dir, idx == 0 ? S_IFDIR | 0555 :
	    procfs_sysctl_mode(&procfs_trees[t].pt_table[idx - 1].ps_file),
	    PROCFS_DATA(PROCFS_SYSCTL, t, idx));
}

static bool
procfs_sysctl_isdir(const struct vnode *v)
{
	return PROCFS_IDX(v) == 0 ||
	    procfs_tree_of(v)->pt_table[PROCFS_IDX(v) - 1].ps_file.pf_show ==
	    NULL;
}

/*
 * The thread tid of process pid, or NULL; interrupts off while it is
 * used.  A tid that does not fit a node's index is nobody's.
 */
static struct thread *
procfs_task(int pid, long tid)
{
	struct thread *t;

	if (tid <= 0 || tid > 0xffffff)
		return NULL;
	t = proc_find_thread((int)tid);
	return t != NULL && t->t_proc != NULL && t->t_proc->p_pid == pid ?
	    t : NULL;
}

/* The n-th thread of process pid (in its list's order), or NULL. */
static struct thread *
procfs_nth_task(int pid, uint64_t n)
{
	struct proc *p = proc_find(pid);
	struct thread *t = p != NULL ? p->p_threads : NULL;

	while (t != NULL && n-- > 0)
		t = t->t_peer_next;
	return t;
}

/*
 * The directory of interface index under /sys/class/net, keeping its
 * name (vop_name must not sleep; the hooks do).
 */
static int
procfs_lookup_netdev(struct vnode *dir, int index, const char *name,
    struct vnode **out)
{
	size_t len = strlen(name) + 1;
	char *copy = kmalloc(len);

	if (copy == NULL)
		return -ENOMEM;
	memcpy(copy, name, len);
	if ((*out = procfs_node(dir, S_IFDIR | 0755, PROCFS_DATA(PROCFS_NETDEV,
	    index, 0))) == NULL) {
		kfree(copy);
		return -ENOMEM;
	}
	(*out)->v_priv = copy;
	return 0;
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
			*out = procfs_sysctl_node(dir, PROCFS_TREE_SYSCTL, 0);
		} else if (procfs_is(name, len, "sysvipc")) {
			*out = procfs_node(dir, S_IFDIR | 0555,
			    PROCFS_DATA(PROCFS_SYSVIPC, 0, 0));
		} else if (procfs_is(name, len, "net")) {
			*out = procfs_link(dir, PROCFS_DATA(PROCFS_SELF, 0,
			    PROCFS_SELF_NET), "self/net");
		} else if (procfs_is(name, len, "self")) {
			char num[16];

			if (proc_current() == NULL)
				return -ENOENT;
			fmt_snprintf(num, sizeof(num), "%d",
			    proc_current()->p_pid);
			*out = procfs_link(dir, PROCFS_DATA(PROCFS_SELF, 0, 0),
			    num);
		} else if ((n = procfs_number(name, len)) > 0) {
			uint64_t *born = kmalloc(sizeof(*born));
			struct proc *p;
			bool on = intr_save();

			if ((p = proc_find_shown((int)n)) != NULL && born != NULL)
				*born = p->p_start_ns;
			intr_restore(on);
			if (p == NULL || born == NULL) {
				kfree(born);
				return p == NULL ? -ENOENT : -ENOMEM;
			}
			/* Which process it is: the pid may be reused. */
			if ((*out = procfs_node(dir, S_IFDIR | 0555,
			    PROCFS_DATA(PROCFS_PID, n, 0))) == NULL)
				kfree(born);
			else {
				(*out)->v_priv = born;
				(*out)->v_ino ^= procfs_pid_ino(*born);
			}
		} else if (*out == NULL) {
			return -ENOENT;
		}
		break;
	case PROCFS_PID:
		if (proc_find_shown(pid) == NULL)
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
		else if (procfs_is(name, len, "task"))
			*out = procfs_node(dir, S_IFDIR | 0555,
			    PROCFS_DATA(PROCFS_TASKDIR, pid, 0));
		else if (procfs_is(name, len, "fdinfo"))
			*out = procfs_node(dir, S_IFDIR | 0500,
			    PROCFS_DATA(PROCFS_FDINFODIR, pid, 0));
		else if (procfs_is(name, len, "pagemap"))
			*out = procfs_node(dir, S_IFREG | 0400,
			    PROCFS_DATA(PROCFS_PAGEMAP, pid, 0));
		else if (procfs_is(name, len, "net"))
			*out = procfs_node(dir, S_IFDIR | 0555,
			    PROCFS_DATA(PROCFS_NET, pid, 0));
		else if (*out == NULL)
			return -ENOENT;
		break;
	case PROCFS_NETDEV: {
		char ifname[32];

		if (PROCFS_IDX(dir) != 0)
			return -ENOTDIR;
		if (procfs_netdev_name_of(pid, ifname, sizeof(ifname)) != 0)
			return -ENOENT;		/* it has gone */
		for (unsigned int i = 0; i < procfs_netdev_nattrs; i++)
			if (procfs_is(name, len, procfs_netdev_attrs[i]))
				*out = procfs_node(dir, S_IFREG | 0444,
				    PROCFS_DATA(PROCFS_NETDEV, pid, i + 1));
		if (*out == NULL)
			return -ENOENT;
		break;
	}
	case PROCFS_NET:
		if (PROCFS_IDX(dir) != 0)
			return -ENOTDIR;
		for (unsigned int i = 0; i < PROCFS_NET_N; i++)
			if (procfs_is(name, len, procfs_net_names[i]))
				*out = procfs_node(dir, S_IFREG | 0444,
				    PROCFS_DATA(PROCFS_NET, pid, i + 1));
		if (*out == NULL)
			return -ENOENT;
		break;
	case PROCFS_TASKDIR: {
		bool on = intr_save(), there;

		n = procfs_number(name, len);
		there = procfs_task(pid, n) != NULL;
		intr_restore(on);
		if (!there)
			return -ENOENT;
		*out = procfs_node(dir, S_IFDIR | 0555,
		    PROCFS_DATA(PROCFS_TASK, pid, n));
		break;
	}
	case PROCFS_TASK:
		if (procfs_is(name, len, "comm"))
			*out = procfs_node(dir, S_IFREG | 0444,
			    PROCFS_DATA(PROCFS_TASKCOMM, pid, PROCFS_IDX(dir)));
		else if (procfs_is(name, len, "stat"))
			*out = procfs_node(dir, S_IFREG | 0444,
			    PROCFS_DATA(PROCFS_TASKSTAT, pid, PROCFS_IDX(dir)));
		else
			return -ENOENT;
		break;
	case PROCFS_FDINFODIR: {
		struct proc *p;
		bool open, on;

		if ((n = procfs_number(name, len)) < 0 || n >= FD_NR_OPEN)
			return -ENOENT;
		on = intr_save();
		p = proc_find(pid);
		open = p != NULL && p->p_fds != NULL &&
		    fd_get(p->p_fds, (int)n) != NULL;
		intr_restore(on);
		if (!open)
			return -ENOENT;
		*out = procfs_node(dir, S_IFREG | 0400,
		    PROCFS_DATA(PROCFS_FDINFO, pid, n));
		break;
	}
	case PROCFS_FDDIR:
		if ((n = procfs_number(name, len)) < 0 || n >= FD_NR_OPEN)
			return -ENOENT;
		return procfs_lookup_link(dir, PROCFS_FD, pid,
		    (unsigned int)n, out);
	case PROCFS_SYSCTL: {
		const struct procfs_tree *t = procfs_tree_of(dir);

		if (!procfs_sysctl_isdir(dir))
			return -ENOTDIR;
		if (procfs_is_class_net(dir)) {
			char ifname[32];
			int ix;

			for (unsigned int i = 0; procfs_netdev_name != NULL &&
			    procfs_netdev_name(i, &ix, ifname,
			    sizeof(ifname)) == 0; i++)
				if (procfs_is(name, len, ifname) && ix > 0)
					return procfs_lookup_netdev(dir, ix,
					    ifname, out);
			return -ENOENT;
		}
		for (unsigned int i = 0; i < *t->pt_n; i++)
			if (t->pt_table[i].ps_parent == PROCFS_IDX(dir) &&
			    procfs_is(name, len, t->pt_table[i].ps_file.pf_name))
				*out = procfs_sysctl_node(dir,
				    (unsigned int)pid, i + 1);
		if (*out == NULL)
			return -ENOENT;
		break;
	}
	case PROCFS_SYSVIPC:
		if (PROCFS_IDX(dir) != 0)
			return -ENOTDIR;
		for (unsigned int i = 0; i < PROCFS_SYSVIPC_N; i++)
			if (procfs_is(name, len, procfs_sysvipc_names[i]))
				*out = procfs_node(dir, S_IFREG | 0444,
				    PROCFS_DATA(PROCFS_SYSVIPC, 0, i + 1));
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
	uint64_t	 pn_born;	/* its start time */
};

static void
procfs_next_fn(struct proc *p, void *arg)
{
	struct procfs_next *n = arg;

	if (p->p_pid >= n->pn_from &&
	    (n->pn_pid == 0 || p->p_pid < n->pn_pid)) {
		n->pn_pid = p->p_pid;
		n->pn_born = p->p_start_ns;
	}
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
		if (i == procfs_sys_nfiles + 2) {
			procfs_set_name(out, "sysvipc");
			out->de_mode = S_IFDIR | 0555;
			out->de_ino = PROCFS_DATA(PROCFS_SYSVIPC, 0, 0);
			return true;
		}
		if (i == procfs_sys_nfiles + 3) {
			procfs_set_name(out, "net");
			out->de_mode = S_IFLNK | 0777;
			out->de_ino = PROCFS_DATA(PROCFS_SELF, 0,
			    PROCFS_SELF_NET);
			return true;
		}
		{
			/*
			 * The pids, in order, by value: an entry's offset is
			 * its pid, so processes coming and going between two
			 * getdents calls neither repeat nor hide the others.
			 */
			uint64_t base = 2 + procfs_sys_nfiles + 4;
			struct procfs_next n = { (int)MIN(idx - base,
			    (uint64_t)INT32_MAX), 0, 0 };

			proc_foreach(procfs_next_fn, &n);
			if (n.pn_pid == 0)
				return false;
			fmt_snprintf(out->de_name, sizeof(out->de_name), "%d",
			    n.pn_pid);
			out->de_mode = S_IFDIR | 0555;
			out->de_ino = PROCFS_DATA(PROCFS_PID, n.pn_pid, 0) ^
			    procfs_pid_ino(n.pn_born);
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
		} else if (i == PROCFS_NLINKS + 1) {
			procfs_set_name(out, "task");
			out->de_mode = S_IFDIR | 0555;
			out->de_ino = PROCFS_DATA(PROCFS_TASKDIR, pid, 0);
		} else if (i == PROCFS_NLINKS + 2) {
			procfs_set_name(out, "fdinfo");
			out->de_mode = S_IFDIR | 0500;
			out->de_ino = PROCFS_DATA(PROCFS_FDINFODIR, pid, 0);
		} else if (i == PROCFS_NLINKS + 3) {
			procfs_set_name(out, "pagemap");
			out->de_mode = S_IFREG | 0400;
			out->de_ino = PROCFS_DATA(PROCFS_PAGEMAP, pid, 0);
		} else if (i == PROCFS_NLINKS + 4) {
			procfs_set_name(out, "net");
			out->de_mode = S_IFDIR | 0555;
			out->de_ino = PROCFS_DATA(PROCFS_NET, pid, 0);
		} else {
			return false;
		}
		break;
	case PROCFS_NETDEV:
		if (PROCFS_IDX(dir) != 0 || i >= procfs_netdev_nattrs)
			return false;
		procfs_set_name(out, procfs_netdev_attrs[i]);
		out->de_mode = S_IFREG | 0444;
		out->de_ino = PROCFS_DATA(PROCFS_NETDEV, pid, i + 1);
		return true;
	case PROCFS_NET:
		if (PROCFS_IDX(dir) != 0 || i >= PROCFS_NET_N)
			return false;
		procfs_set_name(out, procfs_net_names[i]);
		out->de_mode = S_IFREG | 0444;
		out->de_ino = PROCFS_DATA(PROCFS_NET, pid, i + 1);
		return true;
	case PROCFS_TASKDIR: {
		bool on = intr_save();
		struct thread *t = procfs_nth_task(pid, i);

		if (t != NULL && t->t_utid <= 0xffffff) {
			fmt_snprintf(out->de_name, sizeof(out->de_name), "%d",
			    t->t_utid);
			out->de_mode = S_IFDIR | 0555;
			out->de_ino = PROCFS_DATA(PROCFS_TASK, pid, t->t_utid);
			found = true;
		}
		intr_restore(on);
		return found;
	}
	case PROCFS_TASK:
		if (i >= PROCFS_NTASKFILES)
			return false;
		procfs_set_name(out, procfs_task_files[i]);
		out->de_mode = S_IFREG | 0444;
		out->de_ino = PROCFS_DATA(i == 0 ? PROCFS_TASKCOMM :
		    PROCFS_TASKSTAT, pid, PROCFS_IDX(dir));
		break;
	case PROCFS_FDDIR:
	case PROCFS_FDINFODIR: {
		bool on = intr_save(), info = PROCFS_KIND(dir) == PROCFS_FDINFODIR;
		int fd;

		/* The i-th open descriptor. */
		if ((p = proc_find(pid)) != NULL && p->p_fds != NULL &&
		    (fd = fd_nth(p->p_fds, i)) >= 0) {
			fmt_snprintf(out->de_name, sizeof(out->de_name), "%d",
			    fd);
			out->de_mode = info ? S_IFREG | 0400 : S_IFLNK | 0700;
			out->de_ino = PROCFS_DATA(info ? PROCFS_FDINFO :
			    PROCFS_FD, pid, fd);
			found = true;
		}
		intr_restore(on);
		return found;
	}
	case PROCFS_SYSCTL: {
		const struct procfs_tree *t = procfs_tree_of(dir);

		if (procfs_is_class_net(dir)) {
			int ix;

			if (procfs_netdev_name == NULL ||
			    procfs_netdev_name((unsigned int)i, &ix,
			    out->de_name, sizeof(out->de_name)) != 0)
				return false;
			out->de_mode = S_IFDIR | 0755;
			out->de_ino = PROCFS_DATA(PROCFS_NETDEV, ix, 0);
			return true;
		}
		/* The i-th entry whose directory this is. */
		for (unsigned int k = 0; k < *t->pt_n; k++) {
			const struct procfs_sysctl *e = &t->pt_table[k];

			if (e->ps_parent != PROCFS_IDX(dir))
				continue;
			if (i-- != 0)
				continue;
			procfs_set_name(out, e->ps_file.pf_name);
			out->de_mode = procfs_sysctl_mode(&e->ps_file);
			out->de_ino = PROCFS_DATA(PROCFS_SYSCTL, pid, k + 1);
			return true;
		}
		return false;
	}
	case PROCFS_SYSVIPC:
		if (PROCFS_IDX(dir) != 0 || i >= PROCFS_SYSVIPC_N)
			return false;
		procfs_set_name(out, procfs_sysvipc_names[i]);
		out->de_mode = S_IFREG | 0444;
		out->de_ino = PROCFS_DATA(PROCFS_SYSVIPC, 0, i + 1);
		return true;
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
		fmt_snprintf(buf, size, idx == PROCFS_SELF_NET ? "net" :
		    "self");
		break;
	case PROCFS_NET:
		fmt_snprintf(buf, size, "%s", idx == 0 ? "net" :
		    procfs_net_names[idx - 1]);
		break;
	case PROCFS_NETDEV:
		if (idx == 0 && v->v_priv == NULL)
			return -ENOENT;
		fmt_snprintf(buf, size, "%s", idx == 0 ? (const char *)
		    v->v_priv : procfs_netdev_attrs[idx - 1]);
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
	case PROCFS_FDINFODIR:
		fmt_snprintf(buf, size, "fdinfo");
		break;
	case PROCFS_FD:
	case PROCFS_FDINFO:
		fmt_snprintf(buf, size, "%u", idx);
		break;
	case PROCFS_SYSCTL:
		fmt_snprintf(buf, size, "%s", idx == 0 ?
		    procfs_tree_of(v)->pt_root :
		    procfs_tree_of(v)->pt_table[idx - 1].ps_file.pf_name);
		break;
	case PROCFS_TASKDIR:
		fmt_snprintf(buf, size, "task");
		break;
	case PROCFS_TASK:
		fmt_snprintf(buf, size, "%u", idx);
		break;
	case PROCFS_TASKCOMM:
		fmt_snprintf(buf, size, "comm");
		break;
	case PROCFS_TASKSTAT:
		fmt_snprintf(buf, size, "stat");
		break;
	case PROCFS_PAGEMAP:
		fmt_snprintf(buf, size, "pagemap");
		break;
	case PROCFS_SYSVIPC:
		fmt_snprintf(buf, size, "%s", idx == 0 ? "sysvipc" :
		    procfs_sysvipc_names[idx - 1]);
		break;
	default:
		return -ENOENT;
	}
	return 0;
}

/* /proc/<pid>/task/<tid>/comm: the thread's name (PR_SET_NAME). */
static long
procfs_read_task_comm(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	char line[24];
	struct thread *t;
	size_t n;
	bool on = intr_save();

	if ((t = procfs_task(PROCFS_PIDOF(v), PROCFS_IDX(v))) == NULL) {
		intr_restore(on);
		return -ESRCH;		/* it has exited */
	}
	n = (size_t)fmt_snprintf(line, sizeof(line), "%.15s\n", t->t_name);
	intr_restore(on);
	if (off >= n)
		return 0;
	if (len > n - off)
		len = n - off;
	memcpy(buf, line + off, len);
	return (long)len;
}

/* Entries one pagemap read makes at a time (on the stack). */
#define PROCFS_PAGEMAP_BATCH	64

/*
 * /proc/<pid>/pagemap: a 64-bit entry per page of the address space, the
 * entry of the page at va at offset va / 4096 * 8 (vm_pagemap); page
 * frame numbers only for CAP_SYS_ADMIN, as Linux.  Offsets and lengths
 * are whole entries (else EINVAL); reading stops at the end of user space.
 */
static long
procfs_read_pagemap(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	uint64_t ents[PROCFS_PAGEMAP_BATCH], top = PAGING_USER_TOP /
	    PAGE_SIZE * sizeof(uint64_t);
	bool pfn = proc_capable(CAP_SYS_ADMIN);
	size_t done = 0;

	if (off % sizeof(uint64_t) != 0 || len % sizeof(uint64_t) != 0)
		return -EINVAL;
	while (done < len && off + done < top) {
		size_t n = MIN((len - done) / sizeof(uint64_t),
		    (size_t)PROCFS_PAGEMAP_BATCH);
		uint64_t va = (off + done) / sizeof(uint64_t) * PAGE_SIZE;
		struct vm_space *vs = NULL;
		struct proc *p;
		bool on = intr_save();

		n = MIN(n, (size_t)((top - off - done) / sizeof(uint64_t)));
		if ((p = proc_find(PROCFS_PIDOF(v))) != NULL &&
		    p->p_thread != NULL && (vs = p->p_thread->t_vm) != NULL)
			vm_space_hold(vs);
		intr_restore(on);
		if (vs == NULL)
			return done > 0 ? (long)done : -ESRCH;
		vm_pagemap(vs, va, n, ents, pfn);
		vm_space_release(vs);
		memcpy((char *)buf + done, ents, n * sizeof(uint64_t));
		done += n * sizeof(uint64_t);
	}
	return (long)done;
}

/*
 * /proc/<pid>/fdinfo/<fd>: Linux's four lines, then the kind's own
 * (struct file_ops's fo_fdinfo).  Interrupts off: p and its table stay.
 */
static int
procfs_fdinfo(struct proc *p, unsigned int fd, struct procfs_buf *b)
{
	char *kind = kmalloc(PROCFS_FDINFO_MAX);
	struct file *f;

	if (kind == NULL)
		return -ENOMEM;
	if (p->p_fds == NULL || (f = fd_get(p->p_fds, (int)fd)) == NULL) {
		kfree(kind);
		return -ENOENT;
	}
	procfs_printf(b, "pos:\t%lu\nflags:\t0%o\nmnt_id:\t%u\nino:\t%lu\n",
	    (unsigned long)f->f_off, f->f_flags,
	    f->f_node->v_mnt != NULL ? f->f_node->v_mnt->mnt_dev : 0,
	    (unsigned long)f->f_node->v_ino);
	f->f_ops->fo_fdinfo(f, kind, PROCFS_FDINFO_MAX);
	procfs_printf(b, "%s", kind);
	kfree(kind);
	return 0;
}

/* Bytes off.. of the text in b into buf (len at most); frees b. */
static long
procfs_read_out(struct procfs_buf *b, long ret, void *buf, size_t len,
    uint64_t off)
{
	if (ret == 0 && b->pb_nomem)
		ret = -ENOMEM;
	if (ret == 0) {
		if (off >= b->pb_len)
			len = 0;
		else if (len > b->pb_len - off)
			len = b->pb_len - off;
		if (len > 0)
			memcpy(buf, b->pb_data + off, len);
		ret = (long)len;
	}
	kfree(b->pb_data);
	return ret;
}

/* /proc/<pid>/net/<name>: its hook, with interrupts on (it may sleep). */
static long
procfs_read_net(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	unsigned int idx = PROCFS_IDX(v);
	struct procfs_buf b = { 0 };
	long ret = 0;

	if (idx == 0)
		return -EISDIR;
	if (!procfs_grow(&b, 1024))
		return -ENOMEM;
	if (procfs_net_show[idx - 1] != NULL)
		ret = procfs_net_show[idx - 1](&b);
	return procfs_read_out(&b, ret, buf, len, off);
}

/* /sys/class/net/<if>/<attr>: its hook, with interrupts on. */
static long
procfs_read_netdev(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	unsigned int idx = PROCFS_IDX(v);
	struct procfs_buf b = { 0 };
	long ret = -ENODEV;

	if (idx == 0)
		return -EISDIR;
	if (!procfs_grow(&b, 256))
		return -ENOMEM;
	if (procfs_netdev_show != NULL)
		ret = procfs_netdev_show(PROCFS_PIDOF(v), idx - 1, &b);
	return procfs_read_out(&b, ret, buf, len, off);
}

static long
procfs_read(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	struct procfs_buf b = { 0 };
	const struct procfs_file *pf = NULL;
	struct proc *p = NULL;
	long ret;
	bool on;

	if (PROCFS_KIND(v) == PROCFS_TASKCOMM)
		return procfs_read_task_comm(v, buf, len, off);
	if (PROCFS_KIND(v) == PROCFS_PAGEMAP)
		return procfs_read_pagemap(v, buf, len, off);
	if (PROCFS_KIND(v) == PROCFS_NET)
		return procfs_read_net(v, buf, len, off);
	if (PROCFS_KIND(v) == PROCFS_NETDEV)
		return procfs_read_netdev(v, buf, len, off);
	if (PROCFS_KIND(v) == PROCFS_SYSVIPC && PROCFS_IDX(v) != 0)
		;			/* procfs_sysvipc_read below */
	else if (PROCFS_KIND(v) == PROCFS_SYS)
		pf = &procfs_sys_files[PROCFS_IDX(v)];
	else if (PROCFS_KIND(v) == PROCFS_PIDFILE)
		pf = &procfs_pid_files[PROCFS_IDX(v)];
	else if (PROCFS_KIND(v) == PROCFS_SYSCTL && !procfs_sysctl_isdir(v))
		pf = &procfs_tree_of(v)->pt_table[PROCFS_IDX(v) - 1].ps_file;
	else if (PROCFS_KIND(v) == PROCFS_FDINFO ||
	    PROCFS_KIND(v) == PROCFS_TASKSTAT)
		pf = NULL;
	else
		return -EINVAL;
	if (!procfs_grow(&b, 1024))
		return -ENOMEM;
	on = intr_save();
	if ((PROCFS_KIND(v) == PROCFS_PIDFILE ||
	    PROCFS_KIND(v) == PROCFS_FDINFO) &&
	    (p = proc_find_shown(PROCFS_PIDOF(v))) == NULL)
		ret = -ESRCH;		/* it has been reaped */
	else if (PROCFS_KIND(v) == PROCFS_FDINFO)
		ret = procfs_fdinfo(p, PROCFS_IDX(v), &b);
	else if (PROCFS_KIND(v) == PROCFS_TASKSTAT) {
		struct thread *t = procfs_task(PROCFS_PIDOF(v), PROCFS_IDX(v));

		ret = t == NULL ? -ESRCH : procfs_task_stat(t->t_proc, t, &b);
	}
	else if (pf == NULL)
		ret = procfs_sysvipc_read(PROCFS_IDX(v) - 1, &b);
	else
		ret = pf->pf_show(p, &b);
	intr_restore(on);
	return procfs_read_out(&b, ret, buf, len, off);
}

/* The table-tree file v is, or NULL (the top, a directory). */
static const struct procfs_file *
procfs_sysctl_file(const struct vnode *v)
{
	if (PROCFS_KIND(v) != PROCFS_SYSCTL || procfs_sysctl_isdir(v))
		return NULL;
	return &procfs_tree_of(v)->pt_table[PROCFS_IDX(v) - 1].ps_file;
}

/*
 * Table-tree files (/proc/sys, /sys) without a pf_store are read-only,
 * for root too; the others follow their mode bits (root's to write).
 */
static int
procfs_permission(const struct vnode *v, int mask)
{
	const struct procfs_file *pf = procfs_sysctl_file(v);

	if (pf != NULL && (mask & VFS_MAY_WRITE) && procfs_store_of(pf) == NULL)
		return -EACCES;
	return 0;
}

/* Bytes a tunable's value may take, with its newline. */
#define PROCFS_STORE_MAX	256

/*
 * A write to a tunable: the value at offset 0 is applied whole; a write
 * further on is taken and ignored, as Linux's strict sysctl writes.
 */
static long
procfs_write(struct vnode *v, const void *buf, size_t len, uint64_t off)
{
	const struct procfs_file *pf = procfs_sysctl_file(v);
	int (*store)(const char *, size_t);
	char text[PROCFS_STORE_MAX + 1];
	int error;

	if (pf == NULL || (store = procfs_store_of(pf)) == NULL)
		return -EIO;
	if (off != 0 || len == 0)
		return (long)len;
	if (len > PROCFS_STORE_MAX)
		return -EINVAL;
	memcpy(text, buf, len);
	text[len] = '\0';
	if ((error = store(text, len)) != 0)
		return error;
	return (long)len;
}

/* The mounts files are a kind of file of their own. */
static const struct file_ops *
procfs_file_ops(const struct vnode *v)
{
	const struct procfs_file *pf = NULL;

	if (PROCFS_KIND(v) == PROCFS_SYS)
		pf = &procfs_sys_files[PROCFS_IDX(v)];
	else if (PROCFS_KIND(v) == PROCFS_PIDFILE)
		pf = &procfs_pid_files[PROCFS_IDX(v)];
	return pf != NULL && (pf->pf_show == procfs_sys_mounts ||
	    pf->pf_show == procfs_sys_mountinfo) ? &procfs_mounts_ops : NULL;
}

static const struct vnode_ops procfs_ops = {
	.vop_file_ops = procfs_file_ops,
	.vop_permission = procfs_permission,
	.vop_write = procfs_write,
	.vop_lookup = procfs_lookup,
	.vop_readdir = procfs_readdir,
	.vop_name = procfs_name,
	.vop_readlink = procfs_readlink,
	.vop_follow = procfs_follow,
	.vop_read = procfs_read,
	.vop_free = procfs_free,
};

static int
procfs_mount_root(struct mount *m, uint64_t data)
{
	struct vnode *root = vfs_node_new(m, S_IFDIR | 0555, &procfs_ops);

	if (root == NULL)
		return -ENOMEM;
	root->v_fsdata = data;
	root->v_nlink = 1;
	root->v_parent = root;
	m->mnt_root = root;
	return 0;
}

static int
procfs_mount(struct mount *m)
{
	return procfs_mount_root(m, PROCFS_DATA(PROCFS_ROOT, 0, 0));
}

static int
sysfs_mount(struct mount *m)
{
	return procfs_mount_root(m,
	    PROCFS_DATA(PROCFS_SYSCTL, PROCFS_TREE_SYSFS, 0));
}

static struct mount_fstype procfs_type = {
	.mt_name = "proc", .mt_magic = PROCFS_SUPER_MAGIC, .mt_nodev = true,
	.mt_mount = procfs_mount,
};

static struct mount_fstype sysfs_type = {
	.mt_name = "sysfs", .mt_magic = SYSFS_MAGIC, .mt_nodev = true,
	.mt_mount = sysfs_mount,
};

void
procfs_init(void)
{
	mount_register(&procfs_type);
	mount_register(&sysfs_type);
}
