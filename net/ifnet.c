/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The interfaces seen from programs (see ifnet.h): the ioctls Linux
 * answers on any socket (its dev_ioctl) and, on sockets of the stack's
 * address family, the address and route ioctls (its inet_ioctl), and
 * the text of /proc/net/dev and /proc/net/route.  Checks in Linux's
 * order: the request, the capability, the caller's memory, the device.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/user.h>
#include <kernel/proc/proc.h>
#include <net/ifnet.h>

/* The requests (linux/sockios.h). */
#define SIOCADDRT	0x890b
#define SIOCDELRT	0x890c
#define SIOCGIFNAME	0x8910
#define SIOCGIFCONF	0x8912
#define SIOCGIFFLAGS	0x8913
#define SIOCSIFFLAGS	0x8914
#define SIOCGIFADDR	0x8915
#define SIOCSIFADDR	0x8916
#define SIOCGIFDSTADDR	0x8917
#define SIOCSIFDSTADDR	0x8918
#define SIOCGIFBRDADDR	0x8919
#define SIOCSIFBRDADDR	0x891a
#define SIOCGIFNETMASK	0x891b
#define SIOCSIFNETMASK	0x891c
#define SIOCGIFMETRIC	0x891d
#define SIOCSIFMETRIC	0x891e
#define SIOCGIFMTU	0x8921
#define SIOCSIFMTU	0x8922
#define SIOCGIFHWADDR	0x8927
#define SIOCGIFINDEX	0x8933
#define SIOCGIFTXQLEN	0x8942
#define SIOCGIFMAP	0x8970
#define SIOCPROTOPRIVATE 0x89e0		/* ..0x89ef: the family's */
#define SIOCDEVPRIVATE	0x89f0		/* ..0x89ff: the driver's */

#define IFNET_AF_INET	2		/* sin_family */
#define IFNET_MTU_MIN	68		/* an Ethernet's, as Linux */

/* struct ifreq of the x86_64 ABI: a name and a 24-byte union. */
struct ifnet_ifreq {
	char		 ifr_name[IFNET_NAMSIZ];
	union {
		struct {
			uint16_t sa_family;
			uint8_t	 sa_data[14];
		}	 ifr_addr;
		int16_t	 ifr_flags;
		int32_t	 ifr_ivalue;	/* index, metric, MTU, qlen */
		uint8_t	 ifr_raw[24];	/* struct ifmap, the largest */
	};
};
_Static_assert(sizeof(struct ifnet_ifreq) == 40, "struct ifreq");

/* struct ifconf */
struct ifnet_ifconf {
	int32_t		 ifc_len;
	uint32_t	 pad;
	uint64_t	 ifc_buf;
};

/* struct rtentry (x86_64) */
struct ifnet_rtentry {
	uint64_t	 rt_pad1;
	uint8_t		 rt_dst[16];
	uint8_t		 rt_gateway[16];
	uint8_t		 rt_genmask[16];
	uint16_t	 rt_flags;
	int16_t		 rt_pad2;
	uint64_t	 rt_pad3;
	uint64_t	 rt_pad4;
	int16_t		 rt_metric;
	uint64_t	 rt_dev;	/* a user pointer to a name, or 0 */
	uint64_t	 rt_mtu, rt_window;
	uint16_t	 rt_irtt;
};
_Static_assert(sizeof(struct ifnet_rtentry) == 120, "struct rtentry");

static const struct ifnet_ops *ifnet_ops;

void
ifnet_register(const struct ifnet_ops *ops)
{
	ifnet_ops = ops;
}

int
ifnet_get(unsigned int nth, struct ifnet_info *out)
{
	memset(out, 0, sizeof(*out));
	if (ifnet_ops == NULL)
		return -ENODEV;
	return ifnet_ops->io_get(nth, out);
}

int
ifnet_by_index(int index, struct ifnet_info *out)
{
	for (unsigned int i = 0; ifnet_get(i, out) == 0; i++)
		if (out->ii_index == index)
			return 0;
	return -ENODEV;
}

