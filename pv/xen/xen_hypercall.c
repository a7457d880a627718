/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The hypercall page and the small hypercalls every part of the back end
 * uses: HVM parameters, event-channel notification, the memory map.
 * Usable before paging_init (the PVH door asks for the memory map).
 */
#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/event_channel.h>
#include <xen/memory.h>
#include <xen/sched.h>

#include <lib/boot_info.h>
#include <lib/compiler.h>
#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>

#include "xen_hv.h"
#include "xen_hypercall.h"

/* Xen overwrites this page with hypercall stubs; it must be executable. */
__asm__(".pushsection .text.xen_hypercall, \"ax\"\n"
	".balign 4096\n"
	".globl xen_hypercall_page\n"
	"xen_hypercall_page:\n"
	".skip 4096, 0xcc\n"
	".popsection\n");

static uint32_t xen_cpuid_base;
static bool xen_hypercalls_ready;

static uint32_t
xen_hv_find_base(void)
{
	struct cpuid_regs r;

	cpuid(1, 0, &r);
	if (!((r.ecx >> 31) & 1))
		return 0;
	for (uint32_t leaf = 0x40000000; leaf < 0x40010000; leaf += 0x100) {
		cpuid(leaf, 0, &r);
		if (r.ebx == 0x566e6558 && r.ecx == 0x65584d4d &&
		    r.edx == 0x4d4d566e)	/* "XenVMMXenVMM" */
			return leaf;
	}
	return 0;
}

int
xen_hv_hypercall_init(void)
{
	struct cpuid_regs r;

	if (xen_hypercalls_ready)
		return 0;
	if (xen_cpuid_base == 0 && (xen_cpuid_base = xen_hv_find_base()) == 0)
		return -ENODEV;
	cpuid(xen_cpuid_base + 2, 0, &r);
	if (r.eax < 1)
		return -ENODEV;
	wrmsr(r.ebx, paging_kimg_pa(xen_hypercall_page));
	xen_hypercalls_ready = true;
	return 0;
}

int
xen_hv_memory_map(struct boot_info *bi)
{
	static struct {
		uint64_t	addr;
		uint64_t	size;
		uint32_t	type;
	} __attribute__((packed)) map[BOOT_MEM_MAX];
	struct xen_memory_map mm = { .nr_entries = BOOT_MEM_MAX };
	long rc;

	if (xen_hv_hypercall_init() != 0)
		return -ENOENT;
	set_xen_guest_handle(mm.buffer, map);
	rc = xen_hypercall2(__HYPERVISOR_memory_op, XENMEM_memory_map,
	    (uintptr_t)&mm);
	if (rc != 0 || mm.nr_entries > BOOT_MEM_MAX)
		return -ENOENT;
	for (unsigned int i = 0; i < mm.nr_entries; i++)
		(void)boot_info_add_mem(bi, map[i].addr, map[i].size,
		    map[i].type);	/* e820 numbering = ours */
	return 0;
}

int
xen_hv_get_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = xen_hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param,
	    (uintptr_t)&p);

	if (rc != 0)
		return (int)rc;
	*value = p.value;
	return 0;
}

int
xen_hv_map_ring(uint32_t pfn_param, uint32_t port_param, volatile void **ring,
    uint32_t *port)
{
	uint64_t pfn = 0, evtchn = 0;
	volatile void *va;
	int error;

	if ((error = xen_hv_get_param(pfn_param, &pfn)) != 0 ||
	    (error = xen_hv_get_param(port_param, &evtchn)) != 0)
		return error;
	if (pfn == 0 || evtchn == 0 || evtchn > UINT32_MAX)
		return -ENODEV;
	if ((va = paging_map_ram(pfn << 12, 4096)) == NULL)
		return -ENOMEM;
	*ring = va;
	*port = (uint32_t)evtchn;
	return 0;
}

void
xen_hv_evtchn_send(uint32_t port)
{
	struct evtchn_send s = { .port = port };

	(void)xen_hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
	    (uintptr_t)&s);	/* nothing to do if the backend is gone */
}

void
xen_hv_yield(void)
{
	(void)xen_hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
}
