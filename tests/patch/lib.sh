# Helpers for the patch loader tests: build targets with tfcc and patches
# by hand (the shape tfcc --patch-for gives them), start targets, run
# tfctl, poll a target's output with a deadline (never a fixed sleep).

B=${TF_BIN:?set TF_BIN to the build bin directory}
INC=${TF_INC:?set TF_INC to the include directory}
src=$(cd "$(dirname "$0")" && pwd)
. "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"
check_init tfpatch-test

buildid() { readelf -n "$1" | awk '/Build ID/ { print $3 }'; }
# the trap ABI the runtime expects in a patch manifest (trap.h)
ABI=$(sed -n 's/^#define TF_ABI_VERSION //p' "$INC/tigerfix/trap.h")

# build_target SRC OUT [tfcc args...]: SRC is compiled under its own name
build_target() {
	local s=$1 o=$2
	shift 2
	cp "$src/$s" "$tmp/$s"
	(cd "$tmp" && "$B/tfcc" gcc -O2 -g "$@" -o "$o" "$s") ||
		{ echo "FAIL: tfcc could not build $s"; exit 1; }
}

# mkpatch SRC NAME TARGET OUT [BUILDID]: patch OUT from SRC recorded as
# file NAME, for TARGET (its build-id, unless BUILDID is given)
mkpatch() {
	local s=$1 name=$2 target=$3 o=$4 bid=${5:-$(buildid "$3")} imps
	"$B/tf-rewrite" --name "$name" -o "$tmp/$o.rw.c" "$src/$s" -- -O2 ||
		{ echo "FAIL: tf-rewrite $s"; exit 1; }
	imps=$(grep -o 'tf\.imp\.[A-Za-z0-9_.$]*' "$src/$s" | sort -u |
	       sed 's/.*/"&"/' | paste -sd, -)
	printf '{"abi":%s,"target_build_id":"%s","target":"%s","sources":["%s"],"imports":[%s]}\n' \
		"$ABI" "$bid" "$target" "$name" "$imps" >"$tmp/$o.json"
	gcc -O2 -fPIC -I"$INC" -c -o "$tmp/$o.o" "$tmp/$o.rw.c" &&
	objcopy --add-section tf_manifest="$tmp/$o.json" \
		--set-section-flags tf_manifest=alloc,readonly "$tmp/$o.o" &&
	gcc -shared -Wl,-z,now -Wl,-z,norelro -o "$tmp/$o" "$tmp/$o.o" ||
		{ echo "FAIL: cannot build patch $o"; exit 1; }
}

# start PROG ARGS...: run it in the background, output in $tmp/log;
# waits (deadline 10 s) for its control socket; sets $pid
start() {
	local deadline=$((SECONDS + 10))
	"$@" >"$tmp/log" 2>&1 &
	pid=$!
	pids="$pids $pid"
	until "$B/tfctl" list --pid "$pid" >/dev/null 2>&1; do
		[ $SECONDS -lt $deadline ] && kill -0 "$pid" 2>/dev/null ||
			{ echo "FAIL: $1 did not start: $(tail -3 "$tmp/log")"; exit 1; }
		sleep 0.01
	done
}

# last complete line the target printed
last_line() { tail -n 2 "$tmp/log" | head -n 1; }

# wait_for CMD...: poll (deadline 10 s) until CMD succeeds on the target's
# last line ($line); fails the test otherwise
wait_for() {
	local deadline=$((SECONDS + 10))
	while :; do
		line=$(last_line)
		"$@" && return 0
		if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2>/dev/null; then
			bad "waited in vain for '$*' (last line: $line)"
			return 1
		fi
		sleep 0.005
	done
}

alive() { kill -0 "$pid" 2>/dev/null || bad "the target died: $(tail -3 "$tmp/log")"; }
