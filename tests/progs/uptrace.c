/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ptrace(2) as a debugger and strace use it: a child that asks to be
 * traced stops at its signals; the tracer reads and writes its memory
 * (data, and text through a breakpoint it plants), its registers (one
 * word, all of them, as a register set, the FPU's) and its debug
 * registers (Linux's checks), single-steps it instruction by
 * instruction, makes a call return early with a value of its choosing,
 * stops it at each system call (entry and exit, TRACESYSGOOD), changes
 * one call into another and skips one, turns a signal into another and
 * suppresses one, follows a fork (the grandchild traced too), an exec
 * and an exit (events, GETEVENTMSG); attaching to a running process and
 * detaching, PTRACE_SEIZE with PTRACE_INTERRUPT, PTRACE_KILL, and the
 * errors (ESRCH, EPERM, EIO, EINVAL).  Static, with the C library, so
 * it runs on the host as the reference.  Prints one line per check and
 * exits 0 if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif
#define NT_PRSTATUS_ 1

static int failures;
static const char *self_path;

static void
check(int ok, const char *what)
{
	printf("uptrace: %s: %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failures++;
}

/* A function whose instructions the tracer knows: 2 nops, mov, ret. */
long bp_func(void);
__asm__(".text\n.globl bp_func\n.type bp_func,@function\nbp_func:\n"
    "\tnop\n\tnop\n\tmovl $4242, %eax\n\tret\n");

static volatile long shared_val = 0x1111;
static volatile int got1, got2;

static void on_usr1(int s) { (void)s; got1++; }
static void on_usr2(int s) { (void)s; got2++; }

static long
pt(int req, pid_t pid, uintptr_t addr, uintptr_t data)
{
	errno = 0;
	return ptrace(req, pid, (void *)addr, (void *)data);
}

/* A raw call: PEEK* write the word at data and return 0. */
static long
rawpt(long req, long pid, uintptr_t addr, uintptr_t data)
{
	long r = syscall(SYS_ptrace, req, pid, addr, data);

	return r < 0 ? -errno : r;
}

/* Wait for pid's next stop; its status >> 8, or -1 if not a stop. */
static int
stop_of(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, __WALL) != pid || !WIFSTOPPED(st))
		return -1;
	return st >> 8;
}

/* The traced child's program. */
static void
child_main(void)
{
	struct sigaction sa;
	pid_t me = getpid(), gc;
	long a, b;
	int st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
		_exit(20);
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) != -1 || errno != EPERM)
		_exit(21);
	raise(SIGSTOP);				/* stop 1 */
	if (shared_val != 0x5555)
		_exit(10);
	if (bp_func() != 4242)			/* breakpoint, steps */
		_exit(11);
	if (bp_func() != 777)			/* an early return */
		_exit(12);
	raise(SIGSTOP);				/* the syscall phase */
	a = syscall(SYS_getppid);		/* made getpid */
	b = syscall(SYS_getuid);		/* skipped: 1234 */
	if (a != me)
		_exit(13);
	if (b != 1234)
		_exit(14);
	raise(SIGUSR1);				/* given as SIGUSR2 */
	raise(SIGUSR1);				/* suppressed */
	if (got1 != 0 || got2 != 1)
		_exit(15);
	gc = fork();
	if (gc == 0)
		_exit(3);
	if (waitpid(gc, &st, 0) != gc || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 3)
		_exit(16);
	execl(self_path, "uptrace", "exec-child", (char *)NULL);
	_exit(17);
}

