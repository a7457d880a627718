/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * /proc files real programs (and LTP) read and root writes, each against
 * the kernel state it shows: /proc/sysvipc/{shm,msg}; kernel.{msg,shm,
 * sem}_next_id taken by the next msgget/shmget/semget; kernel.pid_max and
 * ns_last_pid steering pid allocation (and a /proc/<pid> directory that
 * stays with its process when the pid is reused); fs.nr_open capping
 * RLIMIT_NOFILE and unshare(CLONE_FILES); kernel.printk, hostname,
 * domainname, core_pattern, fs.pipe-user-pages-*, kernel/random;
 * /proc/self/smaps (Rss, Locked of an mlocked area), /proc/self/pagemap
 * (present bits, page frames only for CAP_SYS_ADMIN),
 * /proc/<pid>/task/<tid>/stat, and reopening /proc/self/fd/<n> (a memfd,
 * O_CREAT|O_TRUNC included).  Static, with the C library, so it runs on
 * Linux as the reference (as root: tools/linux-run.py).  One line per
 * check; exits 0 if all held.
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
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("uprocx: %s %s\n", ok ? "ok" : "FAILED", what);
	if (!ok)
		failed = 1;
}

/* The whole file into buf (NUL-terminated): its length, or -errno. */
static long
slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t n = 0;
	long r;

	if (fd < 0)
		return -errno;
	while (n + 1 < size && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	close(fd);
	return (long)n;
}

/* Write text to path: 0, or -errno of the open or the write. */
static int
put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), r = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		r = -errno;
	close(fd);
	return r;
}

static long
num(const char *path)
{
	char b[64];

	return slurp(path, b, sizeof(b)) > 0 ? strtol(b, NULL, 10) : -999;
}

/* ---- /proc/sysvipc ---- */

static const char shm_head[] = "       key      shmid perms                  size"
    "  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime"
    "      ctime                   rss                  swap\n";
static const char msg_head[] = "       key      msqid perms      cbytes       "
    "qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      "
    "ctime\n";

/* The line of id (second column) in a /proc/sysvipc file, into line. */
static int
sysvipc_line(const char *path, int id, char *line, size_t size)
{
	static char buf[65536];
	char *p, *nl;

	if (slurp(path, buf, sizeof(buf)) < 0)
		return 0;
	for (p = strchr(buf, '\n'); p != NULL && p[1] != '\0'; p = nl) {
		int key, got;

		nl = strchr(p + 1, '\n');
		if (nl == NULL)
			break;
		if (sscanf(p + 1, "%d %d", &key, &got) == 2 && got == id) {
			size_t n = (size_t)(nl - p - 1);

			if (n >= size)
				n = size - 1;
			memcpy(line, p + 1, n);
			line[n] = '\0';
			return 1;
		}
	}
	return 0;
}

static void
test_sysvipc(void)
{
	char buf[4096], line[512];
	struct { long type; char text[16]; } m = { 3, "hello" };
	unsigned long size, cbytes, qnum, rss;
	int shm = shmget(IPC_PRIVATE, 5000, IPC_CREAT | 0640);
	int msq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	unsigned int perms;
	int key, id, cpid, lspid;

	check("/proc/sysvipc/shm starts with Linux's header",
	    slurp("/proc/sysvipc/shm", buf, sizeof(buf)) > 0 &&
	    strncmp(buf, shm_head, strlen(shm_head)) == 0);
	check("/proc/sysvipc/msg starts with Linux's header",
	    slurp("/proc/sysvipc/msg", buf, sizeof(buf)) > 0 &&
	    strncmp(buf, msg_head, strlen(msg_head)) == 0);
	check("a segment's line: key, id, perms, size, cpid, rss",
	    shm >= 0 && sysvipc_line("/proc/sysvipc/shm", shm, line,
	    sizeof(line)) && sscanf(line, "%d %d %o %lu %d %*d %*d %*d %*d %*d "
	    "%*d %*d %*d %*d %lu", &key, &id, &perms, &size, &cpid, &rss) == 6 &&
	    key == 0 && perms == 0640 && size == 5000 && cpid == getpid() &&
	    (rss == 0 || rss == 8192));
	check("a queue's line: cbytes and qnum of one message, lspid",
	    msq >= 0 && msgsnd(msq, &m, 5, 0) == 0 &&
	    sysvipc_line("/proc/sysvipc/msg", msq, line, sizeof(line)) &&
	    sscanf(line, "%d %d %o %lu %lu %d", &key, &id, &perms, &cbytes,
	    &qnum, &lspid) == 6 && perms == 0600 && cbytes == 5 && qnum == 1 &&
	    lspid == getpid());
	shmctl(shm, IPC_RMID, NULL);
	msgctl(msq, IPC_RMID, NULL);
	check("a removed segment's line is gone",
	    !sysvipc_line("/proc/sysvipc/shm", shm, line, sizeof(line)));
}

