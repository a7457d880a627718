/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * /proc/mounts and /proc/self/mounts tell poll and epoll of changes of
 * the mount table, as Linux's: readable always (POLLIN, never POLLOUT);
 * after a mount, an unmount or a remount, once, POLLPRI | POLLERR (the
 * poll that tells it is the one that clears it, so a second poll has
 * nothing, and neither has a file opened after the change); epoll
 * watching EPOLLPRI wakes for a change made by another process while it
 * sleeps, and poll(2) sleeping on the file too.  Static, with the C
 * library, so it runs on the host (as root, in a mount namespace of its
 * own) as the reference.  Prints one line per check and exits 0 if all
 * held.
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
	rmdir(MNT);
	if (failed) {
		printf("umntpoll: some checks FAILED\n");
		return 1;
	}
	printf("umntpoll: done, all checks passed\n");
	return 0;
}
