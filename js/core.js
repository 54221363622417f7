// The core API: token decoding, claims normalisation and has(). Each function converts its
// arguments, calls the wasm and converts back; the rules themselves live in Rust (src/).
import { core } from './wasm.js'
import { AuthError } from './errors.js'
import { check } from './has.js'

// Strings cross into wasm by allocation, and a failed allocation aborts the module; oversized
// inputs are refused before they cross. Real tokens are a few KiB (a cookie holds 4 KiB).
const MAX_TOKEN_LENGTH = 256 * 1024
const MAX_JSON_LENGTH = 16 * 1024 * 1024

/** Splits and decodes a JWT without checking its signature. Throws AuthError `token-invalid`. */
export function decodeJwt(token) {
  if (typeof token !== 'string') throw new AuthError('token-invalid', 'A JWT must be a string.')
  if (token.length > MAX_TOKEN_LENGTH) throw new AuthError('token-invalid', 'Token is too large.')
  const [header, payload] = JSON.parse(core.decodeJwt(token))
  return { header, payload }
}

/**
 * Session-token claims (v1 or v2) → the auth object. Throws AuthError `claims-invalid`.
 *
 * Only what needs decoding crosses into wasm: `v`, `o` and `fea`, from which Rust derives the
 * organization (src/claims.rs, `organization_from_claims`; `null` for v1 claims, whose
 * organization claims are the fields as they are). Everything else is a claim copied as it is,
 * as Clerk copies it (same value, same reference), and stays on this side of the boundary.
 */
export function authObjectFromClaims(claims) {
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new AuthError('claims-invalid', 'Claims must be an object.')
  }
  const { v, o, fea } = claims
  const org = organization(json({ v, o, fea }, 'claims-invalid'))
  return {
    sessionClaims: claims,
    sessionId: claims.sid ?? null,
    sessionStatus: claims.sts ?? null,
    actor: claims.act ?? null,
    userId: claims.sub ?? null,
    orgId: (org ? org.orgId : claims.org_id) ?? null,
    orgRole: (org ? org.orgRole : claims.org_role) ?? null,
    orgSlug: (org ? org.orgSlug : claims.org_slug) ?? null,
    orgPermissions: (org ? org.orgPermissions : claims.org_permissions) ?? null,
    factorVerificationAge: claims.fva ?? null,
  }
}

// Decoded organizations by the claims text they come from: a server sees the same few users'
// organizations on every request, and a hit skips the crossing into wasm. Bounded in entries and
// in the size of what it keeps; the answer is parsed anew each time, so callers never share it.
const organizations = new Map() // `{ v, o, fea }` JSON -> the organization fields' JSON
const MAX_ORGANIZATIONS = 64
const MAX_CACHED_LENGTH = 4096

function organization(text) {
  let org = organizations.get(text)
  if (org === undefined) {
    org = core.organizationFromClaims(text)
    if (text.length <= MAX_CACHED_LENGTH) {
      if (organizations.size >= MAX_ORGANIZATIONS) organizations.delete(organizations.keys().next().value)
      organizations.set(text, org)
    }
  }
  return JSON.parse(org)
}

/**
 * has() for a signed-in auth object (sessionClaims included), with the options Clerk's backend
 * and hooks build from one: its user, organization and factor ages, and the `fea`/`pla` claims.
 */
export function checkAuthorizationFor(auth) {
  const claims = auth.sessionClaims ?? {}
  return createCheckAuthorization({
    userId: auth.userId,
    orgId: auth.orgId,
    orgRole: auth.orgRole,
    orgPermissions: auth.orgPermissions,
    factorVerificationAge: auth.factorVerificationAge,
    features: claims.fea || '',
    plans: claims.pla || '',
  })
}

/** Parses the options once; the returned has(params) answers in wasm and never throws. */
export function createCheckAuthorization(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new AuthError('options-invalid', 'createCheckAuthorization takes an options object.')
  }
  const text = json(options, 'options-invalid')
  let id = core.checkerRegister(text)
  return (params) => {
    const answer = check(id, params)
    if (answer !== UNKNOWN_CHECKER) return answer === 1
    id = core.checkerRegister(text) // the bounded wasm table let this checker go; parse it again
    return check(id, params) === 1
  }
}

const UNKNOWN_CHECKER = 2

function json(value, code) {
  let text
  try {
    text = JSON.stringify(value)
  } catch (cause) {
    throw new AuthError(code, `Not JSON data: ${cause.message}`, { cause })
  }
  if (text.length > MAX_JSON_LENGTH) throw new AuthError(code, 'Too large.')
  return text
}
