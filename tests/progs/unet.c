/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The network cases' helper (tests/net/, tests/progs/net-test.sh): one
 * static program with the guest's servers and the peer's clients, so the
 * same code runs in the guest, on the host and in the nested Xen's dom0
 * (which has only busybox).  Every wait is bounded.
 *
 *   unet gen SIZE               SIZE bytes of a fixed pseudo-random stream
 *                               (the same everywhere: no file committed)
 *   unet tcp-echo PORT SECS     echo each TCP connection back (a child per
 *                               connection) until one sends "quit\n";
 *                               at most SECS seconds
 *   unet udp-echo PORT SECS     echo each datagram until one is "quit"
 *   unet wait PORT SECS         take one connection, print the line it
 *                               sends, answer "heard"; exit 0 when the
 *                               line starts with "ok"
 *   unet tell HOST PORT SECS TEXT
 *                               send TEXT to unet wait, retrying until it
 *                               answers (at most SECS)
 *   unet conns HOST PORT N SECS N connections open at once (each opened when
 *                               the one before echoed its first byte), each
 *                               sending its own data and checking the echo;
 *                               then "quit"
 *   unet udp HOST PORT N SECS   N datagrams of sizes 1..1400, each echoed
 *                               intact; then "quit"
 *   unet probe HOST PORT SECS   retry until a TCP connection is echoed
 *                               (used before conns)
 *   unet closed [-f] HOST PORT SECS
 *                               retry until a TCP connection to a port
 *                               nobody listens on is refused, or with -f
 *                               (QEMU's forward) accepted and closed at
 *                               once: the guest's reset, not a timeout
 *
 *   unet zeropages FILE         how many of FILE's 4 KiB blocks (at
 *                               multiples of 4 KiB) are all zero bytes (a
 *                               guest's memory: QEMU's RAM file, or "xl
 *                               dump-core" in dom0)
 *
 * Clients print "peer: ..." lines, servers "unet: ..." lines.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *who = "unet";

static void
die(const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", who);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(1);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
num(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno != 0 || *s == '\0' || *end != '\0' || v < min || v > max)
		die("bad number '%s'", s);
	return v;
}

static struct sockaddr_in
addr_of(const char *host, const char *port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)num(port, 1, 65535));
	if (inet_pton(AF_INET, host, &a.sin_addr) != 1)
		die("bad address '%s'", host);
	return a;
}

/* The stream: xorshift64*, 8 bytes a step, from a fixed seed. */
struct gen {
	uint64_t	s;
};

static void
gen_init(struct gen *g, uint64_t seed)
{
	g->s = seed * 0x9e3779b97f4a7c15ull + 0x6a09e667f3bcc909ull;
	if (g->s == 0)
		g->s = 1;
}

static void
gen_fill(struct gen *g, unsigned char *buf, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint64_t x;

		g->s ^= g->s >> 12;
		g->s ^= g->s << 25;
		g->s ^= g->s >> 27;
		x = g->s * 0x2545f4914f6cdd1dull;
		for (int k = 0; k < 8 && i < len; k++, i++)
			buf[i] = (unsigned char)(x >> (8 * k));
	}
}

static int
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
cmd_gen(int argc, char **argv)
{
	static unsigned char buf[65536];
	struct gen g;
	long long left;

	if (argc != 3)
		die("usage: unet gen SIZE");
	left = num(argv[2], 0, 1L << 40);
	gen_init(&g, 1);
	while (left > 0) {
		size_t n = left < (long long)sizeof(buf) ? (size_t)left :
		    sizeof(buf);

		gen_fill(&g, buf, n);
		if (write_all(1, buf, n) != 0)
			die("gen: write: %s", strerror(errno));
		left -= (long long)n;
	}
	return 0;
}

static int
listener(int type, const char *port)
{
	struct sockaddr_in a = addr_of("0.0.0.0", port);
	int one = 1, s;

	if ((s = socket(AF_INET, type, 0)) < 0)
		die("socket: %s", strerror(errno));
	if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0)
		die("setsockopt(SO_REUSEADDR): %s", strerror(errno));
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) != 0)
		die("bind(%s): %s", port, strerror(errno));
	if (type == SOCK_STREAM && listen(s, 128) != 0)
		die("listen: %s", strerror(errno));
	return s;
}

