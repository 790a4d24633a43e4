/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Values as people write them in /etc/hotcold.conf (250ms, 64M, yes) and
 * as the module takes them (decimal milliseconds, KiB, 0/1).
 */
#ifndef HC_UNITS_H
#define HC_UNITS_H

#include "params.h"

/*
 * hc_value_to_module - convert config value @val of parameter @d to the
 * module's syntax in @out.  Only the syntax is checked here: ranges are
 * left to hc_param_check() so that the tool and the module agree.
 * Returns 0, or -1 with a message naming the key in @err.
 */
int hc_value_to_module(const struct hc_param_desc *d, const char *val,
		       char *out, size_t outlen, char *err, size_t errlen);

/* Module value @num of a numeric parameter in the config's units (10s). */
void hc_format_value(const struct hc_param_desc *d, u64 num,
		     char *out, size_t outlen);

/* Default of @d in the module's syntax. */
void hc_default_value(const struct hc_param_desc *d, char *out, size_t outlen);

/* Default of @d in the config's units, as written in etc/hotcold.conf. */
void hc_default_config(const struct hc_param_desc *d, char *out,
		       size_t outlen);

/* What @d accepts, in words: "a duration from 100ms to 1h". */
void hc_describe_range(const struct hc_param_desc *d, char *out,
		       size_t outlen);

/* A byte count with a binary unit and one decimal: "1.5 GiB". */
void hc_format_bytes(u64 bytes, char *out, size_t outlen);

#endif /* HC_UNITS_H */
