/*
** client: the tfctl side of the control protocol (docs/protocol.md).
**
** The socket is non-blocking and every wait is a poll() against one
** deadline per request, so a stuck or hostile server costs at most
** --timeout.  Failures are classified (enum client_err) so `tfctl ps` can
** show a process as gone or refused instead of failing.
*/
#include "client.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_ANSWER (16u << 20)  /* generous: sites answers can be long */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int left_ms(long long deadline)
{
	long long d = deadline - now_ms();
	return d < 0 ? 0 : (int)d;
}

int client_pid_alive(int pid)
{
	return kill(pid, 0) == 0 || errno == EPERM;
}

static int no_socket(struct client *c, char *msg, size_t msgsz)
{
	if (!client_pid_alive(c->pid)) {
		snprintf(msg, msgsz, "no process %d: it has exited or the pid "
			 "is wrong; `tfctl ps` lists instrumented processes",
			 c->pid);
		return CLIENT_ENOPROC;
	}
	snprintf(msg, msgsz, "process %d has no tigerfix runtime (no control "
		 "socket): it was not built with tfcc", c->pid);
	return CLIENT_ENORT;
}

static int closed_early(struct client *c, char *msg, size_t msgsz)
{
	if (!client_pid_alive(c->pid)) {
		snprintf(msg, msgsz, "process %d exited before answering; "
			 "`tfctl ps` lists instrumented processes", c->pid);
		return CLIENT_ENOPROC;
	}
	snprintf(msg, msgsz, "process %d closed the connection without "
		 "answering: its runtime accepts only its own user or root; run "
		 "tfctl as that user", c->pid);
	return CLIENT_EREFUSED;
}

static int timed_out(struct client *c, const char *what, char *msg,
		     size_t msgsz)
{
	snprintf(msg, msgsz, "process %d did not %s within %d ms: its control "
		 "thread may be blocked; retry with a longer --timeout MS",
		 c->pid, what, c->timeout_ms);
	return CLIENT_ETIMEOUT;
}

static int io_error(struct client *c, const char *what, int e, char *msg,
		    size_t msgsz)
{
	if (e == EPIPE || e == ECONNRESET)
		return closed_early(c, msg, msgsz);
	snprintf(msg, msgsz, "cannot %s process %d: %s; retry, or check the "
		 "process with `tfctl ps`", what, c->pid, strerror(e));
	return CLIENT_EIO;
}

int client_open(struct client *c, int pid, int timeout_ms, char *msg,
		size_t msgsz)
{
	memset(c, 0, sizeof *c);
	c->fd = -1;
	c->pid = pid;
	c->timeout_ms = timeout_ms;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int n = snprintf(sa.sun_path + 1, sizeof sa.sun_path - 1,
			 "tigerfix.%d", pid);
	socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
				    1 + (size_t)n);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return io_error(c, "open a socket for", errno, msg, msgsz);
	long long deadline = now_ms() + timeout_ms;
	/* a full backlog gives EAGAIN on unix sockets: retry until the
	   deadline, polling the clock */
	while (connect(c->fd, (struct sockaddr *)&sa, len) != 0) {
		int e = errno;
		if (e == ECONNREFUSED || e == ENOENT)
			return no_socket(c, msg, msgsz);
		if (e != EAGAIN && e != EINTR)
			return io_error(c, "connect to", e, msg, msgsz);
		if (left_ms(deadline) == 0)
			return timed_out(c, "accept the connection", msg, msgsz);
		poll(NULL, 0, 10);
	}
	return CLIENT_OK;
}

void client_close(struct client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	free(c->buf);
	c->buf = NULL;
	c->have = c->cap = 0;
}

