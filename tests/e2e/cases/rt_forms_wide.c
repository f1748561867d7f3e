/* e2e-tfcc-only */
/* e2e-flags: -pthread  */
/* The trap's forms: a unit of more than 256 sites, whose cold blocks give the site's index in 16 bits (trap.h TF__WIDE); twice is site 300 and more, see aux/trap_forms.c. */
#include "aux/wide_fill.c"
#include "aux/trap_forms.c"
