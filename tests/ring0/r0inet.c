/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * AF_INET sockets from the ring-0 app (built with jiny-cc: its calls go
 * through the call table) over the loopback interface: a TCP listener,
 * a blocking connect and accept in the same thread (the handshake is
 * the network stack's, not the listener's), bytes both ways with
 * poll, a peer's close, and UDP datagrams with their sender.  Prints
 * one line per check and a summary; exits 0 if every check held.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("r0inet: %s %s\n", ok ? "ok" : "FAILED", what);
	failed |= !ok;
}

int
main(void)
{
	struct sockaddr_in a, b;
	socklen_t len;
	struct pollfd p;
	char buf[64];
	int l, c, s, u1, u2, on = 1;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	check("a TCP socket, bound and listening",
	    l >= 0 && bind(l, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    listen(l, 4) == 0);
	len = sizeof(a);
	getsockname(l, (struct sockaddr *)&a, &len);
	check("the port picked", a.sin_port != 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	check("connect", connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	len = sizeof(b);
	s = accept(l, (struct sockaddr *)&b, &len);
	check("accept, with the peer's address", s >= 0 &&
	    b.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && b.sin_port != 0);
	check("TCP_NODELAY", setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &on,
	    sizeof(on)) == 0);
	check("send", send(c, "ring zero", 9, 0) == 9);
	p.fd = s;
	p.events = POLLIN;
	check("poll: readable", poll(&p, 1, 5000) == 1 && p.revents == POLLIN);
	check("recv the same bytes", recv(s, buf, sizeof(buf), 0) == 9 &&
	    memcmp(buf, "ring zero", 9) == 0);
	check("and back", send(s, "pong", 4, 0) == 4 &&
	    recv(c, buf, 4, MSG_WAITALL) == 4 && memcmp(buf, "pong", 4) == 0);
	close(s);
	check("the peer's close reads as the end",
	    recv(c, buf, sizeof(buf), 0) == 0);
	close(c);
	close(l);

	u1 = socket(AF_INET, SOCK_DGRAM, 0);
	u2 = socket(AF_INET, SOCK_DGRAM, 0);
	a.sin_port = 0;
	check("UDP: bind", bind(u1, (struct sockaddr *)&a, sizeof(a)) == 0);
	len = sizeof(a);
	getsockname(u1, (struct sockaddr *)&a, &len);
	check("UDP: sendto", sendto(u2, "dgram", 5, 0, (struct sockaddr *)&a,
	    sizeof(a)) == 5);
	len = sizeof(b);
	check("UDP: recvfrom, with the sender",
	    recvfrom(u1, buf, sizeof(buf), 0, (struct sockaddr *)&b,
	    &len) == 5 && memcmp(buf, "dgram", 5) == 0 &&
	    b.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	check("UDP: nothing more (EAGAIN)",
	    recv(u1, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN);
	close(u1);
	close(u2);
	if (failed) {
		printf("r0inet: FAILED\n");
		return 1;
	}
	printf("r0inet: done, all checks passed\n");
	return 0;
}