/* ---- kernel.*_next_id ---- */

static int
make_msg(void)
{
	return msgget(IPC_PRIVATE, IPC_CREAT | 0600);
}

static int
make_shm(void)
{
	return shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
}

static int
make_sem(void)
{
	return semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
}

static void
drop(int kind, int id)
{
	if (kind == 0)
		msgctl(id, IPC_RMID, NULL);
	else if (kind == 1)
		shmctl(id, IPC_RMID, NULL);
	else
		semctl(id, 0, IPC_RMID);
}

static void
test_next_id(void)
{
	static const char *const files[3] = { "/proc/sys/kernel/msg_next_id",
	    "/proc/sys/kernel/shm_next_id", "/proc/sys/kernel/sem_next_id" };
	static const char *const names[3] = { "msg", "shm", "sem" };
	int (*const make[3])(void) = { make_msg, make_shm, make_sem };
	char what[128], text[32];

	for (int k = 0; k < 3; k++) {
		/* An id with a sequence number and a high slot. */
		int want = (3 << 15) | (7000 + k), a, b;

		snprintf(what, sizeof(what), "%s_next_id reads -1", names[k]);
		check(what, num(files[k]) == -1);
		snprintf(text, sizeof(text), "%d", want);
		a = put(files[k], text) == 0 ? make[k]() : -1;
		snprintf(what, sizeof(what), "%s_next_id %d: the next id is "
		    "that, and the file reads -1 again", names[k], want);
		check(what, a == want && num(files[k]) == -1);
		b = put(files[k], text) == 0 ? make[k]() : -1;
		snprintf(what, sizeof(what), "%s_next_id of a taken id: "
		    "another id", names[k]);
		check(what, b >= 0 && b != a && num(files[k]) == -1);
		drop(k, a);
		drop(k, b);
		snprintf(what, sizeof(what), "%s_next_id refuses -1 (EINVAL)",
		    names[k]);
		check(what, put(files[k], "-1") == -EINVAL);
	}
}

/* ---- pids ---- */

static pid_t
child_pause(void)
{
	pid_t c = fork();

	if (c == 0) {
		pause();
		_exit(0);
	}
	return c;
}

static pid_t
child_exit(void)
{
	pid_t c = fork();

	if (c == 0)
		_exit(0);
	if (c > 0)
		waitpid(c, NULL, 0);
	return c;
}

