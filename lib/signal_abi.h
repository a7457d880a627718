/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The Linux signal ABI: signal numbers, si_code values, and the layouts
 * of struct k_sigaction, siginfo_t and stack_t as programs see them.
 * Definitions only; the kernel's signals are kernel/proc/signal.h.
 */
#ifndef LIB_SIGNAL_ABI_H
#define LIB_SIGNAL_ABI_H

#include <stdint.h>

#define SIGNAL_MAX	64
#define SIGNAL_RTMIN	32	/* from here on, instances queue */
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29

/* si_code values (Linux's). */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_TIMER	(-2)
#define SI_TKILL	(-6)
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#define SIGNAL_BIT(s)	(1UL << ((s) - 1))

struct signal_action {		/* struct k_sigaction of the Linux ABI */
	uint64_t	sa_handler;	/* SIG_DFL 0, SIG_IGN 1, or code */
	uint64_t	sa_flags;
	uint64_t	sa_restorer;
	uint64_t	sa_mask;
};
_Static_assert(sizeof(struct signal_action) == 32, "k_sigaction ABI");

struct signal_info {		/* siginfo_t of the Linux ABI */
	int32_t		si_signo, si_errno, si_code, si_pad;
	union {
		struct {
			int32_t		si_pid;
			uint32_t	si_uid;
			union {
				int32_t	 si_status;	/* SIGCHLD */
				uint64_t si_value;	/* sigqueue */
			};
		};
		uint64_t	si_addr;		/* faults */
	};
	uint8_t		si_rest[96];
};
_Static_assert(sizeof(struct signal_info) == 128, "siginfo ABI");

struct signal_stack {		/* stack_t of the Linux ABI */
	uint64_t	ss_sp;
	int32_t		ss_flags;
	int32_t		ss_pad;
	uint64_t	ss_size;
};
_Static_assert(sizeof(struct signal_stack) == 24, "stack_t ABI");

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define SIGNAL_MINSTKSZ	2048

#endif /* LIB_SIGNAL_ABI_H */
