/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The VFS over a filesystem that is not ramfs: "toyfs", read-only nodes
 * made up from a static table (a directory, files, symbolic links),
 * mounted below a ramfs directory.  The path walk onto it and back out,
 * readdir, readlink, reads, the page cache, exec's reading of programs
 * and scripts (kernel/proc/exec_file.c) all go through its operations table;
 * what it lacks fails with an errno, and hostile names and offsets too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lib/elf.h>
#include <lib/errno.h>
#include <arch/x86_64/include/dmap.h>
#include <kernel/mm/page_alloc.h>
#include <fs/mount.h>
#include <fs/pagecache.h>
#include <fs/vfs.h>
#include <kernel/proc/exec_file.h>

#include "ut.h"

static uint8_t toy_prog[5000];		/* ELF, headers in its first page */
static uint8_t toy_far[6000];		/* ELF, headers past its first page */
static uint8_t toy_small[300];		/* ELF shorter than a page */
static uint8_t toy_cut[200];		/* ELF whose headers run past the end */
static const char toy_script[] = "#!/bin/toysh  -e \r\necho hi\n";

/* The tree: index 0 is the root; each entry names its directory. */
static const struct toy_ent {
	const char	*te_name;
	uint32_t	 te_mode;
	unsigned int	 te_dir;
	const void	*te_data;	/* files: contents; links: target */
	size_t		 te_size;
} toy_tree[] = {
	{ "/", S_IFDIR | 0555, 0, NULL, 0 },
	{ "dir", S_IFDIR | 0555, 0, NULL, 0 },
	{ "prog", S_IFREG | 0755, 1, toy_prog, sizeof(toy_prog) },
	{ "far", S_IFREG | 0755, 1, toy_far, sizeof(toy_far) },
	{ "small", S_IFREG | 0755, 1, toy_small, sizeof(toy_small) },
	{ "cut", S_IFREG | 0755, 1, toy_cut, sizeof(toy_cut) },
	{ "script", S_IFREG | 0755, 0, toy_script, sizeof(toy_script) - 1 },
	{ "link", S_IFLNK | 0777, 0, "dir/prog", 8 },
	{ "out", S_IFLNK | 0777, 0, "/outside", 8 },
	{ "up", S_IFLNK | 0777, 1, "../../here", 10 },
};
#define TOY_N	(sizeof(toy_tree) / sizeof(toy_tree[0]))

static unsigned int toy_lookups, toy_readpages;

static const struct vnode_ops toy_ops;

static const struct toy_ent *
toy_of(const struct vnode *v)
{
	return &toy_tree[v->v_fsdata];
}

/* A made-up node for entry i below dir (which it holds). */
static struct vnode *
toy_node(struct vnode *dir, unsigned int i)
{
	struct vnode *v = vfs_node_new(dir->v_mnt, toy_tree[i].te_mode,
	    &toy_ops);

	if (v == NULL)
		return NULL;
	v->v_transient = true;
	v->v_fsdata = i;
	v->v_ino = 1000 + i;
	v->v_nlink = 1;
	v->v_size = toy_tree[i].te_size;
	vfs_hold(dir);
	v->v_parent = dir;
	return v;
}

static int
toy_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	toy_lookups++;
	for (unsigned int i = 1; i < TOY_N; i++)
		if (toy_tree[i].te_dir == dir->v_fsdata &&
		    strlen(toy_tree[i].te_name) == len &&
		    memcmp(toy_tree[i].te_name, name, len) == 0)
			return (*out = toy_node(dir, i)) != NULL ? 0 : -ENOMEM;
	return -ENOENT;
}

static bool
toy_readdir(struct vnode *dir, uint64_t idx, struct vfs_dirent *out)
{
	uint64_t n = 2;

	for (unsigned int i = 1; i < TOY_N; i++) {
		if (toy_tree[i].te_dir != dir->v_fsdata || n++ != idx)
			continue;
		snprintf(out->de_name, sizeof(out->de_name), "%s",
		    toy_tree[i].te_name);
		out->de_ino = 1000 + i;
		out->de_mode = toy_tree[i].te_mode;
		return true;
	}
	return false;
}

