#!/usr/bin/env bash
# Stage Debian's Xen 4.17 hypervisor, a Debian dom0 kernel and a minimal dom0
# root tree for the nested-Xen test harness (tests/xen/run.sh).
#
# Produces (all under build/xen/):
#   xen.elf       plain 32-bit multiboot ELF of the hypervisor
#   vmlinux       dom0 kernel ELF pulled out of Debian's bzImage
#   dom0-root/    busybox + xl/xenstored/xenconsoled + libs + modules
#   dom0-root.cpio  the same tree packed (uncompressed newc)
# Downloads go to build/cache/debs/ (apt-get download, nothing is installed).
# Idempotent: silent and fast when everything is already staged.
# Usage: scripts/xen-stage.sh [--force]
set -euo pipefail

die() { echo "xen-stage: error: $*" >&2; exit 1; }
say() { echo "xen-stage: $*" >&2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}
CACHE=$BUILD/cache/debs
XEN=$BUILD/xen
STAGE=$XEN/stage
DOM0=$XEN/dom0-root
STAMP=$XEN/.stage-done
XENVER=4.17

# Bump when the layout of dom0-root changes so old caches get rebuilt.
LAYOUT_VERSION=5

force=0
[[ ${1:-} == --force ]] && force=1

# One stager at a time (two test runs may start together).
mkdir -p "$XEN"
exec 9>"$XEN/.stage.lock"
if command -v flock >/dev/null; then flock 9; fi

if [[ $force == 0 && -f $STAMP && -s $XEN/xen.elf && -s $XEN/vmlinux && -s $XEN/dom0-root.cpio ]] &&
   [[ "$(cat "$STAMP")" == "$LAYOUT_VERSION" ]] && [[ $STAMP -nt ${BASH_SOURCE[0]} ]]; then
    exit 0
fi

[[ $(id -u) == 0 ]] || say "warning: not root; apt-get download/dpkg -x may still work, apt-get update will not"
for t in apt-get apt-cache dpkg dpkg-deb od; do
    command -v "$t" >/dev/null || die "'$t' not found (this script needs a Debian host)"
done

# ---------------------------------------------------------------- packages
# (capture first: grep -q on a pipe would SIGPIPE apt-cache under pipefail)
has_candidate() {
    local pol
    pol=$(apt-cache policy "xen-hypervisor-$XENVER-amd64" 2>/dev/null || true)
    [[ $pol == *"Candidate: "[0-9]* ]]
}
if ! has_candidate; then
    say "no apt candidate for xen-hypervisor-$XENVER-amd64; running apt-get update"
    apt-get update -qq || die "apt-get update failed"
    has_candidate || die "xen-hypervisor-$XENVER-amd64 not available from apt (is this Debian 12 amd64?)"
fi

