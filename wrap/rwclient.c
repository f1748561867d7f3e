/*
** rwclient: tfcc's side of the rewrite server (rewriter/serve.c; the
** protocol is rewriter/serve_proto.h).  A rewrite goes to the server of
** this user and this tf-rewrite binary if one listens; otherwise tfcc
** runs tf-rewrite itself, as without a server, and starts one in the
** background for the compiles that follow (at most one try per 10 s).
** Any failure means "run it yourself": the server can only save time.
**
** The socket is $XDG_RUNTIME_DIR/tigerfix/rw-HASH, else
** /tmp/tigerfix-UID/rw-HASH, in a directory that must be the user's own
** with mode 0700.  HASH covers the tf-rewrite binary (device, inode,
** size, mtime) and the loader's environment (LD_LIBRARY_PATH,
** LD_PRELOAD), which decide what the server runs.  TF_SERVER=0: no
** server, nor with TF_REWRITE set.  TF_SERVER_IDLE=N: a server started
** now exits after N s idle.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tfcc.h"
#include "serve_proto.h"

#define SPAWN_RETRY_SECONDS 10

extern char **environ;

/* the socket's path into out; -1 if there is no safe place for it */
static int sock_path(char *out, size_t len)
{
	const char *x = getenv("XDG_RUNTIME_DIR");
	char dir[256];
	struct stat st;
	uint64_t h = U_FNV_INIT;
	const char *ld;

	if (x && x[0] == '/' && strlen(x) < 64)
		snprintf(dir, sizeof dir, "%s/tigerfix", x);
	else
		snprintf(dir, sizeof dir, "/tmp/tigerfix-%u", (unsigned)getuid());
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != getuid() || (st.st_mode & 077))
		return -1;
	if (stat(tf_env.rewrite, &st) != 0)
		return -1;
	h = u_fnv(h, &st.st_dev, sizeof st.st_dev);
	h = u_fnv(h, &st.st_ino, sizeof st.st_ino);
	h = u_fnv(h, &st.st_size, sizeof st.st_size);
	h = u_fnv(h, &st.st_mtim, sizeof st.st_mtim);
	if ((ld = getenv("LD_LIBRARY_PATH")))
		h = u_fnv(h, ld, strlen(ld) + 1);
	h = u_fnv(h, "|", 1);
	if ((ld = getenv("LD_PRELOAD")))
		h = u_fnv(h, ld, strlen(ld) + 1);
	if ((size_t)snprintf(out, len, "%s/rw-%016llx", dir,
			     (unsigned long long)h) >= len)
		return -1;
	return 0;
}

/* start a server for path in the background, at most once per
   SPAWN_RETRY_SECONDS (the marker file says when it was last tried) */
static void spawn_server(const char *path)
{
	char mark[300];
	struct stat st;
	pid_t pid;
	int fd;

	snprintf(mark, sizeof mark, "%s.spawn", path);
	fd = open(mark, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (stat(mark, &st) != 0 ||
		    time(NULL) - st.st_mtime < SPAWN_RETRY_SECONDS)
			return;
		unlink(mark);
		fd = open(mark, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0)
			return;
	}
	close(fd);
	pid = fork();
	if (pid == 0) {
		/* detached: its own session, no descriptor of the build (a
		   pipe kept open would keep `make | tee` waiting) */
		setsid();
		if (fork() != 0)
			_exit(0);
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		closefrom(3);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGHUP, SIG_IGN);
		execl(tf_env.rewrite, tf_env.rewrite, "--serve", path,
		      (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
}

static void add(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s) + 1;
	if (!*buf)
		return;
	if (*len + n > *cap) {
		*cap = (*len + n) * 2;
		char *p = realloc(*buf, *cap);
		if (!p) {
			free(*buf);
			*buf = NULL;
			return;
		}
		*buf = p;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
}

static int write_full(int fd, const void *p, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(fd, (const char *)p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	return 0;
}

/* the request over s (fds: stdout, stderr); 0 when sent */
static int send_request(int s, char *const *argv, int out_fd, int err_fd)
{
	char cwd[4096], num[64], cbuf[CMSG_SPACE(2 * sizeof(int))];
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	int argc, envc, fds[2] = { out_fd, err_fd }, rc = -1;

	if (!getcwd(cwd, sizeof cwd))
		goto out;
	for (argc = 0; argv[argc]; argc++)
		;
	for (envc = 0; environ && environ[envc]; envc++)
		;
	add(&buf, &len, &cap, RWS_MAGIC);
	struct stat st;
	if (stat("/", &st) != 0)
		goto out;
	snprintf(num, sizeof num, "%llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino);
	add(&buf, &len, &cap, num);
	if (stat(".", &st) != 0)
		goto out;
	snprintf(num, sizeof num, "%llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino);
	add(&buf, &len, &cap, num);
	add(&buf, &len, &cap, cwd);
	snprintf(num, sizeof num, "%d", argc);
	add(&buf, &len, &cap, num);
	for (int i = 0; i < argc; i++)
		add(&buf, &len, &cap, argv[i]);
	snprintf(num, sizeof num, "%d", envc);
	add(&buf, &len, &cap, num);
	for (int i = 0; i < envc; i++)
		add(&buf, &len, &cap, environ[i]);
	if (!buf || len > RWS_MAX_REQUEST)
		goto out;

	uint32_t n = (uint32_t)len;
	struct iovec iov = { &n, sizeof n };
	struct msghdr m = { 0 };
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof cbuf;
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof fds);
	memcpy(CMSG_DATA(cm), fds, sizeof fds);
	ssize_t w;
	do
		w = sendmsg(s, &m, MSG_NOSIGNAL);
	while (w < 0 && errno == EINTR);
	if (w == (ssize_t)sizeof n && write_full(s, buf, len) == 0)
		rc = 0;
out:
	free(buf);
	return rc;
}

int rwc_run(char *const *argv, const char *err_to)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	const char *v = getenv("TF_SERVER");
	uint32_t st;
	size_t got = 0;
	int s, err_fd = 2, rc = -1;

	/* TF_REWRITE (tests, development) may name another rewriter, which
	   has no --serve */
	if ((v && !strcmp(v, "0")) || getenv("TF_REWRITE"))
		return -1;
	if (sock_path(a.sun_path, sizeof a.sun_path) != 0)
		return -1;
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
		close(s);
		spawn_server(a.sun_path);
		return -1;
	}
	if (err_to && (err_fd = open(err_to, O_WRONLY | O_CREAT | O_TRUNC |
					     O_CLOEXEC, 0600)) < 0) {
		close(s);
		return -1;
	}
	if (tf_env.verbose)
		fprintf(stderr, "tfcc: rewrite server %s:\n", a.sun_path);
	if (send_request(s, argv, 1, err_fd) == 0) {
		while (got < sizeof st) {
			ssize_t n = read(s, (char *)&st + got, sizeof st - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got == sizeof st && st != RWS_FALLBACK)
			rc = (int)(st & 0xff) << 8;     /* as a wait status */
	}
	if (err_fd != 2)
		close(err_fd);
	close(s);
	return rc;
}
