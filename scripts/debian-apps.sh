#!/usr/bin/env bash
# Debian's dynamically linked programs for the dynamic-ELF boot cases:
# busybox (not busybox-static), coreutils, python3.11, stress-ng and the libraries
# their ELF NEEDED entries resolve to.  Pinned versions, checked against the
# SHA-256 sums below (Debian 12's Packages index), fetched with
# `apt-get download` into build/cache/apps/ and unpacked with
# `dpkg-deb -x` under build/apps/root/; nothing is installed on the host
# and nothing fetched is committed.
#
# Produces build/apps-initrd.cpio: that tree, the test scripts
# tests/progs/dynelf-test.sh, dynelf-py.py and dynelf-stress.sh in /bin, and /etc/dynelf.sums,
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
STRESS=$ROOT/tests/progs/dynelf-stress.sh

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
stress-ng     0.15.06-2              8f8e7fd65a3f836a81fbd730a6318796a6a9f159b9c6f5f12f5c56c72f6b2b42
libxxhash0    0.8.1-1                6c19a5d18c8350744581fbd25d5d29e2b7101053e25aafa4e1ffcc2b505b2f1c
libsctp1      1.0.19+dfsg-2          e42749da6321b526dc617480d573732180c183a84a3393e5c398eb34f0ed0ff5
libkmod2      30+20221128-1          af63bbbfc15fbd1f254b15c393b3b95b18b18cc81348fc1b4f1c9c34b4d672d7
libzstd1      1.5.4+dfsg2-5+deb12u1  67dc1ee693e5c22b1a2be2bb70d8244b040836ce3f5dd79e006f7806bc3d9f1c
liblzma5      5.4.1-1+deb12u2        3d8c29c8c21ec6007635e1b2591edf98b771c9572a085968f47452b33040f384
libjudydebian1 1.0.5-5+b2            a370efc2f00449b6f1942910f94dcbc7d101f1d1e841e584b5b9f0cb589d1ad2
libjpeg62-turbo 1:2.1.5-2            95ec30140789a342add8f8371ed018924de51b539056522b66f207b25cba9cad
libipsec-mb1  1.3-2                  10db5af7b2078307df81da4e81f514e4a1cc6a72078a874449d8997cad63550a
libgles2      1.6.0-1                07b2f51b8aa3c8d6d928133cd46087bd8793d0d67c203f09fc289d45a2cf5f47
libglvnd0     1.6.0-1                b6da5b153dd62d8b5e5fbe25242db1fc05c068707c365db49abda8c2427c75f8
libegl1       1.6.0-1                fe4d8b39f6e6fe1a32ab1efd85893553eaa9cf3866aa668ccf355f585b37d523
libgbm1       22.3.6-1+deb12u2       4323840f2b7b3e108990848529125d99c0956ae5a854c1e0568ed08c8faeaa2e
libwayland-server0 1.21.0-1          df0396221d7b794496a687ec61fae82b6465648bc0ab6501ba0a5ed7f56eb8d6
libffi8       3.4.4-1                6d9f6c25c30efccce6d4bceaa48ea86c329a3432abb360a141f76ac223a4c34a
libdrm2       2.4.114-1+b1           be18fb670797ba32da9628cf3e8acd83160d8db8c8dd842501dd8e401c3b5371
libbsd0       0.11.7-2               bb31cc8b40f962a85b2cec970f7f79cc704a1ae4bad24257a822055404b2c60b
libmd0        1.0.4-2                03539fd30c509e27101d13a56e52eda9062bdf1aefe337c07ab56def25a13eab
libcrypt1     1:4.4.33-2             f5f60a5cdfd4e4eaa9438ade5078a57741a7a78d659fcb0c701204f523e8bd29
libapparmor1  3.0.8-3                4b79f49eafc2017374da9ec206b5495433eadd2b1ea078c3895c99e72825e9d3
libgcc-s1     12.2.0-14+deb12u1      3016e62cb4b7cd8038822870601f5ed131befe942774d0f745622cc77d8a88f7
"

force=0
[[ ${1:-} == --force ]] && force=1
if [[ $force == 0 && -s $OUT && $OUT -nt ${BASH_SOURCE[0]} && $OUT -nt $TEST && $OUT -nt $PYTEST && $OUT -nt $STRESS ]]; then
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
mkdir -p "$TREE"/{proc,sys,tmp,dev,etc,root}
cp "$ROOT/initrd/passwd" "$ROOT/initrd/group" "$TREE/etc/"
cp "$TEST" "$TREE/bin/dynelf-test.sh"
cp "$PYTEST" "$TREE/bin/dynelf-py.py"
cp "$STRESS" "$TREE/bin/dynelf-stress.sh"
chmod 755 "$TREE/bin/dynelf-test.sh" "$TREE/bin/dynelf-py.py" "$TREE/bin/dynelf-stress.sh"
# Every program the tests run must find its libraries in the tree, and
# theirs in turn (what ldd would resolve, found without running anything).
needed() { objdump -p "$1" | awk '$1 == "NEEDED" { print $2 }'; }
resolve() {	# path of library $1 in the tree, or nothing
    local d
    for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu lib64; do
        [[ -e $TREE/$d/$1 ]] && { echo "$TREE/$d/$1"; return; }
    done
}
declare -A seen=()
todo=()
for prog in bin/busybox bin/ls usr/bin/sort usr/bin/sha256sum usr/bin/python3.11 \
        usr/bin/stress-ng; do
    [[ -x $TREE/$prog ]] || die "$prog missing from the packages"
    todo+=("$TREE/$prog")
done
while ((${#todo[@]})); do
    f=${todo[0]}
    todo=("${todo[@]:1}")
    for lib in $(needed "$f"); do
        [[ -n ${seen[$lib]:-} ]] && continue
        path=$(resolve "$lib")
        [[ -n $path ]] || die "${f#$TREE/} needs $lib, which no package provides"
        seen[$lib]=1
        todo+=("$(readlink -f "$path")")
    done
done
# Two refusals for the guest to see: /bin/ls naming a missing
# interpreter, and naming one (sort, slashes for the length) that names
# an interpreter itself.
python3 - "$TREE" <<'PY'
import sys
tree = sys.argv[1]
ld = b"/lib64/ld-linux-x86-64.so.2\0"
for name, interp in (("bad-interp-missing", b"/lib64/ld-linux-x86-64.so.9\0"),
                     ("bad-interp-chain", b"/usr/bin" + b"/" * 14 + b"/sort\0")):
    assert len(interp) == len(ld)
    data = open(tree + "/bin/ls", "rb").read()
    at = data.index(ld)
    assert at < 4096, "PT_INTERP expected in the first page"
    open(tree + "/bin/" + name, "wb").write(data[:at] + interp + data[at + len(ld):])
PY
chmod 755 "$TREE/bin/bad-interp-missing" "$TREE/bin/bad-interp-chain"
# Sums the guest's sha256sum must reproduce, computed here.
( cd "$TREE" && sha256sum bin/ls usr/bin/sort lib/x86_64-linux-gnu/libc.so.6 ) >"$TREE/etc/dynelf.sums"

( cd "$TREE" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --owner=0:0 --quiet ) >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
say "${OUT#$ROOT/}: $(( $(stat -c %s "$OUT") / 1024 )) KiB"
