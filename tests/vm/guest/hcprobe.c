// SPDX-License-Identifier: GPL-2.0
/*
 * hcprobe: small static helper for the hotcold guest tests.
 *
 *   hcprobe resident FILE          "PCT PAGES TOTAL": pages in the page cache
 *                                  (mmap + mincore, no page is touched)
 *   hcprobe read FILE              read FILE fully with read(2)
 *   hcprobe write FILE MB          write MB of pattern data, no fsync
 *   hcprobe mmapwrite FILE MB      write MB through a MAP_SHARED mapping, no msync
 *   hcprobe sum FILE               checksum of FILE's contents (read(2))
 *   hcprobe hold-map FILE SECONDS  map FILE, fault every page in, stay mapped
 *   hcprobe sysw FILE STRING       one write(2) of STRING; prints OK or the
 *                                  errno name (EINVAL, EACCES, ...), exits 0 only on OK
 *   hcprobe dev FILE               "MAJ:MIN" of the device FILE lives on
 *   hcprobe asuser UID CMD...      run CMD with uid and gid UID
 *
 * Built with gcc -static -O2; the guest has nothing but busybox.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "residency.h"

#define CHUNK (1 << 20)

static void die(const char *what, const char *file)
{
	fprintf(stderr, "hcprobe: %s %s: %s\n", what, file, strerror(errno));
	exit(1);
}

static const char *errno_name(int err)
{
	switch (err) {
	case EINVAL: return "EINVAL";
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EBUSY: return "EBUSY";
	case ERANGE: return "ERANGE";
	case ENOMEM: return "ENOMEM";
	case EROFS: return "EROFS";
	case EIO: return "EIO";
	default: return "EOTHER";
	}
}

static int cmd_resident(const char *file)
{
	size_t pages, in;

	file_residency(file, &pages, &in);
	if (!pages)
		printf("0 0 0\n");
	else
		printf("%zu %zu %zu\n", in * 100 / pages, in, pages);
	return 0;
}

static uint64_t mix(uint64_t h, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;	/* FNV-1a */
	return h;
}

static int read_all(const char *file, int print_sum)
{
	static unsigned char buf[CHUNK];
	uint64_t h = 0xcbf29ce484222325ULL;
	ssize_t n;
	int fd;

	fd = open(file, O_RDONLY);
	if (fd < 0)
		die("open", file);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (print_sum)
			h = mix(h, buf, n);
	if (n < 0)
		die("read", file);
	close(fd);
	if (print_sum)
		printf("%016llx\n", (unsigned long long)h);
	return 0;
}

/* pattern depending on the offset and a per-file seed, never all zero */
static void fill(unsigned char *p, size_t n, uint64_t off, uint64_t seed)
{
	size_t i;

	for (i = 0; i < n; i += 8) {
		uint64_t v = (off + i) * 0x9e3779b97f4a7c15ULL ^ seed;

		memcpy(p + i, &v, 8);
	}
}

static uint64_t seed_of(const char *file)
{
	return mix(0xcbf29ce484222325ULL, (const unsigned char *)file, strlen(file));
}

static int cmd_write(const char *file, long mb)
{
	static unsigned char buf[CHUNK];
	uint64_t seed = seed_of(file);
	long i;
	int fd;

	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("open", file);
	for (i = 0; i < mb; i++) {
		fill(buf, CHUNK, (uint64_t)i * CHUNK, seed);
		if (write(fd, buf, CHUNK) != CHUNK)
			die("write", file);
	}
	close(fd);
	return 0;
}

/* N files DIR/f0 .. DIR/f<N-1> of BYTES bytes each: a shell loop is slow */
static int cmd_mkfiles(const char *dir, long n, long bytes)
{
	static unsigned char buf[CHUNK];
	char path[4096];
	long i;
	int fd;

	if (bytes < 0 || bytes > CHUNK) {
		fprintf(stderr, "mkfiles: BYTES is 0 to %d\n", CHUNK);
		return 2;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%ld", dir, i);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			die("open", path);
		if (write(fd, buf, bytes) != bytes)
			die("write", path);
		close(fd);
	}
	return 0;
}

