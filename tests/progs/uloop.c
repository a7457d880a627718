/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Block devices and the loop driver, checked against what Linux does (the
 * same program passes as root on a Linux host with loop devices):
 * /dev/loop-control hands out a free device, which is a block node of
 * major 7; unbound it has size 0 and its requests answer ENXIO; bound to
 * a file (LOOP_SET_FD, LOOP_CONFIGURE) it reads and writes that file at
 * any byte offset, with lo_offset and lo_sizelimit, the block ioctls,
 * read-only devices, LOOP_CHANGE_FD, LOOP_CLR_FD's rules with a second
 * opener, /sys/block/loopN, and LOOP_CTL_ADD/REMOVE.  One line per
 * check; exits 0 when all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* <linux/loop.h>, and what <sys/mount.h> lacks of <linux/fs.h>. */
#define LOOP_SET_FD		0x4c00
#define LOOP_CLR_FD		0x4c01
#define LOOP_SET_STATUS		0x4c02
#define LOOP_GET_STATUS		0x4c03
#define LOOP_SET_STATUS64	0x4c04
#define LOOP_GET_STATUS64	0x4c05
#define LOOP_CHANGE_FD		0x4c06
#define LOOP_SET_CAPACITY	0x4c07
#define LOOP_SET_BLOCK_SIZE	0x4c09
#define LOOP_CONFIGURE		0x4c0a
#define LOOP_CTL_ADD		0x4c80
#define LOOP_CTL_REMOVE		0x4c81
#define LOOP_CTL_GET_FREE	0x4c82
#define LO_FLAGS_READ_ONLY	1
#define LO_FLAGS_AUTOCLEAR	4
#define LO_FLAGS_PARTSCAN	8
#define BLKPBSZGET	0x127b
#define BLKZEROOUT	0x127f

struct loop_info {
	int		 lo_number;
	unsigned long	 lo_device;
	unsigned long	 lo_inode;
	unsigned long	 lo_rdevice;
	int		 lo_offset;
	int		 lo_encrypt_type;
	int		 lo_encrypt_key_size;
	int		 lo_flags;
	char		 lo_name[64];
	unsigned char	 lo_encrypt_key[32];
	unsigned long	 lo_init[2];
	char		 reserved[4];
};

struct loop_info64 {
	uint64_t	 lo_device, lo_inode, lo_rdevice, lo_offset, lo_sizelimit;
	uint32_t	 lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
	uint8_t		 lo_file_name[64], lo_crypt_name[64], lo_encrypt_key[32];
	uint64_t	 lo_init[2];
};

struct loop_config {
	uint32_t	 fd, block_size;
	struct loop_info64 info;
	uint64_t	 reserved[8];
};

#define MIB		(1024 * 1024)
#define FILE_SIZE	(MIB + 100)

static int failed;

static void
check(int ok, const char *what)
{
	printf("uloop: %s: %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed = 1;
}

/* A call that must fail with errno e. */
static void
check_err(long r, int e, const char *what)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "%s -> %s (got %ld, %s)", what,
	    strerror(e), r, r < 0 ? strerror(errno) : "no error");
	check(r == -1 && errno == e, buf);
}

static uint64_t
dev_size(int fd)
{
	uint64_t size = ~0ull;

	if (ioctl(fd, BLKGETSIZE64, &size) != 0)
		return ~0ull;
	return size;
}

static int
sys_int(const char *dev, const char *attr, long *v)
{
	char path[128], buf[64];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/sys/block/%s/%s", dev, attr);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	ok = fgets(buf, sizeof(buf), f) != NULL;
	fclose(f);
	if (ok)
		*v = strtol(buf, NULL, 10);
	return ok;
}

static int
sys_str(const char *dev, const char *attr, char *buf, size_t size)
{
	char path[128];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/sys/block/%s/%s", dev, attr);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/* A file of size bytes, byte i being pattern(i). */
static unsigned char
pattern(uint64_t i)
{
	return (unsigned char)(i * 7 + (i >> 9) + 1);
}

static int
make_file(const char *path, size_t size)
{
	unsigned char *buf = malloc(size);
	int fd;

	for (size_t i = 0; i < size; i++)
		buf[i] = pattern(i);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, buf, size) != (ssize_t)size) {
		perror("uloop: make_file");
		exit(1);
	}
	free(buf);
	return fd;
}

static int
matches(const unsigned char *buf, size_t len, uint64_t at)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != pattern(at + i))
			return 0;
	return 1;
}

