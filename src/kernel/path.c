// SPDX-License-Identifier: GPL-2.0
/*
 * The paths shown by /proc/hotcold/files.  They are recorded when the
 * scan thread finds a file (it holds a reference then), because they
 * cannot be looked up later: XFS inodes are not in the VFS inode hash, so
 * ilookup() finds none, and no inode reference is kept between rounds.
 * Only the files that can make the top list have one: a small table of
 * the HC_PATH_SLOTS largest files, by cached pages at their last visit.
 * The path is taken again each time a pass finds the file, so a rename
 * shows within a pass.  Strings are counted in metadata_bytes.
 *
 * Every file is noted once a pass, so the common case is quick: a file
 * keeps the index of its slot, and one with no slot and no more cached
 * pages than the table's smallest entry is turned away without a search.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "hotcold.h"

/* Twice the rows shown: files move in and out of the top between visits. */
#define HC_PATH_SLOTS	(2 * HC_TOP_FILES)

struct hc_path_slot {
	struct hc_key key;
	u32 cached;
	char *path;	/* NULL: the slot is free */
};

static DEFINE_MUTEX(hc_path_lock);
static struct hc_path_slot hc_paths[HC_PATH_SLOTS];
static char hc_path_buf[PATH_MAX];	/* under hc_path_lock */
/* With every slot taken: at most the smallest cached count of a slot. */
static bool hc_paths_full;
static u32 hc_paths_floor;

static bool hc_key_eq(const struct hc_key *a, const struct hc_key *b)
{
	return a->ino == b->ino && a->dev == b->dev;
}

static void hc_path_clear(struct hc_path_slot *s)
{
	if (!s->path)
		return;
	hc_stat_add(HC_S_metadata_bytes, -(s64)(strlen(s->path) + 1));
	kfree(s->path);
	s->path = NULL;
	hc_paths_full = false;
}

/* A free slot, else the smallest if @cached beats it. */
static struct hc_path_slot *hc_path_slot_search(u32 cached)
{
	struct hc_path_slot *s, *min = NULL;

	for (s = hc_paths; s < hc_paths + HC_PATH_SLOTS; s++)
		if (!min || !s->path || (min->path && s->cached < min->cached))
			min = s;
	hc_paths_full = min->path != NULL;
	hc_paths_floor = min->cached;
	return !min->path || min->cached < cached ? min : NULL;
}

/* @f's slot, else one it may take, else NULL. */
static struct hc_path_slot *hc_path_slot(struct hc_file *f)
{
	struct hc_path_slot *s = f->path_slot ? &hc_paths[f->path_slot - 1] :
						NULL;

	if (s && s->path && hc_key_eq(&s->key, &f->key))
		return s;
	f->path_slot = 0;
	if (hc_paths_full && f->cached <= hc_paths_floor)
		return NULL;
	return hc_path_slot_search(f->cached);
}

/* The path of @inode inside its filesystem, in hc_path_buf, or NULL. */
static const char *hc_inode_path(struct inode *inode)
{
	struct dentry *dentry = d_find_alias(inode);
	char *path;

	if (!dentry)
		return NULL;
	path = dentry_path_raw(dentry, hc_path_buf, sizeof(hc_path_buf));
	dput(dentry);
	return IS_ERR(path) ? NULL : path;
}

void hc_path_note(struct hc_file *f, struct inode *inode)
{
	struct hc_path_slot *s;
	const char *path;
	char *copy;

	mutex_lock(&hc_path_lock);
	s = hc_path_slot(f);
	if (!s)
		goto out;
	path = hc_inode_path(inode);
	if (!path)
		goto out;
	if (!s->path || !hc_key_eq(&s->key, &f->key) || strcmp(s->path, path)) {
		copy = kstrdup(path, GFP_KERNEL);
		if (!copy)
			goto out;
		hc_path_clear(s);
		s->path = copy;
		s->key = f->key;
		hc_stat_add(HC_S_metadata_bytes, strlen(copy) + 1);
	}
	s->cached = f->cached;
	hc_paths_floor = min(hc_paths_floor, s->cached);
	f->path_slot = s - hc_paths + 1;
out:
	mutex_unlock(&hc_path_lock);
}

void hc_path_forget(const struct hc_key *key)
{
	struct hc_path_slot *s;

	mutex_lock(&hc_path_lock);
	for (s = hc_paths; s < hc_paths + HC_PATH_SLOTS; s++)
		if (s->path && hc_key_eq(&s->key, key))
			hc_path_clear(s);
	mutex_unlock(&hc_path_lock);
}

void hc_paths_prune(void)
{
	struct hc_path_slot *s;

	mutex_lock(&hc_path_lock);
	for (s = hc_paths; s < hc_paths + HC_PATH_SLOTS; s++)
		if (s->path && !hc_files_known(&s->key))
			hc_path_clear(s);
	mutex_unlock(&hc_path_lock);
}

void hc_paths_free(void)
{
	struct hc_path_slot *s;

	mutex_lock(&hc_path_lock);
	for (s = hc_paths; s < hc_paths + HC_PATH_SLOTS; s++)
		hc_path_clear(s);
	mutex_unlock(&hc_path_lock);
}

void hc_path_print(struct seq_file *m, const struct hc_key *key)
{
	struct hc_path_slot *s;
	bool found = false;

	mutex_lock(&hc_path_lock);
	for (s = hc_paths; s < hc_paths + HC_PATH_SLOTS && !found; s++) {
		found = s->path && hc_key_eq(&s->key, key);
		/* A newline in a name would split the row. */
		if (found)
			seq_escape(m, s->path, "\n\\");
	}
	mutex_unlock(&hc_path_lock);
	if (!found)
		seq_putc(m, '-');
}
