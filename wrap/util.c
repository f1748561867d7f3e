/*
** tfcc helpers: string vectors, running a command, temporary directories
** and the signal handling that removes them when the build is stopped.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tfcc.h"

extern char **environ;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("tfcc: out of memory\n", stderr);
		exit(4);
	}
	return p;
}

char *u_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n), s, n);
}

static char *vfmt(const char *fmt, va_list ap)
{
	char *s;
	if (vasprintf(&s, fmt, ap) < 0) {
		fputs("tfcc: out of memory\n", stderr);
		exit(4);
	}
	return s;
}

char *u_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	s = vfmt(fmt, ap);
	va_end(ap);
	return s;
}

/* ---- string vectors ---- */

static void sv_add(struct sv *s, char *str)
{
	if (s->n + 2 > s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = str;
	s->v[s->n] = NULL;
}

void sv_push(struct sv *s, const char *str)
{
	sv_add(s, u_strdup(str));
}

void sv_pushf(struct sv *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sv_add(s, vfmt(fmt, ap));
	va_end(ap);
}

void sv_append(struct sv *s, const struct sv *from)
{
	for (size_t i = 0; i < from->n; i++)
		sv_push(s, from->v[i]);
}

void sv_free(struct sv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* ---- paths ---- */

/* dirname without a trailing slash; "" when the path has no directory */
char *u_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return u_strdup("");
	if (slash == path)
		return u_strdup("/");
	return strndup(path, (size_t)(slash - path));
}

const char *u_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* name without its last suffix (".c"), as gcc derives output names */
char *u_strip_ext(const char *name)
{
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');
	if (!dot || (slash && dot < slash) || dot == u_basename(name))
		return u_strdup(name);
	return strndup(name, (size_t)(dot - name));
}

int u_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

void u_warn(const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	msg = vfmt(fmt, ap);
	va_end(ap);
	fprintf(stderr, "tfcc: warning: %s\n", msg);
	free(msg);
}

/* ---- signals: stop the child, remove the temp dir, die the same way ---- */

static const char *sig_dir;
static volatile sig_atomic_t sig_got;
static volatile pid_t sig_child;

static void on_signal(int sig)
{
	sig_got = sig;
	if (sig_child > 0)
		kill(sig_child, sig);
}

/*
** Called once the temp dir exists: a stopped build must not leave it.
** SIGPIPE too: a build piping tfcc's messages into "| head" or "grep -q"
** closes the pipe early.  A signal the caller set to be ignored (nohup:
** SIGHUP; some build tools: SIGPIPE) stays ignored.
*/
void sig_protect(const char *dir)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sig_dir = dir;
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

/* If a signal came, clean up and die of it (never returns then). */
static void sig_check(void)
{
	int sig = sig_got;
	if (!sig)
		return;
	if (sig_dir && !tf_env.keep)
		tmp_remove(sig_dir);
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

int sig_caught(void)
{
	return sig_got != 0;
}

/* ---- running commands ---- */

static void print_cmd(char *const *argv)
{
	fputs("tfcc: +", stderr);
	for (; *argv; argv++)
		fprintf(stderr, " %s", *argv);
	fputc('\n', stderr);
}

/* Exit status of a finished child, as a shell would report it. */
int status_exit(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

/* Wait for pid, forwarding signals to it; returns its wait status. */
static int wait_child(pid_t pid)
{
	int status;
	sig_child = pid;
	if (sig_got)            /* came before the handler knew the child */
		kill(pid, sig_got);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = 1 << 8;
			break;
		}
	}
	sig_child = 0;
	sig_check();
	return status;
}

/* Run argv (PATH search), stdin from in_from, stderr to the file err_to
   or the descriptor err_fd when given.  Returns the wait status, or -1
   with a warning when it could not be started. */
static int spawn_wait(char *const *argv, const char *in_from,
		      const char *err_to, int err_fd)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc;

	sig_check();
	if (tf_env.verbose) {
		print_cmd(argv);
		sig_check();    /* SIGPIPE: nobody reads our stderr */
	}
	posix_spawn_file_actions_init(&fa);
	if (in_from)
		posix_spawn_file_actions_addopen(&fa, 0, in_from,
			O_RDONLY, 0);
	if (err_to)
		posix_spawn_file_actions_addopen(&fa, 2, err_to,
			O_WRONLY | O_CREAT | O_TRUNC, 0600);
	else if (err_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		u_warn("cannot run %s: %s", argv[0], strerror(rc));
		return -1;
	}
	return wait_child(pid);
}

