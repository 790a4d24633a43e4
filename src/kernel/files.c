// SPDX-License-Identifier: GPL-2.0
/*
 * Per-file state.  A file is known by (device, inode number) and checked
 * against its generation; no pointer to a kernel object is kept between
 * visits.  The scan thread is the only writer, under hc_files_lock.  The
 * event probe looks files up locklessly under RCU, so files and their
 * area maps are freed after a grace period.
 *
 * Small files keep their areas inline (no map, no allocation per visit);
 * bigger ones get a map that grows in steps.  At max_metadata_kb the
 * state least worth keeping (no cached pages, longest unvisited) gives way
 * to a file with cached pages.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/hash.h>
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

/* Pointer arrays grow in steps of chunks: appending is not copied often. */
#define HC_MAP_STEP	4
/* Files looked at, least recently visited first, to make room at the cap. */
#define HC_EVICT_SCAN	64

/*
 * A counting filter of the keys that have state, so that the inode walk
 * looks up the table (under s_inode_list_lock) only for inodes that may
 * have some: most inodes without page cache have none.  A counter that
 * reached U8_MAX stays there (a false positive costs a lookup, a false
 * negative would lose a file's state).  Written under hc_files_lock.
 */
#define HC_FILTER_BITS	18
static u8 hc_filter[1 << HC_FILTER_BITS];

static u8 *hc_filter_slot(const struct hc_key *key)
{
	return &hc_filter[hash_64(key->ino ^ ((u64)key->dev << 40),
				  HC_FILTER_BITS)];
}

static void hc_filter_change(const struct hc_key *key, int delta)
{
	u8 *c = hc_filter_slot(key);

	if (*c != U8_MAX)
		WRITE_ONCE(*c, *c + delta);
}

static struct kmem_cache *hc_chunk_cache;

/*
 * The event hook's shortcut.  Sequential reads of 4 KiB mark every area
 * (4 pages) four times in a row: each CPU remembers the areas it marked
 * last, and a repeat returns before the table lookup.  hc_files_seq is
 * odd while the scan thread may clear event bits or free what holds them
 * (hc_files_write_begin() to _end()); a memo holds only while the
 * sequence it was made under has not moved, so its marks are still set.
 * Files not tracked are remembered as well: state is created only under
 * the same sequence.
 */
struct hc_mark_memo {
	struct hc_key key;
	pgoff_t first, last;	/* areas */
	unsigned long seq;
};

static DEFINE_PER_CPU(struct hc_mark_memo, hc_mark_memo);
static unsigned long hc_files_seq;

static size_t hc_map_bytes(u32 chunks)
{
	return sizeof(struct hc_map) + chunks * sizeof(struct hc_chunk *);
}

static u32 hc_map_chunks(const struct hc_map *map)
{
	return map->nr >> HC_CHUNK_SHIFT;
}

static struct hc_chunk *hc_chunk_at(const struct hc_map *map, u32 a)
{
	return rcu_dereference_protected(map->chunk[a >> HC_CHUNK_SHIFT], 1);
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

static void hc_chunk_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(hc_chunk_cache,
			container_of(head, struct hc_chunk, rcu));
}

static void hc_chunk_release(struct hc_chunk *c)
{
	hc_stat_add(HC_S_metadata_bytes, -(s64)sizeof(*c));
	call_rcu(&c->rcu, hc_chunk_free_rcu);
}

/* Free a map's pointer array and its chunks from chunk @from on. */
static void hc_map_release(struct hc_map *map, u32 from)
{
	u32 i;

	if (!map)
		return;
	for (i = from; i < hc_map_chunks(map); i++) {
		struct hc_chunk *c = rcu_dereference_protected(map->chunk[i], 1);

		if (c)
			hc_chunk_release(c);
	}
	hc_stat_add(HC_S_metadata_bytes,
		    -(s64)hc_map_bytes(hc_map_chunks(map)));
	call_rcu(&map->rcu, hc_map_free_rcu);
}

