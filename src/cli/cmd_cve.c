/* `vans cve show CVE-ID`: the stored record as JSON, as the API returns it. */
#include "cli/cli.h"
#include "cli/cmd_feed.h"
#include "kb/cve_record.h"

#include <stdio.h>
#include <string.h>

int cli_cve(int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[1], "show") != 0) {
		fprintf(stderr, "usage: vans cve show CVE-ID\n");
		return 2;
	}
	if (!kb_cve_id_valid(argv[2])) {
		fprintf(stderr, "vans cve show: \"%s\" is not a CVE ID (CVE-YYYY-NNNN)\n", argv[2]);
		return 2;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	struct val *v;
	enum err e = kb_cve_load(db, &a, argv[2], &v);
	int rc = 0;
	if (e == ERR_OK) {
		struct buf out;
		buf_init(&out, 0);
		val_write_json(v, &out);
		printf("%s\n", out.data);
		buf_free(&out);
	} else {
		fprintf(stderr, "vans cve show: %s %s\n", argv[2], e == ERR_NOT_FOUND ? "is not in the knowledge base" : "could not be read");
		rc = 1;
	}
	arena_free(&a);
	db_close(db);
	return rc;
}
