#!/usr/bin/env bash
# Boot test cases (tests/boot.cases) on QEMU: TCG by default, KVM with
# ACCEL=kvm.  Each case boots build/jiny.elf by -kernel (the PVH door), and
# cases marked "iso" also through GRUB (build/jiny-test.iso, multiboot2).
# Verdicts come from isa-debug-exit (1 ok, 3 fail, 5 crash), a reset (status
# 0 with "jiny: shutdown status=reboot": reboot) and the console log; logs go to build/test/kvm/.  Ends with "kvm: N passed, N failed".
#   tests/kvm/run.sh [CASE...]
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
out=build/test/kvm
rm -rf "$out"
mkdir -p "$out"
hv=qemu
[ "${ACCEL:-tcg}" = kvm ] && hv=kvm
passed=0 failed=0
. tests/lib.sh

verdict_of() {
	case $1 in
	1) echo ok ;;
	3) echo fail ;;
	5) echo crash ;;
	124|137) echo timeout ;;
	mkiso) echo "no ISO (mkiso failed)" ;;
	*) echo "error(status $1)" ;;
	esac
}

# free_ports N: N distinct TCP ports (also free for UDP) on 127.0.0.1 that
# nothing listens on now.  Several runs may be going at once, so QEMU may
# still lose one to another program: run_case then tries again.
free_ports() {
	python3 - "$1" <<'PY'
import socket, sys
held, ports = [], []
while len(ports) < int(sys.argv[1]):
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.bind(("127.0.0.1", 0))
    p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p))
    except OSError:
        t.close(); u.close(); continue
    held += [t, u]; ports.append(p)
print(" ".join(map(str, ports)))
PY
}

# ns_start SECONDS: a network namespace of this case's own, with only a
# loopback, held by a process that lives SECONDS at most; ns=(...) then
# runs a command in it (empty when none could be made: the host's).
# Inside it the forwarded ports clash with nobody's and no packet of the
# guest can leave the machine, whatever QEMU's network lets through.
ns_start() {
	local i=0
	ns=() ns_holder=
	command -v unshare >/dev/null && command -v nsenter >/dev/null || return 1
	if [ "$(id -u)" = 0 ]; then
		unshare --net sleep "$1" &
		ns_holder=$!
		ns=(nsenter -t "$ns_holder" -n)
	else
		unshare --user --map-root-user --net sleep "$1" &
		ns_holder=$!
		ns=(nsenter -t "$ns_holder" -U -n --preserve-credentials)
	fi
	# Until the holder is in its namespace; then lo up, and a connection
	# over it.
	while [ $i -lt 50 ]; do
		if [ "$(readlink /proc/$ns_holder/ns/net 2>/dev/null)" != \
		    "$(readlink /proc/self/ns/net)" ]; then
			"${ns[@]}" ip link set lo up 2>/dev/null &&
			"${ns[@]}" python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
socket.create_connection(s.getsockname(), 5)' 2>/dev/null && return 0
			break
		fi
		i=$((i + 1)); sleep 0.1
	done
	kill "$ns_holder" 2>/dev/null
	ns=() ns_holder=
	return 1
}

ns_end() {
	[ -n "$ns_holder" ] && kill "$ns_holder" 2>/dev/null && wait "$ns_holder" 2>/dev/null
	ns=() ns_holder=
}

