/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The network device class (see pv_net.h, pv_net_drv.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_net.h>
#include <pv/common/pv_net_drv.h>

#define PV_NET_CLASS	"net"
#define PV_NET_MTU_DEF	1500

int
pv_net_register(struct pv_net *n, struct pv_dev *dev)
{
	if (n == NULL || n->n_ops == NULL || n->n_ops->no_send == NULL)
		return -EINVAL;
	n->n_rx = NULL;
	n->n_rx_arg = NULL;
	n->n_rx_dropped = 0;
	return pv_class_add(&n->n_inst, PV_NET_CLASS, dev);
}

void
pv_net_unregister(struct pv_net *n)
{
	pv_class_remove(&n->n_inst);
}

struct pv_net *
pv_net_get(unsigned int unit)
{
	struct pv_class_inst *ci = pv_class_get(PV_NET_CLASS, unit);

	return ci != NULL ? container_of(ci, struct pv_net, n_inst) : NULL;
}

unsigned int
pv_net_count(void)
{
	return pv_class_count(PV_NET_CLASS);
}

const char *
pv_net_name(const struct pv_net *n)
{
	return n->n_inst.ci_name;
}

void
pv_net_addr(const struct pv_net *n, uint8_t addr[PV_NET_ADDR_LEN])
{
	memcpy(addr, n->n_addr, PV_NET_ADDR_LEN);
}

unsigned int
pv_net_mtu(const struct pv_net *n)
{
	return n->n_mtu != 0 ? n->n_mtu : PV_NET_MTU_DEF;
}

bool
pv_net_link_up(const struct pv_net *n)
{
	return n->n_link_up;
}

uint64_t
pv_net_rx_dropped(const struct pv_net *n)
{
	return __atomic_load_n(&n->n_rx_dropped, __ATOMIC_RELAXED);
}

int
pv_net_send(struct pv_net *n, const struct pv_iov *iov, unsigned int niov)
{
	size_t len = 0;

	if (iov == NULL || niov == 0 || niov > PV_NET_IOV_MAX)
		return -EINVAL;
	for (unsigned int i = 0; i < niov; i++) {
		if (iov[i].iov_base == NULL && iov[i].iov_len != 0)
			return -EINVAL;
		if (iov[i].iov_len > PV_NET_HDR_LEN + pv_net_mtu(n))
			return -EINVAL;		/* also keeps len from wrapping */
		len += iov[i].iov_len;
	}
	if (len < PV_NET_HDR_LEN || len > PV_NET_HDR_LEN + pv_net_mtu(n))
		return -EINVAL;
	if (!n->n_link_up)
		return -ENETDOWN;
	return n->n_ops->no_send(n, iov, niov, len);
}

void
pv_net_set_rx(struct pv_net *n, pv_net_rx_fn rx, void *arg)
{
	/* Stop the old function first, so that no call pairs it with the
	 * new argument; then wait for calls under way to return. */
	__atomic_store_n(&n->n_rx, NULL, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&n->n_rx_busy, __ATOMIC_SEQ_CST) != 0)
		pv_yield();
	n->n_rx_arg = arg;
	__atomic_store_n(&n->n_rx, rx, __ATOMIC_RELEASE);
}

/* The function, then its argument, again if the function changed. */
void
pv_net_get_rx(const struct pv_net *n, pv_net_rx_fn *rx, void **arg)
{
	pv_net_rx_fn f;

	do {
		f = __atomic_load_n(&n->n_rx, __ATOMIC_SEQ_CST);
		*arg = __atomic_load_n(&n->n_rx_arg, __ATOMIC_SEQ_CST);
	} while (__atomic_load_n(&n->n_rx, __ATOMIC_SEQ_CST) != f);
	*rx = f;
}

void
pv_net_input(struct pv_net *n, const void *frame, size_t len)
{
	pv_net_rx_fn rx;

	__atomic_add_fetch(&n->n_rx_busy, 1, __ATOMIC_SEQ_CST);
	rx = __atomic_load_n(&n->n_rx, __ATOMIC_SEQ_CST);
	/* A frame the class could not send is not one to pass up either. */
	if (rx == NULL || len < PV_NET_HDR_LEN ||
	    len > PV_NET_HDR_LEN + pv_net_mtu(n))
		n->n_rx_dropped++;
	else
		rx(n->n_rx_arg, frame, len);
	__atomic_sub_fetch(&n->n_rx_busy, 1, __ATOMIC_SEQ_CST);
}
