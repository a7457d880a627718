# Run by /bin/busybox sh in the guest, booted with N vCPUs (the first
# argument, from the boot case): /proc/interrupts has a column per CPU
# that is up, as on Linux, and every row a count in each; the IPI vector
# is routed; the scheduler's timer ticks on CPU 0; /proc/cpus names the
# clock; /sys/devices/system/cpu is as Linux's.
prefix=smp-test
. /bin/check.sh
n=$1

$bb mount -t proc proc /proc
check mount-proc 0 $?
$bb cat /proc/interrupts
want=$($bb seq 0 $((n - 1)) | $bb sed 's/^/CPU/' | $bb tr '\n' ' ' | $bb sed 's/ $//')
check interrupts-columns "$want" \
	"$($bb head -n 1 /proc/interrupts | $bb tr -s ' ' | $bb sed 's/^ //; s/ $//')"
# Rows of vector numbers: "VEC:" then one count per CPU, then the name.
check interrupts-row-widths "" "$($bb awk -v n="$n" '
	$1 ~ /^[0-9]+:$/ { c = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) c++
		if (c != n) print $1 " has " c }' /proc/interrupts)"
check interrupts-ipi 1 "$($bb grep -c ' IPI$' /proc/interrupts)"
check timer-ticks-on-cpu0 yes "$($bb awk '$NF == "LAPIC-timer" { print ($2 > 0) ? "yes" : "no" }' /proc/interrupts)"
# /sys/devices/system/cpu as Linux has it: every CPU up is possible and
# present; online are those programs may use (all of them, or CPU 0
# alone under smp=idle, when the others show "idle" in /proc/cpus).
$bb mkdir -p /sys
$bb mount -t sysfs sysfs /sys
check mount-sysfs 0 $?
last=$((n - 1))
all=0
[ "$last" -gt 0 ] && all=0-$last
check sys-possible "$all" "$($bb cat /sys/devices/system/cpu/possible)"
check sys-present "$all" "$($bb cat /sys/devices/system/cpu/present)"
if $bb awk '$4 == "idle" { f = 1 } END { exit !f }' /proc/cpus; then
	check sys-online-idle 0 "$($bb cat /sys/devices/system/cpu/online)"
else
	check sys-online "$all" "$($bb cat /sys/devices/system/cpu/online)"
fi
# /proc/cpus names the clock and counts its steps back: one line
# "clock: SOURCE steps N stepped_ns N", no steps exactly when no ns.
check cpus-clock-line 1 "$($bb awk '$1 == "clock:" && $3 == "steps" &&
	$4 ~ /^[0-9]+$/ && $5 == "stepped_ns" && $6 ~ /^[0-9]+$/ &&
	($4 == 0) == ($6 == 0) { c++ } END { print c + 0 }' /proc/cpus)"
# /proc/uptime: the time up, then every CPU's idle time added up (as
# Linux): never more than N times the time up.
check uptime-idle-bound yes "$($bb awk -v n="$n" '{ print (NF == 2 &&
	$2 <= n * $1) ? "yes" : "no: " $0 }' /proc/uptime)"
check sys-kernel-max 63 "$($bb cat /sys/devices/system/cpu/kernel_max)"
$bb echo "$prefix: done, $fails failures"
[ $fails -eq 0 ]
