// SPDX-License-Identifier: GPL-2.0
/*
 * Checks of parameter values, shared by the module and hotcoldctl so that
 * both refuse exactly the same values with the same words.
 */
#include "params.h"

const struct hc_param_desc hc_params[HC_NR_PARAMS] = {
#define HC_PARAM(n, k, d, lo, hi, s, f, doc) \
	[HC_P_##n] = { #n, k, d, lo, hi, s, f, doc },
#include "params.def"
#undef HC_PARAM
};

/*
 * Filesystems whose pages are not ordinary clean page cache (memory-backed,
 * pseudo or virtual): they are never managed.
 */
static const char *const hc_fs_refused[] = {
	"tmpfs", "shmem", "ramfs", "hugetlbfs", "devtmpfs", "rootfs", "proc",
	"sysfs", "devpts", "debugfs", "tracefs", "securityfs", "configfs",
	"cgroup", "cgroup2", "bpf", "pstore", "efivarfs", "mqueue", "autofs",
	"binfmt_misc", "fusectl", "nsfs", "pipefs", "sockfs", "anon_inodefs",
	"dax", "bdev", "overlay",
};

#define HC_FS_NAME_MAX	15
#define HC_FS_LIST_MAX	8

const struct hc_param_desc *hc_param_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < HC_NR_PARAMS; i++)
		if (!strcmp(hc_params[i].name, name))
			return &hc_params[i];
	return NULL;
}

const char *hc_kind_name(enum hc_kind kind)
{
	switch (kind) {
	case HC_BOOL:
		return "bool";
	case HC_COUNT:
		return "count";
	case HC_PCT:
		return "percent";
	case HC_MS:
		return "milliseconds";
	case HC_KB:
		return "KiB";
	case HC_FSLIST:
		return "fs-list";
	case HC_ENUM:
		return "enum";
	case HC_PATHLIST:
		return "path-list";
	}
	return "?";
}

int hc_param_strip(const char *val, char *out, size_t outlen)
{
	size_t len = strlen(val);

	if (len && val[len - 1] == '\n')
		len--;
	if (len >= outlen)
		return -1;
	memcpy(out, val, len);
	out[len] = '\0';
	return 0;
}

/* Decimal digits only: no sign, no base prefix, no blanks, no overflow. */
static int hc_parse_u64(const char *s, u64 *out)
{
	u64 v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned int digit;

		if (*s < '0' || *s > '9')
			return -1;
		digit = *s - '0';
		if (v > (~(u64)0 - digit) / 10)
			return -1;
		v = v * 10 + digit;
	}
	*out = v;
	return 0;
}

static int hc_parse_bool(const char *s, u64 *out)
{
	if (!strcmp(s, "1") || !strcmp(s, "y") || !strcmp(s, "Y")) {
		*out = 1;
		return 0;
	}
	if (!strcmp(s, "0") || !strcmp(s, "n") || !strcmp(s, "N")) {
		*out = 0;
		return 0;
	}
	return -1;
}

int hc_enum_choice(const struct hc_param_desc *d, unsigned int i,
		   char *out, size_t outlen)
{
	const char *p = d->sdef;
	unsigned int n = 0;

	while (*p) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (n == i && out) {
			if (len >= outlen)
				return -1;
			memcpy(out, p, len);
			out[len] = '\0';
		}
		n++;
		if (!end)
			break;
		p = end + 1;
	}
	return n;
}

static int hc_check_enum(const struct hc_param_desc *d, const char *s,
			 u64 *num, char *err, size_t errlen)
{
	char word[HC_VALUE_MAX];
	int i, n = hc_enum_choice(d, 0, NULL, 0);

	for (i = 0; i < n; i++) {
		hc_enum_choice(d, i, word, sizeof(word));
		if (!strcmp(word, s)) {
			*num = i;
			return 0;
		}
	}
	snprintf(err, errlen, "%s: '%s' is not one of %s", d->name, s,
		 d->sdef);
	return -1;
}

static bool hc_fs_name_ok(const char *name, size_t len)
{
	size_t i;

	if (!len || len > HC_FS_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return false;
	}
	return true;
}

static bool hc_fs_refused_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hc_fs_refused); i++)
		if (strlen(hc_fs_refused[i]) == len &&
		    !memcmp(hc_fs_refused[i], name, len))
			return true;
	return false;
}

