// SPDX-License-Identifier: GPL-2.0
/*
 * One visit of one file: walk its cached folios in index order, fold them
 * into per-area samples (present, accessed, held), apply the policy to
 * every area, then hand the file to reclaim.  Folio references are all
 * dropped before reclaim: a reference of our own would make eviction fail.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/sched.h>
#include "hotcold.h"

struct hc_walk {
	struct hc_round *r;
	struct hc_file *f;
	struct hc_map *map;
	u32 elapsed;		/* rounds since the previous visit */
	u32 next;		/* first area not applied yet */
	struct hc_sample pending;	/* what is known of area @next */
	u64 held;
	u64 refaults;
	struct hc_cg_vote cg;
};

static void hc_walk_apply(struct hc_walk *w)
{
	struct hc_sample *s = &w->pending;
	u32 a = w->next++;

	if (w->map->seen && test_and_clear_bit(a, w->map->seen))
		s->accessed = true;
	w->held += s->held;
	if (hc_area_visit(&w->map->area[a], w->elapsed, s, &w->r->pol)) {
		w->refaults++;
		hc_file_refault(&w->f->pol, &w->r->pol);
	}
	w->f->tally.n[hc_area_state(w->map->area[a], &w->r->pol,
				    &w->f->pol)]++;
	memset(s, 0, sizeof(*s));
}

/* Fold a folio covering pages [index, index + nr) into the walk. */
static void hc_walk_folio(struct hc_walk *w, pgoff_t index, unsigned long nr,
			  const struct hc_sample *s)
{
	u32 first = index >> hc_area_shift;
	u32 last = (index + nr - 1) >> hc_area_shift;
	u32 a;

	if (first >= w->map->nr)
		return;
	last = min(last, w->map->nr - 1);
	while (w->next < first)
		hc_walk_apply(w);
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
	u64 rounds;

	if (!f->visit_ms || r->now_ms < f->visit_ms) {
		f->visit_ms = r->now_ms;
		return 0;
	}
	rounds = (r->now_ms - f->visit_ms) / r->interval_ms;
	/* Advance by whole rounds so the remainder is not lost. */
	f->visit_ms += rounds * r->interval_ms;
	return min_t(u64, rounds, HC_AGE_MAX);
}

/* Sample every cached folio of the file; false if interrupted. */
static bool hc_walk_folios(struct hc_walk *w, struct address_space *mapping)
{
	pgoff_t index = 0, end = ((pgoff_t)w->map->nr << hc_area_shift) - 1;
	bool idle = w->r->signal == HC_SIGNAL_IDLE;
	struct hc_batch batch;
	u64 scanned = 0;
	unsigned int i, n;

	hc_batch_init(&batch);
	while ((n = hc_batch_lookup(&batch, mapping, &index, end))) {
		for (i = 0; i < n; i++) {
			hc_folio_t *folio = hc_batch_at(&batch, i);
			unsigned long nr = hc_folio_nr_pages(folio);
			struct hc_sample s = {
				.present = true,
				.accessed = idle && hc_access_sample(folio),
				.held = hc_folio_held(folio),
			};

			scanned += nr;
			hc_walk_folio(w, folio->index, nr, &s);
			hc_cgroup_vote(&w->cg, folio, nr);
		}
		hc_batch_release(&batch);
		cond_resched();
		if (kthread_should_stop())
			return false;
	}
	hc_stat_add(HC_S_pages_scanned, scanned);
	w->f->cached = min_t(u64, scanned, U32_MAX);
	while (w->next < w->map->nr)
		hc_walk_apply(w);
	return true;
}

bool hc_visit_file(struct hc_round *r, struct hc_file *f,
		   struct address_space *mapping, loff_t isize)
{
	u64 pages = DIV_ROUND_UP_ULL((u64)max_t(loff_t, isize, 0), PAGE_SIZE);
	u64 areas = DIV_ROUND_UP_ULL(pages, 1u << hc_area_shift);
	struct hc_walk w = { .r = r, .f = f };
	struct hc_tally before;
	u64 cached_before;

	if (areas > U32_MAX / 2 ||
	    hc_file_resize(f, areas, r->signal == HC_SIGNAL_EVENT)) {
		hc_stat_add(HC_S_files_untracked_cap, 1);
		return false;
	}
	w.map = rcu_dereference_protected(f->map, 1);
	w.elapsed = hc_visit_elapsed(f, r);
	hc_file_age(&f->pol, w.elapsed, &r->pol);

	before = f->tally;
	cached_before = f->cached;
	memset(&f->tally, 0, sizeof(f->tally));
	if (hc_walk_folios(&w, mapping) && r->may_reclaim &&
	    !hc_file_protected(f))
		hc_reclaim_file(r, f, w.map, mapping);
	hc_cgroup_visited(f, &w.cg, r->pass);
	hc_files_account_change(f, &before, cached_before);

	hc_stat_add(HC_S_areas_held, w.held);
	hc_stat_add(HC_S_refaults, w.refaults);
	return true;
}
