/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Reading program files for exec (see exec_file.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/elf.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/dmap.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <fs/pagecache.h>
#include <fs/vfs.h>
#include <kernel/proc/exec_file.h>

int
exec_file_read(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	long n = vfs_read(v, buf, len, off);

	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -EIO;
}

int
exec_file_open(struct vnode *v, struct exec_file *xf)
{
	size_t n;
	long got;

	memset(xf, 0, sizeof(*xf));
	xf->xf_node = v;
	xf->xf_size = v->v_size;
	/* A program's first page is mapped too: the cache shares it. */
	if (xf->xf_size >= PAGE_SIZE && (xf->xf_pa = pagecache_get(v, 0)) != 0) {
		xf->xf_head = phys_to_virt(xf->xf_pa);
		xf->xf_hlen = PAGE_SIZE;
		return 0;
	}
	n = MIN(xf->xf_size, (uint64_t)PAGE_SIZE);
	if ((xf->xf_buf = kmalloc(n > 0 ? n : 1)) == NULL)
		return -ENOMEM;
	if ((got = vfs_read(v, xf->xf_buf, n, 0)) < 0) {
		kfree(xf->xf_buf);
		xf->xf_buf = NULL;
		return (int)got;
	}
	xf->xf_head = xf->xf_buf;
	xf->xf_hlen = (size_t)got;
	return 0;
}

void
exec_file_close(struct exec_file *xf)
{
	if (xf->xf_pa != 0)
		page_ref_put(xf->xf_pa);
	kfree(xf->xf_buf);
	xf->xf_pa = 0;
	xf->xf_buf = NULL;
	xf->xf_head = NULL;
}

int
exec_file_shebang(const struct exec_file *xf, char *interp, char *arg)
{
	char line[EXEC_SHEBANG_MAX + 1];
	size_t n = MIN(xf->xf_hlen, (size_t)EXEC_SHEBANG_MAX);
	char *p, *q;

	if (n < 3 || xf->xf_head[0] != '#' || xf->xf_head[1] != '!')
		return 0;
	memcpy(line, xf->xf_head + 2, n - 2);
	line[n - 2] = '\0';
	if ((p = strchr(line, '\n')) != NULL)
		*p = '\0';
	for (p = line; *p == ' ' || *p == '\t'; p++)
		;
	for (q = p; *q != '\0' && *q != ' ' && *q != '\t'; q++)
		;
	memcpy(interp, p, (size_t)(q - p));
	interp[q - p] = '\0';
	while (*q == ' ' || *q == '\t')
		q++;
	/* Linux: the rest, trailing blanks removed, is one argument. */
	p = q + strlen(q);
	while (p > q && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\r'))
		p--;
	memcpy(arg, q, (size_t)(p - q));
	arg[p - q] = '\0';
	return 1;
}

int
exec_file_elf(const struct exec_file *xf, struct elf_image *img,
    const char **why)
{
	uint64_t off;
	size_t len;
	char *buf;
	int error;

	if ((error = elf_phdrs(xf->xf_head, xf->xf_hlen, xf->xf_size, &off,
	    &len, why)) != 0)
		return error;
	if (off + len <= xf->xf_hlen)	/* in the first page, as usual */
		return elf_parse_phdrs(xf->xf_head, xf->xf_head + off,
		    xf->xf_size, img, why);
	if ((buf = kmalloc(len)) == NULL)
		return -ENOMEM;
	if ((error = exec_file_read(xf->xf_node, buf, len, off)) == 0)
		error = elf_parse_phdrs(xf->xf_head, buf, xf->xf_size, img,
		    why);
	kfree(buf);
	return error;
}
