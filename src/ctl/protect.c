// SPDX-License-Identifier: GPL-2.0
/*
 * protect_paths: from the directories an operator names to what the
 * module matches files against, the filesystem (its device) and the path
 * inside it.  A path seen through a bind mount or below a mount point is
 * not what the module sees from the superblock: mountinfo's mount point
 * and root fields translate it.
 */
#include <errno.h>
#include <limits.h>

#include "protect.h"

#define HC_MI_FIELDS	5	/* id parent major:minor root mount-point */

struct hc_mount {
	unsigned int major;
	unsigned int minor;
	char root[PATH_MAX];
	char point[PATH_MAX];
};

/* Copy [s, s + len) to @out, decoding mountinfo's octal escapes (\040). */
static int hc_unescape(const char *s, size_t len, char *out, size_t outlen)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\\' && i + 3 < len &&
		    s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			c = (s[i + 1] - '0') << 6 | (s[i + 2] - '0') << 3 |
			    (s[i + 3] - '0');
			i += 3;
		}
		if (n + 1 >= outlen)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

/* Parse the fields of one mountinfo line that matter here. */
static int hc_mount_parse(const char *line, size_t len, struct hc_mount *m)
{
	const char *f[HC_MI_FIELDS + 1];
	unsigned int i = 0;
	size_t k;

	f[0] = line;
	for (k = 0; k < len && i < HC_MI_FIELDS; k++)
		if (line[k] == ' ')
			f[++i] = line + k + 1;
	if (i < HC_MI_FIELDS)
		return -1;
	if (sscanf(f[2], "%u:%u ", &m->major, &m->minor) != 2)
		return -1;
	if (hc_unescape(f[3], f[4] - f[3] - 1, m->root, sizeof(m->root)) ||
	    hc_unescape(f[4], f[5] - f[4] - 1, m->point, sizeof(m->point)))
		return -1;
	/* nsfs has roots such as "net:[4026531840]": no directory tree. */
	return m->root[0] == '/' && m->point[0] == '/' ? 0 : -1;
}

/* Length of the mount point @point if it holds @path, else -1. */
static long hc_mount_holds(const char *point, const char *path)
{
	size_t len = strlen(point);

	if (!strcmp(point, "/"))
		return 0;
	if (strncmp(point, path, len) || (path[len] && path[len] != '/'))
		return -1;
	return len;
}

int hc_mountinfo_inside(const char *mountinfo, const char *real,
			unsigned int major, unsigned int minor,
			char *out, size_t outlen)
{
	struct hc_mount m, best;
	const char *p = mountinfo;
	long best_len = -1;
	const char *rest;
	int n;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		long held;

		if (!hc_mount_parse(p, len, &m) && m.major == major &&
		    m.minor == minor) {
			held = hc_mount_holds(m.point, real);
			/* The last of equal mount points is the visible one. */
			if (held >= 0 && (long)strlen(m.point) >= best_len) {
				best = m;
				best_len = strlen(m.point);
			}
		}
		p += len + (nl ? 1 : 0);
	}
	if (best_len < 0)
		return -1;
	rest = real + hc_mount_holds(best.point, real);
	if (!strcmp(best.root, "/"))
		n = snprintf(out, outlen, "%s", *rest ? rest : "/");
	else
		n = snprintf(out, outlen, "%s%s", best.root, rest);
	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

/* Is the entry @e already one of the ','-separated entries of @list? */
static bool hc_listed(const char *list, const char *e)
{
	size_t len = strlen(e);
	const char *p = list;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && !memcmp(p, e, len))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

/* One path of the list, checked and resolved to "MAJOR:MINOR:/inside". */
static int hc_protect_entry(const struct hc_param_desc *d, const char *path,
			    const struct hc_resolver *r, char *entry,
			    size_t entrylen, char *err, size_t errlen)
{
	char real[PATH_MAX], inside[PATH_MAX];
	unsigned int major, minor;
	const char *mi;
	int ret;

	if (!*path) {
		snprintf(err, errlen,
			 "%s: empty entry (',' at an end or twice in a row)",
			 d->name);
		return -1;
	}
	if (*path != '/') {
		snprintf(err, errlen, "%s: '%s' is not an absolute path",
			 d->name, path);
		return -1;
	}
	ret = r->lookup(r->ctx, path, real, sizeof(real), &major, &minor);
	if (ret) {
		snprintf(err, errlen, "%s: '%s' %s", d->name, path,
			 ret == -ENOENT ? "does not exist" :
			 ret == -ENOTDIR ? "is not a directory" :
			 "cannot be looked up");
		if (ret != -ENOENT && ret != -ENOTDIR)
			snprintf(err + strlen(err), errlen - strlen(err),
				 ": %s", strerror(-ret));
		return -1;
	}
	mi = r->mountinfo(r->ctx);
	if (!mi) {
		snprintf(err, errlen, "%s: '%s': cannot read /proc/self/mountinfo: %s",
			 d->name, path, strerror(errno));
		return -1;
	}
	if (hc_mountinfo_inside(mi, real, major, minor, inside,
				sizeof(inside))) {
		snprintf(err, errlen,
			 "%s: '%s' (%s): no mount of its device %u:%u holds it in /proc/self/mountinfo",
			 d->name, path, real, major, minor);
		return -1;
	}
	ret = snprintf(entry, entrylen, "%u:%u:%s", major, minor, inside);
	return ret < 0 || (size_t)ret >= entrylen ? -1 : 0;
}

int hc_protect_to_module(const struct hc_param_desc *d, const char *list,
			 const struct hc_resolver *r, char *out, size_t outlen,
			 char *err, size_t errlen)
{
	char path[PATH_MAX], entry[PATH_MAX + 32];
	const char *p = list;
	size_t used = 0;

	out[0] = '\0';
	while (*list) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len >= sizeof(path)) {
			snprintf(err, errlen, "%s: a path is longer than %d bytes",
				 d->name, PATH_MAX - 1);
			return -1;
		}
		memcpy(path, p, len);
		path[len] = '\0';
		if (hc_protect_entry(d, path, r, entry, sizeof(entry), err,
				     errlen))
			return -1;
		if (hc_listed(out, entry)) {
			snprintf(err, errlen,
				 "%s: '%s' is a directory listed before (%s)",
				 d->name, path, entry);
			return -1;
		}
		if (used + !!used + strlen(entry) >= outlen) {
			snprintf(err, errlen,
				 "%s: the directories resolve to more than the module's %zu characters of MAJOR:MINOR:/path entries; protect fewer, or a common parent",
				 d->name, outlen - 1);
			return -1;
		}
		used += sprintf(out + used, "%s%s", used ? "," : "", entry);
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}
