/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Descriptors of the tunables defined in params.def, and the checks that
 * the module and hotcoldctl both apply to a value.  Plain C: no kernel or
 * libc calls beyond snprintf and the string functions.
 */
#ifndef HC_PARAMS_H
#define HC_PARAMS_H

#include "hc_types.h"

enum hc_kind {
	HC_BOOL,
	HC_COUNT,
	HC_PCT,
	HC_MS,
	HC_KB,
	HC_FSLIST,
	HC_ENUM,
	HC_PATHLIST,
};

#define HC_LOADTIME	0x0
#define HC_RUNTIME	0x1
#define HC_POW2		0x2

/*
 * Longest accepted value string (fs_types, words), longest error message,
 * and the limits of an HC_PATHLIST: its value (HC_PATHS_MAX - 1
 * characters) and its number of entries.
 */
#define HC_VALUE_MAX	128
#define HC_ERR_MAX	192
#define HC_PATHS_MAX	1024
#define HC_PATHS_ENTRIES	16

struct hc_param_desc {
	const char *name;
	enum hc_kind kind;
	u64 def;
	u64 min;
	u64 max;
	const char *sdef;
	unsigned int flags;
	const char *doc;
};

enum hc_param_id {
#define HC_PARAM(name, kind, def, min, max, sdef, flags, doc) HC_P_##name,
#include "params.def"
#undef HC_PARAM
	HC_NR_PARAMS
};

extern const struct hc_param_desc hc_params[HC_NR_PARAMS];

const struct hc_param_desc *hc_param_find(const char *name);
const char *hc_kind_name(enum hc_kind kind);

/*
 * hc_param_check - validate @val for parameter @d, in the module's syntax
 * (decimal numbers, 0/1/y/n for booleans, a word or a list for strings;
 * one trailing newline, as written by echo, is accepted).
 *
 * Returns 0 and stores the value in *@num (numeric kinds; the index of the
 * choice for HC_ENUM; unchanged for HC_FSLIST and HC_PATHLIST), or -1 with
 * a message that names the key, the value and what is allowed in @err.
 */
int hc_param_check(const struct hc_param_desc *d, const char *val, u64 *num,
		   char *err, size_t errlen);

/* Size of the buffer a value of @d needs (string included). */
size_t hc_value_max(const struct hc_param_desc *d);

/*
 * hc_pathlist_entry - split the HC_PATHLIST entry [@s, @s + @len) into its
 * device numbers and its path ([*@path, *@path + *@plen)); -1 if it is not
 * MAJOR:MINOR:/path with the numbers in range.  The path itself is checked
 * by hc_param_check().
 */
int hc_pathlist_entry(const char *s, size_t len, u32 *major, u32 *minor,
		      const char **path, size_t *plen);

/* Copy of @val without a trailing newline, for string parameters. */
int hc_param_strip(const char *val, char *out, size_t outlen);

/* Number of '|' separated choices of an HC_ENUM and the word of choice @i. */
int hc_enum_choice(const struct hc_param_desc *d, unsigned int i,
		   char *out, size_t outlen);

#endif /* HC_PARAMS_H */
