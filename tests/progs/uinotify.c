/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * inotify as programs use it: inotify_init, inotify_init1 and its flags,
 * inotify_add_watch (masks, IN_MASK_ADD, IN_MASK_CREATE, IN_ONLYDIR,
 * IN_DONT_FOLLOW, IN_ONESHOT, IN_EXCL_UNLINK, one wd per inode),
 * inotify_rm_watch and IN_IGNORED; the events of files and directories
 * (access, modify, attrib, open, close, create, delete, moves with their
 * cookie, the self events, unmount); reads (whole records, EINVAL for a
 * buffer too small, coalescing, the overflow event), FIONREAD, poll,
 * select and epoll, a blocked reader woken by another process, and
 * /proc/sys/fs/inotify.  Static, with the C library, so that it runs on
 * the host as the reference.  Prints one line per check and exits 0 if
 * all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define DIR_	"/tmp/uinotify.d"
#define MNT	"/tmp/uinotify.m"
#define MAXEV	64

static int failed;

static void
check(const char *what, int ok)
{
	printf("uinotify: %s %s\n", ok ? "ok" : "FAILED", what);
	fflush(stdout);
	if (!ok)
		failed = 1;
}

/* Did call r fail with errno e? */
static int
err(long r, int e)
{
	return r == -1 && errno == e;
}

struct ev {
	int		 wd;
	uint32_t	 mask, cookie, len;
	char		 name[64];
};

static struct ev evs[MAXEV];
static int nev;

/* Read everything queued on fd (non-blocking) into evs. */
static void
drain(int fd)
{
	static char buf[8192] __attribute__((aligned(8)));
	int fl = fcntl(fd, F_GETFL);
	ssize_t n;

	nev = 0;
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n;) {
			struct inotify_event *e = (void *)(buf + i);

			if (nev < MAXEV) {
				evs[nev].wd = e->wd;
				evs[nev].mask = e->mask;
				evs[nev].cookie = e->cookie;
				evs[nev].len = e->len;
				snprintf(evs[nev].name, sizeof(evs[nev].name),
				    "%s", e->len ? e->name : "");
				nev++;
			}
			i += (ssize_t)sizeof(*e) + e->len;
		}
	}
	fcntl(fd, F_SETFL, fl);
}

/* Is event i (wd, mask, name) what was read? */
static int
is(int i, int wd, uint32_t mask, const char *name)
{
	if (i >= nev) {
		printf("uinotify:   event %d missing (want %x %s)\n", i, mask,
		    name);
		return 0;
	}
	if (evs[i].wd != wd || evs[i].mask != mask ||
	    strcmp(evs[i].name, name) != 0) {
		printf("uinotify:   event %d: wd %d mask %x name '%s' (want "
		    "%d %x '%s')\n", i, evs[i].wd, evs[i].mask, evs[i].name,
		    wd, mask, name);
		return 0;
	}
	return 1;
}

static void
show(void)
{
	for (int i = 0; i < nev; i++)
		printf("uinotify:   got wd %d mask %x cookie %u name '%s'\n",
		    evs[i].wd, evs[i].mask, evs[i].cookie, evs[i].name);
}

static void
touch(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror("write");
		close(fd);
	}
}