static int
toy_name(struct vnode *dir, struct vnode *v, char *buf, size_t size)
{
	(void)dir;
	if (strlen(toy_of(v)->te_name) >= size)
		return -ENAMETOOLONG;
	memcpy(buf, toy_of(v)->te_name, strlen(toy_of(v)->te_name) + 1);
	return 0;
}

static long
toy_read(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	const struct toy_ent *e = toy_of(v);

	if (off >= e->te_size)
		return 0;
	if (len > e->te_size - off)
		len = e->te_size - off;
	memcpy(buf, (const char *)e->te_data + off, len);
	return (long)len;
}

static long
toy_readlink(struct vnode *v, char *buf, size_t size)
{
	return toy_read(v, buf, size, 0);
}

static int
toy_readpage(struct vnode *v, uint64_t index, void *page)
{
	long n = toy_read(v, page, 4096, index * 4096);

	toy_readpages++;
	if (n < 0)
		return (int)n;
	memset((char *)page + n, 0, 4096 - (size_t)n);
	return 0;
}

static void
toy_free(struct vnode *v)
{
	if (v->v_parent != v)
		vfs_release(v->v_parent);
}

static const struct vnode_ops toy_ops = {
	.vop_lookup = toy_lookup,
	.vop_readdir = toy_readdir,
	.vop_name = toy_name,
	.vop_read = toy_read,
	.vop_readlink = toy_readlink,
	.vop_readpage = toy_readpage,
	.vop_free = toy_free,
};

static int
toy_mount(struct mount *m)
{
	struct vnode *root = vfs_node_new(m, toy_tree[0].te_mode, &toy_ops);

	if (root == NULL)
		return -ENOMEM;
	root->v_fsdata = 0;
	root->v_nlink = 1;
	root->v_parent = root;
	m->mnt_root = root;
	return 0;
}

static struct mount_fstype toy_type = {
	.mt_name = "toyfs", .mt_magic = 0x70790001, .mt_nodev = true,
	.mt_mount = toy_mount,
};

/* A static x86-64 ELF of size bytes: one R+X segment, headers at phoff. */
static void
toy_elf(uint8_t *b, size_t size, uint64_t phoff)
{
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	memset(b, 0x90, size);
	memcpy(b, "\177ELF\2\1\1", 7);
	memset(b + 7, 0, 9);
#define PUT(off, v, var) do { var = (v); memcpy(b + (off), &var, sizeof(var)); } while (0)
	PUT(16, 2, u16);			/* ET_EXEC */
	PUT(18, 62, u16);			/* EM_X86_64 */
	PUT(20, 1, u32);
	PUT(24, 0x400100, u64);			/* entry */
	PUT(32, phoff, u64);
	PUT(40, 0, u64);
	PUT(48, 0, u32);
	PUT(52, 64, u16);
	PUT(54, 56, u16);
	PUT(56, 1, u16);			/* phnum */
	PUT(58, 0, u16);
	PUT(60, 0, u16);
	PUT(62, 0, u16);
	if (phoff + 56 > size)
		return;
	PUT(phoff + 0, 1, u32);			/* PT_LOAD */
	PUT(phoff + 4, 5, u32);			/* R+X */
	PUT(phoff + 8, 0, u64);			/* offset */
	PUT(phoff + 16, 0x400000, u64);		/* vaddr */
	PUT(phoff + 24, 0x400000, u64);
	PUT(phoff + 32, size, u64);		/* filesz */
	PUT(phoff + 40, size, u64);		/* memsz */
	PUT(phoff + 48, 0x1000, u64);
#undef PUT
}

static struct vnode *
toy_get(const char *path, int flags)
{
	struct vnode *v = NULL;

	return vfs_lookup(vfs_root(), path, flags, &v) == 0 ? v : NULL;
}

/* Mount toyfs at /mnt/toy (flags: MS_*); the held mount point out. */
static void
toy_setup(uint32_t flags, struct vnode **mp)
{
	struct vnode *mnt, *f;

	ut_mm_setup();
	if (vfs_init() != 0)
		abort();
	toy_elf(toy_prog, sizeof(toy_prog), 64);
	toy_elf(toy_far, sizeof(toy_far), 4200);
	toy_elf(toy_small, sizeof(toy_small), 64);
	toy_elf(toy_cut, sizeof(toy_cut), 180);
	toy_lookups = toy_readpages = 0;
	mount_register(&toy_type);
	if (vfs_create(vfs_root(), "mnt", S_IFDIR | 0755, 0, &mnt) != 0 ||
	    vfs_create(mnt, "toy", S_IFDIR | 0755, 0, mp) != 0 ||
	    vfs_create(vfs_root(), "outside", S_IFREG | 0644, 0, &f) != 0 ||
	    vfs_create(mnt, "here", S_IFREG | 0644, 0, &f) != 0 ||
	    mount_at(*mp, "toyfs", "toy", flags) != 0)
		abort();
}

