#!/usr/bin/env bash
# Is the nested test Xen sound with a guest of several vCPUs?  Debian's
# own Linux kernel (the dom0 kernel, build/xen/vmlinux) boots as a PVH
# domU with 1, 2 and 4 vCPUs; its /init runs four shell loops (each
# `cat /proc/self/stat` over and over) for 60 s of guest time, while dom0
# runs tests/net/peer-dom0probe.sh beside it.  No Jiny code is involved.
# One line per case:
#   linux-smp-probe: vcpus=N guest_segv=N dom0_bad=N/ROUNDS end=HOW
# guest_segv counts "Segmentation fault" lines of the guest's shell,
# dom0_bad the probe's rounds in which a dom0 program failed, of all its
# rounds ("died": the probe itself did not live to count them).  Extra
# settings pass through to tests/xen/run.sh (XEN_CMDLINE_EXTRA,
# XEN_QEMU_ACCEL, XEN_QEMU_SMP).  About 4 minutes.  Not part of make test:
# it documents a limit of the test machine (docs/status.md, "Several
# vCPUs").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
scripts/xen-stage.sh
out=build/xen-probe
rm -rf "$out"
mkdir -p "$out/root/bin" "$out/root/dev" "$out/root/proc" "$out/root/sys"
cp build/xen/dom0-root/bin/busybox "$out/root/bin/busybox"
for a in sh mount cat grep poweroff sleep; do ln -s busybox "$out/root/bin/$a"; done
cat >"$out/root/init" <<'EOF'
#!/bin/sh
mount -t devtmpfs dev /dev
mount -t proc proc /proc
exec >/dev/hvc0 2>&1
echo "lx: up, $(grep -c ^processor /proc/cpuinfo) cpus"
for i in 1 2 3 4; do (while :; do cat /proc/self/stat >/dev/null; done) & done
sleep 60
echo "lx: done"
poweroff -f
EOF
chmod 755 "$out/root/init"
(cd "$out/root" && find . -mindepth 1 | ../root/bin/busybox cpio -o -H newc -R 0:0 2>/dev/null) >"$out/initrd.cpio"
for n in 1 2 4; do
	echo "lx$n|256,vcpus=$n,peer=dom0probe|200|console=hvc0 quiet"
done >"$out/cases"
tests/xen/run.sh --cases "$out/cases" --kernel build/xen/vmlinux \
	--initrd "$out/initrd.cpio" --logdir "$out/logs" >"$out/run.out" 2>&1 || true
for n in 1 2 4; do
	log=$out/logs/lx$n.log
	segv=$(grep -ac '^Segmentation fault' "$log" 2>/dev/null || true)
	# Rounds with a failure; the total only if the probe lived to say it.
	bad=$(grep -ac '^peer: round [0-9]' "$log" 2>/dev/null || true)
	rounds=$(grep -a '^peer: rounds' "$log" 2>/dev/null | awk '{ print $3 }' || true)
	echo "linux-smp-probe: vcpus=$n guest_segv=${segv:-0} dom0_bad=${bad:-0}/${rounds:-died} end=$(cat "$out/logs/lx$n.end" 2>/dev/null || echo none)"
done
