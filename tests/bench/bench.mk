# SPDX-License-Identifier: GPL-2.0
# make demo                                   stock vs hotcold on a 6.12 VM, build/demo/hotcold-demo.png
# make bench [SCENARIOS="1 2 3 4 5 6 7"] [REPS=3]   build/bench/REPORT.md (see tests/bench/README.md)
# Included by the top Makefile.

SCENARIOS ?= 1 2 3 4 5 6 7
REPS ?= 3

.PHONY: bench demo bench-deps

bench-deps:
	@tests/install-deps

demo: bench-deps
	@tests/bench/run demo

bench: bench-deps
	@tests/bench/run bench --scenarios "$(SCENARIOS)" --reps "$(REPS)"
