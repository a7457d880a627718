/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The network device class, as its drivers see it.  A driver embeds a
 * struct pv_net in its softc, fills the address, MTU and ops, and
 * registers it from attach; it hands received frames up with
 * pv_net_input from its receive thread.
 */
#ifndef PV_COMMON_PV_NET_DRV_H
#define PV_COMMON_PV_NET_DRV_H

#include <pv/common/pv_class.h>
#include <pv/common/pv_net.h>

struct pv_net_ops {
	/*
	 * Queue one frame of len bytes (pieces already checked by the
	 * class): 0, or -EAGAIN when the ring is full.
	 */
	int	(*no_send)(struct pv_net *, const struct pv_iov *iov,
		    unsigned int niov, size_t len);
};

struct pv_net {
	struct pv_class_inst	 n_inst;
	const struct pv_net_ops	*n_ops;
	uint8_t			 n_addr[PV_NET_ADDR_LEN];
	unsigned int		 n_mtu;		/* 0: 1500 */
	bool			 n_link_up;
	pv_net_rx_fn		 n_rx;		/* the class's */
	void			*n_rx_arg;
	uint32_t		 n_rx_busy;	/* calls of n_rx under way */
	uint64_t		 n_rx_dropped;	/* no taker, or too long */
	void			*n_softc;	/* the driver's */
};

/* Register n (ops and address set) for dev: 0 or -errno. */
int	pv_net_register(struct pv_net *n, struct pv_dev *dev);
void	pv_net_unregister(struct pv_net *n);

/* A frame arrived: hand it to the taker (thread context only). */
void	pv_net_input(struct pv_net *n, const void *frame, size_t len);

#endif /* PV_COMMON_PV_NET_DRV_H */
