/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * procfs: the "proc" filesystem type.  Nothing is stored: every node is
 * made up when it is looked up and every file's text is generated when
 * it is read, from the page allocator, the CPU, the clock, the mount
 * table and struct proc.  The tree:
 *	/proc/{meminfo,cpuinfo,uptime,...}	procfs_sys_files (procfs_sys.c)
 *	/proc/config.gz			the feature table (procfs_config.c)
 *	/proc/self -> <pid of the reader>
 *	/proc/<pid>/{stat,status,...}		procfs_pid_files (procfs_pid.c)
 *	/proc/<pid>/{cwd,exe}			symbolic links
 *	/proc/<pid>/fd/<n>			a link per open descriptor
 *	/proc/sysvipc/{msg,sem,shm}		procfs_set_sysvipc's hooks
 *	/proc/<pid>/fdinfo/<n>			its offset, flags, and the
 *						kind's lines (fo_fdinfo)
 *	/proc/<pid>/net/{dev,route,tcp,...}	procfs_set_net's hooks
 *	/proc/net -> self/net
 * A new per-process file (maps, when the memory manager has areas to
 * list) is one more line in procfs_pid_files[]: a name and a generator
 * that prints into a struct procfs_buf.
 */
#ifndef FS_PROCFS_PROCFS_H
#define FS_PROCFS_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct proc;
struct vnode;

/* Text being generated; grows as needed. */
struct procfs_buf {
	char		*pb_data;	/* kmalloc'd */
	size_t		 pb_len;	/* bytes written */
	size_t		 pb_cap;	/* bytes pb_data holds */
	bool		 pb_nomem;	/* a write did not fit */
};

