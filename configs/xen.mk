# Xen PVH only.
CONFIG_XEN ?= y
CONFIG_KVM ?= n
CONFIG_LWIP ?= y
include configs/base.mk
