/* Moving a whole installation's data: between engines (vans db copy), into a backup file
 * and back (vans db backup / restore). A backup is a SQLite database file whichever
 * engine it came from, so it restores into either. */
#ifndef VANS_STORE_COPY_H
#define VANS_STORE_COPY_H

#include <stdint.h>

#include "store/db.h"

struct db_copy_stats {
	int tables;
	int64_t rows;
};

/* Called after each table with its name and row count. */
typedef void db_copy_progress(const char *table, int64_t rows, void *ctx);

/* Copies every table of 'from' into 'to', which must hold no rows (a new database, or one
 * only migrated): 'to' is first migrated to exactly the migrations 'from' has, then the
 * rows go in table by table in foreign-key order, in one transaction, read from one
 * consistent snapshot of 'from', and each table's count is checked on both sides.
 * 'from' is not written to. */
enum err db_copy(struct db *from, struct db *to, db_copy_progress *progress, void *ctx, struct db_copy_stats *st,
		 char *err, size_t errlen);

/* Writes a consistent backup of db to the new file 'path' (never overwritten): SQLite's
 * online backup for SQLite, db_copy into a new SQLite file for PostgreSQL. */
enum err db_backup(struct db *db, const char *path, db_copy_progress *progress, void *ctx, struct db_copy_stats *st,
		   char *err, size_t errlen);

/* Restores the backup file 'path' (opened read-only) into db, which must hold no rows. */
enum err db_restore(struct db *db, const char *path, db_copy_progress *progress, void *ctx, struct db_copy_stats *st,
		    char *err, size_t errlen);

#endif
