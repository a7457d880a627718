#!/usr/bin/env bash
# Debian's dynamically linked programs for the dynamic-ELF boot cases:
# busybox (not busybox-static), coreutils, python3.11 and the libraries
# their ELF NEEDED entries resolve to.  Pinned versions, checked against the
# SHA-256 sums below (Debian 12's Packages index), fetched with
# `apt-get download` into build/cache/apps/ and unpacked with
# `dpkg-deb -x` under build/apps/root/; nothing is installed on the host
# and nothing fetched is committed.
#
# Produces build/apps-initrd.cpio: that tree, the test scripts
# tests/progs/dynelf-test.sh and dynelf-py.py in /bin, and /etc/dynelf.sums,
# the SHA-256 sums computed here on the host of the files the guest
# checks with its own sha256sum.
# Idempotent: quiet and fast when the archive is newer than its inputs.
# Usage: scripts/debian-apps.sh [--force]
set -euo pipefail

die() { echo "debian-apps: error: $*" >&2; exit 1; }
say() { echo "debian-apps: $*" >&2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}
CACHE=$BUILD/cache/apps
TREE=$BUILD/apps/root
OUT=$BUILD/apps-initrd.cpio
TEST=$ROOT/tests/progs/dynelf-test.sh
PYTEST=$ROOT/tests/progs/dynelf-py.py

# package version sha256 (from `apt-cache show --no-all-versions`)
PKGS="
busybox       1:1.35.0-4+deb12u1+b1  4b355fad07d4fe1f5aa282e949281f8dcb7bcdebb023d7e40f4f8fe475e21e29
coreutils     9.1-1                  61038f857e346e8500adf53a2a0a20859f4d3a3b51570cc876b153a2d51a3091
libc6         2.36-9+deb12u14        ba4f88f73dbc3ae9055f3c20f4523bfdbaf1ad13ff95e258924f77d20b4fbedf
libselinux1   3.4-1+b6               2b07f5287b9105f40158b56e4d70cc1652dac56a408f3507b4ab3d061eed425f
libpcre2-8-0  10.42-1+deb12u2        d2f7edfcc7689b9e0761c2742cc824ac86a20768bc5e8057818dc6875291fe76
libacl1       2.3.1-3                8be9df5795114bfe90e2be3d208ef47a5edd3fc7b3e20d387a597486d444e5e2
libattr1      1:2.5.1-4              c4945123d66d0503ba42e2fc0585abc76d0838978c6d277b9cc37a4da25d1a34
libcap2       1:2.66-4+deb12u3+b1    8d684c673e7483802a5c447834b0df6fce006eb3a7109e1be412f5ad425bb24f
libgmp10      2:6.2.1+dfsg1-1.1      187aedef2ed763f425c1e523753b9719677633c7eede660401739e9c893482bd
python3.11-minimal    3.11.2-6+deb12u9  b5f855ab922dfcd5d1a3223b2118c3dae13ffc7751b0cd5dc24740386323a33a
libpython3.11-minimal 3.11.2-6+deb12u9  69f41cfa3f4ba17284e538f843069d7529c53c207d2ae17a5b02785944870e33
libpython3.11-stdlib  3.11.2-6+deb12u9  10f13e000ee757f5f2d2d3569f9e30546214a0c850acd78695feae373bfa3e53
libexpat1     2.5.0-1+deb12u5        cae5ded666d8573dd33060bc66fbac21eea8b101a6b56e2af8bd590fcfa65d79
zlib1g        1:1.2.13.dfsg-1+deb12u1 ad9f1ea0537a32c9eaecc619563a9db596a5dee33afce8393b1083f22d301e1d
libssl3       3.0.22-1~deb12u2       cb4784740daa9b3b0eaea2b444bbefa686794afbbf3d678d238c1fd9875f2efd
"

force=0
[[ ${1:-} == --force ]] && force=1
if [[ $force == 0 && -s $OUT && $OUT -nt ${BASH_SOURCE[0]} && $OUT -nt $TEST && $OUT -nt $PYTEST ]]; then
    exit 0
fi
for t in apt-get dpkg-deb sha256sum cpio; do
    command -v "$t" >/dev/null || die "'$t' not found (this script needs a Debian host)"
done

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
command -v flock >/dev/null && flock 9

# The .deb of package $1 at version $2 (apt's file name: epoch's ':' as %3a).
deb_of() { echo "$CACHE/${1}_${2//:/%3a}_amd64.deb"; }

while read -r pkg ver sum; do
    [[ -n $pkg ]] || continue
    deb=$(deb_of "$pkg" "$ver")
    if [[ ! -s $deb ]]; then
        say "downloading $pkg $ver"
        ( cd "$CACHE" && apt-get download -q -o APT::Sandbox::User=root "$pkg=$ver" >/dev/null ) ||
            die "apt-get download $pkg=$ver failed (is the Debian 12 mirror configured?)"
    fi
    [[ -s $deb ]] || die "$deb missing after download"
    got=$(sha256sum "$deb" | cut -d' ' -f1)
    if [[ $got != "$sum" ]]; then
        rm -f "$deb"
        die "$pkg $ver: sha256 $got, expected $sum (file removed)"
    fi
done <<<"$PKGS"

say "unpacking into ${TREE#$ROOT/}"
rm -rf "$TREE"
mkdir -p "$TREE"
while read -r pkg ver sum; do
    [[ -n $pkg ]] || continue
    dpkg-deb -x "$(deb_of "$pkg" "$ver")" "$TREE"
done <<<"$PKGS"
# What the programs need beside their libraries; docs are dead weight.
rm -rf "$TREE"/usr/share/{doc,man,info,locale,lintian,bug} "$TREE"/usr/lib/x86_64-linux-gnu/gconv
rm -rf "$TREE"/usr/lib/python3.11/{test,idlelib,tkinter,ensurepip,lib2to3,pydoc_data,turtledemo}
find "$TREE"/usr/lib/python3.11 -name '*_test*.so' -delete
mkdir -p "$TREE"/{proc,tmp,dev,etc,root}
cp "$ROOT/initrd/passwd" "$ROOT/initrd/group" "$TREE/etc/"
cp "$TEST" "$TREE/bin/dynelf-test.sh"
cp "$PYTEST" "$TREE/bin/dynelf-py.py"
chmod 755 "$TREE/bin/dynelf-test.sh" "$TREE/bin/dynelf-py.py"
# Every program the test runs must find its libraries in the tree (what
# ldd would resolve, checked without running anything).
for prog in bin/busybox bin/ls usr/bin/sort usr/bin/sha256sum usr/bin/python3.11; do
    [[ -x $TREE/$prog ]] || die "$prog missing from the packages"
    for lib in $(objdump -p "$TREE/$prog" | awk '$1 == "NEEDED" { print $2 }'); do
        found=0
        for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do
            [[ -e $TREE/$d/$lib ]] && found=1
        done
        ((found)) || die "$prog needs $lib, which no package provides"
    done
done
# Sums the guest's sha256sum must reproduce, computed here.
( cd "$TREE" && sha256sum bin/ls usr/bin/sort lib/x86_64-linux-gnu/libc.so.6 ) >"$TREE/etc/dynelf.sums"

( cd "$TREE" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --owner=0:0 --quiet ) >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
say "${OUT#$ROOT/}: $(( $(stat -c %s "$OUT") / 1024 )) KiB"
