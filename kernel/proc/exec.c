/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Program loading (see exec.h).  exec_prepare opens the file (search and
 * execute permission), runs a "#!" script by its interpreter (one level)
 * and loads an ELF, ET_EXEC or PIE, into a fresh address space: one
 * file-backed area per PT_LOAD, filled on first touch, and a stack
 * holding Linux's initial frame (argc, argv, envp, auxv).  A program that
 * names an interpreter (PT_INTERP: ld.so) gets it loaded beside it, below
 * the mmap top as Linux places it, and starts there; the auxv tells the
 * interpreter where the program is.  Only
 * the pages the frame and shared segment pages need are filled here,
 * through the direct map, so loading never switches page tables.  execve
 * puts the image in the caller; exec_spawn starts it as a new process,
 * in ring 3 or, for the ring-0 app, in ring 0 on a stack mapped whole.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/elf.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/ring0.h>
#include <arch/x86_64/include/user.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/thread.h>
#include <pv/common/pv_clock.h>
#include <fs/random.h>
#include <fs/mount.h>
#include <fs/vfs.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/exec.h>
#include <kernel/proc/itimer.h>
#include <kernel/proc/exec_file.h>
#include <kernel/proc/proc.h>

#define EXEC_ARGS_MAX	(VM_STACK_MAX / 4) /* bytes of argv + envp, as Linux */

enum {
	AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6,
	AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12,
	AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15, AT_HWCAP = 16,
	AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_HWCAP2 = 26,
	AT_EXECFN = 31, AT_SYSINFO_EHDR = 33, AT_MINSIGSTKSZ = 51,
};

/*
 * AT_MINSIGSTKSZ: what a signal frame takes on the stack (signal.c: the
 * 512-byte FXSAVE area 64-aligned, the rt_sigframe, the red zone), with
 * room to spare; Linux's MINSIGSTKSZ constant.
 */
#define EXEC_MINSIGSTKSZ	2048

/* The vDSO's bytes in the image (vdso_image.S), whole pages. */
extern const char vdso_image[], vdso_image_end[];
#define EXEC_VDSO_MAX	4		/* pages of vDSO code */

/* The clock page, then the vDSO's: what exec_vdso maps, set once. */
static uint64_t exec_vdso_pages[1 + EXEC_VDSO_MAX];
static uint64_t exec_vdso_npages;

/*
 * Map the clock page ([vvar], read-only) and the vDSO after it ([vdso],
 * read+exec) at a free place; *base is the vDSO's (AT_SYSINFO_EHDR).
 * The same frames in every process: nothing to copy.
 */
static int
exec_vdso(struct vm_space *vs, uint64_t *base)
{
	uint64_t n = exec_vdso_npages, va;
	int error;

	if (n == 0) {
		n = (uint64_t)(vdso_image_end - vdso_image + PAGE_SIZE - 1) /
		    PAGE_SIZE;
		if (n == 0 || n > EXEC_VDSO_MAX)
			panic("exec: a vDSO of %lu pages", n);
		exec_vdso_pages[0] = pv_clock_user_page();
		for (uint64_t i = 0; i < n; i++)
			exec_vdso_pages[1 + i] = paging_kimg_pa(vdso_image +
			    i * PAGE_SIZE);
		exec_vdso_npages = n = 1 + n;
	}
	if ((va = vm_free_place(vs, n * PAGE_SIZE)) == 0)
		return -ENOMEM;
	if ((error = vm_map_special(vs, va, exec_vdso_pages, 1, VM_READ,
	    "[vvar]")) != 0 || (error = vm_map_special(vs, va + PAGE_SIZE,
	    exec_vdso_pages + 1, n - 1, VM_READ | VM_EXEC, "[vdso]")) != 0)
		return error;
	*base = va + PAGE_SIZE;
	return 0;
}

/* Copy n bytes to user va of vs, faulting the pages in for writing. */
static int
exec_poke(struct vm_space *vs, uintptr_t va, const void *src, size_t n)
{
	while (n > 0) {
		size_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		int error;

		if (chunk > n)
			chunk = n;
		if ((error = vm_populate(vs, va, chunk, VM_WRITE)) != 0)
			return error;
		memcpy(phys_to_virt(paging_user_lookup(vs->vs_root, va)), src,
		    chunk);
		va += chunk;
		src = (const char *)src + chunk;
		n -= chunk;
	}
	return 0;
}

