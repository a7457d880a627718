# Every option starts off; a profile turns on what it wants with "?=" before
# including this file, and the checks at the bottom refuse impossible mixes.
CONFIG_XEN ?= n
CONFIG_KVM ?= n
CONFIG_KTEST ?= y
CONFIG_DEBUG ?= n
# lwIP's TCP/IP stack in the kernel (net/lwip; Debian's source, fetched).
CONFIG_LWIP ?= n

ifeq ($(CONFIG_XEN)$(CONFIG_KVM),nn)
$(error configs: a profile must enable at least one of CONFIG_XEN and CONFIG_KVM)
endif
$(foreach v,CONFIG_XEN CONFIG_KVM CONFIG_KTEST CONFIG_DEBUG CONFIG_LWIP,\
  $(if $(filter y n,$($(v))),,$(error configs: $(v) must be y or n, not '$($(v))')))
