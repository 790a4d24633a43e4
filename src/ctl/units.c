// SPDX-License-Identifier: GPL-2.0
/*
 * Conversion between the units of /etc/hotcold.conf and the module's
 * plain decimal values.  Ranges are not checked here: hc_param_check()
 * does that on the converted value, exactly as the module will.
 */
#include <strings.h>

#include "units.h"

struct hc_unit {
	const char *suffix;
	u64 mult;
};

/* Largest first: hc_format_value() picks the first one that divides. */
static const struct hc_unit hc_ms_units[] = {
	{ "h", 3600000 }, { "m", 60000 }, { "s", 1000 }, { "ms", 1 },
	{ NULL, 0 },
};

static const struct hc_unit hc_kb_units[] = {
	{ "T", 1ULL << 30 }, { "G", 1 << 20 }, { "M", 1 << 10 }, { "K", 1 },
	{ NULL, 0 },
};

static const char *const hc_bool_words[][2] = {
	{ "1", "0" }, { "yes", "no" }, { "true", "false" }, { "on", "off" },
	{ "y", "n" },
};

static const struct hc_unit *hc_units_of(enum hc_kind kind)
{
	return kind == HC_MS ? hc_ms_units : hc_kb_units;
}

/*
 * Split "250ms" into 250 and "ms".  Returns 0, -1 when there is no
 * leading number and -2 when it does not fit in 64 bits.
 */
static int hc_split_number(const char *s, u64 *num, const char **unit)
{
	u64 v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned int digit = *s - '0';

		if (v > (~(u64)0 - digit) / 10)
			return -2;
		v = v * 10 + digit;
	}
	*num = v;
	*unit = s;
	return 0;
}

static int hc_convert_unit(const struct hc_param_desc *d, const char *val,
			   char *out, size_t outlen, char *err, size_t errlen)
{
	const struct hc_unit *u = hc_units_of(d->kind);
	const char *suffix;
	u64 num;
	int ret = hc_split_number(val, &num, &suffix);

	if (!ret) {
		if (!*suffix) {
			snprintf(out, outlen, "%llu", (unsigned long long)num);
			return 0;
		}
		for (; u->suffix; u++)
			if (d->kind == HC_MS ? !strcmp(suffix, u->suffix) :
					       !strcasecmp(suffix, u->suffix))
				break;
		if (u->suffix && num > ~(u64)0 / u->mult)
			ret = -2;
		else if (u->suffix) {
			snprintf(out, outlen, "%llu",
				 (unsigned long long)(num * u->mult));
			return 0;
		}
	}
	if (ret == -2)
		snprintf(err, errlen, "%s: '%s' is too large", d->name, val);
	else if (d->kind == HC_MS)
		snprintf(err, errlen,
			 "%s: '%s' is not a duration (a whole number with an optional unit: ms, s, m, h)",
			 d->name, val);
	else
		snprintf(err, errlen,
			 "%s: '%s' is not a size (a whole number with an optional unit: K, M, G, T)",
			 d->name, val);
	return -1;
}

static int hc_convert_bool(const struct hc_param_desc *d, const char *val,
			   char *out, size_t outlen, char *err, size_t errlen)
{
	unsigned int i, v;

	for (i = 0; i < ARRAY_SIZE(hc_bool_words); i++)
		for (v = 0; v < 2; v++)
			if (!strcasecmp(val, hc_bool_words[i][v])) {
				snprintf(out, outlen, "%u", !v);
				return 0;
			}
	snprintf(err, errlen,
		 "%s: '%s' is not a boolean (0/1, yes/no, true/false, on/off)",
		 d->name, val);
	return -1;
}

int hc_value_to_module(const struct hc_param_desc *d, const char *val,
		       char *out, size_t outlen, char *err, size_t errlen)
{
	size_t len = strlen(val);

	if (len >= outlen) {
		snprintf(err, errlen, "%s: value is longer than %zu characters",
			 d->name, outlen - 1);
		return -1;
	}
	switch (d->kind) {
	case HC_BOOL:
		return hc_convert_bool(d, val, out, outlen, err, errlen);
	case HC_MS:
	case HC_KB:
		return hc_convert_unit(d, val, out, outlen, err, errlen);
	case HC_PCT:
		/* "50%" reads naturally; the module wants 50. */
		if (len && val[len - 1] == '%')
			len--;
		break;
	default:
		break;
	}
	memcpy(out, val, len);
	out[len] = '\0';
	return 0;
}

