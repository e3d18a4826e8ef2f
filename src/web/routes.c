/* The route table: every URL vans answers, its handler, its kind and who may call it,
 * assembled from web/routes/<module>.def. Reading those files tells you the whole surface
 * of the web server. */
#include "web/router.h"
#include "web/handlers.h"
#include "web/assets.h"

const struct route routes[] = {
#define R(method, pattern, fn, kind, policy, flags) { method, pattern, fn, kind, policy, flags },
#include "web/routes/all.def"
#undef R
};

const size_t route_count = sizeof routes / sizeof routes[0];
