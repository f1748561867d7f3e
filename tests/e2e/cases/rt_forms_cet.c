/* e2e-tfcc-only */
/* e2e-flags: -pthread -fcf-protection=full */
/* The trap's forms: indirect-branch tracking (endbr64 where the shared check jumps); see aux/trap_forms.c. */
#include "aux/trap_forms.c"
