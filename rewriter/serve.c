/*
** tf-rewrite --serve SOCKET: the rewrite server.  Most of a small
** file's tf-rewrite run is the dynamic loader relocating libclang and
** libLLVM and LLVM's static constructors (about 70 ms of 100 ms here);
** a server pays that once, then forks workers that answer requests one
** after another, each with the client's working directory, environment,
** stdout and stderr (serve_proto.h).  A fork per request cost more than
** the rewrite of a small file: about 1000 page faults and 37 ms of CPU
** for a one-line one.  tfcc starts the server
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
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include <clang-c/Index.h>

#include "rewriter.h"
#include "serve_proto.h"

int rw_status_fd = -1;
static int null_fd = -1;   /* a worker's stdout and stderr between requests */

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

/* One request, in a worker.  Returns tf-rewrite's status, or -1 when it
   answered RWS_FALLBACK (or nothing). */
static int serve_one(int c)
{
	static char *held;      /* the last request: its environment lives in it */
	struct ucred cr;
	socklen_t crlen = sizeof cr;
	uint32_t len;
	char cbuf[CMSG_SPACE(2 * sizeof(int))];
	struct iovec iov = { &len, sizeof len };
	struct msghdr m = { 0 };
	struct cmsghdr *cm;
	int fds[2] = { -1, -1 }, st = -1;
	char *req = NULL, **argv = NULL;

	if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &crlen) != 0 ||
	    cr.uid != getuid())
		return -1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof cbuf;
	if (recvmsg(c, &m, MSG_CMSG_CLOEXEC) != sizeof len ||
	    !(cm = CMSG_FIRSTHDR(&m)) || cm->cmsg_type != SCM_RIGHTS ||
	    cm->cmsg_len != CMSG_LEN(2 * sizeof(int)))
		goto fallback;
	memcpy(fds, CMSG_DATA(cm), sizeof fds);
	req = len <= RWS_MAX_REQUEST ? malloc(len + 1) : NULL;
	if (!req || read_full(c, req, len))
		goto fallback;
	req[len] = 0;
	char *p = req, *end = req + len, *s;
	char *cwd, *root_id, *cwd_id;
	long argc, envc, i;
	if (!(s = next(&p, end)) || strcmp(s, RWS_MAGIC) ||
	    !(root_id = next(&p, end)) || !(cwd_id = next(&p, end)) ||
	    !(cwd = next(&p, end)) || !(s = next(&p, end)) ||
	    (argc = strtol(s, NULL, 10)) < 1 || argc > 100000)
		goto fallback;
	argv = calloc((size_t)argc + 1, sizeof *argv);
	for (i = 0; argv && i < argc; i++)
		if (!(argv[i] = next(&p, end)))
			goto fallback;
	if (!argv || !(s = next(&p, end)) ||
	    (envc = strtol(s, NULL, 10)) < 0 || envc > 100000 ||
	    chdir(cwd) != 0 || !same_file("/", root_id) ||
	    !same_file(".", cwd_id))
		goto fallback;
	/* the environment is the client's, strings and all: checked first,
	   then put in place of the last request's */
	char *envp = p;
	for (i = 0; i < envc; i++)
		if (!next(&p, end))
			goto fallback;
	clearenv();
	free(held);
	held = req;
	for (i = 0, p = envp; i < envc; i++) {
		s = next(&p, end);
		if (strchr(s, '='))
			putenv(s);
	}
	req = NULL;
	if (dup2(fds[0], 1) < 0 || dup2(fds[1], 2) < 0)
		goto fallback;
	rw_status_fd = c;
	st = rw_main((int)argc, argv);
	send_status(st, NULL);
	goto done;
fallback:
	{
		uint32_t fb = RWS_FALLBACK;
		ssize_t n = write(c, &fb, sizeof fb);
		(void)n;
	}
done:
	rw_status_fd = -1;
	fflush(NULL);
	if (null_fd >= 0) {     /* let go of the client's stdout and stderr */
		dup2(null_fd, 1);
		dup2(null_fd, 2);
	}
	for (int k = 0; k < 2; k++)
		if (fds[k] >= 0)
			close(fds[k]);
	if (chdir("/") != 0)    /* nor its directory: a fresh worker, then */
		st = -1;
	free(argv);
	free(req);
	return st;
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

/* What the workers tell the server, in memory they share.  A worker's
   busy flag is its own, so one that dies inside a request (killed) is
   not counted busy for ever: the server clears the flag of the dead. */
struct shared {
	unsigned long served;           /* requests answered, ever */
	int busy[RWS_MAX_WORKERS];      /* by worker slot: inside a request */
};

/* How big a worker may grow, in MB: RWS_MAX_RSS_MB, or TF_SERVER_WORKER_MB
   (read by the server before it forks any). */
static long max_rss_mb = RWS_MAX_RSS_MB;

/* Has this worker grown past max_rss_mb (a huge file's parse leaves its
   memory with the allocator)?  Then a fresh worker takes over. */
static int big(void)
{
	long pages = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
			rss = 0;
		fclose(f);
	}
	return rss * (sysconf(_SC_PAGESIZE) >> 10) > max_rss_mb * 1024L;
}

