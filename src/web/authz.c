/* The policy table's meaning. Every route names a policy; a policy this function does not
 * know denies, so a new policy cannot open a route by accident. */
#include "web/authz.h"
#include "identity/permission.h"

static enum err need(const struct request *r, unsigned roles)
{
	if (!(r->user.roles & (ROLE_SIGNED_IN | ROLE_APIKEY)))
		return ERR_UNAUTHENTICATED;
	return r->user.roles & roles ? ERR_OK : ERR_DENIED;
}

enum err authz_check(const struct route *rt, struct request *r)
{
	switch (rt->policy) {
	case POLICY_PUBLIC:
		return ERR_OK;
	case POLICY_MFA_PENDING:
		return r->user.mfa_pending ? ERR_OK : ERR_UNAUTHENTICATED;
	case POLICY_SIGNED_IN:
		return need(r, ROLE_SIGNED_IN);
	case POLICY_VANS_USER:
		return need(r, ROLE_VANS_USER);
	case POLICY_ORG_ADMIN:
		return need(r, ROLE_ORG_ADMIN);
	case POLICY_OPERATOR:
		return need(r, ROLE_OPERATOR);
	case POLICY_ORG_API:
		return need(r, ROLE_ORG_ADMIN | ROLE_APIKEY);
	case POLICY_VANS_API:
		return need(r, ROLE_VANS_USER | ROLE_APIKEY);
	case POLICY_BODY_KEY:
		return ERR_OK;   /* the handler answers 401 unless the body's key resolves */
	default:
		return ERR_DENIED;
	}
}

bool authz_csrf_exempt(const struct route *rt)
{
	return rt->policy == POLICY_BODY_KEY;
}
