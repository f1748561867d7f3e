# Shell helpers shared by tests/corpus/run.sh and bench/run.sh (sourced).
# corpus_prepare BUILD: fetch sources, build plain-gcc trees (cached) and
# tfcc trees (always rebuilt), leaving paths in $CORPUS_WORK/{src,gcc,tfcc}.

# The caller sets CORPUS_DIR (this directory) and CORPUS_WORK (work dir).
CORPUS_PROJECTS="zlib bzip2 lua"

# Run "$@" in a network namespace with only loopback, when we may.
isolated() {
	if unshare -n true 2>/dev/null; then
		unshare -n sh -c 'ip link set lo up 2>/dev/null; exec "$@"' sh "$@"
	else
		"$@"
	fi
}

# corpus_build PROJECT KIND CC: build $CORPUS_WORK/KIND/PROJECT
corpus_build() {
	"$CORPUS_DIR/build.sh" "$1" "$CORPUS_WORK/src/$1" "$CORPUS_WORK/$2/$1" "$3"
}

# Plain-gcc build, reused while its stamp is newer than the sources.
corpus_build_plain() {
	stamp=$CORPUS_WORK/gcc/$1.stamp
	[ -f "$stamp" ] && [ -d "$CORPUS_WORK/gcc/$1" ] && return 0
	corpus_build "$1" gcc gcc && touch "$stamp"
}

# explain_counts LOG SRCTREE: "N M" = functions instrumented / skipped, from
# tfcc's TF_EXPLAIN lines, counting each file:line:name once (objects built
# twice, e.g. static + PIC, count once) and only files of the project tree
# (configure probes do not count).  Skipped lines go to LOG.skipped.
explain_counts() {
	log=$1 tree=$2
	: > "$log.skipped"
	find "$tree" -name '*.c' -printf '%f\n' | sort -u > "$log.files"
	awk -v files="$log.files" -v skipped="$log.skipped" '
		BEGIN { while ((getline f < files) > 0) known[f] = 1 }
		/^[^ :]+:[0-9]+: [^ :]+: (instrumented|skipped)/ {
			split($0, p, ": ")
			base = p[1]; sub(/.*\//, "", base)   # file.c:LINE
			file = base; sub(/:[0-9]+$/, "", file)
			if (!(file in known)) next
			key = base ":" p[2]
			if (key in seen) next
			seen[key] = 1
			if (p[3] ~ /^instrumented/) n++
			else { m++; print > skipped }
		}
		END { printf "%d %d\n", n, m }' "$log"
}
