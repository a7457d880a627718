/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * AF_INET sockets as programs use them, over the loopback interface:
 * TCP bind/listen/connect/accept and their errors, addresses, bytes
 * both ways through another process with a checksum, MSG_PEEK,
 * MSG_WAITALL, MSG_DONTWAIT, FIONREAD, shutdown, a peer that resets or
 * goes (ECONNRESET, EPIPE and SIGPIPE), non-blocking connect, poll,
 * select and epoll (edge), SO_ERROR, SO_RCVTIMEO, a signal breaking a
 * wait, SO_REUSEADDR over TIME_WAIT, the TCP options servers set, 100
 * connections at once; UDP datagrams with their boundaries, addresses,
 * MSG_TRUNC, MSG_PEEK, connected sends, and the errors.
 * Static, with the C library; glibc builds it too, so it runs on the
 * host as the reference.  Prints one line per check and exits 0 if all
 * held.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NCONN	100

static int failed;
static volatile sig_atomic_t pipes, alarms;

static void
check(const char *what, int ok)
{
	printf("uinet: %s %s\n", ok ? "ok" : "FAILED", what);
	fflush(stdout);
	if (!ok)
		failed = 1;
}

static int
err(long r, int e)
{
	return r == -1 && errno == e;
}

static void
on_pipe(int sig)
{
	(void)sig;
	pipes++;
}

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static struct sockaddr_in
lo(uint16_t port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static uint16_t
port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t l = sizeof(a);

	if (getsockname(fd, (struct sockaddr *)&a, &l) != 0)
		return 0;
	return ntohs(a.sin_port);
}

/* A listening TCP socket on 127.0.0.1 and a port the kernel picks. */
static int
listener(int backlog)
{
	struct sockaddr_in a = lo(0);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(fd, backlog) != 0)
		return -1;
	return fd;
}

