/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Smaller Linux rules, each checked the way Linux answers: mmap's order
 * of checks (a bad descriptor before a zero length), a read-only
 * /dev/zero shared mapping that mprotect may not make writable, msync's
 * MS_INVALIDATE on locked pages, futex keys on unmapped or unreadable
 * words (shared: -EFAULT, private: only a number), futex_waitv (its
 * errors, the index of the word woken, a timeout on either clock),
 * membarrier (query, registrations kept by fork, -EPERM without one),
 * rt_sigqueueinfo's -ESRCH for a pid that names nobody, clone's
 * CLONE_PARENT (a sibling of the caller), CLONE_SIGHAND between two
 * processes (one handler table), CLONE_THREAD with an exit signal, and
 * access(W_OK) on a read-only mount (-EROFS, root too), MAP_GROWSDOWN
 * (faults below grow it, not within Linux's guard gap of another
 * mapping), shmat's SHM_REMAP at page 0 (-EINVAL), EPOLLEXCLUSIVE
 * (one event wakes one of several instances' waiters), a queue in
 * /proc/sysvipc/msg, mincore of file pages another process faulted in.  Static, with
 * the C library, so it runs on the host as the reference.  Prints one
 * line per check and exits 0 if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("umisc9: %s %s\n", ok ? "ok" : "FAILED", what);
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

#define PAGE 4096
#define FUTEX_WAKE		1
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_WAKE_PRIVATE	(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)

static void
test_mm(void)
{
	char path[] = "/tmp/umisc9-XXXXXX";
	int fd = mkstemp(path), zfd;
	void *p;

	check("mkstemp", fd >= 0);
	close(fd);
	unlink(path);
	/* A closed descriptor is -EBADF even with a length of 0. */
	p = mmap(NULL, 0, PROT_WRITE, MAP_SHARED, fd, 0);
	check("mmap of a closed fd, length 0: EBADF",
	    p == MAP_FAILED && errno == EBADF);
	p = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("mmap anonymous, length 0: EINVAL",
	    p == MAP_FAILED && errno == EINVAL);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 1);
	check("mmap misaligned offset before the fd: EINVAL",
	    p == MAP_FAILED && errno == EINVAL);

	/* /dev/zero read-only, shared: never writable. */
	zfd = open("/dev/zero", O_RDONLY);
	check("open /dev/zero", zfd >= 0);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, zfd, 0);
	check("mmap /dev/zero O_RDONLY shared read", p != MAP_FAILED);
	check("mprotect it PROT_WRITE: EACCES",
	    err(mprotect(p, PAGE, PROT_WRITE), EACCES));
	check("mprotect it PROT_READ: 0", mprotect(p, PAGE, PROT_READ) == 0);
	munmap(p, PAGE);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, zfd, 0);
	check("mmap /dev/zero O_RDONLY shared write: EACCES",
	    p == MAP_FAILED && errno == EACCES);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, zfd, 0);
	check("mmap /dev/zero O_RDONLY private write", p != MAP_FAILED);
	munmap(p, PAGE);
	close(zfd);

	/* msync: MS_INVALIDATE on locked pages is EBUSY. */
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	check("mmap MAP_LOCKED", p != MAP_FAILED);
	check("msync MS_INVALIDATE locked: EBUSY",
	    err(msync(p, PAGE, MS_INVALIDATE), EBUSY));
	check("msync MS_SYNC locked: 0", msync(p, PAGE, MS_SYNC) == 0);
	munlock(p, PAGE);
	check("msync MS_INVALIDATE unlocked: 0",
	    msync(p, PAGE, MS_INVALIDATE) == 0);
	munmap(p, PAGE);
}

/* Touch a page 8 pages below a one-page MAP_GROWSDOWN mapping, in a
 * child; blocker: map an accessible page 16 pages below first. */