# start_peer NAME PEER TIMEOUT CMDLINE PORTS...: tests/net/peer-PEER.sh on
# the host beside the guest, bounded by TIMEOUT, its output in
# $log.peer, its pid in $peer_pid.  The ports: the host's ends of the
# guest's TCP 80, TCP 7, UDP 7 and TCP 9000, and the peer's own server's.
start_peer() {
	local tmp=$out/$1.peer.d
	rm -rf "$tmp"
	mkdir -p "$tmp"
	(
		cd "$tmp" || exit 1
		export PEER_HV=qemu PEER_DIR=$ROOT/tests/net PEER_TMP=$ROOT/$tmp \
			UNET=$ROOT/build/progs/unet GUEST_ADDR=127.0.0.1 \
			GUEST_HTTP_PORT=$5 GUEST_ECHO_PORT=$6 GUEST_UDP_PORT=$7 \
			GUEST_CTRL_PORT=$8 PEER_SERVE_ADDR=127.0.0.1 \
			PEER_SERVE_PORT=$9 PEER_CMDLINE=$4
		# NAME=VALUE after the ports: for peers without a network.
		[ $# -gt 9 ] && export "${@:10}"
		# A session of its own: end_peer ends the whole group (the
		# servers the script started too).
		exec setsid "${ns[@]}" timeout -k 5 "$3" sh "$ROOT/tests/net/peer-$2.sh"
	) >"$log.peer" 2>&1 </dev/null &
	peer_pid=$!
}

# end_peer: wait (at most 30 s) for the peer, then add its output and
# exit status to the case's log, each line "peer: ...".
end_peer() {
	local i=0 st
	while [ $i -lt 300 ] && kill -0 "$peer_pid" 2>/dev/null; do
		i=$((i + 1)); sleep 0.1
	done
	kill -9 "$peer_pid" 2>/dev/null
	wait "$peer_pid"
	st=$?
	kill -9 -- -"$peer_pid" 2>/dev/null	# what it left behind
	awk '{ if ($0 !~ /^peer: /) $0 = "peer: " $0; print }' "$log.peer" >> "$log"
	echo "peer: exit status $st" >> "$log"
	rm -rf "$out/$name.peer.d"
}

run_case() {	# name door mem timeout expect cmdline initrd [input]
	local name=$1 door=$2 mem=$3 tmo=$4 expect=$5 cmdline=$6 initrd=$7
	local input=${8:-}
	local log=$out/$name.$door.log st res rd=() devs=() spec=$mem qemu
	local peer= ports try open=() ns=() ns_holder= rc x
	st=
	[ "$initrd" = none ] || rd=(--initrd "$initrd")
	# MEMORY_MB,net and ,q35 (tests/boot.cases): the guest's devices.
	case ,$mem, in *,net,*) devs=(--net) ;; esac
	case ,$mem, in *,q35,*) devs+=(--machine q35) ;; esac
	case ,$mem, in *,smp=*) x=${mem#*smp=}; devs+=(--smp "${x%%,*}") ;; esac
	case ,$mem, in *,balloon,*) devs+=(--balloon) ;; esac
	case ,$mem, in *,peer=*) peer=${mem#*peer=}; peer=${peer%%,*} ;; esac
	mem=${mem%%,*}
	rm -f "$log" "$log.raw" "$log.err" "$log.peer"
	if [ -n "$peer" ] && [ "${devs[0]:-}" != --net ]; then
		# ,peer=NAME without a network: the peer reaches the guest
		# through QEMU's QMP socket and reads its console.
		# ,memfile: the guest's RAM in a file the peer reads
		# ($GUEST_MEM_FILE).
		local qmp=$ROOT/$out/$name.qmp memfile=() mf=-
		case ,$spec, in *,memfile,*)
			mf=$ROOT/$out/$name.mem; memfile=(--mem-file "$mf") ;;
		esac
		rm -f "$qmp"
		start_peer "$name" "$peer" "$tmo" "$cmdline" - - - - - \
			"GUEST_QMP=$qmp" "GUEST_CONSOLE=$ROOT/$log" "GUEST_MEM_MB=$mem" \
			"GUEST_MEM_FILE=$mf"
		tools/run-qemu.sh --kernel build/jiny.elf --cmdline "$cmdline" "${rd[@]}" \
			--mem "$mem" "${devs[@]}" "${memfile[@]}" --qmp "$qmp" --serial "$log" \
			--timeout "$tmo" >/dev/null 2>"$log.err"
		st=$?
		end_peer
		rm -f "$qmp"
		[ "$mf" = - ] || rm -f "$mf"
	elif [ -n "$peer" ]; then
		# ,peer=NAME: the guest's ports 80, 7 (TCP and UDP) and 9000
		# forwarded from free ports of 127.0.0.1, and 10.0.2.100:8000
		# in the guest reaching the peer's server on 127.0.0.1 (QEMU
		# runs busybox nc for each connection: restrict=on lets the
		# guest reach nothing else).
		# Its own network namespace where the host allows one; a peer
		# that needs the guest's UDP (libslirp drops it when restricted)
		# gets QEMU's network unrestricted, and only inside one.
		ns_start $((tmo + 120))
		if grep -q '^# needs: guest-udp' "tests/net/peer-$peer.sh"; then
			if [ ${#ns[@]} = 0 ]; then
				echo "peer: cannot make a network namespace (unshare), which the guest's UDP needs on QEMU" > "$log"
				echo "peer: exit status 1" >> "$log"
				st=error
			fi
			open=(--net-open)
		fi
		for try in 1 2 3; do
			[ "$st" = error ] && break
			read -r -a ports < <("${ns[@]}" bash -c "$(declare -f free_ports); free_ports 5")
			start_peer "$name" "$peer" "$tmo" "$cmdline net.peer=10.0.2.100:8000" "${ports[@]}"
			"${ns[@]}" tools/run-qemu.sh --kernel build/jiny.elf \
				--cmdline "$cmdline net.peer=10.0.2.100:8000" "${rd[@]}" \
				--mem "$mem" "${devs[@]}" "${open[@]}" --net-fwd "$(printf '%s,' \
				"hostfwd=tcp:127.0.0.1:${ports[0]}-:80" \
				"hostfwd=tcp:127.0.0.1:${ports[1]}-:7" \
				"hostfwd=udp:127.0.0.1:${ports[2]}-:7" \
				"hostfwd=tcp:127.0.0.1:${ports[3]}-:9000")guestfwd=tcp:10.0.2.100:8000-cmd:$(command -v busybox) nc 127.0.0.1 ${ports[4]}" \
				--serial "$log" --timeout "$tmo" >/dev/null 2>"$log.err"
			st=$?
			grep -q 'host forwarding rule\|Could not set up' "$log.err" || break
			kill -9 -- -"$peer_pid" 2>/dev/null; wait "$peer_pid" 2>/dev/null
			echo "run: $name: a forwarded port was taken; again" >&2
		done
		[ "$st" = error ] || end_peer
		ns_end
	elif [ -n "$input" ]; then
		# Typed at the shell prompt, as a person would.
		mapfile -d '' -t qemu < <(tools/run-qemu.sh --print0 \
			--kernel build/jiny.elf --cmdline "$cmdline" "${rd[@]}" \
			--mem "$mem" "${devs[@]}" --serial stdio)
		tools/qemu-expect.py --log "$log" --timeout "$tmo" --input "$input" -- \
			"${qemu[@]}" 2>"$log.err"
	elif [ "$door" = pvh ]; then
		tools/run-qemu.sh --kernel build/jiny.elf --cmdline "$cmdline" "${rd[@]}" \
			--mem "$mem" "${devs[@]}" --serial "$log" --timeout "$tmo" >/dev/null 2>"$log.err"
	elif tools/mkiso.sh build/jiny.elf "$out/$name.iso" "$cmdline" \
			"$([ "$initrd" = none ] || echo "$initrd")" >/dev/null 2>"$log.err"; then
		tools/run-qemu.sh --iso "$out/$name.iso" --mem "$mem" "${devs[@]}" \
			--serial "$log.raw" --timeout "$tmo" >/dev/null 2>>"$log.err"
	else
		false	# the ISO was not built: not a guest verdict
	fi
	rc=$?
	[ -n "$peer" ] || st=$rc	# (a peer case set st itself)
	[ "$door" = multiboot2 ] && [ ! -f "$log.raw" ] && st=mkiso
	# GRUB paints the serial console with escape codes before jiny runs.
	# Drop escape codes and carriage returns, then keep what follows GRUB's
	# "Booting `jiny'" line (all of it if GRUB's banner is missing).
	[ -f "$log.raw" ] && sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$log.raw" | tr -d '\r' |
		awk '/Booting `jiny/ { n = NR; next } { l[NR] = $0 }
		     END { for (i = n + 1; i <= NR; i++) if (i in l) print l[i] }' > "$log"
	verdict=$(verdict_of $st)
	# A restart (reboot(2)) resets the machine, which with -no-reboot
	# ends QEMU with status 0; the guest's last line tells it apart.
	[ "$st" = 0 ] && grep -aq '^jiny: shutdown status=reboot' "$log" &&
		verdict=reboot
	res=$(tests/check-case.sh "$hv" "$door" "$name" "$spec" "$expect" \
		"$verdict" "$log")
	echo "$res"
	tally "$res"
	if grep -q '^FAIL' <<<"$res"; then
		echo "--- console of $name ($door), QEMU status $st:"
		tail -n 40 "$log" 2>/dev/null
		tail -n 5 "$log.err" 2>/dev/null
		echo "---"
	fi
}

while IFS='|' read -r name mem tmo expect cmdline initrd input; do
	run_case "$name" pvh "$mem" "$tmo" "$expect" "$cmdline" "$initrd" "$input"
done < <(cases qemu "$@")
while IFS='|' read -r name mem tmo expect cmdline initrd; do
	run_case "$name" multiboot2 "$mem" "$tmo" "$expect" "$cmdline" "$initrd"
done < <(cases iso "$@")

# Without isa-debug-exit the guest must power off through ACPI (S5):
# QEMU then exits 0.  On both machine types, through both doors, after a
# program that passes.
acpi_case() {	# name machine door
	local log=$out/acpi-$1.log st
	if [ "$3" = pvh ]; then
		tools/run-qemu.sh --kernel build/jiny.elf --machine "$2" --mem 64 \
			--cmdline init=/bin/uhello --initrd build/test-initrd.cpio \
			--no-debug-exit --serial "$log" --timeout 60 >/dev/null 2>&1
	else
		tools/mkiso.sh build/jiny.elf "$out/acpi.iso" init=/bin/uhello \
			build/test-initrd.cpio >/dev/null &&
		tools/run-qemu.sh --iso "$out/acpi.iso" --machine "$2" --mem 64 \
			--no-debug-exit --serial "$log" --timeout 60 >/dev/null 2>&1
	fi
	st=$?
	if [ $st -eq 0 ] && grep -aq '^jiny: shutdown status=0' "$log" &&
	    grep -aq '^uhello: done, all checks passed' "$log" &&
	    ! grep -aq 'power-off did not happen' "$log"; then
		echo "PASS hv=$hv acpi.poweroff-$1"; passed=$((passed + 1))
	else
		echo "FAIL hv=$hv acpi.poweroff-$1: QEMU status $st"; failed=$((failed + 1))
		tail -n 5 "$log"
	fi
}
if [ $# -eq 0 ]; then
	acpi_case pc-pvh pc pvh
	acpi_case q35-grub q35 iso
fi

# The single-hypervisor profile boots on its own.
if [ $# -eq 0 ] && make -s PROFILE=kvm build/jiny-kvm.elf >/dev/null; then
	log=$out/profile-kvm.log
	tools/run-qemu.sh --kernel build/jiny-kvm.elf --cmdline "ktest=all" \
		--serial "$log" --timeout 240 >/dev/null 2>&1
	res=$(tests/check-case.sh "$hv" pvh profile-kvm 256 ktest-quiet \
		"$(verdict_of $?)" "$log")
	echo "$res"
	tally "$res"
fi

# The image itself: both doors present and well formed.
if grub-file --is-x86-multiboot2 build/jiny.elf; then
	echo "PASS hv=$hv image.multiboot2_header"; passed=$((passed + 1))
else
	echo "FAIL hv=$hv image.multiboot2_header: grub-file rejects build/jiny.elf"; failed=$((failed + 1))
fi
if res=$(build/tools/elfcheck build/jiny.elf 2>&1); then
	echo "PASS hv=$hv image.pvh_note ($res)"; passed=$((passed + 1))
else
	echo "FAIL hv=$hv image.pvh_note: $res"; failed=$((failed + 1))
fi
echo "kvm: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