/* Is the entry [name, name + len) listed before it in @list? */
static bool hc_fs_repeated(const char *list, const char *name, size_t len)
{
	const char *p = list;

	while (p < name) {
		const char *end = strchr(p, ',');

		if ((size_t)(end - p) == len && !memcmp(p, name, len))
			return true;
		p = end + 1;
	}
	return false;
}

static int hc_check_fslist(const struct hc_param_desc *d, const char *s,
			   char *err, size_t errlen)
{
	const char *p = s;
	unsigned int n = 0;

	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (!hc_fs_name_ok(p, len)) {
			snprintf(err, errlen,
				 "%s: '%s' is not a list of filesystem type names (lowercase letters, digits, '_', up to %d characters each, separated by ',')",
				 d->name, s, HC_FS_NAME_MAX);
			return -1;
		}
		if (hc_fs_refused_name(p, len)) {
			snprintf(err, errlen,
				 "%s: '%.*s' is a memory-backed or pseudo filesystem, which hotcold never manages",
				 d->name, (int)len, p);
			return -1;
		}
		if (hc_fs_repeated(s, p, len)) {
			snprintf(err, errlen, "%s: '%.*s' is listed twice",
				 d->name, (int)len, p);
			return -1;
		}
		if (++n > HC_FS_LIST_MAX) {
			snprintf(err, errlen,
				 "%s: '%s' lists more than %d filesystem types",
				 d->name, s, HC_FS_LIST_MAX);
			return -1;
		}
		if (!end)
			return 0;
		p = end + 1;
	}
}

/* One "MAJOR:MINOR:/path" entry of [p, p + len). */
static bool hc_path_entry_ok(const char *p, size_t len)
{
	unsigned int colons = 0;
	size_t i = 0;

	for (; colons < 2; colons++) {
		size_t start = i;

		while (i < len && p[i] >= '0' && p[i] <= '9')
			i++;
		if (i == start || i - start > 10 || i == len || p[i] != ':')
			return false;
		i++;
	}
	if (i == len || p[i] != '/')
		return false;
	for (; i < len; i++)
		if (p[i] == ' ' || p[i] == '\t' || p[i] == '"')
			return false;
	return true;
}

/* Comma-separated "MAJOR:MINOR:/path" entries, or nothing at all. */
static int hc_check_pathlist(const struct hc_param_desc *d, const char *s,
			     char *err, size_t errlen)
{
	const char *p = s;

	while (*s) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (!hc_path_entry_ok(p, len)) {
			snprintf(err, errlen,
				 "%s: '%.*s' is not MAJOR:MINOR:/path (entries are separated by ',', paths hold no blank, ',' or '\"')",
				 d->name, (int)len, p);
			return -1;
		}
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

static int hc_check_number(const struct hc_param_desc *d, const char *s,
			   u64 *num, char *err, size_t errlen)
{
	u64 v;
	int ret = d->kind == HC_BOOL ? hc_parse_bool(s, &v) :
				       hc_parse_u64(s, &v);

	if (ret) {
		snprintf(err, errlen, "%s: '%s' is not %s", d->name, s,
			 d->kind == HC_BOOL ? "a boolean (0 or 1)" :
					      "a whole decimal number");
		return -1;
	}
	if (v < d->min || v > d->max) {
		/* A count needs no unit: "allowed 1 to 4". */
		const char *unit = d->kind == HC_COUNT ? "" : hc_kind_name(d->kind);

		snprintf(err, errlen,
			 "%s: %llu is out of range (allowed %llu to %llu%s%s)",
			 d->name, (unsigned long long)v,
			 (unsigned long long)d->min,
			 (unsigned long long)d->max, *unit ? " " : "", unit);
		return -1;
	}
	if ((d->flags & HC_POW2) && (v & (v - 1))) {
		snprintf(err, errlen, "%s: %llu is not a power of two",
			 d->name, (unsigned long long)v);
		return -1;
	}
	*num = v;
	return 0;
}

int hc_param_check(const struct hc_param_desc *d, const char *val, u64 *num,
		   char *err, size_t errlen)
{
	char s[HC_VALUE_MAX];

	if (hc_param_strip(val, s, sizeof(s))) {
		snprintf(err, errlen, "%s: value is longer than %d characters",
			 d->name, HC_VALUE_MAX - 1);
		return -1;
	}
	switch (d->kind) {
	case HC_FSLIST:
		return hc_check_fslist(d, s, err, errlen);
	case HC_ENUM:
		return hc_check_enum(d, s, num, err, errlen);
	case HC_PATHLIST:
		return hc_check_pathlist(d, s, err, errlen);
	default:
		return hc_check_number(d, s, num, err, errlen);
	}
}
