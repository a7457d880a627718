# Smallest image: both back ends, no in-kernel tests, no debug checks.
CONFIG_KTEST ?= n
CONFIG_DEBUG ?= n
include configs/all.mk
