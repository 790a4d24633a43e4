// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the config parser on arbitrary bytes.  Besides the
 * sanitizers' checks, a file accepted without errors must hold only values
 * that hc_param_check() accepts, as the module would.
 */
#include <stdint.h>
#include <stdlib.h>

#include "conf.h"

static void check_message(void *ctx, const char *msg)
{
	(void)ctx;
	/* Every message starts with the file name. */
	if (strncmp(msg, "fuzz.conf:", 10))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct hc_conf conf;
	unsigned int i;

	hc_conf_init(&conf, "fuzz.conf");
	conf.report = check_message;
	if (hc_conf_parse(&conf, (const char *)data, size))
		return 0;
	for (i = 0; i < HC_NR_PARAMS; i++) {
		u64 num;

		if (hc_param_check(&hc_params[i], conf.v[i].value, &num, NULL,
				   0))
			abort();
		if (hc_params[i].kind != HC_FSLIST && num != conf.v[i].num)
			abort();
	}
	return 0;
}
