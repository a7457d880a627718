# Run by /bin/busybox sh in the guest: the network interfaces as busybox's
# tools see them (ifconfig, route, netstat, ip), cross-checked against
# each other and against /proc/net and uifnet's ioctl and netlink views.
# Booted with or without a network device (lo only then).
prefix=ifnet-test
. /bin/check.sh

$bb mount -t proc proc /proc
$bb mount -t sysfs sysfs /sys 2>/dev/null
$bb cat /proc/net/dev
$bb cat /proc/net/route
$bb cat /proc/net/tcp
$bb cat /proc/net/udp
$bb cat /proc/net/unix
$bb ls -l /proc/net /proc/self/net
$bb ip addr
$bb ip link
$bb ip route
$bb ip link show lo
$bb netstat -an
$bb netstat -rn
$bb route -n
$bb ifconfig
$bb echo "$prefix: done, $fails failures"
