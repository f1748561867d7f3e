#!/bin/bash
# tfctl sites: records read from a hand-made ELF file (fake_sites), the
# glob filter, --json, and the errors for missing, non-ELF and plain files.
# Usage: sites.sh FAKE_SITES_EXE FAKE_SITES_SO
. "$(dirname "$0")/lib.sh"
exe=$1 so=$2

run "$TFCTL" sites "$exe"
expect_rc 0
expect_out_has "src/calc.c:3   add      int (int, int)            [static]
src/calc.c:8   sub      int (int, int)
src/log.c:12   log_msg  void (const char *, ...)  [variadic,nothunk]
src/other.c:5  add      long (long, long)         [static]
4 functions in 2 units, build-id "

# the shared object carries the same records
run "$TFCTL" sites "$so"
expect_rc 0
expect_out_has "4 functions in 2 units"

# glob on the name, and on file:name
run "$TFCTL" sites "$exe" 'a*'
expect_rc 0
expect_out_has "src/calc.c:3   add  int (int, int)     [static]
src/other.c:5  add  long (long, long)  [static]
2 of 4 functions match 'a*'"
run "$TFCTL" sites "$exe" '*other.c:*'
expect_rc 0
expect_out_has "1 of 4 functions match '*other.c:*'"
run "$TFCTL" sites "$exe" 'nomatch'
expect_rc 0
expect_out_has "0 of 4 functions match 'nomatch'"

# --json: an array of objects, typed fields
run "$TFCTL" sites --json "$exe" log_msg
expect_rc 0
expect_out '[
  {
    "name": "log_msg",
    "file": "src/log.c",
    "line": 12,
    "sig": "void (const char *, ...)",
    "ret": "void",
    "params": [
      "const char * fmt"
    ],
    "flags": [
      "variadic",
      "nothunk"
    ]
  }
]'
if command -v python3 >/dev/null; then
	run "$TFCTL" sites "$exe" --json
	n=$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
	[ "$n" = 4 ] || bad "--json gave $n records, expected 4"
fi

# build-id matches what readelf sees
if command -v readelf >/dev/null; then
	id=$(readelf -n "$exe" | sed -n 's/.*Build ID: *//p')
	run "$TFCTL" sites "$exe"
	expect_out_has "build-id $id"
fi

# errors: one line, exit 1
run "$TFCTL" sites "$tmp/missing"
expect_rc 1
expect_one_error_line
expect_err "tfctl: cannot open $tmp/missing: No such file or directory; check the path"
echo "not an elf" >"$tmp/text"
run "$TFCTL" sites "$tmp/text"
expect_rc 1
expect_one_error_line
expect_err "tfctl: $tmp/text is not an ELF file; give an executable or shared object built with tfcc"
run "$TFCTL" sites "$tmp"
expect_rc 1
expect_err_has "is not an ELF file (it is a directory)"
run "$TFCTL" sites "$FAKESRV"
expect_rc 1
expect_one_error_line
expect_err "tfctl: $FAKESRV was not built with tfcc: no tf_info section; rebuild it with CC=\"tfcc gcc\""

# usage errors: exit 2
run "$TFCTL" sites
expect_rc 2
expect_one_error_line
run "$TFCTL" sites "$exe" a b
expect_rc 2
run "$TFCTL" sites "$exe" --pid 3
expect_rc 2
expect_err_has "sites does not take option '--pid'"
finish
