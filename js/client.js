// createAuthClient: the framework-free store over the wasm client (src/wasm/client.rs). The token
// cache and session state machine run in Rust; this file keeps the snapshot object stable between
// changes and tells subscribers (React's useSyncExternalStore among them) when it changes.
import { core } from './wasm.js'
import { AuthError } from './errors.js'
import { stateFrom } from './core.js'
import { ORGANIZATION_ACTIVE, ORGANIZATION_ID, ORGANIZATION_PERSONAL } from './abi.js'
import { createCookies } from './cookies.js'
import { accountPortalUrl, addClerkErrors, createTransport } from './fapi.js'
import { instanceFrom } from './instance.js'

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
  const config = {
    channel: syncTabs ? `wasm-auth:${instance.frontendApi}` : null,
    seed: Math.floor(Math.random() * 2 ** 53),
  }
  let state = stateFrom(options.initialState)
  const listeners = new Set()
  const changed = (stateJson, claimsJson) => {
    const next = JSON.parse(stateJson)
    next.sessionClaims = claimsJson === undefined ? null : JSON.parse(claimsJson)
    state = Object.freeze(next)
    for (const listener of [...listeners]) listener()
  }
  // The wasm side is made on first use: a server rendering <AuthProvider> per request only reads
  // the state it was given and never loads, so it should not hold a client in wasm memory.
  let wasmClient = null
  const inner = () =>
    (wasmClient ??= new core.WasmAuthClient(
      JSON.stringify(config),
      changed,
      transport.send,
      cookies.session,
      addClerkErrors,
    ))
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
  const redirectTo = async (key, { redirectUrl } = {}) => {
    const url = accountPortalUrl(await fetchEnvironment(), key, redirectUrl, transport.devBrowserToken())
    globalThis.location?.assign(url)
    return url
  }

  return {
    load: () => inner().load(),
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
      const token = inner().getToken(
        template,
        organization,
        organizationId ?? undefined,
        Boolean(skipCache),
        leewayInSeconds,
      )
      return token instanceof Promise ? token : Promise.resolve(token)
    },
    async signOut({ sessionId, redirectUrl } = {}) {
      await inner().signOut(sessionId ?? undefined)
      if (redirectUrl && typeof location !== 'undefined') location.assign(redirectUrl)
    },
    /** Sends the browser to the Account Portal's sign-in page, which comes back to `redirectUrl`. */
    redirectToSignIn: (options) => redirectTo('sign_in_url', options),
    redirectToSignUp: (options) => redirectTo('sign_up_url', options),
    setActive({ organizationId } = {}) {
      if (organizationId != null && typeof organizationId !== 'string') {
        return Promise.reject(new AuthError('options-invalid', 'setActive: organizationId is a string or null.'))
      }
      return inner().setActive(organizationId ?? undefined)
    },
  }
}
