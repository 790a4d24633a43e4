// SPDX-License-Identifier: GPL-2.0
/*
 * The hot/cold policy, in plain C (see policy.h for the area encoding).
 *
 * Time is counted in scan rounds: a file visited k rounds after its
 * previous visit ages k rounds at once, so an area's age is a lower bound
 * of its idle time even when a round's budget postpones a file.
 */
#include "policy.h"

static u32 hc_age(hc_area_t a)
{
	return a >> HC_AGE_SHIFT;
}

static hc_area_t hc_with_age(hc_area_t a, u32 age)
{
	if (age > HC_AGE_MAX)
		age = HC_AGE_MAX;
	return (hc_area_t)((a & ((1u << HC_AGE_SHIFT) - 1)) |
			   (age << HC_AGE_SHIFT));
}

static u32 hc_popcount4(u32 v)
{
	return (v & 1) + ((v >> 1) & 1) + ((v >> 2) & 1) + ((v >> 3) & 1);
}

u32 hc_ms_to_rounds(u64 ms, u64 interval_ms)
{
	u64 r;

	if (!interval_ms)
		return HC_AGE_MAX;
	r = (ms + interval_ms - 1) / interval_ms;
	return r > HC_AGE_MAX ? HC_AGE_MAX : (u32)r;
}

void hc_policy_init(struct hc_policy *p, u64 interval_ms, u64 cold_age_ms,
		    u64 refault_window_ms, u32 hot_rounds, u32 max_shift)
{
	p->hot_rounds = hot_rounds;
	p->cold_rounds = hc_ms_to_rounds(cold_age_ms, interval_ms);
	if (!p->cold_rounds)
		p->cold_rounds = 1;
	p->refault_rounds = hc_ms_to_rounds(refault_window_ms, interval_ms);
	p->max_shift = max_shift;
}

u32 hc_cold_rounds(const struct hc_policy *p, const struct hc_file_policy *fp)
{
	u64 r = (u64)p->cold_rounds << fp->shift;

	return r > HC_AGE_MAX ? HC_AGE_MAX : (u32)r;
}

u32 hc_visit_stride(const struct hc_policy *p)
{
	u32 stride = p->cold_rounds / HC_VISITS_PER_COLD_AGE;

	return stride ? stride : 1;
}

/* A reclaimed area: count the rounds since the reclaim, watch for return. */
static bool hc_reclaimed_visit(hc_area_t *a, u32 elapsed,
			       const struct hc_sample *s,
			       const struct hc_policy *p)
{
	u32 since = hc_age(*a) + elapsed;
	bool refault;

	/*
	 * Present but not accessed means the pages were never dropped
	 * (invalidation skips locked or newly dirtied pages): not a refault.
	 */
	if (!s->present || !s->accessed) {
		if (!s->present && since > p->refault_rounds)
			*a = 0;
		else if (!s->present)
			*a = hc_with_age(*a, since);
		else
			*a = hc_with_age(HC_A_PRESENT, since);
		return false;
	}
	refault = since <= p->refault_rounds;
	*a = HC_A_PRESENT | 1;
	return refault;
}

bool hc_area_visit(hc_area_t *a, u32 elapsed, const struct hc_sample *s,
		   const struct hc_policy *p)
{
	hc_area_t hist;

	if (*a & HC_A_RECLAIMED)
		return hc_reclaimed_visit(a, elapsed, s, p);
	if (!s->present) {
		*a = 0;
		return false;
	}
	/* A second visit within one round adds to the same history slot. */
	if (elapsed)
		hist = (hc_area_t)(((*a << 1) | s->accessed) & HC_HIST_MASK);
	else
		hist = (hc_area_t)((*a | s->accessed) & HC_HIST_MASK);
	if (s->accessed || s->held || !(*a & HC_A_PRESENT))
		*a = hist | HC_A_PRESENT;
	else
		*a = hc_with_age(hist | HC_A_PRESENT, hc_age(*a) + elapsed);
	return false;
}

enum hc_state hc_area_state(hc_area_t a, const struct hc_policy *p,
			    const struct hc_file_policy *fp)
{
	if (a & HC_A_RECLAIMED)
		return HC_RECLAIMED;
	if (!(a & HC_A_PRESENT))
		return HC_EMPTY;
	if (hc_popcount4(a & HC_HIST_MASK) >= p->hot_rounds)
		return HC_HOT;
	if (hc_age(a) >= hc_cold_rounds(p, fp))
		return HC_COLD;
	return HC_WARM;
}

void hc_area_mark_reclaimed(hc_area_t *a)
{
	*a = HC_A_RECLAIMED;
}

void hc_file_refault(struct hc_file_policy *fp, const struct hc_policy *p)
{
	if (fp->shift < p->max_shift)
		fp->shift++;
	fp->quiet_rounds = 0;
}

void hc_file_age(struct hc_file_policy *fp, u32 elapsed,
		 const struct hc_policy *p)
{
	if (fp->shift > p->max_shift)
		fp->shift = (u8)p->max_shift;
	if (!fp->shift)
		return;
	fp->quiet_rounds += elapsed;
	if (fp->quiet_rounds >= 2 * hc_cold_rounds(p, fp)) {
		fp->shift--;
		fp->quiet_rounds = 0;
	}
}

bool hc_file_is_hot(const struct hc_tally *t, u32 hot_file_pct)
{
	u64 cached = (u64)t->n[HC_HOT] + t->n[HC_WARM] + t->n[HC_COLD];

	if (!cached || hot_file_pct >= 100)
		return false;
	return (u64)t->n[HC_HOT] * 100 > cached * hot_file_pct;
}
