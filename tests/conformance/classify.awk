#!/usr/bin/awk -f
# Group the failures of a verbose conformance log (CONF_VERBOSE=1) by
# cause.  For each "FAIL: name" the text around it (what the test printed
# since the previous result line, and its diff or old-style transcript up
# to the next one) is matched against the rules below, first match wins.
#   awk -f tests/conformance/classify.awk build/conformance/qemu.log
# Output: "cause<TAB>applet<TAB>test" lines, then a count per cause.
# The rules name the kernel feature a message points at; "unclassified"
# failures need a trace=syscalls run to pin down.

function flush() {
	if (fname == "")
		return
	c = cause(ctx)
	printf "%s\t%s\t%s\n", c, applet, fname
	count[c]++
	fname = ""
	ctx = ""
}

function cause(t) {
	if (t ~ /touch: [^\n]*Function not implemented/) return "utimensat missing (touch)"
	if (t ~ /(^|\n)ln: [^\n]*Function not implemented/) return "link/linkat missing (hard links)"
	if (t ~ /mkfifo: [^\n]*Function not implemented/) return "mknod/mknodat missing (mkfifo)"
	if (t ~ /'\/proc[^']*': No such file/) return "/proc missing"
	if (t ~ /(^|\n)[^\n]*zip: not found/) return "no zip program in the guest (host tool)"
	if (t ~ /futex facility returned an unexpected error/) return "futex missing (glibc NSS lock)"
	if (match(t, /[^\n]*Function not implemented/))
		return "other ENOSYS: " substr(t, RSTART, RLENGTH)
	if (t ~ /killed by signal 11/) return "SIGSEGV in the guest (see log)"
	if (t ~ /timed out|conformance-applet: [^ ]+ timeout/) return "applet time limit"
	return "unclassified"
}

{ sub(/\r$/, "") }
/^conformance-applet: [^ ]+ start$/ { flush(); applet = $2; ctx = ""; next }
/^conformance-applet: [^ ]+ timeout/ {
	flush()
	printf "applet time limit\t%s\t(rest of %s.tests)\n", $2, $2
	count["applet time limit"]++
	ctx = ""; next
}
/^(PASS|SKIPPED|UNTESTED): / { flush(); ctx = ""; next }
/^FAIL: / { flush(); fname = substr($0, 7); next }
# A verbose test's banner: ends the transcript of a failure before it;
# otherwise what came before (set-up commands) belongs to the next test.
/^======================$/ { flush(); next }
{ ctx = ctx "\n" $0 }
END {
	flush()
	for (c in count)
		printf "%5d  %s\n", count[c], c | "sort -rn >&2"
}
