// SPDX-License-Identifier: GPL-2.0
/*
 * Per-file state.  A file is known by (device, inode number) and checked
 * against its generation; no pointer to a kernel object is kept between
 * visits.  The scan thread is the only writer, under hc_files_lock.  The
 * event probe looks files up locklessly under RCU, so files and their
 * area maps are freed after a grace period.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include "hotcold.h"

DEFINE_MUTEX(hc_files_lock);
static LIST_HEAD(hc_files_list);
static struct rhashtable hc_files_table;
static struct kmem_cache *hc_file_cache;

static const struct rhashtable_params hc_files_params = {
	.key_len = sizeof(struct hc_key),
	.key_offset = offsetof(struct hc_file, key),
	.head_offset = offsetof(struct hc_file, node),
	.automatic_shrinking = true,
};

/* Maps grow in steps so that an appending file is not copied each round. */
#define HC_MAP_STEP	64

static size_t hc_map_bytes(u32 nr, bool event)
{
	size_t bytes = sizeof(struct hc_map) + nr * sizeof(hc_area_t);

	if (event)
		bytes = ALIGN(bytes, sizeof(long)) +
			BITS_TO_LONGS(nr) * sizeof(long);
	return bytes;
}

static bool hc_metadata_reserve(size_t bytes)
{
	u64 cap = hc_param(HC_P_max_metadata_kb) * 1024;

	if (hc_stat_read(HC_S_metadata_bytes) + bytes > cap)
		return false;
	hc_stat_add(HC_S_metadata_bytes, bytes);
	return true;
}

static void hc_map_free_rcu(struct rcu_head *head)
{
	kvfree(container_of(head, struct hc_map, rcu));
}

static void hc_map_release(struct hc_map *map)
{
	if (!map)
		return;
	hc_stat_add(HC_S_metadata_bytes,
		    -(s64)hc_map_bytes(map->nr, map->seen != NULL));
	call_rcu(&map->rcu, hc_map_free_rcu);
}

static struct hc_map *hc_map_alloc(u32 nr, bool event)
{
	size_t bytes = hc_map_bytes(nr, event);
	struct hc_map *map;

	if (!hc_metadata_reserve(bytes))
		return NULL;
	map = kvzalloc(bytes, GFP_KERNEL | __GFP_NOWARN);
	if (!map) {
		hc_stat_add(HC_S_metadata_bytes, -(s64)bytes);
		return NULL;
	}
	map->nr = nr;
	if (event)
		map->seen = (unsigned long *)((char *)map +
			ALIGN(sizeof(*map) + nr * sizeof(hc_area_t),
			      sizeof(long)));
	return map;
}

int hc_files_init(void)
{
	hc_file_cache = KMEM_CACHE(hc_file, 0);
	if (!hc_file_cache)
		return -ENOMEM;
	if (rhashtable_init(&hc_files_table, &hc_files_params)) {
		kmem_cache_destroy(hc_file_cache);
		return -ENOMEM;
	}
	return 0;
}

static void hc_file_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(hc_file_cache, container_of(head, struct hc_file, rcu));
}

static void hc_gauges_add(const struct hc_tally *t, u64 cached, int sign)
{
	hc_stat_add(HC_S_areas_hot, sign * (s64)t->n[HC_HOT]);
	hc_stat_add(HC_S_areas_warm, sign * (s64)t->n[HC_WARM]);
	hc_stat_add(HC_S_areas_cold, sign * (s64)t->n[HC_COLD]);
	hc_stat_add(HC_S_areas_reclaimed, sign * (s64)t->n[HC_RECLAIMED]);
	hc_stat_add(HC_S_pages_tracked, sign * (s64)cached);
}

/* Take a file's tally out of the global gauges (it is going or reset). */
static void hc_files_unaccount(struct hc_file *f)
{
	hc_gauges_add(&f->tally, f->cached, -1);
}

void hc_file_destroy(struct hc_file *f)
{
	lockdep_assert_held(&hc_files_lock);
	hc_files_unaccount(f);
	hc_protect_forget(f);
	hc_cgroup_forget(f);
	rhashtable_remove_fast(&hc_files_table, &f->node, hc_files_params);
	list_del(&f->link);
	hc_map_release(rcu_dereference_protected(f->map, 1));
	hc_stat_add(HC_S_metadata_bytes, -(s64)sizeof(*f));
	hc_stat_add(HC_S_files_tracked, -1);
	call_rcu(&f->rcu, hc_file_free_rcu);
}

void hc_files_exit(void)
{
	struct hc_file *f, *next;

	mutex_lock(&hc_files_lock);
	list_for_each_entry_safe(f, next, &hc_files_list, link)
		hc_file_destroy(f);
	mutex_unlock(&hc_files_lock);
	rhashtable_destroy(&hc_files_table);
	/* The RCU callbacks above free into this module's cache. */
	rcu_barrier();
	kmem_cache_destroy(hc_file_cache);
}

struct hc_file *hc_file_lookup(const struct hc_key *key)
{
	lockdep_assert_held(&hc_files_lock);
	return rhashtable_lookup_fast(&hc_files_table, key, hc_files_params);
}

struct hc_file *hc_file_create(const struct hc_key *key, u32 gen)
{
	struct hc_file *f;

