#!/usr/bin/env bash
# tfcc --patch-for tests: run.sh CASE with TF_BIN (build bin dir).  Builds
# src/main.c + src/util.c into a target with tfcc, patches from modified
# copies of main.c, and checks the .so with readelf/nm/objcopy.
set -u
B=${TF_BIN:?set TF_BIN to the build bin directory}
src=$(cd "$(dirname "$0")/src" && pwd)
. "$(dirname "$0")/../lib/check.sh"
check_init tfpbuild

target() {
	cp "$src"/main.c "$src"/util.c "$src"/util.h "$tmp/"
	(cd "$tmp" && "$B/tfcc" gcc -O2 -g -o target main.c util.c) ||
		{ echo "FAIL: tfcc could not build the target"; exit 1; }
}

# patch SRC [tfcc options...]: builds $tmp/fix.so from SRC (in src/, or
# an absolute path) copied as p/main.c; sets rc/out/err
patch() {
	local s=$1
	shift
	rm -rf "$tmp/p" "$tmp/fix.so"
	mkdir -p "$tmp/p"
	case $s in
	/*) cp "$s" "$tmp/p/main.c" ;;
	*) cp "$src/$s" "$tmp/p/main.c" ;;
	esac
	cp "$src/util.h" "$tmp/p/"
	cd "$tmp/p" && run "$B/tfcc" --patch-for=../target "$@" gcc -O2 -g \
		-o ../fix.so main.c
	cd - >/dev/null
}

# dynsym LINE pattern of the patch ("WEAK   DEFAULT  UND name")
dynsym() { readelf -W --dyn-syms "$tmp/fix.so" | awk -v n="$1" '$8 == n'; }
expect_import() {
	local l
	l=$(dynsym "$1")
	has "$l" "WEAK" && has "$l" " UND " || bad "$1 is not a weak undefined symbol of the patch: '$l'"
	readelf -W -r "$tmp/fix.so" | grep -q "$2 .* $1 " ||
		bad "no $2 relocation against $1"
}
not_defined() {
	nm "$tmp/fix.so" | grep -qE "^[0-9a-f]+ [a-zA-Z] $1\$" &&
		bad "the patch still defines $1"
	true
}
defined() {
	nm "$tmp/fix.so" | grep -qE "^[0-9a-f]+ [$2] $1\$" ||
		bad "the patch does not define $1 ($2)"
}
manifest() { objcopy -O binary --only-section=tf_manifest "$tmp/fix.so" "$tmp/m" && tr -d '\0' <"$tmp/m"; }

case ${1:?case} in
imports)	# bound statics and the target's other symbols become imports
	target
	patch fix_main.c
	[ "$rc" = 0 ] || { bad "patch build failed: $err"; exit 1; }
	expect_import 'tf.imp.object.main$2ec.hits' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.total' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.tentative' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.ring' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.count$2fn' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.count$2fn$232' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.count$2fpick' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.other$2fn' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.other$2flo' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.other$2fhi' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.object.main$2ec.other$2fanon' R_X86_64_GLOB_DAT
	expect_import 'tf.imp.func..helper' R_X86_64_JUMP_SLOT
	expect_import 'tf.imp.object..shared_count' R_X86_64_GLOB_DAT
	for v in hits total tentative ring n lo hi anon; do not_defined "$v"; done
	;;
keep)		# const tables and TF_NEW state stay the patch's own
	target
	patch fix_main.c
	[ "$rc" = 0 ] || { bad "patch build failed: $err"; exit 1; }
	defined table rR
	defined fresh dD
	dynsym 'tf.imp.object.main$2ec.table' | grep -q . && bad "table was imported"
	dynsym 'tf.imp.object.main$2ec.fresh' | grep -q . && bad "fresh was imported"
	;;
libc)		# library functions stay ordinary references
	target
	patch fix_main.c
	[ "$rc" = 0 ] || { bad "patch build failed: $err"; exit 1; }
	readelf -W --dyn-syms "$tmp/fix.so" | grep -q ' UND puts@' ||
		bad "puts is not an undefined reference"
	readelf -W --dyn-syms "$tmp/fix.so" | grep -q 'tf\.imp\.func\.\.\(puts\|printf\)' &&
		bad "a libc function became an import"
	has "$(dynsym tf__register_units)" " UND " || bad "tf__register_units is defined: libtf linked in"
	readelf -d "$tmp/fix.so" | grep -q 'libtf' && bad "the patch needs libtf"
	readelf -d "$tmp/fix.so" | grep -q 'BIND_NOW\|FLAGS.*NOW' || bad "not linked with -z now"
	true
	;;
manifest)	# the manifest names the target (build-id, path) and the imports
	target
	patch fix_main.c
	[ "$rc" = 0 ] || { bad "patch build failed: $err"; exit 1; }
	m=$(manifest)
	bid=$(readelf -n "$tmp/target" | awk '/Build ID/ { print $3 }')
	printf '%s' "$m" >"$tmp/m.json"
	abi=$(sed -n 's/^#define TF_ABI_VERSION //p' "$src/../../../include/tigerfix/trap.h")
	python3 - "$bid" "$(cd "$tmp" && pwd -P)/target" "$tmp/m.json" "$abi" <<'PY' || bad "manifest: $m"
import json, sys
m = json.load(open(sys.argv[3]))
assert m["abi"] == int(sys.argv[4]), m
assert m["target_build_id"] == sys.argv[1], m
assert m["target"] == sys.argv[2], m
assert m["sources"] == ["main.c"], m
assert "tf.imp.func..helper" in m["imports"], m
assert "tf.imp.object.main$2ec.hits" in m["imports"], m
assert all(i.startswith("tf.imp.") for i in m["imports"]), m
assert m["built_at"].endswith("Z"), m
PY
	;;
ctor)		# a constructor of the patch does not run when it is mapped
	target
	patch fix_main.c
	[ "$rc" = 0 ] || { bad "patch build failed: $err"; exit 1; }
	gcc -o "$tmp/dl" "$src/dl.c" -ldl || bad "cannot build dl.c"
	run "$tmp/dl" "$tmp/fix.so"
	[ "$rc" = 0 ] && [ "$out" = mapped ] ||
		bad "mapping the patch ran its code or failed: $out $err"
	;;
target-file)	# fix.c built for the target's main.c
	target
	mkdir -p "$tmp/q" && cp "$src/fix_main.c" "$tmp/q/fix.c" && cp "$src/util.h" "$tmp/q/"
	cd "$tmp/q" && run "$B/tfcc" --patch-for=../target --target-file=main.c \
		gcc -O2 -o ../fix.so fix.c
	cd - >/dev/null
	[ "$rc" = 0 ] || { bad "patch build failed: $err"; exit 1; }
	expect_import 'tf.imp.object.main$2ec.hits' R_X86_64_GLOB_DAT
	objcopy -O binary --only-section=tf_info "$tmp/fix.so" "$tmp/info"
	# the unit record (trap.h: tf.unit, abi, file, ...) names the file
	tr '\0' '\n' < "$tmp/info" | grep -A2 -x 'tf.unit' | grep -qx 'main.c' ||
		bad "records do not name main.c"
	grep -aq 'file=fix.c' "$tmp/info" && bad "records name fix.c"
	true
	;;
wrong-file)	# fix.c with state, for a target that has no fix.c: refused
	target
	mkdir -p "$tmp/q" && cp "$src/fix_main.c" "$tmp/q/fix.c" && cp "$src/util.h" "$tmp/q/"
	cd "$tmp/q" && run "$B/tfcc" --patch-for=../target gcc -O2 -o ../fix.so fix.c
	cd - >/dev/null
	[ "$rc" != 0 ] && has "$err" "--target-file=main.c" ||
		bad "state of a file the target lacks was accepted: $rc $err"
	;;
sites)		# tfctl reads a patch's sites like any tfcc-built file
	target
	patch fix_main.c
	run "$B/tfctl" sites "$tmp/fix.so"
	[ "$rc" = 0 ] && has "$out" count && has "$out" other ||
		bad "tfctl sites on the patch: $rc $out $err"
	;;
compile-error)	# gcc's own diagnostics, a non-zero exit, no patch
	target
	patch bad_main.c
	[ "$rc" != 0 ] || bad "a patch that does not compile was built"
	has "$err" "main.c:" && has "$err" "error:" || bad "no gcc diagnostic: $err"
	[ -e "$tmp/fix.so" ] && bad "fix.so was written"
	true
	;;
refuse)		# what cannot be bound exactly fails the build, one line
	target
	patch mixed_main.c
	[ "$rc" != 0 ] || bad "a declaration mixing bound and const objects was built"
	has "$err" "declare it separately" || bad "unclear refusal: $err"
	# a static local whose initializer sits in an #if (bison's
	# yyloc_default): its label could go in, its initializer not out
	sed 's/^\tstatic int n = 0;$/\tstatic int n\n#if 1\n\t\t= 0\n#endif\n\t\t;/' \
		"$src/fix_main.c" >"$tmp/directive_main.c"
	grep -q '^#if 1$' "$tmp/directive_main.c" || bad "sed made no directive"
	patch "$tmp/directive_main.c"
	[ "$rc" != 0 ] || bad "a static local split by a directive was bound"
	has "$err" "cannot bind 'n' to the running program: a preprocessor directive splits its declaration; move the directive out of it in the patch or mark it TF_NEW" ||
		bad "unclear refusal: $err"
	;;
not-tfcc)	# a target built without tfcc, or no target at all
	cp "$src"/main.c "$src"/util.c "$src"/util.h "$tmp/"
	(cd "$tmp" && gcc -O2 -o target main.c util.c)
	patch fix_main.c
	[ "$rc" != 0 ] || bad "a patch for a plain gcc build was built"
	has "$err" "has no tigerfix sites: build it with CC=\"tfcc gcc\"" ||
		bad "unclear error: $err"
	[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || bad "not one line: $err"
	rm -f "$tmp/target"
	patch fix_main.c
	[ "$rc" != 0 ] && has "$err" "tfcc: error: cannot build a patch for ../target" ||
		bad "missing target: $rc $err"
	;;
*)
	echo "run.sh: unknown case $1"
	exit 2
	;;
esac
[ "$fails" = 0 ] && { echo PASS; exit 0; }
exit 1
