#!/bin/bash
# tfcc with ccache, both ways (docs/tfcc.md, "ccache"):
#   CC="ccache tfcc gcc" with compiler_check=%compiler% --identity gcc
#   CC="tfcc ccache gcc" (tfcc gives the rewritten source a stable path)
# Each builds twice with make -j2 and must hit the second time with
# instrumented objects; changed sources, flags, headers, rewriter and
# TF_DISABLE must miss.  Usage: ccache-test.sh TFCC REWRITER.
# Exit 77 (ctest: skipped) when ccache is not installed.
set -u
TFCC=$(readlink -f "$1")
REWRITE=$(readlink -f "$2")
if ! command -v ccache >/dev/null || ! ccache --print-stats >/dev/null 2>&1; then
	echo "SKIP: ccache 4.x is not installed (apt-get install ccache)"
	exit 77
fi
W=$(mktemp -d "${TMPDIR:-/tmp}/ccache-test.XXXXXX")
trap 'rm -rf "$W"' EXIT
export TMPDIR=$W/tmp            # tfcc's temp dirs land here: must stay empty
mkdir -p "$TMPDIR"
unset TF_DISABLE TF_KEEP TF_VERBOSE TF_EXPLAIN TF_SKIP_FILES TF_SKIP_FUNCS TF_CC TF_PLAIN_INLINE TF_INLINE_RAISE
for v in $(env | grep -o '^CCACHE_[A-Z_]*'); do unset "$v"; done
export TF_SERVER=0              # no background rewrite server left behind
export TF_REWRITE=$REWRITE
export CCACHE_DIR=$W/cache CCACHE_CONFIGPATH=$W/ccache.conf  # no user/system config
touch "$W/ccache.conf"
. "$(dirname "$0")/lib.sh"
# instrumented OBJ: the rewriter's code (site table, records) is in it
instrumented() {
	nm "$1" 2>/dev/null | grep -q 'tf__S_' &&
		objdump -h "$1" 2>/dev/null | grep -q ' tf_records '
}
not_instrumented() { ! nm "$1" 2>/dev/null | grep -q 'tf__S_'; }
# hits / misses since the last `ccache -z`
stat_of() { ccache --print-stats | awk -v k="$1" '$1 == k { print $2 }'; }
hits() { echo $(( $(stat_of direct_cache_hit) + $(stat_of preprocessed_cache_hit) )); }
misses() { stat_of cache_miss; }
tmp_empty() { [ -z "$(ls -A "$TMPDIR")" ]; }

mkdir -p "$W/p/src"
cd "$W/p" || exit 1
cat > src/foo.c <<'EOF'
#include "bar.h"
#include <stdio.h>
static int sq(int x) { return x * x; }
int twice(int);
int main(void) { printf("%d %s\n", twice(sq(BAR)), __FILE__); return 0; }
EOF
echo '#define BAR 3' > src/bar.h
printf 'int twice(int x) { return 2 * x; }\n' > src/two.c
cat > Makefile <<'EOF'
CFLAGS = -O2 -g
all: foo.o two.o
%.o: src/%.c
	$(CC) $(CFLAGS) -MMD -c $< -o $@
