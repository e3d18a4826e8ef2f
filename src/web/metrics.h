/* Prometheus metrics of the web server: requests by route and status, latency histogram,
 * open connections; database timings come from store. Lock-free atomic counters. */
#ifndef VANS_WEB_METRICS_H
#define VANS_WEB_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

void metrics_request(size_t route_idx, int status, uint64_t nanos);
void metrics_connection(int delta);
/* Writes the text exposition format (version 0.0.4). */
void metrics_write(struct buf *out);

#endif
