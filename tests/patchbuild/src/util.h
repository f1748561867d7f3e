/* The target's second file: a function and an object main.c uses. */
int helper(int x);
extern int shared_count;