int
ifnet_by_name(const char *name, struct ifnet_info *out)
{
	for (unsigned int i = 0; ifnet_get(i, out) == 0; i++)
		if (strcmp(out->ii_name, name) == 0)
			return 0;
	return -ENODEV;
}

int
ifnet_route(unsigned int nth, struct ifnet_route *out)
{
	memset(out, 0, sizeof(*out));
	if (ifnet_ops == NULL)
		return -ENOENT;
	return ifnet_ops->io_route(nth, out);
}

int
ifnet_set(int index, enum ifnet_what what, uint32_t val)
{
	return ifnet_ops == NULL ? -ENODEV :
	    ifnet_ops->io_set(index, what, val);
}

int
ifnet_onlink(uint32_t addr)
{
	struct ifnet_info ii;

	for (unsigned int i = 0; ifnet_get(i, &ii) == 0; i++)
		if (ii.ii_addr != 0 && !(ii.ii_flags & IFF_LOOPBACK) &&
		    (ii.ii_flags & IFF_UP) &&
		    (addr & ii.ii_mask) == (ii.ii_addr & ii.ii_mask))
			return ii.ii_index;
	return -ENETUNREACH;
}

/* ---- helpers ---- */

/* A sockaddr_in's 16 bytes for addr (host order). */
static void
ifnet_sin(uint8_t sa[16], uint32_t addr)
{
	memset(sa, 0, 16);
	sa[0] = IFNET_AF_INET;
	sa[4] = (uint8_t)(addr >> 24);
	sa[5] = (uint8_t)(addr >> 16);
	sa[6] = (uint8_t)(addr >> 8);
	sa[7] = (uint8_t)addr;
}

/* The address (host order) of a sockaddr_in's 16 bytes. */
static uint32_t
ifnet_sin_addr(const uint8_t sa[16])
{
	return (uint32_t)sa[4] << 24 | (uint32_t)sa[5] << 16 |
	    (uint32_t)sa[6] << 8 | sa[7];
}

static uint16_t
ifnet_sin_family(const uint8_t sa[16])
{
	return (uint16_t)(sa[0] | sa[1] << 8);
}

/* A netmask is ones then zeros. */
static bool
ifnet_mask_ok(uint32_t m)
{
	return (m & (~m >> 1)) == 0 || m == 0xffffffffu;
}

/* The mask of an address's class, as SIOCSIFADDR sets; 0: none fits. */
static uint32_t
ifnet_class_mask(uint32_t a)
{
	if (a == 0)
		return 0;
	if ((a >> 31) == 0)
		return 0xff000000u;
	if ((a >> 30) == 2)
		return 0xffff0000u;
	if ((a >> 29) == 6)
		return 0xffffff00u;
	return 0;
}

static short
ifnet_flags(const struct ifnet_info *ii)
{
	return (short)(ii->ii_flags & 0xffff);
}

/* ---- SIOCGIFCONF ---- */

static long
ifnet_ifconf(uint64_t arg)
{
	struct ifnet_ifconf ic;
	struct ifnet_info ii;
	struct ifnet_ifreq r;
	int32_t done = 0;

	if (copy_from_user(&ic, (const void *)arg, sizeof(ic)) != 0)
		return -EFAULT;
	/* One entry per interface with an address; none cut in half. */
	for (unsigned int i = 0; ifnet_get(i, &ii) == 0; i++) {
		if (ii.ii_addr == 0)
			continue;
		if (ic.ifc_buf == 0) {
			done += (int32_t)sizeof(r);
			continue;
		}
		if (ic.ifc_len - done < (int32_t)sizeof(r))
			break;
		memset(&r, 0, sizeof(r));
		memcpy(r.ifr_name, ii.ii_name, IFNET_NAMSIZ);
		ifnet_sin((uint8_t *)&r.ifr_addr, ii.ii_addr);
		if (copy_to_user((void *)(ic.ifc_buf + (uint64_t)done), &r,
		    sizeof(r)) != 0)
			return -EFAULT;
		done += (int32_t)sizeof(r);
	}
	ic.ifc_len = done;
	return copy_to_user((void *)arg, &ic.ifc_len, sizeof(ic.ifc_len)) !=
	    0 ? -EFAULT : 0;
}

