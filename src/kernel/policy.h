/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hot/cold policy: what one visit of a file does to each of its areas,
 * when an area is hot, warm, cold or reclaimed, and how refaults protect a
 * file.  Plain C with no kernel calls: the same file is built into the
 * module and into tests/unit.
 *
 * Time is counted in ticks of HC_TICK_MS, never in scan rounds, so that
 * every value of scan_interval_ms, including a change at run time, keeps
 * the idle time already counted.  An area is 32 bits:
 *   bits 0-3   access history, bit 0 the most recent visit
 *   bit  4     present: the area had cached pages at its last visit
 *   bit  5     reclaimed: hotcold dropped it and waits to see a refault;
 *              with present also set, observe mode would have dropped it
 *              (it stays so, counted once, until accessed or evicted)
 *   bits 6-31  age: ticks since the last access (or, once reclaimed, since
 *              the reclaim), saturating at HC_AGE_MAX (77 days, beyond the
 *              largest cold age the parameters allow: 24 h times 2^6)
 */
#ifndef HC_POLICY_H
#define HC_POLICY_H

#include "hc_types.h"

typedef u32 hc_area_t;

#define HC_TICK_MS	100u
#define HC_HIST_BITS	4
#define HC_HIST_MASK	((1u << HC_HIST_BITS) - 1)
#define HC_A_PRESENT	(1u << 4)
#define HC_A_RECLAIMED	(1u << 5)
#define HC_AGE_SHIFT	6
#define HC_AGE_MAX	((1u << (32 - HC_AGE_SHIFT)) - 1)

enum hc_state {
	HC_HOT,
	HC_WARM,
	HC_COLD,
	HC_RECLAIMED,
	HC_EMPTY,	/* nothing cached, nothing pending: not tallied */
	HC_NR_STATES,
};

/* The states tallied per file: those of areas that hold something. */
#define HC_NR_TALLIED	HC_EMPTY

/* The thresholds of one round, in ticks, derived from the parameters. */
struct hc_policy {
	u32 hot_visits;		/* accesses in the last HC_HIST_BITS visits */
	u32 cold_ticks;		/* idle time before cold, before any shift */
	u32 refault_ticks;	/* a reclaimed area back within this is a refault */
	u32 max_shift;		/* bound of a file's refault shift */
	u32 interval_ticks;	/* scan_interval_ms, for visit scheduling only */
	bool observe;		/* mode=observe: nothing is really dropped */
};

/* What a visit saw of one area. */
struct hc_sample {
	bool present;		/* at least one page cached */
	bool accessed;		/* accessed since the previous visit */
	bool held;		/* a dirty, writeback or mapped page */
};

/* Per-file policy state. */
struct hc_file_policy {
	u32 quiet_ticks;	/* time since the last refault or decay */
	u8 shift;		/* cold age is multiplied by 2^shift */
};

/* Per-file tally of area states, kept for reports and the hot-file rule. */
struct hc_tally {
	u32 n[HC_NR_TALLIED];
};

/* Milliseconds to ticks, rounded up, saturating at HC_AGE_MAX. */
u32 hc_ms_to_ticks(u64 ms);
void hc_policy_init(struct hc_policy *p, u64 interval_ms, u64 cold_age_ms,
		    u64 refault_window_ms, u32 hot_visits, u32 max_shift);

/*
 * hc_area_visit - apply one visit, @elapsed ticks after the previous one
 * (0: a second look within the same visit slot, history not shifted).
 * Returns true if the visit found a refault: the area was reclaimed and is
 * back, accessed, within the refault window.
 */
bool hc_area_visit(hc_area_t *a, u32 elapsed, const struct hc_sample *s,
		   const struct hc_policy *p);

enum hc_state hc_area_state(hc_area_t a, const struct hc_policy *p,
			    const struct hc_file_policy *fp);

/* hotcold invalidated the area: wait for a refault. */
void hc_area_mark_reclaimed(hc_area_t *a);

/* Observe mode would have invalidated the area: watch it the same way. */
void hc_area_mark_observed(hc_area_t *a);

/*
 * Invalidation left the area cached (a locked, referenced, dirty, mapped
 * or partially covered large folio): it starts a new cold age rather than
 * being tried again at every visit.
 */
void hc_area_mark_failed(hc_area_t *a);

/*
 * Samples keep what happened between visits (the idle flag stays clear,
 * the event bitmap stays set), so a file need not be walked every round:
 * every 1/HC_VISITS_PER_COLD_AGE of the cold age is enough to find its
 * cold areas within that precision.
 */
#define HC_VISITS_PER_COLD_AGE	8
u32 hc_visit_stride(const struct hc_policy *p);

/*
 * Is a file last visited @since ticks ago due?  Rounds do not fall on
 * exact multiples of the stride, so a file is due half a round early
 * rather than a whole round late.
 */
bool hc_visit_due_after(const struct hc_policy *p, u32 since);

/* Idle ticks before an area of this file is cold. */
u32 hc_cold_ticks(const struct hc_policy *p, const struct hc_file_policy *fp);

/* A refault was seen in the file: protect it longer. */
void hc_file_refault(struct hc_file_policy *fp, const struct hc_policy *p);

/* @elapsed ticks passed: relax the protection of a file that stayed quiet. */
void hc_file_age(struct hc_file_policy *fp, u32 elapsed,
		 const struct hc_policy *p);

/*
 * Too many hot areas: leave the whole file alone.  The share is of the
 * areas the file has had cached: hot, warm, cold and those reclaimed and
 * still watched for refaults, so that dropping a file's cold part does not
 * make the rest of it look hot.
 */
bool hc_file_is_hot(const struct hc_tally *t, u32 hot_file_pct);

#endif /* HC_POLICY_H */
