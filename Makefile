# Jiny: one non-recursive Makefile.  `make` builds build/jiny.elf for
# PROFILE (configs/$(PROFILE).mk; default "all": Xen and KVM back ends).
# See README.md for the targets.

PROFILE ?= all
include configs/$(PROFILE).mk
# Every profile; make testbuild and make test (tests/run-all.sh) build each.
PROFILES := all kvm xen debug min

B       := build
O       := $(B)/obj/$(PROFILE)
CC      ?= gcc
ifeq ($(origin CC),default)
CC      := gcc
endif
LD      := ld
HOSTCC  ?= gcc

cfg = $(if $(filter y,$(1)),1,0)
CONFIG_DEFS := -DCONFIG_XEN=$(call cfg,$(CONFIG_XEN)) \
	-DCONFIG_KVM=$(call cfg,$(CONFIG_KVM)) \
	-DCONFIG_KTEST=$(call cfg,$(CONFIG_KTEST)) \
	-DCONFIG_DEBUG=$(call cfg,$(CONFIG_DEBUG)) \
	-DCONFIG_LWIP=$(call cfg,$(CONFIG_LWIP))

# Xen's public headers come from Debian's libxen-dev; only pv/xen sees them.
XEN_INC := $(B)/include-xen
GCC_INC := $(shell $(CC) -print-file-name=include)

KCFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -Wundef -Wno-unused-parameter \
	-ffreestanding -nostdinc -isystem $(GCC_INC) -I. \
	-fno-pic -fno-pie -mcmodel=kernel -mno-red-zone \
	-mno-sse -mno-sse2 -mno-mmx -mno-80387 -mgeneral-regs-only \
	-fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns \
	-fno-common -ffunction-sections -fdata-sections $(CONFIG_DEFS)
KASFLAGS := -nostdinc -isystem $(GCC_INC) -I. -D__ASSEMBLY__ $(CONFIG_DEFS)
XEN_FLAGS := -isystem $(XEN_INC) -D__XEN_INTERFACE_VERSION__=0x00040e00
LDFLAGS := -n -nostdlib -static -z max-page-size=0x1000 -z noexecstack \
	--gc-sections -T arch/x86_64/kernel.ld

