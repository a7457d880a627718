/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The network device class, as its callers (the network stack) see it:
 * find a device, read its address and MTU, send Ethernet frames, and
 * take the frames it receives.  Drivers (virtio-net, netfront) plug in
 * through pv_net_drv.h; nothing here names one.
 */
#ifndef PV_COMMON_PV_NET_H
#define PV_COMMON_PV_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PV_NET_ADDR_LEN	6
#define PV_NET_HDR_LEN	14	/* Ethernet header, no VLAN tag */
#define PV_NET_IOV_MAX	8	/* pieces of one frame */

struct pv_net;

/* A piece of a frame in kernel memory. */
struct pv_iov {
	const void	*iov_base;
	size_t		 iov_len;
};

/*
 * Called with each frame received, in thread context (the driver's
 * receive thread, never an interrupt handler); the frame is the
 * driver's until the call returns.
 */
typedef void (*pv_net_rx_fn)(void *arg, const void *frame, size_t len);

/* The unit-th network device ("net<unit>"), or NULL. */
struct pv_net *pv_net_get(unsigned int unit);
unsigned int pv_net_count(void);

const char *pv_net_name(const struct pv_net *n);	/* "net0" */
void	pv_net_addr(const struct pv_net *n, uint8_t addr[PV_NET_ADDR_LEN]);
/* Largest payload after the Ethernet header (1500 by default). */
unsigned int pv_net_mtu(const struct pv_net *n);
bool	pv_net_link_up(const struct pv_net *n);
/* Frames received that nobody took or that were too long. */
uint64_t pv_net_rx_dropped(const struct pv_net *n);

/*
 * Send one frame given as niov pieces (header first).  0 once the
 * driver has it; -EINVAL for no pieces, more than PV_NET_IOV_MAX, or a
 * frame shorter than a header or longer than header + MTU; -EAGAIN when
 * the transmit ring is full; -ENETDOWN when the link is down.
 */
int	pv_net_send(struct pv_net *n, const struct pv_iov *iov,
	    unsigned int niov);

/*
 * Deliver received frames to rx(arg, ...); NULL stops delivery.  On
 * return no call of the previous function is under way (the caller
 * may free what arg points to); not to be called from that function.
 */
void	pv_net_set_rx(struct pv_net *n, pv_net_rx_fn rx, void *arg);

/*
 * The current taker, so that a caller that borrows the device (an
 * in-kernel test) can give it back with pv_net_set_rx.
 */
void	pv_net_get_rx(const struct pv_net *n, pv_net_rx_fn *rx, void **arg);

#endif /* PV_COMMON_PV_NET_H */
