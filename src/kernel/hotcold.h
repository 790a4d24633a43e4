/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hotcold: file-area hot/cold tracking and background reclaim of cold,
 * clean page cache.  The pieces and how they meet:
 *
 *   kparams.c  module parameters, from the table in common/params.def
 *   scan.c     the kernel thread: rounds, superblock and inode walks
 *   visit.c    one file: sample its folios, apply the policy
 *   reclaim.c  drop cold runs, rate limit and availability gate
 *   policy.c   the hot/cold rules, plain C (also a userspace test)
 *   access.c   the access signal: page idle flag and/or a probe
 *   files.c    per-file state, keyed by (device, inode, generation)
 *   path.c     the paths of the largest files, for /proc/hotcold/files
 *   protect.c  protect_paths: files never reclaimed
 *   cgroups.c  tracked page cache per memory cgroup
 *   stats.c    counters;  procfs.c  /proc/hotcold
 */
#ifndef HC_HOTCOLD_H
#define HC_HOTCOLD_H

#include <linux/bitops.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/rhashtable.h>
#include <linux/seq_file.h>
#include "compat.h"
#include "params.h"
#include "statdesc.h"
#include "policy.h"

/* ---- kparams.c ---- */
u64 hc_param(enum hc_param_id id);
void hc_param_fs_types(char *buf, size_t len);
/* protect_paths into @buf; returns the count of its changes. */
u32 hc_param_protect_paths(char *buf, size_t len);
/* The count of changes alone, cheap: has protect_paths changed? */
u32 hc_param_protect_gen(void);
/* Set by the thread so that parameter writes can wake it. */
extern void (*hc_param_changed)(enum hc_param_id id);

/* ---- stats.c ---- */
void hc_stat_add(enum hc_stat_id id, s64 delta);
void hc_stat_set(enum hc_stat_id id, u64 val);
u64 hc_stat_read(enum hc_stat_id id);
/* Zero the cumulative counters; gauges describe the present and stay. */
void hc_stats_reset(void);

