/* e2e-tfcc-only */
/* e2e-flags: -pthread -mred-zone */
/* The trap's forms: with the red zone asked for, the cold block jumps to tf__pcall2 (return address in rax) instead of calling its unit's stub and tf__pcall4; see aux/trap_forms.c. */
#include "aux/trap_forms.c"
