/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parser of /etc/hotcold.conf: "key = value" lines, '#' comments.  Every
 * error of a file is reported, each as "FILE:LINE: KEY: what is wrong".
 */
#ifndef HC_CONF_H
#define HC_CONF_H

#include "params.h"
#include "protect.h"

/* ctl.mk sets it from SYSCONFDIR. */
#ifndef HC_CONF_PATH_DEFAULT
#define HC_CONF_PATH_DEFAULT	"/etc/hotcold.conf"
#endif
#define HC_CONF_LINE_MAX	1024
#define HC_CONF_FILE_MAX	(1024 * 1024)

struct hc_conf_value {
	unsigned int line;		/* 0: not in the file, the default */
	char value[HC_PATHS_MAX];	/* in the module's syntax */
	u64 num;			/* as hc_param_check() returns it */
};

struct hc_conf {
	const char *path;
	unsigned int nerrors;
	struct hc_conf_value v[HC_NR_PARAMS];
	/* Resolves the directories of protect_paths; required for them. */
	const struct hc_resolver *resolver;
	/* Called with each error message; stderr when NULL. */
	void (*report)(void *ctx, const char *msg);
	void *report_ctx;
};

/* Prepare @conf for @path with every key at its default. */
void hc_conf_init(struct hc_conf *conf, const char *path);

/* Parse @len bytes of @buf.  Returns the number of errors. */
unsigned int hc_conf_parse(struct hc_conf *conf, const char *buf, size_t len);

/* Read and parse conf->path.  Returns the number of errors. */
unsigned int hc_conf_load(struct hc_conf *conf);

/* Offset of the first byte of @s that is not valid UTF-8, or @len. */
size_t hc_utf8_valid(const unsigned char *s, size_t len);

/* The valid key closest to @key, or NULL if none is close enough. */
const char *hc_conf_suggest(const char *key);

#endif /* HC_CONF_H */