/* ---- the address ioctls (the stack's family only) ---- */

static long
ifnet_inet(unsigned long req, struct ifnet_ifreq *r, const struct
    ifnet_info *ii)
{
	uint8_t *sa = (uint8_t *)&r->ifr_addr;
	uint32_t v = ifnet_sin_addr(sa), mask;
	int error;

	switch (req) {
	case SIOCGIFADDR:
	case SIOCGIFDSTADDR:
	case SIOCGIFBRDADDR:
	case SIOCGIFNETMASK:
		if (ii->ii_addr == 0)
			return -EADDRNOTAVAIL;
		ifnet_sin(sa, req == SIOCGIFNETMASK ? ii->ii_mask :
		    req == SIOCGIFBRDADDR ? ii->ii_bcast : ii->ii_addr);
		return 1;		/* copy out */
	case SIOCSIFADDR:
		if (v != 0 && (mask = ifnet_class_mask(v)) == 0)
			return -EINVAL;
		if (v == ii->ii_addr)
			return 0;
		if ((error = ifnet_set(ii->ii_index, IFNET_SET_ADDR, v)) != 0)
			return error;
		return v == 0 ? 0 : ifnet_set(ii->ii_index, IFNET_SET_MASK,
		    ifnet_class_mask(v));
	case SIOCSIFNETMASK:
		if (ii->ii_addr == 0)
			return -EADDRNOTAVAIL;
		if (!ifnet_mask_ok(v))
			return -EINVAL;
		return ifnet_set(ii->ii_index, IFNET_SET_MASK, v);
	default:
		/* SIOCSIFBRDADDR, SIOCSIFDSTADDR: follow from the mask. */
		return ii->ii_addr == 0 ? -EADDRNOTAVAIL : -EOPNOTSUPP;
	}
}

/* ---- SIOCADDRT, SIOCDELRT: the default route only ---- */

static long
ifnet_rt(unsigned long req, uint64_t arg)
{
	struct ifnet_rtentry rt;
	struct ifnet_info ii;
	struct ifnet_route ro;
	char dev[IFNET_NAMSIZ];
	uint32_t gw;
	int error;

	if (!proc_capable(CAP_NET_ADMIN))
		return -EPERM;
	if (copy_from_user(&rt, (const void *)arg, sizeof(rt)) != 0)
		return -EFAULT;
	if (ifnet_sin_family(rt.rt_dst) != IFNET_AF_INET)
		return -EAFNOSUPPORT;
	/* Only the default route: lwIP routes by interface subnets. */
	if (ifnet_sin_addr(rt.rt_dst) != 0 ||
	    (ifnet_sin_family(rt.rt_genmask) == IFNET_AF_INET &&
	    ifnet_sin_addr(rt.rt_genmask) != 0) || (rt.rt_flags & RTF_HOST))
		return -EOPNOTSUPP;
	if (req == SIOCDELRT) {
		for (unsigned int i = 0; ifnet_route(i, &ro) == 0; i++)
			if (ro.ir_dst == 0 && ro.ir_mask == 0 &&
			    (ro.ir_flags & RTF_GATEWAY))
				return ifnet_set(ro.ir_index, IFNET_SET_GW, 0);
		return -ESRCH;
	}
	if (!(rt.rt_flags & RTF_GATEWAY) ||
	    ifnet_sin_family(rt.rt_gateway) != IFNET_AF_INET)
		return -EOPNOTSUPP;
	gw = ifnet_sin_addr(rt.rt_gateway);
	if (rt.rt_dev != 0) {
		memset(dev, 0, sizeof(dev));
		for (size_t i = 0; i < sizeof(dev) - 1; i++) {
			if (copy_from_user(&dev[i], (const void *)(rt.rt_dev +
			    i), 1) != 0)
				return -EFAULT;
			if (dev[i] == '\0')
				break;
		}
		if ((error = ifnet_by_name(dev, &ii)) != 0)
			return error;
		return ifnet_set(ii.ii_index, IFNET_SET_GW, gw);
	}
	if ((error = ifnet_onlink(gw)) < 0)
		return error;
	return ifnet_set(error, IFNET_SET_GW, gw);
}

