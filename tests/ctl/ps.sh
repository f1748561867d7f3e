#!/bin/bash
# tfctl ps: finds fake servers by their abstract sockets, shows the hello
# details, and shows a refusing or silent process with its state.
. "$(dirname "$0")/lib.sh"

start_srv normal
ok=$srv
start_srv refuse
refusing=$srv
start_srv silent
silent=$srv

run "$TFCTL" ps --timeout 300
expect_rc 0
expect_out_has "PID"
printf '%s\n' "$out" | grep -Eq "^$ok +/bin/calc +4 +1\$" || bad "no line for $ok"
printf '%s\n' "$out" | grep -Eq "^$refusing +.* +- +- +refused: another user's process" || bad "no refused line for $refusing"
printf '%s\n' "$out" | grep -Eq "^$silent +.* +- +- +no answer" || bad "no timeout line for $silent"

run "$TFCTL" ps --json --timeout 300
expect_rc 0
if command -v python3 >/dev/null; then
	printf '%s' "$out" | python3 -c '
import json, sys
ps = {p["pid"]: p for p in json.load(sys.stdin)}
ok, ref, sil = map(int, sys.argv[1:])
assert ps[ok]["state"] == "ok" and ps[ok]["sites"] == 4, ps[ok]
assert ps[ref]["state"] == "refused", ps[ref]
assert ps[sil]["state"] == "timeout", ps[sil]
' "$ok" "$refusing" "$silent" || bad "ps --json content"
fi

# processes are asked in parallel: three silent ones cost about one timeout
start_srv silent
start_srv silent
t0=$(date +%s%N)
run "$TFCTL" ps --timeout 1000
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
expect_rc 0
[ "$(printf '%s\n' "$out" | grep -c 'no answer')" -ge 3 ] || bad "expected 3 silent processes"
[ "$ms" -lt 2900 ] || bad "ps took $ms ms for 3 silent processes with --timeout 1000"

# a process that exits disappears from the list
stop_srv "$ok"
run "$TFCTL" ps --timeout 300
expect_rc 0
printf '%s\n' "$out" | grep -Eq "^$ok " && bad "exited $ok still listed"
run "$TFCTL" ps extra
expect_rc 2
finish
