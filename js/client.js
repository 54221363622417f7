// createAuthClient: the framework-free store over the wasm client (src/wasm/client.rs). The token
// cache and session state machine run in Rust; this file keeps the snapshot object stable between
// changes and tells subscribers (React's useSyncExternalStore among them) when it changes.
import { core, generation } from './wasm.js'
import { AuthError } from './errors.js'
import { NOT_LOADED, SIGNED_OUT, clientStep, shaped, stateFrom } from './core.js'
import { ORGANIZATION_ACTIVE, ORGANIZATION_ID, ORGANIZATION_PERSONAL } from './abi.js'
import { createCookies } from './cookies.js'
import { accountPortalUrl, addClerkErrors, createTransport } from './fapi.js'
import { instanceFrom } from './instance.js'
import { go, navigable } from './navigate.js'

// The channel's codes, as src/client/wire.rs defines them (a Rust test holds the two together).
const EVENT = { load: 0, getToken: 1, signOut: 2, setActive: 3, http: 4, networkError: 5, timer: 6, tab: 7 }
const SKIP_CACHE = 4 // added to getToken's organization selector (abi.js)
const EFFECT = { http: 0, timer: 1, settle: 2, state: 3, cookies: 4, broadcast: 5 }
const OUTCOME = { token: 0, done: 1, failed: 2 }
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
  let state = stateFrom(options.initialState)
  const listeners = new Set()
  // The wasm side is made on first use: a server rendering <AuthProvider> per request only reads
  // the state it was given and never loads, so it should not hold a client in wasm memory. It is
  // freed once nothing can step it any more (no caller, timer, request or channel left).
  // `machine.handle` is its handle in the instance of `machine.generation`: when that instance is
  // replaced (it trapped: js/wasm.js), the machine is gone with it, and a new one takes over, which
  // loads again if the old one had; the state stays as it was meanwhile.
  let machine = null
  let loaded = false
  let channel = null
  const waiters = new Map() // waiter id -> [resolve, reject] of a promise handed out
  const held = { handle: 0, generation: -1 } // what the finalizer frees
  const lost = () => {
    machine = null
    for (const [, reject] of waiters.values()) reject(new AuthError('internal-error', 'The client was reset.'))
    waiters.clear()
    if (loaded) queueMicrotask(() => step(EVENT.load)?.catch(() => {}))
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
        channel.onmessage = ({ data }) => typeof data === 'string' && step(EVENT.tab, 0, NaN, data)
      } catch {
        channel = undefined // no channel (an opaque origin): the tabs are not kept in step
      }
    }
    if (event === EVENT.load) loaded = true
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
    for (const [kind, x, y, z, w] of effects) {
      if (kind === EFFECT.http) {
        transport.send(y, z, w ?? undefined).then(
          ([status, body, retryAfter]) => report(EVENT.http, x, status, body, retryAfter),
          () => report(EVENT.networkError, x),
        )
      } else if (kind === EFFECT.timer) {
        setTimeout(() => report(EVENT.timer, x), y).unref?.() // Node: a refresh keeps no process alive
      } else if (kind === EFFECT.settle) {
        const [resolve, reject] = waiters.get(x)
        waiters.delete(x)
        try {
          resolve(value(y))
        } catch (error) {
          reject(error)
        }
      } else if (kind === EFFECT.state) {
        state = x ? (y ? Object.freeze({ isLoaded: true, ...shaped(y, z) }) : SIGNED_OUT) : NOT_LOADED
        for (const listener of [...listeners]) listener()
      } else if (kind === EFFECT.cookies) {
        cookies.session(x, y)
      } else if (kind === EFFECT.broadcast) {
        channel?.postMessage(JSON.stringify(x))
      }
    }
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
    if (kind !== OUTCOME.failed) return kind === OUTCOME.token ? x : undefined
    const error = new AuthError(x, message)
    if (status !== undefined) addClerkErrors(error, status, body)
    throw error
  }
  // The environment, for the Account Portal's URLs: fetched once, again after a failure.
  let environment = null
  const fetchEnvironment = () =>
    (environment ??= transport.send('GET', '/v1/environment').then(
      ([status, body]) => {
        if (status === 200) return JSON.parse(body)
        const code = status === 429 ? 'rate-limited' : status >= 500 ? 'server-error' : 'request-rejected'
        const error = new AuthError(code, `GET /v1/environment answered ${status}.`)
        addClerkErrors(error, status, body)
        throw error
      },
      (cause) => {
        throw new AuthError('network-error', 'The Frontend API could not be reached.', { cause })
      },
    )).catch((error) => {
      environment = null
      throw error instanceof AuthError ? error : new AuthError('response-invalid', 'The environment is not JSON.')
    })
  // The hosts the instance's pages may be on: its Frontend API's, and the publishable key's.
  const instanceHosts = [new URL(instance.frontendApi).hostname, instance.keyHost?.split(':')[0]].filter(Boolean)
  const redirectTo = async (key, { redirectUrl } = {}) => {
    const configured = options[key === 'sign_in_url' ? 'signInUrl' : 'signUpUrl']
    const url = accountPortalUrl({
      environment: configured ? null : await fetchEnvironment(),
      key,
      configured,
      redirectUrl,
      devBrowserToken: transport.devBrowserToken(),
      instanceHosts,
    })
    go(url)
    return url.href
  }
  // A public call: its failures reject, never throw (a replaced wasm instance throws from step).
  const call = (...args) => {
    try {
      return step(...args)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  return {
    load: () => call(EVENT.load),
    getState: () => state,
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
          ? ORGANIZATION_ACTIVE
          : organizationId === null
            ? ORGANIZATION_PERSONAL
            : ORGANIZATION_ID
      const token = call(
        EVENT.getToken,
        organization + (skipCache ? SKIP_CACHE : 0),
        leewayInSeconds,
        template,
        organizationId ?? undefined,
      )
      return typeof token === 'string' ? Promise.resolve(token) : token
    },
    async signOut({ sessionId, redirectUrl } = {}) {
      const to = redirectUrl ? navigable(redirectUrl, 'options-invalid', 'signOut: redirectUrl') : null
      await step(EVENT.signOut, 0, NaN, sessionId ?? undefined)
      if (to) go(to)
    },
    /** Sends the browser to the Account Portal's sign-in page, which comes back to `redirectUrl`. */
    redirectToSignIn: (options) => redirectTo('sign_in_url', options),
    redirectToSignUp: (options) => redirectTo('sign_up_url', options),
    setActive({ organizationId } = {}) {
      if (organizationId != null && typeof organizationId !== 'string') {
        return Promise.reject(new AuthError('options-invalid', 'setActive: organizationId is a string or null.'))
      }
      return call(EVENT.setActive, 0, NaN, organizationId ?? undefined)
    },
  }
}
