// wasm-auth: the core entry. `#load` instantiates the wasm before anything below can call it:
// synchronously in Node, with top-level await elsewhere (package.json "imports" picks the file).
import '#load'

export { authObjectFromClaims, createCheckAuthorization, decodeJwt } from './core.js'
export { createAuthClient } from './client.js'
export { AuthError, TokenVerificationError } from './errors.js'
