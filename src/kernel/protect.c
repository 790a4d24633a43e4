// SPDX-License-Identifier: GPL-2.0
/*
 * protect_paths: files under a protected directory are tracked and shown
 * but never reclaimed.  An entry is a device and a path inside the
 * filesystem on it (hotcoldctl resolves mount points and bind mounts), so
 * a file is judged by its superblock's device and its dentry's path from
 * the filesystem's root, without any mount.
 *
 * The scan thread decides again each time its walk finds a tracked file,
 * once a pass, so a file renamed into or out of a protected directory
 * follows within a pass.  With an empty list that is one comparison; on a
 * filesystem with entries it is d_find_alias(), dentry_path_raw() (a walk
 * up to the root under the rename seqlock) and a string comparison per
 * entry, for each file found.  No dentry is kept.
 *
 * A file without a dentry in the dcache cannot be renamed until a lookup
 * brings one back, so it keeps its last decision; one never judged since
 * protect_paths changed is protected if its filesystem has entries: the
 * unknown is kept, not dropped.  A file with several hard links is judged
 * by the name d_find_alias() returns.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/kdev_t.h>
#include <linux/limits.h>
#include "hotcold.h"

struct hc_protect_entry {
	dev_t dev;
	const char *path;	/* in hc_protect_list, NUL terminated */
	size_t len;
};

/* The list as last parsed; only the scan thread uses these. */
static char hc_protect_list[HC_PATHS_MAX];
static struct hc_protect_entry hc_protect[HC_PATHS_ENTRIES];
static unsigned int hc_protect_nr;
static u32 hc_protect_seen;	/* protect_paths change parsed */
static char hc_protect_buf[PATH_MAX];

/*
 * Bits of f->protect above HC_PROTECTED: the change of protect_paths it was
 * decided under, never 0 (a new file, not judged yet).
 */
#define HC_PROTECT_TAG(gen)	((u8)(((gen) % 127 + 1) << 1))

static void hc_protect_parse(void)
{
	char *p = hc_protect_list, *entry;

	hc_protect_nr = 0;
	while ((entry = strsep(&p, ",")) && *entry &&
	       hc_protect_nr < HC_PATHS_ENTRIES) {
		struct hc_protect_entry *e = &hc_protect[hc_protect_nr];
		u32 major, minor;

		/* The value was checked when it was set. */
		if (hc_pathlist_entry(entry, strlen(entry), &major, &minor,
				      &e->path, &e->len)) {
			hc_unexpected("protect_paths entry '%s' skipped\n",
				      entry);
			continue;
		}
		e->dev = MKDEV(major, minor);
		hc_protect_nr++;
	}
}

static void hc_protect_reload(void)
{
	if (hc_param_protect_gen() == hc_protect_seen)
		return;
	hc_protect_seen = hc_param_protect_paths(hc_protect_list,
						 sizeof(hc_protect_list));
	hc_protect_parse();
}

static bool hc_protect_on_dev(dev_t dev)
{
	unsigned int i;

	for (i = 0; i < hc_protect_nr; i++)
		if (hc_protect[i].dev == dev)
			return true;
	return false;
}

/* Is @path, inside the filesystem, @e's directory or below it? */
static bool hc_path_under(const char *path, const struct hc_protect_entry *e)
{
	if (e->len == 1)
		return true;
	return !strncmp(path, e->path, e->len) &&
	       (path[e->len] == '/' || !path[e->len]);
}

/* 1 or 0 as the file's path says; -1 if it has no usable dentry now. */
static int hc_protect_lookup(struct inode *inode)
{
	dev_t dev = inode->i_sb->s_dev;
	struct dentry *dentry;
	unsigned int i;
	char *path;

	if (!hc_protect_on_dev(dev))
		return 0;
	dentry = d_find_alias(inode);
	if (!dentry)
		return -1;
	path = dentry_path_raw(dentry, hc_protect_buf, sizeof(hc_protect_buf));
	dput(dentry);
	if (IS_ERR(path))
		return -1;
	for (i = 0; i < hc_protect_nr; i++)
		if (hc_protect[i].dev == dev && hc_path_under(path, &hc_protect[i]))
			return 1;
	return 0;
}

static void hc_protect_set(struct hc_file *f, u8 protect)
{
	int delta = (protect & HC_PROTECTED) - (f->protect & HC_PROTECTED);

	if (delta)
		hc_stat_add(HC_S_files_protected, delta);
	f->protect = protect;
}

void hc_protect_update(struct hc_file *f, struct inode *inode)
{
	u8 tag;
	int found;

	hc_protect_reload();
	tag = HC_PROTECT_TAG(hc_protect_seen);
	found = hc_protect_nr ? hc_protect_lookup(inode) : 0;
	if (found < 0)
		found = (f->protect & ~HC_PROTECTED) == tag ?
			f->protect & HC_PROTECTED : 1;
	hc_protect_set(f, tag | (found ? HC_PROTECTED : 0));
}

void hc_protect_forget(struct hc_file *f)
{
	hc_protect_set(f, 0);
}
