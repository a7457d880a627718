/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Capabilities, checked against what Linux does (the same program passes
 * as root on a Linux host): capget/capset's rules, what each dropped
 * capability takes away (CAP_CHOWN, CAP_FOWNER, CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH, CAP_KILL, CAP_SETUID), the bounding and ambient
 * sets through prctl, the fix-ups of setuid and setfsuid, exec's rule for
 * root, /proc/self/status, and the owner rules of chmod and chown that
 * ordinary users meet.  Each test runs in a child so that what it drops
 * stays there.  One line per check; exits 0 when all held.  Built with
 * musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct cap_hdr { uint32_t version; int pid; };
struct cap_data { uint32_t eff, prm, inh; };

#define V3		0x20080522
#define V1		0x19980330
#define CAP_CHOWN	0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER	3
#define CAP_FSETID	4
#define CAP_KILL	5
#define CAP_SETUID	7
#define CAP_SETPCAP	8
#define CAP_NET_RAW	13
#define CAP_SYS_ADMIN	21
#define LAST_CAP	40

static int failed;
static const char *dir;
static uint64_t bset;		/* the bounding set at the start */

static void
check(const char *what, int ok)
{
	printf("ucap: %s %s\n", ok ? "ok" : "FAIL", what);
	fflush(stdout);
	if (!ok)
		failed++;
}

static int
capget_(int pid, struct cap_data d[2])
{
	struct cap_hdr h = { V3, pid };

	return (int)syscall(SYS_capget, &h, d);
}

static int
capset_(struct cap_data d[2])
{
	struct cap_hdr h = { V3, 0 };

	return (int)syscall(SYS_capset, &h, d);
}

/* Drop cap from the effective set (and permitted if perm). */
static int
drop(int cap, int perm)
{
	struct cap_data d[2];

	if (capget_(0, d) != 0)
		return -1;
	d[cap / 32].eff &= ~(1u << (cap % 32));
	if (perm)
		d[cap / 32].prm &= ~(1u << (cap % 32));
	return capset_(d);
}

static int
has(int cap)
{
	struct cap_data d[2];

	return capget_(0, d) == 0 && (d[cap / 32].eff >> (cap % 32) & 1);
}

/* Run fn in a child; its checks print there, its failures come back. */
static void
in_child(void (*fn)(void))
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		failed = 0;
		fn();
		exit(failed);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		check("a test child ran to its end", 0);
	else
		failed += WEXITSTATUS(st);
}

static char *
file(const char *name)
{
	static char p[4][256];
	static int n;
	char *s = p[n++ % 4];

	snprintf(s, 256, "%s/%s", dir, name);
	return s;
}

static void
t_get_set(void)
{
	struct cap_data d[2];
	struct cap_hdr h = { 0x12345678, 0 };

	check("root starts with its bounding set effective and permitted",
	    capget_(0, d) == 0 && d[0].eff == (uint32_t)bset &&
	    d[0].prm == (uint32_t)bset && d[1].eff == (uint32_t)(bset >> 32) &&
	    d[0].inh == 0 && (bset >> CAP_NET_RAW & 1));
	check("capget of a bad version is EINVAL and names version 3",
	    syscall(SYS_capget, &h, d) == -1 && errno == EINVAL &&
	    h.version == V3);
	h.version = 0x12345678;
	check("capget of a bad version with no data is 0",
	    syscall(SYS_capget, &h, NULL) == 0 && h.version == V3);
	h.version = V3;
	h.pid = -1;
	check("capget of pid -1 is EINVAL",
	    syscall(SYS_capget, &h, d) == -1 && errno == EINVAL);
	check("capget of our parent works",
	    capget_(getppid(), d) == 0 && d[0].eff == (uint32_t)bset);
	check("capset of another process is EPERM",
	    (h.pid = getppid(), h.version = V3,
	    syscall(SYS_capset, &h, d) == -1 && errno == EPERM));
	check("dropping CAP_NET_RAW from effective",
	    drop(CAP_NET_RAW, 0) == 0 && !has(CAP_NET_RAW));
	capget_(0, d);
	d[0].eff |= 1u << CAP_NET_RAW;
	check("raising it back from permitted", capset_(d) == 0 &&
	    has(CAP_NET_RAW));
	check("dropping it from permitted too", drop(CAP_NET_RAW, 1) == 0);
	capget_(0, d);
	d[0].eff |= 1u << CAP_NET_RAW;
	d[0].prm |= 1u << CAP_NET_RAW;
	check("it cannot come back: EPERM",
	    capset_(d) == -1 && errno == EPERM && !has(CAP_NET_RAW));
	capget_(0, d);
	d[0].eff |= 1u << CAP_NET_RAW;
	check("effective outside permitted is EPERM",
	    capset_(d) == -1 && errno == EPERM);
	{
		struct cap_hdr h1 = { V1, 0 };
		struct cap_data one;

		check("version 1 sees the low 32 bits",
		    syscall(SYS_capget, &h1, &one) == 0 &&
		    one.prm == ((uint32_t)bset & ~(1u << CAP_NET_RAW)));
	}
}