UT_TEST(vfs_toyfs_walk_and_readdir)
{
	struct vnode *mp, *root, *dir, *v, *w;
	struct vfs_dirent de;
	char buf[64];
	unsigned int n;

	toy_setup(0, &mp);
	root = toy_get("/mnt/toy", VFS_FOLLOW);
	UT_ASSERT(root != NULL && root != mp && root->v_ops == &toy_ops);
	v = toy_get("/mnt/toy/dir/prog", VFS_FOLLOW);
	UT_ASSERT(v != NULL && v->v_ops == &toy_ops && S_ISREG(v->v_mode));
	UT_ASSERT_EQ(v->v_size, sizeof(toy_prog));
	UT_ASSERT_EQ(vfs_path_of(v, buf, sizeof(buf)), 18);
	UT_ASSERT_STR(buf, "/mnt/toy/dir/prog");
	/* ".." at the toy root steps back out to the ramfs. */
	UT_ASSERT(toy_get("/mnt/toy/..", VFS_FOLLOW) == toy_get("/mnt", 0));
	UT_ASSERT(toy_get("/mnt/toy/dir/../../here", VFS_FOLLOW) ==
	    toy_get("/mnt/here", 0));
	UT_ASSERT(toy_get("/mnt/toy/./dir/../dir/./prog", VFS_FOLLOW) != NULL);
	/* Links: inside the toy, out to the ramfs, and relative back up. */
	w = toy_get("/mnt/toy/link", VFS_FOLLOW);
	UT_ASSERT(w != NULL && w->v_fsdata == v->v_fsdata);
	w = toy_get("/mnt/toy/link", 0);
	UT_ASSERT(w != NULL && S_ISLNK(w->v_mode));
	UT_ASSERT_EQ(vfs_readlink(w, buf, sizeof(buf)), 8);
	UT_ASSERT(memcmp(buf, "dir/prog", 8) == 0);
	UT_ASSERT_EQ(vfs_readlink(w, buf, 3), 3);	/* cut, as readlink(2) */
	UT_ASSERT_EQ(vfs_readlink(v, buf, sizeof(buf)), -EINVAL);
	UT_ASSERT(toy_get("/mnt/toy/out", VFS_FOLLOW) == toy_get("/outside", 0));
	UT_ASSERT(toy_get("/mnt/toy/dir/up", VFS_FOLLOW) ==
	    toy_get("/mnt/here", 0));
	UT_ASSERT(toy_get("/mnt/toy/link/x", VFS_FOLLOW) == NULL);
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/mnt/toy/dir/prog/x", 0, &w),
	    -ENOTDIR);
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), "/mnt/toy/nope", 0, &w), -ENOENT);
	/* readdir: ".", ".." (the covered directory's parent), the table. */
	UT_ASSERT(vfs_readdir(root, 0, &de) && strcmp(de.de_name, ".") == 0 &&
	    de.de_ino == root->v_ino);
	UT_ASSERT(vfs_readdir(root, 1, &de) && strcmp(de.de_name, "..") == 0 &&
	    de.de_ino == toy_get("/mnt", 0)->v_ino);
	for (n = 2; vfs_readdir(root, n, &de); n++)
		;
	UT_ASSERT_EQ(n, 2 + 4);			/* dir script link out */
	UT_ASSERT(vfs_readdir(root, 2, &de) && strcmp(de.de_name, "dir") == 0 &&
	    S_ISDIR(de.de_mode));
	dir = toy_get("/mnt/toy/dir", 0);
	UT_ASSERT(vfs_readdir(dir, 1, &de) && de.de_ino == root->v_ino);
	UT_ASSERT(vfs_readdir(dir, 6, &de) && strcmp(de.de_name, "up") == 0);
	UT_ASSERT(!vfs_readdir(dir, 7, &de));
	UT_ASSERT(!vfs_readdir(dir, UINT64_MAX, &de));
	UT_ASSERT_EQ(vfs_nlink(dir), 2);
}