/* Copy n bytes of file v at off to user va of vs (n within a page). */
static int
exec_shared_page(struct vm_space *vs, struct vnode *v, uintptr_t va,
    uint64_t off, size_t n)
{
	char *buf = kmalloc(n);
	int error;

	if (buf == NULL)
		return -ENOMEM;
	if ((error = exec_file_read(v, buf, n, off)) == 0)
		error = exec_poke(vs, va, buf, n);
	kfree(buf);
	return error;
}

/*
 * One file-backed area per PT_LOAD segment, filled on first touch.  A
 * page two segments share (small hand-linked programs have them) gets
 * both sets of rights and is filled here, from both.
 */
static int
exec_segments(struct vm_space *vs, struct vnode *v, const char *path,
    const struct elf_image *img, uint64_t bias)
{
	uint64_t prev_hi = 0;
	unsigned int prev_prot = 0;

	for (unsigned int i = 0; i < img->ei_nloads; i++) {
		const struct elf_load *l = &img->ei_loads[i];
		uint64_t start = l->el_vaddr + bias;
		uint64_t lo = ALIGN_DOWN(start, PAGE_SIZE);
		uint64_t hi = ALIGN_UP(start + l->el_memsz, PAGE_SIZE);
		uint64_t off = ALIGN_DOWN(l->el_offset, PAGE_SIZE);
		unsigned int prot = l->el_prot & VM_RIGHTS;
		int error;

		if ((l->el_offset & (PAGE_SIZE - 1)) != (start & (PAGE_SIZE - 1))) {
			pr_err("exec: %s: refused: segment %u offset 0x%lx is not "
			    "congruent with its address\n", path, i, l->el_offset);
			return -ENOEXEC;
		}
		if (lo < prev_hi) {
			/* The shared page: both rights, writable while filled. */
			uint64_t to = MIN(start + l->el_filesz, lo + PAGE_SIZE);

			if ((error = vm_protect(vs, lo, PAGE_SIZE,
			    prev_prot | prot | VM_WRITE)) != 0)
				return error;
			if (to > start && (error = exec_shared_page(vs, v, start,
			    l->el_offset, to - start)) != 0)
				return error;
			if ((error = vm_populate(vs, lo, PAGE_SIZE, VM_WRITE)) != 0 ||
			    (error = vm_protect(vs, lo, PAGE_SIZE,
			    prev_prot | prot)) != 0)
				return error;
			off += PAGE_SIZE;
			lo += PAGE_SIZE;
		}
		if (lo < hi && (error = vm_map_fixed(vs, lo, hi - lo, prot, v, off,
		    l->el_offset + l->el_filesz, path)) != 0)
			return error;
		prev_hi = hi;
		prev_prot = prot;
	}
	return 0;
}

static int
exec_stack(struct vm_space *vs, const char *path, const struct elf_image *img,
    uint64_t bias, uint64_t interp_base, uint64_t vdso,
    const char *const argv[], const char *const envp[], uint64_t *spp)
{
	uint64_t sp = EXEC_STACK_TOP;
	uint64_t rnd[2], auxv[2 * 25], *frame = NULL, *argvp = NULL, *envpp;
	unsigned int argc = 0, envc = 0, na = 0, nframe;
	size_t bytes = 0;
	struct cpuid_regs r;
	int error;

	/*
	 * The ring-0 app's stack also carries the kernel's system-call
	 * frames, and a fault there could not be served on it: it is mapped
	 * whole, up front, and does not grow.
	 */
	uint64_t size = vs->vs_supervisor ? EXEC_RING0_STACK : EXEC_STACK_SIZE;

	if ((error = vm_map_fixed(vs, EXEC_STACK_TOP - size, size, VM_READ |
	    VM_WRITE | (vs->vs_supervisor ? 0 : VM_GROWSDOWN), NULL, 0, 0,
	    "[stack]")) != 0 || (vs->vs_supervisor &&
	    (error = vm_populate(vs, EXEC_STACK_TOP - size, size,
	    VM_WRITE)) != 0))
		return error;
	for (; argv != NULL && argv[argc] != NULL; argc++)
		;
	for (; envp != NULL && envp[envc] != NULL; envc++)
		;
	if ((argvp = kmalloc((argc + envc + 1) * sizeof(*argvp))) == NULL)
		return -ENOMEM;
	envpp = argvp + argc;

	/* Strings first, at the top. */
#define EXEC_PUSH_STR(s) do {						\
	size_t n_ = strlen(s) + 1;					\
	if ((bytes += n_) > EXEC_ARGS_MAX) {				\
		error = -E2BIG;						\
		goto out;						\
	}								\
	sp -= n_;							\
	if ((error = exec_poke(vs, sp, (s), n_)) != 0)			\
		goto out;						\
} while (0)
	EXEC_PUSH_STR(path);
	uint64_t execfn = sp;
	EXEC_PUSH_STR("x86_64");
	uint64_t platform = sp;
	for (unsigned int i = 0; i < argc; i++) {
		EXEC_PUSH_STR(argv[i]);
		argvp[i] = sp;
	}
	for (unsigned int i = 0; i < envc; i++) {
		EXEC_PUSH_STR(envp[i]);
		envpp[i] = sp;
	}
