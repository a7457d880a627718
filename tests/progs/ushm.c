/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Shared file mappings, checked against what Linux does (the same program
 * passes on a Linux host and guest): a MAP_SHARED mapping of a tmpfs
 * file, read, write, pwrite and msync all see one copy of the bytes,
 * across fork too; a page wholly past the end raises SIGBUS with
 * BUS_ADRERR, and so does a page the file lost to ftruncate; the rights
 * rules of mmap and mprotect; a file from the initramfs mapped shared;
 * a futex in a shared file page woken across processes.  One line per
 * check; exits 0 when all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

static int failed;

static void
check(const char *what, int ok)
{
	printf("ushm: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

static sigjmp_buf jump;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void
on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(jump, 1);
}

/* Touch p (write if w): 0, or the signal it raised. */
static int
touch(volatile char *p, int w)
{
	got_sig = 0;
	if (sigsetjmp(jump, 1) == 0) {
		if (w)
			*p = 'x';
		else
			(void)*p;
		return 0;
	}
	return got_sig;
}

static int
make_file(const char *path, size_t len, int fill)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[PAGE];

	if (fd < 0)
		return -1;
	memset(buf, fill, sizeof(buf));
	for (size_t done = 0; done < len; ) {
		size_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);

		if (write(fd, buf, n) != (ssize_t)n)
			return -1;
		done += n;
	}
	return fd;
}

