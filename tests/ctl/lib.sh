# Helpers for the tfctl tests: run a command and check its exit status and
# output; start a fake control server (fakesrv) and stop it at exit.
# Usage from a test: . lib.sh; run tfctl ...; expect_rc 0; expect_out "..."

TFCTL=${TFCTL:?set TFCTL to the tfctl binary}
. "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"
check_init tfctl-test

# start_srv MODE: start fakesrv, wait (deadline 10 s) until it listens;
# sets $srv (its pid) and $srv_log (its request log)
start_srv() {
	local f="$tmp/srv.$1.$RANDOM" deadline=$((SECONDS + 10))
	srv_log="$f.log"
	: >"$srv_log"
	"${FAKESRV:?set FAKESRV}" "$1" "$srv_log" >"$f.out" 2>&1 &
	srv=$!
	pids="$pids $srv"
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
