#!/usr/bin/env bash
# lwIP for the kernel: Debian's source package lwip 2.1.3+dfsg1-2, fetched
# and verified by scripts/deb-source.sh (apt checks the signed index and
# the .dsc's checksums) and checked once more here against the .dsc's
# SHA-256 below, into build/lwip-src/; build/lwip points at the tree.
#   scripts/lwip.sh           the source (the kernel's build needs it)
#   scripts/lwip.sh --check   also Debian's check unit-test library
#                             (check, libsubunit-dev; pinned .debs in
#                             build/cache/debs/, unpacked under
#                             build/check/, never installed on the host)
# Idempotent and offline once fetched.  Nothing of lwIP is committed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=2.1.3+dfsg1-2
DSC_SHA256=8d8f944db8e6d542fc2d6f01559078fb1b5dda71651c67ee5fa3571ed1342c50
SRC=$ROOT/build/lwip-src
TREE=lwip-2.1.3+dfsg1
LINK=$ROOT/build/lwip

# package version sha256 (Debian 12's Packages index)
CHECK_DEBS="
check          0.15.2-2+b1  acf2459e93122f4ec0b73a39a63c0d086102a815404f7192573eb56bdfe07576
libsubunit-dev 1.4.0-3      49693ea048c99a1fe78460dfefe9b2cdc0088bd3cddc1318748e675821b732d9
"
CACHE=$ROOT/build/cache/debs
CHECK=$ROOT/build/check

say() { echo "lwip: $*" >&2; }
die() { echo "lwip: error: $*" >&2; exit 1; }

if [ ! -f "$SRC/.verified-$VERSION" ]; then
	"$ROOT/scripts/deb-source.sh" lwip "$VERSION" "$SRC"
	got=$(sha256sum "$SRC/lwip_$VERSION.dsc" | cut -d' ' -f1)
	[ "$got" = "$DSC_SHA256" ] ||
		die "lwip_$VERSION.dsc has SHA-256 $got, not $DSC_SHA256"
	[ -f "$SRC/$TREE/src/core/tcp.c" ] || die "$SRC/$TREE is not lwIP's tree"
	touch "$SRC/.verified-$VERSION"
fi
[ -L "$LINK" ] || ln -sfn "lwip-src/$TREE" "$LINK"

[ "${1:-}" = --check ] || exit 0
[ -f "$CHECK/.done" ] && exit 0
mkdir -p "$CACHE"
rm -rf "$CHECK"
mkdir -p "$CHECK"
while read -r pkg ver sum; do
	[ -n "$pkg" ] || continue
	deb=$CACHE/${pkg}_${ver//:/%3a}_amd64.deb
	if [ ! -f "$deb" ] || ! echo "$sum  $deb" | sha256sum -c --quiet - 2>/dev/null; then
		say "apt-get download $pkg=$ver"
		(cd "$CACHE" && apt-get download -q "$pkg=$ver" >&2) ||
			die "apt-get download $pkg=$ver failed"
	fi
	echo "$sum  $deb" | sha256sum -c --quiet - || die "$deb: checksum mismatch"
	dpkg-deb -x "$deb" "$CHECK"
done <<<"$CHECK_DEBS"
[ -f "$CHECK/usr/include/check.h" ] && [ -f "$CHECK/usr/lib/x86_64-linux-gnu/libcheck.a" ] ||
	die "check's headers or library missing after unpacking"
touch "$CHECK/.done"