void hc_format_value(const struct hc_param_desc *d, u64 num,
		     char *out, size_t outlen)
{
	const struct hc_unit *u;

	if ((d->kind != HC_MS && d->kind != HC_KB) || !num) {
		snprintf(out, outlen, "%llu", (unsigned long long)num);
		return;
	}
	for (u = hc_units_of(d->kind); u->suffix; u++)
		if (!(num % u->mult))
			break;
	snprintf(out, outlen, "%llu%s", (unsigned long long)(num / u->mult),
		 u->suffix);
}

void hc_default_value(const struct hc_param_desc *d, char *out, size_t outlen)
{
	switch (d->kind) {
	case HC_FSLIST:
	case HC_PATHLIST:
		snprintf(out, outlen, "%s", d->sdef);
		break;
	case HC_ENUM:
		hc_enum_choice(d, 0, out, outlen);
		break;
	default:
		snprintf(out, outlen, "%llu", (unsigned long long)d->def);
		break;
	}
}

void hc_default_config(const struct hc_param_desc *d, char *out,
		       size_t outlen)
{
	if (d->kind == HC_FSLIST || d->kind == HC_ENUM ||
	    d->kind == HC_PATHLIST)
		hc_default_value(d, out, outlen);
	else
		hc_format_value(d, d->def, out, outlen);
}

static void hc_describe_choices(const struct hc_param_desc *d, char *out,
				size_t outlen)
{
	size_t used = snprintf(out, outlen, "one of ");
	int i, n = hc_enum_choice(d, 0, NULL, 0);

	for (i = 0; i < n && used < outlen; i++) {
		char word[HC_VALUE_MAX];

		hc_enum_choice(d, i, word, sizeof(word));
		used += snprintf(out + used, outlen - used, "%s%s",
				 i ? ", " : "", word);
	}
}

void hc_describe_range(const struct hc_param_desc *d, char *out,
		       size_t outlen)
{
	char lo[32], hi[32];

	hc_format_value(d, d->min, lo, sizeof(lo));
	hc_format_value(d, d->max, hi, sizeof(hi));
	switch (d->kind) {
	case HC_BOOL:
		snprintf(out, outlen,
			 "a boolean: 0/1, yes/no, true/false or on/off");
		break;
	case HC_COUNT:
		snprintf(out, outlen, "a whole number from %s to %s%s", lo, hi,
			 d->flags & HC_POW2 ? ", a power of two" : "");
		break;
	case HC_PCT:
		snprintf(out, outlen, "a percentage from %s to %s", lo, hi);
		break;
	case HC_MS:
		snprintf(out, outlen, "a duration from %s to %s", lo, hi);
		break;
	case HC_KB:
		snprintf(out, outlen, "a size from %s to %s", lo, hi);
		break;
	case HC_FSLIST:
		snprintf(out, outlen,
			 "a comma-separated list of filesystem type names");
		break;
	case HC_ENUM:
		hc_describe_choices(d, out, outlen);
		break;
	case HC_PATHLIST:
		snprintf(out, outlen,
			 "absolute directory paths separated by commas");
		break;
	}
}

void hc_format_bytes(u64 bytes, char *out, size_t outlen)
{
	static const char *const names[] = { "KiB", "MiB", "GiB", "TiB",
					     "PiB" };
	unsigned int i = 0;
	u64 unit = 1024;

	if (bytes < 1024) {
		snprintf(out, outlen, "%llu B", (unsigned long long)bytes);
		return;
	}
	while (i + 1 < ARRAY_SIZE(names) && bytes / unit >= 1024) {
		unit *= 1024;
		i++;
	}
	/* One decimal, computed without overflowing for large counts. */
	snprintf(out, outlen, "%llu.%llu %s",
		 (unsigned long long)(bytes / unit),
		 (unsigned long long)(bytes % unit * 10 / unit), names[i]);
}
