// wasm-auth/server in Next.js's edge runtime: middleware and edge route handlers (the
// `edge-light` condition). Both wasm come in as precompiled modules, see load.edge.js.
import './load.edge.js'
import './load.server.edge.js'

export { authenticateRequest } from './authenticate.js'
export { verifyToken } from './verify.js'
export { AuthError, TokenVerificationError } from './errors.js'
