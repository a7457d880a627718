#!/bin/sh
# Run busybox's own testsuite the way its testsuite/runtest does (the same
# old-style and new-style tests, the same applet links, OPTIONFLAGS and
# .config checks), but with a time limit on every applet's tests and a
# framing line around each, so a hang costs one applet, not the run.
#
#   driver.sh BINDIR LIMIT_S [APPLET...]
#
# BINDIR holds busybox, its .config and testsuite/ (runtest's layout: the
# testsuite's parent).  No APPLET: "busybox", then every applet the binary
# lists (busybox among them, so busybox.tests runs twice, as in runtest).  EXCLUDE (environment, blank-separated)
# drops applets from that default list; LIMITS ("applet=S ...") gives
# slow applets their own limit.  The caller sets Debian's
# TESTSUITE_ENV in the environment.
#
# Output: the testsuite's own "PASS: name", "FAIL: name", "SKIPPED: name",
# "UNTESTED: name" lines, and around each applet
#   conformance-applet: NAME start
#   conformance-applet: NAME end rc=N secs=S      (or)
#   conformance-applet: NAME timeout secs=S
# then "conformance-driver: done".  (secs comes from date +%s: 0 where the
# guest has no wall clock.)

self=$(cd "$(dirname "$0")" && pwd)/${0##*/}
bindir=$1
limit=$2
shift 2
tsdir=$bindir/testsuite
linksdir=$bindir/runtest-tempdir-links
cd "$tsdir" || { echo "conformance-driver: no $tsdir"; exit 2; }
export bindir tsdir
[ -n "$VERBOSE" ] || export VERBOSE=
PATH="$bindir:$PATH"

# Applets the binary says it has: --list is the list runtest reads out of
# its help text.
implemented="busybox $("$bindir/busybox" --list | tr '\n' ' ')"
if [ $# -eq 0 ]; then
	set -- $implemented
	for x in $EXCLUDE; do
		kept=
		for a; do [ "$a" = "$x" ] || kept="$kept $a"; done
		set -- $kept
	done
fi

# The links runtest makes: one per applet, kept if already there (the
# guest's initrd carries them, saving ~270 forks under TCG).
mkdir -p "$linksdir"
for a in $implemented; do
	[ -e "$linksdir/$a" ] || ln -s "$bindir/busybox" "$linksdir/$a"
done

OPTIONFLAGS=:$(sed -n 's/^CONFIG_\([^=]*\)=.*/\1/p' "$bindir/.config" | tr '\n' ':')
export OPTIONFLAGS

now() { date +%s; }

# One old-style test: a script run by "sh -x -e" in a scratch directory,
# untested when its applet or a "# FEATURE:" it names is configured out.
old_case() {	# applet testcase
	name=${2##*/}
	up=$(echo "$1" | tr a-z A-Z)
	if grep -q "^# CONFIG_$up is not set\$" "$bindir/.config"; then
		echo "UNTESTED: $name"
		return 0
	fi
	for f in $(sed -n 's/^# FEATURE: //p' "$2"); do
		if grep -q "^# $f is not set\$" "$bindir/.config"; then
			echo "UNTESTED: $name"
			return 0
		fi
	done
	rm -rf ".tmpdir.$1"
	mkdir -p ".tmpdir.$1"
	(cd ".tmpdir.$1" && d="$tsdir" sh -x -e "$2" >"$name.stdout.txt" 2>&1)
	st=$?
	if [ $st -ne 0 ]; then
		echo "FAIL: $name"
		[ -z "$VERBOSE" ] || cat ".tmpdir.$1/$name.stdout.txt"
	else
		echo "PASS: $name"
	fi
	rm -rf ".tmpdir.$1"
	return $st
}

# Everything runtest runs for one applet; status: failures seen.
one_applet() {	# applet
	rc=0
	if [ -d "$tsdir/$1" ]; then
		for t in "$tsdir/$1"/*; do
			case ${t##*/} in
			.*|*~|CVS|\#*|*.mine|*.r[0-9]*) continue ;;
			esac
			old_case "$1" "$t" || rc=$((rc + 1))
		done
	fi
	if [ -f "$1.tests" ]; then
		if [ ! -e "$linksdir/$1" ] && [ "${1#all_}" = "$1" ]; then
			echo "SKIPPED: $1 (not built)"
		else
			PATH="$linksdir:$tsdir:$bindir:$PATH" "./$1.tests"
			rc=$((rc + $?))
		fi
	fi
	return $rc
}

if [ "$1" = --one ]; then	# internal: run one applet (under timeout)
	one_applet "$2"
	exit $?
fi

for a; do
	# Applets without tests: nothing to run, as in runtest.
	[ -d "$tsdir/$a" ] || [ -f "$tsdir/$a.tests" ] || continue
	l=$limit
	for x in $LIMITS; do [ "${x%%=*}" = "$a" ] && l=${x#*=}; done
	echo "conformance-applet: $a start"
	t0=$(now)
	timeout -s KILL "$l" sh "$self" "$bindir" "$l" --one "$a"
	rc=$?
	secs=$(($(now) - t0))
	rm -rf "$tsdir/.tmpdir.$a"
	if [ $rc -eq 137 ] || { [ $rc -ge 124 ] && [ $secs -ge "$l" ]; }; then
		echo "conformance-applet: $a timeout secs=$secs"
	else
		echo "conformance-applet: $a end rc=$rc secs=$secs"
	fi
done
echo "conformance-driver: done"
