/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * In-kernel tests.  KTEST(suite, name) { ... } defines a test placed in
 * the .ktests section; KTEST_MANUAL defines one that runs only when named
 * (deliberate failures, used to check the harness itself).  The kernel
 * command line ktest=all runs every ordinary test; ktest=a,b.c runs suite
 * a and test b.c.  Each test prints one line that scripts parse:
 *	ktest: PASS suite.name
 *	ktest: FAIL suite.name: why
 * and the run ends with "ktest: N passed, N failed".  Tests run in a
 * kernel thread of their own, one after another.
 */
#ifndef KERNEL_TESTS_KTEST_H
#define KERNEL_TESTS_KTEST_H

#include <stdbool.h>
#include <stdint.h>

struct ktest_ctx {
	bool	kc_failed;
	char	kc_why[200];
};

struct ktest {
	const char	*kt_suite;
	const char	*kt_name;
	void		(*kt_fn)(struct ktest_ctx *);
	bool		 kt_manual;
};

#define KTEST_DEFINE(suite, name, manual)				\
	static void ktest_##suite##_##name(struct ktest_ctx *);		\
	static const struct ktest ktest_d_##suite##_##name = {		\
		#suite, #name, ktest_##suite##_##name, manual		\
	};								\
	static const struct ktest *const ktest_p_##suite##_##name	\
	    __attribute__((used, section(".ktests"))) =		\
	    &ktest_d_##suite##_##name;					\
	static void ktest_##suite##_##name(struct ktest_ctx *kt __attribute__((unused)))

#define KTEST(suite, name)		KTEST_DEFINE(suite, name, false)
#define KTEST_MANUAL(suite, name)	KTEST_DEFINE(suite, name, true)

void	ktest_fail(struct ktest_ctx *, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#define KT_ASSERT(c) do {						\
	if (!(c)) {							\
		ktest_fail(kt, __FILE__, __LINE__, "%s", #c);		\
		return;							\
	}								\
} while (0)

#define KT_ASSERT_EQ(a, b) do {						\
	uint64_t ka_ = (uint64_t)(a), kb_ = (uint64_t)(b);		\
	if (ka_ != kb_) {						\
		ktest_fail(kt, __FILE__, __LINE__,			\
		    "%s == %s (0x%lx != 0x%lx)", #a, #b, ka_, kb_);	\
		return;							\
	}								\
} while (0)

/*
 * Run the tests the filter selects.  Returns the number that failed; a
 * filter item matching no test counts as one failure.
 */
int	ktest_run(const char *filter);

#endif /* KERNEL_TESTS_KTEST_H */
