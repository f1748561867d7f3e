#!/bin/bash
# tfcc's rewrite server (rewriter/serve.c, wrap/rwclient.c, docs/tfcc.md):
# started by a first compile, used by the next ones with their own
# directory, environment and stderr, the same output as without it,
# garbage and stale sockets survived, gone when idle; never a reason for a
# compile to fail.
# Usage: server-test.sh TFCC (tf-rewrite beside it).  Prints one line per
# failed check; exit 1 if any.
set -u
TFCC=$(readlink -f "$1")
W=$(mktemp -d "${TMPDIR:-/tmp}/server-test.XXXXXX")
trap 'pkill -f -- "--serve $W/" 2>/dev/null; chmod -R u+w "$W" 2>/dev/null; rm -rf "$W"' EXIT
unset TF_DISABLE TF_KEEP TF_VERBOSE TF_EXPLAIN TF_SKIP_FILES TF_SKIP_FUNCS \
	TF_CC TF_REWRITE TF_SERVER TF_SERVER_WORKERS
export XDG_RUNTIME_DIR=$W/rt TF_SERVER_IDLE=15
export TF_SERVER_WORKERS=1      # one worker: requests meet what the last one left
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
. "$(dirname "$0")/lib.sh"

mkdir -p "$W/src/sub" "$W/inc" "$W/out"
printf 'static int sq(int x) { return x * x; }\nint tiny(int x) { return sq(x) + 1; }\n' >"$W/src/tiny.c"
printf '#define FROM_CPATH 7\n' >"$W/inc/cpath.h"
printf '#include <cpath.h>\n#include "rel.h"\nint env(void) { return FROM_CPATH + REL; }\n' >"$W/src/env.c"
printf '#define REL 1\n' >"$W/src/sub/rel.h"

sock() { ls "$XDG_RUNTIME_DIR"/tigerfix/rw-* 2>/dev/null | grep -v '\.spawn$' | head -n 1; }
# wait_for COND...: poll COND until it holds (deadline 30 s: loaded CI)
wait_for() {
	local deadline=$((SECONDS + 30))
	until "$@"; do
		[ $SECONDS -lt $deadline ] || return 1
		sleep 0.02
	done
}
served() { [ -S "$(sock)" ]; }
gone() { [ -z "$(sock)" ] && ! pgrep -f -- "--serve $XDG_RUNTIME_DIR/" >/dev/null; }
# no server process (a killed one leaves its socket: gone would wait out
# its deadline)
no_server() { ! pgrep -f -- "--serve $XDG_RUNTIME_DIR/" >/dev/null; }
# instrumented OBJ: the object carries site records
instrumented() { readelf -SW "$1" | grep -q ' tf_records '; }

# 1. no server yet: the compile runs tf-rewrite itself and starts one
(cd "$W/src" && "$TFCC" gcc -O2 -c tiny.c -o "$W/out/a.o") 2>"$W/err"
check "first compile" instrumented "$W/out/a.o"
check "first compile: silent" test ! -s "$W/err"
check "a server starts" wait_for served
check "its directory is the user's, mode 700" sh -c "[ \"\$(stat -c %a '$XDG_RUNTIME_DIR/tigerfix')\" = 700 ]"

# 2. the next compile goes through it, with the same result
(cd "$W/src" && TF_VERBOSE=1 "$TFCC" gcc -O2 -c tiny.c -o "$W/out/b.o") 2>"$W/err"
check "second compile used the server" grep -q "rewrite server" "$W/err"
(cd "$W/src" && TF_SERVER=0 TF_VERBOSE=1 "$TFCC" gcc -O2 -c tiny.c -o "$W/out/c.o") 2>"$W/err0"
check "TF_SERVER=0: no server" sh -c "! grep -q 'rewrite server' '$W/err0'"
mv "$W/out/b.o" "$W/out/b.srv"   # the same output name: the same sites' uid
(cd "$W/src" && TF_SERVER=0 "$TFCC" gcc -O2 -c tiny.c -o "$W/out/b.o")
check "same object with and without the server" cmp "$W/out/b.o" "$W/out/b.srv"

# 3. the client's environment (CPATH), directory (-Isub) and stderr
(cd "$W/src" && CPATH=$W/inc TF_VERBOSE=1 "$TFCC" gcc -O2 -Isub -c env.c -o "$W/out/env.o") 2>"$W/err"
check "CPATH and a relative -I reach the rewrite" instrumented "$W/out/env.o"
check "... through the server" grep -q "rewrite server" "$W/err"
check "... and nothing falls back" sh -c "! grep -q 'not instrumented' '$W/err'"
(cd "$W/src" && TF_EXPLAIN=1 "$TFCC" gcc -O2 -c tiny.c -o "$W/out/e.o") 2>"$W/err"
check "--explain lines reach tfcc's stderr" grep -q "tiny.c:2: tiny: instrumented" "$W/err"