/* Append formatted text (lib/fmt.h conversions) or raw bytes. */
void	procfs_printf(struct procfs_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	procfs_put(struct procfs_buf *b, const void *data, size_t len);

/*
 * A generated file.  pf_show prints its text for p (NULL for the files
 * at the top of /proc); it runs with interrupts off so that p cannot go
 * away under it, and must not sleep.  Returns 0 or a negative errno.
 */
struct procfs_file {
	const char	*pf_name;
	int		(*pf_show)(struct proc *p, struct procfs_buf *b);
};

extern const struct procfs_file procfs_sys_files[];
extern const unsigned int procfs_sys_nfiles;
/*
 * /proc/sys: directories and files, each naming its directory by index
 * (0: /proc/sys itself, else 1 + its place in the table); a directory
 * has no pf_show.  Files get NULL for their struct proc; those in
 * procfs_sysctl_stores[] are root's to write (0644), as Linux's
 * tunables.
 */
struct procfs_sysctl {
	struct procfs_file ps_file;
	unsigned int	 ps_parent;
};
extern const struct procfs_sysctl procfs_sysctl[];
extern const unsigned int procfs_nsysctl;
/*
 * The /proc/sys files that take a value (tunables): a file's show
 * function and beside it the store that takes the text written at
 * offset 0 (len bytes, NUL-terminated): 0, or -EINVAL to refuse it.
 * Files not here are read-only (mode 0444, even for root).
 */
struct procfs_store {
	int		(*ps_show)(struct proc *p, struct procfs_buf *b);
	int		(*ps_store)(const char *text, size_t len);
};
extern const struct procfs_store procfs_sysctl_stores[];
extern const unsigned int procfs_nsysctl_stores;
/*
 * /sys (the "sysfs" type), a tree of the same kind (sysfs.c): what Linux
 * programs read there to learn the machine, e.g. the CPUs' numbers.
 */
extern const struct procfs_sysctl sysfs_tree[];
extern const unsigned int sysfs_ntree;
/* The index of /sys/class/net in sysfs_tree (its row + 1). */
extern const unsigned int sysfs_class_net;

/* /proc/config.gz (procfs_config.c). */
int	procfs_sys_config_gz(struct proc *unused, struct procfs_buf *b);

/*
 * /proc/sysvipc/<name>: System V IPC's tables, printed by kernel/ipc
 * (a floor beside this one) through show, installed at boot by
 * kernel/main.c.  A file without one reads empty.
 */
enum procfs_sysvipc {
	PROCFS_SYSVIPC_MSG,
	PROCFS_SYSVIPC_SEM,
	PROCFS_SYSVIPC_SHM,
	PROCFS_SYSVIPC_N
};
void	procfs_set_sysvipc(enum procfs_sysvipc which,
	    int (*show)(struct procfs_buf *b));

/*
 * /proc/keys and /proc/key-users: printed by the key retention service
 * (kernel/ipc/keys.c, a floor beside this one) through the hooks main
 * installs at boot; without them the files read empty.
 */
void	procfs_set_keys(int (*keys)(struct procfs_buf *b),
	    int (*users)(struct procfs_buf *b));

/*
 * /proc/<pid>/net/<name> (and /proc/net, a link to self/net): the
 * network's tables, printed by net/ (a floor beside this one) through
 * the hooks kernel/main.c installs at boot.  Unlike pf_show, show runs
 * with interrupts on and may sleep (it takes the stack's lock).  A file
 * without one reads empty.
 */
enum procfs_net {
	PROCFS_NET_DEV,
	PROCFS_NET_ROUTE,
	PROCFS_NET_TCP,
	PROCFS_NET_UDP,
	PROCFS_NET_RAW,
	PROCFS_NET_UNIX,
	PROCFS_NET_N
};
void	procfs_set_net(enum procfs_net which, int (*show)(struct procfs_buf *b));

/*
 * /sys/class/net/<name>/<attr>: the interfaces, listed and shown by
 * net/ through hooks kernel/main.c installs (attrs: the files of each
 * interface's directory).  name gives the nth interface's index and
 * name (0, or -ENOENT past the last); show prints attribute attr of
 * interface index (0, or -errno: -ENODEV once it is gone).  Both run
 * with interrupts on and may sleep.
 */
void	procfs_set_netdev(const char *const *attrs, unsigned int nattrs,
	    int (*name)(unsigned int nth, int *index, char *buf, size_t size),
	    int (*show)(int index, unsigned int attr, struct procfs_buf *b));

/* /proc/mounts, also /proc/<pid>/mounts. */
int	procfs_sys_mounts(struct proc *unused, struct procfs_buf *b);
/* /proc/<pid>/mountinfo: the mount table in Linux's mountinfo lines. */
int	procfs_sys_mountinfo(struct proc *unused, struct procfs_buf *b);
/*
 * The open files of /proc/mounts, /proc/<pid>/mounts and mountinfo:
 * regular files whose poll also tells, once, of a change of the mount
 * table since the file was opened or that poll last told (POLLPRI |
 * POLLERR), as Linux's; epoll may watch them.
 */
extern const struct file_ops procfs_mounts_ops;

/*
 * /proc/<pid>/task/<tid>/stat: /proc/<pid>/stat's line for thread t of
 * p (its id, name, state and time).  Interrupts off, as pf_show.
 */
struct thread;
int	procfs_task_stat(struct proc *p, struct thread *t,
	    struct procfs_buf *b);

extern const struct procfs_file procfs_pid_files[];
extern const unsigned int procfs_pid_nfiles;

/*
 * The 1, 5 and 15 minute load averages in 1/65536 (as sysinfo(2) gives
 * them), the runnable and the live processes.
 */
void	procfs_load(uint64_t load[3], unsigned int *running,
	    unsigned int *procs);

/* What /proc/sys/fs/aio-nr shows (syscall/sys_aio.c registers it). */
void	procfs_set_aio_nr(uint64_t (*fn)(void));
/*
 * The pid of a /proc/<pid> directory node, or -1 for any other node
 * (pidfd_send_signal takes such a directory as a process handle).
 */
int	procfs_pid_of_dir(const struct vnode *v);
/*
 * Has the process of /proc/<pid> directory v (procfs_pid_of_dir's) gone,
 * even if its pid now names another?
 */
bool	procfs_pid_dir_gone(const struct vnode *v);

/* Register the "proc" filesystem type.  Call once at boot. */
void	procfs_init(void);

#endif /* FS_PROCFS_PROCFS_H */
