#!/usr/bin/env bash
# Judge one boot case from its console log and how the guest stopped.
#   tests/check-case.sh HV DOOR NAME MEMORY_MB EXPECT VERDICT LOG
# HV: qemu|kvm|xen (the hypervisor the guest must report); DOOR:
# pvh|multiboot2; VERDICT: ok|fail|crash|reboot|timeout|error (how it
# stopped).
# Prints "PASS hv=HV boot.NAME" or "FAIL hv=HV boot.NAME: why", plus one
# line per ktest for EXPECT=ktest.  Exit 0 iff everything passed.
# ok:TEXT is looked for only in what the guest's programs printed: the
# kernel's own lines (each starts with its subsystem, "jiny: ...", the
# prefixes tools/klog-prefixes.py reads from the printk calls), such as
# the echo of the command line, do not count; "kernel:TEXT" looks for
# TEXT in those instead.  fail: and crash: texts may be either.
# A case with a peer (MEMORY_MB,...,peer=NAME: tests/net/peer-NAME.sh ran
# beside the guest) has the peer's output after the console, each line
# "peer: ...", the last "peer: exit status N": it passes only when N is 0,
# and the peer's lines never count as the guest's output.
set -uo pipefail
hv=$1 door=$2 name=$3 mem=${4%%,*} expect=$5 verdict=$6 log=$7
peer=
case ,$4, in *,peer=*) peer=${4#*peer=}; peer=${peer%%,*} ;; esac
tag=boot.$name ktag=ktest
# The network cases report as net.NAME (net-http-serve: net.http-serve).
case $name in net-*) tag=net.${name#net-} ;; esac
# Through GRUB, the same case and its ktests are other tests.
[ "$door" = multiboot2 ] && tag=boot-grub.$name ktag=ktest-grub
rc=0
ROOT=$(cd "$(dirname "$0")/.." && pwd)
klog_re=${KLOG_RE:-$("$ROOT/tools/klog-prefixes.py" --regex)}

fail() { echo "FAIL hv=$hv $tag: $*"; rc=1; }

clock_for() {
	case $1 in
	xen) echo xen-pvclock ;;
	kvm) echo kvmclock ;;
	*) echo 'tsc-(hpet|pit)' ;;
	esac
}

check_boot_line() {
	local line m
	line=$(grep -a -m1 '^jiny: hv=' "$log" || true)
	[ -n "$line" ] || { fail "no boot line"; return; }
	[[ $line =~ hv=$hv\  ]] || { fail "wrong hypervisor: $line"; return; }
	[[ $line =~ door=$door\  ]] || { fail "wrong door: $line"; return; }
	[[ $line =~ clock=($(clock_for "$hv"))\  ]] || { fail "wrong clock: $line"; return; }
	m=$(sed -n 's/.* mem=\([0-9]*\)M .*/\1/p' <<<"$line")
	# Firmware and hypervisor keep a little RAM: allow 2 MiB below.
	if [ -z "$m" ] || [ "$m" -gt "$mem" ] || [ "$m" -lt $((mem - 2)) ]; then
		fail "memory $m MiB reported for a $mem MiB guest: $line"; return
	fi
	grep -aq '^jiny: boot ok' "$log" || fail "no 'jiny: boot ok'"
}

if [ ! -s "$log" ]; then
	fail "empty console log ($verdict)"
	exit 1
fi

case $expect in
ktest|ktest-quiet)
	check_boot_line
	if [ "$expect" = ktest ]; then
		sed -n 's/^ktest: PASS \([^ ]*\)$/PASS hv='"$hv $ktag"'.\1/p; s/^ktest: FAIL \([^:]*\): \(.*\)$/FAIL hv='"$hv $ktag"'.\1: \2/p' "$log" | tr -d '\r'
		grep -aq '^ktest: FAIL' "$log" && rc=1
	fi
	summary=$(grep -a '^ktest: [0-9]* passed, [0-9]* failed' "$log" | tail -1)
	if [ -z "$summary" ]; then
		fail "no ktest summary (stopped: $verdict)"
	elif ! [[ $summary =~ ^ktest:\ [1-9][0-9]*\ passed,\ 0\ failed ]]; then
		fail "$summary"
	elif [ "$verdict" != ok ]; then
		fail "tests passed but the guest stopped with '$verdict'"
	fi
	;;
ok:*)
	# Several texts, each of which must appear: "ok:one&&two".
	texts=()
	rest=${expect#ok:}
	while [[ $rest == *'&&'* ]]; do
		texts+=("${rest%%&&*}")
		rest=${rest#*&&}
	done
	texts+=("$rest")
	check_boot_line
	# (Whole texts in variables: grep -q closing a pipe early would make
	# pipefail report a match as a failure.)
	klines=$(grep -aE -- "$klog_re" "$log")
	plines=$(grep -avE -- "$klog_re" "$log" | grep -av '^peer: ')
	for text in "${texts[@]}"; do
		if [[ $text == kernel:* ]]; then
			grep -aqF -- "${text#kernel:}" <<<"$klines" ||
				fail "the kernel did not log '${text#kernel:}'"
		elif ! grep -aqF -- "$text" <<<"$plines"; then
			if grep -aqF -- "$text" "$log"; then
				fail "'$text' is only in the kernel's lines, not in the program's output"
			else
				fail "missing '$text'"
			fi
		fi
	done
	[ "$verdict" = ok ] || fail "expected a clean exit, got '$verdict'"
	;;
reboot:*)
	# The guest asked for a restart (reboot(2)): its text, then a reset.
	text=${expect#reboot:}
	check_boot_line
	for t in "${text%%&&*}" "${text#*&&}"; do
		t=${t#kernel:}
		grep -aqF -- "$t" "$log" || fail "missing '$t'"
	done
	[ "$verdict" = reboot ] || fail "expected a reboot, got '$verdict'"
	;;
fail:*)
	text=${expect#fail:}
	check_boot_line
	grep -aqF -- "$text" "$log" || fail "missing '$text'"
	[ "$verdict" = fail ] || fail "expected a failing exit, got '$verdict'"
	;;
crash:*)
	text=${expect#crash:}
	grep -aqF -- "$text" "$log" || fail "missing '$text'"
	grep -aq '^panic: ' "$log" || fail "no 'panic:' line"
	grep -aq '^backtrace:' "$log" || fail "no backtrace"
	[ "$verdict" = crash ] || fail "expected a crash, got '$verdict'"
	;;
*)
	fail "unknown expectation '$expect'"
	;;
esac
if [ -n "$peer" ]; then
	pst=$(sed -n 's/^peer: exit status \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	if [ -z "$pst" ]; then
		fail "the peer ($peer) left no exit status"
	elif [ "$pst" != 0 ]; then
		fail "the peer ($peer) exited with status $pst: $(grep -a '^peer: ' "$log" | grep -v '^peer: exit status' | tail -n 1)"
	fi
fi
[ $rc -eq 0 ] && echo "PASS hv=$hv $tag"
exit $rc