# 3b. workers answer one request after another: nothing of one request
# stays for the next (its environment, its stdout and stderr)
(cd "$W/src" && TF_EXPLAIN=1 "$TFCC" gcc -O2 -Isub -c env.c -o "$W/out/env2.o") 2>"$W/err"
check "the next request has no CPATH of the last" grep -q "env.c: not instrumented" "$W/err"
check "... and the server still serves" wait_for sh -c "cd '$W/src' && TF_VERBOSE=1 '$TFCC' gcc -O2 -c tiny.c -o '$W/out/t2.o' 2>&1 | grep -q 'rewrite server'"
check "a pipe on tfcc's stderr ends when tfcc does" timeout 10 sh -c "cd '$W/src' && { TF_VERBOSE=1 '$TFCC' gcc -O2 -c tiny.c -o '$W/out/t3.o'; echo done; } 2>&1 | cat >'$W/pipe'"
check "... after a served request" grep -q "rewrite server" "$W/pipe"
printf 'int broken(void) { return }\n' >"$W/src/broken.c"
(cd "$W/src" && "$TFCC" gcc -O2 -c broken.c -o "$W/out/broken.o") 2>/dev/null
check "after a failed request (its worker replaced): served" wait_for sh -c "cd '$W/src' && TF_VERBOSE=1 '$TFCC' gcc -O2 -c tiny.c -o '$W/out/t4.o' 2>&1 | grep -q 'rewrite server'"
# between requests a worker holds no client's directory (a mount point
# could not be unmounted under an idle server)
check "an idle worker is back in /, not in the client's directory" sh -c "w=\$(pgrep -P \"\$(pgrep -o -f -- '--serve $XDG_RUNTIME_DIR/')\" | head -n 1); [ -n \"\$w\" ] && [ \"\$(readlink /proc/\$w/cwd)\" = / ]"

# 4. garbage on the socket: the server lives on and serves the next
python3 - "$(sock)" <<'EOF'
import socket, sys
for junk in (b"", b"\xff" * 3, b"\x10\x00\x00\x00tfrw2\0nonsense", b"x" * 100000):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    try:
        s.sendall(junk)
    except OSError:
        pass
    s.close()
EOF
(cd "$W/src" && TF_VERBOSE=1 "$TFCC" gcc -O2 -c tiny.c -o "$W/out/g.o") 2>"$W/err"
check "after garbage: served" grep -q "rewrite server" "$W/err"
check "after garbage: instrumented" instrumented "$W/out/g.o"

# 5. idle: the server exits and removes its socket, even after a worker
# was killed inside a request (its busy flag must not outlive it)
python3 - "$(sock)" >"$W/held" <<'EOF' &
import socket, struct, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
socket.send_fds(s, [struct.pack("I", 100)], [1, 2])    # and no request
print("sent", flush=True)
time.sleep(60)
EOF
holder=$!
worker() { pgrep -P "$(pgrep -o -f -- "--serve $XDG_RUNTIME_DIR/")" | head -n 1; }
in_request() { w=$(worker); [ -n "$w" ] && [ "$(ls -l /proc/$w/fd 2>/dev/null | grep -c socket)" -ge 2 ]; }
check "a worker holds a request" wait_for in_request
kill -9 "$(worker)"
check "gone when idle" wait_for gone
kill $holder 2>/dev/null; wait $holder 2>/dev/null

