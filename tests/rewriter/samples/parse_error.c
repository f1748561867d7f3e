/* fail -- a syntax error: not instrumented, one line, nothing written */
int broken(int x) { return x + ; }
