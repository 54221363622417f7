// verifyToken and verifyTokenSync: the checks run in wasm (src/verify/mod.rs); this file finds the
// parsed key set for the options and carries the clock in. verifyToken returns a promise, as
// Clerk's does, and fetches the instance's keys when the options name no key (js/server/jwks.js);
// verifyTokenSync takes `jwtKey` or `jwks` and never waits, for hot paths.
import { onReset, verifier } from '../wasm/wasm.js'
import { inVerifier } from '../wasm/wasm-server.js'
import { AuthError, TokenVerificationError } from '../core/errors.js'
import { jwksSettings, jwksSource, jwksUrlFor, jwksUrlOption } from './jwks.js'
import { MAX_JSON_LENGTH, MAX_TOKEN_LENGTH, TOKEN_TOO_LARGE } from '../core/core.js'

// Apps use one or two keys; the bound only stops a caller with ever-new keys from growing memory.
const MAX_KEY_SETS = 16

const keySets = new Map() // PEM text, or JWKS JSON text -> KeySet, oldest first
let noKeys = null

/**
 * Verifies a session token with `jwtKey` or `jwks` and returns its payload, or throws a
 * TokenVerificationError (an AuthError `options-invalid` for options that are not what they should be).
 */
export function verifyTokenSync(token, options) {
  return verifyTokenWith(token, keySetFor(options?.jwtKey, options?.jwks), options)
}

/**
 * Clerk's verifyToken: a promise of the payload. With `jwtKey` or `jwks` it verifies as
 * verifyTokenSync does; with only `publishableKey`, `frontendApi`, `proxyUrl` or `jwksUrl` it
 * verifies with the instance's JWKS, fetched and cached (js/server/jwks.js).
 */
export async function verifyToken(token, options) {
  return withKeys(options, (keys) => verifyTokenWith(token, keys, options))
}

/**
 * Runs `verify(keys)` with the keys the options give: `jwtKey`/`jwks` as they are, else the
 * instance's JWKS, refetched once (within its cooldown) when the token's `kid` is not in it. The
 * options alone say where keys come from (jwksUrlFor): there is no request parameter to pass.
 */
export async function withKeys(options, verify) {
  const url = keysUrlFor(options)
  if (!url) return verify(keySetFor(options?.jwtKey, options?.jwks))
  return withRemoteKeys(url, options, verify)
}

/**
 * The URL the keys are fetched from, or null when the options give them (or name none). Throws
 * AuthError `options-invalid` for options that name a wrong place (jwksUrlFor). Clerk tests
 * `if (options.jwtKey)`: a key given wins over any URL. A malformed `jwksUrl` is refused even
 * then: an option naming a wrong place is a mistake to report now, not the day the key goes.
 */
export function keysUrlFor(options) {
  if (!options?.jwtKey && !options?.jwks) return jwksUrlFor(options)
  jwksUrlOption(options)
  return null
}

async function withRemoteKeys(url, options, verify) {
  const settings = jwksSettings(options)
  const source = jwksSource(url)
  const keys = await source.current(settings)
  try {
    return verify(keys)
  } catch (error) {
    if (error?.reason !== 'jwk-kid-mismatch') throw error
    const newer = await source.refreshed(keys, settings)
    if (!newer) throw error
    return verify(newer)
  }
}

/** The payload of `token` verified with `keys` (a KeySet), now. */
export function verifyTokenWith(token, keys, options) {
  if (typeof token !== 'string') throw new TokenVerificationError('token-invalid', 'A JWT must be a string.')
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenVerificationError('token-invalid', TOKEN_TOO_LARGE)
  return JSON.parse(inVerifier(() => verifier.verifyToken(token, keys, checks(options), Date.now())))
}

// Key sets belong to the instance that parsed them: a replaced one's are parsed again when asked.
onReset(() => {
  keySets.clear()
  noKeys = null
})

/** The Set-Cookie directives a handshake token carries, once verified with `keys`. */
export function verifyHandshakeWith(token, keys, options) {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) {
    throw new TokenVerificationError('token-invalid', 'A handshake token must be a string of at most 256 KiB.')
  }
  return inVerifier(() => verifier.verifyHandshake(token, keys, checks(options), Date.now()))
}

// The four checks' options, read into Rust by serde-wasm-bindgen (src/verify/options.rs). A new
// plain object: a throwing getter or a Proxy on the caller's object fails here, in JS, not in wasm.
function checks(options) {
  try {
    const { authorizedParties, issuer, audience, clockSkewInMs } = options ?? {}
    return { authorizedParties, issuer, audience, clockSkewInMs }
  } catch (cause) {
    throw new AuthError('options-invalid', `verifyToken options cannot be read: ${cause?.message}`, { cause })
  }
}

// Clerk tests `if (options.jwtKey)`, so jwtKey wins over jwks and '' is no key.
function keySetFor(jwtKey, jwks) {
  return inVerifier(() => keySetOf(jwtKey, jwks))
}

function keySetOf(jwtKey, jwks) {
  if (typeof jwtKey === 'string' && jwtKey) return cached(jwtKey, () => verifier.KeySet.fromPem(jwtKey))
  if (jwtKey) return verifier.KeySet.fromPem(jwtKey) // not a string: a key that fails every token
  if (jwks !== null && typeof jwks === 'object') {
    // The set follows its content: a key removed from the object in place stops verifying at
    // once, a key added verifies. JSON.stringify of a JWKS is about a microsecond; the parsed
    // keys are cached by that text.
    const json = jwksJson(jwks)
    return json ? cached(json, () => verifier.KeySet.fromJwks(json)) : missing()
  }
  return missing()
}

const missing = () => (noKeys ??= verifier.KeySet.missing())

function cached(text, make) {
  let keys = keySets.get(text)
  if (keys) return keys
  if (keySets.size >= MAX_KEY_SETS) keySets.delete(keySets.keys().next().value) // freed by its weak ref
  keySets.set(text, (keys = make()))
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