src-y := \
	arch/x86_64/entry.S arch/x86_64/trap.S arch/x86_64/switch.S \
	arch/x86_64/trap.c arch/x86_64/paging.c arch/x86_64/lapic.c \
	arch/x86_64/tsc.c arch/x86_64/rtc.c arch/x86_64/acpi.c arch/x86_64/uart.c \
	arch/x86_64/multiboot2.c arch/x86_64/syscall.S arch/x86_64/ring0.S arch/x86_64/user.c \
	arch/x86_64/pci_cfg.c arch/x86_64/smp.c arch/x86_64/klock.c arch/x86_64/smp_tramp.S \
	kernel/main.c kernel/log/console.c kernel/log/printk.c kernel/log/kmsg.c kernel/log/panic.c \
	lib/boot_info.c lib/madt.c lib/cmdline.c kernel/mm/page_alloc.c kernel/mm/elastic_mem.c kernel/mm/elastic_mem_calc.c \
	kernel/mm/kmalloc.c kernel/sched/sched.c kernel/sched/cpus.c kernel/sched/cpu_elastic.c kernel/sched/cpu_elastic_calc.c kernel/sched/thread.c \
	kernel/sched/waitq.c kernel/log/ksyms.c kernel/tests/ktest.c \
	lib/string.c lib/fmt.c lib/cpio.c lib/elf.c lib/path.c lib/cap.c lib/xattr.c \
	kernel/proc/exec.c kernel/proc/vdso_image.S syscall/syscall.c syscall/sys_fs.c syscall/sys_attr.c syscall/sys_splice.c syscall/splice_calc.c \
	syscall/sys_mount.c syscall/sys_info.c syscall/sys_syslog.c syscall/sys_ioprio.c syscall/sys_aio.c syscall/sys_handle.c \
	fs/vfs.c fs/notify.c fs/mount.c fs/file.c fs/lock.c fs/fdtable.c fs/dev.c fs/initramfs.c kernel/ipc/pipe.c \
	fs/procfs/procfs.c fs/procfs/procfs_sys.c fs/procfs/procfs_pid.c \
	fs/procfs/sysfs.c fs/random.c lib/chacha20.c \
	fs/procfs/procfs_config.c lib/gzip.c lib/timex.c lib/acct.c kernel/proc/acct.c \
	fs/ramfs.c kernel/proc/exec_file.c kernel/proc/tunable.c \
	syscall/sys_mm.c syscall/sys_memfd.c syscall/sys_lock.c syscall/sys_socket.c syscall/sys_ipc.c kernel/ipc/shm.c kernel/ipc/ipc.c kernel/ipc/msg.c kernel/ipc/sem.c kernel/ipc/sem_ops.c kernel/ipc/mqueue.c kernel/ipc/mqueue_calc.c syscall/sys_mq.c lib/ipc_limits.c kernel/vm/vm.c fs/pagecache.c kernel/proc/futex.c \
	kernel/sched/sched_load.c syscall/ring0.c syscall/sys_proc.c syscall/sys_pidfd.c kernel/proc/proc.c kernel/sched/sched_policy.c \
	kernel/tty/tty.c kernel/block/loop.c kernel/block/loop_calc.c fs/blkdev.c \
	kernel/ipc/epoll.c kernel/ipc/eventfd.c kernel/ipc/inotify.c kernel/ipc/inotify_queue.c kernel/ipc/timerfd.c kernel/ipc/fasync.c kernel/ipc/lease.c kernel/ipc/lease_rules.c kernel/ipc/dnotify.c \
	kernel/ipc/timerfd_calc.c kernel/ipc/signalfd.c syscall/sys_event.c \
	kernel/ipc/keys.c kernel/ipc/keys_perm.c syscall/sys_keys.c \
	net/socket.c net/unix.c net/sock_calc.c net/ifnet.c net/netlink.c net/nlmsg.c \
	kernel/proc/signal.c kernel/proc/exit.c kernel/proc/pidfd.c kernel/proc/ptrace.c lib/ptrace_regs.c \
	kernel/proc/itimer.c syscall/sys_signal.c syscall/sys_cred.c syscall/sys_misc.c \
	syscall/sys_poll.c syscall/sys_sched.c syscall/sys_time.c syscall/sys_power.c kernel/sched/poll.c \
	pv/common/pv_hv.c pv/common/pv_clock.c pv/common/pv_driver.c pv/common/pv_pci.c \
	pv/common/pv_class.c pv/common/pv_net.c pv/common/pv_p9.c pv/common/pv_shmem.c \
	pv/common/pv_balloon.c pv/common/pv_env.c kernel/pv_env.c \
	pv/virtio/virtq.c pv/virtio/virtio_pci_caps.c pv/virtio/virtio_pci.c \
	pv/virtio/virtio_net.c pv/virtio/virtio_balloon.c pv/virtio/virtio_balloon_calc.c \
	pv/xen/xen_pvh_entry.S pv/xen/xen_pvh.c
src-$(CONFIG_XEN) += pv/xen/xen_hv.c pv/xen/xen_console.c pv/xen/xen_hypercall.c \
	pv/xen/xen_store.c pv/xen/xen_store_parse.c pv/xen/xen_bus.c \
	pv/xen/xen_evtchn.c pv/xen/xen_gnttab.c pv/xen/xen_netfront.c \
	pv/xen/xen_netfront_ring.c pv/xen/xen_vcpu.c pv/xen/xen_balloon.c pv/xen/xen_balloon_calc.c
