#!/usr/bin/env bash
# Fetch Debian's busybox source package, pinned to the version the host's
# /bin/busybox (busybox-static) was built from, into build/busybox-src/.
# apt-get source checks the .dsc signature and the checksums of every file
# it lists; nothing here is ever committed.
#
#   scripts/busybox-src.sh [--print-dir]
#
# Idempotent: it prints nothing and does nothing once the tree is unpacked.
# The first run adds a deb-src entry (same host, suites and keyring as the
# deb entry of debian.sources) and runs apt-get update; needs root then.
# --print-dir prints the unpacked source directory on stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=1:1.35.0-4+deb12u1
UPSTREAM=1.35.0
DEST=$ROOT/build/busybox-src
SRCDIR=$DEST/busybox-$UPSTREAM
SRCLIST=/etc/apt/sources.list.d/jiny-deb-src.sources

print_dir=0
[ "${1-}" = --print-dir ] && print_dir=1

done_mark=$DEST/.fetched-$VERSION
if [ -f "$done_mark" ] && [ -f "$SRCDIR/testsuite/runtest" ]; then
	[ $print_dir = 1 ] && echo "$SRCDIR"
	exit 0
fi

say() { echo "busybox-src: $*" >&2; }
die() { echo "busybox-src: error: $*" >&2; exit 1; }

command -v dpkg-source >/dev/null || die "dpkg-source missing (apt-get install dpkg-dev)"

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo

# deb-src for the same Debian host as the binary entry.
if ! apt-cache showsrc busybox 2>/dev/null | grep -qx "Version: $VERSION"; then
	if [ ! -f "$SRCLIST" ]; then
		main=/etc/apt/sources.list.d/debian.sources
		[ -f "$main" ] || die "$main not found: add a deb-src entry for Debian bookworm by hand"
		say "adding $SRCLIST (deb-src twin of $main)"
		# Each stanza of debian.sources, with Types: deb-src.
		sed -n 's/^Types:.*deb\b.*/Types: deb-src/; /^#/d; p' "$main" |
			$sudo tee "$SRCLIST" >/dev/null
	fi
	say "apt-get update (for the source index)"
	$sudo apt-get update -q >&2
	apt-cache showsrc busybox 2>/dev/null | grep -qx "Version: $VERSION" ||
		die "source package busybox $VERSION not offered by the configured deb-src entries"
fi

rm -rf "$DEST"
mkdir -p "$DEST"
say "apt-get source busybox=$VERSION into $DEST"
# apt-get source verifies the signed index and the .dsc checksums; a
# mismatch makes it fail, and so do we.
(cd "$DEST" && apt-get source -q --only-source "busybox=$VERSION" >&2) ||
	die "apt-get source failed"
[ -f "$SRCDIR/testsuite/runtest" ] || die "no testsuite/runtest in $SRCDIR"
[ -f "$SRCDIR/debian/config/pkg/static" ] ||
	die "no debian/config/pkg/static in $SRCDIR (Debian's static flavour config)"
touch "$done_mark"
[ $print_dir = 1 ] && echo "$SRCDIR"
exit 0
