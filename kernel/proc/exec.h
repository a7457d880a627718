/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Loading a program (an ELF, static or with its PT_INTERP interpreter,
 * or a "#!" script's interpreter) into a new address space, for ring 3
 * or the ring-0 app, with the initial stack the Linux x86-64 ABI
 * promises (argc, argv, envp, auxv) and, in ring 3, the vDSO.
 */
#ifndef KERNEL_PROC_EXEC_H
#define KERNEL_PROC_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXEC_STACK_TOP	0x00007ffffffff000UL
#define EXEC_STACK_SIZE	(128 * 1024UL)	/* mapped at exec; grows on faults */
#define EXEC_RING0_STACK (1024 * 1024UL) /* the ring-0 app's, all mapped */
/*
 * auxv: the ring-0 call table (libc/patches).  Far from Linux's AT_*
 * numbers, which keep growing into the low 30s, so that a jiny-cc
 * binary run on Linux never mistakes one of Linux's entries for it.
 */
#define AT_JINY_SYSCALL	0x4a494e59	/* "JINY" */
#define EXEC_PIE_BASE	0x0000555555554000UL

struct vm_space;
struct vnode;

struct exec_image {
	bool		 xi_ring0;	/* in: load as the ring-0 app */
	struct vm_space	*xi_vm;		/* the new address space */
	uint64_t	 xi_entry;	/* where ring 3 starts */
	uint64_t	 xi_sp;		/* initial stack pointer */
	/* What the program is, for /proc (set by exec_prepare): */
	struct vnode	*xi_exe;	/* held program file (interpreter
					 * for a script) */
	char		*xi_cmdline;	/* kmalloc'd argv, NUL-separated; may
					 * be NULL when memory is short */
	size_t		 xi_cmdline_len;
	char		 xi_comm[16];	/* last part of the path, cut */
};

int	exec_load(const char *path, struct vnode *v,
	    const char *const argv[], const char *const envp[],
	    struct exec_image *xi);

struct proc;

/*
 * Find the program path (relative to cwd) for execve: a held regular file
 * with an execute bit.  Returns 0, a lookup error, or -EACCES.
 */
int	exec_open(struct vnode *cwd, const char *path, struct vnode **out);

/*
 * What execve does before the point of no return: find path, and if it is
 * a "#!" script run its interpreter instead (argv becomes interpreter,
 * its optional argument, path, argv[1..]), then exec_load.  Returns 0 with
 * xi filled, or a negative errno (-ENOENT, -EACCES, -ENOEXEC, -E2BIG...).
 */
int	exec_prepare(struct vnode *cwd, const char *path,
	    const char *const argv[], const char *const envp[],
	    struct exec_image *xi);

/*
 * exec_prepare for execveat: path from cwd (the directory descriptor's
 * node), refusing a symbolic link in the last place unless follow
 * (-ELOOP); or the program file v itself (AT_EMPTY_PATH), named path.
 */
int	exec_prepare_at(struct vnode *cwd, const char *path, bool follow,
	    const char *const argv[], const char *const envp[],
	    struct exec_image *xi);
int	exec_prepare_node(struct vnode *cwd, struct vnode *v,
	    const char *path, const char *const argv[],
	    const char *const envp[], struct exec_image *xi);

/*
 * Hand xi's program identity (xi_exe, xi_cmdline, xi_comm) to p, after
 * the point of no return of an exec; p's old one is dropped.
 */
void	exec_install(struct proc *p, struct exec_image *xi);

/*
 * Start xi as a new process without a parent (the kernel waits for it
 * with proc_wait_kernel): its thread takes the address space over, gets
 * fresh FPU/SSE state, a program break at xi_brk and enters ring 3.
 * Returns the process (with xi's identity installed), or NULL (and frees
 * the space and identity) when out of memory.
 */
struct proc *exec_spawn(const char *name, struct exec_image *xi);


#endif /* KERNEL_PROC_EXEC_H */