src-$(CONFIG_KVM) += pv/kvm/kvm_hv.c
# lwIP (CONFIG_LWIP): Debian's source, fetched by scripts/lwip.sh into
# build/lwip (never committed), built into the kernel with our options
# (net/lwip/include: lwipopts.h, arch/) and glue (net/lwip/).
LWIP := $(B)/lwip
LWIP_STAMP := $(B)/lwip-src/.verified-2.1.3+dfsg1-2
LWIP_INC := -Inet/lwip/include -I$(LWIP)/src/include
lwip-core := core/init.c core/def.c core/inet_chksum.c core/ip.c core/mem.c \
	core/memp.c core/netif.c core/pbuf.c core/stats.c core/sys.c core/tcp.c \
	core/tcp_in.c core/tcp_out.c core/timeouts.c core/udp.c \
	core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/ip4.c \
	core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c netif/ethernet.c \
	api/api_lib.c api/api_msg.c api/err.c api/netbuf.c api/tcpip.c
src-$(CONFIG_LWIP) += $(patsubst %,$(LWIP)/src/%,$(lwip-core)) \
	net/lwip/sys_arch.c net/lwip/net_lwip.c net/lwip/netif_pv.c \
	net/lwip/ip_param.c net/lwip/inet.c net/lwip/ifnet_lwip.c
src-$(CONFIG_KTEST) += kernel/tests/ktest_mm.c kernel/tests/ktest_core.c kernel/tests/ktest_vm.c \
	kernel/tests/ktest_file.c kernel/tests/ktest_event.c kernel/tests/ktest_net.c
ifeq ($(CONFIG_KTEST)$(CONFIG_LWIP),yy)
src-y += kernel/tests/ktest_lwip.c
endif
ktest-xen-$(CONFIG_XEN) := kernel/tests/ktest_xennet.c
src-$(CONFIG_KTEST) += $(ktest-xen-y)

objs := $(patsubst %,$(O)/%.o,$(src-y))

# Host unit tests (tests/unit/run.sh builds them under ASan and UBSan): the
# tests, and the kernel sources above that they run on the host.
unit-src := tests/unit/ut_main.c \
	tests/unit/test_boot_info.c tests/unit/test_elfcheck.c \
	tests/unit/test_exec_formats.c tests/unit/test_fmt_cmdline.c \
	tests/unit/test_mm.c tests/unit/test_pv.c tests/unit/test_rtc.c \
	tests/unit/test_sched.c tests/unit/test_vfs.c \
	tests/unit/test_pv_dev.c tests/unit/test_pv_class.c tests/unit/test_balloon.c tests/unit/test_cpu_elastic.c \
	tests/unit/test_virtq.c pv/virtio/virtq.c pv/virtio/virtio_pci_caps.c \
	tests/unit/test_vfs_toyfs.c tests/unit/test_path.c tests/unit/test_fdtable.c tests/unit/test_timerfd.c tests/unit/test_inotify.c \
	tests/unit/test_timespec.c tests/unit/test_sem.c tests/unit/test_mqueue.c tests/unit/test_cap.c tests/unit/test_loop.c tests/unit/test_tunable.c tests/unit/test_lease.c \
	tests/unit/test_chacha20.c lib/chacha20.c tests/unit/test_splice_calc.c \
	tests/unit/test_gzip.c tests/unit/test_timex.c tests/unit/test_acct.c tests/unit/test_kmsg.c kernel/log/kmsg.c \
	tests/unit/test_ptrace_regs.c lib/ptrace_regs.c \
	tests/unit/test_keys.c kernel/ipc/keys_perm.c \
	tests/unit/test_xattr.c \
	tests/unit/test_ip_param.c net/lwip/ip_param.c \
	tests/unit/test_sock_calc.c net/sock_calc.c \
	tests/unit/test_nlmsg.c net/nlmsg.c \
	tests/unit/test_madt.c lib/madt.c \
	lib/gzip.c lib/timex.c lib/acct.c \
	lib/fmt.c lib/cmdline.c lib/boot_info.c lib/path.c lib/cap.c lib/xattr.c \
	kernel/mm/page_alloc.c kernel/mm/elastic_mem_calc.c pv/virtio/virtio_balloon_calc.c fs/pagecache.c kernel/sched/sched_load.c kernel/sched/sched_policy.c kernel/sched/cpu_elastic_calc.c \
	kernel/ipc/timerfd_calc.c kernel/ipc/sem_ops.c syscall/splice_calc.c kernel/block/loop_calc.c \
	kernel/ipc/inotify_queue.c kernel/ipc/mqueue_calc.c lib/ipc_limits.c kernel/ipc/lease_rules.c \
	kernel/mm/kmalloc.c lib/cpio.c lib/elf.c \
	fs/vfs.c fs/notify.c fs/mount.c fs/initramfs.c fs/ramfs.c kernel/proc/exec_file.c kernel/proc/tunable.c \
	fs/fdtable.c arch/x86_64/multiboot2.c arch/x86_64/rtc.c pv/xen/xen_pvh.c \
	pv/common/pv_clock.c pv/common/pv_hv.c pv/common/pv_driver.c \
	pv/common/pv_pci.c pv/common/pv_class.c pv/common/pv_net.c pv/common/pv_env.c \
	pv/common/pv_p9.c pv/common/pv_shmem.c pv/common/pv_balloon.c \
	pv/xen/xen_store_parse.c tools/elfcheck.c \
	tests/unit/test_netfront_ring.c pv/xen/xen_netfront_ring.c \
	tests/unit/test_xen_balloon.c pv/xen/xen_balloon_calc.c