/*
** A worker: a fork of the warmed-up server that answers requests one
** after another, in its own process (so a crash, or a leak, ends with
** it), until it has answered RWS_RECYCLE of them, or one failed (a
** recovered libclang crash may leave a parser in a bad state), or it has
** grown big: then it exits and the server forks a fresh one.  Never
** returns.
*/
static void worker(int s, pid_t server, struct shared *sh, int slot)
{
	signal(SIGCHLD, SIG_DFL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != server)
		_exit(0);
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	on_exit(send_status, NULL);     /* tf-rewrite's own exit() calls */
	for (int n = 0; n < RWS_RECYCLE; n++) {
		int c = accept4(s, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			break;
		}
		__atomic_store_n(&sh->busy[slot], 1, __ATOMIC_SEQ_CST);
		int st = serve_one(c);
		close(c);
		__atomic_add_fetch(&sh->served, 1, __ATOMIC_SEQ_CST);
		__atomic_store_n(&sh->busy[slot], 0, __ATOMIC_SEQ_CST);
		if (st != 0 || big())
			break;
	}
	_exit(0);
}

/* how many of the maxw workers are busy */
static int busy_now(const struct shared *sh, int maxw)
{
	int n = 0;
	for (int i = 0; i < maxw; i++)
		n += __atomic_load_n(&sh->busy[i], __ATOMIC_SEQ_CST);
	return n;
}

/* one per processor, or TF_SERVER_WORKERS; 1 to RWS_MAX_WORKERS */
static int max_workers(void)
{
	const char *e = getenv("TF_SERVER_WORKERS");
	long n = e && atoi(e) > 0 ? atoi(e) : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > RWS_MAX_WORKERS ? RWS_MAX_WORKERS : (int)n;
}

/*
** The server forks workers (serve_one runs in them), one to start with
** and another whenever a request waits while every worker is busy, up to
** one per processor; it forks a new one in place of each that exits.  It
** exits, its workers with it, after the idle time without a request, or
** once its socket is removed or replaced.
*/
int rw_serve(const char *path)
{
	const char *idle_env = getenv("TF_SERVER_IDLE");
	const char *mb_env = getenv("TF_SERVER_WORKER_MB");
	if (mb_env && atol(mb_env) > 0)
		max_rss_mb = atol(mb_env);
	int idle = idle_env && atoi(idle_env) > 0 ? atoi(idle_env)
						  : RWS_IDLE_SECONDS;
	struct stat mine, now;
	int s, ours = 1, maxw = max_workers();
	pid_t pids[RWS_MAX_WORKERS] = { 0 }, self = getpid();

	umask(077);
	char mark[PATH_MAX];
	if ((s = listen_on(path)) < 0 || stat(path, &mine) != 0)
		return 0;
	snprintf(mark, sizeof mark, "%s.spawn", path);
	unlink(mark);           /* tfcc's marker (rwclient.c): up and running */
	if (chdir("/") != 0)
		return 0;
	prewarm();
	struct shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 0;
	signal(SIGPIPE, SIG_IGN);
	/* a worker's exit interrupts poll, so it is replaced at once */
	struct sigaction sa = { .sa_handler = on_child };
	sigaction(SIGCHLD, &sa, NULL);
	unsigned long seen = 0;
	struct timespec last;
	clock_gettime(CLOCK_MONOTONIC, &last);
	for (int nw = 0;;) {
		pid_t pid;
		int want, busy, slot = -1;
		struct pollfd pf = { s, POLLIN, 0 };
		/* with no worker, soon: one is forked (a failed fork retried) */
		int r = poll(&pf, 1, nw ? 1000 : 100);
		/* gone when the socket is no longer ours */
		if (stat(path, &now) != 0 || now.st_ino != mine.st_ino ||
		    now.st_dev != mine.st_dev) {
			ours = 0;
			break;
		}
		/* reaped with wait, so their CPU time adds up to the
		   server's (a parent that ignores SIGCHLD loses it) */
		while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			for (int i = 0; i < maxw; i++)
				if (pids[i] == pid) {
					pids[i] = 0;
					__atomic_store_n(&sh->busy[i], 0,
							 __ATOMIC_SEQ_CST);
				}
		nw = 0;
		for (int i = 0; i < maxw; i++) {
			if (!pids[i])
				slot = i;
			nw += pids[i] != 0;
		}
		/* none left (or yet), or a request still waits a moment
		   later with every worker busy: one more */
		want = nw == 0;
		if (r > 0 && nw < maxw) {
			poll(NULL, 0, 5);
			want = poll(&pf, 1, 0) > 0 && busy_now(sh, maxw) >= nw;
		}
		if (want && slot >= 0) {
			pid = fork();
			if (pid == 0)
				worker(s, self, sh, slot);
			if (pid > 0) {
				pids[slot] = pid;
				nw++;
			}
		}
		busy = busy_now(sh, maxw);
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		unsigned long served = __atomic_load_n(&sh->served,
						       __ATOMIC_SEQ_CST);
		if (served != seen || busy > 0) {
			seen = served;
			last = t;
		} else if (t.tv_sec - last.tv_sec >= idle) {
			break;
		}
		if (r > 0 && !want)     /* a worker takes it: look again later */
			poll(NULL, 0, 5);
	}
	if (ours)
		unlink(path);
	for (int i = 0; i < maxw; i++)
		if (pids[i])
			kill(pids[i], SIGTERM);
	while (wait(NULL) > 0 || errno == EINTR)    /* workers to end */
		;
	return 0;
}
