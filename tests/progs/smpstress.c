/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Threads on every CPU at once, with checked results (built with musl):
 *   affinity  a thread pinned to each CPU runs there (getcpu), sees the
 *             mask it set, and that CPU's /proc/stat time grows
 *   mutex     2 x CPUs threads add to one counter under a futex mutex
 *   pipes     pairs of threads pass numbered, summed messages
 *   fork      every thread forks children and checks their exit codes
 *   remap     a page is replaced (MAP_FIXED) and then made inaccessible
 *             while threads on other CPUs read it: they see the new page,
 *             then fault (a stale TLB entry would show the old one)
 *   firsttouch  in fresh processes, a thread per CPU touches the same
 *             not-yet-mapped pages at once (the vDSO through
 *             clock_gettime and sched_getcpu, a new anonymous page): each
 *             fault but the first finds the page mapped by another CPU,
 *             and must let the access stand
 *   clock     a thread pinned to each CPU reads CLOCK_MONOTONIC, through
 *             the vDSO and the system call in turn, and keeps the
 *             largest reading in a shared word: a reading may never be
 *             below the value loaded before it was taken (Linux's
 *             monotonic clock is one clock for all CPUs)
 *   cputime   a thread pinned to each other CPU runs without blocking
 *             (computing and system calls), never switched out: read
 *             from this CPU, its CPU-time clock rises while it works and
 *             never goes back, and /proc's task and process stat lines
 *             show its user and system time rising
 * Every count is fixed (argv[1] scales them, default 1; argv[2], a
 * comma-separated list, picks checks, default all); nothing here depends
 * on how fast the host runs the CPUs.  Prints one "ok"/"FAIL"
 * line per check and "smpstress: done, all checks passed" if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CPUS	64

static int fails;
static int scale = 1;
static int ncpus;
static int cpu_ids[MAX_CPUS];

static void
check(const char *name, int ok, const char *fmt, long a, long b)
{
	if (ok) {
		printf("smpstress: ok %s\n", name);
	} else {
		printf("smpstress: FAIL %s: ", name);
		printf(fmt, a, b);
		printf("\n");
		fails++;
	}
	fflush(stdout);
}

static int
this_cpu(void)
{
	return sched_getcpu();	/* the getcpu system call or vDSO */
}

