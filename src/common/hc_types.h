/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few definitions that let plain-C files (parameter checks, the
 * hot/cold policy) compile both into the module and into userspace
 * programs and unit tests.
 */
#ifndef HC_TYPES_H
#define HC_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#endif /* HC_TYPES_H */
