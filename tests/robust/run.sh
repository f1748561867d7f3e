#!/bin/bash
# Robustness end-to-end cases: targets built with tfcc run, patches built
# with tfcc --patch-for are loaded with tfctl, and every line the target
# printed is checked afterwards (beat.c: "beat scale tick aux ms").
# Usage: run.sh CASE   (env TF_BIN, TF_INC; helpers from tests/patch/lib.sh)
. "$(dirname "$0")/../patch/lib.sh"
set -u

# patch NAME TARGET SED [FILE]: $tmp/NAME.so from FILE (beat.c) edited by
# SED, built by tfcc --patch-for=TARGET under the target's file name
patch() {
	local name=$1 target=$2 expr=$3 file=${4:-beat.c}
	mkdir -p "$tmp/$name"
	sed "$expr" "$src/$file" >"$tmp/$name/$file"
	cmp -s "$src/$file" "$tmp/$name/$file" && { echo "FAIL: $name: sed changed nothing"; exit 1; }
	(cd "$tmp/$name" && "$B/tfcc" --patch-for="$target" gcc -O2 -o "$tmp/$name.so" "$file") \
		>"$tmp/$name.out" 2>&1 || { echo "FAIL: cannot build $name.so: $(cat "$tmp/$name.out")"; exit 1; }
}
V1='s/return x; }/return x + 1000; }/; s/return ++n;/n += 1; return n;/'
V2='s/return x; }/return x + 2000; }/; s/return ++n;/n = n + 1; return n;/'
# a static function and a static variable of aux.c, declared as the
# target's (docs/patches.md, "State and functions of other files")
OTHER='s|^static int scale(int x) { return x; }|extern int aux_total;\nint aux_secret(int k);\nstatic int scale(int x) { return aux_secret(x) * 100000 - aux_total; }|'
# a static function of aux.c that gcc inlined into every caller
TWICE='s|^static int scale(int x) { return x; }|int aux_twice(int k);\nstatic int scale(int x) { return aux_twice(x); }|'

build_beat() {
	cp "$src/beat.c" "$src/aux.c" "$tmp/"
	(cd "$tmp" && "$B/tfcc" gcc -O2 -g -o "${1:-beat}" beat.c aux.c) ||
		{ echo "FAIL: tfcc could not build beat"; exit 1; }
}

# scale_is FILE V: wait (deadline 10 s) until FILE's last line has scale
# V ("other": 800000 - aux)
scale_is() {
	local deadline=$((SECONDS + 10)) l
	while :; do
		l=$(tail -n 2 "$1" | head -n 1)
		echo "$l" | awk -v v="$2" '$2 == (v == "other" ? 800000 - $4 : v) { ok = 1 } END { exit !ok }' &&
			return 0
		[ $SECONDS -lt $deadline ] || { bad "$1: scale is not $2: $l"; return 1; }
		sleep 0.005
	done
}
# more FILE: wait until FILE has 20 more lines (the target still runs)
more() {
	local n=$(wc -l <"$1") deadline=$((SECONDS + 10))
	until [ "$(wc -l <"$1")" -ge $((n + 20)) ]; do
		[ $SECONDS -lt $deadline ] || { bad "$1 stopped growing at $n lines"; return 1; }
		sleep 0.005
	done
}
# lines FILE: the complete lines so far
lines() { head -n "$(($(wc -l <"$1") - 1))" "$1"; }
# steady FILE: beat, tick and aux each count up by 1 on every line (no
# static was reset or skipped), no gap between lines over 3 s, and every
# scale is one of ALLOWED (a space-separated list, or "other")
steady() {
	local f=$1 allowed=$2 msg
	msg=$(lines "$f" | awk -v ok=" $allowed " '
		NR > 1 && ($1 != b + 1 || $3 != t + 1 || $4 != a + 1) { print "line " NR ": " $0 " after " b " . " t " " a; exit }
		NR > 1 && $5 - ms > 3000 { print "stalled " $5 - ms " ms before line " NR; exit }
		!index(ok, " " $2 " ") && !(index(ok, " other ") && $2 == 800000 - $4) { print "line " NR ": scale " $2; exit }
		{ b = $1; t = $3; a = $4; ms = $5 }')
	[ -z "$msg" ] || bad "$f: $msg"
	[ "$(wc -l <"$f")" -gt 20 ] || bad "$f: too few lines"
}
load() {
	run "$B/tfctl" load "$1" --pid "$2"
	expect_rc 0
	id=$(printf '%s\n' "$out" | sed -n 's/^loaded patch \([0-9]*\) .*/\1/p')
}
unload() { run "$B/tfctl" unload "$1" --pid "$2"; expect_rc 0; }
patches() {
	run "$B/tfctl" list --pid "$1"
	case "$2" in
	none) [ "$out" = "no patches in $1" ] || bad "$1 has patches: $out" ;;
	*) printf '%s\n' "$out" | grep -q "^$2 .*$3" || bad "$1 lacks patch $2 $3: $out" ;;
	esac
}

