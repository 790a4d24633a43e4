# SPDX-License-Identifier: GPL-2.0
#
# hotcold: top-level build.  `make help` lists the targets.

VERSION := $(shell cat src/VERSION)
BUILD   ?= $(CURDIR)/build

# Target kernel: KDIR wins, else KVER, else the running kernel if its
# headers are installed, else the newest installed headers.
KVER ?= $(shell uname -r)
ifeq ($(KDIR),)
KDIR := $(firstword $(wildcard /lib/modules/$(KVER)/build) \
	  $(lastword $(sort $(wildcard /lib/modules/*/build))))
endif

.PHONY: all help module check check-packaging unit clean

all: module ctl

help:
	@echo 'make module [KVER=<version> | KDIR=<dir>]  build hotcold.ko into build/module/<release>/'
	@echo 'make ctl                                   build hotcoldctl into build/ctl/'
	@echo 'make unit                                  userspace unit tests (TAP)'
	@echo 'make check                                 install test dependencies, run every suite (~35 min)'
	@echo 'make check-packaging                       only the RPM/DKMS suites, end-to-end test included (30-50 min)'
	@echo 'make fuzz                                  longer fuzzing run of the config parser'
	@echo 'make srpm | rpm                            packages into build/rpm/'
	@echo 'make clean'

module:
	@test -n "$(KDIR)" || { echo 'no kernel headers found: install kernel-devel (dnf) or linux-headers (apt), or pass KDIR=' >&2; exit 2; }
	@src/kernel/build-module "$(KDIR)" "$(BUILD)/module"

check:
	@tests/check

# The packaging suites alone (make check runs them too).
check-packaging:
	@HOTCOLD_SUITES="packaging packaging-e2e" tests/check

clean:
	rm -rf $(BUILD)

-include src/ctl/ctl.mk
-include tests/unit/unit.mk
-include packaging/packaging.mk
-include tests/vm/vm.mk
-include tests/bench/bench.mk
