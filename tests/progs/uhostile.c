/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * A hostile program, no libc.  Part 1 runs privileged and forbidden
 * instructions (cli, sti, hlt, rdmsr, wrmsr, in, out, lgdt, lidt, ltr,
 * mov to cr3, invlpg, wbinvd, int $0x80), jumps into the kernel, reads
 * and writes kernel and non-canonical addresses and writes its own
 * text: each must raise SIGSEGV (SIGILL for some) in a handler that
 * resumes after it.  Part 2 passes bad pointers and lengths to
 * specific calls and expects their exact errno.  Part 2b gives every
 * pointer argument of the implemented calls that take one (the table in
 * part_pointers, read off syscall/syscall.c's table) four hostile
 * pointers (the direct map, the kernel image, non-canonical, unmapped
 * user) with the other arguments valid, and expects -EFAULT, as Linux
 * answers (checked with tools/linux-run.py).  Part 3 calls EVERY
 * system call number 0..511 with nine argument patterns (NULL, a low
 * unmapped page, the kernel's half, non-canonical, unmapped user, a
 * range that wraps, oversize lengths...) in a child per number, with an
 * alarm to break blocking calls: each call must return a Linux errno or
 * a result, or end the child by SIGSEGV (rt_sigreturn) or exit (exit),
 * and never hang or leak a kernel-internal code; a case is counted only
 * if it ran (the child reports each one on a pipe before making it).
 * The kernel must be alive at the end.  Prints "uhostile: N cases, M
 * unexpected".
 */
#include "usys.h"

#define SYS_read	0
#define SYS_write	1
#define SYS_open	2
#define SYS_close	3
#define SYS_stat	4
#define SYS_fstat	5
#define SYS_poll	7
#define SYS_mmap	9
#define SYS_munmap	11
#define SYS_rt_sigaction 13
#define SYS_rt_sigprocmask 14
#define SYS_ioctl	16
#define SYS_readv	19
#define SYS_writev	20
#define SYS_pipe	22
#define SYS_select	23
#define SYS_nanosleep	35
#define SYS_getitimer	36
#define SYS_setitimer	38
#define SYS_getpid	39
#define SYS_fork	57
#define SYS_execve	59
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_kill	62
#define SYS_uname	63
#define SYS_getcwd	79
#define SYS_gettimeofday 96
#define SYS_getrlimit	97
#define SYS_sysinfo	99
#define SYS_times	100
#define SYS_getresuid	118
#define SYS_capget	125
#define SYS_rt_sigpending 127
#define SYS_rt_sigtimedwait 128
#define SYS_sigaltstack	131
#define SYS_arch_prctl	158
#define SYS_sched_getaffinity 204
#define SYS_getdents64	217
#define SYS_clock_gettime 228
#define SYS_waitid	247
#define SYS_openat	257
#define SYS_pselect6	270
#define SYS_ppoll	271
#define SYS_prlimit64	302
#define SYS_getrandom	318
#define SYS_lstat	6
#define SYS_pread64	17
#define SYS_pwrite64	18
#define SYS_access	21
#define SYS_sendfile	40
#define SYS_fcntl	72
#define SYS_truncate	76
#define SYS_getdents	78
#define SYS_chdir	80
#define SYS_rename	82
#define SYS_mkdir	83
#define SYS_rmdir	84
#define SYS_link	86
#define SYS_unlink	87
#define SYS_symlink	88
#define SYS_readlink	89
#define SYS_chmod	90
#define SYS_chown	92
#define SYS_lchown	94
#define SYS_getrusage	98
#define SYS_getresgid	120
#define SYS_rt_sigqueueinfo 129
#define SYS_rt_sigsuspend 130
#define SYS_utime	132
#define SYS_mknod	133
#define SYS_statfs	137
#define SYS_fstatfs	138
#define SYS_sched_getparam 143
#define SYS_sched_rr_get_interval 148
#define SYS_setrlimit	160
#define SYS_mount	165
#define SYS_umount2	166
#define SYS_sethostname	170
#define SYS_setdomainname 171
#define SYS_gettid	186
#define SYS_time	201
#define SYS_futex	202
#define SYS_sched_setaffinity 203
#define SYS_clock_getres 229
#define SYS_clock_nanosleep 230
#define SYS_utimes	235
#define SYS_mkdirat	258
#define SYS_mknodat	259
#define SYS_fchownat	260
#define SYS_futimesat	261
#define SYS_newfstatat	262
#define SYS_unlinkat	263
#define SYS_renameat	264
#define SYS_linkat	265
#define SYS_symlinkat	266
#define SYS_readlinkat	267
#define SYS_fchmodat	268
#define SYS_faccessat	269
#define SYS_utimensat	280
#define SYS_pipe2	293
#define SYS_rt_tgsigqueueinfo 297
#define SYS_getcpu	309
#define SYS_renameat2	316
#define SYS_statx	332
#define SYS_MAX		512

#define SA_SIGINFO	4L
#define SA_RESTORER	0x04000000L
#define SA_NODEFER	0x40000000L
#define SA_ONSTACK	0x08000000L
#define SIGILL		4
#define SIGBUS		7
#define SIGKILL		9
#define SIGSEGV		11
#define SIGALRM		14
#define EPERM		1
#define ENOENT		2
#define EBADF		9
#define EFAULT		14
#define EINVAL		22
#define ERANGE		34

#define KADDR	0xffff800000000000L	/* the kernel's direct map */
#define KTEXT	0xffffffff80100000L	/* the kernel image */
#define NONCAN	0x8000000000000000L	/* non-canonical */
#define UNMAP	0x0000700000000000L	/* user half, nothing mapped */
#define WRAP	0xfffffffffffff000L	/* + a page or more wraps */
#define HUGE	0x7fffffffffffffffL

struct kact {
	void		*handler;
	unsigned long	flags;
	void		(*restorer)(void);
	unsigned long	mask;
};

struct uctx {
	unsigned long	flags, link, ss_sp;
	int		ss_flags, pad;
	unsigned long	ss_size;
	unsigned long	gregs[23];
};
#define UC_RIP	16

USYS_RESTORER;

const unsigned char uhostile_zero[16];	/* operand of lgdt, lidt, invlpg */
static long cases, unexpected;
static volatile int fault_sig, fault_hits;
static volatile unsigned long resume_at;
static char buf[8192] __attribute__((aligned(4096)));

static void
h_fault(int sig, void *si, struct uctx *uc)
{
	(void)si;
	fault_sig = sig;
	fault_hits++;
	if (resume_at != 0) {
		uc->gregs[UC_RIP] = resume_at;
		resume_at = 0;
	} else {
		usys(SYS_exit, 99, 0, 0, 0);	/* a fault nobody expected */
	}
}

static long
action(int sig, void *h, long flags)
{
	struct kact a = { h, flags | SA_RESTORER, usys_restorer, 0 };

	return usys(SYS_rt_sigaction, sig, (long)&a, 0, 8);
}

static void
count(const char *what, int ok)
{
	cases++;
	if (!ok) {
		unexpected++;
		usys_say("uhostile: UNEXPECTED ");
		usys_say(what);
		usys_say("\n");
	}
}

/*
 * Run insn; a handler must catch a SIGSEGV (or SIGILL/SIGBUS if allowed)
 * and resume at the label after it.
 */
#define HOSTILE(name, insn, also)					\
	do {								\
		int before = fault_hits;				\
		__asm__ volatile("leaq 1f(%%rip), %%rax\n\t"		\
		    "movq %%rax, resume_at(%%rip)\n\t"			\
		    insn "\n"						\
		    "1:" ::: "rax", "rcx", "rdx", "memory");		\
		count(name, fault_hits == before + 1 &&			\
		    (fault_sig == SIGSEGV || fault_sig == (also)));	\
	} while (0)

static void
part_instructions(void)
{
	static char altstack[16384] __attribute__((aligned(16)));
	long ss[3] = { (long)altstack, 0, sizeof(altstack) };

	/* On the alternate stack: one case leaves no usable stack. */
	usys(SYS_sigaltstack, (long)ss, 0, 0, 0);
	action(SIGSEGV, h_fault, SA_SIGINFO | SA_NODEFER | SA_ONSTACK);
	action(SIGILL, h_fault, SA_SIGINFO | SA_NODEFER);
	action(SIGBUS, h_fault, SA_SIGINFO | SA_NODEFER);
	HOSTILE("cli", "cli", 0);
	HOSTILE("sti", "sti", 0);
	HOSTILE("hlt", "hlt", 0);
	HOSTILE("rdmsr", "movl $0xc0000080, %%ecx\n\trdmsr", 0);
	HOSTILE("wrmsr", "movl $0xc0000080, %%ecx\n\txorl %%eax, %%eax\n\t"
	    "xorl %%edx, %%edx\n\twrmsr", 0);
	HOSTILE("in", "movl $0x3f8, %%edx\n\tinb %%dx, %%al", 0);
	HOSTILE("out", "movl $0xf4, %%edx\n\tmovb $1, %%al\n\toutb %%al, %%dx", 0);
	HOSTILE("lgdt", "lgdt uhostile_zero(%%rip)", 0);
	HOSTILE("lidt", "lidt uhostile_zero(%%rip)", 0);
	HOSTILE("ltr", "movw $0x30, %%ax\n\tltr %%ax", 0);
	HOSTILE("mov cr3", "xorl %%eax, %%eax\n\tmovq %%rax, %%cr3", 0);
	HOSTILE("mov from cr0", "movq %%cr0, %%rax", 0);
	HOSTILE("invlpg", "invlpg uhostile_zero(%%rip)", 0);
	HOSTILE("wbinvd", "wbinvd", 0);
	HOSTILE("swapgs", "swapgs", SIGILL);
	HOSTILE("int $0x80", "int $0x80", 0);
	HOSTILE("int $0xe0 (the timer vector)", "int $0xe0", 0);
	HOSTILE("int $0xf3 (the kernel lock's wake vector)", "int $0xf3", 0);
	HOSTILE("kernel data selector in ss",
	    "movl $0x10, %%eax\n\tmovl %%eax, %%ss", 0);
	HOSTILE("jump into kernel text",
	    "movq $0xffffffff80100000, %%rcx\n\tjmp *%%rcx", 0);
	HOSTILE("jump to a non-canonical address",
	    "movq $0x8000000000000000, %%rcx\n\tjmp *%%rcx", 0);
	HOSTILE("write to the kernel image",
	    "movq $0xffffffff80100000, %%rcx\n\tmovb $1, (%%rcx)", 0);
	HOSTILE("read the kernel image",
	    "movq $0xffffffff80100000, %%rcx\n\tmovb (%%rcx), %%al", 0);
	HOSTILE("write to the direct map",
	    "movq $0xffff800000100000, %%rcx\n\tmovq $0, (%%rcx)", 0);
	HOSTILE("read the direct map",
	    "movq $0xffff800000000000, %%rcx\n\tmovq (%%rcx), %%rax", 0);
	HOSTILE("write a non-canonical address",
	    "movq $0x8000000000000000, %%rcx\n\tmovb $1, (%%rcx)", 0);
	HOSTILE("write own text", "leaq cstart(%%rip), %%rcx\n\t"
	    "movb $0xc3, (%%rcx)", 0);
	HOSTILE("write NULL", "movq $0, 0", 0);
	{
		int before = fault_hits;

		/* The handler resumes at 1:, which takes the stack back. */
		__asm__ volatile("leaq 1f(%%rip), %%rax\n\t"
		    "movq %%rax, resume_at(%%rip)\n\t"
		    "movq %%rsp, %%rdx\n\t"
		    "movq $0xffff800000100000, %%rsp\n\t"
		    "pushq $1\n"
		    "1:\tmovq %%rdx, %%rsp" ::: "rax", "rdx", "memory");
		count("stack pointer into the kernel, then a push",
		    fault_hits == before + 1 && fault_sig == SIGSEGV);
	}
}

static void
expect(const char *what, long got, long want)
{
	count(what, got == want);
	if (got != want) {
		usys_say("uhostile:   got ");
		usys_say_num(got);
		usys_say(" want ");
		usys_say_num(want);
		usys_say("\n");
	}
}

static void
part_calls(void)
{
	int fds[2], st;
	long iov[4], pid;
	long ts[2] = { 0, 0 };

	usys(SYS_pipe, (long)fds, 0, 0, 0);
	usys(SYS_write, fds[1], (long)"abc", 3, 0);
	expect("read into NULL", usys(SYS_read, fds[0], 0, 1, 0), -EFAULT);
	expect("read into the kernel", usys(SYS_read, fds[0], KADDR, 1, 0),
	    -EFAULT);
	/* (A failed copy may have consumed bytes: refill.) */
	usys(SYS_read, fds[0], (long)buf, sizeof(buf), 0);
	usys(SYS_write, fds[1], (long)"abc", 3, 0);
	/* Linux checks the whole range first (access_ok): EFAULT. */
	expect("read, oversize length: EFAULT, nothing taken",
	    usys(SYS_read, fds[0], (long)buf, HUGE, 0), -EFAULT);
	expect("read, the bytes still there",
	    usys(SYS_read, fds[0], (long)buf, sizeof(buf), 0), 3);
	expect("write from NULL", usys(SYS_write, 1, 0, 1, 0), -EFAULT);
	expect("write from the kernel", usys(SYS_write, 1, KTEXT, 16, 0),
	    -EFAULT);
	expect("write from non-canonical", usys(SYS_write, 1, NONCAN, 16, 0),
	    -EFAULT);
	expect("write from unmapped", usys(SYS_write, 1, UNMAP, 16, 0), -EFAULT);
	expect("write, range wraps", usys(SYS_write, fds[1], WRAP, 0x2000, 0),
	    -EFAULT);
	expect("write, bad descriptor", usys(SYS_write, 999, (long)buf, 1, 0),
	    -EBADF);
	iov[0] = KADDR;
	iov[1] = 4;
	expect("writev, iov_base in the kernel",
	    usys(SYS_writev, fds[1], (long)iov, 1, 0), -EFAULT);
	expect("writev, iov array in the kernel",
	    usys(SYS_writev, fds[1], KADDR, 1, 0), -EFAULT);
	iov[0] = (long)buf;
	iov[1] = -1;
	expect("writev, negative length", usys(SYS_writev, fds[1], (long)iov,
	    1, 0), -EINVAL);
	expect("writev, too many vectors", usys(SYS_writev, fds[1],
	    (long)iov, 100000, 0), -EINVAL);
	expect("readv, iov array NULL", usys(SYS_readv, fds[0], 0, 1, 0),
	    -EFAULT);
	expect("open NULL", usys(SYS_open, 0, 0, 0, 0), -EFAULT);
	expect("open a kernel path", usys(SYS_open, KTEXT, 0, 0, 0), -EFAULT);
	expect("openat a non-canonical path", usys(SYS_openat, -100, NONCAN, 0,
	    0), -EFAULT);
	expect("stat into the kernel", usys(SYS_stat, (long)"/", KADDR, 0, 0),
	    -EFAULT);
	expect("fstat into NULL", usys(SYS_fstat, 1, 0, 0, 0), -EFAULT);
	expect("pipe into the kernel", usys(SYS_pipe, KADDR, 0, 0, 0), -EFAULT);
	expect("getcwd into NULL", usys(SYS_getcwd, 0, 100, 0, 0), -EFAULT);
	expect("getcwd, zero size", usys(SYS_getcwd, (long)buf, 0, 0, 0),
	    -ERANGE);
	expect("uname into the kernel", usys(SYS_uname, KADDR, 0, 0, 0),
	    -EFAULT);
	expect("nanosleep from the kernel", usys(SYS_nanosleep, KADDR, 0, 0, 0),
	    -EFAULT);
	expect("clock_gettime into the kernel", usys(SYS_clock_gettime, 0,
	    KADDR, 0, 0), -EFAULT);
	expect("gettimeofday into NULL+16", usys(SYS_gettimeofday, 16, 0, 0, 0),
	    -EFAULT);
	expect("times into the kernel", usys(SYS_times, KADDR, 0, 0, 0),
	    -EFAULT);
	expect("sysinfo into the kernel", usys(SYS_sysinfo, KADDR, 0, 0, 0),
	    -EFAULT);
	expect("rt_sigaction from the kernel", usys(SYS_rt_sigaction, 10,
	    KADDR, 0, 8), -EFAULT);
	expect("rt_sigprocmask from non-canonical", usys(SYS_rt_sigprocmask,
	    0, NONCAN, 0, 8), -EFAULT);
	expect("rt_sigpending into the kernel", usys(SYS_rt_sigpending, KADDR,
	    8, 0, 0), -EFAULT);
	expect("rt_sigtimedwait, set in the kernel",
	    usys(SYS_rt_sigtimedwait, KADDR, 0, (long)ts, 8), -EFAULT);
	expect("sigaltstack from the kernel", usys(SYS_sigaltstack, KADDR, 0,
	    0, 0), -EFAULT);
	expect("poll, array in the kernel", usys(SYS_poll, KADDR, 1, 0, 0),
	    -EFAULT);
	expect("poll, too many", usys(SYS_poll, (long)buf, 1L << 40, 0, 0),
	    -EINVAL);
	expect("select, set in the kernel", usys6(SYS_select, 1, KADDR, 0, 0,
	    (long)ts, 0), -EFAULT);
	expect("ppoll, timeout in the kernel", usys6(SYS_ppoll, (long)buf, 0,
	    KADDR, 0, 8, 0), -EFAULT);
	expect("pselect6, sigmask pair in the kernel", usys6(SYS_pselect6, 0,
	    0, 0, 0, (long)ts, KADDR), -EFAULT);
	expect("getitimer into the kernel", usys(SYS_getitimer, 0, KADDR, 0, 0),
	    -EFAULT);
	expect("setitimer from the kernel", usys(SYS_setitimer, 0, KADDR, 0, 0),
	    -EFAULT);
	expect("getrlimit into NULL", usys(SYS_getrlimit, 7, 0, 0, 0), -EFAULT);
	expect("getrlimit, bad resource", usys(SYS_getrlimit, 99, (long)buf, 0,
	    0), -EINVAL);
	expect("prlimit64 from the kernel", usys(SYS_prlimit64, 0, 7, KADDR, 0),
	    -EFAULT);
	expect("getrandom into the kernel", usys(SYS_getrandom, KADDR, 16, 0,
	    0), -EFAULT);
	expect("getrandom, bad flags", usys(SYS_getrandom, (long)buf, 16,
	    0x100, 0), -EINVAL);
	expect("getresuid into the kernel", usys(SYS_getresuid, KADDR,
	    KADDR, KADDR, 0), -EFAULT);
	expect("capget, header in the kernel", usys(SYS_capget, KADDR, 0, 0,
	    0), -EFAULT);
	expect("sched_getaffinity into the kernel",
	    usys(SYS_sched_getaffinity, 0, 8, KADDR, 0), -EFAULT);
	expect("arch_prctl SET_FS to the kernel", usys(SYS_arch_prctl, 0x1002,
	    KADDR, 0, 0), -EPERM);
	expect("arch_prctl GET_FS into the kernel", usys(SYS_arch_prctl,
	    0x1003, KADDR, 0, 0), -EFAULT);
	expect("ioctl TCGETS into the kernel", usys(SYS_ioctl, 1, 0x5401,
	    KADDR, 0), -EFAULT);
	expect("ioctl TIOCGWINSZ into NULL", usys(SYS_ioctl, 1, 0x5413, 0, 0),
	    -EFAULT);
	{
		long d = usys(SYS_open, (long)"/", 0x10000, 0, 0);

		expect("getdents64 into the kernel", usys(SYS_getdents64, d,
		    KADDR, 4096, 0), -EFAULT);
		usys(SYS_close, d, 0, 0, 0);
	}
	expect("execve, path in the kernel", usys(SYS_execve, KADDR, 0, 0, 0),
	    -EFAULT);
	expect("execve, argv in the kernel", usys(SYS_execve,
	    (long)"/bin/uhello", KADDR, 0, 0), -EFAULT);
	expect("mmap, zero length", usys6(SYS_mmap, 0, 0, 3, 0x22, -1, 0),
	    -EINVAL);
	expect("munmap, unaligned", usys(SYS_munmap, 1, 4096, 0, 0), -EINVAL);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0)
		usys(SYS_exit, 0, 0, 0, 0);
	expect("wait4, status into the kernel", usys(SYS_wait4, pid, KADDR, 0,
	    0), -EFAULT);
	expect("...the child was still reaped", usys(SYS_wait4, pid, (long)&st,
	    1, 0), -10);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0)
		usys(SYS_exit, 0, 0, 0, 0);
	expect("waitid, siginfo into the kernel", usys(SYS_waitid, 1, pid,
	    KADDR, 4), -EFAULT);
	usys(SYS_close, fds[0], 0, 0, 0);
	usys(SYS_close, fds[1], 0, 0, 0);
}

