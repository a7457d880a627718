/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Parsing what xenstored answers, apart from the ring so that host unit
 * tests can feed it anything.  Uses no Xen header.  Every answer is
 * untrusted: lengths are the caller's, never a terminator's.
 */
#ifndef PV_XEN_XEN_STORE_PARSE_H
#define PV_XEN_XEN_STORE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Split a directory listing of len bytes (names, each ended by a NUL)
 * into at most max names (pointers into buf).  An empty listing (len 0,
 * or one lone NUL) has none.  -EINVAL for a name that has no NUL before
 * len, is empty, holds '/' or a byte outside printable ASCII, or is
 * longer than name_max; -E2BIG for more than max names.
 */
int	xs_dir_split(const char *buf, size_t len, const char **names,
	    unsigned int max, size_t name_max);

/*
 * A decimal value of len bytes (a trailing NUL allowed) no larger than
 * max: 0 and *out, or -EINVAL (empty, a non-digit, too large).
 */
int	xs_parse_uint(const char *s, size_t len, uint32_t max, uint32_t *out);

/*
 * Copy a value of len bytes (a trailing NUL allowed) into out (size
 * bytes) as a C string: 0, or -EINVAL when it holds a NUL or a byte
 * outside printable ASCII, or does not fit.
 */
int	xs_take_string(const char *s, size_t len, char *out, size_t size);

/*
 * A vCPU's cpu/N/availability as the toolstack writes it (a trailing NUL
 * allowed): 1 for "online", 0 for "offline", -EINVAL for anything else.
 */
int	xs_parse_availability(const char *s, size_t len);

/* The -errno an XS_ERROR answer names ("ENOENT"...); -EIO if unknown. */
int	xs_error_errno(const char *s, size_t len);

/*
 * What a message header from xenstored is, given the request in flight
 * (want_req_id, want_type; in_flight false when none is): checked in
 * this order, a payload longer than XS_P_PAYLOAD_MAX is XS_MSG_BAD, a
 * watch event XS_MSG_WATCH, an answer to another request (or to none)
 * XS_MSG_STRAY (dropped and counted), then XS_MSG_ERROR, XS_MSG_ANSWER,
 * or XS_MSG_WRONG_TYPE for an answer of another type than asked.
 */
#define XS_P_PAYLOAD_MAX	4096
#define XS_P_WATCH_EVENT	15	/* = XS_WATCH_EVENT of xs_wire.h */
#define XS_P_ERROR		16	/* = XS_ERROR */

enum xs_msg_kind {
	XS_MSG_BAD,
	XS_MSG_WATCH,
	XS_MSG_STRAY,
	XS_MSG_ERROR,
	XS_MSG_ANSWER,
	XS_MSG_WRONG_TYPE,
};

enum xs_msg_kind xs_classify(uint32_t type, uint32_t req_id, uint32_t len,
	    bool in_flight, uint32_t want_type, uint32_t want_req_id);

/*
 * A watch event's payload of len bytes: "path\0token\0".  0 with *path
 * and *token pointing into buf, or -EINVAL (a field missing, empty,
 * unterminated, not printable, or anything after the token).
 */
int	xs_watch_event_split(const char *buf, size_t len, const char **path,
	    const char **token);

/*
 * A MAC address as xenstore's "mac" key holds it: exactly six pairs of
 * hex digits separated by ':' (a trailing NUL allowed); 0 or -EINVAL.
 * A multicast address (low bit of the first byte) is refused too.
 */
int	xs_parse_mac(const char *s, size_t len, uint8_t mac[6]);

#endif /* PV_XEN_XEN_STORE_PARSE_H */
