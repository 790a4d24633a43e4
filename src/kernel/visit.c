// SPDX-License-Identifier: GPL-2.0
/*
 * One visit of one file: walk its cached folios in index order, fold them
 * into per-area samples (present, accessed, held), apply the policy to
 * every area, then hand the file to reclaim.  Most folios are sampled
 * under RCU without a reference (compat.h); the references a batch takes
 * are all dropped before reclaim: one of our own would make eviction fail.
 *
 * A visit of a big file checks the round's budget and s_umount between
 * batches and may stop inside the file: the next round continues it from
 * the area where it stopped.  All parts of a visit age their areas by the
 * same elapsed time (from the start of the previous visit to the start of
 * this one), so ages stay exact to within the duration of one visit.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/sched.h>
#include "hotcold.h"

/* The scan thread's: a batch is too large for its stack. */
static struct hc_batch hc_walk_batch;

struct hc_walk {
	struct hc_round *r;
	struct hc_file *f;
	struct hc_areas *v;
	u32 elapsed;		/* ticks since the previous visit */
	u32 next;		/* first area not applied yet */
	struct hc_sample pending;	/* what is known of area @next */
	u64 held;
	u64 refaults;
	struct hc_cg_vote cg;
};

static void hc_walk_tally(struct hc_walk *w, hc_area_t area)
{
	enum hc_state st = hc_area_state(area, &w->r->pol, &w->f->pol);

	if (st != HC_EMPTY)
		w->f->tally.n[st]++;
}

/* Tally areas [from, to) as they stand, skipping absent chunks. */
static void hc_walk_tally_range(struct hc_walk *w, u32 from, u32 to)
{
	hc_area_t *area;
	u32 a;

	for (a = hc_areas_next(w->v, from); a < to;
	     a = hc_areas_next(w->v, a + 1)) {
		area = hc_area_get(w->v, a, false);
		if (area)
			hc_walk_tally(w, *area);
	}
}

static void hc_walk_apply(struct hc_walk *w)
{
	struct hc_sample *s = &w->pending;
	u32 a = w->next++;
	hc_area_t *area = hc_area_get(w->v, a, s->present);

	/* No chunk and nothing cached: nothing to know (or no room). */
	if (!area)
		goto out;
	if (hc_area_seen(w->v, a))
		s->accessed = true;
	w->held += s->held;
	if (hc_area_visit(area, w->elapsed, s, &w->r->pol)) {
		w->refaults++;
		hc_file_refault(&w->f->pol, &w->r->pol);
	}
	hc_walk_tally(w, *area);
out:
	memset(s, 0, sizeof(*s));
}

/* Apply areas up to @to, skipping chunks that hold nothing. */
static void hc_walk_apply_to(struct hc_walk *w, u32 to)
{
	while (w->next < to) {
		if (!w->pending.present)
			w->next = min(hc_areas_next(w->v, w->next), to);
		if (w->next < to)
			hc_walk_apply(w);
	}
}

/* Fold pages [index, index + nr), of one folio or one area, into the walk. */
static void hc_walk_folio(struct hc_walk *w, pgoff_t index, unsigned long nr,
			  const struct hc_sample *s)
{
	u32 first = index >> hc_area_shift;
	u32 last = (index + nr - 1) >> hc_area_shift;
	u32 a;

	if (first >= w->v->nr)
		return;
	last = min(last, w->v->nr - 1);
	hc_walk_apply_to(w, first);
	/* A large folio's areas share its sample: they age together. */
	for (a = max(first, w->next); a <= last; a++) {
		w->pending.present = true;
		w->pending.accessed |= s->accessed;
		w->pending.held |= s->held;
		if (a < last)
			hc_walk_apply(w);
	}
}

static u32 hc_visit_elapsed(struct hc_file *f, struct hc_round *r)
{
	u32 since = r->now_tick - f->visit_tick;

	if (!f->visit_tick || r->now_tick < f->visit_tick)
		since = 0;
	f->visit_tick = r->now_tick;
	return min_t(u32, since, HC_AGE_MAX);
}

bool hc_visit_resuming(const struct hc_file *f)
{
	struct hc_map *map = rcu_dereference_protected(f->map, 1);

	return map && map->resume;
}

bool hc_visit_due(const struct hc_file *f, const struct hc_round *r)
{
	if (!f->visit_tick || r->now_tick < f->visit_tick ||
	    hc_visit_resuming(f))
		return true;
	return hc_visit_due_after(&r->pol, r->now_tick - f->visit_tick);
}