.PHONY: all libc iso run run-xen test test-unit test-lwip bench-net bench-balloon bench-smp test-kvm test-xen check-layers \
	check-headers testbuild bench deps clean syscalls-doc check-syscalls-doc \
	conformance conformance-full profiles unit-src apps ltp ltp-subset ltp-linux-subset
comma := ,
.DEFAULT_GOAL := all

all: $(B)/jiny.elf $(B)/tools/elfcheck $(B)/test-initrd.cpio $(B)/initrd.cpio \
	$(B)/fallback-initrd.cpio $(B)/progs/netclient $(B)/progs/xzero

# The network benchmark's client (bench/net.py), static: the host runs
# it, and the nested Xen's dom0 (tests/xen/run.sh copies it for peers).
$(B)/progs/netclient: bench/netclient.c
	@mkdir -p $(@D)
	@musl-gcc -static -O2 -Wall -Wextra -Werror -o $@ $<

# The nested Xen's dom0 counts a guest's zero pages with it (the zero-pages
# case): Debian's libxenforeignmemory (libxen-dev), as dom0 has it.
$(B)/progs/xzero: tests/xen/xzero.c
	@mkdir -p $(@D)
	@gcc -O2 -Wall -Wextra -Werror -o $@ $< -lxenforeignmemory

