/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The shared-memory class (see pv_shmem.h, pv_shmem_drv.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <pv/common/pv_shmem.h>
#include <pv/common/pv_shmem_drv.h>

#define PV_SHMEM_CLASS	"shm"

int
pv_shmem_register(struct pv_shmem *s, struct pv_dev *dev)
{
	if (s == NULL || s->s_ops == NULL || s->s_base == NULL ||
	    s->s_size == 0)
		return -EINVAL;
	return pv_class_add(&s->s_inst, PV_SHMEM_CLASS, dev);
}

void
pv_shmem_unregister(struct pv_shmem *s)
{
	pv_class_remove(&s->s_inst);
}

struct pv_shmem *
pv_shmem_get(unsigned int unit)
{
	struct pv_class_inst *ci = pv_class_get(PV_SHMEM_CLASS, unit);

	return ci != NULL ? container_of(ci, struct pv_shmem, s_inst) : NULL;
}

unsigned int
pv_shmem_count(void)
{
	return pv_class_count(PV_SHMEM_CLASS);
}

const char *
pv_shmem_name(const struct pv_shmem *s)
{
	return s->s_inst.ci_name;
}

size_t
pv_shmem_size(const struct pv_shmem *s)
{
	return s->s_size;
}

volatile void *
pv_shmem_at(struct pv_shmem *s, size_t off, size_t len)
{
	if (off > s->s_size || len > s->s_size - off)
		return NULL;
	return (volatile char *)s->s_base + off;
}

int
pv_shmem_notify(struct pv_shmem *s, uint32_t peer, uint32_t value)
{
	if (s->s_ops->so_notify == NULL)
		return -ENOTSUP;
	return s->s_ops->so_notify(s, peer, value);
}
