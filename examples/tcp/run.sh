#!/usr/bin/env bash
# Fix a live TCP server under load: build calc_server with tfcc, drive it
# with loadgen (8 connections), load the fix for its parsing bug while
# requests fly, and check: no request failed, and no answer sent after the
# fix was in is wrong.  Exit 0 iff so.  Usage: run.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
work=$(mktemp -d /tmp/tigerfix-tcp.XXXXXX)
spid= lpid=
trap '[ -n "$spid" ] && kill "$spid" 2>/dev/null; [ -n "$lpid" ] && kill "$lpid" 2>/dev/null; rm -rf "$work"' EXIT

# wait_for FILE PATTERN: poll (10 s deadline) until FILE has a line matching PATTERN
wait_for() {
	local deadline=$((SECONDS + 10))
	until grep -q "$2" "$1" 2>/dev/null; do
		[ $SECONDS -lt $deadline ] || { echo "tcp: timed out waiting for '$2' in $1" >&2; exit 1; }
		sleep 0.02
	done
}

cp "$here/calc_server.c" "$work/"
cd "$work"
"$build/bin/tfcc" gcc -O2 -g -pthread -o calc_server calc_server.c
gcc -O2 -pthread -o loadgen "$here/loadgen.c"
mkdir fix && cp calc_server.c fix/ && (cd fix && patch -s -p1 < "$here/fix.diff")
(cd fix && "$build/bin/tfcc" --patch-for=../calc_server gcc -O2 -g -pthread -o ../fix.so calc_server.c)

./calc_server > server.out & spid=$!
wait_for server.out listening
port=$(awk '/listening/ {print $3}' server.out)
./loadgen "$port" 8 3 > load.out & lpid=$!
wait_for load.out running
"$build/bin/tfctl" load "$work/fix.so" --pid "$spid"
kill -USR1 "$lpid"
status=0; wait "$lpid" || status=$?; lpid=
cat load.out
read -r _ req _ failed _ before _ wrong_after _ after < <(tail -n 1 load.out)
[ "$status" = 0 ] && [ "$failed" = 0 ] && [ "$wrong_after" = 0 ] && [ "$after" -gt 0 ] &&
	[ "$before" -gt 0 ] || { echo "tcp: FAILED (failed=$failed wrong_after=$wrong_after after=$after)"; exit 1; }
echo "tcp: fixed live under load: $req requests, 0 failed, $after answered after the fix, all right"
