# Run by /bin/busybox sh in the guest: the network interfaces as busybox's
# tools see them (ifconfig, route, netstat, ip), cross-checked against
# each other, against /proc/net and against uifnet (ioctls and netlink,
# itself checked against Linux).  Booted with one network device and a
# static ip=ADDR/PREFIX:GATEWAY (eth0 then), or without one (lo only).
# What is expected comes from the command line (/proc/cmdline) and from
# the hardware address SIOCGIFHWADDR gives.
prefix=ifnet-test
. /bin/check.sh

$bb mount -t proc proc /proc
check mount-proc 0 $?
$bb mkdir -p /sys && $bb mount -t sysfs sysfs /sys
check mount-sys 0 $?
check sys-class-net "$($bb ip link | $bb sed -n 's/^[0-9]*: \([^:]*\):.*/\1/p' | $bb sort)" \
	"$($bb ls /sys/class/net | $bb sort)"
/bin/uifnet
check uifnet 0 $?

# lo, always.
$bb ip link
check ip-link-lo 1 "$($bb ip link | $bb grep -c '^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 ')"
$bb ip addr
check ip-addr-lo 1 "$($bb ip addr show dev lo | $bb grep -c 'inet 127\.0\.0\.1/8 scope host lo$')"
check proc-net-dev-lines "$($bb ip link | $bb grep -c '^[0-9]*: ')" \
	"$($bb tail -n +3 /proc/net/dev | $bb wc -l)"
$bb netstat -an >/tmp/netstat.out 2>/tmp/netstat.err
check netstat-an 0 $?
$bb cat /tmp/netstat.out /tmp/netstat.err
check netstat-an-inet 1 "$($bb grep -c '^Active Internet connections' /tmp/netstat.out)"
check netstat-an-unix 1 "$($bb grep -c '^Active UNIX domain sockets' /tmp/netstat.out)"
# Only the IPv6 tables are missing (Jiny has no IPv6).
check netstat-an-missing 0 "$($bb grep -v -c '/proc/net/[a-z]*6: No such file' /tmp/netstat.err)"

# The routes, three ways: /proc/net/route, route -n, netstat -rn, ip route.
$bb route -n
$bb netstat -rn
$bb ip route
routes=$($bb tail -n +2 /proc/net/route | $bb wc -l)
check route-n-lines "$routes" "$($bb route -n | $bb tail -n +3 | $bb wc -l)"
check netstat-rn-same "$($bb route -n | $bb tail -n +3 | $bb awk '{ print $1, $2, $3, $4, $NF }')" \
	"$($bb netstat -rn | $bb tail -n +3 | $bb awk '{ print $1, $2, $3, $4, $NF }')"
check ip-route-lines "$routes" "$($bb ip route | $bb wc -l)"

# The network device, if there is one.
mac=$(/bin/uifnet hw eth0)
ip=$($bb sed -n 's/.*[ ]ip=\([0-9.]*\)\/\([0-9]*\):\([0-9.]*\).*/\1 \2 \3/p' /proc/cmdline)
if [ -n "$mac" ]; then
	set -- $ip
	addr=$1 plen=$2 gw=$3
	check sys-class-net-address "$mac" "$($bb cat /sys/class/net/eth0/address)"
	check sys-class-net-operstate up "$($bb cat /sys/class/net/eth0/operstate)"
	check mac-shape yes "$(echo "$mac" | $bb grep -q '^[0-9a-f][02468ace]\(:[0-9a-f][0-9a-f]\)\{5\}$' && echo yes)"
	check ip-link-eth0 1 "$($bb ip link show eth0 | $bb grep -c "link/ether $mac brd ff:ff:ff:ff:ff:ff")"
	check ip-link-eth0-up 1 "$($bb ip link show eth0 | $bb grep -c '^2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 ')"
	check ip-addr-eth0 1 "$($bb ip addr show dev eth0 | $bb grep -c "inet $addr/$plen .*scope global eth0$")"
	check ip-route-default 1 "$($bb ip route | $bb grep -c "^default via $gw dev eth0")"
	check ip-route-subnet 1 "$($bb ip route | $bb grep -c "/$plen dev eth0 .*src $addr")"
	check route-n-default 1 "$($bb route -n | $bb grep -c "^0\.0\.0\.0 *$gw *0\.0\.0\.0 *UG .* eth0$")"
	check proc-net-dev-eth0 1 "$($bb grep -c '^  eth0:' /proc/net/dev)"
	# Changes through netlink: the address and the default route away
	# and back.
	$bb ip route del default
	check ip-route-del 0 "$($bb ip route | $bb grep -c '^default')"
	$bb ip route add default via "$gw"
	check ip-route-add 1 "$($bb ip route | $bb grep -c "^default via $gw dev eth0")"
	check ip-route-add-again-exists 1 "$($bb ip route add default via "$gw" 2>&1 | $bb grep -c 'File exists')"
	$bb ip addr del "$addr/$plen" dev eth0
	check ip-addr-del 0 "$($bb ip addr show dev eth0 | $bb grep -c 'inet ')"
	check ip-addr-del-routes 0 "$($bb tail -n +2 /proc/net/route | $bb wc -l)"
	$bb ip addr add "$addr/$plen" dev eth0
	check ip-addr-add 1 "$($bb ip addr show dev eth0 | $bb grep -c "inet $addr/$plen ")"
	check ip-addr-add-subnet 1 "$($bb ip route | $bb grep -c "/$plen dev eth0 .*src $addr")"
	$bb ip route add default via "$gw"
	check ip-route-back 1 "$($bb route -n | $bb grep -c "^0\.0\.0\.0 *$gw .*UG")"
