/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* AF_UNIX addresses and control-message walking (see sock_calc.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <net/sock_calc.h>

#define SOCK_AF_UNIX	1
#define SOCK_MSG_CTRUNC	0x8

int
unix_addr_parse(const void *addr, uint32_t len, bool may_autobind,
    struct unix_name *out)
{
	const uint8_t *a = addr;
	uint16_t family;
	uint32_t n;

	if (may_autobind && len == UNIX_ADDR_HDR) {
		memcpy(&family, a, sizeof(family));
		return family == SOCK_AF_UNIX ? 1 : -EINVAL;
	}
	if (len <= UNIX_ADDR_HDR || len > UNIX_ADDR_MAX)
		return -EINVAL;
	memcpy(&family, a, sizeof(family));
	if (family != SOCK_AF_UNIX)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	n = len - UNIX_ADDR_HDR;
	if (a[UNIX_ADDR_HDR] == 0) {
		out->un_abstract = true;
		out->un_len = n;
		memcpy(out->un_path, a + UNIX_ADDR_HDR, n);
		return 0;
	}
	memcpy(out->un_path, a + UNIX_ADDR_HDR, n);
	out->un_path[n] = '\0';
	out->un_len = (uint32_t)strlen(out->un_path);
	return 0;
}

uint32_t
unix_addr_format(const struct unix_name *n, void *buf)
{
	uint8_t *b = buf;
	uint16_t family = SOCK_AF_UNIX;
	uint32_t len = n->un_len;

	memcpy(b, &family, sizeof(family));
	if (len == 0)
		return UNIX_ADDR_HDR;
	memcpy(b + UNIX_ADDR_HDR, n->un_path, len);
	if (!n->un_abstract && len < UNIX_PATH_MAX)
		b[UNIX_ADDR_HDR + len++] = '\0';
	return UNIX_ADDR_HDR + len;
}

int
sock_cmsg_next(const void *ctl, size_t len, size_t *off,
    struct sock_cmsghdr *h, const void **data, size_t *dlen)
{
	size_t at = *off;

	if (at > len || len - at < SOCK_CMSG_HDR)
		return 0;
	memcpy(h, (const char *)ctl + at, sizeof(*h));
	if (h->cmsg_len < SOCK_CMSG_HDR || h->cmsg_len > len - at)
		return -EINVAL;
	*data = (const char *)ctl + at + SOCK_CMSG_HDR;
	*dlen = (size_t)h->cmsg_len - SOCK_CMSG_HDR;
	/* The next one starts aligned; past the end means no more. */
	if (SOCK_CMSG_ALIGN(h->cmsg_len) > len - at)
		*off = len;
	else
		*off = at + (size_t)SOCK_CMSG_ALIGN(h->cmsg_len);
	return 1;
}

void
sock_cmsg_put(void *buf, size_t size, size_t *off, int level, int type,
    const void *data, size_t len, int *flags)
{
	struct sock_cmsghdr h;
	size_t room = *off <= size ? size - *off : 0;
	size_t want = SOCK_CMSG_LEN(len), space;

	if (room < SOCK_CMSG_HDR) {
		*flags |= SOCK_MSG_CTRUNC;
		return;
	}
	if (want > room) {
		*flags |= SOCK_MSG_CTRUNC;
		want = room;
	}
	h.cmsg_len = want;
	h.cmsg_level = level;
	h.cmsg_type = type;
	memcpy((char *)buf + *off, &h, sizeof(h));
	memcpy((char *)buf + *off + SOCK_CMSG_HDR, data, want - SOCK_CMSG_HDR);
	space = (size_t)SOCK_CMSG_SPACE(len);
	*off += space < room ? space : room;
}
