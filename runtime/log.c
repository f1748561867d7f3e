/*
** Logging and error reporting: silent unless TF_LOG is set ("1": stderr,
** anything else: a file path, appended to).  Also keeps each thread's
** last error for tf_error().
*/
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tf_int.h"

static TF_TLS char last_error[256];
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

const char *log_env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* write all of buf, retrying on EINTR and short writes */
static void write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		buf += w;
		n -= (size_t)w;
	}
}

static void log_vmsg(const char *fmt, va_list ap)
{
	const char *dest = log_env("TF_LOG");
	char line[1024];
	int n, fd;
	int saved = errno;

	if (!dest)
		return;
	n = snprintf(line, sizeof line, "tigerfix[%d]: ", (int)getpid());
	n += vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	if (n > (int)sizeof line - 2)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	pthread_mutex_lock(&log_lock);
	if (strcmp(dest, "1") == 0) {
		write_all(2, line, (size_t)n);
	} else if ((fd = open(dest, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			      0644)) >= 0) {
		write_all(fd, line, (size_t)n);
		close(fd);
	}
	pthread_mutex_unlock(&log_lock);
	errno = saved;
}

void log_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(fmt, ap);
	va_end(ap);
}

void log_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_error, sizeof last_error, fmt, ap);
	va_end(ap);
	if (err && errlen)
		snprintf(err, errlen, "%s", last_error);
	log_msg("%s", last_error);
}

const char *tf_error(void)
{
	return last_error;
}
