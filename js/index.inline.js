// wasm-auth for bundlers building for Node (the `node` + `module` condition): the wasm bytes are
// inlined, see load.inline.js.
import './load.inline.js'

export { authObjectFromClaims, createCheckAuthorization, decodeJwt } from './core.js'
export { createAuthClient } from './client.js'
export { AuthError, TokenVerificationError } from './errors.js'
