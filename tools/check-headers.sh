#!/usr/bin/env bash
# Every kernel header compiles on its own and carries the guard its path
# names (kernel/mm/page_alloc.h -> KERNEL_MM_PAGE_ALLOC_H) at both ends.
set -uo pipefail
cd "$(dirname "$0")/.."
gccinc=$(${CC:-gcc} -print-file-name=include)
bad=0 n=0
mkdir -p build/include-xen
[ -e build/include-xen/xen ] || ln -sfn /usr/include/xen build/include-xen/xen
for h in $(git ls-files -co --exclude-standard -- '*.h' | grep -Ev '^(tests|tools)/'); do
	n=$((n + 1))
	guard=$(echo "${h%.h}_H" | tr 'a-z/.-' 'A-Z___')
	if ! grep -q "^#ifndef $guard\$" "$h" || ! grep -q "^#define $guard\$" "$h" ||
	    [ "$(grep -v '^[[:space:]]*$' "$h" | tail -1)" != "#endif /* $guard */" ]; then
		echo "check-headers: $h: guard must be $guard (#ifndef/#define/#endif /* $guard */)"
		bad=1
	fi
	if ! echo "#include <$h>" | ${CC:-gcc} -x c -std=gnu11 -fsyntax-only -Wall -Wextra \
	    -Werror -Wundef -ffreestanding -nostdinc -isystem "$gccinc" \
	    -isystem build/include-xen -D__XEN_INTERFACE_VERSION__=0x00040e00 -I. \
	    -DCONFIG_XEN=1 -DCONFIG_KVM=1 -DCONFIG_KTEST=1 -DCONFIG_DEBUG=1 - 2>/tmp/check-headers.$$; then
		echo "check-headers: $h does not compile on its own:"
		head -5 /tmp/check-headers.$$
		bad=1
	fi
done
rm -f /tmp/check-headers.$$
[ $bad -eq 0 ] && echo "check-headers: ok ($n headers)"
exit $bad
