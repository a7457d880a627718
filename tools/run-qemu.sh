#!/usr/bin/env bash
# Boot a Jiny image under QEMU with the console on this terminal (or a file).
#   tools/run-qemu.sh --kernel build/jiny.elf [--initrd F] [--cmdline "..."]
#                     [--iso build/jiny.iso] [--mem 256] [--serial FILE]
#                     [--debugcon FILE] [--timeout S] [--icount]
#                     [--machine pc|q35] [--no-debug-exit] [--net]
#   --net: one virtio-net-pci device (modern) on QEMU's user network,
#   restricted to the guest and host (no traffic leaves this machine).
#   tools/run-qemu.sh --print-net prints those QEMU arguments and exits.
# ACCEL=kvm uses KVM (with a CPU model nested KVM accepts); default TCG.
# Exit status: QEMU's; with isa-debug-exit, 1 = guest passed, 3 = guest
# reported failure, 5 = guest crashed, 124 = timeout.
set -euo pipefail

kernel= initrd= cmdline= iso= mem=256 serial=stdio debugcon= timeout_s= icount=
machine=pc debug_exit=1 net=0
net_args=(-netdev user,id=net0,restrict=on
	-device virtio-net-pci,netdev=net0,disable-legacy=on)
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--cmdline) cmdline=$2; shift 2 ;;
	--iso) iso=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--serial) serial=file:$2; shift 2 ;;
	--debugcon) debugcon=$2; shift 2 ;;
	--timeout) timeout_s=$2; shift 2 ;;
	--icount) icount=1; shift ;;
	--machine) machine=$2; shift 2 ;;
	--no-debug-exit) debug_exit=0; shift ;;
	--net) net=1; shift ;;
	--print-net) echo "${net_args[*]}"; exit 0 ;;
	*) echo "run-qemu: unknown option $1" >&2; exit 2 ;;
	esac
done

args=(-machine "$machine" -m "$mem" -smp 1 -no-reboot -display none)
[ "$debug_exit" = 1 ] && args+=(-device isa-debug-exit,iobase=0xf4,iosize=0x04)
if [ "${ACCEL:-tcg}" = kvm ]; then
	args+=(-accel kvm -cpu host,-arch-capabilities)
else
	args+=(-accel tcg -cpu max)
fi
[ -n "$icount" ] && args+=(-icount shift=0,sleep=off)
[ "$net" = 1 ] && args+=("${net_args[@]}")
if [ "$serial" = stdio ]; then
	args+=(-serial mon:stdio)
else
	args+=(-serial "$serial" -monitor none)
fi
[ -n "$debugcon" ] && args+=(-debugcon "file:$debugcon")
if [ -n "$iso" ]; then
	args+=(-cdrom "$iso" -boot d)
else
	[ -n "$kernel" ] || { echo "run-qemu: --kernel or --iso is required" >&2; exit 2; }
	args+=(-kernel "$kernel" -append "$cmdline")
	[ -n "$initrd" ] && args+=(-initrd "$initrd")
fi
if [ -n "$timeout_s" ]; then
	exec timeout --foreground -k 5 "$timeout_s" qemu-system-x86_64 "${args[@]}" </dev/null
fi
exec qemu-system-x86_64 "${args[@]}"
