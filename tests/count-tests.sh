#!/usr/bin/env bash
# Count tests in PASS/FAIL lines on stdin: prints "PASSED FAILED".  A test
# is "hv=HV NAME" (the line's next two words, NAME without its ":"); it
# failed if any of its lines is a FAIL, however many there are.  Lines of
# a "--- console of ..." block (a guest's output, up to "---") are not
# results.  Used by tests/run-all.sh and tests/lib.sh's tally.
exec awk '
	/^--- / { quote = 1; next }
	/^---$/ { quote = 0; next }
	quote { next }
	/^(PASS|FAIL) hv=/ {
		k = $2 " " $3
		sub(/:$/, "", k)
		seen[k] = 1
		if ($1 == "FAIL")
			bad[k] = 1
	}
	END {
		p = f = 0
		for (k in seen)
			if (k in bad) f++; else p++
		print p, f
	}'
