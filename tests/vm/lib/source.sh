# SPDX-License-Identifier: GPL-2.0
# Kernels whose headers package cannot build here (sourced).
#
# Debian sid's linux-headers pass flags of a newer gcc and ship host tools
# linked against a newer glibc.  Instead: unpack linux-source-X.Y of the
# same version, take Debian's config from the image package, run
# `make olddefconfig modules_prepare` with the host's gcc and the Debian
# release string, and take Module.symvers (the symbol CRCs of the real
# kernel) from the headers package.  The tree is cached like a headers dir.

SOURCE_BUILD_TIMEOUT=${HOTCOLD_VM_SOURCE_TIMEOUT:-900}

# config_dropped DEBIANCONFIG TREECONFIG: options Debian's kernel has that
# the tree lost in olddefconfig (toolchain version options left out)
config_dropped() {
	comm -23 <(grep -E '^CONFIG_[A-Z0-9_]+=[ym]$' "$1" | sort) \
		<(grep -E '^CONFIG_[A-Z0-9_]+=[ym]$' "$2" | sort) |
		grep -Ev '^CONFIG_(CC_HAS_|RUST|PAHOLE_HAS_)'
}

# source_kernel CONFIG SUITES REGEX: print "RELEASE ROOT BUILDDIR"; on
# failure the last line on stderr says why (the caller reports a SKIP).
source_kernel() {
	local config=$1 suites=$2 regex=$3 rel kdir ver srcpkg tree
	rel=$(resolve_release "$config" "$suites" "$regex") || return 1
	kdir=$CACHE/kernels/$rel
	tree=$kdir/tree
	if [ -f "$kdir/tree.done" ]; then
		echo "$rel $kdir/root $tree"
		return 0
	fi
	[ -f "$kdir/tree.failed" ] && [ -z "${HOTCOLD_VM_REFRESH:-}" ] && {
		log "$(cat "$kdir/tree.failed") (cached failure; HOTCOLD_VM_REFRESH=1 retries)"
		return 1
	}
	# Without pahole, olddefconfig drops DEBUG_INFO_BTF and what depends
	# on it (sched_ext changes struct task_struct): modules would not load.
	command -v pahole >/dev/null || { log "$config: no pahole (package dwarves) to build $rel's tree"; return 1; }
	apt_init "$suites"
	rm -rf "$kdir"
	mkdir -p "$kdir/debs" "$kdir/root"
	ver=$(apt-cache "${APT_OPTS[@]}" show "linux-image-$rel" | awk '$1 == "Version:" { print $2; exit }')
	srcpkg=linux-source-$(echo "$rel" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
	source_fail() { log "$config: $*"; echo "$config: $*" >"$kdir/tree.failed"; return 1; }
	for p in $(image_debs "$rel") "linux-headers-$rel" "$srcpkg=$ver"; do
		log "$config: downloading $p"
		(cd "$kdir/debs" && logged "$kdir/download.log" apt-get "${APT_OPTS[@]}" download "$p") ||
			{ source_fail "could not download $p from $suites"; return 1; }
	done
	for p in "$kdir"/debs/*.deb; do
		dpkg-deb -x "$p" "$kdir/root" || { source_fail "could not unpack $p"; return 1; }
	done
	merged_usr_modules "$kdir/root" "$rel"
	log "$config: unpacking $srcpkg"
	mkdir -p "$tree"
	tar -xaf "$kdir"/root/usr/src/"$srcpkg".tar.* -C "$tree" --strip-components=1 ||
		{ source_fail "could not unpack $srcpkg"; return 1; }
	rm -f "$kdir"/root/usr/src/"$srcpkg".tar.*
	cp "$(kernel_file "$kdir/root" "$rel" config)" "$tree/.config" ||
		{ source_fail "no config of $rel in its image or headers packages"; return 1; }
	log "$config: make olddefconfig modules_prepare (gcc-12, up to ${SOURCE_BUILD_TIMEOUT}s)"
	if ! timeout "$SOURCE_BUILD_TIMEOUT" make -C "$tree" -j2 CC=gcc-12 HOSTCC=gcc-12 \
		KERNELRELEASE="$rel" olddefconfig modules_prepare >"$kdir/prepare.log" 2>&1; then
		source_fail "make modules_prepare of $srcpkg with gcc-12 failed or took over ${SOURCE_BUILD_TIMEOUT}s: $(grep -m1 -E 'error|Error' "$kdir/prepare.log" | cut -c1-160)"
		return 1
	fi
	config_dropped "$(kernel_file "$kdir/root" "$rel" config)" "$tree/.config" >"$kdir/config-dropped"
	[ ! -s "$kdir/config-dropped" ] ||
		log "$config: options of Debian's config the host toolchain cannot build: $(tr '\n' ' ' <"$kdir/config-dropped")"
	echo "$rel" >"$tree/include/config/kernel.release"
	cp "$kdir/root/usr/src/linux-headers-$rel/Module.symvers" "$tree/Module.symvers" ||
		{ source_fail "no Module.symvers in linux-headers-$rel"; return 1; }
	rm -rf "$kdir/debs"
	touch "$kdir/tree.done"
	echo "$rel $kdir/root $tree"
}
