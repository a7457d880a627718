#!/usr/bin/env bash
# Build and run the host unit tests under ASan and UBSan.  Prints one
# PASS/FAIL line per test and "unit: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/unit
mkdir -p "$out"
srcs=(tests/unit/ut_main.c tests/unit/test_*.c
      kernel/lib/fmt.c kernel/cmdline.c kernel/boot_info.c
      kernel/page_alloc.c kernel/pagecache.c kernel/sched_load.c kernel/kmalloc.c kernel/cpio.c kernel/elf.c
      fs/vfs.c fs/mount.c fs/initramfs.c fs/ramfs.c kernel/exec_file.c
      arch/x86_64/multiboot2.c arch/x86_64/rtc.c pv/xen/xen_pvh.c
      pv/common/pv_clock.c pv/common/pv_hv.c tools/elfcheck.c)
${HOSTCC:-gcc} -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer -I. -DJINY_HOST \
	-DCONFIG_XEN=0 -DCONFIG_KVM=0 -DCONFIG_KTEST=0 -DCONFIG_DEBUG=1 \
	-D__XEN_INTERFACE_VERSION__=0x00040e00 -DELFCHECK_NO_MAIN \
	-o "$out/unit" "${srcs[@]}" -lm
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 "$out/unit" "$@"