EOF
# build LABEL HITS MISSES [make args]: a clean make -j2, then the counts
build() {
	local label=$1 h=$2 m=$3 n=$fails; shift 3
	rm -f ./*.o ./*.d
	ccache -z >/dev/null
	if ! make -s -j2 "$@" >"$W/out" 2>&1; then
		bad "$label: make failed: $(head -c 300 "$W/out")"
		return
	fi
	[ "$(hits)" = "$h" ] || bad "$label: $(hits) cache hits, expected $h"
	[ "$(misses)" = "$m" ] || bad "$label: $(misses) cache misses, expected $m"
	tmp_empty || bad "$label: files left in TMPDIR: $(ls "$TMPDIR")"
	[ -s "$W/out" ] && bad "$label: not silent: $(head -c 300 "$W/out")"
	[ $n = $fails ] && ok
	echo "$label: $(hits) hits, $(misses) misses"
}
both_instrumented() {
	check "$1: foo.o instrumented" instrumented foo.o
	check "$1: two.o instrumented" instrumented two.o
}

# keep the objects of a build as the reference; same_as_ref: these are
# byte for byte the same
keep_ref() { cp foo.o "$W/ref-foo.o"; cp two.o "$W/ref-two.o"; cp foo.d "$W/ref-foo.d"; }
same_as_ref() {
	check "$1: foo.o as $2" cmp foo.o "$W/ref-foo.o"
	check "$1: two.o as $2" cmp two.o "$W/ref-two.o"
	check "$1: foo.d as $2" cmp foo.d "$W/ref-foo.d"
}

# ---- form 1: ccache in front of tfcc ----
# the settings docs/tfcc.md asks for: tfcc's identity, and the depend mode
# (no preprocessed-mode hits: tf-rewrite reads the source, not cpp output)
export CCACHE_COMPILERCHECK="%compiler% --identity gcc"
export CCACHE_COMPILERTYPE=gcc CCACHE_DEPEND=1
F1=(CC="ccache $TFCC gcc")
build "ccache tfcc: first build" 0 2 "${F1[@]}"
both_instrumented "ccache tfcc: first build"
keep_ref
build "ccache tfcc: second build" 2 0 "${F1[@]}"
both_instrumented "ccache tfcc: second build"
# (not as plain tfcc's: ccache adds -fdiagnostics-color, which tf-rewrite
# hashes into the site table's name with the other flags)
same_as_ref "ccache tfcc: hit" "the first build's"
echo '/* changed */' >> src/foo.c
build "ccache tfcc: changed source" 1 1 "${F1[@]}"
check "ccache tfcc: changed source instrumented" instrumented foo.o
build "ccache tfcc: changed flag" 0 2 "${F1[@]}" CFLAGS="-O1 -g"
echo '#define BAR 4' > src/bar.h
build "ccache tfcc: changed header" 1 1 "${F1[@]}"
TF_DISABLE=1 build "ccache tfcc: TF_DISABLE=1" 0 2 "${F1[@]}"
check "ccache tfcc: TF_DISABLE=1 gives plain objects" not_instrumented foo.o
build "ccache tfcc: TF_DISABLE unset again" 2 0 "${F1[@]}"
both_instrumented "ccache tfcc: TF_DISABLE unset again"
# a rebuilt rewriter (a copy with a new mtime) must miss
mkdir -p "$W/rw"; cp "$REWRITE" "$W/rw/tf-rewrite"
TF_REWRITE=$W/rw/tf-rewrite build "ccache tfcc: other rewriter" 0 2 "${F1[@]}"
TF_REWRITE=$W/rw/tf-rewrite build "ccache tfcc: other rewriter again" 2 0 "${F1[@]}"
touch -d '2001-01-01' "$W/rw/tf-rewrite"
TF_REWRITE=$W/rw/tf-rewrite build "ccache tfcc: rewriter rebuilt" 0 2 "${F1[@]}"
"$TFCC" --identity gcc >"$W/id1"; "$TFCC" --identity gcc >"$W/id2"
check "--identity: stable" cmp "$W/id1" "$W/id2"
check "--identity: names tf-rewrite and gcc" sh -c "grep -q '^rewriter ' '$W/id1' && grep -q '^compiler-exe /' '$W/id1'"
TF_DISABLE=1 "$TFCC" --identity gcc >"$W/id3"
check "--identity: TF_DISABLE changes it" sh -c "! cmp -s '$W/id1' '$W/id3'"
# sources with one preprocessed text, instrumented differently (a body made
# by a macro is skipped): the second must not get the first's object
mkdir -p "$W/m1" "$W/m2"
printf '#define BODY { return 1; }\nint f(void) BODY\n' >"$W/m1/m.c"
printf '\nint f(void) { return 1; }\n' >"$W/m2/m.c"
(cd "$W/m1" && gcc -E m.c) >"$W/m1.i"; (cd "$W/m2" && gcc -E m.c) >"$W/m2.i"
check "one preprocessed text (the premise)" cmp "$W/m1.i" "$W/m2.i"
(cd "$W/m1" && ccache "$TFCC" gcc -O2 -MMD -c m.c -o m.o)
(cd "$W/m2" && ccache "$TFCC" gcc -O2 -MMD -c m.c -o m.o)
check "macro body: skipped" not_instrumented "$W/m1/m.o"
check "one preprocessed text: the second compiled on its own" instrumented "$W/m2/m.o"
unset CCACHE_COMPILERCHECK CCACHE_COMPILERTYPE CCACHE_DEPEND

# ---- form 2: ccache after tfcc (a launcher) ----
rm -rf "$CCACHE_DIR"
# plain tfcc, the reference
rm -f ./*.o ./*.d
make -s CC="$TFCC gcc" >/dev/null 2>&1
keep_ref
check "plain tfcc: instrumented" instrumented "$W/ref-foo.o"
F2=(CC="$TFCC ccache gcc")
build "tfcc ccache: first build" 0 2 "${F2[@]}"
both_instrumented "tfcc ccache: first build"
build "tfcc ccache: second build" 2 0 "${F2[@]}"
both_instrumented "tfcc ccache: second build"
same_as_ref "tfcc ccache: hit" "with plain tfcc"
check "tfcc ccache: .d names the source" grep -q '^foo.o: src/foo.c src/bar.h' foo.d
check "tfcc ccache: debug info names the source" sh -c "readelf --debug-dump=info foo.o | grep -q 'DW_AT_name.*: src/foo.c\$'"
check "tfcc ccache: no temp path in the object" sh -c "! grep -q '$TMPDIR' foo.o"
echo '/* changed again */' >> src/foo.c
build "tfcc ccache: changed source" 1 1 "${F2[@]}"
check "tfcc ccache: changed source instrumented" instrumented foo.o
build "tfcc ccache: changed flag" 0 2 "${F2[@]}" CFLAGS="-O1 -g"
TF_DISABLE=1 build "tfcc ccache: TF_DISABLE=1" 0 2 "${F2[@]}"
check "tfcc ccache: TF_DISABLE=1 gives plain objects" not_instrumented foo.o
build "tfcc ccache: TF_DISABLE unset again" 2 0 "${F2[@]}"

# the same compile already running (its temp dir locked): a private temp
# dir instead, a miss, still instrumented
cmd=("$TFCC" ccache gcc -O2 -g -c src/two.c -o two.o)
TF_KEEP=1 "${cmd[@]}" 2>"$W/kept"
kept=$(sed -n 's/^tfcc: kept temporary files in //p' "$W/kept")
check "tfcc ccache: stable temp dir under TMPDIR" test -d "$kept"
ccache -z >/dev/null
flock "$kept" "${cmd[@]}"
check "locked temp dir: still instrumented" instrumented two.o
check "locked temp dir: a miss" test "$(misses)" = 1
check "locked temp dir: the other call's dir untouched" test -f "$kept/0/two.c"
# ... and one left behind (TF_KEEP here, a killed tfcc in life) is reused
ccache -z >/dev/null
"${cmd[@]}"
check "left temp dir: reused, a hit" test "$(hits)" = 1
check "left temp dir: removed" tmp_empty

# SIGTERM during the rewrite removes the stable temp dir
cat > "$W/slow-rewrite" <<EOF
#!/bin/sh
echo \$\$ > "$W/slow.pid"
exec sleep 600
EOF
chmod +x "$W/slow-rewrite"
(TF_REWRITE=$W/slow-rewrite exec "${cmd[@]}") 2>/dev/null &
tfpid=$!
deadline=$((SECONDS + 20))
while [ ! -s "$W/slow.pid" ] && [ $SECONDS -lt $deadline ]; do :; done
kill -TERM $tfpid; wait $tfpid 2>/dev/null
kill "$(cat "$W/slow.pid")" 2>/dev/null
check "tfcc ccache: SIGTERM removes the temp dir" tmp_empty

echo "ccache-test: $((checks - fails))/$checks checks passed"
[ $fails -eq 0 ]
