#!/bin/sh
# sighash (rewriter/types.c) covers the layout of every record a signature
# reaches, through pointers, cycles and function pointers included, and
# nothing else: not the order of the file's functions, not a record the
# signature cannot reach.  usage: sighash.sh TF_REWRITE
set -u
rw=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0

# write $tmp/NAME.c: the types, then the functions in the order given
src() {
	name=$1 inner=$2 leaf=$3 other=$4
	shift 4
	{
		echo "struct leaf { $leaf; };"
		echo "struct inner { $inner; struct leaf *l; };"
		echo "struct node { struct node *next; struct inner *in; };"
		echo "struct cb { int (*fn)(struct leaf *); };"
		echo "struct other { $other; };"
		for f in "$@"; do
			case $f in
			f) echo "int f(struct node *n) { return n != 0; }" ;;
			g) echo "int g(const struct cb *c, int k) { return c ? k : 0; }" ;;
			h) echo "long h(struct other o) { (void)o; return 1; }" ;;
			p) echo "int p(int a) { return a; }" ;;
			esac
		done
	} > "$tmp/$name.c"
}

# the sighash of function $2 in the rewrite of $tmp/$1.c
hash() {
	"$rw" --name "$1.c" -o "$tmp/$1.rw.c" "$tmp/$1.c" -- -O2 ||
		{ echo "FAIL: tf-rewrite $1.c"; exit 1; }
	# a record, as .ascii text: name \n file \n line \n sig \n sighash ...
	sed 's/\\\\012/\n/g' "$tmp/$1.rw.c" |
		awk -v fn="$2" '/\.ascii\\t\\"/ { sub(/.*\.ascii\\t\\"/, ""); k = ($0 == fn) }
			k && k++ == 5 { print; exit }'
}

same() {	# label a b
	if [ -z "$2" ] || [ "$2" != "$3" ]; then
		echo "FAIL: $1: '$2' vs '$3' (should be equal)"; fail=1
	fi
}
differ() {
	if [ -z "$2" ] || [ "$2" = "$3" ]; then
		echo "FAIL: $1: '$2' vs '$3' (should differ)"; fail=1
	fi
}

src base "int a" "int x" "int o" f g h p
src order "int a" "int x" "int o" p h g f
src inner "long a" "int x" "int o" f g h p
src leaf "int a" "char x" "int o" f g h p
src other "int a" "int x" "short o" f g h p

f=$(hash base f) g=$(hash base g) h=$(hash base h) p=$(hash base p)
case $f in [0-9a-f][0-9a-f][0-9a-f][0-9a-f]*) ;; *)
	echo "FAIL: no sighash for f in the records: '$f'"; exit 1 ;; esac
same "f, functions reordered" "$f" "$(hash order f)"
same "g, functions reordered" "$g" "$(hash order g)"
differ "f, a field of a record two pointers away" "$f" "$(hash inner f)"
differ "f, a field of a record three pointers away" "$f" "$(hash leaf f)"
differ "g, through a function pointer's parameter" "$g" "$(hash leaf g)"
same "f, a record it cannot reach" "$f" "$(hash other f)"
same "p, no records" "$p" "$(hash other p)"
differ "h, a record passed by value" "$h" "$(hash other h)"
[ $fail = 0 ] && echo "sighash: ok"
exit $fail