/* ---- the entry ---- */

static bool
ifnet_is_inet_req(unsigned long req)
{
	return (req >= SIOCGIFADDR && req <= SIOCSIFNETMASK) ||
	    req == SIOCADDRT || req == SIOCDELRT;
}

static bool
ifnet_is_dev_req(unsigned long req)
{
	switch (req) {
	case SIOCGIFNAME:
	case SIOCGIFINDEX:
	case SIOCGIFFLAGS:
	case SIOCSIFFLAGS:
	case SIOCGIFHWADDR:
	case SIOCGIFMTU:
	case SIOCSIFMTU:
	case SIOCGIFMETRIC:
	case SIOCSIFMETRIC:
	case SIOCGIFTXQLEN:
	case SIOCGIFMAP:
		return true;
	default:
		return false;
	}
}

long
ifnet_ioctl(int family, unsigned long req, uint64_t arg)
{
	bool inet = ifnet_ops != NULL && family == ifnet_ops->io_family;
	struct ifnet_ifreq r;
	struct ifnet_info ii;
	long error;

	if (req == SIOCGIFCONF)
		return ifnet_ifconf(arg);
	if (req >= SIOCDEVPRIVATE && req <= SIOCDEVPRIVATE + 15)
		return -EOPNOTSUPP;
	if (inet && (req == SIOCADDRT || req == SIOCDELRT))
		return ifnet_rt(req, arg);
	if (!ifnet_is_dev_req(req) && !(inet && ifnet_is_inet_req(req)))
		return -ENOIOCTLCMD;
	if (copy_from_user(&r, (const void *)arg, sizeof(r)) != 0)
		return -EFAULT;
	r.ifr_name[IFNET_NAMSIZ - 1] = '\0';
	if (req == SIOCGIFNAME) {
		if ((error = ifnet_by_index(r.ifr_ivalue, &ii)) != 0)
			return error;
		memcpy(r.ifr_name, ii.ii_name, IFNET_NAMSIZ);
		goto out;
	}
	/* Changes are the administrator's; the address family checks its
	 * sockaddr before looking the device up. */
	if ((req == SIOCSIFFLAGS || req == SIOCSIFMTU ||
	    req == SIOCSIFMETRIC || (inet && (req == SIOCSIFADDR ||
	    req == SIOCSIFNETMASK || req == SIOCSIFBRDADDR ||
	    req == SIOCSIFDSTADDR))) && !proc_capable(CAP_NET_ADMIN))
		return -EPERM;
	if (inet && (req == SIOCSIFADDR || req == SIOCSIFNETMASK ||
	    req == SIOCSIFBRDADDR || req == SIOCSIFDSTADDR) &&
	    ifnet_sin_family((uint8_t *)&r.ifr_addr) != IFNET_AF_INET)
		return -EINVAL;
	if ((error = ifnet_by_name(r.ifr_name, &ii)) != 0)
		return error;
	switch (req) {
	case SIOCGIFINDEX:
		r.ifr_ivalue = ii.ii_index;
		break;
	case SIOCGIFFLAGS:
		r.ifr_flags = ifnet_flags(&ii);
		break;
	case SIOCSIFFLAGS:
		if (((uint16_t)r.ifr_flags & IFF_UP) == (ii.ii_flags & IFF_UP))
			return 0;
		return ifnet_set(ii.ii_index, IFNET_SET_UP,
		    (uint16_t)r.ifr_flags & IFF_UP);
	case SIOCGIFHWADDR:
		memset(&r.ifr_addr, 0, sizeof(r.ifr_addr));
		r.ifr_addr.sa_family = ii.ii_type;
		memcpy(r.ifr_addr.sa_data, ii.ii_hwaddr, sizeof(ii.ii_hwaddr));
		break;
	case SIOCGIFMTU:
		r.ifr_ivalue = (int32_t)ii.ii_mtu;
		break;
	case SIOCSIFMTU:
		if (r.ifr_ivalue < 0)
			return -EINVAL;
		if ((uint32_t)r.ifr_ivalue == ii.ii_mtu)
			return 0;
		if (r.ifr_ivalue < IFNET_MTU_MIN)
			return -EINVAL;
		return ifnet_set(ii.ii_index, IFNET_SET_MTU,
		    (uint32_t)r.ifr_ivalue);
	case SIOCGIFMETRIC:
		r.ifr_ivalue = 0;
		break;
	case SIOCSIFMETRIC:
		return -EOPNOTSUPP;	/* as Linux: metrics are not kept */
	case SIOCGIFTXQLEN:
		r.ifr_ivalue = (int32_t)ii.ii_txqlen;
		break;
	case SIOCGIFMAP:
		memset(r.ifr_raw, 0, sizeof(r.ifr_raw));
		break;
	default:
		if ((error = ifnet_inet(req, &r, &ii)) != 1)
			return error;
		break;
	}
out:
	return copy_to_user((void *)arg, &r, sizeof(r)) != 0 ? -EFAULT : 0;
}

