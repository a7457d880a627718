#!/usr/bin/env bash
# busybox's own testsuite (Debian source package busybox 1:1.35.0-4+deb12u1)
# against the host's unmodified /bin/busybox (busybox-static), with the
# static flavour's .config and Debian's TESTSUITE_ENV: on the host, then
# inside Jiny on QEMU and under real Xen.  Prints per hypervisor
#   conformance: busybox hv=<qemu|xen> passed=N failed=N skipped=N host_passed=N
#
#   tests/conformance/run.sh [--full] [--hv LIST] [APPLET...]
#
# --full     include bc.tests (~33 min under TCG); default: everything else
# --hv LIST  comma-separated subset of host,qemu,xen (default all three;
#            the host run is always done, host_passed needs it)
# APPLET...  run only these applets' tests (for narrowing a failure)
# Logs: build/conformance/<hv>.log (console), <hv>.results (per applet).
# Environment: CONF_CMDLINE_EXTRA (e.g. trace=syscalls), CONF_MEM (MB,
# default 768), CONF_SMP (vCPUs, default 1), CONF_KERNEL (default build/jiny.elf), CONF_APPLET_LIMIT
# (s, default 180), CONF_RUN_LIMIT (s, whole run; default 3600, --full
# 7200), CONF_VERBOSE=1 (the testsuite's -v: diffs of failing tests in the
# logs; slow under Xen, where every console byte also goes out port 0xe9).
# Exit status 0 when every run produced its conformance line.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
VERSION=1:1.35.0-4+deb12u1
OUT=build/conformance
KERNEL=${CONF_KERNEL:-build/jiny.elf}
TREE=$OUT/tree
BC_LIMIT=3000

die() { echo "conformance: error: $*" >&2; exit 2; }
say() { echo "conformance: $*" >&2; }

full=0 hvs=host,qemu,xen applets=()
while [ $# -gt 0 ]; do
	case $1 in
	--full) full=1; shift ;;
	--hv) hvs=$2; shift 2 ;;
	-h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown option $1" ;;
	*) applets+=("$1"); shift ;;
	esac
