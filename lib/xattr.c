/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Extended attributes' names and records (see xattr.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <lib/xattr.h>

static const struct {
	const char	*prefix;
	int		 ns;
} xattr_spaces[] = {
	{ "user.", XATTR_NS_USER },
	{ "trusted.", XATTR_NS_TRUSTED },
	{ "security.", XATTR_NS_SECURITY },
	{ "system.", XATTR_NS_SYSTEM },
};

/* The namespace of len bytes of name (no NUL needed), or -errno. */
static int
xattr_namespace_n(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(xattr_spaces) / sizeof(xattr_spaces[0]);
	    i++) {
		size_t n = strlen(xattr_spaces[i].prefix);

		if (len >= n && memcmp(name, xattr_spaces[i].prefix, n) == 0)
			return len == n ? -EINVAL : xattr_spaces[i].ns;
	}
	return -EOPNOTSUPP;
}

int
xattr_namespace(const char *name)
{
	return xattr_namespace_n(name, strlen(name));
}

int
xattr_flags_check(int flags, bool exists)
{
	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	if ((flags & XATTR_CREATE) && exists)
		return -EEXIST;
	if ((flags & XATTR_REPLACE) && !exists)
		return -ENODATA;
	return 0;
}

bool
xattr_caps_valid(const void *val, size_t size)
{
	/* Revisions 1, 2 and 3 and their sizes (linux/capability.h). */
	static const struct {
		uint32_t	 rev;
		size_t		 size;
	} revs[] = {
		{ 0x01000000, 12 }, { 0x02000000, 20 }, { 0x03000000, 24 },
	};
	uint32_t magic;

	if (size < sizeof(magic))
		return false;
	memcpy(&magic, val, sizeof(magic));
	for (size_t i = 0; i < sizeof(revs) / sizeof(revs[0]); i++)
		if ((magic & 0xff000000) == revs[i].rev)
			return size == revs[i].size;
	return false;
}

bool
xattr_blob_next(const void *blob, size_t len, size_t *pos,
    struct xattr_rec *r)
{
	const uint8_t *b = blob;
	size_t at = *pos;
	uint32_t vlen;

	if (at >= len || len - at < XATTR_REC_HEAD)
		return false;
	memcpy(&vlen, b + at + 1, sizeof(vlen));
	r->r_off = at;
	r->r_nlen = b[at];
	r->r_vlen = vlen;
	if (r->r_nlen == 0 || vlen > XATTR_SIZE_MAX ||
	    len - at - XATTR_REC_HEAD < r->r_nlen + r->r_vlen)
		return false;
	r->r_size = xattr_rec_size(r->r_nlen, r->r_vlen);
	r->r_name = (const char *)b + at + XATTR_REC_HEAD;
	r->r_val = b + at + XATTR_REC_HEAD + r->r_nlen;
	*pos = at + r->r_size;
	return true;
}

int
xattr_blob_find(const void *blob, size_t len, const char *name,
    struct xattr_rec *r)
{
	size_t pos = 0, n = strlen(name);

	while (xattr_blob_next(blob, len, &pos, r))
		if (r->r_nlen == n && memcmp(r->r_name, name, n) == 0)
			return 0;
	return -ENODATA;
}

size_t
xattr_blob_edit(const void *blob, size_t len, const struct xattr_rec *drop,
    const char *name, const void *val, size_t vlen, void *out)
{
	const uint8_t *b = blob;
	uint8_t *o = out;
	size_t done = 0;

	if (drop != NULL) {
		if (drop->r_off > 0)
			memcpy(o, b, drop->r_off);
		if (len > drop->r_off + drop->r_size)
			memcpy(o + drop->r_off, b + drop->r_off + drop->r_size,
			    len - drop->r_off - drop->r_size);
		done = len - drop->r_size;
	} else if (len > 0) {
		memcpy(o, b, len);
		done = len;
	}
	if (name != NULL) {
		size_t nlen = strlen(name);
		uint32_t v32 = (uint32_t)vlen;

		o[done] = (uint8_t)nlen;
		memcpy(o + done + 1, &v32, sizeof(v32));
		memcpy(o + done + XATTR_REC_HEAD, name, nlen);
		if (vlen > 0)
			memcpy(o + done + XATTR_REC_HEAD + nlen, val, vlen);
		done += xattr_rec_size(nlen, vlen);
	}
	return done;
}

long
xattr_blob_list(const void *blob, size_t len, unsigned int ns_mask,
    char *out, size_t size)
{
	struct xattr_rec r;
	size_t pos = 0, need = 0;

	while (xattr_blob_next(blob, len, &pos, &r)) {
		int ns = xattr_namespace_n(r.r_name, r.r_nlen);

		if (ns < 0 || !((unsigned int)ns & ns_mask))
			continue;
		if (size > 0) {
			if (size - need < r.r_nlen + 1)
				return -ERANGE;
			memcpy(out + need, r.r_name, r.r_nlen);
			out[need + r.r_nlen] = '\0';
		}
		need += r.r_nlen + 1;
	}
	return (long)need;
}
