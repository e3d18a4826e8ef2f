/* Per-module permissions (seed 000 §2): the catalogue of what each module offers, requests
 * and their review (an organisation administrator reviews general permissions of their own
 * organisation; the operator reviews organisation-administrator requests, which carry the
 * signed application form), removal requests, and the roles a signed-in account holds. */
#ifndef VANS_IDENTITY_PERMISSION_H
#define VANS_IDENTITY_PERMISSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/db.h"

/* Roles of a principal, derived from approved permissions (and the operator flag). */
enum {
	ROLE_SIGNED_IN = 1u << 0,
	ROLE_VANS_USER = 1u << 1,    /* VANS 一般權限 approved */
	ROLE_ORG_ADMIN = 1u << 2,    /* VANS 機關管理者 approved */
	ROLE_OPERATOR = 1u << 3,     /* the platform operator */
	ROLE_APIKEY = 1u << 4,       /* an organisation's API key (no account) */
};

struct perm_def {
	const char *module;          /* "vans" */
	const char *permission;      /* "org_admin", "general" */
	bool operator_reviews;       /* else: administrators of the applicant's organisation */
	bool needs_form;             /* the signed application form (申請(異動)單) must be uploaded */
	const char *reviewer;        /* permission of the reviewers in the same module (not operator) */
};

extern const struct perm_def perm_defs[];
extern const size_t perm_def_count;
const struct perm_def *perm_def_find(const char *module, const char *permission);

struct perm {
	int64_t id, account_id;
	const char *module, *permission;
	const char *status;          /* pending, approved, rejected, removal_pending, removed */
	int64_t requested_at, decided_at;
	bool has_scan;
	const char *username, *name; /* the applicant */
	int64_t org_id;
	const char *org_name, *org_identifier;
};

/* Applies (again, after a rejection or removal). ERR_CONFLICT when pending or held. */
enum err perm_request(struct db *db, int64_t account_id, const char *module, const char *permission,
		      int64_t *id);
/* Granted at once by the operator (levels D and E, which cannot apply). */
enum err perm_grant(struct db *db, int64_t account_id, const char *module, const char *permission,
		    int64_t by);
enum err perm_get(struct db *db, struct arena *a, int64_t id, struct perm *out);
enum err perm_list_account(struct db *db, struct arena *a, int64_t account_id, struct perm **out, size_t *n);
/* Requests waiting for review: of one organisation (org_id > 0) or of all (0). */
enum err perm_pending(struct db *db, struct arena *a, int64_t org_id, const char *module, const char *permission,
		      struct perm **out, size_t *n);
enum err perm_list_org(struct db *db, struct arena *a, int64_t org_id, struct perm **out, size_t *n);
/* accept a pending request → approved, reject → rejected; a removal request accepted →
 * removed, rejected → approved again. ERR_CONFLICT when it is not waiting for review. */
enum err perm_decide(struct db *db, const struct perm *p, bool accept, int64_t by, const char **new_status);
enum err perm_request_removal(struct db *db, int64_t account_id, int64_t perm_id);
enum err perm_set_scan(struct db *db, int64_t account_id, int64_t perm_id, const char *name, const char *type,
		       const void *data, size_t len);
/* The uploaded scan (data in the arena). ERR_NOT_FOUND when none. */
enum err perm_scan(struct db *db, struct arena *a, int64_t perm_id, const char **name, const char **type,
		   const void **data, size_t *len);
/* How many can review a request for this permission of an account of org_id. */
int64_t perm_reviewer_count(struct db *db, int64_t org_id, const struct perm_def *d);
/* ROLE_* bits of an account. */
unsigned perm_roles(struct db *db, int64_t account_id, bool is_operator);

#endif
