#!/bin/bash
# Patch loader end-to-end cases: a target built with tfcc runs, patches
# built by hand in the shape of tfcc --patch-for are loaded into it with
# tfctl, and what it prints shows which version runs.
# Usage: run.sh CASE   (env TF_BIN, TF_INC)
. "$(dirname "$0")/lib.sh"

first() { set -- $line; echo "${1:-0}"; }
in_range() { local v; v=$(first); [ "$v" -ge "$1" ] 2>/dev/null && [ "$v" -lt "$2" ]; }
original() { in_range 1 100000; }
v1() { in_range 100000 200000; }
v2() { in_range 200000 300000; }

# live NAME WHAT: the sites listing shows NAME live as WHAT (a static gcc
# inlined everywhere is also marked replace only)
live() {
	run "$B/tfctl" list --pid "$pid" --sites "$1"
	printf '%s\n' "$out" | grep -Eq "^$1 +[^ ]+ +$2( +\(replace only: no out-of-line copy\))?\$" ||
		bad "$1 is not live as '$2': $out"
}
no_patches() {
	run "$B/tfctl" list --pid "$pid"
	[ "$out" = "no patches in $pid" ] || bad "patches remain: $out"
}

# load PATCH: must succeed; sets $id
load() {
	run "$B/tfctl" load "$tmp/$1" --pid "$pid"
	expect_rc 0
	id=$(printf '%s\n' "$out" | sed -n 's/^loaded patch \([0-9]*\) .*/\1/p')
}
unload() { run "$B/tfctl" unload "$1" --pid "$pid"; expect_rc 0; }
# refused PATCH TEXT: load fails with one line containing TEXT, and the
# target is unchanged
refused() {
	run "$B/tfctl" load "$1" --pid "$pid"
	expect_rc 1
	expect_one_error_line
	expect_err_has "$2"
	expect_err_has "nothing was changed"
	alive
}

case_replace() {
	build_target target.c target
	mkpatch fix_v1.c target.c "$tmp/target" v1.so
	start "$tmp/target"
	wait_for original
	live scale original
	n0=$(first)
	load v1.so
	expect_out_has "loaded patch 1 into $pid: replaced scale; unchanged: same, step, main"
	wait_for v1
	# the counter carried over: the patch continues the running count
	[ $(( $(first) - 100000 )) -gt "$n0" ] || bad "counter restarted: $n0 then $line"
	[ "$(set -- $line; echo $2)" = 2 ] || bad "same() broke: $line"
	live scale "patch 1"
	live same original
	live step original
	run "$B/tfctl" list --pid "$pid" --json
	expect_out_has '"path": "'"$tmp/v1.so"'"'
	expect_out_has '"scale"'
	unload 1
	expect_out_has "unloaded patch 1 from $pid: restored scale"
	wait_for original
	live scale original
	no_patches
}

case_stack() {
	build_target target.c target
	mkpatch fix_v1.c target.c "$tmp/target" v1.so
	mkpatch fix_v2.c target.c "$tmp/target" v2.so
	start "$tmp/target"
	wait_for original
	load v1.so; a=$id
	wait_for v1
	load v2.so; b=$id
	expect_out_has "loaded patch $b into $pid: replaced scale"
	wait_for v2
	live scale "patch $b"
	unload "$b"                     # v2 off: v1 again
	wait_for v1
	live scale "patch $a"
	load v2.so; c=$id
	wait_for v2
	unload "$a"                     # v1 off under v2: v2 stays
	live scale "patch $c"
	wait_for v2
	unload "$c"
	wait_for original
	live scale original
	# the same file twice: a second layer on top of the first
	load v1.so; a=$id
	load v1.so; b=$id
	[ "$a" != "$b" ] || bad "same file loaded twice got one id"
	live scale "patch $b"
	unload "$b"
	live scale "patch $a"
	wait_for v1
	unload "$a"
	wait_for original
	no_patches
	run "$B/tfctl" unload "$a" --pid "$pid"
	expect_rc 1
	expect_err_has "patch $a was already unloaded"
}

