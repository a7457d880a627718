/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System V semaphores, checked against what Linux does (the same program
 * passes on a Linux host): semget's errors and key rules; semctl's
 * IPC_STAT, IPC_SET, IPC_INFO, SEM_INFO, SEM_STAT, SEM_STAT_ANY, GETVAL,
 * SETVAL, GETALL, SETALL, GETPID, GETNCNT, GETZCNT and their errors;
 * semop's checks (EINVAL, E2BIG, EFAULT, EFBIG, ERANGE, EAGAIN with
 * IPC_NOWAIT), its all-or-nothing arrays, a sleeper woken by another
 * process's operation, by a signal (EINTR), by IPC_RMID (EIDRM) and by
 * semtimedop's timeout (EAGAIN); SEM_UNDO applied when a process exits
 * (clamped at 0, cleared by SETVAL, not applied at a thread's exit);
 * permissions for another user; /proc/sys/kernel/sem.  One line per
 * check; exits 0 when all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY	20
#endif

union semun_u {
	int		 val;
	struct semid_ds	*buf;
	unsigned short	*array;
	struct seminfo	*info;
};

static int failed;

static void
check(const char *what, int ok)
{
	printf("usem: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

/* The system calls themselves: no libc rewriting of cmd or arguments. */
static long
xsemctl(int id, int num, int cmd, unsigned long arg)
{
	return syscall(SYS_semctl, id, num, cmd, arg);
}

static long
xsemop(int id, struct sembuf *ops, size_t n)
{
	return syscall(SYS_semop, id, ops, n);
}

static long
xsemtimedop(int id, struct sembuf *ops, size_t n, const struct timespec *ts)
{
	return syscall(SYS_semtimedop, id, ops, n, ts);
}

/* -1 with errno e? */
static int
fails(long r, int e)
{
	return r == -1 && errno == e;
}

static int
getval(int id, int num)
{
	return (int)xsemctl(id, num, GETVAL, 0);
}

static int
setval(int id, int num, int val)
{
	return (int)xsemctl(id, num, SETVAL, (unsigned long)(unsigned int)val);
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Wait (generously) until cmd (GETNCNT or GETZCNT) of num reads want. */
static int
wait_count(int id, int num, int cmd, int want)
{
	for (int i = 0; i < 3000; i++) {
		if (xsemctl(id, num, cmd, 0) == want)
			return 1;
		sleep_ms(10);
	}
	return 0;
}

/* A child that does one semop and exits with its errno (0: success). */
static pid_t
child_op(int id, unsigned short num, short op, short flg)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sembuf sb = { num, op, flg };

		_exit(xsemop(id, &sb, 1) == 0 ? 0 : errno);
	}
	return pid;
}

/* The exit status of pid, or -1. */
static int
reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void
on_usr1(int sig)
{
	(void)sig;
}

static void
test_get(void)
{
	key_t key = 0x5e3a0001;
	int id, id2;
	struct semid_ds ds;

	check("semget nsems < 0: EINVAL",
	    fails(semget(IPC_PRIVATE, -1, IPC_CREAT | 0600), EINVAL));
	check("semget nsems > SEMMSL: EINVAL",
	    fails(semget(IPC_PRIVATE, 32001, IPC_CREAT | 0600), EINVAL));
	check("semget a new set of 0: EINVAL",
	    fails(semget(IPC_PRIVATE, 0, IPC_CREAT | 0600), EINVAL));
	check("semget an absent key without IPC_CREAT: ENOENT",
	    fails(semget(key, 2, 0600), ENOENT));
	id = semget(key, 3, IPC_CREAT | IPC_EXCL | 0640);
	check("semget IPC_CREAT|IPC_EXCL makes a set", id >= 0);
	check("semget the key again: the same id",
	    semget(key, 3, IPC_CREAT) == id);
	check("semget the key with nsems 0: the same id",
	    semget(key, 0, 0) == id);
	check("semget the key with IPC_EXCL: EEXIST",
	    fails(semget(key, 3, IPC_CREAT | IPC_EXCL | 0600), EEXIST));
	check("semget the key with more semaphores: EINVAL",
	    fails(semget(key, 4, 0600), EINVAL));
	memset(&ds, 0xa5, sizeof(ds));
	check("IPC_STAT", xsemctl(id, 0, IPC_STAT, (unsigned long)&ds) == 0);
	check("IPC_STAT: sem_nsems, mode, owner and creator",
	    ds.sem_nsems == 3 && (ds.sem_perm.mode & 0777) == 0640 &&
	    ds.sem_perm.uid == geteuid() && ds.sem_perm.cuid == geteuid() &&
	    ds.sem_perm.gid == getegid() && ds.sem_perm.cgid == getegid());
	check("IPC_STAT: key, no semop yet, ctime set",
	    ds.sem_perm.__key == key && ds.sem_otime == 0 &&
	    ds.sem_ctime != 0);
	id2 = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
	check("IPC_PRIVATE always makes a new set", id2 >= 0 && id2 != id);
	check("IPC_RMID", xsemctl(id, 0, IPC_RMID, 0) == 0 &&
	    xsemctl(id2, 0, IPC_RMID, 0) == 0);
	check("a removed set: IPC_STAT EINVAL",
	    fails(xsemctl(id, 0, IPC_STAT, (unsigned long)&ds), EINVAL));
	check("the key is free again", fails(semget(key, 3, 0600), ENOENT));
}

static void
test_ctl(void)
{
	int id = semget(IPC_PRIVATE, 4, IPC_CREAT | 0600);
	unsigned short vals[4] = { 1, 2, 3, 32767 }, got[4] = { 9, 9, 9, 9 };
	unsigned short big[4] = { 0, 0, 65535, 0 };
	struct seminfo info;
	struct semid_ds ds;
	long r, idx;

	check("new semaphores are 0", getval(id, 0) == 0 && getval(id, 3) == 0);
	check("GETPID of an untouched semaphore is 0",
	    xsemctl(id, 1, GETPID, 0) == 0);
	check("SETVAL", setval(id, 1, 7) == 0 && getval(id, 1) == 7);
	check("GETPID after SETVAL: the caller",
	    xsemctl(id, 1, GETPID, 0) == getpid());
	check("SETVAL -1: ERANGE", fails(setval(id, 1, -1), ERANGE));
	check("SETVAL 32768: ERANGE", fails(setval(id, 1, 32768), ERANGE));
	check("SETVAL to a bad semnum with a bad value: ERANGE first",
	    fails(setval(id, 9, -1), ERANGE));
	check("SETVAL to a bad semnum: EINVAL", fails(setval(id, 4, 1), EINVAL));
	check("GETVAL of a bad semnum: EINVAL",
	    fails(xsemctl(id, 4, GETVAL, 0), EINVAL));
	check("SETALL", xsemctl(id, 0, SETALL, (unsigned long)vals) == 0);
	check("GETALL", xsemctl(id, 0, GETALL, (unsigned long)got) == 0 &&
	    memcmp(got, vals, sizeof(got)) == 0);
	check("SETALL 65535: ERANGE, nothing set",
	    fails(xsemctl(id, 0, SETALL, (unsigned long)big), ERANGE) &&
	    getval(id, 0) == 1);
	check("GETALL to a bad address: EFAULT",
	    fails(xsemctl(id, 0, GETALL, 1), EFAULT));
	check("SETALL from a bad address: EFAULT",
	    fails(xsemctl(id, 0, SETALL, 1), EFAULT));
	check("IPC_STAT to a bad address: EFAULT",
	    fails(xsemctl(id, 0, IPC_STAT, 1), EFAULT));
	check("IPC_SET from a bad address: EFAULT",
	    fails(xsemctl(id, 0, IPC_SET, 1), EFAULT));
	check("an unknown cmd: EINVAL", fails(xsemctl(id, 0, 99, 0), EINVAL));
	check("a negative id: EINVAL",
	    fails(xsemctl(-1, 0, GETVAL, 0), EINVAL));
	check("a stale id: EINVAL", fails(xsemctl(id + (1 << 15), 0,
	    GETVAL, 0), EINVAL));
	check("GETNCNT and GETZCNT with no sleepers are 0",
	    xsemctl(id, 0, GETNCNT, 0) == 0 && xsemctl(id, 0, GETZCNT, 0) == 0);

	xsemctl(id, 0, IPC_STAT, (unsigned long)&ds);
	ds.sem_perm.mode = 0604;
	check("IPC_SET", xsemctl(id, 0, IPC_SET, (unsigned long)&ds) == 0);
	memset(&ds, 0, sizeof(ds));
	xsemctl(id, 0, IPC_STAT, (unsigned long)&ds);
	check("IPC_SET changed the mode", (ds.sem_perm.mode & 0777) == 0604);

	r = xsemctl(0, 0, IPC_INFO, (unsigned long)&info);
	check("IPC_INFO: the highest index", r >= 0);
	check("IPC_INFO: semmsl, semopm, semvmx, semaem, semusz",
	    info.semmsl == 32000 && info.semopm == 500 &&
	    info.semvmx == 32767 && info.semaem == 32767 &&
	    info.semusz == 20 && info.semmni > 0);
	r = xsemctl(0, 0, SEM_INFO, (unsigned long)&info);
	check("SEM_INFO: sets and semaphores in use",
	    r >= 0 && info.semusz >= 1 && info.semaem >= 4);
	idx = id & 0x7fff;
	check("SEM_STAT by index: the id",
	    xsemctl((int)idx, 0, SEM_STAT, (unsigned long)&ds) == id &&
	    ds.sem_nsems == 4);
	check("SEM_STAT_ANY by index: the id",
	    xsemctl((int)idx, 0, SEM_STAT_ANY, (unsigned long)&ds) == id);
	check("SEM_STAT of a whole id: its index part",
	    xsemctl(id, 0, SEM_STAT, (unsigned long)&ds) == id);
	check("IPC_INFO to a bad address: EFAULT",
	    fails(xsemctl(0, 0, IPC_INFO, 1), EFAULT));
	xsemctl(id, 0, IPC_RMID, 0);
	check("SEM_STAT of a free index: EINVAL",
	    fails(xsemctl((int)idx, 0, SEM_STAT, (unsigned long)&ds), EINVAL));
}

static void
test_op(void)
{
	int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
	struct sembuf many[501], sb[3];
	struct timespec ts = { 0, 20000000 }, bad = { 0, 1000000000 };
	struct semid_ds ds;
	uint64_t t0;

	memset(many, 0, sizeof(many));
	check("semop of 0 operations: EINVAL", fails(xsemop(id, sb, 0), EINVAL));
	check("semop with a negative id: EINVAL",
	    fails(xsemop(-1, sb, 1), EINVAL));
	check("semop of 501 operations: E2BIG",
	    fails(xsemop(id, many, 501), E2BIG));
	check("semop from a bad address: EFAULT",
	    fails(xsemop(id, (struct sembuf *)1, 1), EFAULT));
	sb[0] = (struct sembuf){ 3, 1, 0 };
	check("semop on semnum 3 of 3: EFBIG", fails(xsemop(id, sb, 1), EFBIG));
	sb[0] = (struct sembuf){ 0, 1, 0 };
	check("semop on a stale id: EINVAL",
	    fails(xsemop(id + (1 << 15), sb, 1), EINVAL));
	check("semop +1", xsemop(id, sb, 1) == 0 && getval(id, 0) == 1);
	check("semop sets GETPID", xsemctl(id, 0, GETPID, 0) == getpid());
	xsemctl(id, 0, IPC_STAT, (unsigned long)&ds);
	check("semop sets sem_otime", ds.sem_otime != 0);
	sb[0] = (struct sembuf){ 0, -2, IPC_NOWAIT };
	check("a decrease below 0 with IPC_NOWAIT: EAGAIN",
	    fails(xsemop(id, sb, 1), EAGAIN) && getval(id, 0) == 1);
	sb[0] = (struct sembuf){ 0, 0, IPC_NOWAIT };
	check("a wait for 0 on 1 with IPC_NOWAIT: EAGAIN",
	    fails(xsemop(id, sb, 1), EAGAIN));
	sb[0] = (struct sembuf){ 1, 0, 0 };
	check("a wait for 0 on 0 goes through", xsemop(id, sb, 1) == 0);
	setval(id, 0, 32767);
	sb[0] = (struct sembuf){ 0, 1, 0 };
	check("past 32767: ERANGE", fails(xsemop(id, sb, 1), ERANGE) &&
	    getval(id, 0) == 32767);
	setval(id, 0, 1);

	/* All or nothing. */
	sb[0] = (struct sembuf){ 0, -1, 0 };
	sb[1] = (struct sembuf){ 1, 5, 0 };
	sb[2] = (struct sembuf){ 2, -1, IPC_NOWAIT };
	check("an array whose last op would wait: EAGAIN, nothing done",
	    fails(xsemop(id, sb, 3), EAGAIN) && getval(id, 0) == 1 &&
	    getval(id, 1) == 0 && getval(id, 2) == 0);
	sb[2] = (struct sembuf){ 2, 32767, 0 };
	setval(id, 2, 1);
	check("an array whose last op is out of range: ERANGE, nothing done",
	    fails(xsemop(id, sb, 3), ERANGE) && getval(id, 0) == 1 &&
	    getval(id, 1) == 0 && getval(id, 2) == 1);
	sb[2] = (struct sembuf){ 2, -1, 0 };
	check("the array that can go: all done", xsemop(id, sb, 3) == 0 &&
	    getval(id, 0) == 0 && getval(id, 1) == 5 && getval(id, 2) == 0);
	sb[0] = (struct sembuf){ 0, 2, 0 };
	sb[1] = (struct sembuf){ 0, -1, 0 };
	sb[2] = (struct sembuf){ 0, -1, 0 };
	check("ops on one semaphore see each other", xsemop(id, sb, 3) == 0 &&
	    getval(id, 0) == 0);

	/* semtimedop. */
	sb[0] = (struct sembuf){ 0, -1, 0 };
	t0 = now_ns();
	check("semtimedop times out: EAGAIN",
	    fails(xsemtimedop(id, sb, 1, &ts), EAGAIN));
	check("... not before its timeout", now_ns() - t0 >= 20000000ULL);
	check("semtimedop with tv_nsec 1e9: EINVAL",
	    fails(xsemtimedop(id, sb, 1, &bad), EINVAL));
	check("semtimedop with a bad timeout address: EFAULT",
	    fails(xsemtimedop(id, sb, 1, (struct timespec *)1), EFAULT));
	sb[0] = (struct sembuf){ 1, -1, 0 };
	check("semtimedop that can go at once",
	    xsemtimedop(id, sb, 1, &ts) == 0 && getval(id, 1) == 4);
	xsemctl(id, 0, IPC_RMID, 0);
}

static void
test_sleep(void)
{
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	struct sigaction sa;
	pid_t a, b;

	/* Woken by another process's increase. */
	a = child_op(id, 0, -2, 0);
	b = child_op(id, 0, -1, 0);
	check("GETNCNT counts two sleepers", wait_count(id, 0, GETNCNT, 2));
	check("GETZCNT counts none", xsemctl(id, 0, GETZCNT, 0) == 0);
	setval(id, 0, 3);
	check("both woken by SETVAL 3", reap(a) == 0 && reap(b) == 0 &&
	    getval(id, 0) == 0);
	check("GETNCNT back to 0", xsemctl(id, 0, GETNCNT, 0) == 0);

	/* Waiting for zero. */
	setval(id, 1, 2);
	a = child_op(id, 1, 0, 0);
	check("GETZCNT counts a sleeper", wait_count(id, 1, GETZCNT, 1));
	{
		struct sembuf sb = { 1, -1, 0 };

		xsemop(id, &sb, 1);
		sleep_ms(50);
		check("not woken at 1", xsemctl(id, 1, GETZCNT, 0) == 1);
		xsemop(id, &sb, 1);
	}
	check("woken at 0", reap(a) == 0);

	/* A signal: EINTR, even with SA_RESTART. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	a = child_op(id, 0, -1, 0);
	check("a sleeper", wait_count(id, 0, GETNCNT, 1));
	kill(a, SIGUSR1);
	check("a signal: EINTR", reap(a) == EINTR);
	check("GETNCNT back to 0 after EINTR", xsemctl(id, 0, GETNCNT, 0) == 0);

	/* A long semtimedop cut short by IPC_RMID. */
	a = fork();
	if (a == 0) {
		struct sembuf sb = { 1, 0, 0 };
		struct timespec ts = { 60, 0 };

		setval(id, 1, 1);
		_exit(xsemtimedop(id, &sb, 1, &ts) == 0 ? 0 : errno);
	}
	b = child_op(id, 0, -1, 0);
	check("two sleepers", wait_count(id, 1, GETZCNT, 1) &&
	    wait_count(id, 0, GETNCNT, 1));
	xsemctl(id, 0, IPC_RMID, 0);
	check("IPC_RMID under sleepers: EIDRM for both",
	    reap(a) == EIDRM && reap(b) == EIDRM);
}

static void
test_undo(void)
{
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	pid_t pid;

	pid = child_op(id, 0, 3, SEM_UNDO);
	check("a child's +3 with SEM_UNDO", reap(pid) == 0);
	check("taken back at its exit", getval(id, 0) == 0);
	check("GETPID: the exiting child", xsemctl(id, 0, GETPID, 0) == pid);

	setval(id, 0, 5);
	pid = child_op(id, 0, -2, SEM_UNDO);
	check("a child's -2 with SEM_UNDO, given back at exit",
	    reap(pid) == 0 && getval(id, 0) == 5);

	pid = fork();
	if (pid == 0) {
		struct sembuf up = { 1, 5, SEM_UNDO }, down = { 1, -4, 0 };

		xsemop(id, &up, 1);
		xsemop(id, &down, 1);
		_exit(0);
	}
	check("an adjustment past 0 stops at 0",
	    reap(pid) == 0 && getval(id, 1) == 0);

	pid = fork();
	if (pid == 0) {
		struct sembuf up = { 1, 2, SEM_UNDO };

		xsemop(id, &up, 1);
		setval(id, 1, 7);	/* clears the adjustment */
		_exit(0);
	}
	check("SETVAL clears the adjustment", reap(pid) == 0 &&
	    getval(id, 1) == 7);

	pid = fork();
	if (pid == 0) {
		struct sembuf up = { 0, 1, SEM_UNDO };
		unsigned short v[2] = { 4, 4 };

		xsemop(id, &up, 1);
		xsemctl(id, 0, SETALL, (unsigned long)v);
		_exit(0);
	}
	check("SETALL clears the adjustments", reap(pid) == 0 &&
	    getval(id, 0) == 4);

	/* The adjustment of a removed set is dropped. */
	pid = fork();
	if (pid == 0) {
		struct sembuf up = { 0, 1, SEM_UNDO };
		int id2;

		xsemop(id, &up, 1);
		xsemctl(id, 0, IPC_RMID, 0);
		id2 = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
		_exit(xsemop(id2, &up, 1) == 0 &&
		    xsemctl(id2, 0, IPC_RMID, 0) == 0 ? 0 : 1);
	}
	check("undo on a removed set, then on a new one", reap(pid) == 0);
	check("the removed set is gone", fails(getval(id, 0), EINVAL));

	/* Undo needs room: an adjustment beyond 32767 is ERANGE. */
	id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	pid = fork();
	if (pid == 0) {
		struct sembuf up = { 0, 32767, SEM_UNDO },
		    down = { 0, -32767, 0 }, again = { 0, 1, SEM_UNDO };

		if (xsemop(id, &up, 1) != 0 || xsemop(id, &down, 1) != 0)
			_exit(1);
		if (xsemop(id, &again, 1) != 0)	/* -32768 still fits */
			_exit(2);
		_exit(fails(xsemop(id, &again, 1), ERANGE) ? 0 : 3);
	}
	check("an adjustment beyond -32768: ERANGE", reap(pid) == 0);
	xsemctl(id, 0, IPC_RMID, 0);
}

static int thread_id;

static void *
thread_post(void *arg)
{
	struct sembuf up = { 0, 1, SEM_UNDO };

	(void)arg;
	return (void *)(intptr_t)xsemop(thread_id, &up, 1);
}

static void
test_thread_undo(void)
{
	pthread_t t;
	void *r = (void *)1;

	thread_id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	pthread_create(&t, NULL, thread_post, NULL);
	pthread_join(t, &r);
	check("a thread's SEM_UNDO is not applied when the thread exits",
	    r == NULL && getval(thread_id, 0) == 1);
	xsemctl(thread_id, 0, IPC_RMID, 0);
}

static void
test_perm(void)
{
	int id = semget(0x5e3a0002, 1, IPC_CREAT | IPC_EXCL | 0600);
	int open_id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0604);
	pid_t pid = fork();

	if (pid == 0) {
		struct semid_ds ds;
		struct sembuf sb = { 0, 1, 0 }, zero = { 0, 0, IPC_NOWAIT };
		int bad = 0;

		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(100);
		bad |= !fails(xsemctl(id, 0, IPC_STAT, (unsigned long)&ds),
		    EACCES);
		bad |= !fails(xsemctl(id, 0, GETVAL, 0), EACCES) << 1;
		bad |= !fails(semget(0x5e3a0002, 1, 0600), EACCES) << 2;
		bad |= !fails(xsemop(id, &sb, 1), EACCES) << 3;
		bad |= !fails(xsemctl(id, 0, IPC_RMID, 0), EPERM) << 4;
		memset(&ds, 0, sizeof(ds));
		ds.sem_perm.mode = 0666;
		bad |= !fails(xsemctl(id, 0, IPC_SET, (unsigned long)&ds),
		    EPERM) << 5;
		/* Others may read open_id, not alter it. */
		bad |= !(xsemop(open_id, &zero, 1) == 0) << 6;
		bad |= !fails(xsemop(open_id, &sb, 1), EACCES) << 7;
		bad |= !(xsemctl(open_id, 0, GETVAL, 0) == 0) << 8;
		bad |= !fails(setval(open_id, 0, 1), EACCES) << 9;
		bad |= !(xsemctl(id & 0x7fff, 0, SEM_STAT_ANY,
		    (unsigned long)&ds) == id) << 10;
		bad |= !fails(xsemctl(id & 0x7fff, 0, SEM_STAT,
		    (unsigned long)&ds), EACCES) << 11;
		if (bad)
			printf("usem: permission checks failed: %#x\n", bad);
		_exit(bad ? 1 : 0);
	}
	check("another user: EACCES and EPERM as Linux", reap(pid) == 0);
	xsemctl(id, 0, IPC_RMID, 0);
	xsemctl(open_id, 0, IPC_RMID, 0);
}

static void
test_proc(void)
{
	FILE *f = fopen("/proc/sys/kernel/sem", "r");
	long msl = 0, mns = 0, opm = 0, mni = 0;
	struct seminfo info;

	check("/proc/sys/kernel/sem reads 4 numbers", f != NULL &&
	    fscanf(f, "%ld %ld %ld %ld", &msl, &mns, &opm, &mni) == 4);
	if (f != NULL)
		fclose(f);
	xsemctl(0, 0, IPC_INFO, (unsigned long)&info);
	check("/proc/sys/kernel/sem: SEMMSL SEMMNS SEMOPM SEMMNI as IPC_INFO",
	    msl == 32000 && opm == 500 && msl == info.semmsl &&
	    mns == info.semmns && opm == info.semopm && mni == info.semmni);
}

/* /proc/sysvipc/sem lists a set with its key, id, perms and size. */
static void
test_sysvipc(void)
{
	int id = semget(0x5e3a0003, 7, IPC_CREAT | IPC_EXCL | 0640);
	FILE *f = fopen("/proc/sysvipc/sem", "r");
	char line[256];
	int key, sid, perms, nsems, uid, found = 0, header = 0;

	if (f != NULL && fgets(line, sizeof(line), f) != NULL)
		header = strstr(line, "semid") != NULL &&
		    strstr(line, "nsems") != NULL;
	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "%d %d %o %d %d", &key, &sid, &perms, &nsems,
		    &uid) == 5 && sid == id)
			found = key == 0x5e3a0003 && perms == 0640 &&
			    nsems == 7 && uid == (int)geteuid();
	if (f != NULL)
		fclose(f);
	check("/proc/sysvipc/sem: a header, then the set's line",
	    header && found);
	xsemctl(id, 0, IPC_RMID, 0);
}

