/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signals aimed at one thread, CPU-time timers and RLIMIT_FSIZE, checked
 * against what Linux does (the same program passes on a Linux host):
 * tgkill, pthread_kill and rt_tgsigqueueinfo reach the named thread only
 * and stay pending for it while it blocks them (sigpending shows them to
 * it, not to its peers), kill() is taken by a thread that does not block
 * it, a fault's signal is the faulting thread's, tgkill with a tgid that
 * does not own the tid is ESRCH; ITIMER_VIRTUAL and ITIMER_PROF count
 * CPU time and fire SIGVTALRM and SIGPROF in a busy loop, a POSIX timer
 * on CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID fires too,
 * RLIMIT_CPU sends SIGXCPU then SIGKILL; a write past RLIMIT_FSIZE
 * writes what fits, then fails with EFBIG and SIGXFSZ, as do ftruncate
 * and fallocate; RLIMIT_SIGPENDING 0 leaves no room for a real-time
 * signal (EAGAIN).  Timing is never asserted
 * beyond generous bounds (a CPU-time timer of 50 ms must fire within 30
 * s of busy looping).  One line per check; exits 0 when all held.  Built
 * with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BUSY_LIMIT_S	30	/* a CPU timer must fire within this */

static int failed;

static void
check(const char *what, int ok)
{
	printf("usigthread: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

static int
tgkill(int tgid, int tid, int sig)
{
	return (int)syscall(SYS_tgkill, tgid, tid, sig);
}

static int
gettid_(void)
{
	return (int)syscall(SYS_gettid);
}

/* ---- per-thread delivery ---- */

static volatile int handled_by;		/* tid that ran the handler */
static volatile int handled_count;
static volatile int handled_value;

static void
on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	handled_by = gettid_();
	handled_value = si->si_code == SI_QUEUE ? si->si_value.sival_int : 0;
	__atomic_add_fetch(&handled_count, 1, __ATOMIC_SEQ_CST);
}

struct worker {
	pthread_t	th;
	volatile int	tid;
	volatile int	stop;
	volatile int	block;		/* block SIGUSR1 while set */
	volatile int	blocked;	/* it has */
	volatile unsigned long pend;	/* sigpending seen while blocked */
	volatile int	check_pending;
	volatile int	checked;
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	w->tid = gettid_();
	while (!w->stop) {
		if (w->block && !w->blocked) {
			pthread_sigmask(SIG_BLOCK, &set, NULL);
			w->blocked = 1;
		}
		if (w->check_pending && !w->checked) {
			sigset_t p;

			sigemptyset(&p);
			sigpending(&p);
			w->pend = sigismember(&p, SIGUSR1) ? 1 : 0;
			w->checked = 1;
		}
		if (!w->block && w->blocked) {
			pthread_sigmask(SIG_UNBLOCK, &set, NULL);
			w->blocked = 0;
		}
		usleep(1000);
	}
	return NULL;
}

/* Wait (a bounded while) for the handler to have run count times. */
static int
wait_handled(int count)
{
	for (int i = 0; i < 10000 && handled_count < count; i++)
		usleep(1000);
	return handled_count >= count;
}

static void
test_thread_signals(void)
{
	struct worker w[3];
	struct sigaction sa;
	sigset_t set, pend;
	int me = gettid_(), n = 0;
	siginfo_t si;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	memset(w, 0, sizeof(w));
	for (int i = 0; i < 3; i++)
		pthread_create(&w[i].th, NULL, worker_main, &w[i]);
	for (int i = 0; i < 3; i++)
		while (w[i].tid == 0)
			usleep(1000);

	/* tgkill and pthread_kill reach the thread they name. */
	for (int i = 0; i < 3; i++) {
		handled_by = 0;
		check("tgkill to a thread returns 0",
		    tgkill(getpid(), w[i].tid, SIGUSR1) == 0);
		check("the named thread ran the handler",
		    wait_handled(++n) && handled_by == w[i].tid);
	}
	handled_by = 0;
	check("pthread_kill returns 0", pthread_kill(w[1].th, SIGUSR1) == 0);
	check("pthread_kill's thread ran the handler",
	    wait_handled(++n) && handled_by == w[1].tid);

	/* rt_tgsigqueueinfo: that thread, with the caller's si_value. */
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = 4242;
	handled_by = 0;
	check("rt_tgsigqueueinfo returns 0",
	    syscall(SYS_rt_tgsigqueueinfo, getpid(), w[2].tid, SIGUSR1,
	    &si) == 0);
	check("rt_tgsigqueueinfo's thread ran the handler with si_value",
	    wait_handled(++n) && handled_by == w[2].tid &&
	    handled_value == 4242);

	/*
	 * A thread that blocks the signal keeps it pending for itself:
	 * neither the main thread nor the others take it, the main thread's
	 * sigpending does not show it, the thread's does, and it runs the
	 * handler once it unblocks.
	 */
	w[0].block = 1;
	while (!w[0].blocked)
		usleep(1000);
	handled_by = 0;
	check("tgkill to a thread that blocks it returns 0",
	    tgkill(getpid(), w[0].tid, SIGUSR1) == 0);
	usleep(50000);
	check("nobody else took it", handled_count == n);
	sigemptyset(&pend);
	sigpending(&pend);
	check("the main thread's sigpending does not show it",
	    !sigismember(&pend, SIGUSR1));
	w[0].check_pending = 1;
	while (!w[0].checked)
		usleep(1000);
	check("the thread's own sigpending shows it", w[0].pend == 1);
	w[0].block = 0;
	check("it runs the handler once unblocked",
	    wait_handled(++n) && handled_by == w[0].tid);

	/*
	 * kill() is for the process: with the main thread blocking SIGUSR1,
	 * some other thread takes it.
	 */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	handled_by = 0;
	check("kill to the process returns 0", kill(getpid(), SIGUSR1) == 0);
	check("a thread that does not block it took it",
	    wait_handled(++n) && handled_by != me && handled_by != 0);

	/* sigwaitinfo takes a signal sent to the caller's own thread. */
	check("tgkill to myself while blocked returns 0",
	    tgkill(getpid(), me, SIGUSR1) == 0);
	sigemptyset(&pend);
	sigpending(&pend);
	check("my sigpending shows it", sigismember(&pend, SIGUSR1));
	{
		struct timespec ts = { 5, 0 };

		memset(&si, 0, sizeof(si));
		check("sigtimedwait takes it with SI_TKILL",
		    sigtimedwait(&set, &si, &ts) == SIGUSR1 &&
		    si.si_code == SI_TKILL && si.si_pid == getpid());
	}
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);

	/* Errors. */
	{
		/* Another process (this may be init: no parent to ask). */
		pid_t other = fork();

		if (other == 0) {
			pause();
			_exit(0);
		}
		errno = 0;
		check("tgkill with a tgid that does not own the tid is ESRCH",
		    other > 0 && tgkill(other, w[0].tid, 0) == -1 &&
		    errno == ESRCH);
		kill(other, SIGKILL);
		waitpid(other, NULL, 0);
	}
	errno = 0;
	check("tgkill with a thread's tid as tgid is ESRCH",
	    tgkill(w[1].tid, w[0].tid, 0) == -1 && errno == ESRCH);
	errno = 0;
	check("tgkill with tgid -1 is EINVAL",
	    tgkill(-1, w[0].tid, SIGUSR1) == -1 && errno == EINVAL);
	errno = 0;
	check("tgkill with signal 65 is EINVAL",
	    tgkill(getpid(), w[0].tid, 65) == -1 && errno == EINVAL);
	check("tgkill with signal 0 to a live thread is 0",
	    tgkill(getpid(), w[0].tid, 0) == 0);

	for (int i = 0; i < 3; i++) {
		w[i].stop = 1;
		pthread_join(w[i].th, NULL);
	}
	errno = 0;
	check("tgkill to a thread that has exited is ESRCH",
	    tgkill(getpid(), w[0].tid, 0) == -1 && errno == ESRCH);
	signal(SIGUSR1, SIG_DFL);
}