/* write all of s before the deadline */
static int send_all(struct client *c, const char *s, size_t n,
		    long long deadline, char *msg, size_t msgsz)
{
	while (n > 0) {
		ssize_t w = send(c->fd, s, n, MSG_NOSIGNAL);
		if (w > 0) {
			s += w;
			n -= (size_t)w;
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return io_error(c, "send a request to", errno, msg,
					msgsz);
		struct pollfd p = { c->fd, POLLOUT, 0 };
		if (poll(&p, 1, left_ms(deadline)) == 0)
			return timed_out(c, "take the request", msg, msgsz);
	}
	return CLIENT_OK;
}

/* read until c->buf holds a '\n'; its offset in *eol */
static int recv_line(struct client *c, size_t *eol, long long deadline,
		     char *msg, size_t msgsz)
{
	for (;;) {
		char *nl = c->have ? memchr(c->buf, '\n', c->have) : NULL;
		if (nl != NULL) {
			*eol = (size_t)(nl - c->buf);
			return CLIENT_OK;
		}
		if (c->have >= MAX_ANSWER) {
			snprintf(msg, msgsz, "process %d sent an answer longer "
				 "than %u bytes; narrow the request (a --sites "
				 "glob)", c->pid, MAX_ANSWER);
			return CLIENT_EPROTO;
		}
		if (c->cap - c->have < 4096) {
			size_t cap = c->cap ? 2 * c->cap : 8192;
			char *b = realloc(c->buf, cap);
			if (b == NULL)
				return io_error(c, "read from", ENOMEM, msg,
						msgsz);
			c->buf = b;
			c->cap = cap;
		}
		ssize_t r = recv(c->fd, c->buf + c->have, c->cap - c->have, 0);
		if (r > 0) {
			c->have += (size_t)r;
			continue;
		}
		if (r == 0)
			return closed_early(c, msg, msgsz);
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return io_error(c, "read from", errno, msg, msgsz);
		struct pollfd p = { c->fd, POLLIN, 0 };
		if (poll(&p, 1, left_ms(deadline)) == 0)
			return timed_out(c, "answer", msg, msgsz);
	}
}

json_object *client_call(struct client *c, json_object *req,
			 enum client_err *err, char *msg, size_t msgsz)
{
	long long deadline = now_ms() + c->timeout_ms;
	const char *s = json_object_to_json_string_ext(
		req, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	size_t eol = 0;
	int rc = send_all(c, s, strlen(s), deadline, msg, msgsz);
	if (rc == CLIENT_OK)
		rc = send_all(c, "\n", 1, deadline, msg, msgsz);
	if (rc == CLIENT_OK)
		rc = recv_line(c, &eol, deadline, msg, msgsz);
	if (rc != CLIENT_OK) {
		*err = (enum client_err)rc;
		return NULL;
	}
	json_tokener *tok = json_tokener_new();
	json_object *ans = tok ? json_tokener_parse_ex(tok, c->buf, (int)eol)
			       : NULL;
	if (ans != NULL && json_tokener_get_parse_end(tok) != eol) {
		json_object_put(ans);   /* trailing garbage on the line */
		ans = NULL;
	}
	if (tok != NULL)
		json_tokener_free(tok);
	c->have -= eol + 1;
	memmove(c->buf, c->buf + eol + 1, c->have);
	if (ans == NULL || !json_object_is_type(ans, json_type_object) ||
	    !json_object_object_get_ex(ans, "ok", NULL)) {
		json_object_put(ans);
		*err = CLIENT_EPROTO;
		snprintf(msg, msgsz, "process %d sent an answer that is not a "
			 "protocol object: its runtime may not match this "
			 "tfctl; use the tfctl of the same tigerfix version",
			 c->pid);
		return NULL;
	}
	*err = CLIENT_OK;
	return ans;
}

json_object *client_request(int pid, json_object *req, int timeout_ms,
			    enum client_err *err, char *msg, size_t msgsz)
{
	struct client c;
	int rc = client_open(&c, pid, timeout_ms, msg, msgsz);
	json_object *ans = NULL;
	if (rc == CLIENT_OK)
		ans = client_call(&c, req, err, msg, msgsz);
	else
		*err = (enum client_err)rc;
	client_close(&c);
	return ans;
}
