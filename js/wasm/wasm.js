// The wasm behind the API, by role. Each entry's loader picks the build for its runtime and
// registers it here: browsers get the client build (small: they download it), Node gets the server
// build (fast, and able to verify signatures) for both roles (js/wasm/wasm-server.js). The JS layer
// calls the wasm through `core` and `verifier`, so it works with either. Every loader but the
// edge runtime's verifier instantiates synchronously on import (js/wasm/load.*.js say why).
//
// A trap (an `unreachable`, an allocation that failed) leaves an instance unusable. Every call
// site hands what it caught to `survive`, which replaces the trapped instance with a fresh one of
// the same module and answers the call with a typed error; later calls work. Whoever holds
// something of an instance compares `generation` (a client's machine) or listens (`onReset`).
import { AuthError } from '../core/errors.js'

/** The functions serving the core API: decoding, claims, has(), the client. */
export let core = null
/** The core instance's memory: js/core/has.js and js/core/core.js write into it. */
export let memory = null
/** The glue serving signature verification (the server build). */
export let verifier = null
/** Bumped whenever an instance is replaced. */
export let generation = 0

// The instances serving each role: `{ exports, restart(), core, glue? }`.
let coreInstance = null
let verifierInstance = null
const resets = new Set()

/** Calls `listener` after every replacement of an instance (views of its memory are stale). */
export const onReset = (listener) => resets.add(listener)

export const unserved = ({ asCore, asVerifier }) => (asCore && !core) || (asVerifier && !verifier)

/** Makes `instance` serve `roles` that nothing serves yet. */
export function serve(instance, roles) {
  if (roles.asCore && !core) {
    coreInstance = instance
    ;[core, memory] = [instance.core ?? instance.exports, instance.exports.memory]
  }
  if (roles.asVerifier && !verifier) {
    verifierInstance = instance
    verifier = instance.core
  }
}

// The client build, without glue: it imports nothing, and its exports take and return numbers
// (addresses and lengths below 2^31: its memory is capped at 2 GiB, scripts/wasm-build.mjs).
function clientBuild(module) {
  const instantiate = () => new WebAssembly.Instance(module, { './wasm_auth_bg.js': {} }).exports
  return { exports: instantiate(), restart: instantiate }
}

/** Instantiates the client build from a compiled `module` now, for the core role. */
export function loadClientSync(module) {
  if (!core) serve(clientBuild(module), { asCore: true })
}

/**
 * What a call site throws for `error`, caught from a call into the `role`'s wasm ('core' or
 * 'verifier'): a trap replaces that instance and becomes an AuthError `internal-error`; anything
 * else is thrown as it is.
 */
export function survive(error, role = 'core') {
  if (!(error instanceof WebAssembly.RuntimeError)) return error
  const instance = role === 'core' ? coreInstance : verifierInstance
  instance.exports = instance.restart()
  generation++
  if (instance === coreInstance) [core, memory] = [instance.core ?? instance.exports, instance.exports.memory]
  for (const listener of resets) listener()
  return new AuthError('internal-error', `The WebAssembly instance trapped (${error.message}); it was replaced.`, {
    cause: error,
  })
}

/** Tests only: the `role`'s next allocation in wasm traps (src/allocator.rs). */
export function armTrapForTests(role = 'core') {
  ;(role === 'core' ? coreInstance : verifierInstance).exports.armTrap()
}
