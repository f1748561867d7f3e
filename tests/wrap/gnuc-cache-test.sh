#!/bin/bash
# tfcc's cache of `CC -dumpfullversion` (docs/tfcc.md, wrap/gccver.c):
# one entry per compiler executable, keyed on its identity, never a
# reason for a compile to fail or print anything.
# Usage: gnuc-cache-test.sh TFCC REWRITER (REWRITER: stub-rewrite.sh,
# whose log shows the --gnuc-version tfcc passed).  Prints one line per
# failed check; exit 1 if any.
set -u
TFCC=$(readlink -f "$1")
export TF_REWRITE=$(readlink -f "$2")
W=$(mktemp -d "${TMPDIR:-/tmp}/gnuc-cache-test.XXXXXX")
export TMPDIR=$W/tmp
mkdir -p "$TMPDIR"
trap 'chmod -R u+w "$W" 2>/dev/null; rm -rf "$W"' EXIT
unset TF_DISABLE TF_KEEP TF_VERBOSE TF_EXPLAIN TF_SKIP_FILES TF_SKIP_FUNCS \
	TF_CC TF_NO_CACHE
export HOME=$W/home             # never the real ~/.cache
mkdir -p "$HOME"
umask 022
. "$(dirname "$0")/lib.sh"

GCC=$(command -v gcc)
VER=$(gcc -dumpfullversion)
MACH=$(gcc -dumpmachine)
ENTRY=$(printf '%s\n%s' "$VER" "$MACH")    # what an entry holds
mkdir -p "$W/src"
printf 'int tiny(int x) { return x + 1; }\n' > "$W/src/tiny.c"

# cc LABEL [env(1) ARGS: -u VAR, VAR=VALUE...]: "tfcc gcc -c tiny.c" in $W/src; checks that it
# succeeds, prints nothing and is instrumented; the rewriter's arguments
# land in $W/stub.log, stderr in $W/err.
cc() {
	local label=$1; shift
	rm -f "$W/src/tiny.o" "$W/stub.log"
	(cd "$W/src" && env "$@" TF_STUB_LOG="$W/stub.log" "$TFCC" gcc -c tiny.c \
		>"$W/out" 2>"$W/err"; echo $? >"$W/rc")
	check "$label: exit 0" test "$(cat "$W/rc")" = 0
	check "$label: nothing on stdout or stderr" test ! -s "$W/out" -a ! -s "$W/err"
	check "$label: instrumented" sh -c "nm '$W/src/tiny.o' | grep -q tf_stub_marker"
}
# passed V: the rewriter was given --gnuc-version V
passed() { grep -q -- "--gnuc-version $1 " "$W/stub.log"; }
entries() { ls "$1" 2>/dev/null | grep -c '^gnuc-[0-9a-f]\{16\}$'; }

# ---- first compile: one entry holding gcc's version ----
C=$W/xdg
mkdir -p "$C"
export XDG_CACHE_HOME=$C
cc "first compile"
check "first compile: exactly one gnuc-* entry" test "$(entries "$C/tigerfix")" = 1
check "first compile: nothing else in the cache dir" test "$(ls -A "$C/tigerfix" | wc -l)" = 1
E1=$(ls "$C/tigerfix" | head -1)
check "first compile: entry holds gcc -dumpfullversion and -dumpmachine" \
	test "$(cat "$C/tigerfix/$E1")" = "$ENTRY"
check "first compile: entry mode 0644" test "$(stat -c %a "$C/tigerfix/$E1")" = 644
check "first compile: rewriter given the version" passed "$VER"

# ---- second compile: the entry is used, gcc is not asked again ----
cc "cache hit" TF_VERBOSE=
(cd "$W/src" && TF_VERBOSE=1 "$TFCC" gcc -c tiny.c 2>"$W/verb")
check "cache hit: no -dumpfullversion or -dumpmachine run" sh -c "! grep -q '^tfcc: + .*-dump\(fullversion\|machine\)' '$W/verb'"
check "cache hit: says where it came from" grep -q "cached in $C/tigerfix/$E1" "$W/verb"
check "cache hit: still one entry" test "$(entries "$C/tigerfix")" = 1

# ---- another compiler (a wrapper script earlier in PATH): its own entry ----
mkdir -p "$W/fake"
printf '#!/bin/sh\n[ "$1" = -dumpfullversion ] && { echo 99.8.7; exit 0; }\nexec "%s" "$@"\n' \
	"$GCC" > "$W/fake/gcc"
chmod +x "$W/fake/gcc"
cc "other compiler" PATH="$W/fake:$PATH"
check "other compiler: a new entry" test "$(entries "$C/tigerfix")" = 2
E2=$(ls "$C/tigerfix" | grep -v "^$E1\$" | head -1)
check "other compiler: new entry holds its version" test "$(cat "$C/tigerfix/$E2" 2>/dev/null)" = "$(printf '99.8.7\n%s' "$MACH")"
check "other compiler: rewriter given its version" passed 99.8.7
check "other compiler: first entry untouched" test "$(cat "$C/tigerfix/$E1")" = "$ENTRY"

