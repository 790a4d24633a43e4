/* SPDX-License-Identifier: GPL-2.0 */
/* The subcommands of hotcoldctl and its exit codes. */
#ifndef HC_CMD_H
#define HC_CMD_H

#include "conf.h"

enum hc_exit {
	HC_EXIT_OK = 0,
	HC_EXIT_FAIL = 1,	/* a module operation failed, not root, ... */
	HC_EXIT_CONFIG = 2,	/* bad configuration or usage */
	HC_EXIT_NOT_LOADED = 3,	/* status, stats, reload: no module */
};

/* hc_conf_init() for @path, with the paths of this system. */
void hc_conf_setup(struct hc_conf *conf, const char *path);

/* Parse @path into @conf; errors are printed.  HC_EXIT_CONFIG if bad. */
int hc_conf_read(struct hc_conf *conf, const char *path);

/* Does @current, as read from sysfs, equal the configured @want? */
bool hc_param_matches(const struct hc_param_desc *d, const char *current,
		      const struct hc_conf_value *want);

int hc_cmd_start(const char *path);
int hc_cmd_stop(void);
int hc_cmd_reload(const char *path);
int hc_cmd_check_config(const char *path);
int hc_cmd_status(const char *path);

#endif /* HC_CMD_H */
