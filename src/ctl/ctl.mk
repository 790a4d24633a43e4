# SPDX-License-Identifier: GPL-2.0
#
# hotcoldctl, its generated documentation, its tests and fuzzing.
# Included by the top Makefile, which sets VERSION and BUILD.

PREFIX     ?= /usr
SBINDIR    ?= $(PREFIX)/sbin
MANDIR     ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
UNITDIR    ?= $(PREFIX)/lib/systemd/system

CTL_BUILD  := $(BUILD)/ctl
# CFLAGS last: distribution builds (RPM %optflags) add hardening flags.
CTL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE \
	      -Isrc/common -Isrc/ctl -DHC_VERSION='"$(VERSION)"' \
	      -DHC_CONF_PATH_DEFAULT='"$(SYSCONFDIR)/hotcold.conf"' $(CFLAGS)
CTL_DEPS   := $(wildcard src/common/*.h src/common/*.def src/ctl/*.h \
			 src/ctl/*.def) src/VERSION src/ctl/ctl.mk
# The parser, without the files that touch the system: tests and fuzzing.
CTL_CORE   := src/common/params.c src/common/statdesc.c src/ctl/conf.c \
	      src/ctl/units.c src/ctl/protect.c
CTL_SRCS   := $(CTL_CORE) src/ctl/sys.c src/ctl/stats.c src/ctl/apply.c \
	      src/ctl/status.c src/ctl/main.c

CTL_UNITS  := hotcold.service hotcold-metrics.service hotcold-metrics.timer

FUZZ_CC    ?= clang
FUZZ_TIME  ?= 600
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined \
	      -fno-sanitize-recover=undefined -D_GNU_SOURCE \
	      -Isrc/common -Isrc/ctl -DHC_VERSION='"$(VERSION)"'

.PHONY: ctl ctl-tests ctl-docs fuzz install-ctl

ctl: $(CTL_BUILD)/hotcoldctl

$(CTL_BUILD)/hotcoldctl: $(CTL_SRCS) $(CTL_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CTL_CFLAGS) -o $@ $(CTL_SRCS) $(LDFLAGS)

$(CTL_BUILD)/gendoc: src/ctl/gendoc.c src/ctl/stats.c src/ctl/sys.c \
		     $(CTL_CORE) $(CTL_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CTL_CFLAGS) -o $@ src/ctl/gendoc.c src/ctl/stats.c \
		src/ctl/sys.c $(CTL_CORE) $(LDFLAGS)

# Regenerate etc/hotcold.conf and the generated parts of the man pages.
ctl-docs: $(CTL_BUILD)/gendoc
	src/ctl/update-docs $(CTL_BUILD)/gendoc .

$(CTL_BUILD)/test-ctl: tests/ctl/test_ctl.c src/ctl/stats.c src/ctl/sys.c \
		       $(CTL_CORE) $(CTL_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CTL_CFLAGS) -o $@ tests/ctl/test_ctl.c src/ctl/stats.c \
		src/ctl/sys.c $(CTL_CORE) $(LDFLAGS) -lcmocka

ctl-tests: $(CTL_BUILD)/hotcoldctl $(CTL_BUILD)/gendoc $(CTL_BUILD)/test-ctl

$(CTL_BUILD)/fuzz-conf: tests/fuzz/fuzz_conf.c $(CTL_CORE) $(CTL_DEPS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_conf.c $(CTL_CORE)

# New inputs go to build/; tests/fuzz/corpus/ holds the committed seeds,
# and the shipped config seeds every key.
fuzz: $(CTL_BUILD)/fuzz-conf
	@mkdir -p $(CTL_BUILD)/fuzz-corpus $(CTL_BUILD)/fuzz-artifacts
	cp etc/hotcold.conf $(CTL_BUILD)/fuzz-corpus/shipped.conf
	$(CTL_BUILD)/fuzz-conf -max_total_time=$(FUZZ_TIME) -max_len=4096 \
		-dict=tests/fuzz/conf.dict \
		-artifact_prefix=$(CTL_BUILD)/fuzz-artifacts/ \
		$(CTL_BUILD)/fuzz-corpus tests/fuzz/corpus

install-ctl: ctl
	install -D -m 0755 $(CTL_BUILD)/hotcoldctl $(DESTDIR)$(SBINDIR)/hotcoldctl
	install -D -m 0644 man/hotcold.4 $(DESTDIR)$(MANDIR)/man4/hotcold.4
	install -D -m 0644 man/hotcold.conf.5 \
		$(DESTDIR)$(MANDIR)/man5/hotcold.conf.5
	install -D -m 0644 man/hotcoldctl.8 $(DESTDIR)$(MANDIR)/man8/hotcoldctl.8
	install -D -m 0644 etc/hotcold.conf $(DESTDIR)$(SYSCONFDIR)/hotcold.conf
	@mkdir -p $(DESTDIR)$(UNITDIR)
	for u in $(CTL_UNITS); do \
		sed 's|/usr/sbin/hotcoldctl|$(SBINDIR)/hotcoldctl|' \
			systemd/$$u > $(DESTDIR)$(UNITDIR)/$$u && \
		chmod 0644 $(DESTDIR)$(UNITDIR)/$$u || exit 1; \
	done