case_refuse() {
	build_target target.c target
	mkpatch fix_sig.c target.c "$tmp/target" sig.so
	mkpatch fix_noimp.c target.c "$tmp/target" noimp.so
	mkpatch fix_v1.c target.c "$tmp/target" other.so \
		0123456789abcdef0123456789abcdef01234567
	start "$tmp/target"
	wait_for original
	refused "$tmp/sig.so" "scale() changed signature (patch: long (long), running: int (int))"
	refused "$tmp/noimp.so" "import object target.c:nosuch not found in $tmp/target"
	refused "$tmp/other.so" "other.so was built for build-id 0123456789abcdef0123456789abcdef01234567 ($tmp/target), but process $pid runs $(buildid "$tmp/target") ($tmp/target); rebuild the patch with --patch-for="
	no_patches
	live scale original
	n0=$(first)
	wait_for eval '[ "$(first)" -gt "$n0" ]'
	wait_for original
}

case_garbage() {
	build_target target.c target
	start "$tmp/target"
	wait_for original
	head -c 4096 /dev/urandom >"$tmp/random.so"
	: >"$tmp/empty.so"
	echo "not a patch" >"$tmp/text.so"
	printf 'int f(void) { return 1; }\n' >"$tmp/plain.c"
	gcc -shared -fPIC -o "$tmp/plain.so" "$tmp/plain.c"
	mkpatch fix_v1.c target.c "$tmp/target" v1.so
	head -c 3000 "$tmp/v1.so" >"$tmp/cut.so"
	truncate -s 300M "$tmp/huge.so"
	mkdir "$tmp/dir.so"
	refused "$tmp/random.so" "random.so is not an ELF file"
	refused "$tmp/empty.so" "empty.so is not an ELF file"
	refused "$tmp/text.so" "text.so is not an ELF file"
	refused "$tmp/plain.so" "plain.so is not a tigerfix patch (no tf_manifest section)"
	refused "$tmp/target" "target is not a tigerfix patch"
	refused "$tmp/cut.so" "cut.so"
	refused "$tmp/huge.so" "huge.so is too large for a patch"
	refused "$tmp/dir.so" "dir.so is a directory"
	run "$B/tfctl" load "$tmp/nosuch.so" --pid "$pid"
	expect_rc 1
	expect_one_error_line
	expect_err_has "No such file or directory"
	# requests tfctl would not send: the runtime answers them itself
	if command -v python3 >/dev/null; then
		raw '{"op":"load","path":"'"$tmp"'/nosuch.so"}' '"ok":false'
		expect_out_has "cannot open $tmp/nosuch.so: No such file or directory"
		raw '{"op":"load","path":"/"}' "/ is a directory"
		raw '{"op":"load","path":7}' '"path\" must be the path of a patch'
		raw '{"op":"load"}' '"path\" must be the path of a patch'
		raw '{"op":"unload","id":"x"}' '"id\" must be a patch id'
		raw '{"op":"unload","id":-3}' '"id\" must be a patch id'
	fi
	# still serving, unchanged
	no_patches
	live scale original
	wait_for original
	load v1.so
	wait_for v1
}

