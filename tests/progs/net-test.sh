# Run by /bin/busybox sh in the guest of the network cases (tests/boot.cases,
# the peer scripts in tests/net/): the guest's side, which ends by printing
# "net-test: MODE: done, ..." only once it checked its part and, where
# the peer checks something, the peer said "ok".
#   net-test.sh linger SECS    stay up SECS seconds (the peer does it all)
#   net-test.sh http-serve     busybox httpd serves net.size bytes of
#                              `unet gen`; the peer downloads and checks
#   net-test.sh http-fetch     busybox wget fetches them from the peer's
#                              server at net.peer=ADDR:PORT; checked here
#   net-test.sh udp-echo       an echo server the peer's datagrams check
#   net-test.sh tcp-echo       an echo server for the peer's connections
# From the kernel command line (/proc/cmdline): net.size= (bytes, default
# 64 MiB), net.peer= (the peer's server, added by the case runner).
# Ports (the same on QEMU, forwarded from the host, and under Xen): httpd
# 80, echo 7 (TCP and UDP), the peer's word 9000.
bb=/bin/busybox
mode=$1
say() { echo "net-test: $mode: $*"; }
die() { say "FAIL: $*"; exit 1; }

$bb mount -t proc proc /proc 2>/dev/null
size=67108864 peer=
for w in $($bb cat /proc/cmdline); do
	case $w in
	net.size=*) size=${w#net.size=} ;;
	net.peer=*) peer=${w#net.peer=} ;;
	esac
done
t0=$($bb date +%s)
took() { echo $(($($bb date +%s) - t0)); }

case $mode in
linger)
	$bb sleep "$2"
	say "done, stayed up $2 s" ;;
http-serve)
	$bb mkdir -p /tmp/www || die "mkdir /tmp/www"
	/bin/unet gen "$size" >/tmp/www/data || die "unet gen"
	got=$($bb stat -c %s /tmp/www/data)
	[ "$got" = "$size" ] || die "the file has $got bytes, not $size"
	say "serving $size bytes, sha256 $($bb sha256sum </tmp/www/data | $bb cut -d' ' -f1) (made in $(took) s)"
	$bb httpd -f -p 80 -h /tmp/www &
	httpd=$!
	/bin/unet wait 9000 1200
	st=$?
	kill $httpd
	wait $httpd 2>/dev/null
	[ $st = 0 ] || die "the peer did not say ok"
	say "done, the peer checked $size bytes in $(took) s" ;;
http-fetch)
	[ -n "$peer" ] || die "no net.peer= on the command line"
	want=$(/bin/unet gen "$size" | $bb sha256sum | $bb cut -d' ' -f1)
	say "fetching $size bytes from $peer, want sha256 $want"
	# The peer may still be making its file (under nested Xen that
	# takes a while): up to 120 tries a second apart.
	i=0 sum=
	while [ $i -lt 120 ]; do
		i=$((i + 1))
		sum=$($bb wget -q -O - "http://$peer/data" 2>/tmp/wget.err |
			$bb sha256sum | $bb cut -d' ' -f1)
		[ "$sum" = "$want" ] && break
		$bb sleep 1
	done
	[ "$sum" = "$want" ] || die "sha256 $sum after $i tries: $($bb cat /tmp/wget.err)"
	say "sha256 matches after $i tries, in $(took) s"
	/bin/unet wait 9000 300 || die "the peer did not say ok"
	say "done, fetched and checked $size bytes" ;;
udp-echo)
	/bin/unet udp-echo 7 600 || die "unet udp-echo failed"
	say "done, the peer's datagrams came back" ;;
tcp-echo)
	/bin/unet tcp-echo 7 600 || die "unet tcp-echo failed"
	say "done, every connection echoed" ;;
*)
	die "unknown mode" ;;
esac
# Interrupts the kernel turned away (delivered with IF clear; trap.c):
# none on real hardware, some under the nested Xen of the tests.
say "$($bb grep "^SPU:" /proc/interrupts | $bb tr -s " ")"
