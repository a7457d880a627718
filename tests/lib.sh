# Shared by the QEMU and Xen boot-case runners (sourced, not run).

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }

# cases TAG [NAME...]: the cases of tests/boot.cases whose hypervisor list
# holds TAG (qemu, iso, xen), restricted to NAMEs if given, one per line as
#   NAME|MEMORY_MB|TIMEOUT_S|EXPECT|CMDLINE|INITRD|INPUT
# with the default initrd filled in (INPUT: text to type, may be empty).
# BOOT_CASES names another file of cases (bench/balloon.sh's).
cases() {
	local tag=$1 name hvs mem tmo expect cmdline initrd input
	shift
	while IFS='|' read -r name hvs mem tmo expect cmdline initrd input; do
		name=$(trim "$name")
		[ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
		[[ ,$(trim "$hvs"), == *,$tag,* ]] || continue
		if [ $# -gt 0 ] && ! [[ " $* " == *" $name "* ]]; then continue; fi
		initrd=$(trim "$initrd")
		echo "$name|$(trim "$mem")|$(trim "$tmo")|$(trim "$expect")|$(trim "$cmdline")|${initrd:-build/test-initrd.cpio}|$(trim "$input")"
	done < "${BOOT_CASES:-tests/boot.cases}"
}

# tally TEXT: add the tests TEXT passed and failed to $passed and $failed
# (a test with several FAIL lines fails once; tests/count-tests.sh).
tally() {
	local p f
	read -r p f < <(tests/count-tests.sh <<<"$1")
	passed=$((passed + p))
	failed=$((failed + f))
}