/* An unexpected state: skip it, count it, say it (rate limited). */
#define hc_unexpected(fmt, ...)						\
	do {								\
		hc_stat_add(HC_S_unexpected, 1);			\
		pr_warn_ratelimited("unexpected: " fmt, ##__VA_ARGS__);	\
	} while (0)

/* ---- files.c ---- */
struct hc_key {
	u64 ino;
	u32 dev;
	u32 zero;	/* keeps the hashed key free of padding */
};

/*
 * The areas of a file too big for the inline ones, in chunks of
 * HC_CHUNK_AREAS allocated only where pages are cached (or reclaimed areas
 * watched): a sparse or huge file costs by what is cached, plus 8 bytes of
 * chunk pointer per HC_CHUNK_AREAS areas of its size.  The pointer array
 * is replaced as a whole (RCU) when the file grows; chunks are freed (RCU)
 * when they hold nothing.
 */
#define HC_CHUNK_SHIFT	6
#define HC_CHUNK_AREAS	(1u << HC_CHUNK_SHIFT)

struct hc_chunk {
	struct rcu_head rcu;
	unsigned long seen[BITS_TO_LONGS(HC_CHUNK_AREAS)];	/* event signal */
	hc_area_t area[HC_CHUNK_AREAS];
};

struct hc_map {
	struct rcu_head rcu;
	u32 nr;			/* areas covered, a multiple of HC_CHUNK_AREAS */
	u32 resume;		/* a split visit continues at this area; 0: none */
	u32 resume_elapsed;	/* ...with the elapsed time of its first part */
	struct hc_chunk __rcu *chunk[];
};

/* Files of up to this many areas (64 KiB at 4 pages) need no map. */
#define HC_INLINE_AREAS	4

struct hc_file {
	struct rhash_head node;
	struct list_head link;	/* hc_files_list, least recently visited first */
	struct hc_key key;
	struct hc_map __rcu *map;	/* NULL: the areas are inline */
	struct rcu_head rcu;
	u32 gen;		/* i_generation: a reused inode number resets */
	u32 pass;		/* last walk pass that found the inode */
	u32 visit_tick;		/* tick of the last visit (0: never) */
	u32 cached;		/* pages cached at the last visit */
	u16 cg;			/* cgroups.c: slot of the main memory cgroup */
	u8 protect;		/* protect.c: protected, and under which list */
	u8 path_slot;		/* path.c: its path's slot + 1, or 0 */
	struct hc_tally tally;
	struct hc_file_policy pol;
	u32 reclaimed_pages;	/* saturates */
	unsigned long inl_seen;	/* event bits of the inline areas */
	hc_area_t inl[HC_INLINE_AREAS];
};

/* Where a file's areas are, inline or in its map, for one visit. */
struct hc_areas {
	struct hc_file *f;
	struct hc_map *map;	/* NULL for inline areas */
	u32 nr;
	bool event;		/* the event signal is in use */
};

/* Area @a, or NULL if its chunk is absent and not @create'd (or no room). */
hc_area_t *hc_area_get(struct hc_areas *v, u32 a, bool create);
/* The first area from @a on that may hold state (v->nr if none). */
u32 hc_areas_next(const struct hc_areas *v, u32 a);
/* Event signal: was area @a accessed since the last call?  Re-arms it. */
bool hc_area_seen(struct hc_areas *v, u32 a);
/* Free the chunks that hold nothing any more. */
void hc_areas_trim(struct hc_areas *v);

extern struct mutex hc_files_lock;
/*
 * Take hc_files_lock to change file state (event bits, maps, files): the
 * event hook's memos of what it marked go stale (files.c).
 */
void hc_files_write_begin(void);
void hc_files_write_end(void);

int hc_files_init(void);
void hc_files_exit(void);
struct hc_file *hc_file_lookup(const struct hc_key *key);
struct hc_file *hc_file_create(const struct hc_key *key, u32 gen);
/*
 * Make the areas cover @nr, with an event bitmap if @event, and describe
 * them in @v; -ENOMEM at the metadata cap.
 */
int hc_file_areas(struct hc_file *f, u32 nr, bool event, struct hc_areas *v);
void hc_file_reset(struct hc_file *f, u32 gen);
void hc_file_destroy(struct hc_file *f);
/* A visit of @f: it goes to the end of the eviction order. */
void hc_file_touch(struct hc_file *f);
/*
 * Free the state of files no walk found during the last HC_PASSES_KEPT
 * passes (eviction and rename race the inode walk: a file may be missed),
 * except on the devices @keep says (may be NULL): frozen filesystems not
 * walked.
 */
#define HC_PASSES_KEPT	2
void hc_files_sweep(u32 pass, bool (*keep)(u32 dev));
/* Event signal: the probe saw an access to pages [index, index + nr). */
void hc_files_mark_access(const struct hc_key *key, pgoff_t index,
			  unsigned long nr);
void hc_files_account_change(struct hc_file *f, const struct hc_tally *old,
			     u64 old_cached);
/* Does the file have state?  Lockless, for the inode walk. */
bool hc_files_known(const struct hc_key *key);
/* Call @fn for every file, under hc_files_lock (summaries). */
void hc_files_for_each(void (*fn)(const struct hc_file *f, void *arg),
		       void *arg);

struct hc_file_row {
	struct hc_key key;
	u32 cached;
	u32 hot, warm, cold;
	u64 reclaimed_pages;
	bool protected;
};

/* ---- protect.c ---- */
#define HC_PROTECTED	0x1

/* Decide again whether @f, found at @inode, lies under protect_paths. */
void hc_protect_update(struct hc_file *f, struct inode *inode);
/* @f is going: take it out of files_protected. */
void hc_protect_forget(struct hc_file *f);

static inline bool hc_file_protected(const struct hc_file *f)
{
	return f->protect & HC_PROTECTED;
}

/* ---- cgroups.c ---- */
/* A visit's vote for the memory cgroup holding most of a file's pages. */
struct hc_cg_vote {
	struct cgroup_subsys_state *css;	/* leader, referenced; or root */
	u64 lead;		/* pages by which it leads */
	u64 pages;		/* pages that voted */
};

/* Count the folio's @nr pages for the memcg it is charged to. */
void hc_cgroup_vote(struct hc_cg_vote *v, hc_folio_t *folio,
		    unsigned long nr);
/* End of a visit: make the vote's winner @f's main cgroup. */
void hc_cgroup_visited(struct hc_file *f, struct hc_cg_vote *v, u32 pass);
/* @f is going: the cgroup no longer holds it. */
void hc_cgroup_forget(struct hc_file *f);
struct seq_file;
/* /proc/hotcold/cgroups. */
int hc_cgroups_show(struct seq_file *m, void *unused);

/* The @max files with the most cached pages, largest first. */
int hc_files_top(struct hc_file_row *rows, int max);

/* ---- access.c ---- */
enum hc_signal {
	HC_SIGNAL_IDLE,
	HC_SIGNAL_EVENT,
};

int hc_access_init(void);
void hc_access_exit(void);
/* Each round: the signal it uses (another user of PG_idle is checked). */
enum hc_signal hc_access_round_begin(void);
const char *hc_access_signal_name(void);
bool hc_access_probe_installed(void);
/*
 * What a visit's batch lookups do with the folios (compat.h), and whether
 * folios whose flag they do not sample count as accessed (@others): under
 * the event signal the file's bitmap tells, unless accesses before a
 * switch are unknown; with no signal at all every folio does.
 */
enum hc_look hc_access_look(enum hc_signal signal, bool *others);
u64 hc_access_probe_hits(void);
void hc_access_reset_hits(void);

/* log2 of file_area_pages, fixed at load. */
extern unsigned int hc_area_shift;

/* ---- scan.c, visit.c, reclaim.c ---- */
struct hc_round {
	struct hc_policy pol;
	enum hc_signal signal;
	unsigned int area_shift;
	u64 now_ms;
	u32 now_tick;		/* now_ms in policy ticks, from 1 */
	u64 interval_ms;
	u32 min_file_pages;
	u32 hot_file_pct;
	u64 scan_budget;	/* pages left to examine this round */
	u32 pass;
	bool more;		/* a superblock has inodes left this pass */
	bool split;		/* the last visit stopped inside its file */
	bool observe;		/* mode=observe: count, drop nothing */
	u32 reclaim_fails;	/* areas invalidation left cached this round */
	bool may_reclaim;	/* not gated, tokens left */
};

int hc_scan_start(void);
void hc_scan_stop(void);
/* The module's clock: milliseconds since boot (ktime, monotonic). */
u64 hc_now_ms(void);
/* Run one round now and wait for it. */
int hc_scan_now(void);

/* Is the file due for a visit this round, or in the middle of one? */
bool hc_visit_due(const struct hc_file *f, const struct hc_round *r);
/* A visit was split: the next round continues it. */
bool hc_visit_resuming(const struct hc_file *f);
/* False if the file's state cannot grow (metadata cap): drop it. */
bool hc_visit_file(struct hc_round *r, struct hc_file *f,
		   struct address_space *mapping, loff_t isize);
/* Stop a walk: budget spent, unload, or s_umount wanted. */
bool hc_walk_must_yield(struct super_block *sb, struct hc_round *r);

/* mode, in params.def order */
enum hc_mode {
	HC_MODE_RECLAIM,
	HC_MODE_OBSERVE,
};

void hc_reclaim_round_begin(struct hc_round *r);
/* The mode the last round ran in. */
const char *hc_reclaim_mode_name(void);
/* Drop the cold areas in [from, to). */
void hc_reclaim_file(struct hc_round *r, struct hc_file *f,
		     struct hc_areas *v, struct address_space *mapping,
		     u32 from, u32 to);

#define HC_FS_TYPES_MAX 8

/* ---- path.c: only the scan thread notes, forgets and prunes ---- */
/* Rows of /proc/hotcold/files. */
#define HC_TOP_FILES	32
/* Record @inode's path if @f is among the largest files. */
void hc_path_note(struct hc_file *f, struct inode *inode);
void hc_path_forget(const struct hc_key *key);
/* Forget the paths of files that have no state any more. */
void hc_paths_prune(void);
void hc_paths_free(void);
/* The file's path, escaped, or "-". */
void hc_path_print(struct seq_file *m, const struct hc_key *key);

/* ---- procfs.c ---- */
int hc_proc_init(void);
void hc_proc_exit(void);

#endif /* HC_HOTCOLD_H */
