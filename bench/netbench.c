/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The network benchmark's server (make bench; bench/net.py drives it
 * from the host through QEMU's port forwards).  One thread, one poll
 * loop, so that the same source serves as the ring-0 app (jiny-cc), a
 * ring-3 program and a program in the Linux guest:
 *   port 5001  request/response: every byte read is written back
 *   port 5002  sink: reads and counts until the end, then answers the
 *              count (8 bytes, little-endian) and closes
 *   port 5003  source: writes 64 KiB buffers until the peer goes
 *   port 5004  stop: a connection here ends the server (exit 0), so a
 *              guest whose init it is powers off (the nested Xen's runs)
 * Prints "netbench: ready" once listening.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAXFD	64
#define BUFSZ	65536

enum kind { K_RR, K_SINK, K_SOURCE, K_STOP };

struct conn {
	int		 fd;
	enum kind	 kind;
	int		 listener;
	uint64_t	 count;
};

static struct conn conns[MAXFD];
static struct pollfd pfd[MAXFD];
static int nconn;
static char buf[BUFSZ];

static int
listen_on(int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), on = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(fd, 32) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
add(int fd, enum kind k, int listener)
{
	if (nconn == MAXFD) {
		close(fd);
		return;
	}
	conns[nconn] = (struct conn){ fd, k, listener, 0 };
	pfd[nconn].fd = fd;
	pfd[nconn].events = listener ? POLLIN :
	    k == K_SOURCE ? POLLOUT : POLLIN;
	nconn++;
}

static void
drop(int i)
{
	close(conns[i].fd);
	nconn--;
	conns[i] = conns[nconn];
	pfd[i] = pfd[nconn];
}

static int
write_all(int fd, const char *b, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, b, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Serve connection i once it is ready: 0, or -1 to drop it. */
static int
serve(int i)
{
	struct conn *c = &conns[i];
	ssize_t r;

	switch (c->kind) {
	case K_RR:
		r = read(c->fd, buf, 4096);
		if (r <= 0)
			return -1;
		return write_all(c->fd, buf, (size_t)r);
	case K_SINK:
		r = read(c->fd, buf, sizeof(buf));
		if (r < 0)
			return -1;
		if (r == 0) {
			/* The end: the count, then done. */
			write_all(c->fd, (const char *)&c->count, 8);
			return -1;
		}
		c->count += (uint64_t)r;
		return 0;
	case K_SOURCE:
		r = write(c->fd, buf, sizeof(buf));
		if (r < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
		return 0;
	case K_STOP:
		break;
	}
	return -1;
}

int
main(void)
{
	static const struct { int port; enum kind k; } ls[] = {
		{ 5001, K_RR }, { 5002, K_SINK }, { 5003, K_SOURCE },
		{ 5004, K_STOP },
	};

	signal(SIGPIPE, SIG_IGN);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7);
	for (size_t i = 0; i < sizeof(ls) / sizeof(ls[0]); i++) {
		int fd = listen_on(ls[i].port);

		if (fd < 0) {
			printf("netbench: cannot listen on %d: %s\n",
			    ls[i].port, strerror(errno));
			return 1;
		}
		add(fd, ls[i].k, 1);
	}
	printf("netbench: ready\n");
	fflush(stdout);
	for (;;) {
		if (poll(pfd, (nfds_t)nconn, -1) < 0) {
			if (errno == EINTR)
				continue;
			printf("netbench: poll: %s\n", strerror(errno));
			return 1;
		}
		for (int i = nconn - 1; i >= 0; i--) {
			short re = pfd[i].revents;

			if (re == 0)
				continue;
			if (conns[i].listener) {
				int fd = accept(conns[i].fd, NULL, NULL), on = 1;

				if (fd < 0)
					continue;
				if (conns[i].kind == K_STOP) {
					printf("netbench: stopped\n");
					return 0;
				}
				setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on,
				    sizeof(on));
				if (conns[i].kind == K_SOURCE)
					fcntl(fd, F_SETFL, O_NONBLOCK);
				add(fd, conns[i].kind, 0);
				continue;
			}
			if ((re & (POLLERR | POLLNVAL)) || serve(i) != 0)
				drop(i);
		}
	}
}
