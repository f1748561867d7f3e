# Shared checks for the shell tests: run a command, compare its exit status
# and output, count failures, clean up.  Usage from a test script:
#   . tests/lib/check.sh; check_init NAME
#   run tfctl ...; expect_rc 0; expect_out_has "..."; finish
# check_init makes $tmp (removed at exit) and kills every pid in $pids.

check_init() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
	fails=0
	pids=""
	trap check_cleanup EXIT
}

check_cleanup() {
	local p
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}

# bad WHAT: one failed check, named after the last command run
bad() {
	echo "FAIL: ${last:+$last: }$*"
	fails=$((fails + 1))
}

# run CMD...: sets $out, $err, $rc
run() {
	last="$*"
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

has() { case "$1" in *"$2"*) return 0 ;; esac; return 1; }
expect_rc() { [ "$rc" = "$1" ] || bad "exit status $rc, expected $1 (stderr: $err)"; }
expect_out() { [ "$out" = "$1" ] || bad "stdout differs, expected: $1; got: $out"; }
expect_err() { [ "$err" = "$1" ] || bad "stderr differs, expected: $1; got: $err"; }
expect_out_has() { has "$out" "$1" || bad "stdout lacks '$1': $out"; }
expect_err_has() { has "$err" "$1" || bad "stderr lacks '$1': $err"; }
expect_out_lacks() { has "$out" "$1" && bad "stdout has '$1'"; }
# an error is exactly one line starting "tfctl: "
expect_one_error_line() {
	[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] && has "$err" "tfctl: " &&
		[ "${err#tfctl: }" != "$err" ] || bad "stderr is not one 'tfctl: ' line: $err"
}

finish() {
	[ "$fails" = 0 ] && { echo "PASS"; exit 0; }
	echo "$fails check(s) failed"
	exit 1
}
