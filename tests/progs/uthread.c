/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Threads and futexes from ring 3, no libc: clone with the flags glibc's
 * pthread_create passes (shared memory, TLS, tid words), a futex mutex
 * under contention, join through CLONE_CHILD_CLEARTID, futex errors and
 * timeouts, exit_group and execve from a thread taking the others down,
 * and vfork sharing memory until the child exits.  Exits 0 if all held.
 */
#include "usys.h"

#define SYS_mmap	9
#define SYS_getpid	39
#define SYS_clone	56
#define SYS_fork	57
#define SYS_vfork	58
#define SYS_execve	59
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_sched_yield	24
#define SYS_gettid	186
#define SYS_futex	202
#define SYS_exit_group	231

#define CLONE_VM	0x00000100
#define CLONE_FS	0x00000200
#define CLONE_FILES	0x00000400
#define CLONE_SIGHAND	0x00000800
#define CLONE_THREAD	0x00010000
#define CLONE_SYSVSEM	0x00040000
#define CLONE_SETTLS	0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define THREAD_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
	CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
	CLONE_CHILD_CLEARTID)

#define FUTEX_WAIT	0
#define FUTEX_WAKE	1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE	128

#define EAGAIN		11
#define EFAULT		14
#define EINVAL		22
#define ETIMEDOUT	110

#define NTHREADS	4
#define ROUNDS		2000
#define STACK		(64 * 1024)

static int failed;

struct thread {
	struct thread	*self;		/* %fs:0, as the TLS ABI has it */
	int		 tid;		/* CLONE_PARENT_SETTID / CLEARTID word */
	int		 index;
	long		 seen_tid;
	long		 seen_pid;
	struct thread	*seen_self;
	void		(*fn)(struct thread *);
	char		*stack;
};

static void
check(const char *what, int ok)
{
	usys_check("uthread", what, ok, &failed);
}

static long
futex(int *uaddr, int op, int val, const long *ts, int *uaddr2, int val3)
{
	return usys6(SYS_futex, (long)uaddr, op, val, (long)ts, (long)uaddr2,
	    val3);
}

/* The new thread starts on its own stack with the struct on top of it. */
__attribute__((noreturn, used)) static void
thread_main(struct thread *t)
{
	t->seen_tid = usys(SYS_gettid, 0, 0, 0, 0);
	t->seen_pid = usys(SYS_getpid, 0, 0, 0, 0);
	__asm__ volatile("movq %%fs:0, %0" : "=r"(t->seen_self));
	t->fn(t);
	usys(SYS_exit, 0, 0, 0, 0);
	__builtin_unreachable();
}

static long
spawn(struct thread *t, void (*fn)(struct thread *))
{
	long ret;
	char *sp;

	t->self = t;
	t->fn = fn;
	t->stack = (char *)usys6(SYS_mmap, 0, STACK, 3, 0x22, -1, 0);
	sp = t->stack + STACK;
	*(struct thread **)(sp - 16) = t;
	/* In the child: rsp = sp - 16, pop t into rdi and run. */
	register long r10 __asm__("r10") = (long)&t->tid;
	register long r8 __asm__("r8") = (long)t;
	__asm__ volatile(
	    "syscall\n\t"
	    "testq %%rax, %%rax\n\t"
	    "jnz 1f\n\t"
	    "popq %%rdi\n\t"
	    "andq $-16, %%rsp\n\t"
	    "call thread_main\n\t"
	    "ud2\n"
	    "1:"
	    : "=a"(ret)
	    : "a"(SYS_clone), "D"(THREAD_FLAGS), "S"(sp - 16), "d"(&t->tid),
	      "r"(r10), "r"(r8)
	    : "rcx", "r11", "memory");
	return ret;
}

/* Wait until the kernel clears the thread's tid word at its exit. */
static void
join(struct thread *t)
{
	int tid;

	while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0)
		futex(&t->tid, FUTEX_WAIT, tid, 0, 0, 0);
}

/* A three-state futex mutex: 0 free, 1 locked, 2 locked with waiters. */
static int lock_word;
static long counter;

