/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The device-class registry (see pv_class.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/spinlock.h>
#include <pv/common/pv_class.h>

static struct pv_class_inst *pv_class_list;
static struct spinlock pv_class_lock;

/* Units handed out so far, per class seen (a handful of classes). */
#define PV_CLASS_KINDS	8
static struct {
	const char	*class;
	unsigned int	 next;
} pv_class_units[PV_CLASS_KINDS];

static int
pv_class_next_unit(const char *class, unsigned int *unit)
{
	for (unsigned int i = 0; i < PV_CLASS_KINDS; i++) {
		if (pv_class_units[i].class == NULL)
			pv_class_units[i].class = class;
		if (strcmp(pv_class_units[i].class, class) == 0) {
			*unit = pv_class_units[i].next++;
			return 0;
		}
	}
	return -ENOSPC;
}

int
pv_class_add(struct pv_class_inst *ci, const char *class, struct pv_dev *dev)
{
	struct pv_class_inst *p;
	bool on;
	int error;

	if (ci == NULL || class == NULL || class[0] == '\0' ||
	    strlen(class) > PV_CLASS_NAME_MAX - 6)
		return -EINVAL;
	on = spin_lock_irqsave(&pv_class_lock);
	for (p = pv_class_list; p != NULL; p = p->ci_next)
		if (p == ci) {
			spin_unlock_irqrestore(&pv_class_lock, on);
			return -EEXIST;
		}
	if ((error = pv_class_next_unit(class, &ci->ci_unit)) != 0) {
		spin_unlock_irqrestore(&pv_class_lock, on);
		return error;
	}
	ci->ci_class = class;
	ci->ci_dev = dev;
	fmt_snprintf(ci->ci_name, sizeof(ci->ci_name), "%s%u", class,
	    ci->ci_unit);
	/* Kept in registration order: unit numbers ascend. */
	ci->ci_next = NULL;
	if (pv_class_list == NULL) {
		pv_class_list = ci;
	} else {
		for (p = pv_class_list; p->ci_next != NULL; p = p->ci_next)
			;
		p->ci_next = ci;
	}
	spin_unlock_irqrestore(&pv_class_lock, on);
	return 0;
}

void
pv_class_remove(struct pv_class_inst *ci)
{
	bool on = spin_lock_irqsave(&pv_class_lock);

	for (struct pv_class_inst **pp = &pv_class_list; *pp != NULL;
	    pp = &(*pp)->ci_next)
		if (*pp == ci) {
			*pp = ci->ci_next;
			ci->ci_next = NULL;
			break;
		}
	spin_unlock_irqrestore(&pv_class_lock, on);
}

struct pv_class_inst *
pv_class_get(const char *class, unsigned int unit)
{
	struct pv_class_inst *p;
	bool on = spin_lock_irqsave(&pv_class_lock);

	for (p = pv_class_list; p != NULL; p = p->ci_next)
		if (strcmp(p->ci_class, class) == 0 && p->ci_unit == unit)
			break;
	spin_unlock_irqrestore(&pv_class_lock, on);
	return p;
}

struct pv_class_inst *
pv_class_next(const char *class, const struct pv_class_inst *prev)
{
	struct pv_class_inst *p;
	bool on = spin_lock_irqsave(&pv_class_lock);

	p = prev != NULL ? prev->ci_next : pv_class_list;
	while (p != NULL && strcmp(p->ci_class, class) != 0)
		p = p->ci_next;
	spin_unlock_irqrestore(&pv_class_lock, on);
	return p;
}

struct pv_class_inst *
pv_class_find(const char *name)
{
	struct pv_class_inst *p;
	bool on = spin_lock_irqsave(&pv_class_lock);

	for (p = pv_class_list; p != NULL; p = p->ci_next)
		if (strcmp(p->ci_name, name) == 0)
			break;
	spin_unlock_irqrestore(&pv_class_lock, on);
	return p;
}

unsigned int
pv_class_count(const char *class)
{
	unsigned int n = 0;
	bool on = spin_lock_irqsave(&pv_class_lock);

	for (struct pv_class_inst *p = pv_class_list; p != NULL; p = p->ci_next)
		n += strcmp(p->ci_class, class) == 0;
	spin_unlock_irqrestore(&pv_class_lock, on);
	return n;
}

void
pv_class_reset(void)
{
	pv_class_list = NULL;
	memset(pv_class_units, 0, sizeof(pv_class_units));
}
