/*
** Control server: one thread (all signals blocked) serving the abstract
** unix socket "\0tigerfix.<pid>" with poll(); one JSON request per line
** (docs/protocol.md), answered by ctl_ops.c.  Restarted after fork();
** stopped and joined at exit, so that a program checked by valgrind
** --leak-check=full shows nothing of it (a thread alive at exit leaves
** its thread-local block "possibly lost").  Its descriptors sit high
** (fd_high), out of the numbers the program's own open() calls get.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "tf_int.h"

#define SRV_LINE_MAX 65536          /* longest request line, without '\n' */
#define SRV_OUT_MAX (1 << 20)       /* stop reading a client past this */
#define SRV_MAX_CLIENTS 256
#define SRV_TICK_MS 1000            /* re-check the listener this often */

/* An fd we own, with the identity of what it was when we opened it: the
   program may close it (daemons close every fd) and reuse the number. */
struct srv_fd {
	int fd;
	dev_t dev;
	ino_t ino;
};

struct client {
	struct srv_fd f;
	char *in;               /* partial request, SRV_LINE_MAX + 1 bytes */
	size_t inlen;
	char *out;              /* answers not yet written */
	size_t outlen, outoff, outcap;
};

static pthread_mutex_t srv_lock = PTHREAD_MUTEX_INITIALIZER;
static struct srv_fd listener = { -1, 0, 0 };
static struct client *clients;
static int nclients;
static int srv_started;             /* a server thread runs in this pid */
static int srv_stopping;            /* srv_stop: leave the loop */
static pthread_t srv_thread;
static struct pollfd *srv_pf;       /* srv_main's poll set */
static int srv_pfcap;
static int bind_failed_logged;

static void remember(struct srv_fd *f, int fd)
{
	struct stat st;
	f->fd = fd;
	f->dev = 0;
	f->ino = 0;
	if (fstat(fd, &st) == 0) {
		f->dev = st.st_dev;
		f->ino = st.st_ino;
	}
}

/* still the object we opened? (if not, the number is the program's now) */
static int still_ours(const struct srv_fd *f)
{
	struct stat st;
	return f->fd >= 0 && fstat(f->fd, &st) == 0 && st.st_dev == f->dev &&
	       st.st_ino == f->ino;
}

/*
** fd moved to a high number, the lowest free one from a little below
** the descriptor limit (at most 1024: a program that select()s never
** meets it): POSIX gives open() the lowest free number, and programs and
** test suites count on it (gnulib's test-dup2 asserts that fd + 1 is
** free after its own open).  The move leaves the low number taken for a
** moment only: the listener is made before main, when the control
** thread starts.  If the move fails, fd stays where it is.
*/
static int fd_high(int fd)
{
	struct rlimit rl;
	long top = 1024, base;
	int hi;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)top)
		top = (long)rl.rlim_cur;
	base = top > 256 ? top - 64 : top / 2;
	if (fd >= base || base <= 3)
		return fd;
	hi = fcntl(fd, F_DUPFD_CLOEXEC, (int)base);
	if (hi < 0)
		return fd;
	close(fd);
	return hi;
}

static void listener_open(void)
{
	struct sockaddr_un sa;
	socklen_t len;
	int fd;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			  (size_t)snprintf(sa.sun_path + 1,
					   sizeof sa.sun_path - 1,
					   "tigerfix.%d", (int)getpid()));
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return;
	if (bind(fd, (struct sockaddr *)&sa, len) < 0 || listen(fd, 64) < 0) {
		if (!bind_failed_logged++)
			log_msg("control: cannot serve @%s: %s; tfctl will "
				"fall back to ptrace", sa.sun_path + 1,
				strerror(errno));
		close(fd);
		return;
	}
	bind_failed_logged = 0;
	remember(&listener, fd_high(fd));
	log_msg("control: serving @%s", sa.sun_path + 1);
}

static void client_drop(int i, int ours)
{
	struct client *c = &clients[i];
	if (ours && still_ours(&c->f))
		close(c->f.fd);
	free(c->in);
	free(c->out);
	clients[i] = clients[--nclients];
}

/* same uid as this process (effective), or root */
static int peer_allowed(int fd)
{
	struct ucred cr;
	socklen_t len = sizeof cr;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0)
		return 0;
	if (cr.uid == 0 || cr.uid == geteuid())
		return 1;
	log_msg("control: refused pid %d uid %u: only uid %u or root may "
		"control this process", (int)cr.pid, (unsigned)cr.uid,
		(unsigned)geteuid());
	return 0;
}

