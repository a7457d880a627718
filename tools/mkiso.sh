#!/usr/bin/env bash
# Build a GRUB rescue ISO that boots a Jiny ELF through multiboot2.
#   tools/mkiso.sh KERNEL OUT.iso [CMDLINE] [INITRD]
set -euo pipefail
kernel=$1 out=$2 cmdline=${3:-} initrd=${4:-}
stage=$(mktemp -d "${TMPDIR:-/tmp}/jiny-iso.XXXXXX")
trap 'rm -rf "$stage"' EXIT
# The ISO's tree lives under $stage/iso; logs stay outside it, or
# xorriso packs the log it is writing and fails on its changing size.
iso=$stage/iso
mkdir -p "$iso/boot/grub"
cp "$kernel" "$iso/boot/jiny.elf"
{
	echo 'set timeout=0'
	echo 'set default=0'
	echo 'serial --unit=0 --speed=115200'
	echo 'terminal_output serial'
	echo 'menuentry "jiny" {'
	echo "	multiboot2 /boot/jiny.elf $cmdline"
	if [ -n "$initrd" ]; then
		cp "$initrd" "$iso/boot/initrd"
		echo '	module2 /boot/initrd initrd'
	fi
	echo '	boot'
	echo '}'
} > "$iso/boot/grub/grub.cfg"
grub-file --is-x86-multiboot2 "$iso/boot/jiny.elf" || {
	echo "mkiso: $kernel has no valid multiboot2 header" >&2; exit 1; }
grub-mkrescue -o "$out" "$iso" >/dev/null 2>"$stage/log" || {
	cat "$stage/log" >&2; exit 1; }
echo "  ISO     $out"
