# Smallest image: both back ends, no in-kernel tests, no debug checks,
# no network stack.
CONFIG_KTEST ?= n
CONFIG_DEBUG ?= n
CONFIG_LWIP ?= n
include configs/all.mk