static void accept_all(void)
{
	for (;;) {
		int fd = accept4(listener.fd, NULL, NULL,
				 SOCK_CLOEXEC | SOCK_NONBLOCK);
		struct client *c;
		if (fd < 0)
			return;
		if (!peer_allowed(fd) || nclients >= SRV_MAX_CLIENTS) {
			if (nclients >= SRV_MAX_CLIENTS)
				log_msg("control: too many clients (%d); "
					"connection closed", nclients);
			close(fd);
			continue;
		}
		c = realloc(clients, (size_t)(nclients + 1) * sizeof *c);
		if (!c) {
			close(fd);
			continue;
		}
		clients = c;
		c = &clients[nclients];
		memset(c, 0, sizeof *c);
		c->in = malloc(SRV_LINE_MAX + 1);
		if (!c->in) {
			close(fd);
			continue;
		}
		remember(&c->f, fd_high(fd));
		nclients++;
	}
}

/* queue an answer; -1 if out of memory */
static int queue(struct client *c, const char *s, size_t n)
{
	if (c->outoff && c->outoff == c->outlen)
		c->outoff = c->outlen = 0;
	if (c->outlen + n > c->outcap) {
		size_t cap = c->outcap ? c->outcap : 4096;
		char *p;
		while (cap < c->outlen + n)
			cap *= 2;
		p = realloc(c->out, cap);
		if (!p)
			return -1;
		c->out = p;
		c->outcap = cap;
	}
	memcpy(c->out + c->outlen, s, n);
	c->outlen += n;
	return 0;
}

/* answer every complete line in c->in; -1 to drop the client */
static int serve_lines(struct client *c)
{
	char *start = c->in, *nl;
	size_t left = c->inlen;

	while ((nl = memchr(start, '\n', left)) != NULL) {
		size_t n = (size_t)(nl - start);
		char *ans;
		int r;
		*nl = 0;
		ans = ops_handle(start, n);
		r = ans ? queue(c, ans, strlen(ans)) : -1;
		free(ans);
		if (r < 0)
			return -1;
		left -= n + 1;
		start = nl + 1;
	}
	if (left > SRV_LINE_MAX)
		return -1;      /* a line over the limit closes it */
	memmove(c->in, start, left);
	c->inlen = left;
	return 0;
}

/* one readable client; -1 to drop it */
static int client_read(struct client *c)
{
	for (;;) {
		ssize_t n = read(c->f.fd, c->in + c->inlen,
				 SRV_LINE_MAX + 1 - c->inlen);
		if (n == 0)
			return -1;
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		c->inlen += (size_t)n;
		if (serve_lines(c) < 0)
			return -1;
		if (c->outlen - c->outoff > SRV_OUT_MAX)
			return 0;       /* let it read its answers first */
	}
}

static int client_write(struct client *c)
{
	while (c->outoff < c->outlen) {
		ssize_t n = send(c->f.fd, c->out + c->outoff,
				 c->outlen - c->outoff,
				 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		c->outoff += (size_t)n;
	}
	return 0;
}

/* handle poll results; caller holds srv_lock */
static void handle(struct pollfd *pf, int npf)
{
	int i;

	if (pf[0].fd >= 0 && (pf[0].revents & POLLNVAL))
		listener.fd = -1;      /* closed under us: recreate */
	else if (pf[0].fd >= 0 && pf[0].revents && still_ours(&listener))
		accept_all();
	/* clients were not added before index npf - 1, only appended */
	for (i = npf - 2; i >= 0; i--) {
		struct client *c = &clients[i];
		short re = pf[i + 1].revents;
		int bad = 0;
		if (!re)
			continue;
		if (re & POLLNVAL || !still_ours(&c->f)) {
			client_drop(i, 0);
			continue;
		}
		if (re & POLLIN)
			bad = client_read(c) < 0;
		if (!bad && (re & (POLLOUT | POLLIN)))
			bad = client_write(c) < 0;
		if (bad || (re & (POLLERR | POLLHUP) && !(re & POLLIN)))
			client_drop(i, 1);
	}
}

/* Until srv_stop says stop (and shuts the listener down, which wakes the
   poll): between operations, never in one. */
static void *srv_main(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&srv_stopping, __ATOMIC_ACQUIRE)) {
		int i, n, r;
		pthread_mutex_lock(&srv_lock);
		if (listener.fd >= 0 && !still_ours(&listener))
			listener.fd = -1;      /* number reused: not ours */
		if (listener.fd < 0)
			listener_open();
		if (srv_pfcap < nclients + 1) {
			struct pollfd *p = realloc(srv_pf,
						   (size_t)(nclients + 1) *
						   sizeof *srv_pf);
			if (p) {
				srv_pf = p;
				srv_pfcap = nclients + 1;
			}
		}
		if (!srv_pf) {          /* no memory for one entry: wait */
			pthread_mutex_unlock(&srv_lock);
			poll(NULL, 0, SRV_TICK_MS);
			continue;
		}
		n = srv_pfcap < nclients + 1 ? srv_pfcap : nclients + 1;
		srv_pf[0].fd = listener.fd;
		srv_pf[0].events = POLLIN;
		for (i = 1; i < n; i++) {
			struct client *c = &clients[i - 1];
			srv_pf[i].fd = c->f.fd;
			srv_pf[i].events = (short)((c->outlen - c->outoff <=
						    SRV_OUT_MAX ? POLLIN : 0) |
						   (c->outoff < c->outlen ?
						    POLLOUT : 0));
		}
		pthread_mutex_unlock(&srv_lock);
		r = poll(srv_pf, (nfds_t)n, SRV_TICK_MS);
		if (r <= 0 || __atomic_load_n(&srv_stopping, __ATOMIC_ACQUIRE))
			continue;
		pthread_mutex_lock(&srv_lock);
		handle(srv_pf, n);
		pthread_mutex_unlock(&srv_lock);
	}
	return NULL;
}