static void
test_pids(void)
{
	char old_max[32], text[32], dir[32];
	struct stat st1, st2;
	pid_t a, b, c;
	int dfd, r;

	slurp("/proc/sys/kernel/pid_max", old_max, sizeof(old_max));
	check("pid_max is Linux's default for a small machine (32768)",
	    strtol(old_max, NULL, 10) == 32768);
	check("pid_max refuses 300 and 4194305 (EINVAL)",
	    put("/proc/sys/kernel/pid_max", "300") == -EINVAL &&
	    put("/proc/sys/kernel/pid_max", "4194305") == -EINVAL);
	a = child_exit();
	check("ns_last_pid is the last pid given out",
	    num("/proc/sys/kernel/ns_last_pid") == a);
	check("ns_last_pid refuses more than pid_max (EINVAL)",
	    put("/proc/sys/kernel/ns_last_pid", "32769") == -EINVAL);
	snprintf(text, sizeof(text), "%d", a + 100);
	b = put("/proc/sys/kernel/ns_last_pid", text) == 0 ? child_exit() : -1;
	check("after ns_last_pid N the next fork gets N + 1", b == a + 101);

	/* pid_max 400: allocation wraps to 300 and skips a live pid. */
	r = put("/proc/sys/kernel/pid_max", "400");
	put("/proc/sys/kernel/ns_last_pid", "398");
	a = child_exit();
	b = child_pause();
	c = child_exit();
	check("under pid_max 400: 399, then wrapping to 300, then 301 past "
	    "the live one", r == 0 && a == 399 && b == 300 && c == 301);
	kill(b, SIGKILL);
	waitpid(b, NULL, 0);
	put("/proc/sys/kernel/pid_max", old_max);
	check("pid_max back to what it was",
	    num("/proc/sys/kernel/pid_max") == strtol(old_max, NULL, 10));

	/* A /proc/<pid> directory stays with its process. */
	a = child_pause();
	snprintf(dir, sizeof(dir), "/proc/%d", a);
	dfd = open(dir, O_DIRECTORY | O_CLOEXEC);
	fstat(dfd, &st1);
	kill(a, SIGKILL);
	waitpid(a, NULL, 0);
	snprintf(text, sizeof(text), "%d", a - 1);
	put("/proc/sys/kernel/ns_last_pid", text);
	b = child_pause();
	r = stat(dir, &st2);
	check("the reused pid's /proc directory is another inode",
	    b == a && r == 0 && st1.st_ino != st2.st_ino);
	errno = 0;
	check("pidfd_send_signal through the old directory: ESRCH",
	    syscall(424, dfd, SIGUSR1, NULL, 0) == -1 && errno == ESRCH);
	close(dfd);
	kill(b, SIGKILL);
	waitpid(b, NULL, 0);
}

/* ---- fs.nr_open ---- */

