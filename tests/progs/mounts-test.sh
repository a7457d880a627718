# Run by busybox sh inside the guest (64 MiB): mounts, procfs and file
# metadata seen through unmodified busybox applets (mount, umount, ps,
# free, df, stat, touch, chown, mkfifo, mknod, cp -p, mv across mounts).
# Prints one "mounts-test: ok|FAILED" line per check and a summary.
prefix=mounts-test
. /bin/check.sh

$bb mount -t proc proc /proc
check mount-proc 0 $?
$bb mount -t tmpfs tmpfs /tmp
check mount-tmpfs 0 $?
check mount-unknown-type refused "$($bb mount -t nosuchfs x /tmp 2>/dev/null || $bb echo refused)"
check proc-mounts "proc /proc proc rw 0 0" "$($bb grep ' /proc ' /proc/mounts)"
check mount-lists "tmpfs on /tmp type tmpfs (rw)" "$($bb mount | $bb grep ' /tmp ')"
check stat-f-proc proc "$($bb stat -f -c %T /proc)"
check stat-f-tmpfs tmpfs "$($bb stat -f -c %T /tmp)"
check df-tmp "tmpfs /tmp" "$($bb df /tmp | $bb awk 'NR == 2 { print $1, $6 }')"
check ps-shows-us 1 "$($bb ps -o pid | $bb awk -v p=$$ '$1 == p { n++ } END { print n + 0 }')"
check ps-comm-of-init 1 "$($bb ps -o pid,args | $bb grep -c '^ *1 .*mounts-test.sh')"
check free-total-in-64M 1 "$($bb free | $bb awk '/^Mem:/ { print ($2 > 32768 && $2 <= 65536) }')"
check uptime "load average" "$($bb uptime | $bb sed -n 's/.*\(load average\).*/\1/p')"
check proc-self-exe /bin/busybox "$($bb readlink /proc/self/exe)"
check proc-cmdline "/bin/busybox sh /bin/mounts-test.sh " \
	"$($bb tr '\0' ' ' < /proc/$$/cmdline)"
check proc-stat-pid "$$" "$($bb cut -d' ' -f1 /proc/$$/stat)"
check proc-self-mounts "proc /proc proc rw 0 0" \
	"$($bb grep ' /proc ' /proc/self/mounts)"
check proc-sys-dirs "fs kernel vm" "$($bb ls /proc/sys | $bb tr '\n' ' ' | $bb sed 's/ $//')"
check proc-sys-pid-max 32768 "$($bb cat /proc/sys/kernel/pid_max)"
check proc-sys-hostname "$($bb hostname)" "$($bb cat /proc/sys/kernel/hostname)"
check proc-sys-ostype Linux "$($bb cat /proc/sys/kernel/ostype)"
check proc-sys-version "$($bb uname -v)" "$($bb cat /proc/sys/kernel/version)"
check proc-sys-nr-open 1048576 "$($bb cat /proc/sys/fs/nr_open)"
check proc-sys-read-only 1 "$($bb sh -c 'echo 5 > /proc/sys/kernel/osrelease' 2>/dev/null; $bb echo $?)"

cd /tmp
$bb echo data > f
$bb touch -d "2001-02-03 04:05:06" f
check touch-d 981173106 "$($bb stat -c %Y f)"
$bb chown 12:34 f
check chown 12:34 "$($bb stat -c %u:%g f)"
$bb chmod 751 f
check chmod 751 "$($bb stat -c %a f)"
$bb ln f g
check ln-hard 2 "$($bb stat -c %h f)"
$bb mkfifo p
check mkfifo fifo "$($bb stat -c %F p)"
$bb mknod n c 1 3
check mknod "1,3" "$($bb stat -c %t,%T n)"
( $bb echo through > p & )
check fifo-carries through "$($bb cat p)"
$bb cp -p f h
check cp-p "981173106 751 12:34" "$($bb stat -c '%Y %a %u:%g' h)"
$bb mv g /moved
check mv-across-mounts data "$($bb cat /moved)"
$bb rm /moved
$bb mkdir d
check dir-links 3 "$($bb mkdir d/e; $bb stat -c %h d)"
$bb mount -t devtmpfs dev d/e
check devtmpfs "console full loop-control loop0 loop1 loop2 loop3 loop4 loop5 loop6 loop7 null random tty urandom zero" \
	"$($bb ls d/e | $bb tr '\n' ' ' | $bb sed 's/ $//')"
check umount-busy 1 "$($bb umount /tmp 2>/dev/null; $bb echo $?)"
$bb umount d/e
cd /
$bb umount /tmp
check umount-tmpfs 0 $?
check tmp-empty-again "" "$($bb ls /tmp)"
$bb umount /proc
check umount-proc "" "$($bb ls /proc)"
$bb echo "mounts-test: done, $fails failures"
[ $fails -eq 0 ]