static void
t_status(void)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	unsigned long long eff = 0, bnd = 0;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	if ((p = strstr(buf, "CapEff:\t")) != NULL)
		eff = strtoull(p + 8, NULL, 16);
	if ((p = strstr(buf, "CapBnd:\t")) != NULL)
		bnd = strtoull(p + 8, NULL, 16);
	check("/proc/self/status shows CapEff and CapBnd",
	    eff == (bset & ~(1ULL << CAP_KILL)) && bnd == bset);
	check("/proc/self/status shows Uid",
	    strstr(buf, "Uid:\t0\t0\t0\t0\n") != NULL);
}

static void
t_fs(void)
{
	struct stat st;
	int fd;

	fd = open(file("f0"), O_CREAT | O_WRONLY | O_TRUNC, 0000);
	close(fd);
	check("root opens a mode-0000 file", (fd = open(file("f0"),
	    O_RDWR)) >= 0);
	close(fd);
	check("without CAP_DAC_OVERRIDE it reads but cannot write",
	    drop(CAP_DAC_OVERRIDE, 0) == 0 &&
	    (fd = open(file("f0"), O_RDONLY)) >= 0 && close(fd) == 0 &&
	    open(file("f0"), O_WRONLY) == -1 && errno == EACCES);
	check("without CAP_DAC_READ_SEARCH too it cannot read",
	    drop(CAP_DAC_READ_SEARCH, 0) == 0 &&
	    open(file("f0"), O_RDONLY) == -1 && errno == EACCES);
	check("the owner (root) still may chmod it",
	    chmod(file("f0"), 0600) == 0 &&
	    (fd = open(file("f0"), O_RDWR)) >= 0 && close(fd) == 0);
	check("chown to another user needs CAP_CHOWN",
	    chown(file("f0"), 1000, 1000) == 0 &&
	    drop(CAP_CHOWN, 0) == 0 && chown(file("f0"), 0, 0) == -1 &&
	    errno == EPERM);
	check("chmod of another's file needs CAP_FOWNER",
	    drop(CAP_FOWNER, 0) == 0 && chmod(file("f0"), 0644) == -1 &&
	    errno == EPERM);
	check("the other's file stays as it was",
	    stat(file("f0"), &st) == 0 && st.st_uid == 1000 &&
	    (st.st_mode & 07777) == 0600);
}