int
main(void)
{
	char path[64], name[16], dir[] = "/tmp/uloopXXXXXX", file[96],
	    file2[96], file3[96], buf[4096], str[256];
	struct loop_info64 info;
	struct loop_info old;
	struct loop_config cfg;
	struct stat st;
	int ctl, n, fd, fd2, back, back2, back3, v;
	uint64_t size, range[2];
	unsigned long sectors;
	long lv;

	/* Run as init, the program mounts /sys and /proc itself. */
	if (access("/sys/block", F_OK) != 0) {
		mkdir("/sys", 0755);
		mount("sysfs", "/sys", "sysfs", 0, NULL);
	}
	if (access("/proc/self", F_OK) != 0) {
		mkdir("/proc", 0755);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	if (mkdtemp(dir) == NULL) {
		perror("uloop: mkdtemp");
		return 1;
	}
	snprintf(file, sizeof(file), "%s/back.img", dir);
	snprintf(file2, sizeof(file2), "%s/same.img", dir);
	snprintf(file3, sizeof(file3), "%s/other.img", dir);
	back = make_file(file, FILE_SIZE);
	back2 = make_file(file2, FILE_SIZE);
	back3 = make_file(file3, 2 * MIB);

	/* loop-control, a free device, its node. */
	check(stat("/dev/loop-control", &st) == 0 && S_ISCHR(st.st_mode) &&
	    major(st.st_rdev) == 10 && minor(st.st_rdev) == 237,
	    "/dev/loop-control is character device 10,237");
	ctl = open("/dev/loop-control", O_RDWR);
	check(ctl >= 0, "open /dev/loop-control");
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	check(n >= 0, "LOOP_CTL_GET_FREE gives a device number");
	snprintf(path, sizeof(path), "/dev/loop%d", n);
	snprintf(name, sizeof(name), "loop%d", n);
	check(stat(path, &st) == 0 && S_ISBLK(st.st_mode) &&
	    major(st.st_rdev) == 7 && (int)minor(st.st_rdev) == n,
	    "/dev/loopN is block device 7,N");
	check_err(ioctl(ctl, LOOP_CTL_ADD, n), EEXIST,
	    "LOOP_CTL_ADD of an existing device");

	/* Unbound. */
	fd = open(path, O_RDWR);
	check(fd >= 0, "open the free device");
	check(fstat(fd, &st) == 0 && S_ISBLK(st.st_mode), "fstat: S_IFBLK");
	check(dev_size(fd) == 0, "unbound: BLKGETSIZE64 is 0");
	check(read(fd, buf, 512) == 0, "unbound: read gives end of file");
	check_err(ioctl(fd, LOOP_GET_STATUS64, &info), ENXIO,
	    "unbound: LOOP_GET_STATUS64");
	memset(&info, 0, sizeof(info));
	check_err(ioctl(fd, LOOP_SET_STATUS64, &info), ENXIO,
	    "unbound: LOOP_SET_STATUS64");
	check_err(ioctl(fd, LOOP_CLR_FD, 0), ENXIO, "unbound: LOOP_CLR_FD");
	check_err(ioctl(fd, LOOP_SET_CAPACITY, 0), ENXIO,
	    "unbound: LOOP_SET_CAPACITY");
	check_err(ioctl(fd, LOOP_SET_BLOCK_SIZE, 512), ENXIO,
	    "unbound: LOOP_SET_BLOCK_SIZE");

	/* Binding. */
	check_err(ioctl(fd, LOOP_SET_FD, -1), EBADF, "LOOP_SET_FD of fd -1");
	fd2 = open(dir, O_RDONLY | O_DIRECTORY);
	check_err(ioctl(fd, LOOP_SET_FD, fd2), EINVAL,
	    "LOOP_SET_FD of a directory");
	close(fd2);
	check(ioctl(fd, LOOP_SET_FD, back) == 0, "LOOP_SET_FD of a file");
	check_err(ioctl(fd, LOOP_SET_FD, back2), EBUSY,
	    "LOOP_SET_FD on a bound device");
	check_err(ioctl(ctl, LOOP_CTL_REMOVE, n), EBUSY,
	    "LOOP_CTL_REMOVE of a bound device");

	/* The block ioctls and byte-granular I/O. */
	size = dev_size(fd);
	check(size == MIB, "BLKGETSIZE64: the file's size in whole sectors");
	check(ioctl(fd, BLKGETSIZE, &sectors) == 0 && sectors == MIB / 512,
	    "BLKGETSIZE: 512-byte sectors");
	check(ioctl(fd, BLKSSZGET, &v) == 0 && v == 512, "BLKSSZGET is 512");
	check(ioctl(fd, BLKPBSZGET, &v) == 0 && v >= 512,
	    "BLKPBSZGET at least 512");
	check(ioctl(fd, BLKBSZGET, &v) == 0 && v >= 512 && v <= 4096,
	    "BLKBSZGET");
	check(ioctl(fd, BLKROGET, &v) == 0 && v == 0, "BLKROGET: writable");
	check(ioctl(fd, BLKFLSBUF, 0) == 0, "BLKFLSBUF");
	check(lseek(fd, 0, SEEK_END) == MIB, "SEEK_END is the size");
	check_err(lseek(fd, MIB + 1, SEEK_SET), EINVAL,
	    "lseek past the end");
	check(pread(fd, buf, 100, 1000) == 100 && matches((void *)buf, 100,
	    1000), "pread at byte 1000 reads the file");
	check(pread(fd, buf, 4096, MIB - 10) == 10, "pread short at the end");
	check(pread(fd, buf, 10, MIB) == 0, "pread at the end: 0");
	memset(buf, 'X', 10);
	check(pwrite(fd, buf, 10, 1234) == 10, "pwrite 10 bytes at 1234");
	memset(buf, 0, 10);
	check(fsync(fd) == 0 && pread(back, buf, 10, 1234) == 10 &&
	    memcmp(buf, "XXXXXXXXXX", 10) == 0,
	    "... reach the backing file (after fsync)");
	check_err(pwrite(fd, buf, 10, MIB), ENOSPC, "pwrite at the end");
	check(pwrite(fd, buf, 20, MIB - 10) == 10, "pwrite short at the end");
	check(fsync(fd) == 0 && fdatasync(fd) == 0, "fsync, fdatasync");
	range[0] = 4096;
	range[1] = 4096;
	check(ioctl(fd, BLKZEROOUT, range) == 0 && pread(fd, buf, 4096,
	    4096) == 4096 && buf[0] == 0 && buf[4095] == 0 &&
	    memchr(buf, 0, 4096) == buf, "BLKZEROOUT zeroes the range");
	range[0] = 100;
	check_err(ioctl(fd, BLKZEROOUT, range), EINVAL,
	    "BLKZEROOUT not sector-aligned");

	/* Status: offset, size limit, name. */
	memset(&info, 0, sizeof(info));
	info.lo_offset = 8192;
	info.lo_sizelimit = 16384;
	strcpy((char *)info.lo_file_name, "hello");
	check(ioctl(fd, LOOP_SET_STATUS64, &info) == 0,
	    "LOOP_SET_STATUS64 offset 8192 sizelimit 16384");
	memset(&info, 0xff, sizeof(info));
	check(ioctl(fd, LOOP_GET_STATUS64, &info) == 0 &&
	    info.lo_offset == 8192 && info.lo_sizelimit == 16384 &&
	    (int)info.lo_number == n && strcmp((char *)info.lo_file_name,
	    "hello") == 0 && info.lo_flags == 0,
	    "LOOP_GET_STATUS64 gives them back");
	check(fstat(back, &st) == 0 && info.lo_inode == st.st_ino,
	    "lo_inode is the backing file's");
	check(dev_size(fd) == 16384, "the size is the limit");
	check(pread(fd, buf, 600, 0) == 600 && matches((void *)buf, 600, 8192),
	    "byte 0 is the file's byte 8192");
	check(sys_int(name, "size", &lv) && lv == 32,
	    "/sys/block/loopN/size in sectors");
	check(sys_int(name, "loop/offset", &lv) && lv == 8192,
	    "/sys/block/loopN/loop/offset");
	check(sys_int(name, "loop/sizelimit", &lv) && lv == 16384,
	    "/sys/block/loopN/loop/sizelimit");
	check(sys_int(name, "ro", &lv) && lv == 0, "/sys/block/loopN/ro");
	check(sys_str(name, "loop/backing_file", str, sizeof(str)) &&
	    strcmp(str, file) == 0, "/sys/block/loopN/loop/backing_file");
	memset(&info, 0, sizeof(info));
	info.lo_encrypt_type = 1;
	check_err(ioctl(fd, LOOP_SET_STATUS64, &info), EINVAL,
	    "LOOP_SET_STATUS64 with encryption");
	info.lo_encrypt_type = 0;
	info.lo_offset = 1ull << 63;
	check_err(ioctl(fd, LOOP_SET_STATUS64, &info), EOVERFLOW,
	    "LOOP_SET_STATUS64 offset past INT64_MAX");
	memset(&old, 0xff, sizeof(old));
	check(ioctl(fd, LOOP_GET_STATUS, &old) == 0 && old.lo_offset == 8192 &&
	    old.lo_number == n, "LOOP_GET_STATUS (old)");
	check_err(ioctl(fd, LOOP_GET_STATUS64, NULL), EINVAL,
	    "LOOP_GET_STATUS64 of NULL");

	/* The old call: no size limit; which flags it sets and clears. */
	memset(&old, 0, sizeof(old));
	old.lo_flags = LO_FLAGS_AUTOCLEAR | LO_FLAGS_READ_ONLY;
	check(ioctl(fd, LOOP_SET_STATUS, &old) == 0, "LOOP_SET_STATUS (old)");
	check(ioctl(fd, LOOP_GET_STATUS64, &info) == 0 &&
	    info.lo_sizelimit == 0 && info.lo_offset == 0 &&
	    info.lo_flags == LO_FLAGS_AUTOCLEAR,
	    "... sets AUTOCLEAR, not READ_ONLY; no size limit");
	check(sys_int(name, "loop/autoclear", &lv) && lv == 1,
	    "/sys/block/loopN/loop/autoclear");
	old.lo_flags = 0;
	check(ioctl(fd, LOOP_SET_STATUS, &old) == 0 &&
	    ioctl(fd, LOOP_GET_STATUS64, &info) == 0 && info.lo_flags == 0,
	    "... and clears AUTOCLEAR");
	check(dev_size(fd) == MIB, "the whole file again");
	check(ftruncate(back, 512 * 1024) == 0 && dev_size(fd) == MIB &&
	    ioctl(fd, LOOP_SET_CAPACITY, 0) == 0 && dev_size(fd) == 512 * 1024,
	    "LOOP_SET_CAPACITY takes the new file size");

	/* Block sizes. */
	check_err(ioctl(fd, LOOP_SET_BLOCK_SIZE, 1000), EINVAL,
	    "LOOP_SET_BLOCK_SIZE 1000");
	check_err(ioctl(fd, LOOP_SET_BLOCK_SIZE, 256), EINVAL,
	    "LOOP_SET_BLOCK_SIZE 256");
	check(ioctl(fd, LOOP_SET_BLOCK_SIZE, 4096) == 0 &&
	    ioctl(fd, BLKSSZGET, &v) == 0 && v == 4096,
	    "LOOP_SET_BLOCK_SIZE 4096: BLKSSZGET follows");
	check(ioctl(fd, LOOP_SET_BLOCK_SIZE, 512) == 0, "... and back to 512");
	check_err(ioctl(fd, LOOP_CHANGE_FD, back2), EINVAL,
	    "LOOP_CHANGE_FD on a writable device");

	/* A second opener: LOOP_CLR_FD waits for the last close. */
	fd2 = open(path, O_RDONLY);
	check(fd2 >= 0, "a second open of the device");
	check(ioctl(fd, LOOP_CLR_FD, 0) == 0,
	    "LOOP_CLR_FD with two openers succeeds");
	close(fd2);
	close(fd);
	fd = open(path, O_RDWR);
	check_err(ioctl(fd, LOOP_GET_STATUS64, &info), ENXIO,
	    "after the last close the device is free");

	/* Read-only: a backing file opened for reading. */
	fd2 = open(file2, O_RDONLY);
	check(ioctl(fd, LOOP_SET_FD, fd2) == 0, "LOOP_SET_FD of a read-only file");
	close(fd2);
	check(ioctl(fd, LOOP_GET_STATUS64, &info) == 0 &&
	    info.lo_flags == LO_FLAGS_READ_ONLY, "... is LO_FLAGS_READ_ONLY");
	check(ioctl(fd, BLKROGET, &v) == 0 && v == 1, "... BLKROGET 1");
	check(sys_int(name, "ro", &lv) && lv == 1, "... /sys/block/loopN/ro 1");
	check_err(write(fd, "xx", 2), EPERM, "write to a read-only device");
	check_err(ioctl(fd, LOOP_CHANGE_FD, back3), EINVAL,
	    "LOOP_CHANGE_FD to a file of another size");
	check(ftruncate(back, FILE_SIZE) == 0 &&
	    ioctl(fd, LOOP_CHANGE_FD, back) == 0, "LOOP_CHANGE_FD, same size");
	check(sys_str(name, "loop/backing_file", str, sizeof(str)) &&
	    strcmp(str, file) == 0, "... backing_file is the new file");
	check(ioctl(fd, LOOP_CLR_FD, 0) == 0, "LOOP_CLR_FD, the only opener");
	check_err(ioctl(fd, LOOP_CLR_FD, 0), ENXIO, "... then ENXIO");
	close(fd);

	/* LOOP_CONFIGURE. */
	fd = open(path, O_RDWR);
	memset(&cfg, 0, sizeof(cfg));
	cfg.fd = (uint32_t)-1;
	check_err(ioctl(fd, LOOP_CONFIGURE, &cfg), EBADF,
	    "LOOP_CONFIGURE of fd -1");
	cfg.fd = (uint32_t)back3;
	cfg.block_size = 256;
	check_err(ioctl(fd, LOOP_CONFIGURE, &cfg), EINVAL,
	    "LOOP_CONFIGURE block size 256");
	cfg.block_size = 0;
	cfg.info.lo_flags = 0x100;
	check_err(ioctl(fd, LOOP_CONFIGURE, &cfg), EINVAL,
	    "LOOP_CONFIGURE unknown flag");
	cfg.info.lo_flags = LO_FLAGS_READ_ONLY;
	cfg.info.lo_sizelimit = 512 * 1024;
	check(ioctl(fd, LOOP_CONFIGURE, &cfg) == 0,
	    "LOOP_CONFIGURE read-only, sizelimit 512K");
	check(dev_size(fd) == 512 * 1024 && ioctl(fd, BLKROGET, &v) == 0 &&
	    v == 1, "... size 512K, read-only");
	check(ioctl(fd, LOOP_CLR_FD, 0) == 0, "LOOP_CLR_FD");
	close(fd);

	/* A node of the device made with mknod is the device; not on nodev. */
	snprintf(str, sizeof(str), "%s/node", dir);
	check(mknod(str, S_IFBLK | 0600, makedev(7, n)) == 0,
	    "mknod a block node 7,N");
	fd = open(str, O_RDWR);
	check(fd >= 0 && ioctl(fd, LOOP_SET_FD, back) == 0 &&
	    dev_size(fd) == MIB && ioctl(fd, LOOP_CLR_FD, 0) == 0,
	    "... it is the loop device");
	close(fd);
	unlink(str);
	snprintf(str, sizeof(str), "%s/nodev", dir);
	mkdir(str, 0755);
	check(mount("tmpfs", str, "tmpfs", MS_NODEV | MS_NOEXEC, NULL) == 0,
	    "mount a tmpfs nodev,noexec");
	{
		char prog[300];
		char *const args[] = { prog, NULL };
		int pfd;

		snprintf(prog, sizeof(prog), "%s/prog", str);
		pfd = open(prog, O_WRONLY | O_CREAT, 0755);
		check(pfd >= 0 && write(pfd, "#!/bin/sh\n", 10) == 10 &&
		    close(pfd) == 0, "a program file there");
		check_err(execve(prog, args, args + 1), EACCES,
		    "execve from a noexec mount");
		unlink(prog);
	}
	strcat(str, "/node");
	check(mknod(str, S_IFBLK | 0666, makedev(7, n)) == 0,
	    "mknod there");
	check_err(open(str, O_RDWR), EACCES, "open a block node on nodev");
	check_err(open(str, O_RDONLY), EACCES, "... even for reading");
	str[strlen(str) - 5] = '\0';
	check(umount(str) == 0 && rmdir(str) == 0, "umount it");

	/* A loop request on a device that is not a loop device. */
	fd = open("/dev/urandom", O_RDONLY);
	check_err(ioctl(fd, LOOP_SET_FD, back), EINVAL,
	    "another request on /dev/urandom");
	close(fd);

	/* Adding and removing devices. */
	check(ioctl(ctl, LOOP_CTL_ADD, 29) == 29, "LOOP_CTL_ADD 29");
	check(stat("/dev/loop29", &st) == 0 && S_ISBLK(st.st_mode) &&
	    minor(st.st_rdev) == 29, "/dev/loop29 is there");
	check(ioctl(ctl, LOOP_CTL_REMOVE, 29) == 0, "LOOP_CTL_REMOVE 29");
	check_err(ioctl(ctl, LOOP_CTL_REMOVE, 29), ENODEV,
	    "LOOP_CTL_REMOVE 29 again");
	close(ctl);

	close(back);
	close(back2);
	close(back3);
	unlink(file);
	unlink(file2);
	unlink(file3);
	rmdir(dir);
	if (failed) {
		printf("uloop: some checks FAILED\n");
		return 1;
	}
	printf("uloop: done, all checks passed\n");
	return 0;
}
