// SPDX-License-Identifier: GPL-2.0
/*
 * Tracked page cache per memory cgroup, for /proc/hotcold/cgroups.
 *
 * A visit's walk of a file's folios votes for the memcg that the first
 * folio of each batch is charged to (every page on kernels without
 * folios: compat.h reads a folio's memcg only under the reference the
 * batch holds), weighted by pages.  It is a Boyer-Moore majority vote:
 * the winner holds more than half of the voting pages when any group
 * does, otherwise it is one of the groups holding most.  The winner
 * becomes the file's main cgroup, and all of the file counts there:
 * cached pages, hot, warm and cold areas, reclaimed pages.  The vote
 * costs an RCU read section and a few loads per batch; it holds a
 * reference on the current leader only, dropped at the end of the visit.
 *
 * Groups live in a table of HC_CGROUPS_MAX slots keyed by cgroup id (never
 * reused), each with its path as /proc/self/cgroup shows it (read again
 * once a pass, for renames) and the number of files whose main group it
 * is; a slot is freed with its last file.  A file keeps only the slot's
 * index.  Slot 1 is the root, which also holds the pages of kernels or
 * boots without memcg; slot 0 is "none": a file not visited yet, or one
 * whose group found the table full (cgroups_untracked_cap).
 *
 * On cgroup v1 a memcg belongs to the memory controller's hierarchy, whose
 * paths are those of /proc/self/cgroup's memory line.
 *
 * Everything here runs under hc_files_lock: the scan thread changes slots
 * during visits, the reader sums the files.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hashtable.h>
#include <linux/limits.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include "hotcold.h"

#define HC_CGROUPS_MAX	1024
#define HC_CG_NONE	0
#define HC_CG_ROOT	1

struct hc_cgroup {
	struct hlist_node node;	/* in hc_cg_table, by id */
	u64 id;			/* cgroup id; 0: the slot is free */
	char *path;
	u32 files;		/* files whose main cgroup this is */
	u32 pass;		/* scan pass that last read the path */
};

static struct hc_cgroup hc_cgs[HC_CGROUPS_MAX] = {
	[HC_CG_ROOT] = { .path = "/" },
};
static DEFINE_HASHTABLE(hc_cg_table, 8);
static char hc_cg_buf[PATH_MAX];	/* the scan thread's */

void hc_cgroup_vote(struct hc_cg_vote *v, hc_folio_t *folio,
		    unsigned long nr)
{
	struct cgroup_subsys_state *css;

	rcu_read_lock();
	css = hc_folio_css(folio);
	if (css == v->css) {
		v->lead += nr;
	} else if (v->lead >= nr) {
		v->lead -= nr;
	} else if (!css || hc_css_tryget(css)) {
		/* The reference keeps the pointer from being reused. */
		if (v->css)
			hc_css_put(v->css);
		v->css = css;
		v->lead = nr - v->lead;
	}
	rcu_read_unlock();
	v->pages += nr;
}

static size_t hc_path_bytes(const char *path)
{
	return strlen(path) + 1;
}

static void hc_cg_set_path(struct hc_cgroup *cg, char *path)
{
	if (cg->path)
		hc_stat_add(HC_S_metadata_bytes, -(s64)hc_path_bytes(cg->path));
	kfree(cg->path);
	cg->path = path;
	if (path)
		hc_stat_add(HC_S_metadata_bytes, hc_path_bytes(path));
}

/* Read the group's path again, once a pass: a cgroup may be renamed. */
static void hc_cg_refresh(struct hc_cgroup *cg,
			  struct cgroup_subsys_state *css, u32 pass)
{
	char *path;
	int len;

	if (cg->path && cg->pass == pass)
		return;
	cg->pass = pass;
	len = hc_css_path(css, hc_cg_buf, sizeof(hc_cg_buf));
	if (len < 0)
		return;
	if (cg->path && !strcmp(cg->path, hc_cg_buf))
		return;
	path = kstrdup(hc_cg_buf, GFP_KERNEL | __GFP_NOWARN);
	if (path)
		hc_cg_set_path(cg, path);
}

static unsigned int hc_cg_find(u64 id, unsigned int hint)
{
	struct hc_cgroup *cg;

	if (hc_cgs[hint].id == id)
		return hint;
	hash_for_each_possible(hc_cg_table, cg, node, id)
		if (cg->id == id)
			return cg - hc_cgs;
	return HC_CG_NONE;
}

