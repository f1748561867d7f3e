/* e2e-tfcc-only */
/* e2e-libs: -pthread */
/* An idle control thread allocates nothing: its poll set is allocated
   before it starts, so glibc makes no second arena (a 64 MB mapping and a
   trim while main runs; gnulib's test-free, mapping MAP_FIXED around a
   16 MB block, aborted when the two met).  Waits (deadline 5 s) until the
   control thread sleeps in poll, then counts malloc_stats' arenas. */
#include <dirent.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* whether a thread other than main sleeps (the control thread in poll) */
static int other_thread_sleeps(void)
{
	char path[64], buf[512];
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int found = 0;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == getpid())
			continue;
		snprintf(path, sizeof path, "/proc/self/task/%s/stat", e->d_name);
		FILE *f = fopen(path, "r");
		if (f && fgets(buf, sizeof buf, f)) {
			char *p = strrchr(buf, ')');
			found |= p && p[1] == ' ' && p[2] == 'S';
		}
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return found;
}

int main(void)
{
	struct timespec t = { 0, 1000000 };
	for (int i = 0; i < 5000 && !other_thread_sleeps(); i++)
		nanosleep(&t, NULL);
	for (int i = 0; i < 20; i++)    /* a few more ticks of its loop */
		nanosleep(&t, NULL);
	fflush(stdout);
	FILE *tmp = tmpfile();
	int saved = dup(2);
	dup2(fileno(tmp), 2);
	malloc_stats();
	fflush(stderr);
	dup2(saved, 2);
	rewind(tmp);
	char line[256];
	int arenas = 0;
	while (fgets(line, sizeof line, tmp))
		arenas += strncmp(line, "Arena ", 6) == 0;
	printf("threads idle, arenas %d\n", arenas);
	return 0;
}
