#!/usr/bin/env bash
# Fetch a pinned Debian source package into a directory under build/.
#   scripts/deb-source.sh PACKAGE VERSION DEST
# apt-get source checks the signed index and every checksum the .dsc
# lists; a mismatch fails and so do we.  Nothing fetched is committed.
# The first use adds a deb-src entry twin of the existing deb entry (same
# host, suites and keyring) and runs apt-get update (root, or sudo).
# Idempotent: does nothing once DEST holds the unpacked tree.
set -euo pipefail

pkg=$1 version=$2 dest=$3
srclist=/etc/apt/sources.list.d/jiny-deb-src.sources
mark=$dest/.fetched-$pkg-$version

say() { echo "deb-source: $*" >&2; }
die() { echo "deb-source: error: $*" >&2; exit 1; }

[ -f "$mark" ] && exit 0
command -v dpkg-source >/dev/null || die "dpkg-source missing (apt-get install dpkg-dev)"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo

offered() {
	apt-cache showsrc "$pkg" 2>/dev/null | grep -qx "Version: $version"
}
if ! offered; then
	if [ ! -f "$srclist" ]; then
		main=/etc/apt/sources.list.d/debian.sources
		[ -f "$main" ] || die "$main not found: add a deb-src entry for Debian bookworm by hand"
		say "adding $srclist (deb-src twin of $main)"
		sed -n 's/^Types:.*deb\b.*/Types: deb-src/; /^#/d; p' "$main" |
			$sudo tee "$srclist" >/dev/null
	fi
	say "apt-get update (for the source index)"
	$sudo apt-get update -q >&2
	offered || die "source package $pkg $version is not offered by the deb-src entries"
fi
rm -rf "$dest"
mkdir -p "$dest"
say "apt-get source $pkg=$version into $dest"
(cd "$dest" && apt-get source -q --only-source "$pkg=$version" >&2) ||
	die "apt-get source $pkg=$version failed"
touch "$mark"
