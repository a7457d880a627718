/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * virtio-balloon over the modern PCI transport (PCI 1af4:1045), offered
 * as the balloon class's device (pv_balloon_drv.h).  QEMU presents it
 * with
 *   -device virtio-balloon-pci,disable-legacy=on,deflate-on-oom=on
 * and its QMP command "balloon" sets the target.
 *
 * Queues: inflate (0) and deflate (1) carry lists of 32-bit frame
 * numbers, one buffer per batch of up to PV_BALLOON_BATCH frames; the
 * statistics queue (2, with VIRTIO_BALLOON_F_STATS_VQ) holds one buffer
 * the device keeps until it wants fresh figures, when it hands it back
 * and we fill it again from the class's caller.  DEFLATE_ON_OOM is
 * taken when offered (the policy deflates when an allocation would
 * fail); MUST_TELL_HOST is never taken, so frames taken back are ours
 * as soon as the deflate buffer is queued (the spec lets the driver
 * reuse them before the device answers): take never sleeps.
 *
 * The device's num_pages (its target) is read once per configuration
 * change, from the interrupt or, without MSI-X, a poll of the ISR every
 * 100 ms (QEMU 7.2's virtio-balloon-pci has no MSI-X); "actual" is
 * written back as each request is done.
 * Everything the device sends is checked: used entries by virtq.c, the
 * target by the policy above the class (it never gives what the guest
 * needs).  Legacy and transitional (1af4:1002) devices are not driven:
 * the modern transport alone (disable-legacy=on) is supported.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/spinlock.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <pv/common/pv_balloon.h>
#include <pv/common/pv_balloon_drv.h>
#include <pv/common/pv_driver.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>
#include <pv/virtio/virtio_balloon_reg.h>
#include <pv/virtio/virtio_pci.h>
#include <pv/virtio/virtq.h>
#include <kernel/log/printk.h>

#define VBALLOON_QSIZE		16
#define VBALLOON_DEFBUFS	3	/* deflate lists in flight at most */
#define VBALLOON_POLL_NS	100000000ULL	/* without interrupts */
#define VBALLOON_IDLE_NS	1000000000ULL
#define VBALLOON_ANSWER_NS	(10ULL * 1000000000ULL)	/* inflate bound */

struct vballoon {
	struct pv_balloon	 vb_b;
	struct virtio_pci	 vb_vp;
	struct virtq		 vb_infq, vb_defq, vb_statq;
	struct spinlock		 vb_lock;	/* the three queues, vb_deffree */
	/* one page: the inflate list, VBALLOON_DEFBUFS deflate lists */
	uint32_t		*vb_lists;
	uint64_t		 vb_lists_pa;
	uint8_t			 vb_deffree[VBALLOON_DEFBUFS];
	unsigned int		 vb_ndeffree;
	struct virtio_balloon_stat *vb_stats;	/* its own page */
	uint64_t		 vb_stats_pa;
	struct pv_event		 vb_ev;		/* interrupts to the thread */
	struct pv_event		 vb_infev;	/* inflate answered */
	volatile bool		 vb_cfg_changed;
	bool			 vb_msix;
	bool			 vb_has_stats;
	volatile bool		 vb_stopped;
	uint32_t		 vb_actual;	/* last written (atomic) */
	/* counters */
	uint64_t		 vb_inflates, vb_deflates, vb_stat_answers;
	uint64_t		 vb_def_busy;
};

_Static_assert((1 + VBALLOON_DEFBUFS) * PV_BALLOON_BATCH * 4 <= 4096,
    "the frame lists fit a page");

static const char *
vballoon_name(const struct vballoon *vb)
{
	return vb->vb_vp.vp_dev->dv_name;
}

static void
vballoon_irq_config(void *arg, struct trap_frame *tf)
{
	struct vballoon *vb = arg;

	(void)tf;
	vb->vb_cfg_changed = true;
	pv_event_signal(&vb->vb_ev);
	lapic_eoi();
}

static void
vballoon_irq_queue(void *arg, struct trap_frame *tf)
{
	struct vballoon *vb = arg;

	(void)tf;
	pv_event_signal(&vb->vb_infev);
	pv_event_signal(&vb->vb_ev);
	lapic_eoi();
}

static void
vballoon_stop(struct vballoon *vb, const char *why)
{
	pr_err("virtio-balloon %s: %s; the device is stopped\n",
	    vballoon_name(vb), why);
	vb->vb_stopped = true;
}

static uint32_t *
vballoon_list(struct vballoon *vb, unsigned int i)
{
	return vb->vb_lists + (size_t)i * PV_BALLOON_BATCH;
}

static uint64_t
vballoon_list_pa(struct vballoon *vb, unsigned int i)
{
	return vb->vb_lists_pa + (uint64_t)i * PV_BALLOON_BATCH * 4;
}

/*
 * Tell the device how many pages it holds ("actual"), as soon as a
 * request is done, so that the host's view (QMP query-balloon) is right
 * when the guest's is.  The class counts given after the driver returns,
 * hence the caller's figure; a give and a take at once may write a stale
 * one, which the thread puts right on its next round.
 */
static void
vballoon_actual(struct vballoon *vb, uint64_t given)
{
	if (given > UINT32_MAX)
		return;
	__atomic_store_n(&vb->vb_actual, (uint32_t)given, __ATOMIC_RELAXED);
	(void)virtio_pci_config_write32(&vb->vb_vp, VBALLOON_CFG_ACTUAL,
	    (uint32_t)given);
	pv_event_signal(&vb->vb_ev);	/* the thread looks again */
}

/* Post one list on q and ring; vb_lock held. */
static int
vballoon_post_locked(struct vballoon *vb, struct virtq *q, unsigned int list,
    unsigned int n)
{
	struct virtq_sg sg = { vballoon_list_pa(vb, list), n * 4 };
	int error;

	/* The cookie names the list: 1 + its index, never NULL. */
	if ((error = virtq_add(q, &sg, 1, 0, (void *)(uintptr_t)(list + 1))) != 0)
		return error;
	if (virtq_publish(q))
		virtio_pci_notify(&vb->vb_vp, q);
	return 0;
}

/*
 * Inflate: the list goes out, and we wait until the device has taken it
 * (its answer says the host has the frames; only then may the list's
 * memory be used again).
 */
static int
vballoon_give(struct pv_balloon *b, const uint64_t *pfns, unsigned int n)
{
	struct vballoon *vb = b->b_softc;
	uint64_t deadline = pv_clock_ns() + VBALLOON_ANSWER_NS;
	bool on;
	int error;

	if (vb->vb_stopped)
		return -EIO;
	on = spin_lock_irqsave(&vb->vb_lock);
	if ((error = vballoon_pack(pfns, n, vballoon_list(vb, 0))) == 0)
		error = vballoon_post_locked(vb, &vb->vb_infq, 0, n);
	spin_unlock_irqrestore(&vb->vb_lock, on);
	if (error != 0)
		return error;
	for (;;) {
		uint32_t gen = pv_event_gen(&vb->vb_infev);
		enum virtq_used_result r;
		void *cookie;
		uint32_t len;

		on = spin_lock_irqsave(&vb->vb_lock);
		r = virtq_get_used(&vb->vb_infq, &cookie, &len);
		if (r == VIRTQ_USED_NONE)
			(void)virtq_enable_cb(&vb->vb_infq);
		spin_unlock_irqrestore(&vb->vb_lock, on);
		if (r == VIRTQ_USED_BROKEN) {
			vballoon_stop(vb, "inflate queue's used index jumped");
			return -EIO;
		}
		if (r != VIRTQ_USED_NONE)
			break;	/* OK, or a length (it should be 0) we ignore */
		if (pv_clock_ns() > deadline) {
			/* The device holds our list: it cannot be reused. */
			vballoon_stop(vb, "no answer to an inflate");
			return -ETIMEDOUT;
		}
		(void)pv_event_wait(&vb->vb_infev, gen, pv_clock_ns() +
		    (vb->vb_msix ? VBALLOON_POLL_NS : 1000000ULL));
	}
	vb->vb_inflates++;
	vballoon_actual(vb, pv_balloon_given(b) + n);
	return (int)n;
}

/* Deflate lists the device answered come back to the pool; lock held. */
static void
vballoon_def_reap_locked(struct vballoon *vb)
{
	enum virtq_used_result r;
	void *cookie;
	uint32_t len;

	while ((r = virtq_get_used(&vb->vb_defq, &cookie, &len)) !=
	    VIRTQ_USED_NONE) {
		uintptr_t list = (uintptr_t)cookie;

		if (r == VIRTQ_USED_BROKEN) {
			vb->vb_stopped = true;
			return;
		}
		/* virtq.c hands back only cookies we posted: 1..DEFBUFS. */
		if (list >= 2 && list <= VBALLOON_DEFBUFS &&
		    vb->vb_ndeffree < VBALLOON_DEFBUFS)
			vb->vb_deffree[vb->vb_ndeffree++] = (uint8_t)(list - 1);
	}
}

/* Deflate: queue the list and go; the frames are ours at once. */
static int
vballoon_take(struct pv_balloon *b, const uint64_t *pfns, unsigned int n)
{
	struct vballoon *vb = b->b_softc;
	unsigned int list;
	bool on;
	int error;

	if (vb->vb_stopped)
		return -EIO;
	on = spin_lock_irqsave(&vb->vb_lock);
	vballoon_def_reap_locked(vb);
	if (vb->vb_ndeffree == 0) {
		vb->vb_def_busy++;
		spin_unlock_irqrestore(&vb->vb_lock, on);
		return -EAGAIN;
	}
	list = vb->vb_deffree[--vb->vb_ndeffree];
	if ((error = vballoon_pack(pfns, n, vballoon_list(vb, list))) == 0)
		error = vballoon_post_locked(vb, &vb->vb_defq, list, n);
	if (error != 0)
		vb->vb_deffree[vb->vb_ndeffree++] = (uint8_t)list;
	else
		vb->vb_deflates++;
	spin_unlock_irqrestore(&vb->vb_lock, on);
	if (error != 0)
		return error == -ENOSPC ? -EAGAIN : error;
	vballoon_actual(vb, pv_balloon_given(b) - n);
	return (int)n;
}

static const struct pv_balloon_ops vballoon_ops = {
	.bo_give = vballoon_give,
	.bo_take = vballoon_take,
};

/* Fill the statistics buffer and hand it to the device; lock held. */
static void
vballoon_stats_post_locked(struct vballoon *vb)
{
	struct pv_balloon_stats st;
	struct virtq_sg sg;

	(void)pv_balloon_stats(&vb->vb_b, &st);	/* zeros when no caller */
	sg.sg_addr = vb->vb_stats_pa;
	sg.sg_len = (uint32_t)vballoon_stats_fill(vb->vb_stats, &st);
	if (virtq_add(&vb->vb_statq, &sg, 1, 0, vb->vb_stats) == 0 &&
	    virtq_publish(&vb->vb_statq))
		virtio_pci_notify(&vb->vb_vp, &vb->vb_statq);
}

/* The device gave the statistics buffer back: it wants fresh figures. */
static void
vballoon_stats_answer(struct vballoon *vb)
{
	enum virtq_used_result r;
	bool on = spin_lock_irqsave(&vb->vb_lock);
	void *cookie;
	uint32_t len;

	while ((r = virtq_get_used(&vb->vb_statq, &cookie, &len)) !=
	    VIRTQ_USED_NONE) {
		if (r == VIRTQ_USED_BROKEN) {
			spin_unlock_irqrestore(&vb->vb_lock, on);
			vballoon_stop(vb, "statistics queue's used index jumped");
			return;
		}
		vb->vb_stat_answers++;
		vballoon_stats_post_locked(vb);
	}
	(void)virtq_enable_cb(&vb->vb_statq);
	spin_unlock_irqrestore(&vb->vb_lock, on);
}

/* num_pages, read once: the class's target. */
static void
vballoon_read_target(struct vballoon *vb)
{
	uint32_t num;

	if (virtio_pci_config(&vb->vb_vp, VBALLOON_CFG_NUM_PAGES, &num, 4) != 0)
		return;
	if (num != pv_balloon_target(&vb->vb_b))
		pr_info("virtio-balloon %s: the host asks for %u pages "
		    "(%u MiB)\n", vballoon_name(vb), num, num >> 8);
	pv_balloon_set_target(&vb->vb_b, num);
}

static void
vballoon_thread(void *arg)
{
	struct vballoon *vb = arg;
	uint32_t gen = pv_event_gen(&vb->vb_ev);

	vballoon_read_target(vb);
	for (;;) {
		bool on;

		(void)pv_event_wait(&vb->vb_ev, gen, pv_clock_ns() +
		    (vb->vb_msix ? VBALLOON_IDLE_NS : VBALLOON_POLL_NS));
		gen = pv_event_gen(&vb->vb_ev);
		if (vb->vb_stopped)
			return;
		if (!vb->vb_msix && (virtio_pci_isr(&vb->vb_vp) & 2))
			vb->vb_cfg_changed = true;
		if (virtio_pci_status(&vb->vb_vp) & VIRTIO_S_NEEDS_RESET) {
			vballoon_stop(vb, "the device needs a reset");
			return;
		}
		if (vb->vb_cfg_changed) {
			vb->vb_cfg_changed = false;
			vballoon_read_target(vb);
		}
		if (vb->vb_has_stats)
			vballoon_stats_answer(vb);
		on = spin_lock_irqsave(&vb->vb_lock);
		vballoon_def_reap_locked(vb);
		(void)virtq_enable_cb(&vb->vb_defq);
		spin_unlock_irqrestore(&vb->vb_lock, on);
		uint64_t given = pv_balloon_given(&vb->vb_b);

		if (given <= UINT32_MAX && (uint32_t)given !=
		    __atomic_load_n(&vb->vb_actual, __ATOMIC_RELAXED))
			vballoon_actual(vb, given);
	}
}

static bool
vballoon_match(const struct pv_dev *d)
{
	return pv_dev_bus(d) == PV_BUS_PCI &&
	    d->dv_pci.pi_vendor == VIRTIO_VENDOR &&
	    d->dv_pci.pi_device == VIRTIO_DEV_MODERN_BASE + VIRTIO_ID_BALLOON;
}

static void
vballoon_free(struct vballoon *vb)
{
	if (vb->vb_lists != NULL)
		pv_dma_free(vb->vb_lists, 4096);
	if (vb->vb_stats != NULL)
		pv_dma_free(vb->vb_stats, 4096);
	pv_dma_free(vb, sizeof(*vb));
}

static int
vballoon_setup(struct vballoon *vb)
{
	static const trap_irq_fn fns[4] = {
		vballoon_irq_config, vballoon_irq_queue, vballoon_irq_queue,
		vballoon_irq_queue,
	};
	static const char *const names[4] = {
		"virtio-balloon-config", "virtio-balloon-inflate",
		"virtio-balloon-deflate", "virtio-balloon-stats",
	};
	struct virtio_pci *vp = &vb->vb_vp;
	int error;

	error = virtio_pci_negotiate(vp, (1ULL << VIRTIO_BALLOON_F_STATS_VQ) |
	    (1ULL << VIRTIO_BALLOON_F_DEFLATE_ON_OOM));
	if (error != 0)
		return error;
	vb->vb_has_stats = virtio_pci_has(vp, VIRTIO_BALLOON_F_STATS_VQ);
	vb->vb_msix = virtio_pci_msix_setup(vp, vb->vb_has_stats ? 4 : 3, fns,
	    vb, names) == 0;
	error = virtio_pci_queue_setup(vp, VBALLOON_INFLATEQ, VBALLOON_QSIZE,
	    vb->vb_msix ? 1 : VIRTIO_MSI_NO_VECTOR, &vb->vb_infq);
	if (error == 0)
		error = virtio_pci_queue_setup(vp, VBALLOON_DEFLATEQ,
		    VBALLOON_QSIZE, vb->vb_msix ? 2 : VIRTIO_MSI_NO_VECTOR,
		    &vb->vb_defq);
	if (error == 0 && vb->vb_has_stats)
		error = virtio_pci_queue_setup(vp, VBALLOON_STATSQ,
		    VBALLOON_QSIZE, vb->vb_msix ? 3 : VIRTIO_MSI_NO_VECTOR,
		    &vb->vb_statq);
	if (error != 0)
		return error;
	vb->vb_lists = pv_dma_alloc(4096, &vb->vb_lists_pa);
	vb->vb_stats = pv_dma_alloc(4096, &vb->vb_stats_pa);
	if (vb->vb_lists == NULL || vb->vb_stats == NULL)
		return -ENOMEM;
	/* List 0 is the inflate list; 1..DEFBUFS deflate. */
	for (unsigned int i = 1; i <= VBALLOON_DEFBUFS; i++)
		vb->vb_deffree[vb->vb_ndeffree++] = (uint8_t)i;
	virtio_pci_driver_ok(vp);
	if (vb->vb_has_stats) {
		bool on = spin_lock_irqsave(&vb->vb_lock);

		vballoon_stats_post_locked(vb);
		spin_unlock_irqrestore(&vb->vb_lock, on);
	}
	return 0;
}

static int
vballoon_attach(struct pv_dev *d)
{
	uint64_t pa;
	struct vballoon *vb = pv_dma_alloc(sizeof(*vb), &pa);
	int error;

	if (vb == NULL)
		return -ENOMEM;
	vb->vb_lock = (struct spinlock)SPINLOCK_INIT;
	if ((error = virtio_pci_init(&vb->vb_vp, d)) != 0) {
		vballoon_free(vb);
		return error;
	}
	if ((error = vballoon_setup(vb)) != 0)
		goto fail;
	vb->vb_b.b_ops = &vballoon_ops;
	vb->vb_b.b_softc = vb;
	if ((error = pv_balloon_register(&vb->vb_b, d)) != 0)
		goto fail;
	if ((error = pv_thread_start("virtio-balloon", vballoon_thread,
	    vb)) != 0) {
		pv_balloon_unregister(&vb->vb_b);
		goto fail;
	}
	d->dv_softc = vb;
	pr_info("virtio-balloon %s: %s, stats %s, deflate-on-oom %s, "
	    "features 0x%lx\n", d->dv_name,
	    vb->vb_msix ? "MSI-X interrupts" : "no MSI-X: polling every 100 ms",
	    vb->vb_has_stats ? "yes" : "no",
	    virtio_pci_has(&vb->vb_vp, VIRTIO_BALLOON_F_DEFLATE_ON_OOM) ?
	    "yes" : "no", vb->vb_vp.vp_features);
	return 0;
fail:
	pr_warn("virtio-balloon %s: not attached (%d)\n", d->dv_name, error);
	virtio_pci_fail(&vb->vb_vp);
	virtio_pci_teardown(&vb->vb_vp);
	vballoon_free(vb);
	return error;
}

static const struct pv_driver vballoon_driver = {
	.pd_name = "virtio-balloon",
	.pd_match = vballoon_match,
	.pd_attach = vballoon_attach,
};
PV_DRIVER(vballoon_driver);