#undef EXEC_PUSH_STR
	/* AT_RANDOM: the C library's stack canary and pointer guard. */
	random_bytes(rnd, sizeof(rnd));
	sp = ALIGN_DOWN(sp - 16, 16);
	if ((error = exec_poke(vs, sp, rnd, 16)) != 0)
		goto out;
	uint64_t random = sp;

	cpuid(1, 0, &r);
#define AUX(k, v) do { auxv[na++] = (k); auxv[na++] = (v); } while (0)
	if (vdso != 0)
		AUX(AT_SYSINFO_EHDR, vdso);
	AUX(AT_PHDR, img->ei_phdr_vaddr + bias);
	AUX(AT_PHENT, 56);
	AUX(AT_PHNUM, img->ei_phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, interp_base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, img->ei_entry + bias);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_PLATFORM, platform);
	AUX(AT_HWCAP, r.edx);
	AUX(AT_CLKTCK, 100);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random);
	AUX(AT_HWCAP2, 0);
	AUX(AT_EXECFN, execfn);
	AUX(AT_MINSIGSTKSZ, EXEC_MINSIGSTKSZ);
	if (vs->vs_supervisor)		/* our musl calls it (libc/patches) */
		AUX(AT_JINY_SYSCALL, (uint64_t)(uintptr_t)user_ring0_calls);
	AUX(AT_NULL, 0);
#undef AUX

	/* argc, argv[], NULL, envp[], NULL, auxv: sp 16-aligned at argc. */
	nframe = 1 + argc + 1 + envc + 1 + na;
	frame = kmalloc(nframe * sizeof(*frame));
	if (frame == NULL) {
		error = -ENOMEM;
		goto out;
	}
	nframe = 0;
	frame[nframe++] = argc;
	for (unsigned int i = 0; i < argc; i++)
		frame[nframe++] = argvp[i];
	frame[nframe++] = 0;
	for (unsigned int i = 0; i < envc; i++)
		frame[nframe++] = envpp[i];
	frame[nframe++] = 0;
	memcpy(&frame[nframe], auxv, na * sizeof(*auxv));
	nframe += na;
	sp = ALIGN_DOWN(sp - nframe * sizeof(*frame), 16);
	if (EXEC_STACK_TOP - sp > VM_STACK_MAX / 4) {
		error = -E2BIG;		/* Linux: a quarter of the stack limit */
		goto out;
	}
	error = exec_poke(vs, sp, frame, nframe * sizeof(*frame));
	*spp = sp;
out:
	kfree(frame);
	kfree(argvp);
	return error;
}

/* May v run as a program: a regular file the caller may execute? */
static int
exec_check(struct vnode *v)
{
	/* As Linux: nothing runs from a noexec mount. */
	if (!S_ISREG(v->v_mode) || !(v->v_mode & 0111) ||
	    (v->v_mnt != NULL && (v->v_mnt->mnt_flags & MS_NOEXEC)) ||
	    (thread_current()->t_proc != NULL &&
	    proc_may(v, VFS_MAY_EXEC, false) != 0))
		return -EACCES;
	if (v->v_writers > 0)		/* open for writing somewhere */
		return -ETXTBSY;
	return 0;
}

/* exec_open, following a symbolic link in the last place or not. */
static int
exec_open_at(struct vnode *cwd, const char *path, bool follow,
    struct vnode **out)
{
	struct vnode *v;
	/* A process's execve searches as it; the kernel's start of init not. */
	int error = vfs_lookup_by(thread_current()->t_proc != NULL ?
	    proc_may_search : NULL, cwd, path, follow ? VFS_FOLLOW : 0, &v);

