// wasm-auth in Next.js's edge runtime (the `edge-light` condition): see load.edge.js.
import './load.edge.js'

export { authObjectFromClaims, createCheckAuthorization, decodeJwt } from './core.js'
export { createAuthClient } from './client.js'
export { AuthError, TokenVerificationError } from './errors.js'
