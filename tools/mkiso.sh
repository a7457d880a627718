#!/usr/bin/env bash
# Build a GRUB rescue ISO that boots a Jiny ELF through multiboot2.
#   tools/mkiso.sh KERNEL OUT.iso [CMDLINE] [INITRD]
set -euo pipefail
kernel=$1 out=$2 cmdline=${3:-} initrd=${4:-}
stage=$(mktemp -d "${TMPDIR:-/tmp}/jiny-iso.XXXXXX")
# The log lives outside the stage: a file growing inside the tree being
# packed makes xorriso fail ("size of file has changed"), now and then.
log=$(mktemp "${TMPDIR:-/tmp}/jiny-iso-log.XXXXXX")
trap 'rm -rf "$stage" "$log"' EXIT
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/jiny.elf"
{
	echo 'set timeout=0'
	echo 'set default=0'
	echo 'serial --unit=0 --speed=115200'
	echo 'terminal_output serial'
	echo 'menuentry "jiny" {'
	echo "	multiboot2 /boot/jiny.elf $cmdline"
	if [ -n "$initrd" ]; then
		cp "$initrd" "$stage/boot/initrd"
		echo '	module2 /boot/initrd initrd'
	fi
	echo '	boot'
	echo '}'
} > "$stage/boot/grub/grub.cfg"
grub-file --is-x86-multiboot2 "$stage/boot/jiny.elf" || {
	echo "mkiso: $kernel has no valid multiboot2 header" >&2; exit 1; }
grub-mkrescue -o "$out" "$stage" >/dev/null 2>"$log" || {
	cat "$log" >&2; exit 1; }
echo "  ISO     $out"
