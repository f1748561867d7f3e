/* e2e-tfcc-only */
/* e2e-flags: -pthread -masm=intel */
/* The trap's forms: Intel syntax; see aux/trap_forms.c. */
#include "aux/trap_forms.c"
