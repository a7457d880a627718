/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Process handles and the calls on other processes, each check as Linux
 * answers it (run on the host to compare): pidfd_open (flags, errors,
 * close-on-exec, poll and epoll readiness at the exit), waitid(P_PIDFD)
 * (blocking, PIDFD_NONBLOCK's EAGAIN), pidfd_send_signal (siginfo rules,
 * SI_USER, a zombie, a reaped child, /proc/<pid> directories),
 * pidfd_getfd, clone(CLONE_PIDFD) and clone3, close_range (ranges,
 * CLOSE_RANGE_CLOEXEC, a table shared by CLONE_FILES and
 * CLOSE_RANGE_UNSHARE), kcmp (every type, order, errors),
 * process_vm_readv/writev (whole, partial, errors), execveat (dirfd,
 * AT_EMPTY_PATH on O_PATH and regular descriptors, AT_SYMLINK_NOFOLLOW),
 * prctl (parent-death signal, child subreaper, names, no_new_privs,
 * timer slack, TSC, ambient capabilities) and getpgid/getsid of any
 * process.  The EPERM cases run as an unprivileged user in a child.
 * Prints "upidfd: done, all checks passed" and exits 0 if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define NR_pidfd_send_signal	424
#define NR_pidfd_open		434
#define NR_clone3		435
#define NR_close_range		436
#define NR_pidfd_getfd		438
#define NR_kcmp			312
#define NR_execveat		322
#define P_PIDFD_		3
#define PIDFD_NONBLOCK_		O_NONBLOCK
#define CLONE_PIDFD_		0x1000
#define CLOSE_RANGE_UNSHARE_	(1U << 1)
#define CLOSE_RANGE_CLOEXEC_	(1U << 2)
#define KCMP_FILE_		0
#define KCMP_VM_		1
#define KCMP_FILES_		2
#define KCMP_FS_		3
#define KCMP_SIGHAND_		4
#define KCMP_IO_		5
#define KCMP_SYSVSEM_		6
#define KCMP_EPOLL_TFD_		7
#define AT_EMPTY_PATH_		0x1000
#define AT_SYMLINK_NOFOLLOW_	0x100
#define NOBODY			65534

static int failed;
static const char *self_path;

static void
check(const char *what, int ok)
{
	printf("upidfd: %s %s\n", ok ? "ok" : "FAILED", what);
	fflush(stdout);
	if (!ok)
		failed = 1;
}

/* Did call r fail with errno e? */
static int
err(long r, int e)
{
	return r == -1 && errno == e;
}

static long
pidfd_open_(int pid, unsigned int flags)
{
	return syscall(NR_pidfd_open, pid, flags);
}

static long
send_(int fd, int sig, siginfo_t *info, unsigned int flags)
{
	return syscall(NR_pidfd_send_signal, fd, sig, info, flags);
}

static long
getfd_(int pidfd, int fd, unsigned int flags)
{
	return syscall(NR_pidfd_getfd, pidfd, fd, flags);
}

static long
close_range_(unsigned int a, unsigned int b, unsigned int flags)
{
	return syscall(NR_close_range, a, b, flags);
}

static long
kcmp_(int p1, int p2, int type, unsigned long a, unsigned long b)
{
	return syscall(NR_kcmp, p1, p2, type, a, b);
}

/* A child that waits for a byte on a pipe, then exits with code. */
static int
waiter(int *wfd, int code)
{
	int p[2], pid;
	char c;

	if (pipe(p) != 0)
		return -1;
	if ((pid = fork()) == 0) {
		close(p[1]);
		(void)!read(p[0], &c, 1);
		_exit(code);
	}
	close(p[0]);
	*wfd = p[1];
	return pid;
}

/* A pid nobody has: a child's, once reaped. */
static int
unused_pid(void)
{
	int pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

static volatile sig_atomic_t got_sig, got_code, got_pid, got_value;

static void
on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_value = si->si_value.sival_int;
}

