# Default profile: one image carrying both back ends, chosen at boot.
CONFIG_XEN ?= y
CONFIG_KVM ?= y
CONFIG_LWIP ?= y
include configs/base.mk
