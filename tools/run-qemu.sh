#!/usr/bin/env bash
# Boot a Jiny image under QEMU with the console on this terminal (or a file).
#   tools/run-qemu.sh --kernel build/jiny.elf [--initrd F] [--cmdline "..."]
#                     [--iso build/jiny.iso] [--mem 256] [--serial FILE|stdio]
#                     [--debugcon FILE] [--timeout S] [--icount]
#                     [--machine pc|q35] [--smp N] [--no-debug-exit] [--net]
#                     [--net-fwd RULES] [--net-open] [--balloon]
#                     [--qmp SOCKET] [--mem-file FILE] [--print0]
#                     [-- MORE QEMU ARGUMENTS]
# The one place that builds the QEMU command line: tests/kvm/run.sh,
# bench/run.py, tools/linux-run.py and tools/insn-profile.sh run or ask
# this script.  --print0 prints the command, each argument ended by a
# NUL, instead of running it.  Without --serial the console and QEMU's
# monitor share this terminal (Ctrl-A X quits); --serial stdio puts the
# bare console on stdin and stdout, for a program to drive.  --net adds
# one virtio-net-pci device (modern) on QEMU's user network, restricted
# to the guest and host (no traffic leaves this machine); --net-fwd adds
# RULES (QEMU's hostfwd=...,guestfwd=... options, comma-separated) to
# that network, e.g. hostfwd=tcp:127.0.0.1:PORT-:80 (tests/kvm/run.sh's
# peer cases).  --net-open drops restrict=on, so that UDP from the guest
# passes (libslirp drops all of it but DHCP when restricted, replies to
# forwards too): only for a QEMU inside a network namespace of its own,
# where nothing leaves the machine (tests/kvm/run.sh's UDP peer case).
# --balloon adds a modern virtio-balloon-pci (statistics and
# deflate-on-oom on); --qmp puts QEMU's QMP on a Unix socket (under
# /work or build/, never /tmp) for a host-side script (the balloon case).
# --mem-file puts the guest's RAM in FILE (created, shared with the host),
# so that a host-side script can read what the guest's memory holds (the
# zero-pages case).
# ACCEL=kvm uses KVM (with a CPU model nested KVM accepts); default TCG.
# Exit status: QEMU's; with isa-debug-exit, 1 = guest passed, 3 = guest
# reported failure, 5 = guest crashed, 124 = timeout.
set -euo pipefail

kernel= initrd= cmdline= iso= mem=256 serial=term debugcon= timeout_s= icount=
machine=pc debug_exit=1 print=0 more=() net=0 netfwd= restrict=on smp=1
balloon=0 qmp= memfile=
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--cmdline) cmdline=$2; shift 2 ;;
	--iso) iso=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--serial) [ "$2" = stdio ] && serial=stdio || serial=file:$2; shift 2 ;;
	--debugcon) debugcon=$2; shift 2 ;;
	--timeout) timeout_s=$2; shift 2 ;;
	--icount) icount=1; shift ;;
	--machine) machine=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--no-debug-exit) debug_exit=0; shift ;;
	--net) net=1; shift ;;
	--net-fwd) net=1; netfwd=,$2; shift 2 ;;
	--net-open) net=1; restrict=off; shift ;;
	--balloon) balloon=1; shift ;;
	--qmp) qmp=$2; shift 2 ;;
	--mem-file) memfile=$2; shift 2 ;;
	--print0) print=1; shift ;;
	--) shift; more=("$@"); break ;;
	*) echo "run-qemu: unknown option $1" >&2; exit 2 ;;
	esac
done

mopt=
[ -n "$memfile" ] && mopt=,memory-backend=ram0
args=(qemu-system-x86_64 -machine "$machine$mopt" -m "$mem" -smp "$smp" -no-reboot
	-display none)
[ -n "$memfile" ] && args+=(-object
	"memory-backend-file,id=ram0,size=${mem}M,mem-path=$memfile,share=on")
[ "$debug_exit" = 1 ] && args+=(-device isa-debug-exit,iobase=0xf4,iosize=0x04)
if [ "${ACCEL:-tcg}" = kvm ]; then
	args+=(-accel kvm -cpu host,-arch-capabilities)
else
	# Several vCPUs: one host thread each (MTTCG), as KVM has.
	if [ "$smp" -gt 1 ]; then
		args+=(-accel tcg,thread=multi -cpu max)
	else
		args+=(-accel tcg -cpu max)
	fi
fi
[ -n "$icount" ] && args+=(-icount shift=0,sleep=off)
[ "$net" = 1 ] && args+=(-netdev "user,id=net0,restrict=$restrict$netfwd"
	-device virtio-net-pci,netdev=net0,disable-legacy=on)
[ "$balloon" = 1 ] && args+=(-device
	virtio-balloon-pci,disable-legacy=on,deflate-on-oom=on)
[ -n "$qmp" ] && args+=(-qmp "unix:$qmp,server=on,wait=off")
case $serial in
term) args+=(-serial mon:stdio) ;;
stdio) args+=(-serial stdio -monitor none) ;;
*) args+=(-serial "$serial" -monitor none) ;;
esac
[ -n "$debugcon" ] && args+=(-debugcon "file:$debugcon")
if [ -n "$iso" ]; then
	args+=(-cdrom "$iso" -boot d)
else
	[ -n "$kernel" ] || { echo "run-qemu: --kernel or --iso is required" >&2; exit 2; }
	args+=(-kernel "$kernel" -append "$cmdline")
	[ -n "$initrd" ] && args+=(-initrd "$initrd")
fi
args+=("${more[@]}")
if [ "$print" = 1 ]; then
	printf '%s\0' "${args[@]}"
	exit 0
fi
if [ -n "$timeout_s" ]; then
	exec timeout --foreground -k 5 "$timeout_s" "${args[@]}" </dev/null
fi
exec "${args[@]}"
