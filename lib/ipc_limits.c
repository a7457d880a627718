/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The IPC limits that can change at run time (see ipc_limits.h). */
#include <lib/ipc_limits.h>

struct mq_limits mq_limits = {
	.ml_msg_max = 10,
	.ml_msgsize_max = 8192,
	.ml_queues_max = 256,
	.ml_msg_default = 10,
	.ml_msgsize_default = 8192,
};
