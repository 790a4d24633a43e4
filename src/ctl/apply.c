// SPDX-License-Identifier: GPL-2.0
/*
 * start, stop, reload and check-config: bring the module in line with
 * the configuration file, which is the whole truth (a key absent from it
 * means its default).  Nothing is touched unless the file is valid.
 */
#include <errno.h>

#include "cmd.h"
#include "sys.h"
#include "units.h"

#define HC_RESTART_HINT	"systemctl restart hotcold"

void hc_conf_setup(struct hc_conf *conf, const char *path)
{
	hc_conf_init(conf, path);
	conf->resolver = &hc_sys_resolver;
}

int hc_conf_read(struct hc_conf *conf, const char *path)
{
	unsigned int n;

	hc_conf_setup(conf, path);
	n = hc_conf_load(conf);
	if (!n)
		return HC_EXIT_OK;
	fprintf(stderr, "hotcoldctl: %s: %u error%s, nothing was changed\n",
		path, n, n == 1 ? "" : "s");
	return HC_EXIT_CONFIG;
}

bool hc_param_matches(const struct hc_param_desc *d, const char *current,
		      const struct hc_conf_value *want)
{
	u64 num;

	if (d->kind == HC_FSLIST || d->kind == HC_PATHLIST)
		return !strcmp(current, want->value);
	return !hc_param_check(d, current, &num, NULL, 0) && num == want->num;
}

/*
 * Apply one parameter.  Returns HC_EXIT_OK or HC_EXIT_FAIL; counts
 * load-time parameters that differ in *@restart.
 */
static int hc_apply_one(const struct hc_conf *conf, unsigned int i,
			unsigned int *restart)
{
	const struct hc_param_desc *d = &hc_params[i];
	const struct hc_conf_value *want = &conf->v[i];
	char current[HC_PATHS_MAX];
	int ret = hc_param_read(d->name, current, sizeof(current));

	if (ret < 0) {
		fprintf(stderr, "hotcoldctl: cannot read parameter %s: %s\n",
			d->name, strerror(-ret));
		return HC_EXIT_FAIL;
	}
	if (hc_param_matches(d, current, want))
		return HC_EXIT_OK;
	if (!(d->flags & HC_RUNTIME)) {
		printf("%s: the module uses %s, the config says %s: a load-time parameter, run '%s' to apply it\n",
		       d->name, current, want->value, HC_RESTART_HINT);
		(*restart)++;
		return HC_EXIT_OK;
	}
	ret = hc_param_write(d->name, want->value);
	if (ret) {
		fprintf(stderr, "hotcoldctl: cannot set %s to %s: %s%s\n",
			d->name, want->value, strerror(-ret),
			ret == -EACCES || ret == -EPERM ? " (are you root?)" :
							  "");
		return HC_EXIT_FAIL;
	}
	printf("%s: %s -> %s\n", d->name, current, want->value);
	return HC_EXIT_OK;
}

/*
 * Write every runtime parameter that differs.  Pausing comes first and
 * resuming last, so that the thread never runs with half of the change.
 */
static int hc_apply(const struct hc_conf *conf)
{
	bool pause_first = !conf->v[HC_P_enabled].num;
	unsigned int i, restart = 0;
	int ret = HC_EXIT_OK;

	if (pause_first)
		ret |= hc_apply_one(conf, HC_P_enabled, &restart);
	for (i = 0; i < HC_NR_PARAMS; i++)
		if (i != HC_P_enabled)
			ret |= hc_apply_one(conf, i, &restart);
	if (!pause_first)
		ret |= hc_apply_one(conf, HC_P_enabled, &restart);
	if (restart)
		printf("%u load-time parameter%s differ%s from %s: run '%s'\n",
		       restart, restart == 1 ? "" : "s",
		       restart == 1 ? "s" : "", conf->path, HC_RESTART_HINT);
	return ret ? HC_EXIT_FAIL : HC_EXIT_OK;
}

/* modprobe ARGV; OPT is "" or "-r ", for the error message */
static int hc_run_modprobe(const char *const *argv, const char *opt)
{
	int ret = hc_modprobe(argv);

	if (ret < 0) {
		fprintf(stderr, "hotcoldctl: cannot run modprobe: %s\n",
			strerror(-ret));
		return HC_EXIT_FAIL;
	}
	if (ret) {
		fprintf(stderr,
			"hotcoldctl: modprobe %s%s failed with status %d (dmesg may tell why)\n",
			opt, HC_MODULE, ret);
		return HC_EXIT_FAIL;
	}
	return HC_EXIT_OK;
}

static int hc_load_module(const struct hc_conf *conf)
{
	char args[HC_NR_PARAMS][HC_PATHS_MAX + 64];
	const char *argv[HC_NR_PARAMS + 2];
	unsigned int i;
	int ret;

	/*
	 * Every parameter, configured or default, so that the module
	 * matches the file whatever options /etc/modprobe.d adds.
	 */
	argv[0] = HC_MODULE;
	for (i = 0; i < HC_NR_PARAMS; i++) {
		snprintf(args[i], sizeof(args[i]), "%s=%s", hc_params[i].name,
			 conf->v[i].value);
		argv[i + 1] = args[i];
	}
	argv[i + 1] = NULL;
	ret = hc_run_modprobe(argv, "");
	if (ret)
		return ret;
	printf("%s loaded with %s\n", HC_MODULE, conf->path);
	return HC_EXIT_OK;
}

int hc_cmd_start(const char *path)
{
	struct hc_conf conf;
	int ret = hc_conf_read(&conf, path);

	if (ret)
		return ret;
	if (!hc_module_loaded())
		return hc_load_module(&conf);
	printf("%s is already loaded: applying %s\n", HC_MODULE, path);
	return hc_apply(&conf);
}

int hc_cmd_stop(void)
{
	static const char *const argv[] = { "-r", HC_MODULE, NULL };
	int ret;

	if (!hc_module_loaded()) {
		printf("%s is not loaded\n", HC_MODULE);
		return HC_EXIT_OK;
	}
	ret = hc_run_modprobe(argv, "-r ");
	if (ret)
		return ret;
	printf("%s unloaded\n", HC_MODULE);
	return HC_EXIT_OK;
}

int hc_cmd_reload(const char *path)
{
	struct hc_conf conf;
	int ret = hc_conf_read(&conf, path);

	if (ret)
		return ret;
	if (!hc_module_loaded()) {
		fprintf(stderr,
			"hotcoldctl: %s is not loaded (systemctl start hotcold loads it)\n",
			HC_MODULE);
		return HC_EXIT_NOT_LOADED;
	}
	return hc_apply(&conf);
}

int hc_cmd_check_config(const char *path)
{
	struct hc_conf conf;

	hc_conf_setup(&conf, path);
	if (hc_conf_load(&conf)) {
		fprintf(stderr, "hotcoldctl: %s: %u error%s\n", path,
			conf.nerrors, conf.nerrors == 1 ? "" : "s");
		return HC_EXIT_CONFIG;
	}
	printf("%s: valid\n", path);
	return HC_EXIT_OK;
}
