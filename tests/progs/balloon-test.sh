# Run by /bin/busybox sh in the guest, beside a host-side script that sets
# the balloon's target (tests/net/peer-balloon.sh: QMP "balloon" on QEMU,
# "xl mem-set" under Xen).  The guest holds a checksummed working set in
# a tmpfs, says "ready", and then follows the host: the target at half
# the memory is met (the pages lent, MemTotal down by as much, the
# working set intact); a target below the floor is refused in part (the
# guest keeps what it needs and says so in /proc/balloon), and writing
# more than is then free takes pages back from the balloon; the target
# back at 0 is met and the working set is still intact; the host's last
# word is a small target (4 MiB), met before the guest moves on.  Each wait is
# bounded by the number of looks, not by a clock.
#   balloon-test.sh [WORKING_SET_MB]
prefix=balloon-test
. /bin/check.sh
ws=${1:-24}

$bb mount -t proc proc /proc
check mount-proc 0 $?
$bb mkdir -p /mnt/ws
$bb mount -t tmpfs tmpfs /mnt/ws
check mount-tmpfs 0 $?
$bb dd if=/dev/urandom of=/mnt/ws/set bs=1048576 count=$ws 2>/dev/null
sum0=$($bb sha256sum /mnt/ws/set | $bb cut -d' ' -f1)
key() { $bb awk -v k="$1:" '$1 == k { print $2 }' /proc/balloon; }
meminfo() { $bb awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
total0=$(meminfo MemTotal)
check device-present yes "$([ "$(key device)" != none ] && echo yes || echo no)"
$bb echo "$prefix: ready total_kB=$total0 ws_MB=$ws"

# 1. The host asks for half.
wait_for '[ "$(key target)" -gt 0 ] && [ "$(key lent)" = "$(key target)" ]'
check inflated 0 $?
lent=$(key lent)
total1=$(meminfo MemTotal)
check memtotal-down "$((total0 - lent * 4))" "$total1"
freetot=$($bb free | $bb awk '$1 == "Mem:" { print $2 }')
check free-agrees "$total1" "$freetot"
check ws-intact-inflated "$sum0" "$($bb sha256sum /mnt/ws/set | $bb cut -d' ' -f1)"
$bb echo "$prefix: inflated lent=$lent took_ns=$(key last_change_took_ns) mem_total_kB=$total1 mem_free_kB=$(meminfo MemFree)"

# 2. A target below the floor: refused, the guest keeps its floor.
r0=$(key refusals)
wait_for '[ "$(key refusals)" -gt "$r0" ] && [ "$(key lent)" -ge "$lent" ] && [ "$(key lent)" -lt "$(key target)" ]'
check refused 0 $?
check ws-intact-refused "$sum0" "$($bb sha256sum /mnt/ws/set | $bb cut -d' ' -f1)"
$bb echo "$prefix: refused target=$(key target) lent=$(key lent) floor=$(key floor) refusals=$(key refusals)"

# 2b. Pressure: more than is free now, while the balloon holds the rest.
# virtio-balloon (deflate-on-oom): the allocations that would fail take
# pages back first, and the write succeeds.  Xen: the host's limit
# (xl mem-set lowers the domain's maximum with its target) refuses them,
# and the write fails cleanly, the kernel and the working set unharmed.
p0=$(key pressure_taken)
big=$(($(meminfo MemFree) / 1024 + 8))
$bb dd if=/dev/zero of=/mnt/ws/big bs=1048576 count=$big 2>/dev/null
st=$?
if $bb grep -q '^xenbus ' /proc/pvbus; then
	check pressure-write-refused-by-host 1 $st
else
	check pressure-write 0 $st
	check pressure-size $((big * 1048576)) "$($bb stat -c %s /mnt/ws/big)"
	check pressure-took-back yes "$([ "$(key pressure_taken)" -gt "$p0" ] && echo yes || echo no)"
fi
check ws-intact-pressure "$sum0" "$($bb sha256sum /mnt/ws/set | $bb cut -d' ' -f1)"
$bb echo "$prefix: pressure: wrote $(($($bb stat -c %s /mnt/ws/big) / 1048576)) of ${big} MiB, $(($(key pressure_taken) - p0)) pages taken back first"
$bb rm /mnt/ws/big

# 3. Back to nothing lent.
wait_for '[ "$(key target)" = 0 ] && [ "$(key lent)" = 0 ]'
check deflated 0 $?
check memtotal-back "$total0" "$(meminfo MemTotal)"
check ws-intact-deflated "$sum0" "$($bb sha256sum /mnt/ws/set | $bb cut -d' ' -f1)"
$bb echo "$prefix: deflated took_ns=$(key last_change_took_ns)"
# The host's last word: it has looked, and asks for 4 MiB (1024 pages).
wait_for '[ "$(key target)" = 1024 ] && [ "$(key lent)" = 1024 ]'
check host-done 0 $?

# 4. Freed pages are zeroed in the background (for the host's KSM).
z0=$(key zeroed)
$bb rm /mnt/ws/set
wait_for '[ "$(key zeroed)" -ge $((z0 + ws * 256 / 2)) ]'
check zeroed-after-free 0 $?
$bb echo "$prefix: zeroed $(($(key zeroed) - z0)) pages after freeing ${ws} MiB, last pass at $(key zero_last_ns) ns"
$bb cat /proc/balloon
if [ $fails = 0 ]; then
	$bb echo "$prefix: done, 0 failures"
else
	$bb echo "$prefix: done, $fails failures"
	exit 1
fi