static unsigned int hc_cg_new(u64 id)
{
	unsigned int i;

	for (i = HC_CG_ROOT + 1; i < HC_CGROUPS_MAX; i++) {
		if (hc_cgs[i].id)
			continue;
		hc_cgs[i].id = id;
		hash_add(hc_cg_table, &hc_cgs[i].node, id);
		return i;
	}
	hc_stat_add(HC_S_cgroups_untracked_cap, 1);
	return HC_CG_NONE;
}

/* The slot of @css (NULL: the root), made if need be; HC_CG_NONE if full. */
static unsigned int hc_cg_slot(struct cgroup_subsys_state *css,
			       unsigned int hint, u32 pass)
{
	unsigned int i;
	u64 id;

	if (!css)
		return HC_CG_ROOT;
	id = hc_css_id(css);
	i = hc_cg_find(id, hint);
	if (i == HC_CG_NONE)
		i = hc_cg_new(id);
	if (i != HC_CG_NONE)
		hc_cg_refresh(&hc_cgs[i], css, pass);
	return i;
}

static void hc_cg_put(unsigned int i)
{
	struct hc_cgroup *cg = &hc_cgs[i];

	if (--cg->files)
		return;
	hc_stat_add(HC_S_cgroups_tracked, -1);
	if (i == HC_CG_ROOT)
		return;
	hash_del(&cg->node);
	hc_cg_set_path(cg, NULL);
	cg->id = 0;
}

static void hc_cg_assign(struct hc_file *f, unsigned int i)
{
	lockdep_assert_held(&hc_files_lock);
	if (f->cg == i)
		return;
	if (i != HC_CG_NONE && !hc_cgs[i].files++)
		hc_stat_add(HC_S_cgroups_tracked, 1);
	if (f->cg != HC_CG_NONE)
		hc_cg_put(f->cg);
	f->cg = i;
}

void hc_cgroup_visited(struct hc_file *f, struct hc_cg_vote *v, u32 pass)
{
	/* No folio cached: the file stays where its pages were. */
	if (v->pages)
		hc_cg_assign(f, hc_cg_slot(v->css, f->cg, pass));
	if (v->css)
		hc_css_put(v->css);
	memset(v, 0, sizeof(*v));
}

void hc_cgroup_forget(struct hc_file *f)
{
	hc_cg_assign(f, HC_CG_NONE);
}

struct hc_cg_sum {
	u64 cached, hot, warm, cold, reclaimed;
};

struct hc_cg_report {
	struct hc_cg_sum sum[HC_CGROUPS_MAX];
	u16 order[HC_CGROUPS_MAX];
	u32 files;
};

static void hc_cg_add_file(const struct hc_file *f, void *arg)
{
	struct hc_cg_report *rep = arg;
	struct hc_cg_sum *s = &rep->sum[f->cg];

	s->cached += f->cached;
	s->hot += f->tally.n[HC_HOT];
	s->warm += f->tally.n[HC_WARM];
	s->cold += f->tally.n[HC_COLD];
	s->reclaimed += f->reclaimed_pages;
	/* Millions of files: let the CPU go now and then. */
	if (!(++rep->files % 4096))
		cond_resched();
}

static const struct hc_cg_report *hc_cg_sorting;

static int hc_cg_cmp(const void *a, const void *b)
{
	u64 x = hc_cg_sorting->sum[*(const u16 *)a].cached;
	u64 y = hc_cg_sorting->sum[*(const u16 *)b].cached;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* One line per group holding tracked files, the most cached first. */
int hc_cgroups_show(struct seq_file *m, void *unused)
{
	struct hc_cg_report *rep = kvzalloc(sizeof(*rep), GFP_KERNEL);
	unsigned int i, n = 0;

	if (!rep)
		return -ENOMEM;
	mutex_lock(&hc_files_lock);
	hc_files_for_each(hc_cg_add_file, rep);
	for (i = HC_CG_ROOT; i < HC_CGROUPS_MAX; i++)
		if (hc_cgs[i].files)
			rep->order[n++] = i;
	/* hc_files_lock serializes the readers too. */
	hc_cg_sorting = rep;
	sort(rep->order, n, sizeof(rep->order[0]), hc_cg_cmp, NULL);
	seq_puts(m, "# cached_pages hot warm cold reclaimed_pages path\n");
	for (i = 0; i < n; i++) {
		const struct hc_cg_sum *s = &rep->sum[rep->order[i]];

		seq_printf(m, "%llu %llu %llu %llu %llu %s\n", s->cached,
			   s->hot, s->warm, s->cold, s->reclaimed,
			   hc_cgs[rep->order[i]].path ?: "-");
	}
	mutex_unlock(&hc_files_lock);
	kvfree(rep);
	return 0;
}