static int cmd_mmapwrite(const char *file, long mb)
{
	size_t len = (size_t)mb * CHUNK;
	uint64_t seed = seed_of(file);
	unsigned char *map;
	long i;
	int fd;

	fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, len))
		die("open/truncate", file);
	map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		die("mmap", file);
	for (i = 0; i < mb; i++)
		fill(map + (size_t)i * CHUNK, CHUNK, (uint64_t)i * CHUNK, seed);
	munmap(map, len);	/* no msync: the pages stay dirty */
	close(fd);
	return 0;
}

static int cmd_hold_map(const char *file, long seconds)
{
	long psz = sysconf(_SC_PAGESIZE);
	unsigned char sink = 0;
	struct stat st;
	unsigned char *map;
	off_t off;
	int fd;

	fd = open(file, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		die("open", file);
	map = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		die("mmap", file);
	for (off = 0; off < st.st_size; off += psz) {
		sink += map[off];
		/* Keep the read: the compiler may not drop it. */
		asm volatile("" : "+r"(sink));
	}
	printf("mapped\n");
	fflush(stdout);
	sleep(seconds);
	munmap(map, st.st_size);
	close(fd);
	return sink & 0;
}

static int cmd_sysw(const char *file, const char *s)
{
	ssize_t n;
	int fd;

	fd = open(file, O_WRONLY);
	if (fd < 0) {
		printf("%s\n", errno_name(errno));
		return 1;
	}
	n = write(fd, s, strlen(s));
	if (n < 0) {
		printf("%s\n", errno_name(errno));
		close(fd);
		return 1;
	}
	if (close(fd)) {
		printf("%s\n", errno_name(errno));
		return 1;
	}
	printf("OK\n");
	return 0;
}

static int cmd_dev(const char *file)
{
	struct stat st;

	if (stat(file, &st))
		die("stat", file);
	printf("%u:%u\n", major(st.st_dev), minor(st.st_dev));
	return 0;
}

static int cmd_asuser(char **argv)
{
	uid_t uid = atoi(argv[0]);

	if (setgroups(0, NULL) || setgid(uid) || setuid(uid))
		die("setuid", argv[0]);
	execvp(argv[1], argv + 1);
	die("exec", argv[1]);
	return 1;
}

static int usage(void)
{
	fprintf(stderr, "%s: hcprobe resident|read|sum|dev FILE | write|mmapwrite FILE MB |\n"
		"       hold-map FILE SECONDS | sysw FILE STRING | asuser UID CMD... |\n"
		"       mkfiles DIR N BYTES\n",
		"usage");
	return 2;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (argc == 3 && !strcmp(cmd, "resident"))
		return cmd_resident(argv[2]);
	if (argc == 3 && !strcmp(cmd, "read"))
		return read_all(argv[2], 0);
	if (argc == 3 && !strcmp(cmd, "sum"))
		return read_all(argv[2], 1);
	if (argc == 3 && !strcmp(cmd, "dev"))
		return cmd_dev(argv[2]);
	if (argc == 4 && !strcmp(cmd, "write"))
		return cmd_write(argv[2], atol(argv[3]));
	if (argc == 4 && !strcmp(cmd, "mmapwrite"))
		return cmd_mmapwrite(argv[2], atol(argv[3]));
	if (argc == 4 && !strcmp(cmd, "hold-map"))
		return cmd_hold_map(argv[2], atol(argv[3]));
	if (argc == 4 && !strcmp(cmd, "sysw"))
		return cmd_sysw(argv[2], argv[3]);
	if (argc == 5 && !strcmp(cmd, "mkfiles"))
		return cmd_mkfiles(argv[2], atol(argv[3]), atol(argv[4]));
	if (argc >= 4 && !strcmp(cmd, "asuser"))
		return cmd_asuser(argv + 2);
	return usage();
}
