/* libFuzzer target for the CVE JSON 5 reader and validator (src/kb/cve5_reader.c):
 * arbitrary bytes as a record; every delivered string and array is walked, and the
 * validator must never accept what the reader refuses as a record. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "kb/cve5_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static size_t len(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t touch_container(const struct cve5_container *c)
{
	size_t n = len(c->org_id) + len(c->short_name) + len(c->title) + len(c->date_public);
	for (size_t i = 0; i < c->n_descriptions; i++)
		n += len(c->descriptions[i].lang) + len(c->descriptions[i].value);
	for (size_t i = 0; i < c->n_affected; i++) {
		const struct cve5_affected *a = &c->affected[i];
		n += len(a->vendor) + len(a->product) + len(a->package_name) + len(a->default_status);
		for (size_t j = 0; j < a->n_cpes; j++)
			n += len(a->cpes[j]);
		for (size_t j = 0; j < a->n_platforms; j++)
			n += len(a->platforms[j]);
		for (size_t j = 0; j < a->n_versions; j++) {
			const struct cve5_version *v = &a->versions[j];
			n += len(v->version) + len(v->status) + len(v->less_than) + len(v->version_type);
			for (size_t k = 0; k < v->n_changes; k++)
				n += len(v->changes[k].at) + len(v->changes[k].status);
		}
	}
	for (size_t i = 0; i < c->n_problems; i++)
		n += len(c->problems[i].description) + len(c->problems[i].cwe_id);
	for (size_t i = 0; i < c->n_references; i++) {
		n += len(c->references[i].url) + len(c->references[i].name);
		for (size_t j = 0; j < c->references[i].n_tags; j++)
			n += len(c->references[i].tags[j]);
	}
	for (size_t i = 0; i < c->n_metrics; i++) {
		CHECK(c->metrics[i].version < CVE5_CVSS__MAX);
		n += len(c->metrics[i].vector) + len(c->metrics[i].scenario);
	}
	for (size_t i = 0; i < c->n_applicability; i++) {
		const struct cve5_applicability *ap = &c->applicability[i];
		n += len(ap->op);
		for (size_t j = 0; j < ap->n_nodes; j++) {
			n += len(ap->nodes[j].op);
			for (size_t k = 0; k < ap->nodes[j].n_matches; k++) {
				const struct cve5_cpe_match *m = &ap->nodes[j].matches[k];
				CHECK(m->criteria != NULL);
				n += len(m->criteria) + len(m->match_criteria_id) + len(m->version_start_including) +
				     len(m->version_start_excluding) + len(m->version_end_including) +
				     len(m->version_end_excluding);
			}
		}
	}
	if (c->ssvc)
		n += len(c->ssvc->exploitation) + len(c->ssvc->automatable);
	if (c->kev)
		n += len(c->kev->date_added);
	for (size_t i = 0; i < c->n_rejected_reasons; i++)
		n += len(c->rejected_reasons[i].value);
	for (size_t i = 0; i < c->n_replaced_by; i++)
		n += len(c->replaced_by[i]);
	return n;
}

static int touch(void *ctx, const struct cve5_record *r)
{
	size_t *n = ctx;
	CHECK(r->cve_id && strncmp(r->cve_id, "CVE-", 4) == 0);
	CHECK(r->state < CVE5_STATE__MAX);
	*n += touch_container(&r->cna);
	for (size_t i = 0; i < r->n_adp; i++)
		*n += touch_container(&r->adp[i]);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	char err[512];
	int read = cve5_read_mem("fuzz", (const char *)data, size, touch, &n, err, sizeof(err));
	int valid = cve5_validate((const char *)data, size, err, sizeof(err));
	CHECK(valid == ERR_OK || err[0] != '\0');
	/* a valid published or rejected record is always a readable one (within the caps) */
	CHECK(valid != ERR_OK || read == ERR_OK || read == ERR_TOO_LARGE);
	return 0;
}