# ---- the same compiler file changed (mtime): yet another entry ----
touch -d '2001-02-03 04:05:06.789' "$W/fake/gcc"
cc "changed compiler" PATH="$W/fake:$PATH"
check "changed compiler: a new entry" test "$(entries "$C/tigerfix")" = 3

# ---- a bad entry is not believed, and is replaced ----
echo 'garbage; rm -rf /' > "$C/tigerfix/$E1"
cc "bad entry"
check "bad entry: rewriter given gcc's real version" passed "$VER"
check "bad entry: replaced" test "$(cat "$C/tigerfix/$E1")" = "$ENTRY"
printf '%s' "$VER" > "$C/tigerfix/$E1"          # no newline: truncated
cc "truncated entry"
check "truncated entry: replaced" test "$(cat "$C/tigerfix/$E1")" = "$ENTRY"
printf '%s\n' "$VER" > "$C/tigerfix/$E1"        # an older tfcc's: no target
cc "version-only entry"
check "version-only entry: replaced by version and target" test "$(cat "$C/tigerfix/$E1")" = "$ENTRY"
head -c 5000 /dev/zero | tr '\0' 1 > "$C/tigerfix/$E1"
cc "huge entry"
check "huge entry: rewriter given gcc's real version" passed "$VER"

# ---- parallel first compiles: one complete entry, no temp files ----
P=$W/par
mkdir -p "$P"
for i in 1 2 3 4 5 6 7 8; do
	mkdir -p "$W/p$i"; cp "$W/src/tiny.c" "$W/p$i/"
	(cd "$W/p$i" && XDG_CACHE_HOME=$P "$TFCC" gcc -c tiny.c >"$W/p$i/err" 2>&1; echo $? >"$W/p$i/rc") &
done
wait
for i in 1 2 3 4 5 6 7 8; do
	check "parallel $i: exit 0, silent" test "$(cat "$W/p$i/rc")" = 0 -a ! -s "$W/p$i/err"
done
check "parallel: exactly one entry and nothing else" test "$(ls -A "$P/tigerfix" | wc -l)" = 1 -a "$(entries "$P/tigerfix")" = 1
check "parallel: entry holds gcc's version and target" test "$(cat "$P/tigerfix"/gnuc-*)" = "$ENTRY"

# ---- no usable cache directory: compiles the same, silently ----
mkdir -p "$W/ro"; chmod 555 "$W/ro"      # (root writes there anyway)
cc "read-only XDG_CACHE_HOME" XDG_CACHE_HOME="$W/ro"
check "read-only XDG_CACHE_HOME: rewriter given the version" passed "$VER"
cc "XDG_CACHE_HOME in /proc" XDG_CACHE_HOME=/proc/self
check "XDG_CACHE_HOME in /proc: rewriter given the version" passed "$VER"
echo x > "$W/afile"
cc "XDG_CACHE_HOME a file" XDG_CACHE_HOME="$W/afile"
check "XDG_CACHE_HOME a file: rewriter given the version" passed "$VER"
mkdir -p "$W/t"; echo x > "$W/t/tigerfix"
cc "tigerfix a file" XDG_CACHE_HOME="$W/t"
mkdir -p "$W/d/tigerfix/gnuc-0000000000000000"; chmod 555 "$W/d/tigerfix"
cc "read-only tigerfix dir" XDG_CACHE_HOME="$W/d"
cc "HOME=/nonexistent" -u XDG_CACHE_HOME HOME=/nonexistent
check "HOME=/nonexistent: rewriter given the version" passed "$VER"
cc "HOME unset" -u XDG_CACHE_HOME -u HOME
check "HOME unset: rewriter given the version" passed "$VER"
cc "relative XDG_CACHE_HOME, no HOME" -u HOME XDG_CACHE_HOME=rel
check "relative XDG_CACHE_HOME: ignored" test ! -e "$W/src/rel"

# ---- $HOME/.cache/tigerfix when XDG_CACHE_HOME is unset (created) ----
cc "HOME cache" -u XDG_CACHE_HOME
check "HOME cache: one entry in ~/.cache/tigerfix" test "$(entries "$HOME/.cache/tigerfix")" = 1
check "HOME cache: directory mode 0755" test "$(stat -c %a "$HOME/.cache/tigerfix")" = 755

# ---- TF_NO_CACHE=1: nothing read or written ----
cc "TF_NO_CACHE" TF_NO_CACHE=1 XDG_CACHE_HOME="$W/nc"
check "TF_NO_CACHE: no cache directory" test ! -e "$W/nc"
check "TF_NO_CACHE: rewriter given the version" passed "$VER"

# ---- clang: no version, no entry ----
if command -v clang >/dev/null; then
	rm -f "$W/stub.log"
	(cd "$W/src" && TF_STUB_LOG="$W/stub.log" XDG_CACHE_HOME="$W/cl" \
		"$TFCC" clang -c tiny.c >/dev/null 2>&1)
	check "clang: no cache directory" test ! -e "$W/cl"
	check "clang: no --gnuc-version" sh -c "! grep -q gnuc-version '$W/stub.log'"
fi

check "no temp dirs left in TMPDIR" sh -c "[ -z \"\$(ls '$TMPDIR')\" ]"
echo "gnuc-cache-test: $((checks - fails))/$checks checks passed"
[ $fails -eq 0 ]
