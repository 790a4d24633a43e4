// SPDX-License-Identifier: GPL-2.0
/*
 * hcbench: static helper of the hotcold benchmarks (guest and host).
 *
 *   hcbench mkfiles DIR PREFIX N KB      create N files of KB KiB of non-zero data
 *   hcbench mkempty DIR NDIRS PER        create DIR/dNNNN/fNNNNN: NDIRS directories
 *                                        of PER empty files each
 *   hcbench resident PATH...             "CACHED_KB SIZE_KB" over files and the
 *                                        regular files of directories (mincore)
 *   hcbench readall PATH...              read everything once with read(2)
 *   hcbench readn N PATH...              read the first N files of the paths
 *   hcbench hotloop MS PATH...           forever: read everything, sleep MS
 *   hcbench burst MB STEP_MB JOBS HOLD_S PATH...
 *                                        JOBS processes touch MB of anonymous
 *                                        memory together, STEP_MB at a time,
 *                                        timing each step (CLOCK_MONOTONIC);
 *                                        then print the residency of PATH...,
 *                                        hold the memory HOLD_S s
 *   hcbench warmread FILE BS SECONDS     re-read a cached FILE with BS-byte
 *                                        requests for SECONDS, print MB/s
 *   hcbench sample MS HOT COLD [CGROUP]  forever: "S ms hot_kb cold_kb
 *                                        memfree_kb memavail_kb cached_kb", with
 *                                        CGROUP (a cgroup v2 directory) also its
 *                                        memory.current and memcg direct reclaim
 *   hcbench statdirs DIR FIRST LAST      stat every entry of DIR/dFIRST..dLAST
 *                                        (brings the inodes into the inode cache)
 *   hcbench create DIR SECONDS           create empty files in DIR for SECONDS,
 *                                        timing each open(O_CREAT)+close, then
 *                                        unlink them; print the latencies and
 *                                        where the slowest one's time went
 *   hcbench hog BUSY_MS IDLE_MS          forever: spin for BUSY_MS, sleep for
 *                                        IDLE_MS (a CPU load that takes no lock)
 *
 * A PATH may be a comma-separated list of paths.  Output lines are
 * "key=value" words so the guest scripts can pass them on unchanged.
 * Built with gcc -static; the guest has only busybox.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "residency.h"

#define CHUNK (1 << 20)
#define MAX_FILES 65536

static char *files[MAX_FILES];
static int nfiles;
static unsigned char buf[CHUNK];

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "hcbench: %s %s: %s\n", what, arg, strerror(errno));
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_file(const char *path)
{
	if (nfiles == MAX_FILES) {
		fprintf(stderr, "hcbench: more than %d files\n", MAX_FILES);
		exit(1);
	}
	files[nfiles] = strdup(path);
	if (!files[nfiles])
		die("strdup", path);
	nfiles++;
}

/* collect the files of PATH (a file, or a directory's regular files, sorted) */
static void collect(const char *path)
{
	char full[4096];
	struct dirent *de;
	struct stat st;
	int first = nfiles;
	DIR *d;

	if (stat(path, &st))
		die("stat", path);
	if (!S_ISDIR(st.st_mode)) {
		add_file(path);
		return;
	}
	d = opendir(path);
	if (!d)
		die("opendir", path);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(full, sizeof(full), "%s/%s", path, de->d_name);
		if (!stat(full, &st) && S_ISREG(st.st_mode))
			add_file(full);
	}
	closedir(d);
	qsort(files + first, nfiles - first, sizeof(files[0]), cmp_str);
}

/* collect the files of each path of a comma-separated list */
static void collect_list(const char *list)
{
	char *copy = strdup(list), *path, *save;

	if (!copy)
		die("strdup", list);
	for (path = strtok_r(copy, ",", &save); path; path = strtok_r(NULL, ",", &save))
		collect(path);
	free(copy);
}

static void collect_all(int argc, char **argv)
{
	int i;

	nfiles = 0;
	for (i = 0; i < argc; i++)
		collect_list(argv[i]);
}

