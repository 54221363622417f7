// The server wasm instance (the core plus signature verification), behind wasm-auth/server only.
// Like wasm.js, its loaders (load.server.node.js, load.server.browser.js) differ only in how they
// get the bytes. Its errors are all verification failures: TokenVerificationErrors.
import init, { initSync, setErrorFactory } from './wasm_auth_server.js'
import { TokenVerificationError } from './errors.js'

let ready = false
let loading = null

function loaded() {
  ready = true
  setErrorFactory((reason, message) => new TokenVerificationError(reason, message))
}

export function loadSync(module) {
  if (ready) return
  initSync({ module })
  loaded()
}

/** Idempotent: every caller shares one instantiation (`source` as in wasm.js's load). */
export function load(source) {
  loading ??= ready
    ? Promise.resolve()
    : init({ module_or_path: typeof source === 'function' ? source() : source }).then(loaded)
  return loading
}
