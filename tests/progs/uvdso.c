/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The vDSO as a libc finds and uses it: the auxv's AT_SYSINFO_EHDR, the
 * dynamic tables musl's and glibc's lookups need (DT_HASH, DT_GNU_HASH,
 * DT_SYMTAB, DT_STRTAB, DT_VERSYM, DT_VERDEF), each __vdso_* symbol under
 * version LINUX_2.6, and the clocks it reads agreeing with the system
 * calls.  Also prints the cost of a clock_gettime each way (cycles per
 * call, not checked).  Runs unchanged on Linux.
 */
#include "usys.h"

#define SYS_read		0
#define SYS_open		2
#define SYS_gettimeofday	96
#define SYS_time		201
#define SYS_clock_gettime	228
#define SYS_getcpu		309

#define AT_BASE			7
#define AT_SYSINFO_EHDR		33
#define AT_MINSIGSTKSZ		51

#define PT_LOAD			1
#define PT_DYNAMIC		2
#define DT_NULL			0
#define DT_HASH			4
#define DT_STRTAB		5
#define DT_SYMTAB		6
#define DT_GNU_HASH		0x6ffffef5
#define DT_VERSYM		0x6ffffff0
#define DT_VERDEF		0x6ffffffc

struct ehdr {
	unsigned char	e_ident[16];
	unsigned short	e_type, e_machine;
	unsigned int	e_version;
	unsigned long	e_entry, e_phoff, e_shoff;
	unsigned int	e_flags;
	unsigned short	e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum,
			e_shstrndx;
};
struct phdr {
	unsigned int	p_type, p_flags;
	unsigned long	p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};
struct dyn {
	long		d_tag;
	unsigned long	d_val;
};
struct sym {
	unsigned int	st_name;
	unsigned char	st_info, st_other;
	unsigned short	st_shndx;
	unsigned long	st_value, st_size;
};
struct verdef {
	unsigned short	vd_version, vd_flags, vd_ndx, vd_cnt;
	unsigned int	vd_hash, vd_aux, vd_next;
};
struct verdaux {
	unsigned int	vda_name, vda_next;
};

struct ts {
	long	sec, nsec;
};

static int failed;

static void
check(const char *what, int ok)
{
	usys_check("uvdso", what, ok, &failed);
}

static int
streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

/* What a libc keeps of the vDSO to look symbols up. */
static struct {
	unsigned long	 bias;
	const char	*strtab;
	const struct sym *symtab;
	const unsigned int *hash;
	const unsigned int *gnu_hash;
	const unsigned short *versym;
	const struct verdef *verdef;
} vd;

static int
vdso_open(unsigned long base)
{
	const struct ehdr *eh = (const struct ehdr *)base;
	const struct phdr *ph = (const struct phdr *)(base + eh->e_phoff);
	const struct dyn *dyn = 0;
	int have_load = 0;

	if (eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' || eh->e_type != 3 ||
	    eh->e_phentsize != sizeof(struct phdr))
		return 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			vd.bias = base + ph[i].p_offset - ph[i].p_vaddr;
			have_load = 1;
		} else if (ph[i].p_type == PT_DYNAMIC) {
			dyn = (const struct dyn *)(base + ph[i].p_offset);
		}
	}
	if (!have_load || dyn == 0)
		return 0;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		const void *p = (const void *)(vd.bias + dyn->d_val);

		switch (dyn->d_tag) {
		case DT_STRTAB: vd.strtab = p; break;
		case DT_SYMTAB: vd.symtab = p; break;
		case DT_HASH: vd.hash = p; break;
		case DT_GNU_HASH: vd.gnu_hash = p; break;
		case DT_VERSYM: vd.versym = p; break;
		case DT_VERDEF: vd.verdef = p; break;
		}
	}
	return 1;
}

