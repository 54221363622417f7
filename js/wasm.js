// The wasm behind the API, by role. Each entry's loader picks the build for its runtime and
// registers it here: browsers get the client build (small: they download it), Node gets the server
// build (fast, and able to verify signatures) for both roles. The JS layer calls the wasm through
// `core` and `verifier`, so it works with either.
//
// A trap (an `unreachable`, an allocation that failed) leaves an instance unusable. Every call
// site hands what it caught to `survive`, which replaces the trapped instance with a fresh one of
// the same module and answers the call with a typed error; later calls work. Whoever holds
// something of an instance compares `generation` (a client's machine) or listens (`onReset`).
import { AuthError, TokenVerificationError } from './errors.js'

/** The functions serving the core API: decoding, claims, has(), the client. */
export let core = null
/** The core instance's memory: js/has.js and js/core.js write into it. */
export let memory = null
/** The glue serving signature verification (the server build). */
export let verifier = null
/** Bumped whenever an instance is replaced. */
export let generation = 0

const makeError = (code, message, verification) =>
  verification ? new TokenVerificationError(code, message) : new AuthError(code, message)

// The instances serving each role: `{ exports, restart(), core(exports) }`.
let coreInstance = null
let verifierInstance = null
const resets = new Set()

/** Calls `listener` after every replacement of an instance (views of its memory are stale). */
export const onReset = (listener) => resets.add(listener)

const unserved = ({ asCore, asVerifier }) => (asCore && !core) || (asVerifier && !verifier)

function serve(instance, roles) {
  if (roles.asCore && !core) {
    coreInstance = instance
    ;[core, memory] = [instance.core(instance.exports), instance.exports.memory]
  }
  if (roles.asVerifier && !verifier) {
    verifierInstance = instance
    verifier = { ...instance.glue }
  }
}

// The client build, without glue: it imports nothing, and its exports take and return numbers.
// The glue's only work was reading addresses as unsigned (`>>> 0`), done here.
const clientCore = (e) => ({
  ...e,
  checkArena: (size) => e.checkArena(size) >>> 0,
  checkLayout: () => e.checkLayout() >>> 0,
  checkScratch: (size) => e.checkScratch(size) >>> 0,
  clientNew: (seed) => e.clientNew(seed) >>> 0,
  clientStep: (m, event, id, n, now, a, b) => e.clientStep(m, event, id, n, now, a, b) >>> 0,
  inputBuffer: (size) => e.inputBuffer(size) >>> 0,
})

function clientBuild(module) {
  const instantiate = () => new WebAssembly.Instance(module, { './wasm_auth_bg.js': {} }).exports
  return { exports: instantiate(), restart: instantiate, core: clientCore }
}

// The server build through its glue: `initSync` answers the instance's exports once it has one,
// `__wbg_reset_state` replaces it (and its state: the error factory is given again).
function serverBuild(glue, exports) {
  glue.setErrorFactory(makeError)
  const restart = () => {
    glue.__wbg_reset_state()
    glue.setErrorFactory(makeError)
    return glue.initSync()
  }
  return { glue, exports, restart, core: () => ({ ...glue }) }
}

/** Node: instantiates the server build's `glue` from `bytes` now, for the roles not served yet. */
export function loadSync(glue, bytes, roles) {
  if (unserved(roles)) serve(serverBuild(glue, glue.initSync({ module: bytes })), roles)
}

/** Instantiates the client build from a compiled `module` now, for the core role. */
export function loadClientSync(module) {
  if (!core) serve(clientBuild(module), { asCore: true })
}

const loading = new Map() // what is loading -> its one instantiation

/**
 * Browsers and edge runtimes: instantiates, once, the client build (`glue` null) or the server
 * build's `glue`, from `source` (a URL, a Response, a Module, bytes, or a promise of one), or from
 * `source()` when it is a function, called only if the role is unserved. The server glue's own
 * loader also takes a Module compiled outside the runtime's realm (edge runtimes).
 */
export function load(glue, source, roles) {
  if (!unserved(roles)) return Promise.resolve()
  const key = glue ?? 'client'
  if (!loading.has(key)) {
    const from = typeof source === 'function' ? source() : source
    const instance = glue
      ? glue.default({ module_or_path: from }).then((exports) => serverBuild(glue, exports))
      : compile(from).then(clientBuild)
    loading.set(
      key,
      instance.then((instance) => serve(instance, roles)),
    )
  }
  return loading.get(key)
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

/**
 * What a call site throws for `error`, caught from a call into the `role`'s wasm ('core' or
 * 'verifier'): a trap replaces that instance and becomes an AuthError `internal-error`; an object
 * of a replaced instance used after its replacement (the glue refuses it) is one too; anything
 * else is thrown as it is.
 */
export function survive(error, role = 'core') {
  if (error instanceof WebAssembly.RuntimeError) {
    replace(role === 'core' ? coreInstance : verifierInstance)
    return new AuthError('internal-error', `The WebAssembly instance trapped (${error.message}); it was replaced.`, {
      cause: error,
    })
  }
  if (error instanceof Error && /stale object/i.test(error.message)) {
    return new AuthError('internal-error', 'An object of a replaced WebAssembly instance.', { cause: error })
  }
  return error
}

/** `run()`, a call into the verifier's wasm, whose trap replaces that instance. */
export function inVerifier(run) {
  try {
    return run()
  } catch (error) {
    throw survive(error, 'verifier')
  }
}

function replace(instance) {
  if (!instance) return
  instance.exports = instance.restart()
  generation++
  if (instance === coreInstance) [core, memory] = [instance.core(instance.exports), instance.exports.memory]
  for (const listener of resets) listener()
}

/** Tests only: the `role`'s next allocation in wasm traps (src/allocator.rs). */
export function armTrapForTests(role = 'core') {
  ;(role === 'core' ? coreInstance : verifierInstance).exports.armTrap()
}
