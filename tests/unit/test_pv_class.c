/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the device classes: each class's registry and the checks
 * its caller API makes before a driver sees a call, with toy drivers
 * that misbehave where a real device could.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <pv/common/pv_balloon.h>
#include <pv/common/pv_balloon_drv.h>
#include <pv/common/pv_class.h>
#include <pv/common/pv_net.h>
#include <pv/common/pv_net_drv.h>
#include <pv/common/pv_p9.h>
#include <pv/common/pv_p9_drv.h>
#include <pv/common/pv_shmem.h>
#include <pv/common/pv_shmem_drv.h>

#include "ut.h"

/* ---- net ---- */

static unsigned int ut_sent_len, ut_sends;
static char ut_rx_got[64];
static size_t ut_rx_len;

static int
ut_net_send(struct pv_net *n, const struct pv_iov *iov, unsigned int niov,
    size_t len)
{
	(void)n;
	(void)iov;
	(void)niov;
	ut_sends++;
	ut_sent_len = (unsigned int)len;
	return ut_sends > 2 ? -EAGAIN : 0;	/* the ring fills */
}

static void
ut_rx(void *arg, const void *frame, size_t len)
{
	(void)arg;
	ut_rx_len = len;
	memcpy(ut_rx_got, frame, len < sizeof(ut_rx_got) ? len : sizeof(ut_rx_got));
}

static const struct pv_net_ops ut_net_ops = { ut_net_send };

UT_TEST(class_net)
{
	static struct pv_net a, b;
	static char frame[1600];
	struct pv_iov iov[PV_NET_IOV_MAX + 1];
	uint8_t mac[PV_NET_ADDR_LEN];

	pv_class_reset();
	ut_sends = 0;
	UT_ASSERT_EQ(pv_net_count(), 0);
	UT_ASSERT(pv_net_get(0) == NULL);
	UT_ASSERT_EQ(pv_net_register(&a, NULL), -EINVAL);	/* no ops */
	a.n_ops = b.n_ops = &ut_net_ops;
	memcpy(a.n_addr, "\x52\x54\x00\x12\x34\x56", 6);
	UT_ASSERT_EQ(pv_net_register(&a, NULL), 0);
	UT_ASSERT_EQ(pv_net_register(&a, NULL), -EEXIST);
	UT_ASSERT_EQ(pv_net_register(&b, NULL), 0);
	UT_ASSERT_EQ(pv_net_count(), 2);
	UT_ASSERT(pv_net_get(0) == &a && pv_net_get(1) == &b);
	UT_ASSERT_STR(pv_net_name(&b), "net1");
	UT_ASSERT(pv_class_find("net1") == &b.n_inst);
	pv_net_addr(&a, mac);
	UT_ASSERT(memcmp(mac, "\x52\x54\x00\x12\x34\x56", 6) == 0);
	UT_ASSERT_EQ(pv_net_mtu(&a), 1500);

	/* Frames the class refuses never reach the driver. */
	iov[0] = (struct pv_iov){ frame, 60 };
	UT_ASSERT_EQ(pv_net_send(&a, iov, 1), -ENETDOWN);
	a.n_link_up = true;
	UT_ASSERT_EQ(pv_net_send(&a, iov, 0), -EINVAL);
	UT_ASSERT_EQ(pv_net_send(&a, NULL, 1), -EINVAL);
	iov[0].iov_len = 13;
	UT_ASSERT_EQ(pv_net_send(&a, iov, 1), -EINVAL);		/* runt */
	iov[0].iov_len = 1515;
	UT_ASSERT_EQ(pv_net_send(&a, iov, 1), -EINVAL);		/* past MTU */
	for (unsigned int i = 0; i <= PV_NET_IOV_MAX; i++)
		iov[i] = (struct pv_iov){ frame, 10 };
	UT_ASSERT_EQ(pv_net_send(&a, iov, PV_NET_IOV_MAX + 1), -EINVAL);
	/* Lengths that would wrap a size_t sum. */
	iov[0] = (struct pv_iov){ frame, 14 };
	iov[1] = (struct pv_iov){ frame, SIZE_MAX - 5 };
	UT_ASSERT_EQ(pv_net_send(&a, iov, 2), -EINVAL);
	iov[1] = (struct pv_iov){ NULL, 10 };
	UT_ASSERT_EQ(pv_net_send(&a, iov, 2), -EINVAL);
	UT_ASSERT_EQ(ut_sends, 0);
	iov[1] = (struct pv_iov){ frame, 1500 };
	UT_ASSERT_EQ(pv_net_send(&a, iov, 2), 0);
	UT_ASSERT_EQ(ut_sent_len, 1514);
	UT_ASSERT_EQ(pv_net_send(&a, iov, 2), 0);
	UT_ASSERT_EQ(pv_net_send(&a, iov, 2), -EAGAIN);

	/* Received frames: dropped with no taker or a bad length. */
	pv_net_input(&a, "0123456789abcdef", 16);
	UT_ASSERT_EQ(a.n_rx_dropped, 1);
	{
		pv_net_rx_fn f;
		void *arg;

		pv_net_get_rx(&a, &f, &arg);
		UT_ASSERT(f == NULL && arg == NULL);
		pv_net_set_rx(&a, ut_rx, &a);
		pv_net_get_rx(&a, &f, &arg);
		UT_ASSERT(f == ut_rx && arg == &a);
	}
	pv_net_set_rx(&a, ut_rx, NULL);
	pv_net_input(&a, "0123456789abcdef", 16);
	UT_ASSERT_EQ(ut_rx_len, 16);
	UT_ASSERT(memcmp(ut_rx_got, "0123456789abcdef", 16) == 0);
	pv_net_input(&a, frame, 5);
	pv_net_input(&a, frame, 1515);
	UT_ASSERT_EQ(a.n_rx_dropped, 3);
	/* Units are not reused after an unregister. */
	pv_net_unregister(&a);
	UT_ASSERT_EQ(pv_net_count(), 1);
	UT_ASSERT(pv_net_get(0) == NULL);
	UT_ASSERT_EQ(pv_net_register(&a, NULL), 0);
	UT_ASSERT_STR(pv_net_name(&a), "net2");
	pv_class_reset();
}

