/* e2e-tfcc-only */
/* e2e-flags: -ffunction-sections -fdata-sections -Wl,--gc-sections */
/* e2e-libs: -ldl */
/* e2e-source: aux/units_b.c */
/* e2e-plugin: units_plugin aux/units_plugin.c */
/* Units without constructors, linked by the default linker; see aux/units.c. */
#include "aux/units.c"
