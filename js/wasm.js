// The one wasm instance behind the core API. Loaders (load.node.js, load.browser.js) differ only
// in how they get the bytes; both end here.
import init, { initSync, setErrorFactory } from './wasm_auth.js'
import { AuthError } from './errors.js'

/** The instance's memory, set once loaded; js/has.js writes parameters into it. */
export let memory = null
let loading = null

function loaded(exports) {
  memory = exports.memory
  setErrorFactory((code, message) => new AuthError(code, message))
}

export function loadSync(module) {
  if (!memory) loaded(initSync({ module }))
}

/**
 * Idempotent: every caller shares one instantiation. `source` is what wasm-bindgen's init takes
 * (a URL, a Response or bytes, or a promise of one), or a function giving it, called only by the
 * first caller, so a second loader downloads nothing.
 */
export function load(source) {
  loading ??= memory
    ? Promise.resolve()
    : init({ module_or_path: typeof source === 'function' ? source() : source }).then(loaded)
  return loading
}