static void
lock(void)
{
	int c = 0;

	if (__atomic_compare_exchange_n(&lock_word, &c, 1, 0, __ATOMIC_ACQUIRE,
	    __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(&lock_word, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		futex(&lock_word, FUTEX_WAIT | FUTEX_PRIVATE, 2, 0, 0, 0);
		c = __atomic_exchange_n(&lock_word, 2, __ATOMIC_ACQUIRE);
	}
}

static void
unlock(void)
{
	if (__atomic_fetch_sub(&lock_word, 1, __ATOMIC_RELEASE) != 1) {
		__atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
		futex(&lock_word, FUTEX_WAKE | FUTEX_PRIVATE, 1, 0, 0, 0);
	}
}

static void
worker(struct thread *t)
{
	(void)t;
	for (int i = 0; i < ROUNDS; i++) {
		lock();
		long v = counter;

		if ((i & 63) == 0)
			usys(SYS_sched_yield, 0, 0, 0, 0);  /* invite contention */
		counter = v + 1;
		unlock();
	}
}

static void
contended_mutex(void)
{
	static struct thread ts[NTHREADS];
	long me = usys(SYS_getpid, 0, 0, 0, 0);
	int ok = 1, distinct = 1;

	for (int i = 0; i < NTHREADS; i++) {
		long tid = spawn(&ts[i], worker);

		ok &= tid > 0 && tid != me;
	}
	check("clone makes threads", ok);
	for (int i = 0; i < NTHREADS; i++)
		join(&ts[i]);
	check("four threads x 2000 locked increments", counter ==
	    NTHREADS * ROUNDS);
	ok = 1;
	for (int i = 0; i < NTHREADS; i++) {
		ok &= ts[i].seen_pid == me && ts[i].seen_self == &ts[i];
		for (int j = 0; j < i; j++)
			distinct &= ts[i].seen_tid != ts[j].seen_tid;
		distinct &= ts[i].seen_tid != me;
	}
	check("threads share the pid and see their own TLS", ok);
	check("each thread has its own tid", distinct);
}

static void
futex_errors(void)
{
	static int word = 5;
	long ts[2] = { 0, 20 * 1000 * 1000 };

	check("FUTEX_WAIT on a changed value is EAGAIN",
	    futex(&word, FUTEX_WAIT, 4, 0, 0, 0) == -EAGAIN);
	check("FUTEX_WAIT times out", futex(&word, FUTEX_WAIT, 5, ts, 0, 0) ==
	    -ETIMEDOUT);
	check("FUTEX_WAIT on an unaligned word is EINVAL",
	    futex((int *)((char *)&word + 1), FUTEX_WAIT, 5, 0, 0, 0) ==
	    -EINVAL);
	check("FUTEX_WAIT on an unmapped word is EFAULT",
	    futex((int *)0x1000, FUTEX_WAIT, 0, 0, 0, 0) == -EFAULT);
	check("FUTEX_WAIT on a kernel address is EFAULT",
	    futex((int *)0xffff800000000000UL, FUTEX_WAIT, 0, 0, 0, 0) ==
	    -EFAULT);
	check("FUTEX_WAIT with a bad timeout is EINVAL",
	    (ts[1] = 1000000000, futex(&word, FUTEX_WAIT, 5, ts, 0, 0)) ==
	    -EINVAL);
	check("FUTEX_WAIT_BITSET with an empty mask is EINVAL",
	    futex(&word, FUTEX_WAIT_BITSET, 5, 0, 0, 0) == -EINVAL);
	check("FUTEX_WAKE with no waiters wakes none",
	    futex(&word, FUTEX_WAKE, 10, 0, 0, 0) == 0);
	check("an unknown futex op is ENOSYS",
	    futex(&word, 77, 0, 0, 0, 0) == -38);
}

static int gate;
static int waiter_ready;

static void
bitset_waiter(struct thread *t)
{
	/* Waits on bit 1 only; a wake for bit 0 must pass it by. */
	__atomic_store_n(&waiter_ready, 1, __ATOMIC_RELEASE);
	t->index = (int)futex(&gate, FUTEX_WAIT_BITSET | FUTEX_PRIVATE, 0, 0,
	    0, 2);
}

/*
 * The waiter may run on another CPU, so when it is inside FUTEX_WAIT is
 * not ours to know: it says it is about to wait, then each turn wakes
 * bit 0 (never anyone) and bit 1 (the waiter, once it waits), sleeping
 * 1 ms between turns, for 10 s at most.  A bit-0 wake that took the
 * waiter would count 1 at once, and the bit-1 wake would then find no
 * one and the turns would run out: both are checked.
 */
static void
bitsets(void)
{
	static struct thread t;
	static int never;
	long ms[2] = { 0, 1000 * 1000 };
	long woke_other = 0, woke_mine = 0;
	int turns = 0;

	spawn(&t, bitset_waiter);
	while (!__atomic_load_n(&waiter_ready, __ATOMIC_ACQUIRE) &&
	    turns++ < 10000)
		futex(&never, FUTEX_WAIT, 0, ms, 0, 0);
	check("the bitset waiter starts", waiter_ready);
	for (turns = 0; woke_mine == 0 && turns < 10000; turns++) {
		woke_other += futex(&gate, FUTEX_WAKE_BITSET | FUTEX_PRIVATE,
		    1, 0, 0, 1);
		woke_mine = futex(&gate, FUTEX_WAKE_BITSET | FUTEX_PRIVATE,
		    1, 0, 0, 2);
		if (woke_mine == 0)
			futex(&never, FUTEX_WAIT, 0, ms, 0, 0);
	}
	check("FUTEX_WAKE_BITSET skips waiters of other bits",
	    woke_other == 0);
	check("FUTEX_WAKE_BITSET wakes a waiter of its bit", woke_mine == 1);
	if (woke_mine != 1)
		return;		/* joining a waiter never woken would hang */
	join(&t);
	check("the woken waiter returned 0", t.index == 0);
}

static void
spin_forever(struct thread *t)
{
	(void)t;
	for (;;)
		usys(SYS_sched_yield, 0, 0, 0, 0);
}

static void
sleep_forever(struct thread *t)
{
	static int never;

	(void)t;
	for (;;)
		futex(&never, FUTEX_WAIT, 0, 0, 0, 0);
}

static void
exit_group_from_thread(struct thread *t)
{
	(void)t;
	usys(SYS_exit_group, 42, 0, 0, 0);
}

static void
exec_from_thread(struct thread *t)
{
	char *const argv[] = { "/bin/busybox", "true", 0 };
	char *const envp[] = { 0 };

	(void)t;
	usys(SYS_execve, (long)argv[0], (long)argv, (long)envp, 0);
	usys(SYS_exit_group, 99, 0, 0, 0);
}

/* In a child process: spinning and sleeping threads, then fn's thread. */
static int
group_case(void (*fn)(struct thread *))
{
	static struct thread a, b, c;
	int st = -1;
	long pid = usys(SYS_fork, 0, 0, 0, 0);

	if (pid == 0) {
		spawn(&a, spin_forever);
		spawn(&b, sleep_forever);
		spawn(&c, fn);
		for (;;)
			usys(SYS_sched_yield, 0, 0, 0, 0);
	}
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	return st;
}

static void
vfork_shares(void)
{
	static volatile int touched;
	int st = -1;
	long pid = usys(SYS_vfork, 0, 0, 0, 0);

	if (pid == 0) {
		touched = 7;
		usys(SYS_exit, 3, 0, 0, 0);
	}
	check("vfork: the parent runs after the child, sees its writes",
	    touched == 7);
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("vfork: the child's exit status", st == (3 << 8));
}

void
cstart(void)
{
	contended_mutex();
	futex_errors();
	bitsets();
	check("exit_group from a thread ends every thread with its status",
	    group_case(exit_group_from_thread) == (42 << 8));
	check("execve from a thread replaces the whole process",
	    group_case(exec_from_thread) == 0);
	vfork_shares();
	usys_finish("uthread", failed);
}

USYS_START;
