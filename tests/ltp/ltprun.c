/*
 * ltprun: the guest side of `make ltp` (tests/ltp/run.py).  It is /init of
 * a batch initramfs, the same file on Jiny (QEMU and Xen) and on Linux.
 *
 * It reads /ltp/batch: lines "@KEY VALUE" set options (limit: seconds a
 * test may run before its process group is killed; mul: LTP_TIMEOUT_MUL;
 * runtime: LTP_RUNTIME_MUL; out: how many bytes of a failing test's output
 * to print), every other line is a runtest line "NAME COMMAND [ARGS]".
 * For each test it prints
 *	LTPSTART name
 *	LTPRES name verdict seconds status
 * (verdict: pass fail broken skipped hung; status: exit=N, sig=N or
 * timeout), and after the last one "LTPDONE", then powers off.  A test runs
 * in its own session and process group with a clean environment, its
 * output in a file under /tmp, printed (its tail) only when it did not
 * pass or skip.  Being init, it also reaps every orphan.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LTPROOT "/ltp"
#define OUTFILE "/tmp/.ltprun-out"
#define MAXARGS 64

static double limit_s = 300;
static char mul[32] = "1";
static char runtime_mul[32] = "1";
static long out_cap = 2048;

static void
say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	/* One write per line, so lines from the kernel do not split it. */
	(void)!write(1, buf, n);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Mount FS on DIR unless CHECK (a path that exists once it is) exists. */
static void
ensure_mount(const char *type, const char *dir, const char *check)
{
	struct stat st;

	if (check != NULL && stat(check, &st) == 0)
		return;
	mkdir(dir, 0755);
	if (mount(type, dir, type, 0, NULL) != 0)
		say("ltprun: mount -t %s %s: %s\n", type, dir, strerror(errno));
}

/* The loopback interface up, as any distribution's boot does (network
 * tests connect to 127.0.0.1); quietly nothing where there is none. */
static void
loopback_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (s < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0 && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0)
			say("ltprun: lo up: %s\n", strerror(errno));
	}
	close(s);
}

