/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Shared file mappings, checked against what Linux does (the same program
 * passes on a Linux host and guest): a MAP_SHARED mapping of a tmpfs
 * file, read, write, pwrite and msync all see one copy of the bytes,
 * across fork too; a page wholly past the end raises SIGBUS with
 * BUS_ADRERR, and so does a page the file lost to ftruncate; the rights
 * rules of mmap and mprotect; a file from the initramfs mapped shared;
 * a futex in a shared file page woken across processes; memfd_create
 * and its seals; fallocate; mlock, mlockall and mincore; System V shared
 * memory (shmget, shmat, shmdt, shmctl) and message queues.  One line per
 * check; exits 0 when all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE	1
#define FALLOC_FL_PUNCH_HOLE	2
#endif
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
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

#ifndef F_ADD_SEALS
#define F_ADD_SEALS	1033
#define F_GET_SEALS	1034
#define F_SEAL_SEAL	1
#define F_SEAL_SHRINK	2
#define F_SEAL_GROW	4
#define F_SEAL_WRITE	8
#endif
#define MFD_CLOEXEC_	1
#define MFD_ALLOW_SEALING_ 2

static int
memfd(const char *name, unsigned int flags)
{
	return (int)syscall(SYS_memfd_create, name, flags);
}

static void
memfd_checks(void)
{
	char name[300], buf[8];
	struct stat sb;
	char *m;
	int fd, fd2;

	fd = memfd("ushm", MFD_CLOEXEC_ | MFD_ALLOW_SEALING_);
	check("memfd_create", fd >= 0);
	check("... close-on-exec", fcntl(fd, F_GETFD) == FD_CLOEXEC);
	check("... an empty regular file", fstat(fd, &sb) == 0 &&
	    S_ISREG(sb.st_mode) && sb.st_size == 0);
	check("... open read-write", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	check("ftruncate it to 2 pages", ftruncate(fd, 2 * PAGE) == 0);
	m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("map it shared", m != MAP_FAILED);
	memcpy(m + PAGE, "memfd", 5);
	check("read sees the mapping", pread(fd, buf, 5, PAGE) == 5 &&
	    memcmp(buf, "memfd", 5) == 0);
	check("no seals yet", fcntl(fd, F_GET_SEALS) == 0);
	check("no write seal while mapped shared writable",
	    fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) == -1 && errno == EBUSY);
	munmap(m, 2 * PAGE);
	check("write seal once unmapped", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) == 0);
	check("a sealed file takes no write",
	    pwrite(fd, "x", 1, 0) == -1 && errno == EPERM);
	check("... no shared writable mapping",
	    mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) ==
	    MAP_FAILED && errno == EPERM);
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	check("... a shared read-only mapping", m != MAP_FAILED);
	check("... which mprotect will not make writable",
	    mprotect(m, PAGE, PROT_READ | PROT_WRITE) == -1 && errno == EACCES);
	munmap(m, PAGE);
	check("shrink and grow seals", fcntl(fd, F_ADD_SEALS,
	    F_SEAL_SHRINK | F_SEAL_GROW) == 0);
	check("... no shrinking", ftruncate(fd, PAGE) == -1 && errno == EPERM);
	check("... no growing", ftruncate(fd, 3 * PAGE) == -1 && errno == EPERM);
	check("the seal seal", fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL) == 0);
	check("... stops more seals", fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) == -1 &&
	    errno == EPERM);
	check("F_GET_SEALS reports them", fcntl(fd, F_GET_SEALS) ==
	    (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE));
	close(fd);

	fd = memfd("plain", 0);
	check("memfd without sealing", fd >= 0 && fcntl(fd, F_GETFD) == 0);
	check("... is sealed against seals", fcntl(fd, F_GET_SEALS) == F_SEAL_SEAL &&
	    fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) == -1 && errno == EPERM);
	close(fd);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	check("a name over 249 bytes is EINVAL", memfd(name, 0) == -1 &&
	    errno == EINVAL);
	check("unknown flags are EINVAL", memfd("x", 0x100) == -1 && errno == EINVAL);
	check("a bad name pointer is EFAULT", memfd((char *)8, 0) == -1 &&
	    errno == EFAULT);
	fd2 = make_file("/tmp/ushm-seal", 10, 's');
	check("F_ADD_SEALS on a plain file is EINVAL",
	    fcntl(fd2, F_ADD_SEALS, F_SEAL_WRITE) == -1 && errno == EINVAL);
	close(fd2);
	unlink("/tmp/ushm-seal");
}

