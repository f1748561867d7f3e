#!/bin/sh
# Stand-in for tf-rewrite in tfcc's tests: same CLI; copies SOURCE to OUT
# behind a '#line 1 "NAME"' line, adding a marker function so tests can
# tell an instrumented object; logs its arguments to $TF_STUB_LOG if set.  Exit 1 (one warning line) when the source
# contains TF_STUB_FAIL, as the real rewriter does for what it cannot parse.
[ -n "${TF_STUB_LOG:-}" ] && echo "$*" >> "$TF_STUB_LOG"
name= out= src=
while [ $# -gt 0 ]; do
	case $1 in
	--explain) echo "stub-rewrite: explain" >&2 ;;
	--name) name=$2; shift ;;
	--key|--gnuc-version|--skip-funcs) shift ;;
	-o) out=$2; shift ;;
	--) break ;;
	*) src=$1 ;;
	esac
	shift
done
if grep -q TF_STUB_FAIL "$src"; then
	echo "tf-rewrite: warning: cannot rewrite $name: TF_STUB_FAIL" >&2
	exit 1
fi
{
	printf 'int tf_stub_marker_%s;\n' "$(printf %s "$name" | tr -c 'A-Za-z0-9_\n' _)"
	printf '#line 1 "%s"\n' "$name"
	cat "$src"
} > "$out"
