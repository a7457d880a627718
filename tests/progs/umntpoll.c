/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * /proc/mounts, /proc/self/mounts and /proc/self/mountinfo tell poll and
 * epoll of changes of the mount table, as Linux's: readable always
 * (POLLIN, never POLLOUT); after a mount, an unmount or a remount, once,
 * POLLPRI | POLLERR (the poll that tells it is the one that clears it, so
 * a second poll has nothing, and neither has a file opened after the
 * change); epoll watching EPOLLPRI wakes for a change made by another
 * process while it sleeps, and poll(2) sleeping on the file too.
 * mountinfo's line of a mount: its root, type, source, options (after a
 * remount too), st_dev as major:minor and its parent mount (the one of
 * "/").  Static, with the C library, so it runs on the host (as root, in
 * a mount namespace of its own) as the reference.  Prints one line per
 * check and exits 0 if all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#define MNT	"/tmp/umntpoll"

static int failed;

static void
check(const char *what, int ok)
{
	printf("umntpoll: %s %s\n", ok ? "ok" : "FAILED", what);
	fflush(stdout);
	if (!ok)
		failed = 1;
}

/* poll(2) of fd now, for everything: its revents (-1 on failure). */
static int
revents(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLPRI | POLLOUT };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

#define CHANGED	(POLLPRI | POLLERR)

static void
test_poll(void)
{
	int fd = open("/proc/mounts", O_RDONLY), sfd, late, r;
	char buf[256];

	sfd = open("/proc/self/mounts", O_RDONLY);
	check("open /proc/mounts and /proc/self/mounts", fd >= 0 && sfd >= 0);
	r = revents(fd);
	check("unchanged: POLLIN only", r == POLLIN);
	check("mount a tmpfs", mount("none", MNT, "tmpfs", 0, NULL) == 0);
	r = revents(fd);
	check("after a mount: POLLIN|POLLPRI|POLLERR", r == (POLLIN | CHANGED));
	r = revents(fd);
	check("polled again: POLLIN only (told once)", r == POLLIN);
	r = revents(sfd);
	check("/proc/self/mounts after it: POLLPRI|POLLERR",
	    r == (POLLIN | CHANGED));
	late = open("/proc/mounts", O_RDONLY);
	check("a file opened after the change: POLLIN only",
	    revents(late) == POLLIN);
	check("remount it read-only", mount("none", MNT, "tmpfs",
	    MS_REMOUNT | MS_RDONLY, NULL) == 0);
	check("after a remount: POLLPRI|POLLERR",
	    revents(late) == (POLLIN | CHANGED));
	check("unmount it", umount(MNT) == 0);
	check("after an unmount: POLLPRI|POLLERR",
	    revents(fd) == (POLLIN | CHANGED));
	/* Reading does not clear it; the poll does. */
	check("mount again", mount("none", MNT, "tmpfs", 0, NULL) == 0);
	check("umount again", umount(MNT) == 0);
	while (read(sfd, buf, sizeof(buf)) > 0)
		;
	check("two changes, read to the end: told once",
	    revents(sfd) == (POLLIN | CHANGED) && revents(sfd) == POLLIN);
	close(late);
	close(sfd);
	close(fd);
}

/* One line of /proc/self/mountinfo, split. */
struct mi {
	unsigned int	id, parent, major, minor;
	char		root[256], point[256], opts[256], type[64], source[64];
};

/*
 * The line whose mount point is point (the last, if stacked), or with
 * point NULL the one of mount out->id, into out: 0, or -1 if none.
 */
static int
mi_find(const char *point, struct mi *out)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char line[1024], *dash;
	struct mi m;
	int found = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%u %u %u:%u %255s %255s %255s", &m.id,
		    &m.parent, &m.major, &m.minor, m.root, m.point,
		    m.opts) != 7 || (dash = strstr(line, " - ")) == NULL ||
		    sscanf(dash + 3, "%63s %63s", m.type, m.source) != 2)
			continue;
		if (point == NULL ? m.id == out->id :
		    strcmp(m.point, point) == 0) {
			*out = m;
			found = 0;
		}
	}
	fclose(f);
	return found;
}