static void
t_owner(void)
{
	struct stat st;
	int fd;

	/* An ordinary user owning a file in a directory it may write. */
	fd = open(file("f1"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
	close(fd);
	chown(file("f1"), 1000, 1000);
	check("setresuid to 1000 (CAP_SETUID)",
	    setgroups(0, NULL) == 0 && setresgid(1000, 1000, 1000) == 0 &&
	    setresuid(1000, 1000, 1000) == 0);
	check("leaving uid 0 leaves no capabilities",
	    !has(CAP_CHOWN) && !has(CAP_SETUID) && !has(CAP_KILL));
	check("the owner may chmod, and set-group-id stays for its group",
	    chmod(file("f1"), 02755) == 0 && stat(file("f1"), &st) == 0 &&
	    (st.st_mode & 07777) == 02755);
	check("the owner may not give the file away: EPERM",
	    chown(file("f1"), 1001, -1) == -1 && errno == EPERM);
	check("nor to a group it is not in: EPERM",
	    chown(file("f1"), -1, 1001) == -1 && errno == EPERM);
	check("chown to its own ids is allowed",
	    chown(file("f1"), 1000, 1000) == 0);
	check("chmod of root's file is EPERM",
	    chmod(dir, 0777) == -1 && errno == EPERM);
	check("kill of a root process without CAP_KILL is EPERM",
	    kill(1, 0) == -1 && errno == EPERM);
	check("setuid(0) is EPERM now", setuid(0) == -1 && errno == EPERM);
}

static void
t_fsuid(void)
{
	int fd;

	fd = open(file("f2"), O_CREAT | O_WRONLY | O_TRUNC, 0600);
	close(fd);
	check("setfsuid(1000) drops the file-system capabilities",
	    setfsuid(1000) == 0 && !has(CAP_DAC_OVERRIDE) &&
	    !has(CAP_CHOWN) && has(CAP_KILL) &&
	    open(file("f2"), O_RDONLY) == -1 && errno == EACCES);
	check("setfsuid(0) brings them back",
	    setfsuid(0) == 1000 && has(CAP_DAC_OVERRIDE) &&
	    (fd = open(file("f2"), O_RDONLY)) >= 0 && close(fd) == 0);
	check("seteuid(1000) clears effective, keeps permitted",
	    seteuid(1000) == 0 && !has(CAP_KILL));
	check("seteuid(0) restores effective", seteuid(0) == 0 &&
	    has(CAP_KILL));
}

static void
t_prctl(void)
{
	struct cap_data d[2];

	check("PR_CAPBSET_READ says CAP_SYS_ADMIN is bounded in",
	    prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0) == 1);
	check("PR_CAPBSET_READ of a bad capability is EINVAL",
	    prctl(PR_CAPBSET_READ, LAST_CAP + 1, 0, 0, 0) == -1 &&
	    errno == EINVAL);
	check("PR_CAPBSET_DROP removes it",
	    prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0) == 0 &&
	    prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0) == 0);
	check("PR_CAP_AMBIENT_RAISE needs the capability inheritable",
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_KILL, 0, 0) ==
	    -1 && errno == EPERM);
	capget_(0, d);
	d[0].inh = 1u << CAP_KILL;
	check("with it inheritable the raise works",
	    capset_(d) == 0 &&
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_KILL, 0, 0) == 0 &&
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0, 0) == 1);
	check("PR_CAP_AMBIENT_CLEAR_ALL",
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == 0 &&
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0, 0) == 0);
	check("keep-caps is off, then on",
	    prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0) == 0 &&
	    prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) == 0 &&
	    prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0) == 1);
	check("with keep-caps, setuid keeps permitted, clears effective",
	    setresuid(1000, 1000, 1000) == 0 && !has(CAP_KILL) &&
	    capget_(0, d) == 0 && (d[0].prm >> CAP_KILL & 1));
	d[0].eff = 1u << CAP_KILL;
	check("and effective may be raised from it again",
	    capset_(d) == 0 && has(CAP_KILL));
}

/* exec: root gets its bounding set back; run as "ucap exec-check". */
static void
t_exec(void)
{
	pid_t pid;
	int st;

	drop(CAP_CHOWN, 1);
	prctl(PR_CAPBSET_DROP, CAP_NET_RAW, 0, 0, 0);
	pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", "ucap", "exec-check", (char *)NULL);
		_exit(99);
	}
	check("after exec, root's permitted set is the bounding set",
	    pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
}

static int
exec_check(void)
{
	return has(CAP_CHOWN) && !has(CAP_NET_RAW) ? 0 : 1;
}

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/ucapXXXXXX";

	if (argc > 1 && strcmp(argv[1], "exec-check") == 0)
		return exec_check();
	setvbuf(stdout, NULL, _IONBF, 0);
	for (int c = 0; c <= LAST_CAP; c++)
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) == 1)
			bset |= 1ULL << c;
	if (access("/proc/self/status", R_OK) != 0) {	/* a bare initramfs */
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	mkdir("/tmp", 01777);
	if ((dir = mkdtemp(tmpl)) == NULL) {
		printf("ucap: FAIL mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	chmod(dir, 0777);
	in_child(t_get_set);
	{
		pid_t pid = fork();

		if (pid == 0) {		/* status of a process without CAP_KILL */
			failed = 0;
			drop(CAP_KILL, 0);
			t_status();
			exit(failed);
		}
		int st;
		waitpid(pid, &st, 0);
		failed += WIFEXITED(st) ? WEXITSTATUS(st) : 1;
	}
	in_child(t_fs);
	in_child(t_owner);
	in_child(t_fsuid);
	in_child(t_prctl);
	in_child(t_exec);
	unlink(file("f0"));
	unlink(file("f1"));
	unlink(file("f2"));
	rmdir(dir);
	if (failed == 0)
		printf("ucap: done, all checks passed\n");
	else
		printf("ucap: done, %d checks FAILED\n", failed);
	return failed != 0;
}