	if (error != 0)
		return error;
	if (!follow && S_ISLNK(v->v_mode))
		error = -ELOOP;		/* execveat's AT_SYMLINK_NOFOLLOW */
	else
		error = exec_check(v);
	if (error != 0) {
		vfs_release(v);
		return error;
	}
	*out = v;
	return 0;
}

int
exec_open(struct vnode *cwd, const char *path, struct vnode **out)
{
	return exec_open_at(cwd, path, true, out);
}

/* Fill xi's identity: exe (held anew), argv packed, comm from path. */
static void
exec_identity(struct exec_image *xi, struct vnode *exe, const char *path,
    const char *const argv[])
{
	const char *base = path;
	size_t len = 0;

	for (const char *p = path; *p != '\0'; p++)
		if (*p == '/' && p[1] != '\0')
			base = p + 1;
	memset(xi->xi_comm, 0, sizeof(xi->xi_comm));
	for (size_t i = 0; i < sizeof(xi->xi_comm) - 1 && base[i] != '\0' &&
	    base[i] != '/'; i++)
		xi->xi_comm[i] = base[i];
	vfs_hold(exe);
	xi->xi_exe = exe;
	for (unsigned int i = 0; argv != NULL && argv[i] != NULL; i++)
		len += strlen(argv[i]) + 1;
	xi->xi_cmdline_len = 0;
	if ((xi->xi_cmdline = kmalloc(len > 0 ? len : 1)) == NULL)
		return;			/* /proc shows an empty cmdline */
	for (unsigned int i = 0; argv != NULL && argv[i] != NULL; i++) {
		size_t n = strlen(argv[i]) + 1;

		memcpy(xi->xi_cmdline + xi->xi_cmdline_len, argv[i], n);
		xi->xi_cmdline_len += n;
	}
}

void
exec_install(struct proc *p, struct exec_image *xi)
{
	struct vnode *old_exe = p->p_exe;
	char *old_cmdline = p->p_cmdline;
	bool on;

	/* Swapped with interrupts off: /proc reads them that way. */
	on = intr_save();
	p->p_exe = xi->xi_exe;
	p->p_exe->v_execs++;		/* no writer may open it now */
	p->p_did_exec = true;
	if (old_exe != NULL)
		old_exe->v_execs--;
	p->p_cmdline = xi->xi_cmdline;
	p->p_cmdline_len = xi->xi_cmdline_len;
	memcpy(p->p_comm, xi->xi_comm, sizeof(p->p_comm));
	p->p_forked = false;
	intr_restore(on);
	xi->xi_exe = NULL;
	xi->xi_cmdline = NULL;
	vfs_release(old_exe);
	kfree(old_cmdline);
	ptimer_delete_all(p);		/* POSIX timers do not survive exec */
	/* No file capabilities (no xattrs): root's rule, or the ambient. */
	cap_exec(&p->p_cred.pc_cap, p->p_cred.pc_uid, p->p_cred.pc_euid);
	/* The thread and process keyrings do not survive exec. */
	if (proc_key_hooks != NULL && proc_key_hooks->pkh_exec != NULL &&
	    thread_current()->t_proc == p)
		proc_key_hooks->pkh_exec(p, thread_current());
}

static int exec_load_file(struct vnode *cwd, const char *path,
    const struct exec_file *xf, const char *const argv[],
    const char *const envp[], struct exec_image *xi);

/* exec_prepare for the program file v (held; the reference is taken). */
static int
exec_prepare_file(struct vnode *cwd, struct vnode *v, const char *path,
    const char *const argv[], const char *const envp[],
    struct exec_image *xi)
{
	char interp[EXEC_SHEBANG_MAX + 1], arg[EXEC_SHEBANG_MAX + 1];
	const char **nargv;
	struct exec_file xf;
	struct vnode *iv;
	unsigned int n = 0, argc = 0;
	int error;