/* Is symbol i's version (by DT_VERSYM) the one named ver? */
static int
vdso_version_is(unsigned int i, const char *ver)
{
	unsigned int ndx = vd.versym[i] & 0x7fff;
	const struct verdef *d = vd.verdef;

	for (;;) {
		if (!(d->vd_flags & 1) && d->vd_ndx == ndx) {	/* not BASE */
			const struct verdaux *a = (const void *)
			    ((const char *)d + d->vd_aux);

			return streq(vd.strtab + a->vda_name, ver);
		}
		if (d->vd_next == 0)
			return 0;
		d = (const void *)((const char *)d + d->vd_next);
	}
}

/* Look name@ver up by DT_HASH's symbol count, as musl does. */
static void *
vdso_sym(const char *name, const char *ver)
{
	unsigned int n = vd.hash[1];

	for (unsigned int i = 0; i < n; i++) {
		const struct sym *s = &vd.symtab[i];
		unsigned int type = s->st_info & 0xf, bind = s->st_info >> 4;

		if (type != 2 || (bind != 1 && bind != 2) || s->st_shndx == 0 ||
		    !streq(vd.strtab + s->st_name, name) ||
		    !vdso_version_is(i, ver))
			continue;
		return (void *)(vd.bias + s->st_value);
	}
	return 0;
}

static unsigned long
tsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi));
	return ((unsigned long)hi << 32) | lo;
}

static long
ns_of(const struct ts *t)
{
	return t->sec * 1000000000L + t->nsec;
}

