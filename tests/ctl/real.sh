#!/bin/bash
# tfctl against the real runtime in prog.c, built with tfcc (or prebuilt
# from handmade.c, prog.c instrumented by hand): sites from the file, ps
# finds it, list/--sites, refusals, a peer of another user, and a patch
# built with tfcc --patch-for loaded and unloaded while it runs.
# Usage: real.sh TFCC | real.sh --exe=PROG
. "$(dirname "$0")/lib.sh"
src=$(cd "$(dirname "$0")" && pwd)

case "$1" in
--exe=*) cp "${1#--exe=}" "$tmp/prog"; tfcc= ;;
*) tfcc=$1
   cp "$src/prog.c" "$tmp/prog.c"
   (cd "$tmp" && "$tfcc" gcc -O2 -g -o prog prog.c) ||
	{ echo "FAIL: tfcc could not build prog.c"; exit 1; } ;;
esac

run "$TFCTL" sites "$tmp/prog"
expect_rc 0
printf '%s\n' "$out" | grep -Eq '^prog\.c:6 +add +int \(int, int\) +\[static\]$' || bad "no site line for add"
printf '%s\n' "$out" | grep -Eq '^prog\.c:11 +calc +int \(int, int\)' || bad "no site line for calc"
printf '%s\n' "$out" | grep -Eq '^prog\.c:16 +main ' || bad "no site line for main"
expect_out_has "3 functions in 1 unit, build-id "

# wait (deadline 10 s) until the last line prog printed is $1
wait_line() {
	local deadline=$((SECONDS + 10))
	until [ "$(tail -n 1 "$tmp/prog.out")" = "$1" ]; do
		[ $SECONDS -lt $deadline ] && kill -0 "$pid" 2>/dev/null ||
			{ bad "prog never printed $1: $(tail -3 "$tmp/prog.out")"; finish; }
		sleep 0.01
	done
}

"$tmp/prog" >"$tmp/prog.out" &
pid=$!
pids="$pids $pid"
wait_line 5

# ps lists it (its control server may take a moment to start)
deadline=$((SECONDS + 10))
until "$TFCTL" ps | grep -Eq "^$pid +$tmp/prog +3 +0\$"; do
	[ $SECONDS -lt $deadline ] || { run "$TFCTL" ps; bad "ps does not list $pid"; break; }
	sleep 0.02
done

run "$TFCTL" list --pid "$pid"
expect_rc 0
expect_out "no patches in $pid"
run "$TFCTL" list --pid "$pid" --sites 'prog.c:[ac]*'
expect_rc 0
# built by tfcc, add() is inlined into calc() with no copy left (replace
# only); the hand-made prog keeps it
if [ -n "$tfcc" ]; then
	printf '%s\n' "$out" | grep -Eq '^add +prog\.c:6 +original +\(replace only: no out-of-line copy\)$' ||
		bad "add not live as original, replace only: $out"
else
	printf '%s\n' "$out" | grep -Eq '^add +prog\.c:6 +original$' || bad "add not live as original"
fi
printf '%s\n' "$out" | grep -Eq '^calc +prog\.c:11 +original$' || bad "calc not live as original"
expect_out_has "2 functions of $pid match 'prog.c:[ac]*'"

run "$TFCTL" unload 9 --pid "$pid"
expect_rc 1
expect_one_error_line
expect_err_has "tfctl: cannot unload patch 9 from $pid: "

# --json answers are protocol objects
run "$TFCTL" list --pid "$pid" --json --sites main
expect_rc 0
expect_out_has '"ok": true'
expect_out_has '"name": "main"'
expect_out_has "\"pid\": $pid"
# with several pids, each answer says whose it is
run "$TFCTL" list --pid "$pid,$pid" --json
expect_rc 0
[ "$(printf '%s\n' "$out" | grep -c "\"pid\": $pid")" = 2 ] ||
	bad "list --pid $pid,$pid --json: not two answers naming $pid: $out"

# a file that is no patch: refused, one line, nothing changed
run "$TFCTL" load "$src/prog.c" --pid "$pid"
expect_rc 1
expect_one_error_line
expect_err_has "tfctl: cannot load $src/prog.c into $pid: "
run "$TFCTL" list --pid "$pid"
expect_out "no patches in $pid"

# another user is refused by the runtime (needs root and setpriv)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	cp "$TFCTL" "$tmp/tfctl" && chmod 755 "$tmp" "$tmp/tfctl"
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/tfctl" list --pid "$pid"
	expect_rc 1
	expect_err "tfctl: process $pid closed the connection without answering: its runtime accepts only its own user or root; run tfctl as that user"
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/tfctl" ps --timeout 2000
	expect_rc 0
	printf '%s\n' "$out" | grep -Eq "^$pid +.* +- +- +refused" || bad "ps as another user does not show $pid refused"
fi

# a patch: add() returns a + b + 100
mkdir "$tmp/fix" && cp "$src/prog_fix.c" "$tmp/fix/prog.c"
if [ -z "$tfcc" ]; then
	echo "SKIP: patch load (no tfcc in --exe mode)"
elif (cd "$tmp/fix" && "$tfcc" --patch-for="$tmp/prog" gcc -O2 -g -o ../fix.so prog.c) 2>"$tmp/fix.err"; then
	run "$TFCTL" load "$tmp/fix.so" --pid "$pid"
	expect_rc 0
	expect_out_has "into $pid: replaced add; unchanged: "
	id=$(sed -n 's/^loaded patch \([0-9]*\) .*/\1/p' <<<"$out")
	wait_line 105
	run "$TFCTL" list --pid "$pid" --sites add
	expect_out_has "$tmp/fix.so  add"
	printf '%s\n' "$out" | grep -Eq "^add +prog\\.c:6 +patch $id( +\\(replace only: no out-of-line copy\\))?\$" || bad "add not live as patch $id"
	run "$TFCTL" unload "$id" --pid "$pid"
	expect_rc 0
	expect_out "unloaded patch $id from $pid: restored add"
	wait_line 5
else
	echo "SKIP: tfcc --patch-for failed: $(head -1 "$tmp/fix.err")"
fi
finish
