/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * lwIP's sources include <string.h>: for them (and only them, with
 * net/lwip/include on their include path) it is the kernel's lib/string.h.
 */
#ifndef NET_LWIP_INCLUDE_STRING_H
#define NET_LWIP_INCLUDE_STRING_H

#include <lib/string.h>

#endif /* NET_LWIP_INCLUDE_STRING_H */