static void
shared_coherence(const char *dir)
{
	char path[256], buf[16];
	int fd, st;
	char *m;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/ushm-a", dir);
	fd = make_file(path, 3 * PAGE, 'a');
	check("create a 3-page file", fd >= 0);
	m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("mmap MAP_SHARED read-write", m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	check("the mapping shows the file", m[0] == 'a' && m[3 * PAGE - 1] == 'a');
	memcpy(m + PAGE + 10, "mapped", 6);
	check("read sees a store through the mapping",
	    pread(fd, buf, 6, PAGE + 10) == 6 && memcmp(buf, "mapped", 6) == 0);
	check("pwrite returns its count", pwrite(fd, "written", 7, 2 * PAGE + 5) == 7);
	check("the mapping sees pwrite", memcmp(m + 2 * PAGE + 5, "written", 7) == 0);
	/* pwrite from the mapping into the same file (the old hang). */
	check("pwrite from the mapping to the same file",
	    pwrite(fd, m + PAGE + 10, 6, 20) == 6 && memcmp(m + 20, "mapped", 6) == 0);
	check("msync MS_SYNC", msync(m, 3 * PAGE, MS_SYNC) == 0);
	check("msync MS_ASYNC|MS_INVALIDATE", msync(m, PAGE, MS_ASYNC | MS_INVALIDATE) == 0);
	check("msync MS_ASYNC|MS_SYNC is EINVAL",
	    msync(m, PAGE, MS_ASYNC | MS_SYNC) == -1 && errno == EINVAL);
	check("msync of an unaligned address is EINVAL",
	    msync(m + 1, PAGE, MS_SYNC) == -1 && errno == EINVAL);
	check("msync with unknown flags is EINVAL",
	    msync(m, PAGE, 0x100) == -1 && errno == EINVAL);

	/* A child writes through its copy of the mapping and with pwrite. */
	if ((pid = fork()) == 0) {
		memcpy(m + 100, "child", 5);
		if (pwrite(fd, "cpw", 3, 200) != 3)
			_exit(2);
		_exit(m[300] == 'a' ? 0 : 3);
	}
	check("fork", pid > 0 && waitpid(pid, &st, 0) == pid &&
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
	check("the parent's mapping sees the child's store",
	    memcmp(m + 100, "child", 5) == 0);
	check("the parent's mapping sees the child's pwrite",
	    memcmp(m + 200, "cpw", 3) == 0);
	check("read sees the child's store",
	    pread(fd, buf, 5, 100) == 5 && memcmp(buf, "child", 5) == 0);

	/* After munmap and close, the bytes are the file's. */
	check("munmap", munmap(m, 3 * PAGE) == 0);
	close(fd);
	fd = open(path, O_RDONLY);
	check("the stores outlive the mapping",
	    fd >= 0 && pread(fd, buf, 6, PAGE + 10) == 6 &&
	    memcmp(buf, "mapped", 6) == 0);
	close(fd);
	unlink(path);
}

static void
past_end(const char *dir)
{
	char path[256];
	volatile char *m;
	int fd, sig;
	struct stat sb;

	snprintf(path, sizeof(path), "%s/ushm-b", dir);
	fd = make_file(path, 100, 'b');
	m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("mmap 3 pages of a 100-byte file", m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	check("bytes past the end in the last page read as zero",
	    m[99] == 'b' && m[100] == 0 && m[PAGE - 1] == 0);
	sig = touch(m + PAGE, 0);
	check("a read of a page wholly past the end is SIGBUS", sig == SIGBUS);
	check("... with BUS_ADRERR and its address",
	    got_code == BUS_ADRERR && got_addr == (void *)(m + PAGE));
	check("a write there is SIGBUS too", touch(m + 2 * PAGE + 8, 1) == SIGBUS);
	check("the file did not grow", fstat(fd, &sb) == 0 && sb.st_size == 100);

	/* ftruncate grows the file: the page becomes usable, zeros. */
	check("ftruncate to 2 pages", ftruncate(fd, 2 * PAGE) == 0);
	check("the new page reads as zero", touch(m + PAGE, 0) == 0 &&
	    m[PAGE] == 0 && m[2 * PAGE - 1] == 0);
	m[PAGE + 1] = 'q';
	{
		char c = 0;

		check("read sees a store into the grown page",
		    pread(fd, &c, 1, PAGE + 1) == 1 && c == 'q');
	}
	/* ... and shrinks: the lost page is SIGBUS again. */
	check("ftruncate to 10 bytes", ftruncate(fd, 10) == 0);
	check("a page the file lost is SIGBUS", touch(m + PAGE + 1, 0) == SIGBUS);
	check("bytes the file lost in its last page read as zero",
	    m[9] == 'b' && m[10] == 0 && m[99] == 0);
	munmap((void *)m, 3 * PAGE);
	close(fd);
	unlink(path);
}

static void
rights(const char *dir)
{
	char path[256], c = 0;
	char *m;
	int fd;

	snprintf(path, sizeof(path), "%s/ushm-c", dir);
	fd = make_file(path, PAGE, 'c');
	close(fd);
	fd = open(path, O_RDONLY);
	m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("shared writable mapping of a read-only fd is EACCES",
	    m == MAP_FAILED && errno == EACCES);
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	check("shared read-only mapping of a read-only fd", m != MAP_FAILED);
	check("mprotect it writable is EACCES",
	    mprotect(m, PAGE, PROT_READ | PROT_WRITE) == -1 && errno == EACCES);
	munmap(m, PAGE);
	m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	check("private writable mapping of a read-only fd", m != MAP_FAILED);
	if (m != MAP_FAILED) {
		m[0] = 'P';
		check("a private store stays private",
		    pread(fd, &c, 1, 0) == 1 && c == 'c');
		munmap(m, PAGE);
	}
	close(fd);

	fd = open(path, O_RDWR);
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	check("shared read-only mapping of a read-write fd", m != MAP_FAILED);
	check("a store into it is SIGSEGV", touch(m + 1, 1) == SIGSEGV &&
	    got_code == SEGV_ACCERR);
	check("mprotect it writable",
	    mprotect(m, PAGE, PROT_READ | PROT_WRITE) == 0);
	check("then a store reaches the file", touch(m + 1, 1) == 0 &&
	    pread(fd, &c, 1, 1) == 1 && c == 'x');
	munmap(m, PAGE);
	close(fd);

	fd = open(path, O_WRONLY);
	m = mmap(NULL, PAGE, PROT_WRITE, MAP_SHARED, fd, 0);
	check("mapping a write-only fd is EACCES",
	    m == MAP_FAILED && errno == EACCES);
	close(fd);
	unlink(path);
}

/* A file that came with the system (initramfs on Jiny), mapped shared. */
static void
system_file(void)
{
	const char *path = "/bin/hello-script";
	char *m, saved, c = 0;
	struct stat sb;
	int fd = open(path, O_RDWR);

	if (fd < 0 || fstat(fd, &sb) != 0 || sb.st_size < 2) {
		printf("ushm: skip %s: not here\n", path);
		return;
	}
	m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
	check("shared read-only mapping of a system file", m != MAP_FAILED);
	saved = m[1];
	check("pwrite into it shows in the mapping",
	    pwrite(fd, "Z", 1, 1) == 1 && m[1] == 'Z');
	check("mprotect writable and store", mprotect(m, (size_t)sb.st_size,
	    PROT_READ | PROT_WRITE) == 0 && touch(m + 1, 1) == 0 &&
	    pread(fd, &c, 1, 1) == 1 && c == 'x');
	check("restore the byte", pwrite(fd, &saved, 1, 1) == 1 && m[1] == saved);
	munmap(m, (size_t)sb.st_size);
	close(fd);
}

static void
shared_futex(const char *dir)
{
	char path[256];
	int fd, st;
	uint32_t *w;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/ushm-d", dir);
	fd = make_file(path, PAGE, 0);
	w = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("map a futex page", w != MAP_FAILED);
	if (w == MAP_FAILED)
		return;
	if ((pid = fork()) == 0) {
		/* Wait (not private) while the word is 0. */
		while (__atomic_load_n(w, __ATOMIC_ACQUIRE) == 0)
			syscall(SYS_futex, w, FUTEX_WAIT, 0, NULL, NULL, 0);
		_exit(*w == 7 ? 0 : 1);
	}
	/* Let the child sleep first if it will; correctness does not
	 * depend on it. */
	usleep(20000);
	__atomic_store_n(w, 7, __ATOMIC_RELEASE);
	syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
	check("a futex in a shared file page wakes another process",
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	munmap(w, PAGE);
	close(fd);
	unlink(path);
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	setvbuf(stdout, NULL, _IONBF, 0);
	mkdir(dir, 01777);
	shared_coherence(dir);
	past_end(dir);
	rights(dir);
	system_file();
	shared_futex(dir);
	if (failed) {
		printf("ushm: %d checks failed\n", failed);
		return 1;
	}
	printf("ushm: done, all checks passed\n");
	return 0;
}
