# Shell helpers shared by tests/corpus/run.sh and bench/run.sh (sourced).
# corpus_prepare BUILD: fetch sources, build plain-gcc trees (cached) and
# tfcc trees (always rebuilt), leaving paths in $CORPUS_WORK/{src,gcc,tfcc}.

# The caller sets CORPUS_DIR (this directory) and CORPUS_WORK (work dir).
CORPUS_PROJECTS="zlib bzip2 lua xz yaml jsonc sed"

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

# Reference build: gcc keeping every static and inline function, so nm of
# its objects lists each function the project defines, and, built with
# -g, where each is defined (cached).
corpus_build_ref() {
	stamp=$CORPUS_WORK/ref/$1.stamp-g
	[ -f "$stamp" ] && [ -d "$CORPUS_WORK/ref/$1" ] && return 0
	corpus_build "$1" ref "gcc -g -fkeep-inline-functions -fkeep-static-functions" &&
		touch "$stamp"
}

# explain_counts LOG SRCTREE GCCTREE [REFTREE]: "N M" = functions instrumented /
# skipped, from tfcc's TF_EXPLAIN lines, counting each file:line:name once
# (objects built twice, e.g. static + PIC, count once) and only files of
# the project tree (configure probes do not count).  A file tfcc left
# wholly uninstrumented ("tfcc: warning: F: not instrumented") counts all
# its functions as skipped: nm of F's object in the plain-gcc GCCTREE.
# With REFTREE, functions gcc defines there (nm) that TF_EXPLAIN never
# mentions count as skipped too ("not reported"), except those defined in
# a header (nm -l, and the DWARF entry where nm -l names a .c: a static
# inline function of a .h, or gnulib's extern inline ones, which tfcc
# leaves alone: it instruments the definitions of the main file and of
# the .c files it includes; header_defs.py).
# Skipped functions and files go to LOG.skipped.
explain_counts() {
	log=$1 tree=$2 gcctree=$3 reftree=${4:-}
	: > "$log.skipped"
	rm -f "$log.files.named"
	find "$tree" -name '*.[ch]' -printf '%f\n' | sort -u > "$log.files"
	set -- $(awk -v files="$log.files" -v skipped="$log.skipped" '
		BEGIN { while ((getline f < files) > 0) known[f] = 1 }
		/^[^ :]+:[0-9]+: [^ :]+: (instrumented|skipped)/ {
			split($0, p, ": ")
			base = p[1]; sub(/.*\//, "", base)   # file.c:LINE
			file = base; sub(/:[0-9]+$/, "", file)
			if (!(file in known)) next
			key = base ":" p[2]
			if (key in seen) next
			seen[key] = 1
			print p[2] > (files ".named")
			if (p[3] ~ /^instrumented/) n++
			else { m++; print > skipped }
		}
		END { printf "%d %d\n", n, m }' "$log")
	n=$1 m=$2
	for f in $(sed -n 's/^tfcc: warning: \([^ :]*\): not instrumented.*/\1/p' "$log" |
		   sed 's|.*/||' | sort -u); do
		grep -qxF "$f" "$log.files" || continue
		obj=$(find "$gcctree" -name "${f%.c}.o" | head -n 1)
		k=0
		[ -n "$obj" ] && k=$(nm "$obj" | awk '$2 ~ /^[Tt]$/ && $3 !~ /\./' | wc -l)
		m=$((m + k))
		echo "$f: whole file not instrumented ($k functions): $(grep -m1 "warning: [^ ]*$f: not instrumented" "$log" | sed 's/.*not instrumented: //')" >> "$log.skipped"
		nm "$obj" 2>/dev/null | awk '$2 ~ /^[Tt]$/ { print $3 }' >> "$log.files.named"
	done
	if [ -n "$reftree" ]; then
		touch "$log.files.named"
		sort -u "$log.files.named" > "$log.named"
		find "$reftree" -name '*.o' -exec nm -l -A {} + 2>/dev/null |
			awk '$2 ~ /^[Tt]$/ && $3 !~ /\./ && $3 !~ /^__/ &&
			     $4 !~ /\.h:[0-9]+$/ { print $3 }' |
			sort -u > "$log.defined"
		comm -23 "$log.defined" "$log.named" > "$log.unreported"
		# nm -l names a function's first line-table row, which may be in
		# another file than its definition (gnulib's extern-inline
		# functions, defined in a header): the DWARF entry decides
		if [ -s "$log.unreported" ]; then
			find "$reftree" -name '*.o' -exec nm -A {} + 2>/dev/null |
				awk '$2 ~ /^[Tt]$/ { sub(/:[0-9a-f]+$/, "", $1); print $1, $3 }' |
				awk -v want="$log.unreported" '
					BEGIN { while ((getline n < want) > 0) w[n] = 1 }
					($2 in w) { objs[$1] = objs[$1] " " $2 }
					END { for (o in objs) print o objs[o] }' |
				while read -r obj names; do
					python3 "$CORPUS_DIR/header_defs.py" "$obj" $names
				done | sort -u > "$log.inheader"
			comm -23 "$log.unreported" "$log.inheader" > "$log.unreported.new"
			mv "$log.unreported.new" "$log.unreported"
		fi
		k=$(wc -l < "$log.unreported")
		m=$((m + k))
		[ "$k" -eq 0 ] || echo "not reported by TF_EXPLAIN at all ($k functions):" \
			$(head -n 30 "$log.unreported") >> "$log.skipped"
	fi
	rm -f "$log.files.named"
	echo "$n $m"
}