/* ---- part 2b: each pointer argument, hostile, must get -EFAULT ---- */

struct ptrcase {
	const char	*name;		/* call and argument */
	long		 nr;
	long		 a[6];		/* valid arguments... */
	int		 p;		/* ...but a[p], made hostile */
};

static void
part_pointers(void)
{
	static const long hostile[] = { KADDR, KTEXT, NONCAN, UNMAP };
	static const char *const hname[] = { "direct map", "kernel image",
	    "non-canonical", "unmapped" };
	const long AT = -100;		/* AT_FDCWD */
	long f = usys(SYS_open, (long)"/tmp/uhostile-file", 0102, 0644, 0);
	long d = usys(SYS_open, (long)"/", 0x10000, 0, 0);
	long ts[2] = { 0, 0 };
	long B = (long)buf, P = 0;	/* P: the hostile slot */
	long me = usys(SYS_getpid, 0, 0, 0, 0);
	long tid = usys(SYS_gettid, 0, 0, 0, 0);
	/*
	 * Not here: fcntl's F_GETLK/F_SETLK (Jiny answers -EINVAL, having no
	 * record locks; Linux reads the struct flock first: -EFAULT).
	 */
	const struct ptrcase t[] = {
		/* A path. */
		{ "open path", SYS_open, { P, 0 }, 0 },
		{ "stat path", SYS_stat, { P, B }, 0 },
		{ "lstat path", SYS_lstat, { P, B }, 0 },
		{ "access path", SYS_access, { P, 0 }, 0 },
		{ "truncate path", SYS_truncate, { P, 0 }, 0 },
		{ "chdir path", SYS_chdir, { P }, 0 },
		{ "rename old", SYS_rename, { P, (long)"/tmp/uh-x" }, 0 },
		{ "rename new", SYS_rename, { (long)"/tmp/uhostile-file", P }, 1 },
		{ "mkdir path", SYS_mkdir, { P, 0755 }, 0 },
		{ "rmdir path", SYS_rmdir, { P }, 0 },
		{ "link old", SYS_link, { P, (long)"/tmp/uh-x" }, 0 },
		{ "link new", SYS_link, { (long)"/tmp/uhostile-file", P }, 1 },
		{ "unlink path", SYS_unlink, { P }, 0 },
		{ "symlink target", SYS_symlink, { P, (long)"/tmp/uh-x" }, 0 },
		{ "symlink path", SYS_symlink, { (long)"/", P }, 1 },
		{ "readlink path", SYS_readlink, { P, B, 64 }, 0 },
		{ "readlink buffer", SYS_readlink, { (long)"/tmp/uhostile-link",
		    P, 64 }, 1 },
		{ "chmod path", SYS_chmod, { P, 0644 }, 0 },
		{ "chown path", SYS_chown, { P, 0, 0 }, 0 },
		{ "lchown path", SYS_lchown, { P, 0, 0 }, 0 },
		{ "utime path", SYS_utime, { P, 0 }, 0 },
		{ "mknod path", SYS_mknod, { P, 0010644, 0 }, 0 },
		{ "statfs path", SYS_statfs, { P, B }, 0 },
		{ "umount2 path", SYS_umount2, { P, 0 }, 0 },
		{ "utimes path", SYS_utimes, { P, 0 }, 0 },
		{ "openat path", SYS_openat, { AT, P, 0 }, 1 },
		{ "mkdirat path", SYS_mkdirat, { AT, P, 0755 }, 1 },
		{ "mknodat path", SYS_mknodat, { AT, P, 0010644, 0 }, 1 },
		{ "fchownat path", SYS_fchownat, { AT, P, 0, 0, 0 }, 1 },
		{ "futimesat path", SYS_futimesat, { AT, P, 0 }, 1 },
		{ "newfstatat path", SYS_newfstatat, { AT, P, B, 0 }, 1 },
		{ "unlinkat path", SYS_unlinkat, { AT, P, 0 }, 1 },
		{ "renameat old", SYS_renameat, { AT, P, AT,
		    (long)"/tmp/uh-x" }, 1 },
		{ "linkat old", SYS_linkat, { AT, P, AT, (long)"/tmp/uh-x", 0 },
		    1 },
		{ "symlinkat target", SYS_symlinkat, { P, AT, (long)"/tmp/uh-x" },
		    0 },
		{ "readlinkat path", SYS_readlinkat, { AT, P, B, 64 }, 1 },
		{ "fchmodat path", SYS_fchmodat, { AT, P, 0644 }, 1 },
		{ "faccessat path", SYS_faccessat, { AT, P, 0 }, 1 },
		{ "renameat2 old", SYS_renameat2, { AT, P, AT,
		    (long)"/tmp/uh-x", 0 }, 1 },
		{ "statx path", SYS_statx, { AT, P, 0, 0x7ff, B }, 1 },
		{ "mount target", SYS_mount, { (long)"none", P, (long)"tmpfs",
		    0, 0 }, 1 },
		{ "mount type", SYS_mount, { (long)"none", (long)"/tmp", P, 0,
		    0 }, 2 },
		/* What the kernel writes to. */
		{ "stat buffer", SYS_stat, { (long)"/", P }, 1 },
		{ "lstat buffer", SYS_lstat, { (long)"/", P }, 1 },
		{ "fstat buffer", SYS_fstat, { f, P }, 1 },
		{ "newfstatat buffer", SYS_newfstatat, { AT, (long)"/", P, 0 }, 2 },
		{ "statx buffer", SYS_statx, { AT, (long)"/", 0, 0x7ff, P }, 4 },
		{ "statfs buffer", SYS_statfs, { (long)"/", P }, 1 },
		{ "fstatfs buffer", SYS_fstatfs, { f, P }, 1 },
		{ "readlinkat buffer", SYS_readlinkat, { AT,
		    (long)"/tmp/uhostile-link", P, 64 }, 2 },
		{ "read buffer (file)", SYS_read, { f, P, 16 }, 1 },
		{ "pread64 buffer", SYS_pread64, { f, P, 16, 0 }, 1 },
		{ "pwrite64 buffer", SYS_pwrite64, { f, P, 16, 0 }, 1 },
		{ "getdents64 buffer", SYS_getdents64, { d, P, 4096 }, 1 },
		{ "getdents buffer", SYS_getdents, { d, P, 4096 }, 1 },
		{ "getcwd buffer", SYS_getcwd, { P, 256 }, 0 },
		{ "uname buffer", SYS_uname, { P }, 0 },
		{ "pipe fds", SYS_pipe, { P }, 0 },
		{ "pipe2 fds", SYS_pipe2, { P, 0 }, 0 },
		{ "gettimeofday tv", SYS_gettimeofday, { P, 0 }, 0 },
		{ "time result", SYS_time, { P }, 0 },
		{ "getrlimit result", SYS_getrlimit, { 7, P }, 1 },
		{ "setrlimit limit", SYS_setrlimit, { 7, P }, 1 },
		{ "prlimit64 new", SYS_prlimit64, { 0, 7, P, 0 }, 2 },
		{ "prlimit64 old", SYS_prlimit64, { 0, 7, 0, P }, 3 },
		{ "getrusage result", SYS_getrusage, { 0, P }, 1 },
		{ "sysinfo result", SYS_sysinfo, { P }, 0 },
		{ "times result", SYS_times, { P }, 0 },
		{ "getresuid ruid", SYS_getresuid, { P, B, B + 8 }, 0 },
		{ "getresgid egid", SYS_getresgid, { B, P, B + 8 }, 1 },
		{ "rt_sigaction new", SYS_rt_sigaction, { 10, P, 0, 8 }, 1 },
		{ "rt_sigaction old", SYS_rt_sigaction, { 10, 0, P, 8 }, 2 },
		{ "rt_sigprocmask set", SYS_rt_sigprocmask, { 0, P, 0, 8 }, 1 },
		{ "rt_sigprocmask old", SYS_rt_sigprocmask, { 0, 0, P, 8 }, 2 },
		{ "rt_sigpending set", SYS_rt_sigpending, { P, 8 }, 0 },
		{ "rt_sigsuspend set", SYS_rt_sigsuspend, { P, 8 }, 0 },
		{ "rt_sigqueueinfo info", SYS_rt_sigqueueinfo, { me, 10, P }, 2 },
		{ "rt_tgsigqueueinfo info", SYS_rt_tgsigqueueinfo, { me, tid,
		    10, P }, 3 },
		{ "sigaltstack new", SYS_sigaltstack, { P, 0 }, 0 },
		{ "sigaltstack old", SYS_sigaltstack, { 0, P }, 1 },
		{ "nanosleep request", SYS_nanosleep, { P, 0 }, 0 },
		{ "clock_gettime result", SYS_clock_gettime, { 1, P }, 1 },
		{ "clock_getres result", SYS_clock_getres, { 1, P }, 1 },
		{ "clock_nanosleep request", SYS_clock_nanosleep, { 1, 0, P, 0 },
		    2 },
		{ "getitimer result", SYS_getitimer, { 0, P }, 1 },
		{ "setitimer new", SYS_setitimer, { 0, P, 0 }, 1 },
		{ "sched_getaffinity mask", SYS_sched_getaffinity, { 0, 8, P }, 2 },
		{ "sched_setaffinity mask", SYS_sched_setaffinity, { 0, 8, P }, 2 },
		{ "sched_getparam param", SYS_sched_getparam, { 0, P }, 1 },
		{ "sched_rr_get_interval result", SYS_sched_rr_get_interval,
		    { 0, P }, 1 },
		{ "getcpu cpu", SYS_getcpu, { P, 0, 0 }, 0 },
		{ "getrandom buffer", SYS_getrandom, { P, 16, 0 }, 0 },
		{ "poll fds", SYS_poll, { P, 1, 0 }, 0 },
		{ "ppoll fds", SYS_ppoll, { P, 1, (long)ts, 0, 8 }, 0 },
		{ "select readfds", SYS_select, { 1, P, 0, 0, (long)ts }, 1 },
		{ "select timeout", SYS_select, { 0, 0, 0, 0, P }, 4 },
		{ "pselect6 timeout", SYS_pselect6, { 0, 0, 0, 0, P, 0 }, 4 },
		{ "sethostname name", SYS_sethostname, { P, 4 }, 0 },
		{ "setdomainname name", SYS_setdomainname, { P, 4 }, 0 },
		{ "futex word", SYS_futex, { P, 0, 0, (long)ts }, 0 },
		{ "utime times", SYS_utime, { (long)"/tmp/uhostile-file", P }, 1 },
		{ "utimes times", SYS_utimes, { (long)"/tmp/uhostile-file", P },
		    1 },
		{ "futimesat times", SYS_futimesat, { AT,
		    (long)"/tmp/uhostile-file", P }, 2 },
		{ "utimensat times", SYS_utimensat, { AT,
		    (long)"/tmp/uhostile-file", P, 0 }, 2 },
		{ "sendfile offset", SYS_sendfile, { 1, f, P, 1 }, 2 },
	};

	/* A file with bytes in it, and a link to it. */
	usys(SYS_pwrite64, f, (long)"0123456789abcdef0123456789abcdef", 32, 0);
	usys(SYS_symlink, (long)"/tmp/uhostile-file",
	    (long)"/tmp/uhostile-link", 0, 0);
	for (unsigned int i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		for (unsigned int h = 0; h < 4; h++) {
			long a[6], r;

			for (int k = 0; k < 6; k++)
				a[k] = t[i].a[k];
			a[t[i].p] = hostile[h];
			r = usys6(t[i].nr, a[0], a[1], a[2], a[3], a[4], a[5]);
			count(t[i].name, r == -EFAULT);
			if (r != -EFAULT) {
				usys_say("uhostile:   ");
				usys_say(hname[h]);
				usys_say(" pointer: got ");
				usys_say_num(r);
				usys_say(" want -14 (EFAULT)\n");
			}
		}
	}
	usys(SYS_unlink, (long)"/tmp/uhostile-link", 0, 0, 0);
	usys(SYS_unlink, (long)"/tmp/uhostile-file", 0, 0, 0);
	usys(SYS_close, f, 0, 0, 0);
	usys(SYS_close, d, 0, 0, 0);
}