static void
setup(void)
{
	struct stat st;
	int fd;

	/* Linux starts init without a console when the initramfs has no
	 * /dev/console: mount devtmpfs and open it ourselves. */
	if (fcntl(1, F_GETFD) < 0) {
		ensure_mount("devtmpfs", "/dev", "/dev/console");
		fd = open("/dev/console", O_RDWR | O_NOCTTY);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	ensure_mount("devtmpfs", "/dev", "/dev/null");
	ensure_mount("proc", "/proc", "/proc/self");
	/* /sys as on any distribution (LTP reads /sys/block/loopN). */
	ensure_mount("sysfs", "/sys", "/sys/kernel");
	/* A fresh tmpfs each for /dev/shm and /tmp (LTP's results file and
	 * its temporary directories). */
	mkdir("/dev/shm", 01777);
	if (mount("tmpfs", "/dev/shm", "tmpfs", 0, NULL) != 0)
		say("ltprun: mount -t tmpfs /dev/shm: %s\n", strerror(errno));
	mkdir("/tmp", 01777);
	if (mount("tmpfs", "/tmp", "tmpfs", 0, NULL) != 0)
		say("ltprun: mount -t tmpfs /tmp: %s\n", strerror(errno));
	chmod("/tmp", 01777);
	chmod("/dev/shm", 01777);
	if (stat("/tmp", &st) != 0)
		say("ltprun: no /tmp: %s\n", strerror(errno));
	loopback_up();
}

/* Split LINE in place at blanks into ARGV; returns the count. */
static int
split(char *line, char **argv, int max)
{
	int n = 0;
	char *save = NULL;

	for (char *w = strtok_r(line, " \t", &save); w != NULL && n < max - 1;
	    w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	argv[n] = NULL;
	return n;
}

static void
child(char **argv)
{
	static char env_mul[64], env_rt[64];
	char *envp[] = {
		"LTPROOT=" LTPROOT, "TMPDIR=/tmp",
		"PATH=" LTPROOT "/testcases/bin:/bin:/sbin:/usr/bin:/usr/sbin",
		"HOME=/root", "TERM=dumb", "LTP_COLORIZE_OUTPUT=0",
		env_mul, env_rt, NULL };
	int fd;

	snprintf(env_mul, sizeof(env_mul), "LTP_TIMEOUT_MUL=%s", mul);
	snprintf(env_rt, sizeof(env_rt), "LTP_RUNTIME_MUL=%s", runtime_mul);
	setsid();
	signal(SIGPIPE, SIG_DFL);
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0 && fd != 0) {
		dup2(fd, 0);
		close(fd);
	}
	fd = open(OUTFILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	if (chdir("/tmp") != 0)
		(void)!chdir("/");
	/* execvp searches the PATH of our own environment: make it the
	 * test's. */
	clearenv();
	for (char **e = envp; *e != NULL; e++)
		putenv(*e);
	execvp(argv[0], argv);
	dprintf(2, "ltprun: exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* The tail of the test's output, each line indented. */
static void
show_output(void)
{
	static char buf[65536];
	long off = 0, n;
	int fd = open(OUTFILE, O_RDONLY);
	struct stat st;
	char *p, *e;

	if (fd < 0 || out_cap <= 0)
		goto out;
	if (fstat(fd, &st) == 0 && st.st_size > out_cap)
		off = st.st_size - out_cap;
	if (lseek(fd, off, SEEK_SET) < 0)
		goto out;
	n = read(fd, buf, out_cap < (long)sizeof(buf) - 1 ?
	    out_cap : (long)sizeof(buf) - 1);
	if (n <= 0)
		goto out;
	buf[n] = '\0';
	p = buf;
	if (off > 0) {
		say("  | [...]\n");
		if ((e = strchr(p, '\n')) != NULL)
			p = e + 1;
	}
	for (; *p != '\0'; p = e + 1) {
		e = strchr(p, '\n');
		if (e != NULL)
			*e = '\0';
		say("  | %.400s\n", p);
		if (e == NULL)
			break;
	}
out:
	if (fd >= 0)
		close(fd);
}

/* LTP's exit status is a mask of result kinds: TFAIL 1, TBROK 2,
 * TWARN 4, TCONF 32. */
static const char *
verdict(int status)
{
	int code;

	if (WIFSIGNALED(status))
		return "broken";
	code = WEXITSTATUS(status);
	if (code == 0)
		return "pass";
	if (code & 2)
		return "broken";
	if (code & 1)
		return "fail";
	if (code & 4)
		return "broken";
	if (code == 32)
		return "skipped";
	return "broken";
}

static void
run_one(char *line)
{
	char *argv[MAXARGS], name[128], st_text[32];
	const char *v;
	double t0, t;
	pid_t pid, w;
	int status = 0, done = 0, timed_out = 0;

	if (split(line, argv, MAXARGS) < 2)
		return;
	snprintf(name, sizeof(name), "%s", argv[0]);
	say("LTPSTART %s\n", name);
	t0 = now();
	pid = fork();
	if (pid < 0) {
		say("LTPRES %s broken 0.0 fork-errno=%d\n", name, errno);
		return;
	}
	if (pid == 0)
		child(argv + 1);
	/* The child makes its own session and group (setsid); a parent's
	 * setpgid here would make setsid fail. */
	for (;;) {
		while ((w = waitpid(-1, &status, WNOHANG)) > 0)
			if (w == pid) {
				done = 1;
				break;
			}
		if (done)
			break;
		t = now() - t0;
		if (!timed_out && t > limit_s) {
			timed_out = 1;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		} else if (timed_out && t > limit_s + 30) {
			/* It does not die: the kernel is stuck; go on. */
			break;
		}
		nap(t < 2 ? 20 : 100);
	}
	t = now() - t0;
	/* Whatever the test left in its group goes too. */
	kill(-pid, SIGKILL);
	if (timed_out) {
		v = "hung";
		snprintf(st_text, sizeof(st_text), "timeout");
	} else {
		v = verdict(status);
		if (WIFSIGNALED(status))
			snprintf(st_text, sizeof(st_text), "sig=%d",
			    WTERMSIG(status));
		else
			snprintf(st_text, sizeof(st_text), "exit=%d",
			    WEXITSTATUS(status));
	}
	/* A skipped test's output says which configuration it missed. */
	if (strcmp(v, "pass") != 0)
		show_output();
	say("LTPRES %s %s %.1f %s\n", name, v, t, st_text);
	unlink(OUTFILE);
	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

static void
option(char *line)
{
	char *argv[4];

	if (split(line + 1, argv, 4) != 2)
		return;
	if (strcmp(argv[0], "limit") == 0)
		limit_s = atof(argv[1]);
	else if (strcmp(argv[0], "mul") == 0)
		snprintf(mul, sizeof(mul), "%s", argv[1]);
	else if (strcmp(argv[0], "runtime") == 0)
		snprintf(runtime_mul, sizeof(runtime_mul), "%s", argv[1]);
	else if (strcmp(argv[0], "out") == 0)
		out_cap = atol(argv[1]);
}

int
main(void)
{
	static char line[4096];
	FILE *f;
	size_t n;

	setup();
	signal(SIGPIPE, SIG_IGN);
	f = fopen(LTPROOT "/batch", "r");
	if (f == NULL) {
		say("ltprun: %s/batch: %s\n", LTPROOT, strerror(errno));
	} else {
		say("LTPBOOT\n");
		while (fgets(line, sizeof(line), f) != NULL) {
			n = strlen(line);
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = '\0';
			if (line[0] == '@')
				option(line);
			else if (line[0] != '#' && line[0] != '\0')
				run_one(line);
		}
		fclose(f);
	}
	say("LTPDONE\n");
	sync();
	/* Linux powers off; Jiny has no reboot(2): its init's exit does. */
	reboot(RB_POWER_OFF);
	return 0;
}