/* Names too long never reach the filesystem; reads past the end read 0. */
UT_TEST(vfs_toyfs_hostile)
{
	struct vnode *mp, *v, *w;
	char path[400], buf[16];
	unsigned int before;

	toy_setup(0, &mp);
	strcpy(path, "/mnt/toy/dir/");
	memset(path + 13, 'x', 256);
	path[13 + 256] = '\0';
	before = toy_lookups;
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), path, 0, &v), -ENAMETOOLONG);
	UT_ASSERT_EQ(toy_lookups, before + 1);	/* only "dir" was asked */
	path[13 + 255] = '\0';			/* NAME_MAX: just not there */
	UT_ASSERT_EQ(vfs_lookup(vfs_root(), path, 0, &v), -ENOENT);
	v = toy_get("/mnt/toy/script", 0);
	UT_ASSERT(v != NULL);
	UT_ASSERT_EQ(vfs_read(v, buf, sizeof(buf), v->v_size), 0);
	UT_ASSERT_EQ(vfs_read(v, buf, sizeof(buf), UINT64_MAX), 0);
	UT_ASSERT_EQ(vfs_read(v, buf, sizeof(buf), v->v_size - 3), 3);
	UT_ASSERT(memcmp(buf, "hi\n", 3) == 0);
	UT_ASSERT_EQ(vfs_read(toy_get("/mnt/toy/dir", 0), buf, 1, 0), -EISDIR);
	/* What toyfs lacks fails cleanly, as on Linux. */
	UT_ASSERT_EQ(vfs_write(v, "x", 1, 0), -EIO);
	UT_ASSERT_EQ(vfs_truncate(v, 0), -EPERM);
	UT_ASSERT_EQ(vfs_writable(v), -EPERM);
	UT_ASSERT_EQ(vfs_create(toy_get("/mnt/toy", 0), "new", S_IFREG | 0644,
	    0, &w), -EPERM);
	UT_ASSERT_EQ(vfs_symlink(toy_get("/mnt/toy", 0), "l", "x"), -EPERM);
	UT_ASSERT_EQ(vfs_unlink(toy_get("/mnt/toy", 0), "script", false),
	    -EPERM);
	UT_ASSERT_EQ(vfs_rename(toy_get("/mnt/toy", 0), "script",
	    toy_get("/mnt/toy", 0), "s2", 0), -EPERM);
	UT_ASSERT_EQ(vfs_link(toy_get("/mnt", 0), "l", v), -EXDEV);
	UT_ASSERT_EQ(vfs_readlink(toy_get("/mnt/toy/dir", 0), buf, 4), -EINVAL);
}

/* Read-only: changes are -EROFS first; the mount comes off when idle. */
UT_TEST(vfs_toyfs_readonly_and_umount)
{
	struct vnode *mp, *root, *v, *w;

	toy_setup(MS_RDONLY, &mp);
	root = toy_get("/mnt/toy", 0);
	v = toy_get("/mnt/toy/dir/prog", VFS_FOLLOW);
	UT_ASSERT(root != NULL && v != NULL);
	UT_ASSERT_EQ(vfs_create(root, "new", S_IFDIR | 0755, 0, &w), -EROFS);
	UT_ASSERT_EQ(vfs_truncate(v, 0), -EROFS);
	UT_ASSERT_EQ(vfs_unlink(root, "script", false), -EROFS);
	/* Walks, links followed and a symlink out leave no reference. */
	UT_ASSERT(toy_get("/mnt/toy/out", VFS_FOLLOW) != NULL);
	vfs_release(toy_get("/mnt/toy/link", VFS_FOLLOW));
	vfs_release(toy_get("/mnt/toy/dir/up", VFS_FOLLOW));
	vfs_release(v);
	UT_ASSERT_EQ(root->v_mnt->mnt_refs, 2);	/* the mount's and ours */
	UT_ASSERT_EQ(mount_remove(root, 0), 0);
	vfs_release(root);
	UT_ASSERT(toy_get("/mnt/toy", VFS_FOLLOW) == mp);
}

