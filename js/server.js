// wasm-auth/server for edge runtimes (Next.js middleware), workers and bundlers: no Node built-ins.
import './load.server.browser.js'

export { authenticateRequest } from './authenticate.js'
export { verifyToken } from './verify.js'
export { AuthError, TokenVerificationError } from './errors.js'
