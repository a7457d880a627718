#!/usr/bin/env bash
# Run guest kernels as PVH domUs under the real Xen 4.17 (Debian), nested in
# QEMU TCG: one Xen + dom0 boot, many `xl create` cases.
#
#   tests/xen/run.sh --cases FILE --kernel K [--initrd F] --logdir DIR
#   tests/xen/run.sh --interactive --kernel K [--initrd F] --cmdline "..." [--memory MB]
#   tests/xen/run.sh --selftest --logdir DIR   (Debian's kernel as the domU)
#
# Cases file: one case a line, NAME|MEMORY_MB|TIMEOUT_S|GUEST CMDLINE[|INPUT]
# ('#' lines and blank lines ignored; MEMORY_MB may carry ",vif" to give the
# guest a vif on dom0's bridge xenbr0; INPUT, with \n between lines, is typed
# into the guest's PV console a line at a time, each after a "/ # " prompt).
# Batch output in DIR: xen-serial.log (whole serial), NAME.log (guest PV
# console), NAME.end (poweroff|reboot|crash|timeout|error), NAME.e9 (guest's
# port 0xe9 output as printed by Xen: for Jiny, what it printed before its
# PV console was up, or everything with earlyprintk=xen,keep). Exit 0 when Xen and dom0 booted and
# every case produced its framed block; the verdict of each case is the
# caller's business.
# Environment: QEMU (binary), XEN_BOOT_TIMEOUT (s, default 150),
# XEN_QEMU_MEM (MB), XEN_CMDLINE_EXTRA, DOM0_CMDLINE_EXTRA, XEN_QEMU_ACCEL
# (QEMU's -accel, default tcg), XEN_QEMU_SMP (Xen's physical CPUs, default 2).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}
XEN=$BUILD/xen
QEMU=${QEMU:-qemu-system-x86_64}

die() { echo "xen-run: error: $*" >&2; exit 2; }
say() { echo "xen-run: $*" >&2; }

usage() {
    sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

(($#)) || usage
cases='' kernel='' initrd='' logdir='' interactive=0 cmdline='' memory=128 selftest=0
while (($#)); do
    case $1 in
        --cases) cases=${2:?}; shift 2 ;;
        --kernel) kernel=${2:?}; shift 2 ;;
        --initrd) initrd=${2:?}; shift 2 ;;
        --logdir) logdir=${2:?}; shift 2 ;;
        --interactive) interactive=1; shift ;;
        --selftest) selftest=1; shift ;;
        --cmdline) cmdline=${2?}; shift 2 ;;
        --memory) memory=${2:?}; shift 2 ;;
        -h|--help) usage ;;
        *) echo "xen-run: unknown argument '$1'" >&2; usage ;;
    esac
done

command -v "$QEMU" >/dev/null || die "$QEMU not found (apt-get install qemu-system-x86)"

