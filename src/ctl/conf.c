// SPDX-License-Identifier: GPL-2.0
/*
 * Parser of /etc/hotcold.conf.  It reports every error of the file and
 * keeps going, so that one run of `hotcoldctl check-config` shows all that
 * needs fixing; callers apply nothing unless the error count is zero.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "conf.h"
#include "units.h"

/* Long enough for a message quoting a whole line twice. */
#define HC_MSG_MAX	(2 * HC_CONF_LINE_MAX + HC_ERR_MAX + 256)
#define HC_NAME_MAX	64

void hc_conf_init(struct hc_conf *conf, const char *path)
{
	unsigned int i;

	memset(conf, 0, sizeof(*conf));
	conf->path = path;
	for (i = 0; i < HC_NR_PARAMS; i++) {
		struct hc_conf_value *v = &conf->v[i];

		hc_default_value(&hc_params[i], v->value, sizeof(v->value));
		hc_param_check(&hc_params[i], v->value, &v->num, NULL, 0);
	}
}

static void hc_conf_report(struct hc_conf *conf, unsigned int line,
			   const char *what)
{
	char msg[HC_MSG_MAX];

	if (line)
		snprintf(msg, sizeof(msg), "%s:%u: %s", conf->path, line, what);
	else
		snprintf(msg, sizeof(msg), "%s: %s", conf->path, what);
	conf->nerrors++;
	if (conf->report)
		conf->report(conf->report_ctx, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

/* A macro, so that the compiler checks each format against its values. */
#define hc_conf_error(conf, line, ...)					\
	do {								\
		char what_[HC_MSG_MAX];					\
									\
		snprintf(what_, sizeof(what_), __VA_ARGS__);		\
		hc_conf_report(conf, line, what_);			\
	} while (0)

/* Levenshtein distance, case-insensitive; @b is a parameter name. */
static unsigned int hc_distance(const char *a, const char *b)
{
	unsigned int row[HC_NAME_MAX + 1];
	size_t i, j, lb = strlen(b);

	if (lb > HC_NAME_MAX)
		return ~0U;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 0; a[i]; i++) {
		unsigned int diag = row[0];

		row[0] = i + 1;
		for (j = 1; j <= lb; j++) {
			unsigned int up = row[j];
			unsigned int cost = tolower((unsigned char)a[i]) !=
					    tolower((unsigned char)b[j - 1]);
			unsigned int best = diag + cost;

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

const char *hc_conf_suggest(const char *key)
{
	size_t klen = strlen(key);
	const char *best = NULL;
	unsigned int i, best_dist = ~0U;

	for (i = 0; i < HC_NR_PARAMS; i++) {
		size_t len = strlen(hc_params[i].name);
		/* Beyond a third of the name, it is another word. */
		unsigned int near = len / 3 > 2 ? len / 3 : 2;
		unsigned int dist;

		/* The distance is at least the difference of the lengths. */
		if (klen > len + near || len > klen + near)
			continue;
		dist = hc_distance(key, hc_params[i].name);
		if (dist <= near && dist < best_dist) {
			best_dist = dist;
			best = hc_params[i].name;
		}
	}
	return best;
}

size_t hc_utf8_valid(const unsigned char *s, size_t len)
{
	/* Smallest code point of a sequence of 1 + n bytes. */
	static const u32 min[] = { 0, 0x80, 0x800, 0x10000 };
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		u32 cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xe0) == 0xc0)
			n = 1;
		else if ((c & 0xf0) == 0xe0)
			n = 2;
		else if ((c & 0xf8) == 0xf0)
			n = 3;
		else
			return i;
		if (len - i <= n)
			return i;
		cp = c & (0x3f >> n);
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		/* Overlong forms, UTF-16 surrogates, beyond Unicode. */
		if (cp < min[n] || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

/* Checks of the raw bytes; true if the line can be parsed. */
static bool hc_conf_line_ok(struct hc_conf *conf, unsigned int lineno,
			    const char *line, size_t len)
{
	size_t i, bad;

	if (len > HC_CONF_LINE_MAX) {
		hc_conf_error(conf, lineno, "line is longer than %d bytes",
			      HC_CONF_LINE_MAX);
		return false;
	}
	if (memchr(line, '\0', len)) {
		hc_conf_error(conf, lineno, "line contains a NUL byte");
		return false;
	}
	bad = hc_utf8_valid((const unsigned char *)line, len);
	if (bad < len) {
		hc_conf_error(conf, lineno,
			      "line is not valid UTF-8 (byte 0x%02x at column %zu)",
			      (unsigned char)line[bad], bad + 1);
		return false;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = line[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			hc_conf_error(conf, lineno,
				      "line contains the control character 0x%02x at column %zu",
				      c, i + 1);
			return false;
		}
	}
	return true;
}

static char *hc_skip_blanks(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void hc_trim_blanks(char *s)
{
	size_t len = strlen(s);

	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		s[--len] = '\0';
}

static bool hc_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The config's value in the module's syntax; -1 with a message. */
static int hc_conf_convert(struct hc_conf *conf, const struct hc_param_desc *d,
			   const char *val, char *module, size_t modlen,
			   char *err, size_t errlen)
{
	if (d->kind != HC_PATHLIST)
		return hc_value_to_module(d, val, module, modlen, err, errlen);
	if (!conf->resolver) {
		snprintf(err, errlen, "%s: no way to look paths up here",
			 d->name);
		return -1;
	}
	return hc_protect_to_module(d, val, conf->resolver, module, modlen,
				    err, errlen);
}

/* Convert and check @val for @d; store it on success. */
static void hc_conf_set(struct hc_conf *conf, unsigned int lineno,
			const struct hc_param_desc *d, const char *val)
{
	struct hc_conf_value *v = &conf->v[d - hc_params];
	char module[HC_PATHS_MAX], err[HC_CONF_LINE_MAX];
	u64 num = 0;	/* hc_param_check() leaves it alone for the lists */

	if (hc_conf_convert(conf, d, val, module, hc_value_max(d), err,
			    sizeof(err))) {
		hc_conf_error(conf, lineno, "%s", err);
		return;
	}
	if (hc_param_check(d, module, &num, err, sizeof(err))) {
		if ((d->kind == HC_MS || d->kind == HC_KB) &&
		    strcmp(module, val))
			hc_conf_error(conf, lineno, "%s; '%s' is %s %s", err,
				      val, module, hc_kind_name(d->kind));
		else
			hc_conf_error(conf, lineno, "%s", err);
		return;
	}
	strcpy(v->value, module);
	v->num = num;
}

/* @text: one line, NUL-terminated, without its line ending. */
static void hc_conf_assign(struct hc_conf *conf, unsigned int lineno,
			   char *text)
{
	char *key = hc_skip_blanks(text), *eq, *val, *end, *rest;
	const struct hc_param_desc *d;
	const char *hint;

	if (!*key || *key == '#')
		return;
	hc_trim_blanks(key);
	eq = strchr(key, '=');
	if (!eq) {
		key[strcspn(key, " \t")] = '\0';
		hc_conf_error(conf, lineno,
			      "%s: missing '=' (lines are 'key = value')", key);
		return;
	}
	*eq = '\0';
	hc_trim_blanks(key);
	val = hc_skip_blanks(eq + 1);
	end = val + strcspn(val, " \t");
	rest = hc_skip_blanks(end);
	*end = '\0';

	if (!*key) {
		hc_conf_error(conf, lineno, "missing key before '='");
		return;
	}
	d = hc_param_find(key);
	if (!d) {
		hint = hc_conf_suggest(key);
		if (hint)
			hc_conf_error(conf, lineno,
				      "%s: unknown key (did you mean %s?)", key,
				      hint);
		else
			hc_conf_error(conf, lineno,
				      "%s: unknown key (hotcold.conf(5) lists the keys)",
				      key);
		return;
	}
	if (conf->v[d - hc_params].line) {
		hc_conf_error(conf, lineno,
			      "%s: duplicate key (first set on line %u)", key,
			      conf->v[d - hc_params].line);
		return;
	}
	conf->v[d - hc_params].line = lineno;
	/* "protect_paths =" says "none" explicitly. */
	if (d->kind == HC_PATHLIST && (!*val || *val == '#')) {
		conf->v[d - hc_params].value[0] = '\0';
		return;
	}
	if (!*val || *val == '#') {
		hc_conf_error(conf, lineno, "%s: missing value after '='", key);
		return;
	}
	if (*rest && *rest != '#') {
		hint = d->kind == HC_PATHLIST ?
		       " (separate paths with ',' alone; paths with blanks cannot be protected)" :
		       (d->kind == HC_MS || d->kind == HC_KB) &&
		       hc_all_digits(val) ?
		       " (write a unit without a space, as in 10s or 64M)" : "";
		hc_conf_error(conf, lineno,
			      "%s: unexpected '%s' after the value '%s'%s", key,
			      rest, val, hint);
		return;
	}
	hc_conf_set(conf, lineno, d, val);
}

static void hc_conf_line(struct hc_conf *conf, unsigned int lineno,
			 const char *line, size_t len)
{
	char text[HC_CONF_LINE_MAX + 1];

	/* CRLF files come from editors on other systems: accept them. */
	if (len && line[len - 1] == '\r')
		len--;
	if (!hc_conf_line_ok(conf, lineno, line, len))
		return;
	memcpy(text, line, len);
	text[len] = '\0';
	hc_conf_assign(conf, lineno, text);
}

unsigned int hc_conf_parse(struct hc_conf *conf, const char *buf, size_t len)
{
	unsigned int lineno = 0;
	size_t start = 0;

	/* The byte order mark that some editors write along with CRLF. */
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		start = 3;
	while (start < len) {
		const char *nl = memchr(buf + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - buf) : len;

		hc_conf_line(conf, ++lineno, buf + start, end - start);
		start = end + 1;
	}
	return conf->nerrors;
}

unsigned int hc_conf_load(struct hc_conf *conf)
{
	FILE *f = fopen(conf->path, "r");
	char *buf;
	size_t len;

	if (!f) {
		hc_conf_error(conf, 0, "cannot read: %s", strerror(errno));
		return conf->nerrors;
	}
	buf = malloc(HC_CONF_FILE_MAX + 1);
	if (!buf) {
		fclose(f);
		hc_conf_error(conf, 0, "cannot read: %s", strerror(ENOMEM));
		return conf->nerrors;
	}
	len = fread(buf, 1, HC_CONF_FILE_MAX + 1, f);
	if (ferror(f))
		hc_conf_error(conf, 0, "cannot read: %s", strerror(errno));
	else if (len > HC_CONF_FILE_MAX)
		hc_conf_error(conf, 0, "file is larger than %d bytes",
			      HC_CONF_FILE_MAX);
	else
		hc_conf_parse(conf, buf, len);
	free(buf);
	fclose(f);
	return conf->nerrors;
}