int run(char *const *argv, const char *in_from, const char *err_to)
{
	return spawn_wait(argv, in_from, err_to, -1);
}

int run_fd(char *const *argv, int err_fd)
{
	return spawn_wait(argv, NULL, NULL, err_fd);
}

/* Run argv with stdout into buf (NUL-terminated, trailing newline cut)
   and stderr discarded.  Returns 0 when it exited 0. */
int run_capture(char *const *argv, char *buf, size_t size)
{
	posix_spawn_file_actions_t fa;
	int fd[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	buf[0] = 0;
	if (pipe2(fd, O_CLOEXEC) != 0)
		return -1;
	if (tf_env.verbose) {
		print_cmd(argv);
		sig_check();    /* SIGPIPE: nobody reads our stderr */
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	while ((n = read(fd[0], buf + len, size - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (len += (size_t)n) == size - 1)
			break;
	}
	close(fd[0]);
	buf[len] = 0;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = 0;
	status = wait_child(pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

uint64_t u_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	while (n--) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- files ---- */

int u_copy_fd(int from, int to)
{
	char buf[65536];
	ssize_t n;
	while ((n = read(from, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(to, buf + off, (size_t)(n - off));
			if (w < 0) {
				if (errno == EINTR)
					continue;
				return -1;
			}
			off += w;
		}
	}
	return 0;
}

/* Copy a file's contents to fd (captured diagnostics to stderr). */
int u_cat_file(const char *path, int to)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;
	if (fd < 0)
		return -1;
	rc = u_copy_fd(fd, to);
	close(fd);
	return rc;
}

/* A whole file, NUL-terminated (NULL if unreadable). */
char *u_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	if (!f)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			char *nb;
			cap = cap ? cap * 2 : 8192;
			if (!(nb = realloc(buf, cap))) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, 4096, f);
		len += n;
	} while (n > 0);
	fclose(f);
	buf[len] = 0;
	return buf;
}

/* A private directory under $TMPDIR (or /tmp), or NULL with a warning. */
char *tmp_make(void)
{
	const char *base = getenv("TMPDIR");
	char *dir;
	if (!base || !*base)
		base = "/tmp";
	dir = u_fmt("%s/tfcc.XXXXXX", base);
	if (!mkdtemp(dir)) {
		u_warn("cannot create a temporary directory in %s: %s; "
		       "compiling without instrumentation (set TMPDIR to a "
		       "writable directory)", base, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/* Remove everything below dir. */
static void tmp_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (d) {
		while ((e = readdir(d))) {
			char *p;
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			p = u_fmt("%s/%s", dir, e->d_name);
			if (unlink(p) != 0 && (errno == EISDIR || errno == EPERM))
				tmp_remove(p);
			free(p);
		}
		closedir(d);
	}
}

/*
** A private directory whose name is the same on every run with the same
** key: $TMPDIR/tfcc-<16 hex>.  Launchers that cache (ccache, sccache)
** hash the path of the source they compile, so a random name would never
** hit.  The directory is held with an exclusive flock(2) on it until tfcc
** exits (after tmp_remove), so two calls with one key (make -j running
** the same compile twice) never share it: the second gets NULL and takes
** a random one.  One left by a killed tfcc (no lock held) is emptied and
** reused.  NULL too when it is not ours alone or cannot be made.
*/
char *tmp_make_keyed(uint64_t key)
{
	const char *base = getenv("TMPDIR");
	struct stat st, now;
	char *dir;
	int fd, made;

	if (!base || !*base)
		base = "/tmp";
	dir = u_fmt("%s/tfcc-%016" PRIx64, base, key);
	made = mkdir(dir, 0700) == 0;
	fd = made || errno == EEXIST ?
	     open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
	/* locked, still the directory at that name (not removed by the
	   call that held it), owned by us and private */
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0 ||
	    fstat(fd, &st) != 0 || lstat(dir, &now) != 0 ||
	    st.st_dev != now.st_dev || st.st_ino != now.st_ino ||
	    st.st_uid != geteuid() || (st.st_mode & 077)) {
		if (fd >= 0)
			close(fd);
		free(dir);
		return NULL;
	}
	if (!made)
		tmp_empty(dir);
	return dir;     /* fd stays open: the lock lasts until exit */
}

/* Remove dir and everything below it (it holds only our files). */
void tmp_remove(const char *dir)
{
	tmp_empty(dir);
	rmdir(dir);
}