# fork: the child serves its own socket; patches reach one process only
case_fork() {
	build_beat
	patch v1 "$tmp/beat" "$V1"
	start "$tmp/beat" fork "$tmp/child"
	local deadline=$((SECONDS + 10)) child=""
	until [ -n "$child" ] && "$B/tfctl" list --pid "$child" >/dev/null 2>&1; do
		child=$(pgrep -P "$pid")
		[ $SECONDS -lt $deadline ] || { bad "no child with a control socket"; finish; }
		sleep 0.01
	done
	pids="$pids $child"
	load "$tmp/v1.so" "$child"
	expect_out_has "loaded patch 1 into $child: replaced scale, tick"
	scale_is "$tmp/child" 1001
	more "$tmp/log"
	scale_is "$tmp/log" 1
	patches "$pid" none
	patches "$child" 1 v1.so
	load "$tmp/v1.so" "$pid"
	expect_out_has "loaded patch 1 into $pid: replaced scale, tick"
	scale_is "$tmp/log" 1001
	unload 1 "$child"
	scale_is "$tmp/child" 1
	more "$tmp/log"
	scale_is "$tmp/log" 1001
	patches "$child" none
	steady "$tmp/log" "1 1001"
	steady "$tmp/child" "1 1001"
}

# host_patched: wait (deadline 10 s) until host's log shows the patched
# calc (values above 1000000)
host_patched() {
	local deadline=$((SECONDS + 10))
	until [ "$(tail -n 2 "$tmp/log" | head -n 1)" -gt 1000000 ]; do
		[ $SECONDS -lt $deadline ] || { bad "the patch never ran: $(tail -n 2 "$tmp/log")"; return; }
		sleep 0.005
	done
}

# dlopen: a tfcc-built library loaded with dlopen, patched by a real
# tfcc --patch-for=libfoo.so build; calc's static count carries over
case_dlopen() {
	cp "$src/libfoo.c" "$src/host.c" "$tmp/"
	(cd "$tmp" && "$B/tfcc" gcc -O2 -shared -fPIC -o libfoo.so libfoo.c &&
	 "$B/tfcc" gcc -O2 -o host host.c -ldl) || { echo "FAIL: cannot build host, libfoo.so"; exit 1; }
	readelf -d "$tmp/host" | grep -q libfoo && bad "host is linked with libfoo.so"
	patch fix "$tmp/libfoo.so" 's/return x + ++calls;/return x + 1000000 + ++calls;/' libfoo.c
	start "$tmp/host" "$tmp/libfoo.so"
	load "$tmp/fix.so" "$pid"
	expect_out_has "loaded patch 1 into $pid: replaced calc"
	run "$B/tfctl" list --pid "$pid" --sites calc
	expect_out_has "libfoo.c"
	expect_out_has "patch 1"
	host_patched
	unload 1 "$pid"
	local deadline=$((SECONDS + 10))
	until [ "$(tail -n 2 "$tmp/log" | head -n 1)" -lt 1000000 ]; do
		[ $SECONDS -lt $deadline ] || { bad "not restored: $(tail -n 2 "$tmp/log")"; break; }
		sleep 0.005
	done
	# one count throughout: original, patched and original again
	msg=$(lines "$tmp/log" | awk 'NR > 1 && $1 % 1000000 != p + 1 { print "line " NR ": " $1 " after " p; exit } { p = $1 % 1000000 }')
	[ -z "$msg" ] || bad "calls was not carried over: $msg"
	grep -q '^100' "$tmp/log" || bad "no patched line"
}

