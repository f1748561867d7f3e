# Writes OUT: a C file defining rw_trap_h, the bytes of IN as a string.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "/* generated from include/tigerfix/trap.h; do not edit */\n"
  "const char rw_trap_h[] = {${bytes}0};\n")
