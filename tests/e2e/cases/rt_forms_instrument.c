/* e2e-tfcc-only */
/* e2e-flags: -pthread -finstrument-functions */
/* The trap's forms under -finstrument-functions, which puts a call at each function's entry: never in the unit's stub (naked asm that must keep the argument registers), whose arguments it clobbered; see aux/trap_forms.c. */
#include "aux/trap_forms.c"