/* ---- part 3: every number, nine argument patterns, a child each ---- */

static volatile int alarms;

static void
h_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static const long patterns[9][6] = {
	{ 0, 0, 0, 0, 0, 0 },
	{ 0x10, 0x10, 0x10, 0x10, 0x10, 0x10 },
	{ KADDR, KADDR, KADDR, KADDR, KADDR, KADDR },
	{ NONCAN, NONCAN, NONCAN, NONCAN, NONCAN, NONCAN },
	{ UNMAP, UNMAP, UNMAP, UNMAP, UNMAP, UNMAP },
	{ WRAP, 0x2000, WRAP, 0x2000, WRAP, 0x2000 },
	{ -1, KTEXT, 64, KTEXT, KTEXT, KTEXT },
	{ -1, (long)buf, HUGE, (long)buf, HUGE, -1 },
	{ 1, KADDR, 16, NONCAN, UNMAP, KTEXT },
};

/* Numbers whose harmless-looking arguments still end the caller. */
static int
ends_caller(long nr)
{
	return nr == 15 || nr == 60 || nr == 231;	/* sigreturn, exits */
}

/* A result Linux could give: a value, or -errno in errno's range. */
static int
plausible(long r)
{
	return r >= -133;
}

/*
 * Make call nr with each pattern.  Before each, one byte on the pipe
 * (fd report): the parent counts the cases that ran from them, and the
 * exit status is how many gave an implausible result.  The pipe's end
 * sits at a high descriptor, out of the patterns' way (a close_range
 * pattern may still close it: the exit status then counts for it).
 */