KPKG=$(apt-cache depends linux-image-amd64 2>/dev/null |
       awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ && !k { k = $2 } END { print k }')
[[ -n $KPKG ]] || die "cannot work out the kernel package from 'apt-cache depends linux-image-amd64'"

PKGS=(
    "xen-hypervisor-$XENVER-amd64" "xen-utils-$XENVER" xen-utils-common xenstore-utils
    libxencall1 libxenevtchn1 libxenforeignmemory1 libxengnttab1 "libxenmisc$XENVER"
    libxenstore4 libxentoollog1 libxendevicemodel1 libxenhypfs1 libxentoolcore1
    libyajl2 busybox-static "$KPKG"
    # runtime libraries of the tools, and bash/flock for hotplug scripts; taken
    # from Debian too so the dom0 tree never depends on what the host has.
    libc6 libgcc-s1 libtinfo6 libncurses6 libuuid1 zlib1g liblzma5 libzstd1
    libext2fs2 libcom-err2 bash util-linux
)

mkdir -p "$CACHE"
# newest cached .deb of a package (file names are NAME_VERSION_ARCH.deb)
cached_deb() {
    local f best=
    for f in "$CACHE/$1"_*.deb; do
        [[ -e $f ]] || continue
        if [[ -z $best ]] || dpkg --compare-versions \
            "$(dpkg-deb -f "$f" Version)" gt "$(dpkg-deb -f "$best" Version)"; then
            best=$f
        fi
    done
    printf '%s' "$best"
}

missing=()
for p in "${PKGS[@]}"; do
    [[ -n $(cached_deb "$p") ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    say "downloading ${#missing[@]} Debian packages into ${CACHE#$ROOT/}"
    # _apt cannot write into root-owned build dirs; download as root quietly.
    ( cd "$CACHE" && apt-get download -q -o APT::Sandbox::User=root "${missing[@]}" >/dev/null ) ||
        die "apt-get download failed for: ${missing[*]}"
    for p in "${missing[@]}"; do
        [[ -n $(cached_deb "$p") ]] || die "package $p was not downloaded"
    done
fi

# ---------------------------------------------------------------- unpack
say "unpacking packages into ${STAGE#$ROOT/}"
rm -rf "$STAGE" "$DOM0" "$STAMP" "$XEN/dom0-root.cpio"
mkdir -p "$STAGE"
for p in "${PKGS[@]}"; do
    deb=$(cached_deb "$p")
    if [[ $p == "$KPKG" ]]; then
        # The kernel package is big; only boot/ and the modules we use matter.
        dpkg-deb --fsys-tarfile "$deb" |
            tar -x -C "$STAGE" --wildcards './boot/vmlinuz-*' './boot/config-*' \
                './lib/modules/*/kernel/drivers/xen/*' './lib/modules/*/kernel/net/llc/*' \
                './lib/modules/*/kernel/net/802/*' './lib/modules/*/kernel/net/bridge/*' \
                './lib/modules/*/kernel/drivers/net/xen-netback/*' ||
            die "cannot unpack $deb"
    else
        dpkg -x "$deb" "$STAGE" || die "dpkg -x $deb failed"
    fi
done

# ---------------------------------------------------------------- xen.elf
XENGZ=$STAGE/boot/xen-$XENVER-amd64.gz
[[ -f $XENGZ ]] || die "$XENGZ missing from xen-hypervisor-$XENVER-amd64"
zcat "$XENGZ" >"$XEN/xen.elf.tmp" && mv "$XEN/xen.elf.tmp" "$XEN/xen.elf"

# ---------------------------------------------------------------- vmlinux
# bzImage: setup_sects at 0x1f1 (0 means 4); the protected-mode part starts at
# (setup_sects+1)*512; payload_offset/payload_length (u32 LE) at 0x248/0x24c
# are relative to it. Debian compresses the payload with xz.
shopt -s nullglob
vmlinuz=("$STAGE"/boot/vmlinuz-*)
shopt -u nullglob
((${#vmlinuz[@]} == 1)) || die "expected one boot/vmlinuz-* in $KPKG, found ${#vmlinuz[@]}"
u8()  { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }
u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }
[[ $(od -An -c -j 0x202 -N4 "${vmlinuz[0]}" | tr -d ' ') == HdrS ]] || die "${vmlinuz[0]} is not a bzImage"
setup_sects=$(u8 "${vmlinuz[0]}" $((0x1f1)))
((setup_sects)) || setup_sects=4
poff=$(u32 "${vmlinuz[0]}" $((0x248)))
plen=$(u32 "${vmlinuz[0]}" $((0x24c)))
start=$(( (setup_sects + 1) * 512 + poff ))
extract_payload() {  # [byte count]
    dd if="${vmlinuz[0]}" bs=64K iflag=skip_bytes,count_bytes skip="$start" count="${1:-$plen}" status=none
}
if [[ $(extract_payload 6 | od -An -tx1 | tr -d ' ') != fd377a585a00 ]]; then
    die "bzImage payload at $start is not an xz stream (unsupported kernel compression)"
fi
if command -v xz >/dev/null; then
    extract_payload | xz -dc --single-stream >"$XEN/vmlinux.tmp" || die "xz failed on the kernel payload"
elif command -v python3 >/dev/null; then
    extract_payload | python3 -c '
import lzma, sys
d = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
sys.stdout.buffer.write(d.decompress(sys.stdin.buffer.read()))' >"$XEN/vmlinux.tmp" ||
        die "python3 lzma failed on the kernel payload"
else
    die "need xz or python3 to decompress the kernel"
fi
[[ $(od -An -tx1 -N4 "$XEN/vmlinux.tmp" | tr -d ' ') == 7f454c46 ]] ||
    die "decompressed kernel payload is not an ELF"
mv "$XEN/vmlinux.tmp" "$XEN/vmlinux"

# ---------------------------------------------------------------- dom0 root
say "building ${DOM0#$ROOT/}"
mkdir -p "$DOM0"/{bin,sbin,usr/bin,usr/sbin,lib/x86_64-linux-gnu,lib64,etc/xen,proc,sys,dev,run,tmp,var/log,var/lib,mnt,root}
ln -s ../run "$DOM0/var/run"
ln -s ../tmp "$DOM0/var/tmp"
ln -s ../run/lock "$DOM0/var/lock"

# busybox and its applet links (never overwrite real binaries added below)
BB=$STAGE/bin/busybox
[[ -x $BB ]] || die "busybox missing from busybox-static"
cp "$BB" "$DOM0/bin/busybox"
"$BB" --list-full | while read -r a; do
    [[ -e $DOM0/$a || -L $DOM0/$a ]] && continue
    mkdir -p "$(dirname "$DOM0/$a")"
    ln -s /bin/busybox "$DOM0/$a"
done

XBIN=usr/lib/xen-$XENVER/bin
mkdir -p "$DOM0/$XBIN"
XTOOLS=(xl xenstored xenconsoled xenconsole xen-init-dom0 xenstore-control libxl-save-helper xenctx)
ELF_BINS=()
for t in "${XTOOLS[@]}"; do
    [[ -x $STAGE/$XBIN/$t ]] || die "$XBIN/$t missing"
    cp "$STAGE/$XBIN/$t" "$DOM0/$XBIN/$t"
    ELF_BINS+=("$XBIN/$t")
    case $t in xl|xenstored|xenconsoled|xen-init-dom0) ln -sf "/$XBIN/$t" "$DOM0/usr/sbin/$t" ;; esac
done
# xenstore is one multi-call binary (xenstore-read, -write, -ls, ...)
cp "$STAGE/usr/bin/xenstore" "$DOM0/usr/bin/xenstore"
ELF_BINS+=(usr/bin/xenstore)
for f in "$STAGE"/usr/bin/xenstore-*; do
    [[ -e $f ]] && ln -sf xenstore "$DOM0/usr/bin/${f##*/}"
done
# bash and flock for the hotplug scripts
rm -f "$DOM0/bin/bash" "$DOM0/usr/bin/flock"
cp "$STAGE/bin/bash" "$DOM0/bin/bash"
cp "$STAGE/usr/bin/flock" "$DOM0/usr/bin/flock"
ELF_BINS+=(bin/bash usr/bin/flock)

# xl configuration and hotplug scripts
cp -a "$STAGE/etc/xen/scripts" "$DOM0/etc/xen/scripts"
cp "$STAGE/etc/xen/xl.conf" "$DOM0/etc/xen/xl.conf"
mkdir -p "$DOM0/usr/lib/xen-$XENVER/boot"

# Shared libraries: ask the staged (Debian) dynamic loader what each binary
# needs, and insist that every library comes from the stage, not the host.
LDSO=$STAGE/lib64/ld-linux-x86-64.so.2
[[ -e $LDSO ]] || LDSO=$STAGE/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
[[ -e $LDSO ]] || die "dynamic loader missing from libc6"
LIBPATH=$STAGE/lib/x86_64-linux-gnu:$STAGE/usr/lib/x86_64-linux-gnu
declare -A LIBS=()
for b in "${ELF_BINS[@]}"; do
    out=$("$LDSO" --library-path "$LIBPATH" --list "$STAGE/$b" 2>&1) ||
        die "cannot resolve libraries of $b: $out"
    while read -r name arrow path _; do
        [[ $arrow == "=>" && $name != /* ]] || continue   # skip vdso and the loader
        [[ $path == not ]] && die "$b needs $name, which no staged package provides"
        [[ $path == "$STAGE"/* ]] || die "$b needs $name, resolved outside the stage ($path): add its Debian package"
        LIBS[$name]=$path
    done <<<"$out"
done
# glibc dlopen()s libgcc_s at run time (xl aborts without it); libxlutil is
# needed by xl (already listed by the loader, kept explicit).
for extra in libgcc_s.so.1 libxlutil.so.$XENVER; do
    f=
    for d in "$STAGE"/lib/x86_64-linux-gnu "$STAGE"/usr/lib/x86_64-linux-gnu; do
        [[ -e $d/$extra ]] && { f=$d/$extra; break; }
    done
    [[ -n $f ]] || die "$extra not found in the stage"
    LIBS[$extra]=$f
done
for name in "${!LIBS[@]}"; do
    cp -L "${LIBS[$name]}" "$DOM0/lib/x86_64-linux-gnu/$name"
done
cp -L "$LDSO" "$DOM0/lib64/ld-linux-x86-64.so.2"
ln -s ../../lib64/ld-linux-x86-64.so.2 "$DOM0/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
mkdir -p "$DOM0/usr/lib"
ln -s ../../lib/x86_64-linux-gnu "$DOM0/usr/lib/x86_64-linux-gnu"

# Kernel modules, flat in /lib/modules/xen in load order (decompressed).
MODS=(xen-evtchn xen-privcmd xenfs xen-gntdev xen-gntalloc llc stp bridge xen-netback)
mkdir -p "$DOM0/lib/modules/xen"
: >"$DOM0/lib/modules/xen/order"
for m in "${MODS[@]}"; do
    f=$(find "$STAGE/lib/modules" -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" -o -name "$m.ko.gz" | head -1)
    [[ -n $f ]] || die "kernel module $m not found in $KPKG"
    case $f in
        *.ko)     cp "$f" "$DOM0/lib/modules/xen/$m.ko" ;;
        *.ko.xz)  xz -dc "$f" >"$DOM0/lib/modules/xen/$m.ko" ;;
        *.ko.gz)  zcat "$f" >"$DOM0/lib/modules/xen/$m.ko" ;;
        *.ko.zst) zstd -qdc "$f" >"$DOM0/lib/modules/xen/$m.ko" ;;
    esac
    echo "$m" >>"$DOM0/lib/modules/xen/order"
done

# minimal /etc
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$DOM0/etc/passwd"
printf 'root:x:0:\n' >"$DOM0/etc/group"
printf 'dom0\n' >"$DOM0/etc/hostname"
: >"$DOM0/etc/fstab"
basename "${vmlinuz[0]}" | sed 's/^vmlinuz-//' >"$DOM0/etc/kernel-release"

# The tree as an uncompressed newc cpio (faster than gzip under TCG); run.sh
# appends a small per-run archive to it.
(cd "$DOM0" && find . -mindepth 1 | LC_ALL=C sort | "$DOM0/bin/busybox" cpio -o -H newc -R 0:0 2>/dev/null) \
    >"$XEN/dom0-root.cpio.tmp" || die "cannot pack $DOM0 into a cpio"
mv "$XEN/dom0-root.cpio.tmp" "$XEN/dom0-root.cpio"

echo "$LAYOUT_VERSION" >"$STAMP"
say "done: $(du -sh "$DOM0" | cut -f1) dom0 tree, kernel $(cat "$DOM0/etc/kernel-release")"