/* cached and total KiB of one file, without touching its pages */
static void resident_one(const char *file, uint64_t *cached, uint64_t *size)
{
	long psz = sysconf(_SC_PAGESIZE);
	size_t pages, in;

	file_residency(file, &pages, &in);
	*cached += in * psz / 1024;
	*size += pages * psz / 1024;
}

static void resident(uint64_t *cached, uint64_t *size)
{
	int i;

	*cached = 0;
	*size = 0;
	for (i = 0; i < nfiles; i++)
		resident_one(files[i], cached, size);
}

static void read_file(const char *file)
{
	ssize_t n;
	int fd;

	fd = open(file, O_RDONLY);
	if (fd < 0)
		die("open", file);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	if (n < 0)
		die("read", file);
	close(fd);
}

static int cmd_mkfiles(const char *dir, const char *prefix, int n, long kb)
{
	char path[4096];
	uint64_t off;
	long done;
	size_t i, len;
	int f, fd;

	if (mkdir(dir, 0755) && errno != EEXIST)
		die("mkdir", dir);
	for (f = 0; f < n; f++) {
		snprintf(path, sizeof(path), "%s/%s%05d", dir, prefix, f);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			die("open", path);
		for (done = 0; done < kb; done += len / 1024) {
			len = (kb - done) * 1024 < CHUNK ? (kb - done) * 1024 : CHUNK;
			for (i = 0; i < len; i += 8) {
				off = ((uint64_t)f << 40 | ((uint64_t)done * 1024 + i)) *
				      0x9e3779b97f4a7c15ULL | 1;
				memcpy(buf + i, &off, 8);
			}
			if (write(fd, buf, len) != (ssize_t)len)
				die("write", path);
		}
		close(fd);
	}
	return 0;
}

static int cmd_mkempty(const char *dir, int ndirs, int per)
{
	char path[4096];
	int d, f, fd;

	if (mkdir(dir, 0755) && errno != EEXIST)
		die("mkdir", dir);
	for (d = 0; d < ndirs; d++) {
		snprintf(path, sizeof(path), "%s/d%04d", dir, d);
		if (mkdir(path, 0755) && errno != EEXIST)
			die("mkdir", path);
		for (f = 0; f < per; f++) {
			snprintf(path, sizeof(path), "%s/d%04d/f%05d", dir, d, f);
			fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0)
				die("open", path);
			close(fd);
		}
	}
	return 0;
}

