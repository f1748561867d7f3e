/*
** client: talk to the control socket of an instrumented process
** (docs/protocol.md): one JSON request line, one JSON answer line.
*/
#ifndef TF_CTL_CLIENT_H
#define TF_CTL_CLIENT_H

#include <stddef.h>
#include <json-c/json.h>

/* Why a request got no answer. */
enum client_err {
	CLIENT_OK = 0,
	CLIENT_ENOPROC,         /* no such process */
	CLIENT_ENORT,           /* process lives, but serves no socket */
	CLIENT_EREFUSED,        /* connection closed unanswered (other user) */
	CLIENT_ETIMEOUT,        /* no answer before the deadline */
	CLIENT_EPROTO,          /* the answer is not a JSON object */
	CLIENT_EIO,             /* anything else */
};

struct client {
	int fd;
	int pid;
	int timeout_ms;
	char *buf;              /* bytes received, not yet consumed */
	size_t have, cap;
};

/* Connect to process PID.  Returns 0, or an enum client_err with a
   one-line message (no "tfctl: " prefix) in msg. */
int client_open(struct client *c, int pid, int timeout_ms, char *msg,
		size_t msgsz);

/* Send REQ (not consumed) and return the answer object (caller puts it),
   whatever its "ok"; NULL on failure with *err and msg set. */
json_object *client_call(struct client *c, json_object *req,
			 enum client_err *err, char *msg, size_t msgsz);

void client_close(struct client *c);

/* Open, call once, close. */
json_object *client_request(int pid, json_object *req, int timeout_ms,
			    enum client_err *err, char *msg, size_t msgsz);

/* Does process PID exist (whoever owns it)? */
int client_pid_alive(int pid);

#endif /* TF_CTL_CLIENT_H */
