# SPDX-License-Identifier: GPL-2.0
# RHEL's own kernels from ../shared/kernels (sourced).
#
# Every <dist>/boot/bzImage and <dist>/debug/bzImage there is a kernel
# config of the matrix (el9, el9-debug, ...), found by glob: a kernel
# dropped there joins without a change here.  Next to each bzImage lies
# devel-<release>.tar.xz, the build tree of that very kernel; it is
# unpacked once into $CACHE/rhel-boot/<release>/.  The drivers a guest
# needs (virtio, ext4, xfs) are built in: no modules to load.

RHEL_KERNELS=${HOTCOLD_RHEL_KERNELS:-$TOP/../shared/kernels}

# Tests of the debug kernel (KASAN, lockdep): those that look for lifetime
# and locking bugs.  Under TCG it runs them several times slower than the
# plain kernels do, and on a loaded machine up to 10-40 times (an ext4
# boot with 3x fewer cycles: dirty-safety 887 s, lifetime over 900 s,
# against 19-44 s and 78-178 s on the plain kernels; one with 6x fewer:
# 72 s and 158 s).  So its tests repeat their cycles 6 times less (at least
# twice: KASAN and lockdep catch a bad path the first time it runs).  Its
# test timeout is 3x longer (15 min: a test that needs more is a finding,
# and must not cost CI an hour), and a silent guest is given 2 more
# minutes than that: a slow test is ended by the guest (which goes on
# with the next), not the whole boot.
DEBUG_TESTS="lifetime dirty-safety freeze"
DEBUG_SLOWDOWN=6
DEBUG_TIMEOUT_FACTOR=3

# rhel_configs: "name lru kind dir -" for each boot kernel found (the
# format of matrix_configs in tests/vm/run)
rhel_configs() {
	local img dir dist flavour
	for img in "$RHEL_KERNELS"/*/boot/bzImage "$RHEL_KERNELS"/*/debug/bzImage; do
		[ -f "$img" ] || continue
		dir=$(dirname "$img")
		flavour=$(basename "$dir")
		dist=$(basename "$(dirname "$dir")")
		case $flavour in
		boot)	echo "$dist - rhel $dir -" ;;
		debug)	echo "$dist-debug - rhel-debug $dir -" ;;
		esac
	done | sort -V
}

# rhel_tree DIR: unpack DIR/devel-<release>.tar.xz into the cache once and
# print "RELEASE TREE".  Unpacked into a temporary directory and moved in
# place, so that a concurrent run (or helper) never sees half a tree.
rhel_tree() {
	local dir=$1 tarball rel tree tmp
	tarball=$(ls "$dir"/devel-*.tar.xz 2>/dev/null | head -n 1)
	[ -n "$tarball" ] || { log "no devel-<release>.tar.xz in $dir"; return 1; }
	rel=$(basename "$tarball" .tar.xz)
	rel=${rel#devel-}
	tree=$CACHE/rhel-boot/$rel
	if [ ! -f "$tree/include/generated/utsrelease.h" ]; then
		mkdir -p "$CACHE/rhel-boot"
		tmp=$(mktemp -d "$CACHE/rhel-boot/.unpack.XXXXXX")
		log "unpacking $tarball into $tree"
		tar -xJf "$tarball" -C "$tmp" || { rm -rf "$tmp"; log "cannot unpack $tarball"; return 1; }
		[ -d "$tmp/$rel" ] || { rm -rf "$tmp"; log "$tarball has no top directory $rel/"; return 1; }
		# another run may have won the race: keep its tree
		mv -T "$tmp/$rel" "$tree" 2>/dev/null || [ -f "$tree/include/generated/utsrelease.h" ] ||
			{ rm -rf "$tmp"; log "cannot move the tree to $tree"; return 1; }
		rm -rf "$tmp"
	fi
	echo "$rel $tree"
}
