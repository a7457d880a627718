# Run by Debian's dynamically linked busybox (itself loaded through
# ld.so) in the image of scripts/debian-apps.sh: coreutils' ls, sort and
# sha256sum, each a PIE that ld.so links against libc, libselinux,
# libpcre2, libacl, libattr, libcap and libgmp.  One "dynelf: ok|FAILED"
# line per check, then a summary.  The sums in /etc/dynelf.sums were
# computed on the build host.
prefix=dynelf
bb=/bin/busybox
fails=0
check() {	# name expected actual
	if [ "$2" = "$3" ]; then
		$bb echo "$prefix: ok $1"
	else
		$bb echo "$prefix: FAILED $1: expected [$2] got [$3]"
		fails=$((fails + 1))
	fi
}

$bb mount -t proc proc /proc
$bb mount -t tmpfs tmpfs /tmp
# busybox itself: a PIE at Linux's base, with ld.so and libc mapped.
maps=$($bb cat /proc/self/maps)
check busybox-pie yes "$(echo "$maps" | $bb grep -q '^55555555[0-9a-f]*-.*/bin/busybox' && echo yes)"
check busybox-ldso yes "$(echo "$maps" | $bb grep -q 'ld-linux-x86-64.so.2$' && echo yes)"
check busybox-libc yes "$(echo "$maps" | $bb grep -q 'libc.so.6$' && echo yes)"

# coreutils
check ls "dynelf.sums
group
passwd" "$(/bin/ls /etc | $bb grep -x -e dynelf.sums -e group -e passwd)"
$bb mkdir /tmp/d
$bb echo abc > /tmp/d/f
check ls-l "-rw-r--r-- 1 root root 4 f" "$(cd /tmp/d && /bin/ls -l --time-style=+ f | $bb tr -s ' ')"
check ls-R "/tmp/d:
f" "$(/bin/ls -R /tmp/d)"
check sort "apple
fig
pear" "$($bb printf 'pear\napple\nfig\n' | /usr/bin/sort)"
check sort-nr "100
20
3" "$($bb printf '3\n100\n20\n' | /usr/bin/sort -n -r)"
check sort-u-k2 "b 1
a 2" "$($bb printf 'a 2\nb 1\na 2\n' | /usr/bin/sort -u -k2)"
check sha256sum-abc "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb  /tmp/d/f" \
    "$(/usr/bin/sha256sum /tmp/d/f)"
check sha256sum-c "bin/ls: OK
usr/bin/sort: OK
lib/x86_64-linux-gnu/libc.so.6: OK" "$(cd / && /usr/bin/sha256sum -c /etc/dynelf.sums)"
# The same sums from busybox's own sha256sum, and the file sizes.
check busybox-sha256 "$($bb cat /etc/dynelf.sums)" \
    "$(cd / && $bb sha256sum bin/ls usr/bin/sort lib/x86_64-linux-gnu/libc.so.6)"
# A pipeline of dynamic programs, each its own ld.so run.
check pipeline "3" "$(/bin/ls /etc | /usr/bin/sort -r | $bb grep -c -e sums -e group -e passwd)"

# exec refuses a program whose interpreter is missing (python's test
# sees the errno of one whose interpreter asks for an interpreter).
out=$($bb env /bin/bad-interp-missing 2>&1)
check interp-missing "env: can't execute '/bin/bad-interp-missing': No such file or directory 127" \
    "$out $?"

$bb echo "dynelf: done, $fails failures"
[ "$fails" -eq 0 ]
