/* The HTTP server: libmicrohttpd with an epoll thread pool, per-request arenas, access
 * log, limits, and graceful shutdown on SIGTERM/SIGINT. */
#ifndef VANS_WEB_SERVER_H
#define VANS_WEB_SERVER_H

#include "core/config.h"

/* Serves until SIGTERM or SIGINT, then lets in-flight requests finish and returns 0.
 * Prints "listening on http://HOST:PORT" on stdout once the socket is bound. */
int web_serve(const struct config *cfg);

#endif
