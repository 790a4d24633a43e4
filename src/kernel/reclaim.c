// SPDX-License-Identifier: GPL-2.0
/*
 * Reclaim: drop the cold areas of a file through invalidate_mapping_pages(),
 * the path behind fadvise(POSIX_FADV_DONTNEED).  It only drops clean,
 * unmapped, unlocked page cache: dirty, writeback and mapped pages stay,
 * whatever the policy said.  It also keeps folios that are referenced
 * elsewhere and, on 6.x kernels, large folios the range covers only in
 * part: after each run the folios still cached are looked up, and only
 * the areas that really left the cache count as reclaimed.
 *
 * Work is bounded by a token bucket refilled by elapsed time at
 * max_reclaim_kb_per_sec, holding up to a round and a quarter's worth (a
 * round being its interval plus its own duration; at least two seconds'),
 * and optionally gated on MemAvailable.  In observe mode the same
 * decisions are taken and counted, and nothing is dropped.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include "hotcold.h"

/*
 * Runs cut by the token bucket end on a multiple of this many pages, the
 * largest page cache folio on common configurations (a PMD): a folio is
 * not split by a cut, it is dropped whole or kept whole.
 */
#define HC_RUN_ALIGN_PAGES	512
/* Areas invalidation may leave cached in a round before reclaim stops. */
#define HC_RECLAIM_FAILS_MAX	1024

static u64 hc_tokens;		/* pages that may still be dropped */
static u64 hc_tokens_ms;	/* time the tokens are counted up to */
static bool hc_observing;	/* the mode of the last round */
static struct hc_batch hc_run_batch;	/* the scan thread's */

static bool hc_reclaim_gated(void)
{
	u64 pct = hc_param(HC_P_gate_avail_pct);
	struct sysinfo si;

	if (!pct)
		return false;
	si_meminfo(&si);
	return (u64)si_mem_available() * 100 >= (u64)si.totalram * pct;
}

/*
 * Tokens accrue with time, not per round: whatever scan_interval_ms is,
 * a round may spend what accrued since the previous one.  Time is only
 * consumed by whole tokens, so low rates do not stall.
 */
static void hc_tokens_fill(u64 now_ms, u64 interval_ms)
{
	u64 rate = hc_param(HC_P_max_reclaim_kb_per_sec) / (PAGE_SIZE / 1024);
	u64 period, cap, ms, add;

	if (!rate) {
		hc_tokens = U64_MAX;
		hc_tokens_ms = now_ms;
		return;
	}
	/*
	 * A round and a quarter's worth, a round being its interval plus the
	 * time the last one took, and at least two seconds': enough for a
	 * round that starts late, and a first burst after an idle spell
	 * (a full bucket) that keeps the rate over a few rounds within a
	 * tenth or so of the configured one.
	 */
	period = interval_ms + hc_stat_read(HC_S_scan_ns_last) / NSEC_PER_MSEC;
	period = max_t(u64, period + period / 4, 2 * MSEC_PER_SEC);
	cap = max_t(u64, rate * period / MSEC_PER_SEC, 1);
	ms = now_ms - min(hc_tokens_ms, now_ms);
	add = rate * ms / MSEC_PER_SEC;
	if (hc_tokens >= cap || add >= cap - hc_tokens) {
		hc_tokens = cap;
		hc_tokens_ms = now_ms;
	} else {
		hc_tokens += add;
		hc_tokens_ms += add * MSEC_PER_SEC / rate;
	}
}

void hc_reclaim_round_begin(struct hc_round *r)
{
	r->may_reclaim = false;
	r->observe = hc_param(HC_P_mode) == HC_MODE_OBSERVE;
	WRITE_ONCE(hc_observing, r->observe);
	r->pol.observe = r->observe;
	r->reclaim_fails = 0;
	if (hc_reclaim_gated()) {
		hc_stat_add(HC_S_reclaim_gated, 1);
		return;
	}
	hc_tokens_fill(r->now_ms, r->interval_ms);
	if (!hc_tokens) {
		hc_stat_add(HC_S_reclaim_rate_limited, 1);
		return;
	}
	r->may_reclaim = true;
}

const char *hc_reclaim_mode_name(void)
{
	return READ_ONCE(hc_observing) ? "observe" : "reclaim";
}

struct hc_run {
	struct hc_file *f;
	struct hc_areas *v;
	u32 first, last;	/* areas */
	unsigned long pages;	/* cached pages found, observe mode */
	u32 failed;		/* areas left cached */
};

static pgoff_t hc_area_index(u32 a)
{
	return (pgoff_t)a << hc_area_shift;
}

/* An area of the run is still cached: it did not leave, it starts over. */
static void hc_run_survivor(struct hc_run *run, u32 a)
{
	hc_area_t *area = hc_area_get(run->v, a, false);

	if (!area || !(*area & HC_A_RECLAIMED))
		return;
	hc_area_mark_failed(area);
	run->f->tally.n[HC_RECLAIMED]--;
	run->f->tally.n[HC_WARM]++;
	run->failed++;
}