/* A fault is the faulting thread's: its handler runs on that thread. */
static sigjmp_buf fault_jb;
static volatile int fault_tid;

static void
on_segv(int sig)
{
	(void)sig;
	fault_tid = gettid_();
	siglongjmp(fault_jb, 1);
}

static volatile int *volatile fault_ptr;	/* NULL: faults */

static void *
fault_main(void *arg)
{
	(void)arg;
	if (sigsetjmp(fault_jb, 1) == 0)
		*fault_ptr = 1;
	return (void *)(long)gettid_();
}

static void
test_fault(void)
{
	pthread_t th;
	void *ret;

	signal(SIGSEGV, on_segv);
	pthread_create(&th, NULL, fault_main, NULL);
	pthread_join(th, &ret);
	check("a thread's fault ran the handler on that thread",
	    fault_tid != 0 && fault_tid == (int)(long)ret &&
	    fault_tid != gettid_());
	signal(SIGSEGV, SIG_DFL);
}

/* ---- CPU-time timers ---- */

static volatile int ticks;

static void
on_tick(int sig)
{
	(void)sig;
	ticks++;
}

/* Busy loop until ticks reaches want or BUSY_LIMIT_S of wall time pass. */
static void
busy_until(int want)
{
	time_t end = time(NULL) + BUSY_LIMIT_S;
	volatile unsigned long x = 0;

	while (ticks < want && time(NULL) < end)
		for (int i = 0; i < 100000; i++)
			x += (unsigned long)i;
}

