// verifyToken: the checks run in wasm (src/verify.rs); this file finds the parsed key set for the
// options and carries the clock in. Synchronous: Clerk's verifyToken returns a promise, and
// `await` on our plain value gives the same result.
import { verifier } from './wasm.js'
import { AuthError, TokenVerificationError } from './errors.js'

// Strings cross into wasm by allocation; refuse oversized tokens before they cross (as core.js).
const MAX_TOKEN_LENGTH = 256 * 1024
const MAX_JSON_LENGTH = 16 * 1024 * 1024
// Apps use one or two keys; the bound only stops a caller with ever-new PEMs from growing memory.
const MAX_PEM_KEYS = 16

const pemKeys = new Map() // PEM text -> KeySet, oldest first
const jwksKeys = new WeakMap() // JWKS object -> KeySet; a JWKS is read once, when first used
let noKeys = null

/** Verifies a session token networklessly; returns its payload or throws TokenVerificationError. */
export function verifyToken(token, options) {
  if (typeof token !== 'string') throw new TokenVerificationError('token-invalid', 'A JWT must be a string.')
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenVerificationError('token-invalid', 'Token is too large.')
  let keys, checks
  try {
    const { jwtKey, jwks, authorizedParties, issuer, audience, clockSkewInMs } = options ?? {}
    keys = keySetFor(jwtKey, jwks)
    checks = JSON.stringify({ authorizedParties, issuer, audience, clockSkewInMs }, asJson)
  } catch (cause) {
    throw new AuthError('options-invalid', `verifyToken options are not JSON data: ${cause?.message}`, { cause })
  }
  if (checks.length > MAX_JSON_LENGTH) throw new AuthError('options-invalid', 'verifyToken options are too large.')
  return JSON.parse(verifier.verifyToken(token, keys, checks, Date.now()))
}

// Clerk compares options with `includes`: a function or symbol is truthy and equals no claim.
// JSON would drop it (and so drop the check); `{}` keeps it truthy and matching nothing.
function asJson(key, value) {
  const t = typeof value
  return t === 'function' || t === 'symbol' || t === 'bigint' ? {} : value
}

// Clerk tests `if (options.jwtKey)`, so jwtKey wins over jwks and '' is no key.
function keySetFor(jwtKey, jwks) {
  if (typeof jwtKey === 'string' && jwtKey) return pemKeySet(jwtKey)
  if (jwtKey) return verifier.KeySet.fromPem(jwtKey) // not a string: a key that fails every token
  if (jwks !== null && typeof jwks === 'object') {
    let keys = jwksKeys.get(jwks)
    if (!keys) jwksKeys.set(jwks, (keys = verifier.KeySet.fromJwks(jwksJson(jwks))))
    return keys
  }
  return (noKeys ??= verifier.KeySet.missing())
}

function pemKeySet(pem) {
  let keys = pemKeys.get(pem)
  if (keys) return keys
  if (pemKeys.size >= MAX_PEM_KEYS) {
    const [oldest, evicted] = pemKeys.entries().next().value
    pemKeys.delete(oldest)
    evicted.free()
  }
  pemKeys.set(pem, (keys = verifier.KeySet.fromPem(pem)))
  return keys
}

function jwksJson(jwks) {
  let json
  try {
    json = JSON.stringify(jwks)
  } catch {
    return undefined // not JSON data: no key set
  }
  return json?.length > MAX_JSON_LENGTH ? undefined : json
}