# 6. a dead server's socket: the compile falls back, a new server replaces it
(cd "$W/src" && "$TFCC" gcc -O2 -c tiny.c -o "$W/out/h.o") 2>/dev/null
check "a server again" wait_for served
s=$(sock)
pkill -f -- "--serve $s"
check "killed" wait_for sh -c "! pgrep -f -- '[-]-serve $s' >/dev/null"
check "its socket is left behind" test -S "$s"
(cd "$W/src" && TF_VERBOSE=1 "$TFCC" gcc -O2 -c tiny.c -o "$W/out/i.o") 2>"$W/err"
check "stale socket: compile" instrumented "$W/out/i.o"
check "stale socket: not served" sh -c "! grep -q 'rewrite server' '$W/err'"
check "stale socket: no warning" sh -c "! grep -q 'warning' '$W/err'"
check "stale socket: replaced by a live server" wait_for pgrep -f -- "--serve $s"
check "... that serves" wait_for sh -c "cd '$W/src' && TF_VERBOSE=1 '$TFCC' gcc -O2 -c tiny.c -o '$W/out/k.o' 2>&1 | grep -q 'rewrite server'"
pkill -f -- "--serve $XDG_RUNTIME_DIR/"
wait_for no_server
rm -f "$XDG_RUNTIME_DIR"/tigerfix/*

# 7. a socket directory others may write to: no server, compiles still work
chmod 755 "$XDG_RUNTIME_DIR/tigerfix"
(cd "$W/src" && "$TFCC" gcc -O2 -c tiny.c -o "$W/out/l.o") 2>"$W/err"
check "unsafe directory: compile" instrumented "$W/out/l.o"
check "unsafe directory: silent" test ! -s "$W/err"
check "unsafe directory: no server started" sh -c "[ -z \"\$(ls '$XDG_RUNTIME_DIR/tigerfix')\" ]"

# 8. compiles in parallel: the server adds workers, up to TF_SERVER_WORKERS,
# and every compile is served, each with its own answer
chmod 700 "$XDG_RUNTIME_DIR/tigerfix"
(cd "$W/src" && TF_SERVER_WORKERS=3 "$TFCC" gcc -O2 -c tiny.c -o "$W/out/m.o") 2>/dev/null
check "a server for the parallel compiles" wait_for served
for i in 1 2 3 4 5 6; do
	printf 'static int sq(int x) { return x * x; }\nint tiny%d(int x) { return sq(x) + %d; }\n' $i $i >"$W/src/p$i.c"
done
for i in 1 2 3 4 5 6; do
	(cd "$W/src" && TF_VERBOSE=1 TF_EXPLAIN=1 "$TFCC" gcc -O2 -c p$i.c -o "$W/out/p$i.o") 2>"$W/perr$i" &
done
wait
for i in 1 2 3 4 5 6; do
	check "parallel compile $i: served" grep -q "rewrite server" "$W/perr$i"
	check "parallel compile $i: its own functions" grep -q "p$i.c:2: tiny$i: instrumented" "$W/perr$i"
	check "parallel compile $i: instrumented" instrumented "$W/out/p$i.o"
done
n=$(pgrep -f -- "--serve $XDG_RUNTIME_DIR/" | wc -l)
check "at most 3 workers and the server ($n processes)" test "$n" -ge 2 -a "$n" -le 4

# 9. a worker that has grown past TF_SERVER_WORKER_MB after a request is
# replaced; below it (512 MB by default) it serves the next one
pkill -f -- "--serve $XDG_RUNTIME_DIR/"
wait_for no_server
rm -f "$XDG_RUNTIME_DIR"/tigerfix/*
worker_pid() { pgrep -P "$(pgrep -o -f -- "--serve $XDG_RUNTIME_DIR/")" 2>/dev/null | head -n 1; }
has_worker() { [ -n "$(worker_pid)" ]; }
alive() { kill -0 "$1" 2>/dev/null; }
# the worker gone, the server still there (not gone idle)
replaced() { ! kill -0 "$1" 2>/dev/null && pgrep -f -- "--serve $XDG_RUNTIME_DIR/" >/dev/null; }
(cd "$W/src" && "$TFCC" gcc -O2 -c tiny.c -o "$W/out/r1.o") 2>/dev/null
wait_for has_worker
w=$(worker_pid)
(cd "$W/src" && "$TFCC" gcc -O2 -c tiny.c -o "$W/out/r2.o") 2>/dev/null
check "below the limit, the worker serves the next request too" alive "$w"
pkill -f -- "--serve $XDG_RUNTIME_DIR/"
wait_for no_server
rm -f "$XDG_RUNTIME_DIR"/tigerfix/*
(cd "$W/src" && TF_SERVER_WORKER_MB=1 "$TFCC" gcc -O2 -c tiny.c -o "$W/out/r3.o") 2>/dev/null
wait_for has_worker
w=$(worker_pid)
(cd "$W/src" && TF_VERBOSE=1 "$TFCC" gcc -O2 -c tiny.c -o "$W/out/r4.o") 2>"$W/err"
check "past TF_SERVER_WORKER_MB: served" grep -q "rewrite server" "$W/err"
check "past TF_SERVER_WORKER_MB: the worker is replaced" wait_for replaced "$w"
check "past TF_SERVER_WORKER_MB: a fresh worker" wait_for has_worker

echo "server-test: $((checks - fails))/$checks checks passed"
[ $fails -eq 0 ]