/* Look at what is cached in the run: count it, or find survivors. */
static void hc_run_lookup(struct hc_run *run, struct address_space *mapping,
			  bool observe)
{
	pgoff_t index = hc_area_index(run->first);
	pgoff_t end = hc_area_index(run->last + 1) - 1;
	struct hc_batch *batch = &hc_run_batch;
	unsigned int i, n;
	u32 a, last;

	while ((n = hc_batch_lookup(batch, mapping, &index, end, HC_LOOK_PLACES,
				    hc_area_shift))) {
		for (i = 0; i < n; i++) {
			struct hc_seen *e = &batch->seen[i];
			pgoff_t start = max_t(pgoff_t, e->index,
					      hc_area_index(run->first));

			run->pages += min_t(pgoff_t, e->index + e->nr - 1,
					    end) - start + 1;
			if (observe)
				continue;
			last = min_t(pgoff_t, (e->index + e->nr - 1) >>
					      hc_area_shift, run->last);
			for (a = start >> hc_area_shift; a <= last; a++)
				hc_run_survivor(run, a);
		}
		hc_batch_release(batch);
		cond_resched();
	}
}

/* Drop areas [first, last]; returns the pages that left the cache. */
static unsigned long hc_reclaim_run(struct hc_round *r, struct hc_run *run,
				    struct address_space *mapping)
{
	unsigned long before = READ_ONCE(mapping->nrpages), after;
	u32 a, n = run->last - run->first + 1;

	/* The run is of cold areas: their chunks are there. */
	for (a = run->first; a <= run->last; a++) {
		hc_area_t *area = hc_area_get(run->v, a, false);

		if (r->observe)
			hc_area_mark_observed(area);
		else
			hc_area_mark_reclaimed(area);
	}
	run->f->tally.n[HC_COLD] -= n;
	run->f->tally.n[HC_RECLAIMED] += n;
	if (r->observe) {
		hc_run_lookup(run, mapping, true);
		hc_stat_add(HC_S_pages_would_reclaim, run->pages);
		return run->pages;
	}
	invalidate_mapping_pages(mapping, hc_area_index(run->first),
				 hc_area_index(run->last + 1) - 1);
	after = READ_ONCE(mapping->nrpages);
	hc_run_lookup(run, mapping, false);
	if (run->failed) {
		hc_stat_add(HC_S_reclaim_failed, run->failed);
		r->reclaim_fails += run->failed;
	}
	/* Pages, not folios: the call's return value counts folios. */
	return before > after ? before - after : 0;
}

/* Longest run the tokens allow from area @first, in areas. */
static u32 hc_run_max(u32 first)
{
	u64 pages = hc_tokens, end;

	if (pages > HC_RUN_ALIGN_PAGES) {
		end = hc_area_index(first) + pages;
		pages = round_down(end, HC_RUN_ALIGN_PAGES) -
			hc_area_index(first);
	}
	return max_t(u64, 1, min_t(u64, pages >> hc_area_shift, U32_MAX));
}

static bool hc_is_cold(struct hc_round *r, struct hc_file *f,
		       struct hc_areas *v, u32 a)
{
	hc_area_t *area = hc_area_get(v, a, false);

	return area && hc_area_state(*area, &r->pol, &f->pol) == HC_COLD;
}

void hc_reclaim_file(struct hc_round *r, struct hc_file *f,
		     struct hc_areas *v, struct address_space *mapping,
		     u32 from, u32 to)
{
	struct hc_run run = { .f = f, .v = v };
	unsigned long freed;
	u32 a = from, max_run;

	if (!f->tally.n[HC_COLD])
		return;
	if (hc_file_is_hot(&f->tally, r->hot_file_pct)) {
		hc_stat_add(HC_S_files_skipped_hot, 1);
		return;
	}
	while ((a = hc_areas_next(v, a)) < to) {
		if (!hc_is_cold(r, f, v, a)) {
			a++;
			continue;
		}
		if (!hc_tokens || r->reclaim_fails >= HC_RECLAIM_FAILS_MAX) {
			if (!hc_tokens)
				hc_stat_add(HC_S_reclaim_rate_limited, 1);
			r->may_reclaim = false;
			return;
		}
		max_run = hc_run_max(a);
		run.first = a;
		while (a < to && a - run.first < max_run && hc_is_cold(r, f, v, a))
			a++;
		run.last = a - 1;
		run.pages = 0;
		run.failed = 0;
		freed = hc_reclaim_run(r, &run, mapping);
		f->reclaimed_pages = min_t(u64, (u64)f->reclaimed_pages + freed,
					   U32_MAX);
		hc_tokens -= min_t(u64, freed, hc_tokens);
		if (!r->observe)
			hc_stat_add(HC_S_pages_reclaimed, freed);
	}
}
