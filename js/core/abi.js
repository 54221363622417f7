// Generated from src/abi.rs by tests/abi.rs: do not edit. After changing src/abi.rs, run
// `UPDATE_ABI=1 cargo test --test abi` to rewrite it (the test fails while this file is out of date).

/** The claims object, the first field of every auth object. */
export const SESSION_CLAIMS = 'sessionClaims'
/** The auth object's other fields, in order, and the claim Clerk copies each from (v1's, for the organization). */
export const FIELDS = [
  'sessionId',
  'sessionStatus',
  'actor',
  'userId',
  'orgId',
  'orgRole',
  'orgSlug',
  'orgPermissions',
  'factorVerificationAge',
]
export const CLAIMS = ['sid', 'sts', 'act', 'sub', 'org_id', 'org_role', 'org_slug', 'org_permissions', 'fva']
/** The fields useAuth() returns. */
export const USE_AUTH_FIELDS = ['sessionClaims', 'sessionId', 'actor', 'userId', 'orgId', 'orgRole', 'orgSlug']
/** The organization fields (which v2 claims encode in `o` and `fea`). */
export const ORGANIZATION_FIELDS = ['orgId', 'orgRole', 'orgSlug', 'orgPermissions']

/** What wasm decodes v2 claims from: `v`, `fea`, and the members of `o` it decodes (`o` as it is when falsy). */
export const v2Input = (claims) => {
  const o = claims.o
  return { v: claims.v, o: o ? { per: o.per, fpm: o.fpm } : o, fea: claims.fea }
}

/**
 * v2's organization permissions, Clerk's `org:<feature>:<permission>` strings in its order, from
 * the grants wasm decoded (`[names, [feature, index, …], …]`, src/permissions.rs): each name
 * once, however many features grant it, so the strings cost what Clerk's own cost.
 */
export const expandGrants = (grants) => {
  if (!grants) return grants // no organization: null
  const [names] = grants
  const permissions = []
  for (let f = 1; f < grants.length; f++) {
    const feature = grants[f]
    for (let i = 1; i < feature.length; i++) permissions.push(`org:${feature[0]}:${names[feature[i]]}`)
  }
  return permissions
}

/**
 * The auth object of `claims`. With `org` null (v1 claims) each field is its claim; else `org`
 * holds the fields wasm decoded from v2 claims (the permissions as grants), and the others are
 * copied from `o` or the claims.
 */
export const authObject = (claims, org) => {
  const o = claims.o
  return {
    sessionClaims: claims,
    sessionId: claims.sid ?? null,
    sessionStatus: claims.sts ?? null,
    actor: claims.act ?? null,
    userId: claims.sub ?? null,
    orgId: (org === null ? claims.org_id : 'orgId' in org ? org.orgId : o.id) ?? null,
    orgRole: (org === null ? claims.org_role : 'orgRole' in org ? org.orgRole : o.rol ? `org:${o.rol}` : null) ?? null,
    orgSlug: (org === null ? claims.org_slug : 'orgSlug' in org ? org.orgSlug : o.slg) ?? null,
    orgPermissions: (org === null ? claims.org_permissions : expandGrants(org.orgPermissions)) ?? null,
    factorVerificationAge: claims.fva ?? null,
  }
}

/** The auth object's fields createCheckAuthorization takes as options, and its options for `fea` and `pla`. */
export const CHECK_FIELDS = ['userId', 'orgId', 'orgRole', 'orgPermissions', 'factorVerificationAge']
export const CHECK_FEATURES = 'features'
export const CHECK_PLANS = 'plans'
/** The option that hands a checker v2's grants in place of the permissions they expand to. */
export const CHECK_GRANTS = 'orgPermissionsOf'

// has(params) for wasm: one PARAM_ tag per parameter (role, permission, feature, plan, reverification), PARAM_BITS bits each.
// getToken({ organizationId }) for wasm: undefined, null, or an id passed beside.
// The longest token wasm takes, in UTF-8 bytes.
export const PARAM_ABSENT = 0
export const PARAM_TEXT = 1
export const PARAM_WRONG_TYPE = 2
export const PARAM_CUSTOM = 3
export const PARAM_CUSTOM_WITHOUT_LEVEL = 4
export const PARAM_BITS = 3
export const ORGANIZATION_ACTIVE = 0
export const ORGANIZATION_PERSONAL = 1
export const ORGANIZATION_ID = 2
export const MAX_TOKEN_BYTES = 262144

// The client's channel (src/client/wire.rs): the events a step carries in, the effects and the
// outcomes it answers with, and getToken()'s skipCache (added to its organization selector).
export const EVENT_LOAD = 0
export const EVENT_GET_TOKEN = 1
export const EVENT_SIGN_OUT = 2
export const EVENT_SET_ACTIVE = 3
export const EVENT_HTTP = 4
export const EVENT_NETWORK_ERROR = 5
export const EVENT_TIMER = 6
export const EVENT_TAB = 7
export const EVENT_WAKE = 8
export const EFFECT_HTTP = 0
export const EFFECT_TIMER = 1
export const EFFECT_SETTLE = 2
export const EFFECT_STATE = 3
export const EFFECT_COOKIES = 4
export const EFFECT_BROADCAST = 5
export const EFFECT_STATUS = 6
export const EFFECT_SESSION = 7
export const OUTCOME_TOKEN = 0
export const OUTCOME_DONE = 1
export const OUTCOME_FAILED = 2
export const SKIP_CACHE = 4