static int
connect_to(uint16_t port)
{
	struct sockaddr_in a = lo(port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
		return -1;
	return fd;
}

/* A connected pair through a listener: *c (connected), *s (accepted). */
static int
tcp_pair(int *c, int *s)
{
	int l = listener(4);

	if (l < 0)
		return -1;
	*c = connect_to(port_of(l));
	*s = accept(l, NULL, NULL);
	close(l);
	return *c >= 0 && *s >= 0 ? 0 : -1;
}

static uint32_t
pattern(size_t i)
{
	return (uint32_t)(i * 2654435761u >> 7);
}

static int
write_all(int fd, const char *b, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, b, n);

		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

static void
t_tcp_basic(void)
{
	struct sockaddr_in a = lo(0), b, c;
	socklen_t l;
	struct pollfd p;
	int fd, fd2, l1, cl, sv, v;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	check("socket(AF_INET, SOCK_STREAM)", fd >= 0);
	p.fd = fd;
	p.events = POLLIN | POLLOUT;
	check("a new TCP socket polls POLLOUT|POLLHUP",
	    poll(&p, 1, 0) == 1 && p.revents == (POLLOUT | POLLHUP));
	check("bind with a short address is EINVAL",
	    err(bind(fd, (struct sockaddr *)&a, 8), EINVAL));
	a.sin_family = AF_UNIX;
	check("bind of another family is EAFNOSUPPORT",
	    err(bind(fd, (struct sockaddr *)&a, sizeof(a)), EAFNOSUPPORT));
	a = lo(0);
	a.sin_addr.s_addr = inet_addr("10.255.255.1");
	check("bind to an address not this machine's is EADDRNOTAVAIL",
	    err(bind(fd, (struct sockaddr *)&a, sizeof(a)), EADDRNOTAVAIL));
	a = lo(0);
	check("bind 127.0.0.1:0", bind(fd, (struct sockaddr *)&a,
	    sizeof(a)) == 0);
	check("bind twice is EINVAL",
	    err(bind(fd, (struct sockaddr *)&a, sizeof(a)), EINVAL));
	l = sizeof(b);
	check("getsockname gives the port picked",
	    getsockname(fd, (struct sockaddr *)&b, &l) == 0 &&
	    l == sizeof(b) && b.sin_family == AF_INET &&
	    b.sin_port != 0 && b.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	l = sizeof(c);
	check("getpeername unconnected is ENOTCONN",
	    err(getpeername(fd, (struct sockaddr *)&c, &l), ENOTCONN));
	check("listen", listen(fd, 8) == 0);
	l = sizeof(v);
	check("SO_ACCEPTCONN is 1 when listening",
	    getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &l) == 0 &&
	    v == 1);
	fd2 = socket(AF_INET, SOCK_STREAM, 0);
	check("bind to a port in use is EADDRINUSE",
	    err(bind(fd2, (struct sockaddr *)&b, sizeof(b)), EADDRINUSE));
	close(fd2);
	check("connect on a listening socket is EISCONN",
	    err(connect(fd, (struct sockaddr *)&b, sizeof(b)), EISCONN));
	check("recv on a listening socket is ENOTCONN",
	    err(recv(fd, &v, 1, MSG_DONTWAIT), ENOTCONN));
	/* A port nobody listens on: refused. */
	l1 = socket(AF_INET, SOCK_STREAM, 0);
	a = lo(0);
	bind(l1, (struct sockaddr *)&a, sizeof(a));
	a = lo(port_of(l1));
	close(l1);
	cl = socket(AF_INET, SOCK_STREAM, 0);
	check("connect to a closed port is ECONNREFUSED",
	    err(connect(cl, (struct sockaddr *)&a, sizeof(a)),
	    ECONNREFUSED));
	close(cl);
	cl = socket(AF_INET, SOCK_STREAM, 0);
	check("connect to the listener",
	    connect(cl, (struct sockaddr *)&b, sizeof(b)) == 0);
	check("connect again is EISCONN",
	    err(connect(cl, (struct sockaddr *)&b, sizeof(b)), EISCONN));
	l = sizeof(c);
	sv = accept(fd, (struct sockaddr *)&c, &l);
	check("accept gives the peer's address",
	    sv >= 0 && l == sizeof(c) && c.sin_family == AF_INET &&
	    c.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
	    c.sin_port == htons(port_of(cl)));
	l = sizeof(a);
	check("getpeername of the connecting side is the listener",
	    getpeername(cl, (struct sockaddr *)&a, &l) == 0 &&
	    a.sin_port == b.sin_port);
	l = sizeof(a);
	check("the accepted socket's name is the listener's port",
	    getsockname(sv, (struct sockaddr *)&a, &l) == 0 &&
	    a.sin_port == b.sin_port);
	l = sizeof(v);
	check("SO_TYPE, SO_PROTOCOL, SO_DOMAIN",
	    getsockopt(sv, SOL_SOCKET, SO_TYPE, &v, &l) == 0 &&
	    v == SOCK_STREAM &&
	    getsockopt(sv, SOL_SOCKET, SO_PROTOCOL, &v, &l) == 0 &&
	    v == IPPROTO_TCP &&
	    getsockopt(sv, SOL_SOCKET, SO_DOMAIN, &v, &l) == 0 &&
	    v == AF_INET);
	close(sv);
	close(cl);
	close(fd);
}

static void
t_tcp_data(void)
{
	char buf[256], big[4096];
	struct iovec iov[2];
	struct msghdr mh;
	struct pollfd p;
	int c, s, n, v;
	socklen_t l;

	if (tcp_pair(&c, &s) != 0) {
		check("a connected pair", 0);
		return;
	}
	check("a new connection polls POLLOUT only",
	    (p.fd = c, p.events = POLLIN | POLLOUT | POLLRDHUP,
	    poll(&p, 1, 0) == 1 && p.revents == POLLOUT));
	check("recv with MSG_DONTWAIT on nothing is EAGAIN",
	    err(recv(s, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN));
	check("send 11 bytes", send(c, "hello world", 11, 0) == 11);
	p.fd = s;
	p.events = POLLIN;
	check("they make the peer readable", poll(&p, 1, 5000) == 1 &&
	    (p.revents & POLLIN));
	v = -1;
	check("FIONREAD counts them", ioctl(s, FIONREAD, &v) == 0 &&
	    v == 11);
	check("MSG_PEEK shows them and leaves them",
	    recv(s, buf, 5, MSG_PEEK) == 5 && memcmp(buf, "hello", 5) == 0 &&
	    ioctl(s, FIONREAD, &v) == 0 && v == 11);
	check("recv takes them in order",
	    recv(s, buf, 6, 0) == 6 && memcmp(buf, "hello ", 6) == 0 &&
	    recv(s, buf, sizeof(buf), 0) == 5 &&
	    memcmp(buf, "world", 5) == 0);
	/* Scatter and gather. */
	iov[0].iov_base = "abc";
	iov[0].iov_len = 3;
	iov[1].iov_base = "defgh";
	iov[1].iov_len = 5;
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	check("sendmsg gathers two iovecs", sendmsg(s, &mh, 0) == 8);
	memset(buf, 0, sizeof(buf));
	iov[0].iov_base = buf;
	iov[0].iov_len = 2;
	iov[1].iov_base = buf + 10;
	iov[1].iov_len = 6;
	check("recvmsg with MSG_WAITALL scatters all 8",
	    recvmsg(c, &mh, MSG_WAITALL) == 8 &&
	    memcmp(buf, "ab", 2) == 0 && memcmp(buf + 10, "cdefgh", 6) == 0 &&
	    mh.msg_namelen == 0);
	/* A bigger message, read back across the segments it became. */
	for (n = 0; n < (int)sizeof(big); n++)
		big[n] = (char)pattern((size_t)n);
	check("send 4096 bytes", send(c, big, sizeof(big), 0) == 4096);
	memset(buf, 0, sizeof(buf));
	{
		char back[4096];

		check("MSG_WAITALL gets all 4096 back, same bytes",
		    recv(s, back, sizeof(back), MSG_WAITALL) == 4096 &&
		    memcmp(back, big, sizeof(big)) == 0);
	}
	/* Shutting the write side: the peer reads the end. */
	check("shutdown(SHUT_WR)", shutdown(c, SHUT_WR) == 0);
	p.fd = s;
	p.events = POLLIN | POLLRDHUP;
	check("the peer polls POLLIN|POLLRDHUP",
	    poll(&p, 1, 5000) == 1 && (p.revents & POLLRDHUP) &&
	    (p.revents & POLLIN));
	check("the peer reads 0 (end of file)", recv(s, buf, 10, 0) == 0);
	check("send after SHUT_WR is EPIPE (MSG_NOSIGNAL)",
	    err(send(c, "x", 1, MSG_NOSIGNAL), EPIPE));
	check("the other way still works",
	    send(s, "back", 4, 0) == 4 && recv(c, buf, 4, MSG_WAITALL) == 4 &&
	    memcmp(buf, "back", 4) == 0);
	l = sizeof(v);
	check("SO_ERROR is 0", getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &l) ==
	    0 && v == 0);
	close(c);
	close(s);
	check("shutdown of an unconnected socket is ENOTCONN",
	    (c = socket(AF_INET, SOCK_STREAM, 0)) >= 0 &&
	    err(shutdown(c, SHUT_RDWR), ENOTCONN));
	check("send on an unconnected socket is EPIPE",
	    err(send(c, "x", 1, MSG_NOSIGNAL), EPIPE));
	close(c);
}

/* 8 MiB each way through a child process, with a running sum. */
static void
t_tcp_bulk(void)
{
	enum { TOTAL = 8 << 20 };
	static char buf[65536];
	size_t got = 0, i;
	int c, s, st, bad = 0;
	pid_t pid;

	if (tcp_pair(&c, &s) != 0) {
		check("a connected pair for bulk", 0);
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(s);
		for (size_t off = 0; off < TOTAL; off += sizeof(buf)) {
			for (i = 0; i < sizeof(buf); i += 4) {
				uint32_t w = pattern((off + i) / 4);

				memcpy(buf + i, &w, 4);
			}
			if (write_all(c, buf, sizeof(buf)) != 0)
				_exit(1);
		}
		/* Then echo back what comes. */
		for (;;) {
			ssize_t r = read(c, buf, sizeof(buf));

			if (r == 0)
				_exit(0);
			if (r < 0 || write_all(c, buf, (size_t)r) != 0)
				_exit(2);
		}
	}
	close(c);
	while (got < TOTAL) {
		ssize_t r = read(s, buf, sizeof(buf));

		if (r <= 0)
			break;
		for (ssize_t j = 0; j < r; j++) {
			size_t at = got + (size_t)j;

			if ((char)(pattern(at / 4) >> (8 * (at % 4))) != buf[j])
				bad = 1;
		}
		got += (size_t)r;
	}
	check("8 MiB from a child arrive whole and in order",
	    got == TOTAL && bad == 0);
	/* Back the other way: 2 MiB echoed. */
	{
		size_t sent = 0, back = 0;

		fcntl(s, F_SETFL, O_NONBLOCK);
		while (back < (2u << 20)) {
			struct pollfd p = { s, POLLIN | (sent < (2u << 20) ?
			    POLLOUT : 0), 0 };

			if (poll(&p, 1, 20000) != 1) {
				bad = 1;
				break;
			}
			if ((p.revents & POLLOUT) && sent < (2u << 20)) {
				char o[8192];
				ssize_t w;

				for (i = 0; i < sizeof(o); i++)
					o[i] = (char)((sent + i) % 251);
				w = write(s, o, sizeof(o));
				if (w > 0)
					sent += (size_t)w;
				else if (errno != EAGAIN)
					bad = 2;
			}
			if (p.revents & POLLIN) {
				ssize_t r = read(s, buf, sizeof(buf));

				if (r <= 0 && errno != EAGAIN) {
					bad = 3;
					break;
				}
				for (ssize_t j = 0; j < r; j++)
					if (buf[j] != (char)((back + (size_t)j) %
					    251))
						bad = 4;
				if (r > 0)
					back += (size_t)r;
			}
			if (bad)
				break;
		}
		check("2 MiB echoed back through poll, non-blocking",
		    bad == 0 && back == (2u << 20));
	}
	shutdown(s, SHUT_WR);
	close(s);
	check("the child ended well", waitpid(pid, &st, 0) == pid &&
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void
t_tcp_reset(void)
{
	struct sigaction sa;
	char buf[64];
	int c, s, i, e = 0;
	ssize_t r;

	/* A peer that closes with bytes unread resets the connection. */
	if (tcp_pair(&c, &s) != 0) {
		check("a pair", 0);
		return;
	}
	send(c, "unread", 6, 0);
	usleep(100000);
	close(s);
	{
		struct pollfd p = { c, POLLIN, 0 };

		poll(&p, 1, 5000);
		check("closing with unread bytes resets: POLLERR|POLLHUP",
		    (p.revents & (POLLERR | POLLHUP)) == (POLLERR | POLLHUP));
	}
	check("recv then is ECONNRESET", err(recv(c, buf, sizeof(buf), 0),
	    ECONNRESET));
	check("and then the end of file", recv(c, buf, sizeof(buf), 0) == 0);
	close(c);

	/* Writing to a peer that went: EPIPE, and SIGPIPE. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_pipe;
	sigaction(SIGPIPE, &sa, NULL);
	if (tcp_pair(&c, &s) != 0) {
		check("a pair", 0);
		return;
	}
	close(s);
	for (i = 0; i < 50; i++) {
		r = send(c, "x", 1, MSG_NOSIGNAL);
		if (r < 0) {
			e = errno;
			break;
		}
		usleep(20000);
	}
	check("sending to a peer that closed ends in EPIPE", e == EPIPE);
	pipes = 0;
	check("send without MSG_NOSIGNAL: EPIPE and SIGPIPE",
	    err(send(c, "x", 1, 0), EPIPE) && pipes == 1);
	signal(SIGPIPE, SIG_DFL);
	close(c);

	/* SO_LINGER of 0: close resets at once. */
	if (tcp_pair(&c, &s) != 0) {
		check("a pair", 0);
		return;
	}
	{
		struct linger lg = { 1, 0 };

		setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
	close(s);
	{
		struct pollfd p = { c, POLLIN, 0 };

		poll(&p, 1, 5000);
		check("SO_LINGER 0 resets: the peer's recv is ECONNRESET",
		    err(recv(c, buf, sizeof(buf), 0), ECONNRESET));
	}
	close(c);
}

static void
t_tcp_nonblock(void)
{
	struct sockaddr_in a;
	struct pollfd p;
	int l, c, s, v, r;
	socklen_t sl;
	fd_set rf, wf;
	struct timeval tv;

	l = listener(4);
	a = lo(port_of(l));
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	check("accept4 on nothing, non-blocking, is EAGAIN",
	    (fcntl(l, F_SETFL, O_NONBLOCK), err(accept(l, NULL, NULL),
	    EAGAIN)));
	r = connect(c, (struct sockaddr *)&a, sizeof(a));
	check("non-blocking connect: 0 or EINPROGRESS",
	    r == 0 || err(r, EINPROGRESS));
	p.fd = c;
	p.events = POLLOUT;
	check("it becomes writable", poll(&p, 1, 5000) == 1 &&
	    p.revents == POLLOUT);
	sl = sizeof(v);
	check("SO_ERROR is 0 after it", getsockopt(c, SOL_SOCKET, SO_ERROR,
	    &v, &sl) == 0 && v == 0);
	p.fd = l;
	p.events = POLLIN;
	check("the listener polls POLLIN", poll(&p, 1, 5000) == 1 &&
	    p.revents == POLLIN);
	FD_ZERO(&rf);
	FD_SET(l, &rf);
	tv.tv_sec = 5;
	tv.tv_usec = 0;
	check("select sees it too", select(l + 1, &rf, NULL, NULL, &tv) == 1 &&
	    FD_ISSET(l, &rf));
	s = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	check("accept4 with SOCK_NONBLOCK|SOCK_CLOEXEC",
	    s >= 0 && (fcntl(s, F_GETFL) & O_NONBLOCK) &&
	    (fcntl(s, F_GETFD) & FD_CLOEXEC));
	check("recv on it is EAGAIN", err(recv(s, &v, 1, 0), EAGAIN));
	FD_ZERO(&wf);
	FD_SET(s, &wf);
	tv.tv_sec = 0;
	check("select: writable", select(s + 1, NULL, &wf, NULL, &tv) == 1);
	close(s);
	close(c);

	/* Non-blocking connect refused: reported through SO_ERROR. */
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	close(l);
	r = connect(c, (struct sockaddr *)&a, sizeof(a));
	if (r != 0 && errno == EINPROGRESS) {
		p.fd = c;
		p.events = POLLOUT;
		poll(&p, 1, 5000);
		sl = sizeof(v);
		check("a refused non-blocking connect: POLLERR, SO_ERROR "
		    "ECONNREFUSED", (p.revents & POLLERR) &&
		    getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &sl) == 0 &&
		    v == ECONNREFUSED);
		sl = sizeof(v);
		check("SO_ERROR is taken once", getsockopt(c, SOL_SOCKET,
		    SO_ERROR, &v, &sl) == 0 && v == 0);
	} else {
		check("a refused non-blocking connect: ECONNREFUSED",
		    err(r, ECONNREFUSED));
	}
	close(c);
}

static void
t_tcp_epoll(void)
{
	struct epoll_event ev, out[4];
	int l, c, s, ep;
	char b[8];

	l = listener(4);
	ep = epoll_create1(0);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.u32 = 1;
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	c = connect_to(port_of(l));
	check("epoll: the listener is ready", epoll_wait(ep, out, 4, 5000) ==
	    1 && out[0].data.u32 == 1 && (out[0].events & EPOLLIN));
	s = accept(l, NULL, NULL);
	ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
	ev.data.u32 = 2;
	epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
	check("epoll: nothing on the new connection",
	    epoll_wait(ep, out, 4, 0) == 0);
	send(c, "ab", 2, 0);
	check("epoll (edge): data makes it ready once",
	    epoll_wait(ep, out, 4, 5000) == 1 && out[0].data.u32 == 2 &&
	    epoll_wait(ep, out, 4, 0) == 0);
	send(c, "cd", 2, 0);
	check("epoll (edge): more data, ready again",
	    epoll_wait(ep, out, 4, 5000) == 1 && out[0].data.u32 == 2);
	check("both sends are there", recv(s, b, sizeof(b), MSG_WAITALL |
	    MSG_DONTWAIT) == 4 && memcmp(b, "abcd", 4) == 0);
	close(c);
	check("epoll: the peer's close is EPOLLIN|EPOLLRDHUP",
	    epoll_wait(ep, out, 4, 5000) == 1 &&
	    (out[0].events & (EPOLLIN | EPOLLRDHUP)) ==
	    (EPOLLIN | EPOLLRDHUP));
	close(s);
	close(l);
	close(ep);
}

static void
t_tcp_waits(void)
{
	struct sigaction sa;
	struct timeval tv = { 0, 200000 };
	struct timespec t0, t1;
	char b[4];
	int c, s, l;
	long ms;

	if (tcp_pair(&c, &s) != 0) {
		check("a pair", 0);
		return;
	}
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check("SO_RCVTIMEO: recv gives up with EAGAIN",
	    err(recv(s, b, sizeof(b), 0), EAGAIN));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) /
	    1000000;
	check("after at least the timeout", ms >= 190);
	close(c);
	close(s);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
	l = listener(2);
	alarms = 0;
	ualarm(200000, 0);
	check("a signal breaks a blocking accept: EINTR",
	    err(accept(l, NULL, NULL), EINTR) && alarms == 1);
	close(l);
	signal(SIGALRM, SIG_DFL);
}

static void
t_tcp_options(void)
{
	struct sockaddr_in a;
	int c, s, l, l2, v, on = 1;
	socklen_t sl;
	uint16_t port;

	if (tcp_pair(&c, &s) != 0) {
		check("a pair", 0);
		return;
	}
	sl = sizeof(v);
	check("TCP_NODELAY: off, set, on",
	    getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &sl) == 0 && v == 0 &&
	    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) == 0 &&
	    getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &sl) == 0 && v != 0);
	check("SO_KEEPALIVE: set, on",
	    setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on)) == 0 &&
	    getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, &sl) == 0 && v != 0);
	v = 30;
	check("TCP_KEEPIDLE 30 reads back 30",
	    setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)) == 0 &&
	    (v = 0, getsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, &sl) == 0) &&
	    v == 30);
	v = 0;
	check("TCP_KEEPIDLE 0 is EINVAL",
	    err(setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)),
	    EINVAL));
	sl = sizeof(v);
	check("TCP_MAXSEG is a segment size",
	    getsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &v, &sl) == 0 &&
	    v >= 536 && v <= 65495);
	check("an unknown TCP option is ENOPROTOOPT",
	    err(setsockopt(c, IPPROTO_TCP, 9999, &on, sizeof(on)),
	    ENOPROTOOPT));
	v = 64;
	sl = sizeof(v);
	check("IP_TTL: set 64, read 64",
	    setsockopt(c, IPPROTO_IP, IP_TTL, &v, sizeof(v)) == 0 &&
	    (v = 0, getsockopt(c, IPPROTO_IP, IP_TTL, &v, &sl) == 0) &&
	    v == 64);
	v = 0;
	check("IP_TTL 0 is EINVAL",
	    err(setsockopt(c, IPPROTO_IP, IP_TTL, &v, sizeof(v)), EINVAL));
	check("a short option is EINVAL",
	    err(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &on, 2), EINVAL));
	{
		struct tcp_info ti;

		sl = sizeof(ti);
		check("TCP_INFO says established",
		    getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti, &sl) == 0 &&
		    ti.tcpi_state == TCP_ESTABLISHED);
	}
	close(c);
	close(s);

	/* A connection takes SO_KEEPALIVE and TCP_NODELAY from its listener. */
	l = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(l, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
	setsockopt(l, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	a = lo(0);
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 2);
	c = connect_to(port_of(l));
	s = accept(l, NULL, NULL);
	sl = sizeof(v);
	check("an accepted socket has its listener's SO_KEEPALIVE",
	    getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, &sl) == 0 && v != 0);
	sl = sizeof(v);
	check("and its TCP_NODELAY",
	    getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &v, &sl) == 0 && v != 0);
	close(c);
	close(s);
	close(l);

	/* SO_REUSEADDR: a listener again on a port left in TIME_WAIT. */
	l = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	a = lo(0);
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 2);
	port = port_of(l);
	c = connect_to(port);
	s = accept(l, NULL, NULL);
	close(s);		/* the server closes first: TIME_WAIT */
	{
		char b;

		recv(c, &b, 1, 0);
	}
	close(c);
	close(l);
	usleep(100000);
	l2 = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(l2, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	a = lo(port);
	check("SO_REUSEADDR: bind and listen again on the port",
	    bind(l2, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    listen(l2, 2) == 0);
	c = connect_to(port);
	check("and it takes connections", c >= 0 &&
	    (s = accept(l2, NULL, NULL)) >= 0);
	close(c);
	close(s);
	close(l2);
}

/* 100 connections at once, each sending its own bytes back to it. */
static void
t_tcp_many(void)
{
	int l = listener(NCONN + 10), cs[NCONN], ss[NCONN], i, ok = 1;
	char b[32], w[32];

	for (i = 0; i < NCONN; i++) {
		cs[i] = connect_to(port_of(l));
		if (cs[i] < 0)
			ok = 0;
	}
	check("100 connections made", ok);
	for (i = 0; i < NCONN; i++)
		if ((ss[i] = accept(l, NULL, NULL)) < 0)
			ok = 0;
	check("100 connections accepted", ok);
	for (i = 0; i < NCONN; i++) {
		snprintf(w, sizeof(w), "conn %03d", i);
		if (send(cs[i], w, 8, 0) != 8)
			ok = 0;
	}
	/* The server side echoes each, in reverse order. */
	for (i = NCONN - 1; i >= 0; i--) {
		if (recv(ss[i], b, 8, MSG_WAITALL) != 8 ||
		    send(ss[i], b, 8, 0) != 8)
			ok = 0;
	}
	for (i = 0; i < NCONN; i++) {
		snprintf(w, sizeof(w), "conn %03d", i);
		if (recv(cs[i], b, 8, MSG_WAITALL) != 8 ||
		    memcmp(b, w, 8) != 0)
			ok = 0;
		close(cs[i]);
		close(ss[i]);
	}
	check("each of the 100 got its own bytes back", ok);
	close(l);
}

static void
t_udp(void)
{
	struct sockaddr_in a = lo(0), b, from;
	socklen_t fl;
	char buf[2048];
	int u1, u2, v, on = 1;
	ssize_t r;
	struct pollfd p;

	u1 = socket(AF_INET, SOCK_DGRAM, 0);
	u2 = socket(AF_INET, SOCK_DGRAM, 0);
	check("socket(AF_INET, SOCK_DGRAM)", u1 >= 0 && u2 >= 0);
	check("bind 127.0.0.1:0", bind(u1, (struct sockaddr *)&a,
	    sizeof(a)) == 0);
	b = lo(port_of(u1));
	check("send without an address is EDESTADDRREQ",
	    err(send(u2, "x", 1, 0), EDESTADDRREQ));
	check("sendto 3 datagrams",
	    sendto(u2, "one", 3, 0, (struct sockaddr *)&b, sizeof(b)) == 3 &&
	    sendto(u2, "second", 6, 0, (struct sockaddr *)&b,
	    sizeof(b)) == 6 &&
	    sendto(u2, "", 0, 0, (struct sockaddr *)&b, sizeof(b)) == 0);
	p.fd = u1;
	p.events = POLLIN;
	check("the receiver is readable", poll(&p, 1, 5000) == 1 &&
	    p.revents == POLLIN);
	v = -1;
	check("FIONREAD is the first datagram's size",
	    ioctl(u1, FIONREAD, &v) == 0 && v == 3);
	fl = sizeof(from);
	r = recvfrom(u1, buf, sizeof(buf), MSG_PEEK,
	    (struct sockaddr *)&from, &fl);
	check("MSG_PEEK sees the first, with the sender",
	    r == 3 && memcmp(buf, "one", 3) == 0 && fl == sizeof(from) &&
	    from.sin_port == htons(port_of(u2)) &&
	    from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	check("recv takes it", recv(u1, buf, sizeof(buf), 0) == 3);
	{
		struct iovec iov = { buf, 3 };
		struct msghdr mh;

		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		r = recvmsg(u1, &mh, 0);
		check("a short buffer truncates: MSG_TRUNC, the rest lost",
		    r == 3 && (mh.msg_flags & MSG_TRUNC) &&
		    memcmp(buf, "sec", 3) == 0);
	}
	check("the empty datagram arrives as one",
	    recv(u1, buf, sizeof(buf), MSG_DONTWAIT) == 0);
	check("then nothing: EAGAIN",
	    err(recv(u1, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN));
	sendto(u2, "0123456789", 10, 0, (struct sockaddr *)&b, sizeof(b));
	check("MSG_TRUNC on recv gives the real length",
	    recv(u1, buf, 4, MSG_TRUNC) == 10);
	check("connect a UDP socket", connect(u2, (struct sockaddr *)&b,
	    sizeof(b)) == 0);
	fl = sizeof(from);
	check("getpeername of it", getpeername(u2, (struct sockaddr *)&from,
	    &fl) == 0 && from.sin_port == b.sin_port);
	check("send without an address goes to the peer",
	    send(u2, "conn", 4, 0) == 4 &&
	    recv(u1, buf, sizeof(buf), 0) == 4 && memcmp(buf, "conn", 4) == 0);
	{
		struct sockaddr_in back = lo(port_of(u2));

		sendto(u1, "reply", 5, 0, (struct sockaddr *)&back,
		    sizeof(back));
		check("the connected socket gets its peer's reply",
		    recv(u2, buf, sizeof(buf), 0) == 5);
	}
	memset(&from, 0, sizeof(from));
	from.sin_family = AF_UNSPEC;
	check("connect AF_UNSPEC forgets the peer",
	    connect(u2, (struct sockaddr *)&from, sizeof(from)) == 0 &&
	    err(send(u2, "x", 1, 0), EDESTADDRREQ));
	{
		static char huge[65508];

		check("a datagram over 65507 bytes is EMSGSIZE",
		    err(sendto(u2, huge, sizeof(huge), 0,
		    (struct sockaddr *)&b, sizeof(b)), EMSGSIZE));
		check("one of 65507 bytes goes",
		    sendto(u2, huge, sizeof(huge) - 1, 0,
		    (struct sockaddr *)&b, sizeof(b)) == 65507 &&
		    recv(u1, huge, sizeof(huge), 0) == 65507);
	}
	{
		struct sockaddr_in bc = lo(9);

		bc.sin_addr.s_addr = htonl(INADDR_BROADCAST);
		check("broadcast without SO_BROADCAST is EACCES",
		    err(sendto(u2, "b", 1, 0, (struct sockaddr *)&bc,
		    sizeof(bc)), EACCES));
		check("SO_BROADCAST on", setsockopt(u2, SOL_SOCKET,
		    SO_BROADCAST, &on, sizeof(on)) == 0);
	}
	check("listen on UDP is EOPNOTSUPP", err(listen(u1, 1), EOPNOTSUPP));
	check("accept on UDP is EOPNOTSUPP",
	    err(accept(u1, NULL, NULL), EOPNOTSUPP));
	check("socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP) is EPROTONOSUPPORT",
	    err(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), EPROTONOSUPPORT));
	close(u1);
	close(u2);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	t_tcp_basic();
	t_tcp_data();
	t_tcp_nonblock();
	t_tcp_epoll();
	t_tcp_waits();
	t_tcp_reset();
	t_tcp_options();
	t_tcp_many();
	t_tcp_bulk();
	t_udp();
	if (failed) {
		printf("uinet: FAILED\n");
		return 1;
	}
	printf("uinet: done, all checks passed\n");
	return 0;
}
