// wasm-auth: the core entry. Its first import loads the wasm for the runtime: this file is the
// browser one; scripts/build.mjs writes its node, inline (bundled for Node) and edge twins, which
// differ only in that import.
import './wasm/load.browser.js'

export { authObjectFromClaims, createCheckAuthorization, decodeJwt } from './core/core.js'
export { createAuthClient } from './client/client.js'
export { AuthError, TokenVerificationError } from './core/errors.js'
