// SPDX-License-Identifier: GPL-2.0
/*
 * hotcoldctl: loads, configures and reports on the hotcold module.  It is
 * what hotcold.service runs; see hotcoldctl(8).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>

#include "cmd.h"
#include "stats.h"
#include "sys.h"

static void hc_usage(FILE *out)
{
	fprintf(out,
		"Usage: hotcoldctl [-c FILE] COMMAND\n"
		"\n"
		"Commands:\n"
		"  start                 load hotcold with the config, or apply it if loaded\n"
		"  stop                  unload hotcold (success if it is not loaded)\n"
		"  reload                apply changed runtime parameters of the config\n"
		"  check-config [FILE]   validate the config and report every error\n"
		"  status                module, mode, parameters, counters, top files\n"
		"                        and top cgroups\n"
		"  stats [--json | --prometheus] [--output FILE]\n"
		"                        counters of /proc/hotcold/stats (and, in JSON\n"
		"                        and Prometheus, /proc/hotcold/cgroups); --output\n"
		"                        replaces FILE atomically\n"
		"\n"
		"Options:\n"
		"  -c, --config FILE     config file (default %s)\n"
		"  -h, --help            show this help\n"
		"  -V, --version         show the version\n"
		"\n"
		"Exit status: 0 success, 1 failure, 2 bad config or usage,\n"
		"3 module not loaded.  See hotcoldctl(8).\n",
		HC_CONF_PATH_DEFAULT);
}

static int hc_bad_usage(const char *what)
{
	fprintf(stderr, "hotcoldctl: %s\n", what);
	fprintf(stderr, "Try 'hotcoldctl --help'.\n");
	return HC_EXIT_CONFIG;
}

struct hc_stats_opts {
	enum hc_stats_format fmt;
	const char *output;
};

/* stats [--json | --prometheus] [--output FILE]; -1 after a message. */
static int hc_stats_args(int argc, char **argv, struct hc_stats_opts *o)
{
	int i;

	o->fmt = HC_FMT_PLAIN;
	o->output = NULL;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		enum hc_stats_format fmt = !strcmp(a, "--json") ? HC_FMT_JSON :
			!strcmp(a, "--prometheus") ? HC_FMT_PROMETHEUS :
			HC_FMT_PLAIN;

		if (fmt != HC_FMT_PLAIN) {
			if (o->fmt != HC_FMT_PLAIN)
				return hc_bad_usage("stats takes one of --json and --prometheus");
			o->fmt = fmt;
		} else if (!strncmp(a, "--output=", 9) && a[9]) {
			o->output = a + 9;
		} else if (!strcmp(a, "--output") && i + 1 < argc) {
			o->output = argv[++i];
		} else {
			return hc_bad_usage("stats options are --json, --prometheus and --output FILE");
		}
	}
	return 0;
}

/* The per-cgroup figures, or NULL: a module without them, or an error. */
static struct hc_cgroups *hc_stats_cgroups(struct hc_cgroups *cgs)
{
	char err[HC_ERR_MAX];
	int ret = hc_cgroups_read(cgs, err, sizeof(err));

	if (!ret)
		return cgs;
	if (ret != -ENOENT)
		fprintf(stderr, "hotcoldctl: %s; per-cgroup figures left out\n",
			err);
	return NULL;
}

/* The output of stats into @out; returns the exit status. */
static int hc_stats_render(FILE *out, enum hc_stats_format fmt)
{
	struct hc_cgroups cgs, *cg = NULL;
	char err[HC_ERR_MAX];
	struct hc_stats st;

	if (!hc_module_loaded()) {
		fprintf(stderr, "hotcoldctl: %s is not loaded\n", HC_MODULE);
		/* A file saying so, rather than stale figures. */
		if (fmt == HC_FMT_PROMETHEUS)
			hc_prom_not_loaded(out);
		return HC_EXIT_NOT_LOADED;
	}
	if (hc_stats_read(&st, err, sizeof(err))) {
		fprintf(stderr, "hotcoldctl: %s\n", err);
		return HC_EXIT_FAIL;
	}
	if (fmt != HC_FMT_PLAIN)
		cg = hc_stats_cgroups(&cgs);
	hc_stats_print(out, &st, cg, fmt);
	if (cg)
		hc_cgroups_free(cg);
	return HC_EXIT_OK;
}

static int hc_cmd_stats(int argc, char **argv)
{
	struct hc_stats_opts o;
	size_t len = 0;
	char *text = NULL;
	FILE *mem;
	int ret;

	if (hc_stats_args(argc, argv, &o))
		return HC_EXIT_CONFIG;
	mem = open_memstream(&text, &len);
	if (!mem) {
		fprintf(stderr, "hotcoldctl: %s\n", strerror(errno));
		return HC_EXIT_FAIL;
	}
	ret = hc_stats_render(mem, o.fmt);
	if (fclose(mem)) {
		fprintf(stderr, "hotcoldctl: %s\n", strerror(errno));
		ret = HC_EXIT_FAIL;
	} else if (ret != HC_EXIT_FAIL && len && o.output) {
		int err = hc_write_atomic(o.output, text, len);

		if (err) {
			fprintf(stderr, "hotcoldctl: cannot write %s: %s\n",
				o.output, strerror(-err));
			ret = HC_EXIT_FAIL;
		}
	} else if (ret != HC_EXIT_FAIL) {
		fwrite(text, 1, len, stdout);
	}
	free(text);
	return ret;
}

/* Commands without arguments of their own. */
static int hc_dispatch_plain(const char *cmd, const char *path)
{
	if (!strcmp(cmd, "start"))
		return hc_cmd_start(path);
	if (!strcmp(cmd, "stop"))
		return hc_cmd_stop();
	if (!strcmp(cmd, "reload"))
		return hc_cmd_reload(path);
	if (!strcmp(cmd, "status"))
		return hc_cmd_status(path);
	return -1;
}

static int hc_dispatch(int argc, char **argv, const char *path)
{
	const char *cmd = argv[0];
	int ret;

	if (!strcmp(cmd, "stats"))
		return hc_cmd_stats(argc, argv);
	if (!strcmp(cmd, "check-config")) {
		if (argc > 2)
			return hc_bad_usage("check-config takes one FILE");
		return hc_cmd_check_config(argc == 2 ? argv[1] : path);
	}
	if (argc > 1) {
		fprintf(stderr, "hotcoldctl: %s takes no arguments\n", cmd);
		return HC_EXIT_CONFIG;
	}
	ret = hc_dispatch_plain(cmd, path);
	if (ret < 0) {
		fprintf(stderr, "hotcoldctl: unknown command '%s'\n", cmd);
		return hc_bad_usage("commands: start stop reload check-config status stats");
	}
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = HC_CONF_PATH_DEFAULT;
	int opt;

	/* '+': options after the command belong to the command. */
	while ((opt = getopt_long(argc, argv, "+c:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			path = optarg;
			break;
		case 'h':
			hc_usage(stdout);
			return HC_EXIT_OK;
		case 'V':
			printf("hotcoldctl %s\n", HC_VERSION);
			return HC_EXIT_OK;
		default:
			fprintf(stderr, "Try 'hotcoldctl --help'.\n");
			return HC_EXIT_CONFIG;
		}
	}
	if (optind >= argc)
		return hc_bad_usage("missing command");
	return hc_dispatch(argc - optind, argv + optind, path);
}
