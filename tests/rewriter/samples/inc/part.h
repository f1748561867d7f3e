/* Header of inc/part.c, included with quotes from its directory. */
#define PART_FACTOR 3
