/*
** A small TCP calculator service, one thread per connection, for the
** "fix a live server under load" example.  Request: "ADD a b\n"; answer:
** "a+b\n", or "ERR ...\n".  parse_number() has a bug: it drops the minus
** sign, so any request with a negative number gets a corrupt answer.
** Usage: calc_server [PORT]  (0 or none: any free port; prints it).
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned long served;  /* requests answered: state kept across patches */

/* parse an optionally signed decimal number; advance *p past it */
static int parse_number(const char **p, long *out)
{
	const char *s = *p;
	long v = 0;

	while (*s == ' ')
		s++;
	if (*s == '-')
		s++;  /* BUG: the sign is dropped */
	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	*out = v;
	*p = s;
	return 0;
}

/* answer one request line into out */
static void handle_line(const char *line, char *out, size_t outlen)
{
	long a, b;

	if (strncmp(line, "ADD ", 4) != 0) {
		snprintf(out, outlen, "ERR unknown command\n");
		return;
	}
	line += 4;
	if (parse_number(&line, &a) || parse_number(&line, &b)) {
		snprintf(out, outlen, "ERR bad number\n");
		return;
	}
	__atomic_add_fetch(&served, 1, __ATOMIC_RELAXED);
	snprintf(out, outlen, "%ld\n", a + b);
}

/* serve one connection until the peer closes it */
static void *serve(void *arg)
{
	int fd = (int)(long)arg;
	char buf[4096], out[128];
	size_t len = 0;
	ssize_t n;

	while ((n = read(fd, buf + len, sizeof buf - 1 - len)) > 0) {
		char *line = buf, *nl;

		len += (size_t)n;
		buf[len] = '\0';
		while ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			handle_line(line, out, sizeof out);
			if (write(fd, out, strlen(out)) < 0)
				goto done;
			line = nl + 1;
		}
		len -= (size_t)(line - buf);
		memmove(buf, line, len);
		if (len == sizeof buf - 1)
			len = 0;  /* an over-long line: drop it */
	}
done:
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa;
	socklen_t salen = sizeof sa;
	int one = 1, lfd = socket(AF_INET, SOCK_STREAM, 0);

	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(argc > 1 ? (unsigned short)atoi(argv[1]) : 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
	    listen(lfd, 128) < 0 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &salen) < 0) {
		perror("calc_server");
		return 1;
	}
	printf("listening on %d\n", ntohs(sa.sin_port));
	fflush(stdout);
	for (;;) {
		pthread_t t;
		int fd = accept(lfd, NULL, NULL);

		if (fd < 0)
			continue;
		if (pthread_create(&t, NULL, serve, (void *)(long)fd) != 0)
			close(fd);
		else
			pthread_detach(t);
	}
}
