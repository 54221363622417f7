// The wasm behind the API, by role. Each entry's loader picks the build for its runtime and
// registers it here: browsers get the client build (small: they download it), Node gets the server
// build (fast, and able to verify signatures) for both roles. The JS layer calls the glue through
// `core` and `verifier`, so it works with either.
import { AuthError, TokenVerificationError } from './errors.js'

/** The wasm-bindgen glue serving the core API: decoding, claims, has(), the client. */
export let core = null
/** The core instance's memory: js/has.js writes has() parameters into it. */
export let memory = null
/** The glue serving signature verification (the server build). */
export let verifier = null

const makeError = (code, message, verification) =>
  verification ? new TokenVerificationError(code, message) : new AuthError(code, message)

const unserved = ({ asCore, asVerifier }) => (asCore && !core) || (asVerifier && !verifier)

// The roles get the glue's functions as a plain object: where a bundler stands in for the module
// namespace (esbuild makes an object of getters, as in the browser entries' internal.js), every
// call through it would first run a getter.
function serve(glue, exports, roles) {
  // Only the server build throws from wasm; the client build's exports answer in its buffer.
  glue.setErrorFactory?.(makeError)
  if (roles.asCore && !core) [core, memory] = [{ ...glue }, exports.memory]
  if (roles.asVerifier && !verifier) verifier = { ...glue }
}

/** Node: instantiates `glue` from `module` (bytes) now, for the roles not served yet. */
export function loadSync(glue, module, roles) {
  if (unserved(roles)) serve(glue, glue.initSync({ module }), roles)
}

const loading = new Map() // glue -> its one instantiation

/**
 * Browsers and edge runtimes: instantiates `glue` once, from `source` (a URL, a Response, a Module,
 * bytes, or a promise of one), or from `source()` when it is a function, called only if the role is
 * unserved. The browsers' shared module (core-glue.browser.js) passes the glue's functions without
 * its async loader, which would cost every bundle 651 bytes gzip: the wasm is compiled here and
 * instantiated by `initSync`. The edge loaders pass the whole glue, whose loader also takes a
 * Module compiled outside the runtime's realm (`initSync`'s `instanceof` check does not).
 */
export function load(glue, source, roles) {
  if (!unserved(roles)) return Promise.resolve()
  if (!loading.has(glue)) {
    const from = typeof source === 'function' ? source() : source
    const instantiated = glue.default
      ? glue.default({ module_or_path: from })
      : compile(from).then((module) => glue.initSync({ module }))
    loading.set(
      glue,
      instantiated.then((exports) => serve(glue, exports, roles)),
    )
  }
  return loading.get(glue)
}

async function compile(source) {
  source = await source
  if (source instanceof WebAssembly.Module) return source
  if (typeof source === 'string' || source instanceof URL) source = await fetch(source)
  if (!(source instanceof Response)) return WebAssembly.compile(source)
  if (!source.ok) throw new Error(`Fetching the wasm failed: ${source.status} ${source.url}`)
  // Streaming compilation needs the application/wasm type; a server that sends another still works.
  const streams = source.headers.get('content-type')?.split(';')[0] === 'application/wasm'
  return streams ? WebAssembly.compileStreaming(source) : WebAssembly.compile(await source.arrayBuffer())
}