/*
 * Echo one connection until EOF, starting with the first bytes the
 * caller already read; 0 when all of it went back.
 */
static int
echo_conn(int c, const char *first, size_t nfirst)
{
	char buf[16384];
	ssize_t n;

	if (write_all(c, first, nfirst) != 0) {
		printf("unet: tcp-echo: write: %s\n", strerror(errno));
		return -1;
	}
	for (;;) {
		n = read(c, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			printf("unet: tcp-echo: read: %s\n", strerror(errno));
			return -1;
		}
		if (n == 0)
			return 0;
		if (write_all(c, buf, (size_t)n) != 0) {
			printf("unet: tcp-echo: write: %s\n", strerror(errno));
			return -1;
		}
	}
}

static int
cmd_tcp_echo(int argc, char **argv)
{
	int s, quit = 0, failed = 0;
	long conns = 0, secs;
	char first[5];
	size_t first_n;

	if (argc != 4)
		die("usage: unet tcp-echo PORT SECS");
	secs = num(argv[3], 1, 100000);
	s = listener(SOCK_STREAM, argv[2]);
	alarm((unsigned int)secs);
	printf("unet: tcp-echo: listening on port %s\n", argv[2]);
	fflush(stdout);
	while (!quit) {
		int c = accept(s, NULL, NULL), st;
		pid_t pid;

		if (c < 0) {
			if (errno == EINTR)
				continue;
			die("tcp-echo: accept: %s", strerror(errno));
		}
		conns++;
		/*
		 * One read here (it never waits for more than the peer sent
		 * at first): a connection whose first segment is "quit\n" is
		 * echoed here and ends the loop; the others each in a child,
		 * so that many run at once.
		 */
		first_n = 0;
		for (;;) {
			ssize_t n = read(c, first, sizeof(first));

			if (n < 0 && errno == EINTR)
				continue;
			if (n > 0)
				first_n = (size_t)n;
			break;
		}
		if (first_n == 5 && memcmp(first, "quit\n", 5) == 0) {
			(void)echo_conn(c, first, first_n);
			close(c);
			quit = 1;
			break;
		}
		if ((pid = fork()) < 0)
			die("tcp-echo: fork: %s", strerror(errno));
		if (pid == 0) {
			close(s);
			_exit(echo_conn(c, first, first_n) == 0 ? 0 : 1);
		}
		close(c);
		/* Reap the children done so far. */
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
			if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
				failed++;
	}
	close(s);
	for (;;) {
		int st;
		pid_t pid = waitpid(-1, &st, 0);

		if (pid < 0)
			break;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			failed++;
	}
	printf("unet: tcp-echo: %ld connections echoed (the last said quit), "
	    "%d failed\n", conns, failed);
	return failed == 0 ? 0 : 1;
}

static int
cmd_udp_echo(int argc, char **argv)
{
	char buf[65536];
	long n = 0, bytes = 0;
	int s;

	if (argc != 4)
		die("usage: unet udp-echo PORT SECS");
	s = listener(SOCK_DGRAM, argv[2]);
	alarm((unsigned int)num(argv[3], 1, 100000));
	printf("unet: udp-echo: listening on port %s\n", argv[2]);
	fflush(stdout);
	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t r = recvfrom(s, buf, sizeof(buf), 0,
		    (struct sockaddr *)&from, &fl);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			die("udp-echo: recvfrom: %s", strerror(errno));
		}
		if (fl != sizeof(from) || from.sin_family != AF_INET)
			die("udp-echo: recvfrom gave a source of %u bytes",
			    (unsigned int)fl);
		if (sendto(s, buf, (size_t)r, 0, (struct sockaddr *)&from,
		    fl) != r)
			die("udp-echo: sendto: %s", strerror(errno));
		if (r == 4 && memcmp(buf, "quit", 4) == 0)
			break;
		n++;
		bytes += r;
	}
	printf("unet: udp-echo: %ld datagrams echoed (%ld bytes), then "
	    "quit\n", n, bytes);
	return 0;
}

