/* Run a command once; print its wall-clock and CPU (user+sys) seconds:
   "WALL CPU".  stdout of the command goes to /dev/null.  Wall time ends
   when the command exits; CPU also counts every process it left behind
   (timeit is their subreaper and waits for them), such as tfcc's rewrite
   server, which exits after TF_SERVER_IDLE seconds.
   Usage: timeit CMD [ARG...] */
#include <errno.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: timeit CMD [ARG...]\n");
		return 2;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		perror("timeit");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	while (wait(NULL) > 0 || errno == EINTR)    /* what it left behind */
		;
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("%.6f %.6f\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9,
	       ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
		       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
