// wasm-auth for Node: the wasm is instantiated synchronously on import (index.cjs is this file
// bundled for require()).
import './load.node.js'

export { authObjectFromClaims, createCheckAuthorization, decodeJwt } from './core.js'
export { createAuthClient } from './client.js'
export { AuthError, TokenVerificationError } from './errors.js'