static int
cmd_wait(int argc, char **argv)
{
	char line[256];
	size_t len = 0;
	int s, c;

	if (argc != 4)
		die("usage: unet wait PORT SECS");
	s = listener(SOCK_STREAM, argv[2]);
	alarm((unsigned int)num(argv[3], 1, 100000));
	printf("unet: waiting for the peer's word on port %s\n", argv[2]);
	fflush(stdout);
	while ((c = accept(s, NULL, NULL)) < 0)
		if (errno != EINTR)
			die("wait: accept: %s", strerror(errno));
	while (len < sizeof(line) - 1) {
		ssize_t n = read(c, line + len, sizeof(line) - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (memchr(line, '\n', len) != NULL)
			break;
	}
	line[len] = '\0';
	line[strcspn(line, "\n")] = '\0';
	/* The answer tells the peer its word arrived (not just QEMU). */
	(void)write_all(c, "heard\n", 6);
	close(c);
	close(s);
	printf("unet: the peer says: %s\n", line);
	return strncmp(line, "ok", 2) == 0 ? 0 : 1;
}

/* A TCP connection to a, retried until deadline; -1 when none came. */
static int
connect_retry(const struct sockaddr_in *a, double deadline, int *tries)
{
	for (*tries = 1;; (*tries)++) {
		int s = socket(AF_INET, SOCK_STREAM, 0);

		if (s < 0)
			die("socket: %s", strerror(errno));
		if (connect(s, (const struct sockaddr *)a, sizeof(*a)) == 0)
			return s;
		close(s);
		if (now() >= deadline)
			return -1;
		usleep(500000);
	}
}

/*
 * Say TEXT to unet wait, which answers "heard": through QEMU's forward a
 * connection is accepted whether or not the guest listens yet, so only
 * the answer shows the word arrived; until then, try again.
 */
static int
cmd_tell(int argc, char **argv)
{
	struct sockaddr_in a;
	double deadline;
	char line[256];
	int tries = 0;

	who = "peer";
	if (argc != 6)
		die("usage: unet tell HOST PORT SECS TEXT");
	a = addr_of(argv[2], argv[3]);
	deadline = now() + num(argv[4], 1, 100000);
	snprintf(line, sizeof(line), "%s\n", argv[5]);
	for (;;) {
		struct timeval tv = { 10, 0 };
		char ans[8];
		ssize_t r = 0, n;
		int s = socket(AF_INET, SOCK_STREAM, 0);

		if (s < 0)
			die("socket: %s", strerror(errno));
		tries++;
		setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		if (connect(s, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		    write_all(s, line, strlen(line)) == 0)
			while (r < 6 && (n = read(s, ans + r,
			    sizeof(ans) - (size_t)r)) > 0)
				r += n;
		close(s);
		if (r == 6 && memcmp(ans, "heard\n", 6) == 0)
			break;
		if (now() >= deadline)
			die("%s:%s never heard '%s' (%d tries)", argv[2],
			    argv[3], argv[5], tries);
		usleep(500000);
	}
	printf("peer: told %s:%s '%s' (after %d tries)\n", argv[2], argv[3],
	    argv[5], tries);
	return 0;
}

/* Connection k's data: its own stream, 1 to 64 KiB long. */
#define CONN_MAX	1024
struct conn {
	int		fd;
	int		state;		/* 1 sending, 2 reading, 3 done */
	size_t		len, sent, got;
	unsigned char	*out, *in;
};

static size_t
conn_len(int k)
{
	return 1 + (size_t)((k * 7919u + 1) % 65536u);
}

static int
send_quit(const struct sockaddr_in *a, double deadline)
{
	char buf[8];
	int s, tries;
	ssize_t n;

	s = connect_retry(a, deadline, &tries);
	if (s < 0)
		return -1;
	if (write_all(s, "quit\n", 5) != 0)
		return -1;
	n = read(s, buf, sizeof(buf));
	close(s);
	return n == 5 ? 0 : -1;
}

/*
 * Open one connection and see its first byte echoed, so that it is up
 * end to end before the next one opens.  QEMU's forward listens with a
 * backlog of one: a burst of connects overflows it, the host's kernel
 * answers with SYN cookies, and some of those connections are reset
 * before QEMU ever accepts them (seen with Linux 6.1 on the host).
 * The connection is returned non-blocking.
 */
static int
open_one(const struct sockaddr_in *a, unsigned char first, double deadline)
{
	struct timeval tv = { 30, 0 };
	unsigned char b;
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		return -1;
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(s, (const struct sockaddr *)a, sizeof(*a)) != 0 ||
	    write_all(s, &first, 1) != 0 || read(s, &b, 1) != 1 ||
	    b != first || now() >= deadline) {
		int e = errno;

		close(s);
		errno = e != 0 ? e : EPROTO;
		return -1;
	}
	fcntl(s, F_SETFL, O_NONBLOCK);
	return s;
}

static int
cmd_conns(int argc, char **argv)
{
	static struct conn c[CONN_MAX];
	static struct pollfd pf[CONN_MAX];
	struct sockaddr_in a;
	double deadline;
	long n, left, bytes = 0;

	who = "peer";
	if (argc != 6)
		die("usage: unet conns HOST PORT N SECS");
	a = addr_of(argv[2], argv[3]);
	n = num(argv[4], 1, CONN_MAX);
	deadline = now() + num(argv[5], 1, 100000);
	for (int k = 0; k < n; k++) {
		struct gen g;

		c[k].len = conn_len(k);
		if ((c[k].out = malloc(c[k].len)) == NULL ||
		    (c[k].in = malloc(c[k].len)) == NULL)
			die("out of memory");
		gen_init(&g, 1000 + (uint64_t)k);
		gen_fill(&g, c[k].out, c[k].len);
		if ((c[k].fd = open_one(&a, c[k].out[0], deadline)) < 0)
			die("connection %d: no echo of its first byte: %s", k,
			    strerror(errno));
		c[k].sent = c[k].got = 1;
		c[k].in[0] = c[k].out[0];
		c[k].state = 1;
		bytes += (long)c[k].len;
	}
	/* All n are open at once; now each one's exchange, all together. */
	for (left = n; left > 0;) {
		int m = 0, r;
		int idx[CONN_MAX];

		for (int k = 0; k < n; k++) {
			if (c[k].state == 3)
				continue;
			pf[m].fd = c[k].fd;
			pf[m].events = c[k].state == 2 ? POLLIN : POLLOUT;
			pf[m].revents = 0;
			idx[m++] = k;
		}
		if (now() >= deadline)
			die("%ld of %ld connections unfinished after %s s", left,
			    n, argv[5]);
		r = poll(pf, (nfds_t)m, 1000);
		if (r < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		for (int i = 0; i < m && r > 0; i++) {
			struct conn *p = &c[idx[i]];
			int k = idx[i];
			ssize_t got;

			if (pf[i].revents == 0)
				continue;
			if (p->state == 1) {
				got = write(p->fd, p->out + p->sent,
				    p->len - p->sent);
				if (got < 0 && errno != EAGAIN)
					die("connection %d: write: %s", k,
					    strerror(errno));
				if (got > 0)
					p->sent += (size_t)got;
				if (p->sent == p->len) {
					shutdown(p->fd, SHUT_WR);
					p->state = 2;
				}
				continue;
			}
			/* Reading the echo; more than was sent is an error. */
			got = read(p->fd, p->in + p->got, p->len - p->got);
			if (got < 0 && errno == EAGAIN)
				continue;
			if (got < 0)
				die("connection %d: read: %s", k,
				    strerror(errno));
			if (got == 0 && p->got < p->len)
				die("connection %d: EOF after %zu of %zu bytes",
				    k, p->got, p->len);
			p->got += (size_t)got;
			if (p->got == p->len) {
				char extra;

				if (memcmp(p->in, p->out, p->len) != 0)
					die("connection %d: the echo differs "
					    "from what it sent", k);
				/* Then the server's EOF, nothing more. */
				fcntl(p->fd, F_SETFL, 0);
				if (read(p->fd, &extra, 1) != 0)
					die("connection %d: more than its own "
					    "data came back", k);
				close(p->fd);
				p->state = 3;
				left--;
			}
		}
	}
	printf("peer: %ld concurrent connections, each echoed its own data "
	    "intact (%ld bytes in all)\n", n, bytes);
	if (send_quit(&a, deadline) != 0)
		die("the echo server did not take quit");
	printf("peer: the echo server took quit\n");
	return 0;
}

static int
cmd_udp(int argc, char **argv)
{
	unsigned char out[1400], in[2048];
	struct sockaddr_in a;
	struct timeval tv = { 1, 0 };
	double deadline;
	long n, resent = 0;
	int s;

	who = "peer";
	if (argc != 6)
		die("usage: unet udp HOST PORT N SECS");
	a = addr_of(argv[2], argv[3]);
	n = num(argv[4], 1, 1000000);
	deadline = now() + num(argv[5], 1, 100000);
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		die("socket: %s", strerror(errno));
	if (connect(s, (struct sockaddr *)&a, sizeof(a)) != 0)
		die("connect: %s", strerror(errno));
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (long k = 0; k < n; k++) {
		size_t len = 1 + (size_t)(k * 37 % (long)sizeof(out));
		struct gen g;

		gen_init(&g, 5000 + (uint64_t)k);
		gen_fill(&g, out, len);
		/*
		 * A datagram (or its echo) may be lost: send it again after a
		 * second without its echo; echoes of earlier tries are
		 * skipped.
		 */
		for (;;) {
			ssize_t r;

			if (now() >= deadline)
				die("datagram %ld of %ld: no echo within %s s",
				    k, n, argv[5]);
			if (send(s, out, len, 0) != (ssize_t)len)
				die("send: %s", strerror(errno));
			for (;;) {
				r = recv(s, in, sizeof(in), 0);
				if (r < 0 || ((size_t)r == len &&
				    memcmp(in, out, len) == 0))
					break;
			}
			if (r >= 0)
				break;
			if (errno != EAGAIN && errno != EINTR &&
			    errno != ECONNREFUSED)
				die("recv: %s", strerror(errno));
			if (errno == ECONNREFUSED)	/* not listening yet */
				usleep(500000);
			resent++;
		}
	}
	printf("peer: %ld datagrams (1 to %zu bytes) echoed intact, %ld "
	    "sent again\n", n, sizeof(out), resent);
	for (int i = 0; i < 10; i++) {
		ssize_t r;

		send(s, "quit", 4, 0);
		r = recv(s, in, sizeof(in), 0);
		if (r == 4 && memcmp(in, "quit", 4) == 0) {
			printf("peer: the echo server took quit\n");
			return 0;
		}
	}
	die("the echo server did not take quit");
	return 1;
}

/* Retry until the TCP server echoes a short probe. */
static int
cmd_probe(int argc, char **argv)
{
	struct sockaddr_in a;
	double deadline;
	int tries = 0;

	who = "peer";
	if (argc != 5)
		die("usage: unet probe HOST PORT SECS");
	a = addr_of(argv[2], argv[3]);
	deadline = now() + num(argv[4], 1, 100000);
	for (;;) {
		char buf[16];
		int s = socket(AF_INET, SOCK_STREAM, 0);
		/*
		 * Long enough never to leave an echo under way (the guest's
		 * child would see its peer reset), short enough to retry.
		 */
		struct timeval tv = { 60, 0 };
		ssize_t r = -1;

		tries++;
		setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		if (connect(s, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		    write_all(s, "probe\n", 6) == 0) {
			ssize_t n;

			shutdown(s, SHUT_WR);
			/* The echo, in as many pieces as it comes, to EOF. */
			r = 0;
			while (r < (ssize_t)sizeof(buf) && (n = read(s,
			    buf + r, sizeof(buf) - (size_t)r)) > 0)
				r += n;
		}
		close(s);
		if (r == 6 && memcmp(buf, "probe\n", 6) == 0)
			break;
		if (now() >= deadline)
			die("no echo from %s:%s in %s s (%d tries)", argv[2],
			    argv[3], argv[4], tries);
		usleep(500000);
	}
	printf("peer: %s:%s echoes (after %d tries)\n", argv[2], argv[3],
	    tries);
	return 0;
}

/*
 * A port the guest does not listen on: its stack answers a SYN with a
 * reset.  Directly that is connect()'s ECONNREFUSED; through QEMU's
 * forward (-f) the host's connection is accepted by QEMU, then closed
 * when the guest resets QEMU's, and a refused connect() only means QEMU
 * is not listening yet.  Either must come within 10 s of the try;
 * tries that time out (the guest not up yet) are repeated until SECS.
 */
static int
cmd_closed(int argc, char **argv)
{
	struct sockaddr_in a;
	double deadline;
	int tries = 0, fwd = 0;

	who = "peer";
	if (argc == 6 && strcmp(argv[2], "-f") == 0) {
		fwd = 1;
		argv++;
		argc--;
	}
	if (argc != 5)
		die("usage: unet closed [-f] HOST PORT SECS");
	a = addr_of(argv[2], argv[3]);
	deadline = now() + num(argv[4], 1, 100000);
	for (;;) {
		static const char req[] = "GET / HTTP/1.0\r\n\r\n";
		struct timeval tv = { 10, 0 };
		double t = now();
		char buf[64];
		ssize_t r;
		int s = socket(AF_INET, SOCK_STREAM, 0), e;

		tries++;
		setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		if (connect(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
			e = errno;
			close(s);
			if (e == ECONNREFUSED && !fwd) {
				printf("peer: %s:%s refused the connection in "
				    "%.2f s (try %d): the guest's reset\n",
				    argv[2], argv[3], now() - t, tries);
				return 0;
			}
			printf("peer: try %d: connect: %s\n", tries,
			    strerror(e));
		} else {
			(void)write_all(s, req, sizeof(req) - 1);
			r = read(s, buf, sizeof(buf));
			e = errno;
			close(s);
			if (r > 0)
				die("%s:%s answered %zd bytes: something "
				    "listens there", argv[2], argv[3], r);
			if (r == 0 || e == ECONNRESET) {
				printf("peer: %s:%s (forwarded) was closed in "
				    "%.2f s (try %d, %s): the guest's reset\n",
				    argv[2], argv[3], now() - t, tries,
				    r == 0 ? "EOF" : "reset");
				return 0;
			}
			printf("peer: try %d: nothing within %.0f s (%s)\n",
			    tries, now() - t, strerror(e));
		}
		if (now() >= deadline)
			die("no reset from %s:%s in %s s (%d tries)", argv[2],
			    argv[3], argv[4], tries);
		usleep(500000);
	}
}

static int
cmd_zeropages(int argc, char **argv)
{
	static unsigned char buf[1 << 20];
	unsigned long zero = 0, blocks = 0;
	size_t have = 0;
	ssize_t r;
	int fd;

	if (argc != 3)
		die("usage: unet zeropages FILE");
	if ((fd = open(argv[2], O_RDONLY)) < 0)
		die("%s: %s", argv[2], strerror(errno));
	for (;;) {
		r = read(fd, buf + have, sizeof(buf) - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die("%s: %s", argv[2], strerror(errno));
		have += (size_t)r;
		/* Whole blocks only; a short last one is left out. */
		for (size_t off = 0; off + 4096 <= have; off += 4096) {
			size_t i = 0;

			while (i < 4096 && buf[off + i] == 0)
				i++;
			zero += i == 4096;
			blocks++;
		}
		if (r == 0)
			break;
		memmove(buf, buf + (have & ~(size_t)4095), have & 4095);
		have &= 4095;
	}
	close(fd);
	printf("%lu %lu\n", zero, blocks);
	return 0;
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2)
		die("usage: unet gen|tcp-echo|udp-echo|wait|tell|conns|udp|"
		    "probe|closed|zeropages ...");
	if (strcmp(argv[1], "gen") == 0)
		return cmd_gen(argc, argv);
	if (strcmp(argv[1], "tcp-echo") == 0)
		return cmd_tcp_echo(argc, argv);
	if (strcmp(argv[1], "udp-echo") == 0)
		return cmd_udp_echo(argc, argv);
	if (strcmp(argv[1], "wait") == 0)
		return cmd_wait(argc, argv);
	if (strcmp(argv[1], "tell") == 0)
		return cmd_tell(argc, argv);
	if (strcmp(argv[1], "conns") == 0)
		return cmd_conns(argc, argv);
	if (strcmp(argv[1], "udp") == 0)
		return cmd_udp(argc, argv);
	if (strcmp(argv[1], "probe") == 0)
		return cmd_probe(argc, argv);
	if (strcmp(argv[1], "closed") == 0)
		return cmd_closed(argc, argv);
	if (strcmp(argv[1], "zeropages") == 0)
		return cmd_zeropages(argc, argv);
	die("unknown command '%s'", argv[1]);
	return 1;
}
