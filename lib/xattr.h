/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Extended attributes: the ABI's limits and flags, the namespaces a name
 * belongs to, and one node's attributes kept as a packed run of records
 * (a "blob"), with the pure operations on it: find, list, and rewrite
 * with one record dropped and/or one added.  A filesystem keeps the blob
 * and its memory; these functions never allocate.
 *
 * A record is: 1 byte name length (1..255), 4 bytes value length (little
 * endian, at most XATTR_SIZE_MAX), the name (with its prefix, no NUL),
 * the value.
 */
#ifndef LIB_XATTR_H
#define LIB_XATTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XATTR_NAME_MAX	255		/* bytes of a name, prefix included */
#define XATTR_SIZE_MAX	65536		/* bytes of a value */
#define XATTR_LIST_MAX	65536		/* bytes listxattr hands out */

#define XATTR_CREATE	0x1		/* setxattr: fail if it exists */
#define XATTR_REPLACE	0x2		/* setxattr: fail unless it exists */

/* Namespaces, as bits (for the mask of what a list shows). */
#define XATTR_NS_USER		0x1
#define XATTR_NS_TRUSTED	0x2
#define XATTR_NS_SECURITY	0x4
#define XATTR_NS_SYSTEM		0x8
#define XATTR_NS_ALL		0xf

/* The bytes of a record for a name of nlen bytes and a value of vlen. */
#define XATTR_REC_HEAD	5
static inline size_t
xattr_rec_size(size_t nlen, size_t vlen)
{
	return XATTR_REC_HEAD + nlen + vlen;
}

/*
 * The namespace of a name (XATTR_NS_*): -EOPNOTSUPP for an unknown
 * prefix (or none), -EINVAL for a known prefix with nothing after it.
 */
int	xattr_namespace(const char *name);

/*
 * setxattr's flags against whether the name exists: 0, -EINVAL for
 * unknown bits, -EEXIST (XATTR_CREATE), -ENODATA (XATTR_REPLACE).
 */
int	xattr_flags_check(int flags, bool exists);

/*
 * security.capability's value (struct vfs_cap_data, little endian): is
 * its revision one Linux knows, with that revision's size?  setxattr
 * refuses others with -EINVAL.
 */
#define XATTR_NAME_CAPS	"security.capability"
bool	xattr_caps_valid(const void *val, size_t size);

/* One record of a blob. */
struct xattr_rec {
	size_t		 r_off;		/* where it starts in the blob */
	size_t		 r_size;	/* its bytes (xattr_rec_size) */
	const char	*r_name;	/* not NUL-terminated */
	size_t		 r_nlen;
	const void	*r_val;
	size_t		 r_vlen;
};

/*
 * The record at *pos of blob (len bytes), and *pos moved past it; false
 * at the end, or at a record that does not fit (a blob these functions
 * made never has one).
 */
bool	xattr_blob_next(const void *blob, size_t len, size_t *pos,
	    struct xattr_rec *r);

/* The record for name (NUL-terminated): 0, or -ENODATA. */
int	xattr_blob_find(const void *blob, size_t len, const char *name,
	    struct xattr_rec *r);

/*
 * Copy blob into out without the record drop (NULL: none) and with a
 * record name = val (vlen bytes) at the end (name NULL: none).  out has
 * room for len - drop's size + the new record's; returns the bytes
 * written.  out must not overlap blob.
 */
size_t	xattr_blob_edit(const void *blob, size_t len,
	    const struct xattr_rec *drop, const char *name, const void *val,
	    size_t vlen, void *out);

/*
 * listxattr: the names of blob whose namespace is in ns_mask, each
 * NUL-terminated, into out (size bytes).  size 0: the bytes needed, out
 * untouched; too small: -ERANGE; else the bytes written.
 */
long	xattr_blob_list(const void *blob, size_t len, unsigned int ns_mask,
	    char *out, size_t size);

#endif /* LIB_XATTR_H */
