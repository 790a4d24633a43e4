// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters, one per entry of common/params.def.  Values are
 * checked by hc_param_check(), the same code hotcoldctl uses, so a value
 * the tool accepts is one the module accepts.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/spinlock.h>
#include "hotcold.h"

static u64 hc_values[HC_NR_PARAMS] = {
#define HC_PARAM(n, k, d, lo, hi, s, f, doc) \
	[HC_P_##n] = d,
#include "params.def"
#undef HC_PARAM
};

/* fs_types, once set; until then the table's default applies. */
static DEFINE_SPINLOCK(hc_fs_lock);
static char hc_fs_types[HC_VALUE_MAX];
static bool hc_fs_types_set;
/* protect_paths (too long for the stack), also under hc_fs_lock. */
static char hc_protect_paths[HC_PATHS_MAX];
static u32 hc_protect_gen;

void (*hc_param_changed)(enum hc_param_id id);

u64 hc_param(enum hc_param_id id)
{
	return READ_ONCE(hc_values[id]);
}

void hc_param_fs_types(char *buf, size_t len)
{
	spin_lock(&hc_fs_lock);
	strscpy(buf, hc_fs_types_set ? hc_fs_types :
		hc_params[HC_P_fs_types].sdef, len);
	spin_unlock(&hc_fs_lock);
}

u32 hc_param_protect_gen(void)
{
	return READ_ONCE(hc_protect_gen);
}

u32 hc_param_protect_paths(char *buf, size_t len)
{
	u32 gen;

	spin_lock(&hc_fs_lock);
	strscpy(buf, hc_protect_paths, len);
	gen = hc_protect_gen;
	spin_unlock(&hc_fs_lock);
	return gen;
}

static int hc_param_set(const char *val, const struct kernel_param *kp)
{
	const struct hc_param_desc *d = kp->arg;
	enum hc_param_id id = d - hc_params;
	void (*changed)(enum hc_param_id id);
	char err[HC_ERR_MAX];
	u64 v = 0;

	if (hc_param_check(d, val, &v, err, sizeof(err))) {
		pr_err("%s\n", err);
		return -EINVAL;
	}
	if (d->kind == HC_FSLIST) {
		spin_lock(&hc_fs_lock);
		hc_param_strip(val, hc_fs_types, sizeof(hc_fs_types));
		hc_fs_types_set = true;
		spin_unlock(&hc_fs_lock);
	} else if (d->kind == HC_PATHLIST) {
		spin_lock(&hc_fs_lock);
		hc_param_strip(val, hc_protect_paths, sizeof(hc_protect_paths));
		WRITE_ONCE(hc_protect_gen, hc_protect_gen + 1);
		spin_unlock(&hc_fs_lock);
	} else {
		WRITE_ONCE(hc_values[id], v);
	}
	changed = READ_ONCE(hc_param_changed);
	if (changed)
		changed(id);
	return 0;
}

static int hc_param_get(char *buf, const struct kernel_param *kp)
{
	const struct hc_param_desc *d = kp->arg;
	enum hc_param_id id = d - hc_params;
	char word[HC_VALUE_MAX];
	int len;

	switch (d->kind) {
	case HC_PATHLIST:
		spin_lock(&hc_fs_lock);
		len = scnprintf(buf, PAGE_SIZE, "%s\n", hc_protect_paths);
		spin_unlock(&hc_fs_lock);
		return len;
	case HC_FSLIST:
		hc_param_fs_types(word, sizeof(word));
		return scnprintf(buf, PAGE_SIZE, "%s\n", word);
	case HC_ENUM:
		hc_enum_choice(d, hc_param(id), word, sizeof(word));
		return scnprintf(buf, PAGE_SIZE, "%s\n", word);
	default:
		return scnprintf(buf, PAGE_SIZE, "%llu\n", hc_param(id));
	}
}

static const struct kernel_param_ops hc_param_ops = {
	.set = hc_param_set,
	.get = hc_param_get,
};

#define HC_PARAM(n, k, d, lo, hi, s, f, doc)				\
	module_param_cb(n, &hc_param_ops, (void *)&hc_params[HC_P_##n],	\
			((f) & HC_RUNTIME) ? 0644 : 0444);		\
	MODULE_PARM_DESC(n, doc);
#include "params.def"
#undef HC_PARAM