static void
test_mountinfo(void)
{
	int fd = open("/proc/self/mountinfo", O_RDONLY);
	struct mi m, up;
	struct stat st;

	check("open /proc/self/mountinfo", fd >= 0);
	check("mountinfo unchanged: POLLIN only", revents(fd) == POLLIN);
	check("mount a tmpfs", mount("none", MNT, "tmpfs", MS_NOSUID, NULL)
	    == 0);
	check("mountinfo after a mount: POLLIN|POLLPRI|POLLERR",
	    revents(fd) == (POLLIN | CHANGED));
	check("mountinfo has its line", mi_find(MNT, &m) == 0);
	check("its root is /, its type tmpfs, its source none",
	    strcmp(m.root, "/") == 0 && strcmp(m.type, "tmpfs") == 0 &&
	    strcmp(m.source, "none") == 0);
	check("its options: rw,nosuid...",
	    strncmp(m.opts, "rw,nosuid", 9) == 0);
	check("its major:minor is stat's st_dev", stat(MNT, &st) == 0 &&
	    m.major == major(st.st_dev) && m.minor == minor(st.st_dev));
	up.id = m.parent;
	check("its parent is another mount, the one of / (holding /tmp)",
	    m.parent != m.id && mi_find(NULL, &up) == 0 &&
	    strcmp(up.point, "/") == 0);
	check("remount it read-only", mount("none", MNT, "tmpfs",
	    MS_REMOUNT | MS_RDONLY, NULL) == 0);
	check("its options now: ro...", mi_find(MNT, &m) == 0 &&
	    strncmp(m.opts, "ro", 2) == 0);
	check("unmount it", umount(MNT) == 0);
	check("mountinfo after the unmount: POLLPRI|POLLERR, once",
	    revents(fd) == (POLLIN | CHANGED) && revents(fd) == POLLIN);
	check("its line is gone", mi_find(MNT, &m) != 0);
	close(fd);
}

/* A child mounts (then unmounts) while the parent sleeps in epoll_wait
 * or in poll. */
static void
test_sleepers(void)
{
	int fd = open("/proc/mounts", O_RDONLY), ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLPRI, .data.u32 = 7 };
	struct pollfd p = { .fd = fd, .events = POLLPRI };
	int pipefd[2], n, status;
	pid_t pid;
	char c;

	check("epoll_ctl ADD /proc/mounts EPOLLPRI",
	    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0);
	check("nothing yet", epoll_wait(ep, &ev, 1, 0) == 0);
	check("pipe", pipe(pipefd) == 0);
	pid = fork();
	if (pid == 0) {
		/* Wait for the parent's word, then mount; then unmount. */
		if (read(pipefd[0], &c, 1) != 1 ||
		    mount("none", MNT, "tmpfs", 0, NULL) != 0)
			_exit(1);
		if (read(pipefd[0], &c, 1) != 1 || umount(MNT) != 0)
			_exit(2);
		_exit(0);
	}
	check("go", write(pipefd[1], "m", 1) == 1);
	n = epoll_wait(ep, &ev, 1, 10000);
	check("epoll_wait woken by a mount: EPOLLPRI|EPOLLERR",
	    n == 1 && ev.data.u32 == 7 &&
	    ev.events == (EPOLLPRI | EPOLLERR));
	check("then nothing", epoll_wait(ep, &ev, 1, 0) == 0);
	check("go", write(pipefd[1], "u", 1) == 1);
	n = poll(&p, 1, 10000);
	check("poll woken by an unmount: POLLPRI|POLLERR",
	    n == 1 && p.revents == CHANGED);
	check("then nothing for epoll either", epoll_wait(ep, &ev, 1, 0) == 0);
	waitpid(pid, &status, 0);
	check("the child mounted and unmounted",
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(pipefd[0]);
	close(pipefd[1]);
	close(ep);
	close(fd);
}

int
main(void)
{
	if (access("/proc/self/stat", R_OK) != 0)	/* init=: not yet */
		mount("proc", "/proc", "proc", 0, NULL);
	mkdir(MNT, 0755);
	test_poll();
	test_sleepers();
	test_mountinfo();
	rmdir(MNT);
	if (failed) {
		printf("umntpoll: some checks FAILED\n");
		return 1;
	}
	printf("umntpoll: done, all checks passed\n");
	return 0;
}
