/* SPDX-License-Identifier: GPL-2.0 */
/*
 * protect_paths: the absolute directory paths of /etc/hotcold.conf turned
 * into the module's MAJOR:MINOR:/path/inside/that/filesystem entries.
 * The translation is pure (a mountinfo text in, entries out); the lookups
 * that touch the system come through struct hc_resolver.
 */
#ifndef HC_PROTECT_H
#define HC_PROTECT_H

#include "params.h"

struct hc_resolver {
	/*
	 * Canonical path of directory @path (symbolic links, "." and ".."
	 * resolved) in @real, and the device of its filesystem.  Returns 0
	 * or -errno: -ENOENT missing, -ENOTDIR not a directory.
	 */
	int (*lookup)(void *ctx, const char *path, char *real, size_t reallen,
		      unsigned int *major, unsigned int *minor);
	/* The text of /proc/self/mountinfo, or NULL with errno set. */
	const char *(*mountinfo)(void *ctx);
	void *ctx;
};

/*
 * hc_mountinfo_inside - the path of @real inside its filesystem.
 * @real is a canonical absolute path on the device @major:@minor; the
 * mount used is the one of that device with the longest mount point
 * containing @real (the last listed of equals: it hides the others), and
 * its root field gives where that mount starts inside the filesystem
 * (bind mounts).  Returns 0, or -1 when no mount of the device holds
 * @real or the result does not fit in @outlen.
 */
int hc_mountinfo_inside(const char *mountinfo, const char *real,
			unsigned int major, unsigned int minor,
			char *out, size_t outlen);

/*
 * hc_protect_to_module - convert the config value @list (absolute
 * directory paths separated by ',', or "") of parameter @d to the
 * module's entries in @out.  Returns 0, or -1 with a message naming the
 * key, the path and why in @err.
 */
int hc_protect_to_module(const struct hc_param_desc *d, const char *list,
			 const struct hc_resolver *r, char *out, size_t outlen,
			 char *err, size_t errlen);

#endif /* HC_PROTECT_H */