else
	check no-device-no-routes 0 "$routes"
fi

# ifconfig and netstat -t need AF_INET sockets.
if $bb ifconfig lo >/tmp/ifc.lo 2>&1; then
	$bb ifconfig
	$bb ifconfig -a
	check ifconfig-lo 1 "$($bb grep -c 'inet addr:127\.0\.0\.1  Mask:255\.0\.0\.0' /tmp/ifc.lo)"
	check ifconfig-lo-flags 1 "$($bb grep -c 'UP LOOPBACK RUNNING  MTU:65536  Metric:1' /tmp/ifc.lo)"
	check ifconfig-a-count "$($bb ip link | $bb grep -c '^[0-9]*: ')" \
		"$($bb ifconfig -a | $bb grep -c '^[a-z]')"
	if [ -n "$mac" ]; then
		MAC=$(echo "$mac" | $bb tr a-f A-F)
		check ifconfig-eth0-hw 1 "$($bb ifconfig eth0 | $bb grep -c "^eth0 *Link encap:Ethernet  HWaddr $MAC")"
		check ifconfig-eth0-inet 1 "$($bb ifconfig eth0 | $bb grep -c "inet addr:$addr  Bcast:")"
		# Down and up again; a new address; the default route away and back.
		$bb ifconfig eth0 down
		check ifconfig-down 0 "$($bb ip link show eth0 | $bb grep -c ',UP')"
		$bb ifconfig eth0 up
		check ifconfig-up 1 "$($bb ip link show eth0 | $bb grep -c ',UP,LOWER_UP')"
		$bb ifconfig eth0 10.9.8.7 netmask 255.255.255.0
		check ifconfig-set-addr 1 "$($bb ip addr show dev eth0 | $bb grep -c 'inet 10\.9\.8\.7/24 brd 10\.9\.8\.255')"
		$bb ifconfig eth0 "$addr" netmask 255.255.255.0
		$bb route del default
		check route-del 0 "$($bb ip route | $bb grep -c '^default')"
		$bb route add default gw "$gw"
		check route-add 1 "$($bb route -n | $bb grep -c "^0\.0\.0\.0 *$gw .*UG")"
	fi
	# A listening TCP socket shows in netstat -ant.
	$bb nc -l -p 7777 >/dev/null 2>&1 &
	nc=$!
	n=0
	while [ $n -lt 100 ] && ! $bb netstat -ant | $bb grep -q ':7777 .*LISTEN'; do
		$bb usleep 100000
		n=$((n + 1))
	done
	$bb netstat -ant
	check netstat-ant-listen 1 "$($bb netstat -ant | $bb grep -c '^tcp *0 *0 0\.0\.0\.0:7777 *0\.0\.0\.0:\* *LISTEN')"
	# A connection over lo shows in its counters.
	lo_rx() { $bb sed -n 's/^ *lo: *[0-9]* *\([0-9]*\) .*/\1/p' /proc/net/dev; }
	before=$(lo_rx)
	echo hello | $bb timeout 10 $bb nc 127.0.0.1 7777
	after=$(lo_rx)
	check lo-counts-packets yes "$([ "$after" -gt "$before" ] && echo yes)"
	$bb cat /proc/net/dev
	kill $nc 2>/dev/null
else
	$bb cat /tmp/ifc.lo
	$bb echo "$prefix: no AF_INET sockets: ifconfig and netstat -t not checked"
fi
$bb echo "$prefix: done, $fails failures"
