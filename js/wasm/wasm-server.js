// The server build in the registry (js/wasm/wasm.js): through its glue, which verifies signatures
// and throws the JS layer's own errors. Node loads it for every role; browsers and edge runtimes
// for verification only. Kept apart so that a browser bundle without wasm-auth/server carries none
// of it.
import { AuthError, TokenVerificationError } from '../core/errors.js'
import { serve, survive, unserved } from './wasm.js'

const makeError = (code, message, verification) =>
  verification ? new TokenVerificationError(code, message) : new AuthError(code, message)

// `initSync` answers the instance's exports once it has one; `__wbg_reset_state` (wasm-bindgen's
// --experimental-reset-state-function) replaces the instance and its state, the error factory
// among it, given again.
function serverBuild(glue, exports) {
  glue.setErrorFactory(makeError)
  const restart = () => {
    glue.__wbg_reset_state()
    glue.setErrorFactory(makeError)
    return glue.initSync()
  }
  // The glue's functions follow the instance it holds: one object serves for good.
  return { exports, restart, core: { ...glue } }
}

/** Node: instantiates the server build's `glue` from `bytes` now, for the roles not served yet. */
export function loadSync(glue, bytes, roles) {
  if (unserved(roles)) serve(serverBuild(glue, glue.initSync({ module: bytes })), roles)
}

let loading = null

/**
 * Next.js's edge runtime: instantiates the server build's `glue` once, from `module`, a
 * WebAssembly.Module compiled outside the runtime's realm, which the glue's asynchronous loader
 * takes (its `initSync` does not).
 */
export function loadServer(glue, module, roles) {
  if (!unserved(roles)) return Promise.resolve()
  return (loading ??= glue
    .default({ module_or_path: module })
    .then((exports) => serve(serverBuild(glue, exports), roles)))
}

/**
 * `run()`, a call into the verifier's wasm: a trap replaces that instance (wasm.js, `survive`); a
 * key set of a replaced instance, which the glue refuses, is an AuthError `internal-error` too.
 */
export function inVerifier(run) {
  try {
    return run()
  } catch (error) {
    if (error instanceof Error && /stale object/i.test(error.message)) {
      throw new AuthError('internal-error', 'A key set of a replaced WebAssembly instance.', { cause: error })
    }
    throw survive(error, 'verifier')
  }
}
