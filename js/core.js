// The core API: token decoding, claims normalisation and has(). Each function converts its
// arguments, calls the wasm and converts back; the rules themselves live in Rust (src/).
import { authObjectFromClaims as authJson, checkerRegister, decodeJwt as decodeJson } from './wasm_auth.js'
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
  const [header, payload] = JSON.parse(decodeJson(token))
  return { header, payload }
}

/** Session-token claims (v1 or v2) → the auth object. Throws AuthError `claims-invalid`. */
export function authObjectFromClaims(claims) {
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new AuthError('claims-invalid', 'Claims must be an object.')
  }
  return { sessionClaims: claims, ...JSON.parse(authJson(json(claims, 'claims-invalid'))) }
}

/** Parses the options once; the returned has(params) answers in wasm and never throws. */
export function createCheckAuthorization(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new AuthError('options-invalid', 'createCheckAuthorization takes an options object.')
  }
  const text = json(options, 'options-invalid')
  let id = checkerRegister(text)
  return (params) => {
    const answer = check(id, params)
    if (answer !== UNKNOWN_CHECKER) return answer === 1
    id = checkerRegister(text) // the bounded wasm table let this checker go; parse it again
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
