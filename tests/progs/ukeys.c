/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The key retention service, checked against what Linux does (the same
 * program passes on a Linux host, run as root): add_key's payload and
 * type rules and errors, update in place, KEYCTL_READ of keys and
 * keyrings (short buffers), DESCRIBE, SEARCH, LINK/UNLINK, REVOKE,
 * SET_TIMEOUT, SETPERM, CHOWN, INVALIDATE, CLEAR; the thread, process and
 * session keyrings (made on demand, a named and an anonymous session,
 * inherited by fork and exec, which drops the others); request_key
 * finding a key, failing without an upcall (ENOENT, then the negative
 * key's ENOKEY); SET_REQKEY_KEYRING;
 * /proc/keys, /proc/key-users and the quota of /proc/sys/kernel/keys.
 * One line per check; exits 0 when all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define KEY_SPEC_THREAD_KEYRING		-1
#define KEY_SPEC_PROCESS_KEYRING	-2
#define KEY_SPEC_SESSION_KEYRING	-3
#define KEY_SPEC_USER_KEYRING		-4
#define KEY_SPEC_USER_SESSION_KEYRING	-5
#define KEY_SPEC_GROUP_KEYRING		-6

#define KEYCTL_GET_KEYRING_ID		0
#define KEYCTL_JOIN_SESSION_KEYRING	1
#define KEYCTL_UPDATE			2
#define KEYCTL_REVOKE			3
#define KEYCTL_CHOWN			4
#define KEYCTL_SETPERM			5
#define KEYCTL_DESCRIBE			6
#define KEYCTL_CLEAR			7
#define KEYCTL_LINK			8
#define KEYCTL_UNLINK			9
#define KEYCTL_SEARCH			10
#define KEYCTL_READ			11
#define KEYCTL_SET_REQKEY_KEYRING	14
#define KEYCTL_SET_TIMEOUT		15
#define KEYCTL_INVALIDATE		21
#define KEYCTL_GET_PERSISTENT		22

static int failed;

static void
check(const char *what, int ok)
{
	printf("ukeys: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

static long
add_key(const char *type, const char *desc, const void *p, size_t len,
    long ring)
{
	return syscall(SYS_add_key, type, desc, p, len, ring);
}

static long
request_key(const char *type, const char *desc, const char *callout,
    long dest)
{
	return syscall(SYS_request_key, type, desc, callout, dest);
}

static long
keyctl(long cmd, long a, long b, long c, long d)
{
	return syscall(SYS_keyctl, cmd, a, b, c, d);
}

/* Did the last call fail with e? */
static int
err(long r, int e)
{
	return r == -1 && errno == e;
}

static int
file_has(const char *path, const char *text)
{
	static char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return 0;
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

static int
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Is key k gone (ENOKEY), within 5 s (Linux frees keys asynchronously)? */
static int
gone(long k)
{
	for (int i = 0; i < 50; i++) {
		if (err(keyctl(KEYCTL_REVOKE, k, 0, 0, 0), ENOKEY))
			return 1;
		usleep(100000);
	}
	return 0;
}

static void
payloads(void)
{
	static char big[32768];
	char buf[64], desc[128];
	long k, k2, r;

	k = add_key("user", "ukeys:a", "hello", 5, KEY_SPEC_PROCESS_KEYRING);
	check("add_key user into the process keyring", k > 0);
	memset(buf, 0, sizeof(buf));
	r = keyctl(KEYCTL_READ, k, (long)buf, sizeof(buf), 0);
	check("READ gives the payload and its length",
	    r == 5 && memcmp(buf, "hello", 5) == 0);
	memset(buf, 'x', sizeof(buf));
	r = keyctl(KEYCTL_READ, k, (long)buf, 2, 0);
	check("READ into 2 bytes: the length, nothing copied",
	    r == 5 && buf[0] == 'x');
	check("READ without a buffer gives the length",
	    keyctl(KEYCTL_READ, k, 0, 0, 0) == 5);
	r = keyctl(KEYCTL_DESCRIBE, k, (long)desc, sizeof(desc), 0);
	snprintf(buf, sizeof(buf), "user;%u;%u;3f010000;ukeys:a",
	    (unsigned)getuid(), (unsigned)getgid());
	check("DESCRIBE type;uid;gid;perm;description",
	    r == (long)strlen(buf) + 1 && strcmp(desc, buf) == 0);
	memset(desc, 'x', sizeof(desc));
	r = keyctl(KEYCTL_DESCRIBE, k, (long)desc, 4, 0);
	check("DESCRIBE into a short buffer: length, nothing copied",
	    r == (long)strlen(buf) + 1 && desc[0] == 'x');
	k2 = add_key("user", "ukeys:a", "world!", 6, KEY_SPEC_PROCESS_KEYRING);
	r = keyctl(KEYCTL_READ, k, (long)buf, sizeof(buf), 0);
	check("add_key of the same name updates the key in place",
	    k2 == k && r == 6 && memcmp(buf, "world!", 6) == 0);
	check("UPDATE replaces the payload",
	    keyctl(KEYCTL_UPDATE, k, (long)"abc", 3, 0) == 0 &&
	    keyctl(KEYCTL_READ, k, (long)buf, sizeof(buf), 0) == 3);
	check("add_key user 32767 bytes",
	    add_key("user", "ukeys:big", big, 32767,
	    KEY_SPEC_PROCESS_KEYRING) > 0);
	check("add_key user 32768 bytes: EINVAL",
	    err(add_key("user", "ukeys:big2", big, 32768,
	    KEY_SPEC_PROCESS_KEYRING), EINVAL));
	check("add_key user without a payload: EINVAL",
	    err(add_key("user", "ukeys:e", NULL, 0, KEY_SPEC_PROCESS_KEYRING),
	    EINVAL));
	check("add_key keyring with a payload: EINVAL",
	    err(add_key("keyring", "ukeys:r", "x", 1,
	    KEY_SPEC_PROCESS_KEYRING), EINVAL));
	check("add_key over 1 MiB: EINVAL",
	    err(add_key("user", "ukeys:h", big, 1 << 20,
	    KEY_SPEC_PROCESS_KEYRING), EINVAL));
	check("add_key unknown type: ENODEV",
	    err(add_key("ukeys_nosuch", "d", "x", 1,
	    KEY_SPEC_PROCESS_KEYRING), ENODEV));
	check("add_key type starting with '.': EPERM",
	    err(add_key(".user", "d", "x", 1, KEY_SPEC_PROCESS_KEYRING),
	    EPERM));
	check("add_key keyring named '.x': EPERM",
	    err(add_key("keyring", ".x", NULL, 0, KEY_SPEC_PROCESS_KEYRING),
	    EPERM));
	check("add_key bad payload pointer: EFAULT",
	    err(add_key("user", "ukeys:f", (void *)8, 64,
	    KEY_SPEC_PROCESS_KEYRING), EFAULT));
	check("add_key bad type pointer: EFAULT",
	    err(add_key((char *)8, "d", "x", 1, KEY_SPEC_PROCESS_KEYRING),
	    EFAULT));
	check("add_key without a description: EINVAL",
	    err(add_key("user", NULL, "x", 1, KEY_SPEC_PROCESS_KEYRING),
	    EINVAL));
	check("add_key logon without a prefix: EINVAL",
	    err(add_key("logon", "nocolon", "x", 1,
	    KEY_SPEC_PROCESS_KEYRING), EINVAL));
	k = add_key("logon", "ukeys:l", "secret", 6, KEY_SPEC_PROCESS_KEYRING);
	check("add_key logon", k > 0);
	check("READ of a logon key: EOPNOTSUPP",
	    err(keyctl(KEYCTL_READ, k, (long)buf, sizeof(buf), 0), EOPNOTSUPP));
	check("add_key into a user key: ENOTDIR",
	    err(add_key("user", "ukeys:n", "x", 1, k), ENOTDIR));
	check("add_key into serial 0: EINVAL",
	    err(add_key("user", "ukeys:n", "x", 1, 0), EINVAL));
	check("add_key into the group keyring: EINVAL",
	    err(add_key("user", "ukeys:n", "x", 1, KEY_SPEC_GROUP_KEYRING),
	    EINVAL));
	check("UPDATE of a keyring: EOPNOTSUPP",
	    err(keyctl(KEYCTL_UPDATE, KEY_SPEC_PROCESS_KEYRING, 0, 0, 0),
	    EOPNOTSUPP));
	check("unknown keyctl: EOPNOTSUPP",
	    err(keyctl(9999, 0, 0, 0, 0), EOPNOTSUPP));
}

static void
keyrings(void)
{
	int32_t ids[4];
	long r, ring, k1, k2, other;
	char buf[64];

	ring = add_key("keyring", "ukeys:ring", NULL, 0,
	    KEY_SPEC_PROCESS_KEYRING);
	check("add_key keyring", ring > 0);
	k1 = add_key("user", "k1", "1", 1, ring);
	k2 = add_key("user", "k2", "2", 1, ring);
	memset(ids, 0, sizeof(ids));
	r = keyctl(KEYCTL_READ, ring, (long)ids, sizeof(ids), 0);
	check("READ of a keyring lists its keys",
	    r == 8 && ids[0] == k1 && ids[1] == k2);
	memset(ids, 0, sizeof(ids));
	r = keyctl(KEYCTL_READ, ring, (long)ids, 4, 0);
	check("READ of a keyring into 4 bytes: 8, no overrun",
	    r == 8 && ids[1] == 0);
	check("SEARCH finds a key in a nested keyring",
	    keyctl(KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, (long)"user",
	    (long)"k2", 0) == k2);
	check("SEARCH for a missing key: ENOKEY",
	    err(keyctl(KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, (long)"user",
	    (long)"nothere", 0), ENOKEY));
	check("SEARCH in a user key: ENOTDIR",
	    err(keyctl(KEYCTL_SEARCH, k1, (long)"user", (long)"k1", 0),
	    ENOTDIR));
	check("SEARCH for an unknown type: ENOKEY",
	    err(keyctl(KEYCTL_SEARCH, ring, (long)"ukeys_nosuch", (long)"k1",
	    0), ENOKEY));
	check("LINK a key into the process keyring",
	    keyctl(KEYCTL_LINK, k1, KEY_SPEC_PROCESS_KEYRING, 0, 0) == 0);
	check("LINK a keyring into itself: EDEADLK",
	    err(keyctl(KEYCTL_LINK, ring, ring, 0, 0), EDEADLK));
	check("UNLINK it again",
	    keyctl(KEYCTL_UNLINK, k1, KEY_SPEC_PROCESS_KEYRING, 0, 0) == 0);
	check("UNLINK what is not linked: ENOENT",
	    err(keyctl(KEYCTL_UNLINK, k1, KEY_SPEC_PROCESS_KEYRING, 0, 0),
	    ENOENT));
	check("UNLINK from a user key: ENOTDIR",
	    err(keyctl(KEYCTL_UNLINK, k1, k2, 0, 0), ENOTDIR));
	check("REVOKE", keyctl(KEYCTL_REVOKE, k2, 0, 0, 0) == 0);
	check("REVOKE again: EKEYREVOKED",
	    err(keyctl(KEYCTL_REVOKE, k2, 0, 0, 0), EKEYREVOKED));
	check("READ of a revoked key: EKEYREVOKED",
	    err(keyctl(KEYCTL_READ, k2, (long)buf, sizeof(buf), 0),
	    EKEYREVOKED));
	check("DESCRIBE of a revoked key: EKEYREVOKED",
	    err(keyctl(KEYCTL_DESCRIBE, k2, (long)buf, sizeof(buf), 0),
	    EKEYREVOKED));
	check("INVALIDATE takes it out of its keyring",
	    keyctl(KEYCTL_INVALIDATE, k1, 0, 0, 0) == 0 &&
	    keyctl(KEYCTL_READ, ring, (long)ids, sizeof(ids), 0) == 4);
	check("an invalidated key is gone: ENOKEY",
	    err(keyctl(KEYCTL_DESCRIBE, k1, (long)buf, sizeof(buf), 0),
	    ENOKEY));
	check("CLEAR empties the keyring",
	    keyctl(KEYCTL_CLEAR, ring, 0, 0, 0) == 0 &&
	    keyctl(KEYCTL_READ, ring, (long)ids, sizeof(ids), 0) == 0);
	check("a key unlinked from everywhere goes: ENOKEY",
	    gone(k2));
	check("CLEAR of a user key: ENOTDIR",
	    err(keyctl(KEYCTL_CLEAR, add_key("user", "k3", "3", 1, ring), 0, 0,
	    0), ENOTDIR));
	check("READ of serial 0: ENOKEY",
	    err(keyctl(KEYCTL_READ, 0, (long)buf, sizeof(buf), 0), ENOKEY));
	check("REVOKE of serial 0: EINVAL",
	    err(keyctl(KEYCTL_REVOKE, 0, 0, 0, 0), EINVAL));

	/* Permissions and ownership. */
	k1 = add_key("user", "ukeys:p", "p", 1, ring);
	check("SETPERM with unknown bits: EINVAL",
	    err(keyctl(KEYCTL_SETPERM, k1, 0x40000000, 0, 0), EINVAL));
	check("SETPERM to view and setattr only",
	    keyctl(KEYCTL_SETPERM, k1, 0x21000000, 0, 0) == 0);
	check("READ then: EACCES",
	    err(keyctl(KEYCTL_READ, k1, (long)buf, sizeof(buf), 0), EACCES));
	check("UPDATE then: EACCES",
	    err(keyctl(KEYCTL_UPDATE, k1, (long)"q", 1, 0), EACCES));
	check("no longer searchable, so not possessed: CHOWN EACCES",
	    err(keyctl(KEYCTL_CHOWN, k1, 4242, -1, 0), EACCES));
	k1 = add_key("user", "ukeys:q", "q", 1, ring);
	check("CHOWN to uid 4242 (root)",
	    keyctl(KEYCTL_CHOWN, k1, 4242, -1, 0) == 0 &&
	    keyctl(KEYCTL_DESCRIBE, k1, (long)buf, sizeof(buf), 0) > 0 &&
	    strncmp(buf, "user;4242;", 10) == 0);
	check("SET_TIMEOUT", keyctl(KEYCTL_SET_TIMEOUT, k1, 1, 0, 0) == 0);
	sleep(2);
	check("an expired key: DESCRIBE EKEYEXPIRED",
	    err(keyctl(KEYCTL_DESCRIBE, k1, (long)buf, sizeof(buf), 0),
	    EKEYEXPIRED));
	check("an expired key: READ EKEYEXPIRED",
	    err(keyctl(KEYCTL_READ, k1, (long)buf, sizeof(buf), 0),
	    EKEYEXPIRED));
	check("SEARCH past an expired key: EKEYEXPIRED",
	    err(keyctl(KEYCTL_SEARCH, ring, (long)"user", (long)"ukeys:q", 0),
	    EKEYEXPIRED));
	other = add_key("keyring", "ukeys:other", NULL, 0, ring);
	check("a second add_key of a keyring makes a new one",
	    other > 0 && add_key("keyring", "ukeys:other", NULL, 0, ring) !=
	    other);
	check("which replaced the first: it goes, ENOKEY", gone(other));
}

static void
specials(void)
{
	long t, p, s, s2, r, us;
	int status;
	pid_t pid;

	check("thread keyring absent: ENOKEY",
	    err(keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0, 0),
	    ENOKEY));
	t = keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 1, 0, 0);
	check("thread keyring made on demand", t > 0 &&
	    keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0, 0) == t);
	p = keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 0, 0, 0);
	check("process keyring exists (made by add_key)", p > 0);
	check("SET_REQKEY_KEYRING returns the old default",
	    keyctl(KEYCTL_SET_REQKEY_KEYRING, 1, 0, 0, 0) == 0 &&
	    keyctl(KEYCTL_SET_REQKEY_KEYRING, -1, 0, 0, 0) == 1);
	check("SET_REQKEY_KEYRING to the thread keyring keeps it",
	    keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0, 0) == t);
	check("SET_REQKEY_KEYRING group: EINVAL",
	    err(keyctl(KEYCTL_SET_REQKEY_KEYRING, 6, 0, 0, 0), EINVAL));
	keyctl(KEYCTL_SET_REQKEY_KEYRING, 0, 0, 0, 0);
	us = keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_SESSION_KEYRING, 0, 0,
	    0);
	check("user session keyring", us > 0);
	check("user keyring", keyctl(KEYCTL_GET_KEYRING_ID,
	    KEY_SPEC_USER_KEYRING, 0, 0, 0) > 0);
	s = keyctl(KEYCTL_JOIN_SESSION_KEYRING, 0, 0, 0, 0);
	check("JOIN_SESSION_KEYRING(NULL) makes an anonymous session",
	    s > 0 && s != us &&
	    keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0, 0, 0) == s);
	s2 = keyctl(KEYCTL_JOIN_SESSION_KEYRING, (long)"ukeys-session", 0, 0, 0);
	check("JOIN_SESSION_KEYRING(name) makes a named one",
	    s2 > 0 && s2 != s);
	/* Not searchable by its owner without possession: not found. */
	s = keyctl(KEYCTL_JOIN_SESSION_KEYRING, (long)"ukeys-session", 0, 0, 0);
	check("joining the name again makes another",
	    s > 0 && s != s2 && keyctl(KEYCTL_GET_KEYRING_ID,
	    KEY_SPEC_SESSION_KEYRING, 0, 0, 0) == s);
	s2 = s;
	check("JOIN_SESSION_KEYRING('.x'): EPERM",
	    err(keyctl(KEYCTL_JOIN_SESSION_KEYRING, (long)".x", 0, 0, 0),
	    EPERM));
	if ((pid = fork()) == 0) {
		int ok = keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING,
		    0, 0, 0) == s2 && keyctl(KEYCTL_GET_KEYRING_ID,
		    KEY_SPEC_PROCESS_KEYRING, 0, 0, 0) == -1 && errno == ENOKEY &&
		    keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0,
		    0) == -1 && errno == ENOKEY;
		_exit(ok ? 0 : 1);
	}
	r = waitpid(pid, &status, 0);
	check("a forked child shares the session, not the others",
	    r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	if ((pid = fork()) == 0) {
		char arg[32];

		snprintf(arg, sizeof(arg), "%ld", s2);
		keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 1, 0, 0);
		keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 1, 0, 0);
		execl("/proc/self/exe", "ukeys", "exec-check", arg, (char *)NULL);
		_exit(3);
	}
	r = waitpid(pid, &status, 0);
	check("exec drops the thread and process keyrings, keeps the session",
	    r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* request_key */
	r = add_key("user", "ukeys:rq", "r", 1, KEY_SPEC_SESSION_KEYRING);
	check("request_key finds a key in the session keyring",
	    request_key("user", "ukeys:rq", NULL, 0) == r);
	check("request_key of a missing key without callout: ENOKEY",
	    err(request_key("user", "ukeys:none", NULL, 0), ENOKEY));
	check("request_key with callout and no upcall: ENOENT",
	    err(request_key("user", "ukeys:neg", "info",
	    KEY_SPEC_PROCESS_KEYRING), ENOENT));
	check("then the negative key: ENOKEY",
	    err(request_key("user", "ukeys:neg", "info",
	    KEY_SPEC_PROCESS_KEYRING), ENOKEY));
	check("SEARCH finding the negative key: ENOKEY",
	    err(keyctl(KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, (long)"user",
	    (long)"ukeys:neg", 0), ENOKEY));
	check("request_key of a keyring with callout: EPERM",
	    err(request_key("keyring", "ukeys:nr", "info", 0), EPERM));
	check("request_key of an unknown type: ENOKEY",
	    err(request_key("ukeys_nosuch", "d", NULL, 0), ENOKEY));
	check("request_key type '.x': EPERM",
	    err(request_key(".x", "d", NULL, 0), EPERM));
	check("request_key bad callout pointer: EFAULT",
	    err(request_key("user", "d", (char *)8, 0), EFAULT));
}