static void
test_init(void)
{
	int fd;

	check("inotify_init1 with an unknown flag is EINVAL",
	    err(syscall(SYS_inotify_init1, 1), EINVAL) &&
	    err(syscall(SYS_inotify_init1, O_RDWR), EINVAL));
	fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	check("inotify_init1(IN_CLOEXEC|IN_NONBLOCK)", fd >= 0 &&
	    (fcntl(fd, F_GETFD) & FD_CLOEXEC) &&
	    (fcntl(fd, F_GETFL) & O_NONBLOCK));
	{
		char buf[64];

		check("an empty instance reads EAGAIN without blocking",
		    err(read(fd, buf, sizeof(buf)), EAGAIN));
	}
	close(fd);
	fd = inotify_init();
	check("inotify_init: neither flag", fd >= 0 &&
	    !(fcntl(fd, F_GETFD) & FD_CLOEXEC) &&
	    !(fcntl(fd, F_GETFL) & O_NONBLOCK) &&
	    (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
	check("writing an instance is EBADF (it is open for reading)",
	    err(write(fd, "x", 1), EBADF));
	check("lseek on an instance does nothing",
	    lseek(fd, 5, SEEK_SET) == 0);
	close(fd);
}

static void
test_add_errors(void)
{
	int fd = inotify_init1(IN_NONBLOCK), wd, wd2, pfd[2];

	touch(DIR_ "/f", "hello");
	check("add_watch: bad descriptor is EBADF",
	    err(inotify_add_watch(-1, DIR_, IN_ALL_EVENTS), EBADF) &&
	    err(inotify_add_watch(999, DIR_, IN_ALL_EVENTS), EBADF));
	if (pipe(pfd) == 0) {
		check("add_watch: not an instance is EINVAL",
		    err(inotify_add_watch(pfd[0], DIR_, IN_ALL_EVENTS),
		    EINVAL));
		check("rm_watch: not an instance is EINVAL",
		    err(inotify_rm_watch(pfd[0], 1), EINVAL));
		close(pfd[0]);
		close(pfd[1]);
	}
	check("add_watch: an empty mask is EINVAL",
	    err(inotify_add_watch(fd, DIR_, 0), EINVAL));
	check("add_watch: a missing path is ENOENT",
	    err(inotify_add_watch(fd, DIR_ "/nope", IN_ALL_EVENTS), ENOENT));
	check("add_watch: a bad path pointer is EFAULT",
	    err(syscall(SYS_inotify_add_watch, fd, (void *)8, IN_MODIFY),
	    EFAULT));
	check("add_watch: IN_ONLYDIR on a file is ENOTDIR",
	    err(inotify_add_watch(fd, DIR_ "/f", IN_MODIFY | IN_ONLYDIR),
	    ENOTDIR));
	check("add_watch: IN_MASK_ADD with IN_MASK_CREATE is EINVAL",
	    err(inotify_add_watch(fd, DIR_ "/f", IN_MODIFY | IN_MASK_ADD |
	    IN_MASK_CREATE), EINVAL));
	wd = inotify_add_watch(fd, DIR_ "/f", IN_MODIFY | IN_MASK_CREATE);
	check("add_watch: IN_MASK_CREATE on a new watch", wd >= 1);
	check("add_watch: IN_MASK_CREATE on a watched inode is EEXIST",
	    err(inotify_add_watch(fd, DIR_ "/f", IN_ACCESS | IN_MASK_CREATE),
	    EEXIST));
	link(DIR_ "/f", DIR_ "/f2");
	wd2 = inotify_add_watch(fd, DIR_ "/f2", IN_ATTRIB);
	check("add_watch: another name of the inode gives the same wd",
	    wd2 == wd);
	symlink("f", DIR_ "/ln");
	wd2 = inotify_add_watch(fd, DIR_ "/ln", IN_ATTRIB);
	check("add_watch: a symbolic link is followed", wd2 == wd);
	wd2 = inotify_add_watch(fd, DIR_ "/ln", IN_ATTRIB | IN_DONT_FOLLOW);
	check("add_watch: IN_DONT_FOLLOW watches the link itself",
	    wd2 >= 1 && wd2 != wd);
	{
		char path[64], text[512] = "";
		unsigned int m = 0;
		int pf, got = 0;
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
		if ((pf = open(path, O_RDONLY)) >= 0) {
			n = read(pf, text, sizeof(text) - 1);
			text[n > 0 ? n : 0] = '\0';
			close(pf);
		}
		for (char *l = text; l != NULL && *l != '\0';) {
			unsigned int w, mm;

			if (sscanf(l, "inotify wd:%x ino:%*x sdev:%*x mask:%x",
			    &w, &mm) == 2 && (int)w == wd2) {
				got = 1;
				m = mm;
			}
			l = strchr(l, '\n');
			l = l != NULL ? l + 1 : NULL;
		}
		check("fdinfo: one line per watch with its mask", got &&
		    m == (IN_ATTRIB));
	}
	check("add_watch: IN_ONLYDIR on a directory",
	    inotify_add_watch(fd, DIR_, IN_CREATE | IN_ONLYDIR) > wd2);
	check("rm_watch: an unknown wd is EINVAL",
	    err(inotify_rm_watch(fd, 12345), EINVAL) &&
	    err(inotify_rm_watch(fd, -1), EINVAL));
	check("rm_watch: a watch", inotify_rm_watch(fd, wd2) == 0);
	drain(fd);
	check("rm_watch: IN_IGNORED is queued", nev == 1 &&
	    is(0, wd2, IN_IGNORED, ""));
	check("rm_watch: twice is EINVAL", err(inotify_rm_watch(fd, wd2),
	    EINVAL));
	check("add_watch: wds are not reused at once",
	    inotify_add_watch(fd, DIR_ "/ln", IN_ATTRIB | IN_DONT_FOLLOW) >
	    wd2);
	unlink(DIR_ "/ln");
	unlink(DIR_ "/f2");
	close(fd);
}

static void
test_file_events(void)
{
	int fd = inotify_init(), wd, f, n;
	char buf[64];

	touch(DIR_ "/f", "hello");
	wd = inotify_add_watch(fd, DIR_ "/f", IN_ALL_EVENTS);
	chmod(DIR_ "/f", 0600);
	f = open(DIR_ "/f", O_RDONLY);
	n = (int)read(f, buf, sizeof(buf));
	read(f, buf, sizeof(buf));		/* at the end: no event */
	close(f);
	f = open(DIR_ "/f", O_RDWR);
	write(f, "ab", 2);
	write(f, "cd", 2);			/* coalesced */
	close(f);
	truncate(DIR_ "/f", 1);
	f = open(DIR_ "/f", O_WRONLY | O_TRUNC);
	close(f);
	drain(fd);
	show();
	check("file: read of 5 bytes", n == 5);
	check("file: IN_ATTRIB for chmod", is(0, wd, IN_ATTRIB, ""));
	check("file: IN_OPEN, IN_ACCESS, IN_CLOSE_NOWRITE",
	    is(1, wd, IN_OPEN, "") && is(2, wd, IN_ACCESS, "") &&
	    is(3, wd, IN_CLOSE_NOWRITE, ""));
	check("file: IN_OPEN, IN_MODIFY once, IN_CLOSE_WRITE",
	    is(4, wd, IN_OPEN, "") && is(5, wd, IN_MODIFY, "") &&
	    is(6, wd, IN_CLOSE_WRITE, ""));
	check("file: IN_MODIFY for truncate", is(7, wd, IN_MODIFY, ""));
	check("file: O_TRUNC is IN_OPEN then IN_MODIFY",
	    is(8, wd, IN_OPEN, "") && is(9, wd, IN_MODIFY, "") &&
	    is(10, wd, IN_CLOSE_WRITE, "") && nev == 11);
	check("file: no cookies", evs[0].cookie == 0 && evs[5].cookie == 0);

	/* Masks: replace, add, one-shot. */
	inotify_add_watch(fd, DIR_ "/f", IN_ATTRIB);
	touch(DIR_ "/f", "x");
	chmod(DIR_ "/f", 0644);
	drain(fd);
	check("mask: a new mask replaces the old", nev == 1 &&
	    is(0, wd, IN_ATTRIB, ""));
	inotify_add_watch(fd, DIR_ "/f", IN_MODIFY | IN_MASK_ADD);
	truncate(DIR_ "/f", 0);
	chmod(DIR_ "/f", 0600);
	drain(fd);
	check("mask: IN_MASK_ADD adds", nev == 2 && is(0, wd, IN_MODIFY, "")
	    && is(1, wd, IN_ATTRIB, ""));
	wd = inotify_add_watch(fd, DIR_ "/f", IN_ATTRIB | IN_ONESHOT);
	chmod(DIR_ "/f", 0644);
	chmod(DIR_ "/f", 0600);
	drain(fd);
	check("mask: IN_ONESHOT reports once, then IN_IGNORED", nev == 2 &&
	    is(0, wd, IN_ATTRIB, "") && is(1, wd, IN_IGNORED, ""));
	check("mask: the one-shot watch is gone",
	    err(inotify_rm_watch(fd, wd), EINVAL));
	close(fd);
}

static void
test_dir_events(void)
{
	int fd = inotify_init(), wd, f;
	uint32_t cookie;

	wd = inotify_add_watch(fd, DIR_, IN_ALL_EVENTS);
	chmod(DIR_, 0755);
	f = open(DIR_ "/new", O_CREAT | O_WRONLY, 0644);
	write(f, "1", 1);
	close(f);
	mkdir(DIR_ "/sub", 0755);
	rename(DIR_ "/new", DIR_ "/new2");
	symlink("new2", DIR_ "/sl");
	link(DIR_ "/new2", DIR_ "/hl");
	unlink(DIR_ "/sl");
	unlink(DIR_ "/hl");
	unlink(DIR_ "/new2");
	rmdir(DIR_ "/sub");
	drain(fd);
	show();
	check("dir: IN_ATTRIB|IN_ISDIR on itself",
	    is(0, wd, IN_ATTRIB | IN_ISDIR, ""));
	check("dir: create, open, modify, close of a child by name",
	    is(1, wd, IN_CREATE, "new") && is(2, wd, IN_OPEN, "new") &&
	    is(3, wd, IN_MODIFY, "new") && is(4, wd, IN_CLOSE_WRITE, "new"));
	check("dir: mkdir is IN_CREATE|IN_ISDIR",
	    is(5, wd, IN_CREATE | IN_ISDIR, "sub"));
	cookie = nev > 7 ? evs[6].cookie : 0;
	check("dir: rename is IN_MOVED_FROM, IN_MOVED_TO, one cookie",
	    is(6, wd, IN_MOVED_FROM, "new") && is(7, wd, IN_MOVED_TO, "new2")
	    && cookie != 0 && evs[7].cookie == cookie);
	check("dir: symlink and link are IN_CREATE",
	    is(8, wd, IN_CREATE, "sl") && is(9, wd, IN_CREATE, "hl"));
	check("dir: unlink is IN_DELETE", is(10, wd, IN_DELETE, "sl") &&
	    is(11, wd, IN_DELETE, "hl") && is(12, wd, IN_DELETE, "new2"));
	check("dir: rmdir is IN_DELETE|IN_ISDIR",
	    is(13, wd, IN_DELETE | IN_ISDIR, "sub") && nev == 14);
	check("dir: name lengths are padded to 16",
	    nev > 1 && evs[1].len == 16);

	/* Listing a directory: open, access, close, all IN_ISDIR. */
	{
		char dbuf[1024];
		int d = open(DIR_, O_RDONLY | O_DIRECTORY);

		while (syscall(SYS_getdents64, d, dbuf, sizeof(dbuf)) > 0)
			;
		close(d);
		drain(fd);
		check("dir: getdents is IN_OPEN, IN_ACCESS (coalesced), "
		    "IN_CLOSE_NOWRITE, with IN_ISDIR", nev == 3 &&
		    is(0, wd, IN_OPEN | IN_ISDIR, "") &&
		    is(1, wd, IN_ACCESS | IN_ISDIR, "") &&
		    is(2, wd, IN_CLOSE_NOWRITE | IN_ISDIR, ""));
	}

	/* A second directory: a move across directories. */
	mkdir(DIR_ "/a", 0755);
	mkdir(DIR_ "/b", 0755);
	touch(DIR_ "/a/x", "");
	drain(fd);
	{
		int wa = inotify_add_watch(fd, DIR_ "/a", IN_MOVE |
		    IN_MOVE_SELF | IN_DELETE_SELF);
		int wb = inotify_add_watch(fd, DIR_ "/b", IN_MOVE);
		int wx = inotify_add_watch(fd, DIR_ "/a/x", IN_MOVE_SELF);

		rename(DIR_ "/a/x", DIR_ "/b/y");
		drain(fd);
		show();
		check("move: from a to b with one cookie, then IN_MOVE_SELF",
		    nev == 3 && is(0, wa, IN_MOVED_FROM, "x") &&
		    is(1, wb, IN_MOVED_TO, "y") && evs[0].cookie != 0 &&
		    evs[0].cookie == evs[1].cookie &&
		    is(2, wx, IN_MOVE_SELF, ""));
		rename(DIR_ "/a", DIR_ "/c");
		drain(fd);
		show();
		check("move: a watched directory renamed: IN_MOVED_FROM|ISDIR"
		    " and TO in the parent, IN_MOVE_SELF", nev == 3 &&
		    is(0, wd, IN_MOVED_FROM | IN_ISDIR, "a") &&
		    is(1, wd, IN_MOVED_TO | IN_ISDIR, "c") &&
		    is(2, wa, IN_MOVE_SELF, ""));
		unlink(DIR_ "/b/y");
		rmdir(DIR_ "/b");
		rmdir(DIR_ "/c");
		drain(fd);
		show();
		check("rmdir: IN_IGNORED alone for a mask without "
		    "IN_DELETE_SELF, before the parent's IN_DELETE",
		    nev == 6 && is(0, wx, IN_IGNORED, "") &&
		    is(1, wb, IN_IGNORED, "") &&
		    is(2, wd, IN_DELETE | IN_ISDIR, "b"));
		check("rmdir: IN_DELETE_SELF (no IN_ISDIR), IN_IGNORED, then "
		    "the parent's IN_DELETE", is(3, wa, IN_DELETE_SELF, "") &&
		    is(4, wa, IN_IGNORED, "") &&
		    is(5, wd, IN_DELETE | IN_ISDIR, "c"));
	}
	close(fd);
}

static void
test_delete_self(void)
{
	int fd = inotify_init(), wd, f;

	touch(DIR_ "/g", "g");
	wd = inotify_add_watch(fd, DIR_ "/g", IN_ALL_EVENTS);
	unlink(DIR_ "/g");
	drain(fd);
	show();
	check("unlink: IN_ATTRIB, IN_DELETE_SELF, IN_IGNORED", nev == 3 &&
	    is(0, wd, IN_ATTRIB, "") && is(1, wd, IN_DELETE_SELF, "") &&
	    is(2, wd, IN_IGNORED, ""));
	touch(DIR_ "/g", "g");
	link(DIR_ "/g", DIR_ "/g2");
	wd = inotify_add_watch(fd, DIR_ "/g", IN_ALL_EVENTS);
	unlink(DIR_ "/g");
	drain(fd);
	check("unlink of one of two names: IN_ATTRIB only", nev == 1 &&
	    is(0, wd, IN_ATTRIB, ""));
	rename(DIR_ "/g2", DIR_ "/g");
	drain(fd);
	check("rename: IN_MOVE_SELF on the file", nev == 1 &&
	    is(0, wd, IN_MOVE_SELF, ""));
	touch(DIR_ "/g3", "");
	rename(DIR_ "/g3", DIR_ "/g");
	drain(fd);
	check("rename over a watched file: IN_ATTRIB, DELETE_SELF, IGNORED",
	    nev == 3 && is(0, wd, IN_ATTRIB, "") &&
	    is(1, wd, IN_DELETE_SELF, "") && is(2, wd, IN_IGNORED, ""));
	unlink(DIR_ "/g");
	check("unlink: the watch is gone", err(inotify_rm_watch(fd, wd),
	    EINVAL));

	/* Open while unlinked: the self event waits for the last close. */
	touch(DIR_ "/g", "g");
	wd = inotify_add_watch(fd, DIR_ "/g", IN_DELETE_SELF | IN_MODIFY);
	f = open(DIR_ "/g", O_RDWR);
	unlink(DIR_ "/g");
	drain(fd);
	check("unlink while open: nothing yet", nev == 0);
	write(f, "z", 1);
	close(f);
	drain(fd);
	show();
	check("unlink while open: IN_MODIFY, then at close DELETE_SELF, "
	    "IGNORED", nev == 3 && is(0, wd, IN_MODIFY, "") &&
	    is(1, wd, IN_DELETE_SELF, "") && is(2, wd, IN_IGNORED, ""));

	/* Directory watches and a child unlinked while open. */
	{
		int wdir = inotify_add_watch(fd, DIR_, IN_MODIFY);
		int wx = inotify_init1(IN_NONBLOCK), wdx;

		wdx = inotify_add_watch(wx, DIR_, IN_MODIFY | IN_EXCL_UNLINK);
		touch(DIR_ "/h", "h");
		drain(fd);
		drain(wx);
		f = open(DIR_ "/h", O_RDWR);
		unlink(DIR_ "/h");
		write(f, "1", 1);
		close(f);
		drain(fd);
		check("unlinked child: still reported to the directory",
		    nev == 1 && is(0, wdir, IN_MODIFY, "h"));
		drain(wx);
		check("unlinked child: IN_EXCL_UNLINK drops it", nev == 0 &&
		    wdx >= 1);
		close(wx);
	}
	close(fd);
}

static void
test_read(void)
{
	int fd = inotify_init1(IN_NONBLOCK), wd, avail = -1, n;
	char buf[256] __attribute__((aligned(8)));
	struct inotify_event *e = (void *)buf;
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	fd_set rs;
	struct timeval tv = { 0, 0 };
	int ep = epoll_create1(0);
	struct epoll_event ee = { .events = EPOLLIN }, got;

	wd = inotify_add_watch(fd, DIR_, IN_CREATE);
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ee);
	check("poll: nothing queued: not readable", poll(&pf, 1, 0) == 0);
	check("epoll: nothing queued: no event",
	    epoll_wait(ep, &got, 1, 0) == 0);
	check("FIONREAD: 0 when empty", ioctl(fd, FIONREAD, &avail) == 0 &&
	    avail == 0);
	touch(DIR_ "/name-of-17-bytes", "");
	touch(DIR_ "/k", "");
	check("poll: readable", poll(&pf, 1, 0) == 1 &&
	    pf.revents == POLLIN);
	FD_ZERO(&rs);
	FD_SET(fd, &rs);
	check("select: readable", select(fd + 1, &rs, NULL, NULL, &tv) == 1);
	check("epoll: EPOLLIN", epoll_wait(ep, &got, 1, 0) == 1 &&
	    got.events == EPOLLIN);
	check("FIONREAD: both records", ioctl(fd, FIONREAD, &avail) == 0 &&
	    avail == 16 + 32 + 16 + 16);
	check("read: a buffer too small for the first record is EINVAL",
	    err(read(fd, buf, 16 + 31), EINVAL) && err(read(fd, buf, 0),
	    EINVAL));
	n = (int)read(fd, buf, 16 + 32 + 16);
	check("read: only whole records", n == 48 && e->wd == wd &&
	    e->mask == IN_CREATE && e->len == 32 &&
	    strcmp(e->name, "name-of-17-bytes") == 0);
	n = (int)read(fd, buf, sizeof(buf));
	check("read: the next record", n == 32 && e->len == 16 &&
	    strcmp(e->name, "k") == 0);
	check("read: then EAGAIN", err(read(fd, buf, sizeof(buf)), EAGAIN));
	unlink(DIR_ "/name-of-17-bytes");
	unlink(DIR_ "/k");
	close(ep);
	close(fd);
}

static void
test_block(void)
{
	int fd = inotify_init(), wd, st = -1;
	char buf[128] __attribute__((aligned(8)));
	struct inotify_event *e = (void *)buf;
	pid_t pid;
	long n;

	touch(DIR_ "/w", "");
	wd = inotify_add_watch(fd, DIR_ "/w", IN_ATTRIB);
	pid = fork();
	if (pid == 0) {
		usleep(200 * 1000);
		chmod(DIR_ "/w", 0600);
		_exit(0);
	}
	n = read(fd, buf, sizeof(buf));
	waitpid(pid, &st, 0);
	check("read: blocks until another process makes an event",
	    n == 16 && e->wd == wd && e->mask == IN_ATTRIB);
	unlink(DIR_ "/w");
	close(fd);
}

static long
sysctl_num(const char *name)
{
	char path[128], buf[32] = "";
	int f;

	snprintf(path, sizeof(path), "/proc/sys/fs/inotify/%s", name);
	if ((f = open(path, O_RDONLY)) < 0)
		return -1;
	if (read(f, buf, sizeof(buf) - 1) < 0)
		buf[0] = '\0';
	close(f);
	return strtol(buf, NULL, 10);
}

static void
test_overflow(void)
{
	long max = sysctl_num("max_queued_events");
	int fd = inotify_init1(IN_NONBLOCK), wd, f, nrec = 0, over = 0;
	int bad = 0, last_over = 0;
	static char buf[4096] __attribute__((aligned(8)));
	ssize_t n;

	check("/proc/sys/fs/inotify: the three limits", max > 0 &&
	    sysctl_num("max_user_instances") > 0 &&
	    sysctl_num("max_user_watches") > 0);
	if (max <= 0 || max > 100000)
		return;
	touch(DIR_ "/o", "o");
	wd = inotify_add_watch(fd, DIR_ "/o", IN_ACCESS | IN_MODIFY);
	f = open(DIR_ "/o", O_RDWR);
	for (long i = 0; i < max + 10; i++) {
		if (i & 1)
			pwrite(f, "o", 1, 0);
		else
			pread(f, buf, 1, 0);
	}
	close(f);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n;) {
			struct inotify_event *e = (void *)(buf + i);

			last_over = 0;
			if (e->mask == IN_Q_OVERFLOW) {
				over++;
				last_over = e->wd == -1 && e->len == 0;
			} else if (e->wd != wd) {
				bad++;
			}
			nrec++;
			i += (ssize_t)sizeof(*e) + e->len;
		}
	}
	check("overflow: max_queued_events records, then one IN_Q_OVERFLOW "
	    "(wd -1)", nrec == max + 1 && over == 1 && last_over && !bad);
	unlink(DIR_ "/o");
	close(fd);
}