	lockdep_assert_held(&hc_files_lock);
	if (!hc_metadata_reserve(sizeof(*f))) {
		hc_stat_add(HC_S_files_untracked_cap, 1);
		return NULL;
	}
	f = kmem_cache_zalloc(hc_file_cache, GFP_KERNEL | __GFP_NOWARN);
	if (!f)
		goto fail;
	f->key = *key;
	f->gen = gen;
	if (rhashtable_insert_fast(&hc_files_table, &f->node,
				   hc_files_params)) {
		kmem_cache_free(hc_file_cache, f);
		goto fail;
	}
	list_add_tail(&f->link, &hc_files_list);
	hc_stat_add(HC_S_files_tracked, 1);
	return f;
fail:
	hc_stat_add(HC_S_metadata_bytes, -(s64)sizeof(*f));
	return NULL;
}

int hc_file_resize(struct hc_file *f, u32 nr, bool event)
{
	struct hc_map *old = rcu_dereference_protected(f->map, 1);
	struct hc_map *map;
	u32 keep;

	if (old && nr <= old->nr && nr * 2 > old->nr)
		return 0;
	nr = round_up(max(nr, 1u), HC_MAP_STEP);
	map = hc_map_alloc(nr, event);
	if (!map)
		return -ENOMEM;
	if (old) {
		keep = min(nr, old->nr);
		memcpy(map->area, old->area, keep * sizeof(hc_area_t));
		/*
		 * Accesses the probe marks in the old map until the grace
		 * period ends are lost: at worst an area ages one round
		 * early, and it still needs a whole cold age to be dropped.
		 */
		if (map->seen && old->seen)
			bitmap_copy(map->seen, old->seen, keep);
	}
	rcu_assign_pointer(f->map, map);
	hc_map_release(old);
	return 0;
}

void hc_file_reset(struct hc_file *f, u32 gen)
{
	struct hc_map *map = rcu_dereference_protected(f->map, 1);

	hc_files_unaccount(f);
	RCU_INIT_POINTER(f->map, NULL);
	hc_map_release(map);
	f->gen = gen;
	f->cached = 0;
	f->visit_ms = 0;
	memset(&f->pol, 0, sizeof(f->pol));
	memset(&f->tally, 0, sizeof(f->tally));
	f->reclaimed_pages = 0;
}

/*
 * Replace a file's old tally by its current one in the gauges, in one go
 * after a visit, so that readers of the stats never see the file missing.
 */
void hc_files_account_change(struct hc_file *f, const struct hc_tally *old,
			     u64 old_cached)
{
	hc_gauges_add(&f->tally, f->cached, 1);
	hc_gauges_add(old, old_cached, -1);
}

void hc_files_sweep(u32 pass)
{
	struct hc_file *f, *next;

	lockdep_assert_held(&hc_files_lock);
	list_for_each_entry_safe(f, next, &hc_files_list, link)
		if (f->pass != pass)
			hc_file_destroy(f);
}

void hc_files_mark_access(const struct hc_key *key, pgoff_t index)
{
	struct hc_file *f;
	struct hc_map *map;

	rcu_read_lock();
	f = rhashtable_lookup(&hc_files_table, key, hc_files_params);
	map = f ? rcu_dereference(f->map) : NULL;
	if (map && map->seen && index < map->nr && !test_bit(index, map->seen))
		set_bit(index, map->seen);
	rcu_read_unlock();
}

bool hc_files_known(const struct hc_key *key)
{
	bool known;

	rcu_read_lock();
	known = rhashtable_lookup(&hc_files_table, key, hc_files_params);
	rcu_read_unlock();
	return known;
}

void hc_files_for_each(void (*fn)(const struct hc_file *f, void *arg),
		       void *arg)
{
	struct hc_file *f;

	lockdep_assert_held(&hc_files_lock);
	list_for_each_entry(f, &hc_files_list, link)
		fn(f, arg);
}

static int hc_row_cmp(const void *a, const void *b)
{
	const struct hc_file_row *x = a, *y = b;

	return x->cached < y->cached ? 1 : x->cached > y->cached ? -1 : 0;
}

/* Keep the @max largest: replace the smallest row when one is bigger. */
static void hc_top_insert(struct hc_file_row *rows, int *n, int max,
			  const struct hc_file *f)
{
	struct hc_file_row row = {
		.key = f->key, .cached = f->cached,
		.hot = f->tally.n[HC_HOT], .warm = f->tally.n[HC_WARM],
		.cold = f->tally.n[HC_COLD],
		.reclaimed_pages = f->reclaimed_pages,
		.protected = hc_file_protected(f),
	};
	int i, min = 0;

	if (*n < max) {
		rows[(*n)++] = row;
		return;
	}
	for (i = 1; i < max; i++)
		if (rows[i].cached < rows[min].cached)
			min = i;
	if (rows[min].cached < row.cached)
		rows[min] = row;
}

int hc_files_top(struct hc_file_row *rows, int max)
{
	struct hc_file *f;
	int n = 0;

	mutex_lock(&hc_files_lock);
	list_for_each_entry(f, &hc_files_list, link)
		hc_top_insert(rows, &n, max, f);
	mutex_unlock(&hc_files_lock);
	sort(rows, n, sizeof(*rows), hc_row_cmp, NULL);
	return n;
}