static void
test_pidfd_open(void)
{
	int fd, w, pid, st;
	struct pollfd pf;
	char c;

	fd = (int)pidfd_open_(getpid(), 0);
	check("pidfd_open(self) gives a descriptor", fd >= 0);
	check("a pidfd is close-on-exec", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
	check("a pidfd is open read-write",
	    (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	check("read on a pidfd: EINVAL", err(read(fd, &c, 1), EINVAL));
	close(fd);
	check("pidfd_open: unknown flags EINVAL",
	    err(pidfd_open_(getpid(), 1), EINVAL));
	check("pidfd_open(-1): EINVAL", err(pidfd_open_(-1, 0), EINVAL));
	check("pidfd_open(0): EINVAL", err(pidfd_open_(0, 0), EINVAL));
	check("pidfd_open(unused pid): ESRCH",
	    err(pidfd_open_(unused_pid(), 0), ESRCH));
	fd = (int)pidfd_open_(getpid(), PIDFD_NONBLOCK_);
	check("PIDFD_NONBLOCK sets O_NONBLOCK",
	    fd >= 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
	close(fd);

	/* Readable once the process has exited, not before. */
	pid = waiter(&w, 3);
	fd = (int)pidfd_open_(pid, 0);
	pf = (struct pollfd){ .fd = fd, .events = POLLIN };
	check("a running child's pidfd polls not ready",
	    poll(&pf, 1, 0) == 0 && pf.revents == 0);
	close(w);
	pf.revents = 0;
	check("its exit makes it readable",
	    poll(&pf, 1, 10000) == 1 && pf.revents == POLLIN);
	check("a zombie still has a pidfd", (st = (int)pidfd_open_(pid, 0)) >= 0);
	close(st);
	waitpid(pid, &st, 0);
	pf.revents = 0;
	/* Linux 6.9 and later add POLLHUP once reaped; 6.1 does not. */
	check("reaped: still readable", poll(&pf, 1, 0) == 1 &&
	    (pf.revents & ~POLLHUP) == POLLIN);
	pf.events = POLLRDNORM;
	check("... and POLLRDNORM", poll(&pf, 1, 0) == 1 &&
	    (pf.revents & ~POLLHUP) == POLLRDNORM);
	check("a reaped child's pid: ESRCH", err(pidfd_open_(pid, 0), ESRCH));
	close(fd);

	/* Through epoll, woken by the exit. */
	{
		int ep = epoll_create1(0);
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 77 };

		pid = waiter(&w, 0);
		fd = (int)pidfd_open_(pid, 0);
		check("epoll takes a pidfd",
		    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0);
		check("epoll: nothing before the exit",
		    epoll_wait(ep, &ev, 1, 0) == 0);
		close(w);
		check("epoll: the exit is announced",
		    epoll_wait(ep, &ev, 1, 10000) == 1 && ev.data.u32 == 77 &&
		    (ev.events & EPOLLIN));
		waitpid(pid, NULL, 0);
		close(fd);
		close(ep);
	}
}

static void
test_waitid(void)
{
	siginfo_t si;
	int fd, nfd, w, pid, p[2];

	pid = waiter(&w, 9);
	fd = (int)pidfd_open_(pid, 0);
	nfd = (int)pidfd_open_(pid, PIDFD_NONBLOCK_);
	check("waitid(P_PIDFD, nonblocking, running): EAGAIN",
	    err(waitid(P_PIDFD_, nfd, &si, WEXITED), EAGAIN));
	memset(&si, 0xff, sizeof(si));
	check("waitid(P_PIDFD, WNOHANG, running): 0, si_pid 0",
	    waitid(P_PIDFD_, fd, &si, WEXITED | WNOHANG) == 0 &&
	    si.si_pid == 0);
	close(w);
	memset(&si, 0, sizeof(si));
	check("waitid(P_PIDFD) reaps the child", waitid(P_PIDFD_, fd, &si,
	    WEXITED) == 0 && si.si_pid == pid && si.si_code == CLD_EXITED &&
	    si.si_status == 9);
	check("waitid(P_PIDFD) again: ECHILD",
	    err(waitid(P_PIDFD_, fd, &si, WEXITED), ECHILD));
	close(fd);
	close(nfd);
	if (pipe(p) != 0)
		return;
	check("waitid(P_PIDFD, a pipe): EBADF",
	    err(waitid(P_PIDFD_, p[0], &si, WEXITED), EBADF));
	check("waitid(P_PIDFD, -1): EINVAL",
	    err(waitid(P_PIDFD_, -1, &si, WEXITED), EINVAL));
	fd = (int)pidfd_open_(getpid(), 0);
	check("waitid(P_PIDFD, self): ECHILD",
	    err(waitid(P_PIDFD_, fd, &si, WEXITED), ECHILD));
	close(fd);
	close(p[0]);
	close(p[1]);
}

static void
test_send_signal(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	siginfo_t info;
	int fd, w, pid, st, p[2];

	sigaction(SIGUSR1, &sa, NULL);
	fd = (int)pidfd_open_(getpid(), 0);
	got_sig = 0;
	check("pidfd_send_signal(self, SIGUSR1)", send_(fd, SIGUSR1, NULL, 0) == 0);
	check("... delivered as SI_USER from us", got_sig == SIGUSR1 &&
	    got_code == SI_USER && got_pid == getpid());
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGUSR1;
	info.si_code = SI_QUEUE;
	info.si_pid = getpid();
	info.si_uid = getuid();
	info.si_value.sival_int = 777;
	got_sig = 0;
	check("with a siginfo", send_(fd, SIGUSR1, &info, 0) == 0);
	check("... delivered with its value", got_sig == SIGUSR1 &&
	    got_code == SI_QUEUE && got_value == 777);
	/* 1, 2 and 4 became thread and group flags in Linux 6.9. */
	check("flags: EINVAL", err(send_(fd, SIGUSR1, NULL, 8), EINVAL));
	check("si_signo differs: EINVAL", err(send_(fd, SIGUSR2, &info, 0),
	    EINVAL));
	check("bad signal: EINVAL", err(send_(fd, 99, NULL, 0), EINVAL));
	check("siginfo unreadable: EFAULT",
	    err(send_(fd, SIGUSR1, (siginfo_t *)8, 0), EFAULT));
	check("signal 0: a check only", send_(fd, 0, NULL, 0) == 0);
	close(fd);
	if (pipe(p) != 0)
		return;
	check("a pipe is not a pidfd: EBADF",
	    err(send_(p[0], SIGUSR1, NULL, 0), EBADF));
	check("a closed descriptor: EBADF", err(send_(99, SIGUSR1, NULL, 0),
	    EBADF));
	close(p[0]);
	close(p[1]);

	/* To another process: a kill, a zombie, one reaped. */
	pid = waiter(&w, 0);
	fd = (int)pidfd_open_(pid, 0);
	check("pidfd_send_signal(child, SIGKILL)", send_(fd, SIGKILL, NULL, 0) == 0);
	waitid(P_PIDFD_, fd, &info, WEXITED | WNOWAIT);
	check("... a zombie takes a signal", send_(fd, SIGUSR1, NULL, 0) == 0);
	waitpid(pid, &st, 0);
	check("... it died of it", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	check("a reaped child: ESRCH", err(send_(fd, SIGUSR1, NULL, 0), ESRCH));
	close(fd);
	close(w);
	pid = waiter(&w, 0);
	fd = (int)pidfd_open_(pid, 0);
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGUSR1;
	info.si_code = SI_KERNEL;
	info.si_pid = getpid();
	check("posing as the kernel toward another: EPERM",
	    err(send_(fd, SIGUSR1, &info, 0), EPERM));
	close(w);
	waitpid(pid, NULL, 0);
	close(fd);

	/* A /proc/<pid> directory is a process handle too. */
	if ((fd = open("/proc/self", O_DIRECTORY | O_RDONLY)) >= 0) {
		got_sig = 0;
		check("pidfd_send_signal(/proc/self)",
		    send_(fd, SIGUSR1, NULL, 0) == 0 && got_sig == SIGUSR1);
		close(fd);
		fd = open("/proc", O_DIRECTORY | O_RDONLY);
		check("/proc itself is not: EBADF",
		    err(send_(fd, SIGUSR1, NULL, 0), EBADF));
		close(fd);
	} else {
		check("/proc is there", 0);
	}
	signal(SIGUSR1, SIG_DFL);
}

static void
test_getfd(void)
{
	int p[2], q[2], fd, pid, got, st;
	char c = 'x', d = 0;

	if (pipe(p) != 0 || pipe(q) != 0)
		return;
	/* The child opens a pipe of its own and tells its number. */
	if ((pid = fork()) == 0) {
		int r[2];

		if (pipe(r) != 0)
			_exit(1);
		(void)!write(p[1], &r[1], sizeof(r[1]));
		(void)!read(q[0], &c, 1);
		_exit(read(r[0], &d, 1) == 1 && d == 'y' ? 0 : 2);
	}
	(void)!read(p[0], &got, sizeof(got));
	fd = (int)pidfd_open_(pid, 0);
	st = (int)getfd_(fd, got, 0);
	check("pidfd_getfd takes the child's descriptor", st >= 0);
	check("... close-on-exec", (fcntl(st, F_GETFD) & FD_CLOEXEC) != 0);
	check("... the same open file (kcmp)",
	    kcmp_(getpid(), pid, KCMP_FILE_, (unsigned long)st, (unsigned long)got) == 0);
	d = 'y';
	check("... writing to it reaches the child", write(st, &d, 1) == 1);
	close(st);
	check("flags: EINVAL", err(getfd_(fd, got, 1), EINVAL));
	check("target descriptor not open: EBADF", err(getfd_(fd, 900, 0), EBADF));
	check("target -1: EBADF", err(getfd_(fd, -1, 0), EBADF));
	check("not a pidfd: EBADF", err(getfd_(p[0], 0, 0), EBADF));
	(void)!write(q[1], &c, 1);
	waitpid(pid, &st, 0);
	check("the child read what we wrote", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	check("a reaped child: ESRCH", err(getfd_(fd, 0, 0), ESRCH));
	close(fd);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

static void
test_clone_pidfd(void)
{
	struct clone_args_ a;
	unsigned char big[4200];
	int pidfd = -1, pid;
	siginfo_t si;

	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PIDFD_;
	a.pidfd = (uint64_t)(uintptr_t)&pidfd;
	a.exit_signal = SIGCHLD;
	pid = (int)syscall(NR_clone3, &a, sizeof(a));
	if (pid == 0)
		_exit(12);
	check("clone3(CLONE_PIDFD) gives a child and a pidfd",
	    pid > 0 && pidfd >= 0 &&
	    (fcntl(pidfd, F_GETFD) & FD_CLOEXEC) != 0);
	memset(&si, 0, sizeof(si));
	check("... which waitid(P_PIDFD) reaps", waitid(P_PIDFD_, pidfd, &si,
	    WEXITED) == 0 && si.si_pid == pid && si.si_status == 12);
	close(pidfd);
	check("clone3 size below 64: EINVAL",
	    err(syscall(NR_clone3, &a, 56), EINVAL));
	memset(big, 0, sizeof(big));
	memcpy(big, &a, sizeof(a));
	check("clone3 size past a page: E2BIG",
	    err(syscall(NR_clone3, big, 4097), E2BIG));
	big[100] = 1;
	check("clone3 unknown tail not zero: E2BIG",
	    err(syscall(NR_clone3, big, 128), E2BIG));
	a.exit_signal = 0x100;
	check("clone3 exit_signal too big: EINVAL",
	    err(syscall(NR_clone3, &a, sizeof(a)), EINVAL));

	/* clone(2): the descriptor goes where parent_tid points. */
	pidfd = -1;
	pid = (int)syscall(SYS_clone, CLONE_PIDFD_ | SIGCHLD, 0, &pidfd, 0, 0);
	if (pid == 0)
		_exit(13);
	check("clone(CLONE_PIDFD) stores the pidfd", pid > 0 && pidfd >= 0);
	check("... for that child", waitid(P_PIDFD_, pidfd, &si, WEXITED) == 0 &&
	    si.si_pid == pid && si.si_status == 13);
	close(pidfd);
	check("clone(CLONE_PIDFD | CLONE_PARENT_SETTID): EINVAL",
	    err(syscall(SYS_clone, CLONE_PIDFD_ | CLONE_PARENT_SETTID | SIGCHLD,
	    0, &pidfd, 0, 0), EINVAL));
}

static int
is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static void
test_close_range(void)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY), pid, st, p[2];
	char c;

	dup2(fd, 40);
	dup2(fd, 41);
	dup2(fd, 42);
	dup2(fd, 50);
	check("close_range(41, 42) closes those only", close_range_(41, 42, 0) == 0 &&
	    is_open(40) && !is_open(41) && !is_open(42) && is_open(50));
	check("CLOSE_RANGE_CLOEXEC marks, keeps open",
	    close_range_(45, 60, CLOSE_RANGE_CLOEXEC_) == 0 && is_open(50) &&
	    (fcntl(50, F_GETFD) & FD_CLOEXEC) && !(fcntl(40, F_GETFD) & FD_CLOEXEC));
	check("first > last: EINVAL", err(close_range_(5, 4, 0), EINVAL));
	check("unknown flags: EINVAL", err(close_range_(45, 46, 8), EINVAL));
	check("close_range(~0, ~0): nothing to do", close_range_(~0U, ~0U, 0) == 0);
	check("to the end of the table", close_range_(45, ~0U, 0) == 0 &&
	    !is_open(50) && is_open(40));

	/* A child sharing the table (CLONE_FILES) closes for both... */
	if (pipe(p) != 0)
		return;
	pid = (int)syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		close_range_(40, 40, 0);
		dup2(fd, 43);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check("CLONE_FILES: the child's close and dup are ours",
	    !is_open(40) && is_open(43));
	/* ...unless it unshares first. */
	pid = (int)syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		close_range_(43, 43, CLOSE_RANGE_UNSHARE_);
		_exit(is_open(43) ? 1 : 0);
	}
	waitpid(pid, &st, 0);
	check("CLOSE_RANGE_UNSHARE: the child's close is its own",
	    is_open(43) && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	check("kcmp(KCMP_FILES) of a CLONE_FILES child: equal", ({
		int r;
		pid = (int)syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
		if (pid == 0) {
			(void)!read(p[0], &c, 1);
			_exit(0);
		}
		r = (int)kcmp_(getpid(), pid, KCMP_FILES_, 0, 0);
		(void)!write(p[1], "x", 1);
		waitpid(pid, NULL, 0);
		r == 0;
	}));
	close(43);
	close(fd);
	close(p[0]);
	close(p[1]);
}

static char child_stack[65536] __attribute__((aligned(16)));

static int
vm_child(void *arg)
{
	int *rd = arg;
	char c;

	(void)!read(*rd, &c, 1);
	return 0;
}

/* kcmp of us and a child cloned with flags: the child waits on a pipe. */
static long
kcmp_child(int flags, int type)
{
	int p[2], pid;
	long r;

	if (pipe(p) != 0)
		return -2;
	pid = clone(vm_child, child_stack + sizeof(child_stack),
	    flags | SIGCHLD, &p[0]);
	r = kcmp_(getpid(), pid, type, 0, 0);
	(void)!write(p[1], "x", 1);
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	return r;
}

static int
fs_child(void *arg)
{
	(void)arg;
	if (chdir("/tmp") != 0)
		return 1;
	umask(077);
	return 0;
}

/* CLONE_FS: the child's chdir and umask are the parent's. */
static void
test_clone_fs(void)
{
	char cwd[64];
	int pid, st;
	mode_t old;

	pid = clone(fs_child, child_stack + sizeof(child_stack),
	    CLONE_FS | SIGCHLD, NULL);
	waitpid(pid, &st, 0);
	old = umask(022);
	check("CLONE_FS: the child's chdir and umask are ours",
	    pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	    getcwd(cwd, sizeof(cwd)) != NULL && strcmp(cwd, "/tmp") == 0 &&
	    old == 077);
	if (chdir("/") != 0)
		check("chdir back", 0);
	pid = clone(fs_child, child_stack + sizeof(child_stack), SIGCHLD, NULL);
	waitpid(pid, &st, 0);
	old = umask(022);
	check("without it, they are its own",
	    getcwd(cwd, sizeof(cwd)) != NULL && strcmp(cwd, "/") == 0 &&
	    old == 022);
}

static void
test_kcmp(void)
{
	int a = open("/", O_RDONLY), b = dup(a), c = open("/", O_RDONLY);
	int me = getpid(), ep, p[2];
	long r1, r2;
	struct {
		uint32_t efd, tfd, toff;
	} slot;
	struct epoll_event ev = { .events = EPOLLIN };

	check("KCMP_FILE of dup'ed descriptors: 0",
	    kcmp_(me, me, KCMP_FILE_, (unsigned long)a, (unsigned long)b) == 0);
	r1 = kcmp_(me, me, KCMP_FILE_, (unsigned long)a, (unsigned long)c);
	r2 = kcmp_(me, me, KCMP_FILE_, (unsigned long)c, (unsigned long)a);
	check("KCMP_FILE of two opens: ordered, both ways",
	    (r1 == 1 && r2 == 2) || (r1 == 2 && r2 == 1));
	check("KCMP_VM, KCMP_FILES, KCMP_SIGHAND of self: 0",
	    kcmp_(me, me, KCMP_VM_, 0, 0) == 0 &&
	    kcmp_(me, me, KCMP_FILES_, 0, 0) == 0 &&
	    kcmp_(me, me, KCMP_SIGHAND_, 0, 0) == 0);
	check("KCMP_VM of a forked child: differs", kcmp_child(0, KCMP_VM_) > 0);
	check("KCMP_VM of a CLONE_VM child: 0",
	    kcmp_child(CLONE_VM, KCMP_VM_) == 0);
	check("KCMP_FILES of a forked child: differs",
	    kcmp_child(0, KCMP_FILES_) > 0);
	/* Linux makes I/O contexts lazily: two without any compare equal. */
	check("KCMP_IO: CLONE_IO shares", kcmp_child(CLONE_IO, KCMP_IO_) == 0);
	check("KCMP_SYSVSEM: CLONE_SYSVSEM shares, fork does not",
	    kcmp_child(CLONE_SYSVSEM, KCMP_SYSVSEM_) == 0 &&
	    kcmp_child(0, KCMP_SYSVSEM_) > 0);
	check("KCMP_FS: CLONE_FS shares, fork does not",
	    kcmp_child(CLONE_FS, KCMP_FS_) == 0 && kcmp_child(0, KCMP_FS_) > 0);
	check("KCMP_SIGHAND of a forked child: differs",
	    kcmp_child(0, KCMP_SIGHAND_) > 0);
	check("unknown type: EINVAL", err(kcmp_(me, me, 8, 0, 0), EINVAL) &&
	    err(kcmp_(me, me, -1, 0, 0), EINVAL));
	check("unused pid: ESRCH", err(kcmp_(me, unused_pid(), KCMP_FILE_, 0, 0),
	    ESRCH));
	check("descriptor not open: EBADF",
	    err(kcmp_(me, me, KCMP_FILE_, (unsigned long)a, 999), EBADF));
	if (pipe(p) != 0)
		return;
	ep = epoll_create1(0);
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	slot = (typeof(slot)){ (uint32_t)ep, (uint32_t)p[0], 0 };
	check("KCMP_EPOLL_TFD: the registered file",
	    kcmp_(me, me, KCMP_EPOLL_TFD_, (unsigned long)p[0],
	    (unsigned long)&slot) == 0);
	slot.toff = 1;
	check("KCMP_EPOLL_TFD: no such registration: ENOENT",
	    err(kcmp_(me, me, KCMP_EPOLL_TFD_, (unsigned long)p[0],
	    (unsigned long)&slot), ENOENT));
	slot = (typeof(slot)){ (uint32_t)p[1], (uint32_t)p[0], 0 };
	check("KCMP_EPOLL_TFD: not an epoll: EINVAL",
	    err(kcmp_(me, me, KCMP_EPOLL_TFD_, (unsigned long)p[0],
	    (unsigned long)&slot), EINVAL));
	close(ep);
	close(p[0]);
	close(p[1]);
	close(a);
	close(b);
	close(c);
}

static char remote[8192] __attribute__((aligned(4096)));

static void
test_process_vm(void)
{
	char local[64], buf[16];
	struct iovec l[2], r[2];
	int w, pid, me = getpid(), st;
	long n;

	memcpy(remote, "the child's bytes", 18);
	pid = waiter(&w, 0);	/* a copy of remote, same address */
	memcpy(remote, "changed in parent", 18);
	l[0] = (struct iovec){ local, 5 };
	l[1] = (struct iovec){ local + 5, 13 };
	r[0] = (struct iovec){ remote, 18 };
	memset(local, 0, sizeof(local));
	n = process_vm_readv(pid, l, 2, r, 1, 0);
	check("process_vm_readv of a child: its own copy",
	    n == 18 && strcmp(local, "the child's bytes") == 0);
	l[0] = (struct iovec){ (void *)"written by parent", 18 };
	n = process_vm_writev(pid, l, 1, r, 1, 0);
	memset(local, 0, sizeof(local));
	l[0] = (struct iovec){ local, 18 };
	check("process_vm_writev, then read back",
	    n == 18 && process_vm_readv(pid, l, 1, r, 1, 0) == 18 &&
	    strcmp(local, "written by parent") == 0);
	check("... our copy untouched", strcmp(remote, "changed in parent") == 0);
	/* Partial: the second remote piece is not mapped. */
	r[0] = (struct iovec){ remote, 4 };
	r[1] = (struct iovec){ (void *)8, 4 };
	l[0] = (struct iovec){ buf, 8 };
	check("a bad second piece: the first one's bytes",
	    process_vm_readv(pid, l, 1, r, 2, 0) == 4);
	r[0] = (struct iovec){ (void *)8, 4 };
	check("nothing reachable: EFAULT",
	    err(process_vm_readv(pid, l, 1, r, 1, 0), EFAULT));
	r[0] = (struct iovec){ remote, 4 };
	check("flags: EINVAL", err(process_vm_readv(pid, l, 1, r, 1, 1), EINVAL));
	l[0].iov_len = (size_t)-1;
	check("a negative length: EINVAL",
	    err(process_vm_readv(pid, l, 1, r, 1, 0), EINVAL));
	l[0] = (struct iovec){ (void *)-1, 8 };
	check("a local buffer out of range: EFAULT",
	    err(process_vm_readv(pid, l, 1, r, 1, 0), EFAULT));
	l[0] = (struct iovec){ buf, 8 };
	check("1025 local pieces: EINVAL",
	    err(process_vm_readv(pid, l, 1025, r, 1, 0), EINVAL));
	check("local vector unreadable: EFAULT",
	    err(process_vm_readv(pid, (struct iovec *)8, 1, r, 1, 0), EFAULT));
	l[0].iov_len = 0;
	check("nothing asked: 0, even with a bad remote vector",
	    process_vm_readv(pid, l, 1, (struct iovec *)8, 1, 0) == 0);
	l[0].iov_len = 8;
	check("unused pid: ESRCH",
	    err(process_vm_readv(unused_pid(), l, 1, r, 1, 0), ESRCH));
	check("self works too", process_vm_readv(me, l, 1, r, 1, 0) == 4 &&
	    memcmp(buf, "chan", 4) == 0);
	/* Unprivileged, toward root's process: EPERM. */
	if (getuid() == 0 && fork() == 0) {
		if (setuid(NOBODY) != 0)
			_exit(3);
		_exit(err(process_vm_readv(me, l, 1, r, 1, 0), EPERM) ? 0 : 1);
	}
	wait(&st);
	check("another user's process: EPERM", WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	close(w);
	waitpid(pid, NULL, 0);
}

static void
test_unprivileged(void)
{
	int fd = (int)pidfd_open_(getpid(), 0), st, pid;

	/* A child as nobody, toward us (root), through an inherited pidfd. */
	if ((pid = fork()) == 0) {
		if (setuid(NOBODY) != 0)
			_exit(10);
		if (!err(send_(fd, SIGUSR1, NULL, 0), EPERM))
			_exit(11);
		if (!err(getfd_(fd, 0, 0), EPERM))
			_exit(12);
		if (!err(kcmp_(getppid(), getpid(), KCMP_FILES_, 0, 0), EPERM))
			_exit(13);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check("as another user: pidfd_send_signal, pidfd_getfd, kcmp EPERM",
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		printf("upidfd: (child status %d)\n", WEXITSTATUS(st));
	close(fd);
}

/* Run execveat in a child; its exit status, or 1000 + errno. */
static int
try_execveat(int dirfd, const char *path, int flags)
{
	char *const argv[] = { (char *)"upidfd", (char *)"exec-child", NULL };
	int pid, st;

	if ((pid = fork()) == 0) {
		syscall(NR_execveat, dirfd, path, argv, environ, flags);
		_exit(100 + errno);
	}
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st) >= 100 ? 1000 + WEXITSTATUS(st) - 100 :
	    WEXITSTATUS(st);
}

static void
test_execveat(void)
{
	char dir[256], *slash;
	const char *base;
	int dfd, fd;

	snprintf(dir, sizeof(dir), "%s", self_path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		check("run by a path with a slash", 0);
		return;
	}
	*slash = '\0';
	base = slash + 1;
	dfd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY);
	check("execveat(dirfd, name) runs it", try_execveat(dfd, base, 0) == 42);
	check("execveat(AT_FDCWD, absolute path)",
	    try_execveat(AT_FDCWD, self_path, 0) == 42);
	fd = open(self_path, O_PATH);
	check("AT_EMPTY_PATH on an O_PATH descriptor",
	    try_execveat(fd, "", AT_EMPTY_PATH_) == 42);
	check("an empty path without AT_EMPTY_PATH: ENOENT",
	    try_execveat(fd, "", 0) == 1000 + ENOENT);
	check("a relative path from a file: ENOTDIR",
	    try_execveat(fd, "x", 0) == 1000 + ENOTDIR);
	close(fd);
	fd = open(self_path, O_RDONLY);
	check("AT_EMPTY_PATH on a descriptor open for reading",
	    try_execveat(fd, "", AT_EMPTY_PATH_) == 42);
	close(fd);
	check("AT_EMPTY_PATH on a bad descriptor: EBADF",
	    try_execveat(-1, "", AT_EMPTY_PATH_) == 1000 + EBADF);
	check("unknown flags: EINVAL",
	    try_execveat(AT_FDCWD, self_path, 0x4) == 1000 + EINVAL);
	unlink("/tmp/upidfd-link");
	if (symlink(self_path, "/tmp/upidfd-link") == 0) {
		check("a symbolic link is followed",
		    try_execveat(AT_FDCWD, "/tmp/upidfd-link", 0) == 42);
		check("AT_SYMLINK_NOFOLLOW on a link: ELOOP",
		    try_execveat(AT_FDCWD, "/tmp/upidfd-link",
		    AT_SYMLINK_NOFOLLOW_) == 1000 + ELOOP);
		unlink("/tmp/upidfd-link");
	} else {
		check("symlink in /tmp", 0);
	}
	check("a directory: EACCES", try_execveat(dfd, ".", 0) == 1000 + EACCES);
	close(dfd);
}

static volatile sig_atomic_t pdeath_got;

static void
on_usr2(int sig)
{
	pdeath_got = sig;
}

static void
test_prctl(void)
{
	int p[2], q[2], pid, st, sig = -1, v;
	char name[16], c;
	uint64_t t0;

	check("PR_SET_PDEATHSIG(SIGUSR2)", prctl(PR_SET_PDEATHSIG, SIGUSR2) == 0);
	check("PR_GET_PDEATHSIG gives it", prctl(PR_GET_PDEATHSIG, &sig) == 0 &&
	    sig == SIGUSR2);
	if ((pid = fork()) == 0) {
		prctl(PR_GET_PDEATHSIG, &sig);
		_exit(sig == 0 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	check("a forked child does not inherit it", WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	prctl(PR_SET_PDEATHSIG, 0);
	check("PR_SET_PDEATHSIG(65): EINVAL", err(prctl(PR_SET_PDEATHSIG, 65),
	    EINVAL));

	/* The signal comes when the parent goes: A forks B, A exits. */
	if (pipe(p) != 0 || pipe(q) != 0)
		return;
	if ((pid = fork()) == 0) {
		if (fork() == 0) {
			signal(SIGUSR2, on_usr2);
			prctl(PR_SET_PDEATHSIG, SIGUSR2);
			(void)!write(p[1], "r", 1);	/* ready */
			while (!pdeath_got)
				usleep(1000);
			(void)!write(q[1], "s", 1);	/* got it */
			_exit(0);
		}
		(void)!read(p[0], &c, 1);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	c = 0;
	check("the parent's exit sends the death signal",
	    read(q[0], &c, 1) == 1 && c == 's');
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);

	/* A child subreaper adopts its grandchildren. */
	if ((pid = fork()) == 0) {
		int a = getpid(), b, code = 0;

		if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0)
			_exit(20);
		if (pipe(p) != 0)
			_exit(21);
		if ((b = fork()) == 0) {
			prctl(PR_GET_CHILD_SUBREAPER, &v);
			if (v != 0)
				_exit(1);
			if (fork() == 0) {
				(void)!read(p[0], &c, 1);
				_exit(getppid() == a ? 5 : 6);
			}
			_exit(0);
		}
		waitpid(b, NULL, 0);
		(void)!write(p[1], "g", 1);
		if (wait(&st) <= 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 5)
			code = 22;
		prctl(PR_GET_CHILD_SUBREAPER, &v);
		_exit(code != 0 ? code : v == 1 ? 0 : 23);
	}
	waitpid(pid, &st, 0);
	check("a child subreaper reaps its orphaned grandchild",
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);

	check("PR_SET_NAME", prctl(PR_SET_NAME, "upidfd-long-name-cut") == 0);
	memset(name, 0, sizeof(name));
	check("PR_GET_NAME: 15 bytes kept", prctl(PR_GET_NAME, name) == 0 &&
	    strcmp(name, "upidfd-long-nam") == 0);
	{
		char path[64], text[32];
		int fd, n;

		snprintf(path, sizeof(path), "/proc/self/task/%d/comm", getpid());
		memset(text, 0, sizeof(text));
		fd = open(path, O_RDONLY);
		n = fd >= 0 ? (int)read(fd, text, sizeof(text) - 1) : -1;
		close(fd);
		check("/proc/self/task/TID/comm shows it",
		    n == 16 && strcmp(text, "upidfd-long-nam\n") == 0);
		memset(text, 0, sizeof(text));
		fd = open("/proc/self/comm", O_RDONLY);
		n = fd >= 0 ? (int)read(fd, text, sizeof(text) - 1) : -1;
		close(fd);
		check("/proc/self/comm too (the main thread's)",
		    n == 16 && strcmp(text, "upidfd-long-nam\n") == 0);
	}
	check("PR_SET_NAME from a bad address: EFAULT",
	    err(prctl(PR_SET_NAME, (char *)8), EFAULT));

	check("PR_GET_NO_NEW_PRIVS: 0 at first", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0);
	check("PR_SET_NO_NEW_PRIVS(0): EINVAL",
	    err(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), EINVAL));
	check("PR_GET_NO_NEW_PRIVS with an argument: EINVAL",
	    err(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0), EINVAL));
	if ((pid = fork()) == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
			_exit(1);
		if (fork() == 0)
			_exit(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 0 : 2);
		wait(&st);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 3);
	}
	waitpid(pid, &st, 0);
	check("PR_SET_NO_NEW_PRIVS(1) sticks across fork",
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);

	check("PR_SET_TIMERSLACK", prctl(PR_SET_TIMERSLACK, 70000) == 0 &&
	    prctl(PR_GET_TIMERSLACK) == 70000);
	if ((pid = fork()) == 0) {
		long a = prctl(PR_GET_TIMERSLACK);

		prctl(PR_SET_TIMERSLACK, 123);
		prctl(PR_SET_TIMERSLACK, 0);	/* back to the default */
		_exit(a == 70000 && prctl(PR_GET_TIMERSLACK) == 70000 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	check("a child's slack and default are the parent's slack",
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);

	check("PR_SET_THP_DISABLE", prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0 &&
	    prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1);
	prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0);
	check("PR_SET_THP_DISABLE with arg3: EINVAL",
	    err(prctl(PR_SET_THP_DISABLE, 0, 1, 0, 0), EINVAL));
	check("PR_CAP_AMBIENT: clear, is-set 0",
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == 0 &&
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 10, 0, 0) == 0);
	check("PR_CAP_AMBIENT: bad capability or op: EINVAL",
	    err(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, ~0UL, 0, 0), EINVAL) &&
	    err(prctl(PR_CAP_AMBIENT, 99, 1, 0, 0), EINVAL) &&
	    err(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0), EINVAL));
	check("PR_CAP_AMBIENT_RAISE without it inheritable: EPERM",
	    err(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, 10, 0, 0), EPERM));
	check("unknown option: EINVAL", err(prctl(999, 0, 0, 0, 0), EINVAL));

	/* PR_TSC_SIGSEGV: rdtsc faults, in that process only. */
	if ((pid = fork()) == 0) {
		uint32_t lo, hi;

		prctl(PR_SET_TSC, PR_TSC_SIGSEGV);
		prctl(PR_GET_TSC, &v);
		if (v != PR_TSC_SIGSEGV)
			_exit(1);
		__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
		_exit(2);
	}
	waitpid(pid, &st, 0);
	check("PR_TSC_SIGSEGV: rdtsc is SIGSEGV",
	    WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	__asm__ volatile("rdtsc" : "=a"(v), "=d"(sig));
	t0 = (uint64_t)(uint32_t)sig << 32 | (uint32_t)v;
	check("... not here", t0 != 0 && prctl(PR_GET_TSC, &v) == 0 &&
	    v == PR_TSC_ENABLE);
	check("PR_SET_TSC(3): EINVAL", err(prctl(PR_SET_TSC, 3), EINVAL));
}

static void
test_getpgid(void)
{
	int pid, st, me = getpid();

	if ((pid = fork()) == 0) {
		/* The parent is neither us nor our child. */
		_exit(getpgid(getppid()) == getpgid(0) &&
		    getsid(getppid()) == getsid(0) &&
		    getpgid(1) >= 0 && getppid() == me ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	check("getpgid and getsid of the parent", WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	check("getpgid(-1): ESRCH", err(getpgid(-1), ESRCH));
	check("getpgid(unused pid): ESRCH", err(getpgid(unused_pid()), ESRCH));
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return 42;
	self_path = argv[0];
	/* As init on Jiny, /proc is not mounted yet. */
	(void)mount("proc", "/proc", "proc", 0, NULL);
	test_pidfd_open();
	test_waitid();
	test_send_signal();
	test_getfd();
	test_clone_pidfd();
	test_close_range();
	test_kcmp();
	test_clone_fs();
	test_process_vm();
	test_unprivileged();
	test_execveat();
	test_prctl();
	test_getpgid();
	if (failed) {
		printf("upidfd: some checks FAILED\n");
		return 1;
	}
	printf("upidfd: done, all checks passed\n");
	return 0;
}
