// wasm-auth/server: verifyToken and authenticateRequest. In browsers, workers and bundlers both
// wasm load (the client build for claims and has(), the server build for verification); the
// runtime twins scripts/build.mjs writes load what their runtime allows, as for index.js.
import './wasm/load.server.browser.js'

export { authenticateRequest } from './server/authenticate.js'
export { verifyToken, verifyTokenSync } from './server/verify.js'
export { AuthError, TokenVerificationError } from './core/errors.js'
