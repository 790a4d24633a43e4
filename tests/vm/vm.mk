# SPDX-License-Identifier: GPL-2.0
# make vm [KERNELS="6.12-mglru 6.1"] [TESTS="cold-hot params"]
# Boots each kernel config under qemu and runs the guest tests (TAP).
# Included by the top Makefile.

.PHONY: vm vm-list

vm:
	@tests/vm/run $(foreach k,$(KERNELS),--kernel $(k)) $(TESTS)

vm-list:
	@tests/vm/run --list
