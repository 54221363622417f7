// createAuthClient: the framework-free store over the wasm client (src/wasm/client.rs). The token
// cache, the session state machine and the load status run in Rust; this file carries out the
// machine's effects, keeps the snapshot object stable between changes and tells subscribers
// (React's useSyncExternalStore among them) when it changes.
import { core, generation } from '../wasm/wasm.js'
import { AuthError } from '../core/errors.js'
import { NOT_LOADED, SIGNED_OUT, clientStep, shaped, stateFrom } from '../core/core.js'
import * as abi from '../core/abi.js'
import { createCookies } from './cookies.js'
import { addClerkErrors, createTransport } from './fapi.js'
import { instanceFrom } from '../core/instance.js'
import { go, navigable } from './navigate.js'
import { createRedirects } from './portal.js'

// Frees a client's wasm side once its `step` is unreachable: its handle, if the instance that made
// it still serves (a replaced one took its machines along).
const machines = new FinalizationRegistry((held) => held.generation === generation && core.clientFree(held.handle))

/**
 * The client of one Clerk instance: `publishableKey`, `proxyUrl`, `frontendApi` say which (see
 * instance.js, instanceFrom, for the rule). Throws `options-invalid` for a malformed one.
 */
export function createAuthClient(options) {
  options ??= {}
  const instance = instanceFrom(options)
  if (!instance.frontendApi) {
    throw new AuthError('options-invalid', 'createAuthClient: give publishableKey (or proxyUrl or frontendApi).')
  }
  const inBrowser = typeof document !== 'undefined'
  const cookies = createCookies(instance, options.sessionCookie ?? inBrowser)
  const transport = createTransport(instance, cookies)
  const syncTabs = options.syncTabs ?? (inBrowser && typeof BroadcastChannel !== 'undefined')
  // The snapshot: the auth state, and the load status with the last failure (status.rs). An
  // `error` status over a state the app's server gave (initialState) is `degraded`: it holds.
  let auth = stateFrom(options.initialState)
  let health = ['loading', null]
  let state = null
  const snapshot = () => {
    const [status, error] = health
    state = Object.freeze({ ...auth, status: status === 'error' && auth.isLoaded ? 'degraded' : status, error })
    return true
  }
  snapshot()
  let session // the active session's resource (JSON), once the machine has one; null signed out
  const listeners = new Set()
  const tell = () => {
    for (const listener of [...listeners]) listener()
  }
  // The wasm side is made on first use: a server rendering <AuthProvider> per request only reads
  // the state it was given and never loads, so it should not hold a client in wasm memory. It is
  // freed once nothing can step it any more (no caller, timer, request or channel left).
  // `machine.handle` is its handle in the instance of `machine.generation`: when that instance is
  // replaced (it trapped: js/wasm/wasm.js), the machine is gone with it, and a new one takes over,
  // which loads again if the old one had; the state, and the status, stay as they were meanwhile.
  let machine = null
  let loaded = false
  let resumed = false // the new machine's load after a reset: its `loading` is not news
  let channel = null
  const waiters = new Map() // waiter id -> [resolve, reject] of a promise handed out
  const held = { handle: 0, generation: -1 } // what the finalizer frees
  const lost = () => {
    machine = null
    for (const [, reject] of waiters.values()) reject(new AuthError('internal-error', 'The client was reset.'))
    waiters.clear()
    if ((resumed = loaded)) queueMicrotask(() => step(abi.EVENT_LOAD)?.catch(() => {}))
  }
  // Steps the machine (src/client/wire.rs): the event in, then the answer's effects carried out in
  // order; returns the reply (a promise), or the token of a cached getToken() as it is.
  const step = (event, id = 0, number = NaN, a, b) => {
    if (machine !== null && machine.generation !== generation) lost()
    if (machine === null) {
      machine = { handle: core.clientNew(Math.floor(Math.random() * 2 ** 53)), generation }
      Object.assign(held, machine)
    }
    if (channel === null && syncTabs) {
      try {
        channel = new BroadcastChannel(`wasm-auth:${instance.frontendApi}`)
        channel.onmessage = ({ data }) => typeof data === 'string' && step(abi.EVENT_TAB, 0, NaN, data)
      } catch {
        channel = undefined // no channel (an opaque origin): the tabs are not kept in step
      }
    }
    if (event === abi.EVENT_LOAD) loaded = true
    const current = machine
    let answer
    try {
      answer = clientStep(current.handle, event, id, number, a, b)
    } catch (error) {
      if (current.generation !== generation) lost()
      throw error
    }
    // What the host reports back (answers, timers) is for this machine only.
    const report = (...args) => machine === current && step(...args)
    if (answer[0] !== '[') return answer
    const [reply, ...effects] = JSON.parse(answer)
    const promise = reply ? answered(reply) : undefined
    let changed = false
    for (const [kind, x, y, z, w] of effects) {
      if (kind === abi.EFFECT_HTTP) {
        transport.send(y, z, w ?? undefined).then(
          ([status, body, retryAfter]) => report(abi.EVENT_HTTP, x, status, body, retryAfter),
          () => report(abi.EVENT_NETWORK_ERROR, x),
        )
      } else if (kind === abi.EFFECT_TIMER) {
        setTimeout(() => report(abi.EVENT_TIMER, x), y).unref?.() // Node: a refresh keeps no process alive
      } else if (kind === abi.EFFECT_SETTLE) {
        const [resolve, reject] = waiters.get(x)
        waiters.delete(x)
        try {
          resolve(value(y))
        } catch (error) {
          reject(error)
        }
      } else if (kind === abi.EFFECT_STATE) {
        auth = x ? (y ? { isLoaded: true, ...shaped(y, z) } : SIGNED_OUT) : NOT_LOADED
        changed = snapshot()
      } else if (kind === abi.EFFECT_COOKIES) {
        cookies.session(x, y, state)
      } else if (kind === abi.EFFECT_BROADCAST) {
        channel?.postMessage(JSON.stringify(x))
      } else if (kind === abi.EFFECT_STATUS) {
        // After a reset, the new machine's way back to where the old one stood is no change.
        if (resumed && (x === 'loading' || (x === health[0] && !y && !health[1]))) continue
        resumed = false
        health = [x, y ? new AuthError(y, z) : null]
        changed = snapshot()
      } else if (kind === abi.EFFECT_SESSION) {
        session = x
        changed = true
      }
    }
    if (changed) tell()
    return promise
  }
  machines.register(step, held)
  // A call's reply: a waiter id (settled by a later effect), or its outcome.
  const answered = (reply) =>
    new Promise((resolve, reject) =>
      typeof reply === 'number' ? waiters.set(reply, [resolve, reject]) : resolve(value(reply)),
    )
  // What an outcome resolves to; a failure throws its AuthError, with Clerk's data if any.
  const value = ([kind, x, message, status, body]) => {
    if (kind !== abi.OUTCOME_FAILED) return kind === abi.OUTCOME_TOKEN ? x : undefined
    const error = new AuthError(x, message)
    if (status !== undefined) addClerkErrors(error, status, body)
    throw error
  }
  // A public call: its failures reject, never throw (a replaced wasm instance throws from step).
  const call = (...args) => {
    try {
      return step(...args)
    } catch (error) {
      return Promise.reject(error)
    }
  }
  // The page came back (online, shown again): a client whose Frontend API was failing loads now.
  if (inBrowser) {
    const wake = () => machine && document.visibilityState !== 'hidden' && call(abi.EVENT_WAKE)
    addEventListener('online', wake)
    document.addEventListener('visibilitychange', wake)
  }
  const redirectTo = createRedirects(options, instance, transport)

  return {
    load: () => call(abi.EVENT_LOAD),
    getState: () => state,
    /** The active session's resource as the Frontend API sent it; undefined before it has. */
    getSession: () => session,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getToken(options = {}) {
      const { template, organizationId, skipCache = false, leewayInSeconds } = options ?? {}
      if (
        (template !== undefined && typeof template !== 'string') ||
        (organizationId != null && typeof organizationId !== 'string') ||
        (leewayInSeconds !== undefined && typeof leewayInSeconds !== 'number')
      ) {
        return Promise.reject(
          new AuthError(
            'options-invalid',
            'getToken: template and organizationId are strings, leewayInSeconds a number.',
          ),
        )
      }
      const organization =
        organizationId === undefined
          ? abi.ORGANIZATION_ACTIVE
          : organizationId === null
            ? abi.ORGANIZATION_PERSONAL
            : abi.ORGANIZATION_ID
      const token = call(
        abi.EVENT_GET_TOKEN,
        organization + (skipCache ? abi.SKIP_CACHE : 0),
        leewayInSeconds,
        template,
        organizationId ?? undefined,
      )
      return typeof token === 'string' ? Promise.resolve(token) : token
    },
    /** Signs out; then the page goes to `redirectUrl`, or the client's `afterSignOutUrl`, if any. */
    async signOut({ sessionId, redirectUrl = options.afterSignOutUrl } = {}) {
      const to = redirectUrl ? navigable(redirectUrl, 'options-invalid', 'signOut: redirectUrl') : null
      await step(abi.EVENT_SIGN_OUT, 0, NaN, sessionId ?? undefined)
      if (to) go(to)
    },
    /** Sends the browser to the sign-in page, which comes back to `redirectUrl`. */
    redirectToSignIn: (options) => redirectTo('sign_in_url', options),
    redirectToSignUp: (options) => redirectTo('sign_up_url', options),
    setActive({ organizationId } = {}) {
      if (organizationId != null && typeof organizationId !== 'string') {
        return Promise.reject(new AuthError('options-invalid', 'setActive: organizationId is a string or null.'))
      }
      return call(abi.EVENT_SET_ACTIVE, 0, NaN, organizationId ?? undefined)
    },
  }
}
