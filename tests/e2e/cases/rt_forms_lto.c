/* e2e-tfcc-only */
/* e2e-flags: -pthread -flto */
/* The trap's forms: LTO (the check kept per trap); see aux/trap_forms.c. */
#include "aux/trap_forms.c"