/* May this part of a visit stop here?  Only files with a map resume. */
static bool hc_walk_stop(struct hc_walk *w, struct address_space *mapping)
{
	return w->v->map && hc_walk_must_yield(mapping->host->i_sb, w->r);
}

/*
 * Sample the cached folios of the file from area @w->next on; the walk
 * ends at the last area or, for a split visit, at @w->next.  False if the
 * module is unloading.
 */
static bool hc_walk_folios(struct hc_walk *w, struct address_space *mapping)
{
	pgoff_t index = (pgoff_t)w->next << hc_area_shift;
	pgoff_t end = ((pgoff_t)w->v->nr << hc_area_shift) - 1;
	bool others;
	enum hc_look look = hc_access_look(w->r->signal, &others);
	struct hc_batch *batch = &hc_walk_batch;
	u64 scanned = 0;
	unsigned int i, n;
	bool stop = false;

	while (!stop && (n = hc_batch_lookup(batch, mapping, &index, end,
					     look, hc_area_shift))) {
		u64 pages = 0;

		for (i = 0; i < n; i++) {
			struct hc_seen *e = &batch->seen[i];
			struct hc_sample s = {
				.present = true,
				.accessed = e->accessed || others,
				.held = e->held,
			};

			if (e->folio)
				hc_cgroup_vote(&w->cg, e->folio, e->nr);
			pages += e->nr;
			hc_walk_folio(w, e->index, e->nr, &s);
		}
		hc_batch_release(batch);
		scanned += pages;
		w->r->scan_budget -= min(w->r->scan_budget, pages);
		cond_resched();
		if (kthread_should_stop())
			return false;
		stop = index <= end && hc_walk_stop(w, mapping);
	}
	hc_stat_add(HC_S_pages_scanned, scanned);
	/* What is known of the last area seen counts: an access stays one. */
	if (stop && w->next < w->v->nr)
		hc_walk_apply(w);
	else
		hc_walk_apply_to(w, w->v->nr);
	w->r->split = w->next < w->v->nr;
	return true;
}

/* Begin a visit, or continue one that stopped inside the file. */
static u32 hc_visit_begin(struct hc_walk *w)
{
	struct hc_map *map = w->v->map;
	u32 from = 0;

	if (map && map->resume) {
		from = map->resume;
		w->elapsed = map->resume_elapsed;
	} else {
		w->elapsed = hc_visit_elapsed(w->f, w->r);
		hc_file_age(&w->f->pol, w->elapsed, &w->r->pol);
	}
	memset(&w->f->tally, 0, sizeof(w->f->tally));
	hc_walk_tally_range(w, 0, from);
	w->next = from;
	return from;
}

/* Tally the areas this part did not reach; where to resume, if split. */
static void hc_visit_end(struct hc_walk *w)
{
	struct hc_map *map = w->v->map;

	hc_walk_tally_range(w, w->next, w->v->nr);
	if (!map)
		return;
	map->resume = w->r->split ? w->next : 0;
	map->resume_elapsed = w->elapsed;
}

bool hc_visit_file(struct hc_round *r, struct hc_file *f,
		   struct address_space *mapping, loff_t isize)
{
	u64 pages = DIV_ROUND_UP_ULL((u64)max_t(loff_t, isize, 0), PAGE_SIZE);
	u64 areas = DIV_ROUND_UP_ULL(pages, 1u << hc_area_shift);
	struct hc_walk w = { .r = r, .f = f };
	struct hc_areas v;
	struct hc_tally before;
	u64 cached_before;
	u32 from;

	r->split = false;
	hc_file_touch(f);
	if (areas > U32_MAX / 2 ||
	    hc_file_areas(f, areas, r->signal == HC_SIGNAL_EVENT, &v)) {
		hc_stat_add(HC_S_files_untracked_cap, 1);
		return false;
	}
	w.v = &v;
	before = f->tally;
	cached_before = f->cached;
	from = hc_visit_begin(&w);
	if (hc_walk_folios(&w, mapping)) {
		hc_visit_end(&w);
		if (r->may_reclaim && !hc_file_protected(f))
			hc_reclaim_file(r, f, &v, mapping, from, w.next);
	}
	hc_areas_trim(&v);
	f->cached = min_t(unsigned long, READ_ONCE(mapping->nrpages), U32_MAX);
	hc_cgroup_visited(f, &w.cg, r->pass);
	hc_files_account_change(f, &before, cached_before);

	hc_stat_add(HC_S_areas_held, w.held);
	hc_stat_add(HC_S_refaults, w.refaults);
	return true;
}
