/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * procfs: the "proc" filesystem type.  Nothing is stored: every node is
 * made up when it is looked up and every file's text is generated when
 * it is read, from the page allocator, the CPU, the clock, the mount
 * table and struct proc.  The tree:
 *	/proc/{meminfo,cpuinfo,uptime,...}	procfs_sys_files (procfs_sys.c)
 *	/proc/self -> <pid of the reader>
 *	/proc/<pid>/{stat,status,...}		procfs_pid_files (procfs_pid.c)
 *	/proc/<pid>/{cwd,exe}			symbolic links
 *	/proc/<pid>/fd/<n>			a link per open descriptor
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
 * has no pf_show.  A file with ps_store may be written (mode 0644): it
 * gets the bytes written at offset 0 and answers 0 or -errno (a write
 * elsewhere is -EINVAL); the others are read-only.
 */
struct procfs_sysctl {
	struct procfs_file ps_file;
	unsigned int	 ps_parent;
	int		(*ps_store)(const char *buf, size_t len);
};
extern const struct procfs_sysctl procfs_sysctl[];
extern const unsigned int procfs_nsysctl;

/* /proc/mounts, also /proc/<pid>/mounts. */
int	procfs_sys_mounts(struct proc *unused, struct procfs_buf *b);

extern const struct procfs_file procfs_pid_files[];
extern const unsigned int procfs_pid_nfiles;

/*
 * The 1, 5 and 15 minute load averages in 1/65536 (as sysinfo(2) gives
 * them), the runnable and the live processes.
 */
void	procfs_load(uint64_t load[3], unsigned int *running,
	    unsigned int *procs);

/* Register the "proc" filesystem type.  Call once at boot. */
void	procfs_init(void);

#endif /* FS_PROCFS_PROCFS_H */