done
[[ ,$hvs, == *,host,* ]] || hvs=host,$hvs
mem=${CONF_MEM:-768}
smp=${CONF_SMP:-1}
limit=${CONF_APPLET_LIMIT:-180}
if [ ${#applets[@]} -gt 0 ]; then
	sel="${applets[*]}"
elif [ $full = 1 ]; then
	sel=full
else
	sel=default
fi

# ---------------------------------------------------------------- tree
# The binary must be Debian's, built from exactly this source version.
have=$(dpkg-query -W -f '${source:Version}' busybox-static 2>/dev/null) ||
	die "busybox-static is not installed (scripts/deps.sh)"
[ "$have" = "$VERSION" ] ||
	die "host busybox-static is built from source $have, not $VERSION"
dpkg --verify busybox-static 2>/dev/null | grep -q ' /bin/busybox$' &&
	die "/bin/busybox differs from the one busybox-static installed"
SRC=$(scripts/busybox-src.sh --print-dir) || die "cannot fetch the busybox source"

# TESTSUITE_ENV as debian/rules builds it: "=" starts over, "+=" appends;
# ${SHELL} is make's, /bin/sh (debian/rules does not set it).
tsenv=$(sed -n 's/^TESTSUITE_ENV[[:space:]]*\(+\{0,1\}=\)[[:space:]]*\(.*\)$/\1 \2/p' \
	"$SRC/debian/rules" | awk '
	$1 == "=" { v = "" } { sub(/^\+?= /, ""); v = (v == "" ? $0 : v " " $0) }
	END { print v }' | sed 's/\${SHELL}/\/bin\/sh/g; s/\$(SHELL)/\/bin\/sh/g')
[ -n "$tsenv" ] || die "no TESTSUITE_ENV in $SRC/debian/rules"
[[ $tsenv != *[\"\$\`\\]* ]] || die "TESTSUITE_ENV has characters this script does not quote: $tsenv"

# build/conformance/tree: runtest's layout (the testsuite's parent holds
# busybox and .config), the whole testsuite, and our driver.  Debian's
# rules delete mdev.tests (its 13 tests chroot, which a buildd may not);
# we run as root on the host and Jiny has chroot, so they count.
stamp=$TREE/.stamp
newest=$(ls -t tests/conformance/driver.sh tests/conformance/guest-init "$0" \
	"$SRC/debian/rules" /bin/busybox | head -n 1)
if [ ! -f "$stamp" ] || [ "$newest" -nt "$stamp" ]; then
	rm -rf "$TREE"
	mkdir -p "$TREE"
	cp -a "$SRC/testsuite" "$TREE/testsuite"
	cp "$SRC/debian/config/pkg/static" "$TREE/.config"
	cp /bin/busybox "$TREE/busybox"
	cp tests/conformance/driver.sh "$TREE/driver.sh"
	{
		echo "TESTSUITE_ENV=\"$tsenv\""
		echo "APPLET_LIMIT=$limit"
		echo "BC_LIMIT=$BC_LIMIT"
	} > "$TREE/settings"
	touch "$stamp"
fi
# A pristine copy per run: the testsuite writes into its own directory.
fresh_tree() {	# dir
	rm -rf "$1"
	cp -a "$TREE" "$1"
	rm -f "$1/.stamp"
	sed -i "s/^APPLET_LIMIT=.*/APPLET_LIMIT=$limit/" "$1/settings"
}

# ---------------------------------------------------------------- counting
# count LOG [HOSTLOG]: "passed failed skipped" from the testsuite's own
# lines.  With HOSTLOG, the tests an applet reported on the host but not
# here (its script could not start, died, hit its time limit, or the run
# was cut short) count too: as skipped up to the host's skips, the rest
# as failures, so the totals compare.
count() {
	tr -d '\r' < "$1" | awk -v host="${2:-}" '
		function kind(line) {
			if (line ~ /^conformance-applet: [^ ]+ start$/) { split(line, w, " "); cur = w[2]; return "" }
			if (line ~ /^PASS: /) return "p"
			if (line ~ /^FAIL: /) return "f"
			if (line ~ /^(SKIPPED|UNTESTED): /) return "s"
			return ""
		}
		BEGIN {
			if (host != "") {
				while ((getline l < host) > 0) {
					sub(/\r$/, "", l)
					if ((k = kind(l)) != "") { want[cur]++; if (k == "s") wants[cur]++ }
				}
				cur = ""
			}
		}
		{ k = kind($0); if (k != "") { n[k]++; got[cur]++; if (k == "s") gots[cur]++ } }
		END {
			for (a in want) {
				if ((m = want[a] - got[a]) <= 0) continue
				s = wants[a] - gots[a]
				if (s < 0) s = 0
				if (s > m) s = m
				n["s"] += s; n["f"] += m - s
			}
			printf "%d %d %d\n", n["p"], n["f"], n["s"]
		}'
}
# results LOG: one line per applet: NAME end rc=N secs=S | timeout | cut
results() {
	tr -d '\r' < "$1" | awk '
		/^conformance-applet: [^ ]+ start$/ { cur = $2; order[++n] = cur; r[cur] = "cut" }
		/^conformance-applet: [^ ]+ (end|timeout)/ { $1 = ""; sub(/^ /, ""); r[$1] = $0; sub(/^[^ ]+ /, "", r[$1]) }
		END { for (i = 1; i <= n; i++) print order[i], r[order[i]] }'
}
report() {	# hv log started-ok
	local hv=$1 log=$2 c p f s
	c=$(count "$log" "$OUT/host.log")
	read -r p f s <<<"$c"
	results "$log" > "$OUT/$hv.results"
	if ! tr -d '\r' < "$log" | grep -q '^conformance-driver: done'; then
		say "$hv: the run did not finish (last applet: $(tail -n 1 "$OUT/$hv.results")); counted what was printed"
	fi
	echo "conformance: busybox hv=$hv passed=$p failed=$f skipped=$s host_passed=$host_passed"
}

# ---------------------------------------------------------------- host
host_run() {
	local d=$OUT/host-tree t0
	fresh_tree "$d"
	t0=$SECONDS
	# Debian's build runs runtest with /bin/sh and the build's PATH.
	(
		cd "$d" && . ./settings &&
		env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$PWD" TERM=dumb \
			EXCLUDE="$([ $full = 1 ] || echo bc)" LIMITS="bc=$BC_LIMIT" \
			VERBOSE="${CONF_VERBOSE:+1}" \
			sh -c "export $TESTSUITE_ENV; exec sh ./driver.sh \"\$PWD\" $limit ${applets[*]}"
	) > "$OUT/host.log" 2>&1
	host_secs=$((SECONDS - t0))
	read -r host_passed _ <<<"$(count "$OUT/host.log")"
	results "$OUT/host.log" > "$OUT/host.results"
	say "host: $(count "$OUT/host.log" | awk '{ printf "passed=%s failed=%s skipped=%s", $1, $2, $3 }') in ${host_secs}s"
}

# ---------------------------------------------------------------- guests
initrd() {	# -> $OUT/initrd.cpio: the tree under /conformance, applet links in /bin
	local d=$OUT/guest-tree specs=() a f
	fresh_tree "$d"
	[ -n "${CONF_VERBOSE:-}" ] && echo "export VERBOSE=1" >> "$d/settings"
	# The selection travels in the initrd: init= takes few words.
	echo "SELECTION=\"$sel\"" >> "$d/settings"
	mkdir -p "$d/runtest-tempdir-links"
	specs+=(dir:bin dir:tmp dir:root dir:etc
		file:init=tests/conformance/guest-init:755
		file:bin/busybox=/bin/busybox:755
		file:etc/passwd=tests/conformance/passwd:644
		file:etc/group=tests/conformance/group:644)
	for a in $(/bin/busybox --list); do
		[ "$a" = busybox ] || specs+=("link:bin/$a=busybox")
		specs+=("link:conformance/runtest-tempdir-links/$a=/conformance/busybox")
	done
	while IFS= read -r f; do
		f=${f#./}
		if [ -L "$d/$f" ]; then
			specs+=("link:conformance/$f=$(readlink "$d/$f")")
		elif [ -d "$d/$f" ]; then
			specs+=("dir:conformance/$f")
		else
			specs+=("file:conformance/$f=$d/$f:$(stat -c %a "$d/$f")")
		fi
	done < <(cd "$d" && find . -mindepth 1 | LC_ALL=C sort)
	tools/mkcpio.py "$OUT/initrd.cpio" "${specs[@]}"
}

cmdline() {
	# earlyprintk=xen,keep: under Xen the console also goes out port
	# 0xe9, the copy xen_run falls back on (docs/conformance.md).
	echo "init='/bin/sh /init' earlyprintk=xen,keep ${CONF_CMDLINE_EXTRA:-}"
}
# Whole-run limit.  Linux under TCG needs ~4 min for the default
# selection; Jiny, whose fork still copies every page, ~30 min plus the
# hash applets at their limit (docs/conformance.md).  Every applet at its
# limit would be far more: a hung run is cut here, still reported.
run_limit() {
	if [ -n "${CONF_RUN_LIMIT:-}" ]; then echo "$CONF_RUN_LIMIT"
	elif [ ${#applets[@]} -gt 0 ]; then echo $((limit * ${#applets[@]} + 120))
	elif [ $full = 1 ]; then echo 7200
	else echo 3600; fi
}

qemu_run() {
	local t0 st
	t0=$SECONDS
	tools/run-qemu.sh --kernel "$KERNEL" --initrd "$OUT/initrd.cpio" \
		--cmdline "$(cmdline)" --mem "$mem" --smp "$smp" --serial "$OUT/qemu.log" \
		--timeout "$(run_limit)" >/dev/null 2>"$OUT/qemu.err"
	st=$?
	say "qemu: $((SECONDS - t0))s, QEMU status $st"
	report qemu "$OUT/qemu.log"
}

xen_run() {
	local t0 cases=$OUT/xen.cases
	local spec=$mem
	[ "$smp" -gt 1 ] && spec=$mem,vcpus=$smp
	# Threads on vCPU 0 alone under this nested Xen (tests/xen/run-cases.sh
	# says why).
	local cl; cl=$(cmdline)
	[ "$smp" -gt 1 ] && cl="$cl smp=idle"
	echo "conformance|$spec|$(run_limit)|$cl" > "$cases"
	t0=$SECONDS
	tests/xen/run.sh --cases "$cases" --kernel "$KERNEL" \
		--initrd "$OUT/initrd.cpio" --logdir "$OUT/xen" > "$OUT/xen.err" 2>&1 ||
		{ say "xen: the harness failed:"; tail -n 20 "$OUT/xen.err" >&2; }
	say "xen: $((SECONDS - t0))s in all (Xen boot included), end=$(cat "$OUT/xen/conformance.end" 2>/dev/null)"
	touch "$OUT/xen/conformance.log"
	cp "$OUT/xen/conformance.log" "$OUT/xen.log"
	# No PV console block (QEMU itself stopped, or the guest's ring went
	# quiet): fall back on Xen's copy of port 0xe9, the "(d1) " lines.
	if ! grep -q '^conformance-driver: done' "$OUT/xen.log" &&
	    grep -q '^(d[0-9]*) conformance-driver: done' "$OUT/xen/xen-serial.log" 2>/dev/null ||
	    [ ! -s "$OUT/xen.log" ]; then
		say "xen: using the guest's port 0xe9 copy from xen-serial.log"
		tr -d '\r' < "$OUT/xen/xen-serial.log" 2>/dev/null |
			sed -n 's/^(XEN) //; s/^(d[0-9]*) //p' > "$OUT/xen.log"
	fi
	report xen "$OUT/xen.log"
}

mkdir -p "$OUT"
host_run
if [[ ,$hvs, == *,qemu,* || ,$hvs, == *,xen,* ]]; then
	make -s all >&2 || die "kernel build failed"
	initrd
fi

[[ ,$hvs, == *,qemu,* ]] && qemu_run
[[ ,$hvs, == *,xen,* ]] && xen_run
exit 0
