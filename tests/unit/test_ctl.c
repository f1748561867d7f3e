/*
** Control server tests over the real socket: hello/sites, garbage and
** half lines, an over-long line, 50 clients at once, refusal of another
** uid, a fork child serving its own pid, a listener closed under us.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <tigerfix/tf.h>
#include "disp_unit.h"

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* connect to pid's control socket, retrying until a 5 s deadline */
static int ctl_connect(pid_t pid)
{
	long deadline = now_ms() + 5000;
	struct sockaddr_un sa;
	socklen_t len;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			  (size_t)snprintf(sa.sun_path + 1, sizeof sa.sun_path - 1,
					   "tigerfix.%d", (int)pid));
	do {
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (connect(fd, (struct sockaddr *)&sa, len) == 0)
			return fd;
		close(fd);
		poll(NULL, 0, 5);  /* back off between attempts */
	} while (now_ms() < deadline);
	return -1;
}

/* read one line (up to cap) with a 5 s deadline; length, 0 on EOF, -1 */
static ssize_t read_line(int fd, char *buf, size_t cap)
{
	long deadline = now_ms() + 5000;
	size_t n = 0;

	while (n + 1 < cap) {
		struct pollfd p = { fd, POLLIN, 0 };
		long left = deadline - now_ms();
		ssize_t r;
		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return -1;
		r = read(fd, buf + n, 1);
		if (r == 0)
			return 0;
		if (r < 0)
			return errno == ECONNRESET ? 0 : -1;
		if (buf[n++] == '\n')
			break;
	}
	buf[n] = 0;
	return (ssize_t)n;
}

static void ask(int fd, const char *req, char *ans, size_t cap)
{
	assert_int_equal(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	assert_true(read_line(fd, ans, cap) > 0);
}

static void hello_and_sites(void **state)
{
	char ans[65536], want[64];
	int fd = ctl_connect(getpid());
	tf_hook *h, *i;

	assert_true(fd >= 0);
	ask(fd, "{\"op\":\"hello\"}\n", ans, sizeof ans);
	snprintf(want, sizeof want, "\"pid\":%d", (int)getpid());
	assert_non_null(strstr(ans, want));
	assert_non_null(strstr(ans, "\"ok\":true"));
	snprintf(want, sizeof want, "\"abi\":%d", TF_ABI_VERSION);
	assert_non_null(strstr(ans, want));
	assert_non_null(strstr(ans, "\"sites\":6"));
	assert_non_null(strstr(ans, "test_ctl"));

	ask(fd, "{\"op\":\"sites\",\"glob\":\"add\"}\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "\"name\":\"add\""));
	assert_non_null(strstr(ans, "\"live\":\"original\""));
	assert_non_null(strstr(ans, "\"intercepted\":false"));
	assert_null(strstr(ans, "fib"));
	h = tf_replace(tf_site_find("add"), (tf_fnptr)&fib, TF_PROCESS, NULL, 0);
	i = tf_intercept(tf_site_find("add"), NULL, (tf_post_fn)&bump, NULL,
			 TF_PROCESS, NULL, 0);
	ask(fd, "{\"op\":\"sites\",\"glob\":\"*disp_unit.c:a*\"}\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "\"live\":\"replaced\""));
	assert_non_null(strstr(ans, "\"intercepted\":true"));
	tf_undo(i);
	tf_undo(h);
	ask(fd, "{\"op\":\"sites\"}\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "\"vsum\""));
	ask(fd, "{\"op\":\"list\"}\n", ans, sizeof ans);
	assert_string_equal(ans, "{\"patches\":[],\"ok\":true}\n");
	ask(fd, "{\"op\":\"load\",\"path\":\"/x.so\"}\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "\"ok\":false"));
	assert_non_null(strstr(ans, "\"error\":\""));  /* no such file */
	close(fd);
}

static void garbage_and_half_lines(void **state)
{
	char ans[4096];
	int fd = ctl_connect(getpid()), slow = ctl_connect(getpid());

	assert_true(fd >= 0 && slow >= 0);
	assert_int_equal(write(slow, "{\"op\":", 6), 6);  /* half a line */
	ask(fd, "garbage\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "\"ok\":false"));
	assert_non_null(strstr(ans, "\"error\":\"request is not one JSON"));
	ask(fd, "{\"op\":\"hello\"} trailing\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "\"ok\":false"));
	ask(fd, "[1,2]\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "no \\\"op\\\""));
	ask(fd, "{\"op\":\"dance\"}\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "unknown op"));
	ask(fd, "\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "\"ok\":false"));
	ask(fd, "{\"op\":\"hello\"}\n", ans, sizeof ans);  /* still usable */
	assert_non_null(strstr(ans, "\"ok\":true"));
	ask(slow, "\"hello\"}\n", ans, sizeof ans);        /* rest of it */
	assert_non_null(strstr(ans, "\"ok\":true"));
	close(fd);
	close(slow);
}

