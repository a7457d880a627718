/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Robust futex lists from ring 3, no libc: set_robust_list and
 * get_robust_list and their errors; a thread, a process, a killed
 * process and an execve that leave while holding a lock word must have
 * it marked FUTEX_OWNER_DIED (FUTEX_WAITERS kept, the tid gone) and a
 * waiter woken; words the thread does not own stay; list_op_pending is
 * handled; a circular list and a bad pointer end the walk without
 * harm.  Also set_tid_address's return value and tkill/tgkill, which
 * musl's raise() builds on.  Exits 0 if all held.
 *   urobust              the checks
 *   urobust exec-noop    exit 0 (the program an execve test runs)
 */
#include "usys.h"

#define SYS_mmap	9
#define SYS_rt_sigaction 13
#define SYS_rt_sigprocmask 14
#define SYS_sched_yield	24
#define SYS_pause	34
#define SYS_getpid	39
#define SYS_clone	56
#define SYS_fork	57
#define SYS_execve	59
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_kill	62
#define SYS_setresuid	117
#define SYS_rt_sigtimedwait 128
#define SYS_tkill	200
#define SYS_gettid	186
#define SYS_futex	202
#define SYS_set_tid_address 218
#define SYS_exit_group	231
#define SYS_tgkill	234
#define SYS_set_robust_list 273
#define SYS_get_robust_list 274

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
#define FUTEX_WAITERS	0x80000000U
#define FUTEX_OWNER_DIED 0x40000000U

#define SIGKILL		9
#define SIGUSR1		10

#define EPERM		1
#define ESRCH		3
#define EAGAIN		11
#define EFAULT		14
#define EINVAL		22

#define STACK		(64 * 1024)

/* The kernel's view of a robust list (struct robust_list_head). */
struct rlist {
	struct rlist	*next;
};

struct rhead {
	struct rlist	 list;
	long		 futex_offset;
	struct rlist	*pending;
};

/* A lock as a C library lays it out: the list link, then the word. */
struct rlock {
	struct rlist	 link;
	unsigned int	 word;
	unsigned int	 pad;
};

#define WORD_OFFSET	8	/* offsetof(struct rlock, word) */

struct thread {
	struct thread	*self;		/* %fs:0 */
	int		 tid;		/* CLONE_PARENT_SETTID / CLEARTID */
	void		(*fn)(struct thread *);
	char		*stack;
};

static int failed;
static char **my_argv;

static void
check(const char *what, int ok)
{
	usys_check("urobust", what, ok, &failed);
}

static void
check_r(const char *what, long r, long want)
{
	check(what, r == want);
	if (r != want) {
		usys_say("  got ");
		usys_say_num(r);
		usys_say(" want ");
		usys_say_num(want);
		usys_say("\n");
	}
}

static long
futex(void *uaddr, int op, unsigned int val)
{
	return usys6(SYS_futex, (long)uaddr, op, val, 0, 0, 0);
}

static long
gettid(void)
{
	return usys(SYS_gettid, 0, 0, 0, 0);
}

__attribute__((noreturn, used)) static void
thread_main(struct thread *t)
{
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
	if (t->stack == 0)
		t->stack = (char *)usys6(SYS_mmap, 0, STACK, 3, 0x22, -1, 0);
	sp = t->stack + STACK;
	*(struct thread **)(sp - 16) = t;
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

static void
join(struct thread *t)
{
	int tid;

	while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0)
		futex(&t->tid, FUTEX_WAIT, (unsigned int)tid);
}

/* Make head an empty list, then link the given locks into it. */
static void
list_init(struct rhead *h, struct rlock **locks, int n)
{
	h->list.next = &h->list;
	h->futex_offset = WORD_OFFSET;
	h->pending = 0;
	for (int i = n - 1; i >= 0; i--) {
		locks[i]->link.next = h->list.next;
		h->list.next = &locks[i]->link;
	}
}

/* ---- the system calls ---- */

