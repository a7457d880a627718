# Run by busybox sh inside the guest: text and archive tools, pipelines
# and background processes through unmodified busybox applets.  Prints
# one "tools-test: ok|FAILED" line per check and a summary.
prefix=tools-test
. /bin/check.sh

$bb mkdir -p /work/tools && cd /work/tools || fails=$((fails + 1))
$bb seq 1 200 > nums
check seq-wc 200 "$($bb wc -l < nums)"
check awk-sum 20100 "$($bb awk '{ s += $1 } END { print s }' nums)"
check awk-fields "b:3" "$($bb echo 'a b c' | $bb awk '{ print $2 ":" NF }')"
check awk-printf "0042 x" "$($bb awk 'BEGIN { printf "%04d %s\n", 42, "x" }')"
check sort-n "200 199 198" "$($bb sort -rn nums | $bb head -n 3 | $bb xargs)"
check uniq-c "2 a" "$($bb printf 'a\na\nb\n' | $bb uniq -c | $bb head -n 1 | $bb awk '{ print $1, $2 }')"
check cut "b" "$($bb echo 'a:b:c' | $bb cut -d: -f2)"
check tr "HELLO" "$($bb echo hello | $bb tr a-z A-Z)"
check expr 42 "$($bb expr 6 \* 7)"
check od "0000000 141 142" "$($bb printf ab | $bb od -b | $bb head -n 1 | $bb sed 's/ *$//')"
check md5sum "5d41402abc4b2a76b9719d911017c592" "$($bb printf hello | $bb md5sum | $bb cut -d' ' -f1)"
check sha256sum "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" \
	"$($bb printf hello | $bb sha256sum | $bb cut -d' ' -f1)"
$bb dd if=/dev/zero of=zeros bs=1024 count=64 2>/dev/null
check dd-size 65536 "$($bb stat -c %s zeros)"
$bb mkdir -p tree/a/b
$bb echo one > tree/a/one
$bb echo two > tree/a/b/two
$bb tar cf tree.tar tree
$bb gzip -c tree.tar > tree.tar.gz
$bb rm -r tree
$bb gunzip -c tree.tar.gz | $bb tar xf -
check tar-gzip-roundtrip "one two" "$($bb cat tree/a/one tree/a/b/two | $bb xargs)"
check tar-list 5 "$($bb tar tf tree.tar | $bb wc -l)"
check diff-same 0 "$($bb diff nums nums >/dev/null; $bb echo $?)"
$bb sed 's/^100$/hundred/' nums > nums2
check diff-differs 1 "$($bb diff nums nums2 >/dev/null; $bb echo $?)"
check cmp "differ" "$($bb cmp nums nums2 2>&1 | $bb grep -o differ)"
check find-type 2 "$($bb find tree -type f | $bb wc -l)"
check xargs-n "1 2
3 4" "$($bb seq 1 4 | $bb xargs -n 2)"
check pipeline-long 10 "$($bb seq 1 10000 | $bb grep 5 | $bb sort | $bb uniq | $bb tail -n 10 | $bb wc -l)"
check subshell-exit 3 "$( (exit 3); $bb echo $?)"
$bb sleep 30 &
bg=$!
$bb kill $bg
wait $bg
check kill-background 143 "$?"
$bb sleep 1 &
wait $!
check wait-background 0 "$?"
check here-doc "x y" "$($bb cat <<END | $bb xargs
x
y
END
)"
check wall-clock "yes" "$([ "$($bb date +%Y)" -ge 2024 ] && $bb echo yes)"
check printf-width "[  7]" "$($bb printf '[%3d]' 7)"
check large-file 1048576 "$($bb head -c 1048576 /dev/zero | $bb wc -c)"
cd / && $bb rm -r /work/tools
$bb echo "tools-test: done, $fails failures"
[ $fails -eq 0 ]
