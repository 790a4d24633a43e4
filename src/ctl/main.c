// SPDX-License-Identifier: GPL-2.0
/*
 * hotcoldctl: loads, configures and reports on the hotcold module.  It is
 * what hotcold.service runs; see hotcoldctl(8).
 */
#include <getopt.h>

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
		"  status                module, parameters, counters and top files\n"
		"  stats [--json | --prometheus]\n"
		"                        counters of /proc/hotcold/stats\n"
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

static int hc_cmd_stats(int argc, char **argv)
{
	enum hc_stats_format fmt = HC_FMT_PLAIN;
	char err[HC_ERR_MAX];
	struct hc_stats st;

	if (argc > 2)
		return hc_bad_usage("stats takes at most one option");
	if (argc == 2 && !strcmp(argv[1], "--json"))
		fmt = HC_FMT_JSON;
	else if (argc == 2 && !strcmp(argv[1], "--prometheus"))
		fmt = HC_FMT_PROMETHEUS;
	else if (argc == 2)
		return hc_bad_usage("stats options are --json and --prometheus");
	if (!hc_module_loaded()) {
		fprintf(stderr, "hotcoldctl: %s is not loaded\n", HC_MODULE);
		return HC_EXIT_NOT_LOADED;
	}
	if (hc_stats_read(&st, err, sizeof(err))) {
		fprintf(stderr, "hotcoldctl: %s\n", err);
		return HC_EXIT_FAIL;
	}
	hc_stats_print(stdout, &st, fmt);
	return HC_EXIT_OK;
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
