// wasm-auth for browsers, bundlers and edge runtimes: the wasm loads (top-level await) before
// anything below can call it.
import './load.browser.js'

export { authObjectFromClaims, createCheckAuthorization, decodeJwt } from './core.js'
export { createAuthClient } from './client.js'
export { AuthError, TokenVerificationError } from './errors.js'
