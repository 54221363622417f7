// createAuthClient: the framework-free store over the wasm client (src/wasm/client.rs). The token
// cache and session state machine run in Rust; this file keeps the snapshot object stable between
// changes and tells subscribers (React's useSyncExternalStore among them) when it changes.
import { core } from './wasm.js'
import { AuthError } from './errors.js'
import { stateFrom } from './core.js'
import { ORGANIZATION_ACTIVE, ORGANIZATION_ID, ORGANIZATION_PERSONAL } from './abi.js'

export function createAuthClient(options = {}) {
  const { frontendApi } = options
  if (typeof frontendApi !== 'string' || !/^https?:\/\//.test(frontendApi)) {
    throw new AuthError('options-invalid', 'createAuthClient needs frontendApi, the auth server URL.')
  }
  const inBrowser = typeof document !== 'undefined'
  const config = {
    frontendApi,
    sessionCookie: options.sessionCookie ?? inBrowser,
    syncTabs: options.syncTabs ?? (inBrowser && typeof BroadcastChannel !== 'undefined'),
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
  const inner = () => (wasmClient ??= new core.WasmAuthClient(JSON.stringify(config), changed))

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
    setActive({ organizationId } = {}) {
      if (organizationId != null && typeof organizationId !== 'string') {
        return Promise.reject(new AuthError('options-invalid', 'setActive: organizationId is a string or null.'))
      }
      return inner().setActive(organizationId ?? undefined)
    },
  }
}
