// SPDX-License-Identifier: GPL-2.0
/*
 * Reclaim: drop the cold areas of a file through invalidate_mapping_pages(),
 * the path behind fadvise(POSIX_FADV_DONTNEED).  It only drops clean,
 * unmapped, unlocked page cache: dirty, writeback and mapped pages stay,
 * whatever the policy said.  Work is bounded by a token bucket (one second
 * of max_reclaim_kb_per_sec) and optionally gated on MemAvailable.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include "hotcold.h"

static u64 hc_tokens;		/* pages that may still be dropped */
static u64 hc_tokens_ms;	/* when the bucket was last filled */

static bool hc_reclaim_gated(void)
{
	u64 pct = hc_param(HC_P_gate_avail_pct);
	struct sysinfo si;

	if (!pct)
		return false;
	si_meminfo(&si);
	return (u64)si_mem_available() * 100 >= (u64)si.totalram * pct;
}

static void hc_tokens_fill(u64 now_ms)
{
	u64 rate = hc_param(HC_P_max_reclaim_kb_per_sec) / (PAGE_SIZE / 1024);
	u64 ms = now_ms - min(hc_tokens_ms, now_ms);

	hc_tokens_ms = now_ms;
	if (!rate) {
		hc_tokens = U64_MAX;
		return;
	}
	if (hc_tokens > rate || ms >= 1000)
		hc_tokens = rate;
	else
		hc_tokens = min(rate, hc_tokens + rate * ms / 1000);
}

void hc_reclaim_round_begin(struct hc_round *r)
{
	r->may_reclaim = false;
	if (hc_reclaim_gated()) {
		hc_stat_add(HC_S_reclaim_gated, 1);
		return;
	}
	hc_tokens_fill(r->now_ms);
	if (!hc_tokens) {
		hc_stat_add(HC_S_reclaim_rate_limited, 1);
		return;
	}
	r->may_reclaim = true;
}

/* Drop areas [first, last] of the file; returns the pages freed. */
static unsigned long hc_reclaim_run(struct hc_file *f, struct hc_map *map,
				    struct address_space *mapping,
				    u32 first, u32 last)
{
	unsigned long before = READ_ONCE(mapping->nrpages), after;
	u32 a;

	invalidate_mapping_pages(mapping, (pgoff_t)first << hc_area_shift,
				 ((pgoff_t)(last + 1) << hc_area_shift) - 1);
	after = READ_ONCE(mapping->nrpages);
	for (a = first; a <= last; a++)
		hc_area_mark_reclaimed(&map->area[a]);
	f->tally.n[HC_COLD] -= last - first + 1;
	f->tally.n[HC_RECLAIMED] += last - first + 1;
	/* Pages, not folios: the call's return value counts folios. */
	return before > after ? before - after : 0;
}

void hc_reclaim_file(struct hc_round *r, struct hc_file *f,
		     struct hc_map *map, struct address_space *mapping)
{
	u32 a = 0, first, max_run;
	unsigned long freed;

	if (!f->tally.n[HC_COLD])
		return;
	if (hc_file_is_hot(&f->tally, r->hot_file_pct)) {
		hc_stat_add(HC_S_files_skipped_hot, 1);
		return;
	}
	while (a < map->nr) {
		if (hc_area_state(map->area[a], &r->pol, &f->pol) != HC_COLD) {
			a++;
			continue;
		}
		if (!hc_tokens) {
			hc_stat_add(HC_S_reclaim_rate_limited, 1);
			r->may_reclaim = false;
			return;
		}
		max_run = max_t(u64, 1, min_t(u64, hc_tokens >> hc_area_shift,
					      U32_MAX));
		first = a;
		while (a < map->nr && a - first < max_run &&
		       hc_area_state(map->area[a], &r->pol, &f->pol) == HC_COLD)
			a++;
		freed = hc_reclaim_run(f, map, mapping, first, a - 1);
		f->cached -= min_t(u64, freed, f->cached);
		f->reclaimed_pages += freed;
		hc_tokens -= min_t(u64, freed, hc_tokens);
		hc_stat_add(HC_S_pages_reclaimed, freed);
	}
}