# v1 -> v2 -> unload, with the static local of tick() counting on;
# v1 built for FOR1, v2 for FOR2 (the target or its unstripped copy)
flow() {
	local t=$1 for1=$2 for2=$3
	patch v1 "$for1" "$V1"
	patch v2 "$for2" "$V2"
	start "$t"
	scale_is "$tmp/log" 1
	load "$tmp/v1.so" "$pid"; a=$id
	expect_out_has "replaced scale, tick"
	scale_is "$tmp/log" 1001
	load "$tmp/v2.so" "$pid"; b=$id
	scale_is "$tmp/log" 2001
	unload "$b" "$pid"
	scale_is "$tmp/log" 1001
	unload "$a" "$pid"
	scale_is "$tmp/log" 1
	more "$tmp/log"
	steady "$tmp/log" "1 1001 2001"
}
case_statics() {
	build_beat
	flow "$tmp/beat" "$tmp/beat" "$tmp/beat"
}
case_stripped() {
	build_beat beat.full
	cp "$tmp/beat.full" "$tmp/beat" && strip "$tmp/beat"
	nm "$tmp/beat" 2>&1 | grep -q "no symbols" || bad "beat is not stripped"
	[ "$(buildid "$tmp/beat")" = "$(buildid "$tmp/beat.full")" ] || bad "strip changed the build-id"
	# the site records: kept by strip, in a section that is not loaded
	readelf -SW "$tmp/beat" | grep -Eq ' tf_records +PROGBITS +0+ ' ||
		bad "no unloaded tf_records section in the stripped beat: $(readelf -SW "$tmp/beat" | grep tf_)"
	run "$B/tfctl" sites "$tmp/beat" scale
	expect_rc 0
	expect_out_has "beat.c:"
	expect_out_has "1 of "
	objcopy -R tf_records "$tmp/beat" "$tmp/beat.norec"
	run "$B/tfctl" sites "$tmp/beat.norec"
	expect_rc 1
	expect_one_error_line
	expect_err_has "beat.norec was built with tfcc, but its site records (the section tf_records) were removed; use the file as tfcc built it"
	mkdir -p "$tmp/norec" && cp "$src/beat.c" "$tmp/norec/"
	(cd "$tmp/norec" && "$B/tfcc" --patch-for="$tmp/beat.norec" gcc -O2 -o fix.so beat.c) >"$tmp/norec.out" 2>&1 &&
		bad "a patch was built for a target without its site records"
	grep -q "cannot build a patch for $tmp/beat.norec: .*its site records (the section tf_records) were removed" "$tmp/norec.out" ||
		bad "tfcc --patch-for: $(cat "$tmp/norec.out")"
	flow "$tmp/beat" "$tmp/beat.full" "$tmp/beat"
	# state of another file, through the unstripped copy
	patch other "$tmp/beat.full" "$OTHER"
	load "$tmp/other.so" "$pid"
	scale_is "$tmp/log" other
	more "$tmp/log"
	steady "$tmp/log" "1 1001 2001 other"
}

# other file: a patch of beat.c calls aux.c's static aux_secret() and
# reads its static aux_total (scale = 8 * 100000 - aux_total)
case_otherfile() {
	build_beat
	patch other "$tmp/beat" "$OTHER"
	for imp in 'tf.imp.func..aux_secret' 'tf.imp.object..aux_total'; do
		readelf -W --dyn-syms "$tmp/other.so" | grep -qF " UND $imp" || bad "$imp is not an import"
	done
	start "$tmp/beat"
	# no out-of-line copy of aux_twice() to call: refused, nothing changed
	patch twice "$tmp/beat" "$TWICE"
	run "$B/tfctl" load "$tmp/twice.so" --pid "$pid"
	expect_rc 1
	expect_err_has "calls aux_twice() of $tmp/beat, which was inlined into every caller"
	expect_err_has "copy its definition into the patch source; nothing was changed"
	patches "$pid" none
	load "$tmp/other.so" "$pid"
	expect_out_has "replaced scale"
	scale_is "$tmp/log" other
	more "$tmp/log"
	unload "$id" "$pid"
	scale_is "$tmp/log" 1
	steady "$tmp/log" "1 other"
}

# garbage: random bytes, half lines, a 10 MB line, 200 silent clients,
# wrong JSON for every op; the target's heartbeat never stalls
case_garbage() {
	build_beat
	patch v1 "$tmp/beat" "$V1"
	start "$tmp/beat"
	more "$tmp/log"
	python3 "$src/abuse.py" "$pid" "$B/tfctl" >"$tmp/abuse" 2>&1 ||
		bad "abuse.py: $(tail -5 "$tmp/abuse")"
	alive
	scale_is "$tmp/log" 1
	patches "$pid" none
	load "$tmp/v1.so" "$pid"
	scale_is "$tmp/log" 1001
	more "$tmp/log"
	steady "$tmp/log" "1 1001"
}

