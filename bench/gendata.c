/* Deterministic benchmark input: SIZE bytes of text-like data (words,
   numbers, punctuation from a fixed PRNG seed), compressible about 3:1
   like logs.  Usage: gendata SIZE > file */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long state = 0x9e3779b97f4a7c15ull;

/* xorshift64* */
static unsigned long long next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ull;
}

int main(int argc, char **argv)
{
	static const char *words[] = {
		"the", "request", "served", "cache", "miss", "user", "session",
		"error", "timeout", "connection", "accepted", "closed", "GET",
		"POST", "/api/v1/items", "/static/app.js", "latency", "bytes",
		"worker", "queue", "retry", "ok", "status", "200", "404", "500",
		"INFO", "WARN", "DEBUG", "id", "trace", "span",
	};
	long long size = argc > 1 ? atoll(argv[1]) : 100000000LL, n = 0;
	char line[256];

	while (n < size) {
		int len = snprintf(line, sizeof line, "%llu %s", next() % 100000, words[next() % 32]);
		int k = (int)(next() % 10) + 3;
		while (k-- > 0 && len < 200)
			len += snprintf(line + len, sizeof line - len, " %s%s", words[next() % 32],
					next() % 4 ? "" : "=");
		line[len++] = '\n';
		if (n + len > size)
			len = (int)(size - n);
		fwrite(line, 1, len, stdout);
		n += len;
	}
	return 0;
}
