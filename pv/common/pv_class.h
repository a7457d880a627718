/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The registry behind every device class.  A class (net, 9p transport,
 * shared memory, balloon) keeps its instances here under a unit name
 * ("net0", "p9-1"...) given at registration; the class's caller API
 * (pv_net.h...) finds them here, its driver API (pv_net_drv.h...) puts
 * them here.  Neither callers nor drivers use this header directly.
 */
#ifndef PV_COMMON_PV_CLASS_H
#define PV_COMMON_PV_CLASS_H

#include <stdbool.h>

struct pv_dev;

#define PV_CLASS_NAME_MAX	16

struct pv_class_inst {
	const char		*ci_class;	/* "net" */
	unsigned int		 ci_unit;	/* 0, 1... in its class */
	char			 ci_name[PV_CLASS_NAME_MAX];	/* "net0" */
	struct pv_dev		*ci_dev;	/* the bus device, or NULL */
	struct pv_class_inst	*ci_next;
};

/*
 * Add ci to class (a string literal) under the next unit number; fills
 * ci_class, ci_unit, ci_name.  0, -EINVAL (NULL), -EEXIST (already in).
 */
int	pv_class_add(struct pv_class_inst *ci, const char *class,
	    struct pv_dev *dev);

/* Take ci out (a driver detaching); its unit number is not reused. */
void	pv_class_remove(struct pv_class_inst *ci);

/* The unit-th instance of class still registered, or NULL. */
struct pv_class_inst *pv_class_get(const char *class, unsigned int unit);

/*
 * The instance of class after prev (NULL: the first), in unit order, or
 * NULL.  prev must still be registered.
 */
struct pv_class_inst *pv_class_next(const char *class,
	    const struct pv_class_inst *prev);

/* The instance named name ("net0"), or NULL. */
struct pv_class_inst *pv_class_find(const char *name);

/* Instances of class registered now. */
unsigned int pv_class_count(const char *class);

/* Forget everything (host unit tests only). */
void	pv_class_reset(void);

#endif /* PV_COMMON_PV_CLASS_H */
