/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * What exec reads of a program file, through the VFS and the page cache
 * only, so that a program on any filesystem can run: its first page,
 * which holds a "#!" line or the ELF header (and, nearly always, the
 * program headers), and any other bytes exec needs.  No file contents
 * are reached any other way.
 */
#ifndef KERNEL_PROC_EXEC_FILE_H
#define KERNEL_PROC_EXEC_FILE_H

#include <stddef.h>
#include <stdint.h>

struct elf_image;
struct vnode;

/* A program file opened for exec: its first bytes. */
struct exec_file {
	struct vnode	*xf_node;	/* not held: the caller's */
	uint64_t	 xf_size;	/* the file's size at the open */
	const char	*xf_head;	/* its first xf_hlen bytes */
	size_t		 xf_hlen;
	uint64_t	 xf_pa;		/* the page cache's page, held, or 0 */
	char		*xf_buf;	/* else a copy (kmalloc'd) */
};

/*
 * Read the head of file v: its first page from the page cache, or a copy
 * of up to a page when the cache cannot give it (a shorter file).
 * Returns 0, -ENOMEM, or the read's error.
 */
int	exec_file_open(struct vnode *v, struct exec_file *xf);
void	exec_file_close(struct exec_file *xf);

#define EXEC_SHEBANG_MAX	128	/* bytes of a "#!" line we read */

/*
 * Parse a "#!" line: interpreter into interp, optional argument into arg
 * ("" if none), both EXEC_SHEBANG_MAX + 1 bytes.  Returns 1 for a script,
 * 0 for anything else.
 */
int	exec_file_shebang(const struct exec_file *xf, char *interp, char *arg);

/*
 * Check the file as an ELF program (lib/elf.h) and describe it in img.
 * Returns 0, -ENOEXEC with a reason in *why, -ENOMEM or -EIO.
 */
int	exec_file_elf(const struct exec_file *xf, struct elf_image *img,
	    const char **why);

/* Exactly len bytes of v at off: 0, -EIO if fewer are there, or -errno. */
int	exec_file_read(struct vnode *v, void *buf, size_t len, uint64_t off);

#endif /* KERNEL_PROC_EXEC_FILE_H */
