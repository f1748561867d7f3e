/*
** tf-rewrite --serve SOCKET: the rewrite server.  Most of a small
** file's tf-rewrite run is the dynamic loader relocating libclang and
** libLLVM and LLVM's static constructors (about 70 ms of 100 ms here);
** a server pays that once, then forks a child per request, which runs
** the rewrite with the client's working directory, environment, stdout
** and stderr (serve_proto.h), and exits.  tfcc starts the server
** (wrap/rwclient.c) and falls back to running tf-rewrite itself whenever
** the server is absent or answers nothing.  The server takes requests
** only from its own user, and exits after RWS_IDLE_SECONDS (or
** TF_SERVER_IDLE) without one, or once its socket is removed.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <clang-c/Index.h>

#include "rewriter.h"
#include "serve_proto.h"

int rw_status_fd = -1;

/* on_exit: the exit status to the client */
static void send_status(int status, void *arg)
{
	uint32_t st = (uint32_t)status & 0xff;
	ssize_t n;
	(void)arg;
	fflush(NULL);
	if (rw_status_fd >= 0)
		n = write(rw_status_fd, &st, sizeof st);
	(void)n;
}

static void fallback(int c)
{
	uint32_t st = RWS_FALLBACK;
	ssize_t n = write(c, &st, sizeof st);
	(void)n;
	_exit(0);
}

static int read_full(int fd, void *p, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = read(fd, (char *)p + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

/* next NUL-terminated string of the request, or NULL past its end */
static char *next(char **p, char *end)
{
	char *s = *p, *z = s < end ? memchr(s, 0, (size_t)(end - s)) : NULL;
	if (!z)
		return NULL;
	*p = z + 1;
	return s;
}

/* path is the file whose identity the client sent as "DEV:INO" */
static int same_file(const char *path, const char *id)
{
	struct stat st;
	char mine[64];
	if (stat(path, &st) != 0)
		return 0;
	snprintf(mine, sizeof mine, "%llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino);
	return strcmp(mine, id) == 0;
}

/* one request, in a child of the server; never returns */
static void serve_one(int c)
{
	struct ucred cr;
	socklen_t crlen = sizeof cr;
	uint32_t len;
	char cbuf[CMSG_SPACE(2 * sizeof(int))];
	struct iovec iov = { &len, sizeof len };
	struct msghdr m = { 0 };
	struct cmsghdr *cm;
	int fds[2] = { -1, -1 };

	if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &crlen) != 0 ||
	    cr.uid != getuid())
		_exit(0);
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof cbuf;
	if (recvmsg(c, &m, MSG_CMSG_CLOEXEC) != sizeof len ||
	    !(cm = CMSG_FIRSTHDR(&m)) || cm->cmsg_type != SCM_RIGHTS ||
	    cm->cmsg_len != CMSG_LEN(2 * sizeof(int)))
		fallback(c);
	memcpy(fds, CMSG_DATA(cm), sizeof fds);
	char *req = len <= RWS_MAX_REQUEST ? malloc(len + 1) : NULL;
	if (!req || read_full(c, req, len))
		fallback(c);
	req[len] = 0;
	char *p = req, *end = req + len, *s;
	char *cwd, *root_id, *cwd_id;
	long argc, envc, i;
	if (!(s = next(&p, end)) || strcmp(s, RWS_MAGIC) ||
	    !(root_id = next(&p, end)) || !(cwd_id = next(&p, end)) ||
	    !(cwd = next(&p, end)) || !(s = next(&p, end)) ||
	    (argc = strtol(s, NULL, 10)) < 1 || argc > 100000)
		fallback(c);
	char **argv = calloc((size_t)argc + 1, sizeof *argv);
	for (i = 0; argv && i < argc; i++)
		if (!(argv[i] = next(&p, end)))
			fallback(c);
	if (!argv || !(s = next(&p, end)) ||
	    (envc = strtol(s, NULL, 10)) < 0 || envc > 100000 ||
	    chdir(cwd) != 0 || !same_file("/", root_id) ||
	    !same_file(".", cwd_id))
		fallback(c);
	clearenv();
	for (i = 0; i < envc; i++) {
		if (!(s = next(&p, end)))
			fallback(c);
		if (strchr(s, '='))
			putenv(s);
	}
	if (dup2(fds[0], 1) < 0 || dup2(fds[1], 2) < 0)
		fallback(c);
	close(fds[0]);
	close(fds[1]);
	rw_status_fd = c;
	on_exit(send_status, NULL);
	exit(rw_main((int)argc, argv));
}

/* bind path, replacing a dead server's socket; -1 if a live one has it */
static int listen_on(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int s, tries;

	if (strlen(path) >= sizeof a.sun_path)
		return -1;
	strcpy(a.sun_path, path);
	for (tries = 0; tries < 2; tries++) {
		s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (s < 0)
			return -1;
		if (bind(s, (struct sockaddr *)&a, sizeof a) == 0 &&
		    listen(s, 128) == 0)
			return s;
		int inuse = errno == EADDRINUSE;
		int live = inuse &&
			   connect(s, (struct sockaddr *)&a, sizeof a) == 0;
		close(s);
		if (!inuse || live)
			return -1;
		unlink(path);           /* a dead server's socket */
	}
	return -1;
}

static void on_child(int sig)
{
	(void)sig;
}

/* One parse of a tiny in-memory file before forking, so what libclang
   sets up lazily (targets, the builtin headers' directory) is done once:
   about 5 ms less per request here. */
static void prewarm(void)
{
	static const char src[] = "#include <stddef.h>\nint tf_warm;\n";
	struct CXUnsavedFile f = { "/tf-warm.c", src, sizeof src - 1 };
	const char *args[] = { "-O2" };
	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit tu = clang_parseTranslationUnit(idx, f.Filename,
							  args, 1, &f, 1, 0);
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(idx);
}

int rw_serve(const char *path)
{
	const char *idle_env = getenv("TF_SERVER_IDLE");
	int idle = idle_env && atoi(idle_env) > 0 ? atoi(idle_env)
						  : RWS_IDLE_SECONDS;
	struct stat mine, now;
	int s, ours = 1;

	umask(077);
	char mark[PATH_MAX];
	if ((s = listen_on(path)) < 0 || stat(path, &mine) != 0)
		return 0;
	snprintf(mark, sizeof mark, "%s.spawn", path);
	unlink(mark);           /* tfcc's marker (rwclient.c): up and running */
	if (chdir("/") != 0)
		return 0;
	prewarm();
	signal(SIGPIPE, SIG_IGN);
	/* a child's exit interrupts poll, so it is reaped at once */
	struct sigaction sa = { .sa_handler = on_child };
	sigaction(SIGCHLD, &sa, NULL);
	for (;;) {
		struct pollfd pf = { s, POLLIN, 0 };
		int r = poll(&pf, 1, idle * 1000);
		/* gone when the socket is no longer ours */
		if (stat(path, &now) != 0 || now.st_ino != mine.st_ino ||
		    now.st_dev != mine.st_dev) {
			ours = 0;
			break;
		}
		/* reaped with wait, so their CPU time adds up to the
		   server's (a parent that ignores SIGCHLD loses it) */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (r == 0)
			break;
		if (r < 0)
			continue;
		int c = accept4(s, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			continue;
		pid_t pid = fork();
		if (pid == 0) {
			close(s);
			signal(SIGPIPE, SIG_DFL);
			signal(SIGCHLD, SIG_DFL);
			serve_one(c);
		}
		close(c);
	}
	if (ours)
		unlink(path);
	while (wait(NULL) > 0 || errno == EINTR)    /* requests still running */
		;
	return 0;
}
