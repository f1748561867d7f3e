#!/usr/bin/env bash
# The README's demo: build a service with tfcc, start it, fix a bug in the
# running process (v1), add a feature (v2), revert v2, revert v1.  The
# service never restarts and its state (order count, total) carries over.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
tfcc=$build/bin/tfcc tfctl=$build/bin/tfctl
work=$(mktemp -d /tmp/tigerfix-demo.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

# Wait (up to 10 s) until the log has at least $1 lines; print lines past $2.
shown=0
show_until() {
	local want=$1 deadline=$((SECONDS + 10))
	while [ "$(wc -l < "$work/out.log")" -lt "$want" ]; do
		[ $SECONDS -lt $deadline ] || { echo "demo: the service stopped printing" >&2; exit 1; }
		kill -0 "$pid" 2>/dev/null || { echo "demo: the service died" >&2; exit 1; }
		sleep 0.05
	done
	sed -n "$((shown + 1)),${want}p" "$work/out.log" | sed 's/^/    /'
	shown=$want
}
lines() { wc -l < "$work/out.log"; }
# Load a patch, show tfctl's answer, remember the patch id in $id.
load() {
	printf '$ tfctl load %s --pid %s\n' "$(basename "$1")" "$pid"
	local out; out=$("$tfctl" load "$1" --pid "$pid")
	echo "$out"
	id=$(sed -n 's/^loaded patch \([0-9]*\).*/\1/p' <<<"$out")
}

say "build the service with tfcc, as a user would: CC=\"tfcc gcc\""
cp "$here/live/server.c" "$work/server.c"
(cd "$work" && run "$tfcc" gcc -O2 -g -o server server.c)
run "$tfctl" sites "$work/server"

say "start it"
"$work/server" > "$work/out.log" &
pid=$!
echo "service pid $pid"
show_until 3

say "v1: fix the tax rate (20% -> 8%) in a copy of the source, build a patch, load it"
mkdir -p "$work/v1" && cp "$work/server.c" "$work/v1/"
(cd "$work/v1" && patch -s -p1 < "$here/live/fix_v1.diff")
(cd "$work/v1" && run "$tfcc" --patch-for="$work/server" gcc -O2 -g -o ../fix_v1.so server.c)
load "$work/fix_v1.so"; v1=$id
n=$(lines); show_until $((n + 3))

say "v2: on top of v1, a 50% discount on every tenth order"
mkdir -p "$work/v2" && cp "$work/v1/server.c" "$work/v2/"
(cd "$work/v2" && patch -s -p1 < "$here/live/fix_v2.diff")
(cd "$work/v2" && run "$tfcc" --patch-for="$work/server" gcc -O2 -g -o ../fix_v2.so server.c)
load "$work/fix_v2.so"; v2=$id
n=$(lines); show_until $((n + 10))
run "$tfctl" list --pid "$pid" --sites '*'

say "revert v2: v1 is live again"
run "$tfctl" unload "$v2" --pid "$pid"
n=$(lines); show_until $((n + 3))

say "revert v1: the original is live again, state kept"
run "$tfctl" unload "$v1" --pid "$pid"
n=$(lines); show_until $((n + 3))
run "$tfctl" list --pid "$pid"
echo
echo "demo: done; the service ran as pid $pid the whole time"
