// wasm-auth/server for Node (ESM; server.cjs is this file bundled for require()).
import './load.node.js'
import './load.server.node.js'

export { authenticateRequest } from './authenticate.js'
export { verifyToken } from './verify.js'
export { AuthError, TokenVerificationError } from './errors.js'