static void
sweep_child(long nr, long report)
{
	long me = usys(SYS_getpid, 0, 0, 0, 0), bad = 0, r;
	long stop[4] = { 0, 0, 0, 0 };

	action(SIGALRM, h_alarm, 0);
	for (int k = 0; k < 9; k++) {
		const long *a = patterns[k];
		/* One-shot 200 ms alarm: a blocking call must end in EINTR. */
		long arm[4] = { 0, 0, 0, 200000 };

		usys(SYS_write, report, (long)"c", 1, 0);
		usys(SYS_setitimer, 0, (long)arm, 0, 0);
		r = usys6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		usys(SYS_setitimer, 0, (long)stop, 0, 0);
		if (usys(SYS_getpid, 0, 0, 0, 0) != me)
			usys(SYS_exit, 0, 0, 0, 0);	/* a forked copy */
		if (!plausible(r)) {
			usys_say("uhostile: UNEXPECTED syscall ");
			usys_say_num(nr);
			usys_say(" pattern ");
			usys_say_num(k);
			usys_say(" returned ");
			usys_say_num(r);
			usys_say("\n");
			bad++;
		}
		action(SIGALRM, h_alarm, 0);	/* in case it was changed */
	}
	usys(SYS_exit, 16 + bad, 0, 0, 0);	/* 16: all nine ran */
}

