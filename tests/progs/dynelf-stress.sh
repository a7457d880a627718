# Run by Debian's dynamic busybox: Debian's stress-ng (a dynamic PIE
# needing twenty libraries) with the eight stressors of issue 9 and
# --verify, each for a fixed count of bogo operations (the time limit is a
# backstop only).  stress-ng's own exit status is the verdict (0: every
# stressor passed), and its summary line must say so.
bb=/bin/busybox
$bb mount -t proc proc /proc
$bb mount -t sysfs sysfs /sys
$bb mount -t tmpfs tmpfs /tmp
cd /tmp
/usr/bin/stress-ng --vm 1 --vm-ops 20 --vm-bytes 4M --fork 1 --fork-ops 50 \
    --pipe 1 --pipe-ops 1000 --futex 1 --futex-ops 500 \
    --mmap 1 --mmap-ops 2 --mmap-bytes 1M --sem 1 --sem-ops 200 \
    --timer 1 --timer-ops 2000 --fault 1 --fault-ops 200 \
    --verify --timeout 120 --metrics-brief >/tmp/sng.log 2>&1
status=$?
$bb cat /tmp/sng.log
if [ "$status" -eq 0 ] && $bb grep -q '] successful run completed' /tmp/sng.log; then
	$bb echo "dynelf-stress: stress-ng passed"
else
	$bb echo "dynelf-stress: stress-ng FAILED (status $status)"
	exit 1
fi