static void
test_itimer(int which, int sig, const char *name)
{
	struct itimerval v = { { 0, 50000 }, { 0, 50000 } }, g;
	char what[128];

	ticks = 0;
	signal(sig, on_tick);
	snprintf(what, sizeof(what), "setitimer(%s) of 50 ms", name);
	check(what, setitimer(which, &v, NULL) == 0);
	memset(&g, 0, sizeof(g));
	snprintf(what, sizeof(what), "getitimer(%s) reads it back", name);
	check(what, getitimer(which, &g) == 0 && g.it_interval.tv_sec == 0 &&
	    g.it_interval.tv_usec == 50000 && g.it_value.tv_sec == 0 &&
	    g.it_value.tv_usec > 0 && g.it_value.tv_usec <= 70000);
	busy_until(3);
	snprintf(what, sizeof(what), "%s fired 3 times in a busy loop", name);
	check(what, ticks >= 3);
	memset(&v, 0, sizeof(v));
	setitimer(which, &v, NULL);
	memset(&g, 0xff, sizeof(g));
	snprintf(what, sizeof(what), "%s disarmed reads zero", name);
	check(what, getitimer(which, &g) == 0 && g.it_value.tv_sec == 0 &&
	    g.it_value.tv_usec == 0 && g.it_interval.tv_sec == 0 &&
	    g.it_interval.tv_usec == 0);
	signal(sig, SIG_DFL);
}

static void
test_cpu_timer(clockid_t clock, const char *name)
{
	struct sigevent ev;
	struct itimerspec its = { { 0, 0 }, { 0, 50000000 } };
	int id = -1;
	char what[128];

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR2;
	ticks = 0;
	signal(SIGUSR2, on_tick);
	snprintf(what, sizeof(what), "timer_create(%s)", name);
	check(what, syscall(SYS_timer_create, clock, &ev, &id) == 0);
	snprintf(what, sizeof(what), "timer_settime(%s) of 50 ms", name);
	check(what, syscall(SYS_timer_settime, id, 0, &its, NULL) == 0);
	busy_until(1);
	snprintf(what, sizeof(what), "the %s timer fired in a busy loop",
	    name);
	check(what, ticks >= 1);
	memset(&its, 0xff, sizeof(its));
	snprintf(what, sizeof(what), "a fired one-shot %s timer reads zero",
	    name);
	check(what, syscall(SYS_timer_gettime, id, &its) == 0 &&
	    its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0);
	syscall(SYS_timer_delete, id);
	signal(SIGUSR2, SIG_DFL);
}