static void
fallocate_checks(const char *dir)
{
	char path[256], buf[PAGE];
	struct stat sb;
	int fd, p[2], ok;
	char *m;

	snprintf(path, sizeof(path), "%s/ushm-f", dir);
	fd = make_file(path, 3 * PAGE, 'f');
	m = mmap(NULL, 3 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	check("fallocate PUNCH_HOLE|KEEP_SIZE", fallocate(fd,
	    FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PAGE, PAGE) == 0);
	ok = pread(fd, buf, PAGE, PAGE) == PAGE;
	for (int i = 0; ok && i < PAGE; i++)
		ok = buf[i] == 0;
	check("... the hole reads as zeros", ok);
	check("... the mapping sees them, the rest is kept",
	    m != MAP_FAILED && m[PAGE] == 0 && m[2 * PAGE - 1] == 0 &&
	    m[PAGE - 1] == 'f' && m[2 * PAGE] == 'f');
	check("... the size is kept", fstat(fd, &sb) == 0 && sb.st_size == 3 * PAGE);
	check("fallocate mode 0 past the end grows the file",
	    fallocate(fd, 0, 0, 5 * PAGE) == 0 && fstat(fd, &sb) == 0 &&
	    sb.st_size == 5 * PAGE);
	check("KEEP_SIZE past the end keeps it",
	    fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 9 * PAGE) == 0 &&
	    fstat(fd, &sb) == 0 && sb.st_size == 5 * PAGE);
	check("PUNCH_HOLE without KEEP_SIZE is EOPNOTSUPP",
	    fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, PAGE) == -1 &&
	    errno == EOPNOTSUPP);
	check("a zero length is EINVAL", fallocate(fd, 0, 0, 0) == -1 &&
	    errno == EINVAL);
	check("a negative offset is EINVAL", fallocate(fd, 0, -1, PAGE) == -1 &&
	    errno == EINVAL);
	if (m != MAP_FAILED)
		munmap(m, 3 * PAGE);
	close(fd);
	fd = open(path, O_RDONLY);
	check("a read-only fd is EBADF", fallocate(fd, 0, 0, PAGE) == -1 &&
	    errno == EBADF);
	close(fd);
	unlink(path);
	if (pipe(p) == 0) {
		check("a pipe is ESPIPE", fallocate(p[1], 0, 0, PAGE) == -1 &&
		    errno == ESPIPE);
		close(p[0]);
		close(p[1]);
	}
}

/* VmLck of /proc/self/status in kB, or -1. */
static long
vmlck_kb(void)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return (p = strstr(buf, "VmLck:")) != NULL ? atol(p + 6) : -1;
}