static void
procfiles(void)
{
	char hex[16], line[64], old[32] = "200";
	long k, r;
	int status, fd, n;
	pid_t pid;

	k = add_key("user", "ukeys:proc", "x", 1, KEY_SPEC_PROCESS_KEYRING);
	snprintf(hex, sizeof(hex), "%08lx ", k);
	check("/proc/keys lists the key", file_has("/proc/keys", hex) &&
	    file_has("/proc/keys", "ukeys:proc: 1"));
	snprintf(line, sizeof(line), "%5u: ", (unsigned)getuid());
	check("/proc/key-users has the caller's line",
	    file_has("/proc/key-users", line));
	check("/proc/sys/kernel/keys/root_maxkeys is readable",
	    access("/proc/sys/kernel/keys/root_maxkeys", R_OK) == 0 &&
	    access("/proc/sys/kernel/keys/gc_delay", R_OK) == 0 &&
	    access("/proc/sys/kernel/keys/maxbytes", R_OK) == 0);
	if ((fd = open("/proc/sys/kernel/keys/maxkeys", O_RDONLY)) >= 0) {
		n = (int)read(fd, old, sizeof(old) - 1);
		old[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	check("maxkeys 0 refused",
	    write_file("/proc/sys/kernel/keys/maxkeys", "0") == -1);
	check("maxkeys set to 5",
	    write_file("/proc/sys/kernel/keys/maxkeys", "5") == 0 &&
	    file_has("/proc/sys/kernel/keys/maxkeys", "5\n"));
	if ((pid = fork()) == 0) {
		int i;
		long rr = 0;

		if (setuid(54321) != 0)
			_exit(2);
		for (i = 0; i < 10; i++) {
			char d[16];

			snprintf(d, sizeof(d), "q%d", i);
			rr = add_key("user", d, "x", 1,
			    KEY_SPEC_THREAD_KEYRING);
			if (rr < 0)
				break;
		}
		/* The thread keyring counts: 4 keys beside it. */
		_exit(rr == -1 && errno == EDQUOT && i == 4 ? 0 : 1);
	}
	r = waitpid(pid, &status, 0);
	check("another user's fifth key: EDQUOT",
	    r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	write_file("/proc/sys/kernel/keys/maxkeys", old);
}

/* After exec: no thread or process keyring, the same session. */
static int
exec_check(const char *session)
{
	int ok = keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0,
	    0) == -1 && errno == ENOKEY && keyctl(KEYCTL_GET_KEYRING_ID,
	    KEY_SPEC_PROCESS_KEYRING, 0, 0, 0) == -1 && errno == ENOKEY &&
	    keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0, 0, 0) ==
	    strtol(session, NULL, 10);

	return ok ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "exec-check") == 0)
		return exec_check(argv[2]);
	/* As init on a test image: /proc is ours to mount. */
	if (access("/proc/self", F_OK) != 0) {
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	payloads();
	keyrings();
	specials();
	procfiles();
	if (failed) {
		printf("ukeys: %d checks failed\n", failed);
		return 1;
	}
	printf("ukeys: done, all checks passed\n");
	return 0;
}
