# Run by /bin/busybox sh in the guest, beside tests/net/peer-zeropages.sh
# on the host, which reads the guest's RAM (QEMU's memory-backend-file).
# The guest writes 32 MiB of random bytes into a tmpfs file and says
# "ready"; the host counts the RAM's whole-zero pages and sets a small
# balloon target (4 MiB), its word to go on.  The guest deletes the file,
# waits until its background zeroing ("memzero", /proc/balloon's zeroed)
# has made nine tenths as many pages zero as the file held, and says
# "freed"; the host counts again (it wants three quarters as many more
# zero pages, besides what the balloon may have added) and sets the target back to all of the
# memory, its word to end.  Waits are bounded by the number of looks.
prefix=zeropages-test
. /bin/check.sh
mb=32

$bb mount -t proc proc /proc
check mount-proc 0 $?
$bb mkdir -p /mnt/zp
$bb mount -t tmpfs tmpfs /mnt/zp
check mount-tmpfs 0 $?
$bb dd if=/dev/urandom of=/mnt/zp/buf bs=1048576 count=$mb 2>/dev/null
check filled $((mb * 1048576)) "$($bb stat -c %s /mnt/zp/buf)"
key() { $bb awk -v k="$1:" '$1 == k { print $2 }' /proc/balloon; }
$bb echo "$prefix: ready pages=$((mb * 256))"
wait_for '[ "$(key target)" -gt 0 ] && [ "$(key lent)" = "$(key target)" ]'
check host-word-go 0 $?
z0=$(key zeroed)
$bb rm /mnt/zp/buf
check removed 0 $?
# (The first page of each free block holds the allocator's links and is
# not counted: nine tenths.)
wait_for '[ "$(key zeroed)" -ge $((z0 + mb * 256 * 9 / 10)) ]'
check zeroed-in-guest 0 $?
$bb echo "$prefix: freed zeroed=$(($(key zeroed) - z0))"
wait_for '[ "$(key target)" = 0 ] && [ "$(key lent)" = 0 ]'
check host-word-end 0 $?
$bb echo "$prefix: done, $fails failures"
[ $fails -eq 0 ]