static int cmd_hotloop(long ms)
{
	int i;

	for (;;) {
		for (i = 0; i < nfiles; i++)
			read_file(files[i]);
		usleep(ms * 1000);
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* touch STEPS steps of STEP bytes from MEM, latencies to LAT[], times to T[] */
static void burst_worker(char *mem, size_t step, long steps, uint64_t start,
			 uint64_t *lat, uint64_t *t)
{
	long psz = sysconf(_SC_PAGESIZE), s;
	uint64_t t0, t1;
	size_t off;

	for (s = 0; s < steps; s++) {
		t0 = now_ns();
		for (off = 0; off < step; off += psz)
			mem[s * step + off] = 1;
		t1 = now_ns();
		lat[s] = t1 - t0;
		t[s] = t1 - start;
	}
}

/*
 * JOBS processes together touch MB of anonymous memory, each its own
 * MB/JOBS in STEP_MB steps; the step latencies of all of them count.
 */
static int cmd_burst(long mb, long step_mb, long jobs, long hold_s)
{
	long steps = mb / step_mb, per = steps / jobs, j, s;
	size_t step = (size_t)step_mb << 20;
	uint64_t *lat, *t, *sorted, start, end, cached, size;
	pid_t pids[64];
	char *mem;

	if (jobs < 1 || jobs > 64 || per < 1) {
		fprintf(stderr, "hcbench: bad burst %ld MiB in %ld MiB steps by %ld jobs\n",
			mb, step_mb, jobs);
		return 2;
	}
	steps = per * jobs;
	lat = mmap(NULL, 2 * steps * sizeof(*lat), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	sorted = calloc(steps, sizeof(*sorted));
	if (lat == MAP_FAILED || !sorted)
		die("mmap", "latency table");
	t = lat + steps;
	start = now_ns();
	for (j = 0; j < jobs; j++) {
		pids[j] = fork();
		if (pids[j] < 0)
			die("fork", "burst job");
		if (pids[j])
			continue;
		/* a job never outlives the parent (killed while holding) */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() == 1)
			_exit(0);
		mem = mmap(NULL, per * step, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (mem == MAP_FAILED)
			die("mmap", "burst buffer");
		burst_worker(mem, step, per, start, lat + j * per, t + j * per);
		/* hold the memory until every job is done */
		while (now_ns() - start < (uint64_t)3600 * 1000000000ULL)
			pause();
		_exit(0);
	}
	/* the jobs finish when every step has a time */
	for (;;) {
		for (s = 0; s < steps && t[s]; s++)
			;
		if (s == steps)
			break;
		usleep(10000);
	}
	end = now_ns();
	resident(&cached, &size);
	for (s = 0; s < steps; s++) {
		sorted[s] = lat[s];
		printf("step=%ld job=%ld t_ms=%llu lat_us=%llu\n", s, s / per,
		       (unsigned long long)(t[s] / 1000000),
		       (unsigned long long)(lat[s] / 1000));
	}
	qsort(sorted, steps, sizeof(*sorted), cmp_u64);
	printf("burst_ms=%llu p50_us=%llu p99_us=%llu max_us=%llu hot_after_kb=%llu hot_size_kb=%llu\n",
	       (unsigned long long)((end - start) / 1000000),
	       (unsigned long long)(sorted[steps / 2] / 1000),
	       (unsigned long long)(sorted[(steps * 99 + 99) / 100 - 1] / 1000),
	       (unsigned long long)(sorted[steps - 1] / 1000),
	       (unsigned long long)cached, (unsigned long long)size);
	fflush(stdout);
	sleep(hold_s);
	for (j = 0; j < jobs; j++) {
		kill(pids[j], SIGTERM);
		waitpid(pids[j], NULL, 0);
	}
	return 0;
}

static int cmd_warmread(const char *file, long bs, double seconds)
{
	uint64_t start, end, bytes = 0;
	ssize_t n;
	int fd;

	if (bs <= 0 || bs > CHUNK) {
		fprintf(stderr, "hcbench: bad request size %ld\n", bs);
		return 1;
	}
	fd = open(file, O_RDONLY);
	if (fd < 0)
		die("open", file);
	read_file(file);
	start = now_ns();
	end = start + (uint64_t)(seconds * 1e9);
	do {
		if (lseek(fd, 0, SEEK_SET))
			die("lseek", file);
		while ((n = read(fd, buf, bs)) > 0)
			bytes += n;
		if (n < 0)
			die("read", file);
	} while (now_ns() < end);
	end = now_ns();
	close(fd);
	printf("mbps=%.1f\n", bytes / 1048576.0 / ((end - start) / 1e9));
	return 0;
}

/* stat every entry of DIR/dFIRST .. DIR/dLAST */
static int cmd_statdirs(const char *dir, int first, int last)
{
	char path[4096];
	struct dirent *de;
	struct stat st;
	long n = 0;
	int d, dfd;
	DIR *dd;

	for (d = first; d <= last; d++) {
		snprintf(path, sizeof(path), "%s/d%04d", dir, d);
		dd = opendir(path);
		if (!dd)
			die("opendir", path);
		dfd = dirfd(dd);
		while ((de = readdir(dd)))
			if (de->d_name[0] != '.' && !fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW))
				n++;
		closedir(dd);
	}
	printf("stat_files=%ld\n", n);
	return 0;
}

#define MAX_CREATES (1 << 20)

/*
 * This thread's time on a CPU (the clock: schedstat's first field moves
 * only at ticks) and waiting on a run queue (schedstat), ns
 */
struct cpu_times {
	uint64_t run, queued;
};

static void thread_times(int fd, struct cpu_times *t)
{
	char s[128];
	ssize_t len = pread(fd, s, sizeof(s) - 1, 0);
	unsigned long long run, queued;
	struct timespec ts;

	if (len <= 0)
		die("read", "/proc/thread-self/schedstat");
	s[len] = 0;
	if (sscanf(s, "%llu %llu", &run, &queued) != 2)
		die("parse", "/proc/thread-self/schedstat");
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	t->run = (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	t->queued = queued;
}

struct create_lat {
	uint64_t wall, run, queued;
};

static int cmp_wall(const void *a, const void *b)
{
	const struct create_lat *x = a, *y = b;

	return x->wall < y->wall ? -1 : x->wall > y->wall;
}

/*
 * create empty files in DIR for SECONDS, each open+close timed; for the
 * slowest one also how much of it was on a CPU (spinning on a lock
 * included), queued for one, and asleep (I/O, a mutex), and the longest
 * time on a CPU of any creation
 */
static int cmd_create(const char *dir, double seconds)
{
	struct create_lat *lat, *w;
	struct cpu_times c0, c1;
	uint64_t start, end, t0, run_max = 0;
	char path[4096];
	long n, i;
	int fd, sfd;

	lat = calloc(MAX_CREATES, sizeof(*lat));
	sfd = open("/proc/thread-self/schedstat", O_RDONLY);
	if (!lat || sfd < 0)
		die("calloc or open", "latencies, /proc/thread-self/schedstat");
	start = now_ns();
	end = start + (uint64_t)(seconds * 1e9);
	for (n = 0; n < MAX_CREATES && now_ns() < end; n++) {
		snprintf(path, sizeof(path), "%s/n%07ld", dir, n);
		thread_times(sfd, &c0);
		t0 = now_ns();
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			die("open", path);
		close(fd);
		lat[n].wall = now_ns() - t0;
		thread_times(sfd, &c1);
		lat[n].run = c1.run - c0.run;
		lat[n].queued = c1.queued - c0.queued;
		if (lat[n].run > run_max)
			run_max = lat[n].run;
	}
	end = now_ns();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/n%07ld", dir, i);
		if (unlink(path))
			die("unlink", path);
	}
	if (!n)
		return 1;
	qsort(lat, n, sizeof(*lat), cmp_wall);
	w = &lat[n - 1];
	printf("created=%ld create_ms=%llu c_p50_us=%llu c_p99_us=%llu c_max_us=%llu ", n,
	       (unsigned long long)((end - start) / 1000000),
	       (unsigned long long)(lat[n / 2].wall / 1000),
	       (unsigned long long)(lat[(n * 99 + 99) / 100 - 1].wall / 1000),
	       (unsigned long long)(w->wall / 1000));
	printf("c_max_run_us=%llu c_max_queued_us=%llu c_max_slept_us=%llu c_run_max_us=%llu\n",
	       (unsigned long long)(w->run / 1000),
	       (unsigned long long)(w->queued / 1000),
	       (unsigned long long)(w->wall > w->run + w->queued ?
				    (w->wall - w->run - w->queued) / 1000 : 0),
	       (unsigned long long)(run_max / 1000));
	return 0;
}

/* forever: spin for BUSY_MS, then sleep for IDLE_MS */
static int cmd_hog(long busy_ms, long idle_ms)
{
	struct timespec idle = { idle_ms / 1000, idle_ms % 1000 * 1000000 };
	uint64_t until;

	for (;;) {
		until = now_ns() + busy_ms * 1000000ULL;
		while (now_ns() < until)
			;
		nanosleep(&idle, NULL);
	}
	return 0;
}

static unsigned long long meminfo_kb(const char *key)
{
	unsigned long long v = 0;
	size_t klen = strlen(key);
	char line[256];
	FILE *f;

	f = fopen("/proc/meminfo", "r");
	if (!f)
		die("open", "/proc/meminfo");
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			v = strtoull(line + klen + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* the value of KEY in a "key value" file (memory.stat), or a lone number */
static unsigned long long file_value(const char *dir, const char *file, const char *key)
{
	unsigned long long v = 0;
	char path[4096], line[256];
	size_t klen = key ? strlen(key) : 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (!key) {
			v = strtoull(line, NULL, 10);
			break;
		}
		if (!strncmp(line, key, klen) && line[klen] == ' ') {
			v = strtoull(line + klen + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

static int cmd_sample(long ms, char *hot, char *cold, const char *cg)
{
	uint64_t start = now_ns(), hc, cc, size;

	for (;;) {
		collect_all(1, &hot);
		resident(&hc, &size);
		collect_all(1, &cold);
		resident(&cc, &size);
		printf("S t_ms=%llu hot_kb=%llu cold_kb=%llu free_kb=%llu avail_kb=%llu cached_kb=%llu",
		       (unsigned long long)((now_ns() - start) / 1000000),
		       (unsigned long long)hc, (unsigned long long)cc,
		       meminfo_kb("MemFree"), meminfo_kb("MemAvailable"), meminfo_kb("Cached"));
		if (cg)
			printf(" memcg_kb=%llu memcg_scan_direct=%llu memcg_max_events=%llu",
			       file_value(cg, "memory.current", NULL) / 1024,
			       file_value(cg, "memory.stat", "pgscan_direct"),
			       file_value(cg, "memory.events", "max"));
		printf("\n");
		fflush(stdout);
		usleep(ms * 1000);
	}
	return 0;
}

static void print_usage(void)
{
	fprintf(stderr, "usage: hcbench mkfiles|mkempty|resident|readall|readn|hotloop|burst|warmread|sample|statdirs|create|hog ARGS (see hcbench.c)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	uint64_t cached, size;
	int i, n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(cmd, "mkfiles") && argc == 6)
		return cmd_mkfiles(argv[2], argv[3], atoi(argv[4]), atol(argv[5]));
	if (!strcmp(cmd, "resident") && argc >= 3) {
		collect_all(argc - 2, argv + 2);
		resident(&cached, &size);
		printf("%llu %llu\n", (unsigned long long)cached, (unsigned long long)size);
		return 0;
	}
	if (!strcmp(cmd, "readall") && argc >= 3) {
		collect_all(argc - 2, argv + 2);
		for (i = 0; i < nfiles; i++)
			read_file(files[i]);
		return 0;
	}
	if (!strcmp(cmd, "readn") && argc >= 4) {
		collect_all(argc - 3, argv + 3);
		n = atoi(argv[2]);
		for (i = 0; i < nfiles && i < n; i++)
			read_file(files[i]);
		return 0;
	}
	if (!strcmp(cmd, "hotloop") && argc >= 4) {
		collect_all(argc - 3, argv + 3);
		return cmd_hotloop(atol(argv[2]));
	}
	if (!strcmp(cmd, "burst") && argc >= 7) {
		collect_all(argc - 6, argv + 6);
		return cmd_burst(atol(argv[2]), atol(argv[3]), atol(argv[4]), atol(argv[5]));
	}
	if (!strcmp(cmd, "warmread") && argc == 5)
		return cmd_warmread(argv[2], atol(argv[3]), atof(argv[4]));
	if (!strcmp(cmd, "sample") && (argc == 5 || argc == 6))
		return cmd_sample(atol(argv[2]), argv[3], argv[4], argc == 6 ? argv[5] : NULL);
	if (!strcmp(cmd, "mkempty") && argc == 5)
		return cmd_mkempty(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (!strcmp(cmd, "statdirs") && argc == 5)
		return cmd_statdirs(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (!strcmp(cmd, "create") && argc == 4)
		return cmd_create(argv[2], atof(argv[3]));
	if (!strcmp(cmd, "hog") && argc == 4)
		return cmd_hog(atol(argv[2]), atol(argv[3]));
	print_usage();
	return 2;
}
