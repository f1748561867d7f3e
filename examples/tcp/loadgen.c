/*
** Load generator for calc_server: CONNS connections send "ADD a b" with
** random signed numbers for at most SECONDS seconds and check every answer.
** SIGUSR1 marks "the fix is in": answers to requests sent after it are
** counted apart.  Prints one summary line; exit 0 iff no request failed
** (a failure is a connection error, a timeout or a short answer).
** Usage: loadgen PORT CONNS SECONDS
*/
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port, seconds;
static volatile sig_atomic_t marked;
static unsigned long requests, failed, wrong_before, wrong_after, after;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* read one '\n'-terminated line; 0 on success */
static int read_line(int fd, char *buf, size_t len)
{
	size_t n = 0;

	while (n < len - 1) {
		ssize_t r = read(fd, buf + n, 1);

		if (r <= 0)
			return -1;
		if (buf[n] == '\n') {
			buf[n] = '\0';
			return 0;
		}
		n++;
	}
	return -1;
}

static void *worker(void *arg)
{
	unsigned seed = (unsigned)(unsigned long)arg * 2654435761u;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct timeval tv = { 5, 0 };
	double end = now() + seconds;
	char req[64], ans[64];
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		__atomic_add_fetch(&failed, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	while (now() < end) {
		long a = (long)(rand_r(&seed) % 2001) - 1000;
		long b = (long)(rand_r(&seed) % 2001) - 1000;
		int post = marked;

		snprintf(req, sizeof req, "ADD %ld %ld\n", a, b);
		if (write(fd, req, strlen(req)) < 0 || read_line(fd, ans, sizeof ans)) {
			__atomic_add_fetch(&failed, 1, __ATOMIC_RELAXED);
			break;
		}
		__atomic_add_fetch(&requests, 1, __ATOMIC_RELAXED);
		if (post)
			__atomic_add_fetch(&after, 1, __ATOMIC_RELAXED);
		if (strtol(ans, NULL, 10) != a + b || ans[0] == 'E')
			__atomic_add_fetch(post ? &wrong_after : &wrong_before, 1,
					   __ATOMIC_RELAXED);
	}
	close(fd);
	return NULL;
}

static void on_usr1(int sig)
{
	(void)sig;
	marked = 1;
}

int main(int argc, char **argv)
{
	pthread_t t[64];
	int i, conns;

	if (argc != 4 || (conns = atoi(argv[2])) < 1 || conns > 64) {
		fprintf(stderr, "usage: loadgen PORT CONNS(1-64) SECONDS\n");
		return 2;
	}
	port = atoi(argv[1]);
	seconds = atoi(argv[3]);
	signal(SIGUSR1, on_usr1);
	for (i = 0; i < conns; i++)
		pthread_create(&t[i], NULL, worker, (void *)(unsigned long)(i + 1));
	printf("running\n");
	fflush(stdout);
	for (i = 0; i < conns; i++)
		pthread_join(t[i], NULL);
	printf("requests %lu failed %lu wrong_before %lu wrong_after %lu after %lu\n",
	       requests, failed, wrong_before, wrong_after, after);
	return failed ? 1 : 0;
}
