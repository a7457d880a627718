# Run by Debian's dynamic busybox: Debian's stress-ng (a dynamic PIE
# needing twenty libraries) with six stressors and --verify, each for a
# fixed count of bogo operations (the time limit is a backstop only).
# stress-ng's own exit status is the verdict (0: every stressor passed),
# and its summary line must say so.  Not yet: --timer (timer_create) and
# --fault (a writable MAP_SHARED mapping of a tmpfs file).
bb=/bin/busybox
$bb mount -t proc proc /proc
$bb mount -t tmpfs tmpfs /tmp
cd /tmp
/usr/bin/stress-ng --vm 1 --vm-ops 20 --vm-bytes 4M --fork 1 --fork-ops 50 \
    --pipe 1 --pipe-ops 1000 --futex 1 --futex-ops 500 \
    --mmap 1 --mmap-ops 2 --mmap-bytes 1M --sem 1 --sem-ops 200 \
    --verify --timeout 120 --metrics-brief >/tmp/sng.log 2>&1
status=$?
$bb cat /tmp/sng.log
if [ "$status" -eq 0 ] && $bb grep -q '] successful run completed' /tmp/sng.log; then
	$bb echo "dynelf-stress: stress-ng passed"
else
	$bb echo "dynelf-stress: stress-ng FAILED (status $status)"
	exit 1
fi
