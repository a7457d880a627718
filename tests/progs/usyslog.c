/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * syslog(2) (klogctl) and the kernel message buffer, checked against
 * what Linux does (the same program passes on a Linux host as root): the
 * records' "<level>[seconds] text" form, READ_ALL, CLEAR, READ consuming
 * and then waiting until a signal, the console level and
 * /proc/sys/kernel/printk, the errors, who may do what (READ_ALL for
 * anyone unless kernel.dmesg_restrict), and busybox dmesg printing the
 * messages without their level.  Changed settings are put back.  One
 * line per check; exits 0 when all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed;
static char buf[1 << 20];

static void
check(const char *what, int ok)
{
	printf("usyslog: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

static void
check_err(const char *what, int r, int err)
{
	char line[160];

	snprintf(line, sizeof(line), "%s -> %s (got %d, %s)", what,
	    strerror(err), r, r < 0 ? strerror(errno) : "success");
	check(line, r == -1 && errno == err);
}

static int
read_int_file(const char *path)
{
	FILE *f = fopen(path, "r");
	int v = -1;

	if (f != NULL) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static int
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

static void
on_alarm(int sig)
{
	(void)sig;
}

/* In a child as uid 65534: what may an unprivileged user do? */
static int
as_nobody(int type, int len)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		static char small[4096];

		if (setresuid(65534, 65534, 65534) != 0)
			_exit(100);
		_exit(klogctl(type, small, len) >= 0 ? 0 : errno);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* Is every line of n bytes "<L>[ sec.usec] ..."? */
static int
records_well_formed(const char *p, int n)
{
	int lines = 0;

	for (int i = 0; i < n; ) {
		const char *nl = memchr(p + i, '\n', n - i);
		int len = nl != NULL ? (int)(nl - (p + i)) : n - i;
		char *end;

		if (len < 5 || p[i] != '<' || p[i + 1] < '0' || p[i + 1] > '7' ||
		    p[i + 2] != '>' || p[i + 3] != '[')
			return 0;
		strtoul(p + i + 4, &end, 10);
		if (*end != '.' || end - p > i + len)
			return 0;
		lines++;
		i += len + 1;
	}
	return lines;
}

int
main(void)
{
	struct sigaction sa;
	int n, size, level, restrict0, st;
	int p[2];
	pid_t pid;
	char lvl[16];
	struct utsname u;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (access("/proc/self/exe", F_OK) != 0) {	/* a bare initramfs */
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	size = klogctl(10, NULL, 0);
	check("SIZE_BUFFER is a power of two of at least 4 KiB",
	    size >= 4096 && (size & (size - 1)) == 0);
	n = klogctl(3, buf, sizeof(buf));
	check("READ_ALL returns the messages since boot", n > 0);
	check("... each line is \"<level>[seconds.micro] text\"",
	    n > 0 && records_well_formed(buf, n) > 0);
	check("... and no more than the buffer holds", n <= size);
	check("READ_ALL with length 0 -> 0", klogctl(3, buf, 0) == 0);
	check_err("READ_ALL of a NULL buffer", klogctl(3, NULL, 10), EINVAL);
	check_err("READ_ALL of length -1", klogctl(3, buf, -1), EINVAL);
	check_err("READ_ALL into an unmapped buffer",
	    klogctl(3, (char *)8, 4096), EFAULT);
	check_err("an unknown action", klogctl(100, buf, 0), EINVAL);
	check_err("CONSOLE_LEVEL 0", klogctl(8, NULL, 0), EINVAL);
	check_err("CONSOLE_LEVEL 9", klogctl(8, NULL, 9), EINVAL);
	check("OPEN and CLOSE -> 0",
	    klogctl(1, NULL, 0) == 0 && klogctl(0, NULL, 0) == 0);

	/* The console level, seen in /proc/sys/kernel/printk. */
	level = read_int_file("/proc/sys/kernel/printk");
	check("/proc/sys/kernel/printk starts with the console level",
	    level >= 1 && level <= 8);
	check("CONSOLE_LEVEL 5", klogctl(8, NULL, 5) == 0);
	check("... printk says 5", read_int_file("/proc/sys/kernel/printk") ==
	    5);
	check("CONSOLE_OFF", klogctl(6, NULL, 0) == 0);
	check("... printk says 1 (the minimum)",
	    read_int_file("/proc/sys/kernel/printk") == 1);
	check("CONSOLE_ON", klogctl(7, NULL, 0) == 0);
	check("... printk says 5 again",
	    read_int_file("/proc/sys/kernel/printk") == 5);
	klogctl(8, NULL, level > 0 ? level : 7);
	check("writing \"6\" to printk sets the console level only",
	    write_file("/proc/sys/kernel/printk", "6\n") == 0 &&
	    read_int_file("/proc/sys/kernel/printk") == 6);
	check("writing \"x\" to printk is refused",
	    write_file("/proc/sys/kernel/printk", "x\n") != 0);
	snprintf(lvl, sizeof(lvl), "%d\n", level > 0 ? level : 7);
	write_file("/proc/sys/kernel/printk", lvl);
	check("... and the old level is back",
	    read_int_file("/proc/sys/kernel/printk") == (level > 0 ? level : 7));

	/* READ consumes: SIZE_UNREAD goes to 0, then READ waits. */
	n = klogctl(9, NULL, 0);
	check("SIZE_UNREAD >= 0", n >= 0);
	while (klogctl(9, NULL, 0) > 0 && klogctl(2, buf, sizeof(buf)) > 0)
		;
	check("READ until nothing is left: SIZE_UNREAD 0",
	    klogctl(9, NULL, 0) == 0);
	check("READ of length 0 -> 0 at once", klogctl(2, buf, 0) == 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;		/* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	check_err("READ with nothing to read waits until a signal",
	    klogctl(2, buf, sizeof(buf)), EINTR);
	alarm(0);
	check("... READ_ALL still returns the messages",
	    klogctl(3, buf, sizeof(buf)) > 0);

	/* Who may: READ_ALL anyone, unless dmesg_restrict. */
	restrict0 = read_int_file("/proc/sys/kernel/dmesg_restrict");
	check("/proc/sys/kernel/dmesg_restrict is 0 or 1",
	    restrict0 == 0 || restrict0 == 1);
	check("dmesg_restrict 0 is taken", write_file(
	    "/proc/sys/kernel/dmesg_restrict", "0\n") == 0);
	check("dmesg_restrict 2 is refused", write_file(
	    "/proc/sys/kernel/dmesg_restrict", "2\n") != 0);
	check("nobody: READ_ALL allowed", as_nobody(3, 100) == 0);
	check("nobody: SIZE_BUFFER allowed", as_nobody(10, 0) == 0);
	check("nobody: READ -> EPERM", as_nobody(2, 100) == EPERM);
	check("nobody: CLEAR -> EPERM", as_nobody(5, 0) == EPERM);
	check("nobody: CONSOLE_LEVEL -> EPERM", as_nobody(8, 7) == EPERM);
	check("nobody: an unknown action -> EPERM", as_nobody(100, 0) ==
	    EPERM);
	write_file("/proc/sys/kernel/dmesg_restrict", "1\n");
	check("dmesg_restrict 1: nobody's READ_ALL -> EPERM",
	    as_nobody(3, 100) == EPERM);
	check("... root's still works", klogctl(3, buf, 4096) > 0);
	snprintf(lvl, sizeof(lvl), "%d\n", restrict0 == 1 ? 1 : 0);
	write_file("/proc/sys/kernel/dmesg_restrict", lvl);

	/* busybox dmesg: the messages without "<level>". */
	if (access("/bin/busybox", X_OK) == 0 && pipe(p) == 0) {
		static char out[1 << 20];
		ssize_t got, total = 0;

		pid = fork();
		if (pid == 0) {
			dup2(p[1], 1);
			close(p[0]);
			execl("/bin/busybox", "dmesg", (char *)NULL);
			_exit(127);
		}
		close(p[1]);
		while (total < (ssize_t)sizeof(out) - 1 &&
		    (got = read(p[0], out + total,
		    sizeof(out) - 1 - total)) > 0)
			total += got;
		out[total] = '\0';
		close(p[0]);
		check("busybox dmesg exits 0", waitpid(pid, &st, 0) == pid &&
		    WIFEXITED(st) && WEXITSTATUS(st) == 0);
		check("... prints lines starting \"[\" (the level taken off)",
		    total > 0 && out[0] == '[' && strstr(out, "\n<") == NULL);
	}

	/* CLEAR: READ_ALL has nothing older afterwards.  Not on a Linux
	 * host, whose messages are its owner's. */
	if (uname(&u) == 0 && strstr(u.release, "jiny") != NULL) {
		check("CLEAR", klogctl(5, NULL, 0) == 0);
		n = klogctl(3, buf, sizeof(buf));
		check("... READ_ALL after it returns only newer lines "
		    "(here none)", n == 0);
	}
	printf("usyslog: %s\n", failed ? "some checks FAILED" :
	    "done, all checks passed");
	return failed ? 1 : 0;
}
