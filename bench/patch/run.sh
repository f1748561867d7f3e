#!/bin/sh
# Patch benchmarks (not part of ctest): load latency (protocol and tfctl),
# thread stop time, per-call cost of a patched function, memory per patch,
# patching many processes.  Baselines are measured in the same run; each
# figure is the median over RUNS runs.  See bench/patch/README.md.
# Usage: bench/patch/run.sh [BUILD_DIR]
#   Env: RUNS (default 3), LOADS (100), PROCS (200), CALLS (100000000),
#        ONLY (subset of "latency gap calls mem many").
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
B=$build/bin
w=$build/bench/patch
runs=${RUNS:-3} loads=${LOADS:-100} procs=${PROCS:-200}
ncalls=${CALLS:-100000000}
only=${ONLY:-latency gap calls mem many}
[ -x "$B/tfcc" ] && [ -x "$B/tfctl" ] ||
	{ echo "bench/patch: $B/tfcc or tfctl missing: build first"; exit 1; }
rm -rf "$w"
mkdir -p "$w"
shm=$w/shm
table=$w/table.txt
: > "$table"
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

want() { case " $only " in *" $1 "*) return 0 ;; esac; return 1; }
median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# val KEY FILE...: every KEY=value of the files, one a line
val() { k=$1; shift; cat "$@" | tr ' ' '\n' | sed -n "s/^$k=//p"; }
# row METRIC VALUE BASELINE [RATIO]: one line of the final table
row() {
	r=${4:-$(awk -v a="$2" -v b="$3" 'BEGIN { if (b + 0 > 0 && a ~ /^[0-9.]+$/) printf "%.2fx", a / b; else print "-" }')}
	printf '%-44s %14s %16s %8s\n' "$1" "$2" "$3" "$r" | tee -a "$table"
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
cp "$here/target.c" "$here/proto.h" "$here/fix.c" "$w/"
(cd "$w" && "$B/tfcc" gcc -O2 -o target target.c -lpthread &&
	gcc -O2 -o target-gcc target.c -lpthread &&
	"$B/tfcc" --patch-for=./target gcc -O2 -o fix.so fix.c &&
	gcc -O2 -Wall -o drive "$here/drive.c" -I"$here") ||
	{ echo "bench/patch: build failed"; exit 1; }
T=$w/target D=$w/drive P=$w/fix.so

# start_target MODE ARGS...: $tpid
start_target() { "$T" "$@" & tpid=$!; pids="$pids $tpid"; }

if want latency; then
	echo "== load latency: $loads loads (+ unloads) per run, $runs runs"
	i=0
	while [ $i -lt "$runs" ]; do
		rm -f "$shm"
		start_target spin "$shm" 600
		"$D" latency "$shm" "$tpid" "$P" "$loads" > "$w/lat-proto.$i"
		"$D" latency "$shm" "$tpid" "$P" "$loads" "$B/tfctl" > "$w/lat-tfctl.$i"
		kill "$tpid"; wait "$tpid" 2>/dev/null || true
		cat "$w/lat-proto.$i" "$w/lat-tfctl.$i"
		i=$((i + 1))
	done
	for k in proto tfctl; do
		for s in running_median running_p99 answered_median answered_p99; do
			eval "${k}_$s=\$(val ${s}_us $w/lat-$k.* | median)"
		done
	done
	row "load -> new code runs, median (protocol)" "$proto_running_median us" "aim 5000 us" \
		"$(awk -v a="$proto_running_median" 'BEGIN { printf "%.2fx", a / 5000 }')"
	row "load -> new code runs, p99 (protocol)" "$proto_running_p99 us" "aim 5000 us" \
		"$(awk -v a="$proto_running_p99" 'BEGIN { printf "%.2fx", a / 5000 }')"
	row "load -> answer, median (protocol)" "$proto_answered_median us" "-" "-"
	row "load -> new code runs, median (tfctl)" "$tfctl_running_median us" "aim 5000 us" \
		"$(awk -v a="$tfctl_running_median" 'BEGIN { printf "%.2fx", a / 5000 }')"
	row "load -> new code runs, p99 (tfctl)" "$tfctl_running_p99 us" "aim 5000 us" \
		"$(awk -v a="$tfctl_running_p99" 'BEGIN { printf "%.2fx", a / 5000 }')"
	row "load -> tfctl exits, median" "$tfctl_answered_median us" "-" "-"
fi

if want gap; then
	echo "== stop time: 2 threads calling the patched function; $runs rounds of $loads loads+unloads vs as long with none"
	rm -f "$shm"
	start_target gap "$shm" 600
	"$D" gap "$shm" "$tpid" "$P" "$loads" "$runs" > "$w/gap"
	kill "$tpid"; wait "$tpid" 2>/dev/null || true
	cat "$w/gap"
	for ph in loads quiet; do
		eval "${ph}_max=\$(grep ^$ph $w/gap | val max_us /dev/stdin | median)"
		# gaps over 100 us per million iterations
		eval "${ph}_long=\$(grep ^$ph $w/gap | awk '{ for (i = 2; i <= NF; i++) { split(\$i, kv, \"=\"); v[kv[1]] += kv[2] } } END { printf \"%.2f\", v[\"over100us\"] * 1e6 / v[\"iters\"] }')"
	done
	row "largest gap in a thread, during loads" "$loads_max us" "$quiet_max us quiet"
	row "gaps > 100 us per 1e6 calls, during loads" "$loads_long" "$quiet_long quiet"
fi

if want calls; then
	echo "== per call: add() $ncalls times; plain gcc / tfcc / tfcc + patch, $runs runs each, alternating"
	i=0
	while [ $i -lt "$runs" ]; do
		"$w/target-gcc" calls "$ncalls" | awk '{ print $1 }' >> "$w/calls-gcc"
		"$T" calls "$ncalls" | awk '{ print $1 }' >> "$w/calls-tfcc"
		"$T" calls "$ncalls" "$P" | awk '{ print $1 }' >> "$w/calls-patched"
		i=$((i + 1))
	done
	cg=$(median < "$w/calls-gcc") ct=$(median < "$w/calls-tfcc") cp=$(median < "$w/calls-patched")
	echo "   ns/call: gcc $cg, tfcc $ct, patched $cp"
	# instructions per call: the difference of two lengths cancels start-up
	ir() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			awk '/Collected :/ { print $NF }'
	}
	ipc() {
		a=$(ir "$1" calls 1000 ${2:-}) b=$(ir "$1" calls 1001000 ${2:-})
		awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", (b - a) / 1000000 }'
	}
	ig=$(ipc "$w/target-gcc") it=$(ipc "$T") ip=$(ipc "$T" "$P")
	row "patched call, ns (loop + call)" "$cp ns" "$cg ns gcc"
	row "  patched - plain gcc, ns/call" "$(awk -v a="$cp" -v b="$cg" 'BEGIN { printf "%.2f ns", a - b }')" "aim < 1 ns" "-"
	row "  patched - unpatched tfcc, ns/call" "$(awk -v a="$cp" -v b="$ct" 'BEGIN { printf "%.2f ns", a - b }')" "$ct ns tfcc" "-"
	row "patched call, instructions (callgrind)" "$ip Ir" "$ig Ir gcc"
	row "unpatched tfcc call, instructions" "$it Ir" "$ig Ir gcc"