static void
test_debugger(void)
{
	struct user_regs_struct regs, regs2;
	struct user_fpregs_struct fp;
	struct iovec iov;
	uintptr_t bp = (uintptr_t)bp_func, ret;
	long word, orig;
	unsigned long msg = 0;
	pid_t c, gc;
	int code, st, in_call = 0, saw_enter = 0, saw_exit = 0, sys_ok = 1;
	uint8_t big[1024];

	c = fork();
	if (c == 0)
		child_main();
	check(stop_of(c) == SIGSTOP, "TRACEME child stops at its SIGSTOP");
	{
		siginfo_t si;

		check(pt(PTRACE_GETSIGINFO, c, 0, (uintptr_t)&si) == 0 &&
		    si.si_signo == SIGSTOP && si.si_code == SI_TKILL,
		    "GETSIGINFO: SIGSTOP from tkill");
	}
	/* Memory. */
	word = pt(PTRACE_PEEKDATA, c, (uintptr_t)&shared_val, 0);
	check(word == 0x1111 && errno == 0, "PEEKDATA reads the child's word");
	check(pt(PTRACE_POKEDATA, c, (uintptr_t)&shared_val, 0x5555) == 0,
	    "POKEDATA writes it");
	check(pt(PTRACE_PEEKDATA, c, 0, 0) == -1 && errno == EIO,
	    "PEEKDATA of address 0: EIO");
	check(pt(PTRACE_POKEDATA, c, 8, 0) == -1 && errno == EIO,
	    "POKEDATA of address 8: EIO");
	check(rawpt(PTRACE_PEEKDATA, c, (uintptr_t)&shared_val, 8) == -EFAULT,
	    "raw PEEKDATA to a bad buffer: EFAULT");
	orig = pt(PTRACE_PEEKTEXT, c, bp, 0);
	check(errno == 0 && (orig & 0xffff) == 0x9090,
	    "PEEKTEXT reads the code (two nops)");
	check(pt(PTRACE_POKETEXT, c, bp, (orig & ~0xffL) | 0xcc) == 0,
	    "POKETEXT plants int3 in read-only text");
	check((pt(PTRACE_PEEKTEXT, c, bp, 0) & 0xff) == 0xcc,
	    "the breakpoint reads back");
	check((*(volatile uint8_t *)bp) == 0x90,
	    "the tracer's own text is untouched");
	/* Registers. */
	check(pt(PTRACE_GETREGS, c, 0, (uintptr_t)&regs) == 0,
	    "GETREGS");
	check(pt(PTRACE_PEEKUSER, c, offsetof(struct user_regs_struct, rip),
	    0) == (long)regs.rip && pt(PTRACE_PEEKUSER, c,
	    offsetof(struct user_regs_struct, rsp), 0) == (long)regs.rsp,
	    "PEEKUSER rip and rsp match GETREGS");
	check(regs.orig_rax == SYS_tkill || regs.orig_rax == SYS_tgkill,
	    "orig_rax is raise's tkill");
	check(pt(PTRACE_PEEKUSER, c, 1, 0) == -1 && errno == EIO,
	    "PEEKUSER of an unaligned offset: EIO");
	check(pt(PTRACE_PEEKUSER, c, 928, 0) == -1 && errno == EIO,
	    "PEEKUSER past struct user: EIO");
	check(pt(PTRACE_PEEKUSER, c, 912, 0) == 0 && errno == 0,
	    "PEEKUSER of struct user's tail: 0");
	iov.iov_base = big;
	iov.iov_len = sizeof(big);
	check(pt(PTRACE_GETREGSET, c, NT_PRSTATUS_, (uintptr_t)&iov) == 0 &&
	    iov.iov_len == sizeof(regs) &&
	    ((struct user_regs_struct *)big)->rip == regs.rip,
	    "GETREGSET NT_PRSTATUS: 216 bytes, same registers");
	iov.iov_len = sizeof(big);
	check(pt(PTRACE_GETREGSET, c, 0x999, (uintptr_t)&iov) == -1 &&
	    errno == EINVAL, "GETREGSET of an unknown set: EINVAL");
	check(pt(PTRACE_GETFPREGS, c, 0, (uintptr_t)&fp) == 0 &&
	    fp.mxcsr == 0x1f80, "GETFPREGS: MXCSR 0x1f80");
	fp.mxcsr = 0xffffffff;
	check(pt(PTRACE_SETFPREGS, c, 0, (uintptr_t)&fp) == -1 &&
	    errno == EINVAL, "SETFPREGS with reserved MXCSR bits: EINVAL");
	regs2 = regs;
	regs2.fs_base = 0xffff800000000000UL;
	check(pt(PTRACE_SETREGS, c, 0, (uintptr_t)&regs2) == -1 &&
	    errno == EIO, "SETREGS with a kernel fs_base: EIO");
	/* Debug registers. */
#define DR(n) (offsetof(struct user, u_debugreg) + (n) * sizeof(long))
	check(pt(PTRACE_POKEUSER, c, DR(0), 0xffff800000000000UL) == -1 &&
	    errno == EINVAL, "DR0 = a kernel address: EINVAL");
	check(pt(PTRACE_POKEUSER, c, DR(0), 0x1000) == 0 &&
	    pt(PTRACE_PEEKUSER, c, DR(0), 0) == 0x1000, "DR0 set and read");
	check(pt(PTRACE_POKEUSER, c, DR(7), 0x1) == 0 &&
	    pt(PTRACE_PEEKUSER, c, DR(7), 0) == 0x1, "DR7 enables it");
	check(pt(PTRACE_POKEUSER, c, DR(0), 0xffffffffffffff00UL) == -1 &&
	    errno == EINVAL, "an enabled DR0 = a kernel address: EINVAL");
	check(pt(PTRACE_POKEUSER, c, DR(0), 0x2000) == 0 &&
	    pt(PTRACE_PEEKUSER, c, DR(0), 0) == 0x2000, "DR0 moved");
	check(pt(PTRACE_POKEUSER, c, DR(7), 0x0) == 0, "DR7 cleared");
	check(pt(PTRACE_POKEUSER, c, DR(4), 0) == -1 && errno == EIO,
	    "DR4: EIO");
	check(pt(PTRACE_POKEUSER, c, DR(1), 0x1001) == 0 &&
	    pt(PTRACE_POKEUSER, c, DR(7), 0x4 | (0xdUL << 20)) == -1 &&
	    errno == EINVAL, "an 8-byte watch at an odd address: EINVAL");
	(void)pt(PTRACE_POKEUSER, c, DR(0), 0);
	(void)pt(PTRACE_POKEUSER, c, DR(1), 0);
	check(pt(PTRACE_CONT, c, 0, 0) == 0, "CONT");

	/* The breakpoint. */
	check(stop_of(c) == SIGTRAP, "the breakpoint stops it with SIGTRAP");
	pt(PTRACE_GETREGS, c, 0, (uintptr_t)&regs);
	check(regs.rip == bp + 1, "rip is past the int3");
	{
		siginfo_t si;

		check(pt(PTRACE_GETSIGINFO, c, 0, (uintptr_t)&si) == 0 &&
		    si.si_signo == SIGTRAP && si.si_code == SI_KERNEL,
		    "int3's siginfo: SIGTRAP, SI_KERNEL");
	}
	check(pt(PTRACE_POKETEXT, c, bp, orig) == 0, "the code restored");
	regs.rip = bp;
	check(pt(PTRACE_SETREGS, c, 0, (uintptr_t)&regs) == 0,
	    "SETREGS moves rip back");
	ret = (uintptr_t)pt(PTRACE_PEEKDATA, c, regs.rsp, 0);
	{
		static const uintptr_t want[] = { 1, 2, 7 };
		int ok = 1;

		for (int i = 0; i < 3; i++) {
			ok &= pt(PTRACE_SINGLESTEP, c, 0, 0) == 0 &&
			    stop_of(c) == SIGTRAP;
			pt(PTRACE_GETREGS, c, 0, (uintptr_t)&regs);
			ok &= regs.rip == bp + want[i];
		}
		check(ok, "three single steps: nop, nop, mov");
		check(regs.rax == 4242 && !(regs.eflags & 0x100),
		    "the mov's result is in rax; TF hidden");
		ok = pt(PTRACE_SINGLESTEP, c, 0, 0) == 0 &&
		    stop_of(c) == SIGTRAP;
		pt(PTRACE_GETREGS, c, 0, (uintptr_t)&regs);
		check(ok && regs.rip == ret, "the ret steps to the caller");
	}
	{
		siginfo_t si;

		check(pt(PTRACE_GETSIGINFO, c, 0, (uintptr_t)&si) == 0 &&
		    si.si_signo == SIGTRAP && si.si_code == 2,
		    "a step's siginfo: SIGTRAP, TRAP_TRACE");
	}
	pt(PTRACE_POKETEXT, c, bp, (orig & ~0xffL) | 0xcc);
	pt(PTRACE_CONT, c, 0, 0);
	/* Second call: return 777 at once. */
	check(stop_of(c) == SIGTRAP, "the breakpoint again");
	pt(PTRACE_GETREGS, c, 0, (uintptr_t)&regs);
	regs.rip = (uintptr_t)pt(PTRACE_PEEKDATA, c, regs.rsp, 0);
	regs.rsp += 8;
	regs.rax = 777;
	check(pt(PTRACE_SETREGS, c, 0, (uintptr_t)&regs) == 0,
	    "SETREGS: return 777 to the caller");
	pt(PTRACE_POKETEXT, c, bp, orig);
	pt(PTRACE_CONT, c, 0, 0);

	/* System calls. */
	check(stop_of(c) == SIGSTOP, "the child stops for the syscall phase");
	check(pt(PTRACE_SETOPTIONS, c, 0, PTRACE_O_TRACESYSGOOD) == 0,
	    "SETOPTIONS TRACESYSGOOD");
	check(pt(PTRACE_SETOPTIONS, c, 0, 0x80000000UL) == -1 &&
	    errno == EINVAL, "SETOPTIONS with an unknown bit: EINVAL");
	pt(PTRACE_SYSCALL, c, 0, 0);
	for (;;) {
		code = stop_of(c);
		if (code != (SIGTRAP | 0x80))
			break;
		pt(PTRACE_GETREGS, c, 0, (uintptr_t)&regs);
		if (!in_call) {
			sys_ok &= regs.rax == (unsigned long)-ENOSYS;
			if (regs.orig_rax == SYS_getppid) {
				regs.orig_rax = SYS_getpid;
				pt(PTRACE_SETREGS, c, 0, (uintptr_t)&regs);
				saw_enter++;
			} else if (regs.orig_rax == SYS_getuid) {
				regs.orig_rax = -1;
				regs.rax = 1234;
				pt(PTRACE_SETREGS, c, 0, (uintptr_t)&regs);
				saw_enter++;
			}
		} else if (regs.orig_rax == SYS_getpid &&
		    regs.rax == (unsigned long)c) {
			saw_exit++;
		}
		in_call = !in_call;
		pt(PTRACE_SYSCALL, c, 0, 0);
	}
	check(sys_ok, "every syscall-entry stop shows rax -ENOSYS");
	check(saw_enter == 2 && saw_exit == 1,
	    "getppid made getpid (its exit stop seen), getuid skipped");
	/* Signals. */
	check(code == SIGUSR1, "a signal-delivery stop for SIGUSR1");
	check(pt(PTRACE_CONT, c, 0, 99) == -1 && errno == EIO,
	    "CONT with signal 99: EIO");
	pt(PTRACE_CONT, c, 0, SIGUSR2);
	check(stop_of(c) == SIGUSR1, "the second SIGUSR1 stops it");
	check(pt(PTRACE_SETOPTIONS, c, 0, PTRACE_O_TRACEFORK |
	    PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT) == 0,
	    "SETOPTIONS TRACEFORK, TRACEEXEC, TRACEEXIT");
	pt(PTRACE_CONT, c, 0, 0);
	/* fork. */
	check(stop_of(c) == (SIGTRAP | PTRACE_EVENT_FORK << 8),
	    "PTRACE_EVENT_FORK");
	pt(PTRACE_GETEVENTMSG, c, 0, (uintptr_t)&msg);
	gc = (pid_t)msg;
	check(gc > 0 && gc != c, "GETEVENTMSG: the new pid");
	check(stop_of(gc) == SIGSTOP, "the grandchild starts stopped, traced");
	pt(PTRACE_CONT, gc, 0, 0);
	check(stop_of(gc) == (SIGTRAP | PTRACE_EVENT_EXIT << 8),
	    "the grandchild's PTRACE_EVENT_EXIT");
	pt(PTRACE_GETEVENTMSG, gc, 0, (uintptr_t)&msg);
	check(msg == 3 << 8, "its event message: the exit status");
	pt(PTRACE_CONT, gc, 0, 0);
	check(waitpid(gc, &st, __WALL) == gc && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 3, "the tracer sees the grandchild exit 3");
	pt(PTRACE_CONT, c, 0, 0);
	/* exec and exit. */
	/* The grandchild's SIGCHLD stops the child too: passed on. */
	while ((code = stop_of(c)) == SIGCHLD)
		pt(PTRACE_CONT, c, 0, SIGCHLD);
	check(code == (SIGTRAP | PTRACE_EVENT_EXEC << 8),
	    "PTRACE_EVENT_EXEC");
	pt(PTRACE_GETEVENTMSG, c, 0, (uintptr_t)&msg);
	check(msg == (unsigned long)c, "its event message: the pid");
	pt(PTRACE_CONT, c, 0, 0);
	check(stop_of(c) == (SIGTRAP | PTRACE_EVENT_EXIT << 8),
	    "PTRACE_EVENT_EXIT");
	pt(PTRACE_GETEVENTMSG, c, 0, (uintptr_t)&msg);
	check(msg == 7 << 8, "its event message: exit status 7");
	pt(PTRACE_CONT, c, 0, 0);
	check(waitpid(c, &st, 0) == c && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 7, "the child exits 7 (all its own checks held)");
}

