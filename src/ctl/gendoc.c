// SPDX-License-Identifier: GPL-2.0
/*
 * gendoc: writes the parts of the documentation that restate the
 * parameter table and the stats keys, so that they cannot drift from it:
 *   gendoc conf          etc/hotcold.conf
 *   gendoc man4-params   the PARAMETERS entries of man/hotcold.4
 *   gendoc man4-stats    the /proc/hotcold/stats entries of man/hotcold.4
 *   gendoc man5-keys     the KEYS entries of man/hotcold.conf.5
 * src/ctl/update-docs splices the man page parts between their markers.
 */
#include "stats.h"
#include "units.h"

static const char hc_conf_header[] =
	"# /etc/hotcold.conf: settings of the hotcold page cache reclaimer.\n"
	"#\n"
	"# hotcoldctl reads this file: 'systemctl reload hotcold' applies the\n"
	"# runtime keys, 'systemctl restart hotcold' the load-time keys too.  The\n"
	"# file is the whole truth: a key that is absent or commented out takes\n"
	"# its default, shown below.\n"
	"#\n"
	"# One 'key = value' per line; '#' starts a comment.  Durations take the\n"
	"# units ms, s, m, h (a bare number is in milliseconds), sizes K, M, G, T\n"
	"# (a bare number is in KiB), booleans 0/1, yes/no, true/false or on/off.\n"
	"# 'hotcoldctl check-config' validates the file.  See hotcold.conf(5) and\n"
	"# hotcold(4).\n";

#define HC_WRAP	78

/* Print "@text." in lines of at most HC_WRAP columns, each after @prefix. */
static void hc_print_wrapped(const char *prefix, const char *text)
{
	size_t room = HC_WRAP - strlen(prefix);

	for (;;) {
		size_t len = strlen(text), cut = len;

		/* +1: the final period. */
		if (len + 1 > room) {
			for (cut = room; cut && text[cut] != ' '; cut--)
				;
			if (!cut)
				cut = strcspn(text, " ");
		}
		printf("%s%.*s%s\n", prefix, (int)cut, text,
		       text[cut] ? "" : ".");
		if (!text[cut])
			return;
		text += cut + 1;
	}
}

static void hc_gen_conf(void)
{
	unsigned int i;

	fputs(hc_conf_header, stdout);
	for (i = 0; i < HC_NR_PARAMS; i++) {
		const struct hc_param_desc *d = &hc_params[i];
		char range[HC_ERR_MAX], def[HC_VALUE_MAX], line[2 * HC_ERR_MAX];

		hc_describe_range(d, range, sizeof(range));
		hc_default_config(d, def, sizeof(def));
		putchar('\n');
		hc_print_wrapped("# ", d->doc);
		snprintf(line, sizeof(line), "Takes %s; %s", range,
			 d->flags & HC_RUNTIME ? "applied by reload" :
			 "load-time, applied by restart");
		hc_print_wrapped("# ", line);
		printf("#%s = %s\n", d->name, def);
	}
}

/* Module units: what /sys/module/hotcold/parameters shows. */
static void hc_gen_man4_params(void)
{
	unsigned int i;

	for (i = 0; i < HC_NR_PARAMS; i++) {
		const struct hc_param_desc *d = &hc_params[i];
		char def[HC_VALUE_MAX], conf[HC_VALUE_MAX], range[HC_ERR_MAX];

		hc_default_value(d, def, sizeof(def));
		hc_default_config(d, conf, sizeof(conf));
		hc_describe_range(d, range, sizeof(range));
		printf(".TP\n.BR %s \" (%s, %s)\"\n", d->name,
		       hc_kind_name(d->kind),
		       d->flags & HC_RUNTIME ? "runtime" : "load-time");
		hc_print_wrapped("", d->doc);
		switch (d->kind) {
		case HC_FSLIST:
			printf("Default: %s.\n", def);
			break;
		case HC_PATHLIST:
			printf("Comma-separated \\fIMAJOR\\fB:\\fIMINOR\\fB:\\fI/path\\fR entries:\n"
			       "a filesystem's device and a directory inside it, as\n"
			       ".B hotcoldctl\n"
			       "writes them from the absolute paths of\n"
			       ".BR hotcold.conf (5).\n"
			       "Default: empty.\n");
			break;
		case HC_ENUM:
			printf("Default: %s; %s.\n", def, range);
			break;
		default:
			printf("Default: %s%s%s%s; range: %llu to %llu%s.\n", def,
			       strcmp(def, conf) ? " (" : "",
			       strcmp(def, conf) ? conf : "",
			       strcmp(def, conf) ? ")" : "",
			       (unsigned long long)d->min,
			       (unsigned long long)d->max,
			       d->flags & HC_POW2 ? ", a power of two" : "");
			break;
		}
	}
}

static void hc_gen_man4_stats(void)
{
	static const char *const types[] = {
		[HC_STAT_INFO] = "word",
		[HC_STAT_GAUGE] = "gauge",
		[HC_STAT_COUNTER] = "counter",
	};
	static const char *const units[] = {
		[HC_SU_COUNT] = "",
		[HC_SU_PAGES] = ", pages",
		[HC_SU_BYTES] = ", bytes",
		[HC_SU_NS] = ", nanoseconds",
	};
	char name[128];
	unsigned int i;

	for (i = 0; i < HC_NR_STATS; i++) {
		const struct hc_stat_desc *d = &hc_stat_descs[i];

		printf(".TP\n.BR %s \" (%s%s)\"\n", d->key, types[d->type],
		       units[d->unit]);
		hc_print_wrapped("", d->help);
		if (d->type == HC_STAT_INFO)
			continue;
		hc_prom_name(d, name, sizeof(name));
		printf("Prometheus: \\fB%s\\fR.\n", name);
	}
}

/* Config units: what /etc/hotcold.conf takes. */
static void hc_gen_man5_keys(void)
{
	unsigned int i;

	for (i = 0; i < HC_NR_PARAMS; i++) {
		const struct hc_param_desc *d = &hc_params[i];
		char range[HC_ERR_MAX], def[HC_VALUE_MAX];

		hc_describe_range(d, range, sizeof(range));
		hc_default_config(d, def, sizeof(def));
		printf(".TP\n.BI %s \" = \" value\n", d->name);
		hc_print_wrapped("", d->doc);
		printf("Takes %s; default: %s.\n%s\n", range, *def ? def : "none",
		       d->flags & HC_RUNTIME ?
		       "Runtime: applied by \\fBsystemctl reload hotcold\\fR." :
		       "Load-time: applied by \\fBsystemctl restart hotcold\\fR.");
	}
}

int main(int argc, char **argv)
{
	static const struct {
		const char *mode;
		void (*gen)(void);
	} modes[] = {
		{ "conf", hc_gen_conf },
		{ "man4-params", hc_gen_man4_params },
		{ "man4-stats", hc_gen_man4_stats },
		{ "man5-keys", hc_gen_man5_keys },
	};
	unsigned int i;

	for (i = 0; argc == 2 && i < ARRAY_SIZE(modes); i++) {
		if (!strcmp(argv[1], modes[i].mode)) {
			modes[i].gen();
			return fflush(stdout) ? 1 : 0;
		}
	}
	fprintf(stderr,
		"usage: gendoc conf | man4-params | man4-stats | man5-keys\n");
	return 2;
}