	if ((error = exec_file_open(v, &xf)) != 0) {
		vfs_release(v);
		return error;
	}
	if (!exec_file_shebang(&xf, interp, arg)) {
		error = exec_load_file(cwd, path, &xf, argv, envp, xi);
		exec_file_close(&xf);
		if (error == 0)
			exec_identity(xi, v, path, argv);
		vfs_release(v);
		return error;
	}
	exec_file_close(&xf);
	vfs_release(v);
	if (interp[0] == '\0')
		return -ENOEXEC;
	if ((error = exec_open(cwd, interp, &iv)) != 0)
		return error == -ENOENT ? -ENOENT : error;
	if ((error = exec_file_open(iv, &xf)) != 0) {
		vfs_release(iv);
		return error;
	}
	while (argv != NULL && argv[argc] != NULL)
		argc++;
	if ((nargv = kmalloc((argc + 3) * sizeof(*nargv))) == NULL) {
		exec_file_close(&xf);
		vfs_release(iv);
		return -ENOMEM;
	}
	nargv[n++] = interp;
	if (arg[0] != '\0')
		nargv[n++] = arg;
	nargv[n++] = path;
	for (unsigned int i = 1; i < argc; i++)
		nargv[n++] = argv[i];
	nargv[n] = NULL;
	/* One level: an interpreter that is itself a script is refused. */
	if (exec_file_shebang(&xf, interp, arg))
		error = -ELOOP;
	else
		error = exec_load_file(cwd, nargv[0], &xf, nargv, envp, xi);
	exec_file_close(&xf);
	if (error == 0)
		exec_identity(xi, iv, path, nargv);
	vfs_release(iv);
	kfree(nargv);
	return error;
}

int
exec_prepare(struct vnode *cwd, const char *path, const char *const argv[],
    const char *const envp[], struct exec_image *xi)
{
	return exec_prepare_at(cwd, path, true, argv, envp, xi);
}

int
exec_prepare_at(struct vnode *cwd, const char *path, bool follow,
    const char *const argv[], const char *const envp[],
    struct exec_image *xi)
{
	struct vnode *v;
	int error;

	if ((error = exec_open_at(cwd, path, follow, &v)) != 0)
		return error;
	return exec_prepare_file(cwd, v, path, argv, envp, xi);
}

int
exec_prepare_node(struct vnode *cwd, struct vnode *v, const char *path,
    const char *const argv[], const char *const envp[],
    struct exec_image *xi)
{
	int error;

	if ((error = exec_check(v)) != 0)
		return error;
	vfs_hold(v);
	return exec_prepare_file(cwd, v, path, argv, envp, xi);
}

static void
exec_thread(void *arg)
{
	struct thread *t = thread_current();
	uint64_t entry = ((uint64_t *)arg)[0], sp = ((uint64_t *)arg)[1];

	kfree(arg);
	user_set_kstack(t->t_stack_top);
	paging_switch(t->t_space);
	user_state_load(t->t_ustate);
	if (t->t_ring0)
		ring0_enter(entry, sp);
	user_enter(entry, sp);
}

struct proc *
exec_spawn(const char *name, struct exec_image *xi)
{
	struct user_cpu_state *us = kmalloc(sizeof(*us));
	uint64_t *start = kmalloc(2 * sizeof(uint64_t));
	struct thread *t;
	struct proc *p = NULL;
	bool on;

	if (us == NULL || start == NULL)
		goto fail;
	user_state_init(us);
	start[0] = xi->xi_entry;
	start[1] = xi->xi_sp;
	/* Fill the thread in before it can run: create it with IRQs off. */
	on = intr_save();
	t = thread_create(name, exec_thread, start, true);
	if (t != NULL && (p = proc_create(t, NULL)) == NULL)
		panic("exec: thread without a process");
	if (t != NULL) {
		exec_install(p, xi);	/* before it can run and read /proc */
		t->t_vm = xi->xi_vm;
		t->t_space = xi->xi_vm->vs_root;
		t->t_ustate = us;
		t->t_ring0 = xi->xi_ring0;
		if (t->t_ring0 && sched_ncpus() > 1)	/* a CPU of its own */
			sched_thread_prefer_cpu(t, sched_ncpus() - 1);
	}
	intr_restore(on);
	if (t != NULL)
		return p;
fail:
	vfs_release(xi->xi_exe);
	kfree(xi->xi_cmdline);
	kfree(us);
	kfree(start);
	vm_space_release(xi->xi_vm);
	return NULL;
}

int
exec_load(const char *path, struct vnode *v, const char *const argv[],
    const char *const envp[], struct exec_image *xi)
{
	struct exec_file xf;
	int error;

	if ((error = exec_file_open(v, &xf)) != 0)
		return error;
	error = exec_load_file(vfs_root(), path, &xf, argv, envp, xi);
	exec_file_close(&xf);
	return error;
}

