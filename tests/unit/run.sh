#!/usr/bin/env bash
# Build and run the host unit tests under ASan and UBSan.  Prints one
# PASS/FAIL line per test and "unit: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/unit
mkdir -p "$out"
# The sources: the Makefile's unit-src, next to the kernel's.
read -ra srcs < <(make -s --no-print-directory unit-src)
((${#srcs[@]})) || { echo "unit: no sources from make unit-src" >&2; exit 1; }
for f in tests/unit/test_*.c; do	# a test left out would never run
	[[ " ${srcs[*]} " == *" $f "* ]] ||
		{ echo "unit: $f is missing from the Makefile's unit-src" >&2; exit 1; }
done
${HOSTCC:-gcc} -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer -I. -DJINY_HOST \
	-DCONFIG_XEN=0 -DCONFIG_KVM=0 -DCONFIG_KTEST=0 -DCONFIG_DEBUG=1 \
	-D__XEN_INTERFACE_VERSION__=0x00040e00 -DELFCHECK_NO_MAIN \
	-o "$out/unit" "${srcs[@]}" -lm
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 "$out/unit" "$@"
