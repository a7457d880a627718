/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * A minimal host unit-test harness.  UT_TEST(name) registers a test; the
 * runner (ut_main.c) runs them all, or those named on the command line,
 * and prints "PASS hv=host unit.<name>" or "FAIL hv=host unit.<name>: why"
 * per test and "N passed, N failed" at the end.  UT_EXPECT_PANIC runs a
 * statement that must end in the kernel's panic().
 */
#ifndef TESTS_UNIT_UT_H
#define TESTS_UNIT_UT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct ut_test {
	const char	*name;
	void		(*fn)(void);
};

extern char ut_why[256];
extern bool ut_failed;
extern jmp_buf *ut_panic_jmp;
extern char ut_panic_msg[256];

#define UT_TEST(n)							\
	static void ut_##n(void);					\
	static const struct ut_test ut_d_##n = { #n, ut_##n };		\
	static const struct ut_test *const ut_p_##n			\
	    __attribute__((used, section("ut_tests"))) = &ut_d_##n;	\
	static void ut_##n(void)

#define UT_ASSERT(c) do {						\
	if (!(c)) {							\
		snprintf(ut_why, sizeof(ut_why), "%s:%d: %s",		\
		    __FILE__, __LINE__, #c);				\
		ut_failed = true;					\
		return;							\
	}								\
} while (0)

#define UT_ASSERT_EQ(a, b) do {						\
	unsigned long long ua_ = (unsigned long long)(a);		\
	unsigned long long ub_ = (unsigned long long)(b);		\
	if (ua_ != ub_) {						\
		snprintf(ut_why, sizeof(ut_why),			\
		    "%s:%d: %s == %s (0x%llx != 0x%llx)", __FILE__,	\
		    __LINE__, #a, #b, ua_, ub_);			\
		ut_failed = true;					\
		return;							\
	}								\
} while (0)

#define UT_ASSERT_STR(a, b) do {					\
	const char *sa_ = (a), *sb_ = (b);				\
	if (strcmp(sa_, sb_) != 0) {					\
		snprintf(ut_why, sizeof(ut_why),			\
		    "%s:%d: \"%s\" != \"%s\"", __FILE__, __LINE__,	\
		    sa_, sb_);						\
		ut_failed = true;					\
		return;							\
	}								\
} while (0)

/* A fresh page allocator and heap over 64 MiB of fake RAM (test_mm.c). */
void	ut_mm_setup(void);

/* Run stmt; it must call panic().  Leaves the message in ut_panic_msg. */
#define UT_EXPECT_PANIC(stmt) do {					\
	jmp_buf jb_;							\
	ut_panic_msg[0] = '\0';						\
	ut_panic_jmp = &jb_;						\
	if (setjmp(jb_) == 0) {						\
		stmt;							\
		ut_panic_jmp = NULL;					\
		snprintf(ut_why, sizeof(ut_why), "%s:%d: %s did not "	\
		    "panic", __FILE__, __LINE__, #stmt);		\
		ut_failed = true;					\
		return;							\
	}								\
	ut_panic_jmp = NULL;						\
} while (0)

#endif /* TESTS_UNIT_UT_H */