/* cpuN's first field (user ticks) in /proc/stat, or -1. */
static long
stat_busy(int cpu)
{
	char line[256], want[16];
	long v = -1;
	FILE *f = fopen("/proc/stat", "r");

	if (f == NULL)
		return -1;
	snprintf(want, sizeof(want), "cpu%d ", cpu);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, want, strlen(want)) == 0) {
			v = strtol(line + strlen(want), NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static volatile uint64_t sink;

static void
burn(long n)
{
	uint64_t x = 1;

	for (long i = 0; i < n; i++)
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
	sink += x;
}

/* ---- affinity ---- */

struct pin_arg {
	int	cpu;
	int	ran_there;	/* getcpu said so every time */
	int	mask_ok;
	int	stat_grew;
};

static void *
pin_thread(void *p)
{
	struct pin_arg *a = p;
	cpu_set_t set, got;
	long before;

	CPU_ZERO(&set);
	CPU_SET(a->cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0)
		return NULL;
	/* Linux moves the caller before the call returns. */
	a->ran_there = this_cpu() == a->cpu;
	CPU_ZERO(&got);
	a->mask_ok = sched_getaffinity(0, sizeof(got), &got) == 0 &&
	    CPU_EQUAL(&got, &set);
	before = stat_busy(a->cpu);
	/* Work until the CPU's time shows it (bounded: 2000 rounds). */
	for (int i = 0; i < 2000 && !a->stat_grew; i++) {
		burn(200000);
		if (this_cpu() != a->cpu)
			a->ran_there = 0;
		if (i % 8 == 7)
			sched_yield();
		a->stat_grew = before >= 0 && stat_busy(a->cpu) > before;
	}
	return NULL;
}

static void
test_affinity(void)
{
	pthread_t t[MAX_CPUS];
	struct pin_arg a[MAX_CPUS];
	int there = 1, mask = 1, grew = 1;
	cpu_set_t none;
	int bad = -1;

	for (int i = 0; i < ncpus; i++) {
		memset(&a[i], 0, sizeof(a[i]));
		a[i].cpu = cpu_ids[i];
		if (pthread_create(&t[i], NULL, pin_thread, &a[i]) != 0) {
			check("affinity-create", 0, "thread %ld of %ld", i,
			    ncpus);
			return;
		}
	}
	for (int i = 0; i < ncpus; i++) {
		pthread_join(t[i], NULL);
		if (!a[i].ran_there && there)
			bad = a[i].cpu, there = 0;
		mask = mask && a[i].mask_ok;
		if (!a[i].stat_grew && grew) {
			grew = 0;
			if (bad < 0)
				bad = a[i].cpu;
		}
	}
	check("affinity-runs-there", there, "cpu %ld (of %ld)", bad, ncpus);
	check("affinity-mask-read-back", mask, "%ld %ld", 0, 0);
	check("affinity-proc-stat-grows", grew, "cpu %ld (of %ld)", bad,
	    ncpus);
	/* A mask of no CPU that exists: EINVAL, and nothing changes. */
	CPU_ZERO(&none);
	CPU_SET(MAX_CPUS - 1, &none);
	errno = 0;
	check("affinity-einval", ncpus == MAX_CPUS ||
	    (sched_setaffinity(0, sizeof(none), &none) == -1 &&
	    errno == EINVAL), "errno %ld %ld", errno, 0);
}

/* ---- mutex ---- */

static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *
mutex_thread(void *p)
{
	long n = (long)p;

	for (long i = 0; i < n; i++) {
		pthread_mutex_lock(&mtx);
		counter++;
		pthread_mutex_unlock(&mtx);
	}
	return NULL;
}

static void
test_mutex(void)
{
	int nt = 2 * ncpus;
	long per = 20000L * scale;
	pthread_t t[2 * MAX_CPUS];

	counter = 0;
	for (int i = 0; i < nt; i++)
		pthread_create(&t[i], NULL, mutex_thread, (void *)per);
	for (int i = 0; i < nt; i++)
		pthread_join(t[i], NULL);
	check("mutex-counter", counter == per * nt, "%ld, want %ld", counter,
	    per * nt);
}

/* ---- pipes ---- */

struct msg {
	uint32_t	seq;
	uint32_t	sum;
	uint8_t		data[56];
};

struct pipe_pair {
	int	fd[2];
	long	n;
	int	bad;
};

static void *
pipe_writer(void *p)
{
	struct pipe_pair *pp = p;
	struct msg m;

	for (long i = 0; i < pp->n; i++) {
		m.seq = (uint32_t)i;
		m.sum = 0;
		for (int k = 0; k < 56; k++) {
			m.data[k] = (uint8_t)(i * 31 + k);
			m.sum += m.data[k];
		}
		if (write(pp->fd[1], &m, sizeof(m)) != sizeof(m)) {
			pp->bad = 1;
			break;
		}
	}
	close(pp->fd[1]);
	return NULL;
}

static void *
pipe_reader(void *p)
{
	struct pipe_pair *pp = p;
	struct msg m;
	long i = 0;

	for (;;) {
		size_t got = 0;

		while (got < sizeof(m)) {
			ssize_t r = read(pp->fd[0], (char *)&m + got,
			    sizeof(m) - got);

			if (r <= 0)
				goto out;
			got += (size_t)r;
		}
		uint32_t sum = 0;

		for (int k = 0; k < 56; k++)
			sum += m.data[k];
		if (m.seq != (uint32_t)i || sum != m.sum)
			pp->bad = 1;
		i++;
	}
out:
	if (i != pp->n)
		pp->bad = 1;
	close(pp->fd[0]);
	return NULL;
}

static void
test_pipes(void)
{
	int np = ncpus;
	struct pipe_pair pp[MAX_CPUS];
	pthread_t w[MAX_CPUS], r[MAX_CPUS];
	int bad = 0;

	for (int i = 0; i < np; i++) {
		pp[i].n = 2000L * scale;
		pp[i].bad = 0;
		if (pipe(pp[i].fd) != 0) {
			check("pipes-create", 0, "pair %ld errno %ld", i, errno);
			return;
		}
		pthread_create(&r[i], NULL, pipe_reader, &pp[i]);
		pthread_create(&w[i], NULL, pipe_writer, &pp[i]);
	}
	for (int i = 0; i < np; i++) {
		pthread_join(w[i], NULL);
		pthread_join(r[i], NULL);
		bad += pp[i].bad;
	}
	check("pipes-messages", bad == 0, "%ld of %ld pairs wrong", bad, np);
}

/* ---- fork ---- */

static void *
fork_thread(void *p)
{
	long base = (long)p, bad = 0;

	for (int i = 0; i < 10 * scale; i++) {
		int status = 0, code = (int)((base * 13 + i) & 0x7f);
		pid_t c = fork();

		if (c == 0) {
			burn(1000);
			_exit(code);
		}
		if (c < 0 || waitpid(c, &status, 0) != c ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != code)
			bad++;
	}
	return (void *)bad;
}

static void
test_fork(void)
{
	pthread_t t[MAX_CPUS];
	long bad = 0;

	for (long i = 0; i < ncpus; i++)
		pthread_create(&t[i], NULL, fork_thread, (void *)i);
	for (int i = 0; i < ncpus; i++) {
		void *r;

		pthread_join(t[i], &r);
		bad += (long)r;
	}
	check("fork-exit-codes", bad == 0, "%ld of %ld children wrong", bad,
	    ncpus * 10L * scale);
}

/* ---- remap ---- */

static pthread_barrier_t bar;
static volatile int *page;
static int rounds;
static __thread sigjmp_buf fault_jmp;
static __thread volatile int fault_armed;

static void
on_segv(int sig)
{
	(void)sig;
	if (fault_armed)
		siglongjmp(fault_jmp, 1);
	_exit(99);
}

/* Does reading the page fault (SIGSEGV)? */
static __attribute__((noinline)) int
read_faults(void)
{
	if (sigsetjmp(fault_jmp, 1) != 0) {
		fault_armed = 0;
		return 1;
	}
	fault_armed = 1;
	(void)page[0];
	fault_armed = 0;
	return 0;
}

static void *
remap_reader(void *p)
{
	long stale = 0, nofault = 0;

	(void)p;
	for (int r = 0; r < rounds; r++) {
		pthread_barrier_wait(&bar);	/* the page holds r */
		if (page[0] != r || page[1023] != r)
			stale++;
		pthread_barrier_wait(&bar);	/* read: it may go */
		pthread_barrier_wait(&bar);	/* it is gone */
		nofault += !read_faults();
		pthread_barrier_wait(&bar);	/* faulted: next round */
	}
	return (void *)(stale * 1000000 + nofault);
}

static void
test_remap(void)
{
	pthread_t t[MAX_CPUS];
	int nr = ncpus > 1 ? ncpus - 1 : 1;
	long stale = 0, nofault = 0;
	void *base;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_segv;
	sigaction(SIGSEGV, &sa, NULL);
	rounds = 50 * scale;
	/* The page's place stays reserved (PROT_NONE between rounds), so
	 * that no other mapping (a thread's stack) can take it. */
	base = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
	    0);
	if (base == MAP_FAILED) {
		check("remap-mmap", 0, "errno %ld %ld", errno, 0);
		return;
	}
	pthread_barrier_init(&bar, NULL, (unsigned)nr + 1);
	for (int i = 0; i < nr; i++)
		pthread_create(&t[i], NULL, remap_reader, NULL);
	for (int r = 0; r < rounds; r++) {
		int *p = mmap(base, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

		if (p == MAP_FAILED)
			_exit(98);
		for (int k = 0; k < 1024; k++)
			p[k] = r;
		page = p;
		pthread_barrier_wait(&bar);	/* readers check r */
		pthread_barrier_wait(&bar);	/* ... they are done */
		/* Gone: a fresh inaccessible page in its place. */
		if (mmap(base, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
		    MAP_FIXED, -1, 0) == MAP_FAILED)
			_exit(98);
		pthread_barrier_wait(&bar);	/* readers expect a fault */
		pthread_barrier_wait(&bar);	/* ... they had it */
	}
	for (int i = 0; i < nr; i++) {
		void *res;

		pthread_join(t[i], &res);
		stale += (long)res / 1000000;
		nofault += (long)res % 1000000;
	}
	check("remap-new-page-seen", stale == 0, "%ld stale reads of %ld",
	    stale, (long)rounds * nr);
	check("remap-gone-faults", nofault == 0, "%ld reads without a "
	    "fault of %ld", nofault, (long)rounds * nr);
}

/* ---- firsttouch ---- */

static volatile int ft_go;
static char *ft_page;

static void *
ft_thread(void *arg)
{
	struct timespec ts;
	int cpu = (int)(long)arg;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	(void)sched_setaffinity(0, sizeof(set), &set);
	while (!__atomic_load_n(&ft_go, __ATOMIC_ACQUIRE))
		;
	/* First calls: the vDSO's pages and the clock page fault in. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	(void)sched_getcpu();
	return (void *)(long)(ft_page[cpu * 64] + 1);	/* its first read */
}

/* One fresh process: threads on every CPU, released at once. */
static int
ft_child(void)
{
	pthread_t t[MAX_CPUS];
	long sum = 0;

	ft_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (ft_page == MAP_FAILED)
		return 2;
	for (int i = 0; i < ncpus; i++)
		if (pthread_create(&t[i], NULL, ft_thread,
		    (void *)(long)cpu_ids[i]) != 0)
			return 3;
	__atomic_store_n(&ft_go, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < ncpus; i++) {
		void *r;

		pthread_join(t[i], &r);
		sum += (long)r;
	}
	return sum == ncpus ? 0 : 4;	/* every read saw a zero page */
}

static void
test_firsttouch(void)
{
	int rounds = 20 * scale, bad = 0, last = 0;

	for (int r = 0; r < rounds; r++) {
		pid_t pid = fork();
		int st;

		if (pid == 0)
			_exit(ft_child());
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0) {
			bad++;
			last = pid < 0 ? -1 : st;
		}
	}
	check("firsttouch-all-stand", bad == 0, "%ld of the rounds failed "
	    "(last status 0x%lx)", bad, last);
}

/* ---- clock ---- */

static int64_t clk_max;		/* the largest reading so far, ns */

struct clk_arg {
	int	cpu;
	long	back;		/* readings below the max loaded before */
	long	worst_ns;	/* the largest such step back */
	int	failed;		/* a call failed or the pin did */
};

static void *
clk_thread(void *p)
{
	struct clk_arg *a = p;
	cpu_set_t set;
	struct timespec ts;

	CPU_ZERO(&set);
	CPU_SET(a->cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) {
		a->failed = 1;
		return NULL;
	}
	for (long i = 0; i < 20000L * scale; i++) {
		int64_t before = __atomic_load_n(&clk_max, __ATOMIC_ACQUIRE);
		int64_t now, seen;
		long r = i % 2 == 0 ? clock_gettime(CLOCK_MONOTONIC, &ts) :
		    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);

		if (r != 0) {
			a->failed = 1;
			return NULL;
		}
		now = (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
		if (now < before) {
			a->back++;
			if (before - now > a->worst_ns)
				a->worst_ns = (long)(before - now);
		}
		seen = __atomic_load_n(&clk_max, __ATOMIC_RELAXED);
		while (now > seen && !__atomic_compare_exchange_n(&clk_max,
		    &seen, now, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
			;
	}
	return NULL;
}

static void
test_clock(void)
{
	pthread_t t[MAX_CPUS];
	struct clk_arg a[MAX_CPUS];
	long back = 0, worst = 0, failed = 0;
	int n = 0;

	for (int i = 0; i < ncpus; i++, n++) {
		memset(&a[i], 0, sizeof(a[i]));
		a[i].cpu = cpu_ids[i];
		if (pthread_create(&t[i], NULL, clk_thread, &a[i]) != 0)
			break;
	}
	for (int i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		back += a[i].back;
		failed += a[i].failed;
		if (a[i].worst_ns > worst)
			worst = a[i].worst_ns;
	}
	check("clock-threads-ran", n == ncpus && failed == 0,
	    "%ld of the threads failed or were not made (of %ld)",
	    failed + ncpus - n, ncpus);
	check("clock-never-back", back == 0, "%ld readings went back, by "
	    "up to %ld ns", back, worst);
}

/* ---- cputime ---- */

/* Bounds, in the spinners' rounds: far more than 10 ms of CPU time
 * (one stat tick) takes on any host; reached only when a count is stuck. */
#define CT_ROUNDS_MAX	3000000L

static volatile int ct_stop;

struct ct_arg {
	int		cpu;
	volatile int	tid;		/* set once it runs on its CPU */
	volatile long	rounds;
};

static void *
ct_thread(void *p)
{
	struct ct_arg *a = p;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(a->cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) {
		a->tid = -1;
		return NULL;
	}
	a->tid = (int)syscall(SYS_gettid);
	while (!ct_stop) {
		burn(300);		/* ring 3 */
		(void)getppid();	/* the kernel, without blocking */
		a->rounds++;
	}
	return NULL;
}

/* Fields 14 and 15 (utime, stime) of a stat file; 0 when unreadable. */
static int
ct_stat(const char *path, long *utime, long *stime)
{
	FILE *f = fopen(path, "r");
	int n;

	if (f == NULL)
		return 0;
	n = fscanf(f, "%*d %*s %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
	    "%ld %ld", utime, stime);
	fclose(f);
	return n == 2;
}

/* Wait (yielding) until a's rounds pass target: a spinner that stops
 * is a kernel bug the case's time limit reports. */
static void
ct_wait(struct ct_arg *a, long target)
{
	while (a->rounds < target)
		sched_yield();
}

/* Check one spinner; 0 if all held, else a code for the report. */
static long
ct_check(struct ct_arg *a, pthread_t th)
{
	char task[64];
	clockid_t cid;
	struct timespec ts;
	long long prev = -1, now;
	long u0, s0, u, s, pu0, ps0, pu, ps;

	if (pthread_getcpuclockid(th, &cid) != 0)
		return 1;
	/* The clock rises across each stretch of work, never falls. */
	for (int i = 0; i < 20; i++) {
		if (clock_gettime(cid, &ts) != 0)
			return 2;
		now = ts.tv_sec * 1000000000LL + ts.tv_nsec;
		if (now <= prev)
			return 3;
		prev = now;
		ct_wait(a, a->rounds + 200);
	}
	/* Its stat line shows time, user and system, rising; so does the
	 * process's (the spinner alone may show either first). */
	snprintf(task, sizeof(task), "/proc/self/task/%d/stat", a->tid);
	if (!ct_stat(task, &u0, &s0) || !ct_stat("/proc/self/stat", &pu0,
	    &ps0))
		return 5;
	for (long start = a->rounds;; ) {
		if (!ct_stat(task, &u, &s) || !ct_stat("/proc/self/stat", &pu,
		    &ps))
			return 5;
		if (u < u0 || s < s0 || pu < pu0 || ps < ps0)
			return 6;	/* a part fell */
		if (u > u0 && s > s0 && pu > pu0 && ps > ps0)
			return 0;
		if (a->rounds - start > CT_ROUNDS_MAX)
			return u == u0 ? 7 : s == s0 ? 8 : pu == pu0 ? 9 : 10;
		ct_wait(a, a->rounds + 1000);
	}
}

static void
test_cputime(void)
{
	pthread_t th[MAX_CPUS];
	struct ct_arg a[MAX_CPUS];
	cpu_set_t set, old;
	long bad = 0, cpu = -1;
	int n = 0;

	if (ncpus < 2) {
		check("cputime-other-cpus", 1, "%ld %ld", 0, 0);
		return;
	}
	sched_getaffinity(0, sizeof(old), &old);
	CPU_ZERO(&set);
	CPU_SET(cpu_ids[0], &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) {
		check("cputime-pin", 0, "errno %ld %ld", errno, 0);
		return;
	}
	ct_stop = 0;
	for (int i = 1; i < ncpus; i++, n++) {
		memset(&a[n], 0, sizeof(a[n]));
		a[n].cpu = cpu_ids[i];
		if (pthread_create(&th[n], NULL, ct_thread, &a[n]) != 0)
			break;
	}
	for (int i = 0; i < n && bad == 0; i++) {
		while (a[i].tid == 0)
			sched_yield();
		bad = a[i].tid < 0 ? 11 : ct_check(&a[i], th[i]);
		if (bad != 0)
			cpu = a[i].cpu;
	}
	ct_stop = 1;
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	sched_setaffinity(0, sizeof(old), &old);
	check("cputime-other-cpus", n == ncpus - 1 && bad == 0,
	    "failure %ld on cpu %ld", bad, cpu);
}

/* Is check name in argv[2]'s list (or is there no list)? */
static int
wanted(int argc, char **argv, const char *name)
{
	size_t n = strlen(name);

	if (argc < 3)
		return 1;
	for (const char *p = argv[2]; *p != '\0';) {
		size_t len = strcspn(p, ",");

		if (len == n && strncmp(p, name, n) == 0)
			return 1;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	cpu_set_t set;

	if (argc > 1)
		scale = atoi(argv[1]) > 0 ? atoi(argv[1]) : 1;
	/* As init, /proc is ours to mount; elsewhere it is there. */
	if (access("/proc/stat", R_OK) != 0) {
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) != 0) {
		printf("smpstress: FAIL sched_getaffinity: errno %d\n", errno);
		return 1;
	}
	for (int i = 0; i < MAX_CPUS; i++)
		if (CPU_ISSET(i, &set))
			cpu_ids[ncpus++] = i;
	printf("smpstress: cpus %d, scale %d\n", ncpus, scale);
	if (wanted(argc, argv, "affinity"))
		test_affinity();
	if (wanted(argc, argv, "mutex"))
		test_mutex();
	if (wanted(argc, argv, "pipes"))
		test_pipes();
	if (wanted(argc, argv, "fork"))
		test_fork();
	if (wanted(argc, argv, "remap"))
		test_remap();
	if (wanted(argc, argv, "firsttouch"))
		test_firsttouch();
	if (wanted(argc, argv, "clock"))
		test_clock();
	if (wanted(argc, argv, "cputime"))
		test_cputime();
	if (fails == 0)
		printf("smpstress: done, all checks passed\n");
	else
		printf("smpstress: done, %d failures\n", fails);
	return fails != 0;
}