static void long_line_closes(void **state)
{
	size_t size = 1 << 20, off = 0;
	char *big = malloc(size), ans[4096];
	int fd = ctl_connect(getpid()), other;
	long deadline = now_ms() + 5000;

	assert_true(fd >= 0);
	memset(big, 'x', size);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (off < size && now_ms() < deadline) {
		ssize_t w = send(fd, big + off, size - off, MSG_NOSIGNAL);
		if (w > 0)
			off += (size_t)w;
		else if (errno == EAGAIN)
			poll(&(struct pollfd){ fd, POLLOUT, 0 }, 1, 100);
		else
			break;  /* closed by the server: expected */
	}
	fcntl(fd, F_SETFL, 0);
	assert_true(off < size || read_line(fd, ans, sizeof ans) == 0);
	assert_int_equal(read_line(fd, ans, sizeof ans), 0);  /* closed */
	close(fd);
	free(big);
	other = ctl_connect(getpid());
	ask(other, "{\"op\":\"hello\"}\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "\"ok\":true"));
	close(other);
}

static void fifty_clients(void **state)
{
	int fds[50], i;
	char ans[4096];

	for (i = 0; i < 50; i++) {
		fds[i] = ctl_connect(getpid());
		assert_true(fds[i] >= 0);
		assert_int_equal(write(fds[i], "{\"op\":\"hello\"}\n", 15), 15);
	}
	for (i = 49; i >= 0; i--) {
		assert_true(read_line(fds[i], ans, sizeof ans) > 0);
		assert_non_null(strstr(ans, "\"ok\":true"));
		close(fds[i]);
	}
}

static void other_uid_refused(void **state)
{
	struct passwd *pw = getpwnam("nobody");
	pid_t child;
	int status;

	if (geteuid() != 0 || !pw)
		skip();
	child = fork();
	if (child == 0) {
		char ans[256];
		int fd;
		if (setgid(pw->pw_gid) || setuid(pw->pw_uid))
			_exit(2);
		fd = ctl_connect(getppid());
		if (fd < 0)
			_exit(3);
		if (send(fd, "{\"op\":\"hello\"}\n", 15, MSG_NOSIGNAL) < 0) {}
		_exit(read_line(fd, ans, sizeof ans) == 0 ? 0 : 4);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	if (!WIFEXITED(status))
		print_message("child killed by signal %d\n", WTERMSIG(status));
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* fork a child that waits for the parent to close the pipe; if
   close_all, the child first closes every fd but the pipe */
static pid_t fork_waiting(int *wr, int close_all)
{
	int p[2], ready[2];
	pid_t child;
	char c;

	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	assert_int_equal(pipe2(ready, O_CLOEXEC), 0);
	child = fork();
	if (child == 0) {
		close(p[1]);
		close(ready[0]);
		if (close_all && ctl_connect(getpid()) < 0)
			_exit(1);       /* our server is up: now close it all */
		if (close_all)
			for (int fd = 3; fd < 1024; fd++)
				if (fd != p[0] && fd != ready[1])
					close(fd);
		if (write(ready[1], "r", 1) < 0) {}
		while (read(p[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	*wr = p[1];
	return child;
}

static void child_answers_on_its_pid(int close_all)
{
	char ans[4096], want[64];
	int wr, fd, status;
	pid_t child = fork_waiting(&wr, close_all);

	/* a connection made while the listener is being replaced may be
	   dropped, even before the request is written (no SIGPIPE then):
	   retry until the deadline, as a client would */
	long deadline = now_ms() + 5000;
	for (;;) {
		fd = ctl_connect(child);
		assert_true(fd >= 0);
		if (send(fd, "{\"op\":\"hello\"}\n", 15, MSG_NOSIGNAL) == 15 &&
		    read_line(fd, ans, sizeof ans) > 0)
			break;
		close(fd);
		assert_true(now_ms() < deadline);
		poll(NULL, 0, 10);
	}
	snprintf(want, sizeof want, "\"pid\":%d", (int)child);
	assert_non_null(strstr(ans, want));
	close(fd);
	close(wr);
	assert_int_equal(waitpid(child, &status, 0), child);
	/* the parent still serves too */
	fd = ctl_connect(getpid());
	ask(fd, "{\"op\":\"hello\"}\n", ans, sizeof ans);
	assert_non_null(strstr(ans, "\"ok\":true"));
	close(fd);
}

static void fork_child(void **state) { child_answers_on_its_pid(0); }
static void listener_closed(void **state) { child_answers_on_its_pid(1); }

static void log_only_when_asked(void **state)
{
	char path[] = "/tmp/tf_unit_logXXXXXX", buf[512] = "";
	int fd = mkstemp(path);
	ssize_t n;

	assert_true(fd >= 0);
	setenv("TF_LOG", path, 1);
	assert_null(tf_replace_by_name(NULL, "nope", (tf_fnptr)&add,
				       TF_PROCESS, NULL, 0));
	unsetenv("TF_LOG");
	n = read(fd, buf, sizeof buf - 1);
	assert_true(n > 0);
	assert_non_null(strstr(buf, "tf_replace_by_name: no instrumented "
				    "function nope()"));
	close(fd);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hello_and_sites),
		cmocka_unit_test(garbage_and_half_lines),
		cmocka_unit_test(long_line_closes),
		cmocka_unit_test(fifty_clients),
		cmocka_unit_test(other_uid_refused),
		cmocka_unit_test(fork_child),
		cmocka_unit_test(listener_closed),
		cmocka_unit_test(log_only_when_asked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