static int
grows_down(int blocker)
{
	size_t room = 512 * PAGE;
	char *start = mmap(NULL, room, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *top = start + room;
	int status;
	pid_t pid;

	munmap(start, room);
	pid = fork();
	if (pid == 0) {
		if (mmap(top - PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_FIXED |
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0) ==
		    MAP_FAILED)
			_exit(2);
		if (blocker && mmap(top - 16 * PAGE, PAGE, PROT_READ,
		    MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
		    MAP_FAILED)
			_exit(2);
		*(volatile char *)(top - 8 * PAGE) = 1;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV ? -1 : 3;
}

static void
test_grows(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600);
	void *p;

	check("MAP_GROWSDOWN: a fault below grows it", grows_down(0) == 0);
	check("MAP_GROWSDOWN: not within the guard gap of a mapping "
	    "(SIGSEGV)", grows_down(1) == -1);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
	check("MAP_GROWSDOWN shared anonymous: EINVAL",
	    p == MAP_FAILED && errno == EINVAL);
	check("shmget", id >= 0);
	p = shmat(id, (void *)1, SHM_RND | SHM_REMAP);
	check("shmat SHM_RND to page 0 with SHM_REMAP: EINVAL",
	    p == (void *)-1 && errno == EINVAL);
	p = shmat(id, NULL, SHM_REMAP);
	check("shmat NULL with SHM_REMAP: EINVAL",
	    p == (void *)-1 && errno == EINVAL);
	shmctl(id, IPC_RMID, NULL);
}

/* mincore of a file mapping sees the pages another process faulted in. */
static void
test_mincore_file(void)
{
	char path[] = "/tmp/umisc9-mXXXXXX";
	int fd = mkstemp(path), go[2], done[2], status;
	unsigned char vec[4];
	char *p;
	pid_t pid;

	check("mincore: file, pipes", fd >= 0 && ftruncate(fd, 4 * PAGE) == 0 &&
	    pipe(go) == 0 && pipe(done) == 0);
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	check("mincore: untouched file pages are not resident",
	    p != MAP_FAILED && mincore(p, 4 * PAGE, vec) == 0 &&
	    (vec[0] | vec[1] | vec[2] | vec[3]) == 0);
	pid = fork();
	if (pid == 0) {
		char *q = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
		char c = q != MAP_FAILED && mlock(q, 4 * PAGE) == 0;

		if (write(done[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	{
		char c = 0;

		check("mincore: the child locked the file's pages",
		    read(done[0], &c, 1) == 1 && c == 1);
		check("mincore: they are resident here too",
		    mincore(p, 4 * PAGE, vec) == 0 &&
		    (vec[0] & vec[1] & vec[2] & vec[3] & 1) == 1);
		(void)!write(go[1], &c, 1);
	}
	waitpid(pid, &status, 0);
	munmap(p, 4 * PAGE);
	close(fd);
	unlink(path);
	close(go[0]);
	close(go[1]);
	close(done[0]);
	close(done[1]);
}

static long
futex(void *uaddr, int op, uint32_t val, void *t, void *uaddr2, uint32_t v3)
{
	return syscall(SYS_futex, uaddr, op, val, t, uaddr2, v3);
}

struct waitv {			/* struct futex_waitv */
	uint64_t	val;
	uint64_t	uaddr;
	uint32_t	flags;
	uint32_t	reserved;
};
#define FUTEX_32	2
#define NR_futex_waitv	449

static long
futex_waitv(struct waitv *w, unsigned int n, unsigned int flags,
    struct timespec *to, int clockid)
{
	return syscall(NR_futex_waitv, w, n, flags, to, clockid);
}

static uint32_t words[8];

static void *
waker(void *arg)
{
	(void)arg;
	/* Until the waiter sleeps on words[5]: then it wakes that one. */
	for (int i = 0; i < 20000; i++) {
		if (futex(&words[5], FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) == 1)
			return (void *)1;
		usleep(1000);
	}
	return NULL;
}

static void
test_futex(void)
{
	uint32_t *gone = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t *none = mmap(NULL, PAGE, PROT_NONE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t word = 0;
	struct waitv w[8];
	struct timespec to;
	pthread_t th;
	void *res;
	long r;

	munmap(gone, PAGE);
	check("FUTEX_WAKE shared, unmapped: EFAULT",
	    err(futex(gone, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT));
	check("FUTEX_WAKE shared, PROT_NONE: EFAULT",
	    err(futex(none, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT));
	{
		char path[] = "/tmp/umisc9-fXXXXXX";
		int fd = mkstemp(path);
		uint32_t *tr;

		(void)!ftruncate(fd, PAGE);
		tr = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		(void)!ftruncate(fd, 0);
		close(fd);
		unlink(path);
		check("FUTEX_WAKE shared, file page past its end: EFAULT",
		    tr != MAP_FAILED &&
		    err(futex(tr, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT));
		munmap(tr, PAGE);
	}
	check("FUTEX_WAKE private, unmapped: 0",
	    futex(gone, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) == 0);
	check("FUTEX_CMP_REQUEUE shared, uaddr2 unmapped: EFAULT",
	    err(futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, gone, 0),
	    EFAULT));
	check("FUTEX_CMP_REQUEUE shared, uaddr2 PROT_NONE: EFAULT",
	    err(futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, none, 0),
	    EFAULT));
	check("FUTEX_CMP_REQUEUE shared, uaddr unmapped: EFAULT",
	    err(futex(gone, FUTEX_CMP_REQUEUE, 1, (void *)1, &word, 0),
	    EFAULT));

	/* futex_waitv's errors, in Linux's order. */
	memset(w, 0, sizeof(w));
	for (int i = 0; i < 8; i++) {
		w[i].uaddr = (uintptr_t)&words[i];
		w[i].flags = FUTEX_32 | FUTEX_PRIVATE_FLAG;
	}
	clock_gettime(CLOCK_MONOTONIC, &to);
	to.tv_sec += 1;
	check("futex_waitv flags != 0: EINVAL",
	    err(futex_waitv(w, 1, 1, &to, CLOCK_MONOTONIC), EINVAL));
	check("futex_waitv 0 waiters: EINVAL",
	    err(futex_waitv(w, 0, 0, &to, CLOCK_MONOTONIC), EINVAL));
	check("futex_waitv 129 waiters: EINVAL",
	    err(futex_waitv(w, 129, 0, &to, CLOCK_MONOTONIC), EINVAL));
	check("futex_waitv NULL array: EINVAL",
	    err(futex_waitv(NULL, 1, 0, &to, CLOCK_MONOTONIC), EINVAL));
	check("futex_waitv CLOCK_TAI: EINVAL",
	    err(futex_waitv(w, 1, 0, &to, CLOCK_TAI), EINVAL));
	check("futex_waitv bad array: EFAULT",
	    err(futex_waitv((void *)gone, 1, 0, &to, CLOCK_MONOTONIC),
	    EFAULT));
	w[1].flags = FUTEX_PRIVATE_FLAG;
	check("futex_waitv without FUTEX_32: EINVAL",
	    err(futex_waitv(w, 2, 0, &to, CLOCK_MONOTONIC), EINVAL));
	w[1].flags = FUTEX_32 | FUTEX_PRIVATE_FLAG;
	w[1].reserved = 1;
	check("futex_waitv reserved != 0: EINVAL",
	    err(futex_waitv(w, 2, 0, &to, CLOCK_MONOTONIC), EINVAL));
	w[1].reserved = 0;
	w[1].val = 1ULL << 32;
	check("futex_waitv value past 32 bits: EINVAL",
	    err(futex_waitv(w, 2, 0, &to, CLOCK_MONOTONIC), EINVAL));
	w[1].val = 0;
	w[1].uaddr = (uintptr_t)&words[1] + 1;
	check("futex_waitv misaligned word: EINVAL",
	    err(futex_waitv(w, 2, 0, &to, CLOCK_MONOTONIC), EINVAL));
	w[1].uaddr = 0;
	check("futex_waitv NULL word: EFAULT",
	    err(futex_waitv(w, 2, 0, &to, CLOCK_MONOTONIC), EFAULT));
	w[1].uaddr = (uintptr_t)&words[1];
	w[1].val = 7;
	check("futex_waitv one value differs: EAGAIN",
	    err(futex_waitv(w, 8, 0, &to, CLOCK_MONOTONIC), EAGAIN));
	w[1].val = 0;
	clock_gettime(CLOCK_REALTIME, &to);
	to.tv_nsec += 10000000;
	if (to.tv_nsec >= 1000000000) {
		to.tv_sec++;
		to.tv_nsec -= 1000000000;
	}
	check("futex_waitv CLOCK_REALTIME timeout: ETIMEDOUT",
	    err(futex_waitv(w, 8, 0, &to, CLOCK_REALTIME), ETIMEDOUT));
	clock_gettime(CLOCK_MONOTONIC, &to);
	check("futex_waitv CLOCK_MONOTONIC, past: ETIMEDOUT",
	    err(futex_waitv(w, 8, 0, &to, CLOCK_MONOTONIC), ETIMEDOUT));
	/* A wake of the sixth word: the call returns its index. */
	pthread_create(&th, NULL, waker, NULL);
	clock_gettime(CLOCK_MONOTONIC, &to);
	to.tv_sec += 30;
	r = futex_waitv(w, 8, 0, &to, CLOCK_MONOTONIC);
	pthread_join(th, &res);
	check("futex_waitv woken on word 5 returns 5", r == 5 && res != NULL);
	/* A shared word (no private flag) works too, woken shared. */
	w[0].flags = FUTEX_32;
	check("futex_waitv shared word, value differs: EAGAIN",
	    (w[0].val = 3, err(futex_waitv(w, 1, 0, NULL, 0), EAGAIN)));
	munmap(none, PAGE);
}

#define MB_QUERY			0
#define MB_GLOBAL			1
#define MB_GLOBAL_EXPEDITED		2
#define MB_REGISTER_GLOBAL_EXPEDITED	4
#define MB_PRIVATE_EXPEDITED		8
#define MB_REGISTER_PRIVATE_EXPEDITED	16
#define MB_PRIVATE_EXPEDITED_SYNC_CORE	32
#define MB_REGISTER_SYNC_CORE		64
#define MB_GET_REGISTRATIONS		512

static long
membarrier(int cmd, unsigned int flags)
{
	return syscall(SYS_membarrier, cmd, flags, 0);
}

static void
test_membarrier(void)
{
	long q = membarrier(MB_QUERY, 0);
	int status;
	pid_t pid;

	check("membarrier QUERY lists GLOBAL, PRIVATE_EXPEDITED, SYNC_CORE",
	    q > 0 && (q & (MB_GLOBAL | MB_PRIVATE_EXPEDITED |
	    MB_REGISTER_PRIVATE_EXPEDITED | MB_PRIVATE_EXPEDITED_SYNC_CORE |
	    MB_REGISTER_SYNC_CORE | MB_GET_REGISTRATIONS)) ==
	    (MB_GLOBAL | MB_PRIVATE_EXPEDITED | MB_REGISTER_PRIVATE_EXPEDITED |
	    MB_PRIVATE_EXPEDITED_SYNC_CORE | MB_REGISTER_SYNC_CORE |
	    MB_GET_REGISTRATIONS));
	check("membarrier QUERY flags 1: EINVAL",
	    err(membarrier(MB_QUERY, 1), EINVAL));
	check("membarrier bad command: EINVAL", err(membarrier(3, 0), EINVAL));
	check("membarrier -1: EINVAL", err(membarrier(-1, 0), EINVAL));
	check("membarrier GLOBAL: 0", membarrier(MB_GLOBAL, 0) == 0);
	check("membarrier GLOBAL_EXPEDITED: 0",
	    membarrier(MB_GLOBAL_EXPEDITED, 0) == 0);
	/* In a child, so that this process stays unregistered. */
	pid = fork();
	if (pid == 0) {
		int ok = err(membarrier(MB_PRIVATE_EXPEDITED, 0), EPERM) &&
		    err(membarrier(MB_PRIVATE_EXPEDITED_SYNC_CORE, 0), EPERM) &&
		    membarrier(MB_GET_REGISTRATIONS, 0) == 0 &&
		    membarrier(MB_REGISTER_PRIVATE_EXPEDITED, 0) == 0 &&
		    membarrier(MB_PRIVATE_EXPEDITED, 0) == 0 &&
		    err(membarrier(MB_PRIVATE_EXPEDITED_SYNC_CORE, 0), EPERM) &&
		    membarrier(MB_REGISTER_SYNC_CORE, 0) == 0 &&
		    membarrier(MB_PRIVATE_EXPEDITED_SYNC_CORE, 0) == 0 &&
		    membarrier(MB_GET_REGISTRATIONS, 0) ==
		    (MB_REGISTER_PRIVATE_EXPEDITED | MB_REGISTER_SYNC_CORE);
		pid_t g = fork();

		/* A grandchild keeps the registrations (fork copies them). */
		if (g == 0)
			_exit(membarrier(MB_PRIVATE_EXPEDITED, 0) == 0 ? 0 : 1);
		waitpid(g, &status, 0);
		_exit(ok && WIFEXITED(status) && WEXITSTATUS(status) == 0 ?
		    0 : 1);
	}
	waitpid(pid, &status, 0);
	check("membarrier PRIVATE_EXPEDITED: EPERM, then registered, "
	    "kept by fork", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	check("membarrier: this process still unregistered",
	    err(membarrier(MB_PRIVATE_EXPEDITED, 0), EPERM));
}

static void
test_sigqueue(void)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_code = SI_QUEUE;
	check("rt_sigqueueinfo pid -1: ESRCH",
	    err(syscall(SYS_rt_sigqueueinfo, -1, SIGUSR1, &si), ESRCH));
	check("rt_sigqueueinfo pid 0: ESRCH",
	    err(syscall(SYS_rt_sigqueueinfo, 0, SIGUSR1, &si), ESRCH));
	check("rt_sigqueueinfo pid -1, bad signal: ESRCH first",
	    err(syscall(SYS_rt_sigqueueinfo, -1, -1, &si), ESRCH));
	check("rt_sigqueueinfo self, bad signal: EINVAL",
	    err(syscall(SYS_rt_sigqueueinfo, getpid(), -1, &si), EINVAL));
	si.si_code = 0;
	check("rt_sigqueueinfo pid -1, si_code 0: EPERM first",
	    err(syscall(SYS_rt_sigqueueinfo, -1, SIGUSR1, &si), EPERM));
	check("rt_tgsigqueueinfo tgid -1: EINVAL",
	    err(syscall(SYS_rt_tgsigqueueinfo, -1, 1, SIGUSR1, &si), EINVAL));
}

static char stack[65536] __attribute__((aligned(16)));
static volatile pid_t seen_ppid;
static volatile int got_usr1;

static int
child_parent(void *arg)
{
	(void)arg;
	seen_ppid = getppid();
	return 0;
}

static void
on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* Sets a handler: the sharer sees it (CLONE_SIGHAND). */
static int
child_sighand(void *arg)
{
	(void)arg;
	signal(SIGUSR1, on_usr1);
	return 0;
}

static volatile int thread_ran;

static int
child_thread(void *arg)
{
	(void)arg;
	thread_ran = 1;
	syscall(SYS_exit, 0);
	return 0;
}

static void
test_clone(void)
{
	int status, pipefd[2];
	pid_t mid, c, pp = getpid();
	struct sigaction sa;

	/* CLONE_PARENT: the grandchild is the middle one's sibling. */
	check("pipe", pipe(pipefd) == 0);
	mid = fork();
	if (mid == 0) {
		pid_t g = clone(child_parent, stack + sizeof(stack),
		    CLONE_PARENT | CLONE_VM | SIGCHLD, NULL);

		/* Not our child: wait finds nobody. */
		int nochild = g > 0 && waitpid(g, NULL, __WALL) == -1 &&
		    errno == ECHILD;

		for (int i = 0; i < 5000 && seen_ppid == 0; i++)
			usleep(1000);
		if (write(pipefd[1], &g, sizeof(g)) != sizeof(g))
			_exit(3);
		_exit(seen_ppid == pp && nochild ? 0 : 1);
	}
	close(pipefd[1]);
	c = 0;
	check("CLONE_PARENT: clone", read(pipefd[0], &c, sizeof(c)) ==
	    sizeof(c) && c > 0);
	close(pipefd[0]);
	check("CLONE_PARENT: the middle one saw getppid() of its parent",
	    waitpid(mid, &status, 0) == mid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	check("CLONE_PARENT: the caller's parent reaps the new one",
	    c > 0 && waitpid(c, &status, __WALL) == c);

	/* CLONE_SIGHAND without CLONE_THREAD: one handler table. */
	signal(SIGUSR1, SIG_DFL);
	c = clone(child_sighand, stack + sizeof(stack),
	    CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | SIGCHLD, NULL);
	check("CLONE_SIGHAND process: clone", c > 0);
	check("CLONE_SIGHAND process: reaped",
	    c > 0 && waitpid(c, &status, __WALL) == c);
	sigaction(SIGUSR1, NULL, &sa);
	check("CLONE_SIGHAND process: its handler is ours",
	    sa.sa_handler == on_usr1);
	raise(SIGUSR1);
	check("CLONE_SIGHAND process: and it runs", got_usr1 == 1);
	signal(SIGUSR1, SIG_DFL);
	check("CLONE_SIGHAND without CLONE_VM: EINVAL",
	    err(clone(child_sighand, stack + sizeof(stack),
	    CLONE_SIGHAND | SIGCHLD, NULL), EINVAL));

	/* A thread with an exit signal: the signal is ignored. */
	c = clone(child_thread, stack + sizeof(stack),
	    CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_FS | CLONE_FILES |
	    SIGCHLD, NULL);
	for (int i = 0; i < 5000 && !thread_ran; i++)
		usleep(1000);
	check("CLONE_THREAD with SIGCHLD: runs", c > 0 && thread_ran);
}

/* The state letter of pid in /proc/PID/stat, or 0. */
static char
proc_state(pid_t pid)
{
	char path[64], buf[256], *p;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY)) < 0)
		return 0;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p != NULL && p[1] == ' ' ? p[2] : 0;
}

/* /proc/sysvipc/msg lists a queue with its bytes and messages. */
static void
test_sysvipc_msg(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600), key, msqid, perms;
	struct { long type; char text[5]; } m = { 1, "abcd" };
	unsigned long cbytes, qnum;
	char line[512];
	int found = 0, header;
	FILE *f;

	check("msgget, msgsnd", id >= 0 && msgsnd(id, &m, 5, 0) == 0);
	f = fopen("/proc/sysvipc/msg", "r");
	check("/proc/sysvipc/msg opens", f != NULL);
	if (f == NULL)
		return;
	header = fgets(line, sizeof(line), f) != NULL &&
	    strstr(line, "msqid perms      cbytes       qnum") != NULL;
	check("/proc/sysvipc/msg: Linux's header", header);
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "%d %d %d %lu %lu", &key, &msqid, &perms,
		    &cbytes, &qnum) == 5 && msqid == id)
			found = perms == 600 && cbytes == 5 && qnum == 1;
	fclose(f);
	check("/proc/sysvipc/msg: the queue, perms 600, 5 bytes, 1 message",
	    found);
	msgctl(id, IPC_RMID, NULL);
}

#define EXCL_WAITERS	4

/*
 * EPOLLEXCLUSIVE: four processes, each with its own instance watching
 * one pipe; one byte written wakes exactly one of them (the others time
 * out).  Each is seen asleep (/proc/PID/stat) before the write.
 */
static void
test_epoll_exclusive(void)
{
	int p[2], res[2], woken = 0, timed = 0, asleep = 0;
	pid_t pids[EXCL_WAITERS];
	char c;

	check("pipes", pipe(p) == 0 && pipe(res) == 0);
	for (int i = 0; i < EXCL_WAITERS; i++) {
		if ((pids[i] = fork()) == 0) {
			struct epoll_event ev = { .events = EPOLLIN | EPOLLET |
			    EPOLLEXCLUSIVE };
			int ep = epoll_create1(0);

			if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev))
				_exit(2);
			c = epoll_wait(ep, &ev, 1, 3000) == 1 ? 'W' : 'T';
			_exit(write(res[1], &c, 1) == 1 ? 0 : 3);
		}
	}
	close(res[1]);
	for (int i = 0; i < EXCL_WAITERS; i++)
		for (int n = 0; n < 2000; n++) {
			if (proc_state(pids[i]) == 'S') {
				asleep++;
				break;
			}
			usleep(1000);
		}
	check("EPOLLEXCLUSIVE: every waiter asleep", asleep == EXCL_WAITERS);
	check("EPOLLEXCLUSIVE: write a byte", write(p[1], "x", 1) == 1);
	while (read(res[0], &c, 1) == 1) {
		woken += c == 'W';
		timed += c == 'T';
	}
	for (int i = 0; i < EXCL_WAITERS; i++)
		waitpid(pids[i], NULL, 0);
	check("EPOLLEXCLUSIVE: one event woke one waiter",
	    woken == 1 && timed == EXCL_WAITERS - 1);
	close(p[0]);
	close(p[1]);
	close(res[0]);
}

static void
test_access(void)
{
	const char *mnt = "/tmp/umisc9-ro";
	int status;
	pid_t pid;

	mkdir(mnt, 0755);
	if (mount("none", mnt, "tmpfs", MS_RDONLY, NULL) != 0) {
		check("mount a read-only tmpfs", 0);
		return;
	}
	check("access W_OK on a read-only mount as root: EROFS",
	    err(access(mnt, W_OK), EROFS));
	check("access R_OK there: 0", access(mnt, R_OK) == 0);
	check("access F_OK there: 0", access(mnt, F_OK) == 0);
	pid = fork();
	if (pid == 0) {
		if (setuid(65534) != 0)
			_exit(2);
		_exit(err(access(mnt, W_OK), EROFS) ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check("access W_OK there as nobody: EROFS",
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	umount(mnt);
	rmdir(mnt);
}

int
main(void)
{
	if (access("/proc/self/stat", R_OK) != 0)	/* init=: not yet */
		mount("proc", "/proc", "proc", 0, NULL);
	test_mm();
	test_grows();
	test_mincore_file();
	test_futex();
	test_membarrier();
	test_sigqueue();
	test_clone();
	test_access();
	test_epoll_exclusive();
	test_sysvipc_msg();
	if (failed) {
		printf("umisc9: some checks FAILED\n");
		return 1;
	}
	printf("umisc9: done, all checks passed\n");
	return 0;
}
