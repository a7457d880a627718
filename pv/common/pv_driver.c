/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The device registry and the probe: buses enumerate, drivers match and
 * attach (see pv_driver.h, pv_bus.h).  Devices live in a fixed table, so
 * the registry allocates nothing and runs the same on the host.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <pv/common/pv_bus.h>
#include <pv/common/pv_dev.h>
#include <pv/common/pv_driver.h>
#include <kernel/log/printk.h>

static struct pv_dev pv_devs[PV_DEV_MAX];
static unsigned int pv_ndevs;

int
pv_dev_add(const struct pv_dev *d)
{
	struct pv_dev *n;

	if (d->dv_from == NULL || d->dv_from->pb_ident == NULL ||
	    d->dv_from->pb_resources == NULL)
		return -EINVAL;
	if (pv_ndevs == PV_DEV_MAX)
		return -ENOSPC;
	n = &pv_devs[pv_ndevs];
	*n = *d;
	n->dv_name[sizeof(n->dv_name) - 1] = '\0';
	n->dv_driver = NULL;
	n->dv_softc = NULL;
	n->dv_next = NULL;
	if (pv_ndevs > 0)
		pv_devs[pv_ndevs - 1].dv_next = n;
	pv_ndevs++;
	return 0;
}

enum pv_bus_kind
pv_dev_bus(const struct pv_dev *d)
{
	return d->dv_from->pb_kind;
}

void
pv_dev_reset(void)
{
	memset(pv_devs, 0, sizeof(pv_devs));
	pv_ndevs = 0;
}

unsigned int
pv_dev_count(void)
{
	return pv_ndevs;
}

void
pv_dev_foreach(void (*fn)(const struct pv_dev *, void *), void *arg)
{
	for (unsigned int i = 0; i < pv_ndevs; i++)
		fn(&pv_devs[i], arg);
}

static int pv_dev_describe_raw(const struct pv_dev *d, char *buf,
    unsigned int size);

int
pv_dev_describe(const struct pv_dev *d, char *buf, unsigned int size)
{
	int n = pv_dev_describe_raw(d, buf, size);
	unsigned int end = size == 0 ? 0 :
	    (unsigned int)n < size ? (unsigned int)n : size - 1;

	/* No trailing blanks when the last column is empty. */
	while (end > 0 && buf[end - 1] == ' ')
		buf[--end] = '\0';
	return (unsigned int)n < size ? (int)end : n;
}

/* Bus, place, identity, driver, then what the bus says of resources. */
static int
pv_dev_describe_raw(const struct pv_dev *d, char *buf, unsigned int size)
{
	const struct pv_bus *b = d->dv_from;
	unsigned int n;

#define PV_DEV_REST	(n < size ? buf + n : NULL), (n < size ? size - n : 0)
	n = (unsigned int)fmt_snprintf(buf, size, "%-7s %-10s ", b->pb_name,
	    d->dv_name);
	n += (unsigned int)b->pb_ident(d, PV_DEV_REST);
	n += (unsigned int)fmt_snprintf(PV_DEV_REST, "  %-12s",
	    d->dv_driver != NULL ? d->dv_driver->pd_name : "-");
	n += (unsigned int)b->pb_resources(d, PV_DEV_REST);
#undef PV_DEV_REST
	return (int)n;
}

static void
pv_dev_log(const struct pv_dev *d)
{
	char line[384];

	pv_dev_describe(d, line, sizeof(line));
	printk(LOG_INFO, "pv: %s\n", line);
}

int
pv_probe_tables(const struct pv_bus *const *b0, const struct pv_bus *const *b1,
    const struct pv_driver *const *d0, const struct pv_driver *const *d1)
{
	unsigned int first = pv_ndevs;

	for (const struct pv_bus *const *b = b0; b < b1; b++) {
		int error = (*b)->pb_enumerate(*b);

		if (error < 0 && error != -ENODEV)
			pr_err("pv: bus %s: enumeration failed: %d\n",
			    (*b)->pb_name, error);
	}
	for (unsigned int i = first; i < pv_ndevs; i++) {
		struct pv_dev *dev = &pv_devs[i];

		for (const struct pv_driver *const *d = d0; d < d1; d++) {
			int error;

			if (!(*d)->pd_match(dev))
				continue;
			if ((error = (*d)->pd_attach(dev)) != 0) {
				pr_err("pv: %s %s: %s: attach failed: %d\n",
				    dev->dv_from->pb_name, dev->dv_name,
				    (*d)->pd_name, error);
				continue;
			}
			dev->dv_driver = *d;
			break;
		}
		pv_dev_log(dev);
	}
	return (int)(pv_ndevs - first);
}

#ifndef JINY_HOST
extern const struct pv_driver *const __start_pv_drivers[], *const __stop_pv_drivers[];
extern const struct pv_bus *const __start_pv_buses[], *const __stop_pv_buses[];

unsigned int
pv_driver_count(void)
{
	return (unsigned int)(__stop_pv_drivers - __start_pv_drivers);
}

int
pv_probe(void)
{
	return pv_probe_tables(__start_pv_buses, __stop_pv_buses,
	    __start_pv_drivers, __stop_pv_drivers);
}
#endif /* !JINY_HOST */