fi

if want mem; then
	echo "== memory: 50 loads of the patch, $runs runs"
	i=0
	while [ $i -lt "$runs" ]; do
		start_target idle 600
		"$D" mem "$tpid" "$P" 50 | tee "$w/mem.$i"
		kill "$tpid"; wait "$tpid" 2>/dev/null || true
		i=$((i + 1))
	done
	row "RSS per loaded patch" "$(val rss_per_patch_kb $w/mem.* | median) kB" "libpulp agent 6500 kB/proc" "-"
	row "PSS per loaded patch" "$(val pss_per_patch_kb $w/mem.* | median) kB" "-" "-"
	echo "   patch file: $(stat -c %s "$P") bytes"
fi

if want many; then
	echo "== $procs processes, one load each, sequentially"
	# each way gets its own fresh $procs processes (a first load costs more)
	for how in multi multi-pipe multi-tfctl multi-tfctl-list; do
		mp=""
		i=0
		while [ $i -lt "$procs" ]; do
			"$T" idle 300 &
			mp="$mp $!"
			i=$((i + 1))
		done
		pids="$pids $mp"
		case $how in
		multi) "$D" multi "$P" $mp | tee "$w/many-proto" ;;
		multi-pipe) "$D" multi-pipe "$P" $mp | tee "$w/many-pipe" ;;
		multi-tfctl) "$D" multi-tfctl "$B/tfctl" "$P" $mp | tee "$w/many-tfctl" ;;
		*) "$D" multi-tfctl-list "$B/tfctl" "$P" $mp | tee "$w/many-tfctl-list" ;;
		esac
		for p in $mp; do kill "$p" 2>/dev/null || true; done
		for p in $mp; do wait "$p" 2>/dev/null || true; done
	done
	row "$procs processes, per process (protocol)" "$(val per_process_us $w/many-proto) us" "aim 500 us" \
		"$(awk -v a="$(val per_process_us $w/many-proto)" 'BEGIN { printf "%.2fx", a / 500 }')"
	row "$procs processes, per process (pipelined)" "$(val per_process_us $w/many-pipe) us" "aim 500 us" \
		"$(awk -v a="$(val per_process_us $w/many-pipe)" 'BEGIN { printf "%.2fx", a / 500 }')"
	row "$procs processes, per process (tfctl each)" "$(val per_process_us $w/many-tfctl) us" "libpulp 5000 us" \
		"$(awk -v a="$(val per_process_us $w/many-tfctl)" 'BEGIN { printf "%.2fx", a / 5000 }')"
	row "$procs processes, per process (tfctl --pid list)" "$(val per_process_us $w/many-tfctl-list) us" "aim 500 us" \
		"$(awk -v a="$(val per_process_us $w/many-tfctl-list)" 'BEGIN { printf "%.2fx", a / 500 }')"
	row "$procs processes, total (protocol)" "$(val total_ms $w/many-proto) ms" "-" "-"
fi

echo
echo "== summary (medians of $runs runs; load average at start: $load0, end: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-44s %14s %16s %8s\n' metric tigerfix baseline/aim ratio
cat "$table"
