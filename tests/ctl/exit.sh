#!/bin/bash
# The control thread at exit: a program built with tfcc, checked by
# valgrind --leak-check=full (json-c's test suite runs every test so),
# reports nothing of the runtime, whether it returns from main with the
# server idle or calls exit() with a tfctl client connected; and it exits
# at once either way.
# Usage: exit.sh TFCC   (needs valgrind; skipped, status 77, without it)
. "$(dirname "$0")/lib.sh"
tfcc=$1
command -v valgrind >/dev/null || { echo "SKIP: no valgrind"; exit 77; }

cat >"$tmp/prog.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int twice(int x) { return 2 * x; }
int main(void)
{
	char line[64];
	printf("ready %d\n", twice(21));
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 3;
	if (!strcmp(line, "exit\n"))
		exit(0);
	return 0;
}
C
(cd "$tmp" && "$tfcc" gcc -O2 -g -o prog prog.c) ||
	{ echo "FAIL: tfcc could not build prog.c"; exit 1; }

# hold_client PID NAME: a peer of PID's control server that says hello and
# stays connected (until the test ends); waits (until $deadline) for the
# answer.  Not holding fd 7, the program's stdin fifo.
hold_client() {
	python3 - "$1" 7>&- >"$tmp/client.$2" 2>&1 <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect("\0tigerfix." + sys.argv[1])
s.sendall(b'{"op":"hello"}\n')
print("answered" if b'"ok":true' in s.recv(4096) else "refused", flush=True)
time.sleep(600)
PY
	pids="$pids $!"
	until grep -q answered "$tmp/client.$2"; do
		[ $SECONDS -lt $deadline ] ||
			{ bad "$2: the client got no answer: $(cat "$tmp/client.$2")"; return; }
		sleep 0.02
	done
}

# one run: $1 what main is told at the end ("return" or "exit"), $2 "client"
# to hold a tfctl connection open meanwhile
one() {
	local fifo="$tmp/in.$1" vg="$tmp/vg.$1" deadline pid
	rm -f "$fifo"; mkfifo "$fifo"
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible \
		--error-exitcode=9 --log-file="$vg" "$tmp/prog" <"$fifo" >"$tmp/out.$1" &
	pid=$!
	pids="$pids $pid"
	exec 7>"$fifo"
	deadline=$((SECONDS + 60))
	until grep -q "^ready 42$" "$tmp/out.$1" 2>/dev/null; do
		[ $SECONDS -lt $deadline ] && kill -0 "$pid" 2>/dev/null ||
			{ bad "$1: prog never said ready: $(cat "$vg")"; exec 7>&-; return; }
		sleep 0.05
	done
	# its control server runs (it would also have without tfctl asking)
	until "$TFCTL" list --pid "$pid" >/dev/null 2>&1; do
		[ $SECONDS -lt $deadline ] || { bad "$1: no control server in $pid"; break; }
		sleep 0.05
	done
	if [ "$2" = client ]; then
		hold_client "$pid" "$1"
	fi
	echo "$1" >&7
	exec 7>&-
	deadline=$((SECONDS + 60))
	while kill -0 "$pid" 2>/dev/null; do
		[ $SECONDS -lt $deadline ] || { bad "$1: prog did not exit"; return; }
		sleep 0.05
	done
	wait "$pid"
	rc=$?
	last="valgrind prog ($1${2:+, $2})"
	[ "$rc" = 0 ] || bad "exit status $rc, expected 0; valgrind: $(cat "$vg")"
	[ -s "$vg" ] && bad "valgrind reported: $(cat "$vg")"
}

one return
one exit client

# Descriptors: the control socket and a tfctl client's connection sit
# high, so the program's open() gets the numbers plain gcc's would (gnulib's
# test-dup2); and a program that used up its descriptors still exits 0
# (pthread_cancel at exit loaded libgcc_s, and aborted when it could not:
# gnulib's test-free).
cat >"$tmp/fds.c" <<'C'
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
	char line[16];
	int a = open("/dev/null", O_RDONLY), b, n = 0;
	printf("ready\n");
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 3;
	b = open("/dev/null", O_RDONLY);
	while (open("/dev/null", O_RDONLY) >= 0)
		n++;
	printf("%d %d %s\n", a, b, n > 10 ? "exhausted" : "few");
	return 0;
}
C
(cd "$tmp" && "$tfcc" gcc -O2 -o fds fds.c && gcc -O2 -o fds.plain fds.c) ||
	{ echo "FAIL: could not build fds.c"; exit 1; }
# what plain gcc's program says here (the descriptors this script inherits
# count: under ctest the first free one is not 3)
want=$( (ulimit -n 64; echo go | "$tmp/fds.plain") | tail -n 1)
rm -f "$tmp/in.fds"; mkfifo "$tmp/in.fds"
(ulimit -n 64; exec "$tmp/fds" <"$tmp/in.fds" >"$tmp/out.fds" 2>&1) &
pid=$!
pids="$pids $pid"
exec 7>"$tmp/in.fds"
deadline=$((SECONDS + 30))
until grep -q '^ready$' "$tmp/out.fds" 2>/dev/null; do
	[ $SECONDS -lt $deadline ] || { bad "fds never said ready: $(cat "$tmp/out.fds")"; break; }
	sleep 0.02
done
# a client connected while the program opens its next descriptor
hold_client "$pid" fds
echo go >&7
exec 7>&-
wait "$pid"
rc=$?
last="fds under ulimit -n 64"
[ "$rc" = 0 ] || bad "exit status $rc, expected 0: $(cat "$tmp/out.fds")"
case $want in *" exhausted") ;; *) bad "plain gcc's fds said: $want" ;; esac
[ "$(tail -n 1 "$tmp/out.fds")" = "$want" ] || bad "descriptors differ from plain gcc's ($want): $(cat "$tmp/out.fds")"
finish
