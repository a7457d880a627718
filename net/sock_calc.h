/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The pure parts of sockets (sock_calc.c), tested on the host: AF_UNIX
 * addresses as Linux reads them, and walking a control-message buffer
 * whatever lengths it claims.
 */
#ifndef NET_SOCK_CALC_H
#define NET_SOCK_CALC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UNIX_PATH_MAX	108
#define UNIX_ADDR_HDR	2		/* sun_family */
#define UNIX_ADDR_MAX	(UNIX_ADDR_HDR + UNIX_PATH_MAX)

/* An AF_UNIX name: a path, or an abstract name (its first byte 0). */
struct unix_name {
	uint32_t	 un_len;	/* bytes of un_path used; 0: none */
	bool		 un_abstract;
	char		 un_path[UNIX_PATH_MAX + 1];	/* a path ends in NUL */
};

/*
 * A struct sockaddr_un of len bytes, for bind (may_autobind: the family
 * alone asks for a name to be made: 1) or connect and sendto: 0 and
 * *out, 1, or -EINVAL (length outside 3..110 -- 2 for bind --, a family
 * not AF_UNIX).  A path ends at its first NUL or at len.
 */
int	unix_addr_parse(const void *addr, uint32_t len, bool may_autobind,
	    struct unix_name *out);

/*
 * The sockaddr_un of a name into buf (UNIX_ADDR_MAX bytes): its length,
 * as getsockname reports it (a path counts its NUL; no name: 2).
 */
uint32_t unix_addr_format(const struct unix_name *n, void *buf);

/* struct cmsghdr of the Linux x86_64 ABI. */
struct sock_cmsghdr {
	uint64_t	 cmsg_len;
	int32_t		 cmsg_level;
	int32_t		 cmsg_type;
};

#define SOCK_CMSG_ALIGN(n)	(((n) + 7) & ~(uint64_t)7)
#define SOCK_CMSG_HDR		sizeof(struct sock_cmsghdr)
#define SOCK_CMSG_LEN(n)	(SOCK_CMSG_HDR + (n))
#define SOCK_CMSG_SPACE(n)	(SOCK_CMSG_HDR + SOCK_CMSG_ALIGN(n))

/*
 * Walk a control buffer (ctl, len bytes, kernel memory) as a send does:
 * from *off (0 at first), the next message's header (*h) and data
 * (*data, *dlen) and *off past it.  1: a message; 0: no more (less than
 * a header left); -EINVAL: a cmsg_len below the header or past the
 * buffer's end.
 */
int	sock_cmsg_next(const void *ctl, size_t len, size_t *off,
	    struct sock_cmsghdr *h, const void **data, size_t *dlen);

/*
 * Put one control message (level, type, len bytes of data) at *off of a
 * receive's buffer of size bytes, as Linux does: what fits is copied
 * (cut, and *flags gets MSG_CTRUNC when it does not all fit; nothing
 * under a header's size), *off moves past it (aligned, within size).
 */
void	sock_cmsg_put(void *buf, size_t size, size_t *off, int level,
	    int type, const void *data, size_t len, int *flags);

#endif /* NET_SOCK_CALC_H */