void
cstart(long *sp)
{
	long argc = sp[0];
	char **envp = (char **)(sp + 1) + argc + 1;
	unsigned long *auxv, ehdr = 0, base = 1, minsig = 0;
	int (*vgettime)(long, struct ts *);
	int (*vgettimeofday)(long *, void *);
	long (*vtime)(long *);
	long (*vgetcpu)(unsigned int *, unsigned int *, void *);
	struct ts s1, s2, v, prev;
	long tv[2], t, r;
	unsigned int cpu = 99, node = 99, cpu2 = 98, node2 = 98;
	int ok;

	while (*envp != 0)
		envp++;
	for (auxv = (unsigned long *)(envp + 1); auxv[0] != 0; auxv += 2) {
		if (auxv[0] == AT_SYSINFO_EHDR)
			ehdr = auxv[1];
		if (auxv[0] == AT_BASE)
			base = auxv[1];
		if (auxv[0] == AT_MINSIGSTKSZ)
			minsig = auxv[1];
	}
	check("auxv AT_SYSINFO_EHDR", ehdr != 0 && (ehdr & 4095) == 0);
	check("auxv AT_BASE 0 (static)", base == 0);
	check("auxv AT_MINSIGSTKSZ", minsig >= 1024);
	if (ehdr == 0)
		usys_finish("uvdso", 1);
	check("vdso is an ELF shared object", vdso_open(ehdr));
	check("dynamic tables", vd.strtab && vd.symtab && vd.hash &&
	    vd.gnu_hash && vd.versym && vd.verdef);
	if (failed)
		usys_finish("uvdso", 1);
	vgettime = vdso_sym("__vdso_clock_gettime", "LINUX_2.6");
	vgettimeofday = vdso_sym("__vdso_gettimeofday", "LINUX_2.6");
	vtime = vdso_sym("__vdso_time", "LINUX_2.6");
	vgetcpu = vdso_sym("__vdso_getcpu", "LINUX_2.6");
	check("symbols at LINUX_2.6", vgettime && vgettimeofday && vtime &&
	    vgetcpu);
	check("no symbol at another version",
	    vdso_sym("__vdso_clock_gettime", "LINUX_2.5") == 0);
	if (failed)
		usys_finish("uvdso", 1);

	/* Each clock the vDSO reads lies between two system calls. */
	static const struct { long id; const char *name; } clocks[] = {
		{ 0, "realtime between two system calls" },
		{ 1, "monotonic between two system calls" },
		{ 4, "monotonic_raw between two system calls" },
		{ 7, "boottime between two system calls" },
	};
	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		usys(SYS_clock_gettime, clocks[i].id, (long)&s1, 0, 0);
		r = vgettime(clocks[i].id, &v);
		usys(SYS_clock_gettime, clocks[i].id, (long)&s2, 0, 0);
		check(clocks[i].name, r == 0 &&
		    v.nsec >= 0 && v.nsec < 1000000000L &&
		    ns_of(&s1) <= ns_of(&v) && ns_of(&v) <= ns_of(&s2));
	}
	/* Coarse clocks may trail the fine one by a tick, never lead it. */
	for (long id = 5; id <= 6; id++) {
		usys(SYS_clock_gettime, id - 5, (long)&s1, 0, 0);
		r = vgettime(id, &v);
		usys(SYS_clock_gettime, id - 5, (long)&s2, 0, 0);
		check(id == 5 ? "realtime_coarse" : "monotonic_coarse", r == 0 &&
		    ns_of(&s1) - 100000000L <= ns_of(&v) &&
		    ns_of(&v) <= ns_of(&s2));
	}
	/* Clocks it does not read: the system call's answer. */
	check("process cputime by system call", vgettime(2, &v) == 0 &&
	    v.nsec >= 0 && v.nsec < 1000000000L);
	check("bad clock: -EINVAL", vgettime(123, &v) == -22);
	/* Never backwards. */
	ok = vgettime(1, &prev) == 0;
	for (int i = 0; i < 20000 && ok; i++) {
		ok = vgettime(1, &v) == 0 && ns_of(&v) >= ns_of(&prev);
		prev = v;
	}
	check("monotonic over 20000 reads", ok);
	usys(SYS_clock_gettime, 0, (long)&s1, 0, 0);
	r = vgettimeofday(tv, 0);
	usys(SYS_clock_gettime, 0, (long)&s2, 0, 0);
	check("gettimeofday", r == 0 && tv[1] >= 0 && tv[1] < 1000000 &&
	    tv[0] * 1000000 + tv[1] >= ns_of(&s1) / 1000 &&
	    tv[0] * 1000000 + tv[1] <= ns_of(&s2) / 1000);
	check("gettimeofday(NULL, NULL)", vgettimeofday(0, 0) == 0);
	t = 0;
	r = vtime(&t);
	check("time", r == t && r >= s1.sec && r <= usys(SYS_time, 0, 0, 0, 0));
	check("time(NULL)", vtime(0) >= s1.sec);
	r = vgetcpu(&cpu, &node, 0);
	usys(SYS_getcpu, (long)&cpu2, (long)&node2, 0, 0);
	check("getcpu", r == 0 && cpu == cpu2 && node == node2);
	/* Programs read the clock page; nothing writes it (here: read()). */
	{
		long fd = usys(SYS_open, (long)"/dev/zero", 0, 0, 0);

		check("clock page read-only", fd >= 0 &&
		    usys(SYS_read, fd, (long)(ehdr - 4096), 1, 0) == -14 &&
		    usys(SYS_read, fd, (long)ehdr, 1, 0) == -14);
	}

	/* The cost of one clock_gettime, each way (for the record). */
	{
		unsigned long t0, t1, t2;
		const int n = 20000;

		t0 = tsc();
		for (int i = 0; i < n; i++)
			usys(SYS_clock_gettime, 1, (long)&v, 0, 0);
		t1 = tsc();
		for (int i = 0; i < n; i++)
			vgettime(1, &v);
		t2 = tsc();
		usys_say("uvdso: clock_gettime cycles/call: syscall ");
		usys_say_num((long)((t1 - t0) / n));
		usys_say(" vdso ");
		usys_say_num((long)((t2 - t1) / n));
		usys_say("\n");
	}
	usys_finish("uvdso", failed);
}

USYS_START;
