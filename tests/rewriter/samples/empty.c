/* std: c89 c99 gnu17 -- no functions, only objects */
int exported_value = 4;
static int hidden_value = 5;
int *exported_ptr = &hidden_value;
