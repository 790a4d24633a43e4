# SPDX-License-Identifier: GPL-2.0
# Shared helpers of tests/vm/run (sourced).

log() { echo "vm: $*" >&2; }
die() { echo "vm: error: $*" >&2; exit 2; }

# run CMD... with its output in LOGFILE; on failure print the tail and fail
logged() {
	local logfile=$1; shift
	if ! "$@" >"$logfile" 2>&1; then
		log "failed: $* (log: $logfile)"
		tail -n 15 "$logfile" | sed 's/^/vm:   /' >&2
		return 1
	fi
}

need_tools() {
	local t missing=
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
	done
	[ -z "$missing" ] || die "missing tools:$missing (install tests/deps/vm.pkgs: tests/install-deps)"
}