static void
test_calls(void)
{
	static struct rhead h;
	struct rhead *got = 0;
	long len = 0;

	list_init(&h, 0, 0);
	check_r("set_robust_list len 23: EINVAL", usys(SYS_set_robust_list,
	    (long)&h, 23, 0, 0), -EINVAL);
	check_r("set_robust_list len 25: EINVAL", usys(SYS_set_robust_list,
	    (long)&h, 25, 0, 0), -EINVAL);
	check_r("set_robust_list len 24: 0", usys(SYS_set_robust_list,
	    (long)&h, 24, 0, 0), 0);
	check_r("get_robust_list(0): 0", usys(SYS_get_robust_list, 0,
	    (long)&got, (long)&len, 0), 0);
	check("...gives the head back, len 24", got == &h && len == 24);
	got = 0;
	check_r("get_robust_list(own tid): 0", usys(SYS_get_robust_list,
	    gettid(), (long)&got, (long)&len, 0), 0);
	check("...the same head", got == &h);
	check_r("get_robust_list(no such tid): ESRCH",
	    usys(SYS_get_robust_list, 0x3ffffff0, (long)&got, (long)&len, 0),
	    -ESRCH);
	check_r("get_robust_list(bad head pointer): EFAULT",
	    usys(SYS_get_robust_list, 0, 8, (long)&len, 0), -EFAULT);
	check_r("get_robust_list(bad len pointer): EFAULT",
	    usys(SYS_get_robust_list, 0, (long)&got, 8, 0), -EFAULT);
	/* Another user's thread: EPERM (ptrace's read rule). */
	{
		long parent = usys(SYS_getpid, 0, 0, 0, 0), child;
		int status = -1;

		child = usys(SYS_fork, 0, 0, 0, 0);
		if (child == 0) {
			long r = usys(SYS_setresuid, 65534, 65534, 65534, 0);

			r = r == 0 ? usys(SYS_get_robust_list, parent,
			    (long)&got, (long)&len, 0) : 1;
			usys(SYS_exit_group, r == -EPERM ? 0 : 1, 0, 0, 0);
		}
		usys(SYS_wait4, child, (long)&status, 0, 0);
		check("get_robust_list(root's thread) as nobody: EPERM",
		    status == 0);
	}
	/* A pointer is not checked when set: only the walk reads it. */
	check_r("set_robust_list(bad pointer): 0", usys(SYS_set_robust_list,
	    16, 24, 0, 0), 0);
	check_r("set_robust_list(NULL): 0", usys(SYS_set_robust_list, 0, 24,
	    0, 0), 0);
}

/* ---- a thread that dies holding locks ---- */

static struct rhead th_head;
static struct rlock th_held, th_waited, th_other, th_pending, th_released;
static struct rlock th_pend_free;
static int th_ready, th_go;

static void
dier(struct thread *t)
{
	struct rlock *l[] = { &th_held, &th_waited, &th_other, &th_pending };
	unsigned int me = (unsigned int)gettid();

	(void)t;
	list_init(&th_head, l, 4);
	th_held.word = me;
	th_waited.word = me;
	th_other.word = me + 1;			/* someone else's */
	th_pending.word = me;			/* listed and pending */
	th_head.pending = &th_pending.link;
	usys(SYS_set_robust_list, (long)&th_head, 24, 0, 0);
	__atomic_store_n(&th_ready, 1, __ATOMIC_RELEASE);
	futex(&th_ready, FUTEX_WAKE, 1);
	while (__atomic_load_n(&th_go, __ATOMIC_ACQUIRE) == 0)
		futex(&th_go, FUTEX_WAIT, 0);
	/* exit(2) with all four held: the kernel walks the list. */
}

static void
test_thread_death(void)
{
	static struct thread t;
	unsigned int tid, w;
	long r;

	(void)th_released;
	(void)th_pend_free;
	check("clone a thread", spawn(&t, dier) > 0);
	while (__atomic_load_n(&th_ready, __ATOMIC_ACQUIRE) == 0)
		futex(&th_ready, FUTEX_WAIT, 0);
	tid = th_held.word;
	/* Mark the second lock contended and wait on it. */
	__atomic_or_fetch(&th_waited.word, FUTEX_WAITERS, __ATOMIC_ACQ_REL);
	__atomic_store_n(&th_go, 1, __ATOMIC_RELEASE);
	futex(&th_go, FUTEX_WAKE, 1);
	r = futex(&th_waited.word, FUTEX_WAIT, tid | FUTEX_WAITERS);
	check("a waiter on a dead owner's word is woken (or it was over)",
	    r == 0 || r == -EAGAIN);
	join(&t);
	w = th_held.word;
	check_r("held word: FUTEX_OWNER_DIED, tid gone", w, FUTEX_OWNER_DIED);
	w = th_waited.word;
	check_r("contended word: FUTEX_OWNER_DIED|FUTEX_WAITERS", w,
	    FUTEX_OWNER_DIED | FUTEX_WAITERS);
	check_r("a word owned by another tid is left alone", th_other.word,
	    tid + 1);
	check_r("the pending (and listed) word: FUTEX_OWNER_DIED",
	    th_pending.word, FUTEX_OWNER_DIED);
}

/* ---- a circular list, and a bad pointer mid-list ---- */

