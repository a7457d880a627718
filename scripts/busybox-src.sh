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
print_dir=0
[ "${1-}" = --print-dir ] && print_dir=1

done_mark=$DEST/.fetched-$VERSION
if [ -f "$done_mark" ] && [ -f "$SRCDIR/testsuite/runtest" ]; then
	[ $print_dir = 1 ] && echo "$SRCDIR"
	exit 0
fi

die() { echo "busybox-src: error: $*" >&2; exit 1; }

# The fetch itself (deb-src entry, signed index, .dsc checksums) is
# scripts/deb-source.sh's, shared with the musl build.
"$ROOT/scripts/deb-source.sh" busybox "$VERSION" "$DEST" ||
	die "apt-get source busybox=$VERSION failed"
[ -f "$SRCDIR/testsuite/runtest" ] || die "no testsuite/runtest in $SRCDIR"
[ -f "$SRCDIR/debian/config/pkg/static" ] ||
	die "no debian/config/pkg/static in $SRCDIR (Debian's static flavour config)"
touch "$done_mark"
[ $print_dir = 1 ] && echo "$SRCDIR"
exit 0
