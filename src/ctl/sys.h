/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Access to the loaded module: /sys/module/hotcold, /proc/hotcold and
 * modprobe.  HOTCOLD_SYSFS, HOTCOLD_PROC and HOTCOLD_MODPROBE replace
 * /sys, /proc and /sbin/modprobe so that tests can run on a fake tree.
 */
#ifndef HC_SYS_H
#define HC_SYS_H

#include "params.h"
#include "protect.h"

#define HC_MODULE	"hotcold"

bool hc_module_loaded(void);

/* Read a whole small file below /sys or /proc; -errno on failure. */
int hc_sys_read(const char *rel, char *buf, size_t len);
int hc_proc_read(const char *rel, char *buf, size_t len);

/*
 * Read a whole file below /proc of any size (up to 256 MiB) into a
 * malloc()ed, NUL-terminated *@buf.  Returns its length or -errno.
 */
long hc_proc_read_all(const char *rel, char **buf);

/* Directories and mounts as this system sees them (HOTCOLD_PROC aside). */
extern const struct hc_resolver hc_sys_resolver;

/* Current value of parameter @name, without its newline; -errno. */
int hc_param_read(const char *name, char *buf, size_t len);

/* Write @value to parameter @name in one write(); -errno. */
int hc_param_write(const char *name, const char *value);

/*
 * Replace @path with @len bytes of @data atomically: a temporary file in
 * the same directory, fsync, rename, fsync of the directory.  Readers see
 * the old file or the new one, never a part.  Mode 0644.  -errno.
 */
int hc_write_atomic(const char *path, const char *data, size_t len);

/*
 * Run modprobe with @args (NULL-terminated, without the program name).
 * Returns its exit status, or -errno if it could not be run.
 */
int hc_modprobe(const char *const *args);

#endif /* HC_SYS_H */
