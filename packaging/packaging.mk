# SPDX-License-Identifier: GPL-2.0
#
# RPM packaging (included by the top Makefile).
#
#   make srpm            build/rpm/SRPMS/hotcold-<version>-<release>.src.rpm
#   make rpm             the SRPM, then `rpmbuild --rebuild` of it (as the EL
#                        fleet does) into build/rpm/RPMS/{noarch,<arch>}/
#   make rpmlint         rpmlint (with packaging/hotcold.rpmlintrc) on all of them
#   make install-dkms-src DESTDIR=... [PREFIX=/usr]
#                        the DKMS source tree, /usr/src/hotcold-<version>/,
#                        with the version written into dkms.conf (the RPM's
#                        %install uses it; so can a manual DKMS install)
#
# The spec given to rpmbuild is build/rpm/hotcold.spec: packaging/hotcold.spec
# with @VERSION@ and @RELEASE@ filled in, so the SRPM needs no --define.
# RPM_RELEASE=N sets the Release (default 1).  The tarball is `git archive`
# of HEAD in a git checkout (a warning says so when the work tree has
# uncommitted changes) and a tar of the tree otherwise; SOURCE_FROM=tree
# packs the work tree (files git knows or does not ignore) in a checkout too.

RPM_RELEASE ?= 1
SOURCE_FROM ?= auto
RPM_TOP     := $(BUILD)/rpm
RPM_NAME    := hotcold-$(VERSION)
# Debian's rpm (test machines) runs brp-compress, a bash script there, with
# /bin/sh = dash, which fails and leaves man pages uncompressed: run it with
# bash.  Build-host only; the SRPM stays as it is.
RPM_HOST_DEFS := $(if $(wildcard /etc/debian_version),--define "__brp_compress bash %{_rpmconfigdir}/brp-compress %{?_prefix}")
RPMBUILD    := rpmbuild --define "_topdir $(RPM_TOP)" --nodeps $(RPM_HOST_DEFS)
PREFIX      ?= /usr
DKMS_SRC     = $(DESTDIR)$(PREFIX)/src/hotcold-$(VERSION)

.PHONY: srpm rpm rpmlint install-dkms-src rpm-tarball

# What DKMS needs: the recipe, the version, the module and the shared
# parameter table.  Build products of an in-tree build are left out.
install-dkms-src:
	@test -f src/kernel/configure -a -f src/kernel/build-module || \
		{ echo 'install-dkms-src: src/kernel/configure and src/kernel/build-module are missing' >&2; exit 2; }
	rm -rf '$(DKMS_SRC)'
	install -d '$(DKMS_SRC)/src'
	tar -c --exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c' \
		--exclude='.*.cmd' --exclude='*.cmd' --exclude=hc_config.h --exclude=Module.symvers \
		--exclude=modules.order --exclude=.gitignore src/kernel src/common | \
		tar -x --no-same-owner -C '$(DKMS_SRC)'
	install -m 0644 src/VERSION '$(DKMS_SRC)/src/VERSION'
	sed 's/@VERSION@/$(VERSION)/g' dkms.conf > '$(DKMS_SRC)/dkms.conf'
	chmod 0644 '$(DKMS_SRC)/dkms.conf'
	@! grep -n '@VERSION@' '$(DKMS_SRC)/dkms.conf'

rpm-tarball:
	@mkdir -p $(RPM_TOP)/SOURCES $(RPM_TOP)/SRPMS
	@set -e; out=$(RPM_TOP)/SOURCES/$(RPM_NAME).tar.gz; \
	if [ "$(SOURCE_FROM)" = auto ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		if [ -n "$$(git status --porcelain --untracked-files=normal 2>/dev/null)" ]; then \
			echo 'packaging: the tarball is HEAD (git archive); uncommitted changes are not in it (SOURCE_FROM=tree packs the work tree)' >&2; \
		fi; \
		git archive --format=tar.gz --prefix=$(RPM_NAME)/ -o "$$out" HEAD; \
	else \
		if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
			git ls-files -z --cached --others --exclude-standard | \
				xargs -0 -r sh -c 'for f; do [ -e "$$f" ] && printf "%s\0" "$$f"; done' sh > $(RPM_TOP)/filelist; \
		else \
			find . \( -path ./build -o -path ./.git \) -prune -o \( -type f -o -type l \) -printf '%P\0' > $(RPM_TOP)/filelist; \
		fi; \
		tar -c --null -T $(RPM_TOP)/filelist --sort=name --owner=0 --group=0 --numeric-owner \
			--transform 's|^|$(RPM_NAME)/|' | gzip -n > "$$out"; \
	fi

srpm: rpm-tarball
	sed -e 's/@VERSION@/$(VERSION)/g' -e 's/@RELEASE@/$(RPM_RELEASE)/g' \
		packaging/hotcold.spec > $(RPM_TOP)/hotcold.spec
	rm -f $(RPM_TOP)/SRPMS/$(RPM_NAME)-$(RPM_RELEASE).*src.rpm
	$(RPMBUILD) -bs $(RPM_TOP)/hotcold.spec

rpm: srpm
	$(RPMBUILD) --rebuild $(RPM_TOP)/SRPMS/$(RPM_NAME)-$(RPM_RELEASE).*src.rpm

rpmlint:
	rpmlint -r packaging/hotcold.rpmlintrc $(RPM_TOP)/hotcold.spec \
		$(RPM_TOP)/SRPMS/$(RPM_NAME)-$(RPM_RELEASE).*src.rpm \
		$(wildcard $(RPM_TOP)/RPMS/*/hotcold-*$(VERSION)-$(RPM_RELEASE).*.rpm)
