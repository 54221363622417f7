// Server-side auth for every part of the app: the proxy, route handlers and server components.
// The instance: CLERK_PUBLISHABLE_KEY (pk_test_… for a development instance, pk_live_… for a
// production one; the dev server prints its own) and AUTH_URL, where its Frontend API is reached
// (the dev server; leave it unset for a Clerk instance, whose key names its Frontend API). Without
// a key, AUTH_URL alone is the Frontend API. wasm-auth/server fetches and caches the instance's
// JWKS itself; a token under a key it does not know yet refetches, within a cooldown.
import { authenticateRequest } from 'wasm-auth/server'

/** What the browser's client and the server need to know of the instance. Read per call, at run time. */
export function instanceOptions() {
  const publishableKey = process.env.CLERK_PUBLISHABLE_KEY || undefined
  const authUrl = process.env.AUTH_URL?.replace(/\/$/, '') || (publishableKey ? undefined : 'http://127.0.0.1:4000')
  return publishableKey ? { publishableKey, proxyUrl: authUrl } : { frontendApi: authUrl }
}

/** The URL at which the browser reaches the Frontend API, for the app's own calls to it. */
export function frontendApiUrl({ publishableKey, proxyUrl, frontendApi }) {
  if (proxyUrl || frontendApi) return proxyUrl || frontendApi
  return `https://${atob(publishableKey.replace(/^pk_(test|live)_/, '')).replace(/\$$/, '')}`
}

/**
 * authenticateRequest for this app: `APP_URL`, when set, is the only origin whose tokens are
 * accepted (the token's `azp` is the origin of the page that asked for it). Never throws for a
 * bad token; an auth server that cannot be reached gives `reason: 'jwk-remote-failed-to-load'`.
 */
export function authenticate(request) {
  const appUrl = process.env.APP_URL
  return authenticateRequest(request, {
    ...instanceOptions(),
    authorizedParties: appUrl ? [appUrl.replace(/\/$/, '')] : undefined,
  })
}

/**
 * What <AuthProvider initialState> takes: the result minus its functions when it says who the
 * user is (signed in, or signed out for sure: no session cookies at all, or a handshake that
 * came back signed out). Otherwise (a token that did not verify on a request the proxy could not
 * redirect, an unreachable auth server) no initialState: the browser's client finds out.
 */
export function initialStateOf(auth) {
  const sure = ['session-token-and-uat-missing', 'session-token-missing']
  if (auth.status === 'signed-in' || sure.includes(auth.reason)) {
    const { has, getToken, ...state } = auth
    return state
  }
  return undefined
}