# raw LINE TEXT: send one request line to the target; the answer has TEXT
raw() {
	run python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(10)
s.connect("\0tigerfix." + sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
a = b""
while not a.endswith(b"\n"):
    b = s.recv(65536)
    if not b: break
    a += b
sys.stdout.write(a.decode())' "$pid" "$1"
	expect_rc 0
	expect_out_has "$2"
}

case_lib() {
	cp "$src/calc.c" "$tmp/calc.c"
	(cd "$tmp" && "$B/tfcc" gcc -O2 -g -shared -fPIC -o libcalc.so calc.c) ||
		{ echo "FAIL: tfcc could not build libcalc.so"; exit 1; }
	build_target libhost.c libhost -ldl
	mkpatch calc_fix.c calc.c "$tmp/libcalc.so" calc_fix.so
	start "$tmp/libhost" "$tmp/libcalc.so"
	wait_for eval '[ "$line" = 8 ]'
	load calc_fix.so
	expect_out_has "loaded patch 1 into $pid: replaced calc"
	wait_for eval '[ "$line" = 7001 ]'
	live calc "patch $id"
	unload "$id"
	wait_for eval '[ "$line" = 8 ]'
}

case_threads() {
	build_target mt.c mt -pthread
	mkpatch mt_v1.c mt.c "$tmp/mt" v1.so
	mkpatch mt_v2.c mt.c "$tmp/mt" v2.so
	start "$tmp/mt"
	wait_for eval '[ "${line#calls=}" != "$line" ]'
	local i a b
	for i in $(seq 1 25); do
		load v1.so; a=$id
		load v2.so; b=$id
		if [ $((i % 2)) = 0 ]; then unload "$a"; unload "$b"
		else unload "$b"; unload "$a"; fi
	done
	no_patches
	# concurrent requests are serialized: all succeed, distinct ids
	local par=""
	for i in 1 2 3 4; do
		"$B/tfctl" load "$tmp/v$(( (i % 2) + 1 )).so" --pid "$pid" >"$tmp/par.$i" 2>&1 &
		par="$par $!"
	done
	wait $par
	ids=$(sed -n 's/^loaded patch \([0-9]*\) .*/\1/p' "$tmp"/par.* | sort -u)
	[ "$(printf '%s\n' $ids | wc -l)" = 4 ] || bad "parallel loads: $(cat "$tmp"/par.*)"
	for i in $ids; do unload "$i"; done
	no_patches
	c0=$(last_line | sed 's/calls=\([0-9]*\).*/\1/')
	wait_for eval '[ "$(printf %s "$line" | sed "s/calls=\([0-9]*\).*/\1/")" -gt "$c0" ]'
	case "$line" in *" bad=0") ;; *) bad "inconsistent results: $line" ;; esac
	alive
}

# a patch built by tfcc --patch-for itself (skipped, status 77, where
# this tfcc has no patch mode)
case_tfcc() {
	build_target target.c target
	mkdir "$tmp/fix"
	sed 's/static int scale(int x) { return x; }/static int scale(int x) { return x + 100000; }/' \
		"$src/target.c" >"$tmp/fix/target.c"
	(cd "$tmp/fix" && "$B/tfcc" --patch-for="$tmp/target" gcc -O2 -o "$tmp/fix.so" target.c) \
		>"$tmp/tfcc.out" 2>&1 ||
		{ echo "SKIP: tfcc --patch-for failed: $(head -3 "$tmp/tfcc.out")"; exit 77; }
	start "$tmp/target"
	wait_for original
	n0=$(first)
	load fix.so
	expect_out_has "loaded patch 1 into $pid: replaced scale; unchanged: same, step, main"
	wait_for v1
	[ $(( $(first) - 100000 )) -gt "$n0" ] || bad "counter restarted: $n0 then $line"
	live scale "patch 1"
	unload 1
	wait_for original
}

# a template .c file included twice: tfcc --patch-for of the fixed
# template replaces each inclusion's function
case_template() {
	cp "$src/tmpl_impl.c" "$tmp/"
	build_target tmpl_target.c tmpl
	mkdir "$tmp/fix"
	cp "$src/tmpl_target.c" "$tmp/fix/"
	sed 's/return m;/return m + 100000;/' "$src/tmpl_impl.c" >"$tmp/fix/tmpl_impl.c"
	(cd "$tmp/fix" && "$B/tfcc" --patch-for="$tmp/tmpl" gcc -O2 -o "$tmp/fix.so" tmpl_target.c) \
		>"$tmp/tfcc.out" 2>&1 || bad "tfcc --patch-for failed: $(head -3 "$tmp/tfcc.out")"
	start "$tmp/tmpl"
	wait_for original
	[ "$(set -- $line; echo $2)" = 7 ] || bad "pick_long before the patch: $line"
	load fix.so
	expect_out_has "loaded patch 1 into $pid: replaced pick_int, pick_long; unchanged: main"
	wait_for v1
	[ "$(set -- $line; echo $2)" = 100007 ] || bad "pick_long after the patch: $line"
	live pick_int "patch 1"
	live pick_long "patch 1"
	unload 1
	wait_for original
}

# the benchmark (tests/patch/latency.c) runs and reports
case_latency() {
	build_target latency.c latency -pthread
	mkpatch latency_fix.c latency.c "$tmp/latency" fix.so
	run "$tmp/latency" "$tmp/fix.so" 100
	expect_rc 0
	expect_out_has "loads=100 median_us="
	echo "$out"
}

"case_${1:?usage: run.sh CASE}"
finish