# another user: tfctl as nobody against root's target is refused, and the
# target logs one line about it
case_otheruser() {
	[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
	build_beat
	TF_LOG="$tmp/tf.log" start "$tmp/beat"
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$B/tfctl" list --pid "$pid"
	expect_rc 1
	expect_one_error_line
	expect_err_has "process $pid closed the connection without answering: its runtime accepts only its own user or root"
	local deadline=$((SECONDS + 10))
	until grep -q "refused pid [0-9]* uid 65534" "$tmp/tf.log"; do
		[ $SECONDS -lt $deadline ] || { bad "no refusal logged: $(cat "$tmp/tf.log")"; break; }
		sleep 0.01
	done
	[ "$(grep -c 'refused' "$tmp/tf.log")" = 1 ] || bad "not one refusal line: $(cat "$tmp/tf.log")"
	more "$tmp/log"
	patches "$pid" none
	steady "$tmp/log" 1
}

# refused: one error line, status 1, the target unchanged
refused() {
	run "$B/tfctl" "$@"
	expect_rc 1
	expect_one_error_line
}
case_errors() {
	build_beat
	mkdir "$tmp/other"
	cp "$src/beat.c" "$src/aux.c" "$tmp/other/"
	(cd "$tmp/other" && "$B/tfcc" gcc -O2 -DOTHER -o beat beat.c aux.c) || bad "cannot build other/beat"
	patch wrong "$tmp/other/beat" "$V1"
	patch sig "$tmp/beat" 's/static int scale(int x) { return x; }/static long scale(long x) { return x + 1000; }/'
	start "$tmp/beat"
	sleep 30 & local plain=$!
	pids="$pids $plain"
	true & local gone=$!
	wait $gone
	refused load "$tmp/wrong.so" --pid "$pid"
	expect_err_has "wrong.so was built for build-id $(buildid "$tmp/other/beat")"
	expect_err_has "rebuild the patch with --patch-for=$tmp/beat; nothing was changed"
	refused load "$tmp/sig.so" --pid "$pid"
	expect_err_has "scale() changed signature (patch: long (long), running: int (int)); rebuild the patch against the running source; nothing was changed"
	refused load "$tmp/sig.so" --pid "$gone"
	expect_err_has "no process $gone: it has exited or the pid is wrong"
	refused load "$tmp/sig.so" --pid "$plain"
	expect_err_has "process $plain has no tigerfix runtime (no control socket): it was not built with tfcc"
	refused list --pid "$plain"
	more "$tmp/log"
	patches "$pid" none
	steady "$tmp/log" 1
}

# static: a program linked -static (libc.a) links as quietly as with gcc
# (the runtime names dlopen nowhere: glibc warns about it there, an error
# under --fatal-warnings), runs, answers tfctl, and refuses a patch with
# the reason: it has no dynamic loader
case_static() {
	cp "$src/beat.c" "$src/aux.c" "$tmp/"
	(cd "$tmp" && "$B/tfcc" gcc -O2 -static -Wl,--fatal-warnings -o beat beat.c aux.c) \
		>"$tmp/static.out" 2>&1 || { echo "FAIL: cannot link beat -static: $(cat "$tmp/static.out")"; exit 1; }
	[ -s "$tmp/static.out" ] && bad "a -static link printed: $(cat "$tmp/static.out")"
	patch v1 "$tmp/beat" "$V1"
	start "$tmp/beat"
	refused load "$tmp/v1.so" --pid "$pid"
	expect_err_has "this program was linked -static and has no dynamic loader; rebuild it without -static to patch it; nothing was changed"
	patches "$pid" none
	more "$tmp/log"
	steady "$tmp/log" 1
}

# gone: a static local of a function gcc never emitted (called only
# under a debug level compiled out) has no storage in the target; a patch
# that binds to it is refused with the reason, and the target runs on
case_gone() {
	cat >"$tmp/dbg.c" <<'C'
#include <stdio.h>
#include <unistd.h>
#define DEBUGLEVEL 0
static int ticks(void) { static int n; return ++n; }
static int step(int x) { if (DEBUGLEVEL > 5) return ticks(); return x + 1; }
int main(void)
{
	int v = 0;
	for (;;) {
		v = step(v);
		printf("%d\n", v);
		fflush(stdout);
		usleep(2000);
	}
}
C
	(cd "$tmp" && "$B/tfcc" gcc -O2 -o dbg dbg.c) || { echo "FAIL: cannot build dbg"; exit 1; }
	mkdir "$tmp/p"
	sed 's/return ++n;/return n += 2;/' "$tmp/dbg.c" >"$tmp/p/dbg.c"
	(cd "$tmp/p" && "$B/tfcc" --patch-for="$tmp/dbg" gcc -O2 -o "$tmp/gone.so" dbg.c) >"$tmp/gone.out" 2>&1 ||
		{ echo "FAIL: cannot build gone.so: $(cat "$tmp/gone.out")"; exit 1; }
	start "$tmp/dbg"
	refused load "$tmp/gone.so" --pid "$pid"
	expect_err_has "import object dbg.c:ticks/n has no storage in $tmp/dbg: the compiler never emitted its function there (unused or dead code), so the running program has none to bind to; mark it TF_NEW in the patch to give the patch its own; nothing was changed"
	patches "$pid" none
	more "$tmp/log"
}

# replaced: the site records are read from the file when first asked for
# (trap.h), not kept in memory.  An executable renamed over on disk still
# answers (/proc/self/exe); so does a library, through
# /proc/self/map_files, where the process may open that
# (CAP_CHECKPOINT_RESTORE); without it the patch is refused with the
# reason, and nothing changes
case_replaced() {
	build_beat
	cp "$tmp/beat" "$tmp/beat.old"
	patch v1 "$tmp/beat.old" "$V1"
	start "$tmp/beat"
	(cd "$tmp" && sed "$V2" beat.c >beat2.c && "$B/tfcc" gcc -O2 -o beat.new beat2.c aux.c) ||
		bad "cannot rebuild beat"
	mv "$tmp/beat.new" "$tmp/beat"
	load "$tmp/v1.so" "$pid"
	expect_out_has "replaced scale, tick"
	scale_is "$tmp/log" 1001
	more "$tmp/log"
	steady "$tmp/log" "1 1001"
	kill "$pid"

	cp "$src/libfoo.c" "$src/host.c" "$tmp/"
	(cd "$tmp" && "$B/tfcc" gcc -O2 -shared -fPIC -o libfoo.so libfoo.c &&
	 "$B/tfcc" gcc -O2 -o host host.c -ldl) || { echo "FAIL: cannot build host, libfoo.so"; exit 1; }
	cp "$tmp/libfoo.so" "$tmp/libfoo.old"
	patch fix "$tmp/libfoo.old" 's/return x + ++calls;/return x + 1000000 + ++calls;/' libfoo.c
	sed 's/return x + ++calls;/return x + 7 + ++calls;/' "$src/libfoo.c" >"$tmp/libfoo2.c"
	local lib nocap=""
	lib=$(realpath "$tmp")/libfoo.so
	[ "$(id -u)" = 0 ] && nocap="setpriv --bounding-set=-sys_admin,-checkpoint_restore --inh-caps=-all"
	start $nocap "$tmp/host" "$lib"
	(cd "$tmp" && "$B/tfcc" gcc -O2 -shared -fPIC -o libfoo.new libfoo2.c) || bad "cannot rebuild libfoo.so"
	mv "$tmp/libfoo.new" "$lib"
	run "$B/tfctl" load "$tmp/fix.so" --pid "$pid"
	expect_rc 1
	expect_one_error_line
	expect_err_has "the site records of $lib are not readable: its records there do not match this process's (the file was replaced or rebuilt since it was loaded)"
	expect_err_has "nothing was changed"
	patches "$pid" none
	awk '$1 > 1000000 { f = 1 } END { exit !f }' "$tmp/log" && bad "the refused patch ran"
	kill "$pid"
	[ "$(id -u)" = 0 ] || return 0
	# root, with its capabilities: the old file, through map_files
	cp "$tmp/libfoo.old" "$lib"
	start "$tmp/host" "$lib"
	(cd "$tmp" && "$B/tfcc" gcc -O2 -shared -fPIC -o libfoo.new libfoo2.c) || bad "cannot rebuild libfoo.so"
	mv "$tmp/libfoo.new" "$lib"
	load "$tmp/fix.so" "$pid"
	expect_out_has "replaced calc"
	host_patched
}

"case_${1:?usage: run.sh CASE}"
finish
