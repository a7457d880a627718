#!/usr/bin/env bash
# Enforce the layering rules of docs/architecture.md:
#  - only pv/xen includes Xen headers or pv/xen files; only pv/kvm pv/kvm;
#  - arch/ includes nothing from pv/;
#  - kernel/, fs/, net/, libc/ reach the hypervisor through pv/common only.
# Prints each violation; exit 1 if any.
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0
report() { echo "check-layers: $1: $2"; bad=1; }

while IFS= read -r f; do
	dir=${f%%/*}
	case $f in pv/xen/*) dir=pv/xen ;; pv/kvm/*) dir=pv/kvm ;; pv/common/*) dir=pv/common ;; esac
	while IFS= read -r inc; do
		case $inc in
		*'<xen/'*|*'"xen/'*|*'pv/xen/'*)
			[ "$dir" = pv/xen ] || report "$f" "$inc (Xen headers belong to pv/xen)" ;;
		esac
		case $inc in
		*'pv/kvm/'*)
			[ "$dir" = pv/kvm ] || report "$f" "$inc (pv/kvm is private)" ;;
		esac
		case $inc in
		*'<pv/'*|*'"pv/'*)
			[ "$dir" = arch ] && report "$f" "$inc (arch/ knows no hypervisor)" ;;
		esac
	done < <(grep -E '^[[:space:]]*#[[:space:]]*include' "$f")
done < <(git ls-files -co --exclude-standard -- '*.c' '*.h' '*.S' | grep -Ev '^(tests|tools)/')
[ $bad -eq 0 ] && echo "check-layers: ok"
exit $bad
