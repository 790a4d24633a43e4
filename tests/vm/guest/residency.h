/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How much of a file is in the page cache, without touching its pages
 * (mmap + mincore).  Shared by the static guest helpers hcprobe (tests/vm)
 * and hcbench (tests/bench); the includer defines die(what, file).
 */
#ifndef HC_RESIDENCY_H
#define HC_RESIDENCY_H

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what, const char *file);

/* Set *pages to the size of FILE in pages and *in to those cached. */
static void file_residency(const char *file, size_t *pages, size_t *in)
{
	long psz = sysconf(_SC_PAGESIZE);
	unsigned char *vec;
	struct stat st;
	size_t i;
	void *map;
	int fd;

	fd = open(file, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		die("open", file);
	*pages = (st.st_size + psz - 1) / psz;
	*in = 0;
	if (*pages) {
		map = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
		if (map == MAP_FAILED)
			die("mmap", file);
		vec = malloc(*pages);
		if (!vec || mincore(map, st.st_size, vec))
			die("mincore", file);
		for (i = 0; i < *pages; i++)
			*in += vec[i] & 1;
		free(vec);
		munmap(map, st.st_size);
	}
	close(fd);
}

#endif
