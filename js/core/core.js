// The core API: token decoding, claims normalisation and has(). Each function converts its
// arguments, calls the wasm and converts back; the rules themselves live in Rust (src/). This file
// is also the one place JS shapes an auth object, from the fields src/abi.rs names
// (js/core/abi.js).
import { core, memory, survive } from '../wasm/wasm.js'
import { AuthError } from './errors.js'
import { check, checker, view, writeText } from './has.js'
import {
  CHECK_FEATURES,
  CHECK_FIELDS,
  CHECK_GRANTS,
  CHECK_PLANS,
  FIELDS,
  MAX_TOKEN_BYTES,
  SESSION_CLAIMS,
  authObject,
  v2Input,
} from './abi.js'

// Strings cross into wasm by allocation, and a failed allocation aborts the module; oversized
// inputs are refused before they cross. A token's limit is the core's (src/abi.rs, in UTF-8
// bytes): a string whose UTF-16 length passes it has more bytes still, so refusing it here, with
// the core's words, refuses nothing the core would take. JSON's limit is this layer's own.
export const MAX_TOKEN_LENGTH = MAX_TOKEN_BYTES
export const TOKEN_TOO_LARGE = 'Token is larger than 256 KiB.'
export const MAX_JSON_LENGTH = 16 * 1024 * 1024

/** Splits and decodes a JWT without checking its signature. Throws AuthError `token-invalid`. */
export function decodeJwt(token) {
  if (typeof token !== 'string') throw new AuthError('token-invalid', 'A JWT must be a string.')
  if (token.length > MAX_TOKEN_LENGTH) throw new AuthError('token-invalid', TOKEN_TOO_LARGE)
  const [header, payload] = JSON.parse(decoder.decode(exchange('decodeJwt', token, 'token-invalid')))
  return { header, payload }
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Hands `text` to the wasm export `name` through wasm's buffer (src/wasm/buffer.rs) and returns the
 * answer's bytes, a view of wasm memory valid until the next call; a failure throws AuthError
 * `code` with wasm's message. `encodeInto` copies a long text far faster than passing it as a
 * string argument.
 */
function exchange(name, text, code) {
  let n, answer
  try {
    const capacity = text.length * 3
    const at = core.inputBuffer(capacity)
    if (at === 0) throw new AuthError(code, 'Too large for memory.')
    n = core[name](encoder.encodeInto(text, new Uint8Array(memory.buffer, at, capacity)).written)
    answer = new Uint8Array(memory.buffer, core.inputBuffer(0), n < 0 ? -1 - n : n)
  } catch (error) {
    throw survive(error)
  }
  if (n < 0) throw new AuthError(code, decoder.decode(answer))
  return answer
}

/**
 * Steps client `machine` (src/wasm/client.rs) with an event and its two texts, written into wasm's
 * buffer one after the other (absent: null or undefined); returns the answer's text.
 */
export function clientStep(machine, event, id, number, a, b) {
  try {
    const capacity = ((a?.length ?? 0) + (b?.length ?? 0)) * 3
    const at = core.inputBuffer(capacity)
    if (at === 0) throw new AuthError('response-invalid', 'Too large for memory.')
    const aLength = a == null ? -1 : writeText(a, at)
    const bLength = b == null ? -1 : writeText(b, at + Math.max(aLength, 0))
    const n = core.clientStep(machine, event, id, number, Date.now(), aLength, bLength)
    const answer = core.inputBuffer(0)
    return decoder.decode(view().subarray(answer, answer + n))
  } catch (error) {
    throw survive(error)
  }
}

/** The auth object with every field `empty`: undefined before load, null when signed out. */
export function emptyAuthObject(empty) {
  const auth = { [SESSION_CLAIMS]: empty }
  for (const name of FIELDS) auth[name] = empty
  return auth
}

/** A store's state before load: isLoaded false and every other field undefined. */
export const NOT_LOADED = Object.freeze({ isLoaded: false, ...emptyAuthObject(undefined) })
/** A store's state signed out: isLoaded true and every other field null. */
export const SIGNED_OUT = Object.freeze({ isLoaded: true, ...emptyAuthObject(null) })

/**
 * A store's first state from what the app's server already knows (authenticateRequest's result
 * minus its functions, or `{ sessionId: null, userId: null }`): loaded, each absent field null.
 * As in Clerk's `resolveAuthState` (`packages/shared/src/authorization.ts`), undefined means
 * unknown and null signed out: with `sessionId` and `userId` both undefined it is not loaded.
 */
export function stateFrom(initialState) {
  if (initialState == null || (initialState.sessionId === undefined && initialState.userId === undefined)) {
    return NOT_LOADED
  }
  const state = { isLoaded: true, [SESSION_CLAIMS]: initialState[SESSION_CLAIMS] ?? null }
  for (const name of FIELDS) state[name] = initialState[name] ?? null
  return Object.freeze(state)
}

/**
 * Session-token claims (v1 or v2) → the auth object. Throws AuthError `claims-invalid`.
 *
 * Only what needs decoding crosses into wasm: `v`, `fea` and the members of `o` that are decoded
 * (its role and permissions), from which Rust derives the organization fields (src/claims.rs,
 * `organization_from_claims`; `null` for v1 claims). Every other field is copied as it is, as Clerk
 * copies it (same value, same reference). Both shapes are generated from src/abi.rs
 * (js/core/abi.js).
 */
export function authObjectFromClaims(claims) {
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new AuthError('claims-invalid', 'Claims must be an object.')
  }
  return shaped(claims, organization(json(v2Input(claims), 'claims-invalid')))
}

// v2 permissions arrays -> the claims they were decoded from: has() decodes them again from the
// claims (linear in them), where the permissions' text need not be (src/permissions.rs).
const decodedFrom = new WeakMap()

/** The auth object of `claims` and `org`, what wasm decoded of them (the client's state has it). */
export function shaped(claims, org) {
  const auth = authObject(claims, org)
  if (org?.orgPermissions) decodedFrom.set(auth.orgPermissions, claims)
  return auth
}

/** The organization fields wasm decodes from v2 claims (`null` for v1), as a fresh object. */
function organization(text) {
  return JSON.parse(decoder.decode(exchange('organizationFromClaims', text, 'claims-invalid')))
}

/**
 * has() for a signed-in auth object (sessionClaims included), with the options Clerk's backend
 * and hooks build from one: its user, organization and factor ages, and the `fea`/`pla` claims.
 * The options are taken now and compiled on the first call: most auth objects are never asked.
 */
export function checkAuthorizationFor(auth) {
  const claims = auth[SESSION_CLAIMS] ?? {}
  const options = { [CHECK_FEATURES]: claims.fea || '', [CHECK_PLANS]: claims.pla || '' }
  for (const name of CHECK_FIELDS) options[name] = auth[name]
  const v2 = decodedFrom.get(auth.orgPermissions)
  if (v2) [options.orgPermissions, options[CHECK_GRANTS]] = [undefined, v2Input(v2).o]
  let compiled = null
  return (params) => check((compiled ??= compile(options)), params)
}

/** Compiles the options once; the returned has(params) answers in wasm and never throws. */
export function createCheckAuthorization(options) {
  const compiled = compile(options)
  return (params) => check(compiled, params)
}

function compile(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new AuthError('options-invalid', 'createCheckAuthorization takes an options object.')
  }
  return checker(exchange('checkerCompile', json(options, 'options-invalid'), 'options-invalid').slice())
}

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