/* exec's reads of a program on toyfs: page cache, copies, headers. */
UT_TEST(vfs_toyfs_exec_reads)
{
	struct exec_file xf;
	struct elf_image img;
	struct vnode *mp, *v;
	char interp[EXEC_SHEBANG_MAX + 1], arg[EXEC_SHEBANG_MAX + 1];
	const char *why = NULL;
	uint64_t pa;

	toy_setup(0, &mp);
	/* A program: its first page comes from the cache, via readpage. */
	v = toy_get("/mnt/toy/link", VFS_FOLLOW);
	UT_ASSERT(v != NULL);
	UT_ASSERT_EQ(exec_file_open(v, &xf), 0);
	UT_ASSERT(xf.xf_pa != 0 && xf.xf_hlen == 4096 && toy_readpages == 1);
	UT_ASSERT(memcmp(xf.xf_head, toy_prog, 4096) == 0);
	UT_ASSERT_EQ(exec_file_shebang(&xf, interp, arg), 0);
	UT_ASSERT_EQ(exec_file_elf(&xf, &img, &why), 0);
	UT_ASSERT(img.ei_entry == 0x400100 && img.ei_nloads == 1 &&
	    img.ei_loads[0].el_filesz == sizeof(toy_prog));
	pa = xf.xf_pa;
	exec_file_close(&xf);
	UT_ASSERT_EQ(page_ref_count(pa), 1);	/* the cache's, still */
	UT_ASSERT_EQ(exec_file_open(v, &xf), 0);
	UT_ASSERT(xf.xf_pa == pa && toy_readpages == 1);
	exec_file_close(&xf);
	/* Its second page is not whole: no cache, exec would copy. */
	UT_ASSERT_EQ(pagecache_get(v, 4096), 0);	/* not a whole page */
	vfs_release(v);
	/* Program headers past the first page: read apart. */
	v = toy_get("/mnt/toy/dir/far", 0);
	UT_ASSERT_EQ(exec_file_open(v, &xf), 0);
	UT_ASSERT_EQ(exec_file_elf(&xf, &img, &why), 0);
	UT_ASSERT(img.ei_nloads == 1 && img.ei_entry == 0x400100);
	exec_file_close(&xf);
	/* Shorter than a page: a copy. */
	v = toy_get("/mnt/toy/dir/small", 0);
	UT_ASSERT_EQ(exec_file_open(v, &xf), 0);
	UT_ASSERT(xf.xf_pa == 0 && xf.xf_hlen == sizeof(toy_small));
	UT_ASSERT_EQ(exec_file_elf(&xf, &img, &why), 0);
	exec_file_close(&xf);
	/* Headers running past the end: refused, with elf_parse's reason. */
	v = toy_get("/mnt/toy/dir/cut", 0);
	UT_ASSERT_EQ(exec_file_open(v, &xf), 0);
	UT_ASSERT_EQ(exec_file_elf(&xf, &img, &why), -ENOEXEC);
	UT_ASSERT_STR(why, "program headers run past the file");
	exec_file_close(&xf);
	/* A script: "#!" line, one argument, trailing blanks dropped. */
	v = toy_get("/mnt/toy/script", 0);
	UT_ASSERT_EQ(exec_file_open(v, &xf), 0);
	UT_ASSERT_EQ(exec_file_shebang(&xf, interp, arg), 1);
	UT_ASSERT_STR(interp, "/bin/toysh");
	UT_ASSERT_STR(arg, "-e");
	UT_ASSERT_EQ(exec_file_elf(&xf, &img, &why), -ENOEXEC);
	exec_file_close(&xf);
	/* A directory cannot be read as a program. */
	UT_ASSERT_EQ(exec_file_open(toy_get("/mnt/toy/dir", 0), &xf), -EISDIR);
	/* The exact-read helper: short is -EIO. */
	{
		char b[8];

		v = toy_get("/mnt/toy/script", 0);
		UT_ASSERT_EQ(exec_file_read(v, b, 2, 0), 0);
		UT_ASSERT(b[0] == '#' && b[1] == '!');
		UT_ASSERT_EQ(exec_file_read(v, b, 8, v->v_size - 4), -EIO);
	}
}
