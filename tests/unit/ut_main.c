/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The host unit-test runner and the kernel services tests link against. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lib/fmt.h>

#include "ut.h"

char ut_why[256];
bool ut_failed;
jmp_buf *ut_panic_jmp;
char ut_panic_msg[256];

extern const struct ut_test *const __start_ut_tests[], *const __stop_ut_tests[];

/* The kernel's panic(): unwinds to UT_EXPECT_PANIC, or fails the run. */
void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(ut_panic_msg, sizeof(ut_panic_msg), fmt, ap);
	va_end(ap);
	if (ut_panic_jmp != NULL)
		longjmp(*ut_panic_jmp, 1);
	fprintf(stderr, "unexpected panic: %s\n", ut_panic_msg);
	abort();
}

void
printk(int level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
}

/*
 * Run one test in a child process, so that every test starts from fresh
 * kernel state (allocators are global) and a crash fails only that test.
 * Returns true on a pass; on failure ut_why says why.
 */
static bool
ut_run_isolated(const struct ut_test *t)
{
	int fd[2], status;
	ssize_t n;
	pid_t pid;

	ut_why[0] = '\0';
	fflush(stdout);
	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		snprintf(ut_why, sizeof(ut_why), "cannot fork");
		return false;
	}
	if (pid == 0) {
		close(fd[0]);
		ut_failed = false;
		t->fn();
		if (ut_failed && write(fd[1], ut_why, strlen(ut_why)) < 0)
			_exit(2);
		_exit(ut_failed ? 1 : 0);
	}
	close(fd[1]);
	n = read(fd[0], ut_why, sizeof(ut_why) - 1);
	ut_why[n > 0 ? n : 0] = '\0';
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid) {
		snprintf(ut_why, sizeof(ut_why), "lost the test process");
		return false;
	}
	if (WIFSIGNALED(status))
		snprintf(ut_why, sizeof(ut_why), "killed by signal %d",
		    WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0 && ut_why[0] == '\0')
		snprintf(ut_why, sizeof(ut_why), "exit status %d (see stderr)",
		    WEXITSTATUS(status));
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool
ut_selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

int
main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	for (const struct ut_test *const *t = __start_ut_tests;
	    t < __stop_ut_tests; t++) {
		if (!ut_selected((*t)->name, argc, argv))
			continue;
		if (!ut_run_isolated(*t)) {
			printf("FAIL hv=host unit.%s: %s\n", (*t)->name, ut_why);
			failed++;
		} else {
			printf("PASS hv=host unit.%s\n", (*t)->name);
			passed++;
		}
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed != 0 || passed == 0;
}