/* ---- 9P transport ---- */

static long ut_p9_answer_len;
static uint32_t ut_p9_size_field;

static long
ut_p9_exchange(struct pv_p9 *t, const void *req, size_t req_len, void *rsp,
    size_t rsp_max)
{
	uint8_t *r = rsp;

	(void)t;
	(void)req;
	(void)req_len;
	if (rsp_max >= 7) {
		memcpy(r, &ut_p9_size_field, 4);
		r[4] = 101;		/* Rversion */
		r[5] = r[6] = 0xff;
	}
	return ut_p9_answer_len;
}

static const struct pv_p9_ops ut_p9_ops = { ut_p9_exchange };

UT_TEST(class_p9)
{
	static struct pv_p9 t, u;
	uint8_t req[32] = { 19, 0, 0, 0, 100, 0xff, 0xff }, rsp[64];

	pv_class_reset();
	t.p_ops = u.p_ops = &ut_p9_ops;
	t.p_msize = 8192;
	UT_ASSERT_EQ(pv_p9_register(&t, NULL), -EINVAL);	/* no tag */
	memset(t.p_tag, 'x', sizeof(t.p_tag));
	UT_ASSERT_EQ(pv_p9_register(&t, NULL), -EINVAL);	/* no NUL */
	strcpy(t.p_tag, "hostshare");
	UT_ASSERT_EQ(pv_p9_register(&t, NULL), 0);
	strcpy(u.p_tag, "hostshare");
	u.p_msize = 8192;
	UT_ASSERT_EQ(pv_p9_register(&u, NULL), -EEXIST);	/* same tag */
	strcpy(u.p_tag, "other");
	u.p_msize = 3;
	UT_ASSERT_EQ(pv_p9_register(&u, NULL), -EINVAL);	/* msize */
	UT_ASSERT(pv_p9_find("hostshare") == &t);
	UT_ASSERT(pv_p9_find("nosuch") == NULL);
	UT_ASSERT_EQ(pv_p9_msize(&t), 8192);

	/* A request whose size field lies, or that is too short. */
	UT_ASSERT_EQ(pv_p9_request(&t, req, 18, rsp, sizeof(rsp)), -EINVAL);
	UT_ASSERT_EQ(pv_p9_request(&t, req, 6, rsp, sizeof(rsp)), -EINVAL);
	UT_ASSERT_EQ(pv_p9_request(&t, req, 19, rsp, 6), -EMSGSIZE);
	/* A good exchange. */
	ut_p9_answer_len = 19;
	ut_p9_size_field = 19;
	UT_ASSERT_EQ(pv_p9_request(&t, req, 19, rsp, sizeof(rsp)), 19);
	/* The device claims more than the buffer, or a length the message
	 * does not say, or less than a header. */
	ut_p9_answer_len = 65;
	UT_ASSERT_EQ(pv_p9_request(&t, req, 19, rsp, sizeof(rsp)), -EMSGSIZE);
	ut_p9_answer_len = 20;
	UT_ASSERT_EQ(pv_p9_request(&t, req, 19, rsp, sizeof(rsp)), -EIO);
	ut_p9_answer_len = 3;
	ut_p9_size_field = 3;
	UT_ASSERT_EQ(pv_p9_request(&t, req, 19, rsp, sizeof(rsp)), -EIO);
	ut_p9_answer_len = -ETIMEDOUT;
	UT_ASSERT_EQ(pv_p9_request(&t, req, 19, rsp, sizeof(rsp)), -ETIMEDOUT);
	pv_class_reset();
}

