/* Validation of the identifiers and fields of identity (DESIGN §1): organisation OIDs and
 * 統一編號, usernames, e-mail addresses, Taiwanese mobile numbers, names and phone numbers.
 * Pure functions over slices; the reasons are stable keys the web layer translates. */
#ifndef VANS_IDENTITY_VALIDATE_H
#define VANS_IDENTITY_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

enum org_id_kind { ORG_ID_INVALID, ORG_ID_OID, ORG_ID_UBN };

/* 統一編號: 8 digits, weights 1,2,1,2,1,2,4,1, digit sums of the products; valid when the
 * total is divisible by 5 (the rule since 2023-04-01, which includes the old rule of 10);
 * a 7th digit of 7 makes its product count 1 or 0, valid if either total passes. */
bool ubn_valid(const char *p, size_t n);
/* A dotted numeric arc: 2 to 32 arcs, no leading zeros, first arc 0–2. */
bool oid_valid(const char *p, size_t n);
/* Which kind of organisation identifier p is; *reason (when not NULL) gets a short English
 * reason when invalid: "not digits and dots", "checksum", … */
enum org_id_kind org_id_check(const char *p, size_t n, const char **reason);

bool username_valid(const char *p, size_t n);     /* 6–30 of [A-Za-z0-9] */
bool email_valid(const char *p, size_t n);
/* 09xx-xxxxxx (dash optional); writes the ten digits into out[11] when valid. */
bool mobile_valid(const char *p, size_t n, char out[11]);
bool person_name_valid(const char *p, size_t n);  /* Chinese or English letters, 1–60 characters */
bool phone_valid(const char *p, size_t n);        /* office phone or fax: digits, - ( ) + space */
bool extension_valid(const char *p, size_t n);    /* up to 10 digits */
/* Level of a security responsibility: one of A–E. */
bool org_level_valid(const char *p, size_t n);

#endif