/* Does /proc/pid/status hold line? */
static int
status_has(pid_t pid, const char *line)
{
	char path[64], buf[2048];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, line) != NULL;
}

static pid_t
sleeper(void)
{
	pid_t c = fork();

	if (c == 0)
		for (;;)
			pause();
	return c;
}

static void
test_attach(void)
{
	struct user_regs_struct regs;
	pid_t c = sleeper(), k;
	int st;

	usleep(20000);
	check(pt(PTRACE_PEEKDATA, c, (uintptr_t)&shared_val, 0) == -1 &&
	    errno == ESRCH, "PEEKDATA of an untraced child: ESRCH");
	check(pt(PTRACE_ATTACH, c, 0, 0) == 0, "ATTACH");
	check(stop_of(c) == SIGSTOP, "the attached process stops");
	{
		char line[64];

		snprintf(line, sizeof(line), "TracerPid:\t%d\n", (int)getpid());
		check(status_has(c, line) &&
		    status_has(c, "State:\tt (tracing stop)\n"),
		    "/proc/PID/status: TracerPid, t (tracing stop)");
	}
	check(pt(PTRACE_ATTACH, c, 0, 0) == -1 && errno == EPERM,
	    "ATTACH again: EPERM");
	check(pt(PTRACE_GETREGS, c, 0, (uintptr_t)&regs) == 0 &&
	    regs.orig_rax == SYS_pause, "it was in pause (orig_rax)");
	check(pt(PTRACE_DETACH, c, 0, 0) == 0, "DETACH");
	check(pt(PTRACE_PEEKDATA, c, (uintptr_t)&shared_val, 0) == -1 &&
	    errno == ESRCH, "after DETACH: ESRCH");
	kill(c, SIGTERM);
	check(waitpid(c, &st, 0) == c && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGTERM, "it runs on: SIGTERM ends it");

	c = sleeper();
	usleep(20000);
	check(pt(PTRACE_SEIZE, c, 0, PTRACE_O_TRACESYSGOOD) == 0, "SEIZE");
	check(waitpid(c, &st, WNOHANG | __WALL) == 0, "SEIZE does not stop it");
	check(pt(PTRACE_CONT, c, 0, 0) == -1 && errno == ESRCH,
	    "CONT of a running tracee: ESRCH");
	check(pt(PTRACE_INTERRUPT, c, 0, 0) == 0, "INTERRUPT");
	check(stop_of(c) == (SIGTRAP | PTRACE_EVENT_STOP << 8),
	    "the interrupt stop: SIGTRAP | PTRACE_EVENT_STOP << 8");
	check(pt(PTRACE_CONT, c, 0, 0) == 0, "CONT after it");
	kill(c, SIGKILL);
	check(waitpid(c, &st, __WALL) == c && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGKILL, "SIGKILL ends the seized one");

	/* PTRACE_KILL of a stopped tracee. */
	c = fork();
	if (c == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGUSR1);
		_exit(0);
	}
	check(stop_of(c) == SIGUSR1, "a tracee stops at SIGUSR1");
	check(pt(PTRACE_KILL, c, 0, 0) == 0, "PTRACE_KILL");
	check(waitpid(c, &st, __WALL) == c && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGKILL, "it dies of SIGKILL");

	/* Who may attach. */
	check(pt(PTRACE_ATTACH, getpid(), 0, 0) == -1 && errno == EPERM,
	    "ATTACH to itself: EPERM");
	check(pt(PTRACE_ATTACH, 999999, 0, 0) == -1 && errno == ESRCH,
	    "ATTACH to no process: ESRCH");
	c = sleeper();
	k = fork();
	if (k == 0) {
		if (setuid(65534) != 0)
			_exit(2);
		_exit(ptrace(PTRACE_ATTACH, c, 0, 0) == -1 && errno == EPERM ?
		    0 : 1);
	}
	check(waitpid(k, &st, 0) == k && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0, "another uid cannot ATTACH: EPERM");
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return 7;
	self_path = argv[0];
	setvbuf(stdout, NULL, _IONBF, 0);
	/* As init in the guest, /proc is ours to mount. */
	if (access("/proc/self", F_OK) != 0)
		(void)mount("proc", "/proc", "proc", 0, NULL);
	test_debugger();
	test_attach();
	if (failures == 0)
		printf("uptrace: done, all checks passed\n");
	else
		printf("uptrace: %d checks failed\n", failures);
	return failures != 0;
}
