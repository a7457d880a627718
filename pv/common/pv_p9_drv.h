/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The 9P transport class, as its drivers see it: embed a struct pv_p9,
 * set the tag, msize and ops, register it from attach.
 */
#ifndef PV_COMMON_PV_P9_DRV_H
#define PV_COMMON_PV_P9_DRV_H

#include <pv/common/pv_class.h>
#include <pv/common/pv_p9.h>

struct pv_p9_ops {
	/*
	 * Carry one exchange (the class has checked the request); return
	 * the answer's length as the device reported it, or -errno.  The
	 * class checks that length before the caller sees it.
	 */
	long	(*po_exchange)(struct pv_p9 *, const void *req, size_t req_len,
		    void *rsp, size_t rsp_max);
};

struct pv_p9 {
	struct pv_class_inst	 p_inst;
	const struct pv_p9_ops	*p_ops;
	char			 p_tag[PV_P9_TAG_MAX];
	uint32_t		 p_msize;
	void			*p_softc;
};

int	pv_p9_register(struct pv_p9 *t, struct pv_dev *dev);
void	pv_p9_unregister(struct pv_p9 *t);

#endif /* PV_COMMON_PV_P9_DRV_H */