/* ---- /proc/net ---- */

static void
ifnet_print(ifnet_put_fn put, void *arg, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
ifnet_print(ifnet_put_fn put, void *arg, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1)
		n = (int)sizeof(line) - 1;
	if (n > 0)
		put(arg, line, (size_t)n);
}

void
ifnet_show_dev(ifnet_put_fn put, void *arg)
{
	struct ifnet_info ii;

	ifnet_print(put, arg, "Inter-|   Receive                            "
	    "                    |  Transmit\n"
	    " face |bytes    packets errs drop fifo frame compressed "
	    "multicast|bytes    packets errs drop fifo colls carrier "
	    "compressed\n");
	for (unsigned int i = 0; ifnet_get(i, &ii) == 0; i++) {
		const struct ifnet_stats *s = &ii.ii_st;

		ifnet_print(put, arg, "%6s:%8lu %7lu %4lu %4lu %4u %5u %10u "
		    "%9u %8lu %7lu %4lu %4lu %4u %5u %7u %10u\n", ii.ii_name,
		    s->is_rx_bytes, s->is_rx_packets, s->is_rx_errs,
		    s->is_rx_drop, 0, 0, 0, 0, s->is_tx_bytes,
		    s->is_tx_packets, s->is_tx_errs, s->is_tx_drop, 0, 0, 0, 0);
	}
}

/* An IPv4 address as /proc/net prints it: its bytes in memory as %08X. */
static uint32_t
ifnet_wire(uint32_t a)
{
	return __builtin_bswap32(a);
}

void
ifnet_show_route(ifnet_put_fn put, void *arg)
{
	struct ifnet_route ro;
	struct ifnet_info ii;

	ifnet_print(put, arg, "%-127s\n", "Iface\tDestination\tGateway "
	    "\tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT");
	for (unsigned int i = 0; ifnet_route(i, &ro) == 0; i++) {
		char line[160];

		if (ifnet_by_index(ro.ir_index, &ii) != 0)
			continue;
		fmt_snprintf(line, sizeof(line),
		    "%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u",
		    ii.ii_name, ifnet_wire(ro.ir_dst), ifnet_wire(ro.ir_gw),
		    ro.ir_flags, 0, 0, 0, ifnet_wire(ro.ir_mask), 0, 0, 0);
		ifnet_print(put, arg, "%-127s\n", line);
	}
}

void
ifnet_show_table(enum ifnet_table t, ifnet_put_fn put, void *arg)
{
	if (ifnet_ops != NULL && ifnet_ops->io_show != NULL &&
	    t != IFNET_TABLE_RAW)
		ifnet_ops->io_show(t, put, arg);
	else if (t == IFNET_TABLE_TCP)
		ifnet_print(put, arg, "%-149s\n", "  sl  local_address "
		    "rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
		    "   uid  timeout inode");
	else
		ifnet_print(put, arg, "%-127s\n", "   sl  local_address "
		    "rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
		    "   uid  timeout inode ref pointer drops");
}

