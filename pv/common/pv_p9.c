/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The 9P transport class (see pv_p9.h, pv_p9_drv.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <pv/common/pv_p9.h>
#include <pv/common/pv_p9_drv.h>

#define PV_P9_CLASS	"p9-"

int
pv_p9_register(struct pv_p9 *t, struct pv_dev *dev)
{
	size_t n;

	if (t == NULL || t->p_ops == NULL || t->p_ops->po_exchange == NULL ||
	    t->p_msize < PV_P9_HDR_LEN)
		return -EINVAL;
	n = strnlen(t->p_tag, sizeof(t->p_tag));
	if (n == 0 || n == sizeof(t->p_tag))
		return -EINVAL;		/* no tag, or no NUL */
	if (pv_p9_find(t->p_tag) != NULL)
		return -EEXIST;
	return pv_class_add(&t->p_inst, PV_P9_CLASS, dev);
}

void
pv_p9_unregister(struct pv_p9 *t)
{
	pv_class_remove(&t->p_inst);
}

struct pv_p9 *
pv_p9_find(const char *tag)
{
	const struct pv_class_inst *ci = NULL;

	while ((ci = pv_class_next(PV_P9_CLASS, ci)) != NULL) {
		struct pv_p9 *t = container_of(ci, struct pv_p9, p_inst);

		if (strcmp(t->p_tag, tag) == 0)
			return t;
	}
	return NULL;
}

unsigned int
pv_p9_count(void)
{
	return pv_class_count(PV_P9_CLASS);
}

const char *
pv_p9_tag(const struct pv_p9 *t)
{
	return t->p_tag;
}

uint32_t
pv_p9_msize(const struct pv_p9 *t)
{
	return t->p_msize;
}

static uint32_t
pv_p9_size_field(const void *msg)
{
	const uint8_t *b = msg;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[3] << 24;
}

long
pv_p9_request(struct pv_p9 *t, const void *req, size_t req_len, void *rsp,
    size_t rsp_max)
{
	long n;

	if (req == NULL || rsp == NULL || req_len < PV_P9_HDR_LEN ||
	    req_len > t->p_msize || pv_p9_size_field(req) != req_len)
		return -EINVAL;
	if (rsp_max < PV_P9_HDR_LEN)
		return -EMSGSIZE;
	if (rsp_max > t->p_msize)
		rsp_max = t->p_msize;
	n = t->p_ops->po_exchange(t, req, req_len, rsp, rsp_max);
	if (n < 0)
		return n;
	/* The device's word, then the message's own, must agree. */
	if ((size_t)n > rsp_max)
		return -EMSGSIZE;
	if (n < PV_P9_HDR_LEN || pv_p9_size_field(rsp) != (uint32_t)n)
		return -EIO;
	return n;
}