/*
 * The program interpreter named by img's PT_INTERP, checked like the
 * program and mapped at a free place below the mmap top (where Linux puts
 * ld.so): *base is where its first page went (AT_BASE), *entry where
 * the process starts.
 */
static int
exec_interp(struct vm_space *vs, struct vnode *cwd, const char *path,
    const struct exec_file *pxf, const struct elf_image *img,
    uint64_t *base, uint64_t *entry)
{
	struct elf_image ii;
	struct exec_file xf;
	struct vnode *iv;
	const char *why;
	char *ipath;
	int error;

	if ((ipath = kmalloc(img->ei_interp_len)) == NULL)
		return -ENOMEM;
	if ((error = exec_file_read(pxf->xf_node, ipath, img->ei_interp_len,
	    img->ei_interp_off)) != 0)
		goto out;
	if ((error = elf_interp_path(ipath, img->ei_interp_len, &why)) != 0) {
		pr_err("exec: %s: refused: %s\n", path, why);
		goto out;
	}
	/* Linux: a missing interpreter is the program's ENOENT. */
	if ((error = exec_open(cwd, ipath, &iv)) != 0)
		goto out;
	if ((error = exec_file_open(iv, &xf)) != 0)
		goto out_node;
	if ((error = exec_file_elf(&xf, &ii, &why)) != 0 ||
	    (error = elf_interp_ok(&ii, &why)) != 0) {
		if (error == -ENOEXEC)
			pr_err("exec: %s: interpreter %s refused: %s\n", path,
			    ipath, why);
		goto out_file;
	}
	if (ii.ei_pie) {
		if ((*base = vm_free_place(vs, ii.ei_hi - ii.ei_lo)) == 0) {
			error = -ENOMEM;
			goto out_file;
		}
	} else {
		*base = ii.ei_lo;
	}
	if (ii.ei_hi + (*base - ii.ei_lo) > EXEC_STACK_TOP - VM_STACK_MAX) {
		pr_err("exec: %s: interpreter %s reaches the stack\n", path,
		    ipath);
		error = -ENOEXEC;
		goto out_file;
	}
	if ((error = exec_segments(vs, iv, ipath, &ii, *base - ii.ei_lo)) == 0)
		*entry = ii.ei_entry + (*base - ii.ei_lo);
out_file:
	exec_file_close(&xf);
out_node:
	vfs_release(iv);
out:
	kfree(ipath);
	return error;
}

static int
exec_load_file(struct vnode *cwd, const char *path, const struct exec_file *xf,
    const char *const argv[], const char *const envp[],
    struct exec_image *xi)
{
	struct vnode *v = xf->xf_node;
	struct elf_image img;
	struct vm_space *vs;
	const char *why;
	uint64_t bias, interp_base = 0, vdso = 0, entry;
	int error;

	if ((error = exec_file_elf(xf, &img, &why)) != 0) {
		if (error == -ENOEXEC)
			pr_err("exec: %s: refused: %s\n", path, why);
		return error;
	}
	bias = img.ei_pie ? EXEC_PIE_BASE - img.ei_lo : 0;
	if (img.ei_hi + bias > EXEC_STACK_TOP - VM_STACK_MAX) {
		pr_err("exec: %s: refused: image reaches the stack\n", path);
		return -ENOEXEC;
	}
	if ((vs = vm_space_create()) == NULL)
		return -ENOMEM;
	vs->vs_supervisor = xi->xi_ring0;
	/* The break first: the interpreter goes above its reach. */
	vs->vs_brk_base = vs->vs_brk = img.ei_hi + bias;
	entry = img.ei_entry + bias;
	if ((error = exec_segments(vs, v, path, &img, bias)) != 0 ||
	    (img.ei_interp_len != 0 && (error = exec_interp(vs, cwd, path, xf,
	    &img, &interp_base, &entry)) != 0) ||
	    /* Not for the ring-0 app: its system calls are no syscall. */
	    (!xi->xi_ring0 && (error = exec_vdso(vs, &vdso)) != 0) ||
	    (error = exec_stack(vs, path, &img, bias, interp_base, vdso, argv,
	    envp, &xi->xi_sp)) != 0) {
		vm_space_release(vs);
		return error;
	}
	xi->xi_vm = vs;
	xi->xi_entry = entry;
	return 0;
}
