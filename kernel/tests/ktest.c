/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The in-kernel test runner (see ktest.h). */
#include <stdarg.h>
#include <stdbool.h>

#include <lib/fmt.h>
#include <lib/string.h>
#include <kernel/log/printk.h>
#include <kernel/sched/thread.h>
#include <kernel/tests/ktest.h>

extern const struct ktest *const __start_ktests[], *const __stop_ktests[];

void
ktest_fail(struct ktest_ctx *kc, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;
	int n;

	if (kc->kc_failed)
		return;
	kc->kc_failed = true;
	n = fmt_snprintf(kc->kc_why, sizeof(kc->kc_why), "%s:%d: ", file, line);
	if (n < 0 || (size_t)n >= sizeof(kc->kc_why))
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(kc->kc_why + n, sizeof(kc->kc_why) - n, fmt, ap);
	va_end(ap);
}

/* Does filter item [item, item+len) select t? */
static bool
ktest_match(const struct ktest *t, const char *item, size_t len)
{
	size_t sl = strlen(t->kt_suite);

	if (len == 3 && memcmp(item, "all", 3) == 0)
		return !t->kt_manual;
	if (len == sl && memcmp(item, t->kt_suite, sl) == 0)
		return !t->kt_manual;
	return len == sl + 1 + strlen(t->kt_name) &&
	    memcmp(item, t->kt_suite, sl) == 0 && item[sl] == '.' &&
	    memcmp(item + sl + 1, t->kt_name, len - sl - 1) == 0;
}

struct ktest_job {
	const struct ktest	*kj_test;
	struct ktest_ctx	 kj_ctx;
};

static void
ktest_thread(void *arg)
{
	struct ktest_job *job = arg;

	job->kj_test->kt_fn(&job->kj_ctx);
	/* No tail call: keep this frame so backtraces name the runner. */
	__asm__ volatile("" : : : "memory");
}

static bool
ktest_selected(const struct ktest *t, const char *filter)
{
	const char *p = filter;

	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);

		if (ktest_match(t, p, len))
			return true;
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}

int
ktest_run(const char *filter)
{
	const struct ktest *const *t;
	int passed = 0, failed = 0;
	const char *p;

	/* Every filter item must select something. */
	for (p = filter; *p != '\0';) {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		bool any = false;

		for (t = __start_ktests; t < __stop_ktests && !any; t++)
			any = ktest_match(*t, p, len);
		if (!any) {
			printk(LOG_ERR, "ktest: FAIL ktest.filter: no test "
			    "matches '%.*s'\n", (int)len, p);
			failed++;
		}
		p += len;
		if (*p == ',')
			p++;
	}

	for (t = __start_ktests; t < __stop_ktests; t++) {
		struct ktest_job job = { .kj_test = *t };
		struct thread *th;

		if (!ktest_selected(*t, filter))
			continue;
		th = thread_create("ktest", ktest_thread, &job, false);
		if (th == NULL) {
			ktest_fail(&job.kj_ctx, __FILE__, __LINE__,
			    "cannot create the test thread");
		} else {
			(void)thread_join(th);	/* tests report via kj_ctx */
		}
		if (job.kj_ctx.kc_failed) {
			printk(LOG_ERR, "ktest: FAIL %s.%s: %s\n", (*t)->kt_suite,
			    (*t)->kt_name, job.kj_ctx.kc_why);
			failed++;
		} else {
			printk(LOG_INFO, "ktest: PASS %s.%s\n", (*t)->kt_suite,
			    (*t)->kt_name);
			passed++;
		}
	}
	printk(LOG_INFO, "ktest: %d passed, %d failed\n", passed, failed);
	return failed;
}
