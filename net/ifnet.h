/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The network interfaces as programs see them: through the SIOCGIF*
 * ioctls on any socket, through /proc/net/{dev,route} and through
 * netlink's RTM_GETLINK/GETADDR/GETROUTE (net/netlink.c).  This file
 * knows no TCP/IP stack: the stack (net/lwip/ifnet_lwip.c) registers a
 * struct ifnet_ops at boot that lists its interfaces and routes and
 * changes them; without one there are no interfaces (SIOCGIFCONF gives
 * none, /proc/net/dev has its header only).
 *
 * Names and numbers are Linux's: "lo" is index 1, the net class's
 * devices are "eth0", "eth1"...; flags IFF_*, link types ARPHRD_*.
 */
#ifndef NET_IFNET_H
#define NET_IFNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IFNET_NAMSIZ	16		/* IFNAMSIZ, with the NUL */

/* Linux's IFF_* (net/if.h). */
#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_LOOPBACK	0x8
#define IFF_RUNNING	0x40
#define IFF_MULTICAST	0x1000
#define IFF_LOWER_UP	0x10000		/* netlink's ifi_flags only */

/* Link types (if_arp.h). */
#define ARPHRD_ETHER	1
#define ARPHRD_LOOPBACK	772

/* Route flags (route.h). */
#define RTF_UP		0x0001
#define RTF_GATEWAY	0x0002
#define RTF_HOST	0x0004

struct ifnet_stats {
	uint64_t	 is_rx_bytes, is_rx_packets, is_rx_errs, is_rx_drop;
	uint64_t	 is_tx_bytes, is_tx_packets, is_tx_errs, is_tx_drop;
};

/* One interface, as the stack reports it (set by io_get). */
struct ifnet_info {
	char		 ii_name[IFNET_NAMSIZ];
	int		 ii_index;		/* 1 for lo, then 2... */
	uint32_t	 ii_flags;		/* IFF_* (no IFF_LOWER_UP) */
	uint16_t	 ii_type;		/* ARPHRD_* */
	uint8_t		 ii_hwaddr[6];		/* zeros for lo */
	uint32_t	 ii_mtu;
	uint32_t	 ii_txqlen;
	/* IPv4, host byte order; ii_addr 0: none. */
	uint32_t	 ii_addr, ii_mask, ii_bcast;
	struct ifnet_stats ii_st;
};

/* One route of the main table (host byte order). */
struct ifnet_route {
	int		 ir_index;		/* the interface */
	uint32_t	 ir_dst, ir_mask, ir_gw;
	uint32_t	 ir_src;		/* the interface's address */
	uint16_t	 ir_flags;		/* RTF_* */
};

/* What an ifnet_set changes. */
enum ifnet_what {
	IFNET_SET_ADDR,			/* val: the address */
	IFNET_SET_MASK,			/* val: the netmask */
	IFNET_SET_UP,			/* val: 1 up, 0 down */
	IFNET_SET_MTU,			/* val: the MTU */
	IFNET_SET_GW,			/* val: default gateway, 0: none */
};

/* Text a generator prints, line by line. */
typedef void (*ifnet_put_fn)(void *arg, const char *s, size_t len);

/* What the stack lists beside the interfaces, for /proc/net. */
enum ifnet_table {
	IFNET_TABLE_TCP,
	IFNET_TABLE_UDP,
	IFNET_TABLE_RAW,		/* lwIP's raw sockets are not built */
	IFNET_TABLE_N
};

/*
 * The stack's side.  Every entry may sleep (it takes the stack's lock);
 * none is called with interrupts off.
 */
struct ifnet_ops {
	/* The family of the addresses (AF_INET): sockets of it answer the
	 * address ioctls, as Linux's inet_ioctl. */
	int	 io_family;
	/* The nth interface (0..) in index order: 0, or -ENODEV past them. */
	int	(*io_get)(unsigned int nth, struct ifnet_info *out);
	/* The nth route: 0, or -ENOENT past them. */
	int	(*io_route)(unsigned int nth, struct ifnet_route *out);
	/* Change interface index: 0, -ENODEV, -EINVAL. */
	int	(*io_set)(int index, enum ifnet_what what, uint32_t val);
	/* /proc/net/tcp and udp: the header and a line per socket. */
	void	(*io_show)(enum ifnet_table t, ifnet_put_fn put, void *arg);
};

/* At boot, from the stack. */
void	ifnet_register(const struct ifnet_ops *ops);

/* Interface by position (0..), by index, by name: 0 or -ENODEV. */
int	ifnet_get(unsigned int nth, struct ifnet_info *out);
int	ifnet_by_index(int index, struct ifnet_info *out);
int	ifnet_by_name(const char *name, struct ifnet_info *out);
/* The nth route: 0 or -ENOENT. */
int	ifnet_route(unsigned int nth, struct ifnet_route *out);
/* Change interface index (the caller checked the capability). */
int	ifnet_set(int index, enum ifnet_what what, uint32_t val);
/* The index of the interface (up, not lo) whose subnet holds addr, or
 * -ENETUNREACH. */
int	ifnet_onlink(uint32_t addr);

/*
 * The interface ioctls (SIOCGIF*, SIOCSIF*, SIOCADDRT...) on a socket of
 * family: the result, or -ENOIOCTLCMD when req is none of them (the
 * family's own ioctl then answers).  arg is the caller's pointer.
 */
long	ifnet_ioctl(int family, unsigned long req, uint64_t arg);

/*
 * /sys/class/net/<name>/: the files of an interface's directory
 * (ifnet_sysfs_attrs, ifnet_sysfs_nattrs of them), and the text of one:
 * 0, -ENODEV (gone), or -EINVAL (carrier of an interface that is down,
 * as Linux).
 */
extern const char *const ifnet_sysfs_attrs[];
extern const unsigned int ifnet_sysfs_nattrs;
int	ifnet_show_sysfs(int index, unsigned int attr, ifnet_put_fn put,
	    void *arg);

/* /proc/net files: dev, route, and the stack's tables. */
void	ifnet_show_dev(ifnet_put_fn put, void *arg);
void	ifnet_show_route(ifnet_put_fn put, void *arg);
void	ifnet_show_table(enum ifnet_table t, ifnet_put_fn put, void *arg);

#endif /* NET_IFNET_H */