WORK=
QPID=
cleanup() {
    [[ -n $QPID ]] && kill "$QPID" 2>/dev/null || true
    [[ -n $WORK ]] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$ROOT/scripts/xen-stage.sh" || die "staging Xen/dom0 failed (scripts/xen-stage.sh)"
BB=$XEN/dom0-root/bin/busybox
WORK=$(mktemp -d "$XEN/run.XXXXXX")

# Self-test: Debian's own kernel as a PVH domU with a tiny busybox initrd,
# one case that powers off and one that panics.
if ((selftest)); then
    if ((interactive)) || [[ -n $cases || -n $kernel || -z $logdir ]]; then
        die "--selftest takes only --logdir"
    fi
    kernel=$XEN/vmlinux
    st=$WORK/selftest-root
    mkdir -p "$st/bin" "$st/dev" "$st/proc"
    cp "$BB" "$st/bin/busybox"
    for a in sh mount cat poweroff sleep; do ln -s busybox "$st/bin/$a"; done
    cat >"$st/init" <<'EOS'
#!/bin/sh
mount -t devtmpfs dev /dev
mount -t proc proc /proc
exec >/dev/hvc0 2>&1
act=poweroff
for w in $(cat /proc/cmdline); do case $w in st=*) act=${w#st=} ;; esac; done
echo "selftest domU up: st=$act"
[ "$act" = crash ] && echo c >/proc/sysrq-trigger
poweroff -f
sleep 100
EOS
    chmod 755 "$st/init"
    (cd "$st" && find . -mindepth 1 | "$BB" cpio -o -H newc -R 0:0 2>/dev/null) >"$WORK/selftest-initrd.cpio"
    initrd=$WORK/selftest-initrd.cpio
    cases=$WORK/selftest-cases
    printf '%s\n' \
        'selftest-poweroff|256|90|console=hvc0 earlyprintk=xen quiet st=poweroff' \
        'selftest-crash|256|90|console=hvc0 quiet st=crash' >"$cases"
fi

[[ -n $kernel ]] || die "--kernel is required"
[[ -f $kernel ]] || die "kernel '$kernel' not found (build it first)"
[[ -z $initrd || -f $initrd ]] || die "initrd '$initrd' not found"

# ---------------------------------------------------------------- cases
declare -a NAMES=() MEMS=() TMOS=() CMDS=() INS=()
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }
add_case() {  # NAME MEMSPEC TIMEOUT CMDLINE INPUT WHERE
    local n=$1 m=$2 t=$3 c=$4 in=$5 w=$6 x
    [[ $n =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$ ]] || die "$w: bad case name '$n' (letters, digits, _ . -)"
    [[ $n != xen-serial ]] || die "$w: case name 'xen-serial' is reserved"
    [[ $m =~ ^[0-9]+(,vcpus=[0-9]+)?(,vif)?(,balloon)?(,peer=[A-Za-z0-9_-]+)?$ ]] || die "$w: bad MEMORY_MB '$m' (a number, optionally ',vcpus=N', ',vif', ',balloon' and ',peer=NAME')"
    if [[ $m == *,peer=* && ! -f $ROOT/tests/net/peer-${m#*,peer=}.sh ]]; then
        die "$w: no tests/net/peer-${m#*,peer=}.sh"
    fi
    [[ $t =~ ^[0-9]+$ ]] || die "$w: bad TIMEOUT_S '$t'"
    [[ $c != *[\"\\]* ]] || die "$w: guest cmdline may not contain \" or \\"
    for x in "${NAMES[@]}"; do [[ $x != "$n" ]] || die "$w: duplicate case name '$n'"; done
    NAMES+=("$n"); MEMS+=("$m"); TMOS+=("$t"); CMDS+=("$c"); INS+=("$in")
}
if ((interactive)); then
    [[ -z $cases ]] || die "--interactive takes --cmdline, not --cases"
    [[ $cmdline != *"|"* ]] || die "--cmdline may not contain |"
    add_case interactive "$memory" 0 "$cmdline" "" "--cmdline"
else
    [[ -n $cases && -n $logdir ]] || usage
    [[ -f $cases ]] || die "cases file '$cases' not found"
    lineno=0
    while IFS= read -r line || [[ -n $line ]]; do
        lineno=$((lineno + 1))
        line=${line%$'\r'}
        [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
        # INPUT, the last field, takes the rest of the line (| included).
        IFS='|' read -r n m t c i <<<"$line"
        [[ -n ${c+x} && $line == *"|"*"|"*"|"* ]] || die "$cases:$lineno: expected NAME|MEMORY_MB|TIMEOUT_S|CMDLINE[|INPUT]"
        add_case "$(trim "$n")" "$(trim "$m")" "$(trim "$t")" "$c" "$(trim "${i-}")" "$cases:$lineno"
    done <"$cases"
    ((${#NAMES[@]})) || die "$cases has no cases"
fi

# ---------------------------------------------------------------- initramfs
# The staged cpio of the dom0 tree, then the per-run part appended as a
# second archive (the kernel unpacks concatenated newc archives in order).
BASE=$XEN/dom0-root.cpio
[[ -s $BASE ]] || die "$BASE missing (scripts/xen-stage.sh --force)"

OV=$WORK/overlay
mkdir -p "$OV/jiny"
cp "$ROOT/tests/xen/dom0-init" "$OV/init"
chmod 755 "$OV/init"
cp "$kernel" "$OV/jiny/kernel"
cp "$ROOT/configs/jiny.xl" "$OV/jiny/jiny.xl"	# every guest's settings
[[ -n $initrd ]] && cp "$initrd" "$OV/jiny/initrd"
# The peers (tests/net/) and their helper program, for cases with ",peer=".
if printf '%s\n' "${MEMS[@]}" | grep -q ',peer='; then
    mkdir -p "$OV/jiny/net"
    cp "$ROOT"/tests/net/*.sh "$OV/jiny/net/"
    [[ -x $BUILD/progs/unet ]] || die "$BUILD/progs/unet missing (make all builds it)"
    cp "$BUILD/progs/unet" "$OV/jiny/net/unet"
    # bench/net.py's client, for its runs under Xen (tests/net/peer-bench.sh).
    [[ -x $BUILD/progs/netclient ]] && cp "$BUILD/progs/netclient" "$OV/jiny/net/netclient"
    # The zero-pages case's counter (tests/xen/xzero.c).
    [[ -x $BUILD/progs/xzero ]] && cp "$BUILD/progs/xzero" "$OV/jiny/net/xzero"
fi
for i in "${!NAMES[@]}"; do
    printf '%s|%s|%s|%s' "${NAMES[$i]}" "${MEMS[$i]}" "${TMOS[$i]}" "${CMDS[$i]}"
    [[ -z ${INS[$i]} ]] || printf '|%s' "${INS[$i]}"
    echo
done >"$OV/jiny/cases"
if ((interactive)); then echo interactive; else echo batch; fi >"$OV/jiny/mode"
(cd "$OV" && find . -mindepth 1 | LC_ALL=C sort | "$BB" cpio -o -H newc -R 0:0 2>/dev/null) >"$WORK/overlay.cpio" ||
    die "cannot build the per-run cpio"
INITRAMFS=$WORK/dom0-initramfs.cpio
cat "$BASE" "$WORK/overlay.cpio" >"$INITRAMFS"

# ---------------------------------------------------------------- qemu
maxmem=0
for m in "${MEMS[@]}"; do m=${m%%,*}; ((m > maxmem)) && maxmem=$m; done
DOM0_MEM=384
qmem=${XEN_QEMU_MEM:-$((DOM0_MEM + maxmem + 256))}
((qmem < 768)) && qmem=768
((qmem > 2048)) && { ((maxmem + DOM0_MEM + 160 <= 2048)) || die "guest memory ${maxmem}M too large"; qmem=2048; }

# guest_loglvl=all: Xen prints what guests write to port 0xe9 as "(dN) ..."
# lines, which the batch mode keeps (NAME.e9).  Not interactively: there
# they would repeat on the terminal what the guest's PV console shows
# (Jiny writes port 0xe9 only until its PV console is up, or always with
# earlyprintk=xen,keep; XEN_CMDLINE_EXTRA=guest_loglvl=all shows them).
guest_log=guest_loglvl=all
((interactive)) && guest_log=
XEN_CMDLINE="console=com1 com1=115200,8n1 dom0_mem=${DOM0_MEM}M,max:${DOM0_MEM}M dom0_max_vcpus=1 loglvl=all $guest_log bootscrub=0 ${XEN_CMDLINE_EXTRA:-}"
DOM0_CMDLINE="console=hvc0 earlyprintk=xen loglevel=4 ${DOM0_CMDLINE_EXTRA:-}"
# Multiboot modules are comma-separated; a literal comma is written ",,".
QARGS=(
    -accel ${XEN_QEMU_ACCEL:-tcg} -machine pc -cpu 'EPYC,+svm,+npt,-monitor,-smap'
    -m "$qmem" -smp ${XEN_QEMU_SMP:-2} -no-reboot -nodefaults
    -kernel "$XEN/xen.elf"
    -append "$XEN_CMDLINE"
    -initrd "$XEN/vmlinux ${DOM0_CMDLINE//,/,,},$INITRAMFS"
)

if ((interactive)); then
    say "booting Xen + dom0 (~15 s), then the guest console is attached; Ctrl-A x quits QEMU"
    "$QEMU" "${QARGS[@]}" -nographic -serial mon:stdio
    exit $?
fi

mkdir -p "$logdir"
SERIAL=$logdir/xen-serial.log
rm -f "$SERIAL"
for n in "${NAMES[@]}"; do rm -f "$logdir/$n.log" "$logdir/$n.end" "$logdir/$n.e9"; done

BOOT_TMO=${XEN_BOOT_TIMEOUT:-150}
total=$BOOT_TMO
for t in "${TMOS[@]}"; do total=$((total + t + 20)); done

start=$SECONDS
say "booting Xen + dom0 and running ${#NAMES[@]} case(s); serial log: $SERIAL (limit ${total}s)"
timeout -k 5 "$total" "$QEMU" "${QARGS[@]}" -display none -monitor none \
    -chardev "file,id=ser0,path=$SERIAL" -serial chardev:ser0 </dev/null >"$WORK/qemu.out" 2>&1 &
QPID=$!

# watchdog: dom0 must report ready within BOOT_TMO, everything within total
ready=0 why=
while kill -0 "$QPID" 2>/dev/null; do
    sleep 0.5
    el=$((SECONDS - start))
    if ((!ready)); then
        if grep -q '^=== xenharness ready ===' "$SERIAL" 2>/dev/null; then
            ready=1
            say "dom0 ready after ${el}s"
        elif ((el > BOOT_TMO)); then
            why="Xen/dom0 did not come up within ${BOOT_TMO}s"; break
        fi
    fi
    if grep -q '^=== xenharness \(done\|FAILED\)' "$SERIAL" 2>/dev/null; then
        # give QEMU a moment to exit on the reboot, then stop it
        for _ in $(seq 20); do kill -0 "$QPID" 2>/dev/null || break; sleep 0.25; done
        break
    fi
done
kill "$QPID" 2>/dev/null || true
qrc=0; wait "$QPID" || qrc=$?
QPID=
elapsed=$((SECONDS - start))
((qrc == 124)) && why="QEMU overall time limit (${total}s) hit"

# ---------------------------------------------------------------- split
# Pass 1 maps domid -> case (for the "(dN) ..." lines of port 0xe9), pass 2
# writes NAME.log / NAME.end / NAME.e9.
touch "$SERIAL"
awk -v dir="$logdir" '
    { gsub(/\r/, "") }
    NR == FNR {
        if ($0 ~ /^=== xencase [^ ]+ start domid=[0-9]+ ===$/) {
            d = $5; sub(/^domid=/, "", d); dom[d] = $3
        }
        next
    }
    /^=== xencase [^ ]+ begin ===$/ { cur = $3; printf "" > (dir "/" cur ".log"); next }
    /^=== xencase [^ ]+ end=[a-z]+ ===$/ {
        e = $4; sub(/^end=/, "", e)
        if ($3 == cur) { print e > (dir "/" cur ".end"); close(dir "/" cur ".end"); close(dir "/" cur ".log") }
        cur = ""; next
    }
    cur != "" {
        if (substr($0, 1, 2) == "| ") print substr($0, 3) > (dir "/" cur ".log")
        else if ($0 == "|") print "" > (dir "/" cur ".log")
        next
    }
    {
        s = $0; sub(/^\(XEN\) /, "", s)
        if (match(s, /^\(d[0-9]+\) /)) {
            d = substr(s, 3, RLENGTH - 4)
            if (d in dom) print substr(s, RLENGTH + 1) > (dir "/" dom[d] ".e9")
        }
    }
' "$SERIAL" "$SERIAL"

# ---------------------------------------------------------------- verdict
fail=0
if ! grep -q '^=== xenharness ready ===' "$SERIAL"; then
    fail=1
    if ! grep -q 'Xen version' "$SERIAL"; then
        echo "xen-run: FAILED: Xen did not boot${why:+ ($why)}" >&2
    else
        echo "xen-run: FAILED: dom0 did not reach its test loop${why:+ ($why)}" >&2
    fi
elif grep -q '^=== xenharness FAILED' "$SERIAL"; then
    fail=1; echo "xen-run: FAILED: $(grep -m1 '^=== xenharness FAILED' "$SERIAL")" >&2
fi
for n in "${NAMES[@]}"; do
    if [[ -s $logdir/$n.end ]]; then
        touch "$logdir/$n.log"
        printf 'xen-run: %-24s end=%-9s %5s console lines%s\n' "$n" "$(cat "$logdir/$n.end")" \
            "$(wc -l <"$logdir/$n.log")" "$([[ -s $logdir/$n.e9 ]] && echo ", $(wc -l <"$logdir/$n.e9") e9 lines")" >&2
    else
        fail=1
        echo "xen-run: FAILED: case $n produced no framed block" >&2
    fi
done
if ((fail)); then
    [[ -n $why ]] && echo "xen-run: $why" >&2
    # (QEMU's "TCG doesn't support requested feature" warnings are noise)
    if grep -qv "TCG doesn't support requested feature" "$WORK/qemu.out"; then
        echo "xen-run: QEMU said:" >&2
        grep -v "TCG doesn't support requested feature" "$WORK/qemu.out" | sed 's/^/  /' >&2
    fi
    echo "xen-run: last 40 lines of $SERIAL:" >&2
    tail -n 40 "$SERIAL" | tr -d '\r' | sed 's/^/  | /' >&2
    say "took ${elapsed}s"
    exit 1
fi
say "all ${#NAMES[@]} case(s) framed; took ${elapsed}s (QEMU exit $qrc)"

if ((selftest)); then
    pass=0 bad=0
    check() {  # CASE END PATTERN FILE-SUFFIX
        if [[ $(cat "$logdir/$1.end") == "$2" ]] && grep -q "$3" "$logdir/$1.$4"; then
            echo "xen-run: selftest $1: ok"; pass=$((pass + 1))
        else
            echo "xen-run: selftest $1: FAILED (want end=$2 and '$3' in $1.$4)"; bad=$((bad + 1))
        fi
    }
    check selftest-poweroff poweroff 'selftest domU up: st=poweroff' log
    check selftest-poweroff poweroff 'Linux version' e9
    check selftest-crash crash 'Kernel panic' log
    echo "xen-selftest: $pass passed, $bad failed"
    ((bad == 0)) || exit 1
fi
exit 0
