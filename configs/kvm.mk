# QEMU/KVM only: virtio, kvmclock, TSC/HPET fallback for plain QEMU.
CONFIG_KVM ?= y
CONFIG_XEN ?= n
CONFIG_LWIP ?= y
include configs/base.mk
