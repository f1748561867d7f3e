# Every trap instance must reach its cold path: gcc 12 deleted cold
# blocks whose asm goto it took for not volatile (docs/generated-code.md),
# which left a trap that branched straight back into the body, so
# patching that call site did nothing.  A trap is "cmpq $0, S(%rip)" or
# "test %rsp, S.gate(%rip)" and a jne (or a je around it); its cold
# block, after at most three plain jumps (at its start, or after a few
# instructions: gcc cross-jumps the cold blocks of two inlined copies of
# one site into one), must reach tf__pcall2 or a
# unit's stub tf__P_<uid> (the call in asm), tf__check1 (the shared
# check's stub) or a jump through r11 (the C call) before a ret or
# another jump.  The shared check's stubs hold data, so objdump's listing
# of .text.unlikely can miss their first instruction: such a target is
# disassembled on its own.
# Usage: awk -v bin=FILE -f coldpaths.awk   (x86-64, tfcc-built FILE).
# Prints "N checked, M without a cold call" and the first addresses of
# the M; exits 1 if M > 0 or nothing was checked.
function site(s) { return match(s, /# [0-9a-f]+ <tf__S_/) ? 1 : 0 }
function target(s,    f) { split(s, f, /[ \t]+/); return f[2] }
function parse(line) {
	if (line !~ /^ *[0-9a-f]+:\t/)
		return ""
	pa = line; sub(/:.*/, "", pa); sub(/^ +/, "", pa)
	pt = line; sub(/^ *[0-9a-f]+:\t/, "", pt)
	return pa
}
# the first instructions at address t, disassembled from there
function alone(t,    cmd, line, c, a) {
	cmd = "objdump -d --no-show-raw-insn --start-address=0x" t " '" bin "' 2>/dev/null"
	c = 0
	while (c < 3 && (cmd | getline line) > 0)
		if ((a = parse(line)) != "") { c++; extra[c] = pt }
	close(cmd)
	return c
}
function cold_ok(t, depth,    k, q, c) {
	if (depth > 3)
		return 0
	k = at[t]
	if (!k) {
		c = alone(t)
		for (q = 1; q <= c; q++)
			if (extra[q] ~ /tf__pcall|tf__P_|tf__check1|\*%r11/) return 1
		return 0
	}
	for (q = k; q < k + 16 && q <= n; q++) {
		if (text[q] ~ /tf__pcall|tf__P_|tf__check1|\*%r11/) return 1
		# a plain jump, also after the block's first instructions: gcc
		# cross-jumps two inlined copies' cold blocks into one (json-c)
		if (text[q] ~ /^jmp +[0-9a-f]+ /) return cold_ok(target(text[q]), depth + 1)
		if (text[q] ~ /^(ret|jmp)/) return 0
	}
	return 0
}
BEGIN {
	cmd = "objdump -d --no-show-raw-insn '" bin "'"
	while ((cmd | getline line) > 0)
		if ((a = parse(line)) != "") { n++; addr[n] = a; text[n] = pt; at[a] = n }
	close(cmd)
	checked = 0; bad = 0
	for (i = 1; i <= n; i++) {
		if (text[i] !~ /^(cmpq +\$0x0|test +%rsp),/ || !site(text[i]))
			continue
		checked++
		ok = 0
		for (j = i + 1; j <= i + 4 && j <= n; j++) {
			if (text[j] ~ /^jne /) { ok = cold_ok(target(text[j]), 0); break }
			if (text[j] ~ /^je /) { ok = cold_ok(addr[j + 1], 0); break }
		}
		if (!ok) { bad++; if (bad <= 20) list = list " " addr[i] }
	}
	print checked " checked, " bad " without a cold call" (bad ? ":" list : "")
	exit (bad > 0 || checked == 0)
}
