/*
** The rewrite server's protocol, shared by tf-rewrite --serve
** (rewriter/serve.c) and its client in tfcc (wrap/rwclient.c).
**
** Over a Unix stream socket, one request per connection:
**   client -> server: a 4-byte length L (host order) sent with an
**       SCM_RIGHTS message carrying the client's stdout and stderr, then
**       L bytes: RWS_MAGIC, the identity ("DEV:INO", decimal) of the
**       client's root directory and of its working directory (a server
**       that sees other files, from another container or chroot sharing
**       the socket directory, answers RWS_FALLBACK), the working
**       directory, the argument count,
**       the arguments (argv[0] included), the environment count and the
**       environment, each NUL-terminated (counts in decimal);
**   server -> client: a 4-byte status (host order): tf-rewrite's exit
**       status, or RWS_FALLBACK: "run tf-rewrite yourself" (nothing was
**       done).  A connection closed with no status means the same.
*/
#ifndef TF_SERVE_PROTO_H
#define TF_SERVE_PROTO_H

#define RWS_MAGIC "tfrw2"
#define RWS_MAX_REQUEST (8u << 20)      /* bytes */
#define RWS_FALLBACK 0xffffffffu
#define RWS_IDLE_SECONDS 30             /* a server with no request exits */
#define RWS_RECYCLE 256                 /* requests a worker answers, at most */
#define RWS_MAX_WORKERS 16
#define RWS_MAX_RSS_MB 512              /* a worker bigger than this is
                                           replaced (TF_SERVER_WORKER_MB) */

#endif /* TF_SERVE_PROTO_H */
