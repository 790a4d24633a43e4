// SPDX-License-Identifier: GPL-2.0
/*
 * Files of the loaded module and the modprobe command, with roots that
 * tests can move to a fake tree.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
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