/* ---- /sys/class/net ---- */

enum ifnet_sysfs {
	IFNET_SYS_ADDRESS, IFNET_SYS_ADDR_LEN, IFNET_SYS_BROADCAST,
	IFNET_SYS_CARRIER, IFNET_SYS_FLAGS, IFNET_SYS_IFINDEX,
	IFNET_SYS_IFLINK, IFNET_SYS_MTU, IFNET_SYS_OPERSTATE,
	IFNET_SYS_TX_QUEUE_LEN, IFNET_SYS_TYPE, IFNET_SYS_N
};

const char *const ifnet_sysfs_attrs[IFNET_SYS_N] = {
	[IFNET_SYS_ADDRESS] = "address",
	[IFNET_SYS_ADDR_LEN] = "addr_len",
	[IFNET_SYS_BROADCAST] = "broadcast",
	[IFNET_SYS_CARRIER] = "carrier",
	[IFNET_SYS_FLAGS] = "flags",
	[IFNET_SYS_IFINDEX] = "ifindex",
	[IFNET_SYS_IFLINK] = "iflink",
	[IFNET_SYS_MTU] = "mtu",
	[IFNET_SYS_OPERSTATE] = "operstate",
	[IFNET_SYS_TX_QUEUE_LEN] = "tx_queue_len",
	[IFNET_SYS_TYPE] = "type",
};
const unsigned int ifnet_sysfs_nattrs = IFNET_SYS_N;

static void
ifnet_print_hw(ifnet_put_fn put, void *arg, const uint8_t *a)
{
	ifnet_print(put, arg, "%02x:%02x:%02x:%02x:%02x:%02x\n", a[0], a[1],
	    a[2], a[3], a[4], a[5]);
}

int
ifnet_show_sysfs(int index, unsigned int attr, ifnet_put_fn put, void *arg)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct ifnet_info ii;
	bool lo, running;

	if (ifnet_by_index(index, &ii) != 0)
		return -ENODEV;
	lo = ii.ii_type == ARPHRD_LOOPBACK;
	running = (ii.ii_flags & IFF_RUNNING) != 0;
	switch (attr) {
	case IFNET_SYS_ADDRESS:
		ifnet_print_hw(put, arg, ii.ii_hwaddr);
		break;
	case IFNET_SYS_ADDR_LEN:
		ifnet_print(put, arg, "6\n");
		break;
	case IFNET_SYS_BROADCAST:
		ifnet_print_hw(put, arg, lo ? ii.ii_hwaddr : bcast);
		break;
	case IFNET_SYS_CARRIER:
		if (!(ii.ii_flags & IFF_UP))
			return -EINVAL;
		ifnet_print(put, arg, "%d\n", running ? 1 : 0);
		break;
	case IFNET_SYS_FLAGS:
		/* The device's flags: IFF_RUNNING is the operational state's. */
		ifnet_print(put, arg, "0x%x\n", ii.ii_flags & ~IFF_RUNNING);
		break;
	case IFNET_SYS_IFINDEX:
	case IFNET_SYS_IFLINK:
		ifnet_print(put, arg, "%d\n", ii.ii_index);
		break;
	case IFNET_SYS_MTU:
		ifnet_print(put, arg, "%u\n", ii.ii_mtu);
		break;
	case IFNET_SYS_OPERSTATE:
		ifnet_print(put, arg, "%s\n", lo ? "unknown" : running ? "up" :
		    "down");
		break;
	case IFNET_SYS_TX_QUEUE_LEN:
		ifnet_print(put, arg, "%u\n", ii.ii_txqlen);
		break;
	case IFNET_SYS_TYPE:
		ifnet_print(put, arg, "%u\n", ii.ii_type);
		break;
	default:
		return -ENOENT;
	}
	return 0;
}
