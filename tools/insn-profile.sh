#!/usr/bin/env bash
# Exact instruction profile of one loop iteration of a guest program:
# boot Jiny under QEMU (TCG) with a gdb stub, stop at the program's
# function FUNC (its third hit, so the loop is warm), single-step STEPS
# instructions and count them per symbol (kernel and program), from one
# entry of FUNC to the next.
#   tools/insn-profile.sh PROGRAM_ELF 'KERNEL CMDLINE' FUNC [STEPS]
# e.g. tools/insn-profile.sh build/ring0/sysloop "ring0='/bin/sysloop 1000000'" write
# The program must be in build/test-initrd.cpio (or INITRD=...); the kernel
# is build/jiny.elf.
# KEEP_PCS=FILE keeps the raw single-step trace (one "PC addr" per step).
set -euo pipefail
prog=$1 cmdline=$2 func=$3 steps=${4:-1000}
cd "$(dirname "$0")/.."
addr=$(nm "$prog" | awk -v f="$func" '$3 == f && !n++ { print $1 }')
[ -n "$addr" ] || { echo "insn-profile: no symbol $func in $prog" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; kill %1 2>/dev/null || true' EXIT
port=$((20000 + RANDOM % 20000))
ACCEL=tcg tools/run-qemu.sh --mem 64 --serial "$tmp/serial" \
	--kernel build/jiny.elf --initrd "${INITRD:-build/test-initrd.cpio}" \
	--cmdline "$cmdline" -- -gdb "tcp::$port" -S &
sleep 1
cat > "$tmp/cmds" <<GDB
set pagination off
target remote :$port
hbreak *0x$addr
continue
continue
continue
delete
set \$i = 0
while \$i < $steps
  printf "PC %lx\n", \$pc
  stepi
  set \$i = \$i + 1
end
kill
quit
GDB
gdb -batch -x "$tmp/cmds" > "$tmp/out" 2>&1 || true
[ -n "${KEEP_PCS:-}" ] && cp "$tmp/out" "$KEEP_PCS"
python3 - "$prog" "$addr" "$tmp/out" <<'PY'
import bisect, collections, subprocess, sys
prog, start, out = sys.argv[1], int(sys.argv[2], 16), sys.argv[3]
syms = []
for f, pre in (("build/obj/all/jiny-debug.elf", ""), (prog, "app:")):
    for l in subprocess.run(["nm", "-n", f], capture_output=True,
                            text=True).stdout.splitlines():
        p = l.split()
        if len(p) == 3 and p[1] in "tTwW":
            syms.append((int(p[0], 16), pre + p[2]))
syms.sort()
addrs = [a for a, _ in syms]
pcs = [int(l.split()[1], 16) for l in open(out) if l.startswith("PC ")]
hits = [i for i, p in enumerate(pcs) if p == start]
if len(hits) < 2:
    sys.exit("insn-profile: fewer than two entries of the function in the "
             "steps taken; give more STEPS")
count = collections.Counter(syms[bisect.bisect_right(addrs, p) - 1][1]
                            for p in pcs[hits[0]:hits[1]])
print(f"insn-profile: {hits[1] - hits[0]} instructions per iteration")
for name, n in count.most_common():
    print(f"{n:6d} {name}")
PY
