#!/bin/bash
# tfctl list/load/unload against fakesrv: answers, refusals, a server that
# never answers (timeout), one that closes at once, one that sends garbage,
# a pid with no process, a process with no runtime, bad arguments.
. "$(dirname "$0")/lib.sh"

start_srv normal
pid=$srv

# list: the patches in force
run "$TFCTL" list --pid "$pid"
expect_rc 0
expect_out_has "ID  LOADED"
expect_out_has "PATH          REPLACED"
expect_out_has "/tmp/fix1.so  add, sub"
run "$TFCTL" list --pid "$pid" --sites 'calc.c:*'
expect_rc 0
expect_out_has "FUNCTION  FILE:LINE  LIVE
add       calc.c:10  patch 1
sub       calc.c:11  patch 1
mul       calc.c:12  original  (intercepted)
3 functions of $pid match 'calc.c:*'"
grep -q '"op":"sites","glob":"calc.c:\*"' "$srv_log" || bad "sites request not sent: $(cat "$srv_log")"
run "$TFCTL" list --pid "$pid" --sites 'zz*'
expect_rc 0
expect_out_has "no function of $pid matches 'zz*'"
run "$TFCTL" list --json --pid "$pid" --sites 'm*'
expect_rc 0
expect_out_has '"patches": ['
expect_out_has '"name": "main"'

# load: the path sent is absolute, the answer is printed on one line
cd "$tmp" && : >fix.so && : >bad_fix.so
run "$TFCTL" load fix.so --pid "$pid"
expect_rc 0
expect_out "loaded patch 2 into $pid: replaced add, sub; unchanged: mul"
grep -q "{\"op\":\"load\",\"path\":\"$tmp/fix.so\"}" "$srv_log" || bad "load did not send the absolute path: $(cat "$srv_log")"
run "$TFCTL" load --json fix.so --pid "$pid"
expect_rc 0
expect_out_has '"replaced": ['
# refused load: the server's error, prefixed
run "$TFCTL" load bad_fix.so --pid "$pid"
expect_rc 1
expect_one_error_line
expect_err "tfctl: cannot load bad_fix.so into $pid: add() changed signature (patch: long (int, int), running: int (int, int)); nothing was changed"
run "$TFCTL" load bad_fix.so --pid "$pid" --json
expect_rc 1
expect_out_has '"ok": false'
# a patch that does not exist never reaches the process
run "$TFCTL" load nosuch.so --pid "$pid"
expect_rc 1
expect_err "tfctl: cannot load nosuch.so into $pid: No such file or directory; give the path of a patch built with tfcc --patch-for"
cd - >/dev/null

# unload
run "$TFCTL" unload 1 --pid "$pid"
expect_rc 0
expect_out "unloaded patch 1 from $pid: restored add, sub"
run "$TFCTL" unload 7 --pid "$pid"
expect_rc 1
expect_err "tfctl: cannot unload patch 7 from $pid: no patch with that id; \`tfctl list\` shows the ids"
run "$TFCTL" unload x --pid "$pid"
expect_rc 2
expect_one_error_line

# a server that never answers: timeout after --timeout, not before
start_srv silent
t0=$(date +%s%N)
run "$TFCTL" list --pid "$srv" --timeout 300
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
expect_rc 1
expect_err "tfctl: process $srv did not answer within 300 ms: its control thread may be blocked; retry with a longer --timeout MS"
[ "$ms" -ge 300 ] && [ "$ms" -lt 5000 ] || bad "timeout took $ms ms, expected 300..5000"
run "$TFCTL" load --json "$FAKESRV" --pid "$srv" --timeout 200
expect_rc 1
expect_out_has '"ok": false'
expect_out_has 'did not answer within 200 ms'

# a server that closes without answering (as for another user)
start_srv refuse
run "$TFCTL" list --pid "$srv"
expect_rc 1
expect_err "tfctl: process $srv closed the connection without answering: its runtime accepts only its own user or root; run tfctl as that user"

# a server that answers garbage
start_srv garbage
run "$TFCTL" unload 1 --pid "$srv"
expect_rc 1
expect_one_error_line
expect_err_has "sent an answer that is not a protocol object"

# no such process; a process without the runtime
stop_srv "$srv"
run "$TFCTL" list --pid "$srv"
expect_rc 1
expect_err "tfctl: no process $srv: it has exited or the pid is wrong; \`tfctl ps\` lists instrumented processes"
run "$TFCTL" load "$FAKESRV" --pid $$
expect_rc 1
expect_err "tfctl: process $$ has no tigerfix runtime (no control socket): it was not built with tfcc"

# usage errors
for bad_pid in abc 0 -3 12x 99999999999; do
	run "$TFCTL" list --pid "$bad_pid"
	expect_rc 2
	expect_err "tfctl: bad pid '$bad_pid': expected a positive number; \`tfctl ps\` lists instrumented processes"
done
run "$TFCTL" list
expect_rc 2
expect_err_has "missing --pid N"
run "$TFCTL" load --pid "$pid"
expect_rc 2
expect_one_error_line
run "$TFCTL" list --pid "$pid" --timeout soon
expect_rc 2
expect_one_error_line
run "$TFCTL" list --pid "$pid" --bogus
expect_rc 2
expect_err_has "unknown option '--bogus'"
run "$TFCTL" frobnicate
expect_rc 2
expect_err "tfctl: unknown command 'frobnicate'; \`tfctl --help\` lists the commands"
run "$TFCTL" --help
expect_rc 0
expect_out_has "tfctl load PATCH.so --pid N"
finish
