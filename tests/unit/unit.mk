# SPDX-License-Identifier: GPL-2.0
# Userspace unit tests of the plain-C parts shared with the module.

UNIT_DIR    := $(BUILD)/unit
UNIT_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	       -fsanitize=address,undefined -fno-sanitize-recover=all \
	       -Isrc/common -Isrc/kernel
UNIT_TESTS  := $(UNIT_DIR)/test_policy $(UNIT_DIR)/test_params

.PHONY: unit
unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do CMOCKA_MESSAGE_OUTPUT=TAP $$t || exit 1; done

$(UNIT_DIR)/test_policy: tests/unit/test_policy.c src/kernel/policy.c src/kernel/policy.h src/common/hc_types.h
	@mkdir -p $(@D)
	$(CC) $(UNIT_CFLAGS) -o $@ tests/unit/test_policy.c src/kernel/policy.c -lcmocka

$(UNIT_DIR)/test_params: tests/unit/test_params.c src/common/params.c src/common/params.h src/common/params.def
	@mkdir -p $(@D)
	$(CC) $(UNIT_CFLAGS) -o $@ tests/unit/test_params.c src/common/params.c -lcmocka
