# Helpers for the tfctl tests: run a command and check its exit status and
# output; start a fake control server (fakesrv) and stop it at exit.
# Usage from a test: . lib.sh; run tfctl ...; expect_rc 0; expect_out "..."

TFCTL=${TFCTL:?set TFCTL to the tfctl binary}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tfctl-test.XXXXXX")
fails=0
srv_pids=""

cleanup() {
	local p
	for p in $srv_pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT

# run CMD...: sets $out, $err, $rc
run() {
	last="$*"
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

bad() {
	echo "FAIL: $last: $*"
	echo "  stdout: $out" | head -20
	echo "  stderr: $err"
	fails=$((fails + 1))
}

expect_rc() { [ "$rc" = "$1" ] || bad "exit status $rc, expected $1"; }
expect_out() { [ "$out" = "$1" ] || bad "stdout differs, expected: $1"; }
expect_err() { [ "$err" = "$1" ] || bad "stderr differs, expected: $1"; }
expect_out_has() { case "$out" in *"$1"*) ;; *) bad "stdout lacks: $1" ;; esac; }
expect_err_has() { case "$err" in *"$1"*) ;; *) bad "stderr lacks: $1" ;; esac; }
expect_out_lacks() { case "$out" in *"$1"*) bad "stdout has: $1" ;; esac; }
# an error is exactly one line starting "tfctl: "
expect_one_error_line() {
	[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] && case "$err" in "tfctl: "*) true ;; *) false ;; esac ||
		bad "stderr is not one 'tfctl: ' line"
}

# start_srv MODE: start fakesrv, wait (deadline 10 s) until it listens;
# sets $srv (its pid) and $srv_log (its request log)
start_srv() {
	local f="$tmp/srv.$1.$RANDOM" deadline=$((SECONDS + 10))
	srv_log="$f.log"
	: >"$srv_log"
	"${FAKESRV:?set FAKESRV}" "$1" "$srv_log" >"$f.out" 2>&1 &
	srv=$!
	srv_pids="$srv_pids $srv"
	until grep -q "^ready $srv\$" "$f.out" 2>/dev/null; do
		if [ $SECONDS -ge $deadline ] || ! kill -0 "$srv" 2>/dev/null; then
			echo "FAIL: fakesrv $1 did not start: $(cat "$f.out")"
			exit 1
		fi
		sleep 0.02
	done
}

# stop_srv PID: kill it and wait until it is gone
stop_srv() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

finish() {
	if [ "$fails" -ne 0 ]; then
		echo "$fails check(s) failed"
		exit 1
	fi
	echo "all checks passed"
	exit 0
}
