#!/usr/bin/awk -f
# Every test that passes on the host but not in the guest, with what the
# guest said about it (FAIL, SKIPPED/UNTESTED, or nothing: its applet's
# script died, timed out or was cut off).
#   awk -f tests/conformance/compare.awk build/conformance/host.log build/conformance/qemu.log
# Output: "applet<TAB>guest-result<TAB>test" lines.

function key(line) {
	sub(/\r$/, "", line)
	if (line ~ /^conformance-applet: [^ ]+ start$/) {
		split(line, w, " ")
		applet = w[2]
		return ""
	}
	if (match(line, /^(PASS|FAIL|SKIPPED|UNTESTED): /)) {
		# Names holding \n, \t, \r: the host's dash echo expands them,
		# busybox's does not; compare up to the first of them.
		name = substr(line, RLENGTH + 1)
		sub(/(\\|[\001-\037]).*/, "", name)
		return substr(line, 1, RLENGTH - 2) SUBSEP applet SUBSEP name
	}
	return ""
}

FNR == 1 { applet = "" }
{
	k = key($0)
	if (k == "")
		next
	split(k, f, SUBSEP)
	id = f[2] SUBSEP f[3]
	if (NR == FNR) {
		if (f[1] == "PASS") { hostpass[id]++; order[++n] = id }
	} else
		guest[id, f[1]]++
}
END {
	for (i = 1; i <= n; i++) {
		id = order[i]
		if ((id, "PASS") in guest && guest[id, "PASS"] > 0) {
			guest[id, "PASS"]--
			continue
		}
		r = "missing"
		if ((id, "FAIL") in guest && guest[id, "FAIL"] > 0) { r = "FAIL"; guest[id, "FAIL"]-- }
		else if ((id, "SKIPPED") in guest && guest[id, "SKIPPED"] > 0) { r = "SKIPPED"; guest[id, "SKIPPED"]-- }
		else if ((id, "UNTESTED") in guest && guest[id, "UNTESTED"] > 0) { r = "UNTESTED"; guest[id, "UNTESTED"]-- }
		split(id, f, SUBSEP)
		printf "%s\t%s\t%s\n", f[1], r, f[2]
	}
}
