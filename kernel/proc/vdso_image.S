/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The vDSO's bytes (kernel/proc/vdso/, linked by the Makefile into
 * VDSO_SO), page-aligned and padded to whole pages: exec maps these
 * pages of the image into every process, so nothing else may share them.
 */
	.section .rodata.vdso, "a"
	.balign 4096
	.globl vdso_image, vdso_image_end
vdso_image:
	.incbin VDSO_SO
vdso_image_end:
	.balign 4096
