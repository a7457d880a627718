# Default profile plus KASSERT and pr_debug output.
CONFIG_DEBUG ?= y
include configs/all.mk