static void
test_unmount(void)
{
	int fd = inotify_init(), wd, wr;

	mkdir(MNT, 0755);
	if (mount("tmpfs", MNT, "tmpfs", 0, NULL) != 0) {
		check("unmount: mount tmpfs", 0);
		return;
	}
	touch(MNT "/f", "f");
	wd = inotify_add_watch(fd, MNT "/f", IN_ALL_EVENTS);
	wr = inotify_add_watch(fd, MNT, IN_ALL_EVENTS);
	drain(fd);
	check("unmount: a watch does not keep the mount busy",
	    umount(MNT) == 0);
	drain(fd);
	show();
	check("unmount: IN_UNMOUNT (IN_ISDIR for a directory) then "
	    "IN_IGNORED for each watch", nev == 4 &&
	    ((is(0, wd, IN_UNMOUNT, "") && is(1, wd, IN_IGNORED, "") &&
	    is(2, wr, IN_UNMOUNT | IN_ISDIR, "") &&
	    is(3, wr, IN_IGNORED, "")) || (is(0, wr, IN_UNMOUNT | IN_ISDIR,
	    "") && is(1, wr, IN_IGNORED, "") && is(2, wd, IN_UNMOUNT, "") &&
	    is(3, wd, IN_IGNORED, ""))));
	rmdir(MNT);
	close(fd);
}

int
main(void)
{
	/* As init on Jiny nothing has mounted /proc yet. */
	if (access("/proc/sys/fs", F_OK) != 0)
		mount("proc", "/proc", "proc", 0, NULL);
	mkdir(DIR_, 0755);
	test_init();
	test_add_errors();
	test_file_events();
	test_dir_events();
	test_delete_self();
	test_read();
	test_block();
	test_overflow();
	test_unmount();
	unlink(DIR_ "/f");
	rmdir(DIR_);
	printf(failed ? "uinotify: done, some checks FAILED\n" :
	    "uinotify: done, all checks passed\n");
	return failed;
}
