/* The route table: every URL vans answers, its handler, its kind and who may call it.
 * Reading this file tells you the whole surface of the web server. */
#include "web/router.h"
#include "web/handlers.h"
#include "web/assets.h"

const struct route routes[] = {
	/* pages */
	{ HTTP_GET, "/", page_home, ROUTE_PAGE, POLICY_PUBLIC, 0 },
	{ HTTP_POST, "/language", page_set_language, ROUTE_PAGE, POLICY_PUBLIC, 0 },

	/* JSON API */
	{ HTTP_GET, "/api/v1", api_index, ROUTE_API, POLICY_PUBLIC, 0 },
	{ HTTP_GET, "/api/v1/openapi.json", api_openapi, ROUTE_API, POLICY_PUBLIC, 0 },

	/* probes, metrics, static files */
	{ HTTP_GET, "/healthz", probe_healthz, ROUTE_PLAIN, POLICY_PUBLIC, 0 },
	{ HTTP_GET, "/readyz", probe_readyz, ROUTE_PLAIN, POLICY_PUBLIC, 0 },
	{ HTTP_GET, "/metrics", probe_metrics, ROUTE_PLAIN, POLICY_PUBLIC, 0 },
	{ HTTP_GET, "/static/{file}", assets_handle, ROUTE_PLAIN, POLICY_PUBLIC, 0 },
};

const size_t route_count = sizeof routes / sizeof routes[0];
