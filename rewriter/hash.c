/*
** FNV-1a 64: the hash of every *hash field of the site records and of
** the unit's uid and variant.  Chosen for being trivial to reproduce in
** any tool that reads the records.
*/
#include <string.h>

#include "rewriter.h"

uint64_t rw_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The terminating NUL is hashed too, so "ab","c" differs from "a","bc". */
uint64_t rw_hash_str(uint64_t h, const char *s)
{
	return rw_hash(h, s, strlen(s) + 1);
}
