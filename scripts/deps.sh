#!/usr/bin/env bash
# Install what building and testing Jiny needs from Debian, if missing.
# Idempotent and quiet when everything is there.  Needs root (or sudo) only
# when something has to be installed.
set -euo pipefail

# command-or-file : package
need=(
	"gcc:gcc" "make:make" "ld:binutils" "python3:python3"
	"qemu-system-x86_64:qemu-system-x86"
	"grub-mkrescue:grub-common" "grub-file:grub-common"
	"/usr/lib/grub/i386-pc/multiboot2.mod:grub-pc-bin"
	"xorriso:xorriso" "mformat:mtools"
	"/usr/include/xen/xen.h:libxen-dev"
	"/bin/busybox:busybox-static"
	"cpio:cpio" "xz:xz-utils" "zstd:zstd" "timeout:coreutils"
	"dpkg-deb:dpkg" "apt-get:apt" "patch:patch"
	"dpkg-source:dpkg-dev"	# apt-get source (musl, the conformance run)
	"musl-gcc:musl-tools"
)
missing=()
for n in "${need[@]}"; do
	what=${n%%:*} pkg=${n#*:}
	if [[ $what == /* ]]; then
		[ -e "$what" ] && continue
	else
		command -v "$what" >/dev/null 2>&1 && continue
	fi
	[[ " ${missing[*]} " == *" $pkg "* ]] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
# An apt cache with no package lists cannot install anything.
if ! apt-cache policy "${missing[0]}" 2>/dev/null | grep -q 'Candidate: [^(]'; then
	$sudo apt-get update -q >&2
fi
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
