/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * lwIP's configuration in Jiny's kernel (lwIP's opt.h gives every option
 * not named here its default).  What is built: IPv4 with ARP over
 * Ethernet, ICMP, UDP, TCP, the DHCP client, the loopback interface
 * (127.0.0.1), and the sequential netconn API on which the socket layer
 * builds (lwIP's own BSD socket layer stays out: the kernel has its own).
 * IPv6, IGMP, AutoIP, DNS, raw PCBs and PPP are off.
 * See docs/architecture.md ("lwIP").
 */
#ifndef NET_LWIP_INCLUDE_LWIPOPTS_H
#define NET_LWIP_INCLUDE_LWIPOPTS_H

/* Threads: lwIP's tcpip thread is a kernel thread (net/lwip/sys_arch.c). */
#define NO_SYS				0
#define SYS_LIGHTWEIGHT_PROT		1
/*
 * Core locking: a socket call (net/lwip/inet.c) takes the core lock and
 * runs in the caller's thread instead of posting a message and waiting
 * for the tcpip thread (two switches per call saved).  With
 * CORE_LOCKING_INPUT the driver's thread, too, takes the lock and runs a
 * received frame through the stack itself: one switch less per frame
 * (ring-0 request/response about 10 % more, 16 connections about 80 %;
 * bench/net.py, one round).  The drivers call the class's receive
 * function holding no lock of theirs, so a reply sent from there (an
 * ACK) is safe.  It was off for a while after a Xen guest crashed in
 * netfront's transmit path with it; that was the nested Xen delivering an
 * interrupt twice (arch/x86_64/trap.c), and 16 network cases of 16 pass
 * under Xen with it on since.
 * LWIP_ASSERT_CORE_LOCKED checks each core entry point is called with it
 * held (or from the tcpip thread).
 */
#define LWIP_TCPIP_CORE_LOCKING		1
#define LWIP_TCPIP_CORE_LOCKING_INPUT	1
#define LWIP_ASSERT_CORE_LOCKED()	sys_jiny_check_core_locking()
#define LWIP_MARK_TCPIP_THREAD()	sys_jiny_mark_tcpip_thread()
#define TCPIP_THREAD_NAME		"lwip-tcpip"
#define TCPIP_THREAD_STACKSIZE		0	/* kernel threads' own size */
#define TCPIP_THREAD_PRIO		0	/* kernel threads rank above
						 * programs already */
#define TCPIP_MBOX_SIZE			256
#define DEFAULT_THREAD_STACKSIZE	0
#define DEFAULT_UDP_RECVMBOX_SIZE	128
#define DEFAULT_TCP_RECVMBOX_SIZE	128
#define DEFAULT_RAW_RECVMBOX_SIZE	32
#define DEFAULT_ACCEPTMBOX_SIZE		128

/*
 * Memory: everything from the kernel heap (kmalloc).  MEM_LIBC_MALLOC
 * sends lwIP's heap (PBUF_RAM pbufs, which carry TCP's and UDP's data) to
 * kmalloc, and MEMP_MEM_MALLOC its fixed-size pools (PCBs, segments,
 * PBUF_POOL buffers, timeouts, messages) too.  Why not lwIP's own pools:
 * they would be static arrays sized for the worst case, held in the
 * image's bss whether networking is used or not (the 16 MiB guests boot
 * with little to spare), and a second allocator whose exhaustion the
 * kernel's statistics would not show.  kmalloc is interrupt-safe and
 * never sleeps, as lwIP requires of mem_malloc; it returns NULL when
 * memory runs out, which lwIP handles as ERR_MEM.  What bounds lwIP's
 * use instead are the windows, queues and mailboxes below.
 */
#define MEM_LIBC_MALLOC			1
#define MEMP_MEM_MALLOC			1
#define mem_clib_malloc			kmalloc
#define mem_clib_free			kfree
#define mem_clib_calloc			kcalloc
#define MEM_ALIGNMENT			8
#include <kernel/mm/kmalloc.h>

/* Protocols. */
#define LWIP_IPV4			1
#define LWIP_IPV6			0
#define LWIP_ARP			1
#define LWIP_ETHERNET			1
#define LWIP_ICMP			1
#define LWIP_UDP			1
#define LWIP_TCP			1
#define LWIP_DHCP			1
#define LWIP_DHCP_DOES_ACD_CHECK	0
#define LWIP_AUTOIP			0
#define LWIP_IGMP			0
#define LWIP_DNS			0
#define LWIP_RAW			0
#define PPP_SUPPORT			0
#define IP_FORWARD			0
#define IP_REASSEMBLY			1
#define IP_FRAG				1
#define ETHARP_SUPPORT_STATIC_ENTRIES	0
#define ARP_QUEUEING			1

/* Interfaces: the loopback one (127.0.0.1) and one per network device. */
#define LWIP_NETIF_LOOPBACK		1
#define LWIP_HAVE_LOOPIF		1
#define LWIP_LOOPBACK_MAX_PBUFS		0
#define LWIP_NETIF_STATUS_CALLBACK	1
#define LWIP_NETIF_LINK_CALLBACK	1
#define LWIP_NETIF_EXT_STATUS_CALLBACK	0
#define LWIP_SINGLE_NETIF		0
#define LWIP_NUM_NETIF_CLIENT_DATA	1	/* the socket layer's */

/*
 * TCP: Ethernet-sized segments and a window of 64 segments (scaled),
 * enough to keep a virtual link busy; SACK out, keepalive, the options
 * real servers set (the socket layer maps them).
 */
#define TCP_MSS				1460
#define LWIP_WND_SCALE			1
#define TCP_RCV_SCALE			2
#define TCP_WND				(64 * TCP_MSS)
#define TCP_SND_BUF			(64 * TCP_MSS)
#define TCP_SND_QUEUELEN		(4 * TCP_SND_BUF / TCP_MSS)
#define TCP_SNDLOWAT			(TCP_SND_BUF / 2)
#define TCP_OVERSIZE			TCP_MSS
#define TCP_LISTEN_BACKLOG		1
#define TCP_DEFAULT_LISTEN_BACKLOG	128
#define LWIP_TCP_SACK_OUT		1
#define LWIP_TCP_KEEPALIVE		1
#define TCP_QUEUE_OOSEQ			1
#define LWIP_TCP_TIMESTAMPS		0

/* The sequential API (netconn) for the socket layer; lwIP's own
 * sockets are not built. */
#define LWIP_NETCONN			1
#define LWIP_SOCKET			0
#define LWIP_NETIF_API			0
#define LWIP_SO_SNDTIMEO		1
#define LWIP_SO_RCVTIMEO		1
#define LWIP_SO_RCVBUF			1
#define LWIP_SO_LINGER			1
#define SO_REUSE			1
#define LWIP_NETBUF_RECVINFO		0
#define LWIP_NETCONN_SEM_PER_THREAD	0
#define LWIP_NETCONN_FULLDUPLEX		0

/* Checksums: computed and checked in software (no offload yet). */
#define LWIP_CHECKSUM_ON_COPY		1
#define LWIP_CHKSUM_ALGORITHM		3

/*
 * Statistics and debugging: off (assertions stay on: a kernel panic),
 * but for each interface's packet and byte counters (struct netif's
 * mib2_counters), which lo's lines of /proc/net/dev, ifconfig and
 * netlink show (net/lwip/ifnet_lwip.c).
 */
#define LWIP_STATS			1
#define LWIP_STATS_DISPLAY		0
#define LINK_STATS			0
#define ETHARP_STATS			0
#define IP_STATS			0
#define IPFRAG_STATS			0
#define ICMP_STATS			0
#define IGMP_STATS			0
#define UDP_STATS			0
#define TCP_STATS			0
#define MEM_STATS			0
#define MEMP_STATS			0
#define SYS_STATS			0
#define MIB2_STATS			1
#define MEM_OVERFLOW_CHECK		0
#define MEMP_OVERFLOW_CHECK		0

/* Functions of net/lwip/sys_arch.c named by the options above. */
void	sys_jiny_check_core_locking(void);
void	sys_jiny_mark_tcpip_thread(void);

#endif /* NET_LWIP_INCLUDE_LWIPOPTS_H */