/* ---- shared memory ---- */

static uint32_t ut_bell;

static int
ut_shm_notify(struct pv_shmem *s, uint32_t peer, uint32_t value)
{
	(void)s;
	ut_bell = peer << 16 | value;
	return 0;
}

UT_TEST(class_shmem)
{
	static char region[4096];
	static const struct pv_shmem_ops with = { ut_shm_notify }, without = { 0 };
	static struct pv_shmem s, q;

	pv_class_reset();
	s.s_ops = &with;
	UT_ASSERT_EQ(pv_shmem_register(&s, NULL), -EINVAL);	/* no region */
	s.s_base = region;
	s.s_size = sizeof(region);
	UT_ASSERT_EQ(pv_shmem_register(&s, NULL), 0);
	UT_ASSERT(pv_shmem_get(0) == &s);
	UT_ASSERT_STR(pv_shmem_name(&s), "shm0");
	UT_ASSERT(pv_shmem_at(&s, 0, 4096) == (volatile void *)region);
	UT_ASSERT(pv_shmem_at(&s, 4095, 1) == (volatile void *)(region + 4095));
	UT_ASSERT(pv_shmem_at(&s, 4096, 0) != NULL);
	UT_ASSERT(pv_shmem_at(&s, 4095, 2) == NULL);
	UT_ASSERT(pv_shmem_at(&s, 4097, 0) == NULL);
	UT_ASSERT(pv_shmem_at(&s, 8, SIZE_MAX) == NULL);	/* wraps */
	UT_ASSERT_EQ(pv_shmem_notify(&s, 1, 7), 0);
	UT_ASSERT_EQ(ut_bell, 1u << 16 | 7);
	q = s;
	q.s_inst = (struct pv_class_inst){ 0 };
	q.s_ops = &without;
	UT_ASSERT_EQ(pv_shmem_register(&q, NULL), 0);
	UT_ASSERT_EQ(pv_shmem_notify(&q, 1, 7), -ENOTSUP);
	UT_ASSERT_EQ(pv_shmem_count(), 2);
	pv_class_reset();
}

/* ---- balloon ---- */

static uint64_t ut_target_seen;

static int
ut_give(struct pv_balloon *b, const uint64_t *pfns, unsigned int n)
{
	(void)b;
	(void)pfns;
	return n > 3 ? 1000 : (int)n;	/* a driver that over-reports */
}

static int
ut_take(struct pv_balloon *b, const uint64_t *pfns, unsigned int n)
{
	(void)b;
	(void)pfns;
	return n > 1 ? 1 : (int)n;	/* a driver that takes one at a time */
}

