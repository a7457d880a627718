# Xen PVH only.
CONFIG_XEN ?= y
CONFIG_KVM ?= n
include configs/base.mk
