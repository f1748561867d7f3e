/* e2e-tfcc-only */
/* e2e-flags: -ffunction-sections -fdata-sections -Wl,--gc-sections -fuse-ld=lld */
/* e2e-libs: -ldl */
/* e2e-source: aux/units_b.c */
/* e2e-plugin: units_plugin aux/units_plugin.c */
/* Units without constructors, linked by lld (whose --gc-sections drops a section only __start_/__stop_ name, unless it is a note); see aux/units.c. */
#include "aux/units.c"
