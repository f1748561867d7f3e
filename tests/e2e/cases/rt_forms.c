/* e2e-tfcc-only */
/* e2e-flags: -pthread  */
/* The trap's forms: the shared out-of-line check (default); see aux/trap_forms.c. */
#include "aux/trap_forms.c"