static void
lock_checks(void)
{
	unsigned char vec[4];
	char *p = mmap(NULL, 5 * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int st;
	pid_t pid;

	munmap(p + 4 * PAGE, PAGE);	/* a hole after the 4 pages */
	check("mincore of untouched memory", mincore(p, 4 * PAGE, vec) == 0 &&
	    vec[0] == 0 && vec[1] == 0 && vec[3] == 0);
	p[PAGE] = 1;
	check("... a touched page is resident", mincore(p, 4 * PAGE, vec) == 0 &&
	    vec[0] == 0 && (vec[1] & 1) == 1);
	check("mincore of an unaligned address is EINVAL",
	    mincore(p + 1, PAGE, vec) == -1 && errno == EINVAL);
	check("mincore past the mapping is ENOMEM",
	    mincore(p, 5 * PAGE, vec) == -1 && errno == ENOMEM);
	check("mincore into a bad vector is EFAULT",
	    mincore(p, PAGE, (unsigned char *)8) == -1 && errno == EFAULT);
	check("mlock", mlock(p, 4 * PAGE) == 0);
	check("... faults the pages in", mincore(p, 4 * PAGE, vec) == 0 &&
	    (vec[0] & vec[2] & vec[3] & 1) == 1);
	check("munlock", munlock(p, 4 * PAGE) == 0);
	{
		char *q = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

		check("mlock of shared memory makes mincore see it resident",
		    q != MAP_FAILED && mincore(q, 2 * PAGE, vec) == 0 &&
		    vec[0] == 0 && mlock(q, 2 * PAGE) == 0 &&
		    mincore(q, 2 * PAGE, vec) == 0 &&
		    (vec[0] & vec[1] & 1) == 1 && munmap(q, 2 * PAGE) == 0);
	}
	{
		char *w = mmap(NULL, PAGE, PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

		/* x86 cannot make a page writable but not readable. */
		check("a write-only mapping reads (as x86 Linux)",
		    w != MAP_FAILED && w[0] == 0 && (w[1] = 5) == 5 &&
		    w[1] == 5 && munmap(w, PAGE) == 0);
	}
	{
		char *l = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);

		check("MAP_LOCKED maps resident pages",
		    l != MAP_FAILED && mincore(l, 4 * PAGE, vec) == 0 &&
		    (vec[0] & vec[3] & 1) == 1);
		check("... counted in VmLck", vmlck_kb() >= 16);
		munmap(l, 4 * PAGE);
	}
	check("mlock of an unmapped range is ENOMEM",
	    mlock(p, 5 * PAGE) == -1 && errno == ENOMEM);
	check("mlockall(0) is EINVAL", mlockall(0) == -1 && errno == EINVAL);
	check("mlockall(MCL_CURRENT|MCL_FUTURE)",
	    mlockall(MCL_CURRENT | MCL_FUTURE) == 0);
	check("munlockall", munlockall() == 0);
	if ((pid = fork()) == 0) {
		struct rlimit rl = { 2 * PAGE, 2 * PAGE };
		int r1, e1, r2, e2;

		setrlimit(RLIMIT_MEMLOCK, &rl);
		if (setuid(1000) != 0)
			_exit(9);
		r1 = mlock(p, 4 * PAGE), e1 = errno;
		rl.rlim_cur = 0;
		setrlimit(RLIMIT_MEMLOCK, &rl);
		r2 = mlock(p, PAGE), e2 = errno;
		_exit(r1 == -1 && e1 == ENOMEM && r2 == -1 && e2 == EPERM ? 0 :
		    1);
	}
	check("unprivileged: over RLIMIT_MEMLOCK is ENOMEM, a zero limit EPERM",
	    pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	munmap(p, 4 * PAGE);
}

static void
sysv_checks(void)
{
	struct shmid_ds ds;
	struct shminfo info;
	int id, id2, st, key = 0x4a494e59;
	char *p, *q;
	pid_t pid;

	id = shmget(IPC_PRIVATE, 3 * PAGE + 10, IPC_CREAT | 0600);
	check("shmget IPC_PRIVATE", id >= 0);
	p = shmat(id, NULL, 0);
	check("shmat", p != (char *)-1);
	if (p == (char *)-1)
		return;
	check("a new segment reads as zero", p[0] == 0 && p[3 * PAGE + 9] == 0);
	strcpy(p, "sysv");
	if ((pid = fork()) == 0) {
		p[100] = 'c';
		_exit(strcmp(p, "sysv") == 0 ? 0 : 1);
	}
	check("a forked child shares the attachment",
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0 && p[100] == 'c');
	check("IPC_STAT", shmctl(id, IPC_STAT, &ds) == 0 &&
	    ds.shm_segsz == 3 * PAGE + 10 && ds.shm_nattch == 1 &&
	    ds.shm_cpid == getpid() && (ds.shm_perm.mode & 0777) == 0600);
	q = shmat(id, NULL, SHM_RDONLY);
	check("a second, read-only attachment sees the same bytes",
	    q != (char *)-1 && strcmp(q, "sysv") == 0);
	check("... counts", shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 2);
	check("... and takes no store", touch(q, 1) == SIGSEGV);
	check("shmdt", shmdt(q) == 0 && shmctl(id, IPC_STAT, &ds) == 0 &&
	    ds.shm_nattch == 1);
	check("shmdt of what is no attachment is EINVAL",
	    shmdt(q) == -1 && errno == EINVAL);
	check("shmdt inside an attachment is EINVAL",
	    shmdt(p + PAGE) == -1 && errno == EINVAL);
	check("shmat of a bad id is EINVAL",
	    shmat(id + 1, NULL, 0) == (void *)-1 && errno == EINVAL);
	check("shmat at an unaligned address is EINVAL",
	    shmat(id, p + 4 * PAGE + 1, 0) == (void *)-1 && errno == EINVAL);
	check("shmctl into a bad buffer is EFAULT",
	    shmctl(id, IPC_STAT, (struct shmid_ds *)8) == -1 && errno == EFAULT);
	ds.shm_perm.mode = 0640;
	check("IPC_SET the mode", shmctl(id, IPC_SET, &ds) == 0 &&
	    shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & 0777) == 0640);
	if ((pid = fork()) == 0) {
		if (setuid(1000) != 0)
			_exit(9);
		if (shmat(id, NULL, 0) != (void *)-1 || errno != EACCES)
			_exit(1);
		if (shmctl(id, IPC_RMID, NULL) != -1 || errno != EPERM)
			_exit(2);
		_exit(0);
	}
	check("another user: EACCES to attach, EPERM to remove",
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);

	id2 = shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0644);
	check("shmget with a key", id2 >= 0 && id2 != id);
	check("... IPC_EXCL again is EEXIST",
	    shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0644) == -1 && errno == EEXIST);
	check("... found by its key", shmget(key, PAGE, 0) == id2);
	check("... a larger size is EINVAL",
	    shmget(key, 2 * PAGE, 0) == -1 && errno == EINVAL);
	check("a key not there is ENOENT",
	    shmget(key + 1, PAGE, 0) == -1 && errno == ENOENT);
	check("size 0 is EINVAL", shmget(IPC_PRIVATE, 0, IPC_CREAT) == -1 &&
	    errno == EINVAL);
	check("IPC_RMID of an unattached segment",
	    shmctl(id2, IPC_RMID, NULL) == 0 &&
	    shmctl(id2, IPC_STAT, &ds) == -1 && errno == EINVAL &&
	    shmget(key, PAGE, 0) == -1 && errno == ENOENT);

	check("IPC_RMID while attached", shmctl(id, IPC_RMID, NULL) == 0);
	check("... the memory stays", strcmp(p, "sysv") == 0);
	check("... shmdt lets it go", shmdt(p) == 0 &&
	    shmctl(id, IPC_STAT, &ds) == -1 && errno == EINVAL);
	check("IPC_INFO", shmctl(0, IPC_INFO, (struct shmid_ds *)&info) >= 0 &&
	    info.shmmni > 0 && info.shmmin == 1);
}

