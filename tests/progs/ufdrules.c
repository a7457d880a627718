/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Rules Linux applies to descriptors and files, checked against what it
 * does (the same program passes on a Linux host): an O_PATH handle
 * serves only the calls that do not touch an open file (EBADF for the
 * others), the text-busy rule (a running program is not opened for
 * writing or truncated, a file open for writing is not run), O_NOATIME
 * for owners only, and F_GETLK naming the conflicting lock that starts
 * first.  One line per check; exits 0 when all held.  Built with musl,
 * static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("ufdrules: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

static int
ebadf(long r)
{
	return r == -1 && errno == EBADF;
}

static void
o_path(void)
{
	int fd = open("/tmp/ufdr-f", O_CREAT | O_RDWR | O_TRUNC, 0644);
	int p, d, n;
	struct stat st;
	char c;

	write(fd, "x", 1);
	close(fd);
	p = open("/tmp/ufdr-f", O_PATH);
	d = open("/tmp", O_PATH | O_DIRECTORY);
	check("O_PATH opens", p >= 0 && d >= 0);
	check("read and write of an O_PATH handle are EBADF",
	    ebadf(read(p, &c, 1)) && ebadf(write(p, "y", 1)));
	/* The system calls: musl's fchmod falls back to /proc/self/fd. */
	check("fchmod and fchown of one are EBADF",
	    ebadf(syscall(SYS_fchmod, p, 0600)) &&
	    ebadf(syscall(SYS_fchown, p, 0, 0)));
	check("ioctl of one is EBADF",
	    ebadf(ioctl(p, FIONREAD, &n)));
	check("ftruncate and fsync of one are EBADF",
	    ebadf(ftruncate(p, 0)) && ebadf(fsync(p)));
	check("mmap of one is EBADF",
	    mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, p, 0) == MAP_FAILED &&
	    errno == EBADF);
	check("posix_fadvise of one is EBADF",
	    posix_fadvise(p, 0, 0, POSIX_FADV_NORMAL) == EBADF);
	check("fstat, fcntl(F_GETFL) and dup of one work",
	    fstat(p, &st) == 0 && st.st_size == 1 &&
	    (fcntl(p, F_GETFL) & O_PATH) && (n = dup(p)) >= 0 &&
	    close(n) == 0);
	check("an O_PATH directory serves as a dirfd and for fchdir",
	    faccessat(d, "ufdr-f", R_OK, 0) == 0 && fchdir(d) == 0);
	check("the file is unchanged",
	    stat("/tmp/ufdr-f", &st) == 0 && st.st_size == 1 &&
	    (st.st_mode & 0777) == 0644);
	close(p);
	close(d);
	unlink("/tmp/ufdr-f");
}

static void
text_busy(const char *self)
{
	int in, out, fd, st;
	char buf[65536];
	ssize_t n;
	pid_t pid;

	check("a running program is not opened for writing: ETXTBSY",
	    open("/proc/self/exe", O_WRONLY) == -1 && errno == ETXTBSY);
	check("nor truncated: ETXTBSY",
	    truncate("/proc/self/exe", 0) == -1 && errno == ETXTBSY);
	check("but opened for reading",
	    (fd = open("/proc/self/exe", O_RDONLY)) >= 0 && close(fd) == 0);
	/* A copy of ourselves, still open for writing, is not run. */
	in = open(self, O_RDONLY);
	out = open("/tmp/ufdr-copy", O_CREAT | O_WRONLY | O_TRUNC, 0755);
	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		write(out, buf, (size_t)n);
	close(in);
	pid = fork();
	if (pid == 0) {
		execl("/tmp/ufdr-copy", "ufdrules", "child", (char *)NULL);
		_exit(errno == ETXTBSY ? 42 : 43);
	}
	check("a file open for writing is not run: ETXTBSY",
	    pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 42);
	close(out);
	pid = fork();
	if (pid == 0) {
		execl("/tmp/ufdr-copy", "ufdrules", "child", (char *)NULL);
		_exit(43);
	}
	check("once closed it runs",
	    pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 7);
	unlink("/tmp/ufdr-copy");
}

static void
noatime(void)
{
	int fd = open("/tmp/ufdr-n", O_CREAT | O_RDWR | O_TRUNC, 0666);
	int st;
	pid_t pid;

	close(fd);
	check("O_NOATIME by the owner",
	    (fd = open("/tmp/ufdr-n", O_RDONLY | O_NOATIME)) >= 0 &&
	    close(fd) == 0);
	pid = fork();
	if (pid == 0) {
		if (setgid(1000) != 0 || setuid(1000) != 0)
			_exit(1);
		if (open("/tmp/ufdr-n", O_RDONLY | O_NOATIME) != -1 ||
		    errno != EPERM)
			_exit(2);
		_exit(open("/tmp/ufdr-n", O_RDONLY) >= 0 ? 0 : 3);
	}
	check("O_NOATIME by another user: EPERM (plain open works)",
	    pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	unlink("/tmp/ufdr-n");
}

static void
getlk(void)
{
	int fd = open("/tmp/ufdr-l", O_CREAT | O_RDWR | O_TRUNC, 0644);
	struct flock w = { .l_type = F_WRLCK, .l_start = 10, .l_len = 5 };
	struct flock r = { .l_type = F_RDLCK, .l_start = 1, .l_len = 5 };
	int p[2], st;
	pid_t pid;

	pipe(p);
	check("a write lock at 10 and a read lock at 1",
	    fcntl(fd, F_SETLK, &w) == 0 && fcntl(fd, F_SETLK, &r) == 0);
	pid = fork();
	if (pid == 0) {
		struct flock q = { .l_type = F_WRLCK, .l_start = 0,
		    .l_len = 0 };

		if (fcntl(fd, F_GETLK, &q) != 0)
			_exit(1);
		write(p[1], &q, sizeof(q));
		_exit(0);
	}
	waitpid(pid, &st, 0);
	read(p[0], &r, sizeof(r));
	check("F_GETLK of the whole file names the lock starting first",
	    r.l_type == F_RDLCK && r.l_start == 1 && r.l_len == 5 &&
	    r.l_pid == getpid());
	close(fd);
	unlink("/tmp/ufdr-l");
}

/* execve with no arguments at all: the program sees argc 1, "". */
static void
empty_argv(void)
{
	char *const none[] = { NULL };
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		syscall(SYS_execve, "/proc/self/exe", none, none);
		_exit(43);
	}
	check("execve with an empty argv gives argc 1 and argv[0] \"\"",
	    pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 9);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return 7;
	if (argc == 1 && argv[0] != NULL && argv[0][0] == '\0')
		return 9;
	setvbuf(stdout, NULL, _IONBF, 0);
	mkdir("/tmp", 01777);
	if (access("/proc/self/exe", F_OK) != 0) {	/* a bare initramfs */
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	o_path();
	text_busy("/proc/self/exe");
	noatime();
	getlk();
	empty_argv();
	if (failed == 0)
		printf("ufdrules: done, all checks passed\n");
	else
		printf("ufdrules: done, %d checks FAILED\n", failed);
	return failed != 0;
}
