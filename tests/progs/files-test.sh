# Run by busybox sh inside the guest: file and directory syscalls seen
# through unmodified busybox applets.  Prints one "files-test: ok|FAILED"
# line per check and a summary.
prefix=files-test
. /bin/check.sh

$bb mkdir -p /tmp/t/sub || fails=$((fails + 1))
cd /tmp/t
check pwd /tmp/t "$(pwd)"
$bb echo "line one" > a.txt
$bb echo "line two" >> a.txt
check cat-append "line one
line two" "$($bb cat a.txt)"
check wc-l 2 "$($bb wc -l < a.txt)"
$bb cp a.txt sub/b.txt
check cp "line two" "$($bb tail -n 1 sub/b.txt)"
$bb mv sub/b.txt sub/c.txt
check mv "c.txt" "$($bb ls sub)"
$bb ln -s sub/c.txt link
check readlink "sub/c.txt" "$($bb readlink link)"
check read-through-link "line one" "$($bb head -n 1 link)"
check grep "line two" "$($bb grep two a.txt)"
check sed "LINE one" "$($bb sed -n 's/line one/LINE one/p' a.txt)"
check sort "b
c
d" "$($bb printf 'd\nb\nc\n' | $bb sort)"
check find "./sub/c.txt" "$($bb find . -name c.txt)"
$bb rm sub/c.txt
check rm "" "$($bb ls sub)"
$bb rmdir sub
check rmdir "a.txt link" "$($bb ls | $bb tr '\n' ' ' | $bb sed 's/ $//')"
check missing-file-fails 1 "$($bb cat /nonexistent 2>/dev/null; $bb echo $?)"
check dev-null "" "$($bb cat /dev/null)"
check dev-zero 16 "$($bb head -c 16 /dev/zero | $bb wc -c)"
check stat-size 18 "$($bb stat -c %s a.txt)"
$bb echo "files-test: done, $fails failures"
[ $fails -eq 0 ]
