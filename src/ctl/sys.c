// SPDX-License-Identifier: GPL-2.0
/*
 * Files of the loaded module and the modprobe command, with roots that
 * tests can move to a fake tree.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sys.h"

static const char *hc_env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

static int hc_path(char *out, size_t len, const char *root, const char *rel)
{
	int n = snprintf(out, len, "%s/%s", root, rel);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static int hc_read_file(const char *path, char *buf, size_t len)
{
	size_t used = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while (used + 1 < len) {
		ssize_t n = read(fd, buf + used, len - 1 - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			close(fd);
			return err;
		}
		if (!n)
			break;
		used += n;
	}
	close(fd);
	buf[used] = '\0';
	return used;
}

static int hc_read_under(const char *root, const char *rel, char *buf,
			 size_t len)
{
	char path[PATH_MAX];
	int ret = hc_path(path, sizeof(path), root, rel);

	return ret ? ret : hc_read_file(path, buf, len);
}

int hc_sys_read(const char *rel, char *buf, size_t len)
{
	return hc_read_under(hc_env_or("HOTCOLD_SYSFS", "/sys"), rel, buf, len);
}

int hc_proc_read(const char *rel, char *buf, size_t len)
{
	return hc_read_under(hc_env_or("HOTCOLD_PROC", "/proc"), rel, buf,
			     len);
}

#define HC_READ_ALL_MAX	(256L << 20)

static long hc_read_fd_all(int fd, char **buf)
{
	size_t used = 0, size = 64 * 1024;
	char *p = malloc(size);

	while (p) {
		ssize_t n;

		if (used + 1 == size) {
			char *q = size >= HC_READ_ALL_MAX ? NULL :
				  realloc(p, size * 2);

			if (!q) {
				free(p);
				return size >= HC_READ_ALL_MAX ? -EFBIG :
								 -ENOMEM;
			}
			p = q;
			size *= 2;
		}
		n = read(fd, p + used, size - 1 - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			n = -errno;
			free(p);
			return n;
		}
		if (!n) {
			p[used] = '\0';
			*buf = p;
			return used;
		}
		used += n;
	}
	return -ENOMEM;
}

long hc_proc_read_all(const char *rel, char **buf)
{
	char path[PATH_MAX];
	long ret = hc_path(path, sizeof(path),
			   hc_env_or("HOTCOLD_PROC", "/proc"), rel);
	int fd;

	if (ret)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = hc_read_fd_all(fd, buf);
	close(fd);
	return ret;
}

static int hc_sys_lookup(void *ctx, const char *path, char *real,
			 size_t reallen, unsigned int *major,
			 unsigned int *minor)
{
	char buf[PATH_MAX];
	struct stat st;

	(void)ctx;
	if (!realpath(path, buf) || stat(buf, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (strlen(buf) >= reallen)
		return -ENAMETOOLONG;
	strcpy(real, buf);
	*major = major(st.st_dev);
	*minor = minor(st.st_dev);
	return 0;
}

/* Read once: every path of a config is resolved in the same table. */
static const char *hc_sys_mountinfo(void *ctx)
{
	static char *text;
	long ret;

	(void)ctx;
	if (text)
		return text;
	ret = hc_proc_read_all("self/mountinfo", &text);
	if (ret < 0) {
		errno = -ret;
		return NULL;
	}
	return text;
}

const struct hc_resolver hc_sys_resolver = {
	.lookup = hc_sys_lookup,
	.mountinfo = hc_sys_mountinfo,
};

bool hc_module_loaded(void)
{
	char path[PATH_MAX];
	struct stat st;

	if (hc_path(path, sizeof(path), hc_env_or("HOTCOLD_SYSFS", "/sys"),
		    "module/" HC_MODULE "/parameters"))
		return false;
	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static int hc_param_path(char *out, size_t len, const char *name)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "module/" HC_MODULE "/parameters/%s", name);
	return hc_path(out, len, hc_env_or("HOTCOLD_SYSFS", "/sys"), rel);
}

int hc_param_read(const char *name, char *buf, size_t len)
{
	char path[PATH_MAX];
	int ret = hc_param_path(path, sizeof(path), name);

	if (!ret)
		ret = hc_read_file(path, buf, len);
	if (ret < 0)
		return ret;
	if (ret && buf[ret - 1] == '\n')
		buf[--ret] = '\0';
	return ret;
}

int hc_param_write(const char *name, const char *value)
{
	char path[PATH_MAX];
	size_t len = strlen(value);
	ssize_t n;
	int fd, ret = hc_param_path(path, sizeof(path), name);

	if (ret)
		return ret;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* sysfs takes a value in a single write(). */
	n = write(fd, value, len);
	ret = n < 0 ? -errno : (size_t)n != len ? -EIO : 0;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

static int hc_write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		data += n;
		len -= n;
	}
	return 0;
}

/* Make a rename in directory @dir durable. */
static int hc_sync_dir(const char *dir)
{
	int ret = 0, fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (fsync(fd))
		ret = -errno;
	close(fd);
	return ret;
}

int hc_write_atomic(const char *path, const char *data, size_t len)
{
	char copy[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX];
	int fd, ret;

	if (strlen(path) >= sizeof(copy))
		return -ENAMETOOLONG;
	strcpy(copy, path);
	snprintf(dir, sizeof(dir), "%s", dirname(copy));
	strcpy(copy, path);
	/* A dot name: node_exporter reads *.prom only, so never the temp. */
	if (snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir,
		     basename(copy)) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = fchmod(fd, 0644) ? -errno : hc_write_all(fd, data, len);
	if (!ret && fsync(fd))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret) {
		unlink(tmp);
		return ret;
	}
	return hc_sync_dir(dir);
}

int hc_modprobe(const char *const *args)
{
	const char *prog = hc_env_or("HOTCOLD_MODPROBE", "/sbin/modprobe");
	const char **argv;
	size_t n = 0;
	int status;
	pid_t pid;

	while (args[n])
		n++;
	argv = calloc(n + 2, sizeof(*argv));
	if (!argv)
		return -ENOMEM;
	argv[0] = prog;
	memcpy(argv + 1, args, n * sizeof(*argv));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		free(argv);
		return -errno;
	}
	if (!pid) {
		execv(prog, (char *const *)argv);
		fprintf(stderr, "hotcoldctl: cannot run %s: %s\n", prog,
			strerror(errno));
		_exit(127);
	}
	free(argv);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}
