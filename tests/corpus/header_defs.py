#!/usr/bin/env python3
"""Which of the given functions an object (built with -g) defines in a header.

Usage: header_defs.py OBJ NAME...   prints each NAME whose definition's
DW_AT_decl_file ends in .h, one per line.

The corpus counts functions gcc defines that tfcc never reported; those
defined in a header are left out (tfcc instruments the definitions of the
main file).  `nm -l` names the file of a function's first line-table row,
which may be another file: gnulib's extern-inline functions, defined in
lib/selinux/context.h and emitted by se-context.c, start with a row of
se-context.c.  The DWARF entry's declaration file is the definition's.
Reads `readelf --debug-dump=info,rawline` output (DWARF 4 and 5).
"""
import re
import subprocess
import sys


def main():
    obj, names = sys.argv[1], set(sys.argv[2:])
    out = subprocess.run(["readelf", "--debug-dump=info,rawline", obj],
                         capture_output=True, text=True, errors="replace").stdout
    # file tables, one per unit, in order: index -> name
    tables, cur, in_table = [], None, False
    # DIEs: offset -> attributes, per unit
    dies, units, die = {}, [], None
    for line in out.splitlines():
        if "The File Name Table" in line:
            cur, in_table = {}, True
            tables.append(cur)
            continue
        if in_table:
            m = re.match(r"\s+(\d+)\s.*\s(\S+)$", line)
            if m:
                cur[int(m.group(1))] = m.group(2)
                continue
            if line.strip().startswith("Entry") or not line.strip():
                if not line.strip() and cur:
                    in_table = False
                continue
            in_table = False
        if "Compilation Unit @" in line:
            units.append([])
            continue
        m = re.match(r"\s*<(\d+)><([0-9a-f]+)>: Abbrev Number: \d+ \((\w+)\)", line)
        if m:
            die = {"tag": m.group(3), "unit": len(units) - 1}
            dies[int(m.group(2), 16)] = die
            continue
        m = re.match(r"\s*<[0-9a-f]+>\s+(DW_AT_\w+)\s*:\s*(.*)$", line)
        if m and die is not None:
            die[m.group(1)] = m.group(2).strip()

    def name_of(d):
        v = d.get("DW_AT_name", "")
        return v.split(": ")[-1] if v.startswith("(") else v

    def ref(v):
        m = re.search(r"<0x([0-9a-f]+)>", v or "")
        return int(m.group(1), 16) if m else None

    found = set()
    for d in dies.values():
        if d["tag"] != "DW_TAG_subprogram" or "DW_AT_declaration" in d:
            continue
        base = d
        for key in ("DW_AT_specification", "DW_AT_abstract_origin"):
            o = ref(d.get(key))
            if o in dies:
                base = dies[o]
        name = name_of(d) or name_of(base)
        if name not in names:
            continue
        f = d.get("DW_AT_decl_file", base.get("DW_AT_decl_file"))
        u = d["unit"]
        if f is None or u >= len(tables):
            continue
        idx = int(re.findall(r"\d+", f)[-1])
        path = tables[u].get(idx, "")
        if path.endswith(".h"):
            found.add(name)
    for n in sorted(found):
        print(n)


if __name__ == "__main__":
    main()