static struct rhead loop_head, bad_head;
static struct rlock loop_a, bad_a, bad_b;
static int loop_ready, bad_ready;

static void
looper(struct thread *t)
{
	(void)t;
	/* head -> a -> a -> a ...: never back at the head. */
	loop_head.list.next = &loop_a.link;
	loop_head.futex_offset = WORD_OFFSET;
	loop_head.pending = 0;
	loop_a.link.next = &loop_a.link;
	loop_a.word = (unsigned int)gettid();
	usys(SYS_set_robust_list, (long)&loop_head, 24, 0, 0);
	loop_ready = 1;
}

static void
bad_walker(struct thread *t)
{
	(void)t;
	/* head -> a -> (unmapped page): a is marked, then the walk ends. */
	bad_head.list.next = &bad_a.link;
	bad_head.futex_offset = WORD_OFFSET;
	bad_head.pending = (struct rlist *)0x1000;	/* unmapped */
	bad_a.link.next = (struct rlist *)0x10;
	bad_a.word = (unsigned int)gettid();
	bad_b.word = (unsigned int)gettid();
	usys(SYS_set_robust_list, (long)&bad_head, 24, 0, 0);
	bad_ready = 1;
}

static void
test_hostile_lists(void)
{
	static struct thread t1, t2;

	check("a thread with a circular robust list", spawn(&t1, looper) > 0);
	join(&t1);
	check("...exits (the walk is bounded)", loop_ready == 1);
	check_r("...and its word is marked", loop_a.word, FUTEX_OWNER_DIED);
	check("a thread with a bad pointer in its list",
	    spawn(&t2, bad_walker) > 0);
	join(&t2);
	check("...exits without harm", bad_ready == 1);
	check_r("...the entry before the bad one is marked", bad_a.word,
	    FUTEX_OWNER_DIED);
	check("...nothing else is touched", bad_b.word != FUTEX_OWNER_DIED);
}

/* ---- processes: exit, SIGKILL, execve; words in shared memory ---- */

struct shared {
	struct rhead	head;
	struct rlock	lock;
	int		ready;
};

static struct shared *
shared_new(void)
{
	/* MAP_SHARED | MAP_ANONYMOUS: the parent sees the child's words. */
	struct shared *sh = (struct shared *)usys6(SYS_mmap, 0, 4096, 3, 0x21,
	    -1, 0);

	/*
	 * Touched before fork: Jiny shares only the pages of a shared
	 * anonymous mapping present at fork (Linux shares them all).
	 */
	sh->ready = 0;
	return sh;
}

/* In a child: take sh->lock (robust) and say so. */
static void
child_hold(struct shared *sh, int waiters)
{
	struct rlock *l[] = { &sh->lock };

	list_init(&sh->head, l, 1);
	sh->lock.word = (unsigned int)gettid() | (waiters ? FUTEX_WAITERS : 0);
	usys(SYS_set_robust_list, (long)&sh->head, 24, 0, 0);
	__atomic_store_n(&sh->ready, 1, __ATOMIC_RELEASE);
	futex(&sh->ready, FUTEX_WAKE, 1);
}

static void
wait_ready(struct shared *sh)
{
	while (__atomic_load_n(&sh->ready, __ATOMIC_ACQUIRE) == 0)
		futex(&sh->ready, FUTEX_WAIT, 0);
}

static long
reap(long pid)
{
	int status = -1;

	usys(SYS_wait4, pid, (long)&status, 0, 0);
	return status;
}

static void
test_processes(void)
{
	struct shared *sh = shared_new();
	unsigned int pid, w;
	long r;
	char *argv[3];
	int i;

	/* exit_group with a contended lock: a waiter in the parent wakes. */
	pid = (unsigned int)usys(SYS_fork, 0, 0, 0, 0);
	if (pid == 0) {
		child_hold(sh, 1);
		for (i = 0; i < 20; i++)
			usys(SYS_sched_yield, 0, 0, 0, 0);
		usys(SYS_exit_group, 0, 0, 0, 0);
	}
	wait_ready(sh);
	r = futex(&sh->lock.word, FUTEX_WAIT, pid | FUTEX_WAITERS);
	check("shared word: the waiter is woken (or it was over)",
	    r == 0 || r == -EAGAIN);
	reap(pid);
	w = sh->lock.word;
	check_r("process exit: FUTEX_OWNER_DIED|FUTEX_WAITERS", w,
	    FUTEX_OWNER_DIED | FUTEX_WAITERS);

	/* SIGKILL while holding. */
	sh->ready = 0;
	pid = (unsigned int)usys(SYS_fork, 0, 0, 0, 0);
	if (pid == 0) {
		child_hold(sh, 0);
		for (;;)
			usys(SYS_pause, 0, 0, 0, 0);
	}
	wait_ready(sh);
	usys(SYS_kill, pid, SIGKILL, 0, 0);
	r = reap(pid);
	check("killed by SIGKILL", (r & 0x7f) == SIGKILL);
	check_r("killed holder: FUTEX_OWNER_DIED", sh->lock.word,
	    FUTEX_OWNER_DIED);

	/*
	 * execve: the old program's locks die with it.  The new program
	 * (this one, "exec-noop") just exits; it registered no list, so
	 * only execve can have marked the word.
	 */
	sh->ready = 0;
	pid = (unsigned int)usys(SYS_fork, 0, 0, 0, 0);
	if (pid == 0) {
		child_hold(sh, 0);
		argv[0] = my_argv[0];
		argv[1] = "exec-noop";
		argv[2] = 0;
		usys(SYS_execve, (long)my_argv[0], (long)argv, 0, 0);
		usys(SYS_exit_group, 7, 0, 0, 0);
	}
	r = reap(pid);
	check_r("the execve'd program ran", r, 0);
	check_r("execve marks the old program's lock", sh->lock.word,
	    FUTEX_OWNER_DIED);
}

