#!/usr/bin/env bash
# Builds funnel in release mode with the Swift runtime linked statically and installs PREFIX/bin/funnel.
#
#   scripts/install.sh [PREFIX]        PREFIX defaults to /usr/local
#
# Works from any directory (the source tree is found from this script's own location). Running it
# again rebuilds only what changed and replaces the binary atomically. The build lives in
# .build-release/ inside the source tree, apart from the debug build in .build/.
# Needs Swift 6.2+ and, on Linux, the development files of SQLite and libcurl (Debian/Ubuntu:
# libsqlite3-dev libcurl4-openssl-dev; Foundation's networking, linked statically, links libcurl).
# The installed binary needs no Swift toolchain: only the C and C++ libraries, libsqlite3 and libcurl.
set -euo pipefail

usage() { echo "usage: $0 [PREFIX]   (installs PREFIX/bin/funnel; PREFIX defaults to /usr/local)"; }
fail() { echo "install.sh: error: $*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  -*) usage >&2; fail "unknown option $1" ;;
esac
[ $# -le 1 ] || { usage >&2; fail "expected at most one argument (PREFIX), got $#"; }

prefix="${1:-/usr/local}"
[ -n "$prefix" ] || fail "PREFIX is empty"
# A relative PREFIX is relative to where the script was called from, not to the source tree.
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$repo/Package.swift" ] || fail "no Package.swift in $repo: run the install.sh of a funnel source tree"
command -v swift >/dev/null 2>&1 ||
  fail "swift is not on PATH: install Swift 6.2 or later (https://www.swift.org/install/) and run this again"

# Create the destination before the long build, so a PREFIX we cannot write fails at once.
mkdir -p "$prefix/bin" 2>/dev/null || fail "cannot create $prefix/bin (run with sudo, or pass a PREFIX you can write)"
[ -w "$prefix/bin" ] || fail "$prefix/bin is not writable (run with sudo, or pass a PREFIX you can write)"

build=(swift build --package-path "$repo" --scratch-path "$repo/.build-release" -c release)
# Linux only: on macOS the Swift runtime is part of the system and cannot be linked statically.
[ "$(uname -s)" = Linux ] && build+=(--static-swift-stdlib)
echo "install.sh: building funnel (release, static Swift runtime) in $repo/.build-release" >&2
"${build[@]}" --product funnel >&2 ||
  fail "swift build failed (see above); nothing was installed. (Debian/Ubuntu need libsqlite3-dev and libcurl4-openssl-dev: 'cannot find -lcurl' means the latter is missing)"
bin="$("${build[@]}" --show-bin-path)/funnel"
[ -x "$bin" ] || fail "the build reported success but $bin is missing"

# Copy next to the destination, then rename: a running funnel keeps its inode, and a failed copy
# leaves the previous binary in place.
temporary="$prefix/bin/.funnel.$$.tmp"
trap 'rm -f "$temporary"' EXIT
install -m 0755 "$bin" "$temporary" || fail "cannot write $temporary"
mv -f "$temporary" "$prefix/bin/funnel"
trap - EXIT

version="$("$prefix/bin/funnel" --version)" || fail "$prefix/bin/funnel was installed but does not run"
echo "install.sh: installed $prefix/bin/funnel (funnel $version)" >&2
echo "$prefix/bin/funnel"
