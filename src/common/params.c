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

/*
 * Filesystems whose files (device, inode number) does not identify, the
 * key of per-file state: btrfs subvolumes share one device number and
 * number their inodes each from the start.
 */
static const char *const hc_fs_unkeyed[] = {
	"btrfs",
};

#define HC_FS_NAME_MAX	15
#define HC_FS_LIST_MAX	8

/* Device numbers as the kernel splits them (MINORBITS is 20). */
#define HC_DEV_MAJOR_MAX	4095
#define HC_DEV_MINOR_MAX	1048575
/* An entry is quoted in a message up to this many characters. */
#define HC_QUOTE_MAX	96

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

static bool hc_fs_listed(const char *const *list, size_t n,
			 const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && !memcmp(list[i], name, len))
			return true;
	return false;
}

/* Why the type [name, name + len) is refused, or NULL. */
static const char *hc_fs_refusal(const char *name, size_t len)
{
	if (hc_fs_listed(hc_fs_refused, ARRAY_SIZE(hc_fs_refused), name, len))
		return "is a memory-backed or pseudo filesystem, which hotcold never manages";
	if (hc_fs_listed(hc_fs_unkeyed, ARRAY_SIZE(hc_fs_unkeyed), name, len))
		return "is not supported: its subvolumes share one device number, so (device, inode) does not identify a file";
	return NULL;
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
	const char *p = s, *why;
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
		why = hc_fs_refusal(p, len);
		if (why) {
			snprintf(err, errlen, "%s: '%.*s' %s", d->name, (int)len,
				 p, why);
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

size_t hc_value_max(const struct hc_param_desc *d)
{
	return d->kind == HC_PATHLIST ? HC_PATHS_MAX : HC_VALUE_MAX;
}

/* A device number of up to 7 decimal digits, [s, end). */
static int hc_parse_devnum(const char *s, const char *end, u32 *out)
{
	u32 v = 0;

	if (s == end || end - s > 7)
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

int hc_pathlist_entry(const char *s, size_t len, u32 *major, u32 *minor,
		      const char **path, size_t *plen)
{
	const char *end = s + len;
	const char *c1 = memchr(s, ':', len);
	const char *c2 = c1 ? memchr(c1 + 1, ':', end - c1 - 1) : NULL;

	if (!c2 || hc_parse_devnum(s, c1, major) ||
	    hc_parse_devnum(c1 + 1, c2, minor) ||
	    *major > HC_DEV_MAJOR_MAX || *minor > HC_DEV_MINOR_MAX)
		return -1;
	*path = c2 + 1;
	*plen = end - *path;
	return 0;
}

/*
 * An absolute path without empty, '.' or '..' components, control
 * characters or a trailing '/'; "/" alone is the whole filesystem.  The
 * module compares paths as strings: they must be written the one way the
 * kernel spells them.
 */
static bool hc_path_ok(const char *p, size_t len)
{
	size_t i, start = 0;

	if (!len || p[0] != '/')
		return false;
	if (len == 1)
		return true;
	for (i = 1; i <= len; i++) {
		size_t n = i - start - 1;

		if (i < len && p[i] != '/') {
			if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
				return false;
			continue;
		}
		if (!n || (n == 1 && p[start + 1] == '.') ||
		    (n == 2 && p[start + 1] == '.' && p[start + 2] == '.'))
			return false;
		start = i;
	}
	return true;
}

/* Is the entry [e, e + len) listed before it in [s, e)? */
static bool hc_entry_repeated(const char *s, const char *e, size_t len)
{
	const char *p = s;

	while (p < e) {
		const char *end = memchr(p, ',', e - p);

		if ((size_t)(end - p) == len && !memcmp(p, e, len))
			return true;
		p = end + 1;
	}
	return false;
}

static int hc_check_pathlist(const struct hc_param_desc *d, const char *s,
			     size_t len, char *err, size_t errlen)
{
	const char *p = s, *end = s + len;
	unsigned int n = 0;

	while (len) {
		const char *comma = memchr(p, ',', end - p);
		size_t elen = comma ? (size_t)(comma - p) : (size_t)(end - p);
		int quoted = elen > HC_QUOTE_MAX ? HC_QUOTE_MAX : (int)elen;
		const char *path;
		size_t plen;
		u32 major, minor;

		if (hc_pathlist_entry(p, elen, &major, &minor, &path, &plen)) {
			snprintf(err, errlen,
				 "%s: '%.*s' is not MAJOR:MINOR:/path (major 0 to %d, minor 0 to %d, entries separated by ',')",
				 d->name, quoted, p, HC_DEV_MAJOR_MAX,
				 HC_DEV_MINOR_MAX);
			return -1;
		}
		if (!hc_path_ok(path, plen)) {
			snprintf(err, errlen,
				 "%s: '%.*s': the path must be absolute, without '.', '..' or empty components, control characters or a trailing '/'",
				 d->name, quoted, p);
			return -1;
		}
		if (hc_entry_repeated(s, p, elen)) {
			snprintf(err, errlen, "%s: '%.*s' is listed twice",
				 d->name, quoted, p);
			return -1;
		}
		if (++n > HC_PATHS_ENTRIES) {
			snprintf(err, errlen, "%s: more than %d entries",
				 d->name, HC_PATHS_ENTRIES);
			return -1;
		}
		if (!comma)
			break;
		p = comma + 1;
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
	size_t len = strlen(val);
	char s[HC_VALUE_MAX];

	if (len && val[len - 1] == '\n')
		len--;
	if (len >= hc_value_max(d)) {
		snprintf(err, errlen, "%s: value is longer than %zu characters",
			 d->name, hc_value_max(d) - 1);
		return -1;
	}
	/* A path list is checked in place: it does not fit on the stack. */
	if (d->kind == HC_PATHLIST)
		return hc_check_pathlist(d, val, len, err, errlen);
	hc_param_strip(val, s, sizeof(s));
	switch (d->kind) {
	case HC_FSLIST:
		return hc_check_fslist(d, s, err, errlen);
	case HC_ENUM:
		return hc_check_enum(d, s, num, err, errlen);
	default:
		return hc_check_number(d, s, num, err, errlen);
	}
}