/* A child that exited and is not yet reaped shows as Z in /proc. */
static void
test_zombie(void)
{
	pid_t pid = fork();
	char path[64], buf[256], *rp;
	int st = 0;

	if (pid == 0)
		_exit(0);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (int i = 0; i < 3000 && st != 'Z'; i++) {
		FILE *f = fopen(path, "r");

		if (f != NULL && fgets(buf, sizeof(buf), f) != NULL &&
		    (rp = strrchr(buf, ')')) != NULL)
			st = rp[2];
		if (f != NULL)
			fclose(f);
		if (st != 'Z')
			sleep_ms(10);
	}
	check("an unreaped child's /proc/<pid>/stat: state Z", st == 'Z');
	check("... then reaped", reap(pid) == 0);
}

int
main(void)
{
	struct stat st;

	setvbuf(stdout, NULL, _IONBF, 0);
	/* Alone as init, nothing has mounted /proc yet. */
	if (stat("/proc/self", &st) != 0)
		mount("proc", "/proc", "proc", 0, NULL);
	test_get();
	test_ctl();
	test_op();
	test_sleep();
	test_undo();
	test_thread_undo();
	test_perm();
	test_proc();
	test_sysvipc();
	test_zombie();
	if (failed) {
		printf("usem: %d checks FAILED\n", failed);
		return 1;
	}
	printf("usem: done, all checks passed\n");
	return 0;
}
