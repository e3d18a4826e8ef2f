/* The VANS upload API's body (DESIGN §2): {"api_key": "...", "data": [items]} with VANS 2.0
 * items (InsertServerUnitproduct) or v1 items (InsertSystemUnitproduct), read into intake
 * records. Pure parsing: the key is resolved, oids checked and rows stored by the caller. */
#ifndef VANS_VANS_UPLOAD_API_H
#define VANS_VANS_UPLOAD_API_H

#include <stddef.h>

#include "core/arena.h"
#include "vans/intake/intake.h"

enum upload_api_version {
	UPLOAD_API_V2,   /* POST /vans2/asset/InsertServerUnitproduct */
	UPLOAD_API_V1,   /* POST /rest/vans/InsertSystemUnitproduct */
};

#define UPLOAD_API_MAX_ITEMS 100000

/* One item of "data". reason != NULL: refused as it stands (not an object, a field missing
 * or not a string); otherwise rec holds its fields (line = its index + 1). */
struct upload_api_item {
	const char *oid;                 /* as sent ("" when absent) */
	const char *org_name;            /* orgName / unit_name */
	const char *reason;              /* why it is refused before any check of its fields */
	struct intake_record rec;
};

struct upload_api_body {
	const char *api_key;             /* NULL when absent or not a string */
	size_t api_key_len;
	struct upload_api_item *items;
	size_t n_items;
};

/* Reads a body. Returns 0, or -1 with the reason in err when the body is not a JSON object
 * or "data" is not an array (or holds more than UPLOAD_API_MAX_ITEMS items); api_key is
 * read whenever the body is an object, so a caller can answer 401 before anything else. */
int upload_api_parse(enum upload_api_version v, const char *body, size_t len, struct arena *a,
		     struct upload_api_body *out, char *err, size_t errlen);

#endif