#define F_DUPFD		0

static void
part_sweep(void)
{
	for (long nr = 0; nr < SYS_MAX; nr++) {
		long pid, r = 0, ran = 0, n, fds[1];
		int p[2], st = 0, waited = 0;
		long ts[2] = { 0, 5000000 };
		char got[16];

		usys(SYS_pipe2, (long)p, 04000, 0, 0);	/* O_NONBLOCK */
		fds[0] = usys(SYS_fcntl, p[1], F_DUPFD, 200, 0);
		usys(SYS_close, p[1], 0, 0, 0);
		if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
			usys(SYS_close, p[0], 0, 0, 0);
			sweep_child(nr, fds[0]);
		}
		usys(SYS_close, fds[0], 0, 0, 0);
		/* Up to 10 s; a child that is still there then hangs. */
		while ((r = usys(SYS_wait4, pid, (long)&st, 1, 0)) == 0 &&
		    waited++ < 2000) {
			while ((n = usys(SYS_read, p[0], (long)got, sizeof(got),
			    0)) > 0)
				ran += n;
			usys(SYS_nanosleep, (long)ts, 0, 0, 0);
		}
		if (r == 0) {
			usys(SYS_kill, pid, SIGKILL, 0, 0);
			usys(SYS_wait4, pid, (long)&st, 0, 0);
		}
		while ((n = usys(SYS_read, p[0], (long)got, sizeof(got), 0)) > 0)
			ran += n;
		usys(SYS_close, p[0], 0, 0, 0);
		/* Reap what forks among the patterns left behind. */
		while (usys(SYS_wait4, -1, 0, 1, 0) > 0)
			;
		if ((st & 0x7f) == 0 && ((st >> 8) & 0xff) >= 16)
			ran = 9;	/* all ran, whatever reached the pipe */
		cases += ran;
		if (r == 0) {
			usys_say("uhostile: UNEXPECTED syscall ");
			usys_say_num(nr);
			usys_say(" hung\n");
			unexpected++;
		} else if (ends_caller(nr)) {
			/* Killed or exited at its first call: expected. */
			if (ran != 1) {
				usys_say("uhostile: UNEXPECTED syscall ");
				usys_say_num(nr);
				usys_say(" did not end its caller at once\n");
				unexpected++;
			}
		} else if ((st & 0x7f) != 0 || ((st >> 8) & 0xff) < 16) {
			usys_say("uhostile: UNEXPECTED syscall ");
			usys_say_num(nr);
			usys_say(" ended its caller after ");
			usys_say_num(ran);
			usys_say(" of 9 patterns, status ");
			usys_say_num(st);
			usys_say("\n");
			unexpected++;
		} else {
			unexpected += ((st >> 8) & 0xff) - 16;
		}
	}
}

void
cstart(void)
{
	part_instructions();
	part_calls();
	part_pointers();
	part_sweep();
	/* Still here, and the kernel still answers. */
	count("the kernel still runs", usys(SYS_getpid, 0, 0, 0, 0) > 0);
	usys_say("uhostile: ");
	usys_say_num(cases);
	usys_say(" cases, ");
	usys_say_num(unexpected);
	usys_say(" unexpected\n");
	usys(SYS_exit, unexpected != 0, 0, 0, 0);
}

USYS_START;
