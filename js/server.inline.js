// wasm-auth/server for bundlers building for Node (Next.js server components and route
// handlers): both wasm inlined, see load.inline.js.
import './load.inline.js'
import './load.server.inline.js'

export { authenticateRequest } from './authenticate.js'
export { verifyToken } from './verify.js'
export { AuthError, TokenVerificationError } from './errors.js'