static void
test_itimer_errors(void)
{
	struct itimerval v = { { 0, 0 }, { 30, 0 } }, g;

	errno = 0;
	check("setitimer(ITIMER_VIRTUAL) with a bad old pointer is EFAULT",
	    syscall(SYS_setitimer, ITIMER_VIRTUAL, &v, (void *)-1) == -1 &&
	    errno == EFAULT);
	memset(&v, 0, sizeof(v));
	setitimer(ITIMER_VIRTUAL, &v, NULL);
	errno = 0;
	check("setitimer(-ITIMER_PROF) is EINVAL",
	    syscall(SYS_setitimer, -ITIMER_PROF, &v, &g) == -1 &&
	    errno == EINVAL);
	v.it_value.tv_usec = 1000000;
	errno = 0;
	check("setitimer with tv_usec 1000000 is EINVAL",
	    setitimer(ITIMER_PROF, &v, NULL) == -1 && errno == EINVAL);
}

/* ---- RLIMIT_FSIZE ---- */

static volatile int xfsz;

static void
on_xfsz(int sig)
{
	(void)sig;
	xfsz++;
}

/* Results kept while RLIMIT_FSIZE is low, reported after. */
static struct {
	const char	*what;
	int		 ok;
} deferred[32];
static int ndeferred;

static void
defer(const char *what, int ok)
{
	if (ndeferred < 32)
		deferred[ndeferred++] = (typeof(deferred[0])){ what, ok };
}

static void
test_fsize(void)
{
	const char *path = "/tmp/usigthread.fsize";
	struct rlimit rl, old;
	char buf[1000];
	struct stat st;
	int fd;

	memset(buf, 'x', sizeof(buf));
	signal(SIGXFSZ, on_xfsz);
	getrlimit(RLIMIT_FSIZE, &old);
	rl.rlim_cur = 2500;
	rl.rlim_max = old.rlim_max;
	defer("setrlimit(RLIMIT_FSIZE, 2500)",
	    setrlimit(RLIMIT_FSIZE, &rl) == 0);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	defer("open a file", fd >= 0);
	defer("two writes under the limit are whole",
	    write(fd, buf, 1000) == 1000 && write(fd, buf, 1000) == 1000);
	defer("a write across the limit writes what fits",
	    write(fd, buf, 1000) == 500 && xfsz == 0);
	errno = 0;
	defer("a write at the limit is EFBIG",
	    write(fd, buf, 1000) == -1 && errno == EFBIG);
	defer("and sent SIGXFSZ", xfsz == 1);
	defer("a write of 0 bytes at the limit is 0", write(fd, buf, 0) == 0);
	errno = 0;
	defer("pwrite past the limit is EFBIG",
	    pwrite(fd, buf, 10, 5000) == -1 && errno == EFBIG && xfsz == 2);
	defer("pwrite under the limit works", pwrite(fd, buf, 10, 100) == 10);
	defer("the file is 2500 bytes",
	    fstat(fd, &st) == 0 && st.st_size == 2500);
	errno = 0;
	defer("ftruncate past the limit is EFBIG",
	    ftruncate(fd, 4000) == -1 && errno == EFBIG && xfsz == 3);
	defer("ftruncate down works", ftruncate(fd, 100) == 0);
	errno = 0;
	defer("fallocate past the limit is EFBIG",
	    fallocate(fd, 0, 0, 4000) == -1 && errno == EFBIG && xfsz == 4);
	close(fd);
	unlink(path);
	setrlimit(RLIMIT_FSIZE, &old);
	/* Reported now: stdout may be a file that the limit would cut. */
	for (int i = 0; i < ndeferred; i++)
		check(deferred[i].what, deferred[i].ok);
	signal(SIGXFSZ, SIG_DFL);

	/* With the default action, SIGXFSZ ends the writer (with core). */
	{
		pid_t pid = fork();
		int status = 0;

		if (pid == 0) {
			rl.rlim_cur = 10;
			setrlimit(RLIMIT_FSIZE, &rl);
			fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
			(void)write(fd, buf, 10);
			(void)write(fd, buf, 10);
			_exit(0);
		}
		waitpid(pid, &status, 0);
		check("SIGXFSZ's default action kills the writer",
		    WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ);
		unlink(path);
	}
}

/* RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL at the hard one. */
static volatile int *xcpu_seen;

static void
on_xcpu(int sig)
{
	*xcpu_seen = sig;
}

static void
test_rlimit_cpu(void)
{
	static volatile int shared;	/* set by the child's handler */
	int status = 0, pfd[2];
	pid_t pid;

	xcpu_seen = &shared;
	if (pipe(pfd) != 0) {
		check("pipe", 0);
		return;
	}
	pid = fork();
	if (pid == 0) {
		struct rlimit rl = { 1, 2 };
		volatile unsigned long x = 0;
		time_t end;

		close(pfd[0]);
		signal(SIGXCPU, on_xcpu);
		if (setrlimit(RLIMIT_CPU, &rl) != 0)
			_exit(1);
		end = time(NULL) + BUSY_LIMIT_S;
		while (time(NULL) < end) {
			for (int i = 0; i < 100000; i++)
				x += (unsigned long)i;
			if (shared == SIGXCPU) {
				char c = 'x';

				(void)write(pfd[1], &c, 1);
				shared = 0;
			}
		}
		_exit(2);
	}
	close(pfd[1]);
	{
		char c = 0;
		ssize_t n = read(pfd[0], &c, 1);

		check("RLIMIT_CPU's soft limit sent SIGXCPU", n == 1 && c == 'x');
	}
	close(pfd[0]);
	waitpid(pid, &status, 0);
	check("RLIMIT_CPU's hard limit killed it with SIGKILL",
	    WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

/* RLIMIT_SIGPENDING 0: no room to queue a real-time signal. */
static void
test_sigpending_limit(void)
{
	struct rlimit rl, old;
	sigset_t set;
	siginfo_t si;
	struct timespec ts = { 0, 0 };

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	getrlimit(RLIMIT_SIGPENDING, &old);
	rl.rlim_cur = 0;
	rl.rlim_max = old.rlim_max;
	setrlimit(RLIMIT_SIGPENDING, &rl);
	errno = 0;
	check("tgkill of a real-time signal under RLIMIT_SIGPENDING 0 is "
	    "EAGAIN", tgkill(getpid(), gettid_(), SIGRTMIN) == -1 &&
	    errno == EAGAIN);
	setrlimit(RLIMIT_SIGPENDING, &old);
	check("and it is not pending", sigtimedwait(&set, &si, &ts) == -1 &&
	    errno == EAGAIN);
	check("with room, tgkill of it works",
	    tgkill(getpid(), gettid_(), SIGRTMIN) == 0 &&
	    sigtimedwait(&set, &si, &ts) == SIGRTMIN);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	test_thread_signals();
	test_fault();
	test_itimer(ITIMER_VIRTUAL, SIGVTALRM, "ITIMER_VIRTUAL");
	test_itimer(ITIMER_PROF, SIGPROF, "ITIMER_PROF");
	test_itimer_errors();
	test_cpu_timer(CLOCK_PROCESS_CPUTIME_ID, "CLOCK_PROCESS_CPUTIME_ID");
	test_cpu_timer(CLOCK_THREAD_CPUTIME_ID, "CLOCK_THREAD_CPUTIME_ID");
	test_fsize();
	test_rlimit_cpu();
	test_sigpending_limit();
	if (failed) {
		printf("usigthread: %d checks failed\n", failed);
		return 1;
	}
	printf("usigthread: done, all checks passed\n");
	return 0;
}