static void
test_nr_open(void)
{
	char old[32];
	struct rlimit rl, keep;
	pid_t c;
	int st = -1;

	slurp("/proc/sys/fs/nr_open", old, sizeof(old));
	check("nr_open is 1048576", strtol(old, NULL, 10) == 1048576);
	check("nr_open refuses 63 (EINVAL)",
	    put("/proc/sys/fs/nr_open", "63") == -EINVAL);
	getrlimit(RLIMIT_NOFILE, &keep);
	dup2(2, 65);
	check("nr_open takes 64", put("/proc/sys/fs/nr_open", "64") == 0);
	rl.rlim_cur = 64;
	rl.rlim_max = 65;
	errno = 0;
	check("RLIMIT_NOFILE above nr_open: EPERM",
	    setrlimit(RLIMIT_NOFILE, &rl) == -1 && errno == EPERM);
	c = (pid_t)syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
	if (c == 0)
		_exit(unshare(CLONE_FILES) == -1 && errno == EMFILE ? 0 : 1);
	if (c > 0)
		waitpid(c, &st, 0);
	check("unshare(CLONE_FILES) with descriptor 65 open: EMFILE",
	    c > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(65);
	put("/proc/sys/fs/nr_open", old);
	check("nr_open restored, RLIMIT_NOFILE may reach it again",
	    num("/proc/sys/fs/nr_open") == 1048576 &&
	    setrlimit(RLIMIT_NOFILE, &keep) == 0);
}

/* ---- the other kernel tunables ---- */

static void
test_tunables(void)
{
	char old[256], buf[256];
	struct utsname u;
	int a, b, c, d, fd, cnt = -1;

	slurp("/proc/sys/kernel/printk", old, sizeof(old));
	check("printk: four tab-separated levels",
	    sscanf(old, "%d\t%d\t%d\t%d\n", &a, &b, &c, &d) == 4 &&
	    strchr(old, '\t') != NULL);
	check("printk takes \"3 4 1 7\" and shows it",
	    put("/proc/sys/kernel/printk", "3 4 1 7\n") == 0 &&
	    slurp("/proc/sys/kernel/printk", buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "3\t4\t1\t7\n") == 0);
	check("printk of five values takes the first four",
	    put("/proc/sys/kernel/printk", "1 2 3 4 5") == 0 &&
	    slurp("/proc/sys/kernel/printk", buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "1\t2\t3\t4\n") == 0);
	check("printk refuses words (EINVAL)",
	    put("/proc/sys/kernel/printk", "x") == -EINVAL &&
	    put("/proc/sys/kernel/printk", "2x") == -EINVAL);
	check("printk takes a first value alone",
	    put("/proc/sys/kernel/printk", "5") == 0 &&
	    slurp("/proc/sys/kernel/printk", buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "5\t2\t3\t4\n") == 0);
	put("/proc/sys/kernel/printk", old);

	slurp("/proc/sys/kernel/hostname", old, sizeof(old));
	check("hostname written is uname's nodename",
	    put("/proc/sys/kernel/hostname", "procx-host\n") == 0 &&
	    uname(&u) == 0 && strcmp(u.nodename, "procx-host") == 0 &&
	    slurp("/proc/sys/kernel/hostname", buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "procx-host\n") == 0);
	put("/proc/sys/kernel/hostname", old);
	slurp("/proc/sys/kernel/domainname", old, sizeof(old));
	check("domainname written is uname's domainname",
	    put("/proc/sys/kernel/domainname", "procx.dom") == 0 &&
	    uname(&u) == 0 && strcmp(u.domainname, "procx.dom") == 0);
	put("/proc/sys/kernel/domainname", old);

	slurp("/proc/sys/kernel/core_pattern", old, sizeof(old));
	check("core_pattern takes a pattern and shows it",
	    put("/proc/sys/kernel/core_pattern", "/tmp/core.%p\n") == 0 &&
	    slurp("/proc/sys/kernel/core_pattern", buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "/tmp/core.%p\n") == 0);
	put("/proc/sys/kernel/core_pattern", old);

	check("pipe-user-pages-soft is 16384, -hard 0",
	    num("/proc/sys/fs/pipe-user-pages-soft") == 16384 &&
	    num("/proc/sys/fs/pipe-user-pages-hard") == 0);
	check("pipe-user-pages-soft takes a value",
	    put("/proc/sys/fs/pipe-user-pages-soft", "100") == 0 &&
	    num("/proc/sys/fs/pipe-user-pages-soft") == 100 &&
	    put("/proc/sys/fs/pipe-user-pages-soft", "16384") == 0);

	/* A bare Linux image may lack the node: make it (1, 9). */
	if (access("/dev/urandom", F_OK) != 0)
		mknod("/dev/urandom", S_IFCHR | 0666, makedev(1, 9));
	fd = open("/dev/urandom", O_RDONLY);
	a = (int)num("/proc/sys/kernel/random/entropy_avail");
	check("random: poolsize 256, entropy_avail within it, as "
	    "RNDGETENTCNT says", num("/proc/sys/kernel/random/poolsize") ==
	    256 && a >= 0 && a <= 256 && fd >= 0 &&
	    ioctl(fd, 0x80045200, &cnt) == 0 && abs(cnt - a) <= 2);
	close(fd);
	check("random/entropy_avail is read-only, for root too (EACCES)",
	    put("/proc/sys/kernel/random/entropy_avail", "1") == -EACCES);
}

/* ---- fs.pipe-user-pages-soft and -hard ---- */

/* Drop capabilities (bit mask) from the effective set: 0 or -1. */
static int
drop_caps(uint32_t mask)
{
	struct { uint32_t version; int pid; } h = { 0x20080522, 0 };
	struct { uint32_t eff, prm, inh; } d[2];

	if (syscall(SYS_capget, &h, d) != 0)
		return -1;
	d[0].eff &= ~mask;
	return (int)syscall(SYS_capset, &h, d);
}

static void
test_pipe_pages(void)
{
	int st = -1;
	pid_t c;

	put("/proc/sys/fs/pipe-user-pages-soft", "16");
	put("/proc/sys/fs/pipe-user-pages-hard", "20");
	c = fork();
	if (c == 0) {
		int p[4][2], bad = 0;

		/* Without CAP_SYS_RESOURCE (24) and CAP_SYS_ADMIN (21). */
		if (drop_caps(1u << 24 | 1u << 21) != 0)
			_exit(100);
		if (pipe(p[0]) != 0 || fcntl(p[0][1], F_GETPIPE_SZ) != 65536)
			bad |= 1;	/* 16 pages: at the soft limit */
		if (pipe(p[1]) != 0 || fcntl(p[1][1], F_GETPIPE_SZ) != 8192)
			bad |= 2;	/* past it: two pages */
		if (pipe(p[2]) != 0 || fcntl(p[2][1], F_GETPIPE_SZ) != 8192)
			bad |= 4;	/* 20: at the hard limit */
		errno = 0;
		if (pipe(p[3]) != -1 || errno != ENFILE)
			bad |= 8;	/* past it: none */
		errno = 0;
		if (fcntl(p[1][1], F_SETPIPE_SZ, 16384) != -1 || errno != EPERM)
			bad |= 16;	/* no growing past the limits */
		for (int i = 0; i < 3; i += 2) {
			close(p[i][0]);
			close(p[i][1]);
		}
		if (fcntl(p[1][1], F_SETPIPE_SZ, 16384) != 16384)
			bad |= 32;	/* room again after closes */
		_exit(bad);
	}
	waitpid(c, &st, 0);
	printf("uprocx: (pipe-user-pages child status %d)\n",
	    WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	check("an unprivileged user's pipes: full to the soft limit, two "
	    "pages past it, ENFILE past the hard one, EPERM to grow",
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
	put("/proc/sys/fs/pipe-user-pages-soft", "16384");
	put("/proc/sys/fs/pipe-user-pages-hard", "0");
}

/* ---- smaps, pagemap ---- */

/* smaps' figure label (kB) of the area starting at va; -1 if none. */
static long
smaps_kb(unsigned long va, const char *label, char *flags, size_t fsize)
{
	static char buf[1 << 18];
	char head[32], *p;
	long kb = -1;

	if (slurp("/proc/self/smaps", buf, sizeof(buf)) <= 0)
		return -1;
	snprintf(head, sizeof(head), "%lx-", va);
	for (p = buf; p != NULL; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, head, strlen(head)) == 0)
			break;
	if (p == NULL)
		return -1;
	for (p = strchr(p, '\n'); p != NULL && p[1] != '\0';
	    p = strchr(p + 1, '\n')) {
		unsigned long x;

		if (sscanf(p + 1, "%lx-", &x) == 1 && strchr(p + 1, '-') <
		    strchr(p + 1, ' ') && strncmp(p + 1, "VmFlags", 7) != 0)
			break;		/* the next area */
		if (strncmp(p + 1, label, strlen(label)) == 0)
			kb = strtol(p + 1 + strlen(label), NULL, 10);
		if (flags != NULL && strncmp(p + 1, "VmFlags:", 8) == 0) {
			char *nl = strchr(p + 1, '\n');
			size_t n = nl != NULL ? (size_t)(nl - p - 1) : 0;

			if (n >= fsize)
				n = fsize - 1;
			memcpy(flags, p + 1, n);
			flags[n] = '\0';
		}
	}
	return kb;
}

static void
test_smaps(void)
{
	size_t len = 1 << 20;
	char *m = mmap(NULL, len, PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
	    0);
	char *q = mmap(NULL, 65536, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char flags[256] = "";
	static char buf[1 << 18];

	check("smaps: each figure laid out as Linux's (label, width, kB)",
	    slurp("/proc/self/smaps", buf, sizeof(buf)) > 0 &&
	    strstr(buf, "\nSize:") != NULL &&
	    strstr(buf, "\nKernelPageSize:        4 kB\n") != NULL &&
	    strstr(buf, "\nLocked:") != NULL &&
	    strstr(buf, "\nVmFlags: ") != NULL);
	check("an untouched area: Size 64 kB, Rss 0",
	    q != MAP_FAILED && smaps_kb((unsigned long)q, "Size:", NULL, 0) ==
	    64 && smaps_kb((unsigned long)q, "Rss:", NULL, 0) == 0);
	q[0] = 1;
	q[8192] = 1;
	check("two pages written: Rss 8 kB, Private_Dirty 8 kB, Anonymous 8 kB",
	    smaps_kb((unsigned long)q, "Rss:", NULL, 0) == 8 &&
	    smaps_kb((unsigned long)q, "Private_Dirty:", NULL, 0) == 8 &&
	    smaps_kb((unsigned long)q, "Anonymous:", NULL, 0) == 8);
	check("mlock of 1 MiB: Rss and Locked 1024 kB, VmFlags lo",
	    m != MAP_FAILED && mlock(m, len) == 0 &&
	    smaps_kb((unsigned long)m, "Rss:", NULL, 0) == 1024 &&
	    smaps_kb((unsigned long)m, "Locked:", flags, sizeof(flags)) ==
	    1024 && strstr(flags, " lo") != NULL && strstr(flags, " wr") !=
	    NULL);
	check("munlock: Locked 0",
	    munlock(m, len) == 0 &&
	    smaps_kb((unsigned long)m, "Locked:", NULL, 0) == 0);
	munmap(m, len);
	munmap(q, 65536);
}

static int
pagemap(unsigned long va, int n, uint64_t *out)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	ssize_t r;

	if (fd < 0)
		return -1;
	r = pread(fd, out, (size_t)n * 8, (off_t)(va / 4096 * 8));
	close(fd);
	return r == n * 8 ? 0 : -1;
}

static void
test_pagemap(void)
{
	char *m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t e[4];
	int fd, st = -1, r;
	char one[4];
	pid_t c;

	m[0] = 1;
	m[2 * 4096] = 1;
	check("pagemap: written pages present, the others not",
	    pagemap((unsigned long)m, 4, e) == 0 && (e[0] >> 63) &&
	    !(e[1] >> 63) && (e[2] >> 63) && !(e[3] >> 63));
	check("root sees page frame numbers, each page its own",
	    (e[0] & ((1ULL << 55) - 1)) != 0 &&
	    (e[0] & ((1ULL << 55) - 1)) != (e[2] & ((1ULL << 55) - 1)));
	check("a private page only here: exclusive (bit 56), not a file's "
	    "(bit 61)", ((e[0] >> 56) & 1) && !((e[0] >> 61) & 1));
	fd = open("/proc/self/pagemap", O_RDONLY);
	errno = 0;
	r = (int)pread(fd, one, 4, 0);
	check("pagemap reads of part of an entry: EINVAL",
	    r == -1 && errno == EINVAL);
	close(fd);
	c = fork();
	if (c == 0) {
		/* CAP_SYS_ADMIN (21) out of the effective set, same user. */
		struct { uint32_t version; int pid; } h = { 0x20080522, 0 };
		struct { uint32_t eff, prm, inh; } d[2];
		uint64_t f[1];

		if (syscall(SYS_capget, &h, d) != 0)
			_exit(2);
		d[0].eff &= ~(1u << 21);
		if (syscall(SYS_capset, &h, d) != 0)
			_exit(3);
		_exit(pagemap((unsigned long)m, 1, f) == 0 && (f[0] >> 63) &&
		    (f[0] & ((1ULL << 55) - 1)) == 0 ? 0 : 1);
	}
	waitpid(c, &st, 0);
	check("without CAP_SYS_ADMIN: present, page frame 0",
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
	munmap(m, 4 * 4096);
}

/* ---- task/<tid>/stat ---- */

static int task_pipe[2];
static volatile pid_t task_tid;

static void *
task_sleeper(void *arg)
{
	char c;

	(void)arg;
	task_tid = (pid_t)syscall(SYS_gettid);
	(void)read(task_pipe[0], &c, 1);
	return NULL;
}

static void
test_task_stat(void)
{
	char path[64], buf[512], comm[64], state = '?';
	pthread_t t;
	int tid = 0;

	pipe(task_pipe);
	pthread_create(&t, NULL, task_sleeper, NULL);
	while (task_tid == 0)
		sched_yield();
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", getpid(),
	    (int)task_tid);
	/* Wait for it to sleep in read (generously). */
	for (int i = 0; i < 2000 && state != 'S'; i++) {
		if (slurp(path, buf, sizeof(buf)) > 0)
			sscanf(buf, "%d %63s %c", &tid, comm, &state);
		usleep(1000);
	}
	check("task/<tid>/stat: the thread's id, and S while it sleeps",
	    tid == task_tid && state == 'S');
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", getpid());
	check("task/<pid>/stat of the running main thread: R",
	    slurp(path, buf, sizeof(buf)) > 0 &&
	    sscanf(buf, "%d %63s %c", &tid, comm, &state) == 3 &&
	    tid == getpid() && state == 'R');
	snprintf(path, sizeof(path), "/proc/self/task/%d", (int)task_tid);
	check("the task directory lists comm and stat",
	    access(strcat(path, "/comm"), R_OK) == 0);
	write(task_pipe[1], "x", 1);
	pthread_join(t, NULL);
	close(task_pipe[0]);
	close(task_pipe[1]);
}

/* ---- /proc/self/fd/<n> ---- */

static void
test_fd_reopen(void)
{
	int m = (int)syscall(SYS_memfd_create, "procx", 0), r, e, fd;
	char path[64], buf[8] = "";
	struct stat st;
	int p[2];

	write(m, "abc", 3);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", m);
	r = open(path, O_RDWR);
	check("open(/proc/self/fd/N of a memfd, O_RDWR): the same file, own "
	    "offset", r >= 0 && read(r, buf, 3) == 3 &&
	    memcmp(buf, "abc", 3) == 0);
	close(r);
	r = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check("... O_RDWR|O_CREAT|O_TRUNC opens and truncates it",
	    r >= 0 && fstat(m, &st) == 0 && st.st_size == 0);
	close(r);
	close(m);

	fd = open("/tmp/uprocx.gone", O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, "xy", 2);
	unlink("/tmp/uprocx.gone");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	r = open(path, O_RDONLY);
	check("an unlinked file reopens through /proc/self/fd",
	    r >= 0 && read(r, buf, 2) == 2 && memcmp(buf, "xy", 2) == 0);
	close(r);
	close(fd);

	pipe(p);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	r = open(path, O_WRONLY);
	check("a pipe's end reopens: written there, read from the pipe",
	    r >= 0 && write(r, "q", 1) == 1 && read(p[0], buf, 1) == 1 &&
	    buf[0] == 'q');
	close(r);
	close(p[0]);
	close(p[1]);

	e = eventfd(0, 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", e);
	errno = 0;
	r = open(path, O_RDWR);
	check("an eventfd does not reopen (ENXIO)", r == -1 && errno == ENXIO);
	close(e);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* As init of a bare image: /proc is for us to mount. */
	if (access("/proc/self", F_OK) != 0)
		mount("proc", "/proc", "proc", 0, NULL);
	mkdir("/tmp", 01777);
	test_sysvipc();
	test_next_id();
	test_pids();
	test_nr_open();
	test_tunables();
	test_pipe_pages();
	test_smaps();
	test_pagemap();
	test_task_stat();
	test_fd_reopen();
	if (failed) {
		printf("uprocx: some checks FAILED\n");
		return 1;
	}
	printf("uprocx: done, all checks passed\n");
	return 0;
}