/* start the server thread with every signal blocked */
static void srv_spawn(void)
{
	sigset_t all, old;
	pthread_attr_t attr;

	if (listener.fd < 0)
		listener_open();        /* now, before main opens anything */
	/* the poll set, from this thread: the server thread's first malloc
	   would make it an arena (a 64 MB mapping and a trim) while main
	   runs; idle, it then allocates nothing.  gnulib's test-free maps
	   over the pages around a 16 MB block with MAP_FIXED, and aborted
	   in free() about one run in three when the two met (sed's tests). */
	if (!srv_pf && (srv_pf = calloc(8, sizeof *srv_pf)) != NULL)
		srv_pfcap = 8;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	if (pthread_create(&srv_thread, &attr, srv_main, NULL) == 0)
		srv_started = 1;
	else
		log_msg("control: cannot start the control thread: %s; tfctl "
			"will fall back to ptrace", strerror(errno));
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void fork_prepare(void)
{
	pthread_mutex_lock(&srv_lock);
	reg_fork_prepare();
	disp_fork_prepare();
}

static void fork_parent(void)
{
	disp_fork_parent();
	reg_fork_parent();
	pthread_mutex_unlock(&srv_lock);
}

/* the child has no server thread: drop the parent's fds, start anew */
static void fork_child(void)
{
	disp_fork_child();
	reg_fork_child();
	pthread_mutex_init(&srv_lock, NULL);
	while (nclients > 0)
		client_drop(nclients - 1, 1);
	if (still_ours(&listener))
		close(listener.fd);
	listener.fd = -1;
	bind_failed_logged = 0;
	srv_stopping = 0;
	if (srv_started) {
		srv_started = 0;
		srv_spawn();
	}
}

/*
** At exit (a destructor: after main returns or exit(), before valgrind's
** leak check): tell the thread to stop, wake its poll() by shutting the
** listener down, and join it, giving it a second to finish an operation
** it is in (a patch being loaded); past that it is left running: the
** process is ending.  Not pthread_cancel: that loads libgcc_s to unwind,
** and aborts the program when it cannot (no descriptor or mapping left at
** exit: gnulib's test-free).  A listener the program closed is not ours
** to shut down; the thread then sees the flag within its tick, and is not
** waited for.
*/
__attribute__((__destructor__)) static void srv_stop(void)
{
	struct timespec t;
	int wake;

	if (pthread_equal(srv_thread, pthread_self()) ||
	    !__atomic_exchange_n(&srv_started, 0, __ATOMIC_ACQ_REL))
		return;
	__atomic_store_n(&srv_stopping, 1, __ATOMIC_RELEASE);
	wake = still_ours(&listener) && shutdown(listener.fd, SHUT_RDWR) == 0;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += 1;
	if (!wake || pthread_timedjoin_np(srv_thread, NULL, &t) != 0)
		pthread_detach(srv_thread);
}

static void srv_init(void)
{
	const char *c = log_env("TF_CONTROL");
	pthread_atfork(fork_prepare, fork_parent, fork_child);
	if (c && strcmp(c, "0") == 0)
		return;
	pthread_mutex_lock(&srv_lock);
	srv_spawn();
	pthread_mutex_unlock(&srv_lock);
}

void srv_start_once(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, srv_init);
}
