#!/usr/bin/env bash
# Build a GRUB rescue ISO that boots a Jiny ELF through multiboot2.
#   tools/mkiso.sh KERNEL OUT.iso [CMDLINE] [INITRD]
set -euo pipefail
kernel=$1 out=$2 cmdline=${3:-} initrd=${4:-}
stage=$(mktemp -d "${TMPDIR:-/tmp}/jiny-iso.XXXXXX")
trap 'rm -rf "$stage"' EXIT
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
# xorriso now and then reports a MISHAP (cause not found yet) and writes
# no image; try once more before failing, and show both logs then.
rm -f "$out"
for try in 1 2; do
	if grub-mkrescue -o "$out" "$stage" >/dev/null 2>"$stage/log.$try"; then
		break
	fi
	rm -f "$out"
	if [ "$try" = 2 ]; then
		cat "$stage/log.1" "$stage/log.2" >&2
		exit 1
	fi
done
echo "  ISO     $out"