/* ---- set_tid_address, tkill, tgkill ---- */

static void
test_tids(void)
{
	unsigned long usr1 = 1UL << (SIGUSR1 - 1);
	long zero[2] = { 0, 0 }, me = gettid(), pid;
	int scratch = 0;

	check_r("set_tid_address returns the caller's tid",
	    usys(SYS_set_tid_address, (long)&scratch, 0, 0, 0), me);
	usys(SYS_set_tid_address, 0, 0, 0, 0);
	pid = usys(SYS_getpid, 0, 0, 0, 0);
	usys(SYS_rt_sigprocmask, 0, (long)&usr1, 0, 8);	/* BLOCK */
	check_r("tkill(self, 0): 0", usys(SYS_tkill, me, 0, 0, 0), 0);
	check_r("tkill(self, SIGUSR1): 0 (as musl's raise)",
	    usys(SYS_tkill, me, SIGUSR1, 0, 0), 0);
	check_r("...and it is pending", usys(SYS_rt_sigtimedwait, (long)&usr1,
	    0, (long)zero, 8), SIGUSR1);
	check_r("tgkill(pid, self, SIGUSR1): 0", usys(SYS_tgkill, pid, me,
	    SIGUSR1, 0), 0);
	check_r("...and it is pending", usys(SYS_rt_sigtimedwait, (long)&usr1,
	    0, (long)zero, 8), SIGUSR1);
	check_r("tkill(self, 65): EINVAL", usys(SYS_tkill, me, 65, 0, 0),
	    -EINVAL);
	check_r("tkill(self, -1): EINVAL", usys(SYS_tkill, me, -1, 0, 0),
	    -EINVAL);
	check_r("tkill(0, 0): EINVAL", usys(SYS_tkill, 0, 0, 0, 0), -EINVAL);
	check_r("tkill(-1, 0): EINVAL", usys(SYS_tkill, -1, 0, 0, 0),
	    -EINVAL);
	check_r("tkill(no such tid, 0): ESRCH", usys(SYS_tkill, 0x3ffffff0, 0,
	    0, 0), -ESRCH);
	check_r("tkill(no such tid, 65): ESRCH before EINVAL",
	    usys(SYS_tkill, 0x3ffffff0, 65, 0, 0), -ESRCH);
	check_r("tgkill(0, self, 0): EINVAL", usys(SYS_tgkill, 0, me, 0, 0),
	    -EINVAL);
	check_r("tgkill(pid, 0, 0): EINVAL", usys(SYS_tgkill, pid, 0, 0, 0),
	    -EINVAL);
	check_r("tgkill(wrong tgid, self, 0): ESRCH", usys(SYS_tgkill,
	    0x3ffffff0, me, 0, 0), -ESRCH);
	check_r("tgkill(pid, self, 65): EINVAL", usys(SYS_tgkill, pid, me, 65,
	    0), -EINVAL);
	usys(SYS_rt_sigprocmask, 1, (long)&usr1, 0, 8);	/* UNBLOCK */
}

void
cstart(long *sp)
{
	long argc = sp[0];

	my_argv = (char **)(sp + 1);
	if (argc == 2 && my_argv[1][0] == 'e')
		usys(SYS_exit_group, 0, 0, 0, 0);	/* exec-noop */
	test_calls();
	test_thread_death();
	test_hostile_lists();
	test_processes();
	test_tids();
	usys_finish("urobust", failed);
}

USYS_START;