struct ushm_msg {
	long	type;
	char	text[64];
};

static void
on_alarm(int sig)
{
	(void)sig;
}

static void
shared_anon(void)
{
	size_t big = 1UL << 30;
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0), *b;
	int st;
	pid_t pid;

	check("shared anonymous mapping", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	/* Nobody touched page 1 before the fork: still one copy after. */
	if ((pid = fork()) == 0) {
		p[PAGE] = 'k';
		_exit(0);
	}
	check("a page first touched by a child after fork is the parent's too",
	    waitpid(pid, &st, 0) == pid && p[PAGE] == 'k');
	munmap(p, 2 * PAGE);
	b = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	    -1, 0);
	check("a 1 GiB shared anonymous mapping", b != MAP_FAILED);
	if (b != MAP_FAILED) {
		b[0] = 1;
		b[big - 1] = 2;
		check("... its first and last pages", b[0] == 1 && b[big - 1] == 2 &&
		    b[big / 2] == 0);
		munmap(b, big);
	}
}

static void
msg_checks(void)
{
	struct ushm_msg m;
	struct msqid_ds ds;
	struct sigaction sa;
	int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600), st;
	pid_t pid;

	check("msgget", q >= 0);
	m.type = 2;
	strcpy(m.text, "two");
	check("msgsnd type 2", msgsnd(q, &m, 4, 0) == 0);
	m.type = 1;
	strcpy(m.text, "one");
	check("msgsnd type 1", msgsnd(q, &m, 4, 0) == 0);
	m.type = 3;
	strcpy(m.text, "three-long");
	check("msgsnd type 3", msgsnd(q, &m, 11, 0) == 0);
	check("IPC_STAT counts them", msgctl(q, IPC_STAT, &ds) == 0 &&
	    ds.msg_qnum == 3 && ds.msg_cbytes == 19 && ds.msg_lspid == getpid());
	check("msgrcv type 1 picks it",
	    msgrcv(q, &m, sizeof(m.text), 1, 0) == 4 && m.type == 1 &&
	    strcmp(m.text, "one") == 0);
	check("a too-small buffer is E2BIG and keeps the message",
	    msgrcv(q, &m, 3, 3, IPC_NOWAIT) == -1 && errno == E2BIG);
	check("... MSG_NOERROR cuts it",
	    msgrcv(q, &m, 5, 3, MSG_NOERROR) == 5 && m.type == 3 &&
	    memcmp(m.text, "three", 5) == 0);
	check("a type not there with IPC_NOWAIT is ENOMSG",
	    msgrcv(q, &m, sizeof(m.text), 7, IPC_NOWAIT) == -1 &&
	    errno == ENOMSG);
	check("msgrcv type 0 takes the first",
	    msgrcv(q, &m, sizeof(m.text), 0, 0) == 4 && m.type == 2);
	/* A receiver waits for a sender in another process. */
	if ((pid = fork()) == 0) {
		struct ushm_msg r;

		_exit(msgrcv(q, &r, sizeof(r.text), -5, 0) == 6 &&
		    r.type == 4 && strcmp(r.text, "later") == 0 ? 0 : 1);
	}
	usleep(20000);
	m.type = 4;
	strcpy(m.text, "later");
	check("a waiting receiver gets a later message",
	    msgsnd(q, &m, 6, 0) == 0 && waitpid(pid, &st, 0) == pid &&
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	check("a signal cuts a wait short with EINTR",
	    msgrcv(q, &m, sizeof(m.text), 0, 0) == -1 && errno == EINTR);
	check("type 0 is EINVAL for msgsnd", (m.type = 0,
	    msgsnd(q, &m, 1, 0) == -1 && errno == EINVAL));
	check("a bad id is EINVAL", msgsnd(q + 1, &m, 1, 0) == -1 &&
	    errno == EINVAL);
	if ((pid = fork()) == 0) {
		struct ushm_msg r;

		_exit(msgrcv(q, &r, sizeof(r.text), 0, 0) == -1 &&
		    errno == EIDRM ? 0 : 1);
	}
	usleep(20000);
	check("IPC_RMID wakes a waiter with EIDRM",
	    msgctl(q, IPC_RMID, NULL) == 0 && waitpid(pid, &st, 0) == pid &&
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
	check("... and the queue is gone", msgctl(q, IPC_STAT, &ds) == -1 &&
	    errno == EINVAL);
}

/* Read a /proc/sys file into buf (NUL-terminated): bytes, or -1. */
static long
sysctl_get(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = fd >= 0 ? read(fd, buf, size - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* Write text to a /proc/sys file as echo does: 0, or the errno. */
static int
sysctl_put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	int e = 0;

	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		e = errno;
	close(fd);
	return e;
}

/* /proc/sys tunables: written by root, read back, and obeyed. */
static void
tunable_checks(void)
{
	char old[64], buf[64];
	struct stat st;
	int id, p[2], status;
	pid_t pid;

	if (access("/proc/sys", F_OK) != 0) {
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	sysctl_get("/proc/sys/kernel/shmmax", old, sizeof(old));
	check("kernel.shmmax is a writable file (0644)",
	    stat("/proc/sys/kernel/shmmax", &st) == 0 &&
	    (st.st_mode & 0777) == 0644);
	check("kernel.ostype is read-only, for root too: EACCES",
	    stat("/proc/sys/kernel/ostype", &st) == 0 &&
	    (st.st_mode & 0777) == 0444 &&
	    open("/proc/sys/kernel/ostype", O_WRONLY) == -1 &&
	    errno == EACCES);
	check("writing 4096 to kernel.shmmax reads back",
	    sysctl_put("/proc/sys/kernel/shmmax", "4096\n") == 0 &&
	    sysctl_get("/proc/sys/kernel/shmmax", buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "4096\n") == 0);
	check("... and a larger segment is EINVAL now",
	    shmget(IPC_PRIVATE, 8192, 0600) == -1 && errno == EINVAL &&
	    (id = shmget(IPC_PRIVATE, 4096, 0600)) >= 0 &&
	    shmctl(id, IPC_RMID, NULL) == 0);
	check("a value that is not a number is EINVAL and changes nothing",
	    sysctl_put("/proc/sys/kernel/shmmax", "lots\n") == EINVAL &&
	    sysctl_get("/proc/sys/kernel/shmmax", buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "4096\n") == 0);
	check("kernel.shmmax restored",
	    sysctl_put("/proc/sys/kernel/shmmax", old) == 0);
	sysctl_get("/proc/sys/fs/pipe-max-size", old, sizeof(old));
	check("fs.pipe-max-size rounds up to a power-of-two of pages",
	    sysctl_put("/proc/sys/fs/pipe-max-size", "5000") == 0 &&
	    sysctl_get("/proc/sys/fs/pipe-max-size", buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "8192\n") == 0);
	pid = fork();
	if (pid == 0) {
		/* Without CAP_SYS_RESOURCE a new pipe fits the limit. */
		struct { unsigned v; int pid; } h = { 0x20080522, 0 };
		struct { unsigned e, p, i; } d[2];
		int q[2];

		syscall(SYS_capget, &h, d);
		d[0].e &= ~(1u << 24);
		syscall(SYS_capset, &h, d);
		_exit(pipe(q) == 0 && fcntl(q[0], F_GETPIPE_SZ) == 8192 ?
		    0 : 1);
	}
	check("... and a new pipe without CAP_SYS_RESOURCE holds 8 KiB",
	    pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	check("fs.pipe-max-size below a page is EINVAL",
	    sysctl_put("/proc/sys/fs/pipe-max-size", "100") == EINVAL);
	check("fs.pipe-max-size set to 64 KiB",
	    sysctl_put("/proc/sys/fs/pipe-max-size", "65536") == 0);
	pipe(p);
	pid = fork();
	if (pid == 0) {
		/* Without CAP_SYS_RESOURCE: the limit holds. */
		struct { unsigned v; int pid; } h = { 0x20080522, 0 };
		struct { unsigned e, p, i; } d[2];

		syscall(SYS_capget, &h, d);
		d[0].e &= ~(1u << 24);
		syscall(SYS_capset, &h, d);
		if (fcntl(p[0], F_SETPIPE_SZ, 131072) != -1 || errno != EPERM)
			_exit(1);
		_exit(fcntl(p[0], F_SETPIPE_SZ, 65536) == 65536 ? 0 : 2);
	}
	check("past pipe-max-size without CAP_SYS_RESOURCE: EPERM",
	    pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	check("root (with it) still may",
	    fcntl(p[0], F_SETPIPE_SZ, 131072) == 131072);
	close(p[0]);
	close(p[1]);
	check("fs.pipe-max-size restored",
	    sysctl_put("/proc/sys/fs/pipe-max-size", old) == 0);
}

/* getrusage: faults, peak memory, switches; a reaped child's too. */
static void
rusage_checks(void)
{
	struct rusage a, b, c;
	struct timespec ms = { 0, 1000000 };
	char *m;
	int st;
	pid_t pid;

	getrusage(RUSAGE_SELF, &a);
	m = mmap(NULL, 256 * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; i < 256; i++)
		m[i * PAGE] = 1;
	nanosleep(&ms, NULL);
	getrusage(RUSAGE_SELF, &b);
	check("touching 256 pages counts 256 minor faults",
	    b.ru_minflt - a.ru_minflt >= 256);
	check("... and ru_maxrss holds them (kB)", b.ru_maxrss >= 1024);
	check("sleeping is a voluntary switch", b.ru_nvcsw > a.ru_nvcsw);
	munmap(m, 256 * PAGE);
	pid = fork();
	if (pid == 0) {
		char *n = mmap(NULL, 2048 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		for (int i = 0; i < 2048; i++)
			n[i * PAGE] = 1;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	getrusage(RUSAGE_CHILDREN, &c);
	check("a reaped child's faults and peak reach RUSAGE_CHILDREN",
	    c.ru_minflt >= 2048 && c.ru_maxrss >= 8192);
	check("RUSAGE_THREAD counts the caller's faults",
	    getrusage(RUSAGE_THREAD, &a) == 0 && a.ru_minflt >= 256);
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
	if (access("/proc/self/status", F_OK) != 0) {	/* a bare initramfs */
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	mkdir(dir, 01777);
	shared_coherence(dir);
	past_end(dir);
	rights(dir);
	system_file();
	shared_futex(dir);
	memfd_checks();
	fallocate_checks(dir);
	lock_checks();
	sysv_checks();
	msg_checks();
	shared_anon();
	tunable_checks();
	rusage_checks();
	if (failed) {
		printf("ushm: %d checks failed\n", failed);
		return 1;
	}
	printf("ushm: done, all checks passed\n");
	return 0;
}
