/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * A small file and stdio workload for the ring-0 app, built with jiny-cc:
 * stdio buffering, files created, written, read back, renamed and
 * listed, malloc'd memory (brk and mmap), argv and the environment, bad
 * arguments answered as Linux does (through the call table's fast
 * entries and its generic ones).  Prints one line per check and a
 * summary; exits 0 if every check held.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("r0files: %s %s\n", ok ? "ok" : "FAILED", what);
	failed |= !ok;
}

int
main(int argc, char **argv)
{
	char buf[256], *big;
	FILE *f;
	struct stat st;
	DIR *d;
	struct dirent *e;
	int found = 0;

	check("argv reaches main", argc == 2 && strcmp(argv[1], "hello") == 0);
	check("environment", getenv("PATH") != NULL);
	check("mkdir", mkdir("/r0", 0755) == 0);
	f = fopen("/r0/a.txt", "w");
	check("fopen for writing", f != NULL);
	for (int i = 0; i < 100; i++)
		fprintf(f, "line %d\n", i);
	check("fclose flushes", fclose(f) == 0);
	check("stat size", stat("/r0/a.txt", &st) == 0 && st.st_size == 790);
	f = fopen("/r0/a.txt", "r");
	for (int i = 0; i < 43 && fgets(buf, sizeof(buf), f) != NULL; i++)
		;
	check("fgets reads back", strcmp(buf, "line 42\n") == 0);
	fclose(f);
	check("rename", rename("/r0/a.txt", "/r0/b.txt") == 0);
	d = opendir("/r0");
	while (d != NULL && (e = readdir(d)) != NULL)
		found |= strcmp(e->d_name, "b.txt") == 0;
	check("readdir sees the new name", found);
	closedir(d);
	big = malloc(4 << 20);
	check("malloc 4 MiB", big != NULL);
	memset(big, 7, 4 << 20);
	check("it holds what we wrote", big[(4 << 20) - 1] == 7);
	free(big);
	errno = 0;
	check("a bad pointer gives EFAULT",
	    write(1, (void *)0x10, 10) == -1 && errno == EFAULT);
	check("getpid", getpid() > 0);
	check("syscall() reaches the same call",
	    syscall(SYS_getpid) == getpid());
	errno = 0;
	check("a number past the table gives ENOSYS",
	    syscall(100000) == -1 && errno == ENOSYS);
	errno = 0;
	check("a negative number gives ENOSYS",
	    syscall(-1L) == -1 && errno == ENOSYS);
	errno = 0;
	check("an unassigned number gives ENOSYS",
	    syscall(511) == -1 && errno == ENOSYS);
	errno = 0;
	check("a closed descriptor gives EBADF",
	    read(99, buf, 1) == -1 && errno == EBADF);
	errno = 0;
	check("a negative length gives EFAULT (Linux checks the range first)",
	    syscall(SYS_read, 0, buf, -1L) == -1 && errno == EFAULT);
	{
		int nfd = open("/dev/null", O_RDWR);
		char *k = (char *)0xffffffff80000000UL;

		check("/dev/null takes any buffer of the user half",
		    write(nfd, (void *)0x10, 10) == 10 &&
		    read(nfd, (void *)0x10, 10) == 0);
		errno = 0;
		check("but not one in the kernel's half",
		    write(nfd, k, 10) == -1 && errno == EFAULT);
		errno = 0;
		check("a read into a bad pointer gives EFAULT",
		    (f = fopen("/r0/b.txt", "r")) != NULL &&
		    read(fileno(f), (void *)0x10, 10) == -1 && errno == EFAULT);
		if (f != NULL)
			fclose(f);
		errno = 0;
		close(nfd);
		check("a read-only descriptor refuses writes with EBADF",
		    (nfd = open("/r0/b.txt", O_RDONLY)) >= 0 &&
		    write(nfd, "x", 1) == -1 && errno == EBADF);
		close(nfd);
		errno = 0;
		check("access mode 3 allows neither reading nor writing",
		    (nfd = open("/dev/zero", O_ACCMODE)) >= 0 &&
		    read(nfd, buf, 1) == -1 && errno == EBADF &&
		    write(nfd, buf, 1) == -1 && errno == EBADF);
		close(nfd);
		errno = 0;
		check("a descriptor's mode is checked before the buffer",
		    (nfd = open("/dev/null", O_RDONLY)) >= 0 &&
		    write(nfd, k, 10) == -1 && errno == EBADF);
		close(nfd);
	}
	printf("r0files: done, %s\n", failed ? "some checks FAILED" :
	    "all checks passed");
	return failed;
}
