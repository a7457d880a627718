/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The network benchmark's client (bench/netbench.c is the server): runs
 * on the host against QEMU's port forwards, or in the nested Xen's dom0
 * against the guest on the bridge, so it is plain C, static, one thread.
 *   netclient HOST RR_PORT SINK_PORT SOURCE_PORT SECONDS [STOP_PORT]
 * prints one line per test:
 *   netclient: tcp_rr=TPS tcp_rr16=TPS stream_rx=MBPS stream_tx=MBPS
 * (a test that failed prints -1 and a line on stderr saying why).
 *   tcp_rr     1-byte request/response on one connection
 *   tcp_rr16   the same on 16 connections at once (all of them counted)
 *   stream_rx  to the server, for SECONDS; MB/s by the server's count
 *   stream_tx  from the server, for SECONDS; MB/s by what arrived
 * Waits up to 60 s for the server to answer its first connection; with
 * STOP_PORT, connects there at the end, which ends the server.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define NRR	16

static struct sockaddr_in host;
static double seconds;

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
dial(int port, double wait)
{
	double end = now() + wait;

	for (;;) {
		struct sockaddr_in a = host;
		int fd = socket(AF_INET, SOCK_STREAM, 0), on = 1;

		a.sin_port = htons((uint16_t)port);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&a,
		    sizeof(a)) == 0) {
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on,
			    sizeof(on));
			return fd;
		}
		if (fd >= 0)
			close(fd);
		if (now() > end)
			return -1;
		usleep(200000);
	}
}

/* One byte there and back on each of n connections, for the time. */
static double
tcp_rr(int port, int n)
{
	struct pollfd p[NRR];
	long count = 0;
	double t0, end;
	char c = 'x';
	int i;

	for (i = 0; i < n; i++) {
		if ((p[i].fd = dial(port, 10)) < 0) {
			perror("netclient: tcp_rr connect");
			goto fail;
		}
		p[i].events = POLLIN;
		/* One exchange first, out of the count. */
		if (write(p[i].fd, &c, 1) != 1 || read(p[i].fd, &c, 1) != 1) {
			fprintf(stderr, "netclient: tcp_rr: no echo\n");
			i++;
			goto fail;
		}
	}
	for (i = 0; i < n; i++)
		if (write(p[i].fd, &c, 1) != 1)
			goto fail;
	t0 = now();
	end = t0 + seconds;
	while (now() < end) {
		int r = poll(p, (nfds_t)n, 1000);

		if (r < 0 && errno != EINTR)
			goto fail;
		for (int j = 0; j < n && r > 0; j++) {
			char b[16];

			if (!(p[j].revents & POLLIN))
				continue;
			if (read(p[j].fd, b, sizeof(b)) <= 0 ||
			    write(p[j].fd, &c, 1) != 1) {
				fprintf(stderr, "netclient: tcp_rr: the "
				    "server went\n");
				i = n;
				goto fail;
			}
			count++;
		}
	}
	for (i = 0; i < n; i++)
		close(p[i].fd);
	return (double)count / (now() - t0);
fail:
	while (i-- > 0)
		close(p[i].fd);
	return -1;
}

static double
stream_rx(int port)
{
	static char buf[65536];
	uint64_t count = 0;
	size_t got = 0;
	double t0;
	int fd = dial(port, 10);

	if (fd < 0)
		return -1;
	memset(buf, 0x5a, sizeof(buf));
	t0 = now();
	while (now() - t0 < seconds) {
		if (write(fd, buf, sizeof(buf)) <= 0) {
			perror("netclient: stream_rx write");
			close(fd);
			return -1;
		}
	}
	shutdown(fd, SHUT_WR);
	while (got < 8) {
		ssize_t r = read(fd, (char *)&count + got, 8 - got);

		if (r <= 0) {
			fprintf(stderr, "netclient: stream_rx: no count\n");
			close(fd);
			return -1;
		}
		got += (size_t)r;
	}
	close(fd);
	return (double)count / (now() - t0) / 1e6;
}

static double
stream_tx(int port)
{
	static char buf[1 << 20];
	uint64_t n = 0;
	double t0;
	int fd = dial(port, 10);

	if (fd < 0 || read(fd, buf, 65536) <= 0)
		return -1;
	t0 = now();
	while (now() - t0 < seconds) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r <= 0) {
			fprintf(stderr, "netclient: stream_tx: the server "
			    "went\n");
			close(fd);
			return -1;
		}
		n += (uint64_t)r;
	}
	close(fd);
	return (double)n / (now() - t0) / 1e6;
}

int
main(int argc, char **argv)
{
	int rr, sink, source, fd;

	if (argc != 6 && argc != 7) {
		fprintf(stderr, "usage: netclient HOST RR_PORT SINK_PORT "
		    "SOURCE_PORT SECONDS [STOP_PORT]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	memset(&host, 0, sizeof(host));
	host.sin_family = AF_INET;
	if (inet_pton(AF_INET, argv[1], &host.sin_addr) != 1) {
		fprintf(stderr, "netclient: bad address %s\n", argv[1]);
		return 2;
	}
	rr = atoi(argv[2]);
	sink = atoi(argv[3]);
	source = atoi(argv[4]);
	seconds = atof(argv[5]);
	if ((fd = dial(rr, 60)) < 0) {
		fprintf(stderr, "netclient: no server at %s:%d\n", argv[1], rr);
		return 1;
	}
	close(fd);
	printf("netclient: tcp_rr=%.0f", tcp_rr(rr, 1));
	fflush(stdout);
	printf(" tcp_rr16=%.0f", tcp_rr(rr, NRR));
	fflush(stdout);
	printf(" stream_rx=%.1f", stream_rx(sink));
	fflush(stdout);
	printf(" stream_tx=%.1f\n", stream_tx(source));
	fflush(stdout);
	if (argc == 7 && (fd = dial(atoi(argv[6]), 10)) >= 0)
		close(fd);
	return 0;
}
