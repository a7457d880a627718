/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * reboot(2)'s refusals, then (in a guest) the real thing through
 * busybox, no libc:
 *   ureboot              only checks that can never stop a machine: a
 *                        non-root caller (EPERM), bad magic numbers and
 *                        bad commands (EINVAL); safe on any host
 *   ureboot guest        also Ctrl-Alt-Del on/off under each of the four
 *                        second magic numbers, and RESTART2 with an
 *                        unreadable argument (EFAULT)
 *   ureboot CMD          (poweroff, reboot, halt) the guest checks, then
 *                        execs "busybox CMD -f"
 * Never run the last two forms on a machine you care about.
 */
#include "usys.h"

#define SYS_execve	59
#define SYS_fork	57
#define SYS_wait4	61
#define SYS_setresuid	117
#define SYS_reboot	169
#define SYS_exit_group	231

#define MAGIC1		0xfee1deadL
#define MAGIC2		0x28121969L
#define MAGIC2A		0x05121996L
#define MAGIC2B		0x16041998L
#define MAGIC2C		0x20112000L
#define CMD_RESTART	0x01234567L
#define CMD_CAD_ON	0x89abcdefL
#define CMD_CAD_OFF	0L
#define CMD_POWER_OFF	0x4321fedcL
#define CMD_RESTART2	0xa1b2c3d4L
#define CMD_SW_SUSPEND	0xd000fce2L

#define EPERM		1
#define EFAULT		14
#define EINVAL		22

static int failed;

static void
check_r(const char *what, long r, long want)
{
	usys_check("ureboot", what, r == want, &failed);
	if (r != want) {
		usys_say("  got ");
		usys_say_num(r);
		usys_say(" want ");
		usys_say_num(want);
		usys_say("\n");
	}
}

static long
reboot(long m1, long m2, long cmd, long arg)
{
	return usys(SYS_reboot, m1, m2, cmd, arg);
}

static int
streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

static void
safe_checks(void)
{
	long pid, r;
	int status = -1;

	/* Not root: EPERM before anything else, even a valid power-off. */
	pid = usys(SYS_fork, 0, 0, 0, 0);
	if (pid == 0) {
		if (usys(SYS_setresuid, 65534, 65534, 65534, 0) != 0)
			usys(SYS_exit_group, 2, 0, 0, 0);
		r = reboot(MAGIC1, MAGIC2, CMD_POWER_OFF, 0);
		usys(SYS_exit_group, r == -EPERM ? 0 : 1, 0, 0, 0);
	}
	usys(SYS_wait4, pid, (long)&status, 0, 0);
	check_r("as nobody, POWER_OFF: EPERM", status, 0);
	check_r("bad first magic: EINVAL", reboot(0xfee1deaeL, MAGIC2,
	    CMD_POWER_OFF, 0), -EINVAL);
	check_r("bad second magic: EINVAL", reboot(MAGIC1, MAGIC2 + 1,
	    CMD_POWER_OFF, 0), -EINVAL);
	check_r("magics swapped: EINVAL", reboot(MAGIC2, MAGIC1,
	    CMD_RESTART, 0), -EINVAL);
	check_r("unknown command: EINVAL", reboot(MAGIC1, MAGIC2, 0x12345678L,
	    0), -EINVAL);
}

/* Only where stopping the machine would be harmless (a guest). */
static void
guest_checks(void)
{
	long m2[4] = { MAGIC2, MAGIC2A, MAGIC2B, MAGIC2C };
	int ok = 1;

	for (int i = 0; i < 4; i++)
		ok &= reboot(MAGIC1, m2[i], CMD_CAD_OFF, 0) == 0 &&
		    reboot(MAGIC1, m2[i], CMD_CAD_ON, 0) == 0;
	check_r("CAD_OFF and CAD_ON under each second magic: 0", ok, 1);
	check_r("RESTART2 with an unreadable argument: EFAULT",
	    reboot(MAGIC1, MAGIC2, CMD_RESTART2, 8), -EFAULT);
}

void
cstart(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	char *bb[] = { "/bin/busybox", 0, "-f", 0 };

	safe_checks();
	if (argc < 2) {
		usys_finish("ureboot", failed);
	}
	guest_checks();
	if (streq(argv[1], "guest"))
		usys_finish("ureboot", failed);
	if (failed)
		usys_finish("ureboot", failed);
	usys_say("ureboot: done, all checks passed\n");
	bb[1] = argv[1];
	usys(SYS_execve, (long)bb[0], (long)bb, 0, 0);
	usys_say("ureboot: cannot exec busybox\n");
	usys(SYS_exit_group, 1, 0, 0, 0);
}

USYS_START;
