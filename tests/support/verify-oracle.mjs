// Clerk's verification, the oracle the verification tests compare with.
//  - 'token': `verifyToken(token, { jwtKey })`, Clerk's public networkless API.
//  - 'jwt': `verifyJwt(token, { key })` from @clerk/backend/jwt, the same checks without
//    verifyToken's PEM-to-JWK conversion, which pins `alg: 'RS256'` and only parses 2048-bit
//    keys: the oracle for RS384/RS512 and other key sizes, and (with a JWK) for JWKS keys.
import { verifyToken } from '@clerk/backend'
import { verifyJwt } from '@clerk/backend/jwt'

/**
 * 'ok' or Clerk's reason. With `now`, Date.now is pinned for the call, as Clerk reads the clock
 * itself. Anything thrown that is not a TokenVerificationError reads `threw:<name>`.
 */
export async function clerkReason(token, options, now, via = 'token') {
  const realNow = Date.now
  if (now !== undefined) Date.now = () => now
  try {
    if (via === 'token') await verifyToken(token, options)
    else await verifyJwt(token, { ...options, key: options.key ?? options.jwtKey })
    return 'ok'
  } catch (e) {
    return e?.reason ?? `threw:${e?.name}`
  } finally {
    Date.now = realNow
  }
}

/** Ours, the same shape: 'ok' or the reason. */
export function oursReason(verify, token, options, now) {
  const realNow = Date.now
  if (now !== undefined) Date.now = () => now
  try {
    verify(token, options)
    return 'ok'
  } catch (e) {
    // A TokenVerificationError's reason, or an AuthError's code (options-invalid).
    return e?.reason ?? e?.code ?? `threw:${e?.name}:${e?.message}`
  } finally {
    Date.now = realNow
  }
}