int hc_files_init(void)
{
	hc_file_cache = KMEM_CACHE(hc_file, 0);
	hc_chunk_cache = KMEM_CACHE(hc_chunk, 0);
	if (!hc_file_cache || !hc_chunk_cache ||
	    rhashtable_init(&hc_files_table, &hc_files_params)) {
		kmem_cache_destroy(hc_chunk_cache);
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
	hc_filter_change(&f->key, -1);
	list_del(&f->link);
	hc_map_release(rcu_dereference_protected(f->map, 1), 0);
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
	kmem_cache_destroy(hc_chunk_cache);
	kmem_cache_destroy(hc_file_cache);
}

struct hc_file *hc_file_lookup(const struct hc_key *key)
{
	lockdep_assert_held(&hc_files_lock);
	return rhashtable_lookup_fast(&hc_files_table, key, hc_files_params);
}

/*
 * At the cap, free the state least worth keeping: among the longest
 * unvisited files, one without cached pages (it only waits for refaults).
 */
static bool hc_files_evict_one(const struct hc_file *keep)
{
	struct hc_file *f;
	int n = 0;

	list_for_each_entry(f, &hc_files_list, link) {
		if (!f->cached && f != keep) {
			hc_file_destroy(f);
			return true;
		}
		if (++n == HC_EVICT_SCAN)
			break;
	}
	return false;
}

static bool hc_metadata_make_room(size_t bytes, const struct hc_file *keep)
{
	do {
		if (hc_metadata_reserve(bytes))
			return true;
	} while (hc_files_evict_one(keep));
	return false;
}

struct hc_file *hc_file_create(const struct hc_key *key, u32 gen)
{
	struct hc_file *f;

	lockdep_assert_held(&hc_files_lock);
	if (!hc_metadata_make_room(sizeof(*f), NULL)) {
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
	hc_filter_change(key, 1);
	hc_stat_add(HC_S_files_tracked, 1);
	return f;
fail:
	hc_stat_add(HC_S_metadata_bytes, -(s64)sizeof(*f));
	return NULL;
}

static struct hc_map *hc_map_alloc(struct hc_file *f, u32 chunks)
{
	size_t bytes = hc_map_bytes(chunks);
	struct hc_map *map;

	if (!hc_metadata_make_room(bytes, f))
		return NULL;
	map = kvzalloc(bytes, GFP_KERNEL | __GFP_NOWARN);
	if (!map) {
		hc_stat_add(HC_S_metadata_bytes, -(s64)bytes);
		return NULL;
	}
	map->nr = chunks << HC_CHUNK_SHIFT;
	return map;
}

void hc_file_touch(struct hc_file *f)
{
	list_move_tail(&f->link, &hc_files_list);
}

hc_area_t *hc_area_get(struct hc_areas *v, u32 a, bool create)
{
	struct hc_chunk *c;

	if (!v->map)
		return &v->f->inl[a];
	c = hc_chunk_at(v->map, a);
	if (!c && create && hc_metadata_make_room(sizeof(*c), v->f)) {
		c = kmem_cache_zalloc(hc_chunk_cache, GFP_KERNEL | __GFP_NOWARN);
		if (c)
			rcu_assign_pointer(v->map->chunk[a >> HC_CHUNK_SHIFT],
					   c);
		else
			hc_stat_add(HC_S_metadata_bytes, -(s64)sizeof(*c));
	}
	return c ? &c->area[a & (HC_CHUNK_AREAS - 1)] : NULL;
}

u32 hc_areas_next(const struct hc_areas *v, u32 a)
{
	u32 i;

	if (!v->map)
		return a;
	for (i = a >> HC_CHUNK_SHIFT; i < hc_map_chunks(v->map); i++)
		if (rcu_access_pointer(v->map->chunk[i]))
			return max(a, i << HC_CHUNK_SHIFT);
	return v->nr;
}

bool hc_area_seen(struct hc_areas *v, u32 a)
{
	unsigned long *seen = &v->f->inl_seen;
	struct hc_chunk *c;

	if (!v->event)
		return false;
	if (v->map) {
		c = hc_chunk_at(v->map, a);
		if (!c)
			return false;
		seen = c->seen;
		a &= HC_CHUNK_AREAS - 1;
	}
	/* Clear only what is set: no atomic for every area visited. */
	return test_bit(a, seen) && test_and_clear_bit(a, seen);
}

static bool hc_chunk_empty(const struct hc_chunk *c)
{
	u32 i;

	for (i = 0; i < HC_CHUNK_AREAS; i++)
		if (c->area[i])
			return false;
	return true;
}

void hc_areas_trim(struct hc_areas *v)
{
	u32 i;

	for (i = 0; v->map && i < hc_map_chunks(v->map); i++) {
		struct hc_chunk *c =
			rcu_dereference_protected(v->map->chunk[i], 1);

		if (c && hc_chunk_empty(c)) {
			RCU_INIT_POINTER(v->map->chunk[i], NULL);
			hc_chunk_release(c);
		}
	}
}

static void hc_areas_init(struct hc_file *f, bool event, struct hc_areas *v)
{
	v->f = f;
	v->map = rcu_dereference_protected(f->map, 1);
	v->nr = v->map ? v->map->nr : HC_INLINE_AREAS;
	v->event = event;
}

/* Inline areas into a new map's first chunk, or back. */
static void hc_areas_move_inline(struct hc_file *f, struct hc_map *map,
				 struct hc_map *old)
{
	struct hc_areas v = { .f = f, .map = map };
	struct hc_chunk *c;
	hc_area_t *a;

	if (old) {
		c = hc_chunk_at(old, 0);
		if (c)
			memcpy(f->inl, c->area, sizeof(f->inl));
		return;
	}
	if (!memchr_inv(f->inl, 0, sizeof(f->inl)))
		return;
	a = hc_area_get(&v, 0, true);
	if (a)
		memcpy(a, f->inl, sizeof(f->inl));
	memset(f->inl, 0, sizeof(f->inl));
}

/*
 * Move to a map of @chunks chunks (0: the inline areas), keeping what is
 * known.  Accesses the probe marks in the old places until the grace
 * period ends are lost: at worst an area ages one visit early, and it
 * still needs a whole cold age to be dropped.
 */
static int hc_file_remap(struct hc_file *f, struct hc_map *old, u32 chunks)
{
	struct hc_map *map = NULL;
	u32 keep = 0, i;

	if (chunks) {
		map = hc_map_alloc(f, round_up(chunks, HC_MAP_STEP));
		if (!map)
			return -ENOMEM;
	}
	if (old && map) {
		keep = min(hc_map_chunks(old), hc_map_chunks(map));
		for (i = 0; i < keep; i++)
			RCU_INIT_POINTER(map->chunk[i],
					 rcu_dereference_protected(old->chunk[i],
								   1));
	} else {
		hc_areas_move_inline(f, map, old);
	}
	rcu_assign_pointer(f->map, map);
	hc_map_release(old, keep);
	return 0;
}

int hc_file_areas(struct hc_file *f, u32 nr, bool event, struct hc_areas *v)
{
	struct hc_map *old = rcu_dereference_protected(f->map, 1);
	u32 want = DIV_ROUND_UP(nr, HC_CHUNK_AREAS), have;
	int err = 0;

	if (!old) {
		if (nr > HC_INLINE_AREAS)
			err = hc_file_remap(f, NULL, want);
	} else if (!old->resume) {
		/* Grow when needed; shrink by half or more, or to inline. */
		have = hc_map_chunks(old);
		if (nr <= HC_INLINE_AREAS)
			err = hc_file_remap(f, old, 0);
		else if (want > have || (want * 2 <= have && have > HC_MAP_STEP))
			err = hc_file_remap(f, old, want);
	}
	hc_areas_init(f, event, v);
	return err;
}

void hc_file_reset(struct hc_file *f, u32 gen)
{
	struct hc_map *map = rcu_dereference_protected(f->map, 1);

	hc_files_unaccount(f);
	RCU_INIT_POINTER(f->map, NULL);
	hc_map_release(map, 0);
	f->gen = gen;
	f->cached = 0;
	f->visit_tick = 0;
	f->inl_seen = 0;
	memset(f->inl, 0, sizeof(f->inl));
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

void hc_files_sweep(u32 pass, bool (*keep)(u32 dev))
{
	struct hc_file *f, *next;

	lockdep_assert_held(&hc_files_lock);
	list_for_each_entry_safe(f, next, &hc_files_list, link)
		if (pass - f->pass >= HC_PASSES_KEPT &&
		    !(keep && keep(f->key.dev)))
			hc_file_destroy(f);
}

void hc_files_write_begin(void)
{
	mutex_lock(&hc_files_lock);
	WRITE_ONCE(hc_files_seq, hc_files_seq + 1);
	/* the memos see the change before any bit is cleared */
	smp_wmb();
}

void hc_files_write_end(void)
{
	/* the changes are all visible before the memos may hold again */
	smp_wmb();
	WRITE_ONCE(hc_files_seq, hc_files_seq + 1);
	mutex_unlock(&hc_files_lock);
}

/*
 * Did this CPU mark areas @first..@last of @key since the state last
 * changed?  Only in task context with preemption off, so that nothing
 * writes the memo halfway through another write.
 */
static bool hc_mark_memo_hit(const struct hc_key *key, pgoff_t first,
			     pgoff_t last, unsigned long seq)
{
	const struct hc_mark_memo *m = this_cpu_ptr(&hc_mark_memo);

	return !(seq & 1) && m->seq == seq && m->first <= first &&
	       last <= m->last && m->key.ino == key->ino &&
	       m->key.dev == key->dev;
}

static void hc_mark_memo_set(const struct hc_key *key, pgoff_t first,
			     pgoff_t last, unsigned long seq)
{
	struct hc_mark_memo *m = this_cpu_ptr(&hc_mark_memo);

	m->key = *key;
	m->first = first;
	m->last = last;
	m->seq = seq;
}

static void hc_mark_areas(const struct hc_key *key, pgoff_t first,
			  pgoff_t last)
{
	unsigned long *seen;
	struct hc_chunk *c;
	struct hc_file *f;
	struct hc_map *map;
	pgoff_t a;

	if (!READ_ONCE(*hc_filter_slot(key)))
		return;
	rcu_read_lock();
	f = rhashtable_lookup(&hc_files_table, key, hc_files_params);
	map = f ? rcu_dereference(f->map) : NULL;
	/* A large folio covers several areas: every one of them is used. */
	for (a = first; f && a <= last; a++) {
		u32 bit = a;

		if (!map) {
			if (a >= HC_INLINE_AREAS)
				break;
			seen = &f->inl_seen;
		} else {
			if (a >= map->nr)
				break;
			c = rcu_dereference(map->chunk[a >> HC_CHUNK_SHIFT]);
			/* No chunk: nothing was cached there at the last visit. */
			if (!c)
				continue;
			seen = c->seen;
			bit &= HC_CHUNK_AREAS - 1;
		}
		if (!test_bit(bit, seen))
			set_bit(bit, seen);
	}
	rcu_read_unlock();
}

void hc_files_mark_access(const struct hc_key *key, pgoff_t index,
			  unsigned long nr)
{
	pgoff_t first = index >> hc_area_shift;
	pgoff_t last = (index + max(nr, 1ul) - 1) >> hc_area_shift;
	unsigned long seq;

	if (!in_task()) {
		hc_mark_areas(key, first, last);
		return;
	}
	preempt_disable_notrace();
	/* read before the marks: a change after it makes the memo stale */
	seq = smp_load_acquire(&hc_files_seq);
	if (!hc_mark_memo_hit(key, first, last, seq)) {
		hc_mark_areas(key, first, last);
		hc_mark_memo_set(key, first, last, seq);
	}
	preempt_enable_notrace();
}

bool hc_files_known(const struct hc_key *key)
{
	bool known;

	if (!READ_ONCE(*hc_filter_slot(key)))
		return false;
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