static void
ut_on_target(void *arg, uint64_t target)
{
	(void)arg;
	ut_target_seen = target;
}

UT_TEST(class_balloon)
{
	static const struct pv_balloon_ops ops = { ut_give, ut_take };
	static struct pv_balloon b, c;
	uint64_t pfns[PV_BALLOON_BATCH + 1];

	pv_class_reset();
	UT_ASSERT(pv_balloon_get() == NULL);
	UT_ASSERT_EQ(pv_balloon_register(&b, NULL), -EINVAL);
	b.b_ops = c.b_ops = &ops;
	UT_ASSERT_EQ(pv_balloon_register(&b, NULL), 0);
	UT_ASSERT_EQ(pv_balloon_register(&c, NULL), -EEXIST);
	UT_ASSERT(pv_balloon_get() == &b);
	for (unsigned int i = 0; i <= PV_BALLOON_BATCH; i++)
		pfns[i] = 0x1000 + i;
	UT_ASSERT_EQ(pv_balloon_give(&b, pfns, 0), -EINVAL);
	UT_ASSERT_EQ(pv_balloon_give(&b, NULL, 1), -EINVAL);
	UT_ASSERT_EQ(pv_balloon_give(&b, pfns, PV_BALLOON_BATCH + 1), -EINVAL);
	pfns[2] = pfns[0];
	UT_ASSERT_EQ(pv_balloon_give(&b, pfns, 3), -EINVAL);	/* twice */
	pfns[2] = 0x1002;
	UT_ASSERT_EQ(pv_balloon_take(&b, pfns, 1), -EINVAL);	/* none given */
	UT_ASSERT_EQ(pv_balloon_give(&b, pfns, 3), 3);
	UT_ASSERT_EQ(pv_balloon_give(&b, pfns + 3, 5), 5);	/* capped */
	UT_ASSERT_EQ(pv_balloon_given(&b), 8);
	UT_ASSERT_EQ(pv_balloon_take(&b, pfns, 9), -EINVAL);
	UT_ASSERT_EQ(pv_balloon_take(&b, pfns, 4), 1);
	UT_ASSERT_EQ(pv_balloon_given(&b), 7);
	pv_balloon_set_target(&b, 100);
	UT_ASSERT_EQ(pv_balloon_target(&b), 100);
	UT_ASSERT_EQ(ut_target_seen, 0);
	pv_balloon_on_target(&b, ut_on_target, NULL);
	pv_balloon_set_target(&b, 50);
	UT_ASSERT_EQ(ut_target_seen, 50);
	pv_class_reset();
}

UT_TEST(class_registry_names)
{
	static struct pv_class_inst a, b, c;

	pv_class_reset();
	UT_ASSERT_EQ(pv_class_add(NULL, "net", NULL), -EINVAL);
	UT_ASSERT_EQ(pv_class_add(&a, "", NULL), -EINVAL);
	UT_ASSERT_EQ(pv_class_add(&a, "a-class-name-too-long", NULL), -EINVAL);
	UT_ASSERT_EQ(pv_class_add(&a, "net", NULL), 0);
	UT_ASSERT_EQ(pv_class_add(&b, "shm", NULL), 0);
	UT_ASSERT_EQ(pv_class_add(&c, "net", NULL), 0);
	UT_ASSERT_STR(c.ci_name, "net1");
	UT_ASSERT_STR(b.ci_name, "shm0");
	UT_ASSERT(pv_class_next("net", NULL) == &a);
	UT_ASSERT(pv_class_next("net", &a) == &c);
	UT_ASSERT(pv_class_next("net", &c) == NULL);
	UT_ASSERT(pv_class_find("shm0") == &b);
	UT_ASSERT(pv_class_find("shm1") == NULL);
	pv_class_remove(&b);
	pv_class_remove(&b);			/* twice is harmless */
	UT_ASSERT_EQ(pv_class_count("shm"), 0);
	UT_ASSERT_EQ(pv_class_count("net"), 2);
	pv_class_reset();
}
