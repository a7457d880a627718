/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * AF_UNIX sockets from the ring-0 app (built with jiny-cc: its calls go
 * through the call table): a socketpair of each kind, a named listener
 * with connect and accept, a descriptor passed along, the options and
 * poll.  One thread, so nothing here blocks.  Prints one line per check
 * and a summary; exits 0 if every check held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("r0unix: %s %s\n", ok ? "ok" : "FAILED", what);
	failed |= !ok;
}

int
main(void)
{
	struct sockaddr_un a;
	char buf[16], cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { buf, 1 };
	struct msghdr m;
	struct cmsghdr *cm;
	struct pollfd p;
	socklen_t len, olen;
	int sv[2], pp[2], l, c, s, v, fd;

	check("socketpair stream", socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	check("write/read", write(sv[0], "r0", 2) == 2 &&
	    read(sv[1], buf, sizeof(buf)) == 2 && memcmp(buf, "r0", 2) == 0);
	p.fd = sv[1];
	p.events = POLLIN;
	check("poll: nothing to read", poll(&p, 1, 0) == 0);
	check("MSG_DONTWAIT EAGAIN", recv(sv[1], buf, 1, MSG_DONTWAIT) == -1 &&
	    errno == EAGAIN);
	/* A pipe's read end over the pair. */
	pipe(pp);
	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof(cbuf);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &pp[0], sizeof(int));
	buf[0] = 'x';
	check("sendmsg SCM_RIGHTS", sendmsg(sv[0], &m, 0) == 1);
	memset(cbuf, 0, sizeof(cbuf));
	m.msg_controllen = sizeof(cbuf);
	check("recvmsg SCM_RIGHTS", recvmsg(sv[1], &m, 0) == 1 &&
	    (cm = CMSG_FIRSTHDR(&m)) != NULL && cm->cmsg_type == SCM_RIGHTS);
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	check("the passed pipe works", write(pp[1], "P", 1) == 1 &&
	    read(fd, buf, 1) == 1 && buf[0] == 'P');
	close(fd);
	close(pp[0]);
	close(pp[1]);
	close(sv[0]);
	close(sv[1]);
	check("socketpair dgram", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	send(sv[0], "abc", 3, 0);
	send(sv[0], "de", 2, 0);
	check("datagram boundaries", recv(sv[1], buf, sizeof(buf), 0) == 3 &&
	    recv(sv[1], buf, sizeof(buf), 0) == 2);
	close(sv[0]);
	close(sv[1]);
	/* A named listener, without a second thread: connect queues. */
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	memcpy(a.sun_path + 1, "r0unix", 6);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 7);
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	check("bind abstract", bind(l, (struct sockaddr *)&a, len) == 0);
	check("listen", listen(l, 4) == 0);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	check("connect", connect(s, (struct sockaddr *)&a, len) == 0);
	c = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	check("accept4", c >= 0 && fcntl(c, F_GETFD) == FD_CLOEXEC);
	check("data over the connection", write(s, "hi", 2) == 2 &&
	    read(c, buf, sizeof(buf)) == 2);
	olen = sizeof(v);
	check("SO_ACCEPTCONN", getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v,
	    &olen) == 0 && v == 1);
	close(c);
	check("peer gone: EOF", read(s, buf, sizeof(buf)) == 0);
	close(s);
	close(l);
	if (failed) {
		printf("r0unix: FAILED\n");
		return 1;
	}
	printf("r0unix: done, all checks passed\n");
	return 0;
}
