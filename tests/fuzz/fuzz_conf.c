// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the config parser on arbitrary bytes, and the same
 * bytes as /proc/self/mountinfo for protect_paths' translation.  Besides
 * the sanitizers' checks, a file accepted without errors must hold only
 * values that hc_param_check() accepts, as the module would, and a
 * translated path must be absolute.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "conf.h"

/*
 * A machine where directories under /d are on 8:1 (mounted on /), those
 * under /b on 8:2 (a bind mount of its /export on /b), /f... are files.
 */
static const char fuzz_mountinfo[] =
	"1 0 8:1 / / rw - xfs /dev/a rw\n"
	"2 1 8:2 /export /b rw - ext4 /dev/b rw\n"
	"3 1 8:2 / /b\\040c rw - ext4 /dev/b rw\n";

static int fuzz_lookup(void *ctx, const char *path, char *real,
		       size_t reallen, unsigned int *major,
		       unsigned int *minor)
{
	(void)ctx;
	if (!strncmp(path, "/f", 2))
		return -ENOTDIR;
	if (strncmp(path, "/d", 2) && strncmp(path, "/b", 2))
		return -ENOENT;
	if (strlen(path) >= reallen)
		return -ENAMETOOLONG;
	strcpy(real, path);
	*major = 8;
	*minor = path[1] == 'd' ? 1 : 2;
	return 0;
}

static const char *fuzz_mountinfo_text(void *ctx)
{
	(void)ctx;
	return fuzz_mountinfo;
}

static const struct hc_resolver fuzz_resolver = {
	.lookup = fuzz_lookup,
	.mountinfo = fuzz_mountinfo_text,
};

static void check_message(void *ctx, const char *msg)
{
	(void)ctx;
	/* Every message starts with the file name. */
	if (strncmp(msg, "fuzz.conf:", 10))
		abort();
}

static void fuzz_conf(const uint8_t *data, size_t size)
{
	static struct hc_conf conf;
	unsigned int i;

	hc_conf_init(&conf, "fuzz.conf");
	conf.resolver = &fuzz_resolver;
	conf.report = check_message;
	if (hc_conf_parse(&conf, (const char *)data, size))
		return;
	for (i = 0; i < HC_NR_PARAMS; i++) {
		u64 num;

		if (hc_param_check(&hc_params[i], conf.v[i].value, &num, NULL,
				   0))
			abort();
		if (hc_params[i].kind != HC_FSLIST &&
		    hc_params[i].kind != HC_PATHLIST && num != conf.v[i].num)
			abort();
	}
}

/* The input as a mountinfo text, for a few paths and devices. */
static void fuzz_mountinfo_inside(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "/", "/d", "/b/x", "/b c/y" };
	char *text = malloc(size + 1), out[256];
	unsigned int i;

	if (!text)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < ARRAY_SIZE(paths); i++)
		if (!hc_mountinfo_inside(text, paths[i], 8, i % 3, out,
					 sizeof(out)) && out[0] != '/')
			abort();
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_conf(data, size);
	fuzz_mountinfo_inside(data, size);
	return 0;
}