# Our musl (libc/patches on Debian's musl source) and its jiny-cc wrapper.
JINYCC := $(B)/bin/jiny-cc
$(JINYCC): scripts/libc.sh scripts/deb-source.sh $(wildcard libc/patches/*.patch)
	@scripts/libc.sh
libc: $(JINYCC)

# Ring-0 apps (tests/ring0, bench/sysloop.c) built with jiny-cc; twins of
# the sysloop and of r0files built with Debian's musl-gcc, unmodified.
$(B)/ring0/%: tests/ring0/%.c $(JINYCC)
	@mkdir -p $(@D)
	@$(JINYCC) -O2 -static -fno-omit-frame-pointer -Wall -Wextra -Werror -o $@ $<
$(B)/ring0/sysloop: bench/sysloop.c $(JINYCC)
	@mkdir -p $(@D)
	@$(JINYCC) -O2 -static -Wall -Wextra -Werror -o $@ $<
$(B)/ring0/sysloop-musl: bench/sysloop.c
	@mkdir -p $(@D)
	@musl-gcc -O2 -static -Wall -Wextra -Werror -o $@ $<
$(B)/ring0/r0files-musl: tests/ring0/r0files.c
	@mkdir -p $(@D)
	@musl-gcc -O2 -static -fno-omit-frame-pointer -Wall -Wextra -Werror -o $@ $<
$(B)/ring0/netbench: bench/netbench.c $(JINYCC)
	@mkdir -p $(@D)
	@$(JINYCC) -O2 -static -Wall -Wextra -Werror -o $@ $<
$(B)/ring0/netbench-musl: bench/netbench.c
	@mkdir -p $(@D)
	@musl-gcc -O2 -static -Wall -Wextra -Werror -o $@ $<
RING0_APPS := r0files r0files-musl r0crash sysloop sysloop-musl r0unix r0inet r0tick \
	netbench netbench-musl

# Test programs for ring 3: static, no libc, built with the host compiler.
PROG_CFLAGS := -static -nostdlib -ffreestanding -fno-stack-protector -fno-pie \
	-no-pie -O2 -Wall -Wextra -Werror -Wl,--build-id=none
PROGS := uhello uvdso ufork usig usig2 ujob uhostile umisc umm uthread ufs uperm upaths udeadline urobust ureboot uchroot ufault-cli ufault-kernel-write ufault-hlt ufault-null
$(B)/progs/u%: tests/progs/u%.c tests/progs/usys.h
	@mkdir -p $(@D)
	@$(HOSTCC) $(PROG_CFLAGS) -o $@ $<
# Test programs that need a libc (signal handlers with siginfo, setjmp,
# pthreads): Debian's musl, static.
MUSL_PROGS := smpstress uunix uifnet ushm ulock uepoll mrobust ufdpipe utimer ucap ufdrules usigthread urandom usplice umisc2 upidfd usem uinotify umq uloop usyslog uioprio umisc9 uio ufcntl2 usched uptrace ukeys uxattr uprocx uopenat2 umntpoll uinet unet
# bench/parbench.c (bench/smp.sh) rides in the test initramfs as well.
$(B)/progs/parbench: bench/parbench.c
	@mkdir -p $(@D)
	@musl-gcc -static -O2 -Wall -Wextra -Werror -o $@ $<
$(patsubst %,$(B)/progs/%,$(MUSL_PROGS)): $(B)/progs/%: tests/progs/%.c
	@mkdir -p $(@D)
	@musl-gcc -static -O2 -Wall -Wextra -Werror -o $@ $<
$(B)/progs/ufault-%: tests/progs/ufault.c
	@mkdir -p $(@D)
	@$(HOSTCC) $(PROG_CFLAGS) -DFAULT_$(shell echo $* | tr a-z- A-Z_) -o $@ $<
# bin/broken is a truncated ELF that exec must refuse;
# bad-initrd.cpio a truncated archive the kernel must refuse.
$(B)/test-initrd.cpio: $(patsubst %,$(B)/progs/%,$(PROGS) $(MUSL_PROGS) parbench) tools/mkcpio.py Makefile \
		$(patsubst %,$(B)/ring0/%,$(RING0_APPS)) \
		tests/progs/files-test.sh tests/progs/tools-test.sh tests/progs/check.sh tests/progs/syslog-test.sh \
		tests/progs/mounts-test.sh tests/progs/hello-script tests/progs/devices-test.sh \
		tests/progs/ifnet-test.sh tests/progs/net-test.sh tests/progs/smp-test.sh tests/progs/balloon-test.sh tests/progs/zeropages-test.sh \
		tests/progs/vcpus-test.sh tests/progs/cpu-elastic-test.sh
	@head -c 300 $(B)/progs/uhello > $(B)/progs/broken
	@tools/mkcpio.py $@ dir:bin dir:proc dir:tmp \
		$(foreach p,$(PROGS) $(MUSL_PROGS) parbench broken,file:bin/$(p)=$(B)/progs/$(p)) \
		file:bin/busybox=/bin/busybox file:bin/files-test.sh=tests/progs/files-test.sh:644 \
		file:bin/tools-test.sh=tests/progs/tools-test.sh:644 \
		file:bin/check.sh=tests/progs/check.sh:644 \
		file:bin/syslog-test.sh=tests/progs/syslog-test.sh:644 \
		$(foreach p,$(RING0_APPS),file:bin/$(p)=$(B)/ring0/$(p)) \
		file:bin/mounts-test.sh=tests/progs/mounts-test.sh:644 \
		file:bin/devices-test.sh=tests/progs/devices-test.sh:644 \
		file:bin/ifnet-test.sh=tests/progs/ifnet-test.sh:644 \
		file:bin/balloon-test.sh=tests/progs/balloon-test.sh:644 \
		file:bin/zeropages-test.sh=tests/progs/zeropages-test.sh:644 \
		file:bin/net-test.sh=tests/progs/net-test.sh:644 \
		file:bin/smp-test.sh=tests/progs/smp-test.sh:644 \
		file:bin/vcpus-test.sh=tests/progs/vcpus-test.sh:644 \
		file:bin/cpu-elastic-test.sh=tests/progs/cpu-elastic-test.sh:644 \
		file:bin/hello-script=tests/progs/hello-script:755
	@head -c 20000 $@ > $(B)/bad-initrd.cpio

# No /init, no /sbin/init, an /etc/init the kernel cannot run (a
# directory) and uhello as /bin/sh: Linux's fallback order, tried.
$(B)/fallback-initrd.cpio: $(B)/progs/uhello tools/mkcpio.py Makefile
	@tools/mkcpio.py $@ dir:bin dir:etc dir:etc/init file:bin/sh=$(B)/progs/uhello

# The default image (what `make run` boots): Debian's busybox-static and
# initrd/init, which installs a link per applet (busybox --install -s),
# mounts /proc, /sys, /dev/shm and /tmp where supported, then the shell.
$(B)/initrd.cpio: tools/mkcpio.py Makefile initrd/init initrd/passwd initrd/group
	@tools/mkcpio.py $@ dir:bin dir:sbin dir:usr dir:usr/bin dir:usr/sbin \
		dir:dev dir:etc dir:proc dir:root dir:sys dir:tmp \
		file:bin/busybox=/bin/busybox file:init=initrd/init:755 \
		file:etc/passwd=initrd/passwd:644 file:etc/group=initrd/group:644

# Debian's dynamically linked busybox and coreutils with their libraries
# (pinned, checksummed, fetched once into build/cache/apps/) and the
# dynamic-ELF tests: the image of the dynelf-* boot cases.
$(B)/apps-initrd.cpio: scripts/debian-apps.sh tests/progs/dynelf-test.sh \
		tests/progs/dynelf-py.py tests/progs/dynelf-stress.sh
	@scripts/debian-apps.sh
apps: $(B)/apps-initrd.cpio

$(B)/tools/elfcheck: tools/elfcheck.c tools/elfcheck.h
	@mkdir -p $(@D)
	@$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ tools/elfcheck.c

$(XEN_INC)/xen/xen.h:
	@mkdir -p $(XEN_INC)
	@test -f /usr/include/xen/xen.h || { echo "missing Xen headers: run scripts/deps.sh (libxen-dev)" >&2; exit 1; }
	@ln -sfn /usr/include/xen $(XEN_INC)/xen

# The vDSO (kernel/proc/vdso/): a freestanding shared object of its own,
# linked by its script and embedded in the image by vdso_image.S.  It
# must need no relocation: it runs wherever exec maps it, untouched.
VDSO_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -nostdinc -isystem $(GCC_INC) -I. -fPIC \
	-fvisibility=hidden -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-unwind-tables -mgeneral-regs-only -fno-builtin
$(O)/vdso/vdso.o: kernel/proc/vdso/vdso.c $(MAKEFILE_LIST)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(VDSO_CFLAGS) -MMD -MP -c $< -o $@
$(O)/vdso/vdso.so: $(O)/vdso/vdso.o kernel/proc/vdso/vdso.lds
	@echo "  LD      $@"
	@$(LD) -shared -soname=linux-vdso.so.1 --hash-style=both --build-id=none \
		-z max-page-size=4096 -z noexecstack -Bsymbolic --no-undefined \
		-T kernel/proc/vdso/vdso.lds -o $@ $<
	@if readelf -rW $@ | grep -q 'R_X86_64'; then \
		echo "vdso: $@ needs relocations" >&2; rm -f $@; exit 1; fi
$(O)/kernel/proc/vdso_image.S.o: $(O)/vdso/vdso.so
$(O)/kernel/proc/vdso_image.S.o: XTRA = -DVDSO_SO='"$(O)/vdso/vdso.so"'
-include $(O)/vdso/vdso.d

$(O)/pv/xen/%.o: XTRA = $(XEN_FLAGS)
$(objs): | $(XEN_INC)/xen/xen.h

# lwIP's own files build under the kernel's flags, -Werror included (with
# these options GCC 12 finds nothing to say): no relaxed warnings needed.
# LWIP_RELAX is the place for any a later lwIP or compiler needs, applied
# to lwIP's objects only; our glue in net/lwip stays under -Werror.
LWIP_RELAX :=
$(O)/$(LWIP)/%.o: XTRA = $(LWIP_INC) $(LWIP_RELAX)
$(O)/net/lwip/%.o: XTRA = $(LWIP_INC)
$(O)/kernel/tests/ktest_lwip.c.o: XTRA = $(LWIP_INC)
$(LWIP_STAMP): scripts/lwip.sh scripts/deb-source.sh
	@scripts/lwip.sh && touch $@
$(patsubst %,$(LWIP)/src/%,$(lwip-core)): | $(LWIP_STAMP)
ifeq ($(CONFIG_LWIP),y)
$(objs): | $(LWIP_STAMP)
endif

$(O)/%.c.o: %.c $(MAKEFILE_LIST)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) $(XTRA) -MMD -MP -c $< -o $@

$(O)/%.S.o: %.S $(MAKEFILE_LIST)
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) $(XTRA) -MMD -MP -c $< -o $@

# Two links: the first with an empty symbol table, the second with the
# table of the first (text addresses do not move; see kernel.ld).
$(O)/ksyms0.S: tools/ksyms.sh
	@mkdir -p $(@D)
	@tools/ksyms.sh > $@
$(O)/jiny.0.elf: $(objs) $(O)/ksyms0.S.o arch/x86_64/kernel.ld
	@$(LD) $(LDFLAGS) -o $@ $(objs) $(O)/ksyms0.S.o
$(O)/ksyms1.S: $(O)/jiny.0.elf tools/ksyms.sh
	@tools/ksyms.sh $< > $@
$(O)/ksyms%.S.o: $(O)/ksyms%.S
	@$(CC) -c $< -o $@
$(O)/jiny-debug.elf: $(objs) $(O)/ksyms1.S.o
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS) -o $@ $(objs) $(O)/ksyms1.S.o
	@nm -n $@ | grep -q ' T kmain$$'
$(B)/jiny-$(PROFILE).elf: $(O)/jiny-debug.elf
	@strip -o $@ $<
	@echo "  IMAGE   $@ ($$(stat -c %s $@) bytes)"
ifeq ($(PROFILE),all)
$(B)/jiny.elf: $(B)/jiny-$(PROFILE).elf
	@cp $< $@
endif

-include $(patsubst %.o,%.d,$(objs))

# GRUB door: a rescue ISO whose grub.cfg boots jiny.elf by multiboot2.
# GRUB_CMDLINE sets the kernel command line baked into the ISO.
GRUB_CMDLINE ?=
$(B)/jiny.iso: $(B)/jiny.elf tools/mkiso.sh
	@tools/mkiso.sh $(B)/jiny.elf $@ "$(GRUB_CMDLINE)"
iso: $(B)/jiny.iso

deps:
	@scripts/deps.sh

# The default boot: build/initrd.cpio, whose /init the kernel runs as
# Linux would (no init= needed), ending in Debian's busybox shell in
# ring 3 ("exit" powers the guest off).  CMDLINE="ktest=all" runs the
# in-kernel tests; INITRD=build/test-initrd.cpio the test programs.
CMDLINE ?=
INITRD ?= $(B)/initrd.cpio
# NET=1: one network device; FWD=RULES: QEMU's hostfwd=... rules for it
# (e.g. FWD=hostfwd=tcp:127.0.0.1:8080-:80; README, "Networking").
run: deps all
	@tools/run-qemu.sh --kernel $(B)/jiny.elf --initrd $(INITRD) --cmdline "$(CMDLINE)" \
		$(if $(filter 1,$(NET)),--net) $(if $(FWD),--net-fwd "$(FWD)") || [ $$? -eq 1 ]

# NET=1: a vif on the nested dom0's bridge xenbr0 (DHCP from dom0).
run-xen: deps all
	@tests/xen/run.sh --interactive --kernel $(B)/jiny.elf --initrd $(INITRD) --cmdline "$(CMDLINE)" \
		$(if $(filter 1,$(NET)),--memory 128$(comma)vif)

# docs/syscalls.md lists the table in syscall/syscall.c; make test checks it.
syscalls-doc:
	@tools/syscalls-doc.py

check-syscalls-doc:
	@tools/syscalls-doc.py --check

test: deps
	@tests/run-all.sh

test-unit:
	@tests/unit/run.sh

# lwIP's own unit tests (its source tree's test/unit, with Debian's check
# library under build/check) on the host; make test runs them too.
test-lwip:
	@tests/lwip/run.sh

test-kvm: deps all apps iso
	@tests/kvm/run.sh

test-xen: deps all apps
	@tests/xen/run-cases.sh

# busybox's own testsuite (Debian's source package, fetched into build/)
# on the host, then in the guest on QEMU and under Xen; one
# "conformance: busybox hv=..." line per hypervisor.  Outside `make test`:
# see docs/conformance.md.  The -full variant adds bc.tests (~33 min TCG).
conformance: deps all
	@tests/conformance/run.sh

conformance-full: deps all
	@tests/conformance/run.sh --full

# The Linux Test Project's system-call tests (tests/ltp/, docs/testing.md):
# in batches of initramfs on Jiny under QEMU, under Xen and on Debian's
# Linux, results in build/ltp/<hv>.txt (resumable).  HV=qemu,xen,linux (a
# comma list), LTP=name,... for some tests only.  Jiny's lines end with
# the share of the Linux guest's passes that pass here too
# (tests/ltp/linux-full.txt, the checked-in Linux result of the list).
HV ?= qemu,xen,linux
LTP ?=
ltp: deps all
	@tests/ltp/run.py --hv $(HV) $(if $(LTP),--tests $(LTP)) \
	    --compare tests/ltp/linux-full.txt

# The fixed subset (tests/ltp/subset) on QEMU and Xen, judged against the
# Linux guest's result for it (tests/ltp/linux-subset.txt, which
# ltp-linux-subset rewrites) and tests/ltp/expected-failures.
ltp-subset: deps all
	@tests/ltp/subset.sh

ltp-linux-subset: deps
	@tests/ltp/subset.sh --linux

check-layers:
	@tools/check-layers.sh

check-headers:
	@tools/check-headers.sh

# Every profile, plus all-yes and all-no of the optional parts (Mini-OS style).
testbuild:
	@for p in $(PROFILES); do \
		$(MAKE) --no-print-directory PROFILE=$$p $(B)/jiny-$$p.elf || exit 1; \
	done

profiles:
	@echo $(PROFILES)

unit-src:
	@echo $(unit-src)

bench: deps all
	@bench/run.sh

# Giving back and taking back half the memory, QEMU and Xen (bench/balloon.sh).
bench-balloon: deps all
	@bench/balloon.sh

# Parallel speed-up with 1, 2 and 4 vCPUs, Jiny and the Linux guest, and the single-vCPU
# system-call loop's instructions (bench/smp.sh).
bench-smp: deps all apps $(B)/test-initrd.cpio
	@bench/smp.sh

# The network benchmarks alone (a part of make bench).
bench-net: deps all
	@python3 bench/net.py

clean:
	rm -rf $(B)/obj $(B)/jiny*.elf $(B)/jiny.iso
