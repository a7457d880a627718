#!/bin/sh
# Emit the kernel symbol table (assembly) for ELF $1 on stdout; with no
# argument, an empty table for the first link.  Text symbols only: their
# addresses do not move between the first and the final link, because
# .ksyms is placed after .text in kernel.ld.
set -eu
printf '\t.section .ksyms, "a"\n\t.balign 8\n\t.globl ksyms_table, ksyms_count, ksyms_names\n'
if [ $# -eq 0 ]; then
	printf 'ksyms_count:\n\t.quad 0\nksyms_table:\nksyms_names:\n\t.byte 0\n'
	exit 0
fi
nm -n --defined-only "$1" | awk 'BEGIN { n = 0 }
$2 ~ /^[tTwW]$/ && $1 ~ /^ffffffff8/ && $3 !~ /^(\.|_text_|__)/ {
	addr[n] = $1; name[n] = $3; n++
}
END {
	printf "ksyms_count:\n\t.quad %d\nksyms_table:\n", n
	off = 0
	for (i = 0; i < n; i++) {
		printf "\t.quad 0x%s\n\t.long %d, 0\n", addr[i], off
		off += length(name[i]) + 1
	}
	printf "ksyms_names:\n"
	for (i = 0; i < n; i++)
		printf "\t.asciz \"%s\"\n", name[i]
}'
